"""Writes a table as CSV, byte for byte what `DataFrame.to_csv(index=False)` writes, column-wise and fast.

pandas hands every cell to Python's csv module, about 5 MB/s here: 10,000
documents' figures and announcements (80 MB) took most of a rebuild. This
writer formats each column as pandas does (text as it is; whole numbers in
digits; floating point as Python's repr, "1.0", "1e-05"; booleans True and
False; dates without a time when no value has one), quotes a cell holding a
comma, a quote or a line break as the csv module's QUOTE_MINIMAL does
(doubling the quotes; whether a carriage return is quoted depends on the
Python version, so it is asked of the csv module), and joins the cells and the rows with pyarrow's compute kernels.
A missing cell is empty. A column of any other type, or a frame the writer
does not know how to format, goes through `to_csv`.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

CHUNK_ROWS = 20_000  # rows formatted at once: the cells of one part are held, never those of the whole table


def _quotes(char: str) -> bool:
    """Tell whether the csv module, as pandas runs it, quotes a cell holding `char` (it varies by version)."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL).writerow([f"a{char}b", "c"])
    return out.getvalue().startswith('"')


_SPECIAL = tuple(c for c in ('"', ",", "\n", "\r") if _quotes(c))  # what makes QUOTE_MINIMAL quote a cell
_SPECIAL_RE = "[" + "".join({"\n": "\\n", "\r": "\\r"}.get(c, c) for c in _SPECIAL) + "]"  # one pass, not one each


def _quoted(cells: pa.Array) -> pa.Array:
    """Return string cells quoted where the csv module would quote them, missing cells empty."""
    needs = pc.match_substring_regex(cells, _SPECIAL_RE)
    if not pc.any(needs).as_py():
        return pc.fill_null(cells, "")
    doubled = pc.binary_join_element_wise('"', pc.replace_substring(cells, '"', '""'), '"', "")
    return pc.fill_null(pc.if_else(needs, doubled, cells), "")


def _formatted(series: pd.Series, dates_only: bool | None = None) -> pa.Array | None:
    """Return a column's cells as the text pandas writes for them (None where missing), or None if unknown.

    `dates_only`: for a column of date-times, whether the whole column (of which
    `series` may be a part) has no time of day; None finds it from `series`.
    """
    dtype = series.dtype
    missing = series.isna().to_numpy()
    if isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow":
        return pa.array(series.array).cast(pa.string())
    if isinstance(dtype, pd.StringDtype):
        return pa.array(series.to_numpy(dtype=object, na_value=None), type=pa.string())
    if pd.api.types.is_bool_dtype(dtype):
        values = series.to_numpy(dtype=object, na_value=None)
        return pa.array([None if v is None else ("True" if v else "False") for v in values], type=pa.string())
    if pd.api.types.is_integer_dtype(dtype):
        return pc.cast(pa.array(series.to_numpy(dtype="int64", na_value=0), mask=missing), pa.string())
    if pd.api.types.is_float_dtype(dtype):
        return _floats(series.to_numpy(dtype=float, na_value=float("nan")), missing)
    if pd.api.types.is_datetime64_dtype(dtype) and getattr(dtype, "tz", None) is None:
        if dates_only is None:
            dates_only = _dates_only(series)
        text = series.dt.strftime("%Y-%m-%d" if dates_only else "%Y-%m-%d %H:%M:%S")
        return pa.array(text.to_numpy(dtype=object, na_value=None), type=pa.string())
    return None


def _floats(values: np.ndarray, missing: np.ndarray) -> pa.Array:
    """Return floating point cells as Python's repr writes them, None where missing.

    A whole number under 1e16 (but -0.0) is its digits and ".0", as repr gives it
    below the exponent form: those are written column-wise, the others by repr.

    >>> _floats(np.array([3.0, -12.0, 0.1, 1e16, -0.0, np.nan]), np.array([0, 0, 0, 0, 0, 1], bool)).to_pylist()
    ['3.0', '-12.0', '0.1', '1e+16', '-0.0', None]
    """
    with np.errstate(invalid="ignore"):  # NaN compares False: it is missing, or not whole
        whole = (~missing & (np.abs(values) < 1e16) & (values == np.floor(values))
                 & ((values != 0) | ~np.signbit(values)))
    digits = pc.cast(pa.array(np.where(whole, values, 0).astype(np.int64)), pa.string())
    cells = pc.binary_join_element_wise(digits, pa.scalar(".0"), pa.scalar(""))
    other = ~whole & ~missing
    if other.any():
        cells = pc.replace_with_mask(cells, pa.array(other), pa.array([repr(v) for v in values[other].tolist()],
                                                                      type=pa.string()))
    return pc.if_else(pa.array(missing), pa.scalar(None, pa.string()), cells)


def _dates_only(series: pd.Series) -> bool:
    """Tell whether no value of a column of date-times has a time of day (pandas then writes dates alone)."""
    present = series[series.notna()]
    return bool((present == present.dt.normalize()).all())


def csv_bytes(table: pd.DataFrame, *, rows: int = CHUNK_ROWS) -> bytes:
    """Return `table.to_csv(index=False)` encoded as UTF-8, computed column by column, `rows` rows at a time.

    Each part's cells are formatted, quoted and joined, then dropped: what is held
    beyond the table is the bytes written and one part's cells, not every cell at once.
    """
    layout = csv_layout(table)
    if layout is None:
        return table.to_csv(index=False).encode("utf-8")
    out = [layout.header]
    for start in range(0, len(table), rows):
        out.append(encode_rows(table, layout, start, min(len(table), start + rows))[0])
    return b"".join(out)


@dataclass(frozen=True)
class Layout:
    """What the rows of a table are written with besides their own cells: its header line, and, for each
    column of date-times, whether the whole column is dates alone."""

    header: bytes
    dates: dict[int, bool]


def csv_layout(table: pd.DataFrame) -> Layout | None:
    """Return the layout of a table this writer writes row by row, or None: then `to_csv` writes it whole.

    A table of one column (the csv module quotes an empty row), of no rows, or with a
    column of a type the writer does not know goes to `to_csv`.
    """
    if len(table.columns) < 2 or len(table) == 0:
        return None
    dates = {}
    for n, name in enumerate(table.columns):
        series = table.iloc[:, n]
        if not isinstance(name, str) or _formatted(series.iloc[:1]) is None:
            return None
        if pd.api.types.is_datetime64_dtype(series.dtype):
            dates[n] = _dates_only(series)
    header = ",".join(_quoted(pa.array([str(c) for c in table.columns])).to_pylist())
    return Layout((header + "\n").encode("utf-8"), dates)


def encode_rows(table: pd.DataFrame, layout: Layout, start: int, stop: int) -> tuple[bytes, np.ndarray]:
    """Return the CSV lines of rows `start` to `stop` of a table laid out as `layout`, and where each begins.

    The offsets are `stop - start + 1` positions in the bytes: row k is
    bytes[offsets[k]:offsets[k + 1]]. A row's line depends on its own cells and the layout
    only, so lines encoded apart and joined are the lines of the whole table.
    """
    part = table.iloc[start:stop]
    columns = [_quoted(_formatted(part.iloc[:, n], layout.dates.get(n))) for n in range(len(table.columns))]
    return _lines(pc.binary_join_element_wise(*columns, ","))


def _lines(rows: pa.Array) -> tuple[bytes, np.ndarray]:
    """Return the UTF-8 bytes of string cells each followed by a line break, and where each row begins.

    Each row gets its line break by a join with an empty cell; the rows then lie end to
    end in the array's data buffer (64-bit offsets, so a table past 2 GB joins too),
    never made Python strings.
    """
    wide = pa.large_string()
    ended = pc.binary_join_element_wise(rows.cast(wide), pa.scalar("", wide), pa.scalar("\n", wide))
    out, starts, done = [], [np.zeros(1, dtype=np.int64)], 0
    for chunk in ended.chunks if isinstance(ended, pa.ChunkedArray) else [ended]:  # a column read in parts
        if len(chunk):
            offsets = np.frombuffer(chunk.buffers()[1], dtype=np.int64)[chunk.offset:chunk.offset + len(chunk) + 1]
            out.append(chunk.buffers()[2].slice(int(offsets[0]), int(offsets[-1] - offsets[0])).to_pybytes())
            starts.append(offsets[1:] - offsets[0] + done)
            done += int(offsets[-1] - offsets[0])
    return b"".join(out), np.concatenate(starts)
