//! Corpus evidence for cleaning: lines that recur across many documents of one source are that
//! source's page furniture ("Sign up for our daily briefing", a section menu), whatever words
//! they use. Learned in a first pass over raw documents as a mergeable fold, then applied.

use rayon::prelude::*;
use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};
use xxhash_rust::xxh3::xxh3_64;

use super::{blocks, html, normalize};
use crate::error::{Error, Result};

/// A line must recur in at least this many documents of its source...
const MIN_DOCUMENTS: u32 = 3;
/// ...and in at least this share of them: quotes repeated by a few stories are content.
const MIN_SHARE: f64 = 0.05;
/// Serialisation format version.
const VERSION: u32 = 1;

/// How many documents of each source hold each line (by a hash of its words).
#[derive(Debug, Clone, Default)]
pub struct RecurringLines {
    lines: FxHashMap<(u64, u64), Line>,
    documents: FxHashMap<u64, u32>,
    /// The fold's number of the last document it counted (from 1; 0: none).
    last: u32,
    /// The lines that recur often enough to be furniture, worked out when first asked after
    /// the last change: a few hundred where `lines` holds every line of every page. Asked of
    /// every block the rules keep, `lines` learned from Reuters and BBC cost a cache miss a
    /// block: the benchmark's 80 pages cleaned with it in 10.7-11.0 ms, with this set in
    /// 10.2-10.3.
    furniture: OnceLock<FxHashSet<(u64, u64)>>,
}

/// A line's count, and the fold's number of the last document that counted it (0: none yet
/// in this fold; counts merged or read in carry no document), so that a line repeated in a
/// document counts once: sorting each document's keys to drop repeats was a third of learning.
#[derive(Debug, Clone, Copy, Default)]
struct Line {
    documents: u32,
    last: u32,
}

impl PartialEq for RecurringLines {
    fn eq(&self, other: &Self) -> bool {
        self.documents == other.documents
            && self.lines.len() == other.lines.len()
            && self.lines.iter().all(|(k, n)| other.lines.get(k).is_some_and(|o| o.documents == n.documents))
    }
}

impl Eq for RecurringLines {}

impl RecurringLines {
    /// Nothing learned yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Counts the distinct lines of one raw document (text or HTML) of `source`.
    pub fn add(&mut self, raw: &str, source: Option<&str>) {
        let blocks = if html::looks_like_html(raw) { html::html_blocks(raw).blocks } else { blocks::text_blocks(raw).0 };
        self.add_keys(blocks.iter().filter_map(|b| line_key(normalize::normalize_block(raw, b).as_str())), source);
    }

    /// Counts one document of `source` whose lines have the keys `keys` (a document read for
    /// cleaning has them: `clean::BlockWords::keys`); a key may repeat.
    pub fn add_keys(&mut self, keys: impl IntoIterator<Item = u64>, source: Option<&str>) {
        let source = source_key(source);
        self.furniture.take();
        *self.documents.entry(source).or_default() += 1;
        if self.last == u32::MAX {
            // Numbers run out after four billion documents: start again, forgetting them all.
            self.lines.values_mut().for_each(|line| line.last = 0);
            self.last = 0;
        }
        self.last += 1;
        let this = self.last;
        for key in keys {
            let line = self.lines.entry((source, key)).or_default();
            if line.last != this {
                (line.documents, line.last) = (line.documents + 1, this);
            }
        }
    }

    /// Counts the distinct lines of many raw documents (text, source), in parallel on the
    /// current rayon pool; the counts are the same for any number of workers.
    pub fn add_all(&mut self, documents: &[(&str, Option<&str>)]) {
        self.add_each(documents, |_| 0, |fold, (text, source)| fold.add(text, *source));
    }

    /// Counts many documents by their lines' keys (`clean::BlockWords::keys`) and sources, in
    /// parallel on the current rayon pool, as [`RecurringLines::add_all`] does.
    pub fn add_all_keys(&mut self, documents: &[(&[Option<u64>], Option<&str>)]) {
        self.add_each(documents, |(keys, _)| keys.len(), |fold, (keys, source)| fold.add_keys(keys.iter().flatten().copied(), *source));
    }

    /// Adds every document with `add`, in folds of a run of documents each, merged at the end;
    /// `lines` gives a document's lines, if known, so that a fold has room for them all from
    /// the start (grown from empty, the map was rebuilt several times a batch).
    fn add_each<T: Sync>(&mut self, documents: &[T], lines: impl Fn(&T) -> usize + Sync, add: impl Fn(&mut RecurringLines, &T) + Sync) {
        // Documents a fold takes: each fold is merged into the others'.
        const DOCUMENTS_A_FOLD: usize = 256;
        let learned = documents
            .par_chunks(DOCUMENTS_A_FOLD)
            .map(|run| {
                let mut fold = RecurringLines::new();
                fold.lines.reserve(run.iter().map(&lines).sum());
                for document in run {
                    add(&mut fold, document);
                }
                fold
            })
            .reduce(RecurringLines::new, RecurringLines::merged);
        *self = std::mem::take(self).merged(learned);
    }

    /// Two folds' counts in one, the smaller added to the larger.
    fn merged(self, other: RecurringLines) -> RecurringLines {
        let (mut into, from) = if self.lines.len() >= other.lines.len() { (self, other) } else { (other, self) };
        into.merge(&from);
        into
    }

    /// Adds another fold's counts to these.
    pub fn merge(&mut self, other: &RecurringLines) {
        self.furniture.take();
        for (k, n) in &other.lines {
            self.lines.entry(*k).or_default().documents += n.documents;
        }
        for (k, n) in &other.documents {
            *self.documents.entry(*k).or_default() += n;
        }
    }

    /// Documents learned from.
    pub fn n_documents(&self) -> u64 {
        self.documents.values().map(|&n| u64::from(n)).sum()
    }

    /// True when `block` recurs often enough among the documents of `source` to be furniture.
    pub fn is_recurring(&self, source: Option<&str>, block: &str) -> bool {
        self.of_source(source).holds(block)
    }

    /// The evidence for the documents of one source, to ask of each of a document's blocks.
    pub fn of_source(&self, source: Option<&str>) -> SourceLines<'_> {
        let source = source_key(source);
        SourceLines { furniture: self.furniture(), source, documents: self.documents.get(&source).copied().unwrap_or(0) }
    }

    /// The (source, line) pairs found in enough documents of their source, and a large enough
    /// share of them.
    fn furniture(&self) -> &FxHashSet<(u64, u64)> {
        self.furniture.get_or_init(|| {
            let documents = |source: u64| self.documents.get(&source).copied().unwrap_or(0);
            self.lines
                .iter()
                .filter(|&(&(source, _), line)| {
                    line.documents >= MIN_DOCUMENTS && f64::from(line.documents) >= MIN_SHARE * f64::from(documents(source))
                })
                .map(|(&key, _)| key)
                .collect()
        })
    }

    /// The fold serialised (postcard; equal folds give equal bytes).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut lines: Vec<((u64, u64), u32)> = self.lines.iter().map(|(k, v)| (*k, v.documents)).collect();
        lines.sort_unstable();
        let mut documents: Vec<(u64, u32)> = self.documents.iter().map(|(k, v)| (*k, *v)).collect();
        documents.sort_unstable();
        postcard::to_allocvec(&(VERSION, lines, documents)).expect("serialising to memory cannot fail")
    }

    /// A fold from `to_bytes` output.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        type State = (u32, Vec<((u64, u64), u32)>, Vec<(u64, u32)>);
        let (version, lines, documents): State =
            postcard::from_bytes(bytes).map_err(|e| Error::BadState(format!("not comention recurring lines ({e})")))?;
        if version != VERSION {
            return Err(Error::BadState(format!("recurring-lines version {version} is not {VERSION}")));
        }
        let lines = lines.into_iter().map(|(k, documents)| (k, Line { documents, last: 0 })).collect();
        Ok(RecurringLines { lines, documents: documents.into_iter().collect(), last: 0, furniture: OnceLock::new() })
    }
}

/// [`RecurringLines`] for one source: its key and document count taken once, not per block.
pub struct SourceLines<'a> {
    furniture: &'a FxHashSet<(u64, u64)>,
    source: u64,
    documents: u32,
}

impl SourceLines<'_> {
    /// True when `block` recurs often enough among the source's documents to be furniture.
    pub fn holds(&self, block: &str) -> bool {
        // A line is counted once a document: a source of fewer documents than a line must
        // recur in holds none, and its blocks' keys need not be worked out.
        if self.documents < MIN_DOCUMENTS {
            return false;
        }
        self.holds_key(line_key(block))
    }

    /// [`SourceLines::holds`] for a block whose line key is worked out already.
    pub fn holds_key(&self, key: Option<u64>) -> bool {
        key.is_some_and(|line| self.furniture.contains(&(self.source, line)))
    }
}

fn source_key(source: Option<&str>) -> u64 {
    source.map_or(0, |s| xxh3_64(s.trim().to_lowercase().as_bytes()) | 1)
}

/// A hash of the line's lower-cased words; lines without words have none.
pub(super) fn line_key(line: &str) -> Option<u64> {
    super::words::with_lower_words(line, words_key)
}

/// [`line_key`] of a line by its lower-cased words (`words::with_lower_words`).
pub(super) fn words_key(lower: &[u8]) -> Option<u64> {
    // Each word followed by a space: the key folds learned before hash, so saved folds stay valid.
    (!lower.is_empty()).then(|| xxh3_64(lower))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_recurs_per_source_and_folds_merge() {
        let page = |i: usize| format!("Sign up for the Daily Ledger briefing\nStory number {i} about the harbour.\nA quote that two stories share.");
        let mut a = RecurringLines::new();
        let mut b = RecurringLines::new();
        for i in 0..10 {
            let f = if i % 2 == 0 { &mut a } else { &mut b };
            f.add(&page(i), Some("Ledger"));
        }
        a.add("A quote that two stories share.", Some("Other"));
        a.merge(&b);
        assert_eq!(a.n_documents(), 11);
        assert!(a.is_recurring(Some("ledger"), "Sign up for the Daily Ledger briefing!"));
        assert!(!a.is_recurring(Some("Other"), "Sign up for the Daily Ledger briefing"), "per source");
        assert!(!a.is_recurring(Some("Ledger"), "Story number 3 about the harbour."));
        assert_eq!(RecurringLines::from_bytes(&a.to_bytes()).unwrap(), a);
    }

    #[test]
    fn a_line_counts_once_a_document_however_often_it_repeats() {
        let count = |fold: &RecurringLines, key: u64| fold.lines.get(&(source_key(None), key)).map_or(0, |line| line.documents);
        let mut fold = RecurringLines::new();
        fold.add_keys([7, 7, 9, 7], None);
        fold.add_keys([7], None);
        assert_eq!((count(&fold, 7), count(&fold, 9)), (2, 1));
        // Counts read back or merged carry no document: the next document counts again.
        let mut read = RecurringLines::from_bytes(&fold.to_bytes()).unwrap();
        read.add_keys([7, 7], None);
        let mut other = RecurringLines::new();
        other.add_keys([9, 9, 11], None);
        read.merge(&other);
        read.add_keys([9, 11, 9], None);
        assert_eq!((count(&read, 7), count(&read, 9), count(&read, 11)), (3, 3, 2));
        assert_eq!(read.n_documents(), 5);
    }

    #[test]
    fn learning_in_parallel_counts_as_one_worker_does() {
        let pages: Vec<String> = (0..1500)
            .map(|i| format!("Sign up for the Daily Ledger briefing\nStory number {} about the harbour.\nMenu {}\nShared line", i, i % 7))
            .collect();
        let documents: Vec<(&str, Option<&str>)> = pages.iter().enumerate().map(|(i, p)| (p.as_str(), (i % 3 == 0).then_some("Ledger"))).collect();
        let mut serial = RecurringLines::new();
        for (text, source) in &documents {
            serial.add(text, *source);
        }
        for threads in [1, 2, 3] {
            let mut parallel = RecurringLines::new();
            crate::pipeline::with_threads(threads, || {
                parallel.add_all(&documents[..700]);
                parallel.add_all(&documents[700..]);
            })
            .unwrap();
            assert_eq!(parallel.to_bytes(), serial.to_bytes(), "{threads} threads");
        }
    }

    #[test]
    fn line_keys_are_the_lower_cased_words() {
        // The key as folds learned so far hashed it: saved folds stay valid.
        let words = |line: &str| {
            let mut key = String::new();
            for w in line.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
                key.extend(w.chars().flat_map(char::to_lowercase));
                key.push(' ');
            }
            (!key.is_empty()).then(|| xxh3_64(key.as_bytes()))
        };
        for line in ["Sign up for the Daily Ledger briefing!", "  ÉTÉ à Zürich — “Grüße”, İstanbul ", "...", "", "a", "東京 2020", "ȺȺȺ İ İ", &"Ⱥ İ".repeat(200)] {
            assert_eq!(line_key(line), words(line), "{line:?}");
        }
    }
}
