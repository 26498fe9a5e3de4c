//! Co-mention counts over a corpus: a fold with an associative, commutative merge.

use hashbrown::HashTable;
use rustc_hash::FxHashMap as HashMap;

use serde::{Deserialize, Serialize};

use super::context::{day_number, Context, LabelSet, Period};
use super::pairs::{pair_ids, PairTable};
pub use super::pairs::PairTotals;
use crate::doc::{Document, Label, Span};
use crate::resolve::Links;
use crate::error::{Error, Result};

/// What a `Cooccurrence` counts; partials merge only when their options agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountOptions {
    pub context: Context,
    /// Entity types kept (see `LabelSet`).
    pub labels: LabelSet,
    /// Keep per-period counts for timelines and bursts.
    pub period: Option<Period>,
    /// Example passages kept per pair (0 for none).
    pub evidence: usize,
}

impl CountOptions {
    /// Counting by `context`, every type, no timeline, no evidence.
    pub fn new(context: Context) -> Self {
        CountOptions { context, labels: LabelSet::default(), period: None, evidence: 0 }
    }

    /// Options from their names, as the Python API and the command line give them.
    pub fn parse(context: &str, window: Option<u32>, labels: Option<&[String]>, period: Option<&str>, evidence: usize) -> Result<Self> {
        Ok(CountOptions {
            context: Context::parse(context, window)?,
            labels: labels.map(LabelSet::parse).transpose()?.unwrap_or_default(),
            period: period.map(Period::parse).transpose()?,
            evidence,
        })
    }
}

/// The options as the Python API spells them (context='window:5', labels=['PER'], ...).
impl std::fmt::Display for CountOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "context='{}'", self.context.name())?;
        if self.labels != LabelSet::default() {
            let names: Vec<String> = Label::ALL.iter().filter(|&&l| self.labels.contains(l)).map(|l| format!("'{}'", l.as_str())).collect();
            write!(f, ", labels=[{}]", names.join(", "))?;
        }
        match self.period {
            Some(p) => write!(f, ", period='{}'", p.name())?,
            None => write!(f, ", period=None")?,
        }
        write!(f, ", evidence={}", self.evidence)
    }
}

/// One entity occurrence as the counter sees it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Occurrence<'a> {
    pub entity: &'a str,
    /// The words of the text that name it (an alias of the entity).
    pub surface: &'a str,
    pub label: Label,
    pub sentence: u32,
    pub paragraph: u32,
    /// Tokens `[start, end)` in the document.
    pub tokens: (u32, u32),
}

/// A document as the counter sees it: its occurrences and the sizes that define N.
#[derive(Debug, Clone)]
pub struct DocView<'a> {
    pub id: &'a str,
    /// Day number (days since 1970-01-01) of the publication date.
    pub day: Option<i32>,
    pub n_sentences: u32,
    pub n_paragraphs: u32,
    pub n_tokens: u32,
    pub occurrences: Vec<Occurrence<'a>>,
    /// The processed document, for evidence passages.
    pub doc: Option<&'a Document>,
}

impl<'a> DocView<'a> {
    /// The counter's view of a processed document.
    pub fn of(doc: &'a Document) -> Self {
        Self::linked(doc, None)
    }

    /// The counter's view of a processed document with cross-document links applied.
    pub fn linked(doc: &'a Document, links: Option<&'a Links>) -> Self {
        // Room for every mention at once: collected through the filter, the list grew from
        // nothing by doubling, document after document.
        let mut occurrences = Vec::with_capacity(doc.mentions.len());
        let links = links.map(|l| l.in_document(doc));
        occurrences.extend(doc.mentions.iter().filter(|m| !m.entity.is_empty()).map(|m| {
            let (entity, label) = match &links {
                Some(l) => l.resolve(&m.entity, m.label),
                None => (m.entity.as_str(), m.label),
            };
            Occurrence {
                entity,
                surface: &m.text,
                label,
                sentence: m.sentence as u32,
                paragraph: doc.sentences.get(m.sentence).map_or(0, |s| s.paragraph as u32),
                tokens: (m.tokens.0 as u32, m.tokens.1 as u32),
            }
        }));
        DocView {
            id: &doc.id,
            day: doc.meta.date.as_deref().and_then(day_number),
            n_sentences: doc.sentences.len() as u32,
            n_paragraphs: doc.paragraphs.len() as u32,
            n_tokens: doc.tokens.len() as u32,
            occurrences,
            doc: Some(doc),
        }
    }
}

/// Per-entity totals.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityTotals {
    /// Contexts that mention the entity (n_a).
    pub contexts: u64,
    /// Documents that mention the entity.
    pub documents: u64,
    /// Mentions, all told.
    pub mentions: u64,
    /// Mentions per label, in `Label::ALL` order.
    pub labels: [u64; 4],
    /// Mentions per label of those that write the canonical name out: as it is, or followed
    /// by more words ("Drexel Burnham Lambert Inc", see [`writes_out`]).
    pub full_labels: [u64; 4],
    /// Mentions typed ORG that write a name of two words or more out and go on: the name with
    /// a company's legal form ("E.F. Hutton and Co Inc" for *E.F. Hutton*).
    pub firm_forms: u64,
}

/// Whether `surface` writes out the whole of `name`: the same words, or the same words then
/// more ("Harris Upham and Co Inc" for "Harris Upham"), a hyphen and a space alike
/// ("Rolls-Royce Plc" for "Rolls Royce"). Where an organisation's canonical name drops its
/// legal form, a form with it is where the tagger is surest of the type, and the bare name
/// (two or three capitalised words) is where it reads a person.
pub(super) fn writes_out(surface: &str, name: &str) -> bool {
    let (s, n) = (surface.as_bytes(), name.as_bytes());
    let alike = |a: u8, b: u8| a == b || matches!((a, b), (b'-', b' ') | (b' ', b'-'));
    s.len() >= n.len() && (s.len() == n.len() || s[n.len()] == b' ') && s.iter().zip(n).all(|(&a, &b)| alike(a, b))
}

impl EntityTotals {
    /// Counts one mention typed `label`, writing the entity's name out or not (`full`).
    fn count_mention(&mut self, label: Label, full: bool) {
        self.mentions += 1;
        self.labels[label as usize] += 1;
        self.full_labels[label as usize] += u64::from(full);
    }

    fn add(&mut self, o: &EntityTotals) {
        self.contexts += o.contexts;
        self.documents += o.documents;
        self.mentions += o.mentions;
        for (a, b) in self.labels.iter_mut().zip(o.labels) {
            *a += b;
        }
        for (a, b) in self.full_labels.iter_mut().zip(o.full_labels) {
            *a += b;
        }
        self.firm_forms += o.firm_forms;
    }

    /// The label most mentions of the full name carry, or of all mentions when the full name
    /// is never written out (ties go to the earlier label in `Label::ALL`): short forms are
    /// where the tagger errs ("Chrysler" as a person), full forms are where it is surest
    /// (see [`writes_out`]).
    pub fn label(&self) -> Label {
        let counts = if self.full_labels.iter().any(|&n| n > 0) { &self.full_labels } else { &self.labels };
        let mut best = 0;
        for i in 1..4 {
            if counts[i] > counts[best] {
                best = i;
            }
        }
        // A person's name is not written with a company's legal form: one the corpus writes so
        // twice is a firm's, however often the tagger read its bare name as a person's
        // (Reuters: "E.F. Hutton", 33 bare mentions typed PER, 12 with "and Co Inc").
        if Label::ALL[best] == Label::Per && self.firm_forms >= 2 {
            return Label::Org;
        }
        Label::ALL[best]
    }
}

/// A passage where a pair is co-mentioned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Example {
    pub doc: String,
    /// Sentence of the first of the two mentions.
    pub sentence: u32,
    /// Tokens between the two mentions (0 when adjacent).
    pub distance: u32,
    /// The passage: the sentences from the first mention to the second (elided when far apart).
    pub text: String,
    /// Code-point span of the passage in the cleaned text.
    pub clean: (u64, u64),
    /// Code-point span of the passage in the raw input.
    pub raw: (u64, u64),
}

impl Example {
    /// Ranking: closer mentions, then shorter passages, then document order.
    fn rank_key(&self) -> (u32, usize, &str, u32) {
        (self.distance, self.text.len(), &self.doc, self.sentence)
    }
}

fn keep_best(list: &mut Vec<Example>, e: Example, limit: usize) {
    if list.iter().any(|x| x.doc == e.doc && x.sentence == e.sentence) {
        return;
    }
    let at = list.partition_point(|x| x.rank_key() <= e.rank_key());
    if at < limit {
        list.insert(at, e);
        list.truncate(limit);
    }
}

/// Entity and pair counts over some documents.
#[derive(Debug, Clone)]
pub struct Cooccurrence {
    pub(super) options: CountOptions,
    pub(super) names: Vec<String>,
    /// Ids by name: (hash of the name, id), the name itself read from `names`.
    index: HashTable<(u64, u32)>,
    /// Buffers `add` reuses from one document to the next.
    scratch: Scratch,
    pub(super) totals: Vec<EntityTotals>,
    pub(super) pairs: PairTable,
    pub(super) contexts: u64,
    pub(super) documents: u64,
    /// Contexts and documents per period (key: first day of the period).
    pub(super) period_contexts: HashMap<i32, u64>,
    pub(super) period_documents: HashMap<i32, u64>,
    pub(super) entity_periods: HashMap<(i32, u32), u64>,
    pub(super) pair_periods: HashMap<(i32, u32, u32), u64>,
    pub(super) evidence: HashMap<(u32, u32), Vec<Example>>,
    /// Mentions per entity and surface form, for forms other than the entity's name (the
    /// entity's other mentions are written as its name, and most mentions are).
    pub(super) aliases: HashMap<(u32, Box<str>), u64>,
}

fn key(a: u32, b: u32) -> (u32, u32) {
    if a < b { (a, b) } else { (b, a) }
}

fn add_to<K: std::hash::Hash + Eq>(map: &mut HashMap<K, u64>, k: K, n: u64) {
    *map.entry(k).or_insert(0) += n;
}

/// Mentions of two entities within reach, per pair: how many, and the nearest (the first of
/// them in `by_start` order), with its gap.
type Close<'o, 'a> = HashMap<(u32, u32), (u64, (u32, &'o Occurrence<'a>, &'o Occurrence<'a>))>;

/// The pairs of mentions of two entities (id, occurrence) where the second, later in
/// `by_start` (sorted by tokens, then id), starts fewer than `k` tokens after the first ends.
fn close_pairs<'o, 'a>(by_start: &[&'o (u32, &'o Occurrence<'a>)], k: u32) -> Close<'o, 'a> {
    // Mention by mention while that takes a few reads a mention, as windows of tens of tokens
    // over news do (by entity, Reuters' windows of 5 to 10 tokens took a quarter longer); by
    // entity where it would not: a window of a million tokens over a document of 300,000
    // mentions read every pair of mentions and had not finished in two minutes.
    mention_by_mention(by_start, k, 16 * by_start.len() + 256).unwrap_or_else(|| by_entity(by_start, k))
}

/// [`close_pairs`] reading every later mention until one is out of reach; `None` once more
/// than `reads` mentions were read.
fn mention_by_mention<'o, 'a>(by_start: &[&'o (u32, &'o Occurrence<'a>)], k: u32, mut reads: usize) -> Option<Close<'o, 'a>> {
    let mut close: Close<'o, 'a> = HashMap::default();
    for (i, &&(a, x)) in by_start.iter().enumerate() {
        for &&(b, y) in &by_start[i + 1..] {
            // Sorted by start: from here on every mention is k or more tokens away.
            if u64::from(y.tokens.0) >= u64::from(x.tokens.1) + u64::from(k) {
                break;
            }
            reads = reads.checked_sub(1)?;
            if a != b {
                let d = gap(x.tokens, y.tokens);
                let e = close.entry(key(a, b)).or_insert((0, (d, x, y)));
                e.0 += 1;
                if d < e.1 .0 {
                    e.1 = (d, x, y);
                }
            }
        }
    }
    Some(close)
}

/// [`close_pairs`] taking, for each mention, the first later mention of each other entity
/// within reach, and counting the rest of that entity's within reach by position: the work
/// is the mentions times the entities within a window, however many mentions that holds.
fn by_entity<'o, 'a>(by_start: &[&'o (u32, &'o Occurrence<'a>)], k: u32) -> Close<'o, 'a> {
    let starts: Vec<u64> = by_start.iter().map(|&&(_, o)| u64::from(o.tokens.0)).collect();
    // Each entity's positions in `by_start`, and each position's rank among its entity's.
    let mut positions: HashMap<u32, Vec<usize>> = HashMap::default();
    let mut rank = Vec::with_capacity(by_start.len());
    for (j, &&(id, _)) in by_start.iter().enumerate() {
        let p = positions.entry(id).or_default();
        rank.push(p.len());
        p.push(j);
    }
    // Each entity's first position after the mention at hand.
    let mut firsts: std::collections::BTreeSet<usize> = positions.values().map(|p| p[0]).collect();
    let mut close: Close<'o, 'a> = HashMap::default();
    for (i, &&(a, x)) in by_start.iter().enumerate() {
        firsts.remove(&i);
        if let Some(&next) = positions[&a].get(rank[i] + 1) {
            firsts.insert(next);
        }
        let reach = starts.partition_point(|&s| s < u64::from(x.tokens.1) + u64::from(k));
        for &j in firsts.range(i + 1..reach.max(i + 1)) {
            let (b, y) = *by_start[j];
            if b == a {
                continue;
            }
            // The nearest of b's comes first; the gap only grows with the start.
            let within = positions[&b].partition_point(|&p| p < reach) - rank[j];
            let d = gap(x.tokens, y.tokens);
            let e = close.entry(key(a, b)).or_insert((0, (d, x, y)));
            e.0 += within as u64;
            if d < e.1 .0 {
                e.1 = (d, x, y);
            }
        }
    }
    close
}

/// Merges sorted, disjoint inclusive intervals into their union.
fn union(mut iv: Vec<(i64, i64)>) -> Vec<(i64, i64)> {
    iv.sort_unstable();
    let mut out: Vec<(i64, i64)> = Vec::with_capacity(iv.len());
    for (s, e) in iv {
        match out.last_mut() {
            Some(last) if s <= last.1 + 1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

fn length(iv: &[(i64, i64)]) -> u64 {
    iv.iter().map(|(s, e)| (e - s + 1) as u64).sum()
}

fn intersection(a: &[(i64, i64)], b: &[(i64, i64)]) -> u64 {
    let (mut i, mut j, mut n) = (0, 0, 0u64);
    while i < a.len() && j < b.len() {
        let lo = a[i].0.max(b[j].0);
        let hi = a[i].1.min(b[j].1);
        if lo <= hi {
            n += (hi - lo + 1) as u64;
        }
        if a[i].1 < b[j].1 { i += 1 } else { j += 1 }
    }
    n
}

/// Buffers reused across documents: (entity id, occurrence index) of the counted
/// occurrences, the document's distinct ids, and a context's runs of equal ids.
#[derive(Debug, Clone, Default)]
struct Scratch {
    occ: Vec<(u32, u32)>,
    /// Sort keys of `occ`: (group, id, tokens) or (group, id) packed, and the occurrence's index.
    keys: Vec<(u128, u32)>,
    short_keys: Vec<(u64, u32)>,
    in_doc: Vec<u32>,
    runs: Vec<(u32, usize, usize)>,
    /// Mentions per entity id in the document being counted (all zero between documents).
    tally: Vec<u32>,
    /// A document's distinct entities with their mentions.
    distinct: Vec<(u32, u32)>,
}

/// Sorts (entity id, occurrence index) pairs by `key`, each pair's key built once into
/// `keys` (a buffer to reuse) and the id read back from it with `id`; ties by index.
fn sort_by_packed_keys<K: Ord + Copy>(occ: &mut Vec<(u32, u32)>, keys: &mut Vec<(K, u32)>, key: impl Fn(&(u32, u32)) -> K, id: impl Fn(K) -> u32) {
    keys.clear();
    keys.extend(occ.iter().map(|x| (key(x), x.1)));
    keys.sort_unstable();
    occ.clear();
    occ.extend(keys.iter().map(|&(k, i)| (id(k), i)));
}

/// The hash names and other strings are indexed by (in `HashTable`s of ids over a list).
pub(super) fn name_hash(name: &str) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault};
    BuildHasherDefault::<rustc_hash::FxHasher>::default().hash_one(name)
}

/// Tokens strictly between two token spans (0 when they touch or overlap).
fn gap(x: (u32, u32), y: (u32, u32)) -> u32 {
    if x.1 <= y.0 {
        y.0 - x.1
    } else {
        x.0.saturating_sub(y.1)
    }
}

/// Buffers a context's counting reuses: each distinct entity's run of occurrences (id, first,
/// end), and the distinct entities with their mention counts.
type GroupBuffers<'a> = (&'a mut Vec<(u32, usize, usize)>, &'a mut Vec<(u32, u32)>);

impl Cooccurrence {
    /// Empty counts.
    pub fn new(options: CountOptions) -> Self {
        Cooccurrence {
            options,
            names: Vec::new(),
            index: HashTable::new(),
            scratch: Scratch::default(),
            totals: Vec::new(),
            pairs: PairTable::default(),
            contexts: 0,
            documents: 0,
            period_contexts: HashMap::default(),
            period_documents: HashMap::default(),
            entity_periods: HashMap::default(),
            pair_periods: HashMap::default(),
            evidence: HashMap::default(),
            aliases: HashMap::default(),
        }
    }

    /// Folds the pairs added since the last call into the sorted list readers use (reading
    /// works without it, on a copy): counting calls it at the end of every batch.
    pub fn settle(&mut self) {
        self.pairs.settle();
    }

    /// What is counted.
    pub fn options(&self) -> CountOptions {
        self.options
    }

    /// Number of contexts counted (N).
    pub fn n_contexts(&self) -> u64 {
        self.contexts
    }

    /// Number of documents counted.
    pub fn n_documents(&self) -> u64 {
        self.documents
    }

    /// Number of distinct entities kept (of the types kept; all, by default).
    pub fn n_entities(&self) -> usize {
        if self.options.labels.is_all() {
            return self.names.len();
        }
        (0..self.names.len() as u32).filter(|&id| self.is_kept(id)).count()
    }

    /// Whether entity `id` is kept: its type is one of the types kept (see `LabelSet`).
    pub fn is_kept(&self, id: u32) -> bool {
        let labels = self.options.labels;
        labels.is_all() || labels.contains(self.label(id))
    }

    /// Entity `id`'s type: the built-in alias table's for a name the table gives as canonical,
    /// otherwise what its mentions vote ([`EntityTotals::label`]). The table knows that the
    /// Republican Party is a party, where its mentions ("Republicans", "Republican senators")
    /// are typed MISC, as the tagger's training data has them.
    pub fn label(&self, id: u32) -> Label {
        let name = &self.names[id as usize];
        crate::resolve::aliases::builtin().canonical_label(name).unwrap_or_else(|| self.totals[id as usize].label())
    }

    pub(super) fn id(&mut self, name: &str) -> u32 {
        let h = name_hash(name);
        let names = &self.names;
        if let Some(&(_, i)) = self.index.find(h, |&(_, i)| names[i as usize] == name) {
            return i;
        }
        let i = self.names.len() as u32;
        self.names.push(name.to_string());
        self.index.insert_unique(h, (h, i), |&(h, _)| h);
        self.totals.push(EntityTotals::default());
        i
    }

    /// Makes room for `n` more entities (a caller that knows how many spares the regrowing).
    pub(super) fn reserve_entities(&mut self, n: usize) {
        self.names.reserve(n);
        self.totals.reserve(n);
        self.index.reserve(n, |&(h, _)| h);
    }

    /// Counts one processed document.
    pub fn add_document(&mut self, doc: &Document) {
        self.add(&DocView::of(doc));
    }

    /// Counts one document's occurrences.
    pub fn add(&mut self, view: &DocView<'_>) {
        self.add_with(view, |counts, _, o| counts.id(o.entity));
    }

    /// Counts one document, `entity_id(self, i, o)` giving the id of occurrence `i`: callers
    /// that know ids spare a lookup by name.
    pub(super) fn add_with(&mut self, view: &DocView<'_>, mut entity_id: impl FnMut(&mut Self, usize, &Occurrence<'_>) -> u32) {
        let mut scratch = std::mem::take(&mut self.scratch);
        scratch.occ.clear();
        // Every mention counts, whatever its type: which entities are kept is decided by each
        // entity's type, known only when counting is done (see `LabelSet`).
        for (i, o) in view.occurrences.iter().enumerate() {
            scratch.occ.push((entity_id(self, i, o), i as u32));
        }
        let occurrence = |&(id, i): &(u32, u32)| (id, &view.occurrences[i as usize]);
        let period = self.begin_document(view.day);
        // With the document as the one context, its entities are the context's, which
        // `count_group` finds anyway: they are not sorted out a second time.
        let whole_document = self.options.context == Context::Document;
        let in_doc = &mut scratch.in_doc;
        in_doc.clear();
        for (id, o) in scratch.occ.iter().map(occurrence) {
            if !whole_document {
                in_doc.push(id);
            }
            // Pointers first: a mention table's surface is its entity, the same slice.
            let exact = std::ptr::eq(o.surface, o.entity) || o.surface == o.entity;
            let longer = !exact && writes_out(o.surface, o.entity);
            let totals = &mut self.totals[id as usize];
            totals.count_mention(o.label, exact || longer);
            totals.firm_forms += u64::from(longer && o.label == Label::Org && o.entity.contains(' '));
            if !exact {
                *self.aliases.entry((id, o.surface.into())).or_insert(0) += 1;
            }
        }
        if !whole_document {
            in_doc.sort_unstable();
            in_doc.dedup();
            for &id in in_doc.iter() {
                self.totals[id as usize].documents += 1;
            }
        }
        let n_contexts = match self.options.context {
            Context::Document => 1,
            Context::Paragraph => view.n_paragraphs as u64,
            Context::Sentence => view.n_sentences as u64,
            Context::Window(_) => view.n_tokens as u64,
        };
        self.add_contexts(n_contexts, period);
        match self.options.context {
            Context::Window(k) => {
                let occ: Vec<(u32, &Occurrence<'_>)> = scratch.occ.iter().map(occurrence).collect();
                self.count_windows(view, &occ, k, period);
            }
            ctx => {
                if self.counts_whole_documents() {
                    let Scratch { occ, tally, distinct, .. } = &mut scratch;
                    self.count_whole_document(occ.iter().map(|&(id, _)| id), (tally, distinct), period);
                    self.scratch = scratch;
                    return;
                }
                let group = |&(_, i): &(u32, u32)| {
                    let o = &view.occurrences[i as usize];
                    match ctx {
                        Context::Paragraph => o.paragraph,
                        Context::Sentence => o.sentence,
                        _ => 0,
                    }
                };
                // Ordered by group and id, and within an entity's run by tokens and index
                // when evidence (which takes the first closest pair) is kept; each key built
                // once: a closure building it in every comparison made this sort a third of
                // counting.
                let sorted = &mut scratch.occ;
                if self.options.evidence == 0 {
                    sort_by_packed_keys(sorted, &mut scratch.short_keys, |x| (u64::from(group(x)) << 32) | u64::from(x.0), |k| k as u32);
                } else {
                    let key = |x: &(u32, u32)| {
                        let (t0, t1) = view.occurrences[x.1 as usize].tokens;
                        (u128::from(group(x)) << 96) | (u128::from(x.0) << 64) | (u128::from(t0) << 32) | u128::from(t1)
                    };
                    sort_by_packed_keys(sorted, &mut scratch.keys, key, |k| (k >> 64) as u32);
                }
                let mut i = 0;
                while i < sorted.len() {
                    let g = group(&sorted[i]);
                    let mut j = i;
                    while j < sorted.len() && group(&sorted[j]) == g {
                        j += 1;
                    }
                    self.count_group(view, &sorted[i..j], (&mut scratch.runs, &mut scratch.distinct), period, whole_document);
                    i = j;
                }
            }
        }
        self.scratch = scratch;
    }

    /// Starts counting a document dated `day`: one more document, in its period if any
    /// (returned).
    fn begin_document(&mut self, day: Option<i32>) -> Option<i32> {
        let period = self.options.period.zip(day).map(|(p, d)| p.key(d));
        self.documents += 1;
        if let Some(p) = period {
            add_to(&mut self.period_documents, p, 1);
        }
        period
    }

    /// Adds `n` contexts to N, and to the period's.
    fn add_contexts(&mut self, n: u64, period: Option<i32>) {
        self.contexts += n;
        if let Some(p) = period {
            add_to(&mut self.period_contexts, p, n);
        }
    }

    /// Counts a document as the one context of the entities `ids` (one per mention), with
    /// no evidence to seek: only the distinct entities and their mentions are wanted,
    /// tallied in one pass, and only those sorted (sorting every occurrence was a seventh of
    /// counting a 16× Reuters mention table, most of it in long documents that name a few
    /// entities many times). `tally` and `distinct` are buffers to reuse.
    fn count_whole_document(&mut self, ids: impl Iterator<Item = u32>, (tally, distinct): (&mut Vec<u32>, &mut Vec<(u32, u32)>), period: Option<i32>) {
        if tally.len() < self.names.len() {
            tally.resize(self.names.len(), 0);
        }
        distinct.clear();
        for id in ids {
            let n = &mut tally[id as usize];
            if *n == 0 {
                distinct.push((id, 0));
            }
            *n += 1;
        }
        for (id, n) in distinct.iter_mut() {
            *n = std::mem::take(&mut tally[*id as usize]);
        }
        distinct.sort_unstable();
        self.count_context(distinct, period, true);
    }

    /// Whether a document is counted as one context with no evidence kept: then its
    /// mentions' entities and labels are all counting needs ([`Cooccurrence::add_named_mentions`]).
    pub(super) fn counts_whole_documents(&self) -> bool {
        self.options.context == Context::Document && self.options.evidence == 0
    }

    /// Counts one document dated `day` from its mentions as (entity id,
    /// label), each written as the entity's name (a mention table's rows), when
    /// [`Cooccurrence::counts_whole_documents`]: what `add` counts, without occurrences to
    /// build (building them was a quarter of counting a 16× Reuters mention table).
    pub(super) fn add_named_mentions(&mut self, day: Option<i32>, mentions: &[(u32, Label)]) {
        debug_assert!(self.counts_whole_documents());
        let period = self.begin_document(day);
        for &(id, label) in mentions {
            self.totals[id as usize].count_mention(label, true);
        }
        self.add_contexts(1, period);
        let mut scratch = std::mem::take(&mut self.scratch);
        self.count_whole_document(mentions.iter().map(|&(id, _)| id), (&mut scratch.tally, &mut scratch.distinct), period);
        self.scratch = scratch;
    }

    /// One context holding `occ`, (entity id, occurrence index) sorted by id; `runs` and
    /// `distinct` are buffers to reuse; `whole_document`: the context is the document, whose
    /// entities it counts.
    fn count_group(&mut self, view: &DocView<'_>, occ: &[(u32, u32)], (runs, distinct): GroupBuffers<'_>, period: Option<i32>, whole_document: bool) {
        // Distinct entities with their occurrences in this context.
        runs.clear();
        for (k, &(id, _)) in occ.iter().enumerate() {
            match runs.last_mut() {
                Some(r) if r.0 == id => r.2 = k + 1,
                _ => runs.push((id, k, k + 1)),
            }
        }
        distinct.clear();
        distinct.extend(runs.iter().map(|&(id, start, end)| (id, (end - start) as u32)));
        self.count_context(distinct, period, whole_document);
        if self.options.evidence == 0 {
            return;
        }
        // Each pair's evidence: its closest two mentions here.
        for x in 0..runs.len() {
            for y in x + 1..runs.len() {
                let (a, a0, a1) = runs[x];
                let (b, b0, b1) = runs[y];
                let at = |&(_, i): &(u32, u32)| &view.occurrences[i as usize];
                let closest = occ[a0..a1]
                    .iter()
                    .flat_map(|x| occ[b0..b1].iter().map(move |y| (gap(at(x).tokens, at(y).tokens), at(x), at(y))))
                    .min_by_key(|&(d, x, y)| (d, x.tokens.0.min(y.tokens.0)));
                if let Some((d, x, y)) = closest {
                    self.offer_evidence(view, key(a, b), d, x, y);
                }
            }
        }
    }

    /// One context holding `distinct`, (entity id, mentions) ascending by id; `whole_document`:
    /// the context is the document, whose entities it counts.
    fn count_context(&mut self, distinct: &[(u32, u32)], period: Option<i32>, whole_document: bool) {
        for &(a, _) in distinct {
            let t = &mut self.totals[a as usize];
            t.contexts += 1;
            t.documents += u64::from(whole_document);
            if let Some(p) = period {
                add_to(&mut self.entity_periods, (p, a), 1);
            }
        }
        // Each pair's mention pairs: the product of the two entities' mentions here.
        self.pairs.add_context(distinct.iter().copied());
        if let Some(p) = period {
            for (x, &(a, _)) in distinct.iter().enumerate() {
                for &(b, _) in &distinct[x + 1..] {
                    add_to(&mut self.pair_periods, (p, a, b), 1);
                }
            }
        }
    }

    /// Window contexts: each token position starts a window of k + 1 tokens.
    fn count_windows(&mut self, view: &DocView<'_>, occ: &[(u32, &Occurrence<'_>)], k: u32, period: Option<i32>) {
        let last = view.n_tokens as i64 - 1;
        if last < 0 {
            return;
        }
        // The windows holding an occurrence of tokens [s, e) start at s − k ..= e − 1.
        let mut windows: HashMap<u32, Vec<(i64, i64)>> = HashMap::default();
        for &(id, o) in occ {
            let lo = (o.tokens.0 as i64 - k as i64).max(0);
            let hi = (o.tokens.1 as i64 - 1).min(last).max(lo);
            windows.entry(id).or_default().push((lo, hi));
        }
        let windows: HashMap<u32, Vec<(i64, i64)>> = windows.into_iter().map(|(id, iv)| (id, union(iv))).collect();
        let mut ids: Vec<&u32> = windows.keys().collect();
        ids.sort_unstable();
        for &id in ids {
            let n = length(&windows[&id]);
            self.totals[id as usize].contexts += n;
            if let Some(p) = period {
                add_to(&mut self.entity_periods, (p, id), n);
            }
        }
        // Mention pairs within k tokens: the pairs whose windows meet.
        let mut by_start: Vec<&(u32, &Occurrence<'_>)> = occ.iter().collect();
        by_start.sort_by_key(|&&(id, o)| (o.tokens, id));
        let mut pairs: Vec<_> = close_pairs(&by_start, k).into_iter().collect();
        pairs.sort_unstable_by_key(|(k, _)| *k);
        for ((a, b), (mention_pairs, (d, x, y))) in pairs {
            let n = intersection(&windows[&a], &windows[&b]);
            if n == 0 {
                continue;
            }
            self.pairs.add(a, b, PairTotals { contexts: n, weight: mention_pairs });
            if let Some(p) = period {
                add_to(&mut self.pair_periods, (p, a, b), n);
            }
            if self.options.evidence > 0 {
                self.offer_evidence(view, (a, b), d, x, y);
            }
        }
    }

    /// Offers the passage joining two mentions as evidence for a pair.
    fn offer_evidence(&mut self, view: &DocView<'_>, pair: (u32, u32), distance: u32, x: &Occurrence<'_>, y: &Occurrence<'_>) {
        let Some(doc) = view.doc else { return };
        let (first, second) = if (x.sentence, x.tokens) <= (y.sentence, y.tokens) { (x, y) } else { (y, x) };
        let (Some(s1), Some(s2)) = (doc.sentences.get(first.sentence as usize), doc.sentences.get(second.sentence as usize)) else {
            return;
        };
        let span = Span::new(s1.span.start, s2.span.end.max(s1.span.end));
        let text = if second.sentence > first.sentence + 1 {
            format!("{} … {}", s1.span.slice(&doc.clean), s2.span.slice(&doc.clean))
        } else {
            span.slice(&doc.clean).to_string()
        };
        let limit = self.options.evidence;
        let list = self.evidence.entry(pair).or_default();
        let candidate = (distance, text.len(), doc.id.as_str(), first.sentence);
        if list.len() >= limit && list.last().is_some_and(|w| w.rank_key() <= candidate) {
            return; // Would not be kept: spare the offset conversion.
        }
        let raw = doc.offsets.span_to_raw(span);
        let clean_chars = crate::doc::char_offsets(&doc.clean, &[span.start, span.end]);
        let raw_chars = crate::doc::char_offsets(&doc.raw, &[raw.start, raw.end]);
        let e = Example {
            doc: doc.id.clone(),
            sentence: first.sentence,
            distance,
            text,
            clean: (clean_chars[0] as u64, clean_chars[1] as u64),
            raw: (raw_chars[0] as u64, raw_chars[1] as u64),
        };
        keep_best(self.evidence.entry(pair).or_default(), e, limit);
    }

    /// Adds another partial's counts to these (associative and commutative).
    pub fn merge(&mut self, mut other: Cooccurrence) -> Result<()> {
        if other.options != self.options {
            return Err(Error::InvalidArgument(format!(
                "cannot merge counts made with different options ({} into {})",
                other.options, self.options
            )));
        }
        self.settle();
        other.settle();
        // Merging costs the size of `other`: fold the smaller into the larger (merging is
        // commutative and every output is ordered by name, so nothing else changes).
        if other.pairs.len() + other.names.len() > self.pairs.len() + self.names.len() {
            std::mem::swap(self, &mut other);
        }
        let remap: Vec<u32> = other.names.iter().map(|n| self.id(n)).collect();
        let r = |i: u32| remap[i as usize];
        for (i, t) in other.totals.iter().enumerate() {
            self.totals[remap[i] as usize].add(t);
        }
        for &(k, t) in other.pairs.sorted().iter() {
            let (a, b) = pair_ids(k);
            self.pairs.add(r(a), r(b), t);
        }
        self.pairs.settle();
        self.contexts += other.contexts;
        self.documents += other.documents;
        for (p, n) in other.period_contexts {
            add_to(&mut self.period_contexts, p, n);
        }
        for (p, n) in other.period_documents {
            add_to(&mut self.period_documents, p, n);
        }
        for ((p, a), n) in other.entity_periods {
            add_to(&mut self.entity_periods, (p, r(a)), n);
        }
        for ((p, a, b), n) in other.pair_periods {
            let (x, y) = key(r(a), r(b));
            add_to(&mut self.pair_periods, (p, x, y), n);
        }
        for ((a, s), n) in other.aliases {
            *self.aliases.entry((r(a), s)).or_insert(0) += n;
        }
        let limit = self.options.evidence;
        for ((a, b), list) in other.evidence {
            let mine = self.evidence.entry(key(r(a), r(b))).or_default();
            for e in list {
                keep_best(mine, e, limit);
            }
        }
        Ok(())
    }

    /// The id of an entity, if it was counted.
    pub fn entity_id(&self, name: &str) -> Option<u32> {
        let names = &self.names;
        self.index.find(name_hash(name), |&(_, i)| names[i as usize] == name).map(|&(_, i)| i)
    }

    /// Entities with their totals, most mentioned first (ties by name).
    pub fn entities(&self) -> Vec<(&str, EntityTotals)> {
        self.entity_order().into_iter().map(|id| (self.name(id), self.totals[id as usize])).collect()
    }

    /// The totals of entity `id`.
    pub fn totals(&self, id: u32) -> EntityTotals {
        self.totals[id as usize]
    }

    /// Ids of the entities kept, most mentioned first (ties by name).
    pub fn entity_order(&self) -> Vec<u32> {
        // A stable sort by count of the ids in name order: ties stay in name order without
        // comparing names (most entities share a count of one or two).
        let (mut ids, _) = self.name_order();
        if !self.options.labels.is_all() {
            ids.retain(|&id| self.is_kept(id));
        }
        radsort::sort_by_key(&mut ids, |&id| u64::MAX - self.totals[id as usize].mentions);
        ids
    }

    /// The kept passages for a pair of entities kept, best first.
    pub fn evidence(&self, a: &str, b: &str) -> &[Example] {
        match (self.entity_id(a), self.entity_id(b)) {
            (Some(x), Some(y)) if self.is_kept(x) && self.is_kept(y) => self.evidence.get(&key(x, y)).map_or(&[], Vec::as_slice),
            _ => &[],
        }
    }

    /// Each entity's surface forms with their mention counts, most frequent first (ties by
    /// form), in one list: entity `id`'s are `forms[starts[id]..starts[id + 1]]` (a list per
    /// entity cost an allocation each, for tens of thousands of entities).
    pub fn aliases(&self) -> SurfaceForms<'_> {
        // Mentions written as the name itself: those that are not another form.
        let mut exact: Vec<u64> = self.totals.iter().map(|t| t.mentions).collect();
        for ((id, _), n) in &self.aliases {
            // (Saturating: a state read from bytes need not add up.)
            exact[*id as usize] = exact[*id as usize].saturating_sub(*n);
        }
        let full = |id: usize| exact[id];
        let mut starts = vec![0usize; self.names.len() + 1];
        for id in 0..self.names.len() {
            starts[id + 1] = usize::from(full(id) > 0);
        }
        for (id, _) in self.aliases.keys() {
            starts[*id as usize + 1] += 1;
        }
        for id in 0..self.names.len() {
            starts[id + 1] += starts[id];
        }
        let mut forms = vec![("", 0u64); starts[self.names.len()]];
        let mut next = starts.clone();
        for (id, name) in self.names.iter().enumerate() {
            let n = full(id);
            if n > 0 {
                forms[next[id]] = (name.as_str(), n);
                next[id] += 1;
            }
        }
        for ((id, s), &n) in &self.aliases {
            forms[next[*id as usize]] = (s, n);
            next[*id as usize] += 1;
        }
        for w in starts.windows(2) {
            forms[w[0]..w[1]].sort_unstable_by(|x, y| y.1.cmp(&x.1).then_with(|| x.0.cmp(y.0)));
        }
        SurfaceForms { starts, forms }
    }

    /// The kept passages of every pair of entities kept, as (a, b, example) with a < b by
    /// name, in a stable order.
    pub fn all_evidence(&self) -> Vec<(&str, &str, &Example)> {
        let mut out: Vec<(&str, &str, &Example)> = Vec::new();
        for (&(a, b), list) in self.evidence.iter().filter(|(&(a, b), _)| self.is_kept(a) && self.is_kept(b)) {
            let (x, y) = (self.names[a as usize].as_str(), self.names[b as usize].as_str());
            let (x, y) = if x <= y { (x, y) } else { (y, x) };
            out.extend(list.iter().map(|e| (x, y, e)));
        }
        out.sort_by(|p, q| (p.0, p.1, p.2.rank_key()).cmp(&(q.0, q.1, q.2.rank_key())));
        out
    }
}

/// Every entity's surface forms and their counts (see [`Cooccurrence::aliases`]).
#[derive(Debug, Clone, PartialEq)]
pub struct SurfaceForms<'a> {
    starts: Vec<usize>,
    forms: Vec<(&'a str, u64)>,
}

impl<'a> SurfaceForms<'a> {
    /// Every entity's forms, entity after entity.
    pub fn all(&self) -> &[(&'a str, u64)] {
        &self.forms
    }

    /// The forms of entity `id`, most frequent first.
    pub fn of(&self, id: u32) -> &[(&'a str, u64)] {
        &self.forms[self.starts[id as usize]..self.starts[id as usize + 1]]
    }
}

/// The serialised form: names sorted and every map as a sorted list, so equal counts give
/// equal bytes whatever order the documents were met in.
#[derive(Serialize, Deserialize)]
struct State {
    version: u32,
    options: CountOptions,
    names: Vec<String>,
    totals: Vec<EntityTotals>,
    pairs: Vec<(u32, u32, PairTotals)>,
    contexts: u64,
    documents: u64,
    period_contexts: Vec<(i32, u64)>,
    period_documents: Vec<(i32, u64)>,
    entity_periods: Vec<(i32, u32, u64)>,
    pair_periods: Vec<(i32, u32, u32, u64)>,
    evidence: Vec<(u32, u32, Vec<Example>)>,
    aliases: Vec<(u32, String, u64)>,
}

/// Version 6: an entity's full-name label counts include the forms that write its name out
/// and go on ("... Inc"), where version 5 counted the name alone, and its totals count the
/// forms with a company's legal form (`firm_forms`); version 5 counts with a type
/// filter already held every mention (the filter applies when read out). An older state is
/// refused rather than merged into different sums.
const STATE_VERSION: u32 = 6;

fn sorted<T: Ord>(mut v: Vec<T>) -> Vec<T> {
    v.sort_unstable();
    v
}

impl Cooccurrence {
    /// Serialises the counts (postcard; the same counts always give the same bytes).
    pub fn to_bytes(&self) -> Vec<u8> {
        let (order, new_id) = self.name_order();
        let r = |i: u32| new_id[i as usize];
        let pair = |a: u32, b: u32| key(r(a), r(b));
        let state = State {
            version: STATE_VERSION,
            options: self.options,
            names: order.iter().map(|&i| self.names[i as usize].clone()).collect(),
            totals: order.iter().map(|&i| self.totals[i as usize]).collect(),
            pairs: sorted(
                self.pairs
                    .sorted()
                    .iter()
                    .map(|&(k, t)| {
                        let (a, b) = pair_ids(k);
                        let (x, y) = pair(a, b);
                        (x, y, t)
                    })
                    .collect(),
            ),
            contexts: self.contexts,
            documents: self.documents,
            period_contexts: sorted(self.period_contexts.iter().map(|(&p, &n)| (p, n)).collect()),
            period_documents: sorted(self.period_documents.iter().map(|(&p, &n)| (p, n)).collect()),
            entity_periods: sorted(self.entity_periods.iter().map(|(&(p, a), &n)| (p, r(a), n)).collect()),
            pair_periods: sorted(self.pair_periods.iter().map(|(&(p, a, b), &n)| (p, pair(a, b).0, pair(a, b).1, n)).collect()),
            evidence: {
                let mut v: Vec<(u32, u32, Vec<Example>)> =
                    self.evidence.iter().map(|(&(a, b), l)| (pair(a, b).0, pair(a, b).1, l.clone())).collect();
                v.sort_unstable_by_key(|x| (x.0, x.1));
                v
            },
            aliases: sorted(self.aliases.iter().map(|((a, s), &n)| (r(*a), s.to_string(), n)).collect()),
        };
        postcard::to_allocvec(&state).expect("serialising counts to memory cannot fail")
    }

    /// Reads counts written by [`Cooccurrence::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Cooccurrence> {
        let s: State = postcard::from_bytes(bytes).map_err(|e| Error::BadState(format!("not comention co-mention counts ({e})")))?;
        if s.version != STATE_VERSION {
            return Err(Error::BadState(format!("counts were written by state version {}, this is {STATE_VERSION}", s.version)));
        }
        let n = s.names.len() as u32;
        let ok = |a: u32| a < n;
        if s.totals.len() != s.names.len()
            || !s.pairs.iter().all(|&(a, b, _)| ok(a) && ok(b) && a != b)
            || !s.entity_periods.iter().all(|&(_, a, _)| ok(a))
            || !s.pair_periods.iter().all(|&(_, a, b, _)| ok(a) && ok(b))
            || !s.evidence.iter().all(|(a, b, _)| ok(*a) && ok(*b))
            || !s.aliases.iter().all(|(a, _, _)| ok(*a))
        {
            return Err(Error::BadState("counts refer to unknown entities".into()));
        }
        let mut c = Cooccurrence::new(s.options);
        c.reserve_entities(s.names.len());
        for name in &s.names {
            if c.entity_id(name).is_some() {
                return Err(Error::BadState("an entity name appears twice".into()));
            }
            c.id(name);
        }
        c.totals = s.totals;
        for (a, b, t) in s.pairs {
            c.pairs.add(a, b, t);
        }
        c.pairs.settle();
        c.contexts = s.contexts;
        c.documents = s.documents;
        c.period_contexts = s.period_contexts.into_iter().collect();
        c.period_documents = s.period_documents.into_iter().collect();
        c.entity_periods = s.entity_periods.into_iter().map(|(p, a, n)| ((p, a), n)).collect();
        c.pair_periods = s.pair_periods.into_iter().map(|(p, a, b, n)| ((p, a, b), n)).collect();
        c.evidence = s.evidence.into_iter().map(|(a, b, l)| ((a, b), l)).collect();
        c.aliases = s.aliases.into_iter().map(|(a, s, n)| ((a, s.into_boxed_str()), n)).collect();
        Ok(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_mentions_are_counted_by_entity_as_mention_by_mention() {
        let mut rng = crate::testing::Lcg::new(17);
        let mut cases = 0;
        for _ in 0..3000 {
            let (n, entities, span) = (rng.below(40) as usize, 1 + rng.below(6) as u32, 1 + rng.below(60) as u32);
            let occurrences: Vec<Occurrence<'_>> = (0..n)
                .map(|_| {
                    let start = rng.below(u64::from(span)) as u32;
                    Occurrence { entity: "", surface: "", label: Label::Per, sentence: 0, paragraph: 0, tokens: (start, start + 1 + rng.below(3) as u32) }
                })
                .collect();
            let occ: Vec<(u32, &Occurrence<'_>)> = occurrences.iter().map(|o| (rng.below(u64::from(entities)) as u32, o)).collect();
            let mut by_start: Vec<&(u32, &Occurrence<'_>)> = occ.iter().collect();
            by_start.sort_by_key(|&&(id, o)| (o.tokens, id));
            for k in [0, 1, 2, 5, 20, u32::MAX] {
                let slow = mention_by_mention(&by_start, k, usize::MAX).unwrap();
                let (fast, either) = (by_entity(&by_start, k), close_pairs(&by_start, k));
                // The nearest pair by where its two mentions are in the list.
                let at = |o: &Occurrence<'_>| occurrences.iter().position(|p| std::ptr::eq(p, o));
                let view = |c: &Close<'_, '_>| {
                    let mut v: Vec<_> = c.iter().map(|(p, (n, (d, x, y)))| (*p, *n, *d, at(x), at(y))).collect();
                    v.sort_unstable();
                    v
                };
                assert_eq!(view(&fast), view(&slow), "k {k}, {occ:?}");
                assert_eq!(view(&either), view(&slow), "k {k}, {occ:?}");
                cases += usize::from(!slow.is_empty());
            }
        }
        assert!(cases > 5000, "{cases}");
        // Past the reads' bound, close_pairs counts by entity (and still agrees).
        let occurrences: Vec<Occurrence<'_>> = (0..600u32)
            .map(|i| Occurrence { entity: "", surface: "", label: Label::Per, sentence: 0, paragraph: 0, tokens: (2 * i, 2 * i + 1) })
            .collect();
        let occ: Vec<(u32, &Occurrence<'_>)> = occurrences.iter().enumerate().map(|(i, o)| (i as u32 % 3, o)).collect();
        let by_start: Vec<&(u32, &Occurrence<'_>)> = occ.iter().collect();
        assert!(mention_by_mention(&by_start, u32::MAX, 16 * 600 + 256).is_none());
        let (all, slow) = (close_pairs(&by_start, u32::MAX), mention_by_mention(&by_start, u32::MAX, usize::MAX).unwrap());
        let counts = |c: &Close<'_, '_>| c.iter().map(|(p, (n, (d, _, _)))| (*p, *n, *d)).collect::<std::collections::BTreeSet<_>>();
        assert_eq!(counts(&all), counts(&slow));
        assert_eq!(counts(&all).iter().map(|&(_, n, _)| n).sum::<u64>(), 600 * 599 / 2 - 3 * (200 * 199 / 2));
    }
    use crate::doc::Label;
    use crate::stats::{Context, DocView, LabelSet, Occurrence};

    #[test]
    fn entities_and_their_forms_most_frequent_first() {
        let mut c = Cooccurrence::new(CountOptions::new(Context::Document));
        let docs: [&[(&str, &str)]; 2] = [&[("Wang Yi", "Wang Yi"), ("Wang Yi", "Wang"), ("Moscow", "Moscow")], &[("Wang Yi", "Wang"), ("Wang Yi", "Mr Wang")]];
        for (d, mentions) in docs.iter().enumerate() {
            let occurrences = mentions
                .iter()
                .enumerate()
                .map(|(i, &(entity, surface))| Occurrence { entity, surface, label: Label::Per, sentence: 0, paragraph: 0, tokens: (i as u32, i as u32 + 1) })
                .collect();
            let id = d.to_string();
            c.add(&DocView { id: &id, day: None, n_sentences: 1, n_paragraphs: 1, n_tokens: mentions.len() as u32, occurrences, doc: None });
        }
        let order: Vec<&str> = c.entity_order().into_iter().map(|id| c.name(id)).collect();
        assert_eq!(order, ["Wang Yi", "Moscow"]);
        assert_eq!(c.entities().iter().map(|(n, t)| (*n, t.mentions)).collect::<Vec<_>>(), [("Wang Yi", 4), ("Moscow", 1)]);
        let forms = c.aliases();
        assert_eq!(forms.of(c.entity_id("Wang Yi").unwrap()), [("Wang", 2), ("Mr Wang", 1), ("Wang Yi", 1)]);
        assert_eq!(forms.of(c.entity_id("Moscow").unwrap()), [("Moscow", 1)]);
    }

    #[test]
    fn a_type_is_read_off_the_forms_that_write_the_name_out() {
        // The tagger reads the bare name of a firm as a person's; written with its legal form
        // (the canonical name drops it), the firm is an organisation. A short form does not
        // write the name out.
        // One document of one entity's mentions, as (form, label).
        let counted = |entity: &'static str, mentions: &[(&'static str, Label)]| {
            let mut c = Cooccurrence::new(CountOptions::new(Context::Document));
            let occurrences = mentions
                .iter()
                .enumerate()
                .map(|(i, &(surface, label))| Occurrence { entity, surface, label, sentence: 0, paragraph: 0, tokens: (i as u32, i as u32 + 1) })
                .collect();
            c.add(&DocView { id: "d", day: None, n_sentences: 1, n_paragraphs: 1, n_tokens: mentions.len() as u32, occurrences, doc: None });
            let id = c.entity_id(entity).unwrap();
            (c, id)
        };
        let drexel = [
            ("Drexel Burnham Lambert Inc", Label::Org),
            ("Drexel Burnham Lambert Inc.", Label::Org),
            ("Drexel Burnham Lambert", Label::Per),
            ("Drexel", Label::Per),
            ("Drexel", Label::Per),
        ];
        let (c, id) = counted("Drexel Burnham Lambert", &drexel);
        assert_eq!(c.totals(id).label(), Label::Org);
        assert_eq!(c.totals(id).full_labels, [1, 2, 0, 0]);
        // The forms list the name as written, alone, and the longer forms as forms of their own.
        assert_eq!(c.aliases().of(id), [("Drexel", 2), ("Drexel Burnham Lambert", 1), ("Drexel Burnham Lambert Inc", 1), ("Drexel Burnham Lambert Inc.", 1)]);

        // A name written twice with a company's legal form is a firm's whatever its bare
        // mentions say; a surname so written ("Smith Ltd") is no evidence about "Smith".
        let typed = |entity: &'static str, mentions: &[(&'static str, Label)]| {
            let (c, id) = counted(entity, mentions);
            c.totals(id).label()
        };
        let hutton = [("E.F. Hutton", Label::Per), ("E.F. Hutton", Label::Per), ("E.F. Hutton", Label::Per), ("E.F. Hutton and Co Inc", Label::Org)];
        assert_eq!(typed("E.F. Hutton", &hutton), Label::Per, "written so once");
        assert_eq!(typed("E.F. Hutton", &[&hutton[..], &[("E.F. Hutton and Co Inc.", Label::Org)]].concat()), Label::Org);
        assert_eq!(typed("Smith", &[("Smith", Label::Per), ("Smith", Label::Per), ("Smith", Label::Per), ("Smith Ltd", Label::Org), ("Smith Inc", Label::Org)]), Label::Per);

        // A name the built-in alias table gives as canonical has the table's type, whatever
        // its mentions vote; kept or left out by it too.
        let (c, id) = counted("Republican Party", &[("Republicans", Label::Misc), ("Republican", Label::Misc)]);
        assert_eq!((c.totals(id).label(), c.label(id)), (Label::Misc, Label::Org));
        let (c, id) = counted("Republican", &[("Republican", Label::Misc)]);
        assert_eq!(c.label(id), Label::Misc, "a form of the table's, not its canonical name");
        let mut only_org = Cooccurrence::new(CountOptions { labels: LabelSet::only(&[Label::Org]), ..CountOptions::new(Context::Document) });
        let occurrences = vec![Occurrence { entity: "Republican Party", surface: "Republicans", label: Label::Misc, sentence: 0, paragraph: 0, tokens: (0, 1) }];
        only_org.add(&DocView { id: "d", day: None, n_sentences: 1, n_paragraphs: 1, n_tokens: 1, occurrences, doc: None });
        assert!(only_org.is_kept(only_org.entity_id("Republican Party").unwrap()));

        assert!(writes_out("Rolls-Royce Plc", "Rolls Royce"));
        assert!(writes_out("Harris Upham and Co Inc", "Harris Upham"));
        assert!(writes_out("Wang Yi", "Wang Yi"));
        assert!(!writes_out("Wang Yixin", "Wang Yi"), "a word of its own");
        assert!(!writes_out("Wang", "Wang Yi"));
        assert!(!writes_out("Hutton", "E.F. Hutton"));
        assert!(!writes_out("MILWAUKEE", "Milwaukee"));
    }

    #[test]
    fn types_keep_entities_by_their_type_with_every_mention() {
        // Reagan is a person whose name the tagger once typed MISC ("the Reagan
        // administration"); "U.S." once ORG. Kept by type, every mention of a person counts,
        // and the United States (a place) is no organisation for one mention typed so.
        let docs: [&[(&str, &str, Label)]; 3] = [
            &[("Ronald Reagan", "Ronald Reagan", Label::Per), ("James Baker", "James Baker", Label::Per), ("United States", "U.S.", Label::Loc)],
            &[("Ronald Reagan", "Reagan", Label::Misc), ("James Baker", "Baker", Label::Per), ("United States", "U.S.", Label::Org), ("Congress", "Congress", Label::Org)],
            &[("United States", "United States", Label::Loc), ("Congress", "Congress", Label::Org), ("Ronald Reagan", "Reagan", Label::Per)],
        ];
        let count = |labels: &[Label]| {
            let mut c = Cooccurrence::new(CountOptions { labels: LabelSet::only(labels), ..CountOptions::new(Context::Document) });
            for (d, mentions) in docs.iter().enumerate() {
                let occurrences = mentions
                    .iter()
                    .enumerate()
                    .map(|(i, &(entity, surface, label))| Occurrence { entity, surface, label, sentence: 0, paragraph: 0, tokens: (i as u32, i as u32 + 1) })
                    .collect();
                let id = d.to_string();
                c.add(&DocView { id: &id, day: Some(d as i32), n_sentences: 1, n_paragraphs: 1, n_tokens: mentions.len() as u32, occurrences, doc: None });
            }
            c
        };
        let people = count(&[Label::Per]);
        let edges = people.edges(&crate::stats::EdgeOptions::default()).unwrap();
        let rows: Vec<(&str, &str, u64, u64)> = (0..edges.len()).map(|i| (people.name(edges.a[i]), people.name(edges.b[i]), edges.n_ab[i], edges.n_a[i])).collect();
        assert_eq!(rows, [("James Baker", "Ronald Reagan", 2, 2)]);
        assert_eq!(people.entities().iter().map(|(n, t)| (*n, t.mentions)).collect::<Vec<_>>(), [("Ronald Reagan", 3), ("James Baker", 2)]);
        assert_eq!(people.n_entities(), 2);
        let organisations = count(&[Label::Org]);
        assert_eq!(organisations.entities().iter().map(|(n, _)| *n).collect::<Vec<_>>(), ["Congress"]);
        assert!(organisations.edges(&crate::stats::EdgeOptions::default()).unwrap().is_empty());
        // N is every context, kept entities or not; and what is kept is the same whatever the
        // order the documents were counted in or merged.
        assert_eq!(people.n_contexts(), 3);
        let mut merged = count(&[Label::Per]);
        merged.merge(count(&[Label::Per])).unwrap();
        assert_eq!(merged.entities().iter().map(|(n, t)| (*n, t.mentions)).collect::<Vec<_>>(), [("Ronald Reagan", 6), ("James Baker", 4)]);
    }

    #[test]
    fn a_document_tallied_counts_as_one_sentence_sorted() {
        // Documents of one sentence naming a few entities many times, out of order: counted as
        // documents (entities tallied) and as sentences (occurrences sorted), every total agrees.
        let mut rng = crate::testing::Lcg::new(3);
        let names: Vec<String> = (0..40).map(|i| format!("E{i}")).collect();
        let by = |context| Cooccurrence::new(CountOptions::new(context));
        let (mut whole, mut sentences) = (by(Context::Document), by(Context::Sentence));
        for d in 0..500 {
            let n = rng.below(30) as usize;
            let occurrences: Vec<Occurrence<'_>> = (0..n)
                .map(|i| {
                    // Skewed: low ids are named most.
                    let spread = 1 + rng.below(names.len() as u64);
                    let entity = names[rng.below(spread) as usize].as_str();
                    Occurrence { entity, surface: entity, label: Label::Org, sentence: 0, paragraph: 0, tokens: (i as u32, i as u32 + 1) }
                })
                .collect();
            let id = d.to_string();
            for c in [&mut whole, &mut sentences] {
                c.add(&DocView { id: &id, day: None, n_sentences: 1, n_paragraphs: 1, n_tokens: n as u32, occurrences: occurrences.clone(), doc: None });
            }
        }
        assert_eq!(whole.entities(), sentences.entities());
        assert!(whole.entities().iter().any(|(_, t)| t.mentions > 2 * t.documents), "entities repeat within documents");
        let (a, b) = (whole.pairs.sorted(), sentences.pairs.sorted());
        assert!(a.iter().any(|(_, t)| t.weight > t.contexts), "pairs weigh more than their contexts");
        assert_eq!(a, b);
    }

    #[test]
    fn counts_of_other_options_are_refused_naming_both_as_python_does() {
        let mut a = Cooccurrence::new(CountOptions::parse("window", Some(5), Some(&["per".into(), "LOC".into()]), Some("week"), 2).unwrap());
        let b = Cooccurrence::new(CountOptions::new(Context::Sentence));
        let message = a.merge(b).unwrap_err().to_string();
        assert!(
            message.contains("(context='sentence', period=None, evidence=0 into context='window:5', labels=['PER', 'LOC'], period='week', evidence=2)"),
            "{message}"
        );
    }

    #[test]
    fn entity_order_is_count_then_name() {
        // Names met out of name order, counts with many ties: the order a comparison sort gives.
        let mut rng = crate::testing::Lcg::new(11);
        let mut c = Cooccurrence::new(CountOptions::new(Context::Document));
        let names: Vec<String> = (0..300).map(|i| format!("E{}", (i * 7919) % 1000)).collect();
        for d in 0..200 {
            let picks: Vec<&str> = (0..4).map(|_| names[(rng.unit() * rng.unit() * names.len() as f64) as usize].as_str()).collect();
            let occurrences = picks
                .iter()
                .enumerate()
                .map(|(i, &entity)| Occurrence { entity, surface: entity, label: Label::Org, sentence: 0, paragraph: 0, tokens: (i as u32, i as u32 + 1) })
                .collect();
            let id = d.to_string();
            c.add(&DocView { id: &id, day: None, n_sentences: 1, n_paragraphs: 1, n_tokens: 4, occurrences, doc: None });
        }
        let mut expected: Vec<u32> = (0..c.names().len() as u32).collect();
        expected.sort_by(|&x, &y| c.totals(y).mentions.cmp(&c.totals(x).mentions).then_with(|| c.name(x).cmp(c.name(y))));
        assert!(!c.names().windows(2).all(|w| w[0] < w[1]), "the names must be met out of order");
        assert_eq!(c.entity_order(), expected);
    }
}
