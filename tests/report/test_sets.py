"""Where runs go and when `latest` moves (ladfin/report/run.py), end to end on small notebooks of
our own: reports/latest only for a complete run with default parameters, a params file's runs in a
folder (and a latest) of their own, chart paths that do not depend on the parameters, and two
identical runs exporting identical files."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from test_run import ladfin_report, notebook

from ladfin import report as reports
from ladfin.errors import ParameterError

# A notebook publishing one chart whose rows depend on a parameter; its chart's file names must not.
CHART = ("import pandas as pd\nfrom ladfin import charts\n"
         "charts.publish(charts.counts_by(pd.DataFrame({'label': ['a', label]}), 'label', title='Labels'), 'labels')")
# A notebook drawing a real money chart from the built tables, with a table.
MONEY = ("import ladfin\nfrom ladfin import charts\n"
         "documents = ladfin.load_table('documents')\n"
         "per_event = ladfin.assistance(by=('event',), start_year=start_year)\n"
         "charts.publish_variants(charts.assistance_by_event, per_event, name='per-event', documents=documents)")


@pytest.fixture
def books(tmp_path) -> Path:
    folder = tmp_path / "notebooks"
    folder.mkdir()
    notebook(folder / "10-labels.ipynb", CHART, parameters="label = 'b'")
    notebook(folder / "20-other.ipynb", "x + 1", parameters="x = 1")
    return folder


def run(out: Path, books: Path, **kwargs) -> Path:
    return reports.run_report(out=out, notebooks_dir=books, wait=60, **kwargs)


@pytest.mark.slow
def test_latest_moves_only_for_a_complete_run_of_its_own_set(tmp_path, books):
    out = tmp_path / "reports"
    first = run(out, books)
    assert os.readlink(out / "latest") == first.name
    assert (out / "latest" / "10-labels" / "labels.png").is_file()

    partial = run(out, books, only=["10"])
    assert os.readlink(out / "latest") == first.name  # --only: a partial run
    assert json.loads((partial / "manifest.json").read_text())["latest"]["moved"] is False

    params = tmp_path / "colombia.yml"
    params.write_text("label: c\n")
    named = run(out, books, params_file=params)
    assert named.parent == out / "colombia" and os.readlink(out / "colombia" / "latest") == named.name
    assert os.readlink(out / "latest") == first.name  # reports/latest is the defaults' alone
    # the same paths whatever the parameters: only the set's folder differs
    assert sorted(p.name for p in (named / "10-labels").iterdir()) == sorted(
        p.name for p in (first / "10-labels").iterdir())
    assert "c" in (named / "10-labels" / "labels.csv").read_text()

    other = run(out, books, params_file=params, name="colombia-2024")
    assert os.readlink(out / "colombia-2024" / "latest") == other.name
    manifest = json.loads((other / "manifest.json").read_text())
    assert manifest["name"] == "colombia-2024" and manifest["parameters"] == {"label": "c"}
    index = (other / "index.html").read_text()
    assert "colombia-2024" in index and "&quot;c&quot;" in index


@pytest.mark.parametrize("name", ["latest", "2024-01-02T030405Z", "my params", "../up"])
def test_a_set_name_that_cannot_name_a_folder_is_refused(tmp_path, books, name):
    with pytest.raises(ParameterError, match="cannot name a folder of runs"):
        run(tmp_path / "reports", books, name=name)
    assert not (tmp_path / "reports").exists()


def test_a_params_file_whose_name_cannot_name_a_folder_says_to_pass_name(tmp_path, books):
    params = tmp_path / "my params.yml"
    params.write_text("label: c\n")
    with pytest.raises(ParameterError, match=r"the params file's name \(my params.yml\).*or pass --name"):
        run(tmp_path / "reports", books, params_file=params)


def test_an_unknown_parameter_is_an_error_listing_the_known_ones(tmp_path, books):
    params = tmp_path / "typo.yml"
    params.write_text("lable: c\n")
    done = ladfin_report("--out", str(tmp_path / "r"), "--notebooks", str(books), "--params", str(params))
    assert done.returncode == 1
    assert done.stderr.strip() == (f"ladfin: error: params file {params}: no notebook declares lable "
                                   "(did you mean label?); the notebooks declare label, x")


@pytest.mark.slow
def test_two_identical_runs_export_identical_files(tmp_path):
    folder = tmp_path / "notebooks"
    folder.mkdir()
    notebook(folder / "10-money.ipynb", MONEY, "ladfin.assistance(by=('event',), start_year=start_year)",
             parameters="start_year = 2022")
    first = run(tmp_path / "a", folder)
    second = run(tmp_path / "b", folder)
    files = sorted(p.relative_to(first) for p in first.rglob("*")
                   if p.is_file() and p.suffix in (".pdf", ".html", ".svg", ".png", ".csv", ".json")
                   and p.name != "manifest.json" and p.name != "index.html")
    assert {f.suffix for f in files} == {".pdf", ".html", ".svg", ".png", ".csv", ".json"}
    different = [str(f) for f in files if (first / f).read_bytes() != (second / f).read_bytes()]
    assert different == []
