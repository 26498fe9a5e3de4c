//! Counting from mention tables made elsewhere (another tagger, a database export): one
//! column per field, documents given in order, mentions grouped by document.

use std::ops::Range;

use hashbrown::HashTable;

use super::context::Context;
use super::counts::{name_hash, Cooccurrence, DocView, Occurrence};
use super::edges::in_name_order;
use crate::doc::Label;
use crate::error::{Error, Result};

/// Codes of string values in order of first appearance (-1 for a missing value) and the
/// distinct values, as pandas' `factorize` gives them (borrowed: the caller decides whether
/// they become owned strings or one Arrow buffer).
pub fn factorize<'a>(values: impl IntoIterator<Item = Option<&'a str>>) -> Result<(Vec<i32>, Vec<&'a str>)> {
    let mut f = Factorizer::default();
    f.extend(values)?;
    Ok(f.finish())
}

/// What a column of codes holds: a missing value (-1), and whether the codes never decrease
/// (a column grouped by value, as a mention table's document ids are).
pub fn code_order(codes: &[i32]) -> (bool, bool) {
    (codes.iter().any(|&c| c < 0), codes.windows(2).all(|w| w[0] <= w[1]))
}

/// `factorize` over values given in parts (the chunks of a column), each part its own
/// iterator type, so that the per-value loop is compiled for it.
#[derive(Debug, Default)]
pub struct Factorizer<'a> {
    codes: Vec<i32>,
    distinct: Vec<&'a str>,
    /// (hash, code) of each distinct value, the value itself read from `distinct`.
    index: HashTable<(u64, i32)>,
    /// The last value coded and its code.
    last: Option<(&'a str, i32)>,
}

impl<'a> Factorizer<'a> {
    /// Room for `n` values' codes (a column of parts that knows its length spares regrowing).
    pub fn with_capacity(n: usize) -> Self {
        Factorizer { codes: Vec::with_capacity(n), ..Factorizer::default() }
    }

    /// Codes the next values.
    pub fn extend(&mut self, values: impl IntoIterator<Item = Option<&'a str>>) -> Result<()> {
        let values = values.into_iter();
        self.codes.reserve(values.size_hint().0);
        for v in values {
            let code = match (v, self.last) {
                (None, _) => -1,
                // Mention tables repeat a document's id row after row: a value equal to the
                // one before takes its code without hashing.
                (Some(v), Some((prev, code))) if v == prev => code,
                (Some(v), _) => {
                    let code = self.code(v)?;
                    self.last = Some((v, code));
                    code
                }
            };
            self.codes.push(code);
        }
        Ok(())
    }

    fn code(&mut self, v: &'a str) -> Result<i32> {
        let h = name_hash(v);
        let distinct = &self.distinct;
        if let Some(&(_, c)) = self.index.find(h, |&(_, c)| distinct[c as usize] == v) {
            return Ok(c);
        }
        let c = i32::try_from(self.distinct.len()).map_err(|_| Error::InvalidArgument("more than 2^31 distinct values in one column".into()))?;
        self.distinct.push(v);
        self.index.insert_unique(h, (h, c), |&(h, _)| h);
        Ok(c)
    }

    /// The codes of every value so far, and the distinct values.
    pub fn finish(self) -> (Vec<i32>, Vec<&'a str>) {
        (self.codes, self.distinct)
    }
}

/// Texts read by position: a list of strings, or a column held elsewhere (an Arrow array,
/// read in place rather than copied into a string each).
pub trait Texts: Sync + std::fmt::Debug {
    /// Number of texts.
    fn len(&self) -> usize;
    /// Text `i`, for `i < len()`.
    fn text(&self, i: usize) -> &str;
    /// True when there are none.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl<S: AsRef<str> + Sync + std::fmt::Debug> Texts for Vec<S> {
    fn len(&self) -> usize {
        Vec::len(self)
    }
    fn text(&self, i: usize) -> &str {
        self[i].as_ref()
    }
}

/// Mentions as parallel columns. Optional columns are empty slices.
#[derive(Debug, Clone, Copy)]
pub struct MentionColumns<'a> {
    /// Document ids, one per document (documents without mentions count too).
    pub doc_ids: &'a dyn Texts,
    /// Day number of each document's date (`None`: undated); empty when no dates are known.
    pub days: &'a [Option<i32>],
    /// Sentences, paragraphs and tokens of each document; empty to infer them from the mentions.
    pub sizes: &'a [[u32; 3]],
    /// Entity names; `entity` holds indices into this list.
    pub names: &'a dyn Texts,
    /// Document index of each mention, non-decreasing.
    pub doc: &'a [u32],
    pub entity: &'a [u32],
    /// Label index (`Label::ALL` order) of each mention; empty counts every mention as MISC.
    pub label: &'a [u8],
    pub sentence: &'a [u32],
    pub paragraph: &'a [u32],
    pub token_start: &'a [u32],
    pub token_end: &'a [u32],
}

impl Default for MentionColumns<'_> {
    fn default() -> Self {
        const NONE: &Vec<String> = &Vec::new();
        MentionColumns {
            doc_ids: NONE,
            days: &[],
            sizes: &[],
            names: NONE,
            doc: &[],
            entity: &[],
            label: &[],
            sentence: &[],
            paragraph: &[],
            token_start: &[],
            token_end: &[],
        }
    }
}

impl<'a> MentionColumns<'a> {
    /// Checks lengths, ranges and grouping, with a message that names the column at fault.
    pub fn validate(&self) -> Result<()> {
        let n = self.doc.len();
        let bad = |m: String| Err(Error::InvalidArgument(m));
        for (name, len) in [
            ("entity", self.entity.len()),
            ("label", self.label.len()),
            ("sentence", self.sentence.len()),
            ("paragraph", self.paragraph.len()),
            ("token_start", self.token_start.len()),
            ("token_end", self.token_end.len()),
        ] {
            if len != n && !(len == 0 && name != "entity") {
                return bad(format!("column {name} has {len} values but there are {n} mentions"));
            }
        }
        for (name, len) in [("days", self.days.len()), ("sizes", self.sizes.len())] {
            if len != 0 && len != self.doc_ids.len() {
                return bad(format!("{name} has {len} values but there are {} documents", self.doc_ids.len()));
            }
        }
        if self.doc.windows(2).any(|w| w[0] > w[1]) {
            return bad("mentions must be grouped by document, in document order".into());
        }
        if self.doc.last().is_some_and(|&d| d as usize >= self.doc_ids.len()) {
            return bad("a mention refers to a document beyond the document list".into());
        }
        if self.entity.iter().any(|&e| e as usize >= self.names.len()) {
            return bad("an entity code is beyond the list of names".into());
        }
        if self.label.iter().any(|&l| l > 3) {
            return bad("a label code is not 0..=3 (PER, ORG, LOC, MISC)".into());
        }
        if self.token_start.iter().zip(self.token_end).any(|(s, e)| e < s) {
            return bad("a mention ends before it starts (token_end < token_start)".into());
        }
        Ok(())
    }

    /// Checks that the table holds the columns `context` counts by.
    pub fn check_context(&self, context: Context) -> Result<()> {
        // Why: without them every mention would sit in a document's first sentence, paragraph
        // or token, and a finer context would count as the document does under its name.
        let (unit, missing): (&str, &[(&str, usize)]) = match context {
            Context::Document => return Ok(()),
            Context::Sentence => ("sentence", &[("sentence", self.sentence.len())]),
            Context::Paragraph => ("paragraph", &[("paragraph", self.paragraph.len())]),
            Context::Window(_) => ("window", &[("token_start", self.token_start.len()), ("token_end", self.token_end.len())]),
        };
        match missing.iter().find(|&&(_, len)| len == 0 && !self.doc.is_empty()) {
            Some((column, _)) => Err(Error::InvalidArgument(format!(
                "a {unit} context needs the mention table's {column:?} column: count by document, or give the mentions' positions"
            ))),
            None => Ok(()),
        }
    }

    /// Registers in `counts`, in name order, the entities mentioned in documents `docs` that
    /// it does not know yet (the columns must have passed `validate`); returns each entity
    /// code's id in `counts` (`u32::MAX` for codes those documents do not mention), a map for
    /// [`MentionColumns::count_into_with`].
    pub fn register_entities(&self, counts: &mut Cooccurrence, docs: Range<usize>) -> Vec<u32> {
        // Why: counted from empty, ids then follow names, so the pairs are counted in the
        // edge table's order by name and the table needs no sort by name (see `edges`).
        let mentions = self.doc.partition_point(|&d| (d as usize) < docs.start)..self.doc.partition_point(|&d| (d as usize) < docs.end);
        let mut seen = vec![false; self.names.len()];
        for i in mentions {
            seen[self.entity[i] as usize] = true;
        }
        let codes: Vec<usize> = seen.iter().enumerate().filter(|&(_, &s)| s).map(|(code, _)| code).collect();
        counts.reserve_entities(codes.len());
        let mut ids = self.no_ids();
        for i in in_name_order(codes.iter().map(|&code| self.names.text(code))) {
            let code = codes[i as usize];
            ids[code] = counts.id(self.names.text(code));
        }
        ids
    }

    /// Adds documents `docs` to `counts` (the columns must have passed `validate`).
    pub fn count_into(&self, counts: &mut Cooccurrence, docs: Range<usize>) {
        self.count_into_with(counts, docs, &mut self.no_ids());
    }

    /// An empty map of entity codes to ids for [`MentionColumns::count_into_with`].
    pub fn no_ids(&self) -> Vec<u32> {
        vec![u32::MAX; self.names.len()]
    }

    /// [`MentionColumns::count_into`] with `ids`, each entity code's id in `counts` as far as
    /// known (`u32::MAX`: not yet), filled in as names are met: a table counted in steps into
    /// the same counts looks each name up once, not once a step.
    pub fn count_into_with(&self, counts: &mut Cooccurrence, docs: Range<usize>, ids: &mut [u32]) {
        let (from, to) = (docs.start, docs.end);
        // At most every name of the table is new to the counts.
        counts.reserve_entities(self.names.len().saturating_sub(counts.names().len()));
        let mut m = self.doc.partition_point(|&d| (d as usize) < from);
        let label = |i: usize| self.label.get(i).map_or(Label::Misc, |&l| Label::ALL[l as usize]);
        if counts.counts_whole_documents() {
            let mut mentions: Vec<(u32, Label)> = Vec::new();
            for d in from..to {
                mentions.clear();
                while m < self.doc.len() && self.doc[m] as usize == d {
                    let code = self.entity[m] as usize;
                    if ids[code] == u32::MAX {
                        ids[code] = counts.id(self.names.text(code));
                    }
                    mentions.push((ids[code], label(m)));
                    m += 1;
                }
                counts.add_named_mentions(self.days.get(d).copied().flatten(), &mentions);
            }
            return;
        }
        let mut occurrences: Vec<Occurrence<'a>> = Vec::new();
        let at = |col: &[u32], i: usize| col.get(i).copied().unwrap_or(0);
        for d in from..to {
            let start = m;
            while m < self.doc.len() && self.doc[m] as usize == d {
                m += 1;
            }
            occurrences.clear();
            occurrences.extend((start..m).map(|i| {
                let ts = at(self.token_start, i);
                let te = self.token_end.get(i).copied().unwrap_or(ts + 1).max(ts + 1);
                let name = self.names.text(self.entity[i] as usize);
                Occurrence {
                    entity: name,
                    surface: name,
                    label: label(i),
                    sentence: at(self.sentence, i),
                    paragraph: at(self.paragraph, i),
                    tokens: (ts, te),
                }
            }));
            // Without sizes, a document has as many sentences, paragraphs and tokens as its
            // last mention shows: a lower bound, so pass sizes when they are known.
            let [s, p, t] = self.sizes.get(d).copied().unwrap_or_else(|| {
                let max = |f: fn(&Occurrence<'_>) -> u32| occurrences.iter().map(f).max().map_or(0, |x| x + 1);
                [max(|o| o.sentence), max(|o| o.paragraph), occurrences.iter().map(|o| o.tokens.1).max().unwrap_or(0)]
            });
            let view = DocView {
                id: self.doc_ids.text(d),
                day: self.days.get(d).copied().flatten(),
                n_sentences: s,
                n_paragraphs: p,
                n_tokens: t,
                occurrences: std::mem::take(&mut occurrences),
                doc: None,
            };
            counts.add_with(&view, |counts, i, o| {
                let code = self.entity[start + i] as usize;
                if ids[code] == u32::MAX {
                    ids[code] = counts.id(o.entity);
                }
                ids[code]
            });
            occurrences = view.occurrences;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_counts_as_its_documents_do() {
        // Document contexts of a mention table are counted from entity ids and labels alone;
        // the same documents given as occurrences take the general way, which must agree.
        use crate::stats::{Context, CountOptions, DocView, LabelSet, Occurrence, Period};
        let mut rng = crate::testing::Lcg::new(31);
        let doc_ids: Vec<String> = (0..2_000).map(|d| format!("d{d}")).collect();
        let names: Vec<String> = (0..150).map(|e| format!("e{e}")).collect();
        let days: Vec<Option<i32>> = (0..doc_ids.len()).map(|_| (rng.below(5) > 0).then(|| 19_000 + rng.below(90) as i32)).collect();
        let (mut doc, mut entity, mut label) = (Vec::new(), Vec::new(), Vec::new());
        for d in 0..doc_ids.len() as u32 {
            for _ in 0..rng.below(9) {
                doc.push(d);
                entity.push(rng.below(names.len() as u64) as u32);
                label.push(rng.below(4) as u8);
            }
        }
        let columns = MentionColumns { doc_ids: &doc_ids, names: &names, days: &days, doc: &doc, entity: &entity, label: &label, ..Default::default() };
        for (labels, period) in [(LabelSet::default(), None), (LabelSet::only(&[Label::Per, Label::Loc]), Some(Period::Month))] {
            let options = CountOptions { labels, period, ..CountOptions::new(Context::Document) };
            let mut table = Cooccurrence::new(options);
            columns.count_into(&mut table, 0..doc_ids.len());
            let mut general = Cooccurrence::new(options);
            for d in 0..doc_ids.len() {
                let occurrences = (0..doc.len())
                    .filter(|&i| doc[i] as usize == d)
                    .map(|i| {
                        let name = names[entity[i] as usize].as_str();
                        Occurrence { entity: name, surface: name, label: Label::ALL[label[i] as usize], sentence: 0, paragraph: 0, tokens: (0, 1) }
                    })
                    .collect();
                general.add(&DocView { id: &doc_ids[d], day: days[d], n_sentences: 1, n_paragraphs: 1, n_tokens: 1, occurrences, doc: None });
            }
            table.settle();
            general.settle();
            assert_eq!(table.to_bytes(), general.to_bytes(), "{options}");
        }
    }

    #[test]
    fn a_finer_context_needs_the_mentions_positions() {
        // Counted without them, every mention sat in its document's first sentence: a
        // sentence table that was the document table under another name.
        use crate::stats::{Context, CountOptions};
        let (doc_ids, names) = (vec!["d".to_string()], vec!["A".to_string(), "B".to_string()]);
        let (doc, entity, sentence) = ([0, 0], [0, 1], [0, 1]);
        let bare = MentionColumns { doc_ids: &doc_ids, names: &names, doc: &doc, entity: &entity, ..Default::default() };
        let placed = MentionColumns { sentence: &sentence, ..bare };
        let pipeline = crate::pipeline::Pipeline::new(crate::pipeline::Options { threads: 1, ..Default::default() }).unwrap();
        for context in [Context::Sentence, Context::Paragraph, Context::Window(3)] {
            let err = pipeline.count_columns(&bare, CountOptions::new(context)).unwrap_err().to_string();
            assert!(err.contains("context needs the mention table's"), "{context:?}: {err}");
        }
        assert!(pipeline.count_columns(&bare, CountOptions::new(Context::Document)).is_ok());
        let counts = pipeline.count_columns(&placed, CountOptions::new(Context::Sentence)).unwrap();
        assert_eq!(counts.n_contexts(), 2, "two sentences");
        let empty = MentionColumns { doc_ids: &doc_ids, names: &names, ..Default::default() };
        assert!(pipeline.count_columns(&empty, CountOptions::new(Context::Sentence)).is_ok(), "nothing to place");
    }

    #[test]
    fn factorize_codes_values_by_first_appearance() {
        let values = [Some("b"), Some("b"), None, Some("a"), Some("b"), Some(""), Some("a"), None];
        let (codes, distinct) = factorize(values).unwrap();
        assert_eq!(codes, [0, 0, -1, 1, 0, 2, 1, -1]);
        assert_eq!(distinct, ["b", "a", ""]);
        assert_eq!(factorize(std::iter::empty()).unwrap(), (vec![], vec![]));
        assert_eq!(code_order(&codes), (true, false));
        assert_eq!(code_order(&[0, 0, 1, 1, 2]), (false, true));
        assert_eq!(code_order(&[0, 1, 0]), (false, false));
        assert_eq!(code_order(&[]), (false, true));
    }
}
