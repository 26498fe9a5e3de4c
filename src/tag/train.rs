//! Averaged structured-perceptron training with Viterbi decoding, deterministic for a given seed.

use rustc_hash::FxHashMap;

use super::conll::{documents, ConllSentence, Evaluation};
use super::features::{transition, History, SentenceFeatures};
use super::labels::{from_spans, spans, Tag, N_TAGS};
use super::decode::{transitions, viterbi, Scorer};
use super::model::Model;

/// Training settings.
#[derive(Debug, Clone, PartialEq)]
pub struct TrainOptions {
    /// Passes over the training data; the best pass on dev is kept.
    pub epochs: usize,
    /// Seed of the sentence shuffle.
    pub seed: u64,
    /// Feature rows whose largest averaged weight is below this are pruned.
    pub min_weight: f32,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions { epochs: 15, seed: 13, min_weight: 0.02 }
    }
}

/// The trained model and how it scored on dev.
pub struct Trained {
    pub model: Model,
    pub epoch: usize,
    pub dev: Evaluation,
}

struct Weights {
    index: FxHashMap<u64, u32>,
    hashes: Vec<u64>,
    w: Vec<f32>,
    /// Sum over updates of (update time × delta), for the averaged weights w − u/t.
    u: Vec<f64>,
}

impl Scorer for Weights {
    fn scores(&self, feats: &[u64]) -> [f32; N_TAGS] {
        let mut s = [0f32; N_TAGS];
        for f in feats {
            if let Some(&r) = self.index.get(f) {
                for (a, &w) in s.iter_mut().zip(&self.w[r as usize * N_TAGS..][..N_TAGS]) {
                    *a += w;
                }
            }
        }
        s
    }
}

impl Weights {
    fn update(&mut self, feats: &[u64], tag: Tag, delta: f32, time: f64) {
        for &f in feats {
            let r = *self.index.entry(f).or_insert_with(|| {
                self.hashes.push(f);
                self.w.extend([0.0; N_TAGS]);
                self.u.extend([0.0; N_TAGS]);
                (self.hashes.len() - 1) as u32
            }) as usize;
            let k = r * N_TAGS + tag.index();
            self.w[k] += delta;
            self.u[k] += time * delta as f64;
        }
    }

    fn averaged(&self, time: f64, min_weight: f32) -> Model {
        let rows = self.hashes.iter().enumerate().filter_map(|(r, &h)| {
            let mut row = [0f32; N_TAGS];
            for (t, x) in row.iter_mut().enumerate() {
                let k = r * N_TAGS + t;
                *x = (self.w[k] as f64 - self.u[k] / time) as f32;
            }
            (row.iter().any(|w| w.abs() >= min_weight)).then_some((h, row))
        });
        Model::from_rows(rows)
    }
}

/// A small, stable pseudo-random generator (splitmix64) so shuffles never change with a crate upgrade.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

/// Scores a model on gold sentences, tagged document by document.
pub fn evaluate(model: &Model, sentences: &[ConllSentence]) -> Evaluation {
    let mut e = Evaluation::default();
    for doc in documents(sentences) {
        let words: Vec<&[String]> = doc.iter().map(|s| s.words.as_slice()).collect();
        for (s, decisions) in doc.iter().zip(model.decode_document(&words)) {
            let tags: Vec<Tag> = decisions.iter().map(|d| d.tag).collect();
            e.add(&s.spans(), &spans(&tags));
        }
    }
    e
}

/// Trains on `train`, keeping the epoch that scores best on `dev`; `log` hears progress.
pub fn train(train: &[ConllSentence], dev: &[ConllSentence], opts: &TrainOptions, mut log: impl FnMut(String)) -> Trained {
    let gold: Vec<Vec<Tag>> = train.iter().map(|s| from_spans(s.words.len(), &s.spans())).collect();
    // Sentence indices by document: documents are shuffled, their sentences stay in order
    // so that the history features see what decoding will see.
    let mut docs: Vec<std::ops::Range<usize>> = Vec::new();
    for d in documents(train) {
        let start = docs.last().map_or(0, |r| r.end);
        docs.push(start..start + d.len());
    }
    let feats: Vec<SentenceFeatures> = train
        .iter()
        .map(|s| SentenceFeatures::new(&s.words.iter().map(String::as_str).collect::<Vec<_>>()))
        .collect();
    let mut weights = Weights { index: FxHashMap::default(), hashes: Vec::new(), w: Vec::new(), u: Vec::new() };
    let mut order: Vec<usize> = (0..docs.len()).collect();
    let mut rng = SplitMix(opts.seed);
    let mut time = 1.0f64;
    let mut best: Option<Trained> = None;
    let mut buf = Vec::new();
    for epoch in 1..=opts.epochs {
        for i in (1..order.len()).rev() {
            order.swap(i, (rng.next() % (i as u64 + 1)) as usize);
        }
        let mut errors = 0usize;
        for &d in &order {
            let mut history = History::default();
            for s in docs[d].clone() {
                let trans = transitions(&weights);
                let sentence = &feats[s];
                let guesses: Vec<Tag> = viterbi(&trans, &weights.emissions(sentence, &history)).iter().map(|d| d.tag).collect();
                // Structured perceptron: add the features of the gold sequence, subtract those
                // of the guess, where the two differ in a tag or in the tag before it.
                for i in 0..guesses.len() {
                    let (truth, guess) = (gold[s][i], guesses[i]);
                    let before = |tags: &[Tag]| if i == 0 { Tag::O } else { tags[i - 1] };
                    let (truth_before, guess_before) = (before(&gold[s]), before(&guesses));
                    if truth != guess {
                        sentence.token(i, &history, &mut buf);
                        weights.update(&buf, truth, 1.0, time);
                        weights.update(&buf, guess, -1.0, time);
                        errors += 1;
                    }
                    if truth != guess || truth_before != guess_before {
                        weights.update(&[transition(truth_before)], truth, 1.0, time);
                        weights.update(&[transition(guess_before)], guess, -1.0, time);
                    }
                }
                time += 1.0;
                history.record(sentence, guesses);
            }
        }
        let model = weights.averaged(time, opts.min_weight);
        let dev_eval = evaluate(&model, dev);
        log(format!(
            "epoch {epoch:>2}: {errors} training errors, {} features kept of {}, dev F1 {:.2}",
            model.n_features(),
            weights.hashes.len(),
            100.0 * dev_eval.f1()
        ));
        if best.as_ref().is_none_or(|b| dev_eval.f1() > b.dev.f1()) {
            best = Some(Trained { model, epoch, dev: dev_eval });
        }
    }
    best.expect("at least one epoch")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tag::conll::read_conll;

    #[test]
    fn learns_a_toy_corpus_deterministically() {
        let text = "Wang NNP B-NP B-PER\nYi NNP I-NP I-PER\nvisited VBD B-VP O\nMoscow NNP B-NP B-LOC\n. . O O\n\n\
                    Sullivan NNP B-NP B-PER\nvisited VBD B-VP O\nMalta NNP B-NP B-LOC\n. . O O\n";
        let s = read_conll(text);
        let opts = TrainOptions { epochs: 5, seed: 1, min_weight: 0.0 };
        let a = train(&s, &s, &opts, |_| {});
        let b = train(&s, &s, &opts, |_| {});
        assert_eq!(a.model.to_bytes(), b.model.to_bytes());
        assert!(a.dev.f1() > 0.99, "toy corpus should be learned: {}", a.dev.f1());
    }
}
