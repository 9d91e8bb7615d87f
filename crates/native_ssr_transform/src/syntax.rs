//! Small facts of JS syntax that several transforms share: where hoisted code may go,
//! how a string is written as a JSON literal, what counts as whitespace, and how to step
//! over comments.
//!
//! ```text
//! file_start("#!/usr/bin/env node\nx")   -> 20   (past the hashbang line)
//! json_string("a\"b")                     -> "\"a\\\"b\""
//! skip_trivia("export /* c */ *", .., 6)  -> 15   (the `*`)
//! ```

use std::fmt::Write as _;
use std::sync::LazyLock;

use memchr::memmem::Finder;
use oxc_ast::ast::Comment;

/// Searchers for the words the transform looks for in a module's text, built once:
/// building one costs more than searching a small module does.
pub static IMPORT: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("import"));
pub static AWAIT: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("await"));
pub static HTML_OPEN_COMMENT: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("<!--"));

/// Length of a leading hashbang line with its line terminator: where hoisted code goes.
pub fn file_start(code: &str) -> u32 {
    if !code.starts_with("#!") {
        return 0;
    }
    match code.char_indices().find(|&(_, c)| matches!(c, '\r' | '\n' | '\u{2028}' | '\u{2029}')) {
        None => code.len() as u32,
        Some((i, '\r')) if code[i + 1..].starts_with('\n') => i as u32 + 2,
        Some((i, c)) => (i + c.len_utf8()) as u32,
    }
}

/// Whether `bytes` holds a byte that `JSON.stringify` escapes: a control, `"` or `\\`.
/// Eight bytes at a time: for each test, a byte below the bound (or equal to zero, after
/// an XOR) borrows, which sets its high bit in the difference while it was clear before.
fn needs_json_escape(bytes: &[u8]) -> bool {
    const fn splat(byte: u8) -> u64 {
        u64::from_ne_bytes([byte; 8])
    }
    let any_escaped = |word: u64| {
        let below_space = word.wrapping_sub(splat(0x20));
        let quote = (word ^ splat(b'"')).wrapping_sub(splat(1)) & !(word ^ splat(b'"'));
        let backslash = (word ^ splat(b'\\')).wrapping_sub(splat(1)) & !(word ^ splat(b'\\'));
        (below_space & !word | quote | backslash) & splat(0x80) != 0
    };
    let mut words = bytes.chunks_exact(8);
    let found = words.by_ref().any(|eight| any_escaped(u64::from_le_bytes(eight.try_into().expect("8 bytes"))));
    found || words.remainder().iter().any(|&b| b < 0x20 || b == b'"' || b == b'\\')
}

/// `JSON.stringify` of a string, appended to `out`.
pub fn push_json_string(out: &mut String, value: &str) {
    // Specifiers and names rarely need escaping: then the text goes in as it is, with
    // one check of the room for it.
    if !needs_json_escape(value.as_bytes()) {
        out.reserve(value.len() + 2);
        out.push('"');
        out.push_str(value);
        out.push('"');
        return;
    }
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// `JSON.stringify` of a string.
pub fn json_string(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    push_json_string(&mut out, value);
    out
}

/// Node's `path.posix.basename`.
pub fn basename(url: &str) -> &str {
    let trimmed = url.trim_end_matches('/');
    trimmed.rsplit('/').next().unwrap_or(trimmed)
}

/// ECMAScript's WhiteSpace and LineTerminator characters (what `String.prototype.trim` removes).
pub fn is_js_whitespace(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}' | '\u{2028}' | '\u{2029}' | '\u{202f}' | '\u{205f}' | '\u{3000}' | '\u{feff}'
    )
}

/// The first offset from `at` that starts neither whitespace nor one of `comments`.
pub fn skip_trivia(code: &str, comments: &[Comment], mut at: u32) -> u32 {
    loop {
        if let Some(comment) = comments.iter().find(|c| c.span.start == at) {
            at = comment.span.end;
            continue;
        }
        match code[at as usize..].chars().next() {
            Some(c) if is_js_whitespace(c) => at += c.len_utf8() as u32,
            _ => return at,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashbang_file_start() {
        assert_eq!(file_start("#!/usr/bin/env node\nx"), 20);
        assert_eq!(file_start("#!node\r\nx"), 8);
        assert_eq!(file_start("#!node\u{2028}x"), 9);
        assert_eq!(file_start("#!node"), 6);
        assert_eq!(file_start("x"), 0);
    }

    #[test]
    fn escaped_bytes_are_found_at_every_place() {
        for byte in 0..=u8::MAX {
            let escaped = byte < 0x20 || byte == b'"' || byte == b'\\';
            for length in 1..20 {
                for at in 0..length {
                    let mut bytes = vec![b'a'; length];
                    bytes[at] = byte;
                    assert_eq!(needs_json_escape(&bytes), escaped, "{byte:#x} at {at} of {length}");
                }
            }
        }
    }

    #[test]
    fn json_strings_escape_like_js() {
        assert_eq!(json_string("a\"b\\c\n\u{1}\u{2028}é"), "\"a\\\"b\\\\c\\n\\u0001\u{2028}é\"");
        assert_eq!(json_string("plain"), "\"plain\"");
    }

    #[test]
    fn basenames() {
        assert_eq!(basename("/src/a.ts?v=1"), "a.ts?v=1");
        assert_eq!(basename("a.js"), "a.js");
        assert_eq!(basename("/src/dir/"), "dir");
        assert_eq!(basename(""), "");
    }

    #[test]
    fn whitespace_is_what_js_trims() {
        for c in ['\t', '\u{b}', '\u{a0}', '\u{2007}', '\u{feff}', '\u{3000}'] {
            assert!(is_js_whitespace(c), "{c:?}");
        }
        for c in ['a', '\u{200b}', '\u{180e}', '/'] {
            assert!(!is_js_whitespace(c), "{c:?}");
        }
    }

    fn test(code: &str, from: u32, expected: u32) {
        let allocator = oxc_allocator::Allocator::default();
        let program = crate::parse::parse_module(&allocator, code, "/a.js").unwrap();
        assert_eq!(skip_trivia(code, &program.comments, from), expected, "{code}");
    }

    #[test]
    fn trivia_is_whitespace_and_comments() {
        test("export * from 'a'", 6, 7);
        test("export /* a */ * from 'a'", 6, 15);
        test("export // a\n\u{a0}/* b */\t* from 'a'", 6, 22);
        test("export default 1", 6, 7);
    }
}
