//! Small collection helpers that keep the shipped wasm lean: `SmallSet`, a sorted,
//! duplicate-free vector used for the query's phase and category selections (these hold a
//! handful of items, and a vector costs a fraction of the shipped wasm that `BTreeSet`'s
//! code does), and [`stable_sort`], the crate's one sort.

/// The one stable sort of the crate: indices by a comparison. Every sort goes through this
/// one instance (a `sort_by` per closure type would add about 1.8 KB of wasm each).
pub fn stable_sort(v: &mut [usize], cmp: &mut dyn FnMut(&usize, &usize) -> std::cmp::Ordering) {
    v.sort_by(cmp);
}

/// A set kept as a sorted vector.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SmallSet<T>(Vec<T>);

impl<T> Default for SmallSet<T> {
    fn default() -> Self {
        SmallSet(Vec::new())
    }
}

impl<T: Ord> SmallSet<T> {
    pub fn new() -> Self {
        SmallSet(Vec::new())
    }

    pub fn contains(&self, x: &T) -> bool {
        self.0.binary_search(x).is_ok()
    }

    /// Adds `x`; false when it was already there.
    pub fn insert(&mut self, x: T) -> bool {
        match self.0.binary_search(&x) {
            Ok(_) => false,
            Err(at) => {
                self.0.insert(at, x);
                true
            }
        }
    }

    /// Removes `x`; false when it was not there.
    pub fn remove(&mut self, x: &T) -> bool {
        match self.0.binary_search(x) {
            Ok(at) => {
                self.0.remove(at);
                true
            }
            Err(_) => false,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }

    /// The items in ascending order.
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.0.iter()
    }
}

impl<T: Ord> Extend<T> for SmallSet<T> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, items: I) {
        for x in items {
            self.insert(x);
        }
    }
}

impl<T: Ord> FromIterator<T> for SmallSet<T> {
    fn from_iter<I: IntoIterator<Item = T>>(items: I) -> Self {
        let mut s = SmallSet::new();
        s.extend(items);
        s
    }
}

impl<'a, T> IntoIterator for &'a SmallSet<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn behaves_like_a_sorted_set() {
        let mut s: SmallSet<u16> = [5, 1, 3, 1].into_iter().collect();
        assert_eq!(s.iter().copied().collect::<Vec<_>>(), [1, 3, 5]);
        assert!(!s.insert(3));
        assert!(s.insert(2));
        assert!(s.contains(&2) && !s.contains(&4));
        assert!(s.remove(&1) && !s.remove(&1));
        assert_eq!(s.len(), 3);
        s.clear();
        assert!(s.is_empty());
    }
}
