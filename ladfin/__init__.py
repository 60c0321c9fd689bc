"""ladfin: figures from funding announcements as tidy, traceable tables.

The small public API notebooks import. Importing ladfin reads no file and
configures nothing; each name loads its module on first use.
"""

from __future__ import annotations

import importlib

_API = {
    "extract_figures": "ladfin.extract.figures",
    "extract_skipped": "ladfin.extract.figures",
    "parse_quote": "ladfin.extract.figures",
    "load_table": "ladfin.tables",
    "build": "ladfin.tables",
    "assistance": "ladfin.analysis.series",
    "headcounts": "ladfin.analysis.series",
    "select_figures": "ladfin.analysis.listing",
    "with_sentences": "ladfin.analysis.listing",
    "event_summary": "ladfin.analysis.summary",
}
# Modules notebooks use by their short names: `from ladfin import charts, params`.
_MODULES = {"params": "ladfin.analysis.params"}

__all__ = sorted(_API)


def __getattr__(name: str):
    if name in _API:
        return getattr(importlib.import_module(_API[name]), name)
    if name in _MODULES:
        return importlib.import_module(_MODULES[name])
    raise AttributeError(f"module 'ladfin' has no attribute {name!r}")
