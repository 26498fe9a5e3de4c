"""comention on a Dask cluster: each partition is processed where it lives, and the corpus
state (the name registry, then the co-mention counts) is combined by a tree reduction of the
core's serialised, mergeable partials.

Two passes, as in `comention.analyze_stream`: the first learns the name registry from every
partition and merges it (a few MB, however large the corpus); the second processes each
partition again with the merged registry's links, returning its tables and its partial
counts, which are merged up the tree. Merging is associative and commutative, so the result
equals a single-process `comention.analyze` of the same rows for any partitioning.

Needs the ``dask`` extra: ``pip install 'comention[dask]'``.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from operator import itemgetter
from typing import Any, Unpack

import dask
import dask.dataframe as dd
import pandas as pd
import pyarrow as pa
from dask.delayed import Delayed, delayed

from . import _core
from ._api import (
    CountOptions, Options, _documents_frame, _links_frame, _pipeline, check_count_options, check_options, learns_in_place, new_counts,
)
from ._counts import ContextName, Counts, PeriodName, to_pandas
from .stream import TABLES, count_batch, numbered_from, process_frame

__all__ = ["DaskAnalysis", "analyze"]


@dataclass
class DaskAnalysis:
    """A corpus analysed on Dask: the statistics in memory, the per-document tables as Dask
    DataFrames held by the workers (write them with ``.to_parquet``).

    Attributes:
        counts: the merged co-mention counts (`Counts`).
        entities: one row per canonical entity.
        edges: one row per co-mentioned pair (at least `min_count` contexts).
        links: the cross-document name links applied.
        documents, mentions, removals: Dask DataFrames, one partition per input partition
            (entity and label columns as strings); None when not asked for.
        state_bytes: sizes of the merged states that crossed the cluster (registry, counts).
    """

    counts: Counts
    entities: pd.DataFrame
    edges: pd.DataFrame
    links: pd.DataFrame
    documents: dd.DataFrame | None
    mentions: dd.DataFrame | None
    removals: dd.DataFrame | None
    state_bytes: dict[str, int]


def _learn(part: pd.DataFrame, options: Options) -> bytes:
    """The name registry of one partition, serialised."""
    registry = _core.Registry()
    for batch in process_frame(_pipeline(options), part, options):
        registry.add(batch)
    return registry.to_bytes()


def _merge(kind: type[_core.Registry] | type[_core.Counts], *parts: bytes) -> bytes:
    """Serialised partials of one kind (registries or counts) merged into one."""
    merged: Any = kind.from_bytes(parts[0])
    for p in parts[1:]:
        merged.merge(kind.from_bytes(p))
    return bytes(merged.to_bytes())


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Categorical columns as plain strings: partitions have different categories."""
    for c in frame.columns:
        if isinstance(frame[c].dtype, pd.CategoricalDtype):
            frame[c] = frame[c].astype(object)
    return frame


def _second_pass(
    part: pd.DataFrame, options: Options, count: CountOptions, registry: bytes | None, tables: Sequence[str]
) -> tuple[dict[str, pd.DataFrame], bytes]:
    """One partition's tables and serialised partial counts, with the corpus links applied."""
    pipeline = _pipeline(options)
    links = _core.Registry.from_bytes(registry).links() if registry is not None else None
    counts = new_counts(count)
    parts: dict[str, list[pa.RecordBatch]] = {name: [] for name in tables}
    for batch in process_frame(pipeline, part, options):
        arrow = count_batch(pipeline, batch, links, counts)
        for name in tables:
            parts[name].append(arrow[name])
    frames = {name: _plain(_documents_frame(b) if name == "documents" else to_pandas(b)) for name, b in parts.items()}
    return frames, counts.to_bytes()


def _numbered_on(parts: list[Delayed]) -> list[Delayed]:
    """Partitions whose default index restarts at 0 (as `dd.read_csv` makes them) numbered on
    from the rows before them, so that ids (the index) are positions in the whole frame, as
    `pd.read_csv` would give them: each partition's first document was another "0". Costs a
    pass that counts the rows of each partition."""
    lengths = dask.compute(*[delayed(len, pure=True)(p) for p in parts])
    starts = [0, *itertools.accumulate(lengths)][: len(parts)]
    return [delayed(numbered_from, pure=True)(p, start) for p, start in zip(parts, starts)]


def _tree(items: list[Delayed], combine: Callable[..., bytes], split_every: int) -> Delayed:
    """Combines delayed partials `split_every` at a time until one is left."""
    while len(items) > 1:
        items = [delayed(combine, pure=True)(*items[i : i + split_every]) for i in range(0, len(items), split_every)]
    return items[0]


def analyze(
    frame: dd.DataFrame,
    *,
    context: ContextName = "sentence",
    window: int | None = None,
    labels: Sequence[str] | None = None,
    period: PeriodName | None = None,
    evidence: int = 0,
    min_count: int = 1,
    tables: Sequence[str] = TABLES,
    split_every: int = 8,
    **options: Unpack[Options],
) -> DaskAnalysis:
    """Analyses a Dask DataFrame of documents on the current Dask scheduler or cluster.

    Args:
        frame: documents, one per row; ``text`` (and ``ids``, ``dates``, ``sources``) name
            its columns as in `comention.analyze`; ids default to the index (when the
            frame's divisions are unknown, as `dd.read_csv` leaves them, partitions whose
            default index restarts at 0 are numbered on, at the cost of a pass that counts
            each partition's rows).
        context, window, labels, period, evidence, min_count: as in `comention.analyze`.
        tables: per-document tables to keep on the workers (default all three; ``()`` keeps
            only the statistics).
        split_every: partials merged per task in the tree reductions.
        **options: see `Options`; ``threads`` is per task (default 1: Dask runs the tasks in
            parallel).

    Example:
        >>> import comention.dask, dask.dataframe as dd, pandas as pd
        >>> texts = ["Wang Yi met Jake Sullivan in Malta.", "Wang Yi flew to Rome.", "Wang and Jake Sullivan met again."]
        >>> a = comention.dask.analyze(dd.from_pandas(pd.DataFrame({"text": texts}), npartitions=3))
        >>> a.edges[["source", "target", "n_ab"]].values.tolist()[0], a.links["alias"].tolist()
        (['Jake Sullivan', 'Wang Yi', 2], ['Wang'])
    """
    if not isinstance(frame, dd.DataFrame):
        raise TypeError(f"comention.dask.analyze takes a dask DataFrame, not {type(frame).__name__}; use comention.analyze for pandas")
    unknown = set(tables) - set(TABLES)
    if unknown:
        raise ValueError(f"unknown tables {sorted(unknown)}; choose from {list(TABLES)}")
    if split_every < 2:
        raise ValueError(f"split_every must be at least 2, not {split_every}")
    for name in ("ids", "dates", "sources"):
        if options.get(name) is not None and not isinstance(options.get(name), str):
            raise TypeError(f"{name} must name a column of the Dask DataFrame, not hold values")
    check_options(options, analyze)
    learns_in_place(options, "comention.dask.analyze")
    text = options.get("text", "text")
    if text not in frame.columns:
        raise KeyError(f"no text column {text!r} in the DataFrame (columns: {list(frame.columns)}); pass text=...")
    options = Options(**{"threads": 1, **options})
    count = CountOptions(context=context, window=window, labels=labels, period=period, evidence=evidence)
    check_count_options(count, min_count)
    parts = frame.to_delayed()
    if options.get("ids") is None and not frame.known_divisions:
        parts = _numbered_on(parts)

    registry: Delayed | None = None
    if options.get("link_names", True):
        registry = _tree([delayed(_learn, pure=True)(p, options) for p in parts], partial(_merge, _core.Registry), split_every)
        registry = registry.persist()
    outs = [delayed(_second_pass, pure=True, nout=2)(p, options, count, registry, tuple(tables)) for p in parts]
    counts_blob = _tree([o[1] for o in outs], partial(_merge, _core.Counts), split_every)
    frames = [o[0] for o in outs]
    if tables:
        frames = list(dask.persist(*frames))
    counts_bytes, registry_bytes = dask.compute(counts_blob, registry)
    counts = Counts.from_bytes(counts_bytes)
    links = _core.Registry.from_bytes(registry_bytes).links() if registry_bytes is not None else None

    def table(name: str) -> dd.DataFrame | None:
        if name not in tables:
            return None
        meta = _second_pass(frame._meta, options, count, None, (name,))[0][name]
        return dd.from_delayed([delayed(itemgetter(name), pure=True)(f) for f in frames], meta=meta, verify_meta=False)

    return DaskAnalysis(
        counts=counts,
        entities=counts.entities(),
        edges=counts.edges(min_count=min_count),
        links=_links_frame(links),
        documents=table("documents"),
        mentions=table("mentions"),
        removals=table("removals"),
        state_bytes={"registry": len(registry_bytes or b""), "counts": len(counts_bytes)},
    )

