//! Stage 3: named-entity tagging of the segmented text.

pub(crate) mod apposition;
pub mod clusters;
pub mod conll;
mod decode;
pub mod exchange;
pub mod gazetteer;
mod features;
pub mod labels;
mod model;
mod spans;
pub mod train;
pub mod watchlist;

pub use model::{Decision, Model};
pub(crate) use spans::mention_spans;

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

/// Entity spans of a decoded sentence, each with the mean confidence of its words.
fn scored_spans(decisions: &[Decision]) -> Vec<(usize, usize, crate::doc::Label, f32)> {
    let tags: Vec<Tag> = decisions.iter().map(|d| d.tag).collect();
    spans(&tags)
        .into_iter()
        .map(|(s, e, l)| {
            let conf = decisions[s..e].iter().map(|d| d.confidence).sum::<f32>() / (e - s) as f32;
            (s, e, l, conf)
        })
        .collect()
}

/// Fills `mentions` (without entities) from the document's sentences, tagged as one document.
pub fn tag(doc: &mut Document, model: &Model) {
    let words: Vec<&str> = (0..doc.tokens.len()).map(|i| doc.token_text(i)).collect();
    let sentences: Vec<&[&str]> = doc.sentences.iter().map(|s| &words[s.tokens.0..s.tokens.1]).collect();
    let decisions = model.decode_entities(&sentences);
    let mut mentions = Vec::new();
    for (si, (sent, decisions)) in doc.sentences.iter().zip(decisions).enumerate() {
        let a = sent.tokens.0;
        for (s, e, label, score) in mention_spans(scored_spans(&decisions), &words[a..sent.tokens.1]) {
            let clean = Span::new(doc.tokens[a + s].span.start, doc.tokens[a + e - 1].span.end);
            mentions.push(Mention {
                clean,
                raw: doc.offsets.span_to_raw(clean),
                text: clean.slice(&doc.clean).to_string(),
                label,
                score,
                sentence: si,
                tokens: (a + s, a + e),
                entity: String::new(),
            });
        }
    }
    propagate_names(doc, &mut mentions);
    apposition::type_by_apposition(&words, &mut mentions);
    doc.mentions = mentions;
}

/// Confidence given to mentions found by name propagation rather than by the model.
const PROPAGATED_SCORE: f32 = 0.5;

/// Tags words the model missed that repeat part of a person's full name found elsewhere in
/// the document ("Wang" after "Wang Yi"): a document names a person consistently, while
/// a sentence alone (a bare surname opening it) is often too little evidence for the model.
/// A word that also appears in lower case in the document ("will", "young") is never propagated.
fn propagate_names(doc: &Document, mentions: &mut Vec<Mention>) {
    let mut names: Vec<&str> = Vec::new();
    for m in mentions.iter().filter(|m| m.label == crate::doc::Label::Per) {
        let words: Vec<&str> = m.text.split_whitespace().collect();
        if words.len() > 1 {
            names.push(words[0]);
            names.push(words[words.len() - 1]);
        }
    }
    names.retain(|w| w.chars().count() > 1 && w.chars().next().is_some_and(char::is_uppercase) && !crate::lexicon::is_person_title(w));
    if names.is_empty() {
        return;
    }
    names.sort_unstable();
    names.dedup();
    // The few names' lower-case forms, looked for among the document's words (cheaper than
    // a set of every lower-case word).
    let lowered: Vec<String> = names.iter().map(|w| w.to_lowercase()).collect();
    let mut in_lower_case = vec![false; names.len()];
    let mut first_bytes = [false; 256];
    for l in &lowered {
        first_bytes[l.as_bytes()[0] as usize] = true;
    }
    for i in 0..doc.tokens.len() {
        let t = doc.token_text(i);
        if !t.as_bytes().first().is_some_and(|&b| first_bytes[b as usize]) {
            continue;
        }
        for (seen, l) in in_lower_case.iter_mut().zip(&lowered) {
            *seen |= l == t && !t.chars().any(char::is_uppercase);
        }
    }
    let mut k = 0;
    names.retain(|_| {
        k += 1;
        !in_lower_case[k - 1]
    });
    let mut covered = vec![false; doc.tokens.len()];
    for m in mentions.iter() {
        covered[m.tokens.0..m.tokens.1].iter_mut().for_each(|c| *c = true);
    }
    let mut added = Vec::new();
    for (si, sent) in doc.sentences.iter().enumerate() {
        for i in sent.tokens.0..sent.tokens.1 {
            let text = doc.token_text(i);
            let next_is_name = i + 1 < sent.tokens.1 && doc.token_text(i + 1).chars().next().is_some_and(char::is_uppercase);
            if covered[i] || next_is_name || names.binary_search(&text).is_err() {
                continue;
            }
            let clean = doc.tokens[i].span;
            added.push(Mention {
                clean,
                raw: doc.offsets.span_to_raw(clean),
                text: text.to_string(),
                label: crate::doc::Label::Per,
                score: PROPAGATED_SCORE,
                sentence: si,
                tokens: (i, i + 1),
                entity: String::new(),
            });
        }
    }
    if !added.is_empty() {
        mentions.extend(added);
        mentions.sort_by_key(|m| (m.clean.start, m.clean.end));
    }
}
