//! magic-string's `hires: 'boundary'` mappings of an unedited range: a segment at every
//! non-word UTF-16 unit and at the start of every word (`\w+`), none at a `\n`.
//!
//! ```text
//! text:     a.bc = 1;
//! segments: ^^^ ^^^^^      (a . bc ␠ = ␠ 1 ;): "AAAA,CAAC,CAAC,EAAE,CAAC,CAAC,CAAC,CAAC"
//! ```
//!
//! Done a byte at a time, this was a third of a transform's work, so ASCII text is
//! classified 64 bytes at once into bit masks, and only the segments are visited.

use super::{MappingSink, Position};

/// Word (`\w`) and newline bits of 64 bytes, and whether all of them are ASCII. A
/// non-ASCII byte counts as neither.
struct Classes {
    words: u64,
    newlines: u64,
    ascii: bool,
}

#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
use sse2::{classify, newlines_16};
#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
use swar::{classify, newlines_16};

/// 16 bytes per step, with the SSE2 that every x86-64 CPU has.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
mod sse2 {
    use std::arch::x86_64::{
        __m128i, _mm_add_epi8, _mm_cmpeq_epi8, _mm_cmpgt_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128,
        _mm_set1_epi8,
    };

    /// Bytes in `lo..=hi`, two operations: shifted so that the range starts at -128,
    /// the bytes in it are the ones a signed compare finds below `-128 + its length`.
    /// A non-ASCII byte lands far from every ASCII range.
    #[inline]
    #[target_feature(enable = "sse2")]
    fn in_range(bytes: __m128i, lo: u8, hi: u8) -> __m128i {
        let shifted = _mm_add_epi8(bytes, _mm_set1_epi8(i8::MIN.wrapping_sub(lo as i8)));
        _mm_cmpgt_epi8(_mm_set1_epi8(i8::MIN.wrapping_add((hi - lo + 1) as i8)), shifted)
    }

    #[inline(always)]
    pub(super) fn classify(block: &[u8; 64]) -> super::Classes {
        // SAFETY: this module is only built where SSE2 is enabled for the whole target.
        unsafe { classify_sse2(block) }
    }

    #[inline]
    #[target_feature(enable = "sse2")]
    fn classify_sse2(block: &[u8; 64]) -> super::Classes {
        let (mut words, mut newlines, mut high) = (0u64, 0u64, 0);
        for (k, sixteen) in block.chunks_exact(16).enumerate() {
            // SAFETY: `sixteen` is 16 readable bytes; the load needs no alignment.
            let bytes = unsafe { _mm_loadu_si128(sixteen.as_ptr().cast()) };
            // Letters of either case, with the case bit set.
            let letters = in_range(_mm_or_si128(bytes, _mm_set1_epi8(0x20)), b'a', b'z');
            let digits = in_range(bytes, b'0', b'9');
            let underscores = _mm_cmpeq_epi8(bytes, _mm_set1_epi8(b'_' as i8));
            let word = _mm_or_si128(_mm_or_si128(letters, digits), underscores);
            let newline = _mm_cmpeq_epi8(bytes, _mm_set1_epi8(b'\n' as i8));
            // The masks are 16 bits wide, in an i32.
            words |= u64::from(_mm_movemask_epi8(word) as u16) << (16 * k);
            newlines |= u64::from(_mm_movemask_epi8(newline) as u16) << (16 * k);
            high |= _mm_movemask_epi8(bytes);
        }
        super::Classes { words, newlines, ascii: high == 0 }
    }

    /// The newline bits of 16 bytes (byte `k`, bit `k`), and whether any is non-ASCII.
    #[inline(always)]
    pub(super) fn newlines_16(sixteen: &[u8; 16]) -> (u32, bool) {
        // SAFETY: SSE2 is enabled for the whole target; `sixteen` is 16 readable bytes,
        // and the load needs no alignment.
        unsafe {
            let bytes = _mm_loadu_si128(sixteen.as_ptr().cast());
            let newline = _mm_cmpeq_epi8(bytes, _mm_set1_epi8(b'\n' as i8));
            (_mm_movemask_epi8(newline) as u32, _mm_movemask_epi8(bytes) != 0)
        }
    }
}

/// 32 bytes per step with AVX2, where the CPU has it (checked at run time): each byte's
/// class is looked up by its two halves in two 16-entry tables, and a bit is set in both
/// lookups only for the ranges the byte is in.
#[cfg(target_arch = "x86_64")]
mod avx2 {
    use std::arch::x86_64::{
        __m256i, _mm256_and_si256, _mm256_cmpeq_epi8, _mm256_loadu_si256, _mm256_movemask_epi8, _mm256_set1_epi8,
        _mm256_setr_epi8, _mm256_setzero_si256, _mm256_shuffle_epi8, _mm256_srli_epi16,
    };

    use super::Classes;

    // One bit per range of byte values that is a rectangle of high and low halves.
    const DIGITS: i8 = 1; // 0x30..=0x39
    const LETTERS_TO_O: i8 = 2; // 0x41..=0x4F, 0x61..=0x6F
    const LETTERS_FROM_P: i8 = 4; // 0x50..=0x5A, 0x70..=0x7A
    const UNDERSCORE: i8 = 8; // 0x5F
    const NEWLINE: i8 = 16; // 0x0A
    const WORD: i8 = DIGITS | LETTERS_TO_O | LETTERS_FROM_P | UNDERSCORE;

    /// The ranges each low half (`0x_0` to `0x_F`) takes part in.
    const fn low_halves() -> [i8; 16] {
        let mut table = [0; 16];
        let mut low = 0;
        while low < 16 {
            let mut bits = 0;
            if low <= 9 {
                bits |= DIGITS;
            }
            if low >= 1 {
                bits |= LETTERS_TO_O;
            }
            if low <= 0xA {
                bits |= LETTERS_FROM_P;
            }
            if low == 0xF {
                bits |= UNDERSCORE;
            }
            if low == 0xA {
                bits |= NEWLINE;
            }
            table[low] = bits;
            low += 1;
        }
        table
    }

    /// The ranges each high half (`0x0_` to `0xF_`) takes part in; non-ASCII in none.
    const HIGH_HALVES: [i8; 16] = [
        NEWLINE,
        0,
        0,
        DIGITS,
        LETTERS_TO_O,
        LETTERS_FROM_P | UNDERSCORE,
        LETTERS_TO_O,
        LETTERS_FROM_P,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
    ];
    const LOW_HALVES: [i8; 16] = low_halves();

    /// A table in both 128-bit lanes, as the lane-wise shuffle wants it.
    #[inline]
    #[target_feature(enable = "avx2")]
    fn table(t: [i8; 16]) -> __m256i {
        _mm256_setr_epi8(
            t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8], t[9], t[10], t[11], t[12], t[13], t[14], t[15], t[0],
            t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8], t[9], t[10], t[11], t[12], t[13], t[14], t[15],
        )
    }

    /// The bits of the 32 bytes whose class has none of `bits`, inverted: those in one.
    #[inline]
    #[target_feature(enable = "avx2")]
    fn any_of(classes: __m256i, bits: i8) -> u64 {
        let none = _mm256_cmpeq_epi8(_mm256_and_si256(classes, _mm256_set1_epi8(bits)), _mm256_setzero_si256());
        u64::from(!(_mm256_movemask_epi8(none) as u32))
    }

    /// Kept out of the scan that calls it: compiled for AVX2 along with the scan, the
    /// scan's bit arithmetic came out vectorised byte by byte, many times slower.
    #[inline(never)]
    #[target_feature(enable = "avx2")]
    pub(super) fn classify(block: &[u8; 64]) -> Classes {
        let (low_table, high_table, halves) = (table(LOW_HALVES), table(HIGH_HALVES), _mm256_set1_epi8(0x0F));
        let (mut words, mut newlines, mut high) = (0, 0, 0);
        for (k, thirty_two) in block.chunks_exact(32).enumerate() {
            // SAFETY: `thirty_two` is 32 readable bytes; the load needs no alignment.
            let bytes = unsafe { _mm256_loadu_si256(thirty_two.as_ptr().cast()) };
            let low = _mm256_and_si256(bytes, halves);
            let high_half = _mm256_and_si256(_mm256_srli_epi16::<4>(bytes), halves);
            let classes =
                _mm256_and_si256(_mm256_shuffle_epi8(low_table, low), _mm256_shuffle_epi8(high_table, high_half));
            words |= any_of(classes, WORD) << (32 * k);
            newlines |= any_of(classes, NEWLINE) << (32 * k);
            high |= _mm256_movemask_epi8(bytes);
        }
        Classes { words, newlines, ascii: high == 0 }
    }

    #[cfg(test)]
    pub(super) fn classify_if_supported(block: &[u8; 64]) -> Option<Classes> {
        // SAFETY: called only where the CPU has AVX2.
        std::arch::is_x86_feature_detected!("avx2").then(|| unsafe { classify(block) })
    }
}

/// 8 bytes per step in a `u64`, for CPUs without a vector unit we use.
#[cfg(any(test, not(all(target_arch = "x86_64", target_feature = "sse2"))))]
mod swar {
    /// 8 bytes with the same value.
    const fn splat(byte: u8) -> u64 {
        u64::from_ne_bytes([byte; 8])
    }

    const HIGH_BITS: u64 = splat(0x80);

    /// For 8 bytes, the high bit of each ASCII byte in `lo..=hi`. Neither addition
    /// carries into the next byte when that byte is ASCII, and a non-ASCII byte is masked
    /// out at the end.
    #[inline(always)]
    fn in_range(bytes: u64, lo: u8, hi: u8) -> u64 {
        let ascii = bytes & HIGH_BITS;
        let low_bits = bytes & !HIGH_BITS;
        let at_least_lo = low_bits + splat(0x80 - lo);
        let above_hi = low_bits + splat(0x7F - hi);
        at_least_lo & !above_hi & !ascii & HIGH_BITS
    }

    /// The high bit of each of 8 bytes, gathered into the low 8 bits (byte `i` → bit `i`).
    #[inline(always)]
    fn gather(high_bits: u64) -> u64 {
        (high_bits >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56
    }

    #[inline(always)]
    pub(super) fn classify(block: &[u8; 64]) -> super::Classes {
        let (mut words, mut newlines, mut high) = (0, 0, 0);
        for (k, eight) in block.chunks_exact(8).enumerate() {
            let bytes = u64::from_le_bytes(eight.try_into().expect("8 bytes"));
            high |= bytes;
            // Letters of either case, with the case bit set.
            let word =
                in_range(bytes | splat(0x20), b'a', b'z') | in_range(bytes, b'0', b'9') | in_range(bytes, b'_', b'_');
            words |= gather(word) << (8 * k);
            newlines |= gather(in_range(bytes, b'\n', b'\n')) << (8 * k);
        }
        super::Classes { words, newlines, ascii: high & HIGH_BITS == 0 }
    }

    #[inline(always)]
    pub(super) fn newlines_16(sixteen: &[u8; 16]) -> (u32, bool) {
        let (low, high) = sixteen.split_at(8);
        let [low, high] = [low, high].map(|eight| u64::from_le_bytes(eight.try_into().expect("8 bytes")));
        let newlines = gather(in_range(low, b'\n', b'\n')) | gather(in_range(high, b'\n', b'\n')) << 8;
        (newlines as u32, (low | high) & HIGH_BITS != 0)
    }
}

/// Where the scan stands. Within a line both sides advance together, so the column of
/// byte `p` is `p + column_base` and its generated column is that plus `shift`.
struct Scan<'k, K: MappingSink> {
    sink: &'k mut K,
    line: u32,
    column_base: u32,
    shift: u32,
    /// Whether this line has a segment yet (the next ones are steps from it).
    started: bool,
    /// Whether the byte before the current one is a word byte.
    after_word: bool,
}

impl<K: MappingSink> Scan<'_, K> {
    /// Segments at the set bits of `marks`, bit `k` being byte `start + k` of this line.
    #[inline(always)]
    fn marks(&mut self, mut marks: u64, start: u32) {
        if marks == 0 {
            return;
        }
        let start = start.wrapping_add(self.column_base);
        if !self.started {
            let column = start.wrapping_add(marks.trailing_zeros());
            self.sink.segment(column.wrapping_add(self.shift), self.line, column);
            self.started = true;
            marks &= marks - 1;
        }
        self.sink.steps(marks, start);
    }

    #[inline(always)]
    fn new_line(&mut self, position: u32) {
        self.sink.new_line();
        self.line += 1;
        self.column_base = 0u32.wrapping_sub(position + 1);
        self.shift = 0;
        self.started = false;
    }

    /// A classified ASCII block of `length` bytes (at most 64) starting at byte `start`.
    #[inline(always)]
    fn ascii_block(&mut self, words: u64, newlines: u64, start: u32, length: usize) {
        let valid = u64::MAX >> (64 - length);
        let word_starts = words & !((words << 1) | u64::from(self.after_word));
        let mut marks = (word_starts | !(words | newlines)) & valid;
        let mut newlines = newlines & valid;
        while newlines != 0 {
            let newline = newlines & newlines.wrapping_neg();
            self.marks(marks & (newline - 1), start);
            self.new_line(start + newline.trailing_zeros());
            marks &= !(newline - 1);
            newlines &= newlines - 1;
        }
        self.marks(marks, start);
        self.after_word = words >> (length - 1) & 1 != 0;
    }

    /// Characters from byte `start` until one ends at or after `end`; returns where the
    /// scan stopped. Each UTF-16 unit of a non-ASCII character is a non-word unit.
    fn mixed_block(&mut self, text: &[u8], start: usize, end: usize) -> usize {
        let mut i = start;
        while i < end {
            let byte = text[i];
            let position = i as u32;
            if byte == b'\n' {
                self.new_line(position);
                self.after_word = false;
                i += 1;
                continue;
            }
            if byte < 0x80 {
                let word = byte.is_ascii_alphanumeric() || byte == b'_';
                self.marks(u64::from(!(word && self.after_word)), position);
                self.after_word = word;
                i += 1;
                continue;
            }
            let (len, units) = match byte {
                0xF0.. => (4, 2),
                0xE0.. => (3, 1),
                _ => (2, 1),
            };
            self.marks(if units == 2 { 0b11 } else { 1 }, position);
            self.after_word = false;
            // The bytes after the first take no columns of their own.
            self.column_base = self.column_base.wrapping_sub(len - units);
            i += len as usize;
        }
        i
    }
}

/// How many `\n` bytes `text` holds, the offset just after the last one (0 when there
/// is none), and whether all of `text` is ASCII. The map asks this of a dozen short
/// stretches per small module (generated lines, and the original text under an edit).
/// They are read in 16-byte windows straight from the text, the last one overlapping the
/// one before: a copy into a block first made the loads wait on the copy's stores.
pub fn line_breaks(text: &[u8]) -> (u32, usize, bool) {
    let (mut breaks, mut after_last, mut ascii) = (0, 0, true);
    let Some(last_window) = text.len().checked_sub(16) else {
        return short_line_breaks(text);
    };
    let mut add = |window: usize, newlines: u32, high: bool| {
        if newlines != 0 {
            breaks += newlines.count_ones();
            after_last = window + 32 - newlines.leading_zeros() as usize;
        }
        ascii &= !high;
    };
    let mut windows = text.chunks_exact(16);
    for (k, window) in windows.by_ref().enumerate() {
        let (newlines, high) = newlines_16(window.try_into().expect("16 bytes"));
        add(16 * k, newlines, high);
    }
    let counted_again = (16 - windows.remainder().len()) % 16;
    if counted_again != 0 {
        let (newlines, high) = newlines_16(text[last_window..].try_into().expect("16 bytes"));
        // The bits of the bytes the window before counted are dropped.
        add(last_window, newlines >> counted_again << counted_again, high);
    }
    (breaks, after_last, ascii)
}

/// [`line_breaks`] of fewer than 16 bytes: from 8, two 8-byte words, the second
/// overlapping the first; below, a byte at a time.
fn short_line_breaks(text: &[u8]) -> (u32, usize, bool) {
    /// The high bit of each byte of `word` that is `\n`: adding 0x7F to the low seven
    /// bits of the XOR carries into the high bit unless they are all zero, and no carry
    /// crosses into the next byte.
    fn newline_bytes(word: u64) -> u64 {
        const LOW_SEVEN: u64 = 0x7F7F_7F7F_7F7F_7F7F;
        let zero_where_newline = word ^ 0x0A0A_0A0A_0A0A_0A0A;
        !(((zero_where_newline & LOW_SEVEN) + LOW_SEVEN) | zero_where_newline) & !LOW_SEVEN
    }
    let Some(second) = text.len().checked_sub(8) else {
        let (mut breaks, mut after_last, mut ascii) = (0, 0, true);
        for (i, &byte) in text.iter().enumerate() {
            if byte == b'\n' {
                breaks += 1;
                after_last = i + 1;
            }
            ascii &= byte.is_ascii();
        }
        return (breaks, after_last, ascii);
    };
    let word = |at: usize| u64::from_le_bytes(text[at..at + 8].try_into().expect("8 bytes"));
    let (low, high) = (word(0), word(second));
    let low_newlines = newline_bytes(low);
    // The bytes of the second word that the first holds too are dropped.
    let high_newlines = newline_bytes(high) & u64::MAX.checked_shl(8 * (8 - second) as u32).unwrap_or(0);
    let after = |base: usize, newlines: u64| base + 8 - newlines.leading_zeros() as usize / 8;
    let after_last = match (low_newlines, high_newlines) {
        (0, 0) => 0,
        (_, 0) => after(0, low_newlines),
        _ => after(second, high_newlines),
    };
    let breaks = low_newlines.count_ones() + high_newlines.count_ones();
    (breaks, after_last, (low | high) & 0x8080_8080_8080_8080 == 0)
}

/// Writes the mappings of `text`, unedited: the first `length` bytes of `readable`, the
/// rest of which may be read but is not mapped (a block of 64 is then classified where
/// it lies, not copied out first: a module's unedited stretches between edits are short).
/// The text starts at `start` in the original and at `generated_column` on the current
/// generated line. Returns the generated column after it, and the original position.
pub fn map_unedited(
    sink: &mut impl MappingSink,
    readable: &[u8],
    length: usize,
    start: Position,
    generated_column: u32,
) -> (u32, Position) {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU has AVX2.
        let classify = |block: &[u8; 64]| unsafe { avx2::classify(block) };
        return map_unedited_with(classify, sink, readable, length, start, generated_column);
    }
    map_unedited_with(classify, sink, readable, length, start, generated_column)
}

/// [`map_unedited`] with a given classification of 64-byte blocks.
#[inline(always)]
fn map_unedited_with(
    classify: impl Fn(&[u8; 64]) -> Classes,
    sink: &mut impl MappingSink,
    readable: &[u8],
    length: usize,
    start: Position,
    generated_column: u32,
) -> (u32, Position) {
    let text = &readable[..length];
    let mut scan = Scan {
        sink,
        line: start.line,
        column_base: start.column,
        shift: generated_column.wrapping_sub(start.column),
        started: false,
        after_word: false,
    };
    let mut i = 0;
    while i < text.len() {
        let end = text.len().min(i + 64);
        // Bits past the text are masked off by `ascii_block`; a non-ASCII byte there only
        // sends the block the slower way, which reads the text alone.
        let classes = if let Some(block) = readable.get(i..i + 64) {
            classify(block.try_into().expect("64 bytes"))
        } else {
            let mut block = [0; 64];
            block[..end - i].copy_from_slice(&text[i..end]);
            classify(&block)
        };
        if classes.ascii {
            scan.ascii_block(classes.words, classes.newlines, i as u32, end - i);
            i = end;
        } else {
            i = scan.mixed_block(text, i, end);
        }
    }
    let length = text.len() as u32;
    let column = length.wrapping_add(scan.column_base);
    let end = Position { offset: start.offset + length, line: scan.line, column };
    (column.wrapping_add(scan.shift), end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sourcemap::{Lines, VlqWriter, encode};

    /// The definition, a unit at a time: what the block scan must equal.
    fn reference(text: &str, mut line: u32, mut column: u32, mut generated: u32) -> (Lines, u32) {
        let mut lines = Lines::new();
        let mut after_word = false;
        for c in text.chars() {
            if c == '\n' {
                lines.new_line();
                line += 1;
                column = 0;
                generated = 0;
                after_word = false;
                continue;
            }
            let word = c.is_ascii_alphanumeric() || c == '_';
            for _ in 0..c.len_utf16() {
                if !(word && after_word) {
                    lines.segment(generated, line, column);
                }
                column += 1;
                generated += 1;
            }
            after_word = word;
        }
        (lines, generated)
    }

    /// `text` as if it started at byte 1000, at `line:column`.
    fn test(text: &str, line: u32, column: u32, generated: u32) {
        let start = Position { offset: 1000, line, column };
        let mut lines = Lines::new();
        let (end_column, end) = map_unedited(&mut lines, text.as_bytes(), text.len(), start, generated);
        // Text after it, read but not mapped, changes nothing.
        for after in ["a", "\n", "é", "_x\n😀 ;"] {
            let readable = format!("{text}{}", after.repeat(64));
            let mut with_more = Lines::new();
            let read_on = map_unedited(&mut with_more, readable.as_bytes(), text.len(), start, generated);
            assert_eq!((&with_more, read_on), (&lines, (end_column, end)), "{text:?} then {after:?}");
        }
        let expected = reference(text, line, column, generated);
        // The encoder takes its own shortcuts; it must write what encoding the segments
        // one by one gives.
        let mut writer = VlqWriter::default();
        map_unedited(&mut writer, text.as_bytes(), text.len(), start, generated);
        assert_eq!(writer.finish(), encode(&expected.0), "{text:?}");
        assert_eq!((lines, end_column), expected, "{text:?}");
        let expected_end = match text.rfind('\n') {
            Some(newline) => Position {
                offset: 1000 + text.len() as u32,
                line: line + text.matches('\n').count() as u32,
                column: text[newline + 1..].encode_utf16().count() as u32,
            },
            None => Position {
                offset: 1000 + text.len() as u32,
                column: column + text.encode_utf16().count() as u32,
                ..start
            },
        };
        assert_eq!(end, expected_end, "{text:?}");
    }

    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    #[test]
    fn portable_classes_equal_the_vector_ones() {
        let mut seed = 99u64;
        for _ in 0..2000 {
            let mut block = [0u8; 64];
            for byte in &mut block {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                // Mostly ASCII, with the edges of each range and some non-ASCII bytes.
                *byte = match seed >> 61 {
                    0 => b"/09:@AZ[`az{_\n\r"[(seed >> 32) as usize % 15],
                    1 => 0x80 | (seed >> 40) as u8,
                    _ => (seed >> 40) as u8 & 0x7F,
                };
            }
            let portable = swar::classify(&block);
            for vector in std::iter::once(sse2::classify(&block)).chain(avx2::classify_if_supported(&block)) {
                assert_eq!(
                    (portable.words, portable.newlines, portable.ascii),
                    (vector.words, vector.newlines, vector.ascii),
                    "{block:?}"
                );
            }
            for sixteen in block.chunks_exact(16) {
                let sixteen = sixteen.try_into().expect("16 bytes");
                assert_eq!(swar::newlines_16(sixteen), sse2::newlines_16(sixteen), "{sixteen:?}");
            }
        }
    }

    #[test]
    fn words_punctuation_and_lines() {
        test("a.bc = 1;", 0, 0, 0);
        test("a.bc = 1;", 3, 7, 12);
        test("x\n\ny\n", 0, 5, 2);
        test("", 0, 0, 4);
    }

    #[test]
    fn blocks_boundaries_and_non_ascii_match_the_definition() {
        let pieces = [
            "word",
            "_x9",
            " ",
            "\n",
            ".",
            "é",
            "中文",
            "😀",
            "a😀b",
            "\r\n",
            "\t",
            "$",
            "ab\ncd",
            "a_very_long_identifier_name",
        ];
        // A deterministic mix that puts words, lines and multi-byte characters across the
        // 64-byte block edges at every offset.
        let mut seed = 12345u32;
        for length in [1, 10, 63, 64, 65, 130, 400] {
            for _ in 0..40 {
                let mut text = String::new();
                while text.len() < length {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
                    text.push_str(pieces[(seed >> 16) as usize % pieces.len()]);
                }
                test(&text, 2, 3, 9);
            }
        }
    }
}
