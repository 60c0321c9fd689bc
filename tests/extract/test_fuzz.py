"""Rules every extraction obeys, whatever the text: hypothesis properties and a bounded, seeded fuzz run.

For any text: every value is finite or empty; figures never overlap; a range's
high end is never below its low end; every figure's quote is the raw text at
its offsets; every skipped number's text too.
"""

from __future__ import annotations

import math
import random
import time

from hypothesis import example, given, settings
from hypothesis import strategies as st

from fixture_docs import extract_any

# Pieces written to reach the hard cases: huge and signed numbers, spaced scales,
# compound words, soft hyphens, ranges both ways, currency codes between figures,
# hidden HTML content and entity-encoded markup.
PIECES = [
    *"0123456789 ,.$%-\u2212–()\n€:/", "9" * 30, "9" * 400, " million", " billion", " bn", " mn", " mil millones",
    " mil", "mil\u00adlion", "mil&shy;lion", " CAD ", " USD ", " Canadian dollars", " pesos", " refugees",
    " people", " between ", " and ", " to ", " from ", " more than ", "one hundred and twenty-three",
    " twenty-one", " a hundred", " of them", "US$ ", "C$", "R$ ", "<script>", "</script>", "<style>",
    "</style>", "<!--", "-->", "<template>", "</template>", "<div>", "</div>", "<p>", "&lt;script&gt;",
    "&amp;", "&euro;", "&#50;", " Canada ", " Peru ", ". ", "Pillar ", " years", "•  ", "---\n",
]
TEXT = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=60).map("".join),
    st.text(max_size=200),
)



def check_rules(text: str) -> None:
    """Assert every rule of the module docstring on one text."""
    figures, skipped = extract_any(text)
    for row in figures:
        assert text[row["start"]:row["end"]] == row["quote"], row
        for column in ("value", "value_high"):
            assert row[column] is None or math.isfinite(row[column]), row
        if row["value"] is not None and row["value_high"] is not None:
            assert row["value_high"] >= row["value"], row
    spans = sorted((r["start"], r["end"]) for r in figures)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:])), spans
    for row in skipped:
        assert text[row["start"]:row["end"]] == row["text"], row


@settings(max_examples=100, deadline=None)
@given(TEXT)
@example("They gave 5 million CAD 10 million USD to the fund.")
@example("They gave between $20 and $5 million to the fund.")
@example("Canada pledged $" + "9" * 400 + " billion.")
def test_every_extraction_obeys_the_rules(text):
    check_rules(text)


def test_a_bounded_seeded_fuzz_run_obeys_the_rules():
    """Texts made by a fixed seed: the same few seconds and the same texts on every run."""
    rnd = random.Random(13)
    started = time.perf_counter()
    for _ in range(1500):
        pieces = rnd.choices(PIECES, k=rnd.randrange(1, 50))
        if rnd.random() < 0.2:  # and some characters anywhere
            pieces.insert(rnd.randrange(len(pieces) + 1), "".join(chr(rnd.randrange(32, 0x2100)) for _ in range(8)))
        check_rules("".join(pieces))
    assert time.perf_counter() - started < 60  # bounded: a few seconds on the project machine
