"""The run's page, index.html (ladfin/report/index.py): parameters, notebooks and their charts,
failures with notebook and cell, what was not drawn; document text stays text."""

from __future__ import annotations

import json

from ladfin import report as reports

SCRIPT = "<script>alert(1)</script>"


def manifest() -> dict:
    return {
        "run": "2026-01-02T030405Z", "name": "colombia", "status": "failed", "started": "2026-01-02T03:04:05",
        "finished": "2026-01-02T03:05:00", "seconds": 55.0, "params_file": "colombia.yml",
        "parameters": {"country": "COL", "statuses": ["new"]}, "git": {"commit": "abc", "dirty": False},
        "latest": {"moved": False, "reason": "reports/colombia/latest not moved: 1 notebook(s) did not succeed"},
        "notebooks": [
            {"notebook": "10-a.ipynb", "output": "10-a", "status": "ok", "seconds": 3.2, "parameters": {},
             "charts": ["per-event"], "skipped": [{"name": "flags", "title": f"Flags {SCRIPT}",
                                                    "reason": "no row matches the parameters"}]},
            {"notebook": "20-b.ipynb", "output": "20-b", "status": "failed", "seconds": 1.0, "cell": 3,
             "error": f"notebook 20-b.ipynb failed in cell [3]: ParameterError: country {SCRIPT}"},
        ],
    }


def test_the_index_shows_parameters_charts_failures_and_what_was_skipped(tmp_path):
    (tmp_path / "10-a").mkdir()
    for ext in ("png", "svg", "pdf", "html", "csv"):
        (tmp_path / "10-a" / f"per-event.{ext}").write_text("x")
    (tmp_path / "10-a" / "per-event.vl.json").write_text(json.dumps(
        {"vconcat": [{"title": {"text": "Assistance at each meeting"}}], "title": {"text": ["note"],
                                                                            "orient": "bottom"}}))
    (tmp_path / "10-a.html").write_text("x")
    (tmp_path / "20-b.log").write_text("x")
    page = reports.write_index(tmp_path, manifest()).read_text()
    assert "<title>ladfin report 2026-01-02T030405Z (failed)</title>" in page
    assert "<code>country</code></th><td>&quot;COL&quot;" in page
    assert '<img src="10-a/per-event.png" alt="Assistance at each meeting"' in page
    for ext in ("png", "svg", "pdf", "html", "vl.json", "csv"):
        assert f'href="10-a/per-event.{ext}"' in page
    assert 'href="10-a.html"' in page and 'href="20-b.log"' in page and 'href="manifest.json"' in page
    assert "20-b.ipynb</a>: cell [3]" in page  # the failure, with its notebook and cell
    assert "Not drawn" in page and "no row matches the parameters" in page
    assert "reports/colombia/latest not moved" in page
    assert SCRIPT not in page and "&lt;script&gt;" in page
