//! A list of strings kept in one buffer, one item per line.
//!
//! ```text
//! push "./a", push "__vite_ssr_import_0__.b"  ->  text "./a\n__vite_ssr_import_0__.b", ends [3, 27]
//! ```
//!
//! A module's specifiers and import bindings are a few short strings each; an allocation
//! apiece cost more than the rest of their handling. And the binding hands specifiers to
//! JS as one string of lines, which is then the buffer itself.

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct StringList {
    text: String,
    /// Where each item ends in `text`; the next one starts a byte later, after its `\n`.
    ends: Vec<u32>,
}

impl StringList {
    pub fn with_capacity(items: usize, bytes: usize) -> Self {
        Self { text: String::with_capacity(bytes), ends: Vec::with_capacity(items) }
    }

    /// Appends the item that `write` writes.
    pub fn push_with(&mut self, write: impl FnOnce(&mut String)) {
        if !self.ends.is_empty() {
            self.text.push('\n');
        }
        write(&mut self.text);
        self.ends.push(self.text.len() as u32);
    }

    pub fn push(&mut self, item: &str) {
        self.push_with(|text| text.push_str(item));
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    pub fn get(&self, index: usize) -> &str {
        let start = if index == 0 { 0 } else { self.ends[index - 1] as usize + 1 };
        &self.text[start..self.ends[index] as usize]
    }

    pub fn iter(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        (0..self.len()).map(|index| self.get(index))
    }

    /// The items as the lines of one text, unless that would lose some: when there are
    /// none (an empty text is one empty line), or one is empty or holds a line break.
    pub fn into_lines(self) -> Result<String, Self> {
        // Checked here, once, not at every push: most lists (import bindings) never ask.
        let separators_only = memchr::memchr_iter(b'\n', self.text.as_bytes()).count() + 1 == self.len();
        if self.is_empty() || !separators_only || self.iter().any(str::is_empty) { Err(self) } else { Ok(self.text) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(items: &[&str]) -> StringList {
        let mut list = StringList::default();
        for item in items {
            list.push(item);
        }
        list
    }

    #[test]
    fn items_come_back_as_pushed() {
        for items in [&[][..], &["./a"], &["./a", "", "b\nc", "é"], &["", ""]] {
            let list = list(items);
            assert_eq!(list.iter().collect::<Vec<_>>(), items);
            assert_eq!(list.len(), items.len());
        }
    }

    #[test]
    fn lines_only_when_they_tell_items_apart() {
        assert_eq!(list(&["./a", "./b"]).into_lines(), Ok("./a\n./b".to_owned()));
        assert_eq!(list(&["./a"]).into_lines(), Ok("./a".to_owned()));
        for items in [&[][..], &[""], &["./a", ""], &["a\nb"]] {
            assert!(list(items).into_lines().is_err(), "{items:?}");
        }
    }
}
