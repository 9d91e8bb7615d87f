//! Vite's `ssrTransform` (and `transformCjsImport`) in Rust.
//!
//! The pipeline: [`oxc_parser`] parses the module; [`scope`] resolves which references
//! point at imports; [`rewrite`] issues magic-string-style [`edits`] in Vite's order;
//! [`sourcemap`] encodes the `hires: 'boundary'` map and composes it with an input map.
//! Errors of every kind are one [`Error`] with a location. The Node binding lives in
//! `binding`, behind the `napi` feature.

pub mod cjs_exports;
pub mod cjs_interop;
mod early_errors;
pub mod edits;
pub mod error;
pub mod js_text;
pub mod parse;
pub mod pool;
pub mod rewrite;
mod scope;
pub mod sourcemap;
mod stack;

// napi-derive registers exports only outside `cfg(test)`.
#[cfg(all(feature = "napi", not(test)))]
mod binding;

pub use error::{Error, ErrorKind, Location};
pub use rewrite::{ExportStyle, OutputMap, TransformOptions, TransformOutput, ssr_transform};
pub use sourcemap::{ComposedMap, InputMap};
