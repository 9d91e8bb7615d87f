//! The early errors of a module that the parser leaves to later phases, and that the
//! runner, which evaluates the result as an async function body, would never report.
//!
//! ```text
//! var a; function a() {}      // allowed in a function body; an error in a module
//! import { a } from 'x'; let a // the import is gone after the transform
//! export { missing }          // nothing to export
//! import eval from 'x'        // `eval` cannot be bound in strict code
//! function f() { await }      // `await` is reserved in module code, not only where it awaits
//! ```
//!
//! Errors that the runner's `new AsyncFunction('"use strict";' + code)` reports anyway
//! (`with`, legacy octal, duplicate parameters, duplicate `let` in a block, …) are not
//! repeated here: they are the same in a function body and in a module.

use oxc_ast::ast::{
    ArrowFunctionExpression, BindingIdentifier, Class, Declaration, ExportDefaultDeclarationKind, Function,
    IdentifierReference, LabelIdentifier, Program, RegExpLiteral, Statement, StringLiteral, TemplateElement,
    VariableDeclaration, VariableDeclarationKind,
};
use oxc_ast_visit::{Visit, walk};
use oxc_diagnostics::OxcDiagnostic;
use oxc_span::{GetSpan, Span};
use oxc_syntax::scope::ScopeFlags;
use rustc_hash::{FxBuildHasher, FxHashMap};

use crate::syntax;

/// The early errors of `program`, in source order of the offending name.
pub fn module_early_errors(program: &Program) -> Vec<OxcDiagnostic> {
    // Most top-level statements declare a name; sized so that neither the list nor the
    // map below grows a few times in every module.
    let mut lexical: Vec<(&str, Span)> = Vec::with_capacity(program.body.len());
    let mut vars = VarDeclarations::default();
    let mut errors = Vec::new();
    for statement in &program.body {
        match statement {
            Statement::ImportDeclaration(import) => {
                for specifier in import.specifiers.iter().flatten() {
                    let local = specifier.local();
                    if matches!(local.name.as_str(), "eval" | "arguments") {
                        errors.push(
                            OxcDiagnostic::error(format!("Cannot bind `{}` in a module (strict mode)", local.name))
                                .with_label(local.span),
                        );
                    }
                    lexical.push((local.name.as_str(), local.span));
                }
            }
            Statement::ExportDeclaration(export) => lexically_declare(&export.declaration, &mut lexical),
            Statement::ExportDefaultDeclaration(export) => {
                let id = match &export.declaration {
                    ExportDefaultDeclarationKind::FunctionDeclaration(f) => f.id.as_ref(),
                    ExportDefaultDeclarationKind::ClassDeclaration(c) => c.id.as_ref(),
                    _ => None,
                };
                lexical.extend(id.map(|id| (id.name.as_str(), id.span)));
            }
            _ => {
                if let Some(declaration) = statement.as_declaration() {
                    lexically_declare(declaration, &mut lexical);
                }
            }
        }
        vars.visit_statement(statement);
    }

    let mut first: FxHashMap<&str, Span> = FxHashMap::with_capacity_and_hasher(lexical.len(), FxBuildHasher);
    for &(name, span) in &lexical {
        if first.insert(name, span).is_some() {
            errors.push(redeclared(name, span));
        }
    }
    for &(name, span) in &vars.names {
        if first.contains_key(name) {
            errors.push(redeclared(name, span));
        }
    }
    let declared = |name: &str| first.contains_key(name) || vars.names.iter().any(|&(var, _)| var == name);
    for statement in &program.body {
        if let Statement::ExportNamedDeclaration(export) = statement {
            for specifier in &export.specifiers {
                let (name, span) = (specifier.local.name().as_str(), specifier.local.span());
                if !declared(name) {
                    errors.push(OxcDiagnostic::error(format!("Export '{name}' is not defined")).with_label(span));
                }
            }
        }
    }
    errors.extend(html_open_comment_in_code(program));
    errors.extend(await_as_identifier(program));
    errors.sort_by_key(|error| error.labels.first().map_or(0, oxc_span::LabeledSpan::offset));
    errors
}

/// `<!--` outside strings, templates, regular expressions and comments. In a module it is
/// no comment, and Node rejects it; the parser only catches it at the start of a line, and
/// the runner, compiling a function body (script code), would read the rest of the line
/// as a comment.
fn html_open_comment_in_code(program: &Program) -> Option<OxcDiagnostic> {
    let source = program.source_text;
    let mut occurrences = syntax::HTML_OPEN_COMMENT.find_iter(source.as_bytes()).peekable();
    occurrences.peek()?;
    let mut literals = LiteralSpans::default();
    literals.visit_program(program);
    literals.spans.extend(program.comments.iter().map(|comment| comment.span));
    occurrences
        .map(|at| at as u32)
        .find(|&at| !literals.spans.iter().any(|span| span.start <= at && at < span.end))
        .map(|at| OxcDiagnostic::error("HTML comments are not allowed in modules").with_label(Span::new(at, at + 4)))
}

/// `await` as a name: a reference, a binding, a label or a shorthand property. Module code
/// reserves the word everywhere, but the parser (oxc 0.146) reports it only where an
/// `await` expression could stand (async functions and the top level); inside any other
/// function, and in class field initializers, the runner's function body would accept it.
fn await_as_identifier(program: &Program) -> Vec<OxcDiagnostic> {
    if syntax::AWAIT.find(program.source_text.as_bytes()).is_none() {
        return Vec::new();
    }
    let mut names = AwaitNames { source: program.source_text, found: Vec::new() };
    names.visit_program(program);
    names
        .found
        .into_iter()
        .map(|span| OxcDiagnostic::error("Unexpected reserved word `await`: module code reserves it").with_label(span))
        .collect()
}

/// Finds `await` used as a name, walking only the statements whose text holds the word.
struct AwaitNames<'a> {
    source: &'a str,
    found: Vec<Span>,
}

impl AwaitNames<'_> {
    fn check(&mut self, name: &str, span: Span) {
        if name == "await" {
            self.found.push(span);
        }
    }
}

impl<'a> Visit<'a> for AwaitNames<'_> {
    fn visit_statement(&mut self, statement: &Statement<'a>) {
        let span = statement.span();
        if syntax::AWAIT.find(&self.source.as_bytes()[span.start as usize..span.end as usize]).is_some() {
            walk::walk_statement(self, statement);
        }
    }

    fn visit_identifier_reference(&mut self, reference: &IdentifierReference<'a>) {
        self.check(&reference.name, reference.span);
    }

    fn visit_binding_identifier(&mut self, binding: &BindingIdentifier<'a>) {
        self.check(&binding.name, binding.span);
    }

    fn visit_label_identifier(&mut self, label: &LabelIdentifier<'a>) {
        self.check(&label.name, label.span);
    }
}

/// Spans of text that is not code: string, template and regular expression literals.
#[derive(Default)]
struct LiteralSpans {
    spans: Vec<Span>,
}

impl<'a> Visit<'a> for LiteralSpans {
    fn visit_string_literal(&mut self, literal: &StringLiteral<'a>) {
        self.spans.push(literal.span);
    }

    fn visit_template_element(&mut self, element: &TemplateElement<'a>) {
        self.spans.push(element.span);
    }

    fn visit_reg_exp_literal(&mut self, literal: &RegExpLiteral<'a>) {
        self.spans.push(literal.span);
    }
}

fn redeclared(name: &str, span: Span) -> OxcDiagnostic {
    OxcDiagnostic::error(format!("Identifier `{name}` has already been declared")).with_label(span)
}

/// A top-level declaration's names: in a module, functions are lexical too.
fn lexically_declare<'a>(declaration: &'a Declaration<'a>, names: &mut Vec<(&'a str, Span)>) {
    let id = match declaration {
        Declaration::VariableDeclaration(var) if var.kind != VariableDeclarationKind::Var => {
            names.extend(
                var.declarations
                    .iter()
                    .flat_map(|d| d.id.get_binding_identifiers())
                    .map(|id| (id.name.as_str(), id.span)),
            );
            None
        }
        Declaration::FunctionDeclaration(f) => f.id.as_ref(),
        Declaration::ClassDeclaration(c) => c.id.as_ref(),
        _ => None,
    };
    names.extend(id.map(|id: &BindingIdentifier| (id.name.as_str(), id.span)));
}

/// `var` declarations outside functions: the module's VarDeclaredNames.
#[derive(Default)]
struct VarDeclarations<'a> {
    names: Vec<(&'a str, Span)>,
}

impl<'a> Visit<'a> for VarDeclarations<'a> {
    fn visit_variable_declaration(&mut self, var: &VariableDeclaration<'a>) {
        if var.kind == VariableDeclarationKind::Var {
            for declarator in &var.declarations {
                self.names.extend(declarator.id.get_binding_identifiers().iter().map(|id| (id.name.as_str(), id.span)));
            }
        }
    }

    fn visit_function(&mut self, _: &Function<'a>, _: ScopeFlags) {}

    fn visit_arrow_function_expression(&mut self, _: &ArrowFunctionExpression<'a>) {}

    fn visit_class(&mut self, _: &Class<'a>) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(code: &str) -> Vec<String> {
        let allocator = oxc_allocator::Allocator::default();
        let program = crate::parse::parse_module(&allocator, code, "").unwrap();
        module_early_errors(&program).iter().map(|e| e.message.to_string()).collect()
    }

    #[test]
    fn top_level_redeclarations() {
        assert_eq!(errors("var a; function a() {}"), ["Identifier `a` has already been declared"]);
        assert_eq!(errors("function a() {} function a() {}"), ["Identifier `a` has already been declared"]);
        assert_eq!(errors("import { a } from 'x'; let a"), ["Identifier `a` has already been declared"]);
        assert_eq!(errors("let a; { var a }"), ["Identifier `a` has already been declared"]);
        assert!(errors("var a; var a; function f() { var f; let a } { let a }").is_empty());
    }

    #[test]
    fn html_open_comment_in_code() {
        assert_eq!(errors("x = 1 <!-- y"), ["HTML comments are not allowed in modules"]);
        assert!(errors("s = '<!--'; t = `<!--${s}`; r = /<!--/; // <!--").is_empty());
    }

    #[test]
    fn await_is_reserved_everywhere_in_module_code() {
        const RESERVED: &str = "Unexpected reserved word `await`: module code reserves it";
        for code in [
            "function f() { await; }",
            "function f() { var await = 1; }",
            "function g() { await: 1 }",
            "function g() { x: while (1) { break await; } }",
            "async () => class { x = await }",
            "function f() { ({ await }) }",
            "function f() { let { a: [await] } = {} }",
            "function f(await) {}",
            "function f() { try {} catch (await) {} }",
            "function f() { class C { static x = await } }",
            "(function await() {})",
            "export default function () { await }",
        ] {
            assert_eq!(errors(code), [RESERVED], "{code}");
        }
        for code in [
            "o.await; ({ await: 1 }); class C { await() {} static await = 1 }",
            "import { await as a } from 'x'; export { a as await }; export { await as b } from 'y'",
            "export { a as 'await' }; var a",
            "await x; async function f() { await y; for await (const z of w); }",
            "const s = 'await'; // await",
        ] {
            assert!(errors(code).is_empty(), "{code}: {:?}", errors(code));
        }
    }

    #[test]
    fn exports_and_imports() {
        assert_eq!(errors("export { missing }"), ["Export 'missing' is not defined"]);
        assert!(errors("var a; let b; function c() {} export { a, b, c as d }").is_empty());
        assert_eq!(errors("import eval from 'x'"), ["Cannot bind `eval` in a module (strict mode)"]);
        assert_eq!(errors("import { x as arguments } from 'x'"), ["Cannot bind `arguments` in a module (strict mode)"]);
    }
}
