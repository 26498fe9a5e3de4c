"""The shipped tagger on CoNLL-2003 dev, scored on gold tokenisation (strict spans)."""

from __future__ import annotations

import comention

from shared_data import shared_path


def test_dev_f1() -> None:
    sents = comention.read_conll(shared_path("data/conll2003/dev.txt"), documents=True)
    gold = [t for _, t, _ in sents]
    words = [w for w, _, _ in sents]
    by_document = comention.evaluate(gold, comention.tag_tokens(words, document_ids=[d for _, _, d in sents])).set_index("type")
    assert by_document.loc["overall", "support"] == 5942
    # The README reports the figure; this guards against a regression of the shipped model.
    assert by_document.loc["overall", "f1"] >= 0.93, by_document
    # Sentences alone lose the document's earlier labels, not much more.
    alone = comention.evaluate(gold, comention.tag_tokens(words)).set_index("type")
    assert alone.loc["overall", "f1"] >= 0.905, alone


def test_document_ids_may_be_any_hashable_or_missing() -> None:
    sentences = [["Dole", "spoke", "."], ["Dole", "won", "."], ["Paris", "."]]
    tags = comention.tag_tokens(sentences, document_ids=["a", "a", None])
    assert tags == comention.tag_tokens(sentences, document_ids=[3, 3, 4])


def test_document_ids_must_match_sentences() -> None:
    import pytest

    with pytest.raises(comention.InvalidInputError, match="2 document ids for 1 sentences"):
        comention.tag_tokens([["Dole", "spoke"]], document_ids=[1, 2])
