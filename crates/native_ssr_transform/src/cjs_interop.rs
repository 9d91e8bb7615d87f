//! Named imports from pre-bundled CommonJS dependencies: Vite's `transformCjsImport`,
//! and `interopNamedImports` applied to a whole module in one pass.
//!
//! ```text
//! import React, { useState } from 'react'
//! -> importLine:         import __vite__cjsImport0_react from "/deps/react.js"
//!    hoistedAssignments: const React = !__vite__cjsImport0_react.__esModule ? … ; const useState = __vite__cjsImport0_react["useState"]
//! ```
//!
//! Vite 8.3 is the default; [`Format::Legacy`] is Vite 5.4's single-string form.

use std::fmt::Write as _;

use oxc_ast::ast::{
    ExportSpecifier, Expression, ImportDeclarationSpecifier, ImportExpression, ImportMeta, ModuleExportName, Program,
    Statement,
};
use oxc_ast_visit::{Visit, walk};
use oxc_span::{GetSpan, Span};
use sha2::{Digest, Sha256};

use crate::edits::Edits;
use crate::error::Error;
use crate::parse::with_module;
use crate::sourcemap::encode_mappings;
use crate::syntax::{file_start, json_string};

/// Vite 8.3's `interopHelper`, as its bundle prints it (`toString()` without newlines).
pub const INTEROP_HELPER: &str = "(m, n) => n || !m?.__esModule ? {\t...typeof m === \"object\" && !Array.isArray(m) || typeof m === \"function\" ? m : {},\tdefault: m} : m";
/// Vite 5.4's `interopHelper`.
const LEGACY_INTEROP_HELPER: &str = "(m) => m?.__esModule ? m : { ...typeof m === \"object\" && !Array.isArray(m) || typeof m === \"function\" ? m : {}, default: m }";

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Format {
    /// Vite 8.3: `{ importLine, hoistedAssignments }`.
    #[default]
    Current,
    /// Vite 2–5: one string, the import line and assignments joined by `; `.
    Legacy,
}

/// The result of rewriting one import statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CjsImport {
    Rewritten {
        import_line: String,
        hoisted_assignments: Option<String>,
    },
    /// Vite leaves the statement alone. `lost_exports` is set for `export * from`, whose
    /// exports Vite cannot name, and which it warns about when serving.
    Unchanged {
        lost_exports: bool,
    },
}

/// What one import statement asks of the CommonJS module.
enum Binding<'a> {
    Default { local: &'a str },
    Namespace { local: &'a str },
    Named { imported: &'a str, local: &'a str, imported_is_string: bool },
    ReExport { imported: &'a str, exported: &'a str, exported_is_string: bool },
}

enum Statement_<'a> {
    Bindings(Vec<Binding<'a>>),
    ExportAll { named: bool },
    Other,
}

fn re_export<'a>(specifier: &'a ExportSpecifier<'a>) -> Binding<'a> {
    Binding::ReExport {
        imported: specifier.local.name().as_str(),
        exported: specifier.exported.name().as_str(),
        exported_is_string: matches!(specifier.exported, ModuleExportName::StringLiteral(_)),
    }
}

fn describe<'a>(statement: &'a Statement<'a>) -> Statement_<'a> {
    match statement {
        Statement::ImportDeclaration(import) => Statement_::Bindings(
            import
                .specifiers
                .iter()
                .flatten()
                .map(|specifier| match specifier {
                    ImportDeclarationSpecifier::ImportSpecifier(s) => Binding::Named {
                        imported: s.imported.name().as_str(),
                        local: s.local.name.as_str(),
                        imported_is_string: matches!(s.imported, ModuleExportName::StringLiteral(_)),
                    },
                    ImportDeclarationSpecifier::ImportDefaultSpecifier(s) => {
                        Binding::Default { local: s.local.name.as_str() }
                    }
                    ImportDeclarationSpecifier::ImportNamespaceSpecifier(s) => {
                        Binding::Namespace { local: s.local.name.as_str() }
                    }
                })
                .collect(),
        ),
        Statement::ExportFromDeclaration(export) => {
            Statement_::Bindings(export.specifiers.iter().map(re_export).collect())
        }
        Statement::ExportNamedDeclaration(export) => {
            Statement_::Bindings(export.specifiers.iter().map(re_export).collect())
        }
        Statement::ExportDeclaration(_) => Statement_::Bindings(Vec::new()),
        Statement::ExportAllDeclaration(export) => Statement_::ExportAll { named: export.exported.is_some() },
        _ => Statement_::Other,
    }
}

/// The words `makeLegalIdentifier` prefixes with `_`: reserved words, and globals that a
/// generated binding must not shadow (`@rollup/pluginutils`' list, the empty name included).
const FORBIDDEN_IDENTIFIERS: &[&str] = &[
    "break",
    "case",
    "class",
    "catch",
    "const",
    "continue",
    "debugger",
    "default",
    "delete",
    "do",
    "else",
    "export",
    "extends",
    "finally",
    "for",
    "function",
    "if",
    "import",
    "in",
    "instanceof",
    "let",
    "new",
    "return",
    "super",
    "switch",
    "this",
    "throw",
    "try",
    "typeof",
    "var",
    "void",
    "while",
    "with",
    "yield",
    "enum",
    "await",
    "implements",
    "package",
    "protected",
    "static",
    "interface",
    "private",
    "public",
    "arguments",
    "Infinity",
    "NaN",
    "undefined",
    "null",
    "true",
    "false",
    "eval",
    "uneval",
    "isFinite",
    "isNaN",
    "parseFloat",
    "parseInt",
    "decodeURI",
    "decodeURIComponent",
    "encodeURI",
    "encodeURIComponent",
    "escape",
    "unescape",
    "Object",
    "Function",
    "Boolean",
    "Symbol",
    "Error",
    "EvalError",
    "InternalError",
    "RangeError",
    "ReferenceError",
    "SyntaxError",
    "TypeError",
    "URIError",
    "Number",
    "Math",
    "Date",
    "String",
    "RegExp",
    "Array",
    "Int8Array",
    "Uint8Array",
    "Uint8ClampedArray",
    "Int16Array",
    "Uint16Array",
    "Int32Array",
    "Uint32Array",
    "Float32Array",
    "Float64Array",
    "Map",
    "Set",
    "WeakMap",
    "WeakSet",
    "SIMD",
    "ArrayBuffer",
    "DataView",
    "JSON",
    "Promise",
    "Generator",
    "GeneratorFunction",
    "Reflect",
    "Proxy",
    "Intl",
    "",
];

/// `makeLegalIdentifier` from `@rollup/pluginutils`, over UTF-16 units as in JS.
pub fn make_legal_identifier(text: &str) -> String {
    let mut identifier = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        // `-x` becomes `X` (`/-(\w)/`, then the letter upper-cased).
        if c == '-'
            && let Some(&next) = chars.peek()
            && (next.is_ascii_alphanumeric() || next == '_')
        {
            identifier.push(next.to_ascii_uppercase());
            chars.next();
            continue;
        }
        if c.is_ascii_alphanumeric() || c == '$' || c == '_' {
            identifier.push(c);
        } else {
            // One `_` per UTF-16 unit.
            for _ in 0..c.len_utf16() {
                identifier.push('_');
            }
        }
    }
    if identifier.starts_with(|c: char| c.is_ascii_digit()) || FORBIDDEN_IDENTIFIERS.contains(&identifier.as_str()) {
        identifier.insert(0, '_');
    }
    identifier
}

/// Vite's `getHash(text)`: the first 8 hex digits of SHA-256.
fn short_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().take(4).fold(String::with_capacity(8), |mut hex, b| {
        let _ = write!(hex, "{b:02x}");
        hex
    })
}

fn lines_for(
    bindings: &[Binding],
    url: &str,
    raw_url: &str,
    import_index: usize,
    node_mode: bool,
    format: Format,
) -> (String, Vec<String>) {
    let module = make_legal_identifier(&format!("__vite__cjsImport{import_index}_{raw_url}"));
    let legacy = format == Format::Legacy;
    // The value of one imported name; Vite reads a name `default` the way it reads a
    // default import.
    let read = |imported: Option<&str>| match imported {
        None if legacy => format!("({LEGACY_INTEROP_HELPER})({module})"),
        None => format!("({INTEROP_HELPER})({module}, {})", u8::from(node_mode)),
        Some("default") if legacy => format!("{module}.__esModule ? {module}.default : {module}"),
        Some("default") if node_mode => module.clone(),
        Some("default") => format!("!{module}.__esModule ? {module} : {module}.default"),
        Some(name) => format!("{module}[{}]", json_string(name)),
    };
    let mut lines = Vec::with_capacity(bindings.len() + 2);
    let mut default_export = None;
    let mut export_names = Vec::new();
    for binding in bindings {
        match *binding {
            // Vite 5 skipped specifiers whose names are strings.
            Binding::Named { imported_is_string: true, .. } | Binding::ReExport { exported_is_string: true, .. }
                if legacy => {}
            Binding::Namespace { local } => lines.push(format!("const {local} = {}", read(None))),
            Binding::Default { local } => lines.push(format!("const {local} = {}", read(Some("default")))),
            Binding::Named { imported, local, .. } => lines.push(format!("const {local} = {}", read(Some(imported)))),
            Binding::ReExport { imported, exported, exported_is_string } => {
                let local = if exported == "default" {
                    make_legal_identifier(&format!("__vite__cjsExportDefault_{import_index}"))
                } else if legacy {
                    make_legal_identifier(&format!("__vite__cjsExport_{exported}"))
                } else if exported_is_string {
                    format!("__vite__cjsExportL_{}", short_hash(exported))
                } else {
                    format!("__vite__cjsExportI_{exported}")
                };
                lines.push(format!("const {local} = {}", read(Some(imported))));
                if exported == "default" {
                    default_export = Some(local);
                } else {
                    let exported = if exported_is_string { json_string(exported) } else { exported.to_owned() };
                    export_names.push(format!("{local} as {exported}"));
                }
            }
        }
    }
    if let Some(local) = default_export {
        lines.push(format!("export default {local}"));
    }
    if !export_names.is_empty() {
        lines.push(format!("export {{ {} }}", export_names.join(", ")));
    }
    (format!("import {module} from \"{url}\""), lines)
}

fn rewrite_statement(
    statement: &Statement,
    url: &str,
    raw_url: &str,
    import_index: usize,
    node_mode: bool,
    format: Format,
) -> CjsImport {
    match describe(statement) {
        Statement_::ExportAll { named } => CjsImport::Unchanged { lost_exports: !named },
        Statement_::Other => CjsImport::Unchanged { lost_exports: false },
        Statement_::Bindings(bindings) if bindings.is_empty() => {
            CjsImport::Rewritten { import_line: format!("import \"{url}\""), hoisted_assignments: None }
        }
        Statement_::Bindings(bindings) => {
            let (import_line, lines) = lines_for(&bindings, url, raw_url, import_index, node_mode, format);
            if format == Format::Legacy {
                let mut all = vec![import_line];
                all.extend(lines);
                return CjsImport::Rewritten { import_line: all.join("; "), hoisted_assignments: None };
            }
            CjsImport::Rewritten { import_line, hoisted_assignments: Some(lines.join("; ")) }
        }
    }
}

/// Vite's `transformCjsImport(importExp, url, rawUrl, importIndex, importer, isNodeMode)`.
pub fn transform_cjs_import(
    import_exp: &str,
    url: &str,
    raw_url: &str,
    import_index: usize,
    importer: &str,
    node_mode: bool,
    format: Format,
) -> Result<CjsImport, Error> {
    with_module(import_exp, importer, |program| {
        Ok(match program.body.first() {
            Some(statement) => rewrite_statement(statement, url, raw_url, import_index, node_mode, format),
            None => CjsImport::Unchanged { lost_exports: false },
        })
    })
}

/// Vite's warning for an `export * from` whose exports it cannot name.
pub fn lost_exports_warning(import_exp: &str, importer: &str, raw_url: &str) -> String {
    format!(
        "\nUnable to interop `{import_exp}` in {importer}, this may lose module exports. Please export \"{raw_url}\" as ESM or use named exports instead, e.g. `export {{ A, B }} from \"{raw_url}\"`"
    )
}

/// One import of the module to interop.
#[derive(Debug, Clone)]
pub struct CjsImportRequest {
    /// The specifier as written (the string's value).
    pub specifier: String,
    /// The rewritten url of the pre-bundled module.
    pub url: String,
    pub node_mode: bool,
}

#[derive(Debug, Clone)]
pub struct RewrittenModule {
    pub code: String,
    /// `hires: 'boundary'` mappings of the edits.
    pub mappings: String,
    /// Warnings for `export * from` statements whose exports are lost.
    pub warnings: Vec<String>,
}

/// An entry of es-module-lexer's import list, which Vite's import indices count.
struct LexerImport<'a> {
    /// Statement (or expression) range, as es-module-lexer's `ss`/`se`.
    statement: Span,
    /// The specifier's range: the string's content for static imports, the whole
    /// argument for `import()`.
    specifier_span: Span,
    specifier: Option<&'a str>,
    kind: LexerImportKind<'a>,
}

enum LexerImportKind<'a> {
    Static(&'a Statement<'a>),
    Dynamic,
    Meta,
}

/// Collects imports in source order, the way es-module-lexer lists them.
struct LexerImports<'a> {
    items: Vec<LexerImport<'a>>,
}

impl<'a> Visit<'a> for LexerImports<'a> {
    fn visit_import_expression(&mut self, import: &ImportExpression<'a>) {
        let specifier = match &import.source {
            Expression::StringLiteral(s) => Some(s.value.as_str()),
            Expression::TemplateLiteral(t) => t.single_quasi().map(|quasi| quasi.as_str()),
            _ => None,
        };
        self.items.push(LexerImport {
            statement: import.span,
            specifier_span: import.source.span(),
            specifier,
            kind: LexerImportKind::Dynamic,
        });
        walk::walk_import_expression(self, import);
    }

    fn visit_import_meta(&mut self, meta: &ImportMeta) {
        self.items.push(LexerImport {
            statement: meta.span,
            specifier_span: meta.span,
            specifier: None,
            kind: LexerImportKind::Meta,
        });
    }
}

fn collect_imports<'a>(program: &'a Program<'a>) -> Vec<LexerImport<'a>> {
    let mut collector = LexerImports { items: Vec::new() };
    for statement in &program.body {
        let (source, end) = match statement {
            Statement::ImportDeclaration(import) => {
                (&import.source, import.with_clause.as_ref().map_or(import.source.span.end, |w| w.span.end))
            }
            Statement::ExportFromDeclaration(export) => {
                (&export.source, export.with_clause.as_ref().map_or(export.source.span.end, |w| w.span.end))
            }
            Statement::ExportAllDeclaration(export) => {
                (&export.source, export.with_clause.as_ref().map_or(export.source.span.end, |w| w.span.end))
            }
            _ => {
                collector.visit_statement(statement);
                continue;
            }
        };
        let quotes = Span::new(source.span.start + 1, source.span.end - 1);
        collector.items.push(LexerImport {
            statement: Span::new(statement.span().start, end),
            specifier_span: quotes,
            specifier: Some(source.value.as_str()),
            kind: LexerImportKind::Static(statement),
        });
    }
    collector.items
}

fn line_breaks(text: &str) -> String {
    "\n".repeat(text.matches('\n').count())
}

/// Applies Vite's `interopNamedImports` to every import of `code` named in `requests`,
/// in source order, on one edit buffer.
pub fn rewrite_cjs_imports(
    code: &str,
    requests: &[CjsImportRequest],
    importer: &str,
    serving: bool,
) -> Result<RewrittenModule, Error> {
    with_module(code, importer, |program| {
        let start_of_file = file_start(code);
        let mut edits = Edits::new(code);
        let mut warnings = Vec::new();
        let conflict = |e: crate::edits::EditError| Error::internal(importer, e.to_string());
        for (index, import) in collect_imports(program).iter().enumerate() {
            let Some(request) = import.specifier.and_then(|s| requests.iter().find(|r| r.specifier == s)) else {
                continue;
            };
            let Span { start, end, .. } = import.statement;
            let exp = &code[start as usize..end as usize];
            match import.kind {
                LexerImportKind::Meta => {}
                LexerImportKind::Dynamic => {
                    let text = format!(
                        "import('{}').then(m => ({INTEROP_HELPER})(m.default, {})){}",
                        request.url,
                        u8::from(request.node_mode),
                        line_breaks(exp)
                    );
                    edits.update(start, end, &text).map_err(conflict)?;
                }
                LexerImportKind::Static(statement) => {
                    let span = import.specifier_span;
                    let raw_url = &code[span.start as usize..span.end as usize];
                    match rewrite_statement(statement, &request.url, raw_url, index, request.node_mode, Format::Current)
                    {
                        CjsImport::Rewritten { import_line, hoisted_assignments } => {
                            edits.update(start, end, [import_line.as_str(), &line_breaks(exp)]).map_err(conflict)?;
                            if let Some(assignments) = hoisted_assignments {
                                edits.append_left(start_of_file, &(assignments + ";")).map_err(conflict)?;
                            }
                        }
                        CjsImport::Unchanged { lost_exports } => {
                            if lost_exports && serving {
                                warnings.push(lost_exports_warning(exp, importer, raw_url));
                            }
                            let text = format!("{}{}", request.url, line_breaks(raw_url));
                            // An empty specifier (`''`) has no text to overwrite (Vite's
                            // magic-string throws there): the url goes between the quotes.
                            if span.start == span.end {
                                edits.append_left(span.start, &text).map_err(conflict)?;
                            } else {
                                edits.update(span.start, span.end, &text).map_err(conflict)?;
                            }
                        }
                    }
                }
            }
        }
        let mappings = encode_mappings(&edits, code.len());
        Ok(RewrittenModule { code: edits.render(), mappings, warnings })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rewritten(exp: &str, node_mode: bool) -> (String, Option<String>) {
        match transform_cjs_import(exp, "/deps/x.js", "x", 0, "/src/a.js", node_mode, Format::Current).unwrap() {
            CjsImport::Rewritten { import_line, hoisted_assignments } => (import_line, hoisted_assignments),
            other @ CjsImport::Unchanged { .. } => panic!("{other:?}"),
        }
    }

    #[test]
    fn legal_identifiers() {
        assert_eq!(make_legal_identifier("__vite__cjsImport0_react-dom"), "__vite__cjsImport0_reactDom");
        assert_eq!(make_legal_identifier("@scope/pkg"), "_scope_pkg");
        assert_eq!(make_legal_identifier("1a"), "_1a");
        assert_eq!(make_legal_identifier("default"), "_default");
        assert_eq!(make_legal_identifier("é😀"), "___");
    }

    #[test]
    fn default_and_named_imports() {
        let (line, hoisted) = rewritten("import R, { a, b as c } from 'x'", false);
        assert_eq!(line, "import __vite__cjsImport0_x from \"/deps/x.js\"");
        assert_eq!(
            hoisted.unwrap(),
            "const R = !__vite__cjsImport0_x.__esModule ? __vite__cjsImport0_x : __vite__cjsImport0_x.default; const a = __vite__cjsImport0_x[\"a\"]; const c = __vite__cjsImport0_x[\"b\"]"
        );
        assert_eq!(rewritten("import R from 'x'", true).1.unwrap(), "const R = __vite__cjsImport0_x");
    }

    #[test]
    fn string_names_are_escaped() {
        let (_, hoisted) = rewritten(r#"import { "a\"b" as q } from 'x'"#, false);
        assert_eq!(hoisted.unwrap(), r#"const q = __vite__cjsImport0_x["a\"b"]"#);
    }

    #[test]
    fn export_all_is_left_alone() {
        let result = transform_cjs_import("export * from 'x'", "/u", "x", 0, "/a.js", false, Format::Current);
        assert_eq!(result.unwrap(), CjsImport::Unchanged { lost_exports: true });
    }
}
