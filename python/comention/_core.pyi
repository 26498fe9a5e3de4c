"""Type stubs for the compiled core (comention._core)."""

from collections.abc import Callable, Sequence
from typing import Any, Protocol, final


# Columns cross as buffers (numpy arrays of uint32, labels uint8); typed loosely because
# numpy's stubs do not declare the buffer protocol on every Python version.
_Column = Any

__all__ = ["ArrowTable", "Batch", "Counts", "InvalidInputError", "Links", "MentionTable", "Pipeline", "RecurringLines", "Registry", "StateError", "__version__", "decode_bytes", "factorize_strings", "load", "normalize_dates", "normalize_name", "read_conll", "score_tags"]
__version__: str

def read_conll(text: str) -> list[tuple[list[str], list[str], int]]:
    """Sentences of a CoNLL file's text: (words, IOB tags, document index) each."""

def score_tags(gold: Sequence[Sequence[str]], predicted: Sequence[Sequence[str]]) -> list[tuple[str, int, int, int]]:
    """Strict span counts (label, tp, fp, fn) of predicted IOB tags against gold ones, per label."""

def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """The text of bytes in an unknown encoding (or one their transport declared), and the
    encoding they were read as."""

def normalize_dates(dates: Sequence[str | None]) -> list[str | None]:
    """Caller-given dates as documents take them: ISO ``YYYY-MM-DD``, or None where none can be read."""

def factorize_strings(chunks: Sequence[Any]) -> tuple[ArrowTable, ArrowTable, bool, bool]:
    """Codes of the values of string Arrow arrays (a column's chunks, in order) by first
    appearance (-1: missing), and the distinct values, each as a one-column table; and whether
    a value is missing and whether the codes never decrease."""

def load() -> None:
    """Loads the built-in model, tables and cleaning rules now rather than at first use."""

def normalize_name(surface: str, person: bool = True) -> str:
    """The name a surface form gives, as the resolver sees it (titles, possessives, articles off)."""

class _Cancel(Protocol):
    def is_set(self) -> bool: ...

class InvalidInputError(ValueError):
    """An argument or input the core cannot use."""

class StateError(ValueError):
    """Serialised state or a model file that cannot be read."""

@final
class ArrowTable:
    """A record batch offered through the Arrow PyCapsule interface (``pyarrow.record_batch(t)``)."""

    @property
    def num_rows(self) -> int: ...
    def __arrow_c_array__(self, requested_schema: object | None = None) -> tuple[object, object]: ...
    def __len__(self) -> int: ...

@final
class Batch:
    """Processed documents held in the core until their tables are asked for."""

    def __len__(self) -> int: ...
    @property
    def nbytes(self) -> int: ...
    def documents(self) -> ArrowTable: ...
    def mentions(self, links: Links | None = None) -> ArrowTable: ...
    def removals(self) -> ArrowTable: ...

@final
class Registry:
    """What the corpus says about names, learned batch by batch (mergeable)."""

    def __new__(cls) -> Registry: ...
    def add(self, batch: Batch) -> None: ...
    def merge(self, other: Registry) -> None: ...
    @property
    def n_documents(self) -> int: ...
    def links(self) -> Links: ...
    def to_bytes(self) -> bytes: ...
    @staticmethod
    def from_bytes(data: bytes) -> Registry: ...

@final
class RecurringLines:
    """Lines that recur across the documents of a source: corpus evidence for cleaning (mergeable)."""

    def __new__(cls) -> RecurringLines: ...
    def add(self, texts: list[str | None], sources: list[str | None] | None = None, *, threads: int = 0) -> None: ...
    def merge(self, other: RecurringLines) -> None: ...
    @property
    def n_documents(self) -> int: ...
    def to_bytes(self) -> bytes: ...
    @staticmethod
    def from_bytes(data: bytes) -> RecurringLines: ...

@final
class Links:
    """The registry's decisions: which short forms name which full names."""

    def pairs(self) -> list[tuple[str, str]]: ...
    def ambiguous(self) -> list[tuple[str, list[str]]]: ...
    def in_context(self) -> list[str]: ...
    def types(self) -> list[tuple[str, str]]: ...
    def __len__(self) -> int: ...

@final
class Counts:
    """Co-mention counts: mergeable (associative, commutative) and serialisable."""

    def __new__(
        cls,
        context: str = "sentence",
        *,
        window: int | None = None,
        labels: Sequence[str] | None = None,
        period: str | None = None,
        evidence: int = 0,
    ) -> Counts: ...
    @property
    def context(self) -> str: ...
    @property
    def period(self) -> str | None: ...
    @property
    def evidence_per_pair(self) -> int: ...
    @property
    def n_contexts(self) -> int: ...
    @property
    def n_documents(self) -> int: ...
    @property
    def n_entities(self) -> int: ...
    def merge(self, other: Counts) -> None: ...
    def edges(
        self,
        *,
        min_count: int = 1,
        min_entity_count: int = 1,
        smoothing: float = 0.0,
        alpha: float = 0.05,
        top_k: int | None = None,
        by: str = "g2",
        backbone: float | None = None,
        columns: list[str] | None = None,
        threads: int = 0,
    ) -> ArrowTable: ...
    def entities(self) -> ArrowTable: ...
    def entity_timeline(self) -> ArrowTable: ...
    def pair_timeline(self, min_count: int = 1) -> ArrowTable: ...
    def evidence(self, a: str | None = None, b: str | None = None) -> ArrowTable: ...
    def to_bytes(self) -> bytes: ...
    @staticmethod
    def from_bytes(data: bytes) -> Counts: ...
    def __reduce__(self) -> tuple[Any, tuple[bytes]]: ...

@final
class MentionTable:
    def __new__(
        cls,
        doc_ids: Sequence[str] | Any,
        names: Sequence[str] | Any,
        doc: _Column,
        entity: _Column,
        *,
        label: _Column | None = None,
        sentence: _Column | None = None,
        paragraph: _Column | None = None,
        token_start: _Column | None = None,
        token_end: _Column | None = None,
        days: Sequence[int | None] | None = None,
        sizes: _Column | None = None,
    ) -> MentionTable: ...
    @property
    def n_documents(self) -> int: ...

@final
class Pipeline:
    """clean → segment → tag → resolve, with a worker pool of its own."""

    def __new__(
        cls,
        *,
        threads: int = 0,
        drop_chrome: bool = True,
        drop_duplicates: bool = True,
        aliases: str | None = None,
        clean_only: bool = False,
        time_limit: float | None = None,
        main_content: bool = True,
        boilerplate: list[str] | None = None,
        recurring: RecurringLines | None = None,
    ) -> Pipeline: ...
    @property
    def threads(self) -> int: ...
    def process(
        self,
        ids: Sequence[str],
        texts: Sequence[str | None],
        dates: Sequence[str | None] | None = None,
        sources: Sequence[str | None] | None = None,
        *,
        cancel: _Cancel | None = None,
        learn: bool = False,
    ) -> Batch: ...
    def count(self, batches: list[Batch], counts: Counts, *, links: Links | None = None, workers: int = 0) -> None: ...
    def count_table(
        self,
        table: MentionTable,
        counts: Counts,
        start: int,
        stop: int,
        *,
        step: int = 50000,
        register: bool = False,
        progress: Callable[[int], object] | None = None,
    ) -> None: ...
    def tag_tokens(self, sentences: Sequence[Sequence[str]], documents: Sequence[int] | None = None) -> list[list[str]]: ...
