//! A magic-string-compatible edit buffer over the original source.
//!
//! The original text is split into chunks on demand; each chunk keeps an `intro`, its
//! content (the original text, or a replacement) and an `outro`. Chunks form a linked
//! list so that a range can be moved. The semantics of every operation follow
//! magic-string 1.4 (the version Vite 8.3 bundles), because Vite's output, and its
//! source map, are defined by the order in which it calls these operations.
//!
//! ```text
//! source:   import a from 'a'; a()
//! update(0, 18, "const i = …;\n") ; appendLeft(18, ";") ; update(19, 21, "(0,i.default)(")
//! output:   const i = …;\n;(0,i.default)()
//! ```
//!
//! Offsets are UTF-8 byte offsets into the original text. The source map
//! ([`Edits::write_mappings`]) counts columns in UTF-16 code units, as JS does.
//!
//! Inserted and replacement text lives in one buffer, and chunks hold ranges of it: a
//! module's edits are many short strings (a barrel's are hundreds), and an allocation and
//! a free for each cost more than the rest of their handling.

use crate::sourcemap::{Locator, MappingSink, Utf16Len, line_breaks_and_rest, map_unedited};

/// A chunk's place in [`Chunks`], stored as the place plus one so that an absent link
/// (`Option<ChunkId>`) takes 4 bytes: a chunk's four links then take 16 bytes, not 64,
/// and a chunk fits in a cache line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct ChunkId(std::num::NonZeroU32);

impl ChunkId {
    fn at(place: usize) -> Self {
        Self(std::num::NonZeroU32::new(place as u32 + 1).expect("fewer chunks than u32::MAX"))
    }

    fn place(self) -> usize {
        self.0.get() as usize - 1
    }
}

/// Every chunk, in the order they were made, indexed by [`ChunkId`].
struct Chunks(Vec<Chunk>);

impl Chunks {
    /// The id the next chunk pushed gets.
    fn next_id(&self) -> ChunkId {
        ChunkId::at(self.0.len())
    }

    fn ids(&self) -> impl Iterator<Item = (ChunkId, &Chunk)> {
        self.0.iter().enumerate().map(|(place, chunk)| (ChunkId::at(place), chunk))
    }
}

impl std::ops::Index<ChunkId> for Chunks {
    type Output = Chunk;

    fn index(&self, id: ChunkId) -> &Chunk {
        &self.0[id.place()]
    }
}

impl std::ops::IndexMut<ChunkId> for Chunks {
    fn index_mut(&mut self, id: ChunkId) -> &mut Chunk {
        &mut self.0[id.place()]
    }
}

/// Below this many chunks, a chunk is found by its start in a scan of them all, which
/// costs less than building and keeping an index; most modules stay below.
const INDEXED_FROM: usize = 32;

/// Chunk starts are indexed in buckets of `1 << BUCKET_BITS` bytes of the original text.
const BUCKET_BITS: u32 = 4;

/// Chunk ids by original start offset: for each 16-byte stretch of the text, the chunk
/// that starts first in it, from which the others starting there follow through
/// `original_next`. Chunks are only ever added, and a stretch holds one or two starts,
/// so a lookup is a load and a step or two; a hash map of every start cost a hash and a
/// probe for each, 6% of a module with hundreds of references to imports. It takes a
/// quarter of a byte per byte of text.
struct StartIndex {
    first_in_bucket: Vec<Option<ChunkId>>,
}

impl StartIndex {
    fn new(source_len: usize, chunks: &Chunks) -> Self {
        let mut index = Self { first_in_bucket: vec![None; (source_len >> BUCKET_BITS) + 1] };
        for (id, chunk) in chunks.ids() {
            index.insert(chunks, chunk.start, id);
        }
        index
    }

    /// Records chunk `id`, which starts at `start`.
    fn insert(&mut self, chunks: &Chunks, start: u32, id: ChunkId) {
        let first = &mut self.first_in_bucket[(start >> BUCKET_BITS) as usize];
        if first.is_none_or(|first| chunks[first].start > start) {
            *first = Some(id);
        }
    }

    fn get(&self, chunks: &Chunks, offset: u32) -> Option<ChunkId> {
        let mut id = self.first_in_bucket[(offset >> BUCKET_BITS) as usize]?;
        loop {
            let chunk = &chunks[id];
            if chunk.start >= offset {
                return (chunk.start == offset).then_some(id);
            }
            id = chunk.original_next?;
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditError {
    /// magic-string refuses to overwrite an empty range.
    EmptyRange { offset: u32 },
    /// magic-string refuses to split a chunk that already holds replacement text.
    SplitEditedChunk { offset: u32 },
    /// An update must cover chunks that are still contiguous in the original order.
    OverwriteAcrossSplit { start: u32, end: u32 },
    /// A range cannot be moved to a position inside itself.
    MoveIntoItself { start: u32, end: u32 },
}

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::EmptyRange { offset } => write!(f, "cannot overwrite an empty range at offset {offset}"),
            Self::SplitEditedChunk { offset } => {
                write!(f, "cannot split an edited range at offset {offset}")
            }
            Self::OverwriteAcrossSplit { start, end } => {
                write!(f, "cannot overwrite {start}..{end} across a moved range")
            }
            Self::MoveIntoItself { start, end } => {
                write!(f, "cannot move {start}..{end} inside itself")
            }
        }
    }
}

/// Text for an edit, written straight into the edit buffer's text.
pub trait Content {
    fn write_to(self, out: &mut String);
}

impl Content for &str {
    fn write_to(self, out: &mut String) {
        out.push_str(self);
    }
}

impl Content for &String {
    fn write_to(self, out: &mut String) {
        out.push_str(self);
    }
}

/// Pieces, joined.
impl<const N: usize> Content for [&str; N] {
    fn write_to(self, out: &mut String) {
        for piece in self {
            out.push_str(piece);
        }
    }
}

/// Text that a function writes, for content assembled in a loop.
pub struct Written<F>(pub F);

impl<F: FnOnce(&mut String)> Content for Written<F> {
    fn write_to(self, out: &mut String) {
        (self.0)(out);
    }
}

/// A range of [`Edits`]'s text buffer. No two non-empty pieces share bytes, so the one
/// that ends the buffer can grow in place.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Piece {
    start: u32,
    end: u32,
}

impl Piece {
    fn is_empty(self) -> bool {
        self.start == self.end
    }
}

#[derive(Debug)]
struct Chunk {
    start: u32,
    end: u32,
    intro: Piece,
    outro: Piece,
    /// `None` while the chunk still shows its original text.
    replacement: Option<Piece>,
    /// Neighbours in output order, which moves change.
    previous: Option<ChunkId>,
    next: Option<ChunkId>,
    /// Neighbours in the original text, which chunks always partition.
    original_previous: Option<ChunkId>,
    original_next: Option<ChunkId>,
}

impl Chunk {
    fn new(start: u32, end: u32) -> Self {
        Self {
            start,
            end,
            intro: Piece::default(),
            outro: Piece::default(),
            replacement: None,
            previous: None,
            next: None,
            original_previous: None,
            original_next: None,
        }
    }

    fn contains(&self, offset: u32) -> bool {
        self.start < offset && offset < self.end
    }

    /// Whether the chunk holds replacement text (not merely emptied).
    fn is_edited(&self) -> bool {
        self.replacement.is_some_and(|piece| !piece.is_empty())
    }
}

/// The edit buffer. See the module docs.
pub struct Edits<'s> {
    source: &'s str,
    /// Every inserted and replacement text; see [`Piece`].
    text: String,
    intro: Piece,
    outro: Piece,
    chunks: Chunks,
    first: ChunkId,
    last: ChunkId,
    /// The chunk that ends at the end of the text. Any other chunk ending at an offset is
    /// the original neighbour before the one that starts there.
    original_last: ChunkId,
    /// Chunk ids by original start offset, once there are [`INDEXED_FROM`] chunks.
    by_start: Option<StartIndex>,
    /// Where the last split was: edits come mostly in source order, so the chunk to split
    /// next is usually a step or two from it (magic-string's `lastSearchedChunk`).
    last_searched: ChunkId,
    has_moved_chunks: bool,
}

impl<'s> Edits<'s> {
    pub fn new(source: &'s str) -> Self {
        Self::with_room_for(source, 0)
    }

    /// An edit buffer with room for `edited_statements` statements that are replaced or
    /// removed (two splits each) besides the rest of the module's edits.
    pub fn with_room_for(source: &'s str, edited_statements: usize) -> Self {
        // Room for a split every 128 bytes, about what a module with imports needs, so
        // that the chunks and their indexes seldom grow and rehash; a barrel of imports
        // and re-exports has two splits per line.
        let expected_chunks = source.len() / 128 + 2 * edited_statements + 8;
        let mut chunks = Vec::with_capacity(expected_chunks);
        chunks.push(Chunk::new(0, source.len() as u32));
        let whole = ChunkId::at(0);
        Self {
            source,
            // A hoisted import line and an export definition for each edited statement
            // (a barrel's lines run to 130 bytes: growing would copy them all once more).
            text: String::with_capacity(144 * edited_statements + 256),
            intro: Piece::default(),
            outro: Piece::default(),
            chunks: Chunks(chunks),
            first: whole,
            last: whole,
            original_last: whole,
            by_start: None,
            last_searched: whole,
            has_moved_chunks: false,
        }
    }

    /// Makes room for `chunks` more chunks and `text` more bytes of inserted text.
    pub fn reserve(&mut self, chunks: usize, text: usize) {
        self.chunks.0.reserve(chunks);
        self.text.reserve(text);
    }

    /// The text of `piece`.
    fn text(&self, piece: Piece) -> &str {
        &self.text[piece.start as usize..piece.end as usize]
    }

    /// `content`, written at the end of the text.
    fn store(&mut self, content: impl Content) -> Piece {
        let start = self.text.len() as u32;
        content.write_to(&mut self.text);
        Piece { start, end: self.text.len() as u32 }
    }

    /// `piece` followed by `content`: in place when `piece` ends the text, else a copy.
    fn appended(&mut self, piece: Piece, content: impl Content) -> Piece {
        if piece.end as usize == self.text.len() {
            content.write_to(&mut self.text);
            return Piece { start: piece.start, end: self.text.len() as u32 };
        }
        let start = self.text.len() as u32;
        self.text.extend_from_within(piece.start as usize..piece.end as usize);
        content.write_to(&mut self.text);
        Piece { start, end: self.text.len() as u32 }
    }

    /// `content` followed by `piece`.
    fn prepended(&mut self, piece: Piece, content: impl Content) -> Piece {
        let start = self.text.len() as u32;
        content.write_to(&mut self.text);
        self.text.extend_from_within(piece.start as usize..piece.end as usize);
        Piece { start, end: self.text.len() as u32 }
    }

    fn by_start(&self, offset: u32) -> Option<ChunkId> {
        match &self.by_start {
            Some(index) => index.get(&self.chunks, offset),
            None => self.chunks.ids().find_map(|(id, chunk)| (chunk.start == offset).then_some(id)),
        }
    }

    /// The chunk that ends at `offset`, given the one that starts there.
    fn ending_before(&self, offset: u32, starting: Option<ChunkId>) -> Option<ChunkId> {
        match starting {
            Some(id) => self.chunks[id].original_previous,
            None => (offset as usize == self.source.len()).then_some(self.original_last),
        }
    }

    /// Makes `offset` a chunk boundary (magic-string's `_split`); returns the chunk that
    /// starts there, if any.
    fn split(&mut self, offset: u32) -> Result<Option<ChunkId>, EditError> {
        if offset as usize >= self.source.len() {
            return Ok(None);
        }
        // Every boundary inside the text starts a chunk.
        if let Some(id) = self.by_start(offset) {
            return Ok(Some(id));
        }
        // Walk from the last split through original neighbours, as magic-string does.
        let mut id = self.last_searched;
        let forward = offset > self.chunks[id].end;
        while !self.chunks[id].contains(offset) {
            let chunk = &self.chunks[id];
            let neighbour = if forward { chunk.original_next } else { chunk.original_previous };
            let Some(neighbour) = neighbour else {
                return Ok(None);
            };
            id = neighbour;
        }
        self.split_chunk(id, offset).map(Some)
    }

    /// Splits chunk `id` at `offset`; returns the new chunk, which starts there.
    fn split_chunk(&mut self, id: ChunkId, offset: u32) -> Result<ChunkId, EditError> {
        if self.chunks[id].is_edited() {
            return Err(EditError::SplitEditedChunk { offset });
        }
        let new_id = self.chunks.next_id();
        let chunk = &mut self.chunks[id];
        let mut tail = Chunk::new(offset, chunk.end);
        tail.outro = std::mem::take(&mut chunk.outro);
        // An emptied chunk stays empty on both sides of the split.
        if chunk.replacement.is_some() {
            tail.replacement = Some(Piece::default());
        }
        chunk.end = offset;
        tail.next = chunk.next;
        tail.previous = Some(id);
        chunk.next = Some(new_id);
        tail.original_next = chunk.original_next;
        tail.original_previous = Some(id);
        chunk.original_next = Some(new_id);
        if let Some(next) = tail.next {
            self.chunks[next].previous = Some(new_id);
        }
        match tail.original_next {
            Some(next) => self.chunks[next].original_previous = Some(new_id),
            None => self.original_last = new_id,
        }
        self.chunks.0.push(tail);
        match &mut self.by_start {
            Some(index) => index.insert(&self.chunks, offset, new_id),
            None if self.chunks.0.len() == INDEXED_FROM => {
                self.by_start = Some(StartIndex::new(self.source.len(), &self.chunks));
            }
            None => {}
        }
        self.last_searched = id;
        if self.last == id {
            self.last = new_id;
        }
        Ok(new_id)
    }

    /// Inserts `content` at `offset`, attached to the text on its left.
    pub fn append_left(&mut self, offset: u32, content: impl Content) -> Result<(), EditError> {
        let starting = self.split(offset)?;
        match self.ending_before(offset, starting) {
            Some(id) => self.chunks[id].outro = self.appended(self.chunks[id].outro, content),
            None => self.intro = self.appended(self.intro, content),
        }
        Ok(())
    }

    /// Inserts `content` at `offset`, attached to the text on its right, before earlier
    /// right-attached insertions.
    pub fn prepend_right(&mut self, offset: u32, content: impl Content) -> Result<(), EditError> {
        match self.split(offset)? {
            Some(id) => self.chunks[id].intro = self.prepended(self.chunks[id].intro, content),
            None => self.outro = self.prepended(self.outro, content),
        }
        Ok(())
    }

    /// Replaces `start..end` with `content`, keeping insertions at both ends.
    pub fn update(&mut self, start: u32, end: u32, content: impl Content) -> Result<(), EditError> {
        if start >= end {
            return Err(EditError::EmptyRange { offset: start });
        }
        // Splitting at `end` keeps the id of the chunk that starts at `start`.
        let first = self.split(start)?.expect("split leaves a chunk at start");
        self.split(end)?;
        let mut id = first;
        while self.chunks[id].end < end {
            let next = self.chunks[id].next;
            if next.is_none() || next != self.chunks[id].original_next {
                return Err(EditError::OverwriteAcrossSplit { start, end });
            }
            id = next.unwrap_or(id);
        }
        let mut cursor = self.chunks[first].next;
        while let Some(id) = cursor {
            if self.chunks[id].start >= end {
                break;
            }
            self.chunks[id].replacement = Some(Piece::default());
            cursor = self.chunks[id].next;
        }
        self.chunks[first].replacement = Some(self.store(content));
        Ok(())
    }

    /// Removes `start..end`, with the insertions strictly inside the range.
    pub fn remove(&mut self, start: u32, end: u32) -> Result<(), EditError> {
        if start == end {
            return Ok(());
        }
        let mut cursor = self.split(start)?;
        self.split(end)?;
        while let Some(id) = cursor {
            let chunk = &mut self.chunks[id];
            if chunk.start > start {
                chunk.intro = Piece::default();
            }
            if chunk.end < end {
                chunk.outro = Piece::default();
            }
            chunk.replacement = Some(Piece::default());
            cursor = if end > chunk.end { chunk.original_next } else { None };
        }
        Ok(())
    }

    /// Moves `start..end` so that it stands just before the original offset `index`.
    pub fn relocate(&mut self, start: u32, end: u32, index: u32) -> Result<(), EditError> {
        if start == end {
            return Ok(());
        }
        if index >= start && index <= end {
            return Err(EditError::MoveIntoItself { start, end });
        }
        // `index` lies outside `start..end`, so the later splits keep the chunk that
        // starts at `start`.
        let first = self.split(start)?.expect("split leaves a chunk at start");
        let after = self.split(end)?;
        let new_right = self.split(index)?;
        let last = self.ending_before(end, after).expect("split leaves a chunk at end");
        if self.has_moved_chunks {
            let mut cursor = first;
            while cursor != last {
                match self.chunks[cursor].next {
                    Some(next) if self.chunks[next].start >= start && self.chunks[next].end <= end => cursor = next,
                    _ => return Err(EditError::OverwriteAcrossSplit { start, end }),
                }
            }
        }
        let old_left = self.chunks[first].previous;
        let old_right = self.chunks[last].next;
        let new_left = match new_right {
            None => {
                if last == self.last {
                    return Ok(());
                }
                Some(self.last)
            }
            Some(right) => {
                if self.chunks[right].previous == Some(last) {
                    return Ok(());
                }
                self.chunks[right].previous
            }
        };
        if let Some(left) = old_left {
            self.chunks[left].next = old_right;
        }
        if let Some(right) = old_right {
            self.chunks[right].previous = old_left;
        }
        if let Some(left) = new_left {
            self.chunks[left].next = Some(first);
        }
        if let Some(right) = new_right {
            self.chunks[right].previous = Some(last);
        }
        if old_left.is_none() {
            self.first = old_right.expect("a moved range leaves a chunk behind");
        }
        if old_right.is_none() {
            let left = old_left.expect("a moved range leaves a chunk behind");
            self.last = left;
            self.chunks[left].next = None;
        }
        self.chunks[first].previous = new_left;
        self.chunks[last].next = new_right;
        if new_left.is_none() {
            self.first = first;
        }
        if new_right.is_none() {
            self.last = last;
        }
        self.has_moved_chunks = true;
        Ok(())
    }

    fn content(&self, chunk: &Chunk) -> &str {
        match chunk.replacement {
            Some(replacement) => self.text(replacement),
            None => &self.source[chunk.start as usize..chunk.end as usize],
        }
    }

    fn ordered(&self) -> impl Iterator<Item = &Chunk> {
        let mut cursor = Some(self.first);
        std::iter::from_fn(move || {
            let chunk = &self.chunks[cursor?];
            cursor = chunk.next;
            Some(chunk)
        })
    }

    /// The edited text.
    pub fn render(&self) -> String {
        let length = |piece: Piece| (piece.end - piece.start) as usize;
        let mut len = length(self.intro) + length(self.outro);
        for chunk in self.ordered() {
            len += length(chunk.intro) + self.content(chunk).len() + length(chunk.outro);
        }
        let mut out = String::with_capacity(len);
        out.push_str(self.text(self.intro));
        for chunk in self.ordered() {
            out.push_str(self.text(chunk.intro));
            out.push_str(self.content(chunk));
            out.push_str(self.text(chunk.outro));
        }
        out.push_str(self.text(self.outro));
        out
    }

    /// Where the original characters at `offsets` (byte offsets, ascending) stand in
    /// the edited text, as UTF-16 offsets. `Err(offset)` names the first one that was
    /// rewritten, and so has no place of its own.
    pub fn output_positions(&self, offsets: &[u32]) -> Result<Vec<u32>, u32> {
        if offsets.is_empty() {
            return Ok(Vec::new());
        }
        let mut found: Vec<Option<u32>> = vec![None; offsets.len()];
        let mut position = self.text(self.intro).utf16_len();
        for chunk in self.ordered() {
            position += self.text(chunk.intro).utf16_len();
            let first = offsets.partition_point(|&o| o < chunk.start);
            let last = offsets.partition_point(|&o| o < chunk.end);
            for (i, &offset) in offsets.iter().enumerate().take(last).skip(first) {
                if chunk.replacement.is_some() {
                    return Err(offset);
                }
                let before = &self.source[chunk.start as usize..offset as usize];
                found[i] = Some(position + before.utf16_len());
            }
            position += self.content(chunk).utf16_len() + self.text(chunk.outro).utf16_len();
        }
        found.into_iter().zip(offsets).map(|(place, &offset)| place.ok_or(offset)).collect()
    }

    /// Writes magic-string's `hires: 'boundary'` mappings for the edited text.
    pub fn write_mappings(&self, sink: &mut impl MappingSink) {
        let mut locator = Locator::new(self.source);
        let mut cursor = GeneratedCursor { sink, column: 0 };
        cursor.advance(self.text(self.intro));
        for chunk in self.ordered() {
            cursor.advance(self.text(chunk.intro));
            if let Some(content) = chunk.replacement {
                // A removed chunk maps nothing, so its place is not looked up.
                if !content.is_empty() {
                    let start = locator.locate(chunk.start);
                    cursor.add_edit(self.text(content), start.line, start.column);
                }
            } else {
                let start = locator.locate(chunk.start);
                let readable = &self.source.as_bytes()[chunk.start as usize..];
                let length = (chunk.end - chunk.start) as usize;
                let (column, end) = map_unedited(cursor.sink, readable, length, start, cursor.column);
                cursor.column = column;
                locator.skip_to(end);
            }
            cursor.advance(self.text(chunk.outro));
        }
        cursor.advance(self.text(self.outro));
    }
}

/// The generated-side position while mappings are written.
struct GeneratedCursor<'k, K: MappingSink> {
    sink: &'k mut K,
    column: u32,
}

impl<K: MappingSink> GeneratedCursor<'_, K> {
    fn new_line(&mut self) {
        self.sink.new_line();
        self.column = 0;
    }

    fn advance(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        let (breaks, rest) = line_breaks_and_rest(text);
        for _ in 0..breaks {
            self.new_line();
        }
        self.column += rest;
    }

    /// `content` in place of original text at `line` and `column`: each of its lines
    /// starts with a segment there, but for the empty line after a trailing newline.
    fn add_edit(&mut self, content: &str, line: u32, column: u32) {
        let (breaks, rest) = line_breaks_and_rest(content);
        let trailing_newline = content.ends_with('\n');
        for _ in 0..breaks - u32::from(trailing_newline) {
            self.sink.segment(self.column, line, column);
            self.new_line();
        }
        self.sink.segment(self.column, line, column);
        if trailing_newline {
            self.new_line();
        } else {
            self.column += rest;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sourcemap::encode_mappings;

    fn check(source: &str, edit: impl FnOnce(&mut Edits) -> Result<(), EditError>) -> (String, String) {
        let mut edits = Edits::new(source);
        edit(&mut edits).unwrap();
        (edits.render(), encode_mappings(&edits, 0))
    }

    // Expected values were produced by magic-string 1.4.5 (bundled in Vite 8.3.8) with
    // `generateMap({ hires: 'boundary' }).mappings`.
    #[test]
    fn update_keeps_surrounding_insertions() {
        let (code, map) = check("import a from 'a'\na()", |e| {
            e.append_left(0, "X;\n")?;
            e.update(0, 17, "const i = 1;\n")?;
            e.append_left(17, ";")?;
            e.update(18, 20, "(0,i.default)(")
        });
        assert_eq!(code, "X;\nconst i = 1;\n;\n(0,i.default)()");
        assert_eq!(map, ";AAAA;;AACA,cAAE");
    }

    #[test]
    fn replacements_of_several_lines() {
        for (content, code, map) in [
            ("X\nY", "abc X\nY\nghi", "AAAA,GAAG,CAAC;AAAA;AACJ"),
            ("X\n\nY\n", "abc X\n\nY\n\nghi", "AAAA,GAAG,CAAC;AAAA;AAAA;;AACJ"),
        ] {
            assert_eq!(check("abc def\nghi", |e| e.update(4, 7, content)), (code.into(), map.into()), "{content:?}");
        }
        assert_eq!(
            check("abc def\nghi", |e| e.update(0, 3, "\n")),
            ("\n def\nghi".into(), "AAAA;AAAG,CAAC;AACJ".into())
        );
    }

    #[test]
    fn move_range_to_front() {
        let (code, map) = check("let x = 1;\nimport y from 'y';\n", |e| {
            e.update(11, 29, "const y = 2;\n")?;
            e.relocate(11, 29, 0)
        });
        assert_eq!(code, "const y = 2;\nlet x = 1;\n\n");
        assert_eq!(map, "AACA;AADA,GAAG,CAAC,CAAC,CAAC,CAAC,CAAC,CAAC;;");
    }

    #[test]
    fn remove_and_prepend_right() {
        let (code, map) = check("export class A extends B {}", |e| {
            e.remove(0, 7)?;
            e.prepend_right(0, "const B = b;\n")
        });
        assert_eq!(code, "const B = b;\nclass A extends B {}");
        assert_eq!(map, ";AAAO,KAAK,CAAC,CAAC,CAAC,OAAO,CAAC,CAAC,CAAC,CAAC");
    }

    #[test]
    fn astral_and_non_ascii_columns_are_utf16() {
        // `y` is at byte 13, UTF-16 unit 10.
        let (code, map) = check("x = 'é😀';y", |e| e.update(13, 14, "z"));
        assert_eq!(code, "x = 'é😀';z");
        assert_eq!(map, "AAAA,CAAC,CAAC,CAAC,CAAC,CAAC,CAAC,CAAC,CAAC,CAAC,CAAC");
    }

    #[test]
    fn output_positions_follow_moves_and_refuse_rewrites() {
        let mut edits = Edits::new("let x = 'é';\nimport y from 'y';\n");
        edits.update(14, 32, "const y = 2;\n").unwrap();
        edits.relocate(14, 32, 0).unwrap();
        // `'` after é: byte 11, UTF-16 unit 10 of the original; 13 units of import come first.
        assert_eq!(edits.output_positions(&[11]), Ok(vec![23]));
        assert_eq!(edits.output_positions(&[11, 20]), Err(20));
    }

    #[test]
    fn chunks_are_found_by_start_in_any_order() {
        // More chunks than `INDEXED_FROM`, split out of order, several in a bucket.
        let source = "abcdefghij".repeat(20);
        let offsets: Vec<u32> = (0..150).map(|k| k * 37 % 199 + 1).collect();
        let mut edits = Edits::new(&source);
        for &offset in &offsets {
            edits.append_left(offset, "|").unwrap();
        }
        // Each boundary is found again: the second insertion follows the first.
        for &offset in &offsets {
            edits.append_left(offset, "!").unwrap();
        }
        let mut expected = String::new();
        for (i, c) in source.char_indices() {
            if offsets.contains(&(i as u32)) {
                expected.push_str("|!");
            }
            expected.push(c);
        }
        assert_eq!(edits.render(), expected);
    }

    #[test]
    fn splitting_an_edited_chunk_fails() {
        let mut edits = Edits::new("abcdef");
        edits.update(0, 4, "x").unwrap();
        assert_eq!(edits.append_left(2, "y"), Err(EditError::SplitEditedChunk { offset: 2 }));
    }
}
