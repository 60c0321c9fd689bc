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


# Releases that report no meeting are their own event ("doc:<id>"): copies of one story link by date.
RELEASE_EN = "The European Union announced €22 million in new humanitarian funding for Colombia."
RELEASE_ES = "La Unión Europea anunció 22 millones de euros en nueva financiación humanitaria para Colombia."


def own(text: str, doc: str, published: str, lang: str = "en", kind: str = "primary"):
    return document(text, doc, lang=lang, kind=kind, event_id="", event_date="", published=published)


def test_copies_of_a_release_that_is_its_own_event_are_one_announcement():
    tables = build(own(RELEASE_EN, "eu-release.txt", "2022-10-11"),
                   own(RELEASE_ES, "es-story.txt", "2022-10-12", lang="es", kind="secondary"))
    (row,) = tables["announcements"].itertuples()
    assert (row.doc, row.mentions, row.measure) == ("eu-release.txt", 2, "new_funding")
    assert "one release reported by 2 releases dated within 31 days" in row.link_reason


def test_a_release_dated_only_by_its_month_links_to_a_copy_later_that_month():
    tables = build(own(RELEASE_EN, "eu-release.txt", "2022-10"),
                   own(RELEASE_ES, "es-story.txt", "2022-10-27", lang="es", kind="secondary"))
    assert tables["announcements"]["mentions"].tolist() == [2]


def test_a_release_dated_only_by_its_month_stands_for_the_whole_month():
    # catalogued "2022-09": it may be of the 30th, so a copy of 6 October is days, not 35, away
    tables = build(own(RELEASE_EN, "eu-release.txt", "2022-09"),
                   own(RELEASE_ES, "es-story.txt", "2022-10-06", lang="es", kind="secondary"))
    assert tables["announcements"]["mentions"].tolist() == [2]
    # the same dates known to the day are 35 days apart: two releases
    tables = build(own(RELEASE_EN, "eu-release.txt", "2022-09-01"),
                   own(RELEASE_ES, "es-story.txt", "2022-10-06", lang="es", kind="secondary"))
    assert tables["announcements"]["mentions"].tolist() == [1, 1]
    # and a month stands for that month only: November is too late
    tables = build(own(RELEASE_EN, "eu-release.txt", "2022-09"),
                   own(RELEASE_ES, "es-story.txt", "2022-11-06", lang="es", kind="secondary"))
    assert tables["announcements"]["mentions"].tolist() == [1, 1]


def test_own_releases_months_apart_are_two_announcements():
    tables = build(own(RELEASE_EN, "eu-release.txt", "2022-10-11"),
                   own(RELEASE_EN, "eu-later.txt", "2023-02-01"))
    assert tables["announcements"]["mentions"].tolist() == [1, 1]


def test_own_releases_counting_other_things_are_never_linked():
    # Same actor, value and day, but one counts people in need and the other people reached.
    tables = build(own("UNHCR said 30,000 refugees are in need of shelter.", "a.txt", "2024-03-01"),
                   own("UNHCR reached 30,000 refugees with shelter.", "b.txt", "2024-03-02"))
    assert sorted(tables["announcements"]["measure"]) == ["in_need", "served"]
    assert tables["announcements"]["mentions"].tolist() == [1, 1]


def test_an_agreeing_percent_or_an_unplaced_figure_is_no_copy():
    # A percent is not added into totals, and an unknown measure says nothing of what is counted.
    tables = build(own("UNHCR said 40% of them are children; 5,000 people in all.", "a.txt", "2024-03-01"),
                   own("UNHCR said 40% of them are children; 5,000 people in all.", "b.txt", "2024-03-01"))
    figures = tables["figures"]
    assert set(figures["kind"]) == {"percent", "people"} and set(figures["measure"].dropna()) <= {"unknown"}
    assert len(tables["announcements"]) == len(figures)


def test_a_story_with_no_event_links_to_the_meetings_fact_sheet_it_reports():
    tables = build(document(RELEASE_EN, "fact-sheet.txt", event_id="meeting-2024", event_date="2024-05-07"),
                   own(RELEASE_EN, "newswire.txt", "2024-05-09", kind="secondary"))
    (row,) = tables["announcements"].itertuples()
    assert (row.event_id, row.doc, row.mentions) == ("meeting-2024", "fact-sheet.txt", 2)


def test_two_meetings_dated_close_together_never_link():
    tables = build(document(RELEASE_EN, "a.txt", event_id="meeting-a", event_date="2024-05-07"),
                   document(RELEASE_EN, "b.txt", event_id="meeting-b", event_date="2024-05-20"))
    assert tables["announcements"]["mentions"].tolist() == [1, 1]


# A repeat that names nobody (a headline, a closing line) is the figure its release gives with its announcer.
def test_a_headline_that_names_nobody_is_the_figure_the_body_credits():
    text = ("Countries pledge $39 million in new funding for migrant integration\n\n"
            "Canada announced $39 million in new funding for migrant integration in the region.")
    tables = build(document(text))
    (row,) = tables["announcements"].itertuples()
    assert (row.actor, row.mentions, row.quote) == ("CAN", 2, "$39 million")
    assert row.announcement == f"a.txt:{text.rindex('$39')}"  # the mention that names its announcer
    assert "actor differs: canonical CAN, <NA> at a.txt:" in row.link_reason


def test_a_repeat_two_announcers_give_stays_alone():
    text = ("Canada announced $39 million in new funding for shelters.\n\n"
            "Mexico announced $39 million in new funding for shelters.\n\n"
            "In all, $39 million in new funding goes to shelters.")
    announcements = build(document(text))["announcements"]
    assert announcements["mentions"].tolist() == [1, 1, 1]


def test_a_repeat_counting_something_else_stays_alone():
    # The unnamed 30,000 are people in need; the named 30,000 were reached.
    text = ("UNHCR reached 30,000 refugees with shelter this year.\n\n"
            "Some 30,000 refugees are still in need of shelter.")
    announcements = build(document(text))["announcements"]
    assert sorted(announcements["measure"]) == ["in_need", "served"]
    assert announcements["mentions"].tolist() == [1, 1]


def test_a_repeat_in_another_document_stays_alone():
    tables = build(document("Canada announced $39 million in new funding for shelters.", "a.txt"),
                   document("In all, $39 million in new funding goes to shelters.", "b.txt"))
    assert tables["announcements"]["mentions"].tolist() == [1, 1]
