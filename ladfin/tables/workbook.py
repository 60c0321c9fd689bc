"""The built tables for readers without Python: one Excel workbook and a data dictionary page.

`described_files` returns the bytes of tables.xlsx (a sheet per table, then a
"columns" sheet describing every column) and of data-dictionary.md and .html
(see `ladfin.core.dictionary`); the build writes them into each new set beside
the Parquet and CSV files and checks them as it checks those. The workbook
is the same bytes for the same tables: its timestamps are fixed.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping

import pandas as pd

from ladfin.core.dictionary import column_rows, dictionary_html, dictionary_markdown

WORKBOOK = "tables.xlsx"
DICTIONARY_MD = "data-dictionary.md"
DICTIONARY_HTML = "data-dictionary.html"
DESCRIBED = (WORKBOOK, DICTIONARY_MD, DICTIONARY_HTML)
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


def described_files(tables: Mapping[str, pd.DataFrame]) -> dict[str, bytes]:
    """Return file name -> bytes of the workbook and the data dictionary (Markdown, HTML) of `tables`."""
    return {WORKBOOK: workbook_bytes(tables),
            DICTIONARY_MD: dictionary_markdown(tables).encode("utf-8"),
            DICTIONARY_HTML: dictionary_html(tables).encode("utf-8")}
