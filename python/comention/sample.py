"""The sample corpus shipped with the package: original news-style articles written for comention."""

from __future__ import annotations

from importlib import resources

import pandas as pd


def load_sample() -> pd.DataFrame:
    """The bundled sample corpus: columns id, date, source, title, text (one row per article).

    Example:
        >>> import comention
        >>> len(comention.load_sample()) >= 40
        True
    """
    path = resources.files("comention") / "data" / "sample.jsonl"
    with resources.as_file(path) as p:
        df = pd.read_json(p, lines=True, dtype={"id": str})
    df["date"] = pd.to_datetime(df["date"])
    return df
