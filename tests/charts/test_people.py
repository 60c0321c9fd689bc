"""People charts: people per year and the targets-and-results grid (ladfin/charts/people.py)."""

from __future__ import annotations

from chart_tables import headcounts, inner, marks

from ladfin import charts
from ladfin.charts import theme


def test_people_by_year_colours_statuses_consistently():
    chart = charts.people_by_year(headcounts(), color="status")
    bars = inner(chart)["layer"][0]["encoding"]
    assert bars["y"]["axis"]["labelExpr"] == theme.COUNT_LABELS
    scale = bars["color"]["scale"]
    colours = dict(zip(scale["domain"], scale["range"]))
    assert colours["target"] == charts.STATUS_COLOURS["target"]
    assert colours[charts.NO_STATUS] == charts.STATUS_COLOURS[charts.NO_STATUS]


def test_people_grid():
    chart = charts.people_grid(headcounts())
    body = inner(chart)
    assert marks(body) == ["rect", "text"]
    data = charts.chart_data(chart)
    assert set(data["status_name"]) == {"advancing existing", "target", charts.NO_STATUS}
    assert set(data["actor_name"]) >= {"Ecuador", "Colombia"}
