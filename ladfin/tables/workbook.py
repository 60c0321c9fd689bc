"""The built tables for readers without Python: one Excel workbook and a data dictionary page.

`described_files` returns the bytes of tables.xlsx (a sheet per table, then a
"columns" sheet describing every column) and of data-dictionary.md and .html
(see `ladfin.core.dictionary`); the build writes them into each new set beside
the Parquet and CSV files and checks them as it checks those. The workbook
is the same bytes for the same tables: its timestamps are fixed.

openpyxl writes some 20,000-30,000 cells a second here, so a workbook of
10,000 documents' tables (6 million cells) would take minutes on every
build. A build therefore writes the workbook by itself only while the tables
hold at most WORKBOOK_CELLS cells (a few seconds of writing: the founding
corpus holds about 10,000); `ladfin build --workbook` writes it whatever the
size, `--no-workbook` never. A table longer than an Excel sheet
(EXCEL_ROWS rows with its header) cannot go in a workbook at all. The data
dictionary is always written.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping

import pandas as pd

from ladfin.core.dictionary import column_rows, dictionary_html, dictionary_markdown
from ladfin.errors import ParameterError

WORKBOOK = "tables.xlsx"
DICTIONARY_MD = "data-dictionary.md"
DICTIONARY_HTML = "data-dictionary.html"
DESCRIBED = (WORKBOOK, DICTIONARY_MD, DICTIONARY_HTML)
WORKBOOK_CELLS = 100_000  # written by default up to this many cells (header and "columns" sheet included)
EXCEL_ROWS = 1_048_576  # rows of an Excel sheet, its header included
_FIXED = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry
_STAMP = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")
# Characters XML 1.0 cannot hold (control characters but tab and newlines): openpyxl refuses them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _sheet(table: pd.DataFrame) -> pd.DataFrame:
    """Return `table` as Excel takes it: text without the control characters XML cannot hold."""
    out = table.copy()
    for column in out.columns:
        if pd.api.types.is_string_dtype(out[column]) or out[column].dtype == object:
            out[column] = out[column].map(lambda v: _NOT_XML.sub("", v) if isinstance(v, str) else v)
    return out


def workbook_bytes(tables: Mapping[str, pd.DataFrame]) -> bytes:
    """Return an .xlsx holding a sheet per table (named for it) and a "columns" sheet describing every column."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, table in tables.items():
            _sheet(table).to_excel(writer, sheet_name=name[:31], index=False, freeze_panes=(1, 0))
        column_rows(tables).to_excel(writer, sheet_name="columns", index=False, freeze_panes=(1, 0))
    return _stable_zip(buffer.getvalue())


def _stable_zip(data: bytes) -> bytes:
    """Return the zip `data` with fixed entry times and document dates, so equal content gives equal bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _STAMP.sub(rb"\g<1>1980-01-01T00:00:00Z\g<2>", content)
            entry = zipfile.ZipInfo(info.filename, date_time=_FIXED)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            target.writestr(entry, content)
    return out.getvalue()


def workbook_cells(tables: Mapping[str, pd.DataFrame]) -> int:
    """Return how many cells the workbook of `tables` holds: each sheet with its header, and "columns"."""
    return sum((len(t) + 1) * len(t.columns) for t in tables.values()) + 7 * (
        1 + sum(len(t.columns) for t in tables.values()))


def wants_workbook(tables: Mapping[str, pd.DataFrame], asked: bool | None = None) -> bool:
    """Tell whether a build writes the workbook: `asked` True or False decides, None (the default) by size.

    Raises:
        ParameterError: the workbook is asked for but a table is longer than an Excel sheet.
    """
    if asked is False:
        return False
    tall = [f"{name} ({len(t):,} rows)" for name, t in tables.items() if len(t) + 1 > EXCEL_ROWS]
    if tall:
        if asked:
            raise ParameterError(f"{', '.join(tall)} cannot go in an Excel workbook: a sheet holds "
                                 f"{EXCEL_ROWS - 1:,} rows under its header; read the CSV or Parquet files")
        return False
    return bool(asked) or workbook_cells(tables) <= WORKBOOK_CELLS


def described_files(tables: Mapping[str, pd.DataFrame], *, workbook: bool = True) -> dict[str, bytes]:
    """Return file name -> bytes of the workbook (unless not `workbook`) and the data dictionary of `tables`."""
    files = {WORKBOOK: workbook_bytes(tables)} if workbook else {}
    return {**files, DICTIONARY_MD: dictionary_markdown(tables).encode("utf-8"),
            DICTIONARY_HTML: dictionary_html(tables).encode("utf-8")}
