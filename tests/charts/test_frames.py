"""The frames charts draw: bounds, and the columns a builder needs (ladfin/charts/frames.py)."""

from __future__ import annotations

import pandas as pd
import pytest
from chart_tables import by_year

from ladfin import charts
from ladfin.charts import frames
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


def test_fold_rare_sums_the_smallest_groups_as_others_and_keeps_every_total():
    # ten announcers in one year: the three largest keep their colour, the other seven are "others"
    table = pd.DataFrame({"year": [2024] * 10, "actor": [f"A{i}" for i in range(10)],
                          "amount_usd": [float(100 - i) for i in range(10)],
                          "amount_usd_low": [float(100 - i) for i in range(10)],
                          "amount_usd_high": [float(100 - i) for i in range(10)], "announcements": [1] * 10})
    folded, note = frames.fold_rare(table, "actor", ["year"], keep=3)
    assert sorted(folded["actor"]) == ["A0", "A1", "A2", "others"]
    assert folded.set_index("actor").at["others", "amount_usd"] == sum(100 - i for i in range(3, 10))
    assert folded["amount_usd"].sum() == table["amount_usd"].sum()
    assert folded.set_index("actor").at["others", "announcements"] == 7
    assert note == ['"others" sums the 7 actors with the smallest totals, so that no two share a colour.']
    # as many groups as colours: nothing to fold
    assert frames.fold_rare(table.head(4), "actor", ["year"], keep=3)[1] == []
