"""Cleaning quality on the dev pages of the article-extraction benchmark (a regression guard;
the benchmark script compares with trafilatura and jusText)."""

from __future__ import annotations

import gzip
import json
from typing import Literal

import pytest

import comention
from comention.quality import extraction_scores

from shared_data import shared_path


@pytest.fixture(scope="module")
def pages() -> list[dict[str, str]]:
    with gzip.open(shared_path("data/clean/article-benchmark-dev.jsonl.gz"), "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def test_html_main_content(pages: list[dict[str, str]]) -> None:
    out = comention.clean([p["html"] for p in pages], progress=False)
    precision, recall, f1 = extraction_scores([p["gold"] for p in pages], out["text"].tolist())
    # Measured 0.952 / 0.990 / 0.971 (trafilatura 0.947 in the same benchmark run); the
    # cleaning issue's mark for HTML is 0.965.
    assert f1 >= 0.965 and recall >= 0.985, (precision, recall, f1)
    assert out["error"].isna().all()


@pytest.mark.parametrize("evidence", [None, "learn"], ids=["per page", "file as corpus"])
def test_text_lines(pages: list[dict[str, str]], evidence: Literal["learn"] | None) -> None:
    out = comention.clean([p["text"] for p in pages], corpus_boilerplate=evidence, progress=False)
    precision, recall, f1 = extraction_scores([p["gold"] for p in pages], out["text"].tolist())
    # Measured 0.919 / 0.966 / 0.942 per page and 0.920 / 0.966 / 0.943 with the file as
    # corpus (jusText on the same lines 0.797, keep-everything 0.688); the cleaning issue's
    # mark for text is 0.92.
    assert f1 >= 0.935 and recall >= 0.96, (precision, recall, f1)
    assert out["error"].isna().all()
