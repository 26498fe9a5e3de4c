"""Analysis of inputs larger than memory, chunk by chunk, in bounded memory.

Name linking needs the whole corpus before anything is counted ("Wang" is linked to "Wang
Yi" only if the corpus has one such full name), so an analysis has two passes: the first
learns the name registry (small, mergeable), the second applies its links, counts and writes
the tables. Processed documents from the first pass are kept for the second while they fit in
`keep_memory`; past that the input is read and processed again, so memory stays bounded by
the statistics tables whatever the input size. The chunk-level steps here are also what
`comention.dask` runs on each partition.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Unpack

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from . import _core
from ._api import (
    CountOptions, Options, _links_frame, _pipeline, _progress, check_count_options, check_options, learns_in_place, process_inputs,
)
from ._counts import ContextName, Counts, PeriodName
from ._inputs import Inputs, UnreadableDates, as_inputs
from .io import check_format, read_chunks, write_table

Source = str | Path | Callable[[], Iterable[pd.DataFrame]] | Sequence[pd.DataFrame]
"""A file or folder (read with `comention.io.read_chunks`), a list of DataFrame chunks, or a
function that returns a fresh iterable of them each time it is called (the input may be read
twice)."""

TABLES = ("documents", "mentions", "removals")


@dataclass
class Summary:
    """Totals of a streamed analysis, for reports (the tables themselves went to files)."""

    documents: int = 0
    errors: int = 0
    sentences: int = 0
    tokens: int = 0
    removals: Counter[str] = field(default_factory=Counter)
    mentions: Counter[str] = field(default_factory=Counter)

    @classmethod
    def of_frames(cls, documents: pd.DataFrame, mentions: pd.DataFrame, removals: pd.DataFrame) -> Summary:
        """The totals of tables held in memory (an `Analysis`)."""
        return cls(
            documents=len(documents),
            errors=int(documents["error"].notna().sum()),
            sentences=int(documents["n_sentences"].sum()),
            tokens=int(documents["n_tokens"].sum()),
            removals=Counter(removals["rule"].astype(str)),
            mentions=Counter(mentions["label"].astype(str)),
        )

    def add(self, documents: pa.RecordBatch, mentions: pa.RecordBatch | None, removals: pa.RecordBatch) -> None:
        """Adds the totals of one processed chunk (cleaned only: no mentions)."""
        self.documents += documents.num_rows
        self.errors += documents.num_rows - documents.column("error").null_count
        self.sentences += int(pc.sum(documents.column("n_sentences")).as_py() or 0)
        self.tokens += int(pc.sum(documents.column("n_tokens")).as_py() or 0)
        self.removals.update(_values(removals.column("rule")))
        if mentions is not None:
            self.mentions.update(_values(mentions.column("label")))


def _values(column: pa.Array) -> list[str]:
    if pa.types.is_dictionary(column.type):
        column = column.dictionary_decode()
    return [str(v) for v in column.to_pylist() if v is not None]


@dataclass
class StreamResult:
    """What a streamed analysis keeps in memory: the counts, the links and the totals.

    Attributes:
        counts: the co-mention counts (`Counts`: edges, entities, timelines, evidence).
        links: the cross-document name links applied (alias, entity, candidates).
        summary: totals (documents, errors, sentences, tokens, removals and mentions by kind).
        files: the tables written, by name (empty without an output folder).
        passes: how often each document was processed: 1 when the first pass's documents fit
            in `keep_memory` (or names were not linked), 2 when the input was read again.
    """

    counts: Counts
    links: pd.DataFrame
    summary: Summary
    files: dict[str, Path]
    passes: int

    @property
    def entities(self) -> pd.DataFrame:
        """One row per canonical entity (see `Counts.entities`)."""
        return self.counts.entities()

    def edges(self, **options: Any) -> pd.DataFrame:
        """The edge table (see `Counts.edges` for the options)."""
        return self.counts.edges(**options)


class _Sink:
    """Writes tables chunk by chunk to Parquet, CSV or JSON lines files in a folder."""

    def __init__(self, folder: Path, fmt: str, names: Sequence[str]) -> None:
        check_format(fmt)
        folder.mkdir(parents=True, exist_ok=True)
        self.fmt = fmt
        self.paths = {n: folder / f"{n}.{fmt}" for n in names}
        self.writers: dict[str, Any] = {}

    def write(self, name: str, batch: pa.RecordBatch) -> None:
        if name not in self.paths:
            return
        if "date" in batch.schema.names and pa.types.is_large_string(batch.schema.field("date").type):
            i = batch.schema.get_field_index("date")
            stamps = pc.strptime(batch.column(i), format="%Y-%m-%d", unit="s", error_is_null=True)
            batch = batch.set_column(i, "date", stamps)
        if self.fmt == "parquet":
            import pyarrow.parquet as pq

            if name not in self.writers:
                self.writers[name] = pq.ParquetWriter(self.paths[name], batch.schema)
            self.writers[name].write_batch(batch)
        else:
            write_table(batch.to_pandas(), self.paths[name], self.fmt, append=name in self.writers)
            self.writers[name] = None

    def close(self) -> dict[str, Path]:
        for w in self.writers.values():
            if w is not None:
                w.close()
        return {n: p for n, p in self.paths.items() if n in self.writers}


def numbered_from(part: pd.DataFrame, start: int) -> pd.DataFrame:
    """A part of a frame whose default index starts at 0 numbered from `start` instead (ids
    are positions in the whole input); an index of the user's own is kept."""
    if start and isinstance(part.index, pd.RangeIndex) and part.index.start == 0:
        return part.set_axis(pd.RangeIndex(start, start + len(part)))
    return part


def chunk_inputs(chunk: pd.DataFrame, options: Options, unreadable_dates: UnreadableDates | None = None) -> Inputs:
    """A chunk's rows as the core's inputs; ids default to the chunk's index (positions)."""
    return as_inputs(
        chunk, ids=options.get("ids"), dates=options.get("dates"), sources=options.get("sources"), text=options.get("text", "text"),
        unreadable_dates=unreadable_dates,
    )


def process_frame(
    pipeline: _core.Pipeline, frame: pd.DataFrame, options: Options, unreadable_dates: UnreadableDates | None = None
) -> Iterator[_core.Batch]:
    """Cleans, tags and resolves the rows of a frame, `batch_size` at a time; dates that cannot
    be read are counted in `unreadable_dates` if given, else warned of when the frame is done."""
    return process_inputs(pipeline, chunk_inputs(frame, options, unreadable_dates), options)


def count_batch(
    pipeline: _core.Pipeline, batch: _core.Batch, links: _core.Links | None, counts: _core.Counts
) -> dict[str, pa.RecordBatch]:
    """The tables of one processed chunk, with the corpus links applied; its co-mentions are
    added to `counts`."""
    tables = {
        "documents": pa.record_batch(batch.documents()),
        "mentions": pa.record_batch(batch.mentions(links)),
        "removals": pa.record_batch(batch.removals()),
    }
    pipeline.count([batch], counts, links=links)
    return tables


def analyze_stream(
    source: Source,
    *,
    output: str | Path | None = None,
    format: str = "parquet",
    tables: Sequence[str] = TABLES,
    context: ContextName = "sentence",
    window: int | None = None,
    labels: Sequence[str] | None = None,
    period: PeriodName | None = None,
    evidence: int = 0,
    keep_memory: int = 256 * 2**20,
    **options: Unpack[Options],
) -> StreamResult:
    """Analyses a corpus chunk by chunk, writing the per-document tables as it goes.

    Args:
        source: a JSONL/CSV/Parquet file (plain or compressed), a web archive (WARC) or a folder of
            ``.txt``, ``.html`` and ``.json`` files,
            a list of DataFrame chunks, or a function returning a fresh iterable of them on
            each call (not a generator itself: the input may be read twice).
        output: folder for the tables ``documents``, ``mentions`` and ``removals`` (Parquet,
            CSV or JSON lines, see `format`); None writes nothing and keeps only the counts.
        tables: which of those tables to write.
        keep_memory: bytes of processed documents kept from the first pass for the second;
            beyond it the input is read and processed again (twice the CPU, bounded memory).
        context, window, labels, period, evidence: as in `comention.analyze`.
        **options: see `Options`; ``ids``, ``dates`` and ``sources`` name columns, and
            ``batch_size`` is the chunk size read from a file (default 2000). Without ``ids``
            a chunk's index gives the ids; a default index that starts at 0 again in a later
            chunk is numbered on from the documents before it.

    Example:
        >>> import comention, pandas as pd
        >>> chunks = lambda: [pd.DataFrame({"text": ["Wang Yi met Jake Sullivan in Malta."]}),
        ...                   pd.DataFrame({"text": ["Wang flew to Malta with Jake Sullivan."]}, index=[1])]
        >>> r = comention.analyze_stream(chunks, progress=False)
        >>> r.summary.documents, r.edges()[["source", "target", "n_ab"]].values.tolist()[0]
        (2, ['Jake Sullivan', 'Malta', 2])
    """
    unknown = set(tables) - set(TABLES)
    if unknown:
        raise ValueError(f"unknown tables {sorted(unknown)}; choose from {list(TABLES)}")
    _check_columns(options)
    count = CountOptions(context=context, window=window, labels=labels, period=period, evidence=evidence)
    check_options(options, analyze_stream)
    counts = check_count_options(count)
    learns_in_place(options, "analyze_stream")
    rows = options.get("batch_size", 2000)
    chunks = _chunks(source, rows)
    pipeline = _pipeline(options)
    show = options.get("progress")
    show = True if show is None else show
    link = options.get("link_names", True)

    kept: list[_core.Batch] | None = None
    links: _core.Links | None = None
    registry = _core.Registry()
    # Dates not read are warned of once, with the first pass's count: not a warning a chunk.
    dates = UnreadableDates(report=False)
    first = 0  # documents of the first pass
    if link:
        kept, size = [], 0
        for batch in _batches(pipeline, chunks, options, "learning names (pass 1/2)", show, dates):
            first += len(batch)
            registry.add(batch)
            if kept is not None:
                kept.append(batch)
                size += batch.nbytes
                if size > keep_memory:
                    kept = None  # the input is read again in the second pass
        links = registry.links()
        dates.warn()
    sink = _Sink(Path(output), format, tables) if output is not None else None
    summary = Summary()
    # A second pass reads the dates again: the first counted them.
    again = UnreadableDates(report=False) if link else dates
    second: Iterable[_core.Batch] = (
        kept if kept is not None else _batches(pipeline, chunks, options, "counting (pass 2/2)" if link else "comention", show, again)
    )
    for batch in second:
        t = count_batch(pipeline, batch, links, counts)
        summary.add(t["documents"], t["mentions"], t["removals"])
        if sink is not None:
            for name, table in t.items():
                sink.write(name, table)
    dates.warn()  # the one pass's (the first of two warned already)
    if link and kept is None and summary.documents != first:
        # A function handing out one generator gives nothing the second time: the counts
        # were of no document, silently.
        raise ValueError(
            f"the input gave {first:,} documents in the first pass and {summary.documents:,} in the second: a function "
            "given as the source must return new chunks each call (not the same generator)"
        )
    files = sink.close() if sink is not None else {}
    return StreamResult(Counts._wrap(counts), _links_frame(links), summary, files, 1 if kept is not None or not link else 2)


@dataclass
class CleanResult:
    """What a streamed cleaning keeps in memory: the totals and the files written.

    Attributes:
        summary: totals (documents, errors, removals by rule).
        files: the tables written, by name, and ``text``: the folder of clean texts, if asked.
        characters: characters of clean text kept.
    """

    summary: Summary
    files: dict[str, Path]
    characters: int


def clean_stream(
    source: Source, *, output: str | Path | None = None, format: str = "parquet", text_files: bool = False, **options: Unpack[Options]
) -> CleanResult:
    """Cleans a corpus chunk by chunk, writing the documents table and the cleaning audit as it goes.

    Args:
        source: as in `analyze_stream` (a file, a web archive or a folder, a list of DataFrame
            chunks, or a function returning them).
        output: folder for the tables ``documents`` and ``removals`` (Parquet, CSV or JSON
            lines, see `format`); None writes nothing and keeps only the totals.
        text_files: also write each document's clean text to ``output/text/``, one ``.txt``
            file a document named by its id (a folder's ``pages/a.html`` gives
            ``text/pages/a.txt``, a web archive's ``https://site.com/a/b`` ``text/site.com/a/b.txt``;
            ids that clash are told apart by ``~2``, ``~3``...).
        **options: see `Options` (the cleaning ones: ``drop_chrome``, ``drop_duplicates``,
            ``main_content``, ``boilerplate``, ``corpus_boilerplate``, ``time_limit``); ``ids``,
            ``dates`` and ``sources`` name columns, ``batch_size`` rows are read at a time.

    Example:
        >>> import comention, pandas as pd
        >>> pages = [pd.DataFrame({"text": ["Harbour reopens\\n\\nThe harbour reopened on Monday.\\n\\nShare this article"]})]
        >>> r = comention.clean_stream(pages, progress=False)
        >>> r.summary.documents, dict(r.summary.removals)
        (1, {'share': 1})
    """
    check_options(options, clean_stream)
    _check_columns(options)
    learns_in_place(options, "clean_stream")
    if text_files and output is None:
        raise ValueError("text_files=True writes into the output folder: give output")
    pipeline = _pipeline(options, clean_only=True)
    show = options.get("progress")
    sink = _Sink(Path(output), format, ("documents", "removals")) if output is not None else None
    texts = _TextFiles(Path(output) / "text") if text_files and output is not None else None
    summary, kept = Summary(), 0
    dates = UnreadableDates(report=False)
    for batch in _batches(pipeline, _chunks(source, options.get("batch_size", 2000)), options, "cleaning", True if show is None else show, dates):
        documents, removals = pa.record_batch(batch.documents()), pa.record_batch(batch.removals())
        summary.add(documents, None, removals)
        kept += int(pc.sum(pc.utf8_length(documents.column("text"))).as_py() or 0)
        if sink is not None:
            sink.write("documents", documents)
            sink.write("removals", removals)
        if texts is not None:
            texts.write(documents)
    dates.warn()
    files = sink.close() if sink is not None else {}
    if texts is not None:
        files["text"] = texts.folder
    return CleanResult(summary, files, kept)


class _TextFiles:
    """Writes documents' clean texts to a folder, a file each, named by their ids."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.used: set[str] = set()

    def write(self, documents: pa.RecordBatch) -> None:
        for doc_id, text in zip(documents.column("doc_id").to_pylist(), documents.column("text").to_pylist(), strict=True):
            name = self.name(str(doc_id))
            path = self.folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text or "", encoding="utf-8")

    def name(self, doc_id: str) -> str:
        """A relative file name for `doc_id`: its path's parts kept (none of them "..", so the
        file stays in the folder; a URL's scheme dropped), other characters than letters,
        digits, ".", "-" and "_" made "_", each part at most 120 characters (file systems
        refuse names of more than 255 bytes), the suffix of a page or text file replaced by
        .txt; a name taken already gets ~2, ~3, ..."""
        import re

        path = re.sub(r"^[A-Za-z][A-Za-z0-9+.-]*://", "", doc_id).replace("\\", "/")
        parts = [re.sub(r"[^\w.-]+", "_", p)[:120] for p in path.split("/") if p not in ("", ".", "..")]
        stem = re.sub(r"\.(html?|txt)$", "", "/".join(parts), flags=re.IGNORECASE) or "_"
        name, n = f"{stem}.txt", 1
        while name.lower() in self.used:
            n += 1
            name = f"{stem}~{n}.txt"
        self.used.add(name.lower())
        return name


def _check_columns(options: Options) -> None:
    """Refuses ids, dates or sources given as values: a stream's chunks name columns."""
    for name in ("ids", "dates", "sources"):
        if options.get(name) is not None and not isinstance(options.get(name), str):
            raise TypeError(f"{name} must name a column when streaming, not hold values")


def _chunks(source: Source, rows: int) -> Callable[[], Iterable[pd.DataFrame]]:
    """A function that returns the chunks of `source` anew at each call: a stream that
    exceeds its memory reads its input twice."""
    if callable(source):
        return source
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        return lambda: read_chunks(path, rows=rows)
    if isinstance(source, Iterator):
        raise TypeError(
            "a generator or iterator can be read once, and a stream may read its input twice: pass a list of DataFrames, "
            "or a function that returns new chunks each call (lambda: my_chunks())"
        )
    if isinstance(source, Sequence):
        return lambda: source
    raise TypeError(f"source is a file or folder, a list of DataFrames or a function returning chunks, not {type(source).__name__}")


def _batches(
    pipeline: _core.Pipeline, chunks: Callable[[], Iterable[pd.DataFrame]], options: Options, desc: str, show: bool,
    unreadable_dates: UnreadableDates,
) -> Iterator[_core.Batch]:
    """Processed chunks of the input, one pass over it, with a progress bar of documents."""
    seen = 0
    with _progress(show, desc=desc) as bar:
        for chunk in chunks():
            if not isinstance(chunk, pd.DataFrame):
                raise TypeError(f"a chunk must be a DataFrame, not {type(chunk).__name__}")
            if options.get("ids") is None:
                # Positions that restart with each chunk (a frame made without an index) are
                # numbered on, as `read_chunks` numbers them: else each chunk's first document
                # was another "0", and the tables joined them.
                chunk = numbered_from(chunk, seen)
            seen += len(chunk)
            for batch in process_frame(pipeline, chunk, options, unreadable_dates):
                bar.update(len(batch))
                yield batch
