"""Shared fixtures: every test reads the frozen founding corpus, never the user's data/raw.

`tests/data/founding` is a copy of the five founding documents, their catalog
and the hand-written gold, frozen for the tests. At start-up it is copied to a
temporary project tree and `LADFIN_ROOT` points there (subprocesses inherit
it), so a document a user adds to `data/raw/`, or tables a user builds, change
nothing here. A test that needs another tree sets `LADFIN_ROOT` itself.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

FOUNDING = Path(__file__).resolve().parent / "data" / "founding"


def pytest_configure(config: pytest.Config) -> None:
    tree = Path(tempfile.mkdtemp(prefix="ladfin-founding-"))
    shutil.copytree(FOUNDING / "data" / "raw", tree / "data" / "raw")
    config._ladfin_tree = tree  # removed in pytest_unconfigure
    os.environ["LADFIN_ROOT"] = str(tree)


def pytest_unconfigure(config: pytest.Config) -> None:
    tree = getattr(config, "_ladfin_tree", None)
    if tree is not None:
        shutil.rmtree(tree, ignore_errors=True)


@pytest.fixture(scope="session")
def founding_root() -> Path:
    """Return the temporary project tree holding the frozen founding corpus."""
    return Path(os.environ["LADFIN_ROOT"])


@pytest.fixture(scope="session")
def founding_gold() -> Path:
    """Return the hand-written gold table of the founding corpus."""
    return FOUNDING / "gold" / "figures.csv"
