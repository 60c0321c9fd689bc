"""One notebook of a report run, in a process of its own: `python -m ladfin.report.worker` < job.json.

The job (JSON on standard input) names the notebook, the run directory, the
output stem, the parameters and where to write the result. The worker runs
the notebook with papermill, writes its code-free HTML copy, and writes the
result (a `NotebookRun` as JSON). Its standard output and error are the
notebook's log file. On SIGTERM, or when `ladfin report` dies, it stops its
kernel before it exits.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from dataclasses import asdict
from pathlib import Path

from ladfin.errors import LadfinError
from ladfin.report.processes import LOCK_FD_ENV, PARENT_ENV, die_with_parent, stop_processes


def _stop(signum, frame) -> None:
    """Stop this worker's kernel (and anything else it started), then exit as killed by `signum`."""
    import psutil

    stop_processes(psutil.Process().children(recursive=True), timeout=3)
    os._exit(128 + signum)


def run_job(job: dict) -> dict:
    """Return the finished `NotebookRun` of `job`, as a dict: the notebook executed, exported, timed."""
    from ladfin.charts.export import SKIPPED
    from ladfin.report.execute import execute_notebook, notebook_html
    from ladfin.report.run import NotebookRun

    entry = NotebookRun(**job["entry"])
    run = Path(job["run"])
    notebook = Path(job["notebook"])
    executed = run / f"{entry.output}.ipynb"
    exports = run / entry.output
    page = run / f"{entry.output}.html"
    keep = (int(os.environ[LOCK_FD_ENV]),) if LOCK_FD_ENV in os.environ else ()
    clock = time.perf_counter()
    try:
        execute_notebook(notebook, executed, entry.parameters, exports, keep_fds=keep)
        notebook_html(executed, page, {**entry.defaults, **entry.parameters})
        entry.status = "ok"
    except LadfinError as exc:
        entry.status, entry.error = "failed", str(exc)
        entry.cell = getattr(exc, "cell", None)
    entry.seconds = round(time.perf_counter() - clock, 2)
    skipped = exports / SKIPPED
    if skipped.is_file():
        entry.skipped = json.loads(skipped.read_text(encoding="utf-8"))
    produced = [executed, page, run / f"{entry.output}.log"]
    produced += sorted(p for p in exports.glob("*") if p.name != SKIPPED) if exports.is_dir() else []
    entry.outputs = [str(p.relative_to(run)) for p in produced if p.exists()]
    entry.charts = sorted(p.name[:-len(".png")] for p in exports.glob("*.png")) if exports.is_dir() else []
    return asdict(entry)


def main() -> None:
    """Run the job on standard input and write its result where the job says."""
    signal.signal(signal.SIGTERM, _stop)
    parent = os.environ.get(PARENT_ENV)
    die_with_parent(signal.SIGTERM, int(parent) if parent else None)
    job = json.load(sys.stdin)
    result = run_job(job)
    target = Path(job["result"])
    temporary = target.with_suffix(".tmp")
    temporary.write_text(json.dumps(result), encoding="utf-8")
    os.replace(temporary, target)


if __name__ == "__main__":
    main()
