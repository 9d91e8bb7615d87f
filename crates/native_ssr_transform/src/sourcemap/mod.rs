//! Source Map v3 mappings: positions, VLQ encoding and decoding, and map composition.
//!
//! Lines and columns are zero-based; columns count UTF-16 code units, as JS does, so
//! the maps mean the same thing to Node, Vite and `@jridgewell/trace-mapping`.

mod boundary;
mod compose;
mod vlq;

use boundary::line_breaks;
pub use boundary::map_unedited;
pub use compose::{ComposedMap, InputMap, compose};
pub use vlq::{VlqWriter, decode, encode};

/// One decoded mapping segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    pub generated_column: u32,
    /// `None` for a segment that maps to no source.
    pub origin: Option<Origin>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Origin {
    pub source: u32,
    pub line: u32,
    pub column: u32,
    pub name: Option<u32>,
}

/// Decoded mappings: one vector of segments per generated line.
pub type Lines = Vec<Vec<Segment>>;

/// Receives the mappings of a single-source map as they are produced, in order.
pub trait MappingSink {
    fn segment(&mut self, generated_column: u32, line: u32, column: u32);
    /// A segment at original column `start + k` for each set bit `k` of `marks`, in
    /// order. Each is on the lines of the segment before it, and as many columns further
    /// on both sides (the text between them is unedited).
    fn steps(&mut self, marks: u64, start: u32);
    fn new_line(&mut self);
}

impl MappingSink for Lines {
    fn segment(&mut self, generated_column: u32, line: u32, column: u32) {
        if self.is_empty() {
            self.push(Vec::new());
        }
        let origin = Origin { source: 0, line, column, name: None };
        self.last_mut().expect("a line exists").push(Segment { generated_column, origin: Some(origin) });
    }

    fn steps(&mut self, mut marks: u64, start: u32) {
        let line = self.last_mut().expect("steps follow a segment");
        while marks != 0 {
            let previous = *line.last().expect("steps follow a segment");
            let origin = previous.origin.expect("steps follow a mapped segment");
            let column = start.wrapping_add(marks.trailing_zeros());
            let generated_column = previous.generated_column + (column - origin.column);
            line.push(Segment { generated_column, origin: Some(Origin { column, ..origin }) });
            marks &= marks - 1;
        }
    }

    fn new_line(&mut self) {
        if self.is_empty() {
            self.push(Vec::new());
        }
        self.push(Vec::new());
    }
}

/// Length in UTF-16 code units.
pub trait Utf16Len {
    fn utf16_len(&self) -> u32;
}

impl Utf16Len for str {
    fn utf16_len(&self) -> u32 {
        if self.is_ascii() {
            return self.len() as u32;
        }
        // Each char is one unit, plus one more for the 4-byte (astral) ones.
        self.bytes().map(|b| u32::from(b & 0xC0 != 0x80) + u32::from(b >= 0xF0)).sum()
    }
}

/// How many line breaks `text` holds, and the UTF-16 length of the text after the last
/// one (of all of it when there is none).
pub fn line_breaks_and_rest(text: &str) -> (u32, u32) {
    let (breaks, after_last, ascii) = line_breaks(text.as_bytes());
    let rest = &text[after_last..];
    (breaks, if ascii { rest.len() as u32 } else { rest.utf16_len() })
}

/// A place in the original text: its byte offset, and its line and UTF-16 column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub offset: u32,
    pub line: u32,
    pub column: u32,
}

/// Finds the line and UTF-16 column of byte offsets. Only `\n` ends a line, as in
/// magic-string's locator. Offsets come mostly in increasing order (chunks in output
/// order, which moves only a few), and the text between them has mostly been scanned
/// for the map already ([`Locator::skip_to`]): so it counts on from the last position.
/// Going back, it counts from the start (the usual move is of imports to the top, above
/// a license comment), until that has cost a pass over the whole text; then it collects
/// every line start, to search.
pub struct Locator<'s> {
    source: &'s str,
    at: Position,
    /// Bytes counted again from the start so far.
    recounted: usize,
    line_starts: Option<Vec<u32>>,
}

impl<'s> Locator<'s> {
    pub fn new(source: &'s str) -> Self {
        Self { source, at: Self::START, recounted: 0, line_starts: None }
    }

    const START: Position = Position { offset: 0, line: 0, column: 0 };

    pub fn locate(&mut self, offset: u32) -> Position {
        // Mostly where the scan of an unedited chunk before has left it.
        if offset == self.at.offset {
            return self.at;
        }
        if offset < self.at.offset {
            self.at = self.back_to_line_of(offset);
        }
        let (breaks, rest) = line_breaks_and_rest(&self.source[self.at.offset as usize..offset as usize]);
        self.at = match breaks {
            0 => Position { offset, column: self.at.column + rest, ..self.at },
            _ => Position { offset, line: self.at.line + breaks, column: rest },
        };
        self.at
    }

    /// A position at or before `offset` to count on from, when `offset` lies behind.
    fn back_to_line_of(&mut self, offset: u32) -> Position {
        if self.line_starts.is_none() && self.recounted + offset as usize <= self.source.len() {
            self.recounted += offset as usize;
            return Self::START;
        }
        let source = self.source.as_bytes();
        let starts = self.line_starts.get_or_insert_with(|| {
            std::iter::once(0).chain(memchr::memchr_iter(b'\n', source).map(|newline| newline as u32 + 1)).collect()
        });
        let line = starts.partition_point(|&start| start <= offset) - 1;
        Position { offset: starts[line], line: line as u32, column: 0 }
    }

    /// Takes `position` as known, from a scan of the text before it.
    pub fn skip_to(&mut self, position: Position) {
        self.at = position;
    }
}

/// The `mappings` of `edits`, in a buffer reserved for `capacity` bytes up front. Kept
/// out of line (one call a transform) so that `benchmark/callgrind.sh` can count it.
#[inline(never)]
pub fn encode_mappings(edits: &crate::edits::Edits, capacity: usize) -> String {
    let mut writer = VlqWriter::with_capacity(capacity);
    edits.write_mappings(&mut writer);
    writer.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_length_counts_surrogate_pairs() {
        assert_eq!("abc".utf16_len(), 3);
        assert_eq!("é".utf16_len(), 1);
        assert_eq!("中文".utf16_len(), 2);
        assert_eq!("😀x".utf16_len(), 3);
    }

    #[test]
    fn line_breaks_and_rest_at_every_length() {
        let long = "ab\ncd\r\n".repeat(20);
        let long_mixed = "aé\n😀bc\r\n".repeat(9);
        // `Ê` is C3 8A: its second byte differs from `\n` in the high bit alone.
        for text in ["", "\n", "abc", "a\nbc", "a\n\n", "é\nxé", "ÊÊÊÊ\nÊÊ", "\u{2028}\n😀", &long, &long_mixed]
        {
            for end in (0..=text.len()).filter(|&end| text.is_char_boundary(end)) {
                let text = &text[..end];
                let last_line = text.rsplit('\n').next().expect("a line");
                let expected = (text.matches('\n').count() as u32, last_line.utf16_len());
                assert_eq!(line_breaks_and_rest(text), expected, "{text:?}");
            }
        }
    }

    #[test]
    fn locate_uses_utf16_columns_and_lf_lines_in_any_order() {
        let source = "a😀b\r\ncd\u{2028}e\nxy";
        let expected = [(0, (0, 0)), (5, (0, 3)), (6, (0, 4)), (8, (1, 0)), (9, (1, 1)), (13, (1, 3)), (16, (2, 1))];
        let mut locator = Locator::new(source);
        // Forward, then back and forth: counted from the start at first, then searched.
        for &(offset, place) in expected.iter().chain(expected.iter().rev()).chain(&[expected[2], expected[6]]) {
            let position = locator.locate(offset);
            assert_eq!((position.line, position.column), place, "{offset}");
            assert_eq!(position.offset, offset);
        }
    }
}
