"""The examples in the package's docstrings run as written."""

from __future__ import annotations

import doctest

import pytest

import comention
import comention._api
import comention._counts
import comention.accessor
import comention.corpus
import comention.display
import comention.dask
import comention.io
import comention.quality
import comention.sample
import comention.stream


@pytest.mark.parametrize("module", [comention, comention._api, comention._counts, comention.accessor, comention.corpus, comention.display, comention.io, comention.sample,
     comention.stream, comention.dask, comention.quality], ids=lambda m: m.__name__)
def test_docstring_examples(module: object) -> None:
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS)  # type: ignore[arg-type]
    assert result.attempted > 0
    assert result.failed == 0
