"""The `ladfin` command, run as a user would: a subprocess."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pandas as pd
import pytest

HTML = """<!doctype html>
<html><body>
<h2>Expanding Lawful Pathways</h2>
<p>Brazil announced &euro;12 million &amp; more than 3,400 work permits.</p>
<!-- 999 hidden in a comment -->
<ul><li>Chile will resettle up to 1,000 refugees by 2026. (new)</li></ul>
</body></html>
"""


def ladfin(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ladfin", *args], capture_output=True, text=True)


@pytest.mark.parametrize("command", [[], ["extract"], ["build"], ["report"]])
def test_every_subcommand_has_help(command):
    result = ladfin(*command, "--help")
    assert result.returncode == 0 and "Usage:" in result.stdout


def test_extract_reads_an_html_file_outside_the_catalog(tmp_path):
    page = tmp_path / "brazil.html"
    page.write_text(HTML, encoding="utf-8")
    result = ladfin("extract", str(page))
    assert result.returncode == 0, result.stderr
    table = pd.read_csv(io.StringIO(result.stdout))
    assert table["doc"].unique().tolist() == ["brazil.html"]
    assert table[["kind", "value", "unit", "qualifier"]].values.tolist() == [
        ["money", 12_000_000, "EUR", "exact"],
        ["count", 3400, "permit", "over"],
        ["people", 1000, "person", "under"],
    ]
    refugees = table.iloc[2]
    assert (refugees["pillar"], refugees["status"], refugees["actor"]) == (2, "new", "CHL")
    for row in table.itertuples():
        assert HTML[row.start:row.end] == row.quote  # offsets point into the raw file


def test_extract_writes_jsonl_and_parquet(tmp_path):
    text = tmp_path / "note.txt"
    text.write_text("Peru hosts 1.5 million Venezuelans.\n")
    out = tmp_path / "figures.jsonl"
    assert ladfin("extract", str(text), "--format", "jsonl", "-o", str(out)).returncode == 0
    record = json.loads(out.read_text().splitlines()[0])
    assert (record["value"], record["unit"], record["actor"]) == (1_500_000, "person", "PER")
    parquet = tmp_path / "figures.parquet"
    assert ladfin("extract", str(text), "--format", "parquet", "-o", str(parquet)).returncode == 0
    assert pd.read_parquet(parquet)["quote"].tolist() == ["1.5 million Venezuelans"]


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "file is empty"), (b"\x89PNG\r\n\x1a\n\x00\x00", "looks binary"),
     (b"caf\xe9 5 refugees", "not UTF-8")],
)
def test_bad_files_fail_with_one_line_naming_the_file(tmp_path, content, message):
    bad = tmp_path / "bad-input.txt"
    bad.write_bytes(content)
    result = ladfin("extract", str(bad))
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0, result.stderr
    assert "bad-input.txt" in result.stderr and message in result.stderr
    assert "Traceback" not in result.stderr


def test_parquet_to_stdout_is_refused_clearly(tmp_path):
    text = tmp_path / "note.txt"
    text.write_text("Peru hosts 5 refugees.\n")
    result = ladfin("extract", str(text), "--format", "parquet")
    assert result.returncode == 1 and "needs -o" in result.stderr
