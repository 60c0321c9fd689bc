"""Charts of single figures: points with their quotes, counts, totals against parts
(ladfin/charts/points.py)."""

from __future__ import annotations

import pandas as pd
import pytest
from chart_tables import documents, figures, inner

from ladfin import charts
from ladfin.errors import ParameterError


def test_figure_points_tooltips_carry_quote_document_event():
    chart = charts.figure_points(figures(), documents(), color="role")
    body = inner(chart)
    filled, hollow = body["layer"]
    assert (filled["mark"]["filled"], hollow["mark"]["filled"]) == (True, False)
    enc = filled["encoding"]
    assert enc["x"]["scale"]["type"] == "log"
    assert enc["shape"]["field"] == "hedge" and enc["color"]["field"] == "role_name"
    assert {"quote_text", "document", "event", "label", "hedge"} <= {t["field"] for t in enc["tooltip"]}
    data = charts.chart_data(chart)
    assert data["currency"].tolist().count(list(charts.CURRENCY_LEGEND)[1]) == 1
    assert any("Hollow points" in line for line in chart.to_dict()["title"]["text"])


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
