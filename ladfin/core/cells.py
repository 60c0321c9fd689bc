"""Multi-valued cells: the one format for a cell that holds several values.

A cell listing several values (the flags on a figure, a figure's recipients,
the documents of an announcement, the cues that placed it) holds them joined by
";" in the order given, with no repeats; an empty list is a missing cell. This
is the only place that writes or reads the format, so CSV readers in R or Excel
split on one character and nothing else needs to know.

>>> join_values(["CUB", "HTI", "CUB"])
'CUB;HTI'
>>> split_values("CUB; HTI"), split_values(None)
(['CUB', 'HTI'], [])
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

SEPARATOR = ";"


def join_values(values: Iterable[object]) -> str | None:
    """Return `values` as one cell: distinct, non-empty, in order, joined by ";"; None if none.

    Raises:
        ValueError: a value itself contains the separator, so it could not be read back.
    """
    out: list[str] = []
    for value in values:
        if value is None or (not isinstance(value, str) and pd.isna(value)):
            continue
        text = str(value).strip()
        if SEPARATOR in text:
            raise ValueError(f"value {text!r} contains {SEPARATOR!r}, which separates the values of a cell")
        if text and text not in out:
            out.append(text)
    return SEPARATOR.join(out) or None


def split_values(cell: object) -> list[str]:
    """Return the values in a cell written by `join_values`; [] for an empty or missing cell."""
    if cell is None or (not isinstance(cell, str) and pd.isna(cell)):
        return []
    return [v.strip() for v in str(cell).split(SEPARATOR) if v.strip()]


def split_column(cells: pd.Series) -> pd.Series:
    """Return a column of cells as a column of lists of values (for `explode`)."""
    return cells.map(split_values, na_action=None)


def append_values(cells: pd.Series, new: pd.Series) -> pd.Series:
    """Return `cells` with each non-missing `new` value added to its cell, unless already there."""
    joined = [join_values([*split_values(c), n]) for c, n in zip(cells, new)]
    return pd.Series(pd.array(joined, dtype="string"), index=cells.index)
