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
    money = figures[figures["kind"].eq("money").fillna(False)]
    if money.empty:
        return {}
    sentence = money["sentence_start"].astype("Int64").astype(str) + "@" + money["doc"].astype(str)
    units = money.groupby(sentence)["unit"].nunique()
    money = money[sentence.map(units).gt(1).to_numpy()]
    if money.empty:
        return {}
    unit, usd = money["unit"], money["amount_usd"] if "amount_usd" in money else None
    found = {}
    for placed in sentences(money):
        for a, b in zip(placed.figures, placed.figures[1:]):
            if (unit[a.index] != unit[b.index] and CONVERSION_GAP.fullmatch(placed.text, a.to, b.at)
                    and _near(usd, a.index, b.index)):
                found[b.index] = found.get(a.index, a.index)
    return found


def _near(usd: pd.Series | None, a: Hashable, b: Hashable) -> bool:
    """Tell whether two amounts, in US dollars, are within MAX_RATIO of each other (False if unknown)."""
    if usd is None or pd.isna(usd[a]) or pd.isna(usd[b]):
        return False
    low, high = sorted((float(usd[a]), float(usd[b])))
    return low > 0 and high <= low * MAX_RATIO
