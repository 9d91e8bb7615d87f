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
    ArrowFunctionExpression, BindingPattern, Class, Declaration, ExportDefaultDeclarationKind, Function, Program,
    Statement, VariableDeclaration, VariableDeclarationKind,
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
        // Room for the nesting of most code, so that the stack does not grow in every module.
        let mut scopes = Vec::with_capacity(16);
        scopes.push(Scope { declared: Vec::new(), pending_start: 0, holds_vars: true });
        Self { names: ImportNames::new(bindings), scopes, pending: Vec::new() }
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
            Statement::ImportDeclaration(import) => {
                import.specifiers.iter().flatten().any(|specifier| specifier.local().name == name)
            }
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
    use oxc_ast::ast::{CatchParameter, FormalParameters, IdentifierReference, ImportDeclaration};
    use oxc_span::Span;

    use super::*;
    use crate::early_errors::module_early_errors;
    use crate::walker::{Mode, Walker};

    fn transform(code: &str) -> String {
        crate::ssr_transform(code, None, "/a.js", &crate::TransformOptions::default()).unwrap().code
    }

    /// `code`'s output holds `fragment`.
    fn test(code: &str, fragment: &str) {
        let out = transform(code);
        assert!(out.contains(fragment), "{out}");
    }

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

    #[test]
    fn parameters_see_parameters_and_the_function_name_but_not_the_body() {
        // Native Node: a parameter default sees the parameters and a function
        // expression's name, and the enclosing scopes, but not the body's declarations.
        test(
            "import { a } from 'm'\nfunction f(x = a, y = () => a) { var a }",
            "function f(x = __vite_ssr_import_0__.a, y = () => __vite_ssr_import_0__.a) { var a }",
        );
        test("import { a } from 'm'\nfunction f(a, x = a) {}", "function f(a, x = a) {}");
        test("import { a } from 'm'\nconst g = function a(x = a) {}", "function a(x = a) {}");
        test("import { a } from 'm'\nfunction f() { ((x = a) => x)(); var a }", "((x = a) => x)(); var a");
    }

    #[test]
    fn catch_parameter_defaults_see_vars_hoisted_from_the_block() {
        // Native Node reads the local `var` (undefined) in both.
        test("import { b } from 'm'\nfunction f() { try {} catch ([x = b]) { var b } }", "catch ([x = b]) { var b }");
        test(
            "import { b } from 'm'\n((y = 1) => { try {} catch ({ x = b }) { var { b } = {} } })",
            "catch ({ x = b })",
        );
    }

    #[test]
    fn shadowed_import_is_left_alone() {
        let out = transform("import { a } from 'x'\nfunction f(a) { return a }\nfor (let a of []) a;\na");
        assert!(out.ends_with("__vite_ssr_import_0__.a"), "{out}");
        assert!(out.contains("function f(a) { return a }"), "{out}");
        assert!(out.contains("for (let a of []) a;"), "{out}");
    }

    /// Programs that import `a` and `b` and declare and read them in nested scopes of
    /// every kind, from a seed. Declarations of the imports stay out of the module scope,
    /// where they would be early errors.
    fn scoping_program(seed: &mut u64) -> String {
        const DECLARATIONS: [&str; 9] = [
            "var a;",
            "let a;",
            "const b = 1;",
            "function a() {}",
            "class b {}",
            "let [a] = [];",
            "var { b } = {};",
            "for (var a of []);",
            "using b = null;",
        ];
        const READS: [&str; 5] = ["a;", "b();", "({ a });", "x = b;", "[a] = [];"];
        const PARAMETERS: [&str; 6] = ["", "a", "x = b", "{ a } = {}", "...b", "x = () => a"];
        fn next(seed: &mut u64, n: usize) -> usize {
            *seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (*seed >> 33) as usize % n
        }
        fn statements(seed: &mut u64, depth: u32, top: bool, out: &mut String) {
            for _ in 0..=next(seed, 3) {
                let parameters = PARAMETERS[next(seed, PARAMETERS.len())];
                let open = match next(seed, if depth == 0 { 3 } else { 14 }) {
                    0 | 1 => {
                        out.push_str(READS[next(seed, READS.len())]);
                        continue;
                    }
                    2 if !top => {
                        out.push_str(DECLARATIONS[next(seed, DECLARATIONS.len())]);
                        continue;
                    }
                    2 => {
                        out.push_str("a;");
                        continue;
                    }
                    3 => "{".to_owned(),
                    4 => format!("function f({parameters}) {{"),
                    5 => format!("(function {}({parameters}) {{", ["a", "g"][next(seed, 2)]),
                    6 => format!("(({parameters}) => {{"),
                    7 => format!("try {{}} catch ({}) {{", ["a", "e", "{ b }", "[a = b]"][next(seed, 4)]),
                    8 => ["for (let a = 0; a < 1; a++) {", "for (const b of [b]) {", "for (let x in { a }) {"]
                        [next(seed, 3)]
                    .to_owned(),
                    9 => "switch (a) { case 1:".to_owned(),
                    10 => format!("class K extends (b) {{ m({parameters}) {{"),
                    11 => "class K { static {".to_owned(),
                    12 => "(class a { x = a; m() {".to_owned(),
                    _ => "label: {".to_owned(),
                };
                out.push_str(&open);
                statements(seed, depth - 1, false, out);
                out.push_str(match open.as_bytes()[0] {
                    b'(' if open.starts_with("(class") => "} });",
                    b'(' => "})();",
                    b'c' => "} }",
                    _ => "}",
                });
            }
        }
        let mut out = String::from("import { a } from 'm'; import b from 'n';\n");
        statements(seed, 4, true, &mut out);
        out
    }

    /// Parameter lists and `catch` parameters: in their defaults, oxc 0.146's symbol
    /// table binds a name to a declaration of the body (parameters) or misses a `var`
    /// hoisted out of the body (`catch`). Native Node agrees with the walk there (the
    /// `*_defaults_*` tests).
    #[derive(Default)]
    struct Parameters(Vec<Span>);

    impl<'a> Visit<'a> for Parameters {
        fn visit_formal_parameters(&mut self, parameters: &FormalParameters<'a>) {
            self.0.push(parameters.span);
        }

        fn visit_catch_parameter(&mut self, parameter: &CatchParameter<'a>) {
            self.0.push(parameter.span);
        }
    }

    impl Parameters {
        fn of(program: &Program) -> Self {
            let mut parameters = Self::default();
            parameters.visit_program(program);
            parameters
        }

        fn contain(&self, span: Span) -> bool {
            self.0.iter().any(|p| p.start <= span.start && span.end <= p.end)
        }
    }

    /// The spans of the references, outside [`Parameters`], that `oxc_semantic`'s symbol
    /// table resolves to the imports `a` and `b`. The code is parsed again, with the
    /// identifier hashes the symbol table needs and the transform does without.
    fn imports_by_symbol_table(code: &str) -> Vec<Span> {
        struct References<'s> {
            scoping: &'s oxc_semantic::Scoping,
            imports: Vec<oxc_semantic::SymbolId>,
            found: Vec<Span>,
        }
        impl<'a> Visit<'a> for References<'_> {
            fn visit_identifier_reference(&mut self, reference: &IdentifierReference<'a>) {
                let symbol = self.scoping.get_reference(reference.reference_id()).symbol_id();
                if symbol.is_some_and(|symbol| self.imports.contains(&symbol)) {
                    self.found.push(reference.span);
                }
            }
            fn visit_import_declaration(&mut self, _: &ImportDeclaration<'a>) {}
        }
        let allocator = oxc_allocator::Allocator::default();
        let options = oxc_parser::ParseOptions { preserve_parens: false, ..oxc_parser::ParseOptions::default() };
        let program = oxc_parser::Parser::new(&allocator, code, oxc_span::SourceType::mjs())
            .with_options(options)
            .parse()
            .program;
        let program = &program;
        let scoping = oxc_semantic::SemanticBuilder::new().build(program).semantic.into_scoping();
        let imports = ["a", "b"].iter().filter_map(|name| scoping.get_root_binding((*name).into())).collect();
        let mut references = References { scoping: &scoping, imports, found: Vec::new() };
        references.visit_program(program);
        let parameters = Parameters::of(program);
        references.found.into_iter().filter(|&span| !parameters.contain(span)).collect()
    }

    /// The same, from the walk's own resolution.
    fn imports_by_walk(program: &Program) -> Vec<Span> {
        let bindings: FxHashMap<&str, usize> = [("a", 0), ("b", 1)].into_iter().collect();
        let walked = Walker::walk(program, ImportScope::new(&bindings), Mode::Vite);
        let parameters = Parameters::of(program);
        let mut found: Vec<Span> = walked
            .identifier_edits
            .iter()
            .filter(|edit| !edit.local && !parameters.contain(edit.span))
            .map(|edit| edit.span)
            .collect();
        found.sort_by_key(|span| span.start);
        found
    }

    #[test]
    fn scoping_equals_the_symbol_table() {
        let mut seed = 7;
        let mut compared = 0;
        for _ in 0..3000 {
            let code = scoping_program(&mut seed);
            let allocator = oxc_allocator::Allocator::default();
            let Ok(program) = crate::parse::parse_module(&allocator, &code, "/a.js") else {
                continue;
            };
            if !module_early_errors(&program).is_empty() {
                continue;
            }
            assert_eq!(imports_by_walk(&program), imports_by_symbol_table(&code), "{code}");
            compared += 1;
        }
        assert!(compared > 1000, "only {compared} programs were valid");
    }
}
