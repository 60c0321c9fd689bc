"""The benchmark scripts run and report what bench/README.md quotes (no timing is asserted)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "extract_throughput.py"), *args],
        capture_output=True, text=True, check=True, cwd=ROOT,
    )
    return done.stdout


def test_the_throughput_benchmark_reports_speed_memory_and_counts():
    out = _run("--megabytes", "0.1")
    assert re.search(r"^throughput +\d+\.\d+ MB/s", out, re.M)
    assert re.search(r"^peak RSS +\d+ MB after .*, \d+ MB at the end", out, re.M)
    figures, skipped = map(lambda s: int(s.replace(",", "")), re.search(
        r"found +([\d,]+) figures, ([\d,]+) skipped", out).groups())
    assert figures > 0 and skipped > 0


def test_the_stage_breakdown_names_each_stage():
    out = _run("--stages", "--megabytes", "0.1")
    value = {name: float(v) for name, v in re.findall(r"^(layout|mentions|rows|whole) +(-?[\d.]+)", out, re.M)}
    assert set(value) == {"layout", "mentions", "rows", "whole"}
    assert min(value["layout"], value["mentions"]) > 0 and value["whole"] > value["layout"]


def test_the_worst_case_benchmark_reports_time_and_memory_per_case_and_size():
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "worst_cases.py"), "--sizes", "0.01", "0.02"],
        capture_output=True, text=True, check=True, cwd=ROOT,
    )
    row = r"^(long_line|nested_divs|scripts) +(\d+\.\d+) +(\d+\.\d+) +(\d+\.\d+) +([\d,]+)"
    rows = re.findall(row, done.stdout, re.M)
    assert [(case, size) for case, size, *_ in rows] == [
        (case, size) for case in ("long_line", "nested_divs", "scripts") for size in ("0.01", "0.02")]
    assert all(int(figures.replace(",", "")) > 0 for *_, figures in rows)
