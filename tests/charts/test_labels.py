"""The words on charts: the dollars subtitle and source footnotes (ladfin/charts/labels.py)."""

from __future__ import annotations

import pandas as pd
import pytest
from chart_tables import documents

from ladfin import charts
from ladfin.errors import ParameterError


def test_dollars_note():
    assert charts.dollars_note("nominal").startswith("Nominal US dollars")
    assert "Constant 2023 US dollars" in charts.dollars_note("constant", 2023)
    assert "average exchange rate" in charts.dollars_note(fx_policy="annual_average")


@pytest.mark.parametrize(("dollars", "policy", "match"),
                         [("real", "on_date", "dollars 'real'"), ("nominal", "spot", "fx_policy 'spot'")])
def test_dollars_note_rejects_unknown_words(dollars, policy, match):
    with pytest.raises(ParameterError, match=match):
        charts.dollars_note(dollars, fx_policy=policy)


def test_source_lines_name_each_publisher_and_wrap():
    lines = charts.source_lines(documents(), width=60)
    text = " ".join(lines)
    assert lines[0].startswith("Sources: ")
    assert "The White House (1 document, 2024)" in text and "U.S. Department of State (1 document, 2022)" in text
    assert all(len(line) <= 60 for line in lines)
    assert charts.source_lines(documents(), ["b.txt"])[0].startswith("Sources: U.S. Department of State")


def test_past_the_most_publishers_the_rest_are_counted():
    # Publisher A has 3 documents, B 2, C, D and E one each: two named, three counted (3 documents).
    names = ["A"] * 3 + ["B"] * 2 + ["C", "D", "E"]
    table = pd.DataFrame({"doc": [f"{i}.txt" for i in range(8)], "publisher": names,
                          "published": pd.to_datetime(["2024-01-01"] * 8)})
    text = " ".join(charts.source_lines(table, most=2, width=200))
    assert text == ("Sources: A (3 documents, 2024); B (2 documents, 2024); 3 other publishers (3 documents); "
                    "full list in data/raw/catalog.csv.")
    assert "E (1 document" in " ".join(charts.source_lines(table, width=200))  # at most 8 by default


def test_a_chart_by_year_says_how_many_documents_have_no_date():
    # three documents with figures, two of them undated; one undated document holds no figure
    docs = pd.DataFrame({"event_date": pd.to_datetime(["2022-10-06", None, None, None]), "figures": [4, 3, 1, 0]})
    assert charts.undated_note(docs) == [
        "Not shown: 2 documents with figures have no date in the catalog, so no year (see the data audit)."]
    assert charts.undated_note(docs.iloc[:1]) == []
