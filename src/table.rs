//! Results as Arrow record batches, with offsets in code points (what Python's `str` counts).
//!
//! Low-cardinality string columns (ids repeated per mention, labels, entity names) are
//! dictionary-encoded so they reach pandas as Categoricals.

use std::sync::Arc;

use arrow_array::builder::{LargeStringBuilder, ListBuilder, UInt32Builder, UInt64Builder};
use arrow_array::types::Int32Type;
use arrow_array::{
    Array, ArrayRef, BooleanArray, Date32Array, DictionaryArray, Float32Array, Float64Array, Int32Array, RecordBatch, StringArray, StructArray, UInt32Array,
    UInt64Array,
};
use arrow_schema::{ArrowError, DataType, Field, Schema};

use crate::doc::{Document, Label};
use crate::resolve::Links;
use crate::error::{Error, Result};
use crate::stats::{Cooccurrence, EdgeOptions, Example, Factorizer, Texts, MEASURE_NAMES};
use rustc_hash::FxHashMap;
use std::collections::HashMap;

/// A dictionary-encoded string column (keys in order of first appearance, as Arrow's builder
/// gives them) that borrows its values: a caller that knows a row's key already (a document's
/// id on each of its mentions) pushes it without hashing the string again.
#[derive(Default)]
struct Dict<'a> {
    index: FxHashMap<&'a str, i32>,
    values: Vec<&'a str>,
    keys: Vec<i32>,
    /// Validity of each row, kept from the first missing value on.
    valid: Option<Vec<bool>>,
}

impl<'a> Dict<'a> {
    /// Room for `rows` rows and about `values` distinct values.
    fn with_capacity(rows: usize, values: usize) -> Self {
        let index = FxHashMap::with_capacity_and_hasher(values, Default::default());
        Dict { index, values: Vec::with_capacity(values), keys: Vec::with_capacity(rows), valid: None }
    }

    /// The key of `value`, added to the dictionary if new.
    fn key(&mut self, value: &'a str) -> i32 {
        let next = self.values.len() as i32;
        *self.index.entry(value).or_insert_with(|| {
            self.values.push(value);
            next
        })
    }

    /// Appends a row by its key.
    fn push(&mut self, key: i32) {
        self.keys.push(key);
        if let Some(valid) = &mut self.valid {
            valid.push(true);
        }
    }

    /// Appends a row by its value.
    fn append_value(&mut self, value: &'a str) {
        let key = self.key(value);
        self.push(key);
    }

    /// Appends a row that may be missing.
    fn append_option(&mut self, value: Option<&'a str>) {
        match value {
            Some(v) => self.append_value(v),
            None => {
                let rows = self.keys.len();
                self.valid.get_or_insert_with(|| vec![true; rows]).push(false);
                self.keys.push(0);
            }
        }
    }

    fn finish(self) -> DictionaryArray<Int32Type> {
        let keys = Int32Array::new(self.keys.into(), self.valid.map(|v| v.into()));
        DictionaryArray::try_new(keys, Arc::new(StringArray::from(self.values))).expect("keys index the values")
    }
}

/// A dictionary column of entity labels, each label's key found without hashing.
struct Labels {
    dict: Dict<'static>,
    keys: [Option<i32>; Label::ALL.len()],
}

impl Labels {
    fn with_capacity(rows: usize) -> Self {
        Labels { dict: Dict::with_capacity(rows, Label::ALL.len()), keys: Default::default() }
    }

    fn append(&mut self, label: Label) {
        let key = *self.keys[label as usize].get_or_insert_with(|| self.dict.key(label.as_str()));
        self.dict.push(key);
    }

    fn finish(self) -> DictionaryArray<Int32Type> {
        self.dict.finish()
    }
}

/// Code-point `(start, end)` of byte spans of `text`, into `out` (cleared first). In ASCII
/// text, most news, byte offsets are the code-point offsets: no lists are made, so a buffer
/// kept across documents allocates nothing (per-document lists were a sixth of the mention
/// table's instructions).
fn char_spans_into(text: &str, spans: impl Iterator<Item = crate::doc::Span>, out: &mut Vec<(u64, u64)>) {
    out.clear();
    if text.is_ascii() {
        out.extend(spans.map(|s| (s.start as u64, s.end as u64)));
        return;
    }
    let bytes: Vec<usize> = spans.flat_map(|s| [s.start, s.end]).collect();
    out.extend(crate::doc::char_offsets(text, &bytes).chunks_exact(2).map(|c| (c[0] as u64, c[1] as u64)));
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
    let mut id = LargeStringBuilder::new();
    let mut title = LargeStringBuilder::new();
    let mut date = LargeStringBuilder::new();
    let mut source = Dict::default();
    let mut place = LargeStringBuilder::new();
    let mut author = LargeStringBuilder::new();
    let mut text = LargeStringBuilder::new();
    let (mut n_par, mut n_sent, mut n_tok) = (UInt32Builder::new(), UInt32Builder::new(), UInt32Builder::new());
    let (mut n_men, mut n_rem) = (UInt32Builder::new(), UInt32Builder::new());
    let mut error = LargeStringBuilder::new();
    for d in docs {
        id.append_value(&d.id);
        title.append_option(d.meta.title.as_deref());
        date.append_option(d.meta.date.as_deref());
        source.append_option(d.meta.source.as_deref());
        place.append_option(d.meta.place.as_deref());
        author.append_option(d.meta.author.as_deref());
        text.append_value(&d.clean);
        n_par.append_value(d.paragraphs.len() as u32);
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
        ("author", arc(author.finish())),
        ("text", arc(text.finish())),
        ("n_paragraphs", arc(n_par.finish())),
        ("n_sentences", arc(n_sent.finish())),
        ("n_tokens", arc(n_tok.finish())),
        ("n_mentions", arc(n_men.finish())),
        ("n_removed", arc(n_rem.finish())),
        ("error", arc(error.finish())),
    ])
}

/// One row per removed stretch of input: the audit of the cleaner.
pub fn removals(docs: &[Document]) -> RecordBatch {
    let (mut id, mut rule) = (Dict::default(), Dict::default());
    let (mut start, mut end) = (UInt64Builder::new(), UInt64Builder::new());
    let mut text = LargeStringBuilder::new();
    let mut chars = Vec::new();
    for d in docs {
        char_spans_into(&d.raw, d.removed.iter().map(|r| r.raw), &mut chars);
        for (r, &(s, e)) in d.removed.iter().zip(&chars) {
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

/// One row per mention, with cleaned and raw offsets in code points, and entities as the
/// cross-document links (if any) name them.
pub fn mentions(docs: &[Document], links: Option<&Links>) -> RecordBatch {
    let rows: usize = docs.iter().map(|d| d.mentions.len()).sum();
    // Room for distinct entities up to half the mentions (3,000 Reuters documents: 8,594 of 25,971).
    let (mut id, mut entity) = (Dict::with_capacity(rows, docs.len()), Dict::with_capacity(rows, rows / 2));
    let mut label = Labels::with_capacity(rows);
    // A mention's entity column depends on its entity and label, and on whether a bare name's
    // context-bound link holds in its document: the links are looked up once for each such
    // triple, not once a mention.
    let mut entity_keys: FxHashMap<(&str, Label, bool), (i32, Label)> = FxHashMap::with_capacity_and_hasher(rows / 2, Default::default());
    let (mut sentence, mut paragraph) = (Vec::with_capacity(rows), Vec::with_capacity(rows));
    let (mut token_start, mut token_end) = (Vec::with_capacity(rows), Vec::with_capacity(rows));
    let (mut start, mut end) = (Vec::with_capacity(rows), Vec::with_capacity(rows));
    let (mut raw_start, mut raw_end) = (Vec::with_capacity(rows), Vec::with_capacity(rows));
    let text_bytes = docs.iter().flat_map(|d| &d.mentions).map(|m| m.text.len()).sum();
    let mut text = LargeStringBuilder::with_capacity(rows, text_bytes);
    let mut score = Vec::with_capacity(rows);
    let (mut clean, mut raw) = (Vec::new(), Vec::new());
    for d in docs.iter().filter(|d| !d.mentions.is_empty()) {
        let doc = id.key(&d.id);
        let links = links.map(|l| l.in_document(d));
        char_spans_into(&d.clean, d.mentions.iter().map(|m| m.clean), &mut clean);
        char_spans_into(&d.raw, d.mentions.iter().map(|m| m.raw), &mut raw);
        for ((m, &(s, e)), &(rs, re)) in d.mentions.iter().zip(&clean).zip(&raw) {
            id.push(doc);
            sentence.push(m.sentence as u32);
            paragraph.push(d.sentences.get(m.sentence).map_or(0, |s| s.paragraph as u32));
            token_start.push(m.tokens.0 as u32);
            token_end.push(m.tokens.1 as u32);
            start.push(s);
            end.push(e);
            raw_start.push(rs);
            raw_end.push(re);
            text.append_value(&m.text);
            let held = links.as_ref().is_some_and(|l| l.holds(&m.entity));
            let (k, typed) = *entity_keys.entry((m.entity.as_str(), m.label, held)).or_insert_with(|| {
                let (e, typed) = links.as_ref().map_or((m.entity.as_str(), m.label), |l| l.resolve(&m.entity, m.label));
                (entity.key(e), typed)
            });
            label.append(typed);
            entity.push(k);
            score.push(m.score);
        }
    }
    batch(vec![
        ("doc_id", arc(id.finish())),
        ("sentence", arc(UInt32Array::from(sentence))),
        ("paragraph", arc(UInt32Array::from(paragraph))),
        ("token_start", arc(UInt32Array::from(token_start))),
        ("token_end", arc(UInt32Array::from(token_end))),
        ("start", arc(UInt64Array::from(start))),
        ("end", arc(UInt64Array::from(end))),
        ("raw_start", arc(UInt64Array::from(raw_start))),
        ("raw_end", arc(UInt64Array::from(raw_end))),
        ("text", arc(text.finish())),
        ("label", arc(label.finish())),
        ("entity", arc(entity.finish())),
        ("score", arc(Float32Array::from(score))),
    ])
}

/// One row per entity: its type (`Cooccurrence::label`), how often it is mentioned, and its
/// surface forms (aliases) with their counts, most frequent first.
pub fn entities(counts: &Cooccurrence) -> RecordBatch {
    let rows = counts.names().len();
    let forms = counts.aliases();
    let name_bytes = counts.names().iter().map(String::len).sum();
    let mut name = LargeStringBuilder::with_capacity(rows, name_bytes);
    let mut label = Labels::with_capacity(rows);
    let (mut mentions, mut documents, mut contexts) = (Vec::with_capacity(rows), Vec::with_capacity(rows), Vec::with_capacity(rows));
    let mut related = LargeStringBuilder::new();
    let form_bytes = forms.all().iter().map(|f| f.0.len()).sum();
    let mut aliases = ListBuilder::with_capacity(LargeStringBuilder::with_capacity(forms.all().len(), form_bytes), rows);
    let mut alias_counts = ListBuilder::with_capacity(UInt64Builder::with_capacity(forms.all().len()), rows);
    for id in counts.entity_order() {
        let (n, t) = (counts.name(id), counts.totals(id));
        for &(s, c) in forms.of(id) {
            aliases.values().append_value(s);
            alias_counts.values().append_value(c);
        }
        aliases.append(true);
        alias_counts.append(true);
        name.append_value(n);
        related.append_option(crate::resolve::aliases::related_place(n));
        label.append(counts.label(id));
        mentions.push(t.mentions);
        documents.push(t.documents);
        contexts.push(t.contexts);
    }
    batch(vec![
        ("entity", arc(name.finish())),
        ("label", arc(label.finish())),
        ("n_mentions", arc(UInt64Array::from(mentions))),
        ("n_documents", arc(UInt64Array::from(documents))),
        ("n_contexts", arc(UInt64Array::from(contexts))),
        ("aliases", arc(aliases.finish())),
        ("alias_counts", arc(alias_counts.finish())),
        ("related", arc(related.finish())),
    ])
}

/// One row per co-mentioned pair: counts, every measure, the significance flag, the
/// disparity filter's α and, with a period, the strongest burst. Refused when the table
/// would not fit in the memory left.
pub fn edges(counts: &Cooccurrence, options: &EdgeOptions) -> Result<RecordBatch> {
    let t = counts.edges(options)?;
    // Dictionary values are the names in sorted order: categories then depend only on the
    // counts, not on the order partials were merged in.
    let names: ArrayRef = Arc::new(StringArray::from_iter_values(t.by_name.iter().map(|&i| counts.name(i))));
    let entity_column = |ids: &[u32]| -> ArrayRef {
        let keys = Int32Array::from_iter_values(ids.iter().map(|&i| t.rank[i as usize] as i32));
        Arc::new(DictionaryArray::<Int32Type>::try_new(keys, names.clone()).expect("ids index the names"))
    };
    let len = t.len();
    let burst = |f: fn(&(f64, i32, i32)) -> f64| arc(Float64Array::from_iter(t.burst.iter().map(|b| b.as_ref().map(f))));
    let day = |f: fn(&(f64, i32, i32)) -> i32| arc(Date32Array::from_iter(t.burst.iter().map(|b| b.as_ref().map(f))));
    let mut columns = vec![
        ("source", entity_column(&t.a)),
        ("target", entity_column(&t.b)),
        ("n_ab", arc(UInt64Array::from(t.n_ab))),
        ("n_a", arc(UInt64Array::from(t.n_a))),
        ("n_b", arc(UInt64Array::from(t.n_b))),
        ("n", arc(UInt64Array::from(vec![t.n; len]))),
    ];
    // Vectors become Arrow buffers without a copy; the columns left out are empty.
    let wanted = |name: &str| options.columns.has(name);
    if wanted("weight") {
        columns.push(("weight", arc(UInt64Array::from(t.weight))));
    }
    let mut significant = Some(t.significant);
    for (name, values) in MEASURE_NAMES.into_iter().zip(t.measures) {
        if wanted(name) {
            columns.push((name, arc(Float64Array::from(values))));
        }
        if let Some(flags) = significant.take_if(|_| name == "p_value" && wanted("significant")) {
            columns.push(("significant", arc(BooleanArray::from(flags))));
        }
    }
    if wanted("disparity_alpha") {
        columns.push(("disparity_alpha", arc(Float64Array::from(t.disparity))));
    }
    if counts.options().period.is_some() {
        columns.push(("burst", burst(|b| b.0)));
        columns.push(("burst_start", day(|b| b.1)));
        columns.push(("burst_end", day(|b| b.2)));
    }
    Ok(batch(columns))
}

/// Mentioning contexts per entity and period, with the period's total.
pub fn entity_timeline(counts: &Cooccurrence) -> RecordBatch {
    let totals: HashMap<i32, u64> = counts.periods().into_iter().map(|(p, c, _)| (p, c)).collect();
    let rows = counts.entity_timeline();
    let mut entity = Dict::default();
    for r in &rows {
        entity.append_value(r.1);
    }
    batch(vec![
        ("period", arc(Date32Array::from_iter_values(rows.iter().map(|r| r.0)))),
        ("entity", arc(entity.finish())),
        ("n_contexts", arc(UInt64Array::from_iter_values(rows.iter().map(|r| r.2)))),
        ("n", arc(UInt64Array::from_iter_values(rows.iter().map(|r| totals[&r.0])))),
    ])
}

/// Co-mentions per pair and period, with the period's total contexts.
pub fn pair_timeline(counts: &Cooccurrence, min_count: u64) -> RecordBatch {
    let totals: HashMap<i32, u64> = counts.periods().into_iter().map(|(p, c, _)| (p, c)).collect();
    let rows = counts.pair_timeline(min_count);
    let (mut a, mut b) = (Dict::default(), Dict::default());
    for r in &rows {
        a.append_value(r.1);
        b.append_value(r.2);
    }
    batch(vec![
        ("period", arc(Date32Array::from_iter_values(rows.iter().map(|r| r.0)))),
        ("source", arc(a.finish())),
        ("target", arc(b.finish())),
        ("n_ab", arc(UInt64Array::from_iter_values(rows.iter().map(|r| r.3)))),
        ("n", arc(UInt64Array::from_iter_values(rows.iter().map(|r| totals[&r.0])))),
    ])
}

/// The kept passages of every pair (or of one pair), best first within each pair.
pub fn evidence(counts: &Cooccurrence, pair: Option<(&str, &str)>) -> RecordBatch {
    let rows: Vec<(&str, &str, &Example)> = match pair {
        Some((x, y)) => {
            let (x, y) = if x <= y { (x, y) } else { (y, x) };
            counts.evidence(x, y).iter().map(|e| (x, y, e)).collect()
        }
        None => counts.all_evidence(),
    };
    let (mut a, mut b, mut doc) = (Dict::default(), Dict::default(), Dict::default());
    let mut text = LargeStringBuilder::new();
    let mut rank = UInt32Builder::new();
    let mut prev: Option<(&str, &str)> = None;
    let mut r = 0;
    for &(x, y, e) in &rows {
        r = if prev == Some((x, y)) { r + 1 } else { 1 };
        prev = Some((x, y));
        a.append_value(x);
        b.append_value(y);
        rank.append_value(r);
        doc.append_value(&e.doc);
        text.append_value(&e.text);
    }
    let int = |f: &dyn Fn(&Example) -> u64| arc(UInt64Array::from_iter_values(rows.iter().map(|r| f(r.2))));
    batch(vec![
        ("source", arc(a.finish())),
        ("target", arc(b.finish())),
        ("rank", arc(rank.finish())),
        ("doc_id", arc(doc.finish())),
        ("sentence", arc(UInt32Array::from_iter_values(rows.iter().map(|r| r.2.sentence)))),
        ("distance", arc(UInt32Array::from_iter_values(rows.iter().map(|r| r.2.distance)))),
        ("start", int(&|e| e.clean.0)),
        ("end", int(&|e| e.clean.1)),
        ("raw_start", int(&|e| e.raw.0)),
        ("raw_end", int(&|e| e.raw.1)),
        ("text", arc(text.finish())),
    ])
}

/// The batch as the two C structures of the Arrow C data interface (a struct array).
pub fn export(batch: RecordBatch) -> Result<(arrow_array::ffi::FFI_ArrowSchema, arrow_array::ffi::FFI_ArrowArray)> {
    let data = StructArray::from(batch).into_data();
    let (array, schema) = arrow_array::ffi::to_ffi(&data).map_err(|e: ArrowError| Error::InvalidArgument(e.to_string()))?;
    Ok((schema, array))
}

/// An array handed over through the Arrow C data interface.
///
/// # Safety
/// `array` and `schema` must be a valid, unreleased export (the Arrow C data interface's
/// contract), as a producer such as pyarrow gives them.
pub unsafe fn import(array: arrow_array::ffi::FFI_ArrowArray, schema: &arrow_array::ffi::FFI_ArrowSchema) -> Result<ArrayRef> {
    let data = unsafe { arrow_array::ffi::from_ffi(array, schema) }.map_err(|e| Error::InvalidArgument(format!("not a readable Arrow array: {e}")))?;
    Ok(arrow_array::make_array(data))
}

/// Codes of the values of string arrays one after the other (a chunked column's chunks) by
/// first appearance (-1: missing), and the distinct values (see `stats::factorize`).
pub fn factorize_strings(arrays: &[ArrayRef]) -> Result<(Vec<i32>, Vec<&str>)> {
    use arrow_array::cast::AsArray;
    let mut f = Factorizer::with_capacity(arrays.iter().map(|a| a.len()).sum());
    for array in arrays {
        match array.data_type() {
            DataType::Utf8 => f.extend(array.as_string::<i32>())?,
            DataType::LargeUtf8 => f.extend(array.as_string::<i64>())?,
            DataType::Utf8View => f.extend(array.as_string_view())?,
            other => return Err(Error::InvalidArgument(format!("expected an Arrow string array, not {other}"))),
        }
    }
    Ok(f.finish())
}

/// One Utf8 column named `name` (the values in one buffer), as a batch for export.
pub fn string_column<'a>(name: &str, values: impl IntoIterator<Item = &'a str>) -> RecordBatch {
    batch(vec![(name, arc(StringArray::from_iter_values(values)))])
}

/// An Arrow string array (utf8, large_utf8 or utf8_view) as texts read in place; an error
/// names the column if a value is missing.
pub fn texts(column: &str, array: &ArrayRef) -> Result<Box<dyn Texts + Send>> {
    use arrow_array::cast::AsArray;
    if array.null_count() > 0 {
        return Err(Error::InvalidArgument(format!("{column} has a missing value")));
    }
    Ok(match array.data_type() {
        DataType::Utf8 => Box::new(array.as_string::<i32>().clone()),
        DataType::LargeUtf8 => Box::new(array.as_string::<i64>().clone()),
        DataType::Utf8View => Box::new(array.as_string_view().clone()),
        other => return Err(Error::InvalidArgument(format!("{column}: expected an Arrow string array, not {other}"))),
    })
}

impl<O: arrow_array::OffsetSizeTrait> Texts for arrow_array::GenericStringArray<O> {
    fn len(&self) -> usize {
        Array::len(self)
    }
    fn text(&self, i: usize) -> &str {
        self.value(i)
    }
}

impl Texts for arrow_array::StringViewArray {
    fn len(&self) -> usize {
        Array::len(self)
    }
    fn text(&self, i: usize) -> &str {
        self.value(i)
    }
}

/// One Int32 column named `name`, as a batch for export.
pub fn int32_column(name: &str, values: Vec<i32>) -> RecordBatch {
    batch(vec![(name, arc(Int32Array::from(values)))])
}

/// The schema of a batch, for checking column types in tests.
pub fn data_types(batch: &RecordBatch) -> Vec<(String, DataType)> {
    batch.schema().fields().iter().map(|f| (f.name().clone(), f.data_type().clone())).collect()
}


#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::builder::StringDictionaryBuilder;

    #[test]
    fn dictionary_columns_equal_arrows_builder() {
        // Values and missing rows in any order, appended by value or by a key asked for first:
        // the same keys, dictionary and nulls as Arrow's own builder gives.
        let words = ["Wang Yi", "Moscow", "", "Malta", "Wang Yi"];
        let mut rng = crate::testing::Lcg::new(3);
        for round in 0..50 {
            let rows: Vec<Option<&str>> = (0..round).map(|_| if rng.below(5) == 0 { None } else { Some(words[rng.below(5) as usize]) }).collect();
            let (mut ours, mut arrows) = (Dict::default(), StringDictionaryBuilder::<Int32Type>::new());
            for (i, &row) in rows.iter().enumerate() {
                match row {
                    Some(v) if i % 2 == 0 => {
                        let key = ours.key(v);
                        ours.push(key);
                    }
                    _ => ours.append_option(row),
                }
                arrows.append_option(row);
            }
            assert_eq!(ours.finish(), arrows.finish(), "{rows:?}");
        }
    }
}
