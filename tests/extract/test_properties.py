"""Rules that hold for any input, checked with hypothesis."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from fixture_docs import extract_any
from ladfin.extract.checks import plausible_max
from ladfin.extract.figures import parse_quote


def _reads_back(figure: dict, expected: float, **approx) -> bool:
    """Tell whether a figure holds `expected`, or is flagged and left empty where that is beyond plausible."""
    if expected > plausible_max(figure["kind"], figure["unit"]):
        return figure["value"] is None and "implausible_value" in figure["flag"]
    return figure["value"] == (pytest.approx(expected, **approx) if approx else expected)

SCALES = {"": 1, " thousand": 1e3, " million": 1e6, " billion": 1e9}
CURRENCIES = [  # (template, unit): {n} is the number, {s} the scale word
    ("${n}{s}", "USD"), ("US${n}{s}", "USD"), ("C${n}{s}", "CAD"), ("€{n}{s}", "EUR"),
    ("{n}{s} Canadian dollars", "CAD"), ("{n}{s} Colombian pesos", "COP"),
    ("{n}{s} euros", "EUR"), ("USD {n}{s}", "USD"), ("{n}{s} Mexican pesos", "MXN"),
]


def _render(amount: int, decimals: int, grouped: bool) -> str:
    text = f"{amount:,}" if grouped else str(amount)
    return text + (f".{'5' * decimals}" if decimals else "")


@settings(max_examples=200, deadline=None)
@given(
    amount=st.integers(min_value=1, max_value=999_999),
    decimals=st.integers(min_value=0, max_value=2),
    grouped=st.booleans(),
    scale=st.sampled_from(sorted(SCALES)),
    currency=st.sampled_from(CURRENCIES),
)
def test_an_amount_in_any_supported_style_reads_back_to_its_value_and_unit(
    amount, decimals, grouped, scale, currency
):
    number = _render(amount, decimals, grouped)
    if 1900 <= amount <= 2100 and not decimals and not grouped and not scale:
        number = f"{amount:,}"  # a bare four-digit number in that range reads as a year
    template, unit = currency
    figure = parse_quote(template.format(n=number, s=scale))
    expected = float(number.replace(",", "")) * SCALES[scale]
    assert figure["unit"] == unit
    assert _reads_back(figure, expected)


@settings(max_examples=150, deadline=None)
@given(amount=st.integers(min_value=1, max_value=10**7), noun=st.sampled_from(
    ["refugees", "migrants", "workers", "asylum seekers", "Venezuelans", "individuals"]))
def test_any_count_of_persons_reads_as_people(amount, noun):
    figure = parse_quote(f"{amount:,} {noun}")
    assert (figure["kind"], figure["value"], figure["unit"]) == ("people", amount, "person")


PIECES = list("0123456789 ,.$%-–()\n€£abcdeMBk:/") + [
    " million", " billion", " percent", " refugees", " visas", " more than ", " nearly ",
    " Canada ", " pesos", "FY", " May ", "Pillar ", "<span>", "</span>", "&amp;", "\\$",
    "---\n", "# ", "• ", "  1. ", "twenty-one", " half of ", "&#50;", "<!--", "-->",
]
TEXT = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=80).map("".join),
    st.text(max_size=300),
)



@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_arbitrary_text_never_crashes_and_every_digit_is_accounted_for(text):
    figures, skipped = extract_any(text)
    spans = [(r["start"], r["end"]) for r in figures + skipped]
    for m in re.finditer(r"\d+", text):
        assert any(s <= m.start() and m.end() <= e for s, e in spans), (m.group(), text)


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_every_quote_is_the_raw_text_at_its_span(text):
    figures, skipped = extract_any(text)
    for row in figures:
        assert text[row["start"]:row["end"]] == row["quote"]
        assert row["start"] < row["end"]
    for row in skipped:
        assert text[row["start"]:row["end"]] == row["text"]


WORDY = st.one_of(
    TEXT,
    st.lists(st.sampled_from(PIECES + [
        "one", "One", "a", "A", "ten", "often", "Ten", "dozen", "a dozen", "half", "behalf", "May",
        "March", "2024", "+1 202", "(202) 555-0100", "thirty", "-", "é", "_", "seven", " of ",
        "hundred", "third", "a third", "\t", "Mayo", "mayo", "dos", "millones", "1.234,5",
    ]), max_size=60).map("".join),
)


@settings(max_examples=300, deadline=None)
@given(WORDY, st.sampled_from(["en", "es"]))
@example("(ten refugees", "en")  # a failed try at "(" right before a word
@example("Ten visas", "en")
@example("dos millones", "es")
def test_the_fast_token_scan_finds_what_a_full_regex_scan_finds(text, lang):
    from ladfin.extract.mentions import _tokens
    from ladfin.reference.vocabulary import vocabulary

    vocab = vocabulary(lang)
    expected = [(m.span(), m.lastgroup) for m in vocab.token_re.finditer(text)]
    assert [(m.span(), m.lastgroup) for m in _tokens(text, vocab)] == expected


# -- Per language: a figure rendered in any style the language's press uses reads back the same.
# Each style is (template, unit, kind, scale): {n} is the number as the style writes it.
LANGUAGE_STYLES = {
    "en": {
        "separators": (",", "."),
        "scales": {"": 1, " thousand": 1e3, " million": 1e6, " billion": 1e9, "bn": 1e9, "m": 1e6, " mn": 1e6},
        "figures": [("${n}", "USD", "money"), ("US${n}", "USD", "money"), ("C${n}", "CAD", "money"),
                    ("£{n}", "GBP", "money"), ("€{n}", "EUR", "money"), ("{n} Canadian dollars", "CAD", "money"),
                    ("{n} refugees", "person", "people"), ("{n} asylum seekers", "person", "people")],
    },
    "es": {
        "separators": (".", ","),
        "scales": {"": 1, " mil": 1e3, " millones": 1e6, " mil millones": 1e9, " billones": 1e12, " MM": 1e6},
        "figures": [("US$ {n}", "USD", "money"), ("{n} de euros", "EUR", "money"), ("S/ {n}", "PEN", "money"),
                    ("Q{n}", "GTQ", "money"), ("{n} de pesos colombianos", "COP", "money"),
                    ("{n} de dólares estadounidenses", "USD", "money"), ("{n} de personas", "person", "people"),
                    ("{n} de migrantes", "person", "people")],
    },
    "pt": {
        "separators": (".", ","),
        "scales": {"": 1, " mil": 1e3, " milhões": 1e6, " bilhões": 1e9, " mi": 1e6, " bi": 1e9},
        "figures": [("R$ {n}", "BRL", "money"), ("US$ {n}", "USD", "money"), ("{n} de reais", "BRL", "money"),
                    ("{n} de pessoas", "person", "people"), ("{n} de venezuelanos", "person", "people")],
    },
}
# A word that is no scale reads without "de": "5 personas", but "5 millones de personas".
_DE = {"es": " de ", "pt": " de "}


def _styled(amount: int, decimals: str, grouped: bool, lang: str) -> str:
    thousands, decimal = LANGUAGE_STYLES[lang]["separators"]
    text = f"{amount:,}".replace(",", thousands) if grouped else str(amount)
    return text + (decimal + decimals if decimals else "")


def _phrase(template: str, number: str, scale: str, lang: str) -> str:
    quote = template.format(n=number + scale)
    if not scale.strip() or scale.strip() in ("MM", "mi", "bi", "mil"):
        quote = quote.replace(f"{number + scale} de ", f"{number + scale} ")
    return quote


@settings(max_examples=120, deadline=None)
@given(
    lang=st.sampled_from(sorted(LANGUAGE_STYLES)),
    amount=st.integers(min_value=2, max_value=999_999),
    decimals=st.sampled_from(["", "5", "25"]),
    grouped=st.booleans(),
    data=st.data(),
)
def test_a_figure_in_any_style_of_its_language_reads_back(lang, amount, decimals, grouped, data):
    styles = LANGUAGE_STYLES[lang]
    scale = data.draw(st.sampled_from(sorted(styles["scales"])))
    template, unit, kind = data.draw(st.sampled_from(styles["figures"]))
    abbreviated = scale.strip() in ("bn", "m", "mn", "MM", "mi", "bi")
    if abbreviated and not template.startswith(("$", "US$", "C$", "£", "€", "R$", "S/", "Q")):
        # An abbreviation reads as a scale only after a currency sign ("$1.5 bn", "R$ 5 mi"):
        # elsewhere "5 m" may be metres. The spoken million stands in.
        scale = {"en": " million", "es": " millones", "pt": " milhões"}[lang]
    if not styles["scales"][scale] > 1:
        decimals = ""  # a fraction of a person or of a peso is no figure the press writes
    if 1900 <= amount <= 2100 and not grouped and not decimals:
        grouped = True  # a bare four-digit number in that range reads as a year
    number = _styled(amount, decimals, grouped, lang)
    quote = _phrase(template, number, scale, lang)
    figure = parse_quote(quote, lang=lang)
    expected = float(f"{amount}.{decimals or 0}") * styles["scales"][scale]
    assert (figure["kind"], figure["unit"]) == (kind, unit), quote
    assert _reads_back(figure, expected, rel=1e-12), quote


WORD_NUMBERS = {  # words each language writes a small number in, with their value
    "en": {"two": 2, "five": 5, "twelve": 12, "twenty": 20, "a": 1},
    "es": {"dos": 2, "cinco": 5, "doce": 12, "veinte": 20, "un": 1},
    "pt": {"dois": 2, "cinco": 5, "doze": 12, "vinte": 20, "um": 1},
}
WORD_SCALES = {"en": ("million", 1e6, "refugees"), "es": ("millones", 1e6, "de personas"),
               "pt": ("milhões", 1e6, "de pessoas")}


@settings(max_examples=60, deadline=None)
@given(lang=st.sampled_from(sorted(WORD_NUMBERS)), data=st.data())
def test_a_number_in_words_reads_back(lang, data):
    word, value = data.draw(st.sampled_from(sorted(WORD_NUMBERS[lang].items())))
    scale, multiplier, noun = WORD_SCALES[lang]
    if value == 1:
        scale = {"en": "million", "es": "millón", "pt": "milhão"}[lang]
    figure = parse_quote(f"{word} {scale} {noun}", lang=lang)
    assert (figure["kind"], figure["value"]) == ("people", value * multiplier)


@settings(max_examples=60, deadline=None)
@given(thousands=st.integers(min_value=2, max_value=999), rest=st.integers(min_value=0, max_value=999),
       lang=st.sampled_from(["es", "pt"]))
def test_a_mixed_number_of_digits_and_mil_reads_back(thousands, rest, lang):
    noun = {"es": "personas", "pt": "pessoas"}[lang]
    figure = parse_quote(f"{thousands} mil {rest:03d} {noun}", lang=lang)
    assert (figure["kind"], figure["value"]) == ("people", thousands * 1000 + rest)
