"""Runs the notebook suite with papermill into a run folder, exports what it shows, and moves `latest`.

One run of `run_report` writes, under `reports/<UTC timestamp>/` (a named
parameter set: `reports/<name>/<UTC timestamp>/`):

    index.html          the run's page: parameters, notebooks, chart thumbnails, failures, what was skipped
    manifest.json       parameters, git commit, input hashes, versions, each notebook's duration,
                        outputs, charts and the charts it left out
    <notebook>.ipynb    the executed notebook
    <notebook>.html     the same without code cells
    <notebook>.log      what its kernel printed
    <notebook>/         every chart it published: .png (scale 2), .svg, .pdf, .html (offline),
                        .vl.json and .csv; the same names whatever the parameters

Parameters come from `ladfin.report.parameters`, each notebook runs in a worker
process (`ladfin.report.worker`, in the run's process group: see
`ladfin.report.processes`), and the manifest's records come from
`ladfin.report.provenance`. A set's `latest` (reports/latest, or
reports/<name>/latest) is switched to the new run in one step (a symlink
renamed over the old one) only when the run is complete: every notebook ran
(no --only) and succeeded. reports/latest is the default parameters' set
alone: a params file names its own set (its stem, or --name). A failed,
partial or interrupted run is kept for inspection and `latest` keeps pointing
at the last complete one. A lock (reports/.lock) makes a second run wait for
the first, until every process of the first has exited.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from ladfin import paths
from ladfin.errors import ParameterError, ReportError
from ladfin.report.execute import KERNEL, check_kernel
from ladfin.report.index import write_index
from ladfin.report.parameters import check_parameter_names, declared_parameters, read_params_file, split_parameters
from ladfin.report.processes import Interrupted, RunLock, WorkerGroup, deferred_signals, stop_on_signals
from ladfin.report.provenance import CHECKOUT, git_commit, input_hashes, package_versions, write_manifest

LOCK_NAME = ".lock"
LATEST = "latest"
DEFAULT_WAIT = 600.0        # seconds a second run waits for the lock
_SET_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_RUN_NAME = re.compile(r"^\d{4}-\d\d-\d\dT\d{6}Z")

Log = Callable[[str], None]


@dataclass
class NotebookRun:
    """What happened to one notebook of a run."""

    notebook: str                       # file name in the notebooks directory
    output: str                         # stem of its files in the run: the notebook's, whatever the parameters
    parameters: dict                    # passed by the run (from the params file)
    defaults: dict                      # as declared in the notebook's parameters cell
    status: str = "pending"             # running, ok, failed, interrupted
    seconds: float = 0.0
    error: str | None = None
    cell: int | None = None             # the execution count of the cell that failed
    outputs: list[str] = field(default_factory=list)
    charts: list[str] = field(default_factory=list)      # names of the charts exported
    skipped: list[dict] = field(default_factory=list)    # charts not exported: name, title, reason


def find_notebooks(directory: Path, only: Sequence[str] = ()) -> list[Path]:
    """Return the suite's notebooks (NN-name.ipynb) in reading order, or those `only` names.

    A name matches a notebook's stem, its number ("10") or its file name.

    Raises:
        ParameterError: the directory has no notebooks, or a name matches none.
    """
    found = sorted(p for p in Path(directory).glob("[0-9]*.ipynb") if p.is_file())
    if not found:
        raise ParameterError(f"no notebooks (NN-name.ipynb) in {directory}")
    if not only:
        return found
    picked, unknown = [], []
    for name in only:
        matches = [p for p in found if name in (p.stem, p.name, p.stem.split("-")[0])]
        if not matches:
            unknown.append(name)
        picked.extend(m for m in matches if m not in picked)
    if unknown:
        raise ParameterError(f"--only {', '.join(unknown)}: no such notebook; "
                             f"notebooks are {', '.join(p.stem for p in found)}")
    return sorted(picked)


def run_directory(out: Path, now: datetime | None = None) -> Path:
    """Return a new, empty directory under `out` named for the UTC time (suffixed if taken)."""
    stamp = (now or datetime.now(UTC)).strftime("%Y-%m-%dT%H%M%SZ")
    for n in range(1000):
        candidate = out / (stamp if n == 0 else f"{stamp}-{n}")
        try:
            candidate.mkdir(parents=True)
            return candidate
        except FileExistsError:
            continue
    raise ReportError(f"{out}: cannot find a free run directory name for {stamp}")


def switch_latest(out: Path, run: Path) -> Path:
    """Return `out`/latest, switched to `run` in one step (a relative symlink renamed over the old)."""
    link = out / LATEST
    temporary = out / f".{LATEST}-{os.getpid()}-{time.monotonic_ns()}"
    temporary.symlink_to(run.name, target_is_directory=True)
    os.replace(temporary, link)
    return link


def default_jobs() -> int:
    """Return how many notebooks to run at once: one per CPU, at most 4 (each kernel takes ~200 MB)."""
    return max(1, min(4, os.cpu_count() or 1))


def set_name(params_file: Path | None, name: str | None = None) -> str | None:
    """Return the name of a run's parameter set: `name`, else the params file's stem; None for the defaults.

    Raises:
        ParameterError: the name cannot name a folder of reports/ (it must be letters, digits, ".", "-" and
            "_", and neither "latest" nor a run's time stamp).

    >>> set_name(Path("colombia-2024.yml")), set_name(None), set_name(Path("a.yml"), "b")
    ('colombia-2024', None, 'b')
    """
    chosen = name if name is not None else (Path(params_file).stem if params_file is not None else None)
    if chosen is None:
        return None
    if not _SET_NAME.match(chosen) or chosen == LATEST or _RUN_NAME.match(chosen):
        where = "--name" if name is not None else f"the params file's name ({Path(params_file).name})"
        raise ParameterError(f"{where}: {chosen!r} cannot name a folder of runs; use letters, digits, '.', '-' "
                             f"and '_' (not {LATEST!r} or a time stamp), or pass --name")
    return chosen


def run_report(*, params_file: Path | None = None, only: Sequence[str] = (), out: Path | None = None,
               notebooks_dir: Path | None = None, wait: float = DEFAULT_WAIT, name: str | None = None,
               log: Log | None = None, progress: bool = False, jobs: int | None = None) -> Path:
    """Return the new run directory, after building stale tables and running the notebooks.

    Args:
        params_file: YAML mapping of parameter values; each goes to the notebooks declaring it.
            The run belongs to the set named for the file (`set_name`): `out`/<name>/.
        only: run just these notebooks (stem, number or file name); `latest` does not move.
        out: where runs go (default reports/).
        notebooks_dir: where the notebooks are (default notebooks/).
        wait: seconds to wait for another run's lock on `out`.
        name: the parameter set's name, instead of the params file's stem.
        log: called with one line per step (plain log lines); None for silence.
        progress: show a tqdm progress bar (for terminals) instead of per-notebook lines.
        jobs: notebooks run at once, each in its own process (default: `default_jobs()`).

    Raises:
        ParameterError: a bad params file (one naming a parameter no notebook declares, too),
            set name or --only name.
        ReportError: another run holds the lock past `wait`, a notebook failed (the message
            names each failed notebook and cell; the run is kept, `latest` is not moved), or
            the run was interrupted (`Interrupted`: its processes were stopped first).
    """
    say = log or (lambda line: None)
    out = Path(out) if out is not None else paths.reports_dir()
    notebooks_dir = Path(notebooks_dir) if notebooks_dir is not None else paths.notebooks_dir()
    values = read_params_file(params_file)
    chosen = set_name(params_file, name)
    notebooks = find_notebooks(notebooks_dir, only)
    # A name is checked against the whole suite, so one params file serves any --only;
    # a name only notebooks left out of this run declare is suspicious but allowed.
    suite = {nb.name: declared_parameters(nb) for nb in find_notebooks(notebooks_dir)}
    values = check_parameter_names(values, suite, params_file)
    declared = {nb.name: suite[nb.name] for nb in notebooks}
    per_notebook, unused = split_parameters(values, declared)
    if unused:
        message = f"parameter(s) {', '.join(unused)} declared by no notebook run; ignored"
        warnings.warn(message, stacklevel=2)
        say(f"warning: {message}")

    check_kernel()
    out.mkdir(parents=True, exist_ok=True)
    lock = RunLock(out / LOCK_NAME)
    if not lock.acquire(wait):
        raise ReportError(f"another `ladfin report` is writing to {out} (lock {out / LOCK_NAME}); "
                          f"gave up after {wait:g} s; run again when it has finished")
    try:
        plan = _Plan(out=out, folder=out / chosen if chosen else out, name=chosen, notebooks=notebooks,
                     declared=declared, per_notebook=per_notebook, values=values, params_file=params_file,
                     partial=bool(only), jobs=max(1, int(jobs if jobs is not None else default_jobs())))
        return _run_locked(plan, lock, say, progress)
    finally:
        lock.release()  # every process of the run has exited by now: _run_locked waits for them


@dataclass
class _Plan:
    """What one run is to do, settled before it takes the lock."""

    out: Path
    folder: Path                        # where the run's set keeps its runs and its `latest`
    name: str | None
    notebooks: list[Path]
    declared: dict
    per_notebook: dict
    values: dict
    params_file: Path | None
    partial: bool
    jobs: int


def _run_locked(plan: _Plan, lock: RunLock, say: Log, progress: bool) -> Path:
    from ladfin import tables

    started = datetime.now(UTC)
    clock = time.perf_counter()
    if tables.is_stale():
        say(f"tables changed: building {paths.processed_dir()}")
        tables.build_if_stale()  # takes the build lock, and skips a build another finished meanwhile
    else:
        say(f"tables up to date in {paths.processed_dir()}")
    build_seconds = time.perf_counter() - clock
    run = run_directory(plan.folder)
    say(f"run {run}")
    runs = [NotebookRun(nb.name, nb.stem, plan.per_notebook[nb.name], plan.declared[nb.name])
            for nb in plan.notebooks]
    manifest = {
        "run": run.name, "name": plan.name, "status": "running",
        "started": started.isoformat(timespec="seconds"), "finished": None, "seconds": None,
        "build_seconds": round(build_seconds, 2), "kernel": KERNEL, "jobs": plan.jobs,
        "parameters": plan.values, "params_file": str(plan.params_file) if plan.params_file else None,
        "only": [nb.stem for nb in plan.notebooks] if plan.partial else None,
        "git": git_commit(CHECKOUT), "inputs": input_hashes(plan.notebooks, plan.params_file),
        "packages": package_versions(), "latest": None, "notebooks": [asdict(r) for r in runs],
    }
    write_manifest(run, manifest)
    write_index(run, manifest)
    interrupted: Interrupted | None = None
    try:
        _run_notebooks(plan, run, runs, lock, say, progress, manifest)
    except Interrupted as exc:
        interrupted = exc
    failed = [r for r in runs if r.status != "ok"]
    manifest.update(status="failed" if failed or interrupted else "ok",
                    finished=datetime.now(UTC).isoformat(timespec="seconds"),
                    seconds=round(time.perf_counter() - clock, 2), notebooks=[asdict(r) for r in runs])
    if interrupted:
        manifest["error"] = f"{interrupted}: the run's notebooks were stopped"
    latest = plan.folder / LATEST
    complete = not (failed or interrupted or plan.partial)
    manifest["latest"] = {"moved": complete, "path": str(latest), "reason": (
        f"{latest} points here" if complete
        else f"{latest} not moved: " + ("the run was interrupted" if interrupted
                                        else f"{len(failed)} notebook(s) did not succeed" if failed
                                        else "--only ran part of the suite"))}
    write_manifest(run, manifest)
    write_index(run, manifest)
    if interrupted:
        raise interrupted
    if failed:
        raise ReportError(f"{len(failed)} of {len(runs)} notebook(s) failed; {latest} not moved; "
                          + "; ".join(r.error or r.notebook for r in failed))
    if complete:
        switch_latest(plan.folder, run)
    say(f"done in {manifest['seconds']:.1f} s: {manifest['latest']['reason']}; {run / 'index.html'}")
    return run


def _run_notebooks(plan: _Plan, run: Path, runs: list[NotebookRun], lock: RunLock, say: Log, progress: bool,
                   manifest: dict) -> None:
    """Return nothing once every notebook has run, `jobs` at a time, each in a worker of the run's group.

    Raises:
        Interrupted: a signal stopped the run; every worker and kernel has exited by then.
    """
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=len(runs), unit="notebook", desc="report", file=sys.stderr)
    done = 0

    def finished(entry: NotebookRun) -> None:
        nonlocal done
        done += 1
        line = (f"[{done}/{len(runs)}] {Path(entry.notebook).stem}: {entry.status} in {entry.seconds:.1f} s, "
                f"{len(entry.outputs)} files" + (f"\n  {entry.error}" if entry.error else ""))
        if bar is not None:
            bar.update(1)
            if entry.error:
                bar.write(line)
        else:
            say(line)

    results = Path(tempfile.mkdtemp(prefix="ladfin-report-"))
    group = WorkerGroup(run, lock.fd)
    pending = list(zip(plan.notebooks, runs))
    running: dict = {}
    try:
        with stop_on_signals():
            group.start_guard()
            while pending or running:
                while pending and len(running) < plan.jobs:
                    notebook, entry = pending.pop(0)
                    entry.status = "running"
                    job = {"notebook": str(notebook), "run": str(run), "entry": asdict(entry),
                           "result": str(results / f"{entry.output}.json"),
                           "env": {"LADFIN_EXPORT_DIR": str(run / entry.output)}}
                    running[group.start(job, run / f"{entry.output}.log")] = entry
                ended = [w for w in running if w.poll() is not None]
                for worker in ended:
                    entry = running.pop(worker)
                    _read_result(entry, results / f"{entry.output}.json", worker.returncode)
                    finished(entry)
                if not ended:
                    time.sleep(0.1)
    except BaseException:
        with deferred_signals():  # a second Ctrl-C must not cut the clean-up short
            group.stop()
            for entry in [*running.values(), *(e for _, e in pending)]:
                entry.status, entry.error = "interrupted", "stopped before it finished"
        raise
    finally:
        group.close()
        shutil.rmtree(results, ignore_errors=True)
        if bar is not None:
            bar.close()


def _read_result(entry: NotebookRun, path: Path, returncode: int) -> None:
    """Fill `entry` from its worker's result file; a worker that died without one failed."""
    try:
        result = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        entry.status = "failed"
        entry.error = (f"notebook {entry.notebook}: its worker exited with status {returncode} before finishing; "
                       f"see {entry.output}.log")
        return
    for key, value in result.items():
        setattr(entry, key, value)


