"""The product's specification example through the Python API."""

from __future__ import annotations

import comention

from shared_data import shared_path


def test_seed_article() -> None:
    raw = shared_path("examples/seed-article.txt").read_text(encoding="utf-8")
    a = comention.analyze([raw], ids=["seed"])
    doc = a.documents.iloc[0]
    assert doc["title"] == "China's foreign minister Wang Yi heads to Moscow after meeting US national security adviser"
    assert doc["date"].strftime("%Y-%m-%d") == "2023-09-18"
    assert doc["source"] == "AP"
    for gone in ("Thank you for registering", "Please refresh", "More of AP", "Via AP news wire"):
        assert gone not in doc["text"]
    assert doc["text"].count("top foreign policy official is heading to Russia") == 1

    m = a.mentions
    people = set(m.loc[m["label"] == "PER", "entity"])
    assert {"Wang Yi", "Jake Sullivan", "Joe Biden", "Qin Gang", "Li Shangfu"} <= people
    assert set(m.loc[m["text"] == "Wang", "entity"]) == {"Wang Yi"}
    assert set(m.loc[m["text"].isin(["U.S.", "US"]), "entity"]) == {"United States"}
    for r in m.itertuples():
        assert raw[r.raw_start : r.raw_end] == r.text

    e = a.edges
    pair = e[(e["source"] == "Jake Sullivan") & (e["target"] == "Wang Yi")]
    assert len(pair) == 1 and pair["n_ab"].iloc[0] >= 1
