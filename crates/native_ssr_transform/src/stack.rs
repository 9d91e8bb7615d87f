//! Room on the stack for deeply nested input.
//!
//! The parser and the walk both recurse once per nesting level, a few
//! KB of stack each; 10,000 nested parentheses overflow an 8 MB stack, and an overflow
//! aborts the whole Node process. So before the work starts, a cheap scan bounds the
//! nesting, and anything whose bound does not fit in the stack the thread has left runs
//! on a stack segment of its own (`stacker`), sized from that bound. The bound is loose
//! (a 6 KB module may need a megabyte by it), so it is weighed against what is really
//! left, not against a fixed budget: a fresh segment costs an `mmap`, an `mprotect`, a
//! `munmap` and page faults, as much as transforming a small module.
//!
//! ```text
//! "f(a)", a 20 KB module  -> runs in place (Node's main thread has ~8 MB)
//! "(((( … 100000 … ))))"  -> runs on a ~800 MB (virtual, lazily committed) segment
//! ```

/// Stack the work may use on the caller's stack when the platform cannot say how much
/// is left: Node's main thread and its threadpool threads have megabytes.
const INLINE_BUDGET: usize = 256 * 1024;
/// Stack per level of bracket nesting (`(`, `[`, `{`, `${`), the costliest kind,
/// measured on 0.146 with margin.
const PER_BRACKET_LEVEL: usize = 8 * 1024;
/// Chains without brackets (`!!!x`, `new new X`, `a = b = c`, `a ? b : c ? …`) cost at
/// most this much stack per byte of input.
const PER_BYTE: usize = 192;
/// Room for everything else.
const BASE: usize = 1024 * 1024;
/// The largest segment to ask for (virtual memory, committed only as it is used). Up to
/// it, the count of opening brackets, which nothing can fool, sizes the segment; past
/// it, a scan that measures the nesting does.
const LARGEST_SEGMENT: usize = 8 << 30;

/// Runs `work` with enough stack for `code`.
pub fn with_stack_for<R>(code: &str, work: impl FnOnce() -> R) -> R {
    let room = inline_room();
    // Even if every byte opened a bracket, a small module would fit: no need to count.
    if code.len().saturating_mul(PER_BRACKET_LEVEL + PER_BYTE) <= room {
        return work();
    }
    let need = stack_needed(code);
    if need <= room { work() } else { stacker::grow(BASE + need.min(LARGEST_SEGMENT), work) }
}

/// Stack the work may use where it is called: what the thread has left, less [`BASE`]
/// for everything else.
fn inline_room() -> usize {
    stacker::remaining_stack().map_or(INLINE_BUDGET, |left| left.saturating_sub(BASE))
}

fn stack_needed(code: &str) -> usize {
    let for_depth =
        |depth: usize| depth.saturating_mul(PER_BRACKET_LEVEL).saturating_add(code.len().saturating_mul(PER_BYTE));
    let bound = for_depth(opening_brackets(code));
    if bound <= LARGEST_SEGMENT {
        return bound;
    }
    for_depth(raw_bracket_depth(code).max(lexed_bracket_depth(code)))
}

/// Every nesting level opens with a bracket, so their count bounds the depth.
fn opening_brackets(code: &str) -> usize {
    // Brackets come every few bytes, and a search that stops at each costs more than a
    // count the compiler vectorises. Blocks of 255 bytes let each lane count in a byte.
    code.as_bytes()
        .chunks(255)
        .map(|block| {
            let in_block = block.iter().fold(0u8, |count, &b| count + u8::from(matches!(b, b'(' | b'[' | b'{')));
            usize::from(in_block)
        })
        .sum()
}

/// The deepest bracket nesting, counting every bracket character.
fn raw_bracket_depth(code: &str) -> usize {
    let mut depth = 0usize;
    let mut deepest = 0;
    for byte in code.bytes() {
        match byte {
            b'(' | b'[' | b'{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

/// The deepest bracket nesting outside strings and comments. Regular expressions are
/// not recognised; [`raw_bracket_depth`] covers what a misread one would hide.
fn lexed_bracket_depth(code: &str) -> usize {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        Code,
        Quoted(u8),
        Template,
        LineComment,
        BlockComment,
    }
    let bytes = code.as_bytes();
    let mut state = State::Code;
    // Bracket depth inside each open `${` of a template.
    let mut templates: Vec<usize> = Vec::new();
    let mut depth = 0usize;
    let mut deepest = 0;
    let mut i = 0;
    while i < bytes.len() {
        let byte = bytes[i];
        let next = bytes.get(i + 1).copied();
        match state {
            State::Code => match byte {
                b'\'' | b'"' => state = State::Quoted(byte),
                b'`' => state = State::Template,
                b'/' if next == Some(b'/') => state = State::LineComment,
                b'/' if next == Some(b'*') => state = State::BlockComment,
                b'(' | b'[' | b'{' => {
                    depth += 1;
                    deepest = deepest.max(depth);
                }
                b'}' if templates.last() == Some(&depth) => {
                    templates.pop();
                    depth -= 1;
                    state = State::Template;
                }
                b')' | b']' | b'}' => depth = depth.saturating_sub(1),
                _ => {}
            },
            State::Quoted(quote) => match byte {
                b'\\' => i += 1,
                b'\n' => state = State::Code,
                _ if byte == quote => state = State::Code,
                _ => {}
            },
            State::Template => match byte {
                b'\\' => i += 1,
                b'`' => state = State::Code,
                b'$' if next == Some(b'{') => {
                    depth += 1;
                    templates.push(depth);
                    deepest = deepest.max(depth);
                    state = State::Code;
                    i += 1;
                }
                _ => {}
            },
            State::LineComment => {
                if byte == b'\n' {
                    state = State::Code;
                }
            }
            State::BlockComment => {
                if byte == b'*' && next == Some(b'/') {
                    state = State::Code;
                    i += 1;
                }
            }
        }
        i += 1;
    }
    deepest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bracket_depth_sees_through_strings_and_templates() {
        assert_eq!(lexed_bracket_depth("f(a[0], { b: ')))' })"), 2);
        assert_eq!(lexed_bracket_depth("`${ `${ (x) }` }` // ((((("), 3);
        assert_eq!(raw_bracket_depth("')))' + ((((x))))"), 4);
        assert_eq!(lexed_bracket_depth("/* ((( */ ((x))"), 2);
    }

    #[test]
    fn deep_nesting_needs_a_larger_stack() {
        assert!(stack_needed("f(a)") <= INLINE_BUDGET);
        // A test thread has 2 MB; a module of a few KB fits in what is left of it.
        assert!(stack_needed(&"a = b + c;\n".repeat(300)) <= inline_room());
        let deep = format!("x = {}1{}", "(".repeat(100_000), ")".repeat(100_000));
        assert!(stack_needed(&deep) >= 100_000 * PER_BRACKET_LEVEL);
    }

    #[test]
    fn deeply_nested_input_transforms() {
        for (open, close) in [("(", ")"), ("[", "]"), ("function f(){", "}"), ("`${", "}`")] {
            let code = format!("import {{ a }} from 'a'\nx = {}a{}\n", open.repeat(100_000), close.repeat(100_000));
            let out = crate::ssr_transform(&code, None, "/a.js", &crate::TransformOptions::default());
            assert!(out.is_ok(), "{open}");
        }
    }
}
