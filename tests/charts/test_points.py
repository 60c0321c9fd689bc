"""Charts of single figures: points with their quotes, counts, totals against parts
(ladfin/charts/points.py)."""

from __future__ import annotations

import pandas as pd
import pytest
from chart_tables import SCRIPT, documents, figures, inner

from ladfin import charts
from ladfin.errors import ParameterError


def test_figure_points_labels_each_row_and_tooltips_carry_sentence_document_event():
    chart = charts.figure_points(figures(), documents(), color="role")
    body = inner(chart)
    assert body["facet"]["row"]["field"] == "event"  # one panel per event, its rows only
    filled, hollow, text = body["spec"]["layer"]
    assert (filled["mark"]["filled"], hollow["mark"]["filled"]) == (True, False)
    enc = filled["encoding"]
    assert enc["x"]["scale"]["type"] == "log"
    assert enc["shape"]["field"] == "hedge_name" and enc["color"]["field"] == "role_name"
    assert {"sentence_text", "quote_text", "document", "event", "value_text", "span"} <= {
        t["field"] for t in enc["tooltip"]}
    assert text["mark"]["type"] == "text" and text["encoding"]["text"]["field"] == "value_text"
    data = charts.chart_data(chart).set_index("start")
    # the hedge as the text writes it, the assumed currency starred
    assert data.loc[10, "value_text"] == "more than $686M"
    assert data.loc[30, "value_text"] == "nearly $817M" and data.loc[20, "value_text"] == "$40.9M*"
    assert data.loc[30, "row_text"] == "United States: Along with nearly $817 million in assistance, the United\u2026"
    assert data.loc[10, "span"] == f"a.txt, chars 10-{32 + len(SCRIPT)}"
    assert data["currency"].tolist().count(list(charts.CURRENCY_LEGEND)[1]) == 1
    assert any("Hollow points" in line for line in chart.to_dict()["title"]["text"])


def test_figure_points_briefing_ranks_bars_and_draws_no_hedge_shapes():
    chart = charts.figure_points(figures(), documents(), variant="briefing")
    bars, text = inner(chart)["spec"]["layer"]
    assert bars["mark"]["type"] == "bar" and "shape" not in bars["encoding"]
    assert bars["encoding"]["x"]["scale"].get("type") is None  # linear, from zero
    assert text["encoding"]["text"]["field"] == "value_text"
    notes = " ".join(chart.to_dict()["title"]["text"])
    assert "Hollow" not in notes and "* the text writes only $ or pesos" in notes


def test_figure_points_draws_only_the_largest_rows_past_its_limit_and_says_so():
    chart = charts.figure_points(figures(), documents(), limit=2)
    drawn = charts.chart_data(chart)
    assert sorted(drawn["amount_usd"]) == [686e6, 817e6]  # $40.9M, the smallest, is left out
    notes = " ".join(chart.to_dict()["title"]["text"])
    assert "Only the 2 largest of 3 rows are drawn" in notes
    every = charts.figure_points(figures(), documents(), limit=None)
    assert len(charts.chart_data(every)) == 3 and "largest of" not in " ".join(every.to_dict()["title"]["text"])
    exactly = charts.figure_points(figures(), documents(), limit=3)
    assert "largest of" not in " ".join(exactly.to_dict()["title"]["text"])


@pytest.mark.parametrize("limit", [0, -1, 2.5, "10", True])
def test_figure_points_rejects_a_limit_that_is_no_number_of_rows(limit):
    with pytest.raises(ParameterError, match="limit must be a whole number of rows"):
        charts.figure_points(figures(), documents(), limit=limit)


def test_figure_points_rejects_unknown_grouping():
    with pytest.raises(ParameterError, match="by and color"):
        charts.figure_points(figures(), documents(), by="colour")


def test_parts_vs_totals_and_counts_by():
    chart = charts.parts_vs_totals(figures())
    data = charts.chart_data(chart)
    assert sorted(data["measure"]) == ["sum of its parts", "total as announced"]
    assert "parts do not add up" in set(data["check"])
    counted = charts.chart_data(charts.counts_by(pd.DataFrame({"reason": ["date", "date", "year"]}), "reason",
                                                 title="Reasons"))
    assert dict(zip(counted["reason"], counted["rows"])) == {"date": 2, "year": 1}


def test_counts_by_counts_a_cell_of_several_values_under_each_and_names_them():
    flags = pd.DataFrame({"flag": ["approximate_date", "approximate_date;no_rate_for_currency", None]})
    counted = charts.chart_data(charts.counts_by(flags, "flag", title="Flags"))
    assert dict(zip(counted["flag"], counted["rows"])) == {"approximate_date": 2, "no_rate_for_currency": 1,
                                                           "(none)": 1}
    measures = pd.DataFrame({"measure": ["in_need", "in_need", "new_funding"]})
    named = charts.chart_data(charts.counts_by(measures, "measure", title="Measures", label=charts.measure_label))
    assert dict(zip(named["measure"], named["rows"])) == {"in need, displaced or resident": 2,
                                                          "new money announced": 1}
