"""Co-mention counts as a Python object: tables as DataFrames, merging, pickling, graph exports."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd
import pyarrow as pa

from . import _core

if TYPE_CHECKING:
    import networkx as nx
    import scipy.sparse

ContextName = Literal["document", "paragraph", "sentence", "window"]
PeriodName = Literal["day", "week", "month"]


def name_list(names: Sequence[str] | str | None) -> list[str] | None:
    """Names (entity types, edge columns, boilerplate patterns) as the core takes them: one
    name given alone is that name (listed as a str, "PER" was the types P, E and R, and the
    pattern "^share" the patterns "^", "s", "h" ..., of which "s" removed every block)."""
    if names is None:
        return None
    return [names] if isinstance(names, str) else list(names)


def check_counts(**named: int | None) -> None:
    """Refuses a count argument (threads, min_count, top_k, window ...) that is not a whole
    number from 0 to what the core's unsigned type holds (2**32 - 1 tokens for a window,
    2**64 - 1 otherwise), by name: the core otherwise raised OverflowError("can't convert
    negative int to unsigned", "int too big to convert", "out of range integral type
    conversion attempted"), naming none."""
    import operator

    for name, value in named.items():
        if value is None:
            continue
        try:
            whole = operator.index(value)
        except TypeError:
            raise TypeError(f"{name} must be a whole number, not {type(value).__name__}") from None
        if whole < 0:
            raise ValueError(f"{name} must be 0 or more, not {whole}")
        bits = 32 if name == "window" else 64
        if whole >= 2**bits:
            raise ValueError(f"{name} must be below 2**{bits}, not {whole}")


_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_names(g: nx.Graph) -> nx.Graph:
    """The graph with node names XML can hold: a control character in an entity name (a
    mention table can carry any) made the GEXF file unreadable and GraphML's writer raise.
    Each such character is written as its escape, so that names stay apart."""
    import networkx as nx

    def safe(name: str) -> str:
        return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", name)

    bad = {n: safe(n) for n in g if isinstance(n, str) and _NOT_XML.search(n)}
    return nx.relabel_nodes(g, bad) if bad else g


def to_pandas(tables: Iterable[Any]) -> pd.DataFrame:
    """One DataFrame from Arrow tables exported by the core (dictionary columns → Categorical,
    dates → datetime64)."""
    table = pa.Table.from_batches([pa.record_batch(t) for t in tables])
    # Dictionary columns are made Categorical here: pyarrow converts and checks the categories
    # of every column anew, and the edge table's two entity columns share one dictionary of
    # every name (6 ms a column on Reuters; a shared dtype costs nothing). Batches' own
    # dictionaries are unified first.
    categorical: dict[int, pd.Categorical] = {}
    dtypes: dict[tuple[int, ...], pd.CategoricalDtype] = {}
    for i, column in enumerate(table.columns):
        if not pa.types.is_dictionary(column.type) or column.num_chunks == 0:
            continue
        chunks = column.unify_dictionaries().chunks if column.num_chunks > 1 else column.chunks
        dictionary = chunks[0].dictionary
        if dictionary.null_count:
            continue
        key = (*(b.address if b is not None else 0 for b in dictionary.buffers()), len(dictionary))
        if key not in dtypes:
            dtypes[key] = _categories(dictionary, column.type.ordered)
        codes = np.concatenate([c.indices.fill_null(-1).to_numpy(zero_copy_only=False) for c in chunks])
        categorical[i] = pd.Categorical.from_codes(codes, dtype=dtypes[key], validate=False)
    # List columns (the entity table's aliases) become Python lists, a row's value a list: an
    # Arrow-backed list dtype converted faster (the entities() call on Reuters' 30,714 entities
    # 12-14 ms, against 26-27), but pandas writes it to Parquet under a type name its own
    # read_parquet cannot parse, so a saved entity table could not be read back; pyarrow's own
    # conversion makes a NumPy array a row.
    made: dict[int, Any] = dict(categorical)
    for i, column in enumerate(table.columns):
        if pa.types.is_list(column.type) or pa.types.is_large_list(column.type):
            made[i] = pd.Series(column.to_pylist(), dtype=object)
    rest = table.drop_columns([table.column_names[i] for i in made])
    # split_blocks: one block a column, no consolidating copy (6x faster on wide tables).
    df = rest.to_pandas(date_as_object=False, split_blocks=True)
    for i in sorted(made):
        df.insert(i, table.column_names[i], made[i])
    return df


def _categories(dictionary: pa.Array, ordered: bool) -> pd.CategoricalDtype:
    """The categorical dtype of a dictionary the core wrote: its values are distinct by
    construction (each is keyed once), so pandas' check that they are, which converts every
    value to a Python string and hashes it (5 ms for Reuters' 31,000 entity names, a call),
    is skipped where this pandas offers a way to."""
    categories = pd.Index(dictionary.to_pandas())
    fast = getattr(pd.CategoricalDtype, "_from_fastpath", None)
    if fast is not None:
        try:
            dtype = fast(categories, ordered)
            if isinstance(dtype, pd.CategoricalDtype):
                return dtype
        except TypeError:
            pass
    return pd.CategoricalDtype(categories, ordered=ordered)


class Counts:
    """Co-mention counts of a corpus: mergeable across batches, processes and machines.

    Build them with `comention.analyze(...).counts` or `comention.count_mentions(...)`, or
    empty with the same options and `merge` partial counts into them. Equal counts give equal
    `to_bytes()` whatever order documents were counted in.

    Example:
        >>> import comention
        >>> c = comention.analyze(["Wang Yi met Jake Sullivan.", "Jake Sullivan and Wang Yi spoke."]).counts
        >>> c.edges()[["source", "target", "n_ab", "n"]].values.tolist()
        [['Jake Sullivan', 'Wang Yi', 2, 2]]
    """

    def __init__(
        self,
        context: ContextName = "sentence",
        *,
        window: int | None = None,
        labels: Sequence[str] | None = None,
        period: PeriodName | None = None,
        evidence: int = 0,
    ) -> None:
        check_counts(window=window, evidence=evidence)
        self._core = _core.Counts(context, window=window, labels=name_list(labels), period=period, evidence=evidence)

    @classmethod
    def _wrap(cls, core: _core.Counts) -> Counts:
        obj = cls.__new__(cls)
        obj._core = core
        return obj

    @classmethod
    def from_bytes(cls, data: bytes) -> Counts:
        """Counts from `to_bytes()` output (raises `comention.StateError` on anything else)."""
        return cls._wrap(_core.Counts.from_bytes(data))

    def to_bytes(self) -> bytes:
        """The counts serialised: compact, and equal for equal counts."""
        return self._core.to_bytes()

    def __reduce__(self) -> tuple[Any, tuple[bytes]]:
        return (Counts.from_bytes, (self.to_bytes(),))

    def merge(self, other: Counts) -> Counts:
        """Adds `other`'s counts to these (they must have the same options); returns self."""
        if not isinstance(other, Counts):
            raise TypeError(f"merge takes Counts, not {type(other).__name__}")
        self._core.merge(other._core)
        return self

    @property
    def context(self) -> str:
        """The co-mention unit: document, paragraph, sentence or window:K."""
        return self._core.context

    @property
    def period(self) -> str | None:
        """The timeline period, if one was asked for."""
        return self._core.period

    @property
    def evidence_per_pair(self) -> int:
        """Passages kept per pair for `evidence` (0: none were asked for)."""
        return self._core.evidence_per_pair

    @property
    def n_contexts(self) -> int:
        """N: the number of contexts counted (documents, paragraphs, sentences or token windows)."""
        return self._core.n_contexts

    @property
    def n_documents(self) -> int:
        """The number of documents counted."""
        return self._core.n_documents

    @property
    def n_entities(self) -> int:
        """The number of distinct entities."""
        return self._core.n_entities

    def __repr__(self) -> str:
        period = f", period={self.period!r}" if self.period else ""
        return f"Counts(context={self.context!r}{period}, {self.n_documents} documents, {self.n_contexts} contexts, {self.n_entities} entities)"

    def entities(self) -> pd.DataFrame:
        """One row per entity: its type (the label most mentions that write its name out carry,
        or the built-in alias table's for a name it gives as canonical), mentions, documents and
        contexts (n_a), and its surface forms with their counts."""
        return to_pandas([self._core.entities()])

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
        columns: Sequence[str] | None = None,
        threads: int = 0,
    ) -> pd.DataFrame:
        """One row per co-mentioned pair, most frequent first.

        Columns: source, target, n_ab, n_a, n_b, n, weight (mention pairs), pmi, npmi, g2,
        p_value, significant, chi2, dice, log_dice, jaccard, t_score, p_b_given_a, p_a_given_b,
        lift, disparity_alpha; with a period also burst, burst_start, burst_end.

        Args:
            min_count: keep pairs co-mentioned in at least this many contexts.
            min_entity_count: keep pairs whose entities each appear in this many contexts.
            smoothing: pseudo-count added to every cell of the 2×2 table before measuring.
            alpha: false-discovery rate of the `significant` flag (Benjamini–Hochberg over
                every possible pair of the entities in play; positive association only).
            top_k: keep an edge only if it is among the k strongest (by `by`) of one of its entities.
            by: the measure for `top_k`: n_ab, weight, pmi, npmi, g2, chi2, dice, log_dice,
                jaccard, t_score or lift.
            backbone: keep only edges the disparity filter (Serrano et al. 2009) finds
                significant at this level, e.g. 0.05.
            columns: the columns to keep from weight onwards (source, target, n_ab, n_a,
                n_b and n are always there), e.g. ``["npmi", "g2"]``; all by default. Each
                measure is 8 bytes an edge: those two make 56 bytes an edge in all, every
                column about 150. The filters read what they need either way.
            threads: worker threads for sorting and measuring (0: one per core); the table is
                the same for any number.

        Raises:
            MemoryError: the table would not fit in the memory left (about 200 bytes an edge);
                raise `min_count`, or count smaller contexts.
        """
        check_counts(min_count=min_count, min_entity_count=min_entity_count, top_k=top_k, threads=threads)
        return to_pandas([self._core.edges(
            min_count=min_count, min_entity_count=min_entity_count, smoothing=smoothing, alpha=alpha,
            top_k=top_k, by=by, backbone=backbone, columns=name_list(columns), threads=threads,
        )])

    def timeline(self, *, pairs: bool = False, min_count: int = 1) -> pd.DataFrame:
        """Counts per period (needs `period=`): per entity (period, entity, n_contexts, n) or,
        with ``pairs=True``, per pair (period, source, target, n_ab, n); n is the period's contexts."""
        check_counts(min_count=min_count)
        if self.period is None:
            raise ValueError("these counts have no timeline: count with period='day', 'week' or 'month'")
        t = self._core.pair_timeline(min_count) if pairs else self._core.entity_timeline()
        return to_pandas([t])

    def evidence(self, a: str | None = None, b: str | None = None) -> pd.DataFrame:
        """Passages where a pair (or every pair) is co-mentioned, best first: source, target,
        rank, doc_id, sentence, distance (tokens between the mentions), start/end in the cleaned
        text, raw_start/raw_end in the input, text. Needs counts made with ``evidence=K``."""
        if not self.evidence_per_pair:
            # Counts made without it keep no passages: an empty table read as "never together".
            raise ValueError("these counts keep no evidence: count with evidence=K (passages kept per pair)")
        return to_pandas([self._core.evidence(a, b)])

    def to_networkx(self, **edge_options: Any) -> nx.Graph:
        """An undirected networkx graph: nodes carry label and counts, edges every measure.
        Keyword options are those of `edges` (e.g. ``backbone=0.05``, ``min_count=3``)."""
        import networkx as nx

        g = nx.Graph(context=self.context, n_contexts=self.n_contexts, n_documents=self.n_documents)
        for row in self.entities().itertuples(index=False):
            g.add_node(row.entity, label=str(row.label), n_mentions=int(row.n_mentions),
                       n_documents=int(row.n_documents), n_contexts=int(row.n_contexts))
        edges = self.edges(**edge_options)
        attrs = [c for c in edges.columns if c not in ("source", "target")]
        for row in edges.itertuples(index=False):
            d = row._asdict()
            g.add_edge(d["source"], d["target"], **{k: _plain(d[k]) for k in attrs})
        return g

    def write_gexf(self, path: str | Path, **edge_options: Any) -> None:
        """Writes the network for Gephi as GEXF (options as for `edges`); characters XML
        cannot hold in a name are written as ``\\xNN``."""
        import networkx as nx

        nx.write_gexf(_xml_names(self.to_networkx(**edge_options)), path)

    def write_graphml(self, path: str | Path, **edge_options: Any) -> None:
        """Writes the network as GraphML (options as for `edges`); characters XML cannot hold
        in a name are written as ``\\xNN``."""
        import networkx as nx

        nx.write_graphml(_xml_names(self.to_networkx(**edge_options)), path)

    def plot_network(self, **kwargs: Any) -> Any:
        """The entity network as a matplotlib plot (see `comention.plot.network`)."""
        from . import plot

        return plot.network(self, **kwargs)

    def plot_timeline(self, pairs: Sequence[tuple[str, str]], **kwargs: Any) -> Any:
        """Co-mentions per period of some pairs (see `comention.plot.timeline`)."""
        from . import plot

        return plot.timeline(self, pairs, **kwargs)

    def plot_heatmap(self, **kwargs: Any) -> Any:
        """A heat map of a measure among the top entities (see `comention.plot.heatmap`)."""
        from . import plot

        return plot.heatmap(self, **kwargs)

    def _repr_html_(self) -> str:
        from .display import summary_html

        return summary_html(
            "Counts",
            {"documents": self.n_documents, "contexts": self.n_contexts, "entities": self.n_entities, "context": self.context},
            [("most mentioned", self.entities()[["entity", "label", "n_mentions", "n_documents"]]),
             ("most frequent pairs", self.edges()[["source", "target", "n_ab", "npmi", "g2"]])],
        )

    def to_sparse(self, value: str = "n_ab", **edge_options: Any) -> tuple[scipy.sparse.csr_matrix, pd.Index]:
        """A symmetric scipy CSR matrix of `value` (any numeric edge column) and its entity index."""
        import numpy as np
        import scipy.sparse

        index = pd.Index(self.entities()["entity"].astype(str).sort_values().tolist(), name="entity")
        e = self.edges(**edge_options)
        i = index.get_indexer(e["source"].astype(str))
        j = index.get_indexer(e["target"].astype(str))
        v = e[value].to_numpy(dtype=float)
        m = scipy.sparse.coo_matrix((np.concatenate([v, v]), (np.concatenate([i, j]), np.concatenate([j, i]))), shape=(len(index),) * 2)
        return m.tocsr(), index


def _plain(v: Any) -> Any:
    """A value GEXF/GraphML writers accept: numpy scalars as Python ones, missing dates dropped."""
    if hasattr(v, "item"):
        v = v.item()
    if isinstance(v, pd.Timestamp):
        return v.strftime("%Y-%m-%d")
    if v is pd.NaT or (isinstance(v, float) and v != v):
        return ""
    return v
