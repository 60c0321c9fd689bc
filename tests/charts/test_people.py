"""People charts: people per year and the targets-and-results grid (ladfin/charts/people.py)."""

from __future__ import annotations

import pytest
from chart_tables import colour, headcounts, inner, marks

from ladfin import charts
from ladfin.charts import theme
from ladfin.errors import LadfinError


def test_people_by_year_colours_statuses_consistently():
    one_measure = headcounts().assign(measure="regularised")
    chart = charts.people_by_year(one_measure, color="status")
    bars = inner(chart)["layer"][0]["encoding"]
    assert bars["y"]["axis"]["labelExpr"] == theme.COUNT_LABELS
    scale = colour(bars)["scale"]
    colours = dict(zip(scale["domain"], scale["range"]))
    assert colours["target"] == charts.STATUS_COLOURS["target"]
    assert colours[charts.NO_STATUS] == charts.STATUS_COLOURS[charts.NO_STATUS]


def test_people_grid():
    chart = charts.people_grid(headcounts().assign(measure="regularised"), column="status")
    body = inner(chart)
    assert marks(body) == ["rect", "text"]
    data = charts.chart_data(chart)
    assert set(data["status_name"]) == {"advancing existing", "target", charts.NO_STATUS}
    assert set(data["actor_name"]) >= {"Ecuador", "Colombia"}


def test_people_grid_puts_each_measure_in_its_own_column():
    data = charts.chart_data(charts.people_grid(headcounts()))
    assert set(data["measure_name"]) == {"regularised", "resettled, admitted or arrived"}
    # Colombia's and Ecuador's regularised people stay apart from the U.S. resettled
    assert data.set_index("actor_name").at["United States", "people"] == 100_000


def test_a_chart_never_adds_two_measures():
    # headcounts() holds regularised and resettled people
    with pytest.raises(LadfinError, match="2 measures .* adds one at a time"):
        charts.people_by_year(headcounts(), color="status")
    with pytest.raises(LadfinError, match="measures"):
        charts.people_grid(headcounts(), column="status")
    drawn = charts.chart_data(charts.people_by_year(headcounts()))  # default: the measures apart
    assert sorted(drawn["measure"]) == ["regularised", "regularised", "resettled"]
