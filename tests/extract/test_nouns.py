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
        # petitioners are persons asking for asylum, as applicants are
        ("The commission heard 2,310 petitioners from Cuba.", "en", "people", "person"),
        # a verb ending in -s is no plural noun a later number could count
        ("The number of cases opened amounts to 6,300.", "en", "count", "case"),
        ("The total of refugees in the city now reaches 12,400.", "en", "people", "person"),
        # "throughout" ends the noun phrase, as "through" does: the cities are counted
        ("Families moved to 640 towns throughout the country.", "en", "count", "town"),
        ("It opened 10 centros de bienvenida.", "es", "count", "centro"),
        ("Se recibieron 500 nuevas solicitudes de refugio.", "es", "count", "solicitud"),
        ("Se tramitaron 36 mil expedientes.", "es", "count", "expediente"),
        ("Foram registradas 599 cidades brasileiras.", "pt", "count", "cidade"),
        ("Houve 14.692 entradas na fronteira.", "pt", "count", "entrada"),
        ("Foram 200 doações.", "pt", "count", "doação"),
        ("Llegaron 2.500 personas venezolanas.", "es", "people", "person"),
        ("Chegaram 12,6 mil venezuelanos.", "pt", "people", "person"),
        # lengths and areas are counts of their unit: an abbreviation, an irregular singular
        ("A estrada, de 120 km de extensão, foi aberta.", "pt", "count", "km"),
        ("O parque tem 30 mil hectares de mata.", "pt", "count", "hectare"),
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


def test_an_of_them_opening_a_sentence_points_to_the_persons_or_things_counted_before_it():
    # "them" are the persons counted, not the shelters they are in
    text = "The office registered 9,000 refugees in 2023 across 40 shelters. More than 3,000 of them were children."
    assert _rows(text)[-1] == [3_000.0, "people", "person", "of_them"]
    # nor the places the things counted come from
    text = "Mexico received 20,000 applications from people in 12 countries. Of them, 5,000 were approved."
    assert _rows(text)[-1] == [5_000.0, "count", "application", "of_them"]
    # an "of these" with a noun of its own points back to nothing
    text = "A 40-year-old lawyer spoke. Mexico approved 5,000 of these claims last year."
    assert "of_them" not in [r[3] for r in _rows(text, "es")]


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


def test_a_list_item_counts_what_the_line_introducing_the_list_names():
    # the label before a colon names the row; no item's phrase runs into the next item
    text = ("En el semestre se presentaron solicitudes:\n"
            "- Bolivia: 1.250\n"
            "- Paraguay: 980\n"
            "- Otros países: 430\n")
    assert _rows(text, "es") == [[1250.0, "count", "solicitud", "list_lead"],
                                 [980.0, "count", "solicitud", "list_lead"],
                                 [430.0, "count", "solicitud", "list_lead"]]


def test_a_list_without_a_colon_lead_gives_its_items_no_noun():
    text = "Resumen del semestre\n- Bolivia: 1.250\n- Paraguay: 980\n"
    assert _rows(text, "es") == []
    assert list(extract_skipped(text, lang="es")["reason"]) == ["no_unit", "no_unit"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Llegaron 800 migrantes. Otros vinieron de mucho más lejos: 200 de Asia.", 200),  # "lejos", "Otros"
        ("Cruzaron 900 niños. Muchos viajaron a través del río y 300 se quedaron.", 300),  # "través", "Muchos"
    ],
)
def test_spanish_adverbs_prepositions_and_pronouns_are_no_implied_noun(text, value):
    rows = extract_figures(text, lang="es").set_index("value")
    assert (rows.at[value, "kind"], rows.at[value, "unit"]) == ("people", "person")


@pytest.mark.parametrize("noun", ["foráneos", "centroamericanos", "suramericanos", "caribeños"])
def test_spanish_words_for_foreigners_and_regional_demonyms_count_persons(noun):
    row = extract_figures(f"El registro anotó 1.200 {noun} en junio.", lang="es").iloc[0]
    assert (row["kind"], row["unit"]) == ("people", "person")


def test_a_bracketed_number_after_a_noun_or_a_year_is_a_figure_and_after_a_name_counts_no_places():
    rows = extract_figures("Llegaron los peruanos (1.234) y los bolivianos (567).", lang="es")
    assert rows[["value", "kind"]].values.tolist() == [[1234.0, "people"], [567.0, "people"]]
    rows = extract_figures("Un récord de llegadas, después de las de 2022 (250.000).", lang="es")
    assert rows[["value", "kind", "unit"]].values.tolist() == [[250000.0, "count", "llegada"]]
    # after a name the bracket counts what the place holds, never places: with no other noun, skipped
    text = "Fueron enviados a 20 ciudades: Lima (1.500) y Cusco (800)."
    assert extract_figures(text, lang="es")["value"].tolist() == [20.0]
    assert extract_skipped(text, lang="es")[["text", "reason"]].values.tolist() == [
        ["1.500", "no_unit"], ["800", "no_unit"]]
    rows = extract_figures("Llegaron 900 personas a 20 ciudades: Lima (1.500) y Cusco (800).", lang="es")
    assert rows[["value", "unit"]].values.tolist()[2:] == [[1500.0, "person"], [800.0, "person"]]


def test_a_spanish_word_with_a_stressed_vowel_before_its_s_is_no_plural():
    rows = extract_figures("Se recibieron 500 solicitudes. Es un récord para el país y en 2022 fueron 300.",
                           lang="es").set_index("value")
    assert rows.at[300.0, "unit"] == "solicitud"


def test_a_plural_before_the_of_word_heads_the_implied_noun():
    # "solicitudes de bolivianos": requests, not Bolivians
    rows = extract_figures("La cifra de solicitudes de bolivianos fue de 3.200 en el año.", lang="es")
    assert rows[["value", "kind", "unit"]].values.tolist() == [[3200.0, "count", "solicitud"]]
    rows = extract_figures("La cifra de bolivianos fue de 3.200 en el año.", lang="es")
    assert rows[["value", "kind"]].values.tolist() == [[3200.0, "people"]]


@pytest.mark.parametrize(
    ("text", "lang", "value", "unit"),
    [
        # a quarter or a semester of the year is a stretch of time: never what a later number counts
        ("Requests rose in the first three quarters of the year to a record of 112,960.", "en", 112960.0,
         "request"),
        ("Las solicitudes subieron en los tres trimestres del año a 4.500.", "es", 4500.0, "solicitud"),
        ("Os pedidos subiram nos dois semestres do ano para 3.100.", "pt", 3100.0, "pedido"),
    ],
)
def test_quarters_and_semesters_are_durations_not_nouns(text, lang, value, unit):
    rows = extract_figures(text, lang=lang)
    assert rows[["value", "unit"]].values.tolist() == [[value, unit]]
    assert set(extract_skipped(text, lang=lang)["reason"]) <= {"duration", "date"}


def test_three_quarters_of_a_noun_is_still_a_share():
    assert extract_figures("Three quarters of the migrants were women.")[["value", "unit"]].values.tolist() == [
        [75.0, "percent"]]


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


def test_of_that_total_reads_the_persons_of_the_paragraph_before():
    text = ("En mayo había en la provincia unos 41.000 refugiados sirios.\n\n"
            "De ese total, 12.500 viven en albergues.")
    assert [12500, "people", "person", "previous_sentence"] in _rows(text, "es")
    # without the words that refer back, a new paragraph takes nothing from the one before
    alone = "En mayo había en la provincia unos 41.000 refugiados sirios.\n\n12.500 viven en albergues."
    assert 12500 not in [r[0] for r in _rows(alone, "es")]
    # nor does it take what is not persons
    places = "El plan llega a 80 municipios.\n\nDe ese total, 30 están en la costa."
    assert 30 not in [r[0] for r in _rows(places, "es")]
    # the persons are referred to though other nouns follow them in their sentence
    text = ("O país abrigava 52.000 refugiados, de 90 nacionalidades, com necessidade de proteção.\n\n"
            "Desse total, 9.000 vivem em abrigos.")
    assert [9000, "people", "person", "previous_sentence"] in _rows(text, "pt")


def test_an_estimate_before_of_that_total_hedges_the_number():
    text = "Llegaron 30.000 personas. Se estima que de ese total, 8.000 son niños y se estima que 900 viajan solos."
    found = extract_figures(text, lang="es").set_index("value")["qualifier"]
    assert found[8000] == "approx" and found[900] == "approx" and found[30000] == "exact"


def test_a_noun_less_number_compares_with_the_one_before_that_took_its_noun_from_the_text():
    # "de guatemaltecos 2.410": the demonym labels a row of the breakdown; what is counted is the first's
    text = "En 2024 las solicitudes de salvadoreños fueron 3.150, de guatemaltecos 2.410 y de nicaragüenses 980."
    rows = _rows(text, "es")
    assert [2410, "count", "solicitud", "compared"] in rows
    assert [980, "count", "solicitud", "compared"] in rows


def test_a_portuguese_number_before_deles_counts_what_came_before():
    # "deles", "delas" (of them) is no noun: the number counts what the sentence named before
    # (families are counts, as households: founding gold README, "What is a figure")
    text = "Chegaram 5 mil haitianos em maio; 2 mil deles ficaram em Manaus, e 300 famílias, 120 delas com bebês."
    assert _rows(text, "pt") == [
        [5_000.0, "people", "person", "text"], [2_000.0, "people", "person", "of_them"],
        [300.0, "count", "família", "text"], [120.0, "count", "família", "of_them"]]


@pytest.mark.parametrize(
    ("text", "lang", "unit"),
    [
        # a change's first number with no noun counts what its second one names
        ("O total passou de 1,2 mil para 12,5 mil pedidos.", "pt", "pedido"),
        ("The total rose from 1,200 to 12,500 applications.", "en", "application"),
        ("El total pasó de 1.200 a 12.500 solicitudes.", "es", "solicitud"),
    ],
)
def test_the_first_number_of_a_change_takes_the_noun_of_the_second(text, lang, unit):
    rows = extract_figures(text, lang=lang)
    assert rows["unit"].tolist() == [unit, unit]
    assert rows["unit_source"].tolist() == ["compared", "text"]  # no part of a whole: a change


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        # Portuguese demonyms of the region's arrivals and donors count persons
        ("Chegaram 926 sírios e 310 ucranianas.", "926 sírios"),
        ("Chegaram 926 sírios e 310 ucranianas.", "310 ucranianas"),
        ("O abrigo recebeu 40 afegãs e 12 dominicanos.", "40 afegãs"),
    ],
)
def test_portuguese_demonyms_count_persons(text, quote):
    rows = extract_figures(text, lang="pt").set_index("quote")
    assert (rows.at[quote, "kind"], rows.at[quote, "unit"]) == ("people", "person")


def test_a_portuguese_demonym_after_its_institution_names_the_actor():
    rows = extract_figures("O governo canadense doará CAD 8 milhões.", lang="pt")
    assert rows["actor"].tolist() == ["CAN"]


def test_portuguese_words_for_persons_of_either_sex_count_persons():
    rows = extract_figures("O abrigo recebeu 30 meninas, 20 gestantes e 15 idosas; 40 ministros participaram.",
                           lang="pt")
    assert rows["kind"].tolist() == ["people"] * 4


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        # an adjective that stands before the noun ("los primeros meses", "las nuevas solicitudes") is no noun
        # so a noun-less number after them counts the noun named before
        ("Se aprobaron 9.100 visas. En los primeros cinco meses del año, 4.300.", "visa"),
        ("Se tramitaron 2.000 solicitudes. En las últimas dos semanas, 700.", "solicitud"),
    ],
)
def test_a_leading_adjective_is_no_noun_a_later_number_counts(text, unit):
    assert extract_figures(text, lang="es")["unit"].tolist() == [unit, unit]
