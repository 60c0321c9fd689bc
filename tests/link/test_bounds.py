"""Tests for ladfin/bounds.py: the bounds a qualifier allows."""

import doctest

import pandas as pd
import pytest

from ladfin.link import bounds


@pytest.mark.parametrize(
    ("qualifier", "value", "low", "high"),
    [
        ("over", 240.0, 240.0, 264.0),
        ("under", 82.0, 73.8, 82.0),
        ("approx", 100.0, 90.0, 110.0),
        ("exact", 314.0, 314.0, 314.0),
    ],
)
def test_bounds_follow_the_qualifier(qualifier, value, low, high):
    frame = pd.DataFrame({"qualifier": [qualifier], "value": [value], "value_high": [None],
                          "amount_usd": [value], "amount_usd_high": [None]})
    out = bounds.add_bounds(frame)
    assert (out.at[0, "value_low"], out.at[0, "value_high"]) == pytest.approx((low, high))
    assert (out.at[0, "amount_usd_low"], out.at[0, "amount_usd_high"]) == pytest.approx((low, high))


def test_a_range_keeps_its_ends_widened_by_its_qualifier():
    frame = pd.DataFrame({"qualifier": ["over"], "value": [5.0], "value_high": [10.0]})
    out = bounds.add_bounds(frame, margin=0.2)
    assert (out.at[0, "value_low"], out.at[0, "value_high"]) == pytest.approx((5.0, 12.0))


def test_touching_intervals_overlap():
    assert bounds.overlap(303.7, 314.0, 314.0, 345.4)
    assert not bounds.overlap(1.0, 2.0, 2.1, 3.0)


def test_doctests():
    assert doctest.testmod(bounds).failed == 0
