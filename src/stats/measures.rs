//! Association measures of a 2×2 contingency table of contexts.

/// Counts for one pair: contexts with both, with each, and in all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PairCounts {
    pub n_ab: u64,
    pub n_a: u64,
    pub n_b: u64,
    pub n: u64,
}

/// The measures reported for each pair.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Measures {
    /// Pointwise mutual information, log2 of observed over expected co-occurrence.
    pub pmi: f64,
    /// PMI normalised to [-1, 1] by −log2 P(a, b).
    pub npmi: f64,
    /// Dunning's log-likelihood ratio G² of the 2×2 table (≥ 0).
    pub g2: f64,
}

fn xlogx_over(o: f64, e: f64) -> f64 {
    if o > 0.0 && e > 0.0 { o * (o / e).ln() } else { 0.0 }
}

impl PairCounts {
    /// PMI, NPMI and G² for these counts.
    pub fn measures(&self) -> Measures {
        let (ab, a, b, n) = (self.n_ab as f64, self.n_a as f64, self.n_b as f64, self.n as f64);
        let pmi = ((ab * n) / (a * b)).log2();
        let p_ab = ab / n;
        let npmi = if p_ab >= 1.0 { 1.0 } else { pmi / -p_ab.log2() };
        let o = [ab, a - ab, b - ab, n - a - b + ab];
        let e = [a * b / n, a * (n - b) / n, (n - a) * b / n, (n - a) * (n - b) / n];
        let g2 = 2.0 * o.iter().zip(&e).map(|(&o, &e)| xlogx_over(o, e)).sum::<f64>();
        Measures { pmi, npmi, g2: g2.max(0.0) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values() {
        // Independent: P(a)=P(b)=0.5, P(ab)=0.25 → PMI 0, G² 0.
        let m = PairCounts { n_ab: 25, n_a: 50, n_b: 50, n: 100 }.measures();
        assert!(m.pmi.abs() < 1e-12 && m.npmi.abs() < 1e-12 && m.g2.abs() < 1e-9);
        // Always together: NPMI 1.
        let m = PairCounts { n_ab: 10, n_a: 10, n_b: 10, n: 100 }.measures();
        assert!((m.npmi - 1.0).abs() < 1e-12);
        assert!((m.pmi - 10f64.log2()).abs() < 1e-12);
        // G² by hand: o = [10, 0, 0, 90], e = [1, 9, 9, 81].
        let g2 = 2.0 * (10.0 * 10f64.ln() + 90.0 * (90.0f64 / 81.0).ln());
        assert!((m.g2 - g2).abs() < 1e-9);
    }
}
