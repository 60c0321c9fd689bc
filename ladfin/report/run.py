"""Runs the notebook suite with papermill into a timestamped report, and exports what it shows.

One run of `run_report` writes, under `reports/<UTC timestamp>/`:

    manifest.json                         parameters, git commit, input hashes, versions,
                                          each notebook's duration and outputs
    <notebook>[__param-value...].ipynb    the executed notebook
    <notebook>[__param-value...].html     the same without code cells
    <notebook>[__param-value...].log      what its kernel printed
    <notebook>[__param-value...]/         every chart it published: .png (scale 2), .svg,
                                          .pdf, .html (offline), .vl.json, and .csv

Parameters come from `ladfin.report.parameters`, each notebook runs through
`ladfin.report.execute` and the manifest's records from
`ladfin.report.provenance`. When every notebook succeeds, `reports/latest` is switched to the new run in
one step (a symlink renamed over the old one); a failed run is kept for
inspection and `latest` keeps pointing at the last good one. A lock file
(reports/.lock) makes a second run wait for the first.
"""

from __future__ import annotations

import os
import sys
import time
import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from ladfin import paths
from ladfin.errors import LadfinError, ParameterError, ReportError
from ladfin.report.execute import KERNEL, check_kernel, execute_notebook, notebook_html
from ladfin.report.parameters import (check_parameter_names, declared_parameters, output_stem,
                                      read_params_file, split_parameters)
from ladfin.report.provenance import CHECKOUT, git_commit, input_hashes, package_versions, write_manifest

LOCK_NAME = ".lock"
LATEST = "latest"
DEFAULT_WAIT = 600.0        # seconds a second run waits for the lock

Log = Callable[[str], None]


@dataclass
class NotebookRun:
    """What happened to one notebook of a run."""

    notebook: str                       # file name in the notebooks directory
    output: str                         # stem of the executed copy, with its parameters
    parameters: dict                    # passed by the run (from the params file)
    defaults: dict                      # as declared in the notebook's parameters cell
    status: str = "pending"             # ok, failed
    seconds: float = 0.0
    error: str | None = None
    outputs: list[str] = field(default_factory=list)


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


def run_report(*, params_file: Path | None = None, only: Sequence[str] = (), out: Path | None = None,
               notebooks_dir: Path | None = None, wait: float = DEFAULT_WAIT,
               log: Log | None = None, progress: bool = False, jobs: int | None = None) -> Path:
    """Return the new run directory of `out`, after building stale tables and running the notebooks.

    Args:
        params_file: YAML mapping of parameter values; each goes to the notebooks declaring it.
        only: run just these notebooks (stem, number or file name).
        out: where runs go (default reports/).
        notebooks_dir: where the notebooks are (default notebooks/).
        wait: seconds to wait for another run's lock on `out`.
        log: called with one line per step (plain log lines); None for silence.
        progress: show a tqdm progress bar (for terminals) instead of per-notebook lines.
        jobs: notebooks run at once, each in its own process (default: `default_jobs()`).

    Raises:
        ParameterError: a bad params file (one naming a parameter no notebook declares, too)
            or --only name.
        ReportError: another run holds the lock past `wait`, or a notebook failed (the
            message names each failed notebook and cell; the run is kept, `latest` is not moved).
    """
    from filelock import FileLock, Timeout

    say = log or (lambda line: None)
    out = Path(out) if out is not None else paths.reports_dir()
    notebooks_dir = Path(notebooks_dir) if notebooks_dir is not None else paths.notebooks_dir()
    values = read_params_file(params_file)
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
    lock = FileLock(str(out / LOCK_NAME), timeout=wait)
    try:
        lock.acquire()
    except Timeout:
        raise ReportError(f"another `ladfin report` is writing to {out} (lock {out / LOCK_NAME}); "
                          f"gave up after {wait:g} s; run again when it has finished") from None
    try:
        return _run_locked(out, notebooks, declared, per_notebook, values, params_file, say, progress,
                           max(1, int(jobs if jobs is not None else default_jobs())))
    finally:
        lock.release()


def _run_locked(out: Path, notebooks: list[Path], declared: dict, per_notebook: dict, values: dict,
                params_file: Path | None, say: Log, progress: bool, jobs: int) -> Path:
    from ladfin import tables

    started = datetime.now(UTC)
    clock = time.perf_counter()
    if tables.is_stale():
        say(f"tables changed: building {paths.processed_dir()}")
        tables.build_if_stale()  # takes the build lock, and skips a build another finished meanwhile
    else:
        say(f"tables up to date in {paths.processed_dir()}")
    build_seconds = time.perf_counter() - clock
    run = run_directory(out)
    say(f"run {run}")
    runs = [NotebookRun(nb.name, output_stem(nb.name, per_notebook[nb.name]), per_notebook[nb.name],
                        declared[nb.name]) for nb in notebooks]
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

    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    # Each notebook runs in a worker process: the export directory reaches its
    # kernel through the environment, papermill changes directory, and the
    # kernel's own messages go to the notebook's log file, not the terminal.
    workers = min(jobs, len(runs))
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        futures = {pool.submit(_run_one, notebook, entry, run): i
                   for i, (notebook, entry) in enumerate(zip(notebooks, runs))}
        for future in as_completed(futures):
            runs[futures[future]] = future.result()
            finished(runs[futures[future]])
    if bar is not None:
        bar.close()
    failed = [r for r in runs if r.status != "ok"]
    manifest = {
        "run": run.name,
        "status": "failed" if failed else "ok",
        "started": started.isoformat(timespec="seconds"),
        "finished": datetime.now(UTC).isoformat(timespec="seconds"),
        "seconds": round(time.perf_counter() - clock, 2),
        "build_seconds": round(build_seconds, 2),
        "kernel": KERNEL,
        "jobs": jobs,
        "parameters": values,
        "params_file": str(params_file) if params_file else None,
        "git": git_commit(CHECKOUT),
        "inputs": input_hashes(notebooks, params_file),
        "packages": package_versions(),
        "notebooks": [asdict(r) for r in runs],
    }
    write_manifest(run, manifest)
    if failed:
        raise ReportError(f"{len(failed)} of {len(runs)} notebook(s) failed; {out / LATEST} not moved; "
                          + "; ".join(r.error or r.notebook for r in failed))
    switch_latest(out, run)
    say(f"done in {manifest['seconds']:.1f} s: {out / LATEST} -> {run.name}")
    return run


def _run_one(notebook: Path, entry: NotebookRun, run: Path) -> NotebookRun:
    """Return `entry` completed: `notebook` executed into `run`, exported as HTML, timed.

    What the kernel and papermill print goes to `run`/<output>.log.
    """
    executed = run / f"{entry.output}.ipynb"
    exports = run / entry.output
    log = run / f"{entry.output}.log"
    clock = time.perf_counter()
    with _output_to(log):
        try:
            execute_notebook(notebook, executed, entry.parameters, exports)
            notebook_html(executed, run / f"{entry.output}.html", {**entry.defaults, **entry.parameters})
            entry.status = "ok"
        except LadfinError as exc:
            entry.status, entry.error = "failed", str(exc)
    entry.seconds = round(time.perf_counter() - clock, 2)
    produced = [executed, run / f"{entry.output}.html", log]
    produced += sorted(exports.glob("*")) if exports.is_dir() else []
    entry.outputs = [str(p.relative_to(run)) for p in produced if p.exists()]
    return entry


@contextmanager
def _output_to(path: Path) -> Iterator[None]:
    """Send this process's standard output and error (file descriptors 1 and 2) to `path` meanwhile."""
    sys.stdout.flush()
    sys.stderr.flush()
    saved = [os.dup(1), os.dup(2)]
    with path.open("ab") as handle:
        os.dup2(handle.fileno(), 1)
        os.dup2(handle.fileno(), 2)
        try:
            yield
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            for fd in saved:
                os.close(fd)
