"""The whole pipeline on Reuters-21578: complete, and finding what 1987 was about."""

from __future__ import annotations

import gzip
import json

import pandas as pd
import pytest

import comention

from shared_data import shared_path


@pytest.fixture(scope="module")
def stories() -> pd.DataFrame:
    with gzip.open(shared_path("data/news/reuters21578.jsonl.gz"), "rt", encoding="utf-8") as f:
        return pd.DataFrame(json.loads(line) for line in f)


@pytest.fixture(scope="module")
def result(stories: pd.DataFrame) -> comention.Analysis:
    return comention.analyze(stories, ids="id", dates="date", period="week", progress=False)


def test_every_story_is_processed(stories: pd.DataFrame, result: comention.Analysis) -> None:
    docs = result.documents
    assert len(docs) == len(stories) == 19_779 and docs["error"].isna().all()
    assert docs["doc_id"].tolist() == stories["id"].tolist()
    assert docs["date"].notna().sum() == stories["date"].notna().sum()
    assert result.entities["entity"].iloc[0] == "United States"


def test_bursts_find_the_stories_of_1987(result: comention.Analysis) -> None:
    e = result.edges.set_index(["source", "target"])
    us_japan = e.loc[("Japan", "United States")]
    assert pd.Timestamp("1987-04-01") <= us_japan["burst_start"] <= us_japan["burst_end"] <= pd.Timestamp("1987-05-10")
    gulf = e.loc[("Gulf", "United States")]
    assert gulf["burst_start"] >= pd.Timestamp("1987-06-01")
