//! Pair totals as a sorted list, with what was counted since the last fold: whole contexts
//! (their distinct entities) and single additions, folded in together.
//!
//! Counting a corpus adds to hundreds of thousands of pairs in no order (Reuters: 515,000
//! additions to 342,000 pairs). In a hash map each addition is a random probe into a table
//! larger than the cache. A context's pairs are not written out one by one either: the context
//! is kept as its list of entities (linear in its size, not quadratic), and a fold turns the
//! lists into pair totals entity by entity, as a sparse product XᵀX is computed row by row:
//! every context holding entity a adds to a's partners in one dense row of counters that stays
//! in the cache, and the row's touched partners, sorted, are a's stretch of the sorted list.
//! Additions of given totals (window contexts, merges, reading saved counts) are logged and
//! ordered by a radix sort. Both become sorted runs merged into the settled list, which is in
//! the order serialising and the edge table want.

use std::borrow::Cow;
use std::ops::Range;

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

/// Bytes of contexts and additions kept before the first fold: a corpus whose contexts take
/// less (16× Reuters: 2.6 M mentions, 21 MB) folds once, when counting is done. Every fold
/// before the last merges the list settled so far again: folding from 1 MB on, counting that
/// corpus took 0.44–0.45 CPU-s against 0.32–0.37 folding once, for a peak of 619–623 MB
/// against 593–603.
#[cfg(not(test))]
const MIN_PENDING: usize = 64 << 20;
/// Small in tests, so that their corpora fold several times.
#[cfg(test)]
const MIN_PENDING: usize = 64 << 10;

/// Context entries kept before a fold at most: positions stay within 32 bits.
const MAX_ENTRIES: usize = 1 << 31;

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
    /// Contexts not yet folded in, as (entity id, mentions) ascending by id: context i is
    /// `entries[ends[i - 1]..ends[i]]`. Only contexts of two or more entities are kept.
    entries: Vec<(u32, u32)>,
    ends: Vec<u32>,
    /// Additions not yet folded in (a key may repeat).
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
        self.fold_when_due();
    }

    /// Counts one context holding `entities`, (id, mentions ≥ 1) strictly ascending by id:
    /// one context for each of its pairs, with weight the product of the two mention counts.
    pub fn add_context(&mut self, entities: impl IntoIterator<Item = (u32, u32)>) {
        let start = self.entries.len();
        self.entries.extend(entities);
        debug_assert!(self.entries[start..].windows(2).all(|w| w[0].0 < w[1].0), "entities ascending and distinct");
        debug_assert!(self.entries[start..].iter().all(|e| e.1 > 0), "every entity mentioned");
        if self.entries.len() - start < 2 {
            self.entries.truncate(start); // no pair
            return;
        }
        self.ends.push(self.entries.len() as u32);
        self.fold_when_due();
    }

    /// Folding costs a pass over the settled list: waiting until the pending contexts and
    /// additions take as much memory as the list (and at least `MIN_PENDING`) keeps the cost
    /// linear in what is counted, and the pending memory within the list's or that minimum.
    fn fold_when_due(&mut self) {
        let pending = size_of_val(&self.entries[..]) + size_of_val(&self.ends[..]) + size_of_val(&self.log[..]);
        if pending >= size_of_val(&self.settled[..]).max(MIN_PENDING) || self.entries.len() >= MAX_ENTRIES {
            self.fold_pending();
        }
    }

    /// Folds everything pending into the settled list and frees the buffers (counting a
    /// batch is done).
    pub fn settle(&mut self) {
        self.fold_pending();
        (self.entries, self.ends, self.log) = (Vec::new(), Vec::new(), Vec::new());
    }

    /// Folds everything pending into the settled list, keeping the buffers' memory for more.
    fn fold_pending(&mut self) {
        if !self.ends.is_empty() || !self.log.is_empty() {
            fold_into(&mut self.settled, &self.entries, &self.ends, &mut self.log);
            self.entries.clear();
            self.ends.clear();
            self.log.clear();
        }
    }

    /// Every pair with its totals, ascending by key: borrowed when settled, folded into a
    /// copy otherwise (counting calls `settle` when it is done, so readers rarely copy).
    pub fn sorted(&self) -> Cow<'_, [(u64, PairTotals)]> {
        if self.ends.is_empty() && self.log.is_empty() {
            Cow::Borrowed(&self.settled)
        } else {
            let mut copy = self.settled.clone();
            fold_into(&mut copy, &self.entries, &self.ends, &mut self.log.clone());
            Cow::Owned(copy)
        }
    }

    /// The totals of the pair {a, b}, if it was counted.
    pub fn get(&self, a: u32, b: u32) -> Option<PairTotals> {
        let key = pair_key(a, b);
        let (x, y) = pair_ids(key);
        let mut found = self.settled.binary_search_by_key(&key, |p| p.0).ok().map(|i| self.settled[i].1);
        let mut start = 0;
        for &end in &self.ends {
            let context = &self.entries[start..end as usize];
            start = end as usize;
            let mentions = |id: u32| context.binary_search_by_key(&id, |e| e.0).ok().map(|i| context[i].1 as u64);
            if let (Some(fx), Some(fy)) = (mentions(x), mentions(y)) {
                found.get_or_insert_with(PairTotals::default).add(PairTotals { contexts: 1, weight: fx * fy });
            }
        }
        for x in self.log.iter().filter(|x| x.key == key) {
            found.get_or_insert_with(PairTotals::default).add(PairTotals { contexts: x.contexts as u64, weight: x.weight as u64 });
        }
        found
    }

    /// Number of distinct pairs counted so far (after folding what is pending).
    pub fn len(&self) -> usize {
        self.sorted().len()
    }
}

/// Adds the pairs of the contexts `entries`/`ends` and the additions of `log` (sorted here)
/// to `settled`, a list of distinct pairs ascending by key.
fn fold_into(settled: &mut Vec<(u64, PairTotals)>, entries: &[(u32, u32)], ends: &[u32], log: &mut [Addition]) {
    let pairs = context_pairs(entries, ends);
    if settled.is_empty() {
        *settled = pairs; // the first fold: nothing to merge with
    } else {
        merge_into(settled, &pairs);
    }
    if log.is_empty() {
        return;
    }
    radsort::sort_by_key(log, |x| x.key);
    // The runs of additions to one pair, summed.
    let mut runs: Vec<(u64, PairTotals)> = Vec::new();
    for x in log.iter() {
        let t = PairTotals { contexts: x.contexts as u64, weight: x.weight as u64 };
        match runs.last_mut() {
            Some(last) if last.0 == x.key => last.1.add(t),
            _ => runs.push((x.key, t)),
        }
    }
    merge_into(settled, &runs);
}

/// Adds `new`, distinct pairs ascending by key, to `settled`, another such list, in place.
fn merge_into(settled: &mut Vec<(u64, PairTotals)>, new: &[(u64, PairTotals)]) {
    // The merged length first, then a merge from the back into the grown list: every write
    // lands at or after the settled pair it reads, so nothing is overwritten unread, and no
    // second list is allocated (fresh memory costs a page fault every 4 KiB).
    let (mut i, mut shared) = (0, 0);
    for &(key, _) in new {
        while i < settled.len() && settled[i].0 < key {
            i += 1;
        }
        if i < settled.len() && settled[i].0 == key {
            shared += 1;
        }
    }
    let (mut i, mut j) = (settled.len(), new.len());
    let mut w = settled.len() + new.len() - shared;
    settled.resize(w, (0, PairTotals::default()));
    while j > 0 {
        w -= 1;
        let (key, mut t) = new[j - 1];
        if i > 0 && settled[i - 1].0 > key {
            settled[w] = settled[i - 1];
            i -= 1;
        } else {
            if i > 0 && settled[i - 1].0 == key {
                t.add(settled[i - 1].1);
                i -= 1;
            }
            settled[w] = (key, t);
            j -= 1;
        }
    }
    debug_assert_eq!(w, i, "the pairs before the first new one stay where they are");
}

/// The pair totals of contexts (see `PairTable::entries`), distinct and ascending by key.
fn context_pairs(entries: &[(u32, u32)], ends: &[u32]) -> Vec<(u64, PairTotals)> {
    let Some(ids) = entries.iter().map(|e| e.0 as usize + 1).max() else { return Vec::new() };
    // Each entry's position and its context's end, grouped by entity (a counting sort).
    let mut starts = vec![0u32; ids + 1];
    for &(id, _) in entries {
        starts[id as usize + 1] += 1;
    }
    for i in 0..ids {
        starts[i + 1] += starts[i];
    }
    let mut next = starts.clone();
    let mut by_entity = vec![(0u32, 0u32); entries.len()];
    let mut begin = 0;
    for &end in ends {
        for p in begin..end {
            let slot = &mut next[entries[p as usize].0 as usize];
            by_entity[*slot as usize] = (p, end);
            *slot += 1;
        }
        begin = end;
    }
    drop(next);
    // One row of counters per entity a: a context's entities after a are a's partners in it.
    let mut contexts = vec![0u32; ids];
    let mut weight = vec![0u64; ids];
    let mut touched: Vec<u32> = Vec::new();
    // A bit per entity, for rows of many partners (hubs: "United States" meets thousands).
    let mut bits = vec![0u64; ids.div_ceil(64)];
    // Room for every pair once per context that holds it, or for every pair of the entities
    // seen, whichever is less, and at most 2^24 pairs (384 MiB of address space): grown by
    // doubling, the list was copied on the way and its first home's pages faulted in for
    // nothing. The room left unwritten is given back below.
    let per_context = std::iter::once(&0).chain(ends).zip(ends).map(|(&begin, &end)| ((end - begin) as usize).pow(2) / 2);
    let mut out = Vec::with_capacity(per_context.sum::<usize>().min(ids.saturating_mul(ids) / 2).min(1 << 24));
    for a in 0..ids {
        let (first, last) = (starts[a] as usize, starts[a + 1] as usize);
        for (k, &(p, end)) in by_entity[first..last].iter().enumerate() {
            // The entity rows read `by_entity` in order, and each visit jumps to a context
            // somewhere in `entries`: the context a few visits ahead is asked for now.
            if let Some(&(ahead, _)) = by_entity.get(first + k + PREFETCH_AHEAD) {
                prefetch(&entries[ahead as usize]);
            }
            let fa = entries[p as usize].1 as u64;
            for &(b, fb) in &entries[p as usize + 1..end as usize] {
                let b = b as usize;
                if contexts[b] == 0 {
                    touched.push(b as u32);
                }
                contexts[b] += 1;
                weight[b] += fa * fb as u64;
            }
        }
        let mut emit = |b: usize| {
            out.push((((a as u64) << 32) | b as u64, PairTotals { contexts: contexts[b] as u64, weight: weight[b] }));
            (contexts[b], weight[b]) = (0, 0);
        };
        match ascending_by_bits(&touched, &mut bits) {
            Some(words) => {
                // The partners in order, by reading the bits they set (each cleared again).
                for (w, word) in bits[words.clone()].iter_mut().enumerate() {
                    while *word != 0 {
                        emit((words.start + w) * 64 + word.trailing_zeros() as usize);
                        *word &= *word - 1;
                    }
                }
            }
            None => {
                touched.sort_unstable();
                touched.iter().for_each(|&b| emit(b as usize));
            }
        }
        touched.clear();
    }
    // The room not used is given back: kept, it raised the process's peak memory through the
    // edge table of 16× Reuters from 587–591 MB (grown by doubling) to 629–639 MB; given back,
    // 582–596 MB.
    out.shrink_to_fit();
    out
}

/// Context visits between asking for a context's entries and reading them.
const PREFETCH_AHEAD: usize = 8;

/// Asks the processor to bring `x` into the cache (a hint: nothing else happens).
#[inline(always)]
fn prefetch<T>(x: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch reads nothing into the program and cannot fault; `x` is a valid reference anyway.
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>((x as *const T).cast::<i8>())
    };
    #[cfg(not(target_arch = "x86_64"))]
    let _ = x;
}

/// Sets the bits of `ids` in `bits` and returns the range of words that hold them, when
/// reading those words costs less than sorting the ids; None (bits untouched) otherwise.
fn ascending_by_bits(ids: &[u32], bits: &mut [u64]) -> Option<Range<usize>> {
    // Sorting t ids costs some t·log t steps; reading the bits, one step a word.
    const MIN_IDS: usize = 32;
    if ids.len() < MIN_IDS {
        return None;
    }
    let (lo, hi) = ids.iter().fold((u32::MAX, 0), |(lo, hi), &b| (lo.min(b), hi.max(b)));
    let words = lo as usize / 64..hi as usize / 64 + 1;
    if words.len() > 4 * ids.len() {
        return None;
    }
    for &b in ids {
        bits[b as usize / 64] |= 1 << (b % 64);
    }
    Some(words)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn contexts_count_each_pair_once_with_the_product_of_mentions() {
        // Enough contexts to fold several times, mixed with single additions.
        let mut rng = crate::testing::Lcg::new(5);
        let mut table = PairTable::default();
        let mut reference: BTreeMap<(u32, u32), PairTotals> = BTreeMap::new();
        for step in 0..80_000u64 {
            let k = 1 + rng.below(12) as usize;
            let mut ids: Vec<u32> = (0..k).map(|_| rng.below(2_000) as u32).collect();
            ids.sort_unstable();
            ids.dedup();
            let context: Vec<(u32, u32)> = ids.iter().map(|&id| (id, 1 + rng.below(4) as u32)).collect();
            for (x, &(a, fa)) in context.iter().enumerate() {
                for &(b, fb) in &context[x + 1..] {
                    reference.entry((a, b)).or_default().add(PairTotals { contexts: 1, weight: fa as u64 * fb as u64 });
                }
            }
            table.add_context(context.iter().copied());
            if step % 7 == 0 {
                let (a, b) = (rng.below(2_000) as u32, 2_000 + rng.below(10) as u32);
                let t = PairTotals { contexts: 2, weight: 3 };
                table.add(b, a, t);
                reference.entry((a, b)).or_default().add(t);
            }
            if step % 19_997 == 0 && context.len() > 1 {
                let (a, b) = (context[0].0, context[1].0);
                assert_eq!(table.get(b, a), reference.get(&(a, b)).copied(), "lookup with contexts pending");
            }
        }
        let expected: Vec<(u64, PairTotals)> = reference.iter().map(|(&(a, b), &t)| (pair_key(a, b), t)).collect();
        assert_eq!(table.sorted().as_ref(), expected.as_slice(), "before settling");
        table.settle();
        assert_eq!(table.sorted().as_ref(), expected.as_slice(), "after settling");
        // A context of one entity has no pair.
        table.add_context([(7, 3)]);
        assert!(matches!(table.sorted(), Cow::Borrowed(_)));
    }

    #[test]
    fn a_fold_keeps_no_room_it_did_not_fill() {
        // Entities 0 and 999 together in ten thousand contexts: one pair, where room was set
        // aside for 20,000 (each context's pairs, fewer than those of a thousand entities);
        // kept, such room raised the peak memory of large tables.
        let entries: Vec<(u32, u32)> = (0..10_000).flat_map(|_| [(0, 1), (999, 1)]).collect();
        let ends: Vec<u32> = (1..=10_000).map(|c| c * 2).collect();
        let pairs = context_pairs(&entries, &ends);
        assert_eq!(pairs, vec![(pair_key(0, 999), PairTotals { contexts: 10_000, weight: 10_000 })]);
        assert!(pairs.capacity() < 2 * pairs.len() + 16, "capacity {} for {} pairs", pairs.capacity(), pairs.len());
    }

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
