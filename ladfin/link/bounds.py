"""The bounds a figure's qualifier allows: "over $240 million" lies between 240 and 264 million.

over: low = value, high = value * (1 + margin); under ("nearly"): low = value *
(1 - margin), high = value; approx: both sides; exact: low = high = value. A
range keeps its own ends, widened the same way. The margin is 10% unless a
caller passes another: the texts never say how far "more than" reaches.
"""

from __future__ import annotations

import pandas as pd

from ladfin.core.vocab import MARGIN

_LOW = {"under": -1.0, "approx": -1.0}
_HIGH = {"over": 1.0, "approx": 1.0}


def factors(qualifier: str, margin: float = MARGIN) -> tuple[float, float]:
    """Return (low, high) multipliers of the value for a qualifier.

    >>> factors("over"), factors("under"), factors("exact")
    ((1.0, 1.1), (0.9, 1.0), (1.0, 1.0))
    """
    return 1.0 + _LOW.get(qualifier, 0.0) * margin, 1.0 + _HIGH.get(qualifier, 0.0) * margin


def _factor_columns(qualifiers: pd.Series, margin: float) -> tuple[pd.Series, pd.Series]:
    pairs = [factors(q, margin) if isinstance(q, str) else (1.0, 1.0) for q in qualifiers]
    low = pd.Series([p[0] for p in pairs], index=qualifiers.index, dtype="Float64")
    high = pd.Series([p[1] for p in pairs], index=qualifiers.index, dtype="Float64")
    return low, high


def add_bounds(frame: pd.DataFrame, *, margin: float = MARGIN) -> pd.DataFrame:
    """Return `frame` with bounds from its qualifiers: value_low and value_high, and in USD.

    Takes figure rows, where `value_high` and `amount_usd_high` are the upper
    ends of ranges (empty if none), and returns them as bounds:
    `value_low`, `value_high`, `amount_usd_low`, `amount_usd_high` (the USD pair
    only if `amount_usd` is there). `value` and `amount_usd` stay the point.
    """
    low, high = _factor_columns(frame["qualifier"], margin)
    value = pd.to_numeric(frame["value"]).astype("Float64")
    top = pd.to_numeric(frame["value_high"]).astype("Float64").fillna(value)
    out = frame.assign(value_low=value * low, value_high=top * high)
    if "amount_usd" in frame:
        usd = pd.to_numeric(frame["amount_usd"]).astype("Float64")
        usd_top = pd.to_numeric(frame["amount_usd_high"]).astype("Float64").fillna(usd)
        out = out.assign(amount_usd_low=usd * low, amount_usd_high=usd_top * high)
    return out


def overlap(low_a: float, high_a: float, low_b: float, high_b: float, *, rel: float = 1e-9) -> bool:
    """Tell whether two intervals share a point (touching counts, within a relative tolerance)."""
    slack = rel * max(abs(high_a), abs(high_b), 1.0)
    return low_a <= high_b + slack and low_b <= high_a + slack
