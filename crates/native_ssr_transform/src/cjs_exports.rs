//! `export * from '<CommonJS module>'` that keeps its exports.
//!
//! Vite cannot name the exports of a pre-bundled CommonJS module, so it leaves
//! `export * from 'cjs'` alone and every export is lost. Node names them with a static
//! lexer (cjs-module-lexer); [`detect_cjs_exports`] runs the same lexer (`merve`, Node's
//! own, in C++), and [`expand_export_star`] turns the star into an explicit list, which
//! Vite's interop then handles name by name.
//!
//! ```text
//! export * from 'cjs'          ->   export { a, b } from 'cjs'
//! export const b = 1                export const b = 1         (local `b` wins: not re-exported)
//! ```

use oxc_ast::ast::{BindingPattern, Declaration, ModuleExportName, Statement};
use rustc_hash::{FxHashMap, FxHashSet};

use crate::edits::Edits;
use crate::error::Error;
use crate::parse::with_module;
use crate::sourcemap::encode_mappings;
use crate::syntax::{json_string, skip_trivia};
use oxc_span::Span;

/// What the lexer finds in a CommonJS module.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CjsExports {
    /// Export names, in source order, without duplicates.
    pub exports: Vec<String>,
    /// Specifiers of modules re-exported whole (`module.exports = require('x')`, …).
    pub reexports: Vec<String>,
}

/// Lexes a CommonJS module's export names as Node does. A module the lexer cannot read
/// has no detectable names, as in Node.
pub fn detect_cjs_exports(source: &str) -> CjsExports {
    let Ok(analysis) = merve::parse_commonjs(source) else {
        return CjsExports::default();
    };
    let mut seen = FxHashSet::default();
    let exports = analysis.exports().filter(|e| seen.insert(e.name)).map(|e| e.name.to_owned()).collect();
    let reexports = analysis.reexports().map(|e| e.name.to_owned()).collect();
    CjsExports { exports, reexports }
}

/// The result of [`expand_export_star`].
#[derive(Debug, Clone)]
pub struct ExpandedModule {
    pub code: String,
    pub mappings: String,
    /// Specifiers whose `export *` was expanded.
    pub expanded: Vec<String>,
}

/// Replaces each `export * from 'specifier'` whose specifier has names in `names_by_specifier`
/// with an explicit list. Following the spec, a name is left out when it is `default`,
/// when the module exports it itself, or when two stars provide it (it is ambiguous).
/// `export * as ns from 'specifier'`, for any listed specifier, becomes a namespace import
/// and a local export, so that Vite's interop gives `ns` every name rather than only
/// `default`. `Ok(None)` when nothing changes.
pub fn expand_export_star<S: std::hash::BuildHasher>(
    code: &str,
    names_by_specifier: &std::collections::HashMap<String, Vec<String>, S>,
    url: &str,
) -> Result<Option<ExpandedModule>, Error> {
    with_module(code, url, |program| {
        let listed = |specifier: &str| names_by_specifier.contains_key(specifier);
        let (namespaces, stars): (Vec<_>, Vec<_>) = program
            .body
            .iter()
            .filter_map(|statement| match statement {
                Statement::ExportAllDeclaration(export) if listed(&export.source.value) => Some(export),
                _ => None,
            })
            .filter(|export| export.exported.is_some() || !names_by_specifier[export.source.value.as_str()].is_empty())
            .partition(|export| export.exported.is_some());
        if stars.is_empty() && namespaces.is_empty() {
            return Ok(None);
        }
        let conflict = |e: crate::edits::EditError| Error::internal(url, e.to_string());
        let own = own_export_names(&program.body);
        let mut providers: FxHashMap<&str, FxHashSet<&str>> = FxHashMap::default();
        for star in &stars {
            let specifier = star.source.value.as_str();
            for name in &names_by_specifier[specifier] {
                providers.entry(name.as_str()).or_default().insert(specifier);
            }
        }
        let mut edits = Edits::new(code);
        let mut expanded = Vec::new();
        for star in &stars {
            let specifier = star.source.value.as_str();
            let mut seen = FxHashSet::default();
            let list: Vec<String> =
                names_by_specifier[specifier]
                    .iter()
                    .map(String::as_str)
                    .filter(|name| *name != "default" && !own.contains(name) && providers[name].len() == 1)
                    .filter(|name| seen.insert(*name))
                    .map(|name| {
                        if oxc_syntax::identifier::is_identifier_name(name) {
                            name.to_owned()
                        } else {
                            json_string(name)
                        }
                    })
                    .collect();
            let star_at = skip_trivia(code, &program.comments, star.span.start + "export".len() as u32);
            edits.update(star_at, star_at + 1, ["{ ", &list.join(", "), " }"]).map_err(conflict)?;
            expanded.push(specifier.to_owned());
        }
        for (index, namespace) in namespaces.iter().enumerate() {
            let local = format!("__vite__cjsNamespace{index}");
            let exported = match namespace.exported.as_ref().expect("partitioned on `exported`") {
                ModuleExportName::StringLiteral(s) => json_string(&s.value),
                name => name.name().to_string(),
            };
            let Span { start, end, .. } = namespace.span;
            edits.update(start, namespace.source.span.start, ["import * as ", &local, " from "]).map_err(conflict)?;
            // On the same line, so that every later line keeps its number.
            let export = if code.as_bytes()[end as usize - 1] == b';' {
                format!(" export {{ {local} as {exported} }};")
            } else {
                format!("; export {{ {local} as {exported} }}")
            };
            edits.append_left(end, &export).map_err(conflict)?;
            expanded.push(namespace.source.value.to_string());
        }
        let mappings = encode_mappings(&edits, code.len());
        Ok(Some(ExpandedModule { code: edits.render(), mappings, expanded }))
    })
}

/// Names the module exports other than through `export *`.
fn own_export_names<'a>(body: &'a [Statement<'a>]) -> FxHashSet<&'a str> {
    let mut names = FxHashSet::default();
    let export_name = |name: &'a ModuleExportName<'a>| name.name().as_str();
    for statement in body {
        match statement {
            Statement::ExportDeclaration(export) => match &export.declaration {
                Declaration::VariableDeclaration(var) => {
                    names.extend(
                        var.declarations
                            .iter()
                            .flat_map(|d| BindingPattern::get_binding_identifiers(&d.id))
                            .map(|id| id.name.as_str()),
                    );
                }
                Declaration::FunctionDeclaration(f) => names.extend(f.id.as_ref().map(|id| id.name.as_str())),
                Declaration::ClassDeclaration(c) => names.extend(c.id.as_ref().map(|id| id.name.as_str())),
                _ => {}
            },
            Statement::ExportNamedDeclaration(export) => {
                names.extend(export.specifiers.iter().map(|s| export_name(&s.exported)));
            }
            Statement::ExportFromDeclaration(export) => {
                names.extend(export.specifiers.iter().map(|s| export_name(&s.exported)));
            }
            Statement::ExportAllDeclaration(export) => names.extend(export.exported.as_ref().map(export_name)),
            Statement::ExportDefaultDeclaration(_) => {
                names.insert("default");
            }
            _ => {}
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expand(code: &str, names: &[(&str, &[&str])]) -> Option<String> {
        let names: FxHashMap<String, Vec<String>> =
            names.iter().map(|(s, n)| ((*s).to_owned(), n.iter().map(|x| (*x).to_owned()).collect())).collect();
        expand_export_star(code, &names, "/a.js").unwrap().map(|m| m.code)
    }

    #[test]
    fn detects_exports_like_node() {
        let found = detect_cjs_exports(
            "exports.a = 1; module.exports.b = 2; Object.defineProperty(exports, 'c', { value: 3 }); exports.a = 4; module.exports = require('./d')",
        );
        assert_eq!(found.exports, ["a", "b", "c"]);
        assert_eq!(found.reexports, ["./d"]);
        // As cjs-module-lexer 2: an object literal is read up to the first value that is
        // not an identifier.
        assert_eq!(detect_cjs_exports("module.exports = { x, y: y, 'z-w': z }").exports, ["x", "y", "z-w"]);
        assert_eq!(detect_cjs_exports("module.exports = { x, y: 1, 'z-w': 2 }").exports, ["x"]);
    }

    #[test]
    fn expands_star_without_default_own_and_ambiguous_names() {
        let out = expand(
            "export * from 'a'\nexport * /* c */ from 'b' with { type: 'x' }\nexport const own = 1",
            &[("a", &["x", "default", "own", "shared", "a-b"]), ("b", &["y", "shared"])],
        );
        assert_eq!(
            out.unwrap(),
            "export { x, \"a-b\" } from 'a'\nexport { y } /* c */ from 'b' with { type: 'x' }\nexport const own = 1"
        );
    }

    #[test]
    fn namespace_stars_become_namespace_imports() {
        let out = expand("export * as ns from 'cjs';\nexport * as \"n s\" from 'cjs'", &[("cjs", &[])]);
        assert_eq!(
            out.unwrap(),
            "import * as __vite__cjsNamespace0 from 'cjs'; export { __vite__cjsNamespace0 as ns };\nimport * as __vite__cjsNamespace1 from 'cjs'; export { __vite__cjsNamespace1 as \"n s\" }"
        );
    }

    #[test]
    fn leaves_unknown_or_empty_stars_alone() {
        assert_eq!(expand("export * from 'esm'", &[("cjs", &["a"])]), None);
        assert_eq!(expand("export * from 'cjs'", &[("cjs", &[])]), None);
    }
}
