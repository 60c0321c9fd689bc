"""Report parameters (ladfin/report/parameters.py): the params file, what notebooks declare,
which values each notebook gets, and the names no notebook declares."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from test_run import check_run, notebook

from ladfin import report as reports
from ladfin.errors import ParameterError
from ladfin.report import run

ROOT = Path(__file__).resolve().parents[2]
LADFIN = Path(sys.executable).parent / "ladfin"
# Every parameter the suite in notebooks/ declares, as the error message lists them.
SUITE = ("base_year, by, country, doc, dollars, end_year, fixed_date, fx_policy, include_components, "
         "include_cumulative, include_targets, measure, measures, start_year, statuses")


def params_file(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------- the file

def test_params_file_is_a_flat_mapping(tmp_path):
    good = tmp_path / "good.yml"
    good.write_text("start_year: 2024\nstatuses: [new, target]\ncountry: ECU\n")
    assert reports.read_params_file(good) == {"start_year": 2024, "statuses": ["new", "target"], "country": "ECU"}
    assert reports.read_params_file(None) == {}


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("- 2024\n", "must be a mapping"),
        ("money:\n  dollars: constant\n", "not a mapping"),
        ("start year: 2024\n", "not a parameter name"),
        ("a: [1\n", "not valid YAML"),
    ],
)
def test_bad_params_file(tmp_path, text, match):
    path = tmp_path / "bad.yml"
    path.write_text(text)
    with pytest.raises(ParameterError, match=match):
        reports.read_params_file(path)


def test_missing_params_file(tmp_path):
    with pytest.raises(ParameterError, match="cannot be read"):
        reports.read_params_file(tmp_path / "none.yml")


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("fixed_date: 2024-05-07\n", {"fixed_date": "2024-05-07"}),       # YAML reads a date
        ("fixed_date: '2024-05-07'\n", {"fixed_date": "2024-05-07"}),     # quoted: already text
        ("when: 2024-05-07 10:30:00\n", {"when": "2024-05-07T10:30:00"}),  # YAML reads a datetime
        ("dates: [2024-05-07, 2024-09-26]\n", {"dates": ["2024-05-07", "2024-09-26"]}),
        ("fixed_date: null\nstart_year: 2024\n", {"fixed_date": None, "start_year": 2024}),
    ],
)
def test_a_yaml_date_is_read_as_its_iso_string(tmp_path, text, values):
    read = reports.read_params_file(params_file(tmp_path / "dates.yml", text))
    assert read == values
    json.dumps(read)  # as papermill stores parameters in the executed notebook


# ---------------------------------------------------------------- notebooks and their values

def test_each_value_goes_only_to_notebooks_declaring_it():
    declared = {"10.ipynb": {"start_year": 2022, "dollars": "nominal"}, "40.ipynb": {"country": "COL"}}
    split, unknown = reports.split_parameters({"dollars": "constant", "country": "ECU", "colour": 1}, declared)
    assert split == {"10.ipynb": {"dollars": "constant"}, "40.ipynb": {"country": "ECU"}}
    assert unknown == ["colour"]


def test_declared_parameters_are_read_as_literals(tmp_path):
    path = notebook(tmp_path / "10-a.ipynb", parameters='year = 2022\nwho = "COL"\nstatuses = None')
    assert reports.declared_parameters(path) == {"year": 2022, "who": "COL", "statuses": None}


def test_a_name_no_notebook_declares_is_an_error_naming_file_name_and_the_declared(tmp_path):
    path = tmp_path / "typo.yml"
    declared = {"10.ipynb": {"start_year": 2022, "fx_policy": "on_date"}, "40.ipynb": {"country": "COL"}}
    with pytest.raises(ParameterError) as raised:
        reports.check_parameter_names({"fx_polcy": "fixed_date", "country": "ECU", "pillar": 1}, declared, path)
    assert str(raised.value) == (f"params file {path}: no notebook declares fx_polcy (did you mean fx_policy?), "
                                 "pillar; the notebooks declare country, fx_policy, start_year")


def test_declared_names_pass():
    declared = {"10.ipynb": {"start_year": 2022}, "40.ipynb": {"country": "COL"}}
    values = {"start_year": 2024, "country": "ECU"}
    assert reports.check_parameter_names(values, declared, "p.yml") == values
    assert reports.check_parameter_names({}, {}, "p.yml") == {}


def test_the_report_refuses_a_name_the_suite_does_not_declare(tmp_path):
    path = params_file(tmp_path / "typo.yml", "fx_polcy: fixed_date\ncountry: ECU\n")
    out = tmp_path / "reports"
    with pytest.raises(ParameterError) as raised:
        reports.run_report(params_file=path, out=out, notebooks_dir=ROOT / "notebooks")
    assert str(raised.value) == (f"params file {path}: no notebook declares fx_polcy (did you mean fx_policy?); "
                                 f"the notebooks declare {SUITE}")
    assert not out.exists()  # refused before any table is built or run directory made


def test_ladfin_report_prints_the_unknown_name_on_one_line(tmp_path):
    path = params_file(tmp_path / "typo.yml", "contry: ECU\n")
    done = subprocess.run([str(LADFIN), "report", "--params", str(path), "--out", str(tmp_path / "r")],
                          capture_output=True, text=True, timeout=120, check=False, env=dict(os.environ))
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        f"ladfin: error: params file {path}: no notebook declares contry (did you mean country?); "
        f"the notebooks declare {SUITE}"]


def test_a_name_only_notebooks_left_out_declare_is_ignored_with_a_warning(tmp_path, monkeypatch):
    # one params file serves any --only: `country` is for 40, which this run leaves out
    books = tmp_path / "notebooks"
    books.mkdir()
    notebook(books / "10-a.ipynb", parameters="start_year = 2022")
    notebook(books / "40-b.ipynb", parameters="country = 'COL'")
    path = params_file(tmp_path / "p.yml", "start_year: 2024\ncountry: ECU\n")

    class Stop(Exception):
        pass

    def stop(*args, **kwargs):
        raise Stop  # the parameters are settled before the kernel is checked: no notebook runs

    monkeypatch.setattr(run, "check_kernel", stop)
    lines = []
    with pytest.warns(UserWarning, match="parameter"), pytest.raises(Stop):
        reports.run_report(params_file=path, only=["10"], out=tmp_path / "r", notebooks_dir=books,
                           log=lines.append)
    assert lines == ["warning: parameter(s) country declared by no notebook run; ignored"]


# ---------------------------------------------------------------- end to end

@pytest.mark.slow
def test_a_fixed_date_reaches_every_money_notebook(tmp_path):
    # the unquoted date is a YAML date; both money notebooks declare fixed_date and price at it
    path = params_file(tmp_path / "fixed.yml", "fx_policy: fixed_date\nfixed_date: 2024-05-07\n")
    done = subprocess.run([str(LADFIN), "report", "--only", "10", "--only", "20", "--params", str(path),
                           "--out", str(tmp_path / "r")], capture_output=True, text=True, timeout=600,
                          check=False, env=dict(os.environ))
    assert done.returncode == 0, done.stderr
    manifest = check_run(Path(done.stdout.strip().splitlines()[-1]))
    assert manifest["parameters"] == {"fx_policy": "fixed_date", "fixed_date": "2024-05-07"}
    run_dir = Path(done.stdout.strip().splitlines()[-1])
    for entry, chart in zip(manifest["notebooks"], ("per-year", "pillar-by-actor")):
        assert entry["parameters"] == manifest["parameters"]
        spec = json.loads((run_dir / entry["output"] / f"{chart}.vl.json").read_text())
        assert spec["vconcat"][0]["title"]["subtitle"][0].endswith("converted at the exchange rate of 7 May 2024")
