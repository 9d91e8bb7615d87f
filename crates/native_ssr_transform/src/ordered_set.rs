//! An insertion-ordered set of strings, as a JS `Set` of specifiers iterates.
//!
//! ```text
//! insert "./a", "./b", "./a"  -> ["./a", "./b"]
//! ```

use rustc_hash::{FxBuildHasher, FxHashSet};

use crate::string_list::StringList;

/// Up to this many items, a new one is compared with each; past it, with those of the
/// same hash. Most modules list a handful of specifiers, and a hash table for them would
/// be an allocation that the comparisons do not need.
const SCANNED_UP_TO: usize = 16;

#[derive(Debug, Default)]
pub struct OrderedSet {
    items: StringList,
    /// Hashes of the items, once there are more than [`SCANNED_UP_TO`].
    hashes: FxHashSet<u64>,
    /// How many items are expected, to size `hashes` once for all of them.
    expected: usize,
}

impl OrderedSet {
    pub fn with_capacity(items: usize) -> Self {
        // Specifiers run to a few dozen bytes.
        Self { items: StringList::with_capacity(items, 32 * items), hashes: FxHashSet::default(), expected: items }
    }

    pub fn insert(&mut self, value: &str) {
        if self.items.len() < SCANNED_UP_TO {
            if self.items.iter().any(|item| item == value) {
                return;
            }
        } else {
            if self.hashes.is_empty() {
                let room = self.expected.max(2 * SCANNED_UP_TO);
                self.hashes = FxHashSet::with_capacity_and_hasher(room, FxBuildHasher);
                self.hashes.extend(self.items.iter().map(hash));
            }
            // Compare text only on a hash match.
            if !self.hashes.insert(hash(value)) && self.items.iter().any(|item| item == value) {
                return;
            }
        }
        self.items.push(value);
    }

    pub fn into_items(self) -> StringList {
        self.items
    }
}

fn hash(value: &str) -> u64 {
    std::hash::BuildHasher::hash_one(&FxBuildHasher, value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_first_seen_order_without_duplicates() {
        // Enough items to pass from comparing each to comparing hashes.
        let many: Vec<String> = (0..40).map(|i| format!("./{i}")).collect();
        let inputs = ["./b", "./a", "./b", "", "./a", ""].into_iter().chain(many.iter().map(String::as_str));
        let mut set = OrderedSet::default();
        for value in inputs.clone().chain(inputs.clone()) {
            set.insert(value);
        }
        let expected: Vec<&str> = ["./b", "./a", ""].into_iter().chain(many.iter().map(String::as_str)).collect();
        assert_eq!(set.into_items().iter().collect::<Vec<_>>(), expected);
    }
}
