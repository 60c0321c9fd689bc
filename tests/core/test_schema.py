"""Tests for ladfin/core/schema.py's checks: the column-wise pass lets through only what pandera passes."""

from __future__ import annotations

import pandas as pd
import pytest

from ladfin.core import schema
from ladfin.errors import SchemaError


def rates() -> pd.DataFrame:
    """Two exchange rates written for this test, each cell as the rates_used table declares it."""
    return schema.frame([
        {"currency": "CAD", "fx_date": "2024-05-01", "fx_rate": 0.73, "fx_source": "ecb", "fx_policy": "on_date"},
        {"currency": "EUR", "fx_date": "2024-05-01", "fx_rate": 1.07, "fx_source": "ecb", "fx_policy": "on_date"},
    ], "rates_used")


def test_a_sound_table_passes_both_ways():
    table = rates()
    assert schema._plainly_valid(table, "rates_used")
    schema.pandera_schema("rates_used").validate(table)
    pd.testing.assert_frame_equal(schema.check(table, "rates_used"), table)


BROKEN = {
    "an empty required cell": (lambda t: t.assign(currency=pd.array(["CAD", None], dtype="string")), "currency"),
    "a value outside its set": (lambda t: t.assign(fx_policy=pd.array(["on_date", "weekly"], dtype="string")),
                                "weekly"),
    "a repeated key": (lambda t: t.assign(currency=pd.array(["CAD", "CAD"], dtype="string")), "currency"),
}


@pytest.mark.parametrize("problem", list(BROKEN))
def test_a_table_with_a_problem_goes_to_pandera_which_names_it(problem):
    broken, named = BROKEN[problem]
    table = broken(rates())
    assert not schema._plainly_valid(table, "rates_used")
    with pytest.raises(SchemaError, match=rf"table rates_used: \d+ problem\(s\)(.|\n)*{named}"):
        schema.check(table, "rates_used")


def test_a_column_of_another_type_or_out_of_order_is_not_plainly_valid():
    table = rates()
    assert not schema._plainly_valid(table.assign(fx_rate=table["fx_rate"].astype("float64")), "rates_used")
    assert not schema._plainly_valid(table[list(reversed(table.columns))], "rates_used")
    assert not schema._plainly_valid(table.assign(extra=1), "rates_used")
