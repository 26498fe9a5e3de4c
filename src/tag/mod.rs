//! Stage 3: named-entity tagging of the segmented text.

pub mod conll;
mod features;
pub mod labels;
mod model;
pub mod train;

pub use model::{Decision, Model};

use std::sync::OnceLock;

use crate::doc::{Document, Mention, Span};
use labels::{spans, Tag};

/// The model shipped with the package, trained on CoNLL-2003 train (see README).
static DEFAULT_MODEL_BYTES: &[u8] = include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/ner.bin"));

/// The built-in model, loaded once per process.
pub fn default_model() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| Model::from_bytes(DEFAULT_MODEL_BYTES).expect("the embedded model is valid"))
}

/// Entity spans `(start, end, label, confidence)` for one tokenised sentence.
pub fn tag_words(model: &Model, words: &[&str]) -> Vec<(usize, usize, crate::doc::Label, f32)> {
    let decisions = model.decode(words);
    let tags: Vec<Tag> = decisions.iter().map(|d| d.tag).collect();
    spans(&tags)
        .into_iter()
        .map(|(s, e, l)| {
            let conf = decisions[s..e].iter().map(|d| d.confidence).sum::<f32>() / (e - s) as f32;
            (s, e, l, conf)
        })
        .collect()
}

/// Fills `mentions` (without entities) from the document's sentences.
pub fn tag(doc: &mut Document, model: &Model) {
    let mut mentions = Vec::new();
    for (si, sent) in doc.sentences.iter().enumerate() {
        let (a, b) = sent.tokens;
        let words: Vec<&str> = (a..b).map(|i| doc.token_text(i)).collect();
        for (s, e, label, score) in tag_words(model, &words) {
            let clean = Span::new(doc.tokens[a + s].span.start, doc.tokens[a + e - 1].span.end);
            mentions.push(Mention {
                clean,
                raw: doc.offsets.span_to_raw(clean),
                text: clean.slice(&doc.clean).to_string(),
                label,
                score,
                sentence: si,
                entity: String::new(),
            });
        }
    }
    doc.mentions = mentions;
}
