"""Time `ladfin report`: the whole suite's wall time and each notebook's, from the run's manifest.

    .venv/bin/python bench/report_timing.py                 # defaults, jobs = one per CPU (max 4)
    .venv/bin/python bench/report_timing.py --jobs 1 --repeat 3

Each repeat runs the `ladfin` command in a fresh process into a temporary
directory (the project's reports/ is left alone), after a warm-up run that
also builds stale tables, and prints a Markdown table. Target: under 60 s for
the suite on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_SECONDS = 60.0


def run_once(out: Path, jobs: int | None) -> tuple[float, dict]:
    """Run `ladfin report` into `out`; return (wall seconds, manifest)."""
    command = [str(Path(sys.executable).parent / "ladfin"), "report", "--out", str(out)]
    if jobs:
        command += ["--jobs", str(jobs)]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"ladfin report failed:\n{done.stderr}")
    run = Path(done.stdout.strip().splitlines()[-1])
    return seconds, json.loads((run / "manifest.json").read_text())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=None, help="notebooks at once (default: ladfin's)")
    parser.add_argument("--repeat", type=int, default=1, help="timed runs after the warm-up")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        run_once(Path(tmp) / "warm-up", args.jobs)
        walls, per_notebook, jobs = [], {}, None
        for i in range(args.repeat):
            seconds, manifest = run_once(Path(tmp) / f"run-{i}", args.jobs)
            walls.append(seconds)
            jobs = manifest.get("jobs")
            for entry in manifest["notebooks"]:
                per_notebook.setdefault(entry["notebook"], []).append(entry["seconds"])

    wall = statistics.median(walls)
    print(f"`ladfin report`, {jobs} job(s), {os.cpu_count()} CPU(s), median of {len(walls)} run(s)\n")
    print("| notebook | seconds |\n|---|---|")
    for name, seconds in per_notebook.items():
        print(f"| {name} | {statistics.median(seconds):.1f} |")
    verdict = "within" if wall < TARGET_SECONDS else "OVER"
    print(f"| **suite, wall time** | **{wall:.1f}** ({verdict} the {TARGET_SECONDS:.0f} s target) |")


if __name__ == "__main__":
    main()
