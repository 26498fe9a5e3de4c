"""Turning what users hand us (a str, a list, a Series, a DataFrame) into aligned lists."""

from __future__ import annotations

import math
import threading
import warnings
from collections.abc import Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from . import _core

TextLike = str | bytes | None


@dataclass(frozen=True)
class Columns:
    """Aligned per-document lists, as the core takes them."""

    ids: list[str]
    texts: list[str | None]
    dates: list[str | None] | None
    sources: list[str | None] | None


class UnreadableDateWarning(UserWarning):
    """Given dates that could not be read: they are taken as missing."""


class MissingEntityWarning(UserWarning):
    """Rows of a mention table without an entity: they are not counted."""


class UnreadableDates:
    """The given dates that could not be read, counted over the slices of one call (converted
    on several threads), for one warning at its end: a date that cannot be read used to
    become NaT silently (Unix times, day-first numbers)."""

    def __init__(self, *, report: bool = True) -> None:
        # report: warn when the call that converted the slices ends; a caller that shares
        # one count over several inputs (the chunks of a stream) warns itself.
        self.report = report
        self.count = 0
        # The first few by position (slices end in any order on several threads; a stream's
        # chunks each count from 0).
        self.examples: list[tuple[int, str, Any]] = []
        self._lock = threading.Lock()

    def read(self, ids: list[str], given: list[Any], start: int = 0) -> list[str | None]:
        """The dates as the core reads them (ISO ``YYYY-MM-DD``, or None), noting those given
        and not read; `start`: the position of the first."""
        texts = [_date(v) for v in given]
        read = _core.normalize_dates(texts)
        bad = [k for k, (t, r) in enumerate(zip(texts, read, strict=True)) if t is not None and r is None]
        if bad:
            with self._lock:
                self.count += len(bad)
                # By position and id alone: the values may not compare (1580515200 and "x").
                self.examples = sorted(self.examples + [(start + k, ids[k], given[k]) for k in bad[:3]], key=lambda e: e[:2])[:3]
        return read

    def warn(self) -> None:
        """Warns once of the dates not read so far."""
        if self.count:
            shown = ", ".join(f"{v!r} (document {i!r})" for _, i, v in self.examples)
            warnings.warn(
                f"{self.count} given date{'s' if self.count > 1 else ''} could not be read, such as {shown}: {'they count' if self.count > 1 else 'it counts'} as missing (a date written "
                "in the text stands in, if any); pass dates as ISO strings (YYYY-MM-DD...), written dates (18 September "
                "2023), digits (20230918, 2023/09/18) or datetime values of the years 1000 to 2999 (placeholders such as 9999-12-31 are "
                "taken as missing), and Unix times through pd.to_datetime(values, unit='s')",
                UnreadableDateWarning,
                stacklevel=_caller_level(),
            )
            self.count, self.examples = 0, []

    def done(self) -> None:
        """The call that converted the slices is done: warns, unless a caller that shares
        this count over several inputs warns itself."""
        if self.report:
            self.warn()


@dataclass(frozen=True)
class Inputs:
    """Per-document columns, one entry per input row, in input order, turned into `Columns` a
    slice at a time: converting a whole large frame up front was serial time before any
    document was processed (Reuters: 36-51 ms of a two-thread `analyze`'s 2.1 s); a slice is
    converted while the batch before it is processed."""

    texts: Sequence[Any]
    ids: Sequence[Any]
    dates: Sequence[Any] | None
    sources: Sequence[Any] | None
    unreadable_dates: UnreadableDates = field(default_factory=UnreadableDates)

    def __len__(self) -> int:
        return len(self.texts)

    def slice(self, start: int, stop: int, *, dates: bool = True) -> Columns:
        """The rows `start:stop`, converted (without their dates, if not `dates`)."""
        ids = [str(i) for i in _values(self.ids, start, stop)]
        return Columns(
            ids=ids,
            texts=_row_texts(_values(self.texts, start, stop), start),
            dates=None if self.dates is None or not dates else self.unreadable_dates.read(ids, _values(self.dates, start, stop), start),
            sources=None if self.sources is None else [None if is_missing(v) else str(v) for v in _values(self.sources, start, stop)],
        )

    def all(self, *, dates: bool = True) -> Columns:
        """Every row, converted (without their dates, if not `dates`)."""
        return self.slice(0, len(self), dates=dates)


def _values(column: Sequence[Any], start: int, stop: int) -> list[Any]:
    # A pandas column converts in one call; iterating an Arrow-backed one makes a scalar a row.
    if isinstance(column, pd.Series):
        return column.iloc[start:stop].tolist()
    if isinstance(column, pd.Index):
        return column[start:stop].tolist()
    return list(column[start:stop])


def is_missing(value: Any) -> bool:
    """True for None, NaN, pd.NA and NaT: the values that mean no value."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def _row_texts(values: list[Any], start: int) -> list[str | None]:
    """Each value as a text; a value that cannot be one is a TypeError naming its row."""
    try:
        return [_text(v) for v in values]
    except TypeError:
        # Found again, to name the row: the fast path above pays nothing for the check.
        for k, v in enumerate(values):
            try:
                _text(v)
            except TypeError as e:
                raise TypeError(f"document {start + k}: {e}") from None
        raise


def _text(value: Any) -> str | None:
    # Lone surrogates, which UTF-8 cannot carry, are replaced (one for one) by the core.
    if isinstance(value, str):
        return value
    if is_missing(value):
        return None
    if isinstance(value, (bytes, bytearray, memoryview)):
        # A byte-order mark, else UTF-8 when valid, else the legacy encoding detected; offsets
        # are then into the decoded text.
        return _core.decode_bytes(bytes(value))[0]
    if isinstance(value, Collection):
        # A list or dict printed ("['a', 'b']") is no document: analysing it would be wrong
        # silently. Numbers and other scalars read as their text, as pandas' astype(str) does.
        raise TypeError(f"a {type(value).__name__} is not a text (pass str, bytes or None)")
    return str(value)


def _date(value: Any) -> str | None:
    if type(value) is str:
        return value
    if is_missing(value):
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    # A pandas Period (a column of monthly or weekly periods) is dated by its first day; its
    # text ("2020-01", "2020-01-06/2020-01-12") was no date.
    if isinstance(value, pd.Period):
        return value.start_time.isoformat()
    # An integer column with a missing value is held as floats: 20240305.0 is GDELT's date
    # 20240305, read as digits.
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _column(values: Iterable[Any] | str | None, frame: pd.DataFrame | None, n: int, name: str) -> Sequence[Any] | None:
    if values is None:
        return None
    if isinstance(values, str):
        if frame is None:
            raise ValueError(f"{name}={values!r} names a column, but the data is not a DataFrame")
        if values not in frame.columns:
            raise KeyError(f"{name}: no column {values!r} in the DataFrame (columns: {list(frame.columns)})")
        values = frame[values]
    out = values if isinstance(values, (pd.Series, pd.Index)) else list(values)
    if len(out) != n:
        raise ValueError(f"{name} has {len(out)} values but there are {n} documents")
    return out


def _warn_repeated(ids: Sequence[Any]) -> None:
    """Warns when document ids repeat: the tables keep every row, but a mention's doc_id then
    names several documents (a Series made by concatenating others, without ignore_index,
    repeats its index)."""
    index = ids if isinstance(ids, pd.Index) else pd.Index(ids)
    if not index.is_unique:
        repeated = index[index.duplicated()].unique()
        warnings.warn(
            f"{len(repeated)} document ids repeat (such as {list(repeated[:3])}): the documents and mentions tables "
            "keep every row, but a doc_id then names several documents; pass unique ids=",
            UserWarning,
            stacklevel=_caller_level(),
        )


def _caller_level() -> int:
    """The `stacklevel` of the first frame outside this package: the warning is the caller's
    line, whichever entry point (analyze, clean, a Corpus, a stream) it came through."""
    import sys
    from types import FrameType

    level = 1
    frame: FrameType | None = sys._getframe(1)
    while frame is not None and frame.f_globals.get("__name__", "").startswith("comention"):
        level, frame = level + 1, frame.f_back
    return level


def as_inputs(
    data: str | Sequence[TextLike] | Mapping[Hashable, TextLike] | pd.Series | pd.DataFrame,
    *,
    ids: Iterable[Any] | str | None = None,
    dates: Iterable[Any] | str | None = None,
    sources: Iterable[Any] | str | None = None,
    text: str = "text",
    unreadable_dates: UnreadableDates | None = None,
) -> Inputs:
    """Aligns texts with their ids, dates and sources (converted by `Inputs.slice`); dates
    that cannot be read are counted in `unreadable_dates` (by default the inputs' own count,
    which `process_inputs` reports).

    A DataFrame's columns are named by `text`, `ids`, `dates` and `sources`; ids default
    to the index of a Series or DataFrame, to the keys of a mapping (id → text), and to
    positions otherwise.
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
    elif isinstance(data, Mapping):
        # As pandas reads a dict: keys are the index (here the ids), values the texts.
        series = pd.Series(list(data.values()), index=pd.Index(list(data.keys()), dtype=object), dtype=object)
    else:
        series = pd.Series(list(data), dtype=object)
    n = len(series)
    id_values = _column(ids, frame, n, "ids")
    _warn_repeated(series.index if id_values is None else id_values)
    return Inputs(
        texts=series,
        ids=series.index if id_values is None else id_values,
        dates=_column(dates, frame, n, "dates"),
        sources=_column(sources, frame, n, "sources"),
        unreadable_dates=unreadable_dates if unreadable_dates is not None else UnreadableDates(),
    )
