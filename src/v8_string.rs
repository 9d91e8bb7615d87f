//! Strings across the boundary, in the forms V8 keeps them.
//!
//! ```text
//! JS string --napi_get_value_string_utf16--> [u16] (a buffer the thread reuses) --js_text--> UTF-8 source
//! output    --js_text--> Latin-1 or UTF-16 units --> a JS string: external when large, else copied
//! ```
//!
//! V8's own UTF-8 conversions go a character at a time both ways; its string forms are
//! copied or adopted at the speed of memory.

use std::sync::atomic::{AtomicI64, Ordering};

use napi::bindgen_prelude::{FromNapiValue, ToNapiValue, TypeName, ValueType};
use napi::sys;

use crate::js_text::{self, JsText};

/// Text handed to JS, in the form V8 stores strings ([`JsText`]). Large text (any
/// module's mappings, and code) becomes an external string: V8 reads our buffer in place
/// and frees it through the finalizer, so megabytes of output are neither copied on the
/// JS thread nor decoded from UTF-8 into fresh memory. The conversion happens when the
/// result is made, which for `ssrTransform` is on the worker thread.
pub struct Text(Form);

enum Form {
    /// V8's own string forms, for a native build.
    Engine(JsText),
    /// UTF-8, for the WebAssembly build: emnapi decodes UTF-8 with the engine's
    /// `TextDecoder`, but copies Latin-1 and UTF-16 a unit at a time, each through a new
    /// view of the WebAssembly memory, which made the build slower than Vite's JS transform.
    Utf8(String),
}

impl From<String> for Text {
    fn from(text: String) -> Self {
        if cfg!(target_family = "wasm") { Self(Form::Utf8(text)) } else { Self(Form::Engine(JsText::new(text))) }
    }
}

impl Text {
    /// Mappings: base64 digits, `,` and `;`, so ASCII without a scan.
    pub fn mappings(mappings: String) -> Self {
        if cfg!(target_family = "wasm") {
            Self(Form::Utf8(mappings))
        } else {
            Self(Form::Engine(JsText::ascii(mappings)))
        }
    }

    /// `text` with the UTF-16 units at the given UTF-16 offsets put back: the lone
    /// surrogates that the source held, which reached `text` as U+FFFD. UTF-8 cannot hold
    /// them, so such a text is UTF-16 in every build.
    pub fn with_units(text: String, units: impl IntoIterator<Item = (u32, u16)>) -> Self {
        let mut units = units.into_iter().peekable();
        if units.peek().is_none() {
            return Self::from(text);
        }
        let mut text = JsText::new(text);
        text.replace_units(units);
        Self(Form::Engine(text))
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
    unsafe { sys::napi_adjust_external_memory(env, change, &raw mut total) };
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
        let status = unsafe { U::external(env, &*boxed, Some(free_units::<U>), boxed.cast(), &raw mut value) };
        if status == sys::Status::napi_ok {
            report_external_bytes(env, bytes);
        }
        status
    } else {
        // SAFETY: the units are alive for the call, which copies them.
        unsafe { U::copied(env, &units, &raw mut value) }
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
            Form::Engine(JsText::Latin1(bytes)) => unsafe { js_string(env, bytes) },
            Form::Engine(JsText::Utf16(units)) if cfg!(target_family = "wasm") => unsafe {
                wasm_utf16_string(env, &units)
            },
            Form::Engine(JsText::Utf16(units)) => unsafe { js_string(env, units) },
            Form::Utf8(text) => unsafe { String::to_napi_value(env, text) },
        }
    }
}

/// A JS string of UTF-16 `units` that may hold lone surrogates, made through emnapi, whose
/// UTF-16 strings longer than 16 units go through a `TextDecoder`, which replaces lone
/// surrogates with U+FFFD. The well-formed runs are made from UTF-8, each lone surrogate
/// on its own (emnapi makes short strings unit by unit), and the pieces are joined by
/// `String.prototype.concat`.
///
/// # Safety
/// `env` is the live environment of a conversion on the JS thread.
unsafe fn wasm_utf16_string(env: sys::napi_env, units: &[u16]) -> napi::Result<sys::napi_value> {
    // Arguments per `concat` call, well below any engine's limit.
    const PIECES_PER_CALL: usize = 1024;
    let failed = || napi::Error::new(napi::Status::GenericFailure, "could not create a JS string");
    let check = |status| if status == sys::Status::napi_ok { Ok(()) } else { Err(failed()) };
    let mut pieces = Vec::new();
    let mut run = String::new();
    let push_run = |run: &mut String, pieces: &mut Vec<sys::napi_value>| -> napi::Result<()> {
        let mut value = std::ptr::null_mut();
        // SAFETY: `env` as promised; the bytes are alive for the call, which copies them.
        check(unsafe { sys::napi_create_string_utf8(env, run.as_ptr().cast(), run.len() as isize, &raw mut value) })?;
        pieces.push(value);
        run.clear();
        Ok(())
    };
    for decoded in char::decode_utf16(units.iter().copied()) {
        match decoded {
            Ok(c) => run.push(c),
            Err(lone) => {
                push_run(&mut run, &mut pieces)?;
                let (unit, mut value) = (lone.unpaired_surrogate(), std::ptr::null_mut());
                // SAFETY: `env` as promised; one unit, alive for the call, which copies it.
                check(unsafe { sys::napi_create_string_utf16(env, &raw const unit, 1, &raw mut value) })?;
                pieces.push(value);
            }
        }
    }
    push_run(&mut run, &mut pieces)?;
    let mut joined = std::ptr::null_mut();
    // SAFETY: `env` as promised; an empty string.
    check(unsafe { sys::napi_create_string_utf8(env, c"".as_ptr(), 0, &raw mut joined) })?;
    let mut concat = std::ptr::null_mut();
    // SAFETY: `joined` is a live string; the name is a C string.
    check(unsafe { sys::napi_get_named_property(env, joined, c"concat".as_ptr(), &raw mut concat) })?;
    for batch in pieces.chunks(PIECES_PER_CALL) {
        let mut result = std::ptr::null_mut();
        // SAFETY: `concat` is `String.prototype.concat`, called on a string with live strings.
        check(unsafe { sys::napi_call_function(env, joined, concat, batch.len(), batch.as_ptr(), &raw mut result) })?;
        joined = result;
    }
    Ok(joined)
}

/// Source text from JS: its UTF-16 code units, copied out by V8 into a buffer this
/// thread reuses, then made UTF-8 here ([`js_text::SourceText`]).
pub struct SourceText(pub js_text::SourceText);

thread_local! {
    static UNITS: std::cell::RefCell<Vec<u16>> = const { std::cell::RefCell::new(Vec::new()) };
}

impl FromNapiValue for SourceText {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> napi::Result<Self> {
        // SAFETY (both calls): forwarded from the caller.
        if cfg!(target_family = "wasm") && unsafe { is_well_formed(env, value)? } {
            // emnapi copies UTF-16 units out one at a time, each through a new view of the
            // WebAssembly memory; its UTF-8 encoder writes through one. It garbles lone
            // surrogates, which is why only a well-formed string goes this way.
            let text = unsafe { String::from_napi_value(env, value)? };
            return Ok(Self(js_text::SourceText { text, lone_surrogates: Vec::new() }));
        }
        unsafe { Self::from_utf16_units(env, value) }
    }
}

/// `value.isWellFormed()`: whether the string holds no lone surrogate.
///
/// # Safety
/// `env` and `value` are the live environment and value of a conversion on the JS thread.
unsafe fn is_well_formed(env: sys::napi_env, value: sys::napi_value) -> napi::Result<bool> {
    let (mut method, mut result, mut well_formed) = (std::ptr::null_mut(), std::ptr::null_mut(), false);
    // SAFETY: as promised by the caller; the name is a C string, and the call takes no
    // arguments.
    let ok = unsafe {
        sys::napi_get_named_property(env, value, c"isWellFormed".as_ptr(), &raw mut method) == sys::Status::napi_ok
            && sys::napi_call_function(env, value, method, 0, std::ptr::null(), &raw mut result) == sys::Status::napi_ok
            && sys::napi_get_value_bool(env, result, &raw mut well_formed) == sys::Status::napi_ok
    };
    if ok { Ok(well_formed) } else { Err(napi::Error::new(napi::Status::StringExpected, "expected a string")) }
}

impl SourceText {
    /// The string's UTF-16 units, copied out by V8 into a buffer this thread reuses, then
    /// made UTF-8 with the lone surrogates listed.
    ///
    /// # Safety
    /// As for [`FromNapiValue::from_napi_value`].
    unsafe fn from_utf16_units(env: sys::napi_env, value: sys::napi_value) -> napi::Result<Self> {
        let not_a_string = || napi::Error::new(napi::Status::StringExpected, "expected a string");
        let mut length = 0;
        // SAFETY: `env` and `value` come from napi; a null buffer asks for the length only,
        // which V8 knows without scanning.
        let status = unsafe { sys::napi_get_value_string_utf16(env, value, std::ptr::null_mut(), 0, &raw mut length) };
        if status != sys::Status::napi_ok {
            return Err(not_a_string());
        }
        UNITS.with_borrow_mut(|units| {
            // One more unit for V8's terminator.
            units.clear();
            units.reserve(length + 1);
            let mut copied = 0;
            // SAFETY: the buffer has room for `length + 1` units, and V8 writes at most that many.
            let status = unsafe {
                sys::napi_get_value_string_utf16(env, value, units.as_mut_ptr(), length + 1, &raw mut copied)
            };
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
