//! Parsing as Vite 8 parses for its transforms (rolldown's `parseAst`): oxc, without
//! parenthesized-expression nodes, so spans are ESTree's. Unlike Vite, always with the
//! module goal: a file is a module even when it has no `import` or `export`. Identifier
//! names are not hashed: no symbol table is built from this AST (the transform keys its
//! own maps by `&str`), and hashing every name cost 1.2% of a small module's transform.

use std::sync::Mutex;

use oxc_allocator::Allocator;
use oxc_ast::ast::Program;
use oxc_diagnostics::OxcDiagnostic;
use oxc_parser::{ParseOptions, Parser};
use oxc_span::SourceType;

use crate::error::Error;

/// Parses `code`; a syntax error becomes a Vite-shaped [`Error`] for `url`.
pub fn parse_module<'a>(allocator: &'a Allocator, code: &'a str, url: &str) -> Result<Program<'a>, Error> {
    let parse = || {
        Parser::new(allocator, code, SourceType::mjs())
            .with_options(ParseOptions {
                preserve_parens: false,
                enable_ident_hashes: false,
                ..ParseOptions::default()
            })
            .parse()
    };
    // oxc 0.146 panics on a few malformed inputs (an invalid escape in a string name, found
    // by fuzzing): that is a syntax error of the input, not a failure of the transform.
    let Ok(parsed) = std::panic::catch_unwind(std::panic::AssertUnwindSafe(parse)) else {
        let diagnostic = OxcDiagnostic::error("The parser could not read this module (it is not valid JavaScript)");
        return Err(Error::parse(code, url, &[diagnostic]));
    };
    if parsed.panicked || !parsed.diagnostics.is_empty() {
        return Err(Error::parse(code, url, &parsed.diagnostics));
    }
    Ok(parsed.program)
}

/// Parses `code` and runs `work` on the module, with room on the stack for its nesting
/// ([`crate::stack`]) and a reused arena. A syntax error becomes a Vite-shaped error for `url`.
pub fn with_module<R>(code: &str, url: &str, work: impl FnOnce(&Program) -> Result<R, Error>) -> Result<R, Error> {
    let large = code.len() >= LARGE_MODULE;
    crate::stack::with_stack_for(code, || with_allocator(large, |allocator| work(&parse_module(allocator, code, url)?)))
}

/// Arenas above this size are not kept for reuse, so that one huge module does not pin
/// its memory for the life of the process.
const REUSED_ARENA_LIMIT: usize = 64 << 20;

/// Modules from this size take the largest free arena; smaller ones the smallest.
const LARGE_MODULE: usize = 256 << 10;

/// Arenas not in use, shared by the threads that transform: as many as ever ran at once.
/// (Kept per thread, every thread ended up holding an arena grown for the largest module
/// it had met, and the process's memory kept growing until each had met the largest.)
static ARENAS: Mutex<Vec<Allocator>> = Mutex::new(Vec::new());

/// Runs `work` with an arena allocator, reusing a free one: a fresh arena for every
/// module would map, fault in and unmap its memory every time.
fn with_allocator<R>(large: bool, work: impl FnOnce(&Allocator) -> R) -> R {
    let reused = {
        let mut arenas = ARENAS.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let by_capacity = (0..arenas.len()).map(|i| (arenas[i].capacity(), i));
        let chosen = if large { by_capacity.max() } else { by_capacity.min() };
        chosen.map(|(_, i)| arenas.swap_remove(i))
    };
    let mut allocator = reused.unwrap_or_default();
    let result = work(&allocator);
    allocator.reset();
    if allocator.capacity() <= REUSED_ARENA_LIMIT {
        ARENAS.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(allocator);
    }
    result
}
