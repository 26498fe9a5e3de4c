"""The statistics engine against a plain reference implementation on generated corpora."""

from __future__ import annotations

import math
import random
from itertools import combinations
from pathlib import Path

import pandas as pd
import pytest

import comention

NAMES = [f"E{i}" for i in range(14)]
LABELS = ["PER", "ORG", "LOC", "MISC"]


def corpus(seed: int, n_docs: int = 120) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Random documents (sentences in paragraphs, tokens in sentences) and mentions in them."""
    rng = random.Random(seed)
    docs, rows = [], []
    for d in range(n_docs):
        n_par = rng.randint(1, 3)
        sentences = []  # (paragraph, first token, n tokens)
        tok = 0
        for p in range(n_par):
            for _ in range(rng.randint(1, 3)):
                n = rng.randint(3, 12)
                sentences.append((p, tok, n))
                tok += n
        for s, (p, first, n) in enumerate(sentences):
            for _ in range(rng.choice([0, 0, 1, 2, 3])):
                start = first + rng.randrange(n)
                end = min(start + rng.choice([1, 1, 2]), first + n)
                rows.append((f"d{d}", rng.choice(NAMES[: rng.choice([6, 14])]), rng.choice(LABELS), s, p, start, end))
        date = pd.Timestamp("2024-01-01") + pd.Timedelta(days=rng.randrange(60))
        docs.append((f"d{d}", date, len(sentences), n_par, tok))
    documents = pd.DataFrame(docs, columns=["doc_id", "date", "n_sentences", "n_paragraphs", "n_tokens"])
    mentions = pd.DataFrame(rows, columns=["doc_id", "entity", "label", "sentence", "paragraph", "token_start", "token_end"])
    return documents, mentions


def reference(documents: pd.DataFrame, mentions: pd.DataFrame, context: str, k: int = 0, labels: set[str] | None = None):
    """N, n_a per entity, and (n_ab, weight) per pair, by brute force over every context.
    `labels` keeps the entities whose type (the label most of their mentions carry, ties to
    the earlier of PER, ORG, LOC, MISC) is one of them, with all their mentions."""
    m = mentions
    if labels is not None:
        tally = mentions.groupby(["entity", "label"]).size()
        typed = {e: max(LABELS, key=lambda l: (tally.get((e, l), 0), -LABELS.index(l))) for e in mentions["entity"].unique()}
        m = mentions[mentions["entity"].map(typed).isin(labels)]
    by_doc = {d: g for d, g in m.groupby("doc_id")}
    n = 0
    n_a: dict[str, int] = {}
    pairs: dict[tuple[str, str], list[int]] = {}
    for doc in documents.itertuples():
        g = by_doc.get(doc.doc_id, m.iloc[:0])
        if context == "window":
            units = [
                [r for r in g.itertuples() if r.token_start <= t + k and r.token_end - 1 >= t]
                for t in range(doc.n_tokens)
            ]
        else:
            size = {"document": 1, "paragraph": doc.n_paragraphs, "sentence": doc.n_sentences}[context]
            key = {"document": lambda r: 0, "paragraph": lambda r: r.paragraph, "sentence": lambda r: r.sentence}[context]
            units = [[r for r in g.itertuples() if key(r) == u] for u in range(size)]
        n += len(units)
        for unit in units:
            ents = sorted({r.entity for r in unit})
            for e in ents:
                n_a[e] = n_a.get(e, 0) + 1
            for a, b in combinations(ents, 2):
                pairs.setdefault((a, b), [0, 0])[0] += 1
                if context != "window":
                    pairs[(a, b)][1] += sum(r.entity == a for r in unit) * sum(r.entity == b for r in unit)
    if context == "window":
        # Mention pairs at most k tokens apart (last token of one to first of the other).
        for _, g in m.groupby("doc_id"):
            rs = list(g.itertuples())
            for x, y in combinations(rs, 2):
                if x.entity == y.entity:
                    continue
                gap = max(0, y.token_start - x.token_end, x.token_start - y.token_end)
                if gap < k:
                    a, b = sorted((x.entity, y.entity))
                    pairs[(a, b)][1] += 1
    return n, n_a, pairs


def measures(n_ab: float, n_a: float, n_b: float, n: float, k: float = 0.0) -> dict[str, float]:
    o = [n_ab + k, n_a - n_ab + k, n_b - n_ab + k, n - n_a - n_b + n_ab + k]
    a, b, nn = o[0] + o[1], o[0] + o[2], sum(o)
    e = [a * b / nn, a * (nn - b) / nn, (nn - a) * b / nn, (nn - a) * (nn - b) / nn]
    pmi = math.log2(o[0] / e[0])
    p_ab = o[0] / nn
    g2 = max(0.0, 2 * sum(x * math.log(x / y) for x, y in zip(o, e) if x > 0))
    dice = 2 * o[0] / (a + b)
    return {
        "pmi": pmi,
        "npmi": 1.0 if p_ab >= 1 else pmi / -math.log2(p_ab),
        "g2": g2,
        "p_value": math.erfc(math.sqrt(g2 / 2)) if g2 > 0 else 1.0,
        "chi2": nn * (o[0] * o[3] - o[1] * o[2]) ** 2 / (a * (nn - a) * b * (nn - b)),
        "dice": dice,
        "log_dice": 14 + math.log2(dice),
        "jaccard": o[0] / (a + b - o[0]),
        "t_score": (o[0] - e[0]) / math.sqrt(o[0]),
        "p_b_given_a": o[0] / a,
        "p_a_given_b": o[0] / b,
        "lift": o[0] / e[0],
    }


CONTEXTS = [("document", None), ("paragraph", None), ("sentence", None), ("window", 4)]


@pytest.mark.parametrize("context,k", CONTEXTS)
@pytest.mark.parametrize("seed", [1, 2])
def test_counts_and_measures_match_the_reference(seed: int, context: str, k: int | None) -> None:
    documents, mentions = corpus(seed)
    smoothing = 0.5 if seed == 2 else 0.0
    counts = comention.count_mentions(mentions, documents=documents, context=context, window=k)
    n, n_a, pairs = reference(documents, mentions, context, k or 0)
    assert counts.n_contexts == n
    ents = counts.entities().set_index("entity")
    assert {e: int(ents.loc[e, "n_contexts"]) for e in ents.index} == n_a
    by_entity = mentions.groupby("entity")
    assert {e: int(ents.loc[e, "n_documents"]) for e in ents.index} == by_entity["doc_id"].nunique().to_dict()
    assert {e: int(ents.loc[e, "n_mentions"]) for e in ents.index} == by_entity.size().to_dict()
    edges = counts.edges(smoothing=smoothing)
    assert len(edges) == len(pairs)
    for row in edges.itertuples():
        key = (row.source, row.target)
        assert (row.n_ab, row.weight) == tuple(pairs[key]), key
        assert (row.n_a, row.n_b, row.n) == (n_a[row.source], n_a[row.target], n)
        ref = measures(row.n_ab, row.n_a, row.n_b, n, smoothing)
        for name, value in ref.items():
            assert getattr(row, name) == pytest.approx(value, rel=1e-9, abs=1e-9), (key, name)


def test_label_filter_and_minimums() -> None:
    documents, mentions = corpus(3)
    counts = comention.count_mentions(mentions, documents=documents, context="sentence", labels=["PER", "ORG"])
    n, n_a, pairs = reference(documents, mentions, "sentence", labels={"PER", "ORG"})
    edges = counts.edges()
    assert {(r.source, r.target): r.n_ab for r in edges.itertuples()} == {p: v[0] for p, v in pairs.items()}
    entities = counts.entities()
    assert dict(zip(entities["entity"], entities["n_contexts"])) == n_a and set(entities["label"]) <= {"PER", "ORG"}
    assert counts.n_entities == len(n_a) < mentions["entity"].nunique()
    # Kept by their type, entities count with every mention, some of them typed otherwise.
    assert not mentions[mentions["entity"].isin(n_a)]["label"].isin(["PER", "ORG"]).all()
    strong = counts.edges(min_count=3, min_entity_count=20)
    assert all(strong["n_ab"] >= 3) and all(strong["n_a"] >= 20) and all(strong["n_b"] >= 20)
    assert len(strong) == sum(1 for (a, b), v in pairs.items() if v[0] >= 3 and n_a[a] >= 20 and n_a[b] >= 20)


def test_significance_is_benjamini_hochberg_over_all_pairs() -> None:
    documents, mentions = corpus(4, n_docs=300)
    counts = comention.count_mentions(mentions, documents=documents, context="sentence")
    e = counts.edges(alpha=0.05)
    m = counts.n_entities * (counts.n_entities - 1) // 2
    p = [row.p_value if row.pmi > 0 else 1.0 for row in e.itertuples()]
    order = sorted(range(len(p)), key=lambda i: (p[i], i))
    cutoff = max([r + 1 for r, i in enumerate(order) if p[i] <= (r + 1) * 0.05 / m], default=0)
    expected = [False] * len(p)
    for i in order[:cutoff]:
        expected[i] = True
    assert e["significant"].tolist() == expected


def test_disparity_backbone_and_top_k_match_their_definitions() -> None:
    documents, mentions = corpus(5, n_docs=200)
    counts = comention.count_mentions(mentions, documents=documents, context="document")
    e = counts.edges()
    strength: dict[str, int] = {}
    degree: dict[str, int] = {}
    for r in e.itertuples():
        for x in (r.source, r.target):
            strength[x] = strength.get(x, 0) + r.n_ab
            degree[x] = degree.get(x, 0) + 1

    def alpha(x: str, w: int) -> float:
        return (1 - w / strength[x]) ** (degree[x] - 1) if degree[x] > 1 else 1.0

    ref = [min(alpha(r.source, r.n_ab), alpha(r.target, r.n_ab)) for r in e.itertuples()]
    assert e["disparity_alpha"].tolist() == pytest.approx(ref, rel=1e-12)
    bb = counts.edges(backbone=0.3)
    assert len(bb) == sum(a < 0.3 for a in ref) and all(bb["disparity_alpha"] < 0.3)

    top = counts.edges(top_k=2, by="npmi")
    keep = set()
    for x in strength:
        mine = e[(e["source"] == x) | (e["target"] == x)]
        mine = mine.assign(order=range(len(mine))).sort_values(["npmi", "order"], ascending=[False, True])
        keep |= set(zip(mine["source"].head(2), mine["target"].head(2)))
    assert set(zip(top["source"], top["target"])) == keep


def test_partitions_merge_to_the_whole_in_any_order() -> None:
    documents, mentions = corpus(6, n_docs=150)
    # With a type filter too: an entity's type is decided on the merged counts, so a partial
    # that saw it typed otherwise still counted its mentions.
    opts = dict(context="window", window=3, period="week", labels=["PER", "LOC"])
    whole = comention.count_mentions(mentions, documents=documents, **opts)
    rng = random.Random(0)
    ids = documents["doc_id"].tolist()
    rng.shuffle(ids)
    parts = [ids[:10], ids[10:90], ids[90:]]
    partials = []
    for part in parts:
        docs = documents[documents["doc_id"].isin(part)]
        partials.append(comention.count_mentions(mentions[mentions["doc_id"].isin(part)], documents=docs, **opts))
    rng.shuffle(partials)
    merged = comention.Counts.from_bytes(partials[0].to_bytes())
    for p in partials[1:]:
        merged.merge(p)
    assert merged.to_bytes() == whole.to_bytes()
    pd.testing.assert_frame_equal(merged.edges(), whole.edges())
    assert comention.count_mentions(mentions, documents=documents, threads=1, **opts).to_bytes() == whole.to_bytes()


def test_timelines_add_up() -> None:
    documents, mentions = corpus(7)
    counts = comention.count_mentions(mentions, documents=documents, context="sentence", period="week")
    t = counts.timeline()
    ents = counts.entities().set_index("entity")["n_contexts"]
    assert t.groupby("entity", observed=True)["n_contexts"].sum().to_dict() == ents.to_dict()
    assert (t["period"].dt.day_of_week == 0).all()  # ISO weeks start on Monday
    pairs = counts.timeline(pairs=True)
    e = counts.edges().set_index(["source", "target"])["n_ab"]
    assert pairs.groupby(["source", "target"], observed=True)["n_ab"].sum().to_dict() == e.to_dict()
    weekly_n = pairs.drop_duplicates("period").set_index("period")["n"]
    assert weekly_n.sum() <= counts.n_contexts
    assert {"burst", "burst_start", "burst_end"} <= set(counts.edges().columns)
    with pytest.raises(ValueError, match="no timeline"):
        comention.count_mentions(mentions, documents=documents).timeline()


def test_counting_in_chunks_gives_the_same_counts(monkeypatch: pytest.MonkeyPatch) -> None:
    documents, mentions = corpus(8)
    whole = comention.count_mentions(mentions, documents=documents, context="window", window=3, period="day")
    monkeypatch.setattr(comention._api, "_COUNT_CHUNK", 7)
    chunked = comention.count_mentions(mentions, documents=documents, context="window", window=3, period="day", progress=True)
    assert chunked.to_bytes() == whole.to_bytes()


@pytest.mark.filterwarnings("ignore::comention.MissingEntityWarning")  # its own test in test_bad_input
def test_ids_and_entities_are_read_as_their_text() -> None:
    # Factorising before converting to text must keep astype(str)'s meaning: 1 and "1" are one
    # document, a missing entity is no mention, categorical and arrow columns read alike.
    m = pd.DataFrame({"doc_id": [1, "1", 2, 2, 3], "entity": ["A", "B", "A", None, "B"], "label": ["PER", "ORG", "PER", "LOC", "ORG"]})
    plain = comention.count_mentions(m.astype({"doc_id": str}))
    assert comention.count_mentions(m).to_bytes() == plain.to_bytes()
    as_category = m.astype({"doc_id": str, "entity": "category", "label": "category"})
    assert comention.count_mentions(as_category).to_bytes() == plain.to_bytes()
    as_arrow = m.astype({"doc_id": str}).astype({"doc_id": "string[pyarrow]", "entity": "string[pyarrow]"})
    assert comention.count_mentions(as_arrow).to_bytes() == plain.to_bytes()
    # String columns are factorised in the core, object columns by pandas: the same counts.
    as_objects = m.astype({"doc_id": str}).astype(object)
    assert comention.count_mentions(as_objects).to_bytes() == plain.to_bytes()
    with_missing_id = m.astype({"doc_id": "string[pyarrow]"}).assign(doc_id=["1", "1", None, "2", "3"])
    assert comention.count_mentions(with_missing_id).n_documents == 4
    edges = plain.edges()
    assert edges[["source", "target", "n_ab", "n"]].values.tolist() == [["A", "B", 1, 3]]
    with pytest.raises(ValueError, match="column 'label' has missing values"):
        comention.count_mentions(m.assign(label=["PER", None, "PER", "LOC", "ORG"]))
    with pytest.raises(ValueError, match=r"unknown labels \['PERSON'\]"):
        comention.count_mentions(m.assign(label=["PER", "PERSON", "PER", "LOC", "ORG"]))


@pytest.mark.filterwarnings("ignore::comention.MissingEntityWarning")  # its own test in test_bad_input
def test_row_order_of_the_mention_table_does_not_matter() -> None:
    # Grouped tables are read as they are, others are grouped first: the counts are the same.
    rng = random.Random(5)
    rows = [(f"d{d}", rng.choice("ABCDEFG"), rng.choice(["PER", "ORG"]), s) for d in range(40) for s in range(rng.randint(0, 6))]
    grouped = pd.DataFrame(rows, columns=["doc_id", "entity", "label", "sentence"])
    shuffled = grouped.sample(frac=1.0, random_state=3)
    for context in ("document", "sentence"):
        a = comention.count_mentions(grouped, context=context)
        b = comention.count_mentions(shuffled, context=context)
        assert a.to_bytes() == b.to_bytes()
        assert a.n_documents == grouped["doc_id"].nunique()
    # A mention without an entity counts as no mention, grouped or not (the string columns'
    # missing values are found while they are factorised).
    assert isinstance(grouped["entity"].dtype, pd.StringDtype)
    holed = grouped.copy()
    holed.loc[holed.index[::7], "entity"] = None
    kept = grouped.drop(index=holed.index[::7])
    for table in (holed, holed.sample(frac=1.0, random_state=4)):
        a = comention.count_mentions(table, documents=grouped[["doc_id"]].drop_duplicates())
        b = comention.count_mentions(kept, documents=grouped[["doc_id"]].drop_duplicates())
        assert a.to_bytes() == b.to_bytes()
    assert comention.count_mentions(holed).to_bytes() == comention.count_mentions(holed.sample(frac=1.0, random_state=5)).to_bytes()


def test_a_chunked_mention_table_counts_as_one(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    m = pd.DataFrame({"doc_id": ["d1", "d1", "d2", "d2", "d2", "d3", "d3"], "entity": ["A", "B", "A", "B", "C", "C", "A"]}, dtype="string[pyarrow]")
    pq.write_table(pa.Table.from_pandas(m), tmp_path / "m.parquet", row_group_size=2)
    chunked = pd.read_parquet(tmp_path / "m.parquet")
    assert pa.array(chunked["entity"]).num_chunks > 1
    expected = comention.count_mentions(m).edges()
    pd.testing.assert_frame_equal(comention.count_mentions(chunked).edges(), expected)


def test_string_arrays_of_every_arrow_layout_factorise_alike() -> None:
    import pyarrow as pa

    for kind in (pa.string(), pa.large_string(), pa.string_view()):
        table, values, missing, ascending = comention._core.factorize_strings([pa.array(["b", "b", None, "a", "b", ""], type=kind)])
        assert pa.record_batch(table).column(0).to_pylist() == [0, 0, -1, 1, 0, 2]
        assert pa.record_batch(values).column(0).to_pylist() == ["b", "a", ""]
        assert (missing, ascending) == (True, False)
        # A chunked column (as Parquet reads it) is coded across its chunks, without combining them.
        table, values, missing, ascending = comention._core.factorize_strings([pa.array(["b", "b", None], type=kind), pa.array(["a", "b", ""], type=kind)])
        assert pa.record_batch(table).column(0).to_pylist() == [0, 0, -1, 1, 0, 2]
        assert pa.record_batch(values).column(0).to_pylist() == ["b", "a", ""]
        # A column grouped by value, as a mention table's document ids are, is found so.
        assert comention._core.factorize_strings([pa.array(["x", "x"], type=kind), pa.array(["x", "y"], type=kind)])[2:] == (False, True)
    with pytest.raises(comention.InvalidInputError, match="string array"):
        comention._core.factorize_strings([pa.array(["a"]), pa.array([1, 2])])


def test_a_mention_table_reads_names_from_arrow_arrays_in_place() -> None:
    import numpy as np
    import pyarrow as pa

    codes = np.array([0, 0, 1], dtype=np.uint32), np.array([0, 1, 0], dtype=np.uint32)
    for kind in (pa.string(), pa.large_string(), pa.string_view()):
        table = comention._core.MentionTable(pa.array(["d1", "d2"], type=kind), pa.array(["A", "B"], type=kind), *codes)
        counts = comention._core.Counts("document")
        comention._core.Pipeline(threads=1).count_table(table, counts, 0, table.n_documents)
        assert comention.Counts._wrap(counts).edges()[["source", "target", "n_ab", "n"]].values.tolist() == [["A", "B", 1, 2]]
    with pytest.raises(comention.InvalidInputError, match="doc_ids has a missing value"):
        comention._core.MentionTable(pa.array(["d1", None]), ["A", "B"], *codes)
    with pytest.raises(comention.InvalidInputError, match="names: expected an Arrow string array"):
        comention._core.MentionTable(["d1", "d2"], pa.array([1, 2]), *codes)


def test_positions_that_are_not_whole_numbers_from_zero_are_refused() -> None:
    # Cast to uint32 as they were, -1 became 4,294,967,295 (a sentence far away), 0.5 became 0
    # and NaN anything: counts off, silently.
    base = {"doc_id": [1, 1, 2], "entity": ["A", "B", "A"]}
    for values, message in [
        ([0, -1, 0], "holds -1"),
        ([0, 2**40, 0], "holds 1099511627776"),
        ([0.0, 0.5, 1.0], "not whole"),
        ([0.0, float("nan"), 1.0], "missing values"),
        (pd.array([0, None, 1], dtype="Int64"), "missing values"),
        (["0", "x", "1"], "holds (object|str|string) values"),
        ([True, False, True], "bool values"),
    ]:
        with pytest.raises(ValueError, match=message):
            comention.count_mentions(pd.DataFrame({**base, "sentence": values}), context="sentence")
    # Whole numbers in any numeric dtype count alike.
    expected = comention.count_mentions(pd.DataFrame({**base, "sentence": [0, 1, 0]}), context="sentence").edges()
    for values in ([0.0, 1.0, 0.0], pd.array([0, 1, 0], dtype="Int64"), pd.Series([0, 1, 0], dtype=object), [0, 1, 0]):
        got = comention.count_mentions(pd.DataFrame({**base, "sentence": values}), context="sentence").edges()
        pd.testing.assert_frame_equal(got, expected)
