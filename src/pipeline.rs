//! Runs clean → segment → tag → resolve over a batch in parallel, and counts co-mentions.

use std::borrow::Borrow;
use std::collections::HashMap;
use std::ops::Range;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rayon::prelude::*;

use crate::budget::{self, Cancel, Stop};
use crate::clean::recurring::RecurringLines;
use crate::clean::{self, CleanOptions};
use crate::doc::{Document, Input};
use crate::error::{Error, Result};
use crate::resolve::{self, Aliases};
use crate::segment;
use crate::resolve::Links;
use crate::stats::{CountOptions, Cooccurrence, DocView, MentionColumns};
use crate::tag::watchlist::Watchlist;
use crate::tag::{self, Model};

/// Settings of a pipeline.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub clean: CleanOptions,
    /// Worker threads, at most `MAX_THREADS`; 0 means one per core.
    pub threads: usize,
    /// The user's alias table: it takes precedence over the built-in one, and its names are
    /// also found where the model saw no entity (a watchlist).
    pub aliases: Option<Aliases>,
    /// Run the cleaning stage only (for callers that want clean text and metadata).
    pub clean_only: bool,
    /// Give up on a document after this long, leaving an error record (for untrusted input;
    /// where the limit falls depends on the machine, so results with one are not reproducible).
    pub time_limit: Option<Duration>,
}

/// How often an interruptible batch asks its caller whether to stop.
const POLL_INTERVAL: Duration = Duration::from_millis(50);

/// The five stages with their models, and the pool of worker threads they run on.
///
/// The pool is the project's own rather than rayon's global one, because a global pool
/// deadlocks in a process forked after it started (as notebooks' multiprocessing does); see
/// [`thread_pool`].
pub struct Pipeline {
    clean: CleanOptions,
    aliases: std::borrow::Cow<'static, Aliases>,
    watchlist: Option<Watchlist>,
    clean_only: bool,
    time_limit: Option<Duration>,
    pool: Arc<rayon::ThreadPool>,
}

/// The pools made so far in this process (its id: a forked child starts afresh), by size.
type Pools = (u32, HashMap<usize, Arc<rayon::ThreadPool>>);

/// The most worker threads a pool may have. Idle workers look for work in every other
/// worker's queue, so a pool takes time to start in the square of its size: 1,000 workers
/// started in 1.5 s on two cores, 3,000 in 8 s, and `threads=10000` had not started in a
/// minute (a hang, to the caller). More workers than cores never makes the work faster.
pub const MAX_THREADS: usize = 1024;

/// A pool of `threads` workers (0: one per core), shared by every caller that asks for that
/// many in this process. A pool made per call started its threads anew each time: each new
/// thread warmed its allocator again and found the regular expressions' caches owned by a
/// thread that had ended (a slower, locked path: 1.6 % of a profile of repeated small `clean`
/// calls on its own). After a fork the parent's pools have no threads in the child, so a child
/// makes its own; and a caller that finds the table busy gets a pool of its own rather than
/// wait (no lock is held across a fork that way).
fn thread_pool(threads: usize) -> Result<Arc<rayon::ThreadPool>> {
    static POOLS: Mutex<Option<Pools>> = Mutex::new(None);
    if threads > MAX_THREADS {
        return Err(Error::InvalidArgument(format!(
            "threads must be 0 (one per core) to {MAX_THREADS}, not {threads}: workers beyond the cores only add start-up time"
        )));
    }
    let build = || {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .thread_name(|i| format!("comention-{i}"))
            .build()
            .map(Arc::new)
            .map_err(|e| Error::InvalidArgument(format!("cannot start {threads} worker threads: {e}")))
    };
    let Ok(mut pools) = POOLS.try_lock() else { return build() };
    let pid = std::process::id();
    if pools.as_ref().is_none_or(|(owner, _)| *owner != pid) {
        // A parent's pools, if any, are forgotten: their threads are not in this process, and
        // dropping them would signal threads that do not exist.
        std::mem::forget(pools.replace((pid, HashMap::new())));
    }
    let (_, by_size) = pools.as_mut().expect("set above");
    if let Some(pool) = by_size.get(&threads) {
        return Ok(Arc::clone(pool));
    }
    let pool = build()?;
    by_size.insert(threads, Arc::clone(&pool));
    Ok(pool)
}

/// Runs `work` on the pool of `threads` workers (0: one per core).
pub fn with_threads<T: Send>(threads: usize, work: impl FnOnce() -> T + Send) -> Result<T> {
    Ok(thread_pool(threads)?.install(work))
}

impl Pipeline {
    /// A pipeline with the built-in model and alias table.
    pub fn new(options: Options) -> Result<Pipeline> {
        let pool = thread_pool(options.threads)?;
        let builtin = resolve::aliases::builtin();
        let (aliases, watchlist) = match &options.aliases {
            Some(user) => (std::borrow::Cow::Owned(builtin.overridden_by(user)), Watchlist::new(user)),
            None => (std::borrow::Cow::Borrowed(builtin), None),
        };
        Ok(Pipeline { clean: options.clean, aliases, watchlist, clean_only: options.clean_only, time_limit: options.time_limit, pool })
    }

    /// The tagging model, loaded on first use: cleaning and counting mention tables never
    /// need it, and loading it takes milliseconds.
    fn model(&self) -> &'static Model {
        tag::default_model()
    }

    /// Number of worker threads.
    pub fn threads(&self) -> usize {
        self.pool.current_num_threads()
    }

    /// Runs every stage on one document; a failure becomes the document's `error`.
    pub fn process_one(&self, input: Input) -> Document {
        self.process_one_under(input, &Cancel::default())
    }

    fn process_one_under(&self, input: Input, cancel: &Cancel) -> Document {
        let doc = match Self::document(input) {
            Ok(doc) => doc,
            Err(missing) => return missing,
        };
        let given = Given::of(&doc);
        let run = self.guarded(&given.id, cancel, move || {
            let mut d = doc;
            clean::clean(&mut d, &self.clean);
            self.after_cleaning(d)
        });
        Self::settled(given, run)
    }

    /// The document of an input, or its error record when it has no text.
    // Both sides are a document (the error is its row's record), moved once into the batch.
    #[allow(clippy::result_large_err)]
    fn document(input: Input) -> std::result::Result<Document, Document> {
        let Input { id, text, date, source } = input;
        let Some(raw) = text else {
            return Err(Given { id, date, source }.record("missing text: the value is None/NaN".into()));
        };
        let mut doc = Document::new(id, raw);
        doc.meta.date = date;
        doc.meta.source = source;
        Ok(doc)
    }

    /// Runs `work` on document `id` under the time limit and `cancel`; a panic, the time limit
    /// or a cancellation becomes the reason the document failed.
    fn guarded<T>(&self, id: &str, cancel: &Cancel, work: impl FnOnce() -> T) -> std::result::Result<T, String> {
        catch_unwind(AssertUnwindSafe(|| {
            let _budget = budget::enter(self.time_limit, cancel);
            work()
        }))
        .map_err(|panic| match panic.downcast_ref::<Stop>() {
            Some(Stop::TimeLimit) => format!(
                "time limit of {:.3} s exceeded while processing document {id:?}; raise time_limit or split the document",
                self.time_limit.unwrap_or_default().as_secs_f64()
            ),
            Some(Stop::Cancelled) => format!("cancelled while processing document {id:?}"),
            None => format!("internal error while processing document {id:?}: {}", panic_message(&*panic)),
        })
    }

    /// The stages after cleaning, unless the pipeline only cleans.
    fn after_cleaning(&self, mut d: Document) -> Document {
        if self.clean_only {
            return d;
        }
        segment::segment(&mut d);
        tag::tag(&mut d, self.model());
        if let Some(w) = &self.watchlist {
            w.find(&mut d);
        }
        resolve::resolve(&mut d, &self.aliases);
        d
    }

    /// A processed document, or the error record of one that failed.
    fn settled(given: Given, run: std::result::Result<Document, String>) -> Document {
        match run {
            Ok(mut d) => {
                d.shrink_to_fit();
                d
            }
            // The document went down with the unwinding; its row stays, with the reason.
            Err(msg) => given.record(msg),
        }
    }

    /// Processes a batch in parallel; the output keeps the input order, one document per input.
    pub fn process(&self, inputs: Vec<Input>) -> Vec<Document> {
        self.process_under(inputs, &Cancel::default())
    }

    fn process_under(&self, inputs: Vec<Input>, cancel: &Cancel) -> Vec<Document> {
        self.pool.broadcast(|_| clean::forget_remembered());
        self.pool.install(|| inputs.into_par_iter().map(|i| self.process_one_under(i, cancel)).collect())
    }

    /// Processes a batch like [`Pipeline::process`], also removing the lines that recur across
    /// the batch's documents of a source (as [`RecurringLines::add_all`] learns them, added to
    /// any evidence the options hold). Each page is split and normalised once, for learning
    /// and cleaning both. Returns the documents and the evidence learned from the batch.
    ///
    /// A document that fails while it is read (time limit, cancellation) adds nothing to the
    /// evidence. The time limit applies to each of a document's three passes on its own:
    /// reading, finishing the cleaning, and the later stages.
    pub fn process_learning(&self, inputs: Vec<Input>) -> (Vec<Document>, RecurringLines) {
        self.process_learning_under(inputs, &Cancel::default())
    }

    fn process_learning_under(&self, inputs: Vec<Input>, cancel: &Cancel) -> (Vec<Document>, RecurringLines) {
        self.pool.broadcast(|_| clean::forget_remembered());
        self.pool.install(|| {
            let docs: Vec<std::result::Result<Document, Document>> = inputs.into_par_iter().map(Self::document).collect();
            // Cleaning's first half, with every line's key for the evidence.
            let reads: Vec<Option<std::result::Result<(clean::Read<'_>, clean::BlockWords), String>>> = docs
                .par_iter()
                .map(|doc| {
                    let doc = doc.as_ref().ok()?;
                    Some(self.guarded(&doc.id, cancel, || {
                        let read = clean::read(&doc.raw, &self.clean);
                        let words = read.words();
                        (read, words)
                    }))
                })
                .collect();
            let mut learned = RecurringLines::new();
            let keyed: Vec<(&[Option<u64>], Option<&str>)> = reads
                .iter()
                .zip(&docs)
                .filter_map(|(read, doc)| Some((read.as_ref()?.as_ref().ok()?.1.keys(), doc.as_ref().ok()?.meta.source.as_deref())))
                .collect();
            learned.add_all_keys(&keyed);
            drop(keyed);
            let learned = Arc::new(learned);
            let evidence = match &self.clean.recurring {
                Some(given) => Arc::new({
                    let mut all = RecurringLines::clone(given);
                    all.merge(&learned);
                    all
                }),
                None => Arc::clone(&learned),
            };
            let opts = CleanOptions { recurring: Some(evidence), ..self.clean.clone() };
            // The second half, with the evidence of the whole batch.
            let cleaned: Vec<Option<std::result::Result<clean::Cleaned, String>>> = reads
                .into_par_iter()
                .zip(&docs)
                .map(|(read, doc)| {
                    let (read, words) = match read? {
                        Ok(read) => read,
                        Err(failed) => return Some(Err(failed)),
                    };
                    let doc = doc.as_ref().ok()?;
                    Some(self.guarded(&doc.id, cancel, || clean::finish(read, &doc.meta, &opts, Some(&words))))
                })
                .collect();
            drop(opts);
            let docs = docs
                .into_par_iter()
                .zip(cleaned)
                .map(|(doc, cleaned)| {
                    let (mut doc, cleaned) = match (doc, cleaned) {
                        (Ok(doc), Some(cleaned)) => (doc, cleaned),
                        (Ok(doc) | Err(doc), _) => return doc,
                    };
                    let given = Given::of(&doc);
                    let run = cleaned.and_then(|cleaned| {
                        cleaned.apply(&mut doc);
                        self.guarded(&given.id, cancel, move || self.after_cleaning(doc))
                    });
                    Self::settled(given, run)
                })
                .collect();
            (docs, Arc::try_unwrap(learned).unwrap_or_else(|shared| RecurringLines::clone(&shared)))
        })
    }

    /// Processes a batch like [`Pipeline::process`], asking `stop_requested` every 50 ms whether
    /// to give up (a Ctrl-C, say); then the workers stop at their next sentence or block and
    /// the call returns [`Error::Interrupted`].
    pub fn process_interruptible(&self, inputs: Vec<Input>, stop_requested: impl FnMut() -> bool) -> Result<Vec<Document>> {
        self.interruptible(|cancel| self.process_under(inputs, cancel), stop_requested)
    }

    /// [`Pipeline::process_learning`], interruptible as [`Pipeline::process_interruptible`] is.
    pub fn process_learning_interruptible(
        &self,
        inputs: Vec<Input>,
        stop_requested: impl FnMut() -> bool,
    ) -> Result<(Vec<Document>, RecurringLines)> {
        self.interruptible(|cancel| self.process_learning_under(inputs, cancel), stop_requested)
    }

    /// Runs `work` on the pool's workers, asking `stop_requested` every 50 ms whether to cancel
    /// it. This thread only polls: a thread of its own for the work cost a spawn and a join a
    /// call.
    fn interruptible<T: Send>(&self, work: impl FnOnce(&Cancel) -> T + Send, mut stop_requested: impl FnMut() -> bool) -> Result<T> {
        let cancel = Cancel::default();
        let (tx, rx) = mpsc::channel();
        self.pool.in_place_scope(|s| {
            let worker_cancel = cancel.clone();
            s.spawn(move |_| {
                // The receiver may be gone if the caller stopped waiting; nothing to do then.
                let _ = tx.send(work(&worker_cancel));
            });
            loop {
                match rx.recv_timeout(POLL_INTERVAL) {
                    Ok(done) if !cancel.is_cancelled() => return Ok(done),
                    Ok(_) => return Err(Error::Interrupted),
                    Err(RecvTimeoutError::Timeout) => {
                        if !cancel.is_cancelled() && stop_requested() {
                            cancel.cancel();
                        }
                    }
                    Err(RecvTimeoutError::Disconnected) => return Err(Error::Interrupted),
                }
            }
        })
    }

    /// IOB2 tags (`B-PER`, `I-PER`, `O`) for pre-tokenised sentences, in parallel. Consecutive
    /// sentences with the same document id are tagged as one document (earlier labels of a
    /// word inform later ones); without ids every sentence stands alone.
    pub fn tag_tokens(&self, sentences: &[Vec<String>], documents: Option<&[u64]>) -> Result<Vec<Vec<String>>> {
        let groups: Vec<&[Vec<String>]> = match documents {
            None => sentences.chunks(1).collect(),
            Some(ids) if ids.len() == sentences.len() => {
                let mut rest = sentences;
                ids.chunk_by(|x, y| x == y)
                    .map(|run| {
                        let (doc, tail) = rest.split_at(run.len());
                        rest = tail;
                        doc
                    })
                    .collect()
            }
            Some(ids) => {
                return Err(Error::InvalidArgument(format!("{} document ids for {} sentences", ids.len(), sentences.len())));
            }
        };
        let tagged: Vec<Vec<Vec<String>>> = self.pool.install(|| {
            groups
                .par_iter()
                .map(|doc| {
                    doc.iter()
                        .zip(self.model().decode_document(doc))
                        .map(|(words, decisions)| {
                            let tags: Vec<tag::labels::Tag> = decisions.iter().map(|d| d.tag).collect();
                            tag::labels::to_iob2(words.len(), &tag::labels::spans(&tags))
                        })
                        .collect()
                })
                .collect()
        });
        Ok(tagged.into_iter().flatten().collect())
    }

    /// Co-mention counts over a mention table.
    pub fn count_columns(&self, columns: &MentionColumns<'_>, options: CountOptions) -> Result<Cooccurrence> {
        let mut counts = Cooccurrence::new(options);
        self.count_columns_into(&mut counts, columns, 0..columns.doc_ids.len())?;
        Ok(counts)
    }

    /// Adds documents `docs` of a mention table to `counts`, by the counts' own options.
    pub fn count_columns_into(&self, counts: &mut Cooccurrence, columns: &MentionColumns<'_>, docs: Range<usize>) -> Result<()> {
        columns.validate()?;
        self.count_table_steps(counts, columns, docs.clone(), docs.len(), true, |_| Ok(()))
    }

    /// Adds documents `docs` of a mention table that passed `MentionColumns::validate` to
    /// `counts` in steps of `step` documents, calling `on_step` with the documents each step
    /// counted (a progress bar; an error it returns, such as an interrupt, stops counting and
    /// is returned), then settles the counts (see `Cooccurrence::settle`) once. With
    /// `register`, the documents' entities new to `counts` first take their ids in name order
    /// (see `MentionColumns::register_entities`).
    pub fn count_table_steps(
        &self,
        counts: &mut Cooccurrence,
        columns: &MentionColumns<'_>,
        docs: Range<usize>,
        step: usize,
        register: bool,
        mut on_step: impl FnMut(usize) -> Result<()>,
    ) -> Result<()> {
        within_table(columns, &docs)?;
        columns.check_context(counts.options().context)?;
        let registered = register.then(|| columns.register_entities(counts, docs.clone()));
        // On one thread, the names' ids are kept from step to step (those registered known
        // from the start: looked up again, they were a twentieth of counting 16× Reuters);
        // parts counted on several go into counts of their own, each looking its names up.
        let mut ids = (self.pool.current_num_threads() == 1).then(|| registered.unwrap_or_else(|| columns.no_ids()));
        for start in docs.clone().step_by(step.max(1)) {
            let part = start..(start + step.max(1)).min(docs.end);
            let n = part.len();
            match ids.as_mut() {
                Some(ids) => columns.count_into_with(counts, part, ids),
                None => self.count_in_parts(counts, part, usize::MAX, |c, range| columns.count_into(c, range)),
            }
            on_step(n)?;
        }
        counts.settle();
        Ok(())
    }

    /// Co-mention counts over processed documents.
    pub fn count(&self, docs: &[Document], options: CountOptions) -> Cooccurrence {
        self.count_linked(docs, options, None)
    }

    /// Co-mention counts with cross-document links applied on the fly.
    pub fn count_linked(&self, docs: &[Document], options: CountOptions, links: Option<&Links>) -> Cooccurrence {
        let mut counts = Cooccurrence::new(options);
        self.count_into(&mut counts, docs, links);
        counts
    }

    /// Adds processed documents (or references to them) to `counts`, with cross-document
    /// links applied on the fly.
    pub fn count_into<D: Borrow<Document> + Sync>(&self, counts: &mut Cooccurrence, docs: &[D], links: Option<&Links>) {
        self.count_into_by(counts, docs, links, usize::MAX);
    }

    /// [`Pipeline::count_into`] by at most `workers` of the pool's threads (at least one):
    /// for a caller that keeps the others busy with its own work meanwhile.
    pub fn count_into_by<D: Borrow<Document> + Sync>(&self, counts: &mut Cooccurrence, docs: &[D], links: Option<&Links>, workers: usize) {
        self.count_in_parts(counts, 0..docs.len(), workers, |c, range| {
            for d in &docs[range] {
                c.add(&DocView::linked(d.borrow(), links));
            }
        });
        counts.settle();
    }

    /// Counts `docs` with `count(part, range)` on at most `workers` threads of the pool: the
    /// first worker counts straight into `counts`, the others into parts merged afterwards (a
    /// merge rehashes a part's pairs, so parts are few: one per worker).
    fn count_in_parts(&self, counts: &mut Cooccurrence, docs: Range<usize>, workers: usize, count: impl Fn(&mut Cooccurrence, Range<usize>) + Sync) {
        const MIN_PART: usize = 1024;
        let workers = self.pool.current_num_threads().min(workers);
        if workers <= 1 || docs.len() < 2 * MIN_PART {
            return count(counts, docs);
        }
        let chunk = docs.len().div_ceil(workers).max(MIN_PART);
        let options = counts.options();
        let first = docs.start..docs.start + chunk;
        let rest: Vec<Range<usize>> = (first.end..docs.end).step_by(chunk).map(|s| s..(s + chunk).min(docs.end)).collect();
        // Each worker folds its own pending pairs (`settle`): left to the merge, that fold
        // was a third of the counting's time, on one thread.
        let parts: Vec<Cooccurrence> = self.pool.install(|| {
            let ((), parts) = rayon::join(
                || {
                    count(counts, first);
                    counts.settle();
                },
                || {
                    rest.into_par_iter()
                        .map(|range| {
                            let mut part = Cooccurrence::new(options);
                            count(&mut part, range);
                            part.settle();
                            part
                        })
                        .collect()
                },
            );
            parts
        });
        for part in parts {
            counts.merge(part).expect("parts of one options merge");
        }
    }
}

/// The message a panic carried, for the document's error record.
fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into())
}

/// An error unless documents `docs` are a range within the mention table's.
fn within_table(columns: &MentionColumns<'_>, docs: &Range<usize>) -> Result<()> {
    if docs.end > columns.doc_ids.len() || docs.start > docs.end {
        return Err(Error::InvalidArgument(format!("documents {docs:?} are not within the table's {}", columns.doc_ids.len())));
    }
    Ok(())
}

/// What a document's error record keeps of its input: its id, and the date and source it
/// was given (a row whose text was missing or failed had lost them).
struct Given {
    id: String,
    date: Option<String>,
    source: Option<String>,
}

impl Given {
    /// The id, date and source a document was given, before cleaning adds to them.
    fn of(doc: &Document) -> Given {
        Given { id: doc.id.clone(), date: doc.meta.date.clone(), source: doc.meta.source.clone() }
    }

    /// The error record: the row, the given date (read as cleaning reads it) and source, and `error`.
    fn record(self, error: String) -> Document {
        let mut d = Document::new(self.id, "");
        d.meta.date = self.date.as_deref().and_then(clean::metadata::normalize_date);
        d.meta.source = self.source;
        d.error = Some(error);
        d
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_counted_in_steps_equals_it_counted_at_once() {
        use crate::stats::{Context, CountOptions, MentionColumns};
        let mut rng = crate::testing::Lcg::new(23);
        let doc_ids: Vec<String> = (0..5_000).map(|d| format!("d{d}")).collect();
        let names: Vec<String> = (0..300).map(|e| format!("e{e}")).collect();
        let (mut doc, mut entity) = (Vec::new(), Vec::new());
        for d in 0..doc_ids.len() as u32 {
            for _ in 0..rng.below(8) {
                doc.push(d);
                entity.push(rng.below(names.len() as u64) as u32);
            }
        }
        let columns = MentionColumns { doc_ids: &doc_ids, names: &names, doc: &doc, entity: &entity, ..Default::default() };
        let options = CountOptions::new(Context::Document);
        let pipeline = |threads| Pipeline::new(Options { threads, ..Options::default() }).unwrap();
        let whole = pipeline(1).count_columns(&columns, options).unwrap().to_bytes();
        for threads in [1, 3] {
            assert_eq!(pipeline(threads).count_columns(&columns, options).unwrap().to_bytes(), whole);
            let (mut counts, mut steps) = (Cooccurrence::new(options), Vec::new());
            let p = pipeline(threads);
            p.count_table_steps(&mut counts, &columns, 0..doc_ids.len(), 700, true, |n| {
                steps.push(n);
                Ok(())
            }).unwrap();
            assert_eq!(counts.to_bytes(), whole);
            assert_eq!(steps, [700, 700, 700, 700, 700, 700, 700, 100]);
            // Names met in no step before, and names not registered first, take ids as met.
            let unregistered = |step| {
                let mut counts = Cooccurrence::new(options);
                p.count_table_steps(&mut counts, &columns, 0..doc_ids.len(), step, false, |_| Ok(())).unwrap();
                counts.to_bytes()
            };
            assert_eq!(unregistered(333), unregistered(doc_ids.len()));
            // Ids given in name order up front count as ids taken as met (the serialised
            // counts are in name order).
            assert_eq!(unregistered(333), whole);
            // An error from a step stops counting there and is returned.
            let mut done = 0;
            let stop = p.count_table_steps(&mut Cooccurrence::new(options), &columns, 0..doc_ids.len(), 700, true, |n| {
                done += n;
                if done >= 1_400 { Err(Error::Interrupted) } else { Ok(()) }
            });
            assert!(stop.is_err() && done == 1_400);
        }
        for register in [false, true] {
            assert!(pipeline(1).count_table_steps(&mut Cooccurrence::new(options), &columns, 4_000..5_001, 10, register, |_| Ok(())).is_err());
        }
    }

    #[test]
    fn pipelines_of_one_size_share_their_workers() {
        let (a, b, c) = (thread_pool(3).unwrap(), thread_pool(3).unwrap(), thread_pool(1).unwrap());
        assert!(Arc::ptr_eq(&a, &b) && !Arc::ptr_eq(&a, &c));
        assert_eq!((a.current_num_threads(), c.current_num_threads()), (3, 1));
    }

    #[test]
    fn a_pool_larger_than_the_bound_is_refused_at_once() {
        for threads in [MAX_THREADS + 1, usize::MAX] {
            let err = thread_pool(threads).expect_err("refused");
            assert!(err.to_string().contains(&format!("to {MAX_THREADS}, not {threads}")), "{err}");
            assert!(Pipeline::new(Options { threads, ..Default::default() }).is_err());
            assert!(with_threads(threads, || ()).is_err());
        }
    }
}
