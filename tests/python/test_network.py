"""Evidence, timelines on real text, pickling and graph exports of co-mention counts."""

from __future__ import annotations

import pickle
from pathlib import Path

import pandas as pd
import pytest

import comention


@pytest.fixture(scope="module")
def analysis() -> comention.Analysis:
    return comention.analyze(comention.load_sample(), ids="id", dates="date", sources="source", period="month", evidence=3)


def test_evidence_passages_point_into_the_texts(analysis: comention.Analysis) -> None:
    ev = analysis.evidence("Elena Vasquez", "Kenji Morimoto")
    assert 1 <= len(ev) <= 3
    assert ev["rank"].tolist() == list(range(1, len(ev) + 1))
    assert ev["distance"].is_monotonic_increasing
    clean = analysis.documents.set_index("doc_id")["text"]
    raw = comention.load_sample().set_index("id")["text"]
    for r in ev.itertuples():
        assert clean[r.doc_id][r.start : r.end] == r.text
        assert raw[r.doc_id][r.raw_start : r.raw_end] == r.text
    every = analysis.evidence()
    assert set(zip(every["source"], every["target"])) <= set(zip(analysis.edges["source"], analysis.edges["target"]))
    with pytest.raises(comention.InvalidInputError):
        analysis.counts.evidence("Elena Vasquez")


def test_edges_keep_the_columns_asked_for(analysis: comention.Analysis) -> None:
    full = analysis.counts.edges()
    some = analysis.counts.edges(columns=["g2", "npmi", "significant"])
    fixed = ["source", "target", "n_ab", "n_a", "n_b", "n"]
    # Table order, whatever the order asked; the period's burst columns come with the period.
    assert list(some.columns) == [*fixed, "npmi", "g2", "significant", "burst", "burst_start", "burst_end"]
    pd.testing.assert_frame_equal(some, full[list(some.columns)])
    # One name alone is that column; filters read measures the table leaves out.
    assert list(analysis.counts.edges(columns="npmi").columns)[6] == "npmi"
    pd.testing.assert_frame_equal(
        analysis.counts.edges(top_k=2, by="pmi", columns=["npmi"]).reset_index(drop=True),
        analysis.counts.edges(top_k=2, by="pmi")[[*fixed, "npmi", "burst", "burst_start", "burst_end"]].reset_index(drop=True),
    )
    with pytest.raises(comention.InvalidInputError, match="p_value"):
        analysis.counts.edges(columns=["pvalue"])


def test_bursts_and_timelines_on_the_sample(analysis: comention.Analysis) -> None:
    t = analysis.counts.timeline()
    assert t["period"].dt.day.eq(1).all()
    e = analysis.edges
    bursting = e.dropna(subset=["burst"])
    assert (bursting["burst_start"] <= bursting["burst_end"]).all()
    assert (bursting["burst"] > 0).all()


def test_a_type_filter_keeps_whole_entities_in_every_table(analysis: comention.Analysis) -> None:
    firms = comention.analyze(comention.load_sample(), ids="id", dates="date", period="month", evidence=3, labels=["ORG"])
    entities = firms.entities.set_index("entity")
    assert (entities["label"] == "ORG").all() and firms.counts.n_entities == len(entities)
    # Each organisation counts with all its mentions, as in the unfiltered table, and so do its
    # pairs: "Riverside Athletic" too, which the tagger typed a place in two stories.
    assert (analysis.mentions.query("entity == 'Riverside Athletic'")["label"] == "LOC").sum() >= 2
    everyone = analysis.entities.set_index("entity")
    assert entities["n_mentions"].equals(everyone.loc[entities.index, "n_mentions"])
    both = analysis.edges[analysis.edges["source"].isin(entities.index) & analysis.edges["target"].isin(entities.index)]
    key = ["source", "target", "n_ab"]
    assert firms.edges[key].astype(str).values.tolist() == both[key].astype(str).values.tolist()
    names = set(entities.index)
    for table in [firms.evidence(), firms.counts.timeline(pairs=True)]:
        assert len(table) and set(table[["source", "target"]].to_numpy().ravel()) <= names
    assert set(firms.counts.timeline()["entity"]) == names


def test_counts_pickle_and_repr(analysis: comention.Analysis) -> None:
    c = pickle.loads(pickle.dumps(analysis.counts))
    assert c.to_bytes() == analysis.counts.to_bytes()
    assert "context='sentence'" in repr(c) and "period='month'" in repr(c)


def test_graph_exports(analysis: comention.Analysis, tmp_path: Path) -> None:
    g = analysis.counts.to_networkx(min_count=2)
    e = analysis.counts.edges(min_count=2)
    assert g.number_of_edges() == len(e)
    a, b = e.iloc[0]["source"], e.iloc[0]["target"]
    assert g[a][b]["n_ab"] == e.iloc[0]["n_ab"]
    assert g.nodes["Halvard Systems"]["label"] == "ORG"
    analysis.counts.write_gexf(tmp_path / "g.gexf", backbone=0.5)
    analysis.counts.write_graphml(tmp_path / "g.graphml", top_k=3)
    import networkx as nx

    assert nx.read_graphml(tmp_path / "g.graphml").number_of_edges() == len(analysis.counts.edges(top_k=3))
    assert (tmp_path / "g.gexf").read_text().count("<edge ") == len(analysis.counts.edges(backbone=0.5))

    m, index = analysis.counts.to_sparse(value="npmi", min_count=2)
    assert m.shape == (len(index), len(index)) and (m != m.T).nnz == 0
    i, j = index.get_loc(a), index.get_loc(b)
    assert m[i, j] == pytest.approx(e.iloc[0]["npmi"])


def test_recount_a_mention_table_without_retagging(analysis: comention.Analysis) -> None:
    again = comention.count_mentions(analysis.mentions, documents=analysis.documents, context="sentence", period="month")
    mine = analysis.counts.edges().drop(columns=["burst", "burst_start", "burst_end"])
    theirs = again.edges().drop(columns=["burst", "burst_start", "burst_end"])
    assert mine.equals(theirs) or mine.astype(str).equals(theirs.astype(str))
    windows = comention.count_mentions(analysis.mentions, documents=analysis.documents, context="window", window=5)
    assert windows.n_contexts == int(analysis.documents["n_tokens"].sum())


def test_tables_convert_as_pyarrow_would(analysis: comention.Analysis) -> None:
    import pyarrow as pa

    from comention._counts import to_pandas

    # List columns hold Python lists (pyarrow's default makes a NumPy array a row).
    core = analysis.counts._core
    for table in [core.edges(), core.entities(), core.entity_timeline(), core.evidence(None, None)]:
        ours = to_pandas([table])
        theirs = pa.Table.from_batches([pa.record_batch(table)]).to_pandas(date_as_object=False)
        for c in theirs.columns[theirs.dtypes == object]:
            theirs[c] = theirs[c].map(lambda v: v.tolist() if hasattr(v, "tolist") else v)
        pd.testing.assert_frame_equal(ours, theirs)
    entities = to_pandas([core.entities()])
    assert entities["aliases"].dtype == object
    first = entities.iloc[0]
    assert isinstance(first["aliases"], list) and len(first["aliases"]) == len(first["alias_counts"]) >= 1
    # A saved entity table reads back (an Arrow-backed list column did not, in pandas).
    import io

    buffer = io.BytesIO()
    entities.to_parquet(buffer)
    back = pd.read_parquet(io.BytesIO(buffer.getvalue()))
    assert back["aliases"].map(list).tolist() == entities["aliases"].tolist()
    edges = to_pandas([core.edges()])
    assert edges["source"].dtype is edges["target"].dtype, "one dictionary, one dtype"
    # Batches with different dictionaries, and keys that are null, as pyarrow converts them.
    a = pa.record_batch({"k": pa.DictionaryArray.from_arrays(pa.array([0, None, 1], pa.int32()), pa.array(["x", "y"]))})
    b = pa.record_batch({"k": pa.DictionaryArray.from_arrays(pa.array([0], pa.int32()), pa.array(["z"]))})
    for batches in ([a], [a, b]):
        ours = to_pandas(batches)
        theirs = pa.Table.from_batches(batches).to_pandas(date_as_object=False)
        pd.testing.assert_frame_equal(ours, theirs)


def test_graph_files_hold_names_with_characters_xml_cannot(tmp_path: Path) -> None:
    # A control character in a name (a mention table may carry any) made the GEXF file
    # unreadable and GraphML's writer raise; such characters are written as escapes.
    import networkx as nx

    m = pd.DataFrame({"doc_id": [1, 1, 2, 2], "entity": ["A\x0bB", "Zoë 😀", "A\x0bB", "<x&y>"]})
    counts = comention.count_mentions(m)
    for kind in ("gexf", "graphml"):
        path = tmp_path / f"g.{kind}"
        getattr(counts, f"write_{kind}")(path)
        g = getattr(nx, f"read_{kind}")(path)
        assert sorted(g.nodes()) == ["<x&y>", "A\\x0bB", "Zoë 😀"], kind
        assert g.number_of_edges() == 2
