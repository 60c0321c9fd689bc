"""ladfin: figures from funding announcements as tidy, traceable tables.

The small public API notebooks import. Importing ladfin reads no file and
configures nothing; each name loads its module on first use.
"""

from __future__ import annotations

import importlib

_API = {
    "extract_figures": "ladfin.figures",
    "extract_skipped": "ladfin.figures",
    "parse_quote": "ladfin.figures",
    "load_table": "ladfin.tables",
    "build": "ladfin.tables",
    "assistance": "ladfin.series",
    "headcounts": "ladfin.series",
}

__all__ = sorted(_API)


def __getattr__(name: str):
    if name in _API:
        return getattr(importlib.import_module(_API[name]), name)
    raise AttributeError(f"module 'ladfin' has no attribute {name!r}")
