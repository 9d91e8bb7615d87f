//! An insertion-ordered set of strings, as a JS `Set` of specifiers iterates.
//!
//! ```text
//! insert "./a", "./b", "./a"  -> ["./a", "./b"]
//! ```

use rustc_hash::{FxBuildHasher, FxHashSet};

#[derive(Default)]
pub struct OrderedSet {
    pub items: Vec<String>,
    seen: FxHashSet<u64>,
}

impl OrderedSet {
    pub fn with_capacity(capacity: usize) -> Self {
        Self { items: Vec::with_capacity(capacity), seen: FxHashSet::with_capacity_and_hasher(capacity, FxBuildHasher) }
    }

    pub fn insert(&mut self, value: &str) {
        // Most modules list a handful of specifiers: compare text only on a hash match.
        let hash = std::hash::BuildHasher::hash_one(&rustc_hash::FxBuildHasher, value);
        if !self.seen.insert(hash) && self.items.iter().any(|item| item == value) {
            return;
        }
        self.items.push(value.to_owned());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_first_seen_order_without_duplicates() {
        let mut set = OrderedSet::default();
        for value in ["./b", "./a", "./b", "", "./a", ""] {
            set.insert(value);
        }
        assert_eq!(set.items, ["./b", "./a", ""]);
    }
}
