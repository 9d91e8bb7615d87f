//! `transform_cjs_import` and `rewrite_cjs_imports` on arbitrary text; the properties are
//! in `src/lib.rs`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(code) = std::str::from_utf8(data) {
        native_ssr_transform_fuzz::cjs_interop_holds(code);
    }
});
