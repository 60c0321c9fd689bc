"""Tests for ladfin/link/announcements.py: one announcement, many mentions, on texts written here."""

import pandas as pd
from fixture_docs import document
from ladfin.tables import build_tables

PRIMARY = "The United States announced more than $686 million in new assistance."
SECONDARY = "Reports say the United States announced $686 million in assistance."


def build(*documents):
    return build_tables(list(documents))


def test_mentions_across_documents_are_one_announcement_with_the_primary_canonical():
    # The secondary sorts first by name and was published earlier: primary still wins.
    tables = build(document(SECONDARY, "a-article.txt", kind="secondary", published="2024-05-01"),
                   document(PRIMARY, "b-release.txt", published="2024-05-08"))
    (row,) = tables["announcements"].itertuples()
    assert (row.doc, row.mentions, row.docs) == ("b-release.txt", 2, "b-release.txt;a-article.txt")
    assert row.announcement == f"b-release.txt:{PRIMARY.index('$686')}"
    assert row.qualifier == "over"  # the canonical's; the difference is noted
    assert "primary source" in row.link_reason and "qualifier differs" in row.link_reason
    assert tables["figures"]["is_canonical"].tolist() == [False, True]


def test_a_repeat_in_another_paragraph_is_the_same_figure():
    text = f"{PRIMARY}\n\nA large share of the United States’ $686 million will go to shelters."
    announcements = build(document(text))["announcements"]
    assert announcements["mentions"].tolist() == [2]


def test_a_repeat_in_the_same_paragraph_is_another_figure():
    text = "Chile registered 7,000 migrants in May. Chile registered 7,000 migrants in June."
    assert len(build(document(text))["announcements"]) == 2


def test_close_values_agree_and_distant_ones_do_not():
    text = ("The United States gave $686 million.\n\nThe United States gave $686.2 million.\n\n"
            "Peru resettled 2,485 refugees.\n\nPeru resettled 2,500 refugees.")
    announcements = build(document(text))["announcements"]
    assert sorted(announcements["mentions"]) == [1, 1, 2]


def test_other_events_and_actors_are_never_linked():
    tables = build(document(PRIMARY, "a.txt", event_id="one"),
                   document(PRIMARY, "b.txt", event_id="two"),
                   document(PRIMARY.replace("The United States", "Canada"), "c.txt", event_id="one"))
    assert len(tables["announcements"]) == 3


def test_a_duplicate_of_a_counted_totals_part_is_a_component():
    # The second paragraph names the $4 million on its own; it is still part of the $10 million.
    text = ("The United States announced $10 million in aid. This includes $4 million for food.\n\n"
            "Separately, the United States announced $4 million for food.")
    announcements = build(document(text))["announcements"].set_index("quote")
    assert announcements.at["$4 million", "role"] == "component"
    assert announcements.at["$4 million", "parent"] == announcements.at["$10 million", "announcement"]


def test_bounds_follow_the_canonical_qualifier():
    (row,) = build(document(PRIMARY))["announcements"].itertuples()
    # "more than $686 million": the floor is stated, the top is left open
    assert (row.amount_usd_low, row.amount_usd) == (686e6, 686e6) and pd.isna(row.amount_usd_high)


def test_an_amount_converted_in_brackets_is_one_announcement():
    # one pledge written in two currencies: counted once, in the currency the text pledges
    text = "Spain announced nearly €20 million (US$21.6 million) for shelters in Peru."
    tables = build(document(text, published="2024-05-15"))
    (row,) = tables["announcements"].itertuples()
    assert (row.quote, row.unit, row.mentions) == ("€20 million", "EUR", 2)
    assert "unit differs" in row.link_reason
    assert tables["figures"]["is_canonical"].tolist() == [True, False]


def test_a_bracketed_amount_far_from_the_first_is_its_own_figure():
    # "of which" in brackets: a part in another currency, not the amount converted
    text = "Spain announced €20 million (€2 million for food) and $90 million (€3 million of it for food)."
    announcements = build(document(text, published="2024-05-15"))["announcements"]
    assert len(announcements) == 4
