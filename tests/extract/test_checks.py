"""Values ladfin cannot vouch for are kept and flagged (ladfin/extract/checks.py), on sentences written here."""

from __future__ import annotations

import math

import pytest

from ladfin.extract.checks import plausible_max
from ladfin.extract.figures import extract_figures


def _rows(text: str, lang: str = "en") -> list[dict]:
    frame = extract_figures(text, lang=lang)
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


def _one(text: str, lang: str = "en") -> dict:
    rows = _rows(text, lang)
    assert len(rows) == 1, rows
    return rows[0]


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("Canada pledged $999999999999999999999 billion to the fund.", "$999999999999999999999 billion"),
        ("Canada pledged $" + "9" * 400 + " to the fund.", "$" + "9" * 400),  # overflows a float
        ("Some 20 billion refugees arrived.", "20 billion refugees"),  # more than live on Earth
    ],
)
def test_an_implausible_value_is_kept_flagged_and_left_empty(text, quote):
    row = _one(text)
    assert row["quote"] == quote
    assert row["value"] is None and row["value_high"] is None
    assert row["flag"] == "implausible_value"
    assert row["note"]  # says what was read


def test_a_large_but_plausible_value_is_read():
    row = _one("The bank lent $2.5 trillion over a decade.")
    assert row["value"] == 2.5e12 and row["flag"] is None


def test_the_limits_come_from_the_reference_table():
    assert plausible_max("money", "USD") == 1e13
    assert plausible_max("money", "COP") == plausible_max("money", None) == 1e18  # "*" stands for any other
    assert plausible_max("people", "person") == 1e10


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("Canada reported -$5 million in the fund.", "$5 million"),
        ("Canada reported \u22125 million dollars in the fund.", "5 million dollars"),  # the minus sign
    ],
)
def test_a_negative_amount_is_flagged_and_left_out_of_totals(text, quote):
    row = _one(text)
    assert row["quote"] == quote and row["value"] is None
    assert row["flag"] == "negative_value" and "-5,000,000" in row["note"]


@pytest.mark.parametrize("text", [
    "COVID-19 cases rose and Canada gave $5 million.",  # a hyphen inside a word is no minus
    "In 2023-$5 million went to Peru.",                  # a hyphen after a number joins, it signs nothing
])
def test_a_hyphen_joining_words_is_no_minus(text):
    row = next(r for r in _rows(text) if r["kind"] == "money")
    assert row["value"] == 5e6 and row["flag"] is None


def test_a_scale_word_of_another_language_is_flagged_not_dropped():
    row = _one("Mexico pledged US$ 3 mil millones to the fund.")
    assert row["quote"] == "US$ 3" and row["value"] is None and row["flag"] == "scale_unread"
    assert "mil millones" in row["note"]
    spanish = _one("México aportará US$ 3 mil millones al fondo.", lang="es")  # its own language reads it
    assert spanish["value"] == 3e9 and spanish["flag"] is None


def test_a_falling_range_keeps_both_numbers_and_flags_them():
    first, second = _rows("They gave between $20 and $5 million to the fund.")
    assert (first["quote"], second["quote"]) == ("$20", "$5 million")
    assert first["value"] > second["value"] == 5e6
    assert first["flag"] == second["flag"] == "range_inverted"
    assert all(r["value_high"] is None for r in (first, second))


def test_a_rising_range_is_one_figure_and_a_list_is_not_a_falling_range():
    row = _one("They gave between $5 and $20 million to the fund.")
    assert (row["value"], row["value_high"], row["flag"]) == (5e6, 20e6, None)
    rows = _rows("Canada gave $20 million and Peru gave $5 million.")
    assert [r["flag"] for r in rows] == [None, None]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Canada pledged one hundred and twenty-three million dollars.", 123e6),
        ("Canada pledged two hundred and five million dollars.", 205e6),
        ("Some one hundred refugees arrived.", 100),
        ("A hundred and twelve refugees arrived.", 112),
        ("Some twenty-one hundred refugees arrived.", 2100),
    ],
)
def test_compound_number_words_add_up(text, value):
    assert _one(text)["value"] == value


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("México aportará treinta y cinco millones de dólares.", "es", 35e6),
        ("O Brasil doará vinte e cinco milhões de reais.", "pt", 25e6),
    ],
)
def test_tens_and_units_joined_by_the_and_word_add_up(text, lang, value):
    assert _one(text, lang)["value"] == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Canada pledged $1.5 bn to the fund.", 1.5e9),
        ("Canada pledged $2 mn to the fund.", 2e6),
        ("Canada pledged US$ 4 Mln to the fund.", 4e6),
    ],
)
def test_a_spaced_scale_abbreviation_after_a_currency_sign_is_read(text, value):
    assert _one(text)["value"] == value


@pytest.mark.parametrize(
    "text",
    [
        "Canada pledged $5 mil\u00adlion to the fund.",       # U+00AD, the soft hyphen itself
        "Canada pledged $5 mil&shy;lion to the fund.",        # its entity
        "Canada pledged $5 mil&#173;lion to the fund.",       # its number
    ],
)
def test_a_soft_hyphen_inside_a_scale_word_is_read_through(text):
    row = _one(text)
    assert row["value"] == 5e6 and row["quote"].startswith("$5 mil") and row["quote"].endswith("lion")


def test_a_foreign_number_format_reads_from_its_shape():
    assert _one("Spain pledged €1.234,56 to the fund.")["value"] == 1234.56
    assert _one("Spain pledged €1.234.567 to the fund.")["value"] == 1234567


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("Spain pledged €1.234 to the fund.", "en", 1.234),   # "." is no English thousands separator
        ("España aportó 1,234 euros al fondo.", "es", 1.234),  # "," is no Spanish one
    ],
)
def test_a_lone_separator_nothing_settles_is_read_and_flagged(text, lang, value):
    row = _one(text, lang)
    assert row["value"] == value and row["flag"] == "separator_ambiguous"
    assert "1.234" in row["note"] or "1,234" in row["note"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Spain pledged €1.234 to the fund and €2.5 to Peru.", 1.234),  # the text shows "." as decimal
        ("Canada pledged $1,234 to the fund.", 1234),                  # the language's own grouping
        ("Spain pledged €1.234 million to the fund.", 1.234e6),         # a decimal before a scale word
        ("Spain pledged €1.234.567 to the fund.", 1234567),             # groups repeated: thousands
    ],
)
def test_a_separator_the_language_or_the_text_settles_is_not_flagged(text, value):
    row = _rows(text)[0]
    assert row["value"] == value and row["flag"] is None


def test_a_currency_code_between_two_figures_belongs_to_the_first():
    first, second = _rows("They gave 5 million CAD 10 million USD to the fund.")
    assert (first["quote"], first["unit"]) == ("5 million CAD", "CAD")
    assert (second["quote"], second["unit"]) == ("10 million USD", "USD")
    assert first["end"] <= second["start"]


def test_every_value_is_finite_or_empty():
    rows = _rows("Canada gave $" + "9" * 320 + " and " + "8" * 330 + " refugees came and $1e999 went.")
    assert rows and all(r["value"] is None or math.isfinite(r["value"]) for r in rows)


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        # persons and things are counted whole: a lone separator before three digits groups thousands
        ("El refugio recibió a 12,480 migrantes durante el año.", "es", 12480),
        ("La oficina tramitó 3,105 solicitudes en marzo.", "es", 3105),
        ("Some 7.215 refugees crossed in May.", "en", 7215),
        ("Entre 1,250 y 1,900 personas duermen en la plaza.", "es", 1250),
    ],
)
def test_a_lone_separator_in_a_count_of_persons_or_things_groups_thousands(text, lang, value):
    row = _rows(text, lang)[0]
    assert row["value"] == value and row["flag"] is None
    if row["value_high"] is not None:
        assert row["value_high"] == 1900
