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


def plain_values(cells: pd.Series) -> list:
    """Return a column's cells as Python values, None where missing, in one pass.

    Iterating a pyarrow-backed column makes a pyarrow scalar of every cell, some
    ten times slower than this.
    """
    return cells.to_numpy(dtype=object, na_value=None).tolist()


def append_values(cells: pd.Series, new: pd.Series) -> pd.Series:
    """Return `cells` with each non-missing `new` value added to its cell, unless already there."""
    seen: dict[tuple, str | None] = {}  # a column holds few distinct pairs (flags): each is joined once
    joined = []
    for pair in zip(plain_values(cells), plain_values(new)):
        if pair not in seen:
            seen[pair] = join_values([*split_values(pair[0]), pair[1]])
        joined.append(seen[pair])
    return pd.Series(pd.array(joined, dtype="string"), index=cells.index)
