//! Vite's `ssrTransform` (and `transformCjsImport`) in Rust.
//!
//! The pipeline of [`ssr_transform()`]: [`oxc_parser`] parses the module ([`parse`]);
//! the [`rewrite`] hoists imports and exports in Vite's order, and its [`walker`] finds
//! the references to imports, resolved by [`scope`]; every change is a magic-string-style
//! edit ([`edits`]); [`sourcemap`] encodes the `hires: 'boundary'` map, or composes it
//! with an input map. Errors of every kind are one [`Error`] with a location. The Node
//! binding is a crate of its own, at the repository's root.

pub mod cjs_exports;
pub mod cjs_interop;
mod early_errors;
pub mod edits;
pub mod error;
mod ordered_set;
pub mod parse;
mod rewrite;
mod scope;
pub mod sourcemap;
mod ssr_transform;
mod stack;
pub mod string_list;
pub mod syntax;
mod walker;

pub use error::{Error, ErrorKind, Location};
pub use sourcemap::{ComposedMap, InputMap};
pub use ssr_transform::{ExportStyle, OutputMap, TransformOptions, TransformOutput, ssr_transform};
