//! Parsing as Vite 8 parses for its transforms (rolldown's `parseAst`): oxc, without
//! parenthesized-expression nodes, so spans are ESTree's. Unlike Vite, always with the
//! module goal: a file is a module even when it has no `import` or `export`.

use oxc_allocator::Allocator;
use oxc_ast::ast::Program;
use oxc_parser::{ParseOptions, Parser};
use oxc_span::SourceType;

use crate::error::Error;

/// Parses `code`; a syntax error becomes a Vite-shaped [`Error`] for `url`.
pub fn parse_module<'a>(allocator: &'a Allocator, code: &'a str, url: &str) -> Result<Program<'a>, Error> {
    let parsed = Parser::new(allocator, code, SourceType::mjs())
        .with_options(ParseOptions { preserve_parens: false, ..ParseOptions::default() })
        .parse();
    if parsed.panicked || !parsed.diagnostics.is_empty() {
        return Err(Error::parse(code, url, &parsed.diagnostics));
    }
    Ok(parsed.program)
}
