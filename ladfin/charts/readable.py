"""Tables formatted for reading: money as $1.29B, people as 547K, dates as dates, text on one line.

`readable` returns a frame of display strings (notebooks show it, `ladfin
figures` prints it); `traced` returns the same as an HTML table in which each
figure links to its document and names its span, with the figure marked in
its sentence. Both leave the table they are given alone.
"""

from __future__ import annotations

import html
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote as url_quote

import numpy as np
import pandas as pd

from ladfin import paths
from ladfin.charts.export import EXPORT_ENV
from ladfin.charts.labels import shorten
from ladfin.charts.theme import format_si, format_usd

# Columns of one line of prose each, however the document broke them.
TEXT_COLUMNS = ("quote", "sentence", "note", "link_reason", "title", "section", "cues", "headlines")
PEOPLE_COLUMNS = ("people", "people_low", "people_high")
VALUE_COLUMNS = ("value", "value_low", "value_high")


def _is_money(column: str) -> bool:
    return "usd" in column and not column.startswith("fx_")


def _value_text(value: object, kind: object, unit: object) -> str:
    """Return a figure's value in its own unit: "75M CAD", "547K", "3.4K permit", "12%"."""
    if value is None or pd.isna(value):
        return ""
    number = format_si(value)
    if kind == "percent":
        return f"{float(value):g}%"
    if kind == "people" or unit is None or pd.isna(unit) or unit == "person":
        return number
    return f"{number} {unit}"


def _cell(value: object) -> str:
    if value is None or (not isinstance(value, (list, tuple)) and pd.isna(value)):
        return ""
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, pd.Timestamp):
        return f"{value:%Y-%m-%d}"
    if isinstance(value, float):
        return f"{value:,.6g}"
    return " ".join(str(value).split())


def readable(table: pd.DataFrame, *, width: int | None = None) -> pd.DataFrame:
    """Return `table` as display strings: money "$1.29B", people "547K", dates "2024-05-07", no <NA>/NaT.

    Columns holding US dollars (`amount_usd`, `headline_usd` ...) read as dollars;
    people columns as headcounts; `value`, `value_low` and `value_high` in the
    row's unit ("75M CAD"); prose (quote, sentence, note ...) on one line, cut at
    `width` characters when given; booleans as yes/no; anything missing as "".

    >>> readable(pd.DataFrame({"amount_usd": [1.287e9, None], "people": [547_000, 1],
    ...                        "event_date": pd.to_datetime(["2024-05-07", None]),
    ...                        "quote": ["$1.3\\nbillion", None]})).values.tolist()
    [['$1.29B', '547K', '2024-05-07', '$1.3 billion'], ['', '1', '', '']]
    """
    out = pd.DataFrame(index=table.index)
    kinds = table["kind"] if "kind" in table else pd.Series(pd.NA, index=table.index)
    units = table["unit"] if "unit" in table else pd.Series(pd.NA, index=table.index)
    for column in table.columns:
        values = table[column]
        numeric = pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values)
        if numeric and _is_money(str(column)):
            out[column] = [format_usd(v) for v in values]
        elif numeric and (column in PEOPLE_COLUMNS or str(column).startswith("people_")):
            out[column] = [format_si(v) for v in values]
        elif column in VALUE_COLUMNS:
            out[column] = [_value_text(v, k, u) for v, k, u in zip(values, kinds, units)]
        elif pd.api.types.is_datetime64_any_dtype(values):
            out[column] = [f"{v:%Y-%m-%d}" if pd.notna(v) else "" for v in values]
        elif column in TEXT_COLUMNS and width:
            out[column] = [shorten(v, width) for v in values]
        else:
            out[column] = [_cell(v) for v in values]
    return out


def raw_href(doc: str, quote: object = None) -> str:
    """Return a link to document `doc` in data/raw, relative to where the page showing it lives.

    A notebook's page lives in its own directory (JupyterLab, which papermill
    runs in too); its report copy in the run directory, the parent of
    $LADFIN_EXPORT_DIR. With a `quote`, the link asks the browser to scroll to it
    (a text fragment, which browsers that do not know one ignore).
    """
    exports = os.environ.get(EXPORT_ENV)
    here = Path(exports).parent if exports else Path.cwd()
    target = paths.raw_dir() / doc
    href = "/".join(url_quote(part) for part in Path(os.path.relpath(target, here)).parts)
    if quote is not None and not pd.isna(quote) and str(quote).strip():
        text = url_quote(" ".join(str(quote).split()), safe="").replace("-", "%2D")
        href += f"#:~:text={text}"
    return href


@dataclass(frozen=True)
class TracedTable:
    """An HTML table of figures whose quotes link to their documents and spans (shown by notebooks)."""

    rows: pd.DataFrame
    shown: pd.DataFrame

    def _repr_html_(self) -> str:
        head = "".join(f'<th style="text-align:left">{html.escape(str(c))}</th>' for c in self.shown.columns)
        body = []
        for (_, raw), (_, text) in zip(self.rows.iterrows(), self.shown.iterrows()):
            cells = []
            for column, value in text.items():
                cell = html.escape(str(value))
                if column == "quote" and "doc" in raw:
                    cell = (f'<a href="{html.escape(raw_href(raw["doc"], raw["quote"]))}" '
                            f'title="{html.escape(_span(raw))}">{cell}</a>')
                elif column == "sentence":
                    cell = _marked(raw.get("sentence"), raw.get("quote"))
                elif column == "span" and "doc" in raw:
                    cell = f'<a href="{html.escape(raw_href(raw["doc"]))}">{cell}</a>'
                cells.append(f'<td style="text-align:left;vertical-align:top">{cell}</td>')
            body.append(f"<tr>{''.join(cells)}</tr>")
        return (f'<table class="ladfin-traced"><thead><tr>{head}</tr></thead>'
                f"<tbody>{''.join(body)}</tbody></table>")

    def __repr__(self) -> str:
        return self.shown.to_string(index=False)


def _span(row: pd.Series) -> str:
    return f"{row['doc']}, characters {row['start']}-{row['end']}" if "start" in row else str(row["doc"])


def _marked(sentence: object, quote: object) -> str:
    """Return `sentence` as escaped HTML with `quote` marked in it."""
    text = shorten(sentence, 10_000)
    figure = shorten(quote, 10_000)
    at = text.find(figure) if figure else -1
    if at < 0:
        return html.escape(text)
    return (html.escape(text[:at]) + f"<mark>{html.escape(figure)}</mark>"
            + html.escape(text[at + len(figure):]))


def traced(table: pd.DataFrame, columns: list[str] | None = None) -> TracedTable:
    """Return `table` for a notebook: readable cells, each quote linked to its document, the figure
    marked in its sentence, and a `span` column (doc, start-end) linking to the document.

    Args:
        table: rows of the figures table (doc, start, end, quote; sentence where shown).
        columns: the columns to show, in order (default: all); `span` is added after `quote`.
    """
    rows = table.reset_index(drop=True)
    shown_columns = list(columns or rows.columns)
    shown = readable(rows)[[c for c in shown_columns if c in rows]]  # whole rows: a value's unit is beside it
    if {"doc", "start", "end"} <= set(rows.columns):
        where = [f"{d}:{s}-{e}" for d, s, e in zip(rows["doc"], rows["start"], rows["end"])]
        position = shown.columns.get_loc("quote") + 1 if "quote" in shown else len(shown.columns)
        shown.insert(position, "span", where)
    return TracedTable(rows, shown)
