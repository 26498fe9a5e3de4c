//! Results as Arrow record batches, with offsets in code points (what Python's `str` counts).
//!
//! Low-cardinality string columns (ids repeated per mention, labels, entity names) are
//! dictionary-encoded so they reach pandas as Categoricals.

use std::sync::Arc;

use arrow_array::builder::{Float32Builder, StringBuilder, StringDictionaryBuilder, UInt32Builder, UInt64Builder};
use arrow_array::types::Int32Type;
use arrow_array::{Array, ArrayRef, Float64Array, RecordBatch, StructArray, UInt64Array};
use arrow_schema::{ArrowError, DataType, Field, Schema};

use crate::doc::Document;
use crate::error::{Error, Result};
use crate::stats::Cooccurrence;

type Dict = StringDictionaryBuilder<Int32Type>;

/// Converts byte offsets into `text` to code-point offsets (one pass, any order).
pub fn char_offsets(text: &str, bytes: &[usize]) -> Vec<usize> {
    if text.is_ascii() {
        return bytes.to_vec();
    }
    let mut order: Vec<usize> = (0..bytes.len()).collect();
    order.sort_by_key(|&i| bytes[i]);
    let mut out = vec![0; bytes.len()];
    let (mut at_byte, mut at_char) = (0usize, 0usize);
    for i in order {
        let b = bytes[i].min(text.len());
        if b > at_byte {
            at_char += text[at_byte..b].chars().count();
            at_byte = b;
        }
        out[i] = at_char;
    }
    out
}

/// Code-point `(start, end)` of byte spans of `text`.
fn char_spans(text: &str, spans: impl Iterator<Item = crate::doc::Span>) -> Vec<(u64, u64)> {
    let bytes: Vec<usize> = spans.flat_map(|s| [s.start, s.end]).collect();
    char_offsets(text, &bytes).chunks_exact(2).map(|c| (c[0] as u64, c[1] as u64)).collect()
}

fn batch(columns: Vec<(&str, ArrayRef)>) -> RecordBatch {
    let fields: Vec<Field> = columns.iter().map(|(n, a)| Field::new(*n, a.data_type().clone(), true)).collect();
    let arrays = columns.into_iter().map(|(_, a)| a).collect();
    RecordBatch::try_new(Arc::new(Schema::new(fields)), arrays).expect("columns are built with equal lengths")
}

fn arc<A: Array + 'static>(a: A) -> ArrayRef {
    Arc::new(a)
}

/// One row per document: metadata, cleaned text, sizes and any error.
pub fn documents(docs: &[Document]) -> RecordBatch {
    let mut id = StringBuilder::new();
    let mut title = StringBuilder::new();
    let mut date = StringBuilder::new();
    let mut source = Dict::new();
    let mut place = StringBuilder::new();
    let mut text = StringBuilder::new();
    let (mut n_sent, mut n_tok, mut n_men, mut n_rem) = (UInt32Builder::new(), UInt32Builder::new(), UInt32Builder::new(), UInt32Builder::new());
    let mut error = StringBuilder::new();
    for d in docs {
        id.append_value(&d.id);
        title.append_option(d.meta.title.as_deref());
        date.append_option(d.meta.date.as_deref());
        source.append_option(d.meta.source.as_deref());
        place.append_option(d.meta.place.as_deref());
        text.append_value(&d.clean);
        n_sent.append_value(d.sentences.len() as u32);
        n_tok.append_value(d.tokens.len() as u32);
        n_men.append_value(d.mentions.len() as u32);
        n_rem.append_value(d.removed.len() as u32);
        error.append_option(d.error.as_deref());
    }
    batch(vec![
        ("doc_id", arc(id.finish())),
        ("title", arc(title.finish())),
        ("date", arc(date.finish())),
        ("source", arc(source.finish())),
        ("place", arc(place.finish())),
        ("text", arc(text.finish())),
        ("n_sentences", arc(n_sent.finish())),
        ("n_tokens", arc(n_tok.finish())),
        ("n_mentions", arc(n_men.finish())),
        ("n_removed", arc(n_rem.finish())),
        ("error", arc(error.finish())),
    ])
}

/// One row per removed stretch of input: the audit of the cleaner.
pub fn removals(docs: &[Document]) -> RecordBatch {
    let (mut id, mut rule) = (Dict::new(), Dict::new());
    let (mut start, mut end) = (UInt64Builder::new(), UInt64Builder::new());
    let mut text = StringBuilder::new();
    for d in docs {
        let chars = char_spans(&d.raw, d.removed.iter().map(|r| r.raw));
        for (r, (s, e)) in d.removed.iter().zip(chars) {
            id.append_value(&d.id);
            rule.append_value(r.rule);
            start.append_value(s);
            end.append_value(e);
            text.append_value(r.raw.slice(&d.raw));
        }
    }
    batch(vec![
        ("doc_id", arc(id.finish())),
        ("rule", arc(rule.finish())),
        ("raw_start", arc(start.finish())),
        ("raw_end", arc(end.finish())),
        ("text", arc(text.finish())),
    ])
}

/// One row per mention, with cleaned and raw offsets in code points.
pub fn mentions(docs: &[Document]) -> RecordBatch {
    let (mut id, mut label, mut entity) = (Dict::new(), Dict::new(), Dict::new());
    let mut sentence = UInt32Builder::new();
    let (mut start, mut end, mut raw_start, mut raw_end) = (UInt64Builder::new(), UInt64Builder::new(), UInt64Builder::new(), UInt64Builder::new());
    let mut text = StringBuilder::new();
    let mut score = Float32Builder::new();
    for d in docs {
        let clean = char_spans(&d.clean, d.mentions.iter().map(|m| m.clean));
        let raw = char_spans(&d.raw, d.mentions.iter().map(|m| m.raw));
        for ((m, (s, e)), (rs, re)) in d.mentions.iter().zip(clean).zip(raw) {
            id.append_value(&d.id);
            sentence.append_value(m.sentence as u32);
            start.append_value(s);
            end.append_value(e);
            raw_start.append_value(rs);
            raw_end.append_value(re);
            text.append_value(&m.text);
            label.append_value(m.label.as_str());
            entity.append_value(&m.entity);
            score.append_value(m.score);
        }
    }
    batch(vec![
        ("doc_id", arc(id.finish())),
        ("sentence", arc(sentence.finish())),
        ("start", arc(start.finish())),
        ("end", arc(end.finish())),
        ("raw_start", arc(raw_start.finish())),
        ("raw_end", arc(raw_end.finish())),
        ("text", arc(text.finish())),
        ("label", arc(label.finish())),
        ("entity", arc(entity.finish())),
        ("score", arc(score.finish())),
    ])
}

/// One row per entity: its majority label and how often it is mentioned.
pub fn entities(counts: &Cooccurrence) -> RecordBatch {
    let mut name = StringBuilder::new();
    let mut label = Dict::new();
    let (mut mentions, mut documents, mut contexts) = (UInt64Builder::new(), UInt64Builder::new(), UInt64Builder::new());
    for (n, t) in counts.entities() {
        name.append_value(n);
        label.append_value(t.label().as_str());
        mentions.append_value(t.mentions);
        documents.append_value(t.documents);
        contexts.append_value(t.contexts);
    }
    batch(vec![
        ("entity", arc(name.finish())),
        ("label", arc(label.finish())),
        ("n_mentions", arc(mentions.finish())),
        ("n_documents", arc(documents.finish())),
        ("n_contexts", arc(contexts.finish())),
    ])
}

/// One row per co-mentioned pair with at least `min_count` shared contexts.
pub fn edges(counts: &Cooccurrence, min_count: u64) -> RecordBatch {
    let edges = counts.edges(min_count);
    let (mut a, mut b) = (Dict::new(), Dict::new());
    for e in &edges {
        a.append_value(&e.a);
        b.append_value(&e.b);
    }
    let col = |f: &dyn Fn(&crate::stats::Edge) -> u64| arc(UInt64Array::from_iter_values(edges.iter().map(f)));
    let fcol = |f: &dyn Fn(&crate::stats::Edge) -> f64| arc(Float64Array::from_iter_values(edges.iter().map(f)));
    batch(vec![
        ("source", arc(a.finish())),
        ("target", arc(b.finish())),
        ("n_ab", col(&|e| e.counts.n_ab)),
        ("n_a", col(&|e| e.counts.n_a)),
        ("n_b", col(&|e| e.counts.n_b)),
        ("n", col(&|e| e.counts.n)),
        ("pmi", fcol(&|e| e.measures.pmi)),
        ("npmi", fcol(&|e| e.measures.npmi)),
        ("g2", fcol(&|e| e.measures.g2)),
    ])
}

/// The batch as the two C structures of the Arrow C data interface (a struct array).
pub fn export(batch: RecordBatch) -> Result<(arrow_array::ffi::FFI_ArrowSchema, arrow_array::ffi::FFI_ArrowArray)> {
    let data = StructArray::from(batch).into_data();
    let (array, schema) = arrow_array::ffi::to_ffi(&data).map_err(|e: ArrowError| Error::InvalidArgument(e.to_string()))?;
    Ok((schema, array))
}

/// The schema of a batch, for checking column types in tests.
pub fn data_types(batch: &RecordBatch) -> Vec<(String, DataType)> {
    batch.schema().fields().iter().map(|f| (f.name().clone(), f.data_type().clone())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_count_code_points() {
        let t = "Café ’s Wang";
        let b = t.find("Wang").unwrap();
        assert_eq!(char_offsets(t, &[b, 0, t.len()]), vec![8, 0, 12]);
    }
}
