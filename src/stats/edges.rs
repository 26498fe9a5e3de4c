//! From counts to an edge table: measures, a multiple-testing flag, bursts, and the two
//! network reductions (top-k partners, the disparity-filter backbone).

use rayon::prelude::*;

use super::burst::{strongest_burst, Burst};
use super::counts::Cooccurrence;
use super::measures::{benjamini_hochberg, Measures, PairCounts};
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
    /// Parses a column name: n_ab, weight, pmi, npmi, g2, chi2, dice, log_dice, jaccard, t_score, lift.
    pub fn parse(s: &str) -> Result<Measure> {
        Ok(match s {
            "n_ab" | "count" => Measure::Count,
            "weight" => Measure::Weight,
            "pmi" => Measure::Pmi,
            "npmi" => Measure::Npmi,
            "g2" => Measure::G2,
            "chi2" => Measure::Chi2,
            "dice" => Measure::Dice,
            "log_dice" => Measure::LogDice,
            "jaccard" => Measure::Jaccard,
            "t_score" => Measure::TScore,
            "lift" => Measure::Lift,
            _ => {
                return Err(Error::InvalidArgument(format!(
                    "unknown measure {s:?}: use n_ab, weight, pmi, npmi, g2, chi2, dice, log_dice, jaccard, t_score or lift"
                )))
            }
        })
    }

    /// The measure's value on an edge.
    pub fn value(self, e: &Edge) -> f64 {
        let m = &e.measures;
        match self {
            Measure::Count => e.counts.n_ab as f64,
            Measure::Weight => e.weight as f64,
            Measure::Pmi => m.pmi,
            Measure::Npmi => m.npmi,
            Measure::G2 => m.g2,
            Measure::Chi2 => m.chi2,
            Measure::Dice => m.dice,
            Measure::LogDice => m.log_dice,
            Measure::Jaccard => m.jaccard,
            Measure::TScore => m.t_score,
            Measure::Lift => m.lift,
        }
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
}

impl Default for EdgeOptions {
    fn default() -> Self {
        EdgeOptions { min_count: 1, min_entity_count: 1, smoothing: 0.0, alpha: 0.05, top_k: None, backbone: None }
    }
}

/// One row of the edge table; `a` and `b` are entity ids (`Cooccurrence::name`), a's name first.
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    pub a: u32,
    pub b: u32,
    pub counts: PairCounts,
    /// Mention pairs (see `PairTotals::weight`).
    pub weight: u64,
    pub measures: Measures,
    /// Positively associated and passing Benjamini–Hochberg at the chosen rate.
    pub significant: bool,
    /// The disparity filter's significance for the edge: the smaller of its two endpoints' α.
    pub disparity: f64,
    /// The pair's strongest burst, with the first days of its first and last periods.
    pub burst: Option<(f64, i32, i32)>,
}

impl Cooccurrence {
    /// The name of entity `id`.
    pub fn name(&self, id: u32) -> &str {
        &self.names[id as usize]
    }

    /// All entity names, indexed by id.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The edge table, most frequent pairs first (ties by names, so the order never depends
    /// on how the work was split).
    pub fn edges(&self, opts: &EdgeOptions) -> Vec<Edge> {
        let n = self.contexts;
        let min_entity = opts.min_entity_count.max(1);
        let keep_entity = |i: u32| self.totals[i as usize].contexts >= min_entity;
        // Rank of each name in sorted order: integer keys then sort as the names would.
        let mut by_name: Vec<u32> = (0..self.names.len() as u32).collect();
        by_name.sort_unstable_by(|&x, &y| self.names[x as usize].cmp(&self.names[y as usize]));
        let mut rank = vec![0u32; by_name.len()];
        for (r, &id) in by_name.iter().enumerate() {
            rank[id as usize] = r as u32;
        }
        // Sort compact keys first; build the (large) edges once, in order.
        let mut order: Vec<(std::cmp::Reverse<u64>, u32, u32, u32, u32, u64)> = Vec::with_capacity(self.pairs.len());
        for (&(a, b), t) in &self.pairs {
            if t.contexts >= opts.min_count.max(1) && keep_entity(a) && keep_entity(b) {
                let (a, b) = if rank[a as usize] <= rank[b as usize] { (a, b) } else { (b, a) };
                order.push((std::cmp::Reverse(t.contexts), rank[a as usize], rank[b as usize], a, b, t.weight));
            }
        }
        // Sorting and measuring run on the current rayon pool: keys are unique and the map
        // keeps order, so the table is the same for any number of threads.
        order.par_sort_unstable();
        let mut edges: Vec<Edge> = order
            .into_par_iter()
            .map(|(std::cmp::Reverse(n_ab), _, _, a, b, weight)| {
                let counts = PairCounts { n_ab, n_a: self.totals[a as usize].contexts, n_b: self.totals[b as usize].contexts, n };
                Edge { a, b, counts, weight, measures: counts.measures(opts.smoothing), significant: false, disparity: 1.0, burst: None }
            })
            .collect();

        // Multiple testing: every pair of the entities in play was tested, observed or not.
        let m = self.totals.iter().filter(|t| t.contexts >= min_entity).count() as u64;
        let positive: Vec<f64> = edges.iter().map(|e| if e.measures.pmi > 0.0 { e.measures.p_value } else { 1.0 }).collect();
        for (e, s) in edges.iter_mut().zip(benjamini_hochberg(&positive, m * m.saturating_sub(1) / 2, opts.alpha)) {
            e.significant = s;
        }

        disparity(&mut edges, self.names.len());
        if let Some(level) = opts.backbone {
            edges.retain(|e| e.disparity < level);
        }
        if let Some((k, by)) = opts.top_k {
            let keep = top_k(&edges, self.names.len(), k, by);
            let mut i = 0;
            edges.retain(|_| {
                i += 1;
                keep[i - 1]
            });
        }
        if self.options.period.is_some() {
            let mut periods: Vec<(i32, u64)> = self.period_contexts.iter().map(|(&p, &c)| (p, c)).collect();
            periods.sort_unstable();
            for e in edges.iter_mut() {
                let (x, y) = (e.a.min(e.b), e.a.max(e.b));
                let series: Vec<(u64, u64)> =
                    periods.iter().map(|&(p, d)| (self.pair_periods.get(&(p, x, y)).copied().unwrap_or(0), d)).collect();
                e.burst = strongest_burst(&series).map(|Burst { weight, start, end }| (weight, periods[start].0, periods[end].0));
            }
        }
        edges
    }

    /// Contexts per period and per entity and period: `(period day, entity, n_contexts)`,
    /// sorted by period then entity name.
    pub fn entity_timeline(&self) -> Vec<(i32, &str, u64)> {
        let mut out: Vec<(i32, &str, u64)> = self.entity_periods.iter().map(|(&(p, a), &n)| (p, self.names[a as usize].as_str(), n)).collect();
        out.sort_unstable();
        out
    }

    /// Co-mentions per period: `(period day, a, b, n_ab)` with a < b by name, for pairs that
    /// pass `min_count` overall; sorted by period then names.
    pub fn pair_timeline(&self, min_count: u64) -> Vec<(i32, &str, &str, u64)> {
        let mut out: Vec<(i32, &str, &str, u64)> = self
            .pair_periods
            .iter()
            .filter(|(&(_, a, b), _)| self.pairs.get(&(a.min(b), a.max(b))).is_some_and(|t| t.contexts >= min_count.max(1)))
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

/// Serrano, Boguñá & Vespignani's disparity filter on n_ab weights: for an entity of degree
/// k and strength s, an edge of weight w has α = (1 − w/s)^(k−1), the chance that a uniform
/// split of s over k edges gives one at least that heavy. Entities of degree 1 test nothing.
fn disparity(edges: &mut [Edge], n_entities: usize) {
    let mut strength = vec![(0u64, 0u64); n_entities];
    for e in edges.iter() {
        for x in [e.a, e.b] {
            strength[x as usize].0 += e.counts.n_ab;
            strength[x as usize].1 += 1;
        }
    }
    let alpha = |x: u32, w: u64| {
        let (s, k) = strength[x as usize];
        if k > 1 { (1.0 - w as f64 / s as f64).powi(k as i32 - 1) } else { 1.0 }
    };
    for e in edges.iter_mut() {
        e.disparity = alpha(e.a, e.counts.n_ab).min(alpha(e.b, e.counts.n_ab));
    }
}

/// Which edges are among the `k` strongest by `by` of at least one of their entities.
fn top_k(edges: &[Edge], n_entities: usize, k: usize, by: Measure) -> Vec<bool> {
    let mut per_entity: Vec<Vec<usize>> = vec![Vec::new(); n_entities];
    for (i, e) in edges.iter().enumerate() {
        per_entity[e.a as usize].push(i);
        per_entity[e.b as usize].push(i);
    }
    let mut keep = vec![false; edges.len()];
    for list in per_entity.iter_mut() {
        list.sort_by(|&i, &j| by.value(&edges[j]).total_cmp(&by.value(&edges[i])).then(i.cmp(&j)));
        for &i in list.iter().take(k) {
            keep[i] = true;
        }
    }
    keep
}
