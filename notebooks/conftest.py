"""Notebooks that need ../shared skip with a visible reason when it is absent, except under CI."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REUTERS = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "news" / "reuters21578.jsonl.gz"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if REUTERS.exists() or os.environ.get("CI"):
        return
    for item in items:
        if "reuters" in item.nodeid:
            item.add_marker(pytest.mark.skip(reason=f"{REUTERS.resolve()} not found: this notebook needs ../shared"))
