"""Scores extracted figures against a gold table written by hand.

A figure matches a gold row when kind, unit and value agree (the value to six
decimals); matching is a multiset match per document, so a figure mentioned
twice must be found twice. On the matched pairs, the qualifier, the measure and
the actor are compared where the gold gives them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import pandas as pd

Key = tuple[str, str, float]


def figure_key(kind: object, unit: object, value: object) -> Key:
    """Return the key a figure is matched on: kind, unit ("" if none), value rounded to 1e-6.

    An empty value (a figure flagged and left empty, ladfin.extract.checks) keys as
    NaN, which equals no gold value, so it counts as found but matches nothing.

    >>> figure_key("money", "USD", 578e6)
    ('money', 'USD', 578000000.0)
    >>> figure_key("money", "USD", None) == figure_key("money", "USD", None)
    False
    """
    unit_text = "" if unit is None or (not isinstance(unit, str) and pd.isna(unit)) else str(unit)
    number = float("nan") if value is None or pd.isna(value) else round(float(value), 6)
    return (str(kind), unit_text, number)


@dataclass
class Score:
    """Counts of one comparison; the rates are derived from them."""

    found: int = 0
    expected: int = 0
    matched: int = 0
    agree: Counter = field(default_factory=Counter)   # attribute -> matched pairs that agree
    judged: Counter = field(default_factory=Counter)  # attribute -> matched pairs the gold judges
    missing: list = field(default_factory=list)
    extra: list = field(default_factory=list)
    differ: list = field(default_factory=list)  # (attribute, found row, gold row) that disagree

    def __add__(self, other: Score) -> Score:
        return Score(self.found + other.found, self.expected + other.expected, self.matched + other.matched,
                     self.agree + other.agree, self.judged + other.judged,
                     self.missing + other.missing, self.extra + other.extra, self.differ + other.differ)

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def agreement(self, attribute: str) -> float:
        """Return the share of judged matched pairs whose `attribute` agrees with the gold (1.0 if none)."""
        judged = self.judged[attribute]
        return self.agree[attribute] / judged if judged else 1.0


ATTRIBUTES = ("qualifier", "measure", "actor")
ACTOR_KINDS = ("money", "people")  # who announced a count of pillars or countries is not scored


def _pairs(found: list[Mapping], gold: list[Mapping]) -> tuple[list[tuple[Mapping, Mapping]], list, list]:
    """Return matched (found, gold) pairs in text order per key, and the unmatched of each side."""
    by_key: dict[Key, list[Mapping]] = {}
    for row in sorted(found, key=lambda r: r.get("start", 0)):
        by_key.setdefault(figure_key(row["kind"], row["unit"], row["value"]), []).append(row)
    pairs, missing = [], []
    for row in gold:
        candidates = by_key.get(figure_key(row["kind"], row["unit"], row["value"]))
        if candidates:
            pairs.append((candidates.pop(0), row))
        else:
            missing.append(row)
    extra = [r for rows in by_key.values() for r in rows]
    return pairs, missing, extra


def _same(attribute: str, got: object, want: str) -> bool:
    got_text = "" if got is None or (not isinstance(got, str) and pd.isna(got)) else str(got)
    if attribute == "actor":  # several actors: the same set, in any order
        return set(filter(None, got_text.split(";"))) == set(filter(None, want.split(";")))
    return got_text == want


def score_document(found: Iterable[Mapping], gold: Iterable[Mapping]) -> Score:
    """Return the Score of one document's found figure rows against its gold rows.

    The qualifier is judged on every matched pair, the actor on money and
    people wherever the gold has the column (an empty gold actor means the
    text names none), the
    measure wherever the gold gives one (counts and percentages carry none).
    """
    found, gold = list(found), list(gold)
    pairs, missing, extra = _pairs(found, gold)
    score = Score(found=len(found), expected=len(gold), matched=len(pairs), missing=missing, extra=extra)
    for got, want in pairs:
        for attribute in ATTRIBUTES:
            if attribute not in want or attribute not in got:
                continue  # a gold table without the column, or rows that do not carry it yet
            expected = str(want[attribute] or "")
            if attribute == "measure" and not expected:
                continue  # counts and percentages carry no measure
            if attribute == "actor" and want["kind"] not in ACTOR_KINDS:
                continue
            score.judged[attribute] += 1
            same = _same(attribute, got[attribute], expected)
            score.agree[attribute] += same
            if not same:
                score.differ.append((attribute, got, want))
    return score
