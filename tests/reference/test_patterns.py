"""Regex pieces built from table words: alternations, and their reversed twins."""

from __future__ import annotations

import re

import pytest

from ladfin.reference.patterns import alternation, cases, openings, reversed_alternation
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


@pytest.mark.parametrize(
    ("patterns", "members"),
    [
        (["top of page", "bottom of page"], set("bt")),                 # literals: their first letter
        (["(?:share|print|email) this page"], set("spe")),              # an alternation in a group
        (["(?:scroll to top\\s*)+", "#{1,6}"], set("s#")),               # repeated at least once
        (["[-*_=]{3,}", "\\d+ comments?"], set("-*_=") | set("0123456789")),  # a class; any digit
    ],
)
def test_openings_hold_every_character_a_pattern_can_open_with(patterns, members):
    guard = re.compile(openings(patterns))
    every = [chr(c) for c in range(0x250)]
    assert {c for c in every if guard.fullmatch(c)} == members


@pytest.mark.parametrize("pattern", ["(?:back )?to top", ".* this page", "\\w+ comments", "[^a] page", "^top"])
def test_a_pattern_that_may_open_with_anything_gives_no_openings(pattern):
    assert openings(["top of page", pattern]) is None


def test_a_guard_of_openings_finds_the_same_lines_as_the_patterns_alone():
    rows = ["top of page", "(?:share|print) this page", "\\d+ comments?", "[-*_=]{3,}", "a lock .{0,20} here"]
    alone = re.compile(rf"\n[ \t]*(?i:{'|'.join(rows)})[ \t]*(?=\n|\Z)")
    guarded = re.compile(rf"\n[ \t]*(?=(?i:{openings(rows)}))(?i:{'|'.join(rows)})[ \t]*(?=\n|\Z)")
    text = ("\nTop of Page\nThe minister spoke.\n  PRINT THIS PAGE\n12 Comments\n---\nA lock icon here\n"
            "Sharing this page\n0 comment\n\tShare this page  \nbottom of page")
    assert [m.span() for m in guarded.finditer(text)] == [m.span() for m in alone.finditer(text)]
    assert len(list(alone.finditer(text))) == 7  # all but the minister, "Sharing" and "bottom of page"
