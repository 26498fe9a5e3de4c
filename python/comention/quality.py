"""Scoring a cleaner against gold article text, with the article-extraction benchmark's metric.

Tokens are ``\\w+`` matches; per page, the true positive, false positive and false negative
4-gram shingles are counted as multisets; precision is the mean over pages with output,
recall the mean over pages with gold text, F1 their harmonic mean. Use it to check
`comention.clean` on pages of your own sources before trusting it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

_TOKEN = re.compile(r"\w+")


def _shingles(text: str | None) -> Counter[tuple[str, ...]]:
    t = _TOKEN.findall(text or "")
    return Counter(tuple(t[i : i + 4]) for i in range(max(len(t) - 3, 0)))


def extraction_scores(golds: Sequence[str | None], outputs: Sequence[str | None]) -> tuple[float, float, float]:
    """Macro-averaged shingle precision, recall and F1 of `outputs` against `golds`.

    Example:
        >>> extraction_scores(["the cat sat on the mat today"], ["menu the cat sat on the mat today"])
        (0.8, 1.0, 0.888...)
    """
    if len(golds) != len(outputs):
        raise ValueError(f"{len(golds)} gold texts but {len(outputs)} outputs")
    ps, rs = [], []
    for gold, out in zip(golds, outputs):
        g, o = _shingles(gold), _shingles(out)
        tp = sum((g & o).values())
        fp = sum((o - g).values())
        fn = sum((g - o).values())
        if tp + fp > 0:
            ps.append(tp / (tp + fp))
        if tp + fn > 0:
            rs.append(tp / (tp + fn))
    p = sum(ps) / len(ps) if ps else 0.0
    r = sum(rs) / len(rs) if rs else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0
