"""The data dictionary of the built tables: each column, its type, unit and allowed values, an example.

Generated from the declarations in `ladfin.core.schema` (as datapackage.json
is), with an example row taken from each built table, and written by the
build beside the tables as Markdown and HTML (and as the workbook's
"columns" sheet): what `schema.check` enforces, for a reader without Python.
"""

from __future__ import annotations

import html
from collections.abc import Mapping

import pandas as pd

from ladfin.core import schema
from ladfin.core.datapackage import field

HEADINGS = ("table", "column", "type", "unit", "required", "key", "allowed", "description", "example")


def example_row(table: pd.DataFrame) -> pd.Series | None:
    """Return the row of `table` with the most filled cells (the first of them); None for an empty table."""
    if table.empty:
        return None
    filled = table.notna().sum(axis=1)
    return table.loc[filled.idxmax()]


def _text(value: object, limit: int = 80) -> str:
    if value is None or (not isinstance(value, (list, tuple)) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return f"{value:%Y-%m-%d}"
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[:limit - 1] + "\u2026"


def column_rows(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Return one row per table and column: the HEADINGS, the example from the table's `example_row`."""
    rows = []
    for name, frame in tables.items():
        table = schema.TABLES[name]
        example = example_row(frame)
        for column in table.columns:
            spec = schema.COLUMNS[column]
            described = field(column)
            rows.append({
                "table": name, "column": column, "type": described["type"], "unit": spec.unit or "",
                "required": "yes" if spec.required else "", "key": "yes" if column in table.key else "",
                "allowed": ", ".join(map(str, spec.allowed)) if spec.allowed else "",
                "description": spec.description,
                "example": _text(example[column]) if example is not None and column in example else "",
            })
    return pd.DataFrame(rows, columns=list(HEADINGS))


def _md(value: object) -> str:
    return str(value).replace("|", "\\|")


def dictionary_markdown(tables: Mapping[str, pd.DataFrame]) -> str:
    """Return the data dictionary as Markdown: a section per table, a row per column."""
    rows = column_rows(tables)
    lines = ["# Data dictionary", "",
             "The tables `ladfin build` writes to data/processed, as Parquet and CSV (and all in tables.xlsx). "
             "Every figure traces back to its text: `doc` is the file in data/raw, and `start`/`end` are "
             "character offsets into it. A cell listing several values joins them with `;`. An empty cell is "
             "missing: for a bound, it means the text leaves that end open.", ""]
    for name in tables:
        table = schema.TABLES[name]
        lines += [f"## {name}", "", f"One file per format: `{name}.parquet`, `{name}.csv`. Grain: {table.grain}. "
                  f"Key: {', '.join(f'`{k}`' for k in table.key)}.", "",
                  "| column | type | unit | required | allowed values | description | example |",
                  "|---|---|---|---|---|---|---|"]
        for r in rows[rows["table"] == name].itertuples():
            lines.append(f"| `{r.column}`{' (key)' if r.key else ''} | {r.type} | {_md(r.unit)} | {r.required} | "
                         f"{_md(r.allowed)} | {_md(r.description)} | {_md(r.example)} |")
        lines.append("")
    return "\n".join(lines)


def dictionary_html(tables: Mapping[str, pd.DataFrame]) -> str:
    """Return the data dictionary as a standalone HTML page (the Markdown's content, escaped)."""
    rows = column_rows(tables)
    e = html.escape
    parts = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
             "<title>ladfin data dictionary</title>",
             "<style>body{font-family:'Liberation Sans',Arial,sans-serif;margin:24px auto;max-width:1200px;"
             "padding:0 16px;color:#1f1f1f}table{border-collapse:collapse;width:100%;margin-bottom:24px}"
             "td,th{border-bottom:1px solid #e4e4e4;padding:4px 8px;text-align:left;vertical-align:top;"
             "font-size:14px}code{background:#f4f4f4}</style>", "</head>", "<body>", "<h1>Data dictionary</h1>",
             "<p>The tables <code>ladfin build</code> writes to data/processed, as Parquet and CSV (and all in "
             "tables.xlsx). <code>doc</code> is the file in data/raw; <code>start</code> and <code>end</code> are "
             "character offsets into it. A cell listing several values joins them with <code>;</code>. An empty "
             "bound means the text leaves that end open.</p>"]
    for name in tables:
        table = schema.TABLES[name]
        parts += [f'<h2 id="{e(name)}">{e(name)}</h2>',
                  f"<p>Files <code>{e(name)}.parquet</code>, <code>{e(name)}.csv</code>. Grain: {e(table.grain)}. "
                  f"Key: {e(', '.join(table.key))}.</p>", "<table><thead><tr>"
                  + "".join(f"<th>{h}</th>" for h in ("column", "type", "unit", "required", "allowed values",
                                                       "description", "example"))
                  + "</tr></thead><tbody>"]
        for r in rows[rows["table"] == name].itertuples():
            parts.append(f"<tr><td><code>{e(r.column)}</code>{' (key)' if r.key else ''}</td><td>{e(r.type)}</td>"
                         f"<td>{e(r.unit)}</td><td>{e(r.required)}</td><td>{e(r.allowed)}</td>"
                         f"<td>{e(r.description)}</td><td>{e(r.example)}</td></tr>")
        parts.append("</tbody></table>")
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)
