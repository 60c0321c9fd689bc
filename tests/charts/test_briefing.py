"""Briefing-grade charts, through their specs: amounts labelled as the texts state them, slots without
documents marked, captions saying what is counted, one colour for one thing, and the briefing variant
beside the analyst one (ladfin/charts/marks.py, money.py, people.py, labels.py)."""

from __future__ import annotations

import pandas as pd
import pytest
from chart_tables import by_event, by_year, colour, documents, headcounts, inner, pillar_actor, texts

from ladfin import charts


def footnote(chart) -> str:
    return " ".join(chart.to_dict()["title"]["text"])


def labels_of(chart) -> set[str]:
    return set(charts.chart_data(chart)["value_text"])


# ---------------------------------------------------------------- labels

def test_every_bar_carries_its_amount_as_the_text_states_it():
    chart = charts.assistance_by_event(by_event())
    shown = [layer["encoding"]["text"]["field"] for layer in texts(inner(chart))]
    assert shown == ["value_text"]
    # 686 "more than" (open above); 620 a range to 675
    assert labels_of(chart) == {"more than $686M", "$620M to $675M"}


def test_grouped_year_bars_turn_their_labels_up_and_leave_room_for_them():
    # Grouped bars are about 30 px wide: a label across them ran into its neighbours'.
    chart = charts.assistance_by_year(by_year(), color="actor", years=[2022, 2024])
    data = charts.chart_data(chart).set_index(["year", "actor"])
    assert data.loc[(2024, "USA"), "value_text"] == "$1.29B to $1.36B"
    assert data.loc[(2022, "CAN"), "value_text"] == "$40.9M*"  # an assumed currency is starred
    (label,) = texts(inner(chart))
    assert label["encoding"]["text"]["field"] == "value_text"
    assert (label["mark"]["angle"], label["mark"]["align"]) == (270, "left")
    # the axis reaches past the tallest bar by the longest label (16 characters, about 124 px of 300)
    top = inner(chart)["layer"][0]["encoding"]["y"]["scale"]["domainMax"]
    tallest = float(data["label_at"].max())
    assert top > tallest * 1.5
    ungrouped = charts.assistance_by_year(by_year(), years=[2022, 2024])
    assert "angle" not in texts(inner(ungrouped))[0]["mark"]


def test_people_labels_are_headcounts_as_the_axis_writes_them():
    chart = charts.people_by_year(headcounts(), years=[2022, 2024])
    assert {"757K to 912K", "1.08M to 1.26M", "100K"} <= labels_of(chart)


def test_labels_have_room_beside_the_longest_bar():
    body = inner(charts.assistance_by_event(by_event()))
    assert body["layer"][0]["encoding"]["x"]["scale"]["domainMax"] == pytest.approx(686e6 * 1.4)


# ---------------------------------------------------------------- slots without documents

def test_a_year_without_documents_is_marked_on_the_axis_not_drawn_as_zero():
    docs = documents()  # 2022 and 2024
    chart = charts.assistance_by_year(by_year(), color="actor", years=range(2022, 2025), documents=docs)
    axis = inner(chart)["layer"][0]["encoding"]["x"]["axis"]
    assert "indexof([2023], datum.value) >= 0" in axis["labelExpr"] and "no documents" in axis["labelExpr"]
    assert "nothing counted" not in str(chart.to_dict())


def test_a_year_with_documents_but_no_figure_says_nothing_was_counted():
    chart = charts.assistance_by_year(by_year().query("year == 2024"), years=[2022, 2024], documents=documents())
    body = inner(chart)
    slots = [layer for layer in texts(body) if layer["encoding"]["text"]["field"] == "slot_text"]
    assert len(slots) == 1
    assert "labelExpr" not in body["layer"][0]["encoding"]["x"]["axis"]


def test_the_years_with_documents_are_those_of_their_events_and_publication():
    table = pd.DataFrame({"event_date": pd.to_datetime(["2022-10-06", None]),
                          "published": pd.to_datetime([None, "2023-01-02"])})
    assert charts.document_years(table) == [2022, 2023]


def test_an_event_listed_without_a_bar_stays_on_the_axis():
    events = pd.DataFrame({"event_id": ["a", "c", "b"],
                           "event_name": ["First Ministerial", "Second Ministerial", "Fourth Ministerial"],
                           "event_date": pd.to_datetime(["2022-10-06", "2023-04-01", "2024-09-25"]),
                           "documents": [1, 0, 1]})
    chart = charts.assistance_by_event(by_event(), events=events)
    axis = inner(chart)["layer"][0]["encoding"]["y"]
    assert axis["sort"] == ["First Ministerial (Oct 2022)", "Second Ministerial (Apr 2023)",
                            "Fourth Ministerial (Sep 2024)"]
    assert "Second Ministerial (Apr 2023)" in axis["axis"]["labelExpr"]  # an event without documents says so


def test_a_release_reporting_no_meeting_is_left_off_the_meeting_chart_and_said_to_be():
    # An agency appeal is its own event ("doc:<id>"): it is not a ministerial meeting.
    table = pd.concat([by_event(), pd.DataFrame({
        "year": [2024], "event_id": ["doc:eu-2024"], "event_name": ["EU allocates aid"],
        "event_date": pd.to_datetime(["2024-03-01"]), "amount_usd": [184e6], "amount_usd_low": [184e6],
        "amount_usd_high": [184e6], "announcements": [2], "has_assumed_currency": [False]})], ignore_index=True)
    events = pd.DataFrame({"event_id": ["a", "doc:eu-2024", "b"],
                           "event_name": ["First Ministerial", "EU allocates aid", "Fourth Ministerial"],
                           "event_date": pd.to_datetime(["2022-10-06", "2024-03-01", "2024-09-25"]),
                           "documents": [1, 1, 1]})
    chart = charts.assistance_by_event(table, events=events)
    assert inner(chart)["layer"][0]["encoding"]["y"]["sort"] == ["First Ministerial (Oct 2022)",
                                                                 "Fourth Ministerial (Sep 2024)"]
    assert "Not shown: 1 release reporting no ministerial meeting, holding $184M," in footnote(chart)
    assert "Not shown" not in footnote(charts.assistance_by_event(by_event(), events=events))


# ---------------------------------------------------------------- titles, captions, sources

@pytest.mark.parametrize("build", [
    lambda v: charts.assistance_by_year(by_year(), variant=v),
    lambda v: charts.assistance_by_event(by_event(), variant=v),
    lambda v: charts.assistance_by_category(pillar_actor(), "actor", variant=v),
    lambda v: charts.pillar_actor_grid(pillar_actor(), variant=v),
    lambda v: charts.people_by_year(headcounts(), variant=v),
    lambda v: charts.people_grid(headcounts(), variant=v),
])
@pytest.mark.parametrize("variant", ["analyst", "briefing"])
def test_each_chart_states_what_it_counts_in_its_caption_and_alt_text(build, variant):
    chart = build(variant)
    spec = chart.to_dict()
    notes = spec["title"]["text"]
    assert notes[0].startswith("What is counted")
    title = spec["vconcat"][0]["title"]["text"]
    assert spec["description"].startswith(f"{title}. What is counted")
    assert "hover" not in " ".join(notes).lower()  # a footnote is printed on PNGs too


def test_the_briefing_variant_draws_no_whiskers_or_markers_and_says_why():
    analyst = inner(charts.assistance_by_event(by_event()))
    briefing_chart = charts.assistance_by_event(by_event(), variant="briefing")
    briefing = inner(briefing_chart)
    assert {"rule", "point"} <= {layer["mark"]["type"] for layer in analyst["layer"]}
    assert {layer["mark"]["type"] for layer in briefing["layer"]} == {"bar", "text"}
    notes = footnote(briefing_chart)
    assert "Triangles" not in notes and "Lines span" not in notes
    assert "Labels give each amount as the texts state it" in notes


def test_the_briefing_grid_writes_bounds_in_words():
    data = charts.chart_data(charts.pillar_actor_grid(pillar_actor(), variant="briefing"))
    cells = dict(zip(zip(data["actor"], data["pillar"]), data["cell"]))
    assert cells[("USA", 0)] == "$240M to $264M" and cells[("CAN", 1)] == "$40.9M*"


def test_documents_give_the_sources_and_the_tooltips_their_titles_and_events():
    table = by_event().assign(docs=["a.txt", "b.txt"])
    chart = charts.assistance_by_event(table, documents=documents())
    assert "Sources: The White House (1 document, 2024)" in footnote(chart)
    tips = {t["field"] for t in inner(chart)["layer"][0]["encoding"]["tooltip"]}
    assert {"documents_text", "events_text"} <= tips
    data = charts.chart_data(chart).set_index("event_id")
    assert data.loc["a", "events_text"] == "First Ministerial (Oct 2022)"
    assert data.loc["b", "documents_text"].startswith("Fact sheet")


def test_a_publisher_the_catalog_does_not_know_is_not_named():
    table = documents().assign(publisher=["The White House", "unknown (secondary summary article)"])
    line = " ".join(charts.source_lines(table))
    assert "unknown" not in line and "1 document whose publisher is not known (2024)" not in line
    assert "1 document whose publisher is not known" in line


# ---------------------------------------------------------------- colours

def test_the_currency_shading_has_no_legend_of_its_own():
    # one colour meant both "Canada" and "as stated"; the shading is now explained in the footnote
    body = inner(charts.assistance_by_year(by_year(), color="actor"))
    bars = body["layer"][0]["encoding"]
    assert bars["opacity"]["legend"] is None
    assert "Paler bars (and *)" in footnote(charts.assistance_by_year(by_year(), color="actor"))


def test_a_colour_means_one_thing_and_the_legend_picks_a_group():
    chart = charts.assistance_by_year(by_year(), color="actor")
    scale = colour(inner(chart)["layer"][0]["encoding"])["scale"]
    assert len(set(scale["range"])) == len(scale["domain"])
    params = chart.to_dict()["params"]
    assert params[0]["select"]["fields"] == ["actor_name"] and params[0]["bind"] == "legend"
