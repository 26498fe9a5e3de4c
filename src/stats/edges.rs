//! From counts to an edge table: measures, a multiple-testing flag, bursts, and the two
//! network reductions (top-k partners, the disparity-filter backbone).

use std::collections::HashMap;

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

/// One row of the edge table.
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    pub a: String,
    pub b: String,
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
    /// The edge table, most frequent pairs first (ties by names, so the order never depends
    /// on how the work was split).
    pub fn edges(&self, opts: &EdgeOptions) -> Vec<Edge> {
        let n = self.contexts;
        let min_entity = opts.min_entity_count.max(1);
        let keep_entity = |i: u32| self.totals[i as usize].contexts >= min_entity;
        let mut chosen: Vec<((u32, u32), u64, u64)> = self
            .pairs
            .iter()
            .filter(|(&(a, b), t)| t.contexts >= opts.min_count.max(1) && keep_entity(a) && keep_entity(b))
            .map(|(&(a, b), t)| {
                let (x, y) = if self.names[a as usize] <= self.names[b as usize] { (a, b) } else { (b, a) };
                ((x, y), t.contexts, t.weight)
            })
            .collect();
        chosen.sort_by(|p, q| q.1.cmp(&p.1).then_with(|| self.names[p.0 .0 as usize].cmp(&self.names[q.0 .0 as usize])).then_with(|| self.names[p.0 .1 as usize].cmp(&self.names[q.0 .1 as usize])));

        let mut edges: Vec<Edge> = chosen
            .iter()
            .map(|&((a, b), n_ab, weight)| {
                let counts = PairCounts { n_ab, n_a: self.totals[a as usize].contexts, n_b: self.totals[b as usize].contexts, n };
                Edge {
                    a: self.names[a as usize].clone(),
                    b: self.names[b as usize].clone(),
                    counts,
                    weight,
                    measures: counts.measures(opts.smoothing),
                    significant: false,
                    disparity: 1.0,
                    burst: None,
                }
            })
            .collect();

        // Multiple testing: every pair of the entities in play was tested, observed or not.
        let m = self.totals.iter().filter(|t| t.contexts >= min_entity).count() as u64;
        let positive: Vec<f64> = edges.iter().map(|e| if e.measures.pmi > 0.0 { e.measures.p_value } else { 1.0 }).collect();
        for (e, s) in edges.iter_mut().zip(benjamini_hochberg(&positive, m * m.saturating_sub(1) / 2, opts.alpha)) {
            e.significant = s;
        }

        disparity(&mut edges, &chosen);
        if let Some(level) = opts.backbone {
            let keep: Vec<bool> = edges.iter().map(|e| e.disparity < level).collect();
            retain(&mut edges, &mut chosen, &keep);
        }
        if let Some((k, by)) = opts.top_k {
            let keep = top_k(&edges, &chosen, k, by);
            retain(&mut edges, &mut chosen, &keep);
        }
        if self.options.period.is_some() {
            let periods: Vec<(i32, u64)> = {
                let mut v: Vec<(i32, u64)> = self.period_contexts.iter().map(|(&p, &c)| (p, c)).collect();
                v.sort_unstable();
                v
            };
            for (e, &((a, b), _, _)) in edges.iter_mut().zip(&chosen) {
                let (x, y) = if a < b { (a, b) } else { (b, a) };
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

fn retain(edges: &mut Vec<Edge>, chosen: &mut Vec<((u32, u32), u64, u64)>, keep: &[bool]) {
    let mut i = 0;
    edges.retain(|_| {
        i += 1;
        keep[i - 1]
    });
    let mut j = 0;
    chosen.retain(|_| {
        j += 1;
        keep[j - 1]
    });
}

/// Serrano, Boguñá & Vespignani's disparity filter on n_ab weights: for an entity of degree
/// k and strength s, an edge of weight w has α = (1 − w/s)^(k−1), the chance that a uniform
/// split of s over k edges gives one at least that heavy. Entities of degree 1 test nothing.
fn disparity(edges: &mut [Edge], chosen: &[((u32, u32), u64, u64)]) {
    let mut strength: HashMap<u32, (u64, u64)> = HashMap::new();
    for &((a, b), w, _) in chosen {
        for x in [a, b] {
            let s = strength.entry(x).or_insert((0, 0));
            s.0 += w;
            s.1 += 1;
        }
    }
    let alpha = |x: u32, w: u64| {
        let (s, k) = strength[&x];
        if k > 1 { (1.0 - w as f64 / s as f64).powi(k as i32 - 1) } else { 1.0 }
    };
    for (e, &((a, b), w, _)) in edges.iter_mut().zip(chosen) {
        e.disparity = alpha(a, w).min(alpha(b, w));
    }
}

/// Which edges are among the `k` strongest by `by` of at least one of their entities.
fn top_k(edges: &[Edge], chosen: &[((u32, u32), u64, u64)], k: usize, by: Measure) -> Vec<bool> {
    let mut per_entity: HashMap<u32, Vec<usize>> = HashMap::new();
    for (i, &((a, b), _, _)) in chosen.iter().enumerate() {
        per_entity.entry(a).or_default().push(i);
        per_entity.entry(b).or_default().push(i);
    }
    let mut keep = vec![false; edges.len()];
    for list in per_entity.values_mut() {
        list.sort_by(|&i, &j| by.value(&edges[j]).total_cmp(&by.value(&edges[i])).then(i.cmp(&j)));
        for &i in list.iter().take(k) {
            keep[i] = true;
        }
    }
    keep
}
