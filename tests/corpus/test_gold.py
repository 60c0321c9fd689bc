"""Scores extraction against the hand-checked gold table (tests/gold/figures.csv).

Per document: precision and recall of (kind, unit, value) at 0.97 or better, and
the qualifier right on 0.97 of the matched figures.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

from ladfin.extract.documents import load_all
from ladfin.extract.figures import extract_document

GOLD_CSV = Path(__file__).resolve().parents[1] / "data" / "founding" / "gold" / "figures.csv"
GOLD = pd.read_csv(GOLD_CSV, keep_default_na=False)
DOCUMENTS = {d.doc: d for d in load_all()}


def _key(kind: str, unit: str, value: float) -> tuple[str, str, float]:
    return (kind, unit or "", round(float(value), 6))


def score(found: list[dict], gold: pd.DataFrame) -> dict:
    """Return precision, recall and qualifier agreement of found figures against gold rows."""
    expected = Counter(_key(r.kind, r.unit, r.value) for r in gold.itertuples())
    got = Counter(_key(r["kind"], r["unit"], r["value"]) for r in found)
    matched = sum((expected & got).values())
    gold_qualifiers = Counter((_key(r.kind, r.unit, r.value), r.qualifier) for r in gold.itertuples())
    got_qualifiers = Counter((_key(r["kind"], r["unit"], r["value"]), r["qualifier"]) for r in found)
    qualifier_right = sum((gold_qualifiers & got_qualifiers).values())
    return {
        "precision": matched / sum(got.values()) if got else 1.0,
        "recall": matched / sum(expected.values()) if expected else 1.0,
        "qualifier": qualifier_right / matched if matched else 1.0,
        "missing": sorted((expected - got).elements()),
        "extra": sorted((got - expected).elements()),
    }


def test_gold_covers_every_document():
    assert set(GOLD["doc"]) == set(DOCUMENTS)


@pytest.mark.parametrize("doc", sorted(DOCUMENTS))
def test_extraction_matches_gold(doc):
    figures, _ = extract_document(DOCUMENTS[doc])
    result = score(figures, GOLD[GOLD["doc"] == doc])
    assert result["precision"] >= 0.97, result
    assert result["recall"] >= 0.97, result
    assert result["qualifier"] >= 0.97, result


def test_gold_quotes_are_in_their_documents():
    for row in GOLD.itertuples():
        folded = " ".join(DOCUMENTS[row.doc].raw.split())
        assert row.quote in folded, (row.doc, row.quote)


def test_score_counts_a_wrong_figure_against_both_precision_and_recall():
    gold = pd.DataFrame([{"kind": "money", "unit": "USD", "value": 5.0, "qualifier": "exact"}])
    result = score([{"kind": "money", "unit": "CAD", "value": 5.0, "qualifier": "exact"}], gold)
    assert result["precision"] == 0 and result["recall"] == 0
