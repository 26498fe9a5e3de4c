//! Word clusters learned from unlabelled text by the predictive exchange algorithm
//! (Uszkoreit & Brants 2008): each word moves, in turn, to the class that most raises the
//! likelihood of the class bigram model P(w | c(w)) · P(c(w) | previous word).
//!
//! Why exchange rather than Brown's agglomerative clustering: one pass costs the number of
//! distinct bigrams times the number of classes, so thousands of classes over millions of
//! words take seconds, and several granularities are just several runs.

use rayon::prelude::*;
use rustc_hash::FxHashMap;

/// Index of the sentence-start context, which is never moved.
const START: u32 = 0;

/// Counts of a corpus: vocabulary, word counts and, per word, its distinct predecessors.
pub struct BigramCounts {
    /// Words by id; id 0 is the sentence start, id 1 stands for every rare word.
    pub words: Vec<String>,
    counts: Vec<u64>,
    /// Predecessors of word `w` are `pred[starts[w]..starts[w + 1]]` as (word, count).
    starts: Vec<usize>,
    pred: Vec<(u32, u32)>,
}

impl BigramCounts {
    /// Counts the bigrams of `sentences`, keeping words seen at least `min_count` times.
    pub fn new<'a, S, I>(sentences: S, min_count: u64) -> BigramCounts
    where
        S: Fn() -> I,
        I: Iterator<Item = Vec<&'a str>>,
    {
        let mut freq: FxHashMap<&str, u64> = FxHashMap::default();
        for s in sentences() {
            for w in s {
                *freq.entry(w).or_default() += 1;
            }
        }
        let mut kept: Vec<(&str, u64)> = freq.into_iter().filter(|&(_, c)| c >= min_count).collect();
        // Most frequent first, ties by spelling, so ids never depend on hash order.
        kept.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let mut words = vec!["<s>".to_string(), "<rare>".to_string()];
        words.extend(kept.iter().map(|(w, _)| w.to_string()));
        let id: FxHashMap<&str, u32> = kept.iter().enumerate().map(|(i, (w, _))| (*w, i as u32 + 2)).collect();
        let mut counts = vec![0u64; words.len()];
        let mut pairs: FxHashMap<(u32, u32), u32> = FxHashMap::default();
        for s in sentences() {
            let mut prev = START;
            for w in s {
                let w = id.get(w).copied().unwrap_or(1);
                counts[w as usize] += 1;
                *pairs.entry((w, prev)).or_default() += 1;
                prev = w;
            }
        }
        let mut pairs: Vec<((u32, u32), u32)> = pairs.into_iter().collect();
        pairs.sort_unstable();
        let mut starts = vec![0usize; words.len() + 1];
        for &((w, _), _) in &pairs {
            starts[w as usize + 1] += 1;
        }
        for i in 1..starts.len() {
            starts[i] += starts[i - 1];
        }
        let pred = pairs.into_iter().map(|((_, v), n)| (v, n)).collect();
        BigramCounts { words, counts, starts, pred }
    }

    /// Number of words, including the two reserved ids.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// True when no word was kept.
    pub fn is_empty(&self) -> bool {
        self.words.len() <= 2
    }

    fn predecessors(&self, w: usize) -> &[(u32, u32)] {
        &self.pred[self.starts[w]..self.starts[w + 1]]
    }
}

/// x · ln x, from a table for the small counts that dominate.
struct XLogX(Vec<f64>);

impl XLogX {
    fn new() -> Self {
        XLogX((0..1 << 16).map(|x| if x == 0 { 0.0 } else { x as f64 * (x as f64).ln() }).collect())
    }

    #[inline]
    fn at(&self, x: i64) -> f64 {
        match self.0.get(x as usize) {
            Some(&v) => v,
            None => x as f64 * (x as f64).ln(),
        }
    }
}

/// Assigns every word of `counts` to one of `classes` classes by `iterations` exchange passes.
/// Deterministic: the result depends on the counts alone, not on the number of threads.
pub fn cluster(counts: &BigramCounts, classes: usize, iterations: usize, mut log: impl FnMut(String)) -> Vec<u32> {
    let n = counts.len();
    let c = classes.max(2);
    let table = XLogX::new();
    // Start from frequency rank modulo the class count: frequent words begin apart.
    let mut class: Vec<u32> = (0..n).map(|w| (w.saturating_sub(1) % c) as u32).collect();
    // Context counts: N(v, k) = how often a word of class k follows word v; N(k) = class sizes.
    let mut nvc = vec![0i64; n * c];
    let mut nc = vec![0i64; c];
    for w in 1..n {
        let k = class[w] as usize;
        nc[k] += counts.counts[w] as i64;
        for &(v, m) in counts.predecessors(w) {
            nvc[v as usize * c + k] += m as i64;
        }
    }
    let mut gain = vec![0f64; c];
    for it in 0..iterations {
        let mut moved = 0usize;
        for w in 1..n {
            let preds = counts.predecessors(w);
            let nw = counts.counts[w] as i64;
            let from = class[w] as usize;
            for &(v, m) in preds {
                nvc[v as usize * c + from] -= m as i64;
            }
            nc[from] -= nw;
            // Change of the objective Σ N(v,k) ln N(v,k) − Σ N(k) ln N(k) if w joins class k.
            gain.par_chunks_mut(256).enumerate().for_each(|(chunk, g)| {
                let base = chunk * 256;
                for (j, x) in g.iter_mut().enumerate() {
                    let k = base + j;
                    *x = table.at(nc[k]) - table.at(nc[k] + nw);
                }
                for &(v, m) in preds {
                    let row = &nvc[v as usize * c + base..][..g.len()];
                    for (x, &have) in g.iter_mut().zip(row) {
                        *x += table.at(have + m as i64) - table.at(have);
                    }
                }
            });
            // The best class; the current one wins ties so that passes converge.
            let mut best = from;
            for k in 0..c {
                if gain[k] > gain[best] + 1e-9 {
                    best = k;
                }
            }
            if best != from {
                moved += 1;
            }
            class[w] = best as u32;
            for &(v, m) in preds {
                nvc[v as usize * c + best] += m as i64;
            }
            nc[best] += nw;
        }
        log(format!("{c} classes, pass {}: {moved} of {} words moved", it + 1, n - 1));
        if moved == 0 {
            break;
        }
    }
    class[START as usize] = u32::MAX;
    class
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_in_the_same_contexts_share_a_class() {
        let text = "the cat sat . the dog sat . a cat ran . a dog ran . in Paris today . in London today . \
                    to Paris now . to London now . the cat ran . a dog sat . in Paris now . to London today .";
        let sentences: Vec<Vec<&str>> = text.split(" . ").map(|s| s.split(' ').collect()).collect();
        let counts = BigramCounts::new(|| sentences.iter().cloned(), 1);
        let run = || cluster(&counts, 4, 20, |_| {});
        let class = run();
        let of = |w: &str| class[counts.words.iter().position(|x| x == w).unwrap()];
        assert_eq!(of("cat"), of("dog"));
        assert_eq!(of("Paris"), of("London"));
        assert_ne!(of("cat"), of("Paris"));
        assert_eq!(class, run(), "same counts, same clusters");
    }
}
