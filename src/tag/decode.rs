//! Viterbi decoding of one sentence under the BILOU constraints, shared by the shipped
//! model and by training, so that training optimises exactly what tagging does.

use super::features::{transition, History, SentenceFeatures};
use super::labels::{Tag, N_TAGS};
use super::model::Decision;

/// Something that scores a set of features for every tag: the quantised model, or the
/// float weights being trained.
pub trait Scorer {
    /// Summed weights of `features` for each tag.
    fn scores(&self, features: &[u64]) -> [f32; N_TAGS];

    /// Scores of each tag for each token of a sentence, from every feature that does not
    /// depend on the tag before it.
    fn emissions(&self, feats: &SentenceFeatures, history: &History) -> Vec<[f32; N_TAGS]> {
        let mut buf = Vec::with_capacity(64);
        (0..feats.n_words())
            .map(|i| {
                feats.token(i, history, &mut buf);
                self.scores(&buf)
            })
            .collect()
    }
}

/// Scores of a tag (column) after a tag (row); −∞ where BILOU forbids the pair.
pub type Transitions = [[f32; N_TAGS]; N_TAGS];

/// The transition scores of a scorer.
pub fn transitions(scorer: &impl Scorer) -> Transitions {
    std::array::from_fn(|p| {
        let prev = Tag::from_index(p);
        let row = scorer.scores(&[transition(prev)]);
        std::array::from_fn(|t| if prev.allows(Tag::from_index(t)) { row[t] } else { f32::NEG_INFINITY })
    })
}

/// For each tag, the tags BILOU allows before it (I and L follow B or I of their label; the
/// rest follow O, L or U), so that decoding visits 97 tag pairs per word instead of 289.
const PREDECESSORS: [&[usize]; N_TAGS] = {
    const OUTSIDE: &[usize] = &[0, 9, 10, 11, 12, 13, 14, 15, 16];
    [
        OUTSIDE, OUTSIDE, OUTSIDE, OUTSIDE, OUTSIDE, // O, B-*
        &[1, 5], &[2, 6], &[3, 7], &[4, 8], // I-*
        &[1, 5], &[2, 6], &[3, 7], &[4, 8], // L-*
        OUTSIDE, OUTSIDE, OUTSIDE, OUTSIDE, // U-*
    ]
};

/// True when `t` may end a sentence (it closes any span).
fn may_end(t: usize) -> bool {
    !matches!(Tag::from_index(t), Tag::B(_) | Tag::I(_))
}

/// The best well-formed tag sequence for a sentence, with each word's confidence: the
/// probability of its tag among the tags allowed after the previous one.
pub fn viterbi(trans: &Transitions, emit: &[[f32; N_TAGS]]) -> Vec<Decision> {
    let n = emit.len();
    if n == 0 {
        return Vec::new();
    }
    let mut back = vec![[0u8; N_TAGS]; n];
    // A sentence starts as if after an O.
    let mut delta = [f32::NEG_INFINITY; N_TAGS];
    delta[Tag::O.index()] = 0.0;
    for i in 0..n {
        let e = &emit[i];
        let mut next = [f32::NEG_INFINITY; N_TAGS];
        for (t, slot) in next.iter_mut().enumerate() {
            if i + 1 == n && !may_end(t) {
                continue;
            }
            for &p in PREDECESSORS[t] {
                let v = delta[p] + trans[p][t];
                if v > *slot {
                    *slot = v;
                    back[i][t] = p as u8;
                }
            }
            *slot += e[t];
        }
        delta = next;
    }
    let mut tag = (0..N_TAGS).fold(0, |b, t| if delta[t] > delta[b] { t } else { b });
    let mut path = vec![0usize; n];
    for i in (0..n).rev() {
        path[i] = tag;
        tag = back[i][tag] as usize;
    }
    (0..n)
        .map(|i| {
            let prev = if i == 0 { Tag::O.index() } else { path[i - 1] };
            let local: [f32; N_TAGS] = std::array::from_fn(|t| if i + 1 == n && !may_end(t) { f32::NEG_INFINITY } else { trans[prev][t] + emit[i][t] });
            let top = local.iter().fold(f32::NEG_INFINITY, |m, &s| m.max(s));
            // Tags more than 30 below the best add under 1e-13 each: skip their exp.
            let z: f32 = local.iter().filter(|&&s| s > top - 30.0).map(|&s| (s - top).exp()).sum();
            Decision { tag: Tag::from_index(path[i]), confidence: (local[path[i]] - top).exp() / z }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn predecessor_lists_are_the_allowed_transitions() {
        for t in 0..N_TAGS {
            let allowed: Vec<usize> = (0..N_TAGS).filter(|&p| Tag::from_index(p).allows(Tag::from_index(t))).collect();
            assert_eq!(PREDECESSORS[t], allowed.as_slice(), "{:?}", Tag::from_index(t));
        }
    }
}
