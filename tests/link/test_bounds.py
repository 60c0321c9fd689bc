"""Tests for ladfin/link/bounds.py: the bounds a hedge states, and a margin only when asked."""

import doctest

import pandas as pd
import pytest

from ladfin.link import bounds


def _one(qualifier, value, margin=None, value_high=None):
    frame = pd.DataFrame({"qualifier": [qualifier], "value": [value], "value_high": [value_high],
                          "amount_usd": [value], "amount_usd_high": [value_high]})
    out = bounds.add_bounds(frame, margin=margin)
    return [None if pd.isna(out.at[0, c]) else float(out.at[0, c])
            for c in ("value_low", "value_high", "amount_usd_low", "amount_usd_high")]


@pytest.mark.parametrize(
    ("qualifier", "value", "low", "high"),
    [
        ("over", 240.0, 240.0, None),     # "more than $240 million": a floor, the top is open
        ("under", 82.0, None, 82.0),      # "nearly $82 million": a ceiling, the bottom is open
        ("approx", 100.0, None, None),    # "about 100": a point whose spread nobody stated
        ("exact", 314.0, 314.0, 314.0),
    ],
)
def test_bounds_are_what_the_hedge_states(qualifier, value, low, high):
    assert _one(qualifier, value) == [low, high, low, high]


@pytest.mark.parametrize(
    ("qualifier", "value", "low", "high"),
    [
        ("over", 240.0, 240.0, 264.0),
        ("under", 82.0, 73.8, 82.0),
        ("approx", 100.0, 90.0, 110.0),
        ("exact", 314.0, 314.0, 314.0),
    ],
)
def test_a_margin_is_applied_only_when_asked(qualifier, value, low, high):
    assert _one(qualifier, value, margin=0.1) == pytest.approx([low, high, low, high])


def test_a_range_hedged_over_keeps_its_floor_and_opens_its_top():
    assert _one("over", 5.0, value_high=10.0)[:2] == [5.0, None]
    assert _one("exact", 5.0, value_high=10.0)[:2] == [5.0, 10.0]


def test_a_range_keeps_its_ends_widened_by_its_qualifier():
    frame = pd.DataFrame({"qualifier": ["over"], "value": [5.0], "value_high": [10.0]})
    out = bounds.add_bounds(frame, margin=0.2)
    assert (out.at[0, "value_low"], out.at[0, "value_high"]) == pytest.approx((5.0, 12.0))


def test_touching_intervals_overlap():
    assert bounds.overlap(303.7, 314.0, 314.0, 345.4)
    assert not bounds.overlap(1.0, 2.0, 2.1, 3.0)


def test_doctests():
    assert doctest.testmod(bounds).failed == 0
