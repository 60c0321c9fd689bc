"""Finds the amounts a text converts in brackets: "€130 million (US$141.1 million)" is one amount.

A money figure in brackets right after another money figure of its sentence,
in another currency, is that amount converted by the writer ("nearly €130
million (US$141.1 million)", "$75 million (about US$55 million)"): two mentions
of one announcement, never two sums. A bracketed amount far from the first
once both are in US dollars (more than `MAX_RATIO` apart) is no conversion ("$10
million (of which €2 million for shelters)"), and stays a figure of its own.
"""

from __future__ import annotations

import re
from collections.abc import Hashable

import pandas as pd

from ladfin.link.cues import sentences

# What may stand between an amount and its conversion: a bracket and up to two words ("nearly").
CONVERSION_GAP = re.compile(r"\s*\(\s*(?:[^\W\d]+\s+){0,2}")
MAX_RATIO = 1.5  # a conversion at a rate other than the dated one stays well within this
# What reading a conversion takes beyond kind and unit: where each figure sits in which sentence.
SENTENCE_COLUMNS = ("doc", "start", "quote", "sentence", "sentence_start", "block_start", "kind", "unit")


def conversions(figures: pd.DataFrame) -> dict[Hashable, Hashable]:
    """Return {label of a conversion in brackets: label of the amount it converts}.

    Only sentences holding two money figures in different units are read, so
    the cost is that of the few sentences that can hold a conversion. Figures
    without their sentences (`SENTENCE_COLUMNS`) hold none that can be read.
    """
    if not set(SENTENCE_COLUMNS) <= set(figures.columns):
        return {}
    columns = [c for c in (*SENTENCE_COLUMNS, "amount_usd") if c in figures]
    money = figures.loc[figures["kind"].eq("money").fillna(False).to_numpy(dtype=bool), columns]
    where = list(zip(money["doc"].tolist(), money["sentence_start"].tolist()))
    units: dict[tuple, set] = {}
    for key, unit in zip(where, money["unit"].tolist()):
        units.setdefault(key, set()).add(unit)
    money = money[[len(units[key]) > 1 for key in where]]
    if money.empty:
        return {}
    unit = dict(zip(money.index, money["unit"].tolist()))
    usd = dict(zip(money.index, money["amount_usd"].to_numpy(dtype=object, na_value=None).tolist())
               if "amount_usd" in money else [])
    found = {}
    for placed in sentences(money):
        for a, b in zip(placed.figures, placed.figures[1:]):
            if (unit[a.index] != unit[b.index] and CONVERSION_GAP.fullmatch(placed.text, a.to, b.at)
                    and _near(usd.get(a.index), usd.get(b.index))):
                found[b.index] = found.get(a.index, a.index)
    return found


def _near(a: float | None, b: float | None) -> bool:
    """Tell whether two amounts in US dollars are within MAX_RATIO of each other (False if either is unknown)."""
    if a is None or b is None:
        return False
    low, high = sorted((float(a), float(b)))
    return low > 0 and high <= low * MAX_RATIO
