"""comention.dask on a distributed LocalCluster of two worker processes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import dask.dataframe as dd
import pandas as pd
import pytest
from distributed import Client, LocalCluster

import comention
import comention.dask

COLUMNS = {"ids": "id", "dates": "date", "sources": "source"}
COUNTING = {"evidence": 2, "period": "month"}


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, Client(cluster) as c:
        yield c


@pytest.fixture(scope="module")
def sample() -> pd.DataFrame:
    s = comention.load_sample()
    return pd.concat([s, s.assign(id=s["id"] + "-b")], ignore_index=True)


@pytest.fixture(scope="module")
def local(sample: pd.DataFrame) -> comention.Analysis:
    return comention.analyze(sample, **COLUMNS, **COUNTING, progress=False)


def _frame(df: pd.DataFrame) -> pd.DataFrame:
    return df.reset_index(drop=True)


@pytest.mark.parametrize("npartitions", [1, 3, 7])
def test_cluster_results_equal_the_local_run_for_any_partitioning(
    client: Client, sample: pd.DataFrame, local: comention.Analysis, npartitions: int
) -> None:
    ddf = dd.from_pandas(sample, npartitions=npartitions)
    assert ddf.npartitions == npartitions
    a = comention.dask.analyze(ddf, **COLUMNS, **COUNTING, tables=())
    assert len(local.links) > 0, "the corpus should exercise cross-document links"
    pd.testing.assert_frame_equal(_frame(a.edges), _frame(local.edges))
    pd.testing.assert_frame_equal(a.entities, local.entities)
    pd.testing.assert_frame_equal(a.counts.evidence(), local.evidence())
    pd.testing.assert_frame_equal(a.links, local.links)
    assert a.counts.to_bytes() == local.counts.to_bytes()
    assert a.documents is None and a.state_bytes["registry"] > 0


def test_per_document_tables_stay_on_the_workers_and_match(client: Client, sample: pd.DataFrame, local: comention.Analysis) -> None:
    a = comention.dask.analyze(dd.from_pandas(sample, npartitions=4), **COLUMNS, **COUNTING)
    assert a.mentions is not None and a.documents is not None and a.removals is not None
    assert a.mentions.npartitions == 4
    mentions = a.mentions.compute()
    expected = local.mentions.astype({c: object for c in ("entity", "label", "doc_id") if c in local.mentions})
    pd.testing.assert_frame_equal(_frame(mentions), _frame(expected), check_dtype=False)
    docs = a.documents.compute()
    assert docs["doc_id"].tolist() == local.documents["doc_id"].tolist()
    assert docs["date"].tolist() == local.documents["date"].tolist()
    assert len(a.removals.compute()) == len(local.removals)


def test_bad_arguments_are_explained(sample: pd.DataFrame) -> None:
    with pytest.raises(TypeError, match="dask DataFrame"):
        comention.dask.analyze(sample)  # type: ignore[arg-type]
    ddf = dd.from_pandas(sample, npartitions=2)
    with pytest.raises(KeyError, match="no text column"):
        comention.dask.analyze(ddf, text="body")
    with pytest.raises(TypeError, match="must name a column"):
        comention.dask.analyze(ddf, ids=list(sample["id"]))
    with pytest.raises(ValueError, match="split_every"):
        comention.dask.analyze(ddf, split_every=1)
    with pytest.raises(ValueError, match="a part at a time"):
        comention.dask.analyze(ddf, corpus_boilerplate="learn")
    with pytest.raises(TypeError, match="unknown option 'contxt'"):
        comention.dask.analyze(ddf, contxt="document")  # type: ignore[call-arg]
    with pytest.raises(ValueError, match="window must be 0 or more"):
        comention.dask.analyze(ddf, context="window", window=-2)
    # One entity type named alone is that type (listed, "PER" was P, E, R).
    small = dd.from_pandas(sample.head(6), npartitions=2)
    alone = comention.dask.analyze(small, context="document", labels="PER", tables=()).edges
    pd.testing.assert_frame_equal(alone, comention.dask.analyze(small, context="document", labels=["PER"], tables=()).edges)


def test_partitions_whose_index_restarts_are_numbered_on(client: Client, sample: pd.DataFrame, tmp_path: Path) -> None:
    # dd.read_csv starts each partition's index at 0: each partition's first document was
    # another "0". Ids are now positions in the whole file, as pd.read_csv gives them.
    sample[["text"]].to_csv(tmp_path / "s.csv", index=False)
    ddf = dd.read_csv(tmp_path / "s.csv", blocksize=20_000)
    assert ddf.npartitions > 1 and not ddf.known_divisions
    a = comention.dask.analyze(ddf, context="document")
    assert a.documents is not None and a.mentions is not None
    docs = a.documents.compute()
    local = comention.analyze(pd.read_csv(tmp_path / "s.csv"), context="document")
    assert docs["doc_id"].tolist() == local.documents["doc_id"].tolist()
    assert sorted(set(a.mentions.compute()["doc_id"]), key=int) == sorted(set(local.mentions["doc_id"]), key=int)
    pd.testing.assert_frame_equal(a.edges, local.edges, check_categorical=False)
