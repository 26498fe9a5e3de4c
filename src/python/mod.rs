//! The pyo3 skin: argument conversion, GIL release, error mapping and Arrow export only.

use std::sync::Arc;

use arrow_array::RecordBatch;
use pyo3::exceptions::{PyOSError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyCapsule, PyTuple};

use crate::clean::CleanOptions;
use crate::doc::{Document, Input};
use crate::error::Error;
use crate::pipeline::{Options, Pipeline};
use crate::stats::{Context, Cooccurrence};
use crate::table;

pyo3::create_exception!(_core, InvalidInputError, PyValueError, "An argument or input the core cannot use.");
pyo3::create_exception!(_core, StateError, PyValueError, "Serialised state or a model file that cannot be read.");

fn to_py(e: Error) -> PyErr {
    match e {
        Error::InvalidArgument(m) => InvalidInputError::new_err(m),
        Error::BadModel(m) | Error::BadState(m) => StateError::new_err(m),
        Error::Io(m) => PyOSError::new_err(m),
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

#[pymethods]
impl Batch {
    fn __len__(&self) -> usize {
        self.docs.len()
    }

    fn documents(&self, py: Python<'_>) -> ArrowTable {
        arrow(py.detach(|| table::documents(&self.docs)))
    }

    fn mentions(&self, py: Python<'_>) -> ArrowTable {
        arrow(py.detach(|| table::mentions(&self.docs)))
    }

    fn removals(&self, py: Python<'_>) -> ArrowTable {
        arrow(py.detach(|| table::removals(&self.docs)))
    }
}

/// Co-mention counts: mergeable, serialisable partial statistics.
#[pyclass(module = "comention._core", name = "Counts")]
struct PyCounts {
    inner: Cooccurrence,
}

#[pymethods]
impl PyCounts {
    #[new]
    #[pyo3(signature = (context="sentence"))]
    fn new(context: &str) -> PyResult<Self> {
        Ok(PyCounts { inner: Cooccurrence::new(Context::parse(context).map_err(to_py)?) })
    }

    #[getter]
    fn context(&self) -> &'static str {
        self.inner.context().as_str()
    }

    #[getter]
    fn n_contexts(&self) -> u64 {
        self.inner.n_contexts()
    }

    #[getter]
    fn n_documents(&self) -> u64 {
        self.inner.n_documents()
    }

    fn merge(&mut self, other: &PyCounts) -> PyResult<()> {
        self.inner.merge(other.inner.clone()).map_err(to_py)
    }

    #[pyo3(signature = (min_count=1))]
    fn edges(&self, py: Python<'_>, min_count: u64) -> ArrowTable {
        arrow(py.detach(|| table::edges(&self.inner, min_count)))
    }

    fn entities(&self, py: Python<'_>) -> ArrowTable {
        arrow(py.detach(|| table::entities(&self.inner)))
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
}

/// The five stages with a worker pool of their own.
#[pyclass(module = "comention._core", name = "Pipeline", frozen)]
struct PyPipeline {
    inner: Pipeline,
}

#[pymethods]
impl PyPipeline {
    #[new]
    #[pyo3(signature = (*, threads=0, drop_chrome=true, drop_duplicates=true))]
    fn new(threads: usize, drop_chrome: bool, drop_duplicates: bool) -> PyResult<Self> {
        let options = Options { clean: CleanOptions { drop_chrome, drop_duplicates }, threads };
        Ok(PyPipeline { inner: Pipeline::new(options).map_err(to_py)? })
    }

    #[getter]
    fn threads(&self) -> usize {
        self.inner.threads()
    }

    #[pyo3(signature = (ids, texts, dates=None, sources=None))]
    fn process(
        &self,
        py: Python<'_>,
        ids: Vec<String>,
        texts: Vec<Option<String>>,
        dates: Option<Vec<Option<String>>>,
        sources: Option<Vec<Option<String>>>,
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
            .map(|((id, text), (date, source))| Input { id, text, date, source })
            .collect();
        let docs = py.detach(|| self.inner.process(inputs));
        Ok(Batch { docs: Arc::new(docs) })
    }

    #[pyo3(signature = (batch, context="sentence"))]
    fn count(&self, py: Python<'_>, batch: &Batch, context: &str) -> PyResult<PyCounts> {
        let context = Context::parse(context).map_err(to_py)?;
        let docs = batch.docs.clone();
        Ok(PyCounts { inner: py.detach(|| self.inner.count(&docs, context)) })
    }

    fn tag_tokens(&self, py: Python<'_>, sentences: Vec<Vec<String>>) -> Vec<Vec<String>> {
        py.detach(|| self.inner.tag_tokens(&sentences))
    }
}

#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyPipeline>()?;
    m.add_class::<Batch>()?;
    m.add_class::<PyCounts>()?;
    m.add_class::<ArrowTable>()?;
    m.add("InvalidInputError", m.py().get_type::<InvalidInputError>())?;
    m.add("StateError", m.py().get_type::<StateError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
