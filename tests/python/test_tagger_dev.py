"""The shipped tagger on CoNLL-2003 dev, scored on gold tokenisation (strict spans)."""

from __future__ import annotations

import comention

from shared_data import shared_path


def test_dev_f1() -> None:
    sents = comention.read_conll(shared_path("data/conll2003/dev.txt"))
    scores = comention.evaluate([t for _, t in sents], comention.tag_tokens([w for w, _ in sents])).set_index("type")
    assert scores.loc["overall", "support"] == 5942
    # The README reports the figure; this guards against a regression of the shipped model.
    assert scores.loc["overall", "f1"] >= 0.885, scores
