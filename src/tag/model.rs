//! The tagger's weights: a map from feature hash to a row of quantised tag scores, and
//! the decoding entry points.

use rustc_hash::FxHashMap;

use super::decode::{transitions, viterbi_with, Scorer, Transitions, ONLY_O};
use super::features::{History, SentenceFeatures, WordInfo, ROLES};
use super::labels::{Tag, N_TAGS};
use crate::error::{Error, Result};

const MAGIC: &[u8; 8] = b"CMNER\x00\x00\x01";

/// A trained tagging model.
#[derive(Debug, Clone, Default)]
pub struct Model {
    /// `N_TAGS` weights per feature, quantised (real weight = value × scale), stored in the
    /// map itself so that a lookup touches one cache line, not two.
    rows: FxHashMap<u64, [i16; N_TAGS]>,
    scale: f32,
    /// Transition scores, read from the weights once.
    transitions: Transitions,
    /// Scores of the sentence-boundary stand-ins in each role, read once.
    boundary_rows: [WordRows; 2],
    /// Tells models apart in the per-thread cache of word scores.
    id: u64,
}

/// A model's integer scores of one word in each role.
type WordRows = [[i32; N_TAGS]; ROLES];

/// Words whose scores a thread keeps (about 350 bytes each); past this the cache restarts.
const WORD_ROWS_LIMIT: usize = 1 << 15;

/// A thread's word scores for the model last used on it, by the words' slots in the
/// thread's word table (an index, not a hash probe: the word was found once already).
#[derive(Default)]
struct RowCache {
    model: u64,
    /// The word table generation whose slots `row_of` is indexed by.
    generation: u64,
    /// Each word slot's row in `rows`, or `NO_ROW`.
    row_of: Vec<u32>,
    rows: Vec<WordRows>,
    /// Working space: the rows of the sentence being scored, and one token's features.
    sentence: Vec<u32>,
    features: Vec<u64>,
}

const NO_ROW: u32 = u32::MAX;

thread_local! {
    static WORD_ROWS: std::cell::RefCell<RowCache> = std::cell::RefCell::new(RowCache::default());
}

/// One decoded tag with the model's confidence in it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Decision {
    pub tag: Tag,
    /// Softmax probability of the tag among the allowed ones.
    pub confidence: f32,
}

impl Model {
    fn assemble(rows: FxHashMap<u64, [i16; N_TAGS]>, scale: f32) -> Model {
        static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        let id = NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let mut model = Model { rows, scale, transitions: Default::default(), boundary_rows: Default::default(), id };
        model.transitions = transitions(&model);
        let [bos, eos] = WordInfo::boundaries();
        model.boundary_rows = [model.word_rows(bos), model.word_rows(eos)];
        model
    }

    /// Integer sum of the rows of `features`.
    fn sum(&self, features: &[u64], acc: &mut [i32; N_TAGS]) {
        for f in features {
            if let Some(row) = self.rows.get(f) {
                for (a, &w) in acc.iter_mut().zip(row) {
                    *a += w as i32;
                }
            }
        }
    }

    /// The scores of a word in each role.
    fn word_rows(&self, word: &WordInfo) -> WordRows {
        let mut buf = Vec::with_capacity(24);
        std::array::from_fn(|role| {
            buf.clear();
            word.role_features(role, &mut buf);
            let mut acc = [0i32; N_TAGS];
            self.sum(&buf, &mut acc);
            acc
        })
    }

    /// A model from float weight rows, quantised to 16 bits.
    pub fn from_rows(rows: impl IntoIterator<Item = (u64, [f32; N_TAGS])>) -> Model {
        let rows: Vec<(u64, [f32; N_TAGS])> = rows.into_iter().collect();
        let max = rows.iter().flat_map(|(_, r)| r.iter()).fold(0f32, |m, &w| m.max(w.abs()));
        let scale = if max > 0.0 { max / i16::MAX as f32 } else { 1.0 };
        let quantised = rows.iter().map(|(h, row)| (*h, row.map(|w| (w / scale).round() as i16))).collect();
        Model::assemble(quantised, scale)
    }

    /// Number of feature rows.
    pub fn n_features(&self) -> usize {
        self.rows.len()
    }

    /// Serialises the model (little-endian; rows sorted by hash, so the bytes are deterministic).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut rows: Vec<(&u64, &[i16; N_TAGS])> = self.rows.iter().collect();
        rows.sort_unstable_by_key(|(h, _)| **h);
        let mut out = Vec::with_capacity(24 + rows.len() * (8 + 2 * N_TAGS));
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(N_TAGS as u32).to_le_bytes());
        out.extend_from_slice(&self.scale.to_le_bytes());
        out.extend_from_slice(&(rows.len() as u64).to_le_bytes());
        for (h, _) in &rows {
            out.extend_from_slice(&h.to_le_bytes());
        }
        for (_, row) in &rows {
            for w in row.iter() {
                out.extend_from_slice(&w.to_le_bytes());
            }
        }
        out
    }

    /// Reads a model written by [`Model::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Model> {
        let bad = |m: &str| Error::BadModel(m.to_string());
        if bytes.len() < 24 || &bytes[..8] != MAGIC {
            return Err(bad("not a comention tagger model (wrong magic number)"));
        }
        let n_tags = u32::from_le_bytes(bytes[8..12].try_into().unwrap()) as usize;
        if n_tags != N_TAGS {
            return Err(bad(&format!("model has {n_tags} tags, this version expects {N_TAGS}")));
        }
        let scale = f32::from_le_bytes(bytes[12..16].try_into().unwrap());
        let n = u64::from_le_bytes(bytes[16..24].try_into().unwrap()) as usize;
        let need = n.checked_mul(8 + 2 * N_TAGS).and_then(|x| x.checked_add(24));
        if need != Some(bytes.len()) {
            return Err(bad("model file is truncated or has trailing bytes"));
        }
        let hashes = bytes[24..24 + 8 * n].chunks_exact(8);
        let weights = bytes[24 + 8 * n..].chunks_exact(2 * N_TAGS);
        let rows = hashes
            .zip(weights)
            .map(|(h, w)| {
                let row: [i16; N_TAGS] = std::array::from_fn(|t| i16::from_le_bytes([w[2 * t], w[2 * t + 1]]));
                (u64::from_le_bytes(h.try_into().unwrap()), row)
            })
            .collect();
        Ok(Model::assemble(rows, scale))
    }
}

impl Scorer for Model {
    fn scores(&self, features: &[u64]) -> [f32; N_TAGS] {
        let mut acc = [0i32; N_TAGS];
        self.sum(features, &mut acc);
        acc.map(|a| a as f32 * self.scale)
    }

    fn emissions(&self, feats: &SentenceFeatures, history: &History) -> Vec<[f32; N_TAGS]> {
        let mut out = Vec::new();
        self.emissions_into(feats, history, &mut out);
        out
    }
}

impl Model {
    /// The emission scores of a sentence's tokens, written into `out`: as the default
    /// [`Scorer::emissions`], but each word's features in each role are summed once per
    /// thread and word (integer sums, so the scores are exactly the same), since most of a
    /// token's features are those of the words around it.
    fn emissions_into(&self, feats: &SentenceFeatures, history: &History, out: &mut Vec<[f32; N_TAGS]>) {
        let n = feats.n_words();
        out.clear();
        WORD_ROWS.with(|cache| {
            let cache = &mut *cache.borrow_mut();
            let (slots, generation) = feats.slots();
            if cache.model != self.id || cache.generation != generation || cache.rows.len() > WORD_ROWS_LIMIT {
                *cache = RowCache { model: self.id, generation, ..RowCache::default() };
            }
            let RowCache { row_of, rows, sentence, features, .. } = cache;
            // Each word's row, computed on first sight.
            sentence.clear();
            sentence.extend(feats.words().iter().zip(slots).map(|(word, &slot)| {
                let slot = slot as usize;
                if slot >= row_of.len() {
                    row_of.resize(slot + 1, NO_ROW);
                }
                if row_of[slot] == NO_ROW {
                    rows.push(self.word_rows(word));
                    row_of[slot] = rows.len() as u32 - 1;
                }
                row_of[slot]
            }));
            let rows_at = |k: isize| match usize::try_from(k) {
                Err(_) => &self.boundary_rows[0],
                Ok(k) if k >= n => &self.boundary_rows[1],
                Ok(k) => &rows[sentence[k] as usize],
            };
            out.extend((0..n).map(|i| {
                if !feats.is_scored(i) {
                    return ONLY_O;
                }
                feats.context(i, history, features);
                let mut acc = [0i32; N_TAGS];
                self.sum(features, &mut acc);
                let i = i as isize;
                for (role, k) in [i, i - 1, i + 1, i - 2, i + 2].into_iter().enumerate() {
                    for (a, &w) in acc.iter_mut().zip(&rows_at(k)[role]) {
                        *a += w;
                    }
                }
                acc.map(|a| a as f32 * self.scale)
            }));
        })
    }
}

impl Model {
    /// Summed tag scores for a feature set.
    pub fn scores(&self, features: &[u64]) -> [f32; N_TAGS] {
        Scorer::scores(self, features)
    }

    /// Tags a lone sentence (see [`Model::decode_document`]).
    pub fn decode(&self, words: &[&str]) -> Vec<Decision> {
        self.decode_document(&[words]).pop().unwrap_or_default()
    }

    /// Tags the sentences of one document in order, each by Viterbi decoding under the BILOU
    /// constraints; the labels given to a word in earlier sentences are features.
    pub fn decode_document<S: AsRef<[W]>, W: AsRef<str>>(&self, sentences: &[S]) -> Vec<Vec<Decision>> {
        self.decode_document_for(sentences, |_| true)
    }

    /// [`Model::decode_document`] with the confidence of entity tokens only (0 for O): what
    /// tagging a document reads, as a mention's score is its words' mean confidence.
    pub(crate) fn decode_entities<S: AsRef<[W]>, W: AsRef<str>>(&self, sentences: &[S]) -> Vec<Vec<Decision>> {
        self.decode_document_for(sentences, |t| t != Tag::O)
    }

    fn decode_document_for<S: AsRef<[W]>, W: AsRef<str>>(&self, sentences: &[S], wanted: impl Fn(Tag) -> bool + Copy) -> Vec<Vec<Decision>> {
        let mut words: Vec<&str> = Vec::new();
        // The thread's buffers, taken for this document (a nested call would find empty ones).
        let mut buffers = DECODE_BUFFERS.with(|b| std::mem::take(&mut *b.borrow_mut()));
        let DecodeBuffers { history, feats, emissions, before } = &mut buffers;
        history.clear();
        let decisions = sentences
            .iter()
            .map(|s| {
                // A long document must stay interruptible (time limits, Ctrl-C).
                crate::budget::check();
                words.clear();
                words.extend(s.as_ref().iter().map(AsRef::as_ref));
                feats.fill_pruned(&words);
                self.emissions_into(feats, history, emissions);
                let out = viterbi_with(&self.transitions, emissions, before, wanted);
                history.record(feats, out.iter().map(|d| d.tag));
                out
            })
            .collect();
        // Kept for the next document unless a pathological sentence made them large.
        if before.capacity() <= DECODE_BUFFERS_LIMIT {
            DECODE_BUFFERS.with(|b| *b.borrow_mut() = buffers);
        }
        decisions
    }
}

/// Buffers a thread's decoding reuses from document to document: made anew for each one,
/// they grew by doubling through its first sentences, a reallocation and a copy each time.
#[derive(Default)]
struct DecodeBuffers {
    history: History,
    feats: SentenceFeatures,
    emissions: Vec<[f32; N_TAGS]>,
    before: Vec<[f32; N_TAGS]>,
}

/// Tokens of the longest sentence whose buffers a thread keeps.
const DECODE_BUFFERS_LIMIT: usize = 1 << 12;

thread_local! {
    static DECODE_BUFFERS: std::cell::RefCell<DecodeBuffers> = std::cell::RefCell::new(DecodeBuffers::default());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tag::decode::viterbi;

    #[test]
    fn bytes_round_trip_and_bad_input() {
        let mut row = [0f32; N_TAGS];
        row[3] = 1.5;
        row[0] = -0.25;
        let m = Model::from_rows([(42u64, row), (7u64, [0.5; N_TAGS])]);
        let b = m.to_bytes();
        let m2 = Model::from_bytes(&b).unwrap();
        assert_eq!(m2.to_bytes(), b);
        assert!((m2.scores(&[42])[3] - 1.5).abs() < 1e-3);
        assert!(Model::from_bytes(&b[..b.len() - 1]).is_err());
        assert!(Model::from_bytes(b"junk").is_err());
    }

    #[test]
    fn cached_word_scores_equal_feature_by_feature_scores() {
        // The default `emissions` sums every feature; the model's own sums words once per role.
        struct Plain<'a>(&'a Model);
        impl Scorer for Plain<'_> {
            fn scores(&self, features: &[u64]) -> [f32; N_TAGS] {
                self.0.scores(features)
            }
        }
        let model = crate::tag::default_model();
        let mut history = History::default();
        let sentences = [vec!["Wang", "Yi", "met", "Sergei", "Lavrov", "in", "Moscow", "."], vec!["Wang", "said", "<s>", "."], vec!["X"]];
        for words in sentences.iter().chain([&vec!["he", "said", "talks", "in", "Moscow", "went", "on", "and", "on", "."]]) {
            let mut feats = SentenceFeatures::new(words);
            let fast = model.emissions(&feats, &history);
            assert_eq!(fast, Plain(model).emissions(&feats, &history));
            // Pruned for decoding, a plain run scores O alone; the other tokens as before.
            feats.fill_pruned(words);
            let pruned = model.emissions(&feats, &history);
            assert_eq!(pruned, Plain(model).emissions(&feats, &history));
            for (i, (p, f)) in pruned.iter().zip(&fast).enumerate() {
                assert_eq!(p, if feats.is_scored(i) { f } else { &ONLY_O }, "{words:?} {i}");
            }
            history.record(&feats, viterbi(&model.transitions, &fast).iter().map(|d| d.tag));
        }
        assert!(model.decode(&["he", "said", "talks", "went", "on", "and", "on", "."]).iter().all(|d| d.tag == Tag::O && d.confidence == 1.0));
    }

    #[test]
    fn entity_decoding_keeps_tags_and_entity_confidences() {
        let model = crate::tag::default_model();
        let doc = [vec!["Wang", "Yi", "met", "Sergei", "Lavrov", "in", "Moscow", "."], vec!["The", "European", "Union", "said", "Wang", "left", "."]];
        let (all, entities) = (model.decode_document(&doc), model.decode_entities(&doc));
        let pairs: Vec<(&Decision, &Decision)> = all.iter().flatten().zip(entities.iter().flatten()).collect();
        assert_eq!(pairs.len(), 15);
        assert!(pairs.iter().any(|(a, _)| a.tag != Tag::O) && pairs.iter().any(|(a, _)| a.tag == Tag::O));
        for (a, e) in pairs {
            assert_eq!(a.tag, e.tag);
            assert_eq!(e.confidence, if a.tag == Tag::O { 0.0 } else { a.confidence });
        }
    }

    #[test]
    fn a_document_is_tagged_alike_after_others_on_the_same_thread() {
        // The thread keeps its decoding buffers from one document to the next: the labels an
        // earlier document gave ("Dole" as a person) must not reach the next one.
        let model = crate::tag::default_model();
        let earlier = [vec!["Senator", "Bob", "Dole", "spoke", "."], vec!["Dole", "won", "."]];
        let later = [vec!["Dole", "fell", "3", "pct", "."], vec!["Dole", "said", "."]];
        let alone = std::thread::scope(|s| s.spawn(|| model.decode_document(&later)).join().unwrap());
        let _ = model.decode_document(&earlier);
        assert_eq!(model.decode_document(&later), alone);
    }

    #[test]
    fn features_from_another_thread_find_their_own_word_scores() {
        // Word slots belong to the thread that filled the features: another thread's cache,
        // already holding rows for other words at the same slots, must not lend them.
        let model = crate::tag::default_model();
        let none = History::default();
        let _ = model.emissions(&SentenceFeatures::new(&["Reuters", "reported", "from", "Oslo", "."]), &none);
        let words = ["Angela", "Merkel", "visited", "Paris", "."];
        let feats = std::thread::spawn(move || SentenceFeatures::new(&words)).join().unwrap();
        let expected: Vec<[f32; N_TAGS]> = (0..words.len())
            .map(|i| {
                let mut buf = Vec::new();
                feats.token(i, &none, &mut buf);
                model.scores(&buf)
            })
            .collect();
        assert_eq!(model.emissions(&feats, &none), expected);
    }
}
