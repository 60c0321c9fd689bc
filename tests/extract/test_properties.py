"""Rules that hold for any input, checked with hypothesis."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from ladfin.extract.documents import Document
from ladfin.errors import DocumentError
from ladfin.extract.figures import extract_document, parse_quote

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
    assert figure["value"] == expected


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


def _extract(text: str) -> tuple[list[dict], list[dict]]:
    """Extract, allowing only the one clear error arbitrary text may earn: bad YAML front matter."""
    try:
        return extract_document(Document(doc="fuzz.txt", raw=text))
    except DocumentError as exc:
        assert text.startswith("---") and "fuzz.txt: YAML front matter" in str(exc)
        return [], [{"start": 0, "end": len(text), "text": text}]


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_arbitrary_text_never_crashes_and_every_digit_is_accounted_for(text):
    figures, skipped = _extract(text)
    spans = [(r["start"], r["end"]) for r in figures + skipped]
    for m in re.finditer(r"\d+", text):
        assert any(s <= m.start() and m.end() <= e for s, e in spans), (m.group(), text)


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_every_quote_is_the_raw_text_at_its_span(text):
    figures, skipped = _extract(text)
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
