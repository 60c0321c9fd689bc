"""Tests for ladfin/series.py: assistance and headcounts, on the corpus and on generated tables."""

from datetime import date

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ladfin.extract.documents import load_all
from ladfin.errors import ParameterError
from ladfin.analysis.series import assistance, headcounts
from ladfin.tables import build_tables

M = 1_000_000


@pytest.fixture(scope="module")
def ann():
    return build_tables(load_all())["announcements"]


def amounts(frame, column="amount_usd"):
    return dict(zip(frame["year"], frame[column]))


def test_us_money_counts_each_package_once_and_never_the_running_total(ann):
    # 2024: $578M (May) + $686M (September) + $3M Department of Labor project + $20M DFC loan;
    # the text never says the last two are part of the $578M, so they count. Never the $1.2B.
    # 2022 (Lima): over $240M + over $314M + $25M; their listed parts and the $817M do not count.
    out = assistance(actor="USA", by=("year",), table=ann)
    assert amounts(out) == {2022: (240 + 314 + 25) * M, 2024: (578 + 686 + 3 + 20) * M}
    assert amounts(out, "announcements") == {2022: 3, 2024: 4}


def test_the_headline_us_packages_of_the_2024_ministerials(ann):
    us = ann[(ann["actor"] == "USA") & (ann["kind"] == "money") & ann["role"].isin(["single", "total"])]
    biggest = us[us["event_date"].dt.year == 2024].groupby("event_id")["amount_usd"].max()
    assert sorted(biggest) == [578 * M, 686 * M]


def test_686_million_mentioned_three_times_is_one_announcement(ann):
    (row,) = ann[(ann["value"] == 686 * M)].itertuples()
    assert (row.mentions, row.doc) == (3, "wh-2024-09-26-fourth-ministerial.txt")


def test_the_2024_running_total_is_cumulative_and_counted_only_when_asked(ann):
    (row,) = ann[ann["value"] == 1200 * M].itertuples()
    assert row.role == "cumulative"
    out = assistance(actor="USA", include_cumulative=True, start_year=2024, table=ann)
    assert amounts(out)[2024] == (578 + 686 + 3 + 20 + 1200) * M


def test_parts_at_lima_are_added_only_when_asked(ann):
    # components: 82 + 160 (of 240), 103 + 171 + 40 (of 314), 575 (along with ... 817),
    # 376 + 199 (of the 817 of the bullet); the bullet's 240 is the overview's 240 again.
    out = assistance(actor="USA", include_components=True, end_year=2022, table=ann)
    assert amounts(out)[2022] == (579 + 82 + 160 + 103 + 171 + 40 + 575 + 376 + 199) * M


def test_flows_choose_what_counts(ann):
    loans_out = assistance(actor="USA", flows=("assistance",), start_year=2024, table=ann)
    assert amounts(loans_out)[2024] == (578 + 686 + 3) * M
    assert assistance(actor="COL", table=ann).empty  # a reward is not assistance
    rewards = assistance(actor="COL", flows=("reward",), table=ann)
    assert amounts(rewards)[2024] == pytest.approx(12_079, abs=1)


def test_grouping_columns_follow_the_contract(ann):
    out = assistance(by=("event", "actor"), table=ann)
    assert list(out.columns) == ["year", "event_id", "event_name", "event_date", "actor", "amount_usd",
                                 "amount_usd_low", "amount_usd_high", "announcements",
                                 "has_assumed_currency"]
    assert out["year"].dtype == "Int64" and out["has_assumed_currency"].dtype == "boolean"
    canada_2022 = out[(out["actor"] == "CAN") & (out["year"] == 2022)]
    assert canada_2022["has_assumed_currency"].tolist() == [True]  # a bare $ from Canada


def test_recipients_explode(ann):
    out = assistance(actor="USA", by=("recipient",), end_year=2022, table=ann)
    # the $314M names seven countries; its parts are not counted
    assert out.set_index("recipient").loc["BRA", "amount_usd"] == 314 * M


def test_constant_dollars_of_the_base_year_are_nominal(ann):
    nominal = assistance(table=ann)
    constant = assistance(dollars="constant", base_year=2024, table=ann)
    assert amounts(constant)[2024] == amounts(nominal)[2024]
    assert amounts(constant)[2022] > amounts(nominal)[2022]


def test_another_fx_policy_reprices(ann):
    # 75,000,000 CAD at the 2024 calendar-day mean of 1.369776 CAD per USD
    out = assistance(actor="CAN", fx_policy="annual_average", start_year=2024, table=ann)
    assert amounts(out)[2024] == pytest.approx(75 * M / 1.369776, rel=1e-6)
    # ... and at the rate of 23 June 2023, 1.321205 CAD per USD
    fixed = assistance(actor="CAN", fx_policy="fixed_date", fixed_date=date(2023, 6, 23), start_year=2024,
                       table=ann)
    assert amounts(fixed)[2024] == pytest.approx(75 * M / 1.321205, rel=1e-6)


@pytest.mark.parametrize(
    ("arguments", "words"),
    [
        ({"by": ("colour",)}, "colour"),
        ({"dollars": "real"}, "nominal or constant"),
        ({"start_year": 2030, "end_year": 2031}, "outside the data"),
        ({"start_year": 2024, "end_year": 2022}, "after end_year"),
        ({"statuses": ("done",)}, "done"),
        ({"flows": ("gift",)}, "gift"),
        ({"fx_policy": "whenever"}, "whenever"),
        ({"fx_policy": "fixed_date"}, "fixed_date"),
    ],
)
def test_bad_arguments_raise_clearly(ann, arguments, words):
    with pytest.raises(ParameterError, match=words):
        assistance(table=ann, **arguments)


def test_headcounts_count_the_us_refugee_target_once(ann):
    # "on track to welcome 100,000 refugees" (fact sheet) and "the goal of welcoming 100,000
    # refugees" (article): one target.
    out = headcounts(country="USA", statuses=("target",), start_year=2024, table=ann)
    assert (out["people"].tolist(), out["announcements"].tolist()) == ([100_000], [1])


def test_headcounts_group_by_status(ann):
    out = headcounts(by=("status",), table=ann)
    assert list(out.columns) == ["year", "status", "people", "people_low", "people_high", "announcements"]
    assert (out["people_low"] <= out["people"]).all() and (out["people"] <= out["people_high"]).all()
    with pytest.raises(ParameterError, match="colour"):
        headcounts(by=("colour",), table=ann)


# Generated figures tables: announcements with one to three mentions, only one canonical.
# The other mentions carry different amounts, so counting one of them would change a sum.
FLOWS = ["assistance", "loan", "investment", "reward", "seized", "other"]
ROLES = ["single", "total", "component", "cumulative"]
STATUSES = [None, "new", "advancing", "target", "achieved"]
announcement = st.fixed_dictionaries({
    "year": st.integers(2022, 2024), "actor": st.sampled_from(["USA", "CAN"]),
    "flow": st.sampled_from(FLOWS), "role": st.sampled_from(ROLES), "status": st.sampled_from(STATUSES),
    "pillar": st.integers(0, 3), "recipients": st.sampled_from([None, "PER", "COL", "PER;COL"]),
    "amount": st.integers(1, 10**9), "others": st.lists(st.integers(1, 10**9), max_size=2),
    "qualifier": st.sampled_from(["exact", "over", "under", "approx"]),
})


def figures_table(announcements):
    rows = []
    for n, a in enumerate(announcements):
        for m, amount in enumerate([a["amount"], *a["others"]]):
            rows.append({
                "doc": f"d{m}.txt", "start": n, "announcement": f"d0.txt:{n}", "is_canonical": m == 0,
                "event_id": f"e{a['year']}", "event_name": f"Meeting {a['year']}",
                "event_date": pd.Timestamp(f"{a['year']}-05-07"), "kind": "money", "unit": "USD",
                "actor": a["actor"], "flow": a["flow"], "role": a["role"], "status": a["status"],
                "pillar": a["pillar"], "recipients": a["recipients"], "qualifier": a["qualifier"],
                "value": float(amount), "value_high": None, "amount_usd": float(amount),
                "amount_usd_high": None, "currency_assumed": False, "alt_unit": None,
                "fx_policy": "on_date", "flag": None,
            })
    frame = pd.DataFrame(rows)
    return frame.astype({"value_high": "Float64", "amount_usd_high": "Float64"})


def counted(a):
    return a["flow"] not in ("reward", "seized") and a["role"] in ("single", "total") and a["status"] != "target"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(announcement, min_size=1, max_size=12),
       st.lists(st.sampled_from(["event", "actor", "pillar", "flow", "status"]), unique=True, max_size=3))
def test_no_announcement_is_counted_twice(announcements, by):
    out = assistance(by=("year", *by), table=figures_table(announcements))
    expected = sum(a["amount"] for a in announcements if counted(a))
    assert out["amount_usd"].fillna(0).sum() == expected
    assert out["announcements"].sum() == sum(counted(a) for a in announcements)


@settings(max_examples=40, deadline=None)
@given(st.lists(announcement, min_size=1, max_size=12))
def test_each_recipient_group_sums_its_own_announcements(announcements):
    out = assistance(by=("recipient",), table=figures_table(announcements))
    for row in out.itertuples():
        mine = [a for a in announcements if counted(a) and a["year"] == row.year and (
            (a["recipients"] is None) if pd.isna(row.recipient) else row.recipient in (a["recipients"] or ""))]
        assert row.amount_usd == sum(a["amount"] for a in mine)


@settings(max_examples=40, deadline=None)
@given(st.lists(announcement, min_size=1, max_size=12), st.integers(2022, 2024))
def test_constant_dollars_of_the_base_year_equal_nominal(announcements, year):
    table = figures_table(announcements)
    if year not in {a["year"] for a in announcements}:
        return
    nominal = assistance(start_year=year, end_year=year, table=table)
    constant = assistance(dollars="constant", base_year=year, start_year=year, end_year=year, table=table)
    pd.testing.assert_frame_equal(constant, nominal)
