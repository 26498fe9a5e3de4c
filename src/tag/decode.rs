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
                if !feats.is_scored(i) {
                    return ONLY_O;
                }
                feats.token(i, history, &mut buf);
                self.scores(&buf)
            })
            .collect()
    }
}

/// The scores of a token left unscored (`SentenceFeatures::fill_pruned`): O is its only tag.
pub const ONLY_O: [f32; N_TAGS] = {
    let mut row = [f32::NEG_INFINITY; N_TAGS];
    row[0] = 0.0;
    row
};

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

/// The tags that close any span (O, L-x, U-x), in index order.
const CLOSING: [usize; 9] = [0, 9, 10, 11, 12, 13, 14, 15, 16];
/// The tags that may follow a closing one (O, B-x, U-x), in index order.
const OPENING: [usize; 9] = [0, 1, 2, 3, 4, 13, 14, 15, 16];

/// Lanes of the step from a closing tag: `OPENING` padded to a multiple of four.
const LANES: usize = 12;

/// True when a token's scores allow O alone (a pruned token's, [`ONLY_O`]).
fn only_o(scores: &[f32; N_TAGS]) -> bool {
    scores[1..].iter().all(|&s| s == f32::NEG_INFINITY)
}

/// True when `t` may end a sentence (it closes any span).
fn may_end(t: usize) -> bool {
    !matches!(Tag::from_index(t), Tag::B(_) | Tag::I(_))
}

/// The best well-formed tag sequence for a sentence, with each word's confidence: the
/// probability of its tag among the tags allowed after the previous one.
pub fn viterbi(trans: &Transitions, emit: &[[f32; N_TAGS]]) -> Vec<Decision> {
    viterbi_with(trans, emit, &mut Vec::new(), |_| true)
}

/// [`viterbi`] with working space (each token's scores before it), reused from sentence to
/// sentence; the confidence is worked out only for tokens whose tag `wanted` accepts (0 for
/// the others: the softmaxes were over a third of this function's instructions, and most
/// tokens are O).
pub fn viterbi_with(trans: &Transitions, emit: &[[f32; N_TAGS]], before: &mut Vec<[f32; N_TAGS]>, wanted: impl Fn(Tag) -> bool) -> Vec<Decision> {
    let n = emit.len();
    if n == 0 {
        return Vec::new();
    }
    // BILOU leaves two kinds of step: O, B-x and U-x follow any of the nine tags that close a
    // span (O, L-y, U-y); I-x and L-x follow B-x or I-x only. Scoring just those 97 pairs,
    // not all 289, keeps the result: forbidden pairs score −∞ and never win. The forward pass
    // keeps maxima only (a max vectorises; a max with its argument did not), and the way back
    // finds each chosen tag's predecessor again from the scores kept before each token: the
    // same sums, so the same maximum, the first best one in index order.
    // Rows padded to twelve lanes (three 4-wide vectors) with −∞, which never wins.
    let after_closed: [[f32; LANES]; 9] = CLOSING.map(|p| std::array::from_fn(|j| OPENING.get(j).map_or(f32::NEG_INFINITY, |&t| trans[p][t])));
    // (B or I) -> (I or L) for each label, labels as lanes.
    let inner: [[f32; 4]; 4] = [(0, 0), (0, 1), (1, 0), (1, 1)].map(|(from, to)| std::array::from_fn(|x| trans[[1, 5][from] + x][[5, 9][to] + x]));
    let max = |a: f32, b: f32| if b > a { b } else { a };
    before.clear();
    // A sentence starts as if after an O.
    let mut delta = [f32::NEG_INFINITY; N_TAGS];
    delta[Tag::O.index()] = 0.0;
    for i in 0..n {
        before.push(delta);
        if only_o(&emit[i]) {
            // A token only O may tag (`ONLY_O`: a plain word among plain words, more than
            // half of a news story's tokens): every other tag's sum is −∞ whatever came
            // before, so only O's is worked out. It is worked out as the full step does (the
            // same sums, maxima in the same order): the path depends on it only through
            // float rounding, which must stay the same. O may end a sentence.
            let mut o = f32::NEG_INFINITY;
            for &p in &CLOSING {
                o = max(o, delta[p] + trans[p][Tag::O.index()]);
            }
            delta = [f32::NEG_INFINITY; N_TAGS];
            delta[Tag::O.index()] = o + emit[i][Tag::O.index()];
            continue;
        }
        // Gathered by a plain loop: `array::map` here was left out of line by some builds,
        // which made this step a third slower.
        let mut closing = [0.0f32; 9];
        for (c, &p) in closing.iter_mut().zip(&CLOSING) {
            *c = delta[p];
        }
        let mut open = [f32::NEG_INFINITY; LANES];
        for (&d, row) in closing.iter().zip(&after_closed) {
            for j in 0..LANES {
                open[j] = max(open[j], d + row[j]);
            }
        }
        let mut next = [f32::NEG_INFINITY; N_TAGS];
        for (j, &t) in OPENING.iter().enumerate() {
            next[t] = open[j];
        }
        for x in 0..4 {
            next[5 + x] = max(delta[1 + x] + inner[0][x], delta[5 + x] + inner[2][x]);
            next[9 + x] = max(delta[1 + x] + inner[1][x], delta[5 + x] + inner[3][x]);
        }
        for t in 0..N_TAGS {
            next[t] = if i + 1 == n && !may_end(t) { f32::NEG_INFINITY } else { next[t] + emit[i][t] };
        }
        delta = next;
    }
    let mut tag = (0..N_TAGS).fold(0, |b, t| if delta[t] > delta[b] { t } else { b });
    let mut path = vec![0usize; n];
    for i in (0..n).rev() {
        path[i] = tag;
        let scores = &before[i];
        tag = if i > 0 && only_o(&emit[i - 1]) {
            // The token before could only be O: its scores are −∞ for every other tag.
            Tag::O.index()
        } else if (5..13).contains(&tag) {
            let (b, i) = (1 + (tag - 1) % 4, 5 + (tag - 1) % 4);
            if scores[i] + trans[i][tag] > scores[b] + trans[b][tag] { i } else { b }
        } else {
            // The nine sums at once, then the first that reaches their maximum.
            let mut sums = [0.0f32; 9];
            for (s, &p) in sums.iter_mut().zip(&CLOSING) {
                *s = scores[p] + trans[p][tag];
            }
            let best = sums.iter().fold(f32::NEG_INFINITY, |m, &s| max(m, s));
            CLOSING[sums.iter().position(|&s| s == best).unwrap_or(0)]
        };
    }
    let mut out: Vec<Decision> = path.iter().map(|&t| Decision { tag: Tag::from_index(t), confidence: 0.0 }).collect();
    for i in 0..n {
        if !wanted(out[i].tag) {
            continue;
        }
        let prev = if i == 0 { Tag::O.index() } else { out[i - 1].tag.index() };
        let local: [f32; N_TAGS] = std::array::from_fn(|t| if i + 1 == n && !may_end(t) { f32::NEG_INFINITY } else { trans[prev][t] + emit[i][t] });
        let top = local.iter().fold(f32::NEG_INFINITY, |m, &s| m.max(s));
        // Tags more than 30 below the best add under 1e-13 each: skip their exp.
        let z: f32 = local.iter().filter(|&&s| s > top - 30.0).map(|&s| (s - top).exp()).sum();
        out[i].confidence = (local[out[i].tag.index()] - top).exp() / z;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The best path by a plain scan of each tag's allowed predecessors.
    fn reference_path(trans: &Transitions, emit: &[[f32; N_TAGS]]) -> Vec<usize> {
        let n = emit.len();
        let mut back = vec![[0usize; N_TAGS]; n];
        let mut delta = [f32::NEG_INFINITY; N_TAGS];
        delta[Tag::O.index()] = 0.0;
        for i in 0..n {
            let mut next = [f32::NEG_INFINITY; N_TAGS];
            for t in 0..N_TAGS {
                if i + 1 == n && !may_end(t) {
                    continue;
                }
                for p in (0..N_TAGS).filter(|&p| Tag::from_index(p).allows(Tag::from_index(t))) {
                    if delta[p] + trans[p][t] > next[t] {
                        next[t] = delta[p] + trans[p][t];
                        back[i][t] = p;
                    }
                }
                next[t] += emit[i][t];
            }
            delta = next;
        }
        let mut tag = (0..N_TAGS).fold(0, |b, t| if delta[t] > delta[b] { t } else { b });
        let mut path = vec![0; n];
        for i in (0..n).rev() {
            path[i] = tag;
            tag = back[i][tag];
        }
        path
    }

    #[test]
    fn the_scored_steps_are_exactly_the_allowed_ones() {
        for p in 0..N_TAGS {
            for t in 0..N_TAGS {
                let inner = (1..9).contains(&p) && (5..13).contains(&t) && (p - 1) % 4 == (t - 1) % 4;
                let scored = (CLOSING.contains(&p) && OPENING.contains(&t)) || inner;
                assert_eq!(scored, Tag::from_index(p).allows(Tag::from_index(t)), "{p} -> {t}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn decoding_equals_a_scan_of_allowed_predecessors(
            weights in proptest::collection::vec(-3i8..=3, N_TAGS * N_TAGS),
            emit in proptest::collection::vec((proptest::collection::vec(-4i8..=4, N_TAGS), proptest::bool::ANY), 1..12),
        ) {
            // Small integers, so that ties (which the first predecessor must win) are common;
            // about half the tokens pruned, as O alone (`ONLY_O`, here with any score for O).
            let trans: Transitions = std::array::from_fn(|p| std::array::from_fn(|t| {
                if Tag::from_index(p).allows(Tag::from_index(t)) { f32::from(weights[p * N_TAGS + t]) } else { f32::NEG_INFINITY }
            }));
            let emit: Vec<[f32; N_TAGS]> = emit
                .iter()
                .map(|(row, pruned)| std::array::from_fn(|t| if *pruned && t > 0 { f32::NEG_INFINITY } else { f32::from(row[t]) }))
                .collect();
            let path: Vec<usize> = viterbi(&trans, &emit).iter().map(|d| d.tag.index()).collect();
            proptest::prop_assert_eq!(path, reference_path(&trans, &emit));
        }
    }
}
