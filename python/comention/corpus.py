"""A corpus that grows batch by batch and keeps what it has learned: tables and counts."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from ._core import __version__
from ._api import (
    LINK_COLUMNS, CountOptions, Data, Options, _documents_frame, _link_and_count, _pipeline, _process, alias_frame, check_count_options, learns_in_place,
)
from ._core import Batch, RecurringLines, Registry, StateError
from ._counts import ContextName, Counts, PeriodName, to_pandas
from .display import DocumentView, summary_html

_TABLES = ("documents", "mentions", "removals")

T = TypeVar("T")


class Corpus:
    """Documents added over time, with their tables and mergeable co-mention counts.

    Options are fixed when the corpus is made: the counting options of `count_mentions` and
    the processing options of `comention.analyze` (among them `aliases`, `boilerplate` and
    corpus evidence from `learn_boilerplate`, but not ``"learn"``); `add` processes more documents (a str, list,
    Series or DataFrame, as `comention.analyze` takes). An interrupted `add` (Ctrl-C) leaves the
    corpus as it was before the call. Names are linked across every document added (the corpus
    keeps its processed documents in memory for that), so a grown corpus equals one `analyze`
    call over the same documents. `save` and `Corpus.load` keep the tables, counts and the name
    registry on disk; documents added after a load are linked with everything the registry
    knows, but the loaded ones keep the links they were saved with.

    Example:
        >>> import comention
        >>> c = comention.Corpus(context="sentence")
        >>> c.add(["Wang Yi met Jake Sullivan in Malta."]).add(["Jake Sullivan flew to Beijing."])
        Corpus(2 documents, 5 mentions, 4 entities, context='sentence')
        >>> c.edges()[["source", "target", "n_ab"]].values.tolist()[:2]
        [['Beijing', 'Jake Sullivan', 1], ['Jake Sullivan', 'Malta', 1]]
    """

    def __init__(
        self,
        *,
        context: ContextName = "sentence",
        window: int | None = None,
        labels: Sequence[str] | None = None,
        period: PeriodName | None = None,
        evidence: int = 0,
        threads: int = 0,
        batch_size: int = 2000,
        progress: bool | None = None,
        drop_chrome: bool = True,
        drop_duplicates: bool = True,
        link_names: bool = True,
        time_limit: float | None = None,
        main_content: bool = True,
        boilerplate: Sequence[str] | str | None = None,
        corpus_boilerplate: RecurringLines | None = None,
        aliases: pd.DataFrame | str | Path | None = None,
    ) -> None:
        self.count_options = CountOptions(context=context, window=window, labels=labels, period=period, evidence=evidence)
        # Checked now, not at the first table asked for after adding a corpus's worth of documents.
        check_count_options(self.count_options)
        self.options = Options(
            threads=threads, batch_size=batch_size, progress=progress, drop_chrome=drop_chrome,
            drop_duplicates=drop_duplicates, link_names=link_names, time_limit=time_limit, main_content=main_content,
            boilerplate=boilerplate, corpus_boilerplate=corpus_boilerplate,
            # Read once (a file may change or go): the corpus keeps the table it was made with.
            aliases=alias_frame(aliases) if aliases is not None else None,
        )
        learns_in_place(self.options, "Corpus")
        _pipeline(self.options)  # patterns and the alias table checked now, too
        # Arrow batches, converted once on demand, so categoricals stay categoricals across adds.
        self._batches: dict[str, list[pa.RecordBatch]] = {k: [] for k in _TABLES}
        self._docs: list[Batch] = []  # processed documents, kept for relinking
        self._registry = Registry()
        self._saved: tuple[list[pa.RecordBatch], Counts] | None = None  # mentions and counts of loaded documents
        self._counts: Counts | None = None  # derived by _relink from the documents added
        self._links = pd.DataFrame(columns=LINK_COLUMNS)
        self._cache: dict[str, pd.DataFrame] = {}

    def add(
        self,
        data: Data,
        *,
        ids: Iterable[Any] | str | None = None,
        dates: Iterable[Any] | str | None = None,
        sources: Iterable[Any] | str | None = None,
        text: str = "text",
    ) -> Corpus:
        """Processes documents and adds them (all of them, or none if interrupted); returns self.

        Ids default as in `comention.analyze`, except that positions count from the documents
        already added (the second list's first document is not a second "0")."""
        if ids is None and not isinstance(data, (pd.Series, pd.DataFrame, Mapping)):
            texts = [data] if isinstance(data, (str, bytes)) else list(data)
            start = sum(b.num_rows for b in self._batches["documents"])
            data = pd.Series(texts, index=pd.RangeIndex(start, start + len(texts)), dtype=object)
        options = Options(**self.options, ids=ids, dates=dates, sources=sources, text=text)
        done = _process(data, options, want=frozenset({"documents", "removals"}))
        # Only now, with every batch done, does the corpus change.
        for k in ("documents", "removals"):
            self._batches[k].extend(pa.record_batch(t) for t in done.tables[k])
        self._docs.extend(done.batches)
        self._registry.merge(done.registry)
        self._counts = None
        self._cache.clear()
        return self

    def _relink(self) -> None:
        """Links names across everything added and recounts (after an add, on first use)."""
        if self._counts is not None:
            return
        mentions, counts, links = _link_and_count(
            _pipeline(self.options), self._docs, self._registry, self.count_options, link=self.options.get("link_names", True)
        )
        batches = [pa.record_batch(t) for t in mentions]
        if self._saved is not None:
            saved_mentions, saved_counts = self._saved
            batches = saved_mentions + batches
            counts = Counts.from_bytes(saved_counts.to_bytes()).merge(counts)
        self._batches["mentions"] = batches
        self._links = links
        self._counts = counts
        self._cache.pop("mentions", None)

    @property
    def counts(self) -> Counts:
        """The co-mention counts of every document added."""
        self._relink()
        assert self._counts is not None
        return self._counts

    @property
    def links(self) -> pd.DataFrame:
        """Cross-document name links (see `Analysis.links`)."""
        self._relink()
        return self._links

    def _table(self, name: str) -> pd.DataFrame:
        if name == "mentions":
            self._relink()
        if name not in self._cache:
            batches = self._batches[name]
            if not batches:
                return pd.DataFrame()
            self._cache[name] = _documents_frame(batches) if name == "documents" else to_pandas(batches)
        return self._cache[name]

    @property
    def documents(self) -> pd.DataFrame:
        """One row per document added, in order."""
        return self._table("documents")

    @property
    def mentions(self) -> pd.DataFrame:
        """One row per entity mention."""
        return self._table("mentions")

    @property
    def removals(self) -> pd.DataFrame:
        """The cleaning audit."""
        return self._table("removals")

    def entities(self) -> pd.DataFrame:
        """One row per canonical entity (see `Counts.entities`)."""
        return self.counts.entities()

    def edges(self, **edge_options: Any) -> pd.DataFrame:
        """The edge table (options as for `Counts.edges`)."""
        return self.counts.edges(**edge_options)

    def timeline(self, *, pairs: bool = False, min_count: int = 1) -> pd.DataFrame:
        """Counts per period (needs `period=`)."""
        return self.counts.timeline(pairs=pairs, min_count=min_count)

    def evidence(self, a: str | None = None, b: str | None = None) -> pd.DataFrame:
        """Passages where a pair is co-mentioned (needs `evidence=`)."""
        return self.counts.evidence(a, b)

    def show(self, doc_id: Any) -> DocumentView:
        """A document with its entities highlighted (displays as HTML in notebooks)."""
        return _show(self.documents, self.mentions, self.removals, doc_id)

    def __len__(self) -> int:
        return len(self.documents)

    def __repr__(self) -> str:
        return (
            f"Corpus({len(self)} documents, {len(self.mentions)} mentions, {self.counts.n_entities} entities, "
            f"context={self.counts.context!r})"
        )

    def _repr_html_(self) -> str:
        return summary_html(
            "Corpus",
            {"documents": len(self), "mentions": len(self.mentions), "entities": self.counts.n_entities, "context": self.counts.context},
            [("most mentioned", self.entities()[["entity", "label", "n_mentions", "n_documents"]]),
             ("strongest pairs (G²)", self.edges(min_count=2).sort_values("g2", ascending=False)[["source", "target", "n_ab", "npmi", "g2"]])],
        )

    def save(self, path: str | Path) -> Path:
        """Writes the corpus to a folder: the tables as Parquet, the counts, the options (the
        alias table and corpus evidence in files of their own)."""
        p = Path(path)
        p.mkdir(parents=True, exist_ok=True)
        # The mentions are made by linking, on first use: a corpus saved straight after `add`
        # was written without them.
        self._relink()
        for name in _TABLES:
            _write(p / f"{name}.parquet", self._batches[name] or None, lambda f, b: pq.write_table(pa.Table.from_batches(b), f))
        aliases, evidence = self.options.get("aliases"), self.options.get("corpus_boilerplate")
        _write(p / "aliases.tsv", aliases if isinstance(aliases, pd.DataFrame) else None, lambda f, a: a.to_csv(f, sep="\t", index=False))
        _write(p / "boilerplate.bin", evidence if isinstance(evidence, RecurringLines) else None, lambda f, e: f.write_bytes(e.to_bytes()))
        (p / "counts.bin").write_bytes(self.counts.to_bytes())
        (p / "registry.bin").write_bytes(self._registry.to_bytes())
        options = {k: v for k, v in self.options.items() if k not in ("aliases", "corpus_boilerplate")}
        (p / "corpus.json").write_text(json.dumps({"version": __version__, "count_options": self.count_options, "options": options}, indent=1))
        return p

    @classmethod
    def load(cls, path: str | Path) -> Corpus:
        """Reads a corpus written by `save` (raises `comention.StateError` naming a file that is
        missing or not what `save` wrote)."""
        p = Path(path)
        if not (p / "corpus.json").is_file():
            raise StateError(f"{p} holds no saved corpus: no corpus.json there")
        tsv, lines = p / "aliases.tsv", p / "boilerplate.bin"
        aliases = _read(tsv, lambda f: pd.read_csv(f, sep="\t", dtype=str, keep_default_na=False)) if tsv.exists() else None
        evidence = _read(lines, lambda f: RecurringLines.from_bytes(f.read_bytes())) if lines.exists() else None

        def made(f: Path) -> Corpus:
            meta = json.loads(f.read_text())
            return cls(**meta["count_options"], **meta["options"], aliases=aliases, corpus_boilerplate=evidence)

        c = _read(p / "corpus.json", made)
        for name in _TABLES:
            f = p / f"{name}.parquet"
            c._batches[name] = _read(f, lambda f: pq.read_table(f).to_batches()) if f.exists() else []
        c._registry = _read(p / "registry.bin", lambda f: Registry.from_bytes(f.read_bytes()))
        c._saved = (c._batches["mentions"], _read(p / "counts.bin", lambda f: Counts.from_bytes(f.read_bytes())))
        c._counts = None
        return c

    def __getstate__(self) -> dict[str, Any]:
        # Processed documents stay behind (they live in the core); the state is what `save` keeps.
        return {"count_options": self.count_options, "options": self.options, "counts": self.counts,
                "batches": self._batches, "registry": self._registry.to_bytes()}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.count_options = state["count_options"]
        self.options = state["options"]
        self._batches = state["batches"]
        self._docs = []
        self._registry = Registry.from_bytes(state["registry"])
        self._saved = (self._batches["mentions"], state["counts"])
        self._counts = None
        self._cache = {}


def _write(file: Path, value: T | None, how: Callable[[Path, T], object]) -> None:
    """`how(file, value)`; with no value, removes the file: one left by a corpus saved there
    before would be read back as this one's."""
    if value is None:
        file.unlink(missing_ok=True)
    else:
        how(file, value)


def _read(file: Path, how: Callable[[Path], T]) -> T:
    """`how(file)`, any failure a `StateError` naming the file (a truncated corpus.json raised
    json's "Expecting value: line 10 column 13", naming no file)."""
    try:
        return how(file)
    except (OSError, ValueError, KeyError, TypeError, pa.ArrowException) as e:
        raise StateError(f"{file} is not as Corpus.save wrote it: {e}") from e


def _show(documents: pd.DataFrame, mentions: pd.DataFrame, removals: pd.DataFrame, doc_id: Any) -> DocumentView:
    key = str(doc_id)
    rows = documents[documents["doc_id"].astype(str) == key]
    if rows.empty:
        raise KeyError(f"no document {doc_id!r}")
    m = mentions[mentions["doc_id"].astype(str) == key] if len(mentions) else mentions
    r = removals[removals["doc_id"].astype(str) == key] if len(removals) else removals
    return DocumentView(rows.iloc[0], m, r)
