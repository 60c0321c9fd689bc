"""Regex pieces built from table words: alternations, and their reversed twins."""

from __future__ import annotations

import re

import pytest

from ladfin.reference.patterns import alternation, cases, reversed_alternation
from ladfin.reference.read import read_table


def test_a_reversed_alternation_matches_the_reversed_words_only():
    pattern = re.compile(reversed_alternation("and|or|to".split("|")))
    assert [bool(pattern.fullmatch(w[::-1])) for w in ("and", "or", "to")] == [True, True, True]
    assert not pattern.fullmatch("an"[::-1])
    assert not pattern.fullmatch("and")  # the forward spelling is not the reversed one


@pytest.mark.parametrize(
    ("words", "text", "matched"),
    [
        (["more than", "more"], "more\n  than", "more\n  than"),  # a space matches a line break
        (["US", "US$"], "US$5", "US$"),                          # the longest word wins
        (["a.m.", "am"], "a.m.", "a.m."),                        # dots are literal
        (["#1 hit"], "#1 hit", "#1 hit"),                        # safe in re.VERBOSE too
    ],
)
def test_an_alternation_matches_each_word_as_written(words, text, matched):
    for flags in (0, re.X):
        assert re.compile(alternation(words), flags).match(text).group() == matched


def test_an_alternation_of_no_words_matches_nothing():
    assert re.compile(alternation([])).search("anything at all") is None


def test_the_flags_apply_to_the_group_only():
    pattern = re.compile(alternation(["eht"], flags="i") + "x")
    assert pattern.fullmatch("EHTx") and not pattern.fullmatch("EHTX")


@pytest.mark.parametrize("role", ["place_preposition", "label_joiner", "possessive", "stop_word"])
def test_every_word_of_a_table_reads_back_from_its_reversed_text(role):
    words = [r["word"] for r in read_table("function_words", ("word", "lang", "role")) if r["role"] == role]
    pattern = re.compile(reversed_alternation(words), re.X)
    assert words and all(pattern.fullmatch(w[::-1]) for w in words)


def test_cases_gives_the_three_spellings_a_heading_or_sentence_uses():
    assert cases(["a dozen"]) == ["a dozen", "A dozen", "A DOZEN"]
