//! Bursts of a pair over time: Kleinberg's two-state automaton for batched counts
//! (Kleinberg 2002, "Bursty and hierarchical structure in streams", §4).
//!
//! In period t the pair is co-mentioned in r_t of d_t contexts. The base state emits at the
//! pair's overall rate p0 = Σr/Σd, the burst state at s·p0 (s = 2). Moving up costs
//! γ·ln(T) (γ = 1, T periods), moving down is free; the cheapest state sequence (Viterbi)
//! marks the bursts, and a burst's weight is how much cheaper the burst state explains it.

/// The strongest burst of a series: its weight and the indices of its first and last period.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Burst {
    pub weight: f64,
    pub start: usize,
    pub end: usize,
}

const SCALE: f64 = 2.0;
const GAMMA: f64 = 1.0;

fn cost(r: f64, d: f64, p: f64) -> f64 {
    // −ln of the binomial likelihood without the coefficient, which both states share.
    -(r * p.ln() + (d - r) * (1.0 - p).ln())
}

/// The strongest burst in `(r_t, d_t)` counts, if the burst state is ever cheaper.
pub fn strongest_burst(series: &[(u64, u64)]) -> Option<Burst> {
    let (r_sum, d_sum) = series.iter().fold((0u64, 0u64), |(a, b), &(r, d)| (a + r, b + d));
    if r_sum == 0 || d_sum == 0 || series.len() < 2 {
        return None;
    }
    let p0 = r_sum as f64 / d_sum as f64;
    let p1 = (SCALE * p0).min(0.999_999);
    if p1 <= p0 {
        return None;
    }
    let up = GAMMA * (series.len() as f64).ln();
    let n = series.len();
    // Viterbi over two states with back-pointers.
    let mut best = [0.0f64, up];
    let mut back: Vec<[u8; 2]> = Vec::with_capacity(n);
    let mut gains = Vec::with_capacity(n);
    for &(r, d) in series {
        let (r, d) = (r as f64, d as f64);
        let (c0, c1) = (cost(r, d, p0), cost(r, d, p1));
        gains.push(c0 - c1);
        let from0 = if best[0] <= best[1] { (best[0], 0) } else { (best[1], 1) };
        let from1 = if best[0] + up < best[1] { (best[0] + up, 0) } else { (best[1], 1) };
        back.push([from0.1, from1.1]);
        best = [from0.0 + c0, from1.0 + c1];
    }
    let mut state = if best[0] <= best[1] { 0 } else { 1 };
    let mut states = vec![0u8; n];
    for t in (0..n).rev() {
        states[t] = state;
        state = back[t][state as usize];
    }
    let mut strongest: Option<Burst> = None;
    let mut t = 0;
    while t < n {
        if states[t] == 1 {
            let start = t;
            let mut weight = 0.0;
            while t < n && states[t] == 1 {
                weight += gains[t];
                t += 1;
            }
            let b = Burst { weight, start, end: t - 1 };
            if weight > 0.0 && strongest.is_none_or(|s| weight > s.weight) {
                strongest = Some(b);
            }
        } else {
            t += 1;
        }
    }
    strongest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_burst_and_ignores_steady_series() {
        let mut s = vec![(1u64, 100u64); 12];
        for x in &mut s[5..8] {
            x.0 = 12;
        }
        let b = strongest_burst(&s).unwrap();
        assert_eq!((b.start, b.end), (5, 7));
        assert!(b.weight > 0.0);
        assert!(strongest_burst(&[(3u64, 100u64); 12]).is_none());
        assert!(strongest_burst(&[(0, 10), (0, 10)]).is_none());
    }
}
