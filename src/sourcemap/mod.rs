//! Source Map v3 mappings: positions, VLQ encoding and decoding, and map composition.
//!
//! Lines and columns are zero-based; columns count UTF-16 code units, as JS does, so
//! the maps mean the same thing to Node, Vite and `@jridgewell/trace-mapping`.

mod boundary;
mod compose;
mod vlq;

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

/// Finds the line and UTF-16 column of a byte offset. Only `\n` ends a line, as in
/// magic-string's locator.
pub struct LineIndex<'s> {
    source: &'s str,
    /// Start offset of each line.
    lines: Vec<u32>,
    /// Whether the source is all ASCII: its columns are then byte distances.
    ascii: bool,
    /// The last non-ASCII position located, `(offset, line, column)`: chunks are located
    /// mostly in order, so a long non-ASCII line is not counted from its start each time.
    last: std::cell::Cell<(u32, u32, u32)>,
}

impl<'s> LineIndex<'s> {
    pub fn new(source: &'s str) -> Self {
        let bytes = source.as_bytes();
        let mut lines = Vec::with_capacity(bytes.len() / 32 + 1);
        lines.push(0);
        lines.extend(memchr::memchr_iter(b'\n', bytes).map(|newline| newline as u32 + 1));
        Self { source, lines, ascii: source.is_ascii(), last: std::cell::Cell::new((0, 0, 0)) }
    }

    /// `(line, column)` of `offset`, both zero-based.
    pub fn locate(&self, offset: u32) -> (u32, u32) {
        let line = self.lines.partition_point(|&start| start <= offset) - 1;
        let start = self.lines[line];
        if self.ascii {
            return (line as u32, offset - start);
        }
        let (last_offset, last_line, last_column) = self.last.get();
        let (from, column) = if last_line as usize == line && last_offset <= offset && last_offset >= start {
            (last_offset, last_column)
        } else {
            (start, 0)
        };
        let column = column + self.source[from as usize..offset as usize].utf16_len();
        self.last.set((offset, line as u32, column));
        (line as u32, column)
    }
}

#[cfg(test)]
pub(crate) fn encode_mappings(edits: &crate::edits::Edits) -> String {
    let mut writer = VlqWriter::default();
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
    fn locate_uses_utf16_columns_and_lf_lines() {
        let index = LineIndex::new("a😀b\r\ncd\u{2028}e");
        assert_eq!(index.locate(0), (0, 0));
        assert_eq!(index.locate(5), (0, 3));
        assert_eq!(index.locate(6), (0, 4));
        assert_eq!(index.locate(8), (1, 0));
        assert_eq!(index.locate(9), (1, 1));
        assert_eq!(index.locate(13), (1, 3));
    }
}
