//! Pair totals as a sorted list and a log of recent additions, folded in by a radix sort.
//!
//! Counting a corpus adds to hundreds of thousands of pairs in no order (Reuters: 515,000
//! additions to 342,000 pairs). In a hash map each addition is a random probe into a table
//! larger than the cache; appended to a log and sorted in passes over memory, the same work
//! costs a fraction of that, and the settled list is already in the order serialising and
//! the edge table want.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

/// Per-pair totals.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct PairTotals {
    /// Contexts holding both (n_ab).
    pub contexts: u64,
    /// Mention pairs: Σ over contexts of f_a·f_b (for windows, mention pairs within k tokens).
    pub weight: u64,
}

impl PairTotals {
    fn add(&mut self, o: PairTotals) {
        self.contexts += o.contexts;
        self.weight += o.weight;
    }
}

/// The key of the unordered pair {a, b}: the smaller id in the high half.
pub(super) fn pair_key(a: u32, b: u32) -> u64 {
    let (x, y) = if a < b { (a, b) } else { (b, a) };
    ((x as u64) << 32) | y as u64
}

/// The two ids of a key, smaller first.
pub(super) fn pair_ids(key: u64) -> (u32, u32) {
    ((key >> 32) as u32, key as u32)
}

/// Additions kept unsorted before the first fold: small corpora never pay for one.
const MIN_LOG: usize = 1 << 16;

/// One addition to a pair, in 16 bytes rather than 24: sorting the log moves every byte
/// several times. Totals beyond `u32` take several additions.
#[derive(Debug, Clone, Copy)]
struct Addition {
    key: u64,
    contexts: u32,
    weight: u32,
}

/// Totals of unordered pairs of entity ids.
#[derive(Debug, Clone, Default)]
pub(super) struct PairTable {
    /// Distinct pairs, ascending by key.
    settled: Vec<(u64, PairTotals)>,
    /// Additions not yet folded in (a key may repeat); its memory is reused fold after fold.
    log: Vec<Addition>,
}

impl PairTable {
    /// Adds `t` to the pair {a, b}.
    pub fn add(&mut self, a: u32, b: u32, t: PairTotals) {
        let key = pair_key(a, b);
        let (mut contexts, mut weight) = (t.contexts, t.weight);
        // At least one addition, so that a pair added with zero totals is listed.
        loop {
            let (c, w) = (contexts.min(u32::MAX as u64), weight.min(u32::MAX as u64));
            self.log.push(Addition { key, contexts: c as u32, weight: w as u32 });
            (contexts, weight) = (contexts - c, weight - w);
            if contexts == 0 && weight == 0 {
                break;
            }
        }
        // Folding costs the settled list's length: waiting until the log is as long keeps
        // the cost linear in the additions.
        if self.log.len() >= self.settled.len().max(MIN_LOG) {
            self.fold_log();
        }
    }

    /// Folds the log into the settled list and frees the log (counting a batch is done).
    pub fn settle(&mut self) {
        self.fold_log();
        self.log = Vec::new();
    }

    /// Folds the log into the settled list, keeping the log's memory for more additions.
    fn fold_log(&mut self) {
        if !self.log.is_empty() {
            self.settled = fold(&self.settled, &mut self.log);
            self.log.clear();
        }
    }

    /// Every pair with its totals, ascending by key: borrowed when settled, folded into a
    /// copy otherwise (counting calls `settle` when it is done, so readers rarely copy).
    pub fn sorted(&self) -> Cow<'_, [(u64, PairTotals)]> {
        if self.log.is_empty() {
            Cow::Borrowed(&self.settled)
        } else {
            Cow::Owned(fold(&self.settled, &mut self.log.clone()))
        }
    }

    /// The totals of the pair {a, b}, if it was counted.
    pub fn get(&self, a: u32, b: u32) -> Option<PairTotals> {
        let key = pair_key(a, b);
        let mut found = self.settled.binary_search_by_key(&key, |p| p.0).ok().map(|i| self.settled[i].1);
        for x in self.log.iter().filter(|x| x.key == key) {
            found.get_or_insert_with(PairTotals::default).add(PairTotals { contexts: x.contexts as u64, weight: x.weight as u64 });
        }
        found
    }

    /// Number of distinct pairs counted so far (after folding the log).
    pub fn len(&self) -> usize {
        self.sorted().len()
    }
}

/// `settled` and the additions of `log` (sorted here) as one list of distinct pairs,
/// ascending by key.
fn fold(settled: &[(u64, PairTotals)], log: &mut [Addition]) -> Vec<(u64, PairTotals)> {
    radsort::sort_by_key(log, |x| x.key);
    let mut out = Vec::with_capacity(settled.len() + log.len() / 2);
    let (mut i, mut j) = (0, 0);
    while j < log.len() {
        // The run of additions to one pair, summed.
        let key = log[j].key;
        let mut t = PairTotals::default();
        while j < log.len() && log[j].key == key {
            t.add(PairTotals { contexts: log[j].contexts as u64, weight: log[j].weight as u64 });
            j += 1;
        }
        while i < settled.len() && settled[i].0 < key {
            out.push(settled[i]);
            i += 1;
        }
        if i < settled.len() && settled[i].0 == key {
            t.add(settled[i].1);
            i += 1;
        }
        out.push((key, t));
    }
    out.extend_from_slice(&settled[i..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn folding_at_any_point_gives_the_totals_of_a_plain_map() {
        // Enough additions to fold several times, keys repeating often and in both orders.
        let mut rng = crate::testing::Lcg::new(11);
        let mut next = |m: u64| rng.below(m);
        let mut table = PairTable::default();
        let mut reference: BTreeMap<(u32, u32), PairTotals> = BTreeMap::new();
        for step in 0..300_000u64 {
            let (a, b) = (next(900) as u32, next(900) as u32);
            if a == b {
                continue;
            }
            let t = PairTotals { contexts: 1 + next(3), weight: next(5) };
            table.add(a, b, t);
            reference.entry((a.min(b), a.max(b))).or_default().add(t);
            if step % 99_991 == 0 {
                assert_eq!(table.get(a, b), reference.get(&(a.min(b), a.max(b))).copied(), "mid-log lookup");
            }
        }
        let expected: Vec<(u64, PairTotals)> = reference.iter().map(|(&(a, b), &t)| (pair_key(a, b), t)).collect();
        assert_eq!(table.sorted().as_ref(), expected.as_slice(), "before settling");
        table.settle();
        assert!(matches!(table.sorted(), Cow::Borrowed(_)));
        assert_eq!(table.sorted().as_ref(), expected.as_slice(), "after settling");
        assert_eq!(table.get(3, 2), reference.get(&(2, 3)).copied());
        assert_eq!(table.get(5, 5), None);
        assert_eq!(pair_ids(pair_key(9, 4)), (4, 9));
        // Totals beyond 32 bits, and a pair added with none, survive the compact log.
        let big = PairTotals { contexts: 5 << 32, weight: (1 << 33) + 7 };
        table.add(1, 2, big);
        table.add(7, 8, PairTotals::default());
        let mut expected = reference.get(&(1, 2)).copied().unwrap_or_default();
        expected.add(big);
        assert_eq!(table.get(2, 1), Some(expected));
        assert_eq!(table.get(7, 8), Some(PairTotals::default()));
        table.settle();
        assert_eq!((table.get(2, 1), table.get(8, 7)), (Some(expected), Some(PairTotals::default())));
    }
}
