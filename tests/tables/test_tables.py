"""Tests for ladfin/tables.py and ladfin/datapackage.py: the built tables, on the corpus and fixture trees."""

import json
from datetime import date

import pandas as pd
import pytest
from click.testing import CliRunner

from fixture_docs import document, tree
from ladfin.core import datapackage
from ladfin.core import schema
import ladfin
from ladfin import tables
from ladfin.cli import cli
from ladfin.extract.documents import load_all
from ladfin.errors import ParameterError


@pytest.fixture(scope="module")
def corpus():
    return tables.build_tables(load_all())


def figure(figures, quote, event_date):
    rows = figures[(figures["quote"] == quote) & (figures["event_date"] == pd.Timestamp(event_date))]
    assert len(rows) == 1, rows
    return rows.iloc[0]


def test_canadian_dollars_convert_at_the_event_date(corpus):
    # 75,000,000 / 1.368196 CAD per USD (ECB cross rate, 7 May 2024) = 54,816,700
    row = figure(corpus["figures"], "$75 million Canadian dollars", "2024-05-07")
    assert row["amount_usd"] == pytest.approx(54.82e6, abs=5e3)
    assert (row["fx_source"], row["fx_policy"], row["fx_date"]) == ("ecb", "on_date", pd.Timestamp("2024-05-07"))


def test_colombian_pesos_convert_at_the_trm(corpus):
    # 50,000,000 / 4,139.43 COP per USD (TRM of 25 September 2024) = 12,079
    row = figure(corpus["figures"], "50 million Colombian pesos", "2024-09-25")
    assert row["amount_usd"] == pytest.approx(12_079, abs=1)
    assert row["flow"] == "reward"


def test_constant_dollars_of_the_base_year_equal_nominal(corpus):
    f = corpus["figures"]
    base = f[f["event_date"].dt.year == schema.BASE_YEAR].dropna(subset=["amount_usd"])
    assert (base[f"amount_usd_{schema.BASE_YEAR}"] == base["amount_usd"]).all()


def test_the_rates_used_are_listed(corpus):
    rates = corpus["rates_used"].set_index(["currency", "fx_date"])
    assert rates.loc[("CAD", pd.Timestamp("2024-05-07")), "fx_rate"] == pytest.approx(1.368196, abs=5e-7)
    assert rates.loc[("COP", pd.Timestamp("2024-09-25")), "fx_rate"] == 4139.43


def test_the_fx_policy_is_the_callers():
    figures = tables.build_tables(
        [document("Canada gave 10 million Canadian dollars in aid.", event_date="2023-06-23")],
        fx_policy="annual_average")["figures"]
    # 2023 calendar-day mean of CAD per USD is about 1.3494 (Federal Reserve H.10: 1.3494)
    assert figures.at[0, "fx_policy"] == "annual_average"
    assert figures.at[0, "fx_date"] == pd.Timestamp("2023-01-01")
    assert figures.at[0, "amount_usd"] == pytest.approx(10e6 / 1.3494, rel=2e-3)


def test_one_event_row_per_meeting(corpus):
    events = corpus["events"].set_index("event_id")
    assert events["documents"].to_dict() == {
        "ministerial-2022-10-lima": 2, "ministerial-2024-05-guatemala": 1, "ministerial-2024-09": 2}
    assert events.at["ministerial-2024-09", "event_date"] == pd.Timestamp("2024-09-25")


def test_every_mention_has_one_canonical_announcement(corpus):
    f = corpus["figures"]
    assert f.groupby("announcement")["is_canonical"].sum().eq(1).all()
    assert set(f["announcement"]) == set(corpus["announcements"]["announcement"])


def test_check_twice_changes_nothing(corpus):
    for name, table in corpus.items():
        pd.testing.assert_frame_equal(schema.check(table, name), table)


def test_the_datapackage_describes_every_column_of_every_table(corpus):
    package = datapackage.describe(corpus)
    for resource in package["resources"]:
        fields = resource["schema"]["fields"]
        assert [f["name"] for f in fields] == list(corpus[resource["name"]].columns)
        assert all(f["type"] and f["description"] for f in fields)
    figures = next(r for r in package["resources"] if r["name"] == "figures")
    units = {f["name"]: f.get("unit") for f in figures["schema"]["fields"]}
    assert units["amount_usd"] == "USD" and units[f"amount_usd_{schema.BASE_YEAR}"] == f"USD_{schema.BASE_YEAR}"


# A fixture tree: one text whose money cannot all be normalised.
# - "Martian dollars" is no currency ladfin knows (unknown_currency);
# - the event date, 2 March 2030, is past the end of the TRM table and of the CPI
#   (no_rate_for_date for pesos, no_cpi_for_date for dollars).
BAD = ("Colombia offered 5 million Martian dollars in aid. Colombia gave 90 million Colombian pesos "
       "in aid. The United States gave $7 million in aid.")


@pytest.fixture
def bad_tree(tmp_path, monkeypatch):
    tree(tmp_path, {"bad.txt": BAD}, **{"bad.txt": {"event_date": "2030-03-02"}})
    monkeypatch.setenv("LADFIN_ROOT", str(tmp_path))
    return tmp_path


def test_figures_that_cannot_be_normalised_are_kept_and_flagged(bad_tree):
    built = tables.build()
    f = built["figures"].set_index("quote")
    assert len(f) == 3
    assert "unknown_currency" in f.at["5 million Martian dollars", "flag"]
    assert "no_rate_for_date" in f.at["90 million Colombian pesos", "flag"]
    assert pd.isna(f.at["90 million Colombian pesos", "amount_usd"])
    assert f.at["$7 million", "amount_usd"] == 7e6
    assert "no_cpi_for_date" in f.at["$7 million", "flag"]
    written = bad_tree / "data" / "processed"
    assert len(tables.load_table("figures")) == 3
    package = json.loads((written / "datapackage.json").read_text())
    assert {r["name"] for r in package["resources"]} == set(tables.TABLE_NAMES)


def test_build_lists_every_flag_with_file_span_and_message(bad_tree):
    result = CliRunner().invoke(cli, ["build"])
    assert result.exit_code == 0, result.output
    start = BAD.index("5 million Martian")
    assert f"flag unknown_currency: bad.txt chars {start}-{start + 25}" in result.output
    assert "currency_aliases.csv; add a row" in result.output
    assert "flag no_rate_for_date: bad.txt" in result.output


def test_a_document_without_event_date_keeps_its_figures_flagged():
    text = "Colombia gave 90 million Colombian pesos in aid. The United States gave $7 million in aid."
    built = tables.build_tables([document(text, event_date="")])
    f = built["figures"]
    assert len(f) == 2 and f["event_date"].isna().all()
    assert f["flag"].str.contains("no_event_date").all()
    assert "no_date" in f.at[0, "flag"] and pd.isna(f.at[0, "amount_usd"])


def test_a_document_dated_only_to_a_month_or_a_year_is_dated_to_its_first_day_and_flagged():
    # a release whose catalog knows only "June 2023", another only "2024", one a full date
    text = "The United States gave $7 million in aid."
    own = dict(event_id="", event_date="")  # each release its own event, dated by its publication
    built = tables.build_tables([document(text, doc="a.txt", published="2023-06", **own),
                                 document(text, doc="b.txt", published="2024", **own),
                                 document(text, doc="c.txt", published="2024-05-07", **own)])
    f = built["figures"].set_index("doc")
    assert f["event_date"].tolist() == [pd.Timestamp("2023-06-01"), pd.Timestamp("2024-01-01"),
                                        pd.Timestamp("2024-05-07")]
    assert ["approximate_date" in str(flag) for flag in f["flag"]] == [True, True, False]
    assert built["documents"].set_index("doc").at["a.txt", "published"] == pd.Timestamp("2023-06-01")
    assert ladfin.assistance(by=("year",), table=built["announcements"])["year"].tolist() == [2023, 2024]


def test_every_flag_has_a_message():
    messages = tables.flag_messages()
    flags = {"unknown_currency", "currency_uncertain", "no_rate_for_currency", "no_date", "no_rate_for_date",
             "no_cpi_for_date", "no_event_date", "approximate_date", "parts_exceed_total",
             "implausible_value", "negative_value", "scale_unread", "range_inverted",
             "separator_ambiguous"}
    assert flags <= set(messages)


def test_fixed_date_is_not_a_build_option():
    # A build converts at each event's own date or year; a fixed date is for one analysis.
    with pytest.raises(ParameterError, match="fixed_date"):
        tables.build_tables([document("The United States gave $7 million.")], fx_policy="fixed_date")


def test_date_column_is_not_left_behind(corpus):
    assert "date" not in corpus["figures"] and "date" not in corpus["announcements"]
    assert corpus["figures"]["event_date"].dt.date.min() == date(2022, 10, 6)


def test_an_event_spelt_two_ways_in_the_catalog_is_one_event():
    # Two releases of one meeting whose catalog rows name and date it differently; a third, undated.
    built = tables.build_tables([
        document("The United States announced $10 million in new assistance.", doc="a.txt",
                 event_id="m-1", event_name="Third Ministerial", event_date="2024-05-07"),
        document("The United States announced $20 million in new assistance.", doc="b.txt",
                 event_id="m-1", event_name="Ministerial Meeting, Guatemala", event_date="2024-05-08"),
        document("The United States announced $40 million in new assistance.", doc="c.txt",
                 event_id="m-1", event_name="Guatemala meeting", event_date=""),
    ])
    f = built["figures"].set_index("doc")
    assert set(f["event_name"]) == {"Third Ministerial"}
    assert f.loc[["a.txt", "b.txt"], "event_date"].tolist() == [pd.Timestamp("2024-05-07")] * 2
    # an undated row stays undated and flagged: its money was never converted at a date
    assert pd.isna(f.at["c.txt", "event_date"]) and "no_event_date" in f.at["c.txt", "flag"]
    per_event = ladfin.assistance(by=("event",), table=built["announcements"], start_year=2024, end_year=2024)
    assert per_event["amount_usd"].tolist() == [30_000_000]
    summary = ladfin.event_summary(built["figures"], built["announcements"])
    assert summary[["event_name", "actor", "new_funding"]].values.tolist() == [["Third Ministerial", "USA", "$30M"]]


def test_announcements_are_those_of_the_figures_with_every_column(monkeypatch):
    # link_batches hands build_announcements the figures without the columns it does not read (the
    # sentence, its context, cues, notes): the announcements must be those built from every column.
    from ladfin.tables import assemble

    real, seen = assemble.build_announcements, []
    monkeypatch.setattr(assemble, "build_announcements",
                        lambda figures, docs, **how: seen.append((docs, how)) or real(figures, docs, **how))
    built = tables.build_tables(load_all())
    docs, how = seen[0]
    assert "sentence" in built["figures"] and built["figures"]["announcement"].nunique() > 10
    whole = schema.check(real(built["figures"], docs, **how), "announcements")
    pd.testing.assert_frame_equal(built["announcements"], whole, check_exact=True)
