"""``.comention`` on pandas Series of text and on DataFrames of articles."""

from __future__ import annotations

from typing import Any, Unpack

import pandas as pd

from ._api import Analysis, Options, analyze, clean, cooccurrences, mentions


class _Accessor:
    """The package's functions bound to one Series or DataFrame."""

    def __init__(self, data: pd.Series | pd.DataFrame) -> None:
        self._data = data

    def analyze(self, **kwargs: Any) -> Analysis:
        """`comention.analyze` on this data."""
        return analyze(self._data, **kwargs)

    def clean(self, **options: Unpack[Options]) -> pd.DataFrame:
        """`comention.clean` on this data."""
        return clean(self._data, **options)

    def mentions(self, **options: Unpack[Options]) -> pd.DataFrame:
        """`comention.mentions` on this data."""
        return mentions(self._data, **options)

    def cooccurrences(self, **kwargs: Any) -> pd.DataFrame:
        """`comention.cooccurrences` on this data."""
        return cooccurrences(self._data, **kwargs)


@pd.api.extensions.register_series_accessor("comention")
class SeriesAccessor(_Accessor):
    """``series.comention.analyze()``, ``.clean()``, ``.mentions()``, ``.cooccurrences()`` on a
    Series of text (ids default to its index; `dates` and `sources` may be aligned Series).

    Example:
        >>> import pandas as pd, comention
        >>> s = pd.Series(["Wang Yi met Jake Sullivan."], index=["a"])
        >>> s.comention.mentions()[["doc_id", "entity"]].values.tolist()
        [['a', 'Wang Yi'], ['a', 'Jake Sullivan']]
    """


@pd.api.extensions.register_dataframe_accessor("comention")
class FrameAccessor(_Accessor):
    """``df.comention.analyze(text="text", ids="id", dates="date")`` and friends: columns by name.

    Example:
        >>> import pandas as pd, comention
        >>> df = pd.DataFrame({"id": ["x"], "body": ["Angela Merkel visited Paris."]})
        >>> df.comention.mentions(text="body", ids="id")["entity"].tolist()
        ['Angela Merkel', 'Paris']
    """
