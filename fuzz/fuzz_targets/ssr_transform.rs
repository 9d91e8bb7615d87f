//! `ssr_transform` on arbitrary text; the properties are in `src/lib.rs`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The API takes `&str`: the JS layer hands over well-formed UTF-16 only.
    if let Ok(code) = std::str::from_utf8(data) {
        native_ssr_transform_fuzz::ssr_transform_holds(code);
    }
});
