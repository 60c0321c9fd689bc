"""Every notebook runs against the real corpus with its defaults and with a second, non-default
parameter set (through `ladfin report`, i.e. papermill with kernel "python3"); the tables behind
the charts it exports agree with the library; the paired scripts match the notebooks."""

from __future__ import annotations

import json
from pathlib import Path

import jupytext
import nbformat
import pandas as pd
import pytest

import ladfin
from ladfin import report as reports
from test_run import check_run

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9]*.ipynb"))

CUSTOM = {
    "start_year": 2024,
    "end_year": 2024,
    "by": "flow",
    "dollars": "constant",
    "base_year": 2023,
    "fx_policy": "annual_average",
    "include_components": True,
    "include_cumulative": True,
    "include_targets": True,
    "country": "ECU",
    "doc": "wh-2024-09-26-fourth-ministerial.txt",
    "measure": "regularised",
}
MONEY = {k: CUSTOM[k] for k in ("start_year", "end_year", "dollars", "base_year", "fx_policy",
                                 "include_components", "include_cumulative", "include_targets")}


def exports(run: Path) -> dict[str, Path]:
    """Return notebook stem -> its export directory, once every output of the run is checked."""
    manifest = check_run(run)
    return {Path(n["notebook"]).stem: run / n["output"] for n in manifest["notebooks"]}


@pytest.fixture(scope="module")
def defaults(suite_run) -> dict[str, Path]:
    return exports(suite_run)


@pytest.fixture(scope="module")
def custom(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("custom") / "reports"
    params_file = out.parent / "custom.yml"
    params_file.write_text(json.dumps(CUSTOM))  # JSON is YAML
    return exports(reports.run_report(out=out, params_file=params_file, wait=60))


def csv(exports: dict[str, Path], notebook: str, chart: str) -> pd.DataFrame:
    return pd.read_csv(exports[notebook] / f"{chart}.csv")


def names(table: pd.DataFrame, code: str) -> pd.Series:
    """Tell, per row, whether a figure names `code` as actor or recipient."""
    recipients = table["recipients"].fillna("").str.split(";")
    return table["actor"].eq(code) | recipients.map(lambda codes: code in codes)


# ---------------------------------------------------------------- the notebooks as files

def test_the_suite_is_complete():
    assert [p.stem for p in NOTEBOOKS] == ["10-assistance-over-time", "20-pillars-and-actors", "30-people",
                                           "40-country-profile", "50-data-audit", "60-explore"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_committed_clean_and_paired(path):
    nb = nbformat.read(str(path), as_version=4)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    assert nb.metadata["jupytext"]["formats"] == "ipynb,py:percent"
    assert all(not c.get("outputs") and not c.get("execution_count") for c in nb.cells if c.cell_type == "code")
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    paired = jupytext.read(path.with_suffix(".py"))
    assert [c.source for c in paired.cells] == [c.source for c in nb.cells]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_parameters_are_plain_literals(path):
    declared = reports.declared_parameters(path)
    assert declared
    for name, value in declared.items():
        assert value is None or isinstance(value, (bool, int, float, str, list)), name


# ---------------------------------------------------------------- with defaults

@pytest.mark.slow
def test_assistance_over_time_defaults(defaults):
    per_event = csv(defaults, "10-assistance-over-time", "per-event")
    expected = ladfin.assistance(by=("event",))
    assert sorted(per_event["event_id"]) == sorted(expected["event_id"])
    assert per_event["amount_usd"].sum() == pytest.approx(expected["amount_usd"].sum())
    per_year = csv(defaults, "10-assistance-over-time", "per-year")
    assert "actor" in per_year and set(per_year["year"]) <= {2022, 2023, 2024}


@pytest.mark.slow
def test_pillars_and_actors_defaults(defaults):
    grid = csv(defaults, "20-pillars-and-actors", "pillar-by-actor")
    expected = ladfin.assistance(by=("pillar", "actor"))
    assert grid["amount_usd"].sum() == pytest.approx(expected["amount_usd"].sum())


@pytest.mark.slow
def test_people_defaults(defaults):
    per_year = csv(defaults, "30-people", "per-year")
    expected = ladfin.headcounts(by=("year",))
    drawn = dict(zip(zip(per_year["year"], per_year["measure"]), per_year["people"]))
    assert drawn == pytest.approx(dict(zip(zip(expected["year"], expected["measure"]), expected["people"])))
    assert not {"in_need", "died"} & set(per_year["measure"])  # context is never people reached
    assert set(csv(defaults, "30-people", "context")["measure"]) == {"in_need", "died"}
    assert "target" in set(csv(defaults, "30-people", "per-status")["status"])


@pytest.mark.slow
def test_country_profile_defaults(defaults):
    money = csv(defaults, "40-country-profile", "money")
    assert len(money) and names(money, "COL").all()


@pytest.mark.slow
def test_data_audit_defaults(defaults):
    reasons = csv(defaults, "50-data-audit", "skipped-reasons")
    assert reasons["rows"].sum() == len(ladfin.load_table("skipped"))
    totals = csv(defaults, "50-data-audit", "totals-and-parts")
    assert set(totals["measure"]) == {"total as announced", "sum of its parts"}


# ---------------------------------------------------------------- with the second parameter set

@pytest.mark.slow
def test_assistance_over_time_custom(custom):
    stem = "10-assistance-over-time"
    # behaviour changed on purpose: a chart's path no longer depends on the parameters, its set's folder does
    assert custom[stem].name == stem and custom[stem].parent.parent.name == "custom"
    per_year = csv(custom, stem, "per-year")
    assert set(per_year["year"]) == {2024} and "flow" in per_year
    expected = ladfin.assistance(by=("year", "flow"), **MONEY)
    assert per_year["amount_usd"].sum() == pytest.approx(expected["amount_usd"].sum())
    spec = json.loads((custom[stem] / "per-year.vl.json").read_text())
    subtitle = spec["vconcat"][0]["title"]["subtitle"][0]
    assert "Constant 2023 US dollars" in subtitle and "average exchange rate" in subtitle
    assert len(csv(custom, stem, "per-event")) == 2  # the two 2024 meetings


@pytest.mark.slow
def test_pillars_and_actors_custom(custom):
    grid = csv(custom, "20-pillars-and-actors", "pillar-by-actor")
    expected = ladfin.assistance(by=("pillar", "actor"), **MONEY)
    assert grid["amount_usd"].sum() == pytest.approx(expected["amount_usd"].sum())


@pytest.mark.slow
def test_people_custom(custom):
    assert set(csv(custom, "30-people", "per-year")["year"]) == {2024}
    figures = csv(custom, "30-people", "figures")
    assert len(figures) and figures["actor"].eq("ECU").all()


@pytest.mark.slow
def test_country_profile_custom(custom):
    people = csv(custom, "40-country-profile", "people")
    assert len(people) and names(people, "ECU").all()


@pytest.mark.slow
def test_data_audit_custom(custom):
    skipped = ladfin.load_table("skipped")
    reasons = csv(custom, "50-data-audit", "skipped-reasons")
    assert reasons["rows"].sum() == (skipped["doc"] == CUSTOM["doc"]).sum()


@pytest.mark.slow
def test_explore_defaults(defaults):
    money = csv(defaults, "60-explore", "money")
    expected = ladfin.select_figures(ladfin.load_table("figures"), kinds="money")
    assert len(money) == expected["amount_usd"].gt(0).sum()
    assert {"sentence_text", "span", "value_text", "document", "event"} <= set(money)


@pytest.mark.slow
def test_explore_custom(custom):
    # ECU, regularised, 2024: people only, so the money chart is not drawn and the run says why
    people = csv(custom, "60-explore", "people")
    assert len(people) and people["actor"].eq("ECU").all() and people["measure"].eq("regularised").all()
    assert not (custom["60-explore"] / "money.png").exists()
    manifest = json.loads((custom["60-explore"].parent / "manifest.json").read_text())
    entry = next(n for n in manifest["notebooks"] if n["notebook"] == "60-explore.ipynb")
    assert [s["name"] for s in entry["skipped"]] == ["money"]
    html = (custom["60-explore"].parent / "60-explore.html").read_text()
    assert "not drawn, no row matches the parameters" in html
    assert "<mark>" in html and "#:~:text=" in html  # each figure marked in its sentence, linked to its text
