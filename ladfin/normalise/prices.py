"""Constant dollars: USD amounts deflated with the US CPI-U bundled in the `cpi` package.

The `cpi` package ships BLS series CUUR0000SA0 (CPI-U, all items, US city
average, not seasonally adjusted) and makes no network call; ladfin never
calls `cpi.update()`, so results depend only on the installed package version.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from datetime import date
from functools import cache

import pandas as pd

from ladfin.core.cells import append_values
from ladfin.core.vocab import constant_column
from ladfin.errors import ParameterError

DOLLAR_COLUMNS = ("amount_usd", "amount_usd_high", "amount_usd_alt")


@cache
def _cpi_module():
    """Return the imported `cpi` package, hiding only its stale-data warning.

    The warning compares the bundled data with today's date; ladfin only needs
    the months it looks up, and a missing month is flagged per row.
    """
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="CPI data is out of date")
        import cpi
    return cpi


@cache
def cpi_index(period: int | date) -> float | None:
    """Return the CPI-U for a year (annual average) or a month (`date`), or None if not covered."""
    cpi = _cpi_module()
    try:
        return float(cpi.get(period))
    except cpi.errors.CPIObjectDoesNotExist:
        return None


@cache
def cpi_coverage() -> tuple[date, date, int, int]:
    """Return the first and last month, and the first and last year with an annual average, of the CPI-U.

    Months are given as their first day, from the series bundled in the installed `cpi` package.
    """
    table = _cpi_module().series.get().to_dataframe()
    months = pd.to_datetime(table.loc[table["period_type"] == "monthly", "date"])
    years = table.loc[table["period_type"] == "annual", "year"].astype(int)
    return months.min().date(), months.max().date(), int(years.min()), int(years.max())


def add_constant_dollars(
    frame: pd.DataFrame,
    *,
    base_year: int = 2024,
    columns: Sequence[str] = DOLLAR_COLUMNS,
) -> pd.DataFrame:
    """Return `frame` with each of `columns` present also in constant `base_year` dollars.

    `amount_usd` becomes `amount_usd_<base_year>`, `amount_usd_high`
    `amount_usd_<base_year>_high`, and so on (see `constant_column`). An amount
    is multiplied by CPI(`base_year` annual average) / CPI(month of its `date`).

    Convention: an amount announced in `base_year` itself is left unchanged
    (factor 1), so constant base-year dollars equal nominal dollars for figures
    of the base year, whatever the month.

    A row with an amount but no `date` is flagged `no_date`; one whose month the
    CPI does not cover is flagged `no_cpi_for_date`. Both are kept, with NA in
    the new columns.

    Raises:
        ParameterError: `base_year` has no annual CPI, or no column in `columns`
            is in `frame`.
    """
    present = [c for c in columns if c in frame.columns]
    if not present:
        raise ParameterError(f"none of the columns {list(columns)} is in the table")
    target = cpi_index(int(base_year))
    if target is None:
        raise ParameterError(
            f"base_year {base_year} has no annual CPI-U average in the installed cpi package; "
            "choose an earlier year"
        )
    out = frame.copy()
    amounts = out[present].apply(pd.to_numeric).astype("Float64")
    has_amount = amounts.notna().any(axis=1)
    factors, flags = [], []
    stamps = pd.to_datetime(out["date"])  # year and month as plain numbers: a Timestamp a row is slow
    years = stamps.dt.year.to_numpy(dtype=float, na_value=float("nan")).tolist()
    months = stamps.dt.month.to_numpy(dtype=float, na_value=float("nan")).tolist()
    for year, month, needed in zip(years, months, has_amount.tolist()):
        factor, why = None, None
        if not needed:
            pass
        elif year != year:  # NaN: no date
            why = "no_date"
        elif year == base_year:
            factor = 1.0
        elif (source := cpi_index(date(int(year), int(month), 1))) is None:
            why = "no_cpi_for_date"
        else:
            factor = target / source
        factors.append(factor)
        flags.append(why)
    factor = pd.Series(pd.array(factors, dtype="Float64"), index=out.index)
    for column in present:
        out[constant_column(column, base_year)] = amounts[column] * factor
    new = pd.Series(pd.array(flags, dtype="string"), index=out.index)
    out["flag"] = append_values(out["flag"], new) if "flag" in out else new
    return out
