"""The bounds a figure's hedge states: "more than $686 million" is at least 686 million, no more said.

As the text states it (the default): over ("more than") is a lower bound with
an open top, under ("nearly", "up to") an upper bound with an open bottom,
approx ("about") a point whose spread is unknown (both ends open), exact a
point (both ends the value). A range keeps its written ends; its hedge opens
the end it points to. An open end is an empty cell, never a made-up number.

A caller may assume a spread instead (`margin=0.1`: over reaches 10% above
the value, under 10% below, approx both): then every end is filled, and what
draws them must say the margin is assumed. `factors` gives those multipliers,
which `ladfin.link.roles` also uses to check whether parts can add up to a
total.
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


_OPEN_LOW = ("under", "approx")  # hedges that leave the bottom end unstated
_OPEN_HIGH = ("over", "approx")  # and the top end


def _open_ends(qualifiers: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Return (low end stated, high end stated) for each qualifier, as booleans."""
    q = qualifiers.astype("string")
    return ~q.isin(_OPEN_LOW).fillna(False), ~q.isin(_OPEN_HIGH).fillna(False)


def add_bounds(frame: pd.DataFrame, *, margin: float | None = None) -> pd.DataFrame:
    """Return `frame` with bounds from its qualifiers: value_low and value_high, and in USD.

    Takes figure rows, where `value_high` and `amount_usd_high` are the upper
    ends of ranges (empty if none), and returns them as bounds:
    `value_low`, `value_high`, `amount_usd_low`, `amount_usd_high` (the USD pair
    only if `amount_usd` is there). `value` and `amount_usd` stay the point.
    With no `margin` an end the hedge leaves open is empty; with a margin it is
    the value widened by it (an assumption the caller must state).

    >>> f = pd.DataFrame({"qualifier": ["over", "under", "approx", "exact"], "value": [10.0] * 4,
    ...                   "value_high": [None] * 4})
    >>> add_bounds(f)[["value_low", "value_high"]].astype(object).where(lambda d: d.notna(), None).values.tolist()
    [[10.0, None], [None, 10.0], [None, None], [10.0, 10.0]]
    >>> add_bounds(f, margin=0.1)["value_high"].round(6).tolist()
    [11.0, 10.0, 11.0, 10.0]
    """
    value = pd.to_numeric(frame["value"]).astype("Float64")
    top = pd.to_numeric(frame["value_high"]).astype("Float64").fillna(value)
    if margin is None:
        low_known, high_known = _open_ends(frame["qualifier"])
        out = frame.assign(value_low=value.where(low_known), value_high=top.where(high_known))
        if "amount_usd" in frame:
            usd = pd.to_numeric(frame["amount_usd"]).astype("Float64")
            usd_top = pd.to_numeric(frame["amount_usd_high"]).astype("Float64").fillna(usd)
            out = out.assign(amount_usd_low=usd.where(low_known), amount_usd_high=usd_top.where(high_known))
        return out
    low, high = _factor_columns(frame["qualifier"], margin)
    out = frame.assign(value_low=value * low, value_high=top * high)
    if "amount_usd" in frame:
        usd = pd.to_numeric(frame["amount_usd"]).astype("Float64")
        usd_top = pd.to_numeric(frame["amount_usd_high"]).astype("Float64").fillna(usd)
        out = out.assign(amount_usd_low=usd * low, amount_usd_high=usd_top * high)
    return out


def assume_margin(frame: pd.DataFrame, margin: float, *, pairs=(("value", "value_low", "value_high"),
                  ("amount_usd", "amount_usd_low", "amount_usd_high"))) -> pd.DataFrame:
    """Return `frame` with the ends its hedges leave open filled by an assumed `margin`, and `margin_assumed`.

    An open low end becomes value * (1 - margin), an open high end value *
    (1 + margin); stated ends stay. The column `margin_assumed` carries the
    margin, so whatever draws the bounds can say they are an assumption.

    >>> f = pd.DataFrame({"value": [10.0, 10.0], "value_low": [10.0, None], "value_high": [None, 10.0]})
    >>> out = assume_margin(f, 0.1, pairs=(("value", "value_low", "value_high"),))
    >>> out[["value_low", "value_high"]].values.tolist()
    [[10.0, 11.0], [9.0, 10.0]]
    """
    out = frame.copy()
    for point, low, high in pairs:
        if point not in out:
            continue
        value = pd.to_numeric(out[point]).astype("Float64")
        out[low] = pd.to_numeric(out[low]).astype("Float64").fillna(value * (1 - margin))
        out[high] = pd.to_numeric(out[high]).astype("Float64").fillna(value * (1 + margin))
    return out.assign(margin_assumed=pd.array([margin] * len(out), dtype="Float64"))


def overlap(low_a: float, high_a: float, low_b: float, high_b: float, *, rel: float = 1e-9) -> bool:
    """Tell whether two intervals share a point (touching counts, within a relative tolerance)."""
    slack = rel * max(abs(high_a), abs(high_b), 1.0)
    return low_a <= high_b + slack and low_b <= high_a + slack
