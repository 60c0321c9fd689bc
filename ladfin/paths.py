"""Where ladfin's files live: every path derives from the project root.

The root is the checkout this package sits in, or `LADFIN_ROOT` when set (tests
and notebooks point it at a fixture tree). Nothing here reads a file.
"""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE_ROOT = Path(__file__).resolve().parent.parent


def root() -> Path:
    """Return the project root: `$LADFIN_ROOT` if set, else the checkout holding ladfin."""
    env = os.environ.get("LADFIN_ROOT")
    return Path(env).resolve() if env else _PACKAGE_ROOT


def raw_dir() -> Path:
    """Return data/raw, where documents and catalog.csv live."""
    return root() / "data" / "raw"


def catalog_path() -> Path:
    """Return data/raw/catalog.csv."""
    return raw_dir() / "catalog.csv"


def reference_dir() -> Path:
    """Return data/reference, the hand-checked lookup tables.

    Reference tables ship with the package checkout, so this ignores
    `LADFIN_ROOT` unless that tree has its own data/reference.
    """
    own = root() / "data" / "reference"
    return own if own.is_dir() else _PACKAGE_ROOT / "data" / "reference"


def interim_dir() -> Path:
    """Return data/interim, where builds keep what they may reuse (the extraction cache)."""
    return root() / "data" / "interim"


def processed_dir() -> Path:
    """Return data/processed, where `ladfin build` writes tables."""
    return root() / "data" / "processed"


def reports_dir() -> Path:
    """Return reports/, where `ladfin report` writes runs."""
    return root() / "reports"


def notebooks_dir() -> Path:
    """Return notebooks/, the paired notebook scripts."""
    return root() / "notebooks"
