//! Association measures of a 2×2 contingency table of contexts.
//!
//! For a pair (a, b) over N contexts: o11 = n_ab contexts hold both, o12 = n_a − n_ab hold a
//! only, o21 = n_b − n_ab hold b only, o22 = N − n_a − n_b + n_ab hold neither. Smoothing adds
//! the same pseudo-count to each of the four cells before any measure is computed.

/// Counts for one pair: contexts with both, with each, and in all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PairCounts {
    pub n_ab: u64,
    pub n_a: u64,
    pub n_b: u64,
    pub n: u64,
}

/// Every measure reported for a pair.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Measures {
    /// Pointwise mutual information: log2 of observed over expected co-occurrence.
    pub pmi: f64,
    /// PMI normalised to [-1, 1] by −log2 P(a, b).
    pub npmi: f64,
    /// Dunning's log-likelihood ratio G² (≥ 0).
    pub g2: f64,
    /// P-value of G² under independence (χ² with one degree of freedom).
    pub p_value: f64,
    /// Pearson's χ² of the table.
    pub chi2: f64,
    /// Dice coefficient 2·n_ab / (n_a + n_b).
    pub dice: f64,
    /// Rychlý's logDice, 14 + log2(Dice): at most 14, comparable across corpora.
    pub log_dice: f64,
    /// Jaccard index n_ab / (n_a + n_b − n_ab).
    pub jaccard: f64,
    /// t-score (n_ab − expected) / √n_ab.
    pub t_score: f64,
    /// P(b | a) = n_ab / n_a.
    pub p_b_given_a: f64,
    /// P(a | b) = n_ab / n_b.
    pub p_a_given_b: f64,
    /// Observed over expected co-occurrence, 2^PMI.
    pub lift: f64,
}

/// Column names of the measures, in [`Measures::to_array`] order.
pub const MEASURE_NAMES: [&str; 12] =
    ["pmi", "npmi", "g2", "p_value", "chi2", "dice", "log_dice", "jaccard", "t_score", "p_b_given_a", "p_a_given_b", "lift"];

impl Measures {
    /// The measures in [`MEASURE_NAMES`] order.
    pub fn to_array(&self) -> [f64; 12] {
        [
            self.pmi,
            self.npmi,
            self.g2,
            self.p_value,
            self.chi2,
            self.dice,
            self.log_dice,
            self.jaccard,
            self.t_score,
            self.p_b_given_a,
            self.p_a_given_b,
            self.lift,
        ]
    }
}

fn xlogx_over(o: f64, e: f64) -> f64 {
    if o > 0.0 && e > 0.0 { o * (o / e).ln() } else { 0.0 }
}

/// Upper tail of the χ² distribution with one degree of freedom.
pub fn chi2_1_sf(x: f64) -> f64 {
    if x <= 0.0 { 1.0 } else { libm::erfc((x / 2.0).sqrt()) }
}

impl PairCounts {
    /// All measures, after adding `smoothing` to each cell of the table (0 for none).
    pub fn measures(&self, smoothing: f64) -> Measures {
        let k = smoothing.max(0.0);
        let o11 = self.n_ab as f64 + k;
        let o12 = (self.n_a - self.n_ab) as f64 + k;
        let o21 = (self.n_b - self.n_ab) as f64 + k;
        let o22 = (self.n + self.n_ab - self.n_a - self.n_b) as f64 + k;
        let (a, b, n) = (o11 + o12, o11 + o21, o11 + o12 + o21 + o22);
        let e11 = a * b / n;
        let lift = o11 / e11;
        let pmi = lift.log2();
        let p_ab = o11 / n;
        let npmi = if p_ab >= 1.0 { 1.0 } else { pmi / -p_ab.log2() };
        let obs = [o11, o12, o21, o22];
        let exp = [e11, a * (n - b) / n, (n - a) * b / n, (n - a) * (n - b) / n];
        let g2 = (2.0 * obs.iter().zip(&exp).map(|(&o, &e)| xlogx_over(o, e)).sum::<f64>()).max(0.0);
        let denom = a * (n - a) * b * (n - b);
        let chi2 = if denom > 0.0 { n * (o11 * o22 - o12 * o21).powi(2) / denom } else { 0.0 };
        let dice = 2.0 * o11 / (a + b);
        Measures {
            pmi,
            npmi,
            g2,
            p_value: chi2_1_sf(g2),
            chi2,
            dice,
            log_dice: 14.0 + dice.log2(),
            jaccard: o11 / (a + b - o11),
            t_score: if o11 > 0.0 { (o11 - e11) / o11.sqrt() } else { 0.0 },
            p_b_given_a: o11 / a,
            p_a_given_b: o11 / b,
            lift,
        }
    }
}

/// Which p-values pass the Benjamini–Hochberg procedure at false-discovery rate `alpha`
/// when `tested` hypotheses were tested in all (pairs not listed count as p = 1).
pub fn benjamini_hochberg(p_values: &[f64], tested: u64, alpha: f64) -> Vec<bool> {
    let m = tested.max(p_values.len() as u64) as f64;
    let n = p_values.len();
    // The k-th smallest p-value passes when it is at most k·α/m, and so do all smaller ones.
    let threshold = |k: usize| k as f64 * alpha / m;
    // Without sorting: each p-value's least k with p ≤ threshold(k) (0: none up to n), and
    // how many p-values have each. The cutoff K is the largest k with at least k p-values at
    // or below threshold(k); exactly K are (a (K+1)-th would make K+1 pass as well), and
    // they are the K smallest, so they pass.
    let mut least = vec![0u32; n];
    let mut with_least = vec![0u32; n + 1];
    let last = threshold(n);
    for (slot, &p) in least.iter_mut().zip(p_values) {
        if p <= last {
            // A first guess from the division, corrected with the very comparison above.
            let mut k = ((p * m / alpha).ceil() as usize).clamp(1, n);
            while k > 1 && p <= threshold(k - 1) {
                k -= 1;
            }
            while p > threshold(k) {
                k += 1;
            }
            *slot = k as u32;
            with_least[k] += 1;
        }
    }
    let (mut at_or_below, mut cutoff) = (0, 0);
    for (k, &c) in with_least.iter().enumerate().skip(1) {
        at_or_below += c as usize;
        if at_or_below >= k {
            cutoff = k;
        }
    }
    least.iter().map(|&k| k != 0 && k as usize <= cutoff).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values() {
        // Independent: P(a)=P(b)=0.5, P(ab)=0.25 → PMI 0, G² 0, χ² 0, lift 1.
        let m = PairCounts { n_ab: 25, n_a: 50, n_b: 50, n: 100 }.measures(0.0);
        assert!(m.pmi.abs() < 1e-12 && m.npmi.abs() < 1e-12 && m.g2.abs() < 1e-9 && m.chi2.abs() < 1e-12);
        assert!((m.lift - 1.0).abs() < 1e-12 && (m.p_value - 1.0).abs() < 1e-9);
        assert!((m.dice - 0.5).abs() < 1e-12 && (m.jaccard - 1.0 / 3.0).abs() < 1e-12);
        // Always together: NPMI 1.
        let m = PairCounts { n_ab: 10, n_a: 10, n_b: 10, n: 100 }.measures(0.0);
        assert!((m.npmi - 1.0).abs() < 1e-12);
        assert!((m.pmi - 10f64.log2()).abs() < 1e-12);
        let g2 = 2.0 * (10.0 * 10f64.ln() + 90.0 * (90.0f64 / 81.0).ln());
        assert!((m.g2 - g2).abs() < 1e-9);
        assert!((m.chi2 - 100.0).abs() < 1e-9);
        assert!((m.log_dice - 14.0).abs() < 1e-12);
        assert!((m.t_score - 9.0 / 10f64.sqrt()).abs() < 1e-12);
        // χ²(1) upper tail at 3.841 is 0.05.
        assert!((chi2_1_sf(3.841_458_820_694_124) - 0.05).abs() < 1e-9);
    }

    #[test]
    fn smoothing_adds_to_every_cell() {
        let s = PairCounts { n_ab: 0, n_a: 3, n_b: 4, n: 50 }.measures(0.5);
        let r = PairCounts { n_ab: 1, n_a: 4, n_b: 5, n: 52 }.measures(0.0);
        // With k = 0.5 the table is (0.5, 3.5, 4.5, 43.5); doubled it is the unsmoothed (1, 7, 9, 87).
        let d = PairCounts { n_ab: 1, n_a: 8, n_b: 10, n: 104 }.measures(0.0);
        assert!(s.pmi.is_finite());
        assert!((s.pmi - d.pmi).abs() < 1e-12);
        assert!(r.pmi.is_finite());
    }

    /// The procedure as written: sort every p-value, find the largest passing rank.
    fn reference_bh(p: &[f64], tested: u64, alpha: f64) -> Vec<bool> {
        let m = tested.max(p.len() as u64) as f64;
        let mut order: Vec<usize> = (0..p.len()).collect();
        order.sort_by(|&i, &j| p[i].total_cmp(&p[j]).then(i.cmp(&j)));
        let cutoff = (0..order.len()).rev().find(|&r| p[order[r]] <= (r + 1) as f64 * alpha / m).map_or(0, |r| r + 1);
        let mut out = vec![false; p.len()];
        for &i in &order[..cutoff] {
            out[i] = true;
        }
        out
    }

    #[test]
    fn bh_without_sorting_equals_the_full_procedure() {
        let mut rng = crate::testing::Lcg::new(7);
        let mut next = || rng.unit();
        for round in 0..200 {
            let len = 1 + round % 60;
            // Many tiny p-values, ties and ones, as edge tables have.
            let p: Vec<f64> = (0..len).map(|_| match (next() * 4.0) as u32 { 0 => 1.0, 1 => 1e-6, _ => next().powi(6) }).collect();
            for (tested, alpha) in [(len as u64, 0.05), (len as u64 * 10, 0.05), (len as u64 * 3, 0.5), (len as u64, 1.0), (len as u64, 0.0)] {
                assert_eq!(benjamini_hochberg(&p, tested, alpha), reference_bh(&p, tested, alpha), "{p:?} {tested} {alpha}");
                // p-values exactly on the thresholds k·α/m, where rounding decides.
                let m = tested as f64;
                let on: Vec<f64> = p.iter().map(|&x| if x < 0.3 { (1.0 + (next() * len as f64).floor()) * alpha / m } else { x }).collect();
                assert_eq!(benjamini_hochberg(&on, tested, alpha), reference_bh(&on, tested, alpha), "{on:?} {tested} {alpha}");
                let above: Vec<f64> = on.iter().map(|&x| if next() < 0.5 { x.next_up() } else { x }).collect();
                assert_eq!(benjamini_hochberg(&above, tested, alpha), reference_bh(&above, tested, alpha), "{above:?} {tested} {alpha}");
            }
        }
    }

    #[test]
    fn bh_counts_untested_pairs() {
        let p = [0.001, 0.02, 0.04, 0.5];
        assert_eq!(benjamini_hochberg(&p, 4, 0.05), [true, true, false, false]);
        assert_eq!(benjamini_hochberg(&p, 20, 0.05), [true, false, false, false]);
        assert_eq!(benjamini_hochberg(&p, 100, 0.05), [false, false, false, false]);
    }
}
