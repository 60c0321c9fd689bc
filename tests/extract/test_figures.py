"""Extraction on sentences written for these tests (none copied from the corpus)."""

from __future__ import annotations

import pytest

from ladfin.extract.figures import extract_figures, extract_skipped, parse_quote


@pytest.mark.parametrize(
    ("text", "kind", "value", "unit"),
    [
        # money: symbols, codes, names, scale words, abbreviations
        ("$578 million", "money", 578_000_000, "USD"),
        ("$1.2 billion", "money", 1_200_000_000, "USD"),
        ("US$ 40 million", "money", 40_000_000, "USD"),
        ("C$12.5 million", "money", 12_500_000, "CAD"),
        ("CAD 5 million", "money", 5_000_000, "CAD"),
        ("5 million USD", "money", 5_000_000, "USD"),
        ("$75 million Canadian dollars", "money", 75_000_000, "CAD"),
        ("50 million Colombian pesos", "money", 50_000_000, "COP"),
        ("3 billion Mexican pesos", "money", 3_000_000_000, "MXN"),
        ("€30 million", "money", 30_000_000, "EUR"),
        ("12 million euros", "money", 12_000_000, "EUR"),
        ("£2 million", "money", 2_000_000, "GBP"),
        ("R$ 9 million", "money", 9_000_000, "BRL"),
        ("800 thousand Japanese yen", "money", 800_000, "JPY"),
        ("$4.5M", "money", 4_500_000, "USD"),
        ("$2bn", "money", 2_000_000_000, "USD"),
        ("$250,000", "money", 250_000, "USD"),
        ("12 million zlotys", "money", 12_000_000, "PLN"),
        ("two million dollars", "money", 2_000_000, "USD"),
        # people
        ("4,200 asylum seekers", "people", 4_200, "person"),
        ("1.5 million Haitians", "people", 1_500_000, "person"),
        ("350 Honduran children", "people", 350, "person"),
        ("a 120-person shelter", "people", 120, "person"),
        ("nine hundred refugees", "people", 900, "person"),
        ("thirty-two community leaders", "people", 32, "person"),
        ("700 trained and certified workers", "people", 700, "person"),
        # counts: the head noun, singular
        ("14 new border posts", "count", 14, "post"),
        ("twelve mobile clinics", "count", 12, "clinic"),
        ("2,500 humanitarian visas", "count", 2_500, "visa"),
        ("forty-five countries", "count", 45, "country"),
        ("a dozen projects", "count", 12, "project"),
        # percent
        ("35%", "percent", 35, "percent"),
        ("12.5 percent", "percent", 12.5, "percent"),
        ("8 per cent", "percent", 8, "percent"),
        ("half of the shelters", "percent", 50, "percent"),
        ("two-thirds of the applicants", "percent", 200 / 3, "percent"),
    ],
)
def test_parse_quote(text, kind, value, unit):
    figure = parse_quote(text)
    assert (figure["kind"], figure["unit"]) == (kind, unit)
    assert figure["value"] == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("more than $3 million", "over"),
        ("over 900 migrants", "over"),
        ("at least 40 shelters", "over"),
        ("upwards of 6,000 workers", "over"),
        ("nearly $10 million", "under"),
        ("almost 70 percent", "under"),
        ("up to 1,000 refugees", "under"),
        ("just under $2 billion", "under"),
        ("fewer than 300 applicants", "under"),
        ("approximately 12,000 people", "approx"),
        ("about $8 million", "approx"),
        ("roughly 40 clinics", "approx"),
        ("an estimated 2 million Venezuelans", "approx"),
        ("some 500 families", "approx"),
        ("$7 million", "exact"),
        ("More\n    than 90 visas", "over"),  # capitalised, wrapped inside the hedge
        ("It gave well over 90 visas", "over"),
        ("the spillover 90 visas", "exact"),  # "over" inside a word is no hedge
        ("Pillar 2 (nearly 40 grants)", "under"),
    ],
)
def test_hedges_become_qualifiers(text, qualifier):
    assert parse_quote(text)["qualifier"] == qualifier


def test_hedge_excluded_from_quote():
    assert parse_quote("more than $3 million")["quote"] == "$3 million"
    assert parse_quote("an estimated 2 million Venezuelans")["quote"] == "2 million Venezuelans"


@pytest.mark.parametrize(
    ("text", "low", "high", "unit"),
    [
        ("$5-10 million", 5e6, 10e6, "USD"),
        ("$5–10 million", 5e6, 10e6, "USD"),
        ("between 200 and 300 migrants", 200, 300, "person"),
        ("3 to 4 billion euros", 3e9, 4e9, "EUR"),
    ],
)
def test_a_range_is_one_figure_with_its_upper_end(text, low, high, unit):
    figures = extract_figures(text)
    assert len(figures) == 1
    row = figures.iloc[0]
    assert (row["value"], row["value_high"], row["unit"]) == (low, high, unit)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("On March 3, 2023, the ministers met.", "date"),
        ("The plan runs until 2027.", "year"),
        ("Spending rose in FY2023.", "fiscal_year"),
        ("Spending rose in fiscal year 2021.", "fiscal_year"),
        ("It was the 21st meeting.", "ordinal"),
        ("Under Pillar 2, partners agreed.", "label"),
        ("Under Pillars 1, 2 and 3, partners agreed.", "label"),
        ("Phase 3 starts soon.", "label"),
        ("Workers hold H-2 visas.", "identifier"),
        ("The COVID-19 response continued.", "identifier"),
        ("The program lasts 18 months.", "duration"),
        # a number joined to the next by a conjunction shares its context word
        ("A hearing follows in eight or 10 weeks.", "duration"),
        ("Claims take 3 or four years.", "duration"),
        ("Arrivals grew 3-fold.", "multiplier"),
        ("Call 202-555-0143 for details.", "phone"),
        ("Doors open at 10:30.", "time"),
        ("Goals: 1) shelter; 2) jobs.", "list_number"),
    ],
)
def test_numbers_that_are_not_figures_are_skipped_with_a_reason(text, reason):
    assert extract_figures(text).empty
    assert reason in set(extract_skipped(text)["reason"])


def test_a_duration_is_kept_on_the_money_figure_it_qualifies():
    figures = extract_figures("Spain will invest €40 million over five years in shelters.")
    assert figures[["value", "unit", "duration"]].values.tolist() == [[40e6, "EUR", "five years"]]


def test_bare_dollar_from_a_non_us_government_is_an_assumed_reading():
    row = extract_figures("Australia announced it would give $9 million to the fund.").iloc[0]
    assert (row["unit"], row["currency_assumed"], row["alt_unit"]) == ("AUD", True, "USD")
    assert "AUD" in row["note"]


def test_bare_dollar_from_the_united_states_is_usd_and_not_assumed():
    row = extract_figures("The United States pledged $9 million.").iloc[0]
    assert (row["unit"], row["currency_assumed"]) == ("USD", False)


def test_a_bare_dollar_in_a_paragraph_naming_nobody_is_the_releases_announcers_currency():
    # the release is Australia's: its later "$3 million" has no actor, yet it is Australian dollars
    text = ("Australia announced $9 million for the region on Monday.\n\n"
            "A further $3 million will go to shelters on the border.\n\nAustralia will report in June.\n")
    row = extract_figures(text).set_index("quote").loc["$3 million"]
    assert pd_isna(row["actor"])
    assert (row["unit"], row["currency_assumed"], row["alt_unit"]) == ("AUD", True, "USD")
    assert "in a release announced by AUS" in row["note"]
    # a text naming two announcers evenly gives a later bare dollar no one's currency but USD
    even = ("Australia announced $9 million.\n\nJapan announced $5 million.\n\n"
            "A further $3 million will go to shelters.\n")
    assert extract_figures(even).set_index("quote").at["$3 million", "unit"] == "USD"


def test_bare_pesos_take_the_actor_currency():
    row = extract_figures("Mexico will spend 80 million pesos on shelters.").iloc[0]
    assert (row["unit"], row["currency_assumed"]) == ("MXN", True)


def test_an_unknown_currency_is_kept_and_flagged():
    row = extract_figures("Ruritania pledged 40 million Ruritanian dollars.").iloc[0]
    assert row["kind"] == "money" and row["value"] == 40e6
    assert pd_isna(row["unit"])
    assert row["flag"] == "unknown_currency"
    assert "Ruritanian dollars" in row["note"]


def test_an_unknown_currency_symbol_is_kept_and_flagged():
    row = extract_figures("Kyiv received ₿3 million.").iloc[0]
    assert row["flag"] == "unknown_currency" and row["value"] == 3e6


def test_a_number_with_no_noun_borrows_from_the_figure_it_is_compared_with():
    figures = extract_figures("Officials issued 8,000 permits in 2023, compared to 5,100 in 2022.")
    assert figures[["value", "unit"]].values.tolist() == [[8000, "permit"], [5100, "permit"]]


def test_a_partitive_number_borrows_from_the_figure_after_it():
    figures = extract_figures("So far 1,200 of the 3,000 expected applicants have arrived.")
    assert figures[["value", "kind"]].values.tolist() == [[1200, "people"], [3000, "people"]]


def test_a_lone_number_with_nothing_to_count_is_skipped_not_guessed():
    assert extract_figures("The answer was 42.").empty
    assert extract_skipped("The answer was 42.")["reason"].tolist() == ["no_unit"]


def test_actor_is_the_announcer_not_a_place_named_in_a_preposition():
    row = extract_figures("In Quito, Ecuador, Spain announced €4 million for Peru.").iloc[0]
    assert row["actor"] == "ESP"
    assert row["recipients"] == "ECU;PER"


def test_an_agency_maps_to_its_government():
    row = extract_figures("USAID will provide $12 million in food aid.").iloc[0]
    assert (row["actor"], row["actor_alias"]) == ("USA", "USAID")


def test_actor_falls_back_to_the_earlier_sentence_of_the_same_bullet():
    # the last bullet names nobody, so its figure has no actor (another bullet's is not read)
    text = ("- Brazil opened two centers. They can host 800 migrants.\n- Chile opened a third.\n"
            "- Another bullet with 5 clinics.\n")
    figures = extract_figures(text)
    assert figures.set_index("value").loc[800, "actor"] == "BRA"
    assert pd_isna(figures.set_index("value").loc[5, "actor"])


def test_hard_wrapped_lines_do_not_break_a_figure():
    figures = extract_figures("Costa\n    Rica registered more than 12,000\n    asylum\n    seekers.")
    row = figures.iloc[0]
    assert (row["value"], row["kind"], row["qualifier"], row["actor"]) == (12000, "people", "over", "CRI")


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("Partners will resettle up to\n5,000 refugees this year.", 5000, "people"),
        ("The lessons of\n1989 guide the plan; it gave\n40 grants.", 40, "count"),
    ],
)
def test_a_number_opening_a_wrapped_line_is_not_glued_to_the_word_before(text, value, kind):
    figures = extract_figures(text)
    assert figures[["value", "kind"]].values.tolist() == [[value, kind]]
    assert "identifier" not in set(extract_skipped(text)["reason"])


def pd_isna(value) -> bool:
    import pandas as pd

    return bool(pd.isna(value))


@pytest.mark.parametrize(
    ("text", "kind", "value", "unit", "qualifier"),
    [
        ("Colombia destinará 50 millones de pesos a los albergues.", "money", 50e6, "COP", "exact"),
        ("México recibió 32.000 solicitudes en el año.", "count", 32_000, "solicitud", "exact"),
        ("Perú acoge a 1,5 millones de personas venezolanas.", "people", 1.5e6, "person", "exact"),
        ("Chile registró más de 2.000 migrantes.", "people", 2_000, "person", "over"),
        ("España aportará 3 millones de euros.", "money", 3e6, "EUR", "exact"),
        ("Se regularizaron casi 95.000 venezolanos.", "people", 95_000, "person", "under"),
    ],
)
def test_spanish_is_rows_and_a_number_style(text, kind, value, unit, qualifier):
    row = extract_figures(text, lang="es").iloc[0]
    assert (row["kind"], row["value"], row["unit"], row["qualifier"]) == (kind, value, unit, qualifier)


def test_spanish_dates_are_skipped():
    assert extract_figures("El 25 de septiembre de 2024 se reunieron.", lang="es").empty


def test_a_borrowed_unit_is_marked_in_its_own_column():
    # written for this test: a part taken from a whole that names its noun
    rows = extract_figures("Ecuador registered 1,200 of the estimated 3,400 migrants.").set_index("quote")
    assert rows.at["1,200", "unit"] == "person"
    assert rows.at["1,200", "unit_source"] == "part_of"
    assert rows.at["3,400 migrants", "unit_source"] == "text"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a number in brackets after a name is a figure (a list marker has at most two digits) and takes
        # the unit of the figure it is compared with
        ("O Ceará lidera o ranking, com 10.500 interiorizações, seguido por Bahia (9.100) e Pará (8.200).",
         [("9.100", "count", "interiorização"), ("8.200", "count", "interiorização")]),
        # ... but never a count of places: a place holds people, it does not count places
        ("Os estrangeiros foram enviados para 900 cidades – as que mais receberam foram: Recife (6.111) e "
         "Natal (5.222).", [("6.111", "people", "person"), ("5.222", "people", "person")]),
        ("A maioria dos venezuelanos está no posto (640).", [("640", "people", "person")]),
        # the words before each bracket say where; what is counted is the noun before them
        ("A maioria dos venezuelanos está em espaços particulares (510) e públicos (370).",
         [("510", "people", "person"), ("370", "people", "person")]),
        # a figure the brackets are compared with still gives its unit: requests of Haitians, of Cubans
        ("Chegaram 900 pedidos de haitianos (500) e cubanos (400).",
         [("500", "count", "pedido"), ("400", "count", "pedido")]),
    ],
)
def test_a_number_in_brackets_after_a_name_counts_what_the_name_holds(text, expected):
    found = [(r.quote, r.kind, r.unit) for r in extract_figures(text, lang="pt").itertuples()]
    assert all(e in found for e in expected), found


def test_a_short_number_in_brackets_is_still_a_list_marker():
    assert list(extract_skipped("Os objetivos são: (1) abrigo e (2) emprego.", lang="pt")["reason"]) == [
        "list_number", "list_number"]


@pytest.mark.parametrize(
    ("text", "lang", "unit"),
    [
        # a word right after a copula is a participle or a predicate, not what a later number counts
        ("As solicitações foram aprovadas em março: 300 no total.", "pt", "solicitação"),
        ("Las solicitudes fueron aprobadas en marzo: 300 en total.", "es", "solicitud"),
    ],
)
def test_a_participle_after_a_copula_is_no_implied_noun(text, lang, unit):
    assert extract_figures(text, lang=lang)["unit"].tolist() == [unit]


@pytest.mark.parametrize(
    "text",
    [
        # "país" ends in s but is singular; "destes" is a pronoun, not a noun
        "Os haitianos chegaram ao país, e 2.500 já trabalham.",
        "Chegaram 900 haitianos. Destes, 2.500 já trabalham.",
    ],
)
def test_singular_words_and_pronouns_ending_in_s_are_no_implied_noun(text):
    found = extract_figures(text, lang="pt")
    assert found[found["quote"] == "2.500"][["kind", "unit"]].values.tolist() == [["people", "person"]]


def test_a_time_with_seconds_is_no_figure():
    assert extract_figures("Data: 10 de outubro de 2024 10:26:00 Principais vagas de trabalho.", lang="pt").empty


def test_an_estimated_amount_is_approximate():
    assert extract_figures("O plano está estimado em US$ 40 milhões.", lang="pt")["qualifier"].tolist() == [
        "approx"]


@pytest.mark.parametrize(
    ("text", "lang", "qualifiers"),
    [
        # an amount in brackets converts the one before it, and is as approximate
        ("Canada gave about $5 million (C$6.8 million) in 2024.", "en", ["approx", "approx"]),
        ("O governo desembolsou apenas cerca de US$ 350 milhões (R$ 2 bilhões).", "pt", ["approx", "approx"]),
        ("Aportó más de 3 millones de euros (US$ 3,2 millones).", "es", ["over", "over"]),
        # one with a hedge of its own keeps it; one not in brackets is another amount
        ("Foram US$ 2 bilhões (cerca de R$ 12 bilhões) por ano.", "pt", ["exact", "approx"]),
        ("Chile gave about $5 million and Peru $3 million.", "en", ["approx", "exact"]),
    ],
)
def test_a_conversion_in_brackets_takes_the_hedge_of_its_amount(text, lang, qualifiers):
    assert extract_figures(text, lang=lang)["qualifier"].tolist() == qualifiers
