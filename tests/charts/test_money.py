"""Money charts: assistance per year, event and category, and the pillar-by-actor grid
(ladfin/charts/money.py)."""

from __future__ import annotations

import pytest
from chart_tables import SOURCES, by_event, by_year, colour, inner, marks, pillar_actor

from ladfin import charts
from ladfin.charts import theme


def test_assistance_by_year():
    chart = charts.assistance_by_year(by_year(), color="actor", years=range(2022, 2025), sources=SOURCES)
    spec = chart.to_dict()
    body = spec["vconcat"][0]
    assert marks(body)[:3] == ["bar", "rule", "point"] and "text" in marks(body)
    bars = body["layer"][0]["encoding"]
    assert (bars["x"]["field"], bars["x"]["type"]) == ("year", "ordinal")
    assert bars["x"]["scale"]["domain"] == [2022, 2023, 2024]  # the empty year stays on the axis
    assert (bars["y"]["field"], bars["y"]["type"]) == ("amount_usd", "quantitative")
    assert bars["y"]["axis"]["labelExpr"] == theme.USD_LABELS
    assert colour(bars)["field"] == "actor_name" and bars["xOffset"]["field"] == "actor_name"
    assert bars["opacity"]["field"] == "currency"  # one amount rests on an assumed currency
    ranges = body["layer"][1]["encoding"]
    assert (ranges["y"]["field"], ranges["y2"]["field"]) == ("range_low", "range_high")
    assert body["title"]["text"] == "Assistance announced, by year"
    assert body["title"]["subtitle"][0].startswith("Nominal US dollars")
    footnote = spec["title"]
    assert footnote["orient"] == "bottom" and footnote["text"][-1] == SOURCES[0]
    tooltips = {t["field"] for t in bars["tooltip"]}
    # the amount as the text states it ("more than $1.27B") replaced the bare number (`label`) on purpose
    assert {"year", "actor_name", "value_text", "range_label", "announcements", "currency"} <= tooltips


def test_assistance_by_year_in_constant_dollars_says_so():
    chart = charts.assistance_by_year(by_year(), dollars="constant", base_year=2024)
    assert inner(chart)["title"]["subtitle"][0].startswith("Constant 2024 US dollars")


def test_no_currency_legend_without_assumed_currency():
    table = by_year().assign(has_assumed_currency=False)
    assert "opacity" not in inner(charts.assistance_by_year(table))["layer"][0]["encoding"]


def test_assistance_by_event_sorts_by_date_and_marks_lower_bounds():
    chart = charts.assistance_by_event(by_event())
    body = inner(chart)
    bars = body["layer"][0]["encoding"]
    assert bars["y"]["sort"] == ["First Ministerial (Oct 2022)", "Fourth Ministerial (Sep 2024)"]
    assert bars["x"]["field"] == "amount_usd"
    data = charts.chart_data(chart)
    assert data.set_index("event_name").loc["Fourth Ministerial", "bound"] == "more than (lower bound)"
    assert body["layer"][2]["encoding"]["shape"]["field"] == "bound"
    notes = chart.to_dict()["title"]["text"]
    assert any("Triangles" in line for line in notes) and any("Lines span a range" in line for line in notes)


def test_assistance_by_category_sums_years_and_keeps_bounds():
    chart = charts.assistance_by_category(pillar_actor(), "actor")
    data = charts.chart_data(chart).set_index("actor")
    assert data.loc["USA", "amount_usd"] == pytest.approx(260e6)
    assert data.loc["USA", "amount_usd_high"] == pytest.approx(284e6)
    assert inner(chart)["layer"][0]["encoding"]["y"]["sort"][0] == "United States"


def test_pillar_actor_grid():
    chart = charts.pillar_actor_grid(pillar_actor())
    body = inner(chart)
    assert marks(body) == ["rect", "text"]
    assert body["layer"][0]["encoding"]["color"]["field"] == "amount_usd"
    enc = body["layer"][0]["encoding"]
    assert (enc["x"]["field"], enc["y"]["field"]) == ("pillar_name", "actor_name")
    data = charts.chart_data(chart)
    cells = dict(zip(zip(data["actor"], data["pillar"]), data["cell"]))
    assert cells[("USA", 0)] == "$240M+"  # "more than": bounds above the value
    assert cells[("USA", 1)] == "$20M" and cells[("CAN", 1)] == "$40.9M*"
