//! The Node binding: JS-facing `Binding*` types, their conversions, and the exported
//! functions. Nothing here transforms: the work is in the `native_ssr_transform` crate.
//!
//! Results, errors included, come back as plain objects; `index.js` turns them into
//! Vite's shapes (a `SourceMap` with `toString()`/`toUrl()`, an `Error` with `loc` and
//! `frame`). A panic in the core becomes an error result instead of crossing into Node.

// napi hands each JS argument over as an owned value, and a JS object as a std `HashMap`.
#![allow(clippy::needless_pass_by_value, clippy::implicit_hasher)]

use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};

use napi::Env;
use napi::bindgen_prelude::{Either, Object, ToNapiValue, TypeName, ValueType};
use napi::sys;
use napi_derive::napi;
use native_ssr_transform::cjs_exports;
use native_ssr_transform::cjs_interop::{self, CjsImport, CjsImportRequest, Format};
use native_ssr_transform::string_list::StringList;
use native_ssr_transform::{
    ComposedMap, Error, ExportStyle, InputMap, OutputMap, TransformOptions, TransformOutput, ssr_transform,
};

use crate::pool::Pool;
use crate::v8_string::{SourceText, Text};

#[napi(object)]
pub struct BindingInputMap {
    pub mappings: String,
    pub sources: Option<Vec<Option<String>>>,
    pub sources_content: Option<Vec<Option<String>>>,
    pub names: Option<Vec<String>>,
    pub source_root: Option<String>,
    pub ignore_list: Option<Vec<u32>>,
}

/// How exports are defined; see `ExportStyle`.
#[napi(string_enum = "camelCase")]
pub enum BindingExportStyle {
    /// `__vite_ssr_exportName__`: Vite 7 and 8, vite-node 3.2+, Vitest 4+.
    ExportName,
    /// Getters on `__vite_ssr_exports__`, for runners without that helper.
    DefineProperty,
}

impl From<BindingExportStyle> for ExportStyle {
    fn from(style: BindingExportStyle) -> Self {
        match style {
            BindingExportStyle::ExportName => Self::ExportName,
            BindingExportStyle::DefineProperty => Self::DefineProperty,
        }
    }
}

/// The on/off options of a transform, as bits of one number: an options object costs a
/// property read each across the boundary, as much as transforming a tiny module.
#[napi]
pub enum BindingTransformFlag {
    /// Vite's JSON fast path (`json.stringify`).
    JsonStringify = 1,
    /// ECMAScript module semantics over byte parity; see `TransformOptions::strict_esm`.
    StrictEsm = 2,
}

fn has_flag(flags: u32, flag: BindingTransformFlag) -> bool {
    flags & flag as u32 != 0
}

#[napi(object)]
pub struct BindingError {
    pub message: String,
    pub code: String,
    pub id: String,
    pub line: Option<u32>,
    pub column: Option<u32>,
    pub frame: Option<String>,
    pub pos: Option<u32>,
}

/// The parts of a source map composed with the caller's, beside its mappings.
#[napi(object, object_from_js = false)]
pub struct BindingComposedMap {
    pub sources: Vec<String>,
    pub sources_content: Vec<Option<String>>,
    pub names: Vec<String>,
    pub ignore_list: Vec<u32>,
}

/// A transformed module, handed to JS as the shortest array that holds it:
/// `[code, mappings, deps, dynamicDeps, composed]`, trailing absent parts left off (typed
/// for TypeScript on `ssrTransformSync`, as `Text` has no TypeScript name here).
///
/// The source map is the caller's input map when `mappings` is null, else the edits
/// traced through the input map when `composed` is there, else a map of our edits alone,
/// of the one source `basename(url)`. An array, and a short one: V8 sets an element
/// without looking up a name or changing the object's shape, yet each set is still a
/// call across the boundary, and a small module's whole transform takes microseconds.
pub struct BindingTransformed {
    code: Text,
    mappings: Option<Text>,
    deps: StringList,
    dynamic_deps: StringList,
    composed: Option<BindingComposedMap>,
}

impl TypeName for BindingTransformed {
    fn type_name() -> &'static str {
        "Array"
    }

    fn value_type() -> ValueType {
        ValueType::Object
    }
}

impl ToNapiValue for BindingTransformed {
    unsafe fn to_napi_value(env: sys::napi_env, result: Self) -> napi::Result<sys::napi_value> {
        let Self { code, mappings, deps, dynamic_deps, composed } = result;
        let length = if composed.is_some() {
            5
        } else if dynamic_deps.is_empty() {
            3
        } else {
            4
        };
        // SAFETY: napi passes the live environment of this conversion, which each
        // element's conversion is given in turn.
        unsafe {
            let mut array = std::ptr::null_mut();
            napi::check_status!(sys::napi_create_array_with_length(env, length, &raw mut array))?;
            let set = |index: u32, value: sys::napi_value| {
                napi::check_status!(sys::napi_set_element(env, array, index, value))
            };
            set(0, Text::to_napi_value(env, code)?)?;
            set(1, Option::to_napi_value(env, mappings)?)?;
            set(2, BindingSpecifiers::to_napi_value(env, specifiers(deps))?)?;
            if length > 3 {
                set(3, BindingSpecifiers::to_napi_value(env, specifiers(dynamic_deps))?)?;
            }
            if let Some(composed) = composed {
                set(4, BindingComposedMap::to_napi_value(env, composed)?)?;
            }
            Ok(array)
        }
    }
}

/// Specifiers (`deps`, `dynamicDeps`): one string of lines, which `index.js` splits, when
/// none is empty or holds a line break; else an array. A string and an element set per
/// specifier across the boundary cost several times the split, and a barrel lists hundreds.
pub type BindingSpecifiers = Either<Text, Vec<String>>;

fn specifiers(list: StringList) -> BindingSpecifiers {
    match list.into_lines() {
        Ok(lines) => Either::A(Text::from(lines)),
        Err(list) => Either::B(list.iter().map(str::to_owned).collect()),
    }
}

/// A transformed module, or why it could not be transformed.
pub type BindingTransformResult = Either<BindingTransformed, BindingError>;

struct Request {
    code: String,
    /// The source's lone surrogates ([`crate::js_text::SourceText`]), put back into the
    /// output at the places the transform reports for them.
    lone_surrogates: Vec<(u32, u16)>,
    in_map: Option<InputMap>,
    url: String,
    options: TransformOptions,
}

impl Request {
    fn new(
        code: SourceText,
        in_map: Option<BindingInputMap>,
        url: String,
        export_style: Option<BindingExportStyle>,
        flags: u32,
    ) -> Self {
        let in_map = in_map.map(|map| InputMap {
            mappings: map.mappings,
            sources: map.sources.unwrap_or_default(),
            sources_content: map.sources_content,
            names: map.names.unwrap_or_default(),
            source_root: map.source_root,
            ignore_list: map.ignore_list,
        });
        let crate::js_text::SourceText { text, lone_surrogates } = code.0;
        let offsets: Vec<u32> = lone_surrogates.iter().map(|&(offset, _)| offset).collect();
        let track = utf16_to_byte_offsets(&text, &offsets);
        Self {
            code: text,
            lone_surrogates,
            in_map,
            url,
            options: TransformOptions {
                json_stringify: has_flag(flags, BindingTransformFlag::JsonStringify),
                export_style: export_style.map(ExportStyle::from).unwrap_or_default(),
                strict_esm: has_flag(flags, BindingTransformFlag::StrictEsm),
                track,
            },
        }
    }

    fn run(self) -> BindingTransformResult {
        let outcome = guarded(&self.url, || ssr_transform(&self.code, self.in_map.as_ref(), &self.url, &self.options));
        match outcome {
            Ok(output) => Either::A(to_binding_result(output, &self.lone_surrogates)),
            Err(error) => Either::B(to_binding_error(error)),
        }
    }
}

/// Byte offsets of the characters at the given UTF-16 offsets (ascending); offsets
/// past the end or inside a surrogate pair are dropped.
fn utf16_to_byte_offsets(code: &str, units: &[u32]) -> Vec<u32> {
    if units.is_empty() {
        return Vec::new();
    }
    let mut wanted = units.iter().copied().peekable();
    let mut out = Vec::new();
    let mut unit = 0u32;
    for (byte, c) in code.char_indices() {
        while wanted.peek().is_some_and(|&w| w < unit) {
            wanted.next();
        }
        if wanted.peek() == Some(&unit) {
            out.push(byte as u32);
            wanted.next();
        }
        unit += c.len_utf16() as u32;
    }
    out
}

/// Runs `work`, turning a panic into an error so that it never unwinds into Node.
fn guarded<T>(url: &str, work: impl FnOnce() -> Result<T, Error>) -> Result<T, Error> {
    catch_unwind(AssertUnwindSafe(work)).unwrap_or_else(|panic| {
        let detail = panic
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Err(Error::internal(url, format!("native-ssr-transform panicked: {detail}")))
    })
}

fn to_binding_error(error: Error) -> BindingError {
    BindingError {
        code: error.code().to_owned(),
        line: error.loc.as_ref().map(|l| l.line),
        column: error.loc.as_ref().map(|l| l.column),
        message: error.message,
        id: error.id,
        frame: error.frame,
        pos: error.pos,
    }
}

fn to_binding_result(output: TransformOutput, lone_surrogates: &[(u32, u16)]) -> BindingTransformed {
    let (mappings, composed) = match output.map {
        OutputMap::Input => (None, None),
        // Its one source, the URL's base name, is named in JS.
        OutputMap::Generated { mappings } => (Some(Text::mappings(mappings)), None),
        OutputMap::Composed(map) => {
            let ComposedMap { mappings, sources, sources_content, names, ignore_list } = map;
            (Some(Text::mappings(mappings)), Some(BindingComposedMap { sources, sources_content, names, ignore_list }))
        }
    };
    let restored = output.tracked.iter().zip(lone_surrogates).map(|(&at, &(_, unit))| (at, unit));
    BindingTransformed {
        code: Text::with_units(output.code, restored),
        mappings,
        deps: output.deps,
        dynamic_deps: output.dynamic_deps,
        composed,
    }
}

/// Transforms on the calling thread.
#[napi(
    ts_return_type = "[code: string, mappings: string | null, deps: string | Array<string>, dynamicDeps?: string | Array<string>, composed?: BindingComposedMap] | BindingError"
)]
pub fn ssr_transform_sync(
    #[napi(ts_arg_type = "string")] code: SourceText,
    in_map: Option<BindingInputMap>,
    url: String,
    export_style: Option<BindingExportStyle>,
    flags: u32,
) -> BindingTransformResult {
    Request::new(code, in_map, url, export_style, flags).run()
}

/// Transforms on a thread of the [`Pool`], largest module first.
#[napi(ts_return_type = "Promise<ReturnType<typeof ssrTransformSync>>")]
pub fn ssr_transform_async(
    env: &Env,
    #[napi(ts_arg_type = "string")] code: SourceText,
    in_map: Option<BindingInputMap>,
    url: String,
    export_style: Option<BindingExportStyle>,
    flags: u32,
) -> napi::Result<Object<'_>> {
    let request = Request::new(code, in_map, url, export_style, flags);
    let (deferred, promise) = env.create_deferred()?;
    Pool::global().submit(request.code.len(), move || {
        let result = request.run();
        deferred.resolve(move |_| Ok(result));
    });
    Ok(promise)
}

#[napi(object)]
pub struct BindingCjsImport {
    /// Absent when Vite leaves the statement unchanged.
    pub import_line: Option<String>,
    pub hoisted_assignments: Option<String>,
    /// Vite's warning for an `export * from` whose exports are lost (it warns when serving).
    pub warning: Option<String>,
    pub error: Option<BindingError>,
}

/// Vite's `transformCjsImport`; `legacy` selects Vite 5.4's single-string form.
#[napi]
pub fn transform_cjs_import(
    import_exp: String,
    url: String,
    raw_url: String,
    import_index: u32,
    importer: String,
    is_node_mode: bool,
    legacy: bool,
) -> BindingCjsImport {
    let format = if legacy { Format::Legacy } else { Format::Current };
    let outcome = guarded(&importer, || {
        cjs_interop::transform_cjs_import(
            &import_exp,
            &url,
            &raw_url,
            import_index as usize,
            &importer,
            is_node_mode,
            format,
        )
    });
    let empty = BindingCjsImport { import_line: None, hoisted_assignments: None, warning: None, error: None };
    match outcome {
        Ok(CjsImport::Rewritten { import_line, hoisted_assignments }) => {
            BindingCjsImport { import_line: Some(import_line), hoisted_assignments, ..empty }
        }
        Ok(CjsImport::Unchanged { lost_exports }) => BindingCjsImport {
            warning: lost_exports.then(|| cjs_interop::lost_exports_warning(&import_exp, &importer, &raw_url)),
            ..empty
        },
        Err(error) => BindingCjsImport { error: Some(to_binding_error(error)), ..empty },
    }
}

#[napi(object)]
pub struct BindingCjsImportRequest {
    pub specifier: String,
    pub url: String,
    pub node_mode: Option<bool>,
}

#[napi(object)]
pub struct BindingRewrittenModule {
    pub code: String,
    pub mappings: String,
    pub warnings: Vec<String>,
    pub error: Option<BindingError>,
}

/// `interopNamedImports` over a whole module.
#[napi]
pub fn rewrite_cjs_imports(
    code: String,
    imports: Vec<BindingCjsImportRequest>,
    importer: String,
    serving: bool,
) -> BindingRewrittenModule {
    let requests: Vec<CjsImportRequest> = imports
        .into_iter()
        .map(|r| CjsImportRequest { specifier: r.specifier, url: r.url, node_mode: r.node_mode.unwrap_or(false) })
        .collect();
    match guarded(&importer, || cjs_interop::rewrite_cjs_imports(&code, &requests, &importer, serving)) {
        Ok(module) => BindingRewrittenModule {
            code: module.code,
            mappings: module.mappings,
            warnings: module.warnings,
            error: None,
        },
        Err(error) => BindingRewrittenModule {
            code: String::new(),
            mappings: String::new(),
            warnings: Vec::new(),
            error: Some(to_binding_error(error)),
        },
    }
}

#[napi(object)]
pub struct BindingCjsExports {
    pub exports: Vec<String>,
    pub reexports: Vec<String>,
}

/// The export names and re-exported specifiers of a CommonJS module, as Node's lexer sees them.
#[napi]
pub fn detect_cjs_exports(source: String) -> BindingCjsExports {
    let found = guarded("", || Ok(cjs_exports::detect_cjs_exports(&source))).unwrap_or_default();
    BindingCjsExports { exports: found.exports, reexports: found.reexports }
}

#[napi(object)]
pub struct BindingExpandedModule {
    /// Absent when no `export *` changed.
    pub code: Option<String>,
    pub mappings: String,
    pub expanded: Vec<String>,
    pub error: Option<BindingError>,
}

/// Turns `export * from '<CommonJS module>'` into an explicit list of its names.
#[napi]
pub fn expand_export_star(code: String, names: HashMap<String, Vec<String>>, url: String) -> BindingExpandedModule {
    let empty = BindingExpandedModule { code: None, mappings: String::new(), expanded: Vec::new(), error: None };
    match guarded(&url, || cjs_exports::expand_export_star(&code, &names, &url)) {
        Ok(None) => empty,
        Ok(Some(module)) => BindingExpandedModule {
            code: Some(module.code),
            mappings: module.mappings,
            expanded: module.expanded,
            ..empty
        },
        Err(error) => BindingExpandedModule { error: Some(to_binding_error(error)), ..empty },
    }
}

// ---------------------------------------------------------------------------
// Benchmark only: not part of the public JS API (`index.js` does not export it).
// ---------------------------------------------------------------------------

/// Parses `code` as every transform does (the same string conversion, stack and arena
/// handling, and parser options) and does nothing else, so that `npm run bench` can show
/// how close the whole transform is to the cost of parsing alone. Returns the number of
/// top-level statements, so that the parse has an observable result.
#[napi]
pub fn parse_only_for_benchmark(#[napi(ts_arg_type = "string")] code: SourceText) -> u32 {
    native_ssr_transform::parse::with_module(&code.0.text, "", |program| Ok(program.body.len() as u32)).unwrap_or(0)
}

/// How the addon was built: `pgo` when with a profile of `scripts/pgo.mjs`'s training,
/// else `plain`, so that a benchmark says which build it measured.
#[napi]
pub fn addon_build_for_benchmark() -> &'static str {
    env!("NATIVE_SSR_TRANSFORM_BUILD")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_offsets_become_byte_offsets() {
        // a é 中 😀 b: 1, 2, 3 and 4 bytes; 1, 1, 1 and 2 units.
        let code = "aé中😀b";
        assert_eq!(utf16_to_byte_offsets(code, &[0, 1, 2, 3, 5]), [0, 1, 3, 6, 10]);
        // Inside the surrogate pair, past the end, and unsorted leftovers are dropped.
        assert_eq!(utf16_to_byte_offsets(code, &[4, 6, 9]), Vec::<u32>::new());
        assert_eq!(utf16_to_byte_offsets(code, &[]), Vec::<u32>::new());
    }

    #[test]
    fn a_panic_becomes_an_internal_error() {
        let error = guarded::<()>("/a.js", || panic!("boom {}", 1)).unwrap_err();
        assert_eq!(error.code(), "INTERNAL_ERROR");
        assert_eq!(error.id, "/a.js");
        assert!(error.message.ends_with("panicked: boom 1"), "{}", error.message);
        let static_message = guarded::<()>("/b.js", || panic!("static")).unwrap_err();
        assert!(static_message.message.ends_with("panicked: static"), "{}", static_message.message);
        assert_eq!(guarded("/c.js", || Ok(7)).unwrap(), 7);
    }
}
