"""Tests for ladfin/prices.py: constant dollars from the CPI-U bundled in `cpi`.

Expected CPI-U values (series CUUR0000SA0) are BLS published figures:
2024 annual average 313.689, October 2022 298.012. BLS published no
October 2025 index (the federal shutdown stopped data collection).
"""

import subprocess
import sys
import warnings
from datetime import date

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ladfin.errors import ParameterError
from ladfin.normalise.prices import add_constant_dollars, cpi_index

CPI_2024 = 313.689
CPI_OCT_2022 = 298.012


def amounts(*rows, flag=None):
    """Return a frame of (amount_usd, date) rows with an empty flag column."""
    frame = pd.DataFrame(rows, columns=["amount_usd", "date"])
    return frame.assign(
        amount_usd=frame["amount_usd"].astype("Float64"),
        date=pd.to_datetime(frame["date"]),
        flag=pd.array([flag] * len(frame), dtype="string"),
    )


def test_cpi_package_inflates_2022_to_2024():
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="CPI data is out of date")
        import cpi
    assert cpi.inflate(100, 2022, to=2024) == pytest.approx(107.1873, abs=1e-4)


def test_cpi_index_matches_bls():
    assert cpi_index(2024) == pytest.approx(CPI_2024, abs=0.001)
    assert cpi_index(date(2022, 10, 1)) == pytest.approx(CPI_OCT_2022, abs=0.01)


def test_october_2022_dollars_in_2024_dollars():
    out = add_constant_dollars(amounts((1_000_000.0, "2022-10-06")))
    factor = out["amount_usd_2024"][0] / 1_000_000
    assert 1.05 < factor < 1.10
    assert factor == pytest.approx(CPI_2024 / CPI_OCT_2022, rel=1e-4)


def test_base_year_amounts_are_unchanged_whatever_the_month():
    out = add_constant_dollars(amounts((5.0, "2024-01-15"), (7.0, "2024-12-31")))
    assert list(out["amount_usd_2024"]) == [5.0, 7.0]


def test_high_and_alt_get_constant_counterparts():
    frame = amounts((100.0, "2022-10-06")).assign(
        amount_usd_high=pd.array([200.0], dtype="Float64"),
        amount_usd_alt=pd.array([pd.NA], dtype="Float64"),
    )
    out = add_constant_dollars(frame, base_year=2023)
    added = [c for c in out.columns if c not in frame.columns]
    assert added == ["amount_usd_2023", "amount_usd_2023_high", "amount_usd_2023_alt"]
    assert out["amount_usd_2023_high"][0] == pytest.approx(2 * out["amount_usd_2023"][0])
    assert pd.isna(out["amount_usd_2023_alt"][0])


def test_rows_without_cpi_are_kept_and_flagged():
    frame = amounts(
        (1.0, None),
        (2.0, "2025-10-15"),  # no BLS index for October 2025
        (3.0, "2099-01-01"),
        (4.0, "1912-06-01"),  # CPI-U starts in 1913
        (None, None),  # nothing to deflate: no flag
    )
    frame.loc[1, "flag"] = "currency_uncertain"
    out = add_constant_dollars(frame)
    assert len(out) == 5
    assert out["amount_usd_2024"].isna().all()
    assert list(out["flag"].fillna("")) == [
        "no_date",
        "currency_uncertain;no_cpi_for_date",
        "no_cpi_for_date",
        "no_cpi_for_date",
        "",
    ]


def test_an_existing_no_date_flag_is_not_repeated():
    out = add_constant_dollars(amounts((1.0, None), flag="no_date"))
    assert out["flag"][0] == "no_date"


def test_argument_is_left_alone():
    frame = amounts((1.0, "2022-10-06"))
    before = frame.copy()
    add_constant_dollars(frame)
    pd.testing.assert_frame_equal(frame, before)


def test_a_base_year_without_cpi_raises():
    with pytest.raises(ParameterError, match="2099"):
        add_constant_dollars(amounts((1.0, "2022-10-06")), base_year=2099)


def test_no_dollar_column_raises():
    with pytest.raises(ParameterError, match="amount_usd"):
        add_constant_dollars(pd.DataFrame({"date": [pd.Timestamp("2024-01-01")]}))


def test_cpi_is_imported_lazily_and_quietly():
    code = (
        "import sys, warnings\n"
        "import ladfin.normalise.prices\n"
        "assert 'cpi' not in sys.modules\n"
        "with warnings.catch_warnings(record=True) as caught:\n"
        "    warnings.simplefilter('always')\n"
        "    ladfin.normalise.prices.cpi_index(2024)\n"
        "print([str(w.message) for w in caught if 'CPI' in str(w.message)])\n"
    )
    run = [sys.executable, "-c", code]
    result = subprocess.run(run, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


@settings(max_examples=50, deadline=None)
@given(
    day=st.dates(min_value=date(1913, 1, 1), max_value=date(2025, 12, 31)),
    amount=st.floats(min_value=0, max_value=1e12),
)
def test_constant_dollars_of_the_announcement_year_are_nominal(day, amount):
    out = add_constant_dollars(amounts((amount, day.isoformat())), base_year=day.year)
    assert out[f"amount_usd_{day.year}"][0] == amount
