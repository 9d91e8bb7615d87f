//! Room on the stack for deeply nested input.
//!
//! The parser and the walk both recurse once per nesting level, a few
//! KB of stack each; 10,000 nested parentheses overflow an 8 MB stack, and an overflow
//! aborts the whole Node process. So before the work starts, a cheap scan bounds the
//! nesting, and anything whose bound does not fit in the stack the thread has left runs
//! on a stack segment of its own, sized from that bound. The bound is loose (a 6 KB
//! module may need a megabyte by it), so it is weighed against what is really left, not
//! against a fixed budget: a fresh segment costs an `mmap`, an `mprotect`, a `munmap` and
//! page faults, as much as transforming a small module. So on Unix a thread keeps its
//! segment for the next module ([`segment`]); elsewhere `stacker` makes one each time.
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
    if need <= room { work() } else { on_segment(BASE + need.min(LARGEST_SEGMENT), work) }
}

/// Stack the work may use where it is called: what the thread has left, less [`BASE`]
/// for everything else.
fn inline_room() -> usize {
    remaining_stack().map_or(INLINE_BUDGET, |left| left.saturating_sub(BASE))
}

psm::psm_stack_manipulation! {
    yes {
        #[cfg(unix)]
        fn on_segment<R>(size: usize, work: impl FnOnce() -> R) -> R {
            segment::run(size, work)
        }

        #[cfg(unix)]
        fn remaining_stack() -> Option<usize> {
            segment::remaining().or_else(stacker::remaining_stack)
        }

        #[cfg(not(unix))]
        use stacker::{grow as on_segment, remaining_stack};
    }
    no {
        use stacker::{grow as on_segment, remaining_stack};
    }
}

/// A stack segment that a thread keeps once it has needed one: mapping a fresh one,
/// faulting its pages in and unmapping it cost 8-19% of the transform of a 100 KB
/// module (measured on modules of 105 and 116 KB).
#[cfg(unix)]
mod segment {
    use std::cell::Cell;
    use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};

    /// The part of a kept segment nearest where its stack starts, whose pages stay
    /// committed between uses; the pages beyond it, which only deep nesting reaches, are
    /// given back after each use, so that one deep module does not pin its memory.
    const KEPT_PAGES_SPAN: usize = 8 << 20;

    /// The largest segment kept. A kept segment's address space stays reserved, and where
    /// writable mappings count against a commit limit (strict overcommit), one sized for
    /// the deepest inputs (up to 8 GB) would hold that charge for the thread's life. A 1 MB
    /// module of ordinary code needs less.
    const KEPT_SEGMENT_LIMIT: usize = 1 << 30;

    /// A mapping: a guard page at each end and the stack between them.
    struct Segment {
        mapping: *mut u8,
        len: usize,
        page: usize,
    }

    thread_local! {
        static SPARE: Cell<Option<Segment>> = const { Cell::new(None) };
        /// The far end of the segment this thread is running on, if it is on one.
        static LIMIT: Cell<Option<usize>> = const { Cell::new(None) };
    }

    impl Segment {
        fn map(stack: usize) -> Self {
            // SAFETY: a plain query.
            let page = usize::try_from(unsafe { libc::sysconf(libc::_SC_PAGESIZE) }).unwrap_or(4096);
            let len = stack.div_ceil(page).max(1).checked_add(2).and_then(|pages| pages.checked_mul(page));
            let len = len.expect("a stack segment of a representable size");
            // SAFETY: a fresh private mapping; the stack between the guard pages is then
            // made readable and writable.
            unsafe {
                let mapping =
                    libc::mmap(std::ptr::null_mut(), len, libc::PROT_NONE, libc::MAP_PRIVATE | libc::MAP_ANON, -1, 0);
                assert_ne!(mapping, libc::MAP_FAILED, "mmap of a stack segment: {}", std::io::Error::last_os_error());
                let segment = Self { mapping: mapping.cast(), len, page };
                let (stack, stack_len) = segment.stack();
                let made_writable = libc::mprotect(stack.cast(), stack_len, libc::PROT_READ | libc::PROT_WRITE);
                assert_eq!(made_writable, 0, "mprotect of a stack segment: {}", std::io::Error::last_os_error());
                segment
            }
        }

        /// The stack's lowest address and length.
        fn stack(&self) -> (*mut u8, usize) {
            (self.mapping.wrapping_add(self.page), self.len - 2 * self.page)
        }

        /// Gives back the pages that only deep nesting reaches ([`KEPT_PAGES_SPAN`]), if
        /// the work reached them: the stack grows a page at a time (frames larger than a
        /// page probe each of theirs), so it did if the first of them is in memory. Giving
        /// back a range of untouched pages is a walk of its page tables, which for a
        /// segment sized for a 100 KB module costs as much as that module's source map.
        fn give_back_deep_pages(&self) {
            let (stack, stack_len) = self.stack();
            let Some(deep_len) = stack_len.checked_sub(KEPT_PAGES_SPAN) else {
                return;
            };
            let (deep, first_deep_page) = match psm::StackDirection::new() {
                psm::StackDirection::Descending => (stack, stack.wrapping_add(deep_len - self.page)),
                psm::StackDirection::Ascending => {
                    let deep = stack.wrapping_add(KEPT_PAGES_SPAN);
                    (deep, deep)
                }
            };
            let mut in_memory = 0u8;
            // SAFETY: one page of the mapping, and one byte to report it in. A failed query
            // counts as reached.
            let reached = unsafe { libc::mincore(first_deep_page.cast(), self.page, (&raw mut in_memory).cast()) } != 0
                || in_memory & 1 != 0;
            if reached {
                // SAFETY: a page-aligned range inside the mapping, which nothing is running
                // on; its pages read as zero when touched again.
                unsafe { libc::madvise(deep.cast(), deep_len, libc::MADV_DONTNEED) };
            }
        }
    }

    impl Drop for Segment {
        fn drop(&mut self) {
            // SAFETY: the mapping is this segment's own, and nothing runs on it any more.
            unsafe { libc::munmap(self.mapping.cast(), self.len) };
        }
    }

    /// Runs `work` on this thread's kept segment, made at least `stack` bytes.
    pub fn run<R>(stack: usize, work: impl FnOnce() -> R) -> R {
        let segment = match SPARE.take() {
            Some(spare) if spare.stack().1 >= stack => spare,
            // A smaller spare waits: the new segment replaces it only if that one is kept.
            smaller => {
                SPARE.set(smaller);
                Segment::map(stack)
            }
        };
        let (base, len) = segment.stack();
        let far_end = match psm::StackDirection::new() {
            psm::StackDirection::Descending => base as usize,
            psm::StackDirection::Ascending => base as usize + len,
        };
        let outer = LIMIT.replace(Some(far_end));
        // SAFETY: `base..base + len` is writable memory that nothing else uses while the
        // work runs; a panic is caught on the segment and raised again off it, as
        // unwinding must not cross the switch.
        let outcome = unsafe { psm::on_stack(base, len, || catch_unwind(AssertUnwindSafe(work))) };
        LIMIT.set(outer);
        segment.give_back_deep_pages();
        // The larger of this one and the spare (a smaller one, or one a nested run kept)
        // stays, if either may; the other is unmapped as it is dropped.
        let kept = [SPARE.take(), Some(segment)]
            .into_iter()
            .flatten()
            .filter(|candidate| candidate.len <= KEPT_SEGMENT_LIMIT)
            .max_by_key(|candidate| candidate.len);
        SPARE.set(kept);
        outcome.unwrap_or_else(|panic| resume_unwind(panic))
    }

    /// The stack left when running on a segment.
    pub fn remaining() -> Option<usize> {
        let far_end = LIMIT.get()?;
        Some((psm::stack_pointer() as usize).abs_diff(far_end))
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        /// The kept segment's mapping, as an address range.
        fn spare_range() -> Option<std::ops::Range<usize>> {
            let spare = SPARE.take()?;
            let range = spare.mapping as usize..spare.mapping as usize + spare.len;
            SPARE.set(Some(spare));
            Some(range)
        }

        /// Recurses through `depth` frames of at least 16 KB each.
        #[inline(never)]
        fn deep(depth: usize) -> u8 {
            let frame = std::hint::black_box([depth as u8; 16 * 1024]);
            if depth == 0 { frame[0] } else { deep(depth - 1).wrapping_add(frame[depth % frame.len()]) }
        }

        #[test]
        fn a_thread_reuses_its_segment() {
            std::thread::spawn(|| {
                let first = run(4 << 20, psm::stack_pointer) as usize;
                let range = spare_range().expect("a kept segment");
                assert!(range.contains(&first));
                // A smaller need runs on the same segment; inside, the room is measured on it.
                let (second, room) = run(1 << 20, || (psm::stack_pointer() as usize, remaining()));
                assert_eq!(spare_range(), Some(range.clone()));
                assert!(range.contains(&second));
                assert!(room.is_some_and(|room| room > 3 << 20 && room <= 4 << 20), "{room:?}");
                assert_eq!(remaining(), None, "off the segment, the thread's own stack counts");
                // A panic on it reaches the caller, and the segment stays usable.
                assert!(catch_unwind(|| run(1 << 20, || panic!("on the segment"))).is_err());
                assert_eq!(run(1 << 20, || 7), 7);
                // A segment past the limit is used once and unmapped; the kept one stays.
                assert!(
                    run(KEPT_SEGMENT_LIMIT + (1 << 20), || remaining().is_some_and(|room| room > KEPT_SEGMENT_LIMIT))
                );
                assert_eq!(spare_range(), Some(range));
            })
            .join()
            .unwrap();
        }

        #[test]
        fn deep_pages_are_given_back() {
            std::thread::spawn(|| {
                // At least 11 MB deep, past the kept span (a debug build's frames are larger).
                let stack = KEPT_PAGES_SPAN + (64 << 20);
                run(stack, || deep(700));
                let spare = SPARE.take().expect("a kept segment");
                let (base, len) = spare.stack();
                let first_deep_page = base.wrapping_add(len - KEPT_PAGES_SPAN - spare.page);
                let mut in_memory = 1u8;
                // SAFETY: one page of the kept mapping.
                let queried = unsafe { libc::mincore(first_deep_page.cast(), spare.page, (&raw mut in_memory).cast()) };
                assert_eq!((queried, in_memory & 1), (0, 0), "the deep pages stayed in memory");
            })
            .join()
            .unwrap();
        }
    }
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
