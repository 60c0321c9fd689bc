"""One row per event and actor: money, people by measure, and the headlines (ladfin/analysis/summary.py)."""

from __future__ import annotations

import pytest
from fixture_docs import document

from ladfin.analysis.summary import event_summary
from ladfin.tables import build_tables

# Written for this test: an overview headline that the bullets reach, money reported again,
# people of two measures, and a second announcer.
TEXT = ("Norway announced more than $10 million in new assistance for host communities.\n\n"
        "- Norway will provide $10 million in new funding for shelters. (new)\n"
        "- Norway obligated $2 million in previously announced assistance for clinics.\n"
        "- Norway resettled 1,500 refugees and regularised more than 20,000 migrants.\n"
        "- The United States will provide $1 million in new funding for schools. (new)\n")


@pytest.fixture(scope="module")
def summary():
    built = build_tables([document(TEXT)])
    return event_summary(built["figures"], built["announcements"]).set_index("actor")


def test_each_actor_has_its_money_apart_by_measure(summary):
    assert summary.loc["NOR", "new_funding_usd"] == pytest.approx(10e6)
    assert summary.loc["NOR", "existing_funding_usd"] == pytest.approx(2e6)
    assert summary.loc["USA", "new_funding"] == "$1M"


def test_people_are_listed_by_measure_as_the_text_states_them(summary):
    assert summary.loc["NOR", "people"] == "more than 20K regularised; 1.5K resettled"
    assert summary.loc["NOR", "people_resettled"] == 1500


def test_the_headline_stands_beside_the_sum(summary):
    assert summary.loc["NOR", "headlines"] == "\u201c$10 million\u201d (agrees)"
    assert bool(summary.loc["NOR", "headlines_agree"])
    assert summary.loc["USA", "headlines"] == "" and summary["headlines_agree"].isna()["USA"]
