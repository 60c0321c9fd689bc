"""A user's new document, added as the README says, changes nothing but its own rows.

The README's recipe: drop the file into data/raw, add its catalog row (with its
sha256), run `ladfin build`. Done on a copy of the founding tree, in
subprocesses as a user would, then the report suite runs on the result.
"""

from __future__ import annotations

import csv
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from fixture_docs import entry
from ladfin.extract.documents import CATALOG_COLUMNS

LADFIN = Path(sys.executable).parent / "ladfin"
NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"

# Written for this test: a 2023 meeting no founding document reports, one money
# figure and one headcount whose values appear nowhere in the founding corpus.
NEW_TEXT = (
    "Fact sheet: a meeting in Testville\n\n"
    "On June 23, 2023, Canada announced $12.5 million in new assistance "
    "for host communities. More than 4,321 refugees were resettled.\n"
)


def _ladfin(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(LADFIN), *args], capture_output=True, text=True, timeout=600, check=False,
                          env={**os.environ, "LADFIN_ROOT": str(root)})


def _add_document(root: Path, name: str, text: str) -> None:
    raw = root / "data" / "raw"
    (raw / name).write_text(text, encoding="utf-8")
    row = entry(name, event_id="meeting-2023-06-testville", event_date="2023-06-23",
                sha256=hashlib.sha256(text.encode()).hexdigest())
    with (raw / "catalog.csv").open("a", newline="", encoding="utf-8") as fh:
        csv.DictWriter(fh, fieldnames=CATALOG_COLUMNS).writerow(row)


@pytest.mark.slow
def test_adding_a_document_changes_only_its_own_rows(tmp_path, founding_root):
    root = tmp_path / "project"
    shutil.copytree(founding_root / "data" / "raw", root / "data" / "raw")
    first = _ladfin(root, "build")
    assert first.returncode == 0, first.stderr
    before = {name: pd.read_csv(root / "data" / "processed" / f"{name}.csv") for name in ("figures", "events")}

    _add_document(root, "testville-2023.txt", NEW_TEXT)
    second = _ladfin(root, "build")
    assert second.returncode == 0, second.stderr
    figures = pd.read_csv(root / "data" / "processed" / "figures.csv")
    events = pd.read_csv(root / "data" / "processed" / "events.csv")

    old = figures[figures["doc"] != "testville-2023.txt"].reset_index(drop=True)
    pd.testing.assert_frame_equal(old, before["figures"])
    new = figures[figures["doc"] == "testville-2023.txt"]
    assert sorted(zip(new["kind"], new["value"], new["unit"])) == [
        ("money", 12_500_000.0, "CAD"),  # a bare $ in a Canadian announcement: Canada's dollar, assumed
        ("people", 4_321.0, "person"),
    ]
    assert len(events) == len(before["events"]) + 1
    assert "meeting-2023-06-testville" in set(events["event_id"])

    report = _ladfin(root, "report", "--notebooks", str(NOTEBOOKS), "--out", str(root / "reports"))
    assert report.returncode == 0, report.stderr
    assert (root / "reports" / "latest" / "manifest.json").is_file()
