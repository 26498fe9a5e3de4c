"""The shipped tagger on CoNLL-2003 dev, scored on gold tokenisation (strict spans)."""

from __future__ import annotations

import comention

from shared_data import shared_path


def read_conll(text: str) -> list[tuple[list[str], list[str]]]:
    sents, words, tags = [], [], []
    for line in text.splitlines():
        cols = line.split()
        if not cols:
            if words:
                sents.append((words, tags))
            words, tags = [], []
        elif cols[0] != "-DOCSTART-":
            words.append(cols[0])
            tags.append(cols[-1])
    if words:
        sents.append((words, tags))
    return sents


def spans(tags: list[str]) -> set[tuple[int, int, str]]:
    out, start, label = set(), None, None
    for i, t in enumerate([*tags, "O"]):
        pos, _, lab = t.partition("-")
        if start is not None and not (pos == "I" and lab == label):
            out.add((start, i, label))
            start = None
        if pos in ("B", "I") and start is None:
            start, label = i, lab
    return out


def test_dev_f1() -> None:
    sents = read_conll(shared_path("data/conll2003/dev.txt").read_text(encoding="utf-8"))
    pred = comention.tag_tokens([w for w, _ in sents])
    tp = fp = fn = 0
    for (_, gold), p in zip(sents, pred):
        g, q = spans(gold), spans(p)
        tp += len(g & q)
        fp += len(q - g)
        fn += len(g - q)
    f1 = 2 * tp / (2 * tp + fp + fn)
    assert tp + fn == 5942
    # The README reports the figure; this guards against a regression of the shipped model.
    assert f1 >= 0.885, f1
