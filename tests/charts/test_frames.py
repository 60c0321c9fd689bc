"""The frames charts draw: bounds, and the columns a builder needs (ladfin/charts/frames.py)."""

from __future__ import annotations

import pandas as pd
import pytest
from chart_tables import by_year

from ladfin import charts
from ladfin.errors import LadfinError


@pytest.mark.parametrize(
    ("value", "low", "high", "bound"),
    [
        (10.0, 10.0, 10.0, "exact"),
        (10.0, None, None, "exact"),
        (10.0, 10.0, 11.0, "range"),
        (10.0, 9.0, 10.0, "range"),
        (10.0, 10.0, None, "more than (lower bound)"),
        (10.0, 10.0, float("inf"), "more than (lower bound)"),
        (10.0, None, 10.0, "less than (upper bound)"),
    ],
)
def test_bounds(value, low, high, bound):
    got = charts.bounds(pd.Series([value]), pd.Series([low], dtype=float), pd.Series([high], dtype=float))
    assert got.tolist() == [bound]


def test_missing_column_is_named():
    with pytest.raises(LadfinError, match="lacks column.*amount_usd"):
        charts.assistance_by_year(by_year().drop(columns="amount_usd"))
