"""Notebook parameter checks that build keyword sets for the library."""

from __future__ import annotations

import doctest
from datetime import date

import pandas as pd
import pytest

from ladfin.analysis import params
from ladfin.errors import ParameterError

FIGURES = pd.DataFrame({"event_date": pd.to_datetime(["2022-10-06", "2023-05-01", "2024-09-25"])})
DEFAULTS = dict(start_year=2022, end_year=2024, dollars="constant", base_year=2023, fx_policy="on_date")


def test_money_choices_split_what_counts_from_how_it_is_valued():
    selection, money = params.money_choices(FIGURES, **DEFAULTS, statuses=["new"], include_targets=True)
    assert selection == dict(start_year=2022, end_year=2024, statuses=["new"], include_components=False,
                             include_cumulative=False, include_targets=True)
    assert money == dict(dollars="constant", base_year=2023, fx_policy="on_date", fixed_date=None)


def test_money_choices_read_a_fixed_date():
    _, money = params.money_choices(FIGURES, **dict(DEFAULTS, fx_policy="fixed_date"), fixed_date="2024-03-01")
    assert money["fixed_date"] == date(2024, 3, 1)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (dict(start_year=2019), "start_year 2019 is outside the data, which covers 2022-2024"),
        (dict(start_year=2024, end_year=2023), "start_year 2024 is after end_year 2023"),
        (dict(fixed_date="March 2024"), "fixed_date 'March 2024' is not a date written YYYY-MM-DD"),
    ],
)
def test_money_choices_refuse_bad_parameters_with_what_is_allowed(change, message):
    with pytest.raises(ParameterError, match=message):
        params.money_choices(FIGURES, **dict(DEFAULTS, **change))


def test_doctests():
    assert doctest.testmod(params).failed == 0
