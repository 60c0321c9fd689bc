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


def test_default_money_is_new_money_announced_each_package_once(ann):
    # 2022 (Lima): the text's own headline, "over $240 million in new" assistance; the $314M
    # "obligated" and $25M "identified" are marked "(advancing existing commitments)": money
    # reported again, not new. 2024: $578M (May) + $686M (September) + the $3M Department of
    # Labor project; the $20M DFC loan is a loan. Never the $1.2B running total.
    out = assistance(actor="USA", by=("year",), table=ann)
    assert set(out["measure"]) == {"new_funding"}
    assert amounts(out) == {2022: 240 * M, 2024: (578 + 686 + 3) * M}
    assert amounts(out, "announcements") == {2022: 1, 2024: 3}


def test_other_money_is_its_own_series_never_added_to_new_money(ann):
    out = assistance(actor="USA", by=("year",), measures=("new_funding", "existing_funding", "loan"), table=ann)
    sums = {(r.year, r.measure): r.amount_usd for r in out.itertuples()}
    assert sums == {(2022, "new_funding"): 240 * M, (2022, "existing_funding"): (314 + 25) * M,
                    (2024, "new_funding"): (578 + 686 + 3) * M, (2024, "loan"): 20 * M}


def test_an_open_hedge_leaves_the_bound_of_its_group_open(ann):
    # "over $240 million": at least 240 million, no upper bound stated, none invented
    (lima,) = assistance(actor="USA", end_year=2022, table=ann).itertuples()
    assert lima.amount_usd_low == 240 * M and pd.isna(lima.amount_usd_high)
    # May 2024: $578M and $3M are exact, so both ends are stated
    may = assistance(actor="USA", by=("event",), start_year=2024, table=ann).set_index("event_id")
    assert may.at["ministerial-2024-05-guatemala", "amount_usd_high"] == (578 + 3) * M


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
    assert amounts(out)[2024] == (578 + 686 + 3 + 1200) * M


def test_parts_at_lima_are_added_only_when_asked(ann):
    # new-money components: 82 + 160 (of 240), 575 (along with ... 817), 376 + 199 (of the
    # bullet's 817); the bullet's 240 is the overview's 240 again. 103 + 171 + 40 are parts of
    # the obligated 314: existing money.
    out = assistance(actor="USA", include_components=True, end_year=2022, table=ann)
    assert amounts(out)[2022] == (240 + 82 + 160 + 575 + 376 + 199) * M
    old = assistance(actor="USA", include_components=True, end_year=2022, measures="existing_funding", table=ann)
    assert amounts(old)[2022] == (314 + 25 + 103 + 171 + 40) * M


def test_flows_and_measures_choose_what_counts(ann):
    assert amounts(assistance(actor="USA", flows=("assistance",), start_year=2024, table=ann))[2024] == (
        578 + 686 + 3) * M
    assert assistance(actor="COL", table=ann).empty  # a reward is not assistance
    rewards = assistance(actor="COL", measures=("reward",), table=ann)
    assert amounts(rewards)[2024] == pytest.approx(12_079, abs=1)


def test_grouping_columns_follow_the_contract(ann):
    out = assistance(by=("event", "actor"), table=ann)
    assert list(out.columns) == ["year", "event_id", "event_name", "event_date", "actor", "measure",
                                 "amount_usd", "amount_usd_low", "amount_usd_high", "announcements",
                                 "has_assumed_currency", "docs"]
    assert out["year"].dtype == "Int64" and out["has_assumed_currency"].dtype == "boolean"
    canada_2022 = out[(out["actor"] == "CAN") & (out["year"] == 2022)]
    assert canada_2022["has_assumed_currency"].tolist() == [True]  # a bare $ from Canada


def test_recipients_explode(ann):
    out = assistance(actor="USA", by=("recipient",), end_year=2022, measures="existing_funding", table=ann)
    # the obligated $314M names seven countries; its parts are not counted
    assert out.set_index("recipient").loc["BRA", "amount_usd"] == 314 * M


def test_constant_dollars_of_the_base_year_are_nominal(ann):
    nominal = assistance(table=ann)
    constant = assistance(dollars="constant", base_year=2024, table=ann)
    assert amounts(constant)[2024] == amounts(nominal)[2024]
    assert amounts(constant)[2022] > amounts(nominal)[2022]


def test_another_fx_policy_reprices(ann):
    # "Canada is also investing $75 million Canadian dollars": investment.
    # 75,000,000 CAD at the 2024 calendar-day mean of 1.369776 CAD per USD
    out = assistance(actor="CAN", fx_policy="annual_average", start_year=2024, measures="investment", table=ann)
    assert amounts(out)[2024] == pytest.approx(75 * M / 1.369776, rel=1e-6)
    # ... and at the rate of 23 June 2023, 1.321205 CAD per USD
    fixed = assistance(actor="CAN", fx_policy="fixed_date", fixed_date=date(2023, 6, 23), start_year=2024,
                       measures="investment", table=ann)
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
        ({"measures": ("resettled",)}, "resettled"),  # a people measure is no money
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
    assert out["measure"].tolist() == ["resettled"]


def test_headcounts_add_like_with_like(ann):
    out = headcounts(by=("year",), table=ann)
    sums = {(r.year, r.measure): r.people for r in out.itertuples()}
    # 2024 outcomes, each measure alone: 547,000 used CBP One and presented for processing;
    # 21,000 approved through the Safe Mobility Offices + 435,000 approved under CHNV parole;
    # 23,000 refugees resettled; Ecuador's 100,000 + Uruguay's 25,500 granted legal status;
    # 30 individuals sanctioned.
    assert sums[(2024, "processed")] == 547_000
    assert sums[(2024, "approved")] == 21_000 + 435_000
    assert sums[(2024, "resettled")] == 23_000
    assert sums[(2024, "regularised")] == 100_000 + 25_500
    assert sums[(2024, "enforcement")] == 30
    # never counted as people reached: the displaced ("nearly 8 million Venezuelans"), the 53 who
    # died, the 20 leaders, the 4.4 million "to date" (a running total), Colombia's 600,000 (a
    # target), and Ecuador's 105,000, a part of "the estimated 324,500"
    assert not {"in_need", "died", "participants"} & set(out["measure"])
    assert 8_000_000 not in set(out["people"]) and sums[(2022, "processed")] == 5_000 + 200_000 + 2_500


def test_context_statistics_only_when_asked(ann):
    out = headcounts(by=("year",), include_context=True, start_year=2024, table=ann)
    sums = {r.measure: r.people for r in out.itertuples()}
    assert sums["in_need"] == 8_000_000 + 450_000 and sums["died"] == 53


def test_colombias_600000_is_one_target_across_two_meetings(ann):
    (row,) = ann[(ann["actor"] == "COL") & (ann["value"] == 600_000)].itertuples()
    assert (row.mentions, row.event_id, row.measure) == (2, "ministerial-2024-05-guatemala", "regularised")
    out = headcounts(country="COL", include_targets=True, table=ann)
    assert out["people"].tolist() == [600_000]


def test_headcounts_group_by_status(ann):
    out = headcounts(by=("status",), table=ann)
    assert list(out.columns) == ["year", "status", "measure", "people", "people_low", "people_high",
                                 "announcements", "docs"]
    low, high = out["people_low"], out["people_high"]
    assert ((low <= out["people"]) | low.isna()).all() and ((out["people"] <= high) | high.isna()).all()
    with pytest.raises(ParameterError, match="colour"):
        headcounts(by=("colour",), table=ann)


# Generated figures tables: announcements with one to three mentions, only one canonical.
# The other mentions carry different amounts, so counting one of them would change a sum.
FLOWS = ["assistance", "loan", "investment", "reward", "seized", "other"]
MEASURES = ["new_funding", "existing_funding", "loan", "appeal", "reward", "unknown"]
ROLES = ["single", "total", "component", "cumulative"]
STATUSES = [None, "new", "advancing", "target", "achieved"]
announcement = st.fixed_dictionaries({
    "year": st.integers(2022, 2024), "actor": st.sampled_from(["USA", "CAN"]),
    "flow": st.sampled_from(FLOWS), "measure": st.sampled_from(MEASURES), "role": st.sampled_from(ROLES),
    "status": st.sampled_from(STATUSES),
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
                "actor": a["actor"], "flow": a["flow"], "measure": a["measure"], "role": a["role"],
                "status": a["status"],
                "pillar": a["pillar"], "recipients": a["recipients"], "qualifier": a["qualifier"],
                "value": float(amount), "value_high": None, "amount_usd": float(amount),
                "amount_usd_high": None, "currency_assumed": False, "alt_unit": None,
                "fx_policy": "on_date", "flag": None,
            })
    frame = pd.DataFrame(rows)
    return frame.astype({"value_high": "Float64", "amount_usd_high": "Float64"})


def counted(a, measures=("new_funding",)):
    return a["measure"] in measures and a["role"] in ("single", "total") and a["status"] != "target"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(announcement, min_size=1, max_size=12),
       st.lists(st.sampled_from(["event", "actor", "pillar", "flow", "status"]), unique=True, max_size=3))
def test_no_announcement_is_counted_twice(announcements, by):
    out = assistance(by=("year", *by), table=figures_table(announcements))
    expected = sum(a["amount"] for a in announcements if counted(a))
    assert out["amount_usd"].fillna(0).sum() == expected
    assert out["announcements"].sum() == sum(counted(a) for a in announcements)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(announcement, min_size=1, max_size=12),
       st.lists(st.sampled_from(["event", "actor", "pillar", "flow", "status"]), unique=True, max_size=3),
       st.lists(st.sampled_from(MEASURES), unique=True, min_size=1, max_size=4))
def test_no_measure_is_added_to_another(announcements, by, measures):
    # whatever the grouping and the measures asked for, each row sums one measure, and its
    # total is reproduced by the announcements of that measure and group alone
    table = figures_table(announcements)
    out = assistance(by=("year", *by), measures=measures, table=table)
    assert set(out["measure"]) <= set(measures)
    for measure in measures:
        mine = out[out["measure"] == measure]
        assert mine["amount_usd"].fillna(0).sum() == sum(
            a["amount"] for a in announcements if counted(a, (measure,)))
        assert mine["announcements"].sum() == sum(counted(a, (measure,)) for a in announcements)


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
