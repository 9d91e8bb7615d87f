//! The Node binding: JS-facing `Binding*` types and conversions, nothing else.
//!
//! Results, errors included, come back as plain objects; `index.js` turns them into
//! Vite's shapes (a `SourceMap` with `toString()`/`toUrl()`, an `Error` with `loc` and
//! `frame`). A panic in the core becomes an error result instead of crossing into Node.

use std::panic::{AssertUnwindSafe, catch_unwind};

use napi::Env;
use napi::bindgen_prelude::{FromNapiValue, Object, ToNapiValue, TypeName, ValueType};
use napi::sys;
use napi_derive::napi;

use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, Ordering};

use rustc_hash::FxHashMap;

use crate::cjs_exports;
use crate::cjs_interop::{self, CjsImport, CjsImportRequest, Format};
use crate::js_text::{self, JsText};
use crate::pool::Pool;
use crate::{Error, ExportStyle, InputMap, OutputMap, TransformOptions, TransformOutput, ssr_transform};

/// Text handed to JS, in the form V8 stores strings ([`JsText`]). Large text (any
/// module's mappings, and code) becomes an external string: V8 reads our buffer in place
/// and frees it through the finalizer, so megabytes of output are neither copied on the
/// JS thread nor decoded from UTF-8 into fresh memory. The conversion happens when the
/// result is made, which for `ssrTransform` is on the worker thread.
pub struct Text(JsText);

impl From<String> for Text {
    fn from(text: String) -> Self {
        Self(JsText::new(text))
    }
}

impl Text {
    /// Mappings: base64 digits, `,` and `;`, so ASCII without a scan.
    fn mappings(mappings: String) -> Self {
        Self(JsText::ascii(mappings))
    }
}

/// Below this many units, copying is cheaper than an external string's bookkeeping.
const EXTERNAL_TEXT_MIN: usize = 16 * 1024;

type Finalize = sys::napi_finalize;
type Hint = *mut std::ffi::c_void;

unsafe extern "C" {
    // Node-API since Node 18.18 and 20.4 (as an experimental addition before N-API 10).
    fn node_api_create_external_string_latin1(
        env: sys::napi_env,
        string: *const std::ffi::c_char,
        length: isize,
        finalize: Finalize,
        hint: Hint,
        result: *mut sys::napi_value,
        copied: *mut bool,
    ) -> sys::napi_status;
    fn node_api_create_external_string_utf16(
        env: sys::napi_env,
        string: *const u16,
        length: isize,
        finalize: Finalize,
        hint: Hint,
        result: *mut sys::napi_value,
        copied: *mut bool,
    ) -> sys::napi_status;
}

/// A code unit of a JS string form, with the Node-API calls that make a string of them.
trait Unit: Sized + 'static {
    /// # Safety
    /// As for `node_api_create_external_string_*`.
    unsafe fn external(
        env: sys::napi_env,
        units: &[Self],
        finalize: Finalize,
        hint: Hint,
        result: *mut sys::napi_value,
    ) -> sys::napi_status;
    /// # Safety
    /// As for `napi_create_string_*`.
    unsafe fn copied(env: sys::napi_env, units: &[Self], result: *mut sys::napi_value) -> sys::napi_status;
}

/// The two impls differ only in the Node-API functions they call.
macro_rules! impl_unit {
    ($unit:ty, $external:ident, $copied:ident) => {
        impl Unit for $unit {
            unsafe fn external(
                env: sys::napi_env,
                units: &[$unit],
                finalize: Finalize,
                hint: Hint,
                result: *mut sys::napi_value,
            ) -> sys::napi_status {
                let mut copied = false;
                let (start, length) = (units.as_ptr().cast(), units.len() as isize);
                // SAFETY: forwarded from the caller.
                unsafe { $external(env, start, length, finalize, hint, result, &mut copied) }
            }

            unsafe fn copied(env: sys::napi_env, units: &[$unit], result: *mut sys::napi_value) -> sys::napi_status {
                // SAFETY: forwarded from the caller.
                unsafe { sys::$copied(env, units.as_ptr().cast(), units.len() as isize, result) }
            }
        }
    };
}

impl_unit!(u8, node_api_create_external_string_latin1, napi_create_string_latin1);
impl_unit!(u16, node_api_create_external_string_utf16, napi_create_string_utf16);

/// Bytes of external strings freed since V8 was last told about external memory.
static FREED_EXTERNAL_BYTES: AtomicI64 = AtomicI64::new(0);

/// Frees the units behind an external string, once V8 is done with it (or has copied it).
unsafe extern "C" fn free_units<U: Unit>(_env: sys::napi_env, _data: Hint, hint: Hint) {
    // SAFETY: `hint` is the `Box<Vec<U>>` that `js_string` leaked for this string.
    let units = unsafe { Box::from_raw(hint.cast::<Vec<U>>()) };
    // This may run inside a garbage collection, where napi must not be called; the next
    // external string settles the count.
    FREED_EXTERNAL_BYTES.fetch_add(std::mem::size_of_val(units.as_slice()) as i64, Ordering::Relaxed);
}

/// Tells V8 about the memory behind external strings. V8 places them in the old
/// generation, which only a full collection frees, and counts their bytes without
/// acting on them: without this, megabytes of transform output pile up between full
/// collections (a gigabyte after a few hundred modules). The price: V8 collects fully
/// every 64 MB of output, which with a large heap of small objects costs more than
/// copying would, if the process does little but transform (`npm run bench --
/// --live-heap 300` measures the common case, transforms among other work).
fn report_external_bytes(env: sys::napi_env, added: usize) {
    let change = added as i64 - FREED_EXTERNAL_BYTES.swap(0, Ordering::Relaxed);
    let mut total = 0;
    // SAFETY: `env` is the live environment of the conversion that calls this, on the JS
    // thread, outside a collection. A failure only leaves V8's estimate off.
    unsafe { sys::napi_adjust_external_memory(env, change, &mut total) };
}

/// A JS string of `units`: external when large, else copied.
///
/// # Safety
/// `env` is the live environment of a conversion on the JS thread.
unsafe fn js_string<U: Unit>(env: sys::napi_env, units: Vec<U>) -> napi::Result<sys::napi_value> {
    let mut value = std::ptr::null_mut();
    let status = if units.len() >= EXTERNAL_TEXT_MIN {
        let bytes = std::mem::size_of_val(units.as_slice());
        // Boxed, so that the units stay where they are until `free_units` runs, which
        // napi guarantees it does, also when V8 copies them instead.
        let boxed = Box::into_raw(Box::new(units));
        // SAFETY: `boxed` is alive until the finalizer reclaims it; `env` as promised.
        let status = unsafe { U::external(env, &*boxed, Some(free_units::<U>), boxed.cast(), &mut value) };
        if status == sys::Status::napi_ok {
            report_external_bytes(env, bytes);
        }
        status
    } else {
        // SAFETY: the units are alive for the call, which copies them.
        unsafe { U::copied(env, &units, &mut value) }
    };
    if status != sys::Status::napi_ok {
        return Err(napi::Error::new(napi::Status::GenericFailure, "could not create a JS string"));
    }
    Ok(value)
}

/// Both cross as JS strings, and TypeScript sees them as `string`.
macro_rules! string_type_name {
    ($($text:ty),*) => {$(
        impl TypeName for $text {
            fn type_name() -> &'static str {
                "String"
            }

            fn value_type() -> ValueType {
                ValueType::String
            }
        }
    )*};
}

string_type_name!(Text, SourceText);

impl ToNapiValue for Text {
    unsafe fn to_napi_value(env: sys::napi_env, text: Self) -> napi::Result<sys::napi_value> {
        // SAFETY: napi passes the live environment of this conversion.
        match text.0 {
            JsText::Latin1(bytes) => unsafe { js_string(env, bytes) },
            JsText::Utf16(units) => unsafe { js_string(env, units) },
        }
    }
}

/// Source text from JS: its UTF-16 code units, copied out by V8 into a buffer this
/// thread reuses, then made UTF-8 here ([`js_text::SourceText`]).
pub struct SourceText(js_text::SourceText);

thread_local! {
    static UNITS: std::cell::RefCell<Vec<u16>> = const { std::cell::RefCell::new(Vec::new()) };
}

impl FromNapiValue for SourceText {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> napi::Result<Self> {
        let not_a_string = || napi::Error::new(napi::Status::StringExpected, "expected a string");
        let mut length = 0;
        // SAFETY: `env` and `value` come from napi; a null buffer asks for the length only,
        // which V8 knows without scanning.
        let status = unsafe { sys::napi_get_value_string_utf16(env, value, std::ptr::null_mut(), 0, &mut length) };
        if status != sys::Status::napi_ok {
            return Err(not_a_string());
        }
        UNITS.with_borrow_mut(|units| {
            // One more unit for V8's terminator.
            units.clear();
            units.reserve(length + 1);
            let mut copied = 0;
            // SAFETY: the buffer has room for `length + 1` units, and V8 writes at most that many.
            let status =
                unsafe { sys::napi_get_value_string_utf16(env, value, units.as_mut_ptr(), length + 1, &mut copied) };
            if status != sys::Status::napi_ok {
                return Err(not_a_string());
            }
            // SAFETY: V8 initialised `copied` units (the terminator is not counted).
            unsafe { units.set_len(copied) };
            let source = js_text::SourceText::from_utf16(units);
            // A huge module's units are not kept for the life of the thread.
            if units.capacity() > REUSED_UNITS_LIMIT {
                *units = Vec::new();
            }
            Ok(Self(source))
        })
    }
}

/// Buffers above this many units are not kept for reuse.
const REUSED_UNITS_LIMIT: usize = 16 << 20;

#[napi(object)]
pub struct BindingInputMap {
    pub mappings: String,
    pub sources: Option<Vec<Option<String>>>,
    pub sources_content: Option<Vec<Option<String>>>,
    pub names: Option<Vec<String>>,
    pub source_root: Option<String>,
    pub ignore_list: Option<Vec<u32>>,
}

#[napi(object)]
pub struct BindingTransformOptions {
    pub json_stringify: Option<bool>,
    /// `"exportName"` (default) or `"defineProperty"`.
    pub export_style: Option<String>,
    /// ECMAScript module semantics over byte parity; see `TransformOptions::strict_esm`.
    pub strict_esm: Option<bool>,
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

#[napi(object, object_from_js = false)]
pub struct BindingMap {
    /// `"input"`: the result's map is the caller's input map; `"generated"` or `"composed"`.
    pub kind: String,
    #[napi(ts_type = "string")]
    pub mappings: Text,
    pub sources: Vec<String>,
    pub sources_content: Option<Vec<Option<String>>>,
    pub names: Vec<String>,
    pub ignore_list: Option<Vec<u32>>,
}

#[napi(object, object_from_js = false)]
pub struct BindingTransformResult {
    #[napi(ts_type = "string")]
    pub code: Text,
    pub map: Option<BindingMap>,
    pub deps: Vec<String>,
    pub dynamic_deps: Vec<String>,
    /// UTF-16 offsets of the input's lone surrogates, which the transform saw as U+FFFD,
    /// and where those characters stand in `code` (`index.js` puts the originals back).
    pub lone_surrogates: Vec<u32>,
    pub tracked: Vec<u32>,
    pub error: Option<BindingError>,
}

struct Request {
    code: String,
    lone_surrogates: Vec<u32>,
    in_map: Option<InputMap>,
    url: String,
    options: TransformOptions,
}

impl Request {
    fn new(
        code: SourceText,
        in_map: Option<BindingInputMap>,
        url: String,
        options: Option<BindingTransformOptions>,
    ) -> napi::Result<Self> {
        let options =
            options.unwrap_or(BindingTransformOptions { json_stringify: None, export_style: None, strict_esm: None });
        let export_style = match options.export_style.as_deref() {
            None | Some("exportName") => ExportStyle::ExportName,
            Some("defineProperty") => ExportStyle::DefineProperty,
            Some(other) => {
                return Err(napi::Error::new(
                    napi::Status::InvalidArg,
                    format!("exportStyle must be 'exportName' or 'defineProperty', got {other:?}"),
                ));
            }
        };
        let in_map = in_map.map(|map| InputMap {
            mappings: map.mappings,
            sources: map.sources.unwrap_or_default(),
            sources_content: map.sources_content,
            names: map.names.unwrap_or_default(),
            source_root: map.source_root,
            ignore_list: map.ignore_list,
        });
        let js_text::SourceText { text, lone_surrogates } = code.0;
        let track = utf16_to_byte_offsets(&text, &lone_surrogates);
        Ok(Self {
            code: text,
            lone_surrogates,
            in_map,
            url,
            options: TransformOptions {
                json_stringify: options.json_stringify.unwrap_or(false),
                export_style,
                strict_esm: options.strict_esm.unwrap_or(false),
                track,
            },
        })
    }

    fn run(self) -> BindingTransformResult {
        let outcome = guarded(&self.url, || ssr_transform(&self.code, self.in_map.as_ref(), &self.url, &self.options));
        match outcome {
            Ok(output) => to_binding_result(output, self.lone_surrogates),
            Err(error) => BindingTransformResult {
                code: Text::from(String::new()),
                map: None,
                deps: Vec::new(),
                dynamic_deps: Vec::new(),
                lone_surrogates: Vec::new(),
                tracked: Vec::new(),
                error: Some(to_binding_error(error)),
            },
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

fn to_binding_result(output: TransformOutput, lone_surrogates: Vec<u32>) -> BindingTransformResult {
    let map = match output.map {
        OutputMap::Input => BindingMap {
            kind: "input".into(),
            mappings: Text::mappings(String::new()),
            sources: Vec::new(),
            sources_content: None,
            names: Vec::new(),
            ignore_list: None,
        },
        OutputMap::Generated { mappings, source } => BindingMap {
            kind: "generated".into(),
            mappings: Text::mappings(mappings),
            sources: vec![source],
            sources_content: None,
            names: Vec::new(),
            ignore_list: None,
        },
        OutputMap::Composed(map) => BindingMap {
            kind: "composed".into(),
            mappings: Text::mappings(map.mappings),
            sources: map.sources,
            sources_content: Some(map.sources_content),
            names: map.names,
            ignore_list: Some(map.ignore_list),
        },
    };
    BindingTransformResult {
        code: Text::from(output.code),
        map: Some(map),
        deps: output.deps,
        dynamic_deps: output.dynamic_deps,
        lone_surrogates,
        tracked: output.tracked,
        error: None,
    }
}

/// Transforms on the calling thread.
#[napi]
pub fn ssr_transform_sync(
    #[napi(ts_arg_type = "string")] code: SourceText,
    in_map: Option<BindingInputMap>,
    url: String,
    options: Option<BindingTransformOptions>,
) -> napi::Result<BindingTransformResult> {
    Ok(Request::new(code, in_map, url, options)?.run())
}

/// Transforms on a thread of the [`Pool`], largest module first.
#[napi(ts_return_type = "Promise<BindingTransformResult>")]
pub fn ssr_transform_async<'env>(
    env: &'env Env,
    #[napi(ts_arg_type = "string")] code: SourceText,
    in_map: Option<BindingInputMap>,
    url: String,
    options: Option<BindingTransformOptions>,
) -> napi::Result<Object<'env>> {
    let request = Request::new(code, in_map, url, options)?;
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
    let names: FxHashMap<String, Vec<String>> = names.into_iter().collect();
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
    crate::parse::with_module(&code.0.text, "", |program| Ok(program.body.len() as u32)).unwrap_or(0)
}
