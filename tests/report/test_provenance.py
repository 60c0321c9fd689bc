"""What a run records about itself (ladfin/report/provenance.py): versions, the commit, hashes."""

from __future__ import annotations

from pathlib import Path

from ladfin import report as reports
from ladfin.report import provenance

ROOT = Path(__file__).resolve().parents[2]


def test_provenance_helpers():
    versions = reports.package_versions()
    assert versions["altair"] and versions["papermill"] and versions["python"]
    commit = reports.git_commit(ROOT)
    assert set(commit) == {"commit", "dirty"}


def test_the_manifest_names_the_commit_of_the_code_that_ran():
    # LADFIN_ROOT points the tests at a data tree outside git: the code's checkout is this one
    assert provenance.CHECKOUT == ROOT
    assert reports.git_commit(provenance.CHECKOUT)["commit"]


def test_sha256_and_the_manifest(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"abc")
    assert reports.sha256(tmp_path / "a.txt") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    path = reports.write_manifest(tmp_path, {"run": "x", "when": tmp_path})
    assert path.read_text() == f'{{\n  "run": "x",\n  "when": "{tmp_path}"\n}}\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "manifest.json"]  # no temporary left
