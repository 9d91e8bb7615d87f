//! Which references point at an imported binding.
//!
//! Vite answers this with a hand-written scope walker that has missed shadowing in
//! loops, blocks, `catch`, `switch`, class fields and more. Here the walk of the rewrite
//! keeps a stack of scopes, each with the import names declared in it, and a reference
//! to an import name waits until the scopes around it are left: a scope that declares
//! the name makes it a local, and one that reaches the module scope is the import.
//! Waiting matters, because a declaration can follow the references it captures (`var`
//! and function hoisting, and the temporal dead zone of `let`, `const` and `class`).
//!
//! ```text
//! import { a } from 'x'
//! a;                  // -> import binding 0
//! { a; let a }        // -> a local: left alone
//! function f(x = a) { var a }   // -> import binding 0: parameters do not see the body
//! ```

use oxc_ast::ast::{
    ArrowFunctionExpression, BindingPattern, Class, Declaration, ExportDefaultDeclarationKind, Function,
    ImportDeclarationSpecifier, Program, Statement, VariableDeclaration, VariableDeclarationKind,
};
use oxc_ast_visit::Visit;
use oxc_syntax::scope::ScopeFlags;
use rustc_hash::FxHashMap;

/// Resolves references to imports during one walk. Scopes are entered and left in tree
/// order; declarations name the scope they bind in. Only names of imports are tracked,
/// so a module that declares none again pays a scope push and pop per scope.
pub struct ImportScope<'n> {
    names: ImportNames<'n>,
    /// Innermost last; the module scope first.
    scopes: Vec<Scope>,
    /// References to an import's name whose scope is not known yet: the caller's id for
    /// the reference, and the import's binding index.
    pending: Vec<(usize, usize)>,
}

struct Scope {
    /// Binding indices of the imports whose names this scope declares again.
    declared: Vec<usize>,
    /// Where this scope's references start in `pending`.
    pending_start: usize,
    /// Whether `var` declarations inside bind here: the module, function bodies and
    /// class static blocks.
    holds_vars: bool,
}

impl<'n> ImportScope<'n> {
    /// Starts in the module scope; `bindings` maps each import's local name to its index.
    pub fn new(bindings: &'n FxHashMap<&'n str, usize>) -> Self {
        let module = Scope { declared: Vec::new(), pending_start: 0, holds_vars: true };
        Self { names: ImportNames::new(bindings), scopes: vec![module], pending: Vec::new() }
    }

    /// Whether no reference can be an import: the module imports no binding.
    pub fn is_empty(&self) -> bool {
        self.names.bindings.is_empty()
    }

    pub fn enter(&mut self, holds_vars: bool) {
        self.scopes.push(Scope { declared: Vec::new(), pending_start: self.pending.len(), holds_vars });
    }

    /// Declares `name` in the innermost scope, or for a `var` in the innermost that holds vars.
    pub fn declare(&mut self, name: &str, var: bool) {
        let Some(binding) = self.names.get(name) else {
            return;
        };
        let scope =
            if var { self.scopes.iter_mut().rev().find(|scope| scope.holds_vars) } else { self.scopes.last_mut() };
        scope.expect("the module scope holds vars").declared.push(binding);
    }

    /// Declares every name that `pattern` binds; see [`Self::declare`].
    pub fn declare_pattern(&mut self, pattern: &BindingPattern, var: bool) {
        if let BindingPattern::BindingIdentifier(id) = pattern {
            self.declare(&id.name, var);
            return;
        }
        for id in pattern.get_binding_identifiers() {
            self.declare(&id.name, var);
        }
    }

    /// A reference named `name`: the binding index of the import of that name, if any.
    /// Whether it is the import is known once its scopes are left: `reference` is handed
    /// to [`Self::leave`]'s callback if a scope declares the name again.
    pub fn reference(&mut self, name: &str, reference: usize) -> Option<usize> {
        let binding = self.names.get(name)?;
        self.pending.push((reference, binding));
        Some(binding)
    }

    /// Leaves the innermost scope, calling `local` with each reference that its
    /// declarations capture. The others wait for the enclosing scopes.
    pub fn leave(&mut self, mut local: impl FnMut(usize)) {
        let scope = self.scopes.pop().expect("a scope to leave");
        if scope.declared.is_empty() {
            return;
        }
        let mut kept = scope.pending_start;
        for i in scope.pending_start..self.pending.len() {
            let (reference, binding) = self.pending[i];
            if scope.declared.contains(&binding) {
                local(reference);
            } else {
                self.pending[kept] = self.pending[i];
                kept += 1;
            }
        }
        self.pending.truncate(kept);
    }
}

/// Import bindings by local name. Every identifier in the module is looked up, and most
/// are no import: those that share neither a length nor a first character with any
/// import's name are turned away without hashing the name.
struct ImportNames<'n> {
    bindings: &'n FxHashMap<&'n str, usize>,
    /// Bit `min(length, 63)` for each name.
    lengths: u64,
    /// Bit `b` for each first byte `b`.
    first_bytes: [u64; 4],
}

impl<'n> ImportNames<'n> {
    pub fn new(bindings: &'n FxHashMap<&'n str, usize>) -> Self {
        let mut names = Self { bindings, lengths: 0, first_bytes: [0; 4] };
        for name in bindings.keys() {
            names.lengths |= Self::length_bit(name);
            let first = name.as_bytes().first().copied().unwrap_or(0);
            names.first_bytes[usize::from(first >> 6)] |= 1 << (first & 63);
        }
        names
    }

    fn length_bit(name: &str) -> u64 {
        1 << name.len().min(63)
    }

    fn get(&self, name: &str) -> Option<usize> {
        let first = name.as_bytes().first().copied().unwrap_or(0);
        let possible = self.lengths & Self::length_bit(name) != 0
            && self.first_bytes[usize::from(first >> 6)] & (1 << (first & 63)) != 0;
        if possible { self.bindings.get(name).copied() } else { None }
    }
}

/// Whether the module's top-level scope binds `name`: an import, a declaration, or a
/// `var` anywhere outside functions.
pub fn binds_at_top_level(program: &Program, name: &str) -> bool {
    let mut vars = VarNames { name, found: false };
    for statement in &program.body {
        let declared = match statement {
            Statement::ImportDeclaration(import) => import.specifiers.iter().flatten().any(|specifier| {
                let local = match specifier {
                    ImportDeclarationSpecifier::ImportSpecifier(s) => &s.local,
                    ImportDeclarationSpecifier::ImportDefaultSpecifier(s) => &s.local,
                    ImportDeclarationSpecifier::ImportNamespaceSpecifier(s) => &s.local,
                };
                local.name == name
            }),
            Statement::ExportDeclaration(export) => declaration_binds(&export.declaration, name),
            Statement::ExportDefaultDeclaration(export) => match &export.declaration {
                ExportDefaultDeclarationKind::FunctionDeclaration(f) => f.id.as_ref().is_some_and(|id| id.name == name),
                ExportDefaultDeclarationKind::ClassDeclaration(c) => c.id.as_ref().is_some_and(|id| id.name == name),
                _ => false,
            },
            _ => statement.as_declaration().is_some_and(|declaration| declaration_binds(declaration, name)),
        };
        vars.visit_statement(statement);
        if declared || vars.found {
            return true;
        }
    }
    false
}

fn declaration_binds(declaration: &Declaration, name: &str) -> bool {
    match declaration {
        Declaration::VariableDeclaration(var) => var_binds(var, name),
        Declaration::FunctionDeclaration(f) => f.id.as_ref().is_some_and(|id| id.name == name),
        Declaration::ClassDeclaration(c) => c.id.as_ref().is_some_and(|id| id.name == name),
        _ => false,
    }
}

fn var_binds(var: &VariableDeclaration, name: &str) -> bool {
    var.declarations.iter().any(|d| d.id.get_binding_identifiers().iter().any(|id| id.name == name))
}

/// Finds a `var` of one name outside functions: such a `var` belongs to the enclosing
/// (here: top-level) scope wherever it stands.
struct VarNames<'n> {
    name: &'n str,
    found: bool,
}

impl<'a> Visit<'a> for VarNames<'_> {
    fn visit_variable_declaration(&mut self, var: &VariableDeclaration<'a>) {
        self.found |= var.kind == VariableDeclarationKind::Var && var_binds(var, self.name);
    }

    fn visit_function(&mut self, _: &Function<'a>, _: ScopeFlags) {}

    fn visit_arrow_function_expression(&mut self, _: &ArrowFunctionExpression<'a>) {}

    fn visit_class(&mut self, _: &Class<'a>) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    fn binds(code: &str) -> bool {
        let allocator = oxc_allocator::Allocator::default();
        let program = crate::parse::parse_module(&allocator, code, "").unwrap();
        binds_at_top_level(&program, "Object")
    }

    #[test]
    fn top_level_bindings() {
        for code in [
            "import Object from 'x'",
            "export const Object = 1",
            "let { a: [Object] } = x",
            "{ var Object }",
            "for (var Object of []) ;",
            "export default function Object() {}",
            "class Object {}",
        ] {
            assert!(binds(code), "{code}");
        }
        for code in ["{ let Object }", "function f() { var Object }", "for (let Object of []) ;", "x = { Object }"] {
            assert!(!binds(code), "{code}");
        }
    }
}
