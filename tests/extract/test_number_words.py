"""Numbers written in words, in each language: any number below 10,000 reads back to its value.

The renderers below are written from each language's grammar, not from the
reference tables: English "three thousand five hundred and twenty-one",
Spanish "tres mil quinientos veintiuno", Portuguese "três mil quinhentos e
vinte e um".
"""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from ladfin.extract.figures import extract_figures
from ladfin.extract.numerals import word_value
from ladfin.reference.vocabulary import vocabulary

EN_UNITS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen " \
           "sixteen seventeen eighteen nineteen".split()
EN_TENS = {20: "twenty", 30: "thirty", 40: "forty", 50: "fifty", 60: "sixty", 70: "seventy", 80: "eighty",
           90: "ninety"}


def _english(n: int, *, and_word: bool = True) -> str:
    parts = []
    if n >= 1000:
        parts.append(f"{EN_UNITS[n // 1000]} thousand")
        n %= 1000
    if n >= 100:
        parts.append(f"{EN_UNITS[n // 100]} hundred")
        n %= 100
    if n:
        small = EN_UNITS[n] if n < 20 else EN_TENS[n - n % 10] + (f"-{EN_UNITS[n % 10]}" if n % 10 else "")
        parts.append(f"and {small}" if parts and and_word else small)
    return " ".join(parts)


ES_UNITS = ("cero uno dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince "
            "dieciséis diecisiete dieciocho diecinueve veinte veintiuno veintidós veintitrés veinticuatro "
            "veinticinco veintiséis veintisiete veintiocho veintinueve").split()
ES_TENS = {30: "treinta", 40: "cuarenta", 50: "cincuenta", 60: "sesenta", 70: "setenta", 80: "ochenta",
           90: "noventa"}
ES_HUNDREDS = {1: "ciento", 2: "doscientos", 3: "trescientos", 4: "cuatrocientos", 5: "quinientos",
               6: "seiscientos", 7: "setecientos", 8: "ochocientos", 9: "novecientos"}


def _spanish(n: int) -> str:
    parts = []
    if n >= 1000:
        parts.append("mil" if n // 1000 == 1 else f"{ES_UNITS[n // 1000]} mil")
        n %= 1000
    if n == 100:
        parts.append("cien")
        n = 0
    elif n > 100:
        parts.append(ES_HUNDREDS[n // 100])
        n %= 100
    if n:
        parts.append(ES_UNITS[n] if n < 30 else ES_TENS[n - n % 10] + (f" y {ES_UNITS[n % 10]}" if n % 10 else ""))
    return " ".join(parts)


PT_UNITS = ("zero um dois três quatro cinco seis sete oito nove dez onze doze treze catorze quinze "
            "dezesseis dezessete dezoito dezenove").split()
PT_TENS = {20: "vinte", 30: "trinta", 40: "quarenta", 50: "cinquenta", 60: "sessenta", 70: "setenta",
           80: "oitenta", 90: "noventa"}
PT_HUNDREDS = {1: "cento", 2: "duzentos", 3: "trezentos", 4: "quatrocentos", 5: "quinhentos",
               6: "seiscentos", 7: "setecentos", 8: "oitocentos", 9: "novecentos"}


def _portuguese(n: int) -> str:
    groups = []
    if n >= 1000:
        groups.append("mil" if n // 1000 == 1 else f"{PT_UNITS[n // 1000]} mil")
        n %= 1000
    rest = []
    if n == 100:
        rest.append("cem")
        n = 0
    elif n > 100:
        rest.append(PT_HUNDREDS[n // 100])
        n %= 100
    if n:
        rest.append(PT_UNITS[n] if n < 20 else PT_TENS[n - n % 10] + (f" e {PT_UNITS[n % 10]}" if n % 10 else ""))
    if rest:
        # "dois mil e quinhentos", "dois mil quinhentos e vinte": "e" before the last part
        groups.append(" e ".join(rest) if len(rest) > 1 else (f"e {rest[0]}" if groups else rest[0]))
    return " ".join(groups)


RENDER = {
    "en": (_english, "{n} people"),
    "es": (_spanish, "Llegaron {n} personas."),
    "pt": (_portuguese, "Chegaram {n} pessoas."),
}


@settings(max_examples=300, deadline=None)
@given(n=st.integers(min_value=2, max_value=9999), lang=st.sampled_from(sorted(RENDER)))
@example(n=3500, lang="en")
@example(n=35, lang="es")
@example(n=2500, lang="pt")
@example(n=121, lang="pt")
def test_a_number_in_words_reads_back_to_its_value(n, lang):
    render, template = RENDER[lang]
    text = template.format(n=render(n))
    rows = extract_figures(text, lang=lang)
    assert rows[["value", "kind", "unit"]].values.tolist() == [[n, "people", "person"]], text


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("one hundred and twenty", "en", 120),
        ("two hundred fifty", "en", 250),
        ("three thousand five hundred", "en", 3500),
        ("twelve hundred", "en", 1200),
        ("a dozen", "en", 12),
        ("two dozen", "en", 24),
        ("treinta y cinco", "es", 35),
        ("ciento veinte", "es", 120),
        ("tres mil quinientas", "es", 3500),
        ("mil doscientos", "es", 1200),
        ("cento e vinte", "pt", 120),
        ("dois mil e quinhentos", "pt", 2500),
        ("duzentas", "pt", 200),
    ],
)
def test_word_value_adds_within_a_group_and_a_thousand_closes_it(text, lang, value):
    assert word_value(text, vocabulary(lang)) == value


@pytest.mark.parametrize(
    ("text", "lang", "figures"),
    [
        # "y" / "e" joins a smaller part after a larger one only: "dos y tres" is two numbers, never five.
        ("Llegaron dos y tres familias.", "es", [[3, "people", "person"]]),
        ("Chegaram cinco e dez famílias.", "pt", [[10, "count", "família"]]),  # families are counts
        ("Llegaron veinte y treinta familias.", "es", [[30, "people", "person"]]),
        # A number word that names one stands for no figure alone ("one center").
        ("It opened one center for 300 people.", "en", [[300, "people", "person"]]),
    ],
)
def test_and_joins_no_two_numbers_of_the_same_rank(text, lang, figures):
    assert extract_figures(text, lang=lang)[["value", "kind", "unit"]].values.tolist() == figures


@pytest.mark.parametrize(
    ("text", "quote", "value"),
    [
        # a fraction of a scale word is that share of it, not the scale word alone
        ("Half a million people were displaced.", "Half a million people", 500_000),
        ("Over a quarter of a million Hondurans applied.", "a quarter of a million Hondurans", 250_000),
        ("The fund spent half of a million dollars on shelters.", "half of a million dollars", 500_000),
    ],
)
def test_a_fraction_of_a_million_is_that_share_of_a_million(text, quote, value):
    rows = extract_figures(text).set_index("quote")
    assert rows.at[quote, "value"] == value


def test_a_fraction_of_a_group_is_still_a_share():
    rows = extract_figures("A quarter of the 800 applicants were approved.")
    assert rows[["quote", "value", "unit"]].values.tolist()[0] == ["A quarter", 25.0, "percent"]


@pytest.mark.parametrize(
    ("text", "quote", "value"),
    [
        ("Only about one-third of the shelters were open.", "one-third", 33.333333),
        ("One-quarter of the families left.", "One-quarter", 25.0),
        ("Roughly a fifth of the applicants were children.", "a fifth", 20.0),
    ],
)
def test_a_hyphenated_or_article_fraction_is_a_share(text, quote, value):
    rows = extract_figures(text).set_index("quote")
    assert (rows.at[quote, "value"], rows.at[quote, "unit"]) == (value, "percent")


def test_a_fraction_with_its_percentage_in_brackets_gives_both():
    rows = extract_figures("Nearly half (48%) of the applicants were women.")
    assert rows[["quote", "value", "qualifier"]].values.tolist() == [["half", 50.0, "under"], ["48%", 48.0, "exact"]]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("La obra dará medio millar de empleos.", 500),
        ("Se levantó un millar de viviendas.", 1000),
        ("Llegaron 4 millares de familias.", 4000),
    ],
)
def test_spanish_millar_is_a_thousand(text, value):
    assert extract_figures(text, lang="es")["value"].tolist() == [value]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # "del" is "de" joined to "el": a fraction before it is a share, unless it names a period
        ("La mitad del presupuesto se destinó a albergues.", [50]),
        ("En la primera mitad del año llegaron 5.000 personas.", [5000]),
    ],
)
def test_a_spanish_fraction_before_del_is_a_share_or_a_period(text, values):
    assert extract_figures(text, lang="es")["value"].tolist() == values


@pytest.mark.parametrize(
    ("text", "quote", "value"),
    [
        # "a" before "mil 609" is the preposition: "mil 609" is one number (1,609), not "a thousand" and 609
        ("La fiscalía acusó a mil 609 personas.", "mil 609 personas", 1609),
        ("Se puso a disposición del juez a mil 215 probables responsables.", "mil 215 probables responsables", 1215),
        # "a mil" alone stays a thousand
        ("Las llegadas ascendieron a mil personas.", "a mil personas", 1000),
    ],
)
def test_mil_and_digits_after_the_preposition_a_is_one_number(text, quote, value):
    rows = extract_figures(text, lang="es").set_index("quote")
    assert rows.at[quote, "value"] == value
    assert rows.at[quote, "unit"] == "person"
