//! The pyo3 skin: argument conversion, GIL release, error mapping and Arrow export only.

use std::sync::Arc;

use arrow_array::RecordBatch;
use pyo3::exceptions::{PyOSError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyCapsule, PyString, PyTuple};

use crate::clean::recurring::RecurringLines;
use crate::clean::{CleanOptions, UserRules};
use crate::doc::{Document, Input};
use crate::error::Error;
use crate::pipeline::{Options, Pipeline};
use crate::resolve::{Aliases, Links, Registry};
use crate::stats::{CountOptions, Cooccurrence, EdgeColumns, EdgeOptions, Measure, MentionColumns, Texts};
use crate::table;

pyo3::create_exception!(_core, InvalidInputError, PyValueError, "An argument or input the core cannot use.");
pyo3::create_exception!(_core, StateError, PyValueError, "Serialised state or a model file that cannot be read.");

fn to_py(e: Error) -> PyErr {
    match e {
        Error::InvalidArgument(m) => InvalidInputError::new_err(m),
        Error::BadModel(m) | Error::BadState(m) => StateError::new_err(m),
        Error::Io(m) => PyOSError::new_err(m),
        Error::Interrupted => pyo3::exceptions::PyKeyboardInterrupt::new_err(e.to_string()),
        Error::OutOfMemory(m) => pyo3::exceptions::PyMemoryError::new_err(m),
    }
}

/// A record batch handed to Python through the Arrow PyCapsule interface.
#[pyclass(module = "comention._core", frozen)]
struct ArrowTable {
    batch: RecordBatch,
}

#[pymethods]
impl ArrowTable {
    #[getter]
    fn num_rows(&self) -> usize {
        self.batch.num_rows()
    }

    #[pyo3(signature = (requested_schema=None))]
    fn __arrow_c_array__<'py>(&self, py: Python<'py>, requested_schema: Option<Bound<'py, PyAny>>) -> PyResult<Bound<'py, PyTuple>> {
        let _ = requested_schema; // We offer the one schema we have; the consumer casts if it wants.
        let (schema, array) = table::export(self.batch.clone()).map_err(to_py)?;
        let schema = PyCapsule::new_with_value(py, schema, c"arrow_schema")?;
        let array = PyCapsule::new_with_value(py, array, c"arrow_array")?;
        PyTuple::new(py, [schema.into_any(), array.into_any()])
    }

    fn __len__(&self) -> usize {
        self.batch.num_rows()
    }
}

fn arrow(batch: RecordBatch) -> ArrowTable {
    ArrowTable { batch }
}

/// Processed documents held in Rust until their tables are asked for.
#[pyclass(module = "comention._core", frozen)]
struct Batch {
    docs: Arc<Vec<Document>>,
}

impl Drop for Batch {
    fn drop(&mut self) {
        // Freeing a large batch is millions of small deallocations (40 ms for Reuters): a
        // thread of its own does it, off the caller's path (inline if no thread can start).
        let docs = std::mem::take(&mut self.docs);
        if docs.len() >= 256 && Arc::strong_count(&docs) == 1 {
            let _ = std::thread::Builder::new().name("comention-free".into()).spawn(move || drop(docs));
        }
    }
}

#[pymethods]
impl Batch {
    fn __len__(&self) -> usize {
        self.docs.len()
    }

    /// Bytes the processed documents hold in memory (an estimate).
    #[getter]
    fn nbytes(&self) -> usize {
        self.docs.iter().map(Document::heap_size).sum()
    }

    fn documents(&self, py: Python<'_>) -> ArrowTable {
        arrow(py.detach(|| table::documents(&self.docs)))
    }

    #[pyo3(signature = (links=None))]
    fn mentions(&self, py: Python<'_>, links: Option<&PyLinks>) -> ArrowTable {
        let links = links.map(|l| &l.inner);
        arrow(py.detach(|| table::mentions(&self.docs, links)))
    }

    fn removals(&self, py: Python<'_>) -> ArrowTable {
        arrow(py.detach(|| table::removals(&self.docs)))
    }

}

/// What the corpus says about names, learned batch by batch (mergeable).
#[pyclass(module = "comention._core", name = "Registry")]
struct PyRegistry {
    inner: Registry,
}

#[pymethods]
impl PyRegistry {
    #[new]
    fn new() -> Self {
        PyRegistry { inner: Registry::new() }
    }

    fn add(&mut self, py: Python<'_>, batch: &Batch) {
        // Without the GIL: the next batch's inputs are being handed to the core meanwhile.
        let inner = &mut self.inner;
        py.detach(|| {
            for d in batch.docs.iter() {
                inner.add_document(d);
            }
        });
    }

    fn merge(slf: &Bound<'_, Self>, other: &Bound<'_, Self>) {
        // Read before writing: a registry merged into itself (doubled) is one object borrowed twice.
        let other = other.borrow().inner.clone();
        slf.borrow_mut().inner.merge(other);
    }

    #[getter]
    fn n_documents(&self) -> u64 {
        self.inner.n_documents()
    }

    fn links(&self) -> PyLinks {
        PyLinks { inner: self.inner.links() }
    }

    fn to_bytes<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, &self.inner.to_bytes())
    }

    #[staticmethod]
    fn from_bytes(data: &[u8]) -> PyResult<PyRegistry> {
        Ok(PyRegistry { inner: Registry::from_bytes(data).map_err(to_py)? })
    }
}

/// Lines that recur across the documents of a source: corpus evidence for cleaning (mergeable).
#[pyclass(module = "comention._core", name = "RecurringLines")]
struct PyRecurring {
    inner: Arc<RecurringLines>,
}

#[pymethods]
impl PyRecurring {
    #[new]
    fn new() -> Self {
        PyRecurring { inner: Arc::new(RecurringLines::new()) }
    }

    #[pyo3(signature = (texts, sources=None, *, threads=0))]
    fn add(&mut self, py: Python<'_>, texts: Vec<Option<DocText>>, sources: Option<Vec<Option<String>>>, threads: usize) -> PyResult<()> {
        if sources.as_ref().is_some_and(|s| s.len() != texts.len()) {
            return Err(InvalidInputError::new_err("sources and texts differ in length"));
        }
        let documents: Vec<(&str, Option<&str>)> = texts
            .iter()
            .enumerate()
            .filter_map(|(i, text)| text.as_ref().map(|DocText(t)| (t.as_str(), sources.as_ref().and_then(|s| s[i].as_deref()))))
            .collect();
        let inner = Arc::make_mut(&mut self.inner);
        py.detach(|| crate::pipeline::with_threads(threads, || inner.add_all(&documents))).map_err(to_py)
    }

    fn merge(slf: &Bound<'_, Self>, other: &Bound<'_, Self>) {
        // Read before writing: evidence merged into itself (doubled) is one object borrowed twice.
        let other = Arc::clone(&other.borrow().inner);
        Arc::make_mut(&mut slf.borrow_mut().inner).merge(&other);
    }

    #[getter]
    fn n_documents(&self) -> u64 {
        self.inner.n_documents()
    }

    fn to_bytes<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, &self.inner.to_bytes())
    }

    #[staticmethod]
    fn from_bytes(data: &[u8]) -> PyResult<PyRecurring> {
        Ok(PyRecurring { inner: Arc::new(RecurringLines::from_bytes(data).map_err(to_py)?) })
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (Bound<'py, PyBytes>,))> {
        let py = slf.py();
        let from_bytes = slf.get_type().getattr("from_bytes")?;
        Ok((from_bytes, (slf.borrow().to_bytes(py),)))
    }
}

/// The registry's decisions: which short forms name which full names.
#[pyclass(module = "comention._core", name = "Links", frozen)]
struct PyLinks {
    inner: Links,
}

#[pymethods]
impl PyLinks {
    fn pairs(&self) -> Vec<(String, String)> {
        self.inner.pairs().into_iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
    }

    fn ambiguous(&self) -> Vec<(String, Vec<String>)> {
        self.inner.ambiguous().to_vec()
    }

    fn in_context(&self) -> Vec<String> {
        self.inner.in_context().into_iter().map(str::to_string).collect()
    }

    fn types(&self) -> Vec<(String, &'static str)> {
        self.inner.types().into_iter().map(|(name, label)| (name.to_string(), label.as_str())).collect()
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }
}

/// Co-mention counts: mergeable, serialisable partial statistics.
#[pyclass(module = "comention._core", name = "Counts")]
struct PyCounts {
    inner: Cooccurrence,
}

fn count_options(context: &str, window: Option<u32>, labels: Option<Vec<String>>, period: Option<&str>, evidence: usize) -> PyResult<CountOptions> {
    CountOptions::parse(context, window, labels.as_deref(), period, evidence).map_err(to_py)
}

#[pymethods]
impl PyCounts {
    #[new]
    #[pyo3(signature = (context="sentence", *, window=None, labels=None, period=None, evidence=0))]
    fn new(context: &str, window: Option<u32>, labels: Option<Vec<String>>, period: Option<&str>, evidence: usize) -> PyResult<Self> {
        Ok(PyCounts { inner: Cooccurrence::new(count_options(context, window, labels, period, evidence)?) })
    }

    #[getter]
    fn context(&self) -> String {
        self.inner.options().context.name()
    }

    #[getter]
    fn period(&self) -> Option<&'static str> {
        self.inner.options().period.map(|p| p.name())
    }

    #[getter]
    fn evidence_per_pair(&self) -> usize {
        self.inner.options().evidence
    }

    #[getter]
    fn n_contexts(&self) -> u64 {
        self.inner.n_contexts()
    }

    #[getter]
    fn n_documents(&self) -> u64 {
        self.inner.n_documents()
    }

    #[getter]
    fn n_entities(&self) -> usize {
        self.inner.n_entities()
    }

    fn merge(slf: &Bound<'_, Self>, other: &Bound<'_, Self>) -> PyResult<()> {
        // Read before writing: counts merged into themselves (doubled) are one object borrowed
        // twice, which pyo3 refused with "Already mutably borrowed".
        let other = other.borrow().inner.clone();
        slf.borrow_mut().inner.merge(other).map_err(to_py)
    }

    #[pyo3(signature = (*, min_count=1, min_entity_count=1, smoothing=0.0, alpha=0.05, top_k=None, by="g2", backbone=None, columns=None, threads=0))]
    #[allow(clippy::too_many_arguments)]
    fn edges(
        &self,
        py: Python<'_>,
        min_count: u64,
        min_entity_count: u64,
        smoothing: f64,
        alpha: f64,
        top_k: Option<usize>,
        by: &str,
        backbone: Option<f64>,
        columns: Option<Vec<String>>,
        threads: usize,
    ) -> PyResult<ArrowTable> {
        let by = Measure::parse(by).map_err(to_py)?;
        let columns = columns.map_or(Ok(EdgeColumns::ALL), |c| EdgeColumns::parse(&c)).map_err(to_py)?;
        let opts = EdgeOptions { min_count, min_entity_count, smoothing, alpha, top_k: top_k.map(|k| (k, by)), backbone, columns };
        opts.validate().map_err(to_py)?;
        let table = py.detach(|| crate::pipeline::with_threads(threads, || table::edges(&self.inner, &opts))).and_then(|t| t).map_err(to_py)?;
        Ok(arrow(table))
    }

    fn entities(&self, py: Python<'_>) -> ArrowTable {
        arrow(py.detach(|| table::entities(&self.inner)))
    }

    fn entity_timeline(&self, py: Python<'_>) -> ArrowTable {
        arrow(py.detach(|| table::entity_timeline(&self.inner)))
    }

    #[pyo3(signature = (min_count=1))]
    fn pair_timeline(&self, py: Python<'_>, min_count: u64) -> ArrowTable {
        arrow(py.detach(|| table::pair_timeline(&self.inner, min_count)))
    }

    #[pyo3(signature = (a=None, b=None))]
    fn evidence(&self, py: Python<'_>, a: Option<&str>, b: Option<&str>) -> PyResult<ArrowTable> {
        let pair = match (a, b) {
            (Some(a), Some(b)) => Some((a, b)),
            (None, None) => None,
            _ => return Err(InvalidInputError::new_err("give both entities of a pair, or neither for every pair")),
        };
        Ok(arrow(py.detach(|| table::evidence(&self.inner, pair))))
    }

    fn to_bytes<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        let b = py.detach(|| self.inner.to_bytes());
        PyBytes::new(py, &b)
    }

    #[staticmethod]
    fn from_bytes(py: Python<'_>, data: &[u8]) -> PyResult<PyCounts> {
        let data = data.to_vec();
        let inner = py.detach(move || Cooccurrence::from_bytes(&data)).map_err(to_py)?;
        Ok(PyCounts { inner })
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (Bound<'py, PyBytes>,))> {
        let py = slf.py();
        let from_bytes = slf.get_type().getattr("from_bytes")?;
        Ok((from_bytes, (slf.borrow().to_bytes(py),)))
    }
}

fn buffer<T: pyo3::buffer::Element + Copy>(py: Python<'_>, obj: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<T>> {
    match obj {
        None => Ok(Vec::new()),
        Some(o) => pyo3::buffer::PyBuffer::<T>::get(o)?.to_vec(py),
    }
}

/// A mention table as columns, converted once and checked, counted in ranges of documents.
#[pyclass(module = "comention._core", name = "MentionTable", frozen)]
struct PyMentionTable {
    doc_ids: Box<dyn Texts + Send>,
    days: Vec<Option<i32>>,
    sizes: Vec<[u32; 3]>,
    names: Box<dyn Texts + Send>,
    doc: Vec<u32>,
    entity: Vec<u32>,
    label: Vec<u8>,
    sentence: Vec<u32>,
    paragraph: Vec<u32>,
    token_start: Vec<u32>,
    token_end: Vec<u32>,
}

impl PyMentionTable {
    fn columns(&self) -> MentionColumns<'_> {
        MentionColumns {
            doc_ids: self.doc_ids.as_ref(),
            days: &self.days,
            sizes: &self.sizes,
            names: self.names.as_ref(),
            doc: &self.doc,
            entity: &self.entity,
            label: &self.label,
            sentence: &self.sentence,
            paragraph: &self.paragraph,
            token_start: &self.token_start,
            token_end: &self.token_end,
        }
    }
}

#[pymethods]
impl PyMentionTable {
    /// Columns as numpy arrays of uint32 (uint8 for labels), and names as lists of str or
    /// Arrow string arrays; raises InvalidInputError when they do not fit together.
    #[new]
    #[pyo3(signature = (doc_ids, names, doc, entity, *, label=None, sentence=None, paragraph=None, token_start=None, token_end=None, days=None, sizes=None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        doc_ids: &Bound<'_, PyAny>,
        names: &Bound<'_, PyAny>,
        doc: &Bound<'_, PyAny>,
        entity: &Bound<'_, PyAny>,
        label: Option<&Bound<'_, PyAny>>,
        sentence: Option<&Bound<'_, PyAny>>,
        paragraph: Option<&Bound<'_, PyAny>>,
        token_start: Option<&Bound<'_, PyAny>>,
        token_end: Option<&Bound<'_, PyAny>>,
        days: Option<Vec<Option<i32>>>,
        sizes: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let flat_sizes: Vec<u32> = buffer(py, sizes)?;
        if !flat_sizes.len().is_multiple_of(3) {
            return Err(InvalidInputError::new_err("sizes must hold three numbers (sentences, paragraphs, tokens) per document"));
        }
        let table = PyMentionTable {
            doc_ids: texts_arg("doc_ids", doc_ids)?,
            days: days.unwrap_or_default(),
            sizes: flat_sizes.chunks_exact(3).map(|c| [c[0], c[1], c[2]]).collect(),
            names: texts_arg("names", names)?,
            doc: buffer(py, Some(doc))?,
            entity: buffer(py, Some(entity))?,
            label: buffer(py, label)?,
            sentence: buffer(py, sentence)?,
            paragraph: buffer(py, paragraph)?,
            token_start: buffer(py, token_start)?,
            token_end: buffer(py, token_end)?,
        };
        table.columns().validate().map_err(to_py)?;
        Ok(table)
    }

    #[getter]
    fn n_documents(&self) -> usize {
        self.doc_ids.len()
    }
}

/// The five stages with a worker pool of their own.
#[pyclass(module = "comention._core", name = "Pipeline", frozen)]
struct PyPipeline {
    inner: Pipeline,
}

#[pymethods]
impl PyPipeline {
    #[new]
    #[pyo3(signature = (*, threads=0, drop_chrome=true, drop_duplicates=true, aliases=None, clean_only=false, time_limit=None, main_content=true, boilerplate=None, recurring=None))]
    fn new(
        threads: usize,
        drop_chrome: bool,
        drop_duplicates: bool,
        aliases: Option<&str>,
        clean_only: bool,
        time_limit: Option<f64>,
        main_content: bool,
        boilerplate: Option<Vec<String>>,
        recurring: Option<PyRef<'_, PyRecurring>>,
    ) -> PyResult<Self> {
        let aliases = aliases.map(Aliases::parse).transpose().map_err(to_py)?;
        let user_rules = boilerplate.map(|p| UserRules::new(&p).map(Arc::new)).transpose().map_err(to_py)?;
        let time_limit = time_limit
            .map(|s| {
                std::time::Duration::try_from_secs_f64(s)
                    .map_err(|_| InvalidInputError::new_err(format!("time_limit must be a non-negative number of seconds, not {s}")))
            })
            .transpose()?;
        let options = Options { clean: CleanOptions { drop_chrome, drop_duplicates, main_content, user_rules, recurring: recurring.map(|r| r.inner.clone()) }, threads, aliases, clean_only, time_limit };
        Ok(PyPipeline { inner: Pipeline::new(options).map_err(to_py)? })
    }

    #[getter]
    fn threads(&self) -> usize {
        self.inner.threads()
    }

    /// Cleans, segments, tags and resolves a batch; with `learn`, cleaning also removes the
    /// lines that recur across the batch's documents of a source. Ctrl-C stops it; so does
    /// `cancel` (an object with `is_set()`, such as a `threading.Event`), for calls off the
    /// main thread, which never see signals.
    #[pyo3(signature = (ids, texts, dates=None, sources=None, *, cancel=None, learn=false))]
    #[allow(clippy::too_many_arguments)]
    fn process(
        &self,
        py: Python<'_>,
        ids: Vec<String>,
        texts: Vec<Option<DocText>>,
        dates: Option<Vec<Option<String>>>,
        sources: Option<Vec<Option<String>>>,
        cancel: Option<Py<PyAny>>,
        learn: bool,
    ) -> PyResult<Batch> {
        let n = texts.len();
        let check = |name: &str, len: usize| {
            if len == n { Ok(()) } else { Err(InvalidInputError::new_err(format!("{name} has {len} values but texts has {n}"))) }
        };
        check("ids", ids.len())?;
        let dates = dates.unwrap_or_else(|| vec![None; n]);
        let sources = sources.unwrap_or_else(|| vec![None; n]);
        check("dates", dates.len())?;
        check("sources", sources.len())?;
        let inputs: Vec<Input> = ids
            .into_iter()
            .zip(texts)
            .zip(dates.into_iter().zip(sources))
            .map(|((id, text), (date, source))| Input { id, text: text.map(|DocText(t)| t), date, source })
            .collect();
        // Ctrl-C is seen between polls: the signal error is kept and the workers are stopped.
        let mut interrupt = None;
        let docs = py.detach(|| {
            let stop = || {
                Python::attach(|py| {
                    interrupt = py.check_signals().err();
                    let cancelled = || cancel.as_ref().is_some_and(|c| c.bind(py).call_method0("is_set").and_then(|v| v.is_truthy()).unwrap_or(true));
                    interrupt.is_some() || cancelled()
                })
            };
            if learn {
                self.inner.process_learning_interruptible(inputs, stop).map(|(docs, _)| docs)
            } else {
                self.inner.process_interruptible(inputs, stop)
            }
        });
        match (docs, interrupt) {
            (Ok(docs), _) => Ok(Batch { docs: Arc::new(docs) }),
            (Err(_), Some(signal)) => Err(signal),
            (Err(e), None) => Err(to_py(e)),
        }
    }

    /// Adds processed batches to `counts`, with the corpus links applied, by at most
    /// `workers` threads (0: all of the pipeline's).
    #[pyo3(signature = (batches, counts, *, links=None, workers=0))]
    fn count(&self, py: Python<'_>, batches: Vec<PyRef<'_, Batch>>, counts: &mut PyCounts, links: Option<&PyLinks>, workers: usize) {
        // Counted in one call: the workers' partial counts are merged once, not once a batch
        // (ten merges on Reuters made two threads count no faster than one).
        let held: Vec<Arc<Vec<Document>>> = batches.iter().map(|b| b.docs.clone()).collect();
        let links = links.map(|l| &l.inner);
        let counts = &mut counts.inner;
        py.detach(|| {
            let docs: Vec<&Document> = held.iter().flat_map(|b| b.iter()).collect();
            self.inner.count_into_by(counts, &docs, links, if workers == 0 { usize::MAX } else { workers })
        });
    }

    /// Adds documents `[start, stop)` of a mention table to `counts` in steps of `step`
    /// documents, calling `progress(n)` with each step's documents; Ctrl-C (or an exception
    /// from `progress`) stops counting between steps and is raised. With `register`, the
    /// entities new to `counts` first take their ids in name order.
    #[pyo3(signature = (table, counts, start, stop, *, step=50_000, register=false, progress=None))]
    #[allow(clippy::too_many_arguments)]
    fn count_table(
        &self,
        py: Python<'_>,
        table: &PyMentionTable,
        counts: &mut PyCounts,
        start: usize,
        stop: usize,
        step: usize,
        register: bool,
        progress: Option<Py<PyAny>>,
    ) -> PyResult<()> {
        let counts = &mut counts.inner;
        let mut raised = None;
        // The table was checked when it was made.
        let counted = py.detach(|| {
            self.inner.count_table_steps(counts, &table.columns(), start..stop, step, register, |n| {
                Python::attach(|py| {
                    let told = progress.as_ref().map_or(Ok(()), |p| p.call1(py, (n,)).map(drop));
                    py.check_signals().and(told).map_err(|e| {
                        raised = Some(e);
                        crate::error::Error::Interrupted
                    })
                })
            })
        });
        match raised {
            Some(e) => Err(e),
            None => counted.map_err(to_py),
        }
    }

    #[pyo3(signature = (sentences, documents=None))]
    fn tag_tokens(&self, py: Python<'_>, sentences: Vec<Vec<String>>, documents: Option<Vec<u64>>) -> PyResult<Vec<Vec<String>>> {
        py.detach(|| self.inner.tag_tokens(&sentences, documents.as_deref())).map_err(to_py)
    }
}

/// Sentences of a CoNLL file's text: (words, IOB tags, document index) each.
#[pyfunction]
fn read_conll(text: &str) -> Vec<(Vec<String>, Vec<String>, usize)> {
    crate::tag::conll::read_conll(text).into_iter().map(|s| (s.words, s.tags, s.document)).collect()
}

/// Strict span counts (label, tp, fp, fn) of predicted IOB tags against gold ones, per label.
#[pyfunction]
fn score_tags(gold: Vec<Vec<String>>, predicted: Vec<Vec<String>>) -> PyResult<Vec<(String, usize, usize, usize)>> {
    let e = crate::tag::conll::score(&gold, &predicted).map_err(to_py)?;
    Ok(e.per_label.iter().map(|(l, c)| (l.as_str().to_string(), c.tp, c.fp, c.fn_)).collect())
}

/// An Arrow array handed over by the PyCapsule interface (`__arrow_c_array__`).
fn arrow_array(obj: &Bound<'_, PyAny>) -> PyResult<arrow_array::ArrayRef> {
    let pair = obj.call_method0("__arrow_c_array__")?;
    let (schema, exported): (Bound<'_, PyCapsule>, Bound<'_, PyCapsule>) = pair.extract()?;
    let schema = schema.pointer_checked(Some(c"arrow_schema"))?.cast::<arrow_array::ffi::FFI_ArrowSchema>();
    let exported = exported.pointer_checked(Some(c"arrow_array"))?.cast::<arrow_array::ffi::FFI_ArrowArray>();
    // SAFETY: the capsules carry the names the PyCapsule interface gives a schema and an
    // array; `from_raw` takes the array over and marks the capsule's copy released, so its
    // destructor frees nothing twice; the schema is only read, while its capsule lives.
    unsafe { table::import(arrow_array::ffi::FFI_ArrowArray::from_raw(exported.as_ptr()), schema.as_ref()) }.map_err(to_py)
}

/// A list of texts given as a Python sequence of str, or as an Arrow string array (kept as
/// it is, without a Python object or a string per value).
fn texts_arg(column: &str, obj: &Bound<'_, PyAny>) -> PyResult<Box<dyn Texts + Send>> {
    if obj.hasattr("__arrow_c_array__")? {
        table::texts(column, &arrow_array(obj)?).map_err(to_py)
    } else {
        Ok(Box::new(obj.extract::<Vec<String>>()?))
    }
}

/// Codes of the values of string Arrow arrays (a column's chunks, in order) by first
/// appearance (-1: missing), and the distinct values, each as a one-column table; and whether
/// a value is missing and whether the codes never decrease (`stats::code_order`).
#[pyfunction]
fn factorize_strings(py: Python<'_>, chunks: Vec<Bound<'_, PyAny>>) -> PyResult<(ArrowTable, ArrowTable, bool, bool)> {
    let arrays = chunks.iter().map(arrow_array).collect::<PyResult<Vec<_>>>()?;
    let (codes, distinct, (missing, ascending)) = py
        .detach(|| {
            let (codes, distinct) = table::factorize_strings(&arrays)?;
            let order = crate::stats::code_order(&codes);
            Ok((table::int32_column("code", codes), table::string_column("value", distinct), order))
        })
        .map_err(to_py)?;
    Ok((arrow(codes), arrow(distinct), missing, ascending))
}

/// The name a surface form gives, as the resolver sees it (titles, possessives, articles off).
#[pyfunction]
#[pyo3(signature = (surface, person=true))]
fn normalize_name(surface: &str, person: bool) -> String {
    crate::resolve::normalize(surface, person)
}

/// Loads the built-in model, tables and cleaning rules now rather than at first use.
#[pyfunction]
fn load(py: Python<'_>) {
    py.detach(crate::load)
}

/// A document's text from a Python str; lone surrogates, which UTF-8 cannot carry, become
/// U+FFFD one for one, so that offsets into the text are offsets into the str.
struct DocText(String);

impl FromPyObject<'_, '_> for DocText {
    type Error = PyErr;

    fn extract(obj: Borrowed<'_, '_, PyAny>) -> PyResult<Self> {
        let s = obj.cast::<PyString>()?;
        // Read as UTF-8 where Python keeps it (most texts); encoded again only when it fails,
        // which checking every text beforehand cost a twentieth of cleaning.
        match s.to_str() {
            Ok(text) => Ok(DocText(text.to_owned())),
            Err(_) => {
                let bytes = s.call_method1("encode", ("utf-8", "surrogatepass"))?;
                Ok(DocText(crate::clean::encoding::replace_surrogates(bytes.cast::<PyBytes>()?.as_bytes().to_vec())))
            }
        }
    }
}

/// The text of bytes in an unknown encoding (or one their transport declared), and the
/// encoding they were read as.
#[pyfunction]
#[pyo3(signature = (data, declared=None))]
fn decode_bytes(py: Python<'_>, data: &[u8], declared: Option<&str>) -> (String, &'static str) {
    py.detach(|| crate::clean::encoding::decode_declared(data, declared))
}

/// Caller-given dates as documents take them: ISO `YYYY-MM-DD`, or None where none can be read.
#[pyfunction]
fn normalize_dates(py: Python<'_>, dates: Vec<Option<String>>) -> Vec<Option<String>> {
    py.detach(|| dates.iter().map(|d| d.as_deref().and_then(crate::clean::metadata::normalize_date)).collect())
}

#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyPipeline>()?;
    m.add_class::<PyRecurring>()?;
    m.add_class::<Batch>()?;
    m.add_class::<PyCounts>()?;
    m.add_class::<PyMentionTable>()?;
    m.add_class::<ArrowTable>()?;
    m.add_class::<PyRegistry>()?;
    m.add_function(wrap_pyfunction!(normalize_name, m)?)?;
    m.add_function(wrap_pyfunction!(decode_bytes, m)?)?;
    m.add_function(wrap_pyfunction!(normalize_dates, m)?)?;
    m.add_function(wrap_pyfunction!(load, m)?)?;
    m.add_function(wrap_pyfunction!(factorize_strings, m)?)?;
    m.add_function(wrap_pyfunction!(read_conll, m)?)?;
    m.add_function(wrap_pyfunction!(score_tags, m)?)?;
    m.add_class::<PyLinks>()?;
    m.add("InvalidInputError", m.py().get_type::<InvalidInputError>())?;
    m.add("StateError", m.py().get_type::<StateError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
