//! Vite's `ssrTransform`: ESM in, the body of an async function out.
//!
//! ```text
//! import { a } from './a'             __vite_ssr_exportName__("b", () => { try { return b } catch {} });
//! export const b = a + 1          ->  const __vite_ssr_import_0__ = await __vite_ssr_import__("./a", {"importedNames":["a"]});
//!                                     const b = __vite_ssr_import_0__.a + 1
//! ```
//!
//! The steps: parse ([`crate::parse`]), refuse what a module may not be
//! ([`crate::early_errors`]), rewrite in Vite's order ([`crate::rewrite`]), then encode
//! the source map, or compose it with the caller's ([`crate::sourcemap`]).

use oxc_ast::ast::{Program, Statement};
use oxc_diagnostics::OxcDiagnostic;
use oxc_span::Span;

use crate::early_errors::module_early_errors;
use crate::edits::Edits;
use crate::error::Error;
use crate::parse::with_module;
use crate::rewrite::{Rewrite, Rewritten};
use crate::sourcemap::{ComposedMap, InputMap, Lines, compose, encode_mappings};
use crate::string_list::StringList;
use crate::walker::Rejection;

/// How exports are defined on the module's exports object.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ExportStyle {
    /// `__vite_ssr_exportName__(name, getter)`: Vite 7 and 8, vite-node 3.2+, Vitest 4+.
    #[default]
    ExportName,
    /// A getter defined on `__vite_ssr_exports__`, for runners without that helper.
    DefineProperty,
}

#[derive(Debug, Clone, Default)]
pub struct TransformOptions {
    /// Vite's `json.stringify` fast path for `.json` requests.
    pub json_stringify: bool,
    pub export_style: ExportStyle,
    /// Keep ECMAScript module semantics where Vite's output bends them, at the cost of
    /// byte parity: reading an export before it is initialised throws, anonymous default
    /// exports are named `default` (and a default function is hoisted), a superclass is
    /// read live, and an imported template tag is called without a receiver.
    pub strict_esm: bool,
    /// Byte offsets of original characters whose place in the output the caller needs
    /// (ascending); see [`TransformOutput::tracked`].
    pub track: Vec<u32>,
}

/// The source map of a result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutputMap {
    /// The caller's input map is the result's map, unchanged.
    Input,
    /// A map of our edits alone, of one source, which the caller names after the URL:
    /// `sources = [basename(url)]` ([`crate::syntax::basename`]).
    Generated { mappings: String },
    /// Our edits traced through the input map.
    Composed(ComposedMap),
}

#[derive(Debug, Clone)]
pub struct TransformOutput {
    pub code: String,
    pub map: OutputMap,
    pub deps: StringList,
    pub dynamic_deps: StringList,
    /// UTF-16 output offsets of the characters named by [`TransformOptions::track`].
    pub tracked: Vec<u32>,
}

/// Transforms `code` as Vite's `ssrTransform(code, inMap, url, originalCode)` does.
pub fn ssr_transform(
    code: &str,
    in_map: Option<&InputMap>,
    url: &str,
    options: &TransformOptions,
) -> Result<TransformOutput, Error> {
    if options.json_stringify && is_json_request(url) {
        return Ok(transform_json(code, &options.track));
    }
    with_module(code, url, |program| transform(program, in_map, url, options))
}

fn transform(
    program: &Program,
    in_map: Option<&InputMap>,
    url: &str,
    options: &TransformOptions,
) -> Result<TransformOutput, Error> {
    let code = program.source_text;
    refuse_invalid_module(program, url)?;
    let Rewritten { edits, deps, dynamic_deps, rejection } =
        Rewrite::new(program, options.export_style, options.strict_esm)
            .run()
            .map_err(|e| Error::internal(url, e.to_string()))?;
    if let Some(rejection) = rejection {
        return Err(rejection_error(code, url, &rejection));
    }
    let map = source_map(&edits, code, in_map, url)?;
    let tracked = edits.output_positions(&options.track).map_err(|offset| {
        Error::invalid_input(
            url,
            format!("the character at byte {offset} is inside rewritten code and cannot be kept as it is"),
        )
    })?;
    Ok(TransformOutput { code: edits.render(), map, deps, dynamic_deps, tracked })
}

/// The module early errors oxc does not report, and static specifiers that cannot be
/// passed on unchanged.
fn refuse_invalid_module(program: &Program, url: &str) -> Result<(), Error> {
    let code = program.source_text;
    let early_errors = module_early_errors(program);
    if !early_errors.is_empty() {
        return Err(Error::parse(code, url, &early_errors));
    }
    match lone_surrogate_specifier(program) {
        Some(span) => Err(lone_surrogate_error(code, url, span)),
        None => Ok(()),
    }
}

/// Vite's map: the input map when its mappings are empty, ours composed with it when it
/// has sources, else ours alone.
fn source_map(edits: &Edits, code: &str, in_map: Option<&InputMap>, url: &str) -> Result<OutputMap, Error> {
    Ok(match in_map {
        Some(map) if map.mappings.is_empty() => OutputMap::Input,
        Some(map) if !map.sources.is_empty() => {
            let mut lines = Lines::new();
            edits.write_mappings(&mut lines);
            OutputMap::Composed(compose(&lines, map).map_err(|e| Error::invalid_input(url, e))?)
        }
        _ => {
            // Mappings run to 2 to 3.5 times the source (a segment of about 5 bytes every
            // 2 to 3 bytes); reserving for more avoids regrowth, which copies them all.
            // Pages never written are never touched, and `finish` gives back a large rest.
            let mappings = encode_mappings(edits, code.len() * 4 + 4096);
            OutputMap::Generated { mappings }
        }
    })
}

/// A static import specifier with a lone surrogate (dynamic ones are found by the walk):
/// it could only reach `deps` changed, as a Rust string holds none, so it is refused.
fn lone_surrogate_specifier(program: &Program) -> Option<Span> {
    program.body.iter().find_map(|statement| {
        let source = match statement {
            Statement::ImportDeclaration(import) => &import.source,
            Statement::ExportFromDeclaration(export) => &export.source,
            Statement::ExportAllDeclaration(export) => &export.source,
            _ => return None,
        };
        source.lone_surrogates.then_some(source.span)
    })
}

fn rejection_error(code: &str, url: &str, rejection: &Rejection) -> Error {
    match *rejection {
        Rejection::LoneSurrogateImport(span) => lone_surrogate_error(code, url, span),
        Rejection::AnonymousClass(span) => {
            let error = OxcDiagnostic::error("A class declaration needs a name").with_label(span);
            Error::parse(code, url, &[error])
        }
    }
}

fn lone_surrogate_error(code: &str, url: &str, span: Span) -> Error {
    let at = &code[span.start as usize..span.end as usize];
    Error::invalid_input(
        url,
        format!("the module specifier {at} holds a lone surrogate, which cannot be passed on unchanged"),
    )
}

/// Vite's JSON fast path: the first `export default` becomes an assignment.
fn transform_json(code: &str, track: &[u32]) -> TransformOutput {
    const FROM: &str = "export default";
    const TO: &str = "__vite_ssr_exports__.default =";
    let mut edits = Edits::new(code);
    if let Some(at) = code.find(FROM) {
        // Only ASCII is replaced, so the edit cannot fail.
        let _ = edits.update(at as u32, (at + FROM.len()) as u32, TO);
    }
    let tracked = edits.output_positions(track).unwrap_or_default();
    TransformOutput {
        code: edits.render(),
        map: OutputMap::Input,
        deps: StringList::default(),
        dynamic_deps: StringList::default(),
        tracked,
    }
}

/// `/\.(?:json|json5)(?:$|\?)/`
fn is_json_request(url: &str) -> bool {
    [".json", ".json5"]
        .iter()
        .any(|ext| url.match_indices(ext).any(|(i, _)| matches!(url.as_bytes().get(i + ext.len()), None | Some(b'?'))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_requests() {
        assert!(is_json_request("/a.json"));
        assert!(is_json_request("/a.json5?import"));
        assert!(!is_json_request("/a.jsonc"));
        assert!(!is_json_request("/a.json.js"));
    }

    #[test]
    fn anonymous_class_declarations_are_refused() {
        for code in ["export class {}", "{ class {} }"] {
            let error = ssr_transform(code, None, "/a.js", &TransformOptions::default()).unwrap_err();
            assert!(error.message.contains("A class declaration needs a name"), "{code}: {}", error.message);
        }
        assert!(ssr_transform("export default class {}", None, "/a.js", &TransformOptions::default()).is_ok());
    }
}
