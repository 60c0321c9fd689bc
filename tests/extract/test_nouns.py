"""tests for ladfin/extract/nouns.py: what a number counts, in each language's word order."""

from __future__ import annotations

import pytest

from ladfin.extract.figures import extract_figures, extract_skipped


def _rows(text: str, lang: str = "en") -> list[list]:
    rows = extract_figures(text, lang=lang)
    return rows[["value", "kind", "unit", "unit_source"]].values.tolist()


@pytest.mark.parametrize(
    ("text", "lang", "kind", "unit"),
    [
        ("Over 22 million people displaced in the region.", "en", "people", "person"),
        ("The agency counted 1,234 refugees last year.", "en", "people", "person"),
        ("Some 4.6 million internally displaced people were counted.", "en", "people", "person"),
        ("Two million Colombians live there.", "en", "people", "person"),
        ("Staff trained 300 personnel and 45 registrants.", "en", "people", "person"),
        ("It opened 10 centros de bienvenida.", "es", "count", "centro"),
        ("Se recibieron 500 nuevas solicitudes de refugio.", "es", "count", "solicitud"),
        ("Se tramitaron 36 mil expedientes.", "es", "count", "expediente"),
        ("Foram registradas 599 cidades brasileiras.", "pt", "count", "cidade"),
        ("Houve 14.692 entradas na fronteira.", "pt", "count", "entrada"),
        ("Foram 200 doações.", "pt", "count", "doação"),
        ("Llegaron 2.500 personas venezolanas.", "es", "people", "person"),
        ("Chegaram 12,6 mil venezuelanos.", "pt", "people", "person"),
    ],
)
def test_the_counted_noun_is_the_head_of_its_phrase(text, lang, kind, unit):
    row = extract_figures(text, lang=lang).iloc[0]
    assert (row["kind"], row["unit"]) == (kind, unit)


def test_a_singular_person_word_modifies_the_noun_after_it():
    assert _rows("It ran six refugee processing trips.") == [[6.0, "count", "trip", "text"]]


def test_a_label_on_the_next_line_gives_the_noun():
    assert _rows("Regional Plan\n1,297,760\nPeople Targeted\n509\nEntities targeted\n") == [
        [1_297_760.0, "people", "person", "label"], [509.0, "count", "entity", "label"]]


def test_a_number_after_of_them_counts_what_came_before():
    text = ("Como resultado, 248,4 mil personas se registraron; de ellas, 201,7 mil recibieron un certificado, "
            "se otorgó 95.7 mil visas y 72.3 mil obtuvieron una cédula.")
    assert _rows(text, "es") == [
        [248_400.0, "people", "person", "text"], [201_700.0, "people", "person", "of_them"],
        [95_700.0, "count", "visa", "text"], [72_300.0, "people", "person", "of_them"]]


def test_of_whom_and_of_them_after_the_number():
    text = "Peru registered 1.5 million Venezuelans, of whom 500,000 hold a permit, 6.5 million of them in Lima."
    assert [r[1:] for r in _rows(text)] == [["people", "person", "text"]] + [["people", "person", "of_them"]] * 2


def test_a_noun_earlier_in_the_sentence_gives_the_unit():
    text = "Requests for asylum have surged, with a record 37,606 submitted by migrants."
    assert _rows(text) == [[37_606.0, "count", "request", "same_sentence"]]


def test_a_noun_in_the_sentence_before_gives_the_unit():
    text = "Most of the refugees settled in the south. Santa Catarina received the most (16 thousand)."
    assert _rows(text) == [[16_000.0, "people", "person", "previous_sentence"]]


def test_a_relative_pronoun_for_persons_counts_persons():
    assert _rows("The office registered more than 107,000 who have applied.") == [
        [107_000.0, "people", "person", "text"]]


def test_a_copula_before_a_person_noun_counts_persons():
    assert _rows("Del total, 106.881 son varones y 107.752 son mujeres.", "es") == [
        [106_881.0, "people", "person", "text"], [107_752.0, "people", "person", "text"]]


def test_a_name_or_a_verb_after_its_subject_is_no_implied_noun():
    # "States" is a name, "appears" a verb: nothing gives the noun, so the number is skipped.
    text = "It settled in the States of the South. Parana appears second: 14,600."
    assert extract_figures(text).empty
    assert extract_skipped(text)["reason"].tolist() == ["no_unit"]


def test_money_whose_currency_is_only_implied_by_the_text():
    text = "The EU will provide €50 million. It will also invest an additional 12.3 million in humanitarian aid."
    row = extract_figures(text).iloc[1]
    assert (row["kind"], row["value"], row["unit"], row["currency_assumed"]) == ("money", 12.3e6, "EUR", True)
    assert "no currency written" in row["note"]


def test_a_page_number_before_a_title_is_not_a_count():
    text = "page 1of 2\n\n2 Colombia Assistance Overview\n\nThe agency helped 5,000 people."
    assert _rows(text) == [[5000.0, "people", "person", "text"]]


def test_a_ratio_is_not_a_count():
    assert extract_figures("One in three Venezuelans lacks a regular status.").empty


def test_bare_pesos_take_the_currency_of_the_country_the_text_is_about():
    text = "In Tapachula, Mexico, a meal costs 1,000 pesos. Mexico says costs rose."
    row = extract_figures(text).iloc[0]
    assert (row["unit"], row["currency_assumed"]) == ("MXN", True)


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("It counted 40,000 displaced persons.", "40,000 displaced persons"),
        ("It counted 300 women migrants.", "300 women migrants"),
        ("Two million Colombians live there.", "Two million Colombians"),
    ],
)
def test_a_word_for_persons_runs_on_into_another_but_not_into_a_verb(text, quote):
    assert extract_figures(text)["quote"].tolist() == [quote]


# inflect imported without typeguard's checks (nouns.english_inflections): run in a fresh process, where
# this test is the first to import inflect, and compared there with an inflect imported the ordinary way.
_UNCHECKED_INFLECT = r"""
import importlib, json, sys
import typeguard
from ladfin.extract.nouns import english_inflections
decorator = typeguard.typechecked
plain = english_inflections()
words = ["refugees", "children", "countries", "shelves", "matrices", "people", "data", "buses", "feet",
         "Venezuelans", "analyses", "criteria", "personnel", "ministries", "houses", "pledged", "status"]
answers = [[plain.singular_noun(w), plain.plural_noun(w)] for w in words]
code = type(plain).singular_noun.__code__
del sys.modules["inflect"], sys.modules["inflect._types"]
checked = importlib.import_module("inflect").engine()
print(json.dumps({"restored": typeguard.typechecked is decorator,
                  "plain": "check_argument_types_internal" not in code.co_names,
                  "checked": "check_argument_types_internal" in type(checked).singular_noun.__code__.co_names,
                  "same": answers == [[checked.singular_noun(w), checked.plural_noun(w)] for w in words],
                  "children": plain.singular_noun("children"), "refugee": plain.singular_noun("refugee")}))
"""


def test_inflect_is_imported_without_type_checks_and_answers_the_same():
    import json
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", _UNCHECKED_INFLECT], capture_output=True, text=True, check=True)
    result = json.loads(done.stdout)
    assert result == {"restored": True, "plain": True, "checked": True, "same": True,
                      "children": "child", "refugee": False}
