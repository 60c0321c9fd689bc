"""tests for ladfin/extract/numerals.py and the number forms of the region's press, per language."""

from __future__ import annotations

import pytest

from ladfin.extract.figures import extract_figures, parse_quote
from ladfin.extract.numerals import numeral_value
from ladfin.reference.vocabulary import vocabulary


@pytest.mark.parametrize(
    ("text", "lang", "shown", "value"),
    [
        ("1.900", "es", None, 1900),        # the language's thousands separator
        ("51.2", "es", None, 51.2),         # one digit after it: only a decimal separator
        ("201,7", "es", None, 201.7),
        ("2,500", "es", None, 2.5),         # Spanish style, where the text shows nothing else
        ("2,500", "es", ".", 2500),         # ... and a thousands comma where it shows a decimal point
        ("3’075,776", "es", None, 3_075_776),  # Peru: an apostrophe groups the millions
        ("1.234,5", "es", None, 1234.5),
        ("1,234.5", "es", None, 1234.5),
        ("1.234.567", "en", None, 1_234_567),
        ("2,2", "en", None, 2.2),           # CAD$2,2 million
        ("1.500", "en", None, 1.5),
        ("1.500", "en", ",", 1500),
        ("3,000", "es", None, 3000),        # three zeros after it: no decimal is written so
        ("3,000", "es", ",", 3000),         # ... even where the text shows a decimal comma
        ("4.000", "en", None, 4000),
        ("0,000", "es", None, 0),           # a zero before it groups nothing
        ("2,500", "es", "", 2500),          # the text groups thousands with both separators
        ("2.500", "en", "", 2500),
    ],
)
def test_a_numeral_decides_its_decimal_separator(text, lang, shown, value):
    assert numeral_value(text, vocabulary(lang), lambda: shown) == value


@pytest.mark.parametrize(
    ("quote", "lang", "kind", "value", "unit"),
    [
        # Mixed digit-and-word numbers.
        ("mil 897 millones 700 mil pesos colombianos", "es", "money", 1_897_700_000, "COP"),
        ("78 mil 975 personas", "es", "people", 78_975, "person"),
        ("Q265 mil 070", "es", "money", 265_070, "GTQ"),
        ("3 mil 45 personas", "es", "people", 3_045, "person"),  # the last group unpadded, as Mexican papers write
        ("un millón 600 mil migrantes", "es", "people", 1_600_000, "person"),
        ("140 mil 982 solicitudes", "es", "count", 140_982, "solicitud"),
        ("medio millón de personas", "es", "people", 500_000, "person"),
        ("meio milhão de pessoas", "pt", "people", 500_000, "person"),
        ("1 million 200 thousand refugees", "en", "people", 1_200_000, "person"),
        # Long and short scales.
        ("13 billones de pesos colombianos", "es", "money", 13e12, "COP"),
        ("11 mil millones de pesos mexicanos", "es", "money", 11e9, "MXN"),
        ("R$ 1,5 bilhão", "pt", "money", 1.5e9, "BRL"),
        ("US$ 2,8 bilhões", "pt", "money", 2.8e9, "USD"),
        ("R$ 500 mil", "pt", "money", 500_000, "BRL"),
        ("R$ 5 mi", "pt", "money", 5e6, "BRL"),
        # Scale abbreviations, against the number or one space after a currency sign.
        ("$1.5 bn", "en", "money", 1.5e9, "USD"),
        ("$1.5bn", "en", "money", 1.5e9, "USD"),
        ("US$ 12 Mln", "en", "money", 12e6, "USD"),
        ("USD 5 MM", "es", "money", 5e6, "USD"),
        ("EUR 5 mn", "en", "money", 5e6, "EUR"),
        ("2.4m people", "en", "people", 2.4e6, "person"),
        # Decimal separators decided from the numeral itself.
        ("CAD$2,2 million", "en", "money", 2.2e6, "CAD"),
        ("51.2 millones de pesos mexicanos", "es", "money", 51.2e6, "MXN"),
        ("S/ 3’075,776", "es", "money", 3_075_776, "PEN"),
        ("S/1 900", "es", "money", 1900, "PEN"),
        # Currency prefixes and suffixes.
        ("US $ 92 millones", "es", "money", 92e6, "USD"),
        ("U$S 39", "en", "money", 39, "USD"),
        ("MX$ 300 million", "en", "money", 300e6, "MXN"),
        ("C$ 5 million", "en", "money", 5e6, "CAD"),
        ("£4 million", "en", "money", 4e6, "GBP"),
        ("€130 million", "en", "money", 130e6, "EUR"),
        ("58,5 millones de euros", "es", "money", 58.5e6, "EUR"),
        ("50 millones de pesos colombianos", "es", "money", 50e6, "COP"),
        ("120 millones de dólares estadounidenses", "es", "money", 120e6, "USD"),
        ("R$ 230 milhões", "pt", "money", 230e6, "BRL"),
        ("US$ 387 milhões", "pt", "money", 387e6, "USD"),
        ("500 reais", "pt", "money", 500, "BRL"),
        ("$376 million1", "en", "money", 376e6, "USD"),  # a footnote mark after the scale
    ],
)
def test_a_number_form_of_the_press_reads_to_its_value(quote, lang, kind, value, unit):
    figure = parse_quote(quote, lang=lang)
    assert (figure["kind"], figure["value"], figure["unit"]) == (kind, value, unit)


@pytest.mark.parametrize(
    ("text", "lang", "low", "high"),
    [
        ("Llegarán entre 5 y 10 millones de personas.", "es", 5e6, 10e6),
        ("El promedio diario era de 500 a 700 citas.", "es", 500, 700),
        ("Serão entre 2 e 3 milhões de pessoas.", "pt", 2e6, 3e6),
        ("It will give between $5 and $10 million.", "en", 5e6, 10e6),
        ("Mexico will offer 15,000 to 20,000 seasonal workers.", "en", 15_000, 20_000),
    ],
)
def test_a_range_in_each_language_is_one_figure(text, lang, low, high):
    row = extract_figures(text, lang=lang).iloc[0]
    assert (row["value"], row["value_high"]) == (low, high)


@pytest.mark.parametrize(
    ("text", "lang", "low", "high", "unit"),
    [
        # each end written with the same scale word is one range, not a lost first number
        ("Entre 2 mil e 3 mil pessoas chegam por mês.", "pt", 2_000, 3_000, "person"),
        ("O plano custará de 4 milhões a 6 milhões de reais.", "pt", 4e6, 6e6, "BRL"),
        ("Between 2 million and 3 million people arrived.", "en", 2e6, 3e6, "person"),
        ("Llegarán entre 5 millones y 7 millones de personas.", "es", 5e6, 7e6, "person"),
    ],
)
def test_a_range_whose_ends_share_a_scale_word_is_one_figure(text, lang, low, high, unit):
    rows = extract_figures(text, lang=lang)
    assert rows[["value", "value_high", "unit"]].values.tolist() == [[low, high, unit]]


def test_a_falling_pair_is_no_range():
    # "a 12 mil famílias" says to whom, not up to how much.
    rows = extract_figures("O programa pagou R$ 600 a 12 mil famílias.", lang="pt")
    assert rows[["value", "unit"]].values.tolist() == [[600.0, "BRL"], [12_000.0, "família"]]  # families: counts


def test_a_range_of_ages_or_years_is_no_figure():
    assert extract_figures("Son adultos de 18 a 59 años y adolescentes de entre 11 y 17 años.", lang="es").empty


def test_a_scale_word_is_shared_by_the_figure_before():
    rows = extract_figures("The United States will provide $459 of the $578 million.")
    assert rows[["quote", "value"]].values.tolist() == [["$459", 459e6], ["$578 million", 578e6]]


def test_the_of_after_a_scale_stays_out_of_the_quote():
    rows = extract_figures("The EU has allocated €8 million of it to Venezuela.")
    assert rows["quote"].tolist() == ["€8 million"]


def test_a_decimal_point_beside_thousands_points_in_one_spanish_text():
    text = ("El presupuesto pasó de 1.900 millones de pesos mexicanos a 51.2 millones de pesos mexicanos "
            "y el centro alberga a 2.500 personas.")
    assert extract_figures(text, lang="es")["value"].tolist() == [1.9e9, 51.2e6, 2500]


def test_a_text_grouping_thousands_with_both_separators_groups_a_lone_comma():
    # "20,000" and "30.000" each group thousands; no decimal is written, so "12,345" is no 12.345 persons
    text = ("Más de 20,000 personas llegaron en marzo y 30.000 personas en abril. "
            "En total, la cifra era de 12,345 personas y 4.321 familias.")
    rows = extract_figures(text, lang="es")
    assert rows["value"].tolist() == [20_000, 30_000, 12_345, 4_321]
    assert not rows["flag"].fillna("").str.contains("separator_ambiguous").any()


def test_a_date_number_is_not_glued_to_a_decimal():
    rows = extract_figures("Inflation rose in June 4.98% after four consecutive months of growth.")
    assert rows[["value", "unit"]].values.tolist() == [[4.98, "percent"]]


def test_a_round_thousand_with_a_comma_settles_the_other_commas_of_a_spanish_text():
    # Central American and Mexican papers group thousands with a comma; "3,000" shows it
    text = ("Las autoridades recibieron a 1,850 hondureños retornados en enero, "
            "frente a 3,000 en diciembre; el 12% eran menores.")
    rows = extract_figures(text, lang="es")
    assert list(rows["value"]) == [1850, 3000, 12]
    assert rows["flag"].isna().all()


@pytest.mark.parametrize(
    ("text", "quote", "qualifier"),
    [
        ("El presupuesto, cercano a los 4 millones de euros, creció.", "4 millones de euros", "approx"),
        ("El total no llega a la mitad de la población.", "la mitad", "under"),
        ("Las entregas no llegan a 20.000 documentos.", "20.000 documentos", "under"),
    ],
)
def test_spanish_hedges_before_an_article_or_a_negated_reach(text, quote, qualifier):
    rows = extract_figures(text, lang="es").set_index("quote")
    assert rows.at[quote, "qualifier"] == qualifier


@pytest.mark.parametrize(
    ("text", "quote", "value", "qualifier"),
    [
        # Portuguese joins "de" to the article after a fraction: "metade dos", "um terço das"
        ("O programa atendeu quase metade dos migrantes em Roraima.", "metade", 50, "under"),
        ("Um terço das famílias vive em abrigos.", "Um terço", 100 / 3, "exact"),
        ("O número representa mais da metade do registrado em 2020.", "metade", 50, "over"),
        ("Menos da metade das crianças vai à escola.", "metade", 50, "under"),
    ],
)
def test_a_portuguese_fraction_before_the_contracted_of_word_is_a_share(text, quote, value, qualifier):
    rows = extract_figures(text, lang="pt").set_index("quote")
    assert rows.at[quote, "kind"] == "percent"
    assert rows.at[quote, "value"] == pytest.approx(value, rel=1e-6)
    assert rows.at[quote, "qualifier"] == qualifier


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("Abaixo de 300 pessoas chegaram.", "under"),
        ("Um número inferior a 300 pessoas chegou.", "under"),
        ("Mais ou menos 300 pessoas chegaram.", "approx"),
        ("Um total estimado de 300 pessoas chegou.", "approx"),
        ("O fluxo ultrapassou a marca de 300 pessoas.", "over"),
    ],
)
def test_portuguese_hedges_of_bounds_and_estimates(text, qualifier):
    assert extract_figures(text, lang="pt")["qualifier"].tolist() == [qualifier]
