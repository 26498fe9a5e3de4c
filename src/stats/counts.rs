//! Co-mention counts over a corpus: a fold with an associative, commutative merge.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::measures::{Measures, PairCounts};
use crate::doc::{Document, Label};
use crate::error::{Error, Result};

/// What counts as one context of co-mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Context {
    Document,
    Sentence,
}

impl Context {
    /// Parses `document` or `sentence`.
    pub fn parse(s: &str) -> Result<Context> {
        match s {
            "document" | "doc" => Ok(Context::Document),
            "sentence" => Ok(Context::Sentence),
            _ => Err(Error::InvalidArgument(format!("unknown context {s:?}: use \"document\" or \"sentence\""))),
        }
    }

    /// The name `parse` accepts.
    pub fn as_str(self) -> &'static str {
        match self {
            Context::Document => "document",
            Context::Sentence => "sentence",
        }
    }
}

/// Per-entity totals.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityTotals {
    /// Contexts that mention the entity.
    pub contexts: u64,
    /// Documents that mention the entity.
    pub documents: u64,
    /// Mentions, all told.
    pub mentions: u64,
    /// Mentions per label, in `Label::ALL` order.
    pub labels: [u64; 4],
}

impl EntityTotals {
    fn add(&mut self, o: &EntityTotals) {
        self.contexts += o.contexts;
        self.documents += o.documents;
        self.mentions += o.mentions;
        for (a, b) in self.labels.iter_mut().zip(o.labels) {
            *a += b;
        }
    }

    /// The label most of the mentions carry (ties go to the earlier label in `Label::ALL`).
    pub fn label(&self) -> Label {
        let mut best = 0;
        for i in 1..4 {
            if self.labels[i] > self.labels[best] {
                best = i;
            }
        }
        Label::ALL[best]
    }
}

/// Entity and pair counts over some documents.
#[derive(Debug, Clone, PartialEq)]
pub struct Cooccurrence {
    context: Context,
    names: Vec<String>,
    index: HashMap<String, u32>,
    totals: Vec<EntityTotals>,
    pairs: HashMap<(u32, u32), u64>,
    contexts: u64,
    documents: u64,
}

/// One row of the edge table.
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    pub a: String,
    pub b: String,
    pub counts: PairCounts,
    pub measures: Measures,
}

/// The serialised form: sorted, so equal counts give equal bytes.
#[derive(Serialize, Deserialize)]
struct State {
    version: u32,
    context: Context,
    names: Vec<String>,
    totals: Vec<EntityTotals>,
    pairs: Vec<(u32, u32, u64)>,
    contexts: u64,
    documents: u64,
}

const STATE_VERSION: u32 = 1;

impl Cooccurrence {
    /// Empty counts for a context.
    pub fn new(context: Context) -> Self {
        Cooccurrence { context, names: Vec::new(), index: HashMap::new(), totals: Vec::new(), pairs: HashMap::new(), contexts: 0, documents: 0 }
    }

    /// The context counted.
    pub fn context(&self) -> Context {
        self.context
    }

    /// Number of contexts counted (documents or sentences).
    pub fn n_contexts(&self) -> u64 {
        self.contexts
    }

    /// Number of documents counted.
    pub fn n_documents(&self) -> u64 {
        self.documents
    }

    fn id(&mut self, name: &str) -> u32 {
        if let Some(&i) = self.index.get(name) {
            return i;
        }
        let i = self.names.len() as u32;
        self.names.push(name.to_string());
        self.index.insert(name.to_string(), i);
        self.totals.push(EntityTotals::default());
        i
    }

    /// Counts one document's resolved mentions.
    pub fn add_document(&mut self, doc: &Document) {
        self.documents += 1;
        let mut in_doc: Vec<u32> = Vec::new();
        for m in doc.mentions.iter().filter(|m| !m.entity.is_empty()) {
            let id = self.id(&m.entity);
            let t = &mut self.totals[id as usize];
            t.mentions += 1;
            t.labels[m.label as usize] += 1;
            in_doc.push(id);
        }
        in_doc.sort_unstable();
        in_doc.dedup();
        for &id in &in_doc {
            self.totals[id as usize].documents += 1;
        }
        match self.context {
            Context::Document => {
                self.contexts += 1;
                self.count_context(&in_doc);
            }
            Context::Sentence => {
                self.contexts += doc.sentences.len() as u64;
                let mut i = 0;
                let ms = &doc.mentions;
                while i < ms.len() {
                    let s = ms[i].sentence;
                    let mut ids: Vec<u32> = Vec::new();
                    while i < ms.len() && ms[i].sentence == s {
                        if !ms[i].entity.is_empty() {
                            ids.push(self.index[&ms[i].entity]);
                        }
                        i += 1;
                    }
                    ids.sort_unstable();
                    ids.dedup();
                    self.count_context(&ids);
                }
            }
        }
    }

    /// Adds one context holding the distinct, sorted entity ids `ids`.
    fn count_context(&mut self, ids: &[u32]) {
        for (k, &a) in ids.iter().enumerate() {
            self.totals[a as usize].contexts += 1;
            for &b in &ids[k + 1..] {
                *self.pairs.entry(Self::key(a, b)).or_insert(0) += 1;
            }
        }
    }

    fn key(a: u32, b: u32) -> (u32, u32) {
        if a < b { (a, b) } else { (b, a) }
    }

    /// Adds another partial's counts to these (associative and commutative).
    pub fn merge(&mut self, other: Cooccurrence) -> Result<()> {
        if other.context != self.context {
            return Err(Error::InvalidArgument(format!(
                "cannot merge {} counts into {} counts",
                other.context.as_str(),
                self.context.as_str()
            )));
        }
        let remap: Vec<u32> = other.names.iter().map(|n| self.id(n)).collect();
        for (i, t) in other.totals.iter().enumerate() {
            self.totals[remap[i] as usize].add(t);
        }
        for ((a, b), c) in other.pairs {
            *self.pairs.entry(Self::key(remap[a as usize], remap[b as usize])).or_insert(0) += c;
        }
        self.contexts += other.contexts;
        self.documents += other.documents;
        Ok(())
    }

    /// Entities with their totals, most mentioned first (ties by name).
    pub fn entities(&self) -> Vec<(&str, EntityTotals)> {
        let mut out: Vec<(&str, EntityTotals)> = self.names.iter().map(String::as_str).zip(self.totals.iter().copied()).collect();
        out.sort_by(|x, y| y.1.mentions.cmp(&x.1.mentions).then_with(|| x.0.cmp(y.0)));
        out
    }

    /// Pairs co-mentioned in at least `min_count` contexts with their measures, most
    /// frequent first (ties by names, so the order never depends on how work was split).
    pub fn edges(&self, min_count: u64) -> Vec<Edge> {
        let mut out: Vec<Edge> = self
            .pairs
            .iter()
            .filter(|(_, &c)| c >= min_count.max(1))
            .map(|(&(a, b), &c)| {
                let (mut x, mut y) = (a as usize, b as usize);
                if self.names[x] > self.names[y] {
                    std::mem::swap(&mut x, &mut y);
                }
                let counts = PairCounts { n_ab: c, n_a: self.totals[x].contexts, n_b: self.totals[y].contexts, n: self.contexts };
                Edge { a: self.names[x].clone(), b: self.names[y].clone(), counts, measures: counts.measures() }
            })
            .collect();
        out.sort_by(|p, q| q.counts.n_ab.cmp(&p.counts.n_ab).then_with(|| p.a.cmp(&q.a)).then_with(|| p.b.cmp(&q.b)));
        out
    }

    /// Serialises the counts (postcard; the same counts always give the same bytes).
    pub fn to_bytes(&self) -> Vec<u8> {
        // Sort names so that bytes do not depend on the order entities were met.
        let mut order: Vec<u32> = (0..self.names.len() as u32).collect();
        order.sort_by(|&a, &b| self.names[a as usize].cmp(&self.names[b as usize]));
        let mut new_id = vec![0u32; order.len()];
        for (new, &old) in order.iter().enumerate() {
            new_id[old as usize] = new as u32;
        }
        let mut pairs: Vec<(u32, u32, u64)> = self
            .pairs
            .iter()
            .map(|(&(a, b), &c)| {
                let (x, y) = Self::key(new_id[a as usize], new_id[b as usize]);
                (x, y, c)
            })
            .collect();
        pairs.sort_unstable();
        let state = State {
            version: STATE_VERSION,
            context: self.context,
            names: order.iter().map(|&i| self.names[i as usize].clone()).collect(),
            totals: order.iter().map(|&i| self.totals[i as usize]).collect(),
            pairs,
            contexts: self.contexts,
            documents: self.documents,
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
        if s.totals.len() != s.names.len() || s.pairs.iter().any(|&(a, b, _)| a >= n || b >= n || a == b) {
            return Err(Error::BadState("counts refer to unknown entities".into()));
        }
        let index = s.names.iter().enumerate().map(|(i, n)| (n.clone(), i as u32)).collect();
        Ok(Cooccurrence {
            context: s.context,
            names: s.names,
            index,
            totals: s.totals,
            pairs: s.pairs.into_iter().map(|(a, b, c)| ((a, b), c)).collect(),
            contexts: s.contexts,
            documents: s.documents,
        })
    }
}
