//! From counts to an edge table: measures, a multiple-testing flag, bursts, and the two
//! network reductions (top-k partners, the disparity-filter backbone).

use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;

use super::burst::{strongest_burst, Burst};
use super::counts::Cooccurrence;
use super::pairs::{pair_ids, PairTotals};
use super::measures::{benjamini_hochberg, PairCounts, MEASURE_NAMES};
use crate::error::{Error, Result};

/// A measure edges can be ranked by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    Count,
    Weight,
    Pmi,
    Npmi,
    G2,
    Chi2,
    Dice,
    LogDice,
    Jaccard,
    TScore,
    Lift,
}

impl Measure {
    const ALL: [Measure; 11] = [
        Measure::Count,
        Measure::Weight,
        Measure::Pmi,
        Measure::Npmi,
        Measure::G2,
        Measure::Chi2,
        Measure::Dice,
        Measure::LogDice,
        Measure::Jaccard,
        Measure::TScore,
        Measure::Lift,
    ];

    /// The measure's column in the edge table.
    pub fn name(self) -> &'static str {
        match self {
            Measure::Count => "n_ab",
            Measure::Weight => "weight",
            Measure::Pmi => "pmi",
            Measure::Npmi => "npmi",
            Measure::G2 => "g2",
            Measure::Chi2 => "chi2",
            Measure::Dice => "dice",
            Measure::LogDice => "log_dice",
            Measure::Jaccard => "jaccard",
            Measure::TScore => "t_score",
            Measure::Lift => "lift",
        }
    }

    /// Parses a column name: n_ab (or count), weight, pmi, npmi, g2, chi2, dice, log_dice, jaccard, t_score, lift.
    pub fn parse(s: &str) -> Result<Measure> {
        let s = if s == "count" { "n_ab" } else { s };
        Measure::ALL.into_iter().find(|m| m.name() == s).ok_or_else(|| {
            Error::InvalidArgument(format!(
                "unknown measure {s:?}: use n_ab, weight, pmi, npmi, g2, chi2, dice, log_dice, jaccard, t_score or lift"
            ))
        })
    }

    /// The measure's value on every edge of a table.
    pub fn values(self, t: &EdgeTable) -> Vec<f64> {
        match self {
            Measure::Count => t.n_ab.iter().map(|&x| x as f64).collect(),
            Measure::Weight => t.weight.iter().map(|&x| x as f64).collect(),
            m => t.measures[measure_column(m.name())].clone(),
        }
    }
}

/// The position of a measure in `MEASURE_NAMES`.
fn measure_column(name: &str) -> usize {
    MEASURE_NAMES.iter().position(|&m| m == name).expect("a measure column")
}

/// The edge table's columns that a caller may leave out, in table order; source, target,
/// n_ab, n_a, n_b and n are always there (a period's burst columns come with the period).
pub const OPTIONAL_COLUMNS: [&str; 15] = [
    "weight", "pmi", "npmi", "g2", "p_value", "significant", "chi2", "dice", "log_dice", "jaccard", "t_score", "p_b_given_a",
    "p_a_given_b", "lift", "disparity_alpha",
];

/// Which of [`OPTIONAL_COLUMNS`] an edge table holds. Each measure column is 8 bytes an edge:
/// a table of the two an analysis reads takes 56 bytes an edge, one of all about 150.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EdgeColumns(u32);

impl EdgeColumns {
    /// Every column.
    pub const ALL: EdgeColumns = EdgeColumns((1 << OPTIONAL_COLUMNS.len()) - 1);

    /// The named columns (the always-present ones may be named too); an unknown name is an
    /// error that lists the names.
    pub fn parse(names: &[impl AsRef<str>]) -> Result<EdgeColumns> {
        const ALWAYS: [&str; 6] = ["source", "target", "n_ab", "n_a", "n_b", "n"];
        let mut bits = 0;
        for name in names {
            let name = name.as_ref();
            match OPTIONAL_COLUMNS.iter().position(|&c| c == name) {
                Some(k) => bits |= 1 << k,
                None if ALWAYS.contains(&name) => {}
                None => {
                    return Err(Error::InvalidArgument(format!(
                        "unknown edge column {name:?}: the table has {} and {}",
                        ALWAYS.join(", "),
                        OPTIONAL_COLUMNS.join(", ")
                    )))
                }
            }
        }
        Ok(EdgeColumns(bits))
    }

    /// True when the table holds the column `name` (one of [`OPTIONAL_COLUMNS`]).
    pub fn has(self, name: &str) -> bool {
        OPTIONAL_COLUMNS.iter().position(|&c| c == name).is_some_and(|k| self.0 >> k & 1 == 1)
    }
}

impl Default for EdgeColumns {
    fn default() -> Self {
        EdgeColumns::ALL
    }
}

/// Which edges to report, and how.
#[derive(Debug, Clone, PartialEq)]
pub struct EdgeOptions {
    /// Keep pairs co-mentioned in at least this many contexts.
    pub min_count: u64,
    /// Keep pairs whose entities each appear in at least this many contexts.
    pub min_entity_count: u64,
    /// Pseudo-count added to each cell of the 2×2 table before measures are computed.
    pub smoothing: f64,
    /// False-discovery rate for the `significant` flag (Benjamini–Hochberg over all possible pairs).
    pub alpha: f64,
    /// Keep an edge only if it is among the k strongest of one of its entities by this measure.
    pub top_k: Option<(usize, Measure)>,
    /// Keep an edge only if the disparity filter finds it significant at this level.
    pub backbone: Option<f64>,
    /// The optional columns the table holds (all by default).
    pub columns: EdgeColumns,
}

impl Default for EdgeOptions {
    fn default() -> Self {
        EdgeOptions { min_count: 1, min_entity_count: 1, smoothing: 0.0, alpha: 0.05, top_k: None, backbone: None, columns: EdgeColumns::ALL }
    }
}

impl EdgeOptions {
    /// Checks the two levels and the smoothing, with a message that names the one at fault
    /// (an alpha of 2 flagged every pair significant, a backbone level of -1 kept none, and an
    /// infinite smoothing made every measure NaN, each silently).
    pub fn validate(&self) -> Result<()> {
        let level = |name: &str, x: f64| {
            if x > 0.0 && x <= 1.0 {
                Ok(())
            } else {
                Err(Error::InvalidArgument(format!("{name} is a probability in (0, 1], not {x}")))
            }
        };
        level("alpha", self.alpha)?;
        if let Some(b) = self.backbone {
            level("backbone", b)?;
        }
        if !(self.smoothing >= 0.0 && self.smoothing.is_finite()) {
            return Err(Error::InvalidArgument(format!("smoothing is a pseudo-count of 0 or more, not {}", self.smoothing)));
        }
        Ok(())
    }
}

/// The edge table as columns, one entry per edge in table order: columns cost a fraction of
/// row structs and pass to Arrow without a copy.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EdgeTable {
    /// Entity ids (`Cooccurrence::name`) of each edge, a's name first.
    pub a: Vec<u32>,
    pub b: Vec<u32>,
    /// Contexts holding both, a, and b.
    pub n_ab: Vec<u64>,
    pub n_a: Vec<u64>,
    pub n_b: Vec<u64>,
    /// N: every context counted (the same for all edges).
    pub n: u64,
    /// Mention pairs (see `PairTotals::weight`).
    pub weight: Vec<u64>,
    /// One column per measure, in `MEASURE_NAMES` order. Columns the options leave out
    /// (`EdgeOptions::columns`) are empty, here and in `weight`, `significant` and `disparity`.
    pub measures: [Vec<f64>; 12],
    /// Positively associated and passing Benjamini–Hochberg at the chosen rate.
    pub significant: Vec<bool>,
    /// The disparity filter's significance for the edge: the smaller of its two endpoints' α.
    pub disparity: Vec<f64>,
    /// With a period: each pair's strongest burst, with the first days of its first and last periods.
    pub burst: Vec<Option<(f64, i32, i32)>>,
    /// Entity ids in name order (dictionary columns index the names in this order), and each
    /// entity id's position in it.
    pub by_name: Vec<u32>,
    pub rank: Vec<u32>,
}

impl EdgeTable {
    /// Number of edges.
    pub fn len(&self) -> usize {
        self.n_ab.len()
    }

    /// True when no pair passed the filters.
    pub fn is_empty(&self) -> bool {
        self.n_ab.is_empty()
    }

    /// The counts of edge `i` as a 2×2 table.
    pub fn counts(&self, i: usize) -> PairCounts {
        PairCounts { n_ab: self.n_ab[i], n_a: self.n_a[i], n_b: self.n_b[i], n: self.n }
    }

    /// Keeps the edges whose `keep` entry is true, in order.
    fn retain(&mut self, keep: &[bool]) {
        fn filter<T>(v: &mut Vec<T>, keep: &[bool]) {
            let mut i = 0;
            v.retain(|_| {
                i += 1;
                keep[i - 1]
            });
        }
        filter(&mut self.a, keep);
        filter(&mut self.b, keep);
        filter(&mut self.n_ab, keep);
        filter(&mut self.n_a, keep);
        filter(&mut self.n_b, keep);
        filter(&mut self.weight, keep);
        for m in &mut self.measures {
            filter(m, keep);
        }
        filter(&mut self.significant, keep);
        filter(&mut self.disparity, keep);
        if !self.burst.is_empty() {
            filter(&mut self.burst, keep);
        }
    }
}

/// Bytes an edge takes at the table's peak: its columns, the measured values gathered into
/// them and the flags' working copies (50 M edges of one context of 10,000 entities peaked at
/// 9.4 GB; 16× Reuters, 1.19 M edges, at under 300 MB with its counting).
const PEAK_BYTES_PER_EDGE: u64 = 200;

/// Tables that may need less than this are built without asking the system for its memory.
const ASK_FROM: u64 = 1 << 30;

/// Refuses a table of `edges` rows that would not fit in the memory left: the process was
/// killed instead, with nothing said (one document context of 20,000 entities makes 200 M pairs).
fn room_for(edges: u64) -> Result<()> {
    let need = edges * PEAK_BYTES_PER_EDGE;
    match crate::memory::available() {
        Some(free) if need > free => Err(Error::OutOfMemory(format!(
            "the edge table would hold {edges} pairs, about {} at its peak, and {} of memory is free: raise min_count or \
             min_entity_count, or count smaller contexts (one context of n entities makes n(n-1)/2 pairs: does the document \
             column tell documents apart?)",
            crate::memory::gigabytes(need),
            crate::memory::gigabytes(free)
        ))),
        _ => Ok(()),
    }
}

/// Rows per task when filling the measure columns on the pool (each row's values are a
/// function of its counts alone, so the table is the same for any number of threads).
const MEASURE_CHUNK: usize = 16_384;

impl Cooccurrence {
    /// The name of entity `id`.
    pub fn name(&self, id: u32) -> &str {
        &self.names[id as usize]
    }

    /// All entity names, indexed by id.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Entity ids in name order, and each id's position in it (names are unique). Sorted on
    /// the calling thread: serialising calls it too, outside any pool of ours.
    pub fn name_order(&self) -> (Vec<u32>, Vec<u32>) {
        // Entities registered in name order (`MentionColumns::register_entities`) need no sort.
        let by_name: Vec<u32> = if self.names.windows(2).all(|w| w[0] < w[1]) {
            (0..self.names.len() as u32).collect()
        } else {
            in_name_order(self.names.iter().map(String::as_str))
        };
        let mut rank = vec![0u32; by_name.len()];
        for (r, &id) in by_name.iter().enumerate() {
            rank[id as usize] = r as u32;
        }
        (by_name, rank)
    }

    /// The edge table, most frequent pairs first (ties by names, so the order never depends
    /// on how the work was split).
    /// Refused, before anything is built, when the table would need more memory than the
    /// process has left.
    pub fn edges(&self, opts: &EdgeOptions) -> Result<EdgeTable> {
        let n = self.contexts;
        let min_entity = opts.min_entity_count.max(1);
        // One flag an entity, read twice a pair: a byte each stays in the cache, the totals do not.
        let entity_kept: Vec<bool> = (0..self.totals.len() as u32).map(|i| self.totals[i as usize].contexts >= min_entity && self.is_kept(i)).collect();
        let keep_entity = |i: u32| entity_kept[i as usize];
        let pairs = self.pairs.sorted();
        let keep = |k: u64, t: &PairTotals| {
            let (a, b) = pair_ids(k);
            t.contexts >= opts.min_count.max(1) && keep_entity(a) && keep_entity(b)
        };
        if pairs.len() as u64 * PEAK_BYTES_PER_EDGE > ASK_FROM {
            room_for(pairs.iter().filter(|(k, t)| keep(*k, t)).count() as u64)?;
        }
        let (by_name, rank) = self.name_order();
        // Pairs come ascending by ids; when ids follow names, that is the order by ranks.
        let ranked = by_name.iter().enumerate().all(|(r, &id)| r as u32 == id);
        let (n_ab, x, y, weight) = if ranked {
            by_count(&pairs, keep)
        } else {
            let kept = pairs.iter().filter(|(k, t)| keep(*k, t)).map(|&(k, t)| {
                let (a, b) = pair_ids(k);
                (t.contexts, rank[a as usize].min(rank[b as usize]), rank[a as usize].max(rank[b as usize]), t.weight)
            });
            table_order(kept, n, self.names.len())
        };
        drop(pairs);
        let mut t = EdgeTable { n, by_name, rank, n_ab, weight, ..EdgeTable::default() };
        t.a = x.into_iter().map(|r| t.by_name[r as usize]).collect();
        t.b = y.into_iter().map(|r| t.by_name[r as usize]).collect();
        t.n_a = t.a.iter().map(|&a| self.totals[a as usize].contexts).collect();
        t.n_b = t.b.iter().map(|&b| self.totals[b as usize].contexts).collect();
        // Measures depend only on (n_ab, n_a, n_b): news tables repeat few of them (Reuters:
        // 37,152 for 342,428 edges), so each is measured once, into columns, then the table's
        // columns are gathered one after another, each from its column of measured values
        // (which stays in the cache; a row of all twelve, gathered at random, did not) and
        // each split among the workers.
        // Collected, not filled in place: a column set to zero first was written twice (16×
        // Reuters: zeroing took 70 M of the table's 969 M instructions before, 41 M after).
        let (slots, distinct) = distinct_counts(&t);
        let by_measure = measure_columns(distinct.len(), |start, part| {
            for (j, c) in distinct[start..start + part[0].len()].iter().enumerate() {
                for (column, x) in part.iter_mut().zip(c.measures(opts.smoothing).to_array()) {
                    column[j] = x;
                }
            }
        });
        drop(distinct);
        // A column left out is still gathered when what is kept reads it: the flag reads pmi
        // and p_value, the top-k filter its measure.
        let wanted = |name: &str| opts.columns.has(name);
        let by = opts.top_k.map(|(_, by)| by.name());
        let needed = |name: &str| wanted(name) || by == Some(name) || (wanted("significant") && matches!(name, "pmi" | "p_value"));
        t.measures = std::array::from_fn(|k| {
            if !needed(MEASURE_NAMES[k]) {
                return Vec::new();
            }
            let values = &by_measure[k];
            slots.par_iter().with_min_len(MEASURE_CHUNK).map(|&slot| values[slot as usize]).collect()
        });
        // Freed before the flags and the Arrow columns are built: they are part of the peak.
        drop((slots, by_measure));

        if wanted("significant") {
            // Multiple testing: every pair of the entities in play was tested, observed or not.
            let m = entity_kept.iter().filter(|&&kept| kept).count() as u64;
            let [pmi, p_value] = ["pmi", "p_value"].map(|c| &t.measures[measure_column(c)]);
            let positive: Vec<f64> = pmi.iter().zip(p_value).map(|(&pmi, &p)| if pmi > 0.0 { p } else { 1.0 }).collect();
            t.significant = benjamini_hochberg(&positive, m * m.saturating_sub(1) / 2, opts.alpha);
        }
        if wanted("disparity_alpha") || opts.backbone.is_some() {
            t.disparity = disparity(&t, self.names.len());
        }
        if let Some(level) = opts.backbone {
            let keep: Vec<bool> = t.disparity.iter().map(|&d| d < level).collect();
            t.retain(&keep);
        }
        if let Some((k, by)) = opts.top_k {
            let keep = top_k(&t, self.names.len(), k, by);
            t.retain(&keep);
        }
        // What the filters read and the caller left out goes now.
        for (name, column) in MEASURE_NAMES.into_iter().zip(&mut t.measures) {
            if !wanted(name) {
                *column = Vec::new();
            }
        }
        if !wanted("disparity_alpha") {
            t.disparity = Vec::new();
        }
        if !wanted("weight") {
            t.weight = Vec::new();
        }
        if self.options.period.is_some() {
            let mut periods: Vec<(i32, u64)> = self.period_contexts.iter().map(|(&p, &c)| (p, c)).collect();
            periods.sort_unstable();
            t.burst = (0..t.len())
                .map(|i| {
                    let (x, y) = (t.a[i].min(t.b[i]), t.a[i].max(t.b[i]));
                    let series: Vec<(u64, u64)> =
                        periods.iter().map(|&(p, d)| (self.pair_periods.get(&(p, x, y)).copied().unwrap_or(0), d)).collect();
                    strongest_burst(&series).map(|Burst { weight, start, end }| (weight, periods[start].0, periods[end].0))
                })
                .collect();
        }
        Ok(t)
    }

    /// Contexts per period and per entity kept and period: `(period day, entity, n_contexts)`,
    /// sorted by period then entity name.
    pub fn entity_timeline(&self) -> Vec<(i32, &str, u64)> {
        let mut out: Vec<(i32, &str, u64)> =
            self.entity_periods.iter().filter(|(&(_, a), _)| self.is_kept(a)).map(|(&(p, a), &n)| (p, self.names[a as usize].as_str(), n)).collect();
        out.sort_unstable();
        out
    }

    /// Co-mentions per period: `(period day, a, b, n_ab)` with a < b by name, for pairs of
    /// entities kept that pass `min_count` overall; sorted by period then names.
    pub fn pair_timeline(&self, min_count: u64) -> Vec<(i32, &str, &str, u64)> {
        let mut out: Vec<(i32, &str, &str, u64)> = self
            .pair_periods
            .iter()
            .filter(|(&(_, a, b), _)| self.is_kept(a) && self.is_kept(b))
            .filter(|(&(_, a, b), _)| self.pairs.get(a, b).is_some_and(|t| t.contexts >= min_count.max(1)))
            .map(|(&(p, a, b), &n)| {
                let (x, y) = (self.names[a as usize].as_str(), self.names[b as usize].as_str());
                if x <= y { (p, x, y, n) } else { (p, y, x, n) }
            })
            .collect();
        out.sort_unstable();
        out
    }

    /// Contexts and documents per period: `(period day, n_contexts, n_documents)`, in time order.
    pub fn periods(&self) -> Vec<(i32, u64, u64)> {
        let mut out: Vec<(i32, u64, u64)> = self
            .period_contexts
            .iter()
            .map(|(&p, &c)| (p, c, self.period_documents.get(&p).copied().unwrap_or(0)))
            .collect();
        out.sort_unstable();
        out
    }
}

/// The positions of `names` in name (byte) order, ties by position.
pub(super) fn in_name_order<'a>(names: impl Iterator<Item = &'a str>) -> Vec<u32> {
    // Sorted by each name's first eight bytes as a number, then the name: most comparisons
    // end on the number, without following two pointers to the names' bytes (a tenth of
    // the time, 32,000 names). Zero padding never contradicts byte order.
    let prefix = |s: &str| {
        let mut head = [0u8; 8];
        let n = s.len().min(8);
        head[..n].copy_from_slice(&s.as_bytes()[..n]);
        u64::from_be_bytes(head)
    };
    let mut keyed: Vec<(u64, &str, u32)> = names.enumerate().map(|(i, s)| (prefix(s), s, i as u32)).collect();
    keyed.sort_unstable();
    keyed.into_iter().map(|(_, _, i)| i).collect()
}

/// Serrano, Boguñá & Vespignani's disparity filter on n_ab weights: for an entity of degree
/// k and strength s, an edge of weight w has α = (1 − w/s)^(k−1), the chance that a uniform
/// split of s over k edges gives one at least that heavy. Entities of degree 1 test nothing.
fn disparity(t: &EdgeTable, n_entities: usize) -> Vec<f64> {
    let mut strength = vec![(0u64, 0u64); n_entities];
    for (i, &w) in t.n_ab.iter().enumerate() {
        for x in [t.a[i], t.b[i]] {
            strength[x as usize].0 += w;
            strength[x as usize].1 += 1;
        }
    }
    // α depends on the entity and the weight alone, and the table comes in runs of one weight
    // (n_ab descending): each entity's α for the run's weight is computed once and kept, with
    // the weight it is for (n_ab ≥ 1, so 0 marks none).
    let mut known = vec![(0u64, 0.0f64); n_entities];
    let mut alpha = |x: u32, w: u64| {
        let (s, k) = strength[x as usize];
        let memo = &mut known[x as usize];
        if memo.0 != w {
            *memo = (w, if k > 1 { (1.0 - w as f64 / s as f64).powi(k as i32 - 1) } else { 1.0 });
        }
        memo.1
    };
    t.n_ab.iter().enumerate().map(|(i, &w)| alpha(t.a[i], w).min(alpha(t.b[i], w))).collect()
}

/// Pairs given as (n_ab, smaller name rank, larger name rank, weight) in the table's order
/// (n_ab descending, then ranks; unique), as columns. `n` bounds n_ab and `names` the ranks.
fn table_order(pairs: impl Iterator<Item = (u64, u32, u32, u64)>, n: u64, names: usize) -> (Vec<u64>, Vec<u32>, Vec<u32>, Vec<u64>) {
    // A radix sort: passes over a byte every key shares are skipped. Keys of one 64-bit word
    // (22 bits of count, 21 of each rank) sort in fewer passes over less memory than
    // (count, ranks) pairs of words, so they are used whenever the counts and ranks fit.
    const RANK: u64 = (1 << 21) - 1;
    const COUNT: u64 = (1 << 22) - 1;
    if n <= COUNT && (names as u64) <= RANK {
        let mut keyed: Vec<(u64, u64)> = pairs.map(|(c, x, y, w)| (((COUNT - c) << 42) | ((x as u64) << 21) | y as u64, w)).collect();
        radsort::sort_by_key(&mut keyed, |&(k, _)| k);
        let n_ab = keyed.iter().map(|&(k, _)| COUNT - (k >> 42)).collect();
        let x = keyed.iter().map(|&(k, _)| ((k >> 21) & RANK) as u32).collect();
        let y = keyed.iter().map(|&(k, _)| (k & RANK) as u32).collect();
        let w = keyed.iter().map(|&(_, w)| w).collect();
        (n_ab, x, y, w)
    } else {
        let mut keyed: Vec<(u64, u64, u64)> = pairs.map(|(c, x, y, w)| (!c, ((x as u64) << 32) | y as u64, w)).collect();
        radsort::sort_by_key(&mut keyed, |&(count, ranks, _)| (count, ranks));
        let n_ab = keyed.iter().map(|&(c, _, _)| !c).collect();
        let x = keyed.iter().map(|&(_, r, _)| (r >> 32) as u32).collect();
        let y = keyed.iter().map(|&(_, r, _)| r as u32).collect();
        let w = keyed.iter().map(|&(_, _, w)| w).collect();
        (n_ab, x, y, w)
    }
}

/// The pairs that `keep` keeps, of a list ascending by key whose ids are name ranks, in the
/// table's order as `table_order` gives it: only n_ab is left to order by, and a stable
/// counting sort keeps the ranks' order within each count.
fn by_count(pairs: &[(u64, PairTotals)], keep: impl Fn(u64, &PairTotals) -> bool) -> (Vec<u64>, Vec<u32>, Vec<u32>, Vec<u64>) {
    // Counts are few and small (most pairs are seen once): the pairs of count c go after
    // those of every larger count. `keep` is asked in both passes: collecting the kept pairs
    // first cost more (45.7 M instructions on Reuters' table against 27.8 M).
    let mut first: Vec<usize> = Vec::new();
    for (k, t) in pairs {
        if keep(*k, t) {
            let c = t.contexts as usize;
            if c >= first.len() {
                first.resize(c + 1, 0);
            }
            first[c] += 1;
        }
    }
    let mut at = 0;
    for slot in first.iter_mut().rev() {
        (*slot, at) = (at, at + *slot);
    }
    let (mut n_ab, mut x, mut y, mut w) = (vec![0; at], vec![0; at], vec![0; at], vec![0; at]);
    for (k, t) in pairs {
        if keep(*k, t) {
            let i = &mut first[t.contexts as usize];
            let (a, b) = pair_ids(*k);
            (n_ab[*i], x[*i], y[*i], w[*i]) = (t.contexts, a, b, t.weight);
            *i += 1;
        }
    }
    (n_ab, x, y, w)
}

/// Twelve columns of `len` rows (one per measure), filled in parallel in chunks of rows:
/// `fill(first row, the chunk of every column)`.
fn measure_columns(len: usize, fill: impl Fn(usize, &mut [&mut [f64]; 12]) + Sync) -> [Vec<f64>; 12] {
    let mut columns: [Vec<f64>; 12] = std::array::from_fn(|_| vec![0.0; len]);
    let mut chunks: Vec<_> = columns.iter_mut().map(|c| c.chunks_mut(MEASURE_CHUNK)).collect();
    let parts: Vec<[&mut [f64]; 12]> =
        (0..len.div_ceil(MEASURE_CHUNK)).map(|_| std::array::from_fn(|k| chunks[k].next().expect("equal columns"))).collect();
    parts.into_par_iter().enumerate().for_each(|(c, mut part)| fill(c * MEASURE_CHUNK, &mut part));
    columns
}

/// Each edge's index into the distinct (n_ab, n_a, n_b) of the table, and those counts.
fn distinct_counts(t: &EdgeTable) -> (Vec<u32>, Vec<PairCounts>) {
    fn dedupe<K: std::hash::Hash + Eq>(t: &EdgeTable, key: impl Fn(&PairCounts) -> K) -> (Vec<u32>, Vec<PairCounts>) {
        let mut slot_of: HashMap<K, u32> = HashMap::default();
        let mut distinct: Vec<PairCounts> = Vec::new();
        let slots = (0..t.len())
            .map(|i| {
                let c = t.counts(i);
                *slot_of.entry(key(&c)).or_insert_with(|| {
                    distinct.push(c);
                    distinct.len() as u32 - 1
                })
            })
            .collect();
        (slots, distinct)
    }
    // One 64-bit key when the counts fit 21 bits each (n_ab is at most n_a): a third of the
    // table to probe.
    let fits = t.n_a.iter().chain(&t.n_b).all(|&n| n < 1 << 21);
    if fits {
        dedupe(t, |c| (c.n_ab << 42) | (c.n_a << 21) | c.n_b)
    } else {
        dedupe(t, |c| (c.n_ab, c.n_a, c.n_b))
    }
}

/// Which edges are among the `k` strongest by `by` of at least one of their entities.
fn top_k(t: &EdgeTable, n_entities: usize, k: usize, by: Measure) -> Vec<bool> {
    let mut per_entity: Vec<Vec<usize>> = vec![Vec::new(); n_entities];
    for i in 0..t.len() {
        per_entity[t.a[i] as usize].push(i);
        per_entity[t.b[i] as usize].push(i);
    }
    let value = by.values(t);
    let mut keep = vec![false; t.len()];
    for list in per_entity.iter_mut() {
        list.sort_by(|&i, &j| value[j].total_cmp(&value[i]).then(i.cmp(&j)));
        for &i in list.iter().take(k) {
            keep[i] = true;
        }
    }
    keep
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_larger_than_the_memory_left_is_refused() {
        assert!(room_for(1_000).is_ok());
        if let Some(free) = crate::memory::available() {
            let err = room_for(free / PEAK_BYTES_PER_EDGE + 1).unwrap_err();
            assert!(matches!(&err, Error::OutOfMemory(m) if m.contains("does the document column tell documents apart")), "{err}");
        }
    }

    #[test]
    fn options_out_of_range_are_refused_by_name() {
        assert!(EdgeOptions::default().validate().is_ok());
        let with = |f: fn(&mut EdgeOptions)| {
            let mut o = EdgeOptions::default();
            f(&mut o);
            o.validate().map_err(|e| e.to_string())
        };
        assert!(with(|o| o.alpha = 2.0).unwrap_err().contains("alpha"));
        assert!(with(|o| o.alpha = f64::NAN).unwrap_err().contains("alpha"));
        assert!(with(|o| o.alpha = 0.0).unwrap_err().contains("alpha"));
        assert!(with(|o| o.backbone = Some(-1.0)).unwrap_err().contains("backbone"));
        assert!(with(|o| o.smoothing = -0.5).unwrap_err().contains("smoothing"));
        assert!(with(|o| o.smoothing = f64::INFINITY).unwrap_err().contains("smoothing"));
        assert!(with(|o| (o.alpha, o.backbone, o.smoothing) = (1.0, Some(1.0), 0.5)).is_ok());
    }
    use crate::doc::Label;
    use crate::stats::pairs::pair_key;
    use crate::stats::{Context, CountOptions, DocView, LabelSet, MentionColumns, Occurrence};

    fn counts(docs: &[&[&str]]) -> Cooccurrence {
        let mut c = Cooccurrence::new(CountOptions::new(Context::Document));
        for (d, names) in docs.iter().enumerate() {
            let occurrences = names
                .iter()
                .enumerate()
                .map(|(i, &n)| Occurrence { entity: n, surface: n, label: Label::Org, sentence: 0, paragraph: 0, tokens: (i as u32, i as u32 + 1) })
                .collect();
            let id = d.to_string();
            c.add(&DocView { id: &id, day: None, n_sentences: 1, n_paragraphs: 1, n_tokens: names.len() as u32, occurrences, doc: None });
        }
        c
    }

    #[test]
    fn table_order_is_count_descending_then_ranks_for_packed_and_wide_keys() {
        let mut rng = crate::testing::Lcg::new(3);
        let mut pairs: Vec<(u64, u32, u32, u64)> = Vec::new();
        for _ in 0..5_000 {
            let (x, y) = (rng.below(300) as u32, rng.below(300) as u32);
            if x < y && !pairs.iter().any(|p| (p.1, p.2) == (x, y)) {
                pairs.push((1 + rng.below(9), x, y, rng.below(1 << 40)));
            }
        }
        let mut expected = pairs.clone();
        expected.sort_by_key(|&(c, x, y, _)| (std::cmp::Reverse(c), x, y));
        let columns = |(n_ab, x, y, w): (Vec<u64>, Vec<u32>, Vec<u32>, Vec<u64>)| -> Vec<(u64, u32, u32, u64)> {
            (0..n_ab.len()).map(|i| (n_ab[i], x[i], y[i], w[i])).collect()
        };
        // Counts and ranks that fit one word, and a total beyond 22 bits that does not.
        assert_eq!(columns(table_order(pairs.iter().copied(), 1_000, 300)), expected);
        assert_eq!(columns(table_order(pairs.iter().copied(), 1 << 40, 300)), expected);
        assert_eq!(columns(table_order(pairs.iter().copied(), 1_000, 1 << 22)), expected);
        // Pairs listed by key with ranks for ids are only ordered by count (stably: the ranks'
        // order stays), less those not kept.
        let mut listed: Vec<(u64, PairTotals)> =
            pairs.iter().map(|&(c, x, y, w)| (pair_key(x, y), PairTotals { contexts: c, weight: w })).collect();
        listed.sort_by_key(|p| p.0);
        assert_eq!(columns(by_count(&listed, |_, _| true)), expected);
        let odd = |_: u64, t: &PairTotals| t.weight % 2 == 1;
        expected.retain(|&(_, _, _, w)| w % 2 == 1);
        assert_eq!(columns(by_count(&listed, odd)), expected);
    }

    #[test]
    fn entities_registered_in_name_order_give_the_same_edges() {
        // The same mention table counted with ids in first-seen order and with ids registered
        // in name order first: the second takes the edge table's shortcuts (no sort of names,
        // pairs already in rank order), and both tables must agree on every name and value.
        let mut rng = crate::testing::Lcg::new(11);
        let names: Vec<String> = (0..60).map(|i| format!("{}{}", ["Zeta", "alpha", "Mid", "Ärger", "b"][i % 5], (i * 37) % 60)).collect();
        let (mut doc, mut entity, mut label) = (Vec::new(), Vec::new(), Vec::new());
        for d in 0..400u32 {
            for _ in 0..rng.below(7) {
                doc.push(d);
                entity.push(rng.below(60) as u32);
                label.push(rng.below(4) as u8);
            }
        }
        let doc_ids: Vec<String> = (0..400).map(|d| d.to_string()).collect();
        let columns = MentionColumns { doc_ids: &doc_ids, names: &names, doc: &doc, entity: &entity, label: &label, ..MentionColumns::default() };
        let options = CountOptions { labels: LabelSet::only(&[Label::Per, Label::Org, Label::Loc]), ..CountOptions::new(Context::Document) };
        let by_names = |c: &Cooccurrence| -> Vec<(String, String, u64, u64, u64, Vec<u64>)> {
            let t = c.edges(&EdgeOptions::default()).unwrap();
            (0..t.len())
                .map(|i| {
                    let bits = t.measures.iter().map(|m| m[i].to_bits()).chain([t.disparity[i].to_bits(), t.significant[i] as u64]).collect();
                    (c.name(t.a[i]).to_string(), c.name(t.b[i]).to_string(), t.n_ab[i], t.n_a[i], t.weight[i], bits)
                })
                .collect()
        };
        let mut first_seen = Cooccurrence::new(options);
        columns.count_into(&mut first_seen, 0..400);
        first_seen.settle();
        let mut registered = Cooccurrence::new(options);
        columns.register_entities(&mut registered, 0..400);
        let known = registered.names().to_vec();
        columns.count_into(&mut registered, 0..400);
        registered.settle();
        // Only the counted entities, in name order, and no more come while counting.
        assert!(known.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(registered.names(), known.as_slice());
        let mut seen = first_seen.names().to_vec();
        seen.sort();
        assert_eq!(known, seen);
        assert_ne!(first_seen.names(), registered.names(), "the test needs ids in another order");
        assert!(!by_names(&registered).is_empty());
        assert_eq!(by_names(&first_seen), by_names(&registered));
    }

    #[test]
    fn measures_are_read_by_their_column_names() {
        let c = counts(&[&["A", "B", "C"], &["A", "B"], &["B", "C", "D"], &["D"], &["A", "D", "D"]]);
        let t = c.edges(&EdgeOptions::default()).unwrap();
        for (k, name) in MEASURE_NAMES.iter().enumerate() {
            if let Ok(m) = Measure::parse(name) {
                assert_eq!(m.name(), *name);
                assert_eq!(m.values(&t), t.measures[k]);
            }
        }
        assert_eq!(Measure::parse("count").unwrap().values(&t), t.n_ab.iter().map(|&x| x as f64).collect::<Vec<_>>());
        assert!(Measure::parse("p_value").is_err(), "p-values rank nothing");
    }

    #[test]
    fn columns_left_out_are_empty_and_the_rest_as_in_the_whole_table() {
        let c = counts(&[&["A", "B", "C"], &["A", "B"], &["B", "C", "D"], &["D"], &["A", "D", "D"], &["A", "B", "E"]]);
        let all = c.edges(&EdgeOptions::default()).unwrap();
        let columns = EdgeColumns::parse(&["npmi", "significant", "n_ab"]).unwrap();
        let some = c.edges(&EdgeOptions { columns, ..EdgeOptions::default() }).unwrap();
        assert_eq!((&some.a, &some.b, &some.n_ab, &some.n_a, &some.n_b), (&all.a, &all.b, &all.n_ab, &all.n_a, &all.n_b));
        for (k, name) in MEASURE_NAMES.iter().enumerate() {
            assert_eq!(some.measures[k], if *name == "npmi" { all.measures[k].clone() } else { Vec::new() }, "{name}");
        }
        // The flag reads pmi and p-values that the table leaves out.
        assert_eq!(some.significant, all.significant);
        assert!(some.weight.is_empty() && some.disparity.is_empty());
        // Filters read what they need whether or not it is shown: the same rows either way.
        let filtered = |columns| {
            let o = EdgeOptions { top_k: Some((1, Measure::G2)), backbone: Some(0.9), columns, ..EdgeOptions::default() };
            let t = c.edges(&o).unwrap();
            (t.a, t.b, t.measures[measure_column("npmi")].clone())
        };
        let kept = filtered(EdgeColumns::ALL);
        assert!(!kept.0.is_empty() && kept.0.len() < all.len(), "the filters keep some rows: {}", kept.0.len());
        assert_eq!(filtered(EdgeColumns::parse(&["npmi"]).unwrap()), kept);
        let err = EdgeColumns::parse(&["npmi", "pvalue"]).unwrap_err().to_string();
        assert!(err.contains("\"pvalue\"") && err.contains("p_value") && err.contains("source"), "{err}");
        assert_eq!(EdgeColumns::parse(&OPTIONAL_COLUMNS).unwrap(), EdgeColumns::ALL);
    }

    #[test]
    fn table_is_ordered_by_count_then_names_and_filters_keep_rows_whole() {
        let c = counts(&[&["A", "B", "C"], &["A", "B"], &["B", "C", "D"], &["D"], &["A", "D", "D"]]);
        let t = c.edges(&EdgeOptions::default()).unwrap();
        let rows: Vec<(u64, &str, &str)> = (0..t.len()).map(|i| (t.n_ab[i], c.name(t.a[i]), c.name(t.b[i]))).collect();
        assert_eq!(rows, [(2, "A", "B"), (2, "B", "C"), (1, "A", "C"), (1, "A", "D"), (1, "B", "D"), (1, "C", "D")]);
        for i in 0..t.len() {
            assert_eq!(t.measures.iter().map(|col| col[i]).collect::<Vec<_>>(), t.counts(i).measures(0.0).to_array());
        }
        let top = c.edges(&EdgeOptions { top_k: Some((1, Measure::Count)), ..EdgeOptions::default() }).unwrap();
        for i in 0..top.len() {
            let j = (0..t.len()).find(|&j| (t.a[j], t.b[j]) == (top.a[i], top.b[i])).unwrap();
            assert_eq!((top.n_a[i], top.disparity[i], top.significant[i]), (t.n_a[j], t.disparity[j], t.significant[j]));
            assert_eq!(top.measures.iter().map(|c| c[i]).collect::<Vec<_>>(), t.measures.iter().map(|c| c[j]).collect::<Vec<_>>());
        }
        assert!(top.len() < t.len());
    }
}
