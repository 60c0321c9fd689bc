"""Tests for ladfin/link/measures.py: what a figure measures, on sentences written for them."""

from __future__ import annotations

import csv
from typing import get_args

import pytest

from fixture_docs import document
from ladfin import paths
from ladfin.core.vocab import Measure
from ladfin.extract.figures import extract_figures
from ladfin.link.classify import add_flow, add_status
from ladfin.link.measures import add_measure, is_context, outcome_measures
from ladfin.tables import build_tables


def measure_of(text: str, quote: str, lang: str = "en") -> str:
    rows = extract_figures(text, lang=lang).pipe(add_flow, lang=lang).pipe(add_status, lang=lang)
    found = add_measure(rows, lang=lang).set_index("quote")
    return found.at[quote, "measure"]


@pytest.mark.parametrize(
    ("text", "quote", "measure"),
    [
        # people: the verb or noun of the sentence says what the number counts
        ("In 2023 Chile resettled 1,234 refugees.", "1,234 refugees", "resettled"),
        ("Some 4,100 migrants have been approved to travel under the parole process.", "4,100 migrants",
         "approved"),
        ("Peru granted legal status to 61,000 Venezuelans.", "61,000 Venezuelans", "regularised"),
        ("More than 9,000 people have registered for the new permit.", "9,000 people", "processed"),
        ("The programme placed 700 workers with employers abroad.", "700 workers", "employed"),
        ("The centre assisted 3,400 migrants in its first month.", "3,400 migrants", "served"),
        ("The country hosts an estimated 2.1 million Venezuelans.", "2.1 million Venezuelans", "in_need"),
        ("At least 40 migrants died crossing the jungle.", "40 migrants", "died"),
        ("Police arrested 12 individuals linked to the network.", "12 individuals", "enforcement"),
        ("The new shelter has beds for 350 people.", "350 people", "capacity"),
        ("The meeting brought together 30 leaders.", "30 leaders", "participants"),
        ("The report mentions 5,000 persons.", "5,000 persons", "unknown"),
        # an outcome of the sentence wins over who the people are
        ("Brazil will grant residence to 8,000 non-citizens living in Roraima.", "8,000 non-citizens",
         "regularised"),
        # money: what kind of money it is
        ("Norway announced $12 million in new humanitarian assistance.", "$12 million", "new_funding"),
        ("The agency obligated $45 million under earlier pledges.", "$45 million", "existing_funding"),
        ("The bank approved a $30 million loan to the cooperative.", "$30 million", "loan"),
        ("The regional plan requires $900 million this year.", "$900 million", "appeal"),
        ("Authorities offered a reward of $10,000 for the capture.", "$10,000", "reward"),
        ("The figure of $7 million was cited.", "$7 million", "unknown"),
    ],
)
def test_measure_from_the_words_of_the_sentence(text, quote, measure):
    assert measure_of(text, quote) == measure


@pytest.mark.parametrize(
    ("text", "quote", "measure"),
    [
        ("El gobierno regularizó a 45.000 migrantes.", "45.000 migrantes", "regularised"),
        ("Colombia reasentó a 1.200 refugiados.", "1.200 refugiados", "resettled"),
        ("La OIM atendió a 3.000 personas en tránsito.", "3.000 personas", "served"),
        ("El plan requiere 1.400 millones de dólares.", "1.400 millones de dólares", "appeal"),
    ],
)
def test_spanish_measures_are_rows_of_the_same_tables(text, quote, measure):
    assert measure_of(text, quote, lang="es") == measure


def test_a_strong_cue_of_the_paragraph_tells_what_a_vague_benefit_is():
    text = ("Chile announced a plan for the regularization of irregular migrants. "
            "The government estimates these actions will benefit up to 70,000 individuals.")
    figures = build_tables([document(text)])["figures"].set_index("quote")
    assert figures.at["70,000 individuals", "measure"] == "regularised"


def test_a_part_takes_the_verb_of_its_whole_and_the_whole_is_the_population():
    text = "By May more than 1,200 of the estimated 3,400 migrants who arrived had registered."
    figures = build_tables([document(text)])["figures"].set_index("start")
    part, whole = figures.sort_index().itertuples()
    assert (part.measure, part.role) == ("processed", "component")
    assert (whole.measure, whole.role) == ("in_need", "total")


def test_a_target_restated_at_a_later_meeting_is_one_announcement():
    may = document("Peru announced a plan that could benefit an estimated 90,000 migrants through "
                   "regularization.", "may.txt", event_id="m-05", event_date="2024-05-07")
    sep = document("Peru signed a regularization plan that could benefit an estimated 90,000 migrants.",
                   "sep.txt", event_id="m-09", event_date="2024-09-25")
    built = build_tables([may, sep])
    (row,) = built["announcements"][built["announcements"]["kind"] == "people"].itertuples()
    assert (row.mentions, row.event_id, row.measure, row.status) == (2, "m-05", "regularised", "target")


def test_new_money_at_two_meetings_stays_two_announcements():
    may = document("Peru announced $5 million in new assistance.", "may.txt", event_id="m-05",
                   event_date="2024-05-07")
    sep = document("Peru announced $5 million in new assistance.", "sep.txt", event_id="m-09",
                   event_date="2024-09-25")
    assert len(build_tables([may, sep])["announcements"]) == 2


def test_the_measure_table_and_the_vocabulary_agree():
    with (paths.reference_dir() / "measures.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["measure"] for r in rows] == list(get_args(Measure))
    assert {r["nature"] for r in rows} <= {"outcome", "context", "other", "unknown"}
    assert is_context("in_need") and not is_context("resettled")
    assert "in_need" not in outcome_measures("people") and "new_funding" in outcome_measures("money")


def test_counts_and_percentages_carry_no_measure():
    rows = add_measure(extract_figures("Chile opened 3 offices; 40% of applicants were approved."))
    assert rows["measure"].isna().all()
