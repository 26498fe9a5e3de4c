"""Finding ../shared: present locally and always under CI."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"


def shared_path(rel: str) -> Path:
    """A file under ../shared; skips visibly when absent, fails under CI."""
    p = (SHARED / rel).resolve()
    if not p.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{p} is required under CI but missing")
        pytest.skip(f"{p} not found: tests that need ../shared skip outside CI")
    return p
