"""Only readable text is read, and any text costs linear time (ladfin/extract/layout.py), on texts written here."""

from __future__ import annotations

import pytest

from ladfin.extract.figures import extract_document, extract_figures, extract_skipped
from ladfin.extract.documents import Document
from ladfin.extract.layout import MAX_SENTENCE, read_layout
from ladfin.reference.vocabulary import vocabulary

PAGE = """<html><head><style>p { margin: 12px 4em; }</style>
<script type="text/javascript">var total = 5000000; alert(1);</script></head>
<body><p>Canada gave $3 million to 500 refugees.</p>
<!-- draft: Canada gave $9 million -->
<template><p>Peru gave $7 million.</p></template>
<noscript>Enable scripts to see 42 charts.</noscript>
<script>var unclosed = 77;
"""


def test_hidden_content_gives_no_figure_and_each_number_is_skipped_with_its_reason():
    figures = extract_figures(PAGE)
    assert sorted(figures["quote"]) == ["$3 million", "500 refugees"]
    skipped = extract_skipped(PAGE)
    reasons = dict(zip(skipped["text"], skipped["reason"]))
    assert reasons["12"] == reasons["4"] == "style"
    assert reasons["5000000"] == reasons["1"] == "script"
    assert reasons["9"] == "comment"
    assert reasons["7"] == "template"
    assert reasons["42"] == "noscript"
    assert reasons["77"] == "script"  # an unclosed script runs to the end


def test_hidden_content_is_masked_with_offsets_kept():
    layout = read_layout(PAGE, vocabulary())
    assert len(layout.clean) == len(PAGE)
    start = PAGE.index("var total")
    assert not layout.clean[start:PAGE.index("</script>")].strip()
    assert layout.clean[PAGE.index("Canada gave $3"):].startswith("Canada gave $3 million")


def test_entity_encoded_markup_is_text_about_markup_and_read_as_text():
    text = "<p>The page showed &lt;script&gt;alert(1)&lt;/script&gt; and Canada gave $3 million.</p>"
    layout = read_layout(text, vocabulary())
    assert "<script" in layout.clean.replace(" ", "")  # decoded once, to text
    skipped = extract_skipped(text)
    assert skipped.set_index("text").at["1", "reason"] not in ("script", "markup")
    assert list(extract_figures(text)["quote"]) == ["$3 million"]


def test_an_entity_inside_a_tag_is_not_decoded_into_the_text():
    text = '<a title="&euro;5 million">Canada</a> gave $3 million.'
    layout = read_layout(text, vocabulary())
    assert "€" not in layout.clean
    assert list(extract_figures(text)["quote"]) == ["$3 million"]


def test_an_entity_in_text_is_still_decoded():
    assert list(extract_figures("<p>Spain gave &euro;5 million.</p>")["unit"]) == ["EUR"]


def test_a_long_run_without_a_sentence_end_is_cut_and_each_row_holds_a_capped_sentence():
    phrase = "Canada gave $3 million and 5,000 refugees arrived while 2,000 of them stayed, "
    text = phrase * 400  # about 32,000 characters on one line, no sentence end
    figures, _ = extract_document(Document(doc="long.txt", raw=text))
    assert len(figures) >= 800
    assert max(len(r["sentence"]) for r in figures) <= MAX_SENTENCE
    layout = read_layout(text, vocabulary())
    assert all(end - start <= MAX_SENTENCE for start, end in layout.sentences)
    assert layout.sentences[0][0] == 0 and layout.sentences[-1][1] == len(text.rstrip())
    # Cut at a blank: no word is split between two sentences.
    assert all(text[end - 1] != " " and text[end:end + 1] in (" ", "") for _, end in layout.sentences)


def test_a_short_sentence_is_stored_whole():
    row = extract_figures("Canada gave $3 million to Peru, Chile and Ecuador.").iloc[0]
    assert row["sentence"] == "Canada gave $3 million to Peru, Chile and Ecuador."


@pytest.mark.parametrize("depth", [3000])
def test_deeply_nested_tags_still_give_the_figure_at_the_bottom(depth):
    text = "<div>" * depth + "Canada gave $3 million." + "</div>" * depth
    layout = read_layout(text, vocabulary())
    assert [layout.clean[b.start:b.end] for b in layout.blocks] == ["Canada gave $3 million."]
    assert list(extract_figures(text)["quote"]) == ["$3 million"]


def test_figures_of_one_sentence_share_one_sentence_string():
    text = "Canada gave $3 million, Peru gave $2 million and Chile gave 500 visas. Mexico gave $1 million."
    figures, _ = extract_document(Document(doc="shared.txt", raw=text))
    first, second, third, fourth = (r["sentence"] for r in figures)
    assert first is second is third  # one copy per sentence, not per figure
    assert first == "Canada gave $3 million, Peru gave $2 million and Chile gave 500 visas."
    assert fourth == "Mexico gave $1 million."
