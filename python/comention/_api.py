"""The public functions: documents in, DataFrames out."""

from __future__ import annotations

import os
import threading
import warnings
from collections import deque
from collections.abc import Callable, Generator, Hashable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TypeAlias, TypedDict, Unpack, overload

import pandas as pd
from tqdm.auto import tqdm

from . import _core
from ._counts import ContextName, Counts, PeriodName, check_counts, name_list, to_pandas
from .display import DocumentView, summary_html
from ._inputs import Inputs, MissingEntityWarning, TextLike, UnreadableDates, _caller_level, as_inputs, is_missing

Data: TypeAlias = str | Sequence[TextLike] | Mapping[Hashable, TextLike] | pd.Series | pd.DataFrame

#: Documents per call into the core when counting a mention table.
_COUNT_CHUNK = 50_000


class _NoBar:
    """A progress bar that shows nothing: tqdm's first bar, even disabled, builds a
    multiprocessing lock (an import and a semaphore) that a short call would pay for."""

    def __enter__(self) -> _NoBar:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def update(self, n: int = 1) -> None:
        return None


def _progress(show: bool, *, desc: str, total: int | None = None) -> Any:
    """A tqdm bar of documents when `show`, else one that shows nothing."""
    return tqdm(total=total, unit="doc", desc=desc) if show else _NoBar()


# The columns of `Analysis.links` (see `_links_frame`).
LINK_COLUMNS = ["alias", "entity", "candidates", "in_context", "label"]


def _documents_frame(tables: Iterable[Any]) -> pd.DataFrame:
    """The documents table with `date` as datetime64 (microseconds; a missing date is NaT)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    # Parsed in Arrow and converted by pyarrow alone: pandas' own parse and the general
    # conversion (which shares dictionaries across tables) took half of a small call's time.
    table = pa.Table.from_batches([pa.record_batch(t) for t in tables])
    i = table.schema.get_field_index("date")
    table = table.set_column(i, "date", pc.strptime(table.column(i), format="%Y-%m-%d", unit="us", error_is_null=True))
    return table.to_pandas(split_blocks=True)


@dataclass
class Analysis:
    """Everything one pass over a corpus produces.

    Attributes:
        documents: one row per input document: cleaned text, title, date, source, sizes, error.
        mentions: one row per entity mention with cleaned and raw offsets (code points).
        entities: one row per canonical entity with its label and counts.
        edges: one row per co-mentioned pair with counts and measures (see `Counts.edges`).
        removals: what the cleaner removed from each document, and by which rule.
        counts: the mergeable co-mention counts behind `entities` and `edges`: ask them for
            other edge tables, timelines, evidence or graph exports.
        links: cross-document links: each bare name (alias) linked to the one full name the
            corpus knows for it (entity; where no five stories show the usage, only in stories
            that share an uncommon name with that person's: in_context), a name and its form
            with middle initials to one of them, and those left alone because several fit
            (candidates); label: the type that nouns before a name give it in two stories or
            more ("the film The Aviator"), which its mentions take in every story.
    """

    documents: pd.DataFrame
    mentions: pd.DataFrame
    entities: pd.DataFrame
    edges: pd.DataFrame
    removals: pd.DataFrame
    counts: Counts
    links: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=LINK_COLUMNS))
    count_options: CountOptions = field(default_factory=lambda: CountOptions())

    def recount(self, mentions: pd.DataFrame | None = None, *, min_count: int = 1) -> Analysis:
        """A new Analysis whose entities and edges are counted from `mentions` (default: this
        one's), e.g. after editing its ``entity`` column; no re-tagging, but no evidence either."""
        m = self.mentions if mentions is None else mentions
        opts = self.count_options
        counts = count_mentions(
            m, documents=self.documents, context=opts.get("context", "sentence"), window=opts.get("window"),
            labels=opts.get("labels"), period=opts.get("period"),
        )
        return Analysis(self.documents, m, counts.entities(), counts.edges(min_count=min_count), self.removals, counts, self.links, opts)

    def merge_entities(self, mapping: dict[str, str], *, min_count: int = 1) -> Analysis:
        """Merges entities (each key becomes its value) and recounts. Names the analysis does
        not hold are left alone, as `DataFrame.rename` leaves them.

        Example:
            >>> import comention
            >>> a = comention.analyze(["Jake Sullivan met Wang Yi.", "Sullivan met Yi Wang."])
            >>> merged = a.merge_entities({"Yi Wang": "Wang Yi", "Sullivan": "Jake Sullivan"})
            >>> merged.edges[["source", "target", "n_ab"]].values.tolist()
            [['Jake Sullivan', 'Wang Yi', 2]]
        """
        if not isinstance(mapping, Mapping):
            raise TypeError(f"merge_entities takes a mapping of entity names to the names they join, not {type(mapping).__name__}")
        m = self.mentions.copy()
        m["entity"] = m["entity"].astype(str).replace(dict(mapping))
        return self.recount(m, min_count=min_count)

    def split_entity(self, entity: str, new_name: str, where: pd.Series | Sequence[bool], *, min_count: int = 1) -> Analysis:
        """Gives the mentions of `entity` selected by `where` (a boolean Series over `mentions`,
        aligned on its index, e.g. by document; or one boolean per mention, in order) the name
        `new_name`, and recounts.

        Raises:
            KeyError: the analysis has no entity `entity` (a misspelt name split nothing).
        """
        m = self.mentions.copy()
        m["entity"] = m["entity"].astype(str)
        mine = m["entity"] == entity
        if not mine.any():
            raise KeyError(f"no entity {entity!r} in this analysis")
        if not isinstance(where, pd.Series):
            if len(where) != len(m):
                raise ValueError(f"where has {len(where)} values but there are {len(m)} mentions: give one boolean per mention, or a Series over mentions")
            where = pd.Series(list(where), index=m.index)
        m.loc[mine & where.reindex(m.index, fill_value=False).astype(bool), "entity"] = new_name
        return self.recount(m, min_count=min_count)

    def evidence(self, a: str | None = None, b: str | None = None) -> pd.DataFrame:
        """Passages where `a` and `b` are co-mentioned (every pair's when both are None), best first."""
        return self.counts.evidence(a, b)

    def show(self, doc_id: Any) -> DocumentView:
        """A document with its entities highlighted (displays as HTML in notebooks)."""
        from .corpus import _show

        return _show(self.documents, self.mentions, self.removals, doc_id)

    def save(self, path: str | Path, *, format: Literal["parquet", "csv", "jsonl"] = "parquet") -> list[Path]:
        """Writes the five tables (documents, mentions, entities, edges, removals) into a folder."""
        from .io import write_table

        out = Path(path)
        out.mkdir(parents=True, exist_ok=True)
        return [write_table(getattr(self, n), out / n, format) for n in ("documents", "mentions", "entities", "edges", "removals")]

    def _repr_html_(self) -> str:
        strong = self.edges[self.edges["n_ab"] >= 2].sort_values("g2", ascending=False)
        return summary_html(
            "Analysis",
            {"documents": len(self.documents), "mentions": len(self.mentions), "entities": len(self.entities),
             "edges": len(self.edges), "context": self.counts.context},
            [("most mentioned", self.entities[["entity", "label", "n_mentions", "n_documents"]]),
             ("strongest pairs (G²)", strong[["source", "target", "n_ab", "npmi", "g2"]])],
        )

    def __repr__(self) -> str:
        return (
            f"Analysis({len(self.documents)} documents, {len(self.mentions)} mentions, "
            f"{len(self.entities)} entities, {len(self.edges)} edges, context={self.counts.context!r})"
        )


class CountOptions(TypedDict, total=False):
    """What `analyze`, `cooccurrences` and `count_mentions` count.

    Attributes:
        context: co-mention unit: "document", "paragraph", "sentence" (default) or "window".
        window: with context="window", the largest token distance between two mentions.
        labels: keep entities of these types, e.g. ["PER", "ORG"] (default: all), each with all
            its mentions: an entity's type is its label in the entities table.
        period: also count per "day", "week" or "month" of the documents' dates (timelines, bursts).
        evidence: passages kept per pair as evidence (default 3 in `analyze`; not for mention tables).
    """

    context: ContextName
    window: int | None
    labels: Sequence[str] | None
    period: PeriodName | None
    evidence: int


class Options(TypedDict, total=False):
    """Keyword options shared by `analyze`, `clean`, `mentions` and `cooccurrences`.

    Attributes:
        ids: document ids (values, or a column name for a DataFrame); default: the index.
        dates: publication dates (values or a column name); found in the text when absent.
        sources: outlets or agencies (values or a column name); found in the text when absent.
        text: the text column of a DataFrame (default ``"text"``).
        threads: worker threads, at most 1024 (default 0: one per core).
        batch_size: documents per call into the core (default 2000); progress shows between batches.
        progress: show a progress bar (default: only for inputs over four batches).
        drop_chrome: remove page chrome (prompts, share lines, credits) by rule (default True).
        drop_duplicates: remove paragraphs that repeat an earlier one in the document (default True).
        main_content: in HTML, keep only the article that a readability-style extractor finds
            (default True); what it leaves out is in the audit as ``outside-main-content``.
            In text scraped one block a line, the run of prose around the article.
        boilerplate: your own boilerplate patterns: case-insensitive regular expressions
            searched in each block (anchor them with ^ and $ to match whole lines); blocks that
            match are removed as ``user-pattern``.
        corpus_boilerplate: corpus evidence from `learn_boilerplate`: lines that recur across
            the documents of their source are removed as ``recurring-line``. ``"learn"``
            learns it from the documents of this call (all of them, before any is cleaned:
            the same result as ``learn_boilerplate`` first), reading each page once for both
            when they fit in one batch; not for streams and Dask, which see a part at a time.
        link_names: link a bare surname to the one full name in the corpus it abbreviates, when
            there is exactly one and the story shares a name with that person's (default True);
            see `Analysis.links`.
        aliases: your alias table / watchlist: a DataFrame (or CSV/TSV path) with columns
            ``canonical``, ``type`` (PER, ORG, LOC, MISC) and ``aliases`` (a list, or names
            separated by "|"). It takes precedence over the built-in table, and its names are
            also found where the model saw no entity.
        time_limit: seconds one document may take before it is given up with an error record
            (for untrusted input; default: no limit). Where the limit falls depends on the
            machine, so results that hit it are not reproducible.

    Ctrl-C stops a running call within a fraction of a second (workers stop at their next
    sentence) and raises ``KeyboardInterrupt``.
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
    main_content: bool
    boilerplate: Sequence[str] | str | None
    corpus_boilerplate: _core.RecurringLines | Literal["learn"] | None
    link_names: bool
    aliases: pd.DataFrame | str | Path | None
    time_limit: float | None


@dataclass
class _Processed:
    """The first pass over some documents: their tables, the batches kept in the core for the
    second pass, and what they taught the registry."""

    pipeline: _core.Pipeline
    tables: dict[str, list[Any]]
    batches: list[_core.Batch]
    registry: _core.Registry


def alias_table(aliases: pd.DataFrame | str | Path) -> str:
    """An alias table (DataFrame, or CSV/TSV file) as the core's TSV text.

    Example:
        >>> import pandas as pd
        >>> alias_table(pd.DataFrame({"canonical": ["Lumen Grid"], "type": ["ORG"], "aliases": [["Lumen", "LG"]]}))
        'Lumen Grid\\tORG\\tLumen|LG\\n'
    """
    return "".join(f"{c}\t{t}\t{a}\n" for c, t, a in alias_frame(aliases).itertuples(index=False))


def alias_frame(aliases: pd.DataFrame | str | Path) -> pd.DataFrame:
    """An alias table (DataFrame, or CSV/TSV file) checked, as text columns canonical, type
    (upper-cased) and aliases (the names joined by "|")."""
    if not isinstance(aliases, (pd.DataFrame, str, os.PathLike)):
        # pathlib's "expected str, bytes or os.PathLike object, not dict" named neither the
        # option nor what it takes; a mapping has no types to give.
        raise TypeError(
            f"aliases is a table with columns canonical, type (PER, ORG, LOC or MISC) and aliases, as a DataFrame or a "
            f"CSV/TSV path, not {type(aliases).__name__}"
        )
    if not isinstance(aliases, pd.DataFrame):
        path = Path(aliases)
        # Names as written: pandas' default reads "NA" (North America) and "None" as missing.
        aliases = pd.read_csv(path, sep="\t" if path.suffix.lower() in (".tsv", ".tab") else ",", dtype=str, keep_default_na=False)
    missing = {"canonical", "type"} - set(aliases.columns)
    if missing:
        raise KeyError(f"the alias table needs columns canonical, type and aliases; missing {sorted(missing)}")
    rows = []
    for i, row in enumerate(aliases.itertuples(index=False)):
        if pd.isna(row.canonical) or pd.isna(row.type):
            # Printed, a missing name became the entity "None" (or "nan").
            raise ValueError(f"alias table row {i}: the canonical name and the type are both needed")
        forms = getattr(row, "aliases", None)
        if isinstance(forms, str):
            forms = forms.split("|") if forms else []
        elif forms is None or (isinstance(forms, float) and forms != forms):
            forms = []
        cells = (str(row.canonical), str(row.type).upper(), "|".join(str(f).strip() for f in forms))
        if any("\t" in c or "\n" in c for c in cells):
            raise ValueError(f"alias table entries may not hold tabs or line breaks: {list(cells)}")
        rows.append(cells)
    return pd.DataFrame(rows, columns=["canonical", "type", "aliases"], dtype=object)


def check_options(options: Mapping[str, Any], caller: Callable[..., Any] | None = None) -> None:
    """Refuses keyword options that `Options` does not name: a misspelt one (``contxt=``)
    was otherwise ignored, and the call ran with the default. The suggestion comes from the
    options and `caller`'s own keyword arguments (``analyze(min_cont=2)`` was asked whether
    it meant main_content, and ``perod=`` got a list without period)."""
    known = Options.__optional_keys__ | Options.__required_keys__
    unknown = sorted(set(options) - known)
    if not unknown:
        # The suggestion's modules and the caller's signature are needed only for a bad
        # option: importing difflib was 1.4 ms of a fresh process's first call.
        return
    import difflib
    import inspect

    named = {n for n, p in inspect.signature(caller).parameters.items() if p.kind is p.KEYWORD_ONLY} if caller else set()
    for name in unknown:
        names = sorted(known | named)
        close = difflib.get_close_matches(name, names, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else f" (options: {', '.join(names)})"
        raise TypeError(f"unknown option {name!r}{hint}")


def new_counts(count: CountOptions) -> _core.Counts:
    """Empty core counts with these options (an `InvalidInputError` or `ValueError` for bad ones)."""
    return _core.Counts(count.get("context", "sentence"), **_count_args(count))


def check_count_options(count: CountOptions, min_count: int = 1) -> _core.Counts:
    """Refuses counting options that would fail, before any document is processed (they
    were found when counting began, after the corpus had been cleaned and tagged); returns
    the empty counts it made, for a caller that counts into them."""
    check_counts(min_count=min_count)
    return new_counts(count)


def _pipeline(options: Options, *, clean_only: bool = False) -> _core.Pipeline:
    check_options(options)
    check_counts(threads=options.get("threads", 0))
    aliases = options.get("aliases")
    return _core.Pipeline(
        threads=options.get("threads", 0),
        drop_chrome=options.get("drop_chrome", True),
        drop_duplicates=options.get("drop_duplicates", True),
        aliases=None if aliases is None else alias_table(aliases),
        clean_only=clean_only,
        time_limit=options.get("time_limit"),
        main_content=options.get("main_content", True),
        boilerplate=name_list(options.get("boilerplate")),
        recurring=_evidence(options),
    )


def _evidence(options: Options) -> _core.RecurringLines | None:
    """The corpus evidence given, if any: none for ``"learn"``, learned as it is used."""
    evidence = options.get("corpus_boilerplate")
    if not (evidence is None or isinstance(evidence, (str, _core.RecurringLines))):
        raise TypeError(f"corpus_boilerplate is evidence from learn_boilerplate, \"learn\" or None, not {type(evidence).__name__}")
    # The second test only tells the type checker what the first already knows.
    return None if _learns(options) or isinstance(evidence, str) else evidence


def _learns(options: Options) -> bool:
    """True for ``corpus_boilerplate="learn"`` (evidence learned as it is used); any other
    string is refused."""
    evidence = options.get("corpus_boilerplate")
    if isinstance(evidence, str) and evidence != "learn":
        raise ValueError(f"corpus_boilerplate is evidence from learn_boilerplate, \"learn\" or None, not {evidence!r}")
    return isinstance(evidence, str)


def _learned(inputs: Inputs, into: _core.RecurringLines, threads: int) -> _core.RecurringLines:
    """`into` with the recurring lines of every input added."""
    whole = inputs.all(dates=False)
    into.add(whole.texts, whole.sources, threads=threads)
    return into


def learns_in_place(options: Options, caller: str) -> None:
    """Refuses ``corpus_boilerplate="learn"`` where the documents come a part at a time."""
    if _learns(options):
        raise ValueError(
            f'{caller} sees the documents a part at a time, so it cannot learn corpus_boilerplate="learn" from them all; '
            "learn it first with learn_boilerplate (chunk by chunk with into=) and pass the result"
        )


def _process(data: Data, options: Options, *, want: frozenset[str], clean_only: bool = False) -> _Processed:
    """First pass: clean, segment, tag and resolve batch by batch (with a progress bar),
    keeping the wanted tables other than mentions."""
    check_options(options)
    inputs = as_inputs(
        data, ids=options.get("ids"), dates=options.get("dates"), sources=options.get("sources"),
        text=options.get("text", "text"),
    )
    learn = _learns(options)
    if learn and len(inputs) > options.get("batch_size", 2000):
        # More than one call into the core: the evidence is learned from every document first
        # (the same evidence, so the same result), then applied batch by batch.
        options, learn = options.copy(), False
        options["corpus_boilerplate"] = _learned(inputs, _core.RecurringLines(), options.get("threads", 0))
    done = _Processed(_pipeline(options, clean_only=clean_only), {k: [] for k in want - {"mentions"}}, [], _core.Registry())
    n = len(inputs)
    progress = options.get("progress")
    show = progress if progress is not None else n > 4 * options.get("batch_size", 2000)
    with _progress(show, total=n, desc="comention") as bar:
        # Closed on the way out, so that an exception here also stops the batch being read ahead.
        with closing(process_inputs(done.pipeline, inputs, options, learn=learn)) as batches:
            for batch in batches:
                for k in done.tables:
                    done.tables[k].append(getattr(batch, k)())
                done.registry.add(batch)
                done.batches.append(batch)
                bar.update(len(batch))
    return done


def process_inputs(
    pipeline: _core.Pipeline, inputs: Inputs, options: Options, *, learn: bool = False
) -> Generator[_core.Batch, None, None]:
    """Cleans, tags and resolves the inputs, at most `batch_size` documents per call into the
    core, so that memory is bounded whatever the size of a chunk or partition. With `learn`
    (inputs of one batch), cleaning removes the lines recurring across them.

    With more than one thread two batches are in flight while the caller handles the one before
    (tables, registry): the pool then starts on the next batch while the last documents of
    this one finish, where a worker idled at every batch's tail (on two cores this halved the
    idle time of a Reuters run). Close the iterator (or let it finish) to stop that work; a
    Ctrl-C in the caller cancels it.
    """
    size = options.get("batch_size", 2000)
    if size < 1:
        raise ValueError(f"batch_size must be at least 1, not {size}")
    # Empty inputs still yield one (empty) batch, so that their tables have their columns.
    starts = range(0, max(len(inputs), 1), size)
    cancel = threading.Event()

    def run(start: int) -> _core.Batch:
        part = inputs.slice(start, start + size)
        return pipeline.process(part.ids, part.texts, part.dates, part.sources, cancel=cancel, learn=learn)

    if pipeline.threads == 1 or len(starts) == 1:
        for start in starts:
            yield run(start)
        inputs.unreadable_dates.done()
        return
    in_flight = 2
    ahead = ThreadPoolExecutor(max_workers=in_flight, thread_name_prefix="comention-ahead")
    try:
        pending = deque(ahead.submit(run, start) for start in starts[:in_flight])
        for start in starts[in_flight:]:
            batch = pending.popleft().result()
            pending.append(ahead.submit(run, start))
            yield batch
        while pending:
            yield pending.popleft().result()
        inputs.unreadable_dates.done()
    finally:
        cancel.set()  # a no-op once every batch is done
        ahead.shutdown(wait=True, cancel_futures=True)


def _count_args(count: CountOptions) -> dict[str, Any]:
    check_counts(window=count.get("window"), evidence=count.get("evidence", 0))
    return {
        "window": count.get("window"),
        "labels": name_list(count.get("labels")),
        "period": count.get("period"),
        "evidence": count.get("evidence", 0),
    }


def _link_and_count(
    pipeline: _core.Pipeline, batches: list[_core.Batch], registry: _core.Registry, count: CountOptions, *, link: bool
) -> tuple[list[Any], Counts, pd.DataFrame]:
    """Second pass: apply the corpus registry's links, then the mentions tables and counts."""
    counts = new_counts(count)
    links = registry.links() if link else None
    if pipeline.threads == 1:
        mentions = [batch.mentions(links) for batch in batches]
        pipeline.count(batches, counts, links=links)
    else:
        # The mention tables are written by one thread while the pool's other threads count
        # (both release the GIL): on two cores, exporting would otherwise wait for counting
        # and vice versa. One worker fewer: counting in two parts beside the export put three
        # threads on two cores, and merging the parts cost what the second worker saved
        # (Reuters, 8 alternating runs each: median 58 ms against 77 for count and export).
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="comention-mentions") as export:
            pending = [export.submit(batch.mentions, links) for batch in batches]
            try:
                pipeline.count(batches, counts, links=links, workers=pipeline.threads - 1)
            except BaseException:  # Ctrl-C included: do not export what no one will read
                for f in pending:
                    f.cancel()
                raise
            mentions = [f.result() for f in pending]
    return mentions, Counts._wrap(counts), _links_frame(links)


def _links_frame(links: _core.Links | None) -> pd.DataFrame:
    """The registry's links as a table: alias, entity (None when ambiguous), candidates,
    whether the link holds only in stories that share a name with the entity's, and the type
    nouns give the entity across the corpus (None if they give none); a name only typed so is
    its own alias."""
    rows: list[tuple[str, str | None, list[str], bool, str | None]] = []
    if links is not None:
        bound = set(links.in_context())
        typed = dict(links.types())
        pairs = links.pairs()
        rows = [(a, b, [b], a in bound, typed.get(b)) for a, b in pairs] + [(a, None, names, False, None) for a, names in links.ambiguous()]
        aliased = {a for a, _ in pairs}
        rows += [(name, name, [name], False, label) for name, label in typed.items() if name not in aliased]
    return pd.DataFrame(rows, columns=LINK_COLUMNS)


def _run(data: Data, options: Options, count: CountOptions, *, want: frozenset[str]) -> tuple[dict[str, list[Any]], Counts]:
    """Both passes over the data: the wanted tables and the counts."""
    done = _process(data, options, want=want)
    mentions, counts, _ = _link_and_count(done.pipeline, done.batches, done.registry, count, link=options.get("link_names", True))
    tables = dict(done.tables)
    if "mentions" in want:
        tables["mentions"] = mentions
    return tables, counts


def analyze(
    data: Data,
    *,
    context: ContextName = "sentence",
    window: int | None = None,
    labels: Sequence[str] | None = None,
    period: PeriodName | None = None,
    evidence: int = 0,
    min_count: int = 1,
    **options: Unpack[Options],
) -> Analysis:
    """Cleans, tags and resolves every document and counts co-mentions.

    Args:
        data: a str, a list of str, a mapping of id to text, a pandas Series of text, or a
            DataFrame (see `Options.text`).
        context: co-mention unit: "document", "paragraph", "sentence" or "window".
        window: with context="window", the largest token distance between two mentions.
        labels: keep entities of these types, e.g. ["PER", "ORG"] (default: all), each with all
            its mentions: an entity's type is its label in the entities table.
        period: also count per "day", "week" or "month" (timelines and bursts in `counts`).
        evidence: passages kept per pair (`Analysis.evidence`).
        min_count: keep pairs co-mentioned in at least this many contexts in `edges`.
        **options: see `Options` (ids, dates, sources, text, threads, batch_size, progress, ...).

    Example:
        >>> import comention
        >>> a = comention.analyze(["Wang Yi met Jake Sullivan in Malta. Wang then flew to Moscow."])
        >>> sorted(set(a.mentions["entity"]))
        ['Jake Sullivan', 'Malta', 'Moscow', 'Wang Yi']
    """
    count = CountOptions(context=context, window=window, labels=labels, period=period, evidence=evidence)
    check_options(options, analyze)
    check_count_options(count, min_count)
    done = _process(data, options, want=frozenset({"documents", "removals"}))
    mentions, counts, links = _link_and_count(done.pipeline, done.batches, done.registry, count, link=options.get("link_names", True))
    threads = options.get("threads", 0)

    def frames() -> dict[str, pd.DataFrame]:
        return {
            "documents": _documents_frame(done.tables["documents"]),
            "mentions": to_pandas(mentions),
            "entities": counts.entities(),
            "removals": to_pandas(done.tables["removals"]),
        }

    if done.pipeline.threads == 1:
        tables = frames()
        tables["edges"] = counts.edges(min_count=min_count, threads=threads)
    else:
        # The edge table is built in the core (without the GIL) while this thread converts the
        # other tables to pandas: on two cores that conversion would otherwise be serial time.
        # By one worker: with the pool, three threads shared two cores (Reuters' tail, median
        # of 13 alternating runs: 150 ms against 157; the table is the same for any number).
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="comention-edges") as side:
            edges = side.submit(counts.edges, min_count=min_count, threads=1)
            tables = frames()
            tables["edges"] = edges.result()
    return Analysis(**tables, counts=counts, links=links, count_options=count)


def learn_boilerplate(
    data: Data,
    *,
    sources: Iterable[Any] | str | None = None,
    text: str = "text",
    into: _core.RecurringLines | None = None,
    threads: int = 0,
) -> _core.RecurringLines:
    """Corpus evidence for cleaning: which lines recur across the documents of each source.

    A line (compared by its words) found in at least 3 documents of a source, and in at least
    5% of them, is that source's page furniture; pass the result as ``corpus_boilerplate=`` to
    `clean`, `analyze`, `analyze_stream` or `comention.dask.analyze`. Learn from the whole corpus
    (chunk by chunk with ``into=``, or merge partial results with ``.merge``) before cleaning,
    so that results do not depend on how the corpus is split. ``threads`` workers learn (0: one
    per core); the evidence is the same for any number. To learn from the very documents you
    clean, ``clean(pages, corpus_boilerplate="learn")`` does both in one call, reading each
    page once.

    Example:
        >>> pages = [f"Sign up for the Ledger briefing\\nStory {i} about the harbour reopening." for i in range(5)]
        >>> evidence = learn_boilerplate(pages)
        >>> clean(pages, corpus_boilerplate=evidence)["text"].tolist()[:2]
        ['Story 0 about the harbour reopening.', 'Story 1 about the harbour reopening.']
    """
    if into is not None and not isinstance(into, _core.RecurringLines):
        raise TypeError(f"into takes RecurringLines (from learn_boilerplate), not {type(into).__name__}")
    return _learned(as_inputs(data, sources=sources, text=text), into if into is not None else _core.RecurringLines(), threads)


def clean(data: Data, **options: Unpack[Options]) -> pd.DataFrame:
    """One row per document: cleaned text, title, date, source, place and error (the cleaning
    stage only, so the sentence, token and mention counts are 0).

    Example:
        >>> import comention
        >>> df = comention.clean("Markets rally\\n\\nShares rose on Monday.\\n\\nShare this article")
        >>> df.loc[0, "text"]
        'Markets rally\\n\\nShares rose on Monday.'
    """
    # Cleaning only: no tagging, no counting (n_sentences, n_tokens and n_mentions are 0).
    done = _process(data, options, want=frozenset({"documents"}), clean_only=True)
    return _documents_frame(done.tables["documents"])


def mentions(data: Data, **options: Unpack[Options]) -> pd.DataFrame:
    """One row per entity mention: document id, offsets (clean and raw), text, label, entity, score.

    Example:
        >>> import comention
        >>> comention.mentions("China's Wang Yi met U.S. officials.")[["text", "label", "entity"]].values.tolist()
        [['China', 'LOC', 'China'], ['Wang Yi', 'PER', 'Wang Yi'], ['U.S.', 'LOC', 'United States']]
    """
    tables, _ = _run(data, options, CountOptions(context="document"), want=frozenset({"mentions"}))
    return to_pandas(tables["mentions"])


def cooccurrences(
    data: Data,
    *,
    context: ContextName = "sentence",
    window: int | None = None,
    labels: Sequence[str] | None = None,
    min_count: int = 1,
    **options: Unpack[Options],
) -> pd.DataFrame:
    """One row per co-mentioned entity pair with counts, PMI, NPMI and G², most frequent first.

    Example:
        >>> import comention
        >>> e = comention.cooccurrences(["Wang Yi met Jake Sullivan.", "Jake Sullivan and Wang Yi spoke."])
        >>> e[["source", "target", "n_ab"]].values.tolist()
        [['Jake Sullivan', 'Wang Yi', 2]]
    """
    count = CountOptions(context=context, window=window, labels=labels)
    check_options(options, cooccurrences)
    check_count_options(count, min_count)
    _, counts = _run(data, options, count, want=frozenset())
    return counts.edges(min_count=min_count)


def _text_codes(values: pd.Series) -> tuple[Any, Any, bool | None]:
    """Integer codes of a column and each code's text (a list of str, or an Arrow string
    array for string columns), as ``values.astype(str)`` would give them (a missing value is
    a value of its own), converting only distinct values; and whether the codes never
    decrease, when the core found that out on the way (None otherwise)."""
    import numpy as np

    fast = _string_codes(values)
    if fast is not None and not fast.missing:
        return fast.codes, fast.texts, fast.ascending
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    texts = _texts(uniques)
    if len(set(texts)) < len(texts):  # values that print alike (1 and "1") are one value
        codes, uniques = pd.factorize(values.astype(str))
        texts = _texts(uniques)
    return np.asarray(codes), texts, None


@dataclass(frozen=True)
class _StringCodes:
    """A string column factorised in the core: codes (int32, -1: missing) by first appearance,
    the distinct values (an Arrow string array), whether a value is missing, and whether the
    codes never decrease (the column is grouped by value)."""

    codes: Any
    texts: Any
    missing: bool
    ascending: bool


def _string_codes(values: pd.Series) -> _StringCodes | None:
    """A column of strings factorised in the core (a run of equal ids costs one comparison,
    and neither the values nor the distinct ones become Python objects); None for columns of
    other types."""
    import pyarrow as pa

    if not isinstance(values.dtype, pd.StringDtype):
        return None
    array = pa.array(values)
    if not (pa.types.is_string(array.type) or pa.types.is_large_string(array.type) or pa.types.is_string_view(array.type)):
        return None
    # Chunk by chunk: combining a column read from Parquet would copy it whole first.
    codes, distinct, missing, ascending = _core.factorize_strings(array.chunks if isinstance(array, pa.ChunkedArray) else [array])
    return _StringCodes(pa.record_batch(codes).column(0).to_numpy(), pa.record_batch(distinct).column(0), missing, ascending)


def _u32(codes: Any) -> Any:
    """Codes known to be 0 or more as uint32, the core's type: int32 codes are viewed as they
    are (copying the two columns of 16× Reuters' mentions cost 20 MB of fresh memory)."""
    import numpy as np

    a = np.asarray(codes)
    if a.dtype == np.int32 and a.flags.c_contiguous:
        return a.view(np.uint32)
    return np.ascontiguousarray(a, dtype=np.uint32)


def _texts(values: Any) -> list[str]:
    """Each value as ``str(value)``; strings pass as they are (iterating an Arrow-backed
    index makes a scalar per element, ``tolist`` converts in one call)."""
    return [v if type(v) is str else str(v) for v in values.tolist()]


def _positions(values: pd.Series, name: str) -> Any:
    """A column of sentence, paragraph or token numbers (or sizes) as the core's uint32; a
    negative, fractional, missing or too large value is a ValueError naming the column (cast
    as it was, -1 became 4,294,967,295 and 0.5 became 0, silently)."""
    import numpy as np

    rule = "sentence, paragraph and token numbers are whole numbers from 0"
    if values.isna().any():
        raise ValueError(f"column {name!r} has missing values: {rule}")
    a = values.to_numpy()
    if a.dtype.kind == "b":
        raise ValueError(f"column {name!r} holds {values.dtype} values: {rule}")
    if a.dtype.kind not in "iuf":
        try:  # numbers held as objects (or a nullable integer dtype) read as numbers
            a = pd.to_numeric(values).to_numpy()
        except (TypeError, ValueError):
            raise ValueError(f"column {name!r} holds {values.dtype} values: {rule}") from None
        if a.dtype.kind not in "iuf":
            raise ValueError(f"column {name!r} holds {values.dtype} values: {rule}")
    if a.dtype.kind == "f" and len(a) and not (np.isfinite(a).all() and (a == np.floor(a)).all()):
        raise ValueError(f"column {name!r} holds numbers that are not whole: {rule}")
    if len(a) and (a.min() < 0 or a.max() > np.iinfo(np.uint32).max):
        raise ValueError(f"column {name!r} holds {a.min() if a.min() < 0 else a.max()}: numbers run from 0 to {np.iinfo(np.uint32).max}")
    return np.ascontiguousarray(a, dtype=np.uint32)


def count_mentions(
    mentions: pd.DataFrame,
    *,
    documents: pd.DataFrame | None = None,
    doc_id: str = "doc_id",
    entity: str = "entity",
    context: ContextName = "document",
    window: int | None = None,
    labels: Sequence[str] | None = None,
    period: PeriodName | None = None,
    threads: int = 0,
    progress: bool | None = None,
) -> Counts:
    """Co-mention counts from a mention table made anywhere (comention, spaCy, a database).

    `mentions` needs a document id and an entity column; optional columns ``label`` (PER, ORG,
    LOC, MISC), ``sentence``, ``paragraph``, ``token_start``/``token_end`` enable the finer
    contexts and type filters. `documents` (with `doc_id`, and optionally ``date``,
    ``n_sentences``, ``n_paragraphs``, ``n_tokens``, as in comention's documents table) lists
    every document, so that documents without mentions count in N; without it, N counts the
    documents (and their sentences, up to the last mention) that the mention table shows.

    Example:
        >>> import pandas as pd, comention
        >>> m = pd.DataFrame({"doc_id": [1, 1, 2, 2, 3], "entity": ["A", "B", "A", "B", "C"]})
        >>> comention.count_mentions(m).edges()[["source", "target", "n_ab", "n_a", "n"]].values.tolist()
        [['A', 'B', 2, 2, 3]]
    """
    for col in (doc_id, entity):
        if col not in mentions.columns:
            raise KeyError(f"no column {col!r} in the mention table (columns: {list(mentions.columns)})")
    if documents is not None and doc_id not in documents.columns:
        raise KeyError(f"no column {doc_id!r} in the documents table")
    check_counts(threads=threads, window=window)
    if period is not None and (documents is None or "date" not in documents.columns):
        # Dates come only from `documents`: without them every timeline was empty, silently.
        raise ValueError(f"period={period!r} needs the documents' dates: pass documents= with a 'date' column")
    labels = name_list(labels)
    # Built in a function of its own, so that its intermediate arrays are freed before counting.
    table = _mention_table(mentions, documents, doc_id, entity, labels)
    pipeline = _core.Pipeline(threads=threads)
    counts = _core.Counts(context, window=window, labels=labels, period=period)
    n = table.n_documents
    # Counted in one call, in steps of documents between which the bar moves and Ctrl-C is
    # seen. In calls of their own, each step looked its names up again: count_mentions of the
    # 16× Reuters table took 0.45–0.52 CPU-s (least 0.451) against 0.41–0.52 (0.410) now, ten
    # alternating runs. (Settled once, at the end: settling each step merged the pairs counted
    # so far again.)
    show = progress if progress is not None else n > 4 * _COUNT_CHUNK
    with _progress(show, total=n, desc="counting") as bar:
        # Entities take ids in name order first, so the edge table needs no sort by name.
        pipeline.count_table(table, counts, 0, n, step=_COUNT_CHUNK, register=True, progress=bar.update)
    return Counts._wrap(counts)


def _mention_table(
    mentions: pd.DataFrame, documents: pd.DataFrame | None, doc_id: str, entity: str, labels: Sequence[str] | None
) -> _core.MentionTable:
    """A mention table's columns as the core counts them: mentions grouped by document,
    entities and documents as codes into lists of their texts."""
    import numpy as np

    # Columns are factorised first and only their distinct values turned into text: a
    # mention table has millions of rows but thousands of documents and entities.
    d_codes, d_texts, grouped = _text_codes(mentions[doc_id])
    if documents is not None:
        grouped = None  # the documents' order, found below
        index = pd.Index(documents[doc_id].astype(str))
        if not index.is_unique:
            raise ValueError("document ids must be unique")
        doc_codes = index.get_indexer(pd.Index(d_texts))[d_codes]
        if (doc_codes < 0).any():
            raise ValueError(f"{int((doc_codes < 0).sum())} mentions refer to documents missing from `documents`")
        order = index.tolist()
    else:
        order = d_texts
        doc_codes = d_codes
    fast = _string_codes(mentions[entity])
    missing: bool | None = None
    if fast is not None:
        e_codes, names, missing = fast.codes, fast.texts, fast.missing
    else:
        e_codes, e_uniques = pd.factorize(mentions[entity])
        names = _texts(e_uniques)
        if len(set(names)) < len(names):  # values that print alike (1 and "1") are one entity
            e_codes, e_uniques = pd.factorize(mentions[entity].astype(str).where(mentions[entity].notna()))
            names = _texts(e_uniques)
    # What the core found while factorising is not worked out again (16× Reuters: 23 MB of
    # temporary arrays).
    all_present = not missing if missing is not None else bool((e_codes >= 0).all())
    if all_present and (grouped if grouped is not None else bool((np.diff(doc_codes) >= 0).all())):
        sort: slice | np.ndarray = slice(None)  # already grouped by document, as mention tables usually are
    else:
        by_doc = np.argsort(doc_codes, kind="stable")
        sort = by_doc = by_doc[(e_codes >= 0)[by_doc]]
        if (dropped := len(e_codes) - len(by_doc)) > 0:
            # A mention of no entity has nothing to count; its document still counts in N.
            warnings.warn(
                f"{dropped} mention{'s have' if dropped > 1 else ' has'} no {entity!r} and "
                "so no entity to count (their documents count in N)",
                MissingEntityWarning,
                stacklevel=_caller_level(),
            )
    ent_codes = e_codes[sort]

    def column(name: str) -> np.ndarray | None:
        return _positions(mentions[name], name)[sort] if name in mentions.columns else None

    label_codes = None
    if "label" in mentions.columns:
        if mentions["label"].isna().any():
            # It read as the label "nan" (or "None"), refused as unknown without saying why.
            raise ValueError("column 'label' has missing values: give each mention PER, ORG, LOC or MISC, or drop the column")
        l_codes, l_values, _ = _text_codes(mentions["label"])
        l_texts = [str(x).upper() for x in (l_values if isinstance(l_values, list) else l_values.to_pylist())]
        known = {"PER": 0, "ORG": 1, "LOC": 2, "MISC": 3}
        bad = sorted(set(l_texts) - set(known))
        if bad:
            raise ValueError(f"unknown labels {bad[:5]}: use PER, ORG, LOC or MISC")
        label_codes = np.ascontiguousarray(np.array([known[x] for x in l_texts], dtype=np.uint8)[l_codes[sort]])
    elif labels is not None:
        raise ValueError("labels= needs a 'label' column in the mention table")
    days = sizes = None
    if documents is not None:
        if "date" in documents.columns:
            # Read as `analyze` reads dates (pandas' own parse failed on zoned timestamps and
            # made every unreadable date NaT silently).
            unreadable = UnreadableDates()
            iso = unreadable.read(order, documents["date"].tolist())
            unreadable.warn()
            d = pd.to_datetime(pd.Series(iso, dtype=object), format="%Y-%m-%d")
            epoch = (d - pd.Timestamp("1970-01-01")).dt.days
            days = [None if pd.isna(x) else int(x) for x in epoch]
        size_cols = ["n_sentences", "n_paragraphs", "n_tokens"]
        if all(c in documents.columns for c in size_cols):
            sizes = np.stack([_positions(documents[c], c) for c in size_cols], axis=1).reshape(-1)
    return _core.MentionTable(
        order, names, _u32(doc_codes[sort]), _u32(ent_codes), label=label_codes,
        sentence=column("sentence"), paragraph=column("paragraph"),
        token_start=column("token_start"), token_end=column("token_end"), days=days, sizes=sizes,
    )


@overload
def read_conll(path: str | Path, *, documents: Literal[False] = False) -> list[tuple[list[str], list[str]]]: ...
@overload
def read_conll(path: str | Path, *, documents: Literal[True]) -> list[tuple[list[str], list[str], int]]: ...
def read_conll(path: str | Path, *, documents: bool = False) -> list[tuple[list[str], list[str]]] | list[tuple[list[str], list[str], int]]:
    """The sentences of a CoNLL file (``word ... tag`` lines): (words, IOB tags) each.

    With ``documents=True`` each sentence also carries the index of its document (the
    ``-DOCSTART-`` section), for :func:`tag_tokens`'s ``document_ids``.
    """
    rows = _core.read_conll(Path(path).read_text(encoding="utf-8"))
    if documents:
        return rows
    return [(words, tags) for words, tags, _ in rows]


def evaluate(gold: Sequence[Sequence[str]], predicted: Sequence[Sequence[str]]) -> pd.DataFrame:
    """Strict span precision, recall and F1 of predicted IOB tags, per type and overall.

    Example:
        >>> import comention
        >>> gold = [["B-PER", "I-PER", "O", "B-LOC"]]
        >>> comention.evaluate(gold, [["B-PER", "I-PER", "O", "O"]])[["type", "f1"]].values.tolist()
        [['PER', 1.0], ['LOC', 0.0], ['overall', 0.6666666666666666]]
    """
    rows = _core.score_tags(_sentences(gold, "tags"), _sentences(predicted, "tags"))
    df = pd.DataFrame(rows, columns=["type", "tp", "fp", "fn"])
    df = pd.concat([df, pd.DataFrame([{"type": "overall", **df[["tp", "fp", "fn"]].sum().to_dict()}])], ignore_index=True)
    df["precision"] = (df["tp"] / (df["tp"] + df["fp"])).fillna(0.0)
    df["recall"] = (df["tp"] / (df["tp"] + df["fn"])).fillna(0.0)
    df["f1"] = (2 * df["tp"] / (2 * df["tp"] + df["fp"] + df["fn"])).fillna(0.0)
    df["support"] = df["tp"] + df["fn"]
    return df[["type", "precision", "recall", "f1", "support", "tp", "fp", "fn"]]


def tag_tokens(
    sentences: Sequence[Sequence[str]], *, document_ids: Sequence[Hashable] | None = None, threads: int = 0
) -> list[list[str]]:
    """IOB2 tags (``B-PER``, ``I-PER``, ``O`` …) for pre-tokenised sentences.

    ``document_ids`` gives each sentence's document: consecutive sentences with the same id are
    tagged together, so that the labels given to a word earlier in a document inform later
    ones (as :func:`analyze` does for raw text). Without it every sentence stands alone.

    Example:
        >>> import comention
        >>> comention.tag_tokens([["Wang", "Yi", "visited", "Moscow", "."]])
        [['B-PER', 'I-PER', 'O', 'B-LOC', 'O']]
        >>> comention.tag_tokens([["Dole", "spoke", "."], ["Dole", "won", "."]], document_ids=[7, 7])
        [['B-PER', 'O', 'O'], ['B-PER', 'O', 'O']]
    """
    pipeline = _core.Pipeline(threads=threads)
    ids = None if document_ids is None else [int(i) for i in pd.factorize(pd.Series(list(document_ids), dtype=object), use_na_sentinel=False)[0]]
    return pipeline.tag_tokens(_sentences(sentences, "tokens"), ids)


#: How missing values (None, NaN, pd.NA, NaT) print.
_MISSING_TEXTS = ("None", "nan", "<NA>", "NaT")


def _sentences(sentences: Sequence[Sequence[Any]], what: str) -> list[list[str]]:
    """Sentences as lists of str: a sentence given as one str (read as its characters) or a
    missing token (read as "None", and tagged) is a TypeError naming the sentence; numbers
    read as their text."""
    out = []
    for i, s in enumerate(sentences):
        if isinstance(s, str):
            raise TypeError(f"sentence {i} is a str: pass its {what} as a list")
        words = list(map(str, s))
        # Looked for among the originals only when their text could be one (a C-level scan).
        if any(m in words for m in _MISSING_TEXTS) and any(is_missing(w) for w in s):
            raise TypeError(f"sentence {i} has a missing value among its {what}")
        out.append(words)
    return out
