"""Tests for ladfin/cues.py: where cue words sit relative to figures."""

import doctest
import re

import pandas as pd
import pytest

from ladfin.link import cues
from ladfin.errors import ReferenceDataError
from ladfin.extract.figures import extract_figures


def cue(label, pattern, position="either"):
    return cues.Cue(label, re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", re.I), position)


def test_each_figure_is_placed_in_its_sentence_even_when_a_quote_repeats():
    figures = extract_figures("Peru gave $5 million and Chile gave $5 million.")
    (sentence,) = cues.sentences(figures)
    assert [p.at for p in sentence.figures] == [10, 36]


def test_a_before_cue_marks_only_the_next_figure():
    figures = extract_figures("Peru will give $5 million and $7 million.")
    found = cues.attach(figures, [cue("target", "will", "before")], window=6)
    assert found["label"].tolist() == ["target", pd.NA]


def test_an_after_cue_marks_only_the_previous_figure():
    figures = extract_figures("Peru gave $5 million and $7 million to date.")
    found = cues.attach(figures, [cue("achieved", "to date", "after")], window=6)
    assert found["label"].isna().tolist() == [True, False]


def test_a_cue_beyond_the_window_marks_nothing():
    figures = extract_figures("Peru will, after a long and careful review of every option, give $5 million.")
    assert cues.attach(figures, [cue("target", "will", "before")], window=6)["label"].isna().all()


def test_the_nearest_cue_wins():
    figures = extract_figures("The grant became a $5 million loan.")
    found = cues.attach(figures, [cue("assistance", "grant"), cue("loan", "loan")], window=12)
    assert found["label"].tolist() == ["loan"]


def test_a_cue_inside_a_quote_is_ignored():
    figures = extract_figures("Canada gave $5 million Canadian dollars.")
    assert cues.attach(figures, [cue("other", "dollars")], window=6)["label"].isna().all()


def test_the_longest_overlapping_match_is_kept():
    figures = extract_figures("Along with $5 million, Peru gave $9 million.")
    (sentence,) = cues.sentences(figures)
    found = cues.matches(sentence, [cue("a", "with"), cue("b", "along with")])
    assert [m.text for m in found] == ["Along with"]


def test_a_malformed_cue_table_is_refused(tmp_path, monkeypatch):
    reference = tmp_path / "data" / "reference"
    reference.mkdir(parents=True)
    (reference / "bad.csv").write_text("pattern,lang,flow,position\nloan,en,loan,beside\n(,en,x,before\n")
    monkeypatch.setenv("LADFIN_ROOT", str(tmp_path))
    with pytest.raises(ReferenceDataError, match="beside") as caught:
        cues.read_cues("bad", "flow")
    assert "does not compile" in str(caught.value)


@pytest.mark.parametrize("name,label", [("flows", "flow"), ("status_words", "status"), ("role_words", "cue")])
def test_the_shipped_cue_tables_read(name, label):
    assert cues.read_cues(name, label)


def test_doctests():
    assert doctest.testmod(cues).failed == 0
