//! Which references point at an imported binding.
//!
//! Vite answers this with a hand-written scope walker that has missed shadowing in
//! loops, blocks, `catch`, `switch`, class fields and more. Here the answer is exact.
//! In most modules no import's name is declared anywhere else, and then every reference
//! with that name is the import ([`ImportScope::ByName`]). Otherwise the answer comes
//! from `oxc_semantic`'s symbol table ([`ImportScope::BySymbol`]).
//!
//! ```text
//! import { a } from 'x'
//! a;                 // -> import binding 0
//! { let a; a }       // -> a local: left alone (and the table is built, as `a` is shadowed)
//! ```

use oxc_ast::ast::{
    ArrowFunctionExpression, BindingIdentifier, Class, Declaration, ExportDefaultDeclarationKind, Function,
    IdentifierReference, ImportDeclarationSpecifier, Program, Statement, VariableDeclaration, VariableDeclarationKind,
};
use oxc_ast_visit::Visit;
use oxc_semantic::{ScopeId, Scoping, SemanticBuilder, Stats, SymbolId};
use oxc_syntax::scope::ScopeFlags;
use rustc_hash::FxHashMap;

pub enum ImportScope<'n> {
    /// No import's local name is declared again: a name is enough.
    ByName(ImportNames<'n>),
    /// Import specifiers' symbols -> binding index, with the table that resolves references.
    BySymbol { scoping: Box<Scoping>, imports: FxHashMap<SymbolId, usize> },
}

impl<'n> ImportScope<'n> {
    /// Builds the symbol table; `import_locals` are the specifiers' local bindings. Once
    /// per module, and kept out of line so that profiles show its cost on its own.
    #[inline(never)]
    pub fn by_symbol(program: &Program, import_locals: &[(&BindingIdentifier, usize)]) -> Self {
        // Without counts, the builder first walks the whole tree to count what to make
        // room for; rough counts from the length cost nothing, and are only capacities.
        let length = program.source_text.len() as u32;
        let estimate = Stats::new(length / 4, length / 256, length / 48, length / 16);
        let scoping = SemanticBuilder::new()
            .with_check_syntax_error(false)
            .with_class_table(false)
            .with_stats(estimate)
            .build(program)
            .semantic
            .into_scoping();
        // Symbols are assigned while the table is built, so they are read only now.
        let imports =
            import_locals.iter().filter_map(|&(local, index)| Some((local.symbol_id.get()?, index))).collect();
        Self::BySymbol { scoping: Box::new(scoping), imports }
    }

    /// The binding index of the import that `reference` resolves to, if any.
    pub fn import_of(&self, reference: &IdentifierReference) -> Option<usize> {
        match self {
            Self::ByName(names) => names.get(reference.name.as_str()),
            Self::BySymbol { scoping, imports } => {
                let symbol = scoping.get_reference(reference.reference_id.get()?).symbol_id()?;
                imports.get(&symbol).copied()
            }
        }
    }

    /// [`Self::import_of`] for a reference inside the parameters of the functions with the
    /// given scopes (innermost last), each with the bindings its parameters can see: its
    /// parameters and, for a named function expression, its name, but not its body's
    /// declarations. oxc 0.146 resolves such a reference while it reads the parameters,
    /// before a later declaration of an enclosing function is bound, and then to an
    /// import; here the name is looked up in the finished table instead.
    pub fn import_of_in_parameters(
        &self,
        reference: &IdentifierReference,
        parameter_scopes: &[(ScopeId, Vec<SymbolId>)],
    ) -> Option<usize> {
        let Self::BySymbol { scoping, imports } = self else {
            return self.import_of(reference);
        };
        let mut scope = scoping.get_reference(reference.reference_id.get()?).scope_id();
        loop {
            if let Some(symbol) = scoping.get_binding(scope, reference.name) {
                let hidden = parameter_scopes
                    .iter()
                    .any(|(parameters_of, visible)| *parameters_of == scope && !visible.contains(&symbol));
                if !hidden {
                    return imports.get(&symbol).copied();
                }
            }
            scope = scoping.scope_parent_id(scope)?;
        }
    }

    /// Whether no reference can be an import: the module imports no binding.
    pub fn is_empty(&self) -> bool {
        match self {
            Self::ByName(names) => names.bindings.is_empty(),
            Self::BySymbol { imports, .. } => imports.is_empty(),
        }
    }

    pub fn resolves_by_symbol(&self) -> bool {
        matches!(self, Self::BySymbol { .. })
    }

    /// Whether declaring `name` makes resolving by name unsound.
    pub fn is_shadowed_by(&self, name: &str) -> bool {
        matches!(self, Self::ByName(names) if names.get(name).is_some())
    }
}

/// Import bindings by local name. Every identifier in the module is looked up, and most
/// are no import: those that share neither a length nor a first character with any
/// import's name are turned away without hashing the name.
pub struct ImportNames<'n> {
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
