"""Describes the built tables as a Frictionless data package (datapackage.json).

Every table and column comes from its declaration in `ladfin.schema`, so the
package says exactly what `schema.check` enforces: type, description, unit,
allowed values, required cells and primary key.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from ladfin.core import schema

_TYPES = {"string": "string", "Int64": "integer", "Float64": "number", "boolean": "boolean"}


def field(name: str) -> dict:
    """Return the Frictionless field descriptor of a declared column.

    >>> field("start")["type"], field("start")["unit"]
    ('integer', 'char')
    """
    column = schema.COLUMNS[name]
    out = {"name": name, "type": "date" if column.dtype.startswith("datetime") else _TYPES[column.dtype],
           "description": column.description}
    if column.unit:
        out["unit"] = column.unit
    constraints = {}
    if column.required:
        constraints["required"] = True
    if column.allowed:
        constraints["enum"] = list(column.allowed)
    if constraints:
        out["constraints"] = constraints
    return out


def describe(names: Iterable[str]) -> dict:
    """Return the datapackage.json descriptor of the named tables, each as CSV beside Parquet."""
    resources = []
    for name in names:
        table = schema.TABLES[name]
        resources.append({
            "name": name,
            "path": f"{name}.csv",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "description": f"{table.grain}; also as {name}.parquet",
            "schema": {"fields": [field(c) for c in table.columns], "primaryKey": list(table.key),
                       "missingValues": [""]},
        })
    return {
        "name": "ladfin",
        "title": "Figures from Los Angeles Declaration funding announcements",
        "description": "Tidy tables built by `ladfin build` from data/raw and data/reference; every figure "
                       "traces back to its document (doc) and character span (start, end).",
        "profile": "tabular-data-package",
        "resources": resources,
    }


def write(tables: Iterable[str], directory: Path) -> Path:
    """Write datapackage.json describing `tables` (names, or a dict of them) to `directory`; return it."""
    path = directory / "datapackage.json"
    path.write_text(json.dumps(describe(list(tables)), indent=2, ensure_ascii=False) + "\n")
    return path
