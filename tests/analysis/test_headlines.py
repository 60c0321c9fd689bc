"""Tests for ladfin/analysis/headlines.py: the text's own headline beside ladfin's sum."""

from __future__ import annotations

from fixture_docs import document
from ladfin.analysis.headlines import headline_check
from ladfin.tables import build_tables

# Written for this test: an overview that states the package, and bullets that list more money.
OVERVIEW = "Norway announced more than $10 million in new assistance for host communities.\n\n"
AGREEING = "- Norway will provide $4 million in new funding for shelters. (new)\n"
EXTRA = "- Norway launched a $3 million project for job training. (new)\n"


def check(text: str):
    built = build_tables([document(text)])
    return headline_check(built["figures"], built["announcements"])


def test_a_headline_the_sum_reaches_agrees():
    (row,) = check(OVERVIEW).itertuples()
    assert (row.quote, row.qualifier, row.headline_usd, row.ladfin_usd, row.agrees) == (
        "$10 million", "over", 10e6, 10e6, True)


def test_money_the_headline_does_not_hold_is_marked():
    text = "Norway announced $10 million in new assistance.\n\n" + EXTRA
    (row,) = check(text).itertuples()
    assert (row.ladfin_usd, row.agrees) == (13e6, False)
    assert "$10 million" in row.note


def test_a_more_than_headline_allows_a_larger_sum():
    (row,) = check(OVERVIEW + AGREEING).itertuples()
    assert row.ladfin_usd == 14e6 and bool(row.agrees)


def test_a_running_total_is_shown_but_not_compared():
    text = "Norway has now committed over $50 million in 2024 alone.\n"
    (row,) = check(text).itertuples()
    assert row.role == "cumulative" and row.agrees is not True and "running total" in row.note
