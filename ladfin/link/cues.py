"""Finds the cue words around each figure: the phrases that tell its flow, status and role.

A cue table is a CSV under data/reference (flows.csv, status_words.csv,
role_words.csv): each row a regular expression, matched on whole words and
ignoring case in the sentence holding a figure, the label it gives, and the side
of the figure it must sit on. Positions are offsets into the `sentence` column
(white space folded), where each figure is found by its quote; a cue that
overlaps a quote ("Canadian dollars", "300 new visa policy actions") is not a cue.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from ladfin import paths
from ladfin.core.cells import append_values
from ladfin.core.vocab import Position, Scope
from ladfin.errors import ReferenceDataError
from ladfin.reference.vocabulary import fold, read_table

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Cue:
    label: str                       # the value the cue gives: a flow, a status, a role cue
    pattern: re.Pattern
    position: Position = "either"    # before: the cue precedes the figure it marks
    scope: Scope = "sentence"        # block: a part cue may open a later sentence of the paragraph


@dataclass(frozen=True)
class Placed:
    index: Hashable  # the figure's row label
    at: int          # where its quote begins in the sentence
    to: int          # where it ends


@dataclass(frozen=True)
class Sentence:
    doc: str
    block: int          # block_start, or -1 when unknown
    start: int          # sentence_start: orders sentences within a block
    text: str
    figures: tuple[Placed, ...]  # in order of position


@dataclass(frozen=True)
class Match:
    cue: Cue
    at: int
    to: int
    text: str


def compile_cue(text: str, line: int, problems: list[str]) -> re.Pattern | None:
    """Return a cue table's pattern compiled to match whole words, any case; None (and a problem) if broken."""
    try:
        return re.compile(rf"(?<!\w)(?:{text})(?!\w)", re.I)
    except re.error as exc:
        problems.append(f"line {line}: pattern {text!r} does not compile ({exc})")
        return None


@cache
def _read(directory: Path, name: str, label: str, lang: str) -> tuple[Cue, ...]:
    rows = read_table(name, ("pattern", "lang", label, "position"), directory=directory)
    cues, problems = [], []
    for line, row in enumerate(rows, start=2):
        if None in row:
            problems.append(f"line {line}: more cells than columns (quote a pattern holding a comma)")
            continue
        if row["lang"] not in (lang, "*"):
            continue
        position, scope = row["position"], row.get("scope") or "sentence"
        if position not in ("before", "after", "either") or scope not in ("sentence", "block"):
            problems.append(f"line {line}: position {position!r} or scope {scope!r} is unknown")
            continue
        pattern = compile_cue(row["pattern"], line, problems)
        if pattern is not None:
            cues.append(Cue(row[label], pattern, position, scope))
    if problems:
        raise ReferenceDataError(f"{directory / name}.csv: " + "; ".join(problems))
    return tuple(cues)


def read_cues(name: str, label: str, *, lang: str = "en") -> tuple[Cue, ...]:
    """Return the cues of data/reference/<name>.csv for `lang`, in row order, read once.

    Raises:
        ReferenceDataError: the table is missing, lacks a column, or has a bad row.
    """
    return _read(paths.reference_dir(), name, label, lang)


def _column(frame: pd.DataFrame, name: str) -> list:
    """Return a column as plain Python values (None where missing or absent): one pass, no per-cell access."""
    if name not in frame:
        return [None] * len(frame)
    return [None if v is None or (not isinstance(v, str) and pd.isna(v)) else v for v in frame[name].tolist()]


def sentences(figures: pd.DataFrame) -> list[Sentence]:
    """Return the sentences holding `figures`, each with its figures placed, in document order."""
    ordered = figures.sort_values(["doc", "start"])
    columns = {c: _column(ordered, c) for c in ("doc", "start", "quote", "sentence", "block_start",
                                                 "sentence_start")}
    groups: dict[tuple, list[int]] = {}
    for n, (doc, start, sentence) in enumerate(zip(columns["doc"], columns["sentence_start"],
                                                   columns["sentence"])):
        groups.setdefault((doc, int(start)) if start is not None else (doc, sentence), []).append(n)
    index = ordered.index.tolist()
    found = []
    for rows in groups.values():
        first = rows[0]
        text = columns["sentence"][first] if isinstance(columns["sentence"][first], str) else ""
        cursor, placed = 0, []
        for n in rows:
            quote = fold(str(columns["quote"][n]))
            at = text.find(quote, cursor)
            at = text.find(quote) if at < 0 else at
            if at >= 0:
                placed.append(Placed(index[n], at, at + len(quote)))
                cursor = at + len(quote)
        block, start = columns["block_start"][first], columns["sentence_start"][first]
        found.append(Sentence(
            columns["doc"][first],
            int(block) if block is not None else -1,
            int(start) if start is not None else int(columns["start"][first]),
            text,
            tuple(sorted(placed, key=lambda p: p.at)),
        ))
    return sorted(found, key=lambda s: (s.doc, s.start))


def matches(sentence: Sentence, cues: Sequence[Cue]) -> list[Match]:
    """Return the cue matches in a sentence, in order of position.

    A match overlapping a figure's quote is dropped, and of overlapping matches
    the longest is kept ("along with" holds "with").
    """
    found = []
    for cue in cues:
        for m in cue.pattern.finditer(sentence.text):
            if not any(m.start() < p.to and p.at < m.end() for p in sentence.figures):
                found.append(Match(cue, m.start(), m.end(), m.group()))
    kept: list[Match] = []
    for m in sorted(found, key=lambda m: (m.at - m.to, m.at)):
        if not any(m.at < k.to and k.at < m.to for k in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: (m.at, m.to))


# "deaths of at least 32": the of word and a hedge; "needs of the people ... includes €1" is no complement
COMPLEMENT_WORDS = 3


def words(text: str) -> int:
    """Return how many words `text` holds: the distance between a cue and a figure."""
    return len(_WORD.findall(text))


def marked(sentence: Sentence, match: Match, window: int, of_word: str | None = None) -> list[tuple[Placed, int]]:
    """Return the figures a match marks, each with its distance in words (at most `window`).

    A before-cue marks the first figure after it, an after-cue the last figure
    before it, so a cue never reaches past another figure. A before-cue whose
    figure is its complement, the language's `of_word` opening the gap ("the
    deaths of at least 32 people", the of word and at most two words before the
    figure), marks it at distance -1: the noun says what the number counts,
    nearer than any word after the figure, even one right after it ("the
    arrest of 40 migrants, displaced from ...").
    """
    out = []
    if match.cue.position in ("before", "either"):
        following = [p for p in sentence.figures if p.at >= match.to]
        if following:
            gap = sentence.text[match.to:following[0].at]
            distance = words(gap)
            complement = (of_word is not None and distance <= COMPLEMENT_WORDS and gap[:1].isspace()
                          and gap.split(maxsplit=1)[:1] == [of_word])
            out.append((following[0], -1 if complement else distance))  # before any adjacent cue
    if match.cue.position in ("after", "either"):
        preceding = [p for p in sentence.figures if p.to <= match.at]
        if preceding:
            out.append((preceding[-1], words(sentence.text[preceding[-1].to:match.at])))
    return [(p, d) for p, d in out if d <= window]


def attach(figures: pd.DataFrame, cues: Sequence[Cue], *, window: int, of_word: str | None = None) -> pd.DataFrame:
    """Return, for each figure, the label and phrase of the nearest cue marking it.

    Columns `label` and `phrase` (strings, NA where no cue marks the figure) on
    `figures`' index. The nearest cue in words wins; at equal distance, the
    earlier row of the cue table. With `of_word`, a before-cue whose figure is
    its complement ("deaths of 32 people") is nearest (see `marked`).

    >>> f = pd.DataFrame({"doc": ["d"], "start": [0], "quote": ["$5 million"],
    ...                   "sentence": ["Chile made a $5 million loan."]})
    >>> attach(f, [Cue("loan", re.compile("loan"))], window=3)["label"].tolist()
    ['loan']
    """
    rank = {cue: i for i, cue in enumerate(cues)}
    best: dict[Hashable, tuple[int, int, str, str]] = {}
    for sentence in sentences(figures):
        for match in matches(sentence, cues):
            for placed, distance in marked(sentence, match, window, of_word):
                candidate = (distance, rank[match.cue], match.cue.label, match.text)
                if placed.index not in best or candidate < best[placed.index]:
                    best[placed.index] = candidate
    labels = [best[i][2] if i in best else None for i in figures.index]
    phrases = [best[i][3] if i in best else None for i in figures.index]
    return pd.DataFrame({"label": pd.array(labels, dtype="string"),
                         "phrase": pd.array(phrases, dtype="string")}, index=figures.index)


def note_cue(notes: pd.Series, field: str, labels: pd.Series, phrases: pd.Series) -> pd.Series:
    """Return `notes` with "field=label ('phrase')" appended wherever a phrase is given."""
    new = pd.Series(
        [f"{field}={lab} ({phr!r})" if pd.notna(phr) else None for lab, phr in zip(labels, phrases)],
        index=notes.index, dtype="string",
    )
    return append_values(notes.astype("string"), new)
