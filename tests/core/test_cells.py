"""One format for multi-valued cells, read and written in one place."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ladfin.core.cells import append_values, join_values, split_values

codes = st.lists(st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ_abc", min_size=1, max_size=6), max_size=6)


@given(codes)
def test_split_reads_back_what_join_wrote(values):
    assert split_values(join_values(values)) == list(dict.fromkeys(values))


@pytest.mark.parametrize(
    ("cell", "values"),
    [
        ("CUB;HTI", ["CUB", "HTI"]),
        ("no_date; no_cpi_for_date", ["no_date", "no_cpi_for_date"]),  # a space after ; is tolerated
        ("", []),
        (None, []),
        (pd.NA, []),
    ],
)
def test_split_values(cell, values):
    assert split_values(cell) == values


def test_join_skips_missing_and_repeated_values():
    assert join_values([None, "a", pd.NA, "b", "a", ""]) == "a;b"
    assert join_values([]) is None


def test_a_value_holding_the_separator_is_refused():
    with pytest.raises(ValueError, match="contains ';'"):
        join_values(["a;b"])


def test_append_values_adds_once_and_keeps_missing():
    cells = pd.Series(["a", None, "a;b", None], dtype="string")
    new = pd.Series(["b", "c", "b", None], dtype="string")
    assert list(append_values(cells, new).fillna("-")) == ["a;b", "c", "a;b", "-"]
