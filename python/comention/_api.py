"""The public functions: documents in, DataFrames out."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypedDict, Unpack

import pandas as pd
import pyarrow as pa
from tqdm.auto import tqdm

from . import _core
from ._inputs import TextLike, as_inputs

Context = Literal["sentence", "document"]
Data = str | Sequence[TextLike] | pd.Series | pd.DataFrame


def to_pandas(tables: Iterable[Any]) -> pd.DataFrame:
    """One DataFrame from Arrow tables exported by the core (dictionary columns → Categorical)."""
    batches = [pa.record_batch(t) for t in tables]
    return pa.Table.from_batches(batches).to_pandas()


def _documents_frame(tables: Iterable[Any]) -> pd.DataFrame:
    df = to_pandas(tables)
    df["date"] = pd.to_datetime(df["date"], format="%Y-%m-%d", errors="coerce")
    return df


@dataclass
class Analysis:
    """Everything one pass over a corpus produces.

    Attributes:
        documents: one row per input document: cleaned text, title, date, source, sizes, error.
        mentions: one row per entity mention with cleaned and raw offsets (code points).
        entities: one row per canonical entity with its label and counts.
        edges: one row per co-mentioned pair with n_ab, n_a, n_b, n, PMI, NPMI and G².
        removals: what the cleaner removed from each document, and by which rule.
        counts: the mergeable co-mention counts behind `entities` and `edges`.
    """

    documents: pd.DataFrame
    mentions: pd.DataFrame
    entities: pd.DataFrame
    edges: pd.DataFrame
    removals: pd.DataFrame
    counts: _core.Counts

    def __repr__(self) -> str:
        return (
            f"Analysis({len(self.documents)} documents, {len(self.mentions)} mentions, "
            f"{len(self.entities)} entities, {len(self.edges)} edges, context={self.counts.context!r})"
        )


class Options(TypedDict, total=False):
    """Keyword options shared by `analyze`, `clean`, `mentions` and `cooccurrences`.

    Attributes:
        ids: document ids (values, or a column name for a DataFrame); default: the index.
        dates: publication dates (values or a column name); found in the text when absent.
        sources: outlets or agencies (values or a column name); found in the text when absent.
        text: the text column of a DataFrame (default ``"text"``).
        threads: worker threads (default 0: one per core).
        batch_size: documents per call into the core (default 2000); progress and Ctrl-C act between batches.
        progress: show a progress bar (default: only for inputs over four batches).
        drop_chrome: remove page chrome (prompts, share lines, credits) by rule (default True).
        drop_duplicates: remove paragraphs that repeat an earlier one in the document (default True).
    """

    ids: Iterable[Any] | str | None
    dates: Iterable[Any] | str | None
    sources: Iterable[Any] | str | None
    text: str
    threads: int
    batch_size: int
    progress: bool | None
    drop_chrome: bool
    drop_duplicates: bool


def _run(data: Data, options: Options, *, context: Context, want: frozenset[str]) -> tuple[dict[str, list[Any]], _core.Counts]:
    """Runs the pipeline batch by batch, collecting the wanted tables and merging the counts."""
    inputs = as_inputs(
        data, ids=options.get("ids"), dates=options.get("dates"), sources=options.get("sources"),
        text=options.get("text", "text"),
    )
    batch_size = options.get("batch_size", 2000)
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, not {batch_size}")
    pipeline = _core.Pipeline(
        threads=options.get("threads", 0),
        drop_chrome=options.get("drop_chrome", True),
        drop_duplicates=options.get("drop_duplicates", True),
    )
    counts = _core.Counts(context)
    tables: dict[str, list[Any]] = {k: [] for k in want}
    n = len(inputs)
    progress = options.get("progress")
    show = progress if progress is not None else n > 4 * batch_size
    with tqdm(total=n, unit="doc", disable=not show, desc="comention") as bar:
        for start in range(0, n, batch_size):
            part = inputs.slice(start, start + batch_size)
            batch = pipeline.process(part.ids, part.texts, part.dates, part.sources)
            for k in want:
                tables[k].append(getattr(batch, k)())
            counts.merge(pipeline.count(batch, context))
            bar.update(len(part))
    if n == 0:
        empty = pipeline.process([], [])
        for k in want:
            tables[k].append(getattr(empty, k)())
    return tables, counts


def analyze(data: Data, *, context: Context = "sentence", min_count: int = 1, **options: Unpack[Options]) -> Analysis:
    """Cleans, tags and resolves every document and counts co-mentions.

    Args:
        data: a str, a list of str, a pandas Series of text, or a DataFrame (see `Options.text`).
        context: co-mention within the same ``"sentence"`` or the same ``"document"``.
        min_count: keep pairs co-mentioned in at least this many contexts.
        **options: see `Options` (ids, dates, sources, text, threads, batch_size, progress, ...).

    Example:
        >>> import comention
        >>> a = comention.analyze(["Wang Yi met Jake Sullivan in Malta. Wang then flew to Moscow."])
        >>> sorted(set(a.mentions["entity"]))
        ['Jake Sullivan', 'Malta', 'Moscow', 'Wang Yi']
    """
    tables, counts = _run(data, options, context=context, want=frozenset({"documents", "mentions", "removals"}))
    return Analysis(
        documents=_documents_frame(tables["documents"]),
        mentions=to_pandas(tables["mentions"]),
        entities=to_pandas([counts.entities()]),
        edges=to_pandas([counts.edges(min_count)]),
        removals=to_pandas(tables["removals"]),
        counts=counts,
    )


def clean(data: Data, **options: Unpack[Options]) -> pd.DataFrame:
    """One row per document: cleaned text, title, date, source, place, sizes and error.

    Example:
        >>> import comention
        >>> df = comention.clean("Markets rally\\n\\nShares rose on Monday.\\n\\nShare this article")
        >>> df.loc[0, "text"]
        'Markets rally\\n\\nShares rose on Monday.'
    """
    tables, _ = _run(data, options, context="document", want=frozenset({"documents"}))
    return _documents_frame(tables["documents"])


def mentions(data: Data, **options: Unpack[Options]) -> pd.DataFrame:
    """One row per entity mention: document id, offsets (clean and raw), text, label, entity, score.

    Example:
        >>> import comention
        >>> comention.mentions("China's Wang Yi met U.S. officials.")[["text", "label", "entity"]].values.tolist()
        [['China', 'LOC', 'China'], ['Wang Yi', 'PER', 'Wang Yi'], ['U.S.', 'LOC', 'United States']]
    """
    tables, _ = _run(data, options, context="document", want=frozenset({"mentions"}))
    return to_pandas(tables["mentions"])


def cooccurrences(data: Data, *, context: Context = "sentence", min_count: int = 1, **options: Unpack[Options]) -> pd.DataFrame:
    """One row per co-mentioned entity pair with counts, PMI, NPMI and G², most frequent first.

    Example:
        >>> import comention
        >>> e = comention.cooccurrences(["Wang Yi met Jake Sullivan.", "Jake Sullivan and Wang Yi spoke."])
        >>> e[["source", "target", "n_ab"]].values.tolist()
        [['Jake Sullivan', 'Wang Yi', 2]]
    """
    _, counts = _run(data, options, context=context, want=frozenset())
    return to_pandas([counts.edges(min_count)])


def tag_tokens(sentences: Sequence[Sequence[str]], *, threads: int = 0) -> list[list[str]]:
    """IOB2 tags (``B-PER``, ``I-PER``, ``O`` …) for pre-tokenised sentences.

    Example:
        >>> import comention
        >>> comention.tag_tokens([["Wang", "Yi", "visited", "Moscow", "."]])
        [['B-PER', 'I-PER', 'O', 'B-LOC', 'O']]
    """
    pipeline = _core.Pipeline(threads=threads)
    return pipeline.tag_tokens([list(map(str, s)) for s in sentences])
