"""Checks for notebook and report parameters: each returns the value to use or raises ParameterError.

Notebooks call these on their parameters cell before anything else, so a run
with a year outside the data or an unknown country stops at once with a
message saying what is allowed. The checks are pure; `country_names` reads the
reference table once.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from datetime import date
from functools import cache
from pathlib import Path

import pandas as pd

from ladfin import paths
from ladfin.core.cells import split_column, split_values
from ladfin.errors import ParameterError

# The parameters of a money notebook, with their defaults, declared once: each
# notebook calling `money_choices` repeats them in its parameters cell (papermill
# reads literals there) and passes them all on; tests/analysis/test_params.py
# checks both, so one params file means the same to every money notebook.
MONEY_PARAMETERS: dict[str, object] = {
    "start_year": 2022,
    "end_year": None,            # None for the latest year the documents cover
    "dollars": "nominal",        # "nominal" or "constant"
    "base_year": 2024,           # the year of constant dollars
    "fx_policy": "on_date",      # "on_date", "annual_average" or "fixed_date"
    "fixed_date": None,          # "YYYY-MM-DD", with fx_policy "fixed_date"
    "statuses": None,            # None for any, or a list such as ["new", "advancing"]
    "include_components": False,
    "include_cumulative": False,
    "include_targets": False,
    "measures": ["new_funding"],  # what money counts: add "existing_funding", "loan", "investment" ...
}


@cache
def _country_table(path: Path) -> dict[str, str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["code"]: row["name_en"] for row in csv.DictReader(handle)}


def country_names() -> dict[str, str]:
    """Return ISO 3166 alpha-3 code -> English name, from data/reference/countries.csv."""
    return dict(_country_table(paths.reference_dir() / "countries.csv"))


def data_years(dates: Iterable) -> list[int]:
    """Return the sorted distinct years of `dates` (event dates of the figures), NA left out.

    >>> data_years(pd.to_datetime(["2024-09-25", "2022-10-06", None]))
    [2022, 2024]
    """
    years = pd.to_datetime(pd.Series(list(dates)), errors="coerce").dt.year.dropna()
    return sorted({int(y) for y in years})


def check_year_range(start_year: int | None, end_year: int | None, years: Iterable[int]) -> tuple[int, int]:
    """Return (start_year, end_year) once both are whole years inside the data, in order.

    Args:
        start_year, end_year: whole years; None for the first or the last year the data
            covers, so a report keeps up with documents of a new year.
        years: the years the data covers, e.g. `data_years(figures["event_date"])`.

    Raises:
        ParameterError: a year is not an integer, lies outside the first to last year
            of the data, or start_year is after end_year.

    >>> check_year_range(2022, 2024, [2022, 2024])
    (2022, 2024)
    >>> check_year_range(2022, None, [2022, 2025])
    (2022, 2025)
    """
    covered = sorted(set(int(y) for y in years))
    if not covered:
        raise ParameterError("the data has no dated figures; run `ladfin build` first")
    span = f"{covered[0]}-{covered[-1]}"
    start_year = covered[0] if start_year is None else start_year
    end_year = covered[-1] if end_year is None else end_year
    for name, year in (("start_year", start_year), ("end_year", end_year)):
        if isinstance(year, bool) or not isinstance(year, int):
            raise ParameterError(f"{name} {year!r} is not a whole year; the data covers {span}")
        if not covered[0] <= year <= covered[-1]:
            raise ParameterError(f"{name} {year} is outside the data, which covers {span}")
    if start_year > end_year:
        raise ParameterError(f"start_year {start_year} is after end_year {end_year}")
    return start_year, end_year


def check_choice(name: str, value: object, allowed: Iterable) -> object:
    """Return `value` if it is one of `allowed`.

    Raises:
        ParameterError: naming the parameter and listing the allowed values.

    >>> check_choice("dollars", "constant", ("nominal", "constant"))
    'constant'
    """
    allowed = list(allowed)
    if value not in allowed:
        raise ParameterError(f"{name} {value!r} is not one of {', '.join(map(repr, allowed))}")
    return value


def check_choices(name: str, values: Iterable | None, allowed: Iterable) -> list | None:
    """Return `values` as a list if each is one of `allowed`; None (meaning all) stays None.

    Raises:
        ParameterError: `values` is a bare string, or any value is not allowed.
    """
    if values is None:
        return None
    if isinstance(values, str):
        raise ParameterError(f"{name} must be a list such as [{values!r}], not a string")
    values = list(values)
    allowed = list(allowed)
    wrong = [v for v in values if v not in allowed]
    if wrong:
        raise ParameterError(f"{name}: {', '.join(map(repr, wrong))} "
                             f"not among {', '.join(map(repr, allowed))}")
    return values


def check_country(code: str, named: Iterable[str], known: dict[str, str] | None = None) -> str:
    """Return `code` upper-cased once it is an ISO 3166 alpha-3 code that the data names.

    Args:
        named: the codes the figures name as actor or recipient.
        known: code -> name of every valid code (default: `country_names()`).

    Raises:
        ParameterError: the code is not ISO alpha-3, or no figure names the country; the
            message lists the countries the data does name.

    >>> check_country("col", ["COL", "ECU"], {"COL": "Colombia", "ECU": "Ecuador"})
    'COL'
    """
    known = country_names() if known is None else known
    named = sorted(set(named))
    listing = ", ".join(f"{c} ({known.get(c, c)})" for c in named)
    if not isinstance(code, str) or code.upper() not in known:
        raise ParameterError(f"country {code!r} is not an ISO 3166 alpha-3 code; the data names {listing}")
    code = code.upper()
    if code not in named:
        raise ParameterError(f"country {code} ({known[code]}) is named in no figure; "
                             f"the data names {listing}")
    return code


def named_countries(figures: pd.DataFrame, known: dict[str, str] | None = None) -> list[str]:
    """Return the sorted ISO alpha-3 codes that figures name as actor or in recipients."""
    known = country_names() if known is None else known
    codes: set[str] = set()
    for cell in figures["actor"].dropna().astype(str):  # a joint announcement names several
        codes.update(split_values(cell))
    for cell in figures["recipients"].dropna().astype(str):
        codes.update(split_values(cell))
    return sorted(c for c in codes if c in known)


def announced_by(figures: pd.DataFrame, code: str | None) -> pd.DataFrame:
    """Return the rows one of whose actors is `code` (all rows for None); a joint announcement counts.

    >>> t = pd.DataFrame({"actor": ["USA", "CRI;USA", "CAN", None]})
    >>> announced_by(t, "USA").index.tolist(), len(announced_by(t, None))
    ([0, 1], 4)
    """
    if code is None:
        return figures
    return figures[split_column(figures["actor"]).map(lambda codes: code in codes).astype(bool)]


def naming_country(figures: pd.DataFrame, code: str) -> pd.DataFrame:
    """Return the figures naming country `code` as actor or among recipients, with a `role_of_country`.

    `role_of_country` is "actor", "recipient" or "actor and recipient".
    """
    actor = split_column(figures["actor"]).map(lambda codes: code in codes).astype(bool)
    recipient = split_column(figures["recipients"]).map(lambda codes: code in codes).astype(bool)
    picked = figures[actor | recipient].copy()
    picked["role_of_country"] = [
        "actor and recipient" if a and r else "actor" if a else "recipient"
        for a, r in zip(actor[actor | recipient], recipient[actor | recipient])
    ]
    return picked.reset_index(drop=True)


def check_date(name: str, value: object) -> date | None:
    """Return `value` ("YYYY-MM-DD", or a date) as a date; None stays None.

    Raises:
        ParameterError: the value is not an ISO date.

    >>> check_date("fixed_date", "2024-01-02")
    datetime.date(2024, 1, 2)
    """
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ParameterError(f"{name} {value!r} is not a date written YYYY-MM-DD") from None


def money_choices(
    figures: pd.DataFrame, *, start_year: int | None, end_year: int | None, dollars: str, base_year: int,
    fx_policy: str, fixed_date: object = None, statuses: Iterable[str] | None = None,
    include_components: bool = False, include_cumulative: bool = False,
    include_targets: bool = False, measures: Iterable[str] = ("new_funding",),
) -> tuple[dict, dict]:
    """Check a money notebook's parameters; return (selection, money) for `ladfin.assistance`.

    `selection` says which announcements count (checked years, measures,
    statuses, parts, running totals, targets); `money` how they are valued (dollars, base year,
    exchange-rate policy, fixed date), the keywords the chart functions take too.
    Its keywords are MONEY_PARAMETERS, the parameters every money notebook declares.

    Raises:
        ParameterError: a year lies outside the data or a date is not YYYY-MM-DD.

    >>> figures = pd.DataFrame({"event_date": pd.to_datetime(["2022-10-06", "2024-09-25"])})
    >>> selection, money = money_choices(figures, start_year=2022, end_year=2024,
    ...     dollars="nominal", base_year=2024, fx_policy="fixed_date", fixed_date="2024-01-02")
    >>> selection["end_year"], money["fixed_date"]
    (2024, datetime.date(2024, 1, 2))
    """
    start_year, end_year = check_year_range(start_year, end_year, data_years(figures["event_date"]))
    money = dict(dollars=dollars, base_year=base_year, fx_policy=fx_policy,
                 fixed_date=check_date("fixed_date", fixed_date))
    selection = dict(start_year=start_year, end_year=end_year,
                     measures=list(measures),
                     statuses=statuses,
                     include_components=include_components, include_cumulative=include_cumulative,
                     include_targets=include_targets)
    return selection, money
