//! The Node binding of `native_ssr_transform`, built with napi-rs into the package's
//! `.node` addon.
//!
//! ```text
//! index.js ──▶ binding (Binding* objects, argument conversion, panics caught)
//!                ├─ v8_string: JS strings in and out, in V8's own forms (js_text)
//!                └─ pool: the threads of ssrTransformAsync, largest module first
//!                     └─▶ native_ssr_transform::ssr_transform, cjs_interop, cjs_exports
//! ```

pub mod binding;
mod js_text;
mod pool;
mod v8_string;
