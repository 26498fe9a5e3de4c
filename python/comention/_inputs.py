"""Turning what users hand us (a str, a list, a Series, a DataFrame) into aligned lists."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from . import _core

TextLike = str | bytes | None


@dataclass(frozen=True)
class Inputs:
    """Aligned per-document lists, one entry per input row, in input order."""

    ids: list[str]
    texts: list[str | None]
    dates: list[str | None] | None
    sources: list[str | None] | None

    def __len__(self) -> int:
        return len(self.texts)

    def slice(self, start: int, stop: int) -> Inputs:
        """The rows `start:stop`."""
        cut = lambda v: None if v is None else v[start:stop]  # noqa: E731
        return Inputs(self.ids[start:stop], self.texts[start:stop], cut(self.dates), cut(self.sources))


def _is_missing(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def _encodable(s: str) -> str:
    """`s` with lone surrogates (which UTF-8 cannot carry) replaced by U+FFFD, one for one,
    so that offsets into the result are offsets into `s`."""
    try:
        s.encode("utf-8")
        return s
    except UnicodeEncodeError:
        return s.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def _text(value: Any) -> str | None:
    if type(value) is str:  # the common case first: one call a document
        return value if value.isascii() else _encodable(value)
    if _is_missing(value):
        return None
    if isinstance(value, str):
        return _encodable(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        # A byte-order mark, else UTF-8 when valid, else the legacy encoding detected; offsets
        # are then into the decoded text.
        return _core.decode_bytes(bytes(value))[0]
    return str(value)


def _date(value: Any) -> str | None:
    if type(value) is str:
        return value
    if _is_missing(value):
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _column(values: Iterable[Any] | str | None, frame: pd.DataFrame | None, n: int, name: str) -> list[Any] | None:
    if values is None:
        return None
    if isinstance(values, str):
        if frame is None:
            raise ValueError(f"{name}={values!r} names a column, but the data is not a DataFrame")
        if values not in frame.columns:
            raise KeyError(f"{name}: no column {values!r} in the DataFrame (columns: {list(frame.columns)})")
        values = frame[values]
    # A pandas column converts in one call; iterating an Arrow-backed one makes a scalar a row.
    out = values.tolist() if isinstance(values, (pd.Series, pd.Index)) else list(values)
    if len(out) != n:
        raise ValueError(f"{name} has {len(out)} values but there are {n} documents")
    return out


def as_inputs(
    data: str | Sequence[TextLike] | pd.Series | pd.DataFrame,
    *,
    ids: Iterable[Any] | str | None = None,
    dates: Iterable[Any] | str | None = None,
    sources: Iterable[Any] | str | None = None,
    text: str = "text",
) -> Inputs:
    """Aligns texts with their ids, dates and sources.

    A DataFrame's columns are named by `text`, `ids`, `dates` and `sources`; ids default
    to the index of a Series or DataFrame, and to positions otherwise.
    """
    frame = data if isinstance(data, pd.DataFrame) else None
    if frame is not None:
        if text not in frame.columns:
            raise KeyError(f"no text column {text!r} in the DataFrame (columns: {list(frame.columns)}); pass text=...")
        series = frame[text]
    elif isinstance(data, (str, bytes)):
        series = pd.Series([data])
    elif isinstance(data, pd.Series):
        series = data
    else:
        series = pd.Series(list(data), dtype=object)
    n = len(series)
    texts = [_text(v) for v in series.tolist()]
    id_values = _column(ids, frame, n, "ids")
    if id_values is None:
        id_values = [str(i) for i in series.index]
    id_list = [str(i) for i in id_values]
    date_values = _column(dates, frame, n, "dates")
    source_values = _column(sources, frame, n, "sources")
    return Inputs(
        ids=id_list,
        texts=texts,
        dates=None if date_values is None else [_date(v) for v in date_values],
        sources=None if source_values is None else [None if _is_missing(v) else str(v) for v in source_values],
    )
