"""A figure whose value is left empty (ladfin/extract/checks.py) goes through the build and into no total."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from fixture_docs import tree
from ladfin import tables
from ladfin.analysis.series import assistance, headcounts

# Written for this test: each sentence holds one plausible figure and one that is not.
TEXT = ("The United States provided $5 million in new humanitarian assistance. "
        "The United States provided $999999999999999999999 billion in new humanitarian assistance. "
        "The United States provided $" + "9" * 400 + " in new humanitarian assistance. "
        "The United States provided -$7 million in new humanitarian assistance. "
        "Colombia has resettled 5,000 refugees. Colombia has resettled 20 billion refugees.")


@pytest.fixture
def built(tmp_path, monkeypatch):
    tree(tmp_path, {"odd.txt": TEXT})
    monkeypatch.setenv("LADFIN_ROOT", str(tmp_path))
    return tables.build()


def test_an_empty_value_is_kept_flagged_and_out_of_every_total(built):
    figures = built["figures"]
    odd = figures[figures["value"].isna()]
    assert len(odd) == 4
    assert sorted(odd["flag"].str.split(";").str[0]) == ["implausible_value"] * 3 + ["negative_value"]
    assert odd["amount_usd"].isna().all()
    money = assistance(start_year=2024, end_year=2024)
    assert money["amount_usd"].map(math.isfinite).all()
    assert money["amount_usd"].sum() == 5e6 and money["announcements"].sum() == 4
    people = headcounts(start_year=2024, end_year=2024)
    assert people["people"].dropna().map(math.isfinite).all()
    assert people["people"].sum() == 5000 and people["announcements"].sum() == 2  # counted, not added


def test_the_figures_table_reads_back_with_empty_values(built):
    loaded = tables.load_table("figures")
    assert pd.isna(loaded.set_index("quote").at["$7 million", "value"])
