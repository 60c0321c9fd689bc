"""The report run (ladfin/report/run.py): the suite's notebooks, run directories, the `latest`
switch, the lock, and `ladfin report` end to end on the real corpus (slow)."""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from filelock import FileLock

from ladfin import paths
from ladfin import report as reports
from ladfin.errors import LadfinError, ParameterError

ROOT = Path(__file__).resolve().parents[2]
LADFIN = Path(sys.executable).parent / "ladfin"


def ladfin_report(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(LADFIN), "report", *args], capture_output=True, text=True, timeout=600,
                          env={**os.environ, **(env or {})}, check=False)


def notebook(path: Path, *cells: str, parameters: str = "x = 1") -> Path:
    """Write a papermill-ready notebook: a tagged parameters cell, then `cells`."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    nb.cells = [nbformat.v4.new_code_cell(parameters, metadata={"tags": ["parameters"]})]
    nb.cells += [nbformat.v4.new_code_cell(source) for source in cells]
    nbformat.write(nb, str(path))
    return path


# ---------------------------------------------------------------- the suite

def test_find_notebooks(tmp_path):
    for name in ("10-a", "20-b", "scratch"):
        notebook(tmp_path / f"{name}.ipynb")
    assert [p.stem for p in reports.find_notebooks(tmp_path)] == ["10-a", "20-b"]
    assert [p.stem for p in reports.find_notebooks(tmp_path, ["20", "10-a"])] == ["10-a", "20-b"]
    with pytest.raises(ParameterError, match="no such notebook; notebooks are 10-a, 20-b"):
        reports.find_notebooks(tmp_path, ["30"])
    with pytest.raises(ParameterError, match="no notebooks"):
        reports.find_notebooks(tmp_path / "scratch.ipynb")


# ---------------------------------------------------------------- run directory, latest, lock

def test_run_directories_never_collide(tmp_path):
    from datetime import UTC, datetime

    now = datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)
    first, second = reports.run_directory(tmp_path, now), reports.run_directory(tmp_path, now)
    assert (first.name, second.name) == ("2025-01-02T030405Z", "2025-01-02T030405Z-1")


def test_latest_switches_in_one_step(tmp_path):
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir()
    new.mkdir()
    reports.switch_latest(tmp_path, old)
    link = reports.switch_latest(tmp_path, new)
    assert link.is_symlink() and os.readlink(link) == "new"  # relative: the tree can move
    assert link.resolve() == new.resolve()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["latest", "new", "old"]  # no temporary left


def test_a_second_run_waits_then_says_why(tmp_path):
    lock = FileLock(str(tmp_path / reports.LOCK_NAME))
    with lock:
        with pytest.raises(LadfinError, match="another `ladfin report` is writing to .*gave up after 0.2 s"):
            reports.run_report(out=tmp_path, wait=0.2, notebooks_dir=ROOT / "notebooks")
    assert not (tmp_path / reports.LATEST).exists()


# ---------------------------------------------------------------- end to end

def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def check_run(run: Path) -> dict:
    """Check every output of a successful run is there and valid; return its manifest."""
    manifest = json.loads((run / "manifest.json").read_text())
    assert manifest["status"] == "ok" and manifest["kernel"] == "python3"
    index = (run / "index.html").read_text()
    assert all(f'href="{n["output"]}.html"' in index for n in manifest["notebooks"])
    assert {"parameters", "git", "inputs", "packages", "notebooks", "seconds", "started", "finished"} <= set(manifest)
    assert manifest["git"]["commit"] and manifest["packages"]["vl-convert-python"]
    assert any(k.startswith("data/processed/figures") for k in manifest["inputs"])
    for entry in manifest["notebooks"]:
        assert entry["status"] == "ok" and entry["seconds"] > 0 and entry["error"] is None
        for output in entry["outputs"]:
            assert (run / output).is_file(), output
        stem = entry["output"]
        executed = nbformat.read(str(run / f"{stem}.ipynb"), as_version=4)
        assert not [o for c in executed.cells for o in c.get("outputs", []) if o["output_type"] == "error"]
        html = (run / f"{stem}.html").read_text()
        assert "import ladfin" not in html and "Parameters: " in html
        charts = sorted((run / stem).glob("*.png"))
        assert charts, f"{stem} published no chart"
        assert sorted(p.stem for p in charts) == entry["charts"]
        assert all(f'src="{stem}/{p.name}"' in index for p in charts)  # a thumbnail each
        for png in charts:
            base = png.with_suffix("")
            width, height = png_size(png.read_bytes())
            svg = ET.parse(f"{base}.svg").getroot()
            assert width == pytest.approx(2 * float(svg.get("width")), abs=2) and height > 100
            assert Path(f"{base}.pdf").read_bytes().startswith(b"%PDF")
            page = Path(f"{base}.html").read_text()
            assert "vegaEmbed(" in page and "<script src=" not in page  # opens offline
            assert json.loads(Path(f"{base}.vl.json").read_text())["$schema"].startswith("https://vega")
            pd.read_csv(f"{base}.csv")
    return manifest


@pytest.mark.slow
def test_report_end_to_end(tmp_path):
    # two notebooks keep this quick; test_notebooks.py runs the whole suite twice
    out = tmp_path / "reports"
    done = ladfin_report("--out", str(out), "--only", "40", "--only", "50-data-audit")
    assert done.returncode == 0, done.stderr
    run = Path(done.stdout.strip().splitlines()[-1])
    # behaviour changed on purpose: --only is a partial run, and latest moves only for a complete one
    assert not (out / "latest").exists()
    manifest = check_run(run)
    assert manifest["latest"] == {"moved": False, "path": str(out / "latest"),
                                  "reason": f"{out / 'latest'} not moved: --only ran part of the suite"}
    assert [n["notebook"] for n in manifest["notebooks"]] == ["40-country-profile.ipynb", "50-data-audit.ipynb"]


@pytest.mark.slow
def test_a_failing_notebook_leaves_latest_alone(tmp_path):
    books = tmp_path / "notebooks"
    books.mkdir()
    notebook(books / "10-fine.ipynb", "from ladfin import charts, params",
             parameters="start_year = 2022")
    notebook(books / "20-broken.ipynb", "from ladfin import params",
             "params.check_year_range(start_year, 2024, [2022, 2024])", parameters="start_year = 2019")
    out = tmp_path / "reports"
    previous = out / "2000-01-01T000000Z"
    previous.mkdir(parents=True)
    reports.switch_latest(out, previous)

    done = ladfin_report("--out", str(out), "--notebooks", str(books))

    assert done.returncode == 1
    assert "20-broken.ipynb failed in cell [3]: ParameterError: start_year 2019 is outside the data" in done.stderr
    assert os.readlink(out / "latest") == previous.name
    failed = next(p for p in out.iterdir() if p.is_dir() and not p.is_symlink() and p != previous)
    assert (failed / "20-broken.ipynb").is_file()  # kept for inspection
    manifest = json.loads((failed / "manifest.json").read_text())
    assert manifest["status"] == "failed"
    assert [n["status"] for n in manifest["notebooks"]] == ["ok", "failed"]


@pytest.mark.slow
def test_an_invalid_parameter_stops_with_a_clear_message(tmp_path):
    params = tmp_path / "bad.yml"
    params.write_text("country: XXX\n")
    done = ladfin_report("--out", str(tmp_path / "r"), "--only", "40", "--params", str(params))
    assert done.returncode == 1
    assert "40-country-profile.ipynb failed in cell" in done.stderr
    assert "ParameterError: country 'XXX' is not an ISO 3166 alpha-3 code" in done.stderr


def test_report_help():
    done = subprocess.run([str(LADFIN), "report", "--help"], capture_output=True, text=True, check=True)
    for option in ("--params", "--only", "--out", "--notebooks", "--wait", "--jobs", "--name"):
        assert option in done.stdout


def test_reports_dir_default():
    assert paths.reports_dir() == paths.root() / "reports"
