"""Numbers as briefings write them: $1.29B, 547K, 547K people; the formats the chart axes use too.

The charts' axes write numbers with d3-format (".3~s", G read as B); these write
the same in Python, for labels, tables and the command line.
"""

from __future__ import annotations

import pandas as pd

_PREFIXES = ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K"), (1.0, ""))


def format_si(value: float | None, digits: int = 3) -> str:
    """Return `value` with `digits` significant digits and a K/M/B/T suffix, as the axes show it.

    Matches the charts' d3 format (".3~s", G written B): an empty string for a
    missing value.

    >>> format_si(578_000_000), format_si(1_200_000_000), format_si(547_000), format_si(999_999)
    ('578M', '1.2B', '547K', '1M')
    """
    if pd.isna(value):
        return ""
    value = float(value)
    if value == 0:
        return "0"
    rounded = float(f"{abs(value):.{digits}g}")
    scale, suffix = next(((s, p) for s, p in _PREFIXES if rounded >= s), (1.0, ""))
    mantissa = f"{rounded / scale:.{digits}g}"
    sign = "-" if value < 0 else ""
    return f"{sign}{float(mantissa):g}{suffix}"


def format_usd(value: float | None) -> str:
    """Return a dollar amount as briefings write it: "$1.2B", "$578M", "$55.9M"; "" if missing.

    >>> format_usd(1_234_000_000), format_usd(55_900_000)
    ('$1.23B', '$55.9M')
    """
    text = format_si(value)
    if not text:
        return ""
    return f"-${text[1:]}" if text.startswith("-") else f"${text}"


def format_people(value: float | None) -> str:
    """Return a headcount as briefings write it: "547K people"; "" if missing.

    >>> format_people(547_000), format_people(1)
    ('547K people', '1 person')
    """
    text = format_si(value)
    if not text:
        return ""
    return f"{text} {'person' if text == '1' else 'people'}"
