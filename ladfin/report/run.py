"""Runs the notebook suite with papermill into a timestamped report, and exports what it shows.

One run of `run_report` writes, under `reports/<UTC timestamp>/`:

    manifest.json                         parameters, git commit, input hashes, versions,
                                          each notebook's duration and outputs
    <notebook>[__param-value...].ipynb    the executed notebook
    <notebook>[__param-value...].html     the same without code cells
    <notebook>[__param-value...].log      what its kernel printed
    <notebook>[__param-value...]/         every chart it published: .png (scale 2), .svg,
                                          .pdf, .html (offline), .vl.json, and .csv

Notebooks export their charts with `ladfin.charts.publish`, which writes to
$LADFIN_EXPORT_DIR: this module sets that variable for each notebook's kernel.
When every notebook succeeds, `reports/latest` is switched to the new run in
one step (a symlink renamed over the old one); a failed run is kept for
inspection and `latest` keeps pointing at the last good one. A lock file
(reports/.lock) makes a second run wait for the first.
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
import platform
import subprocess
import sys
import time
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from ladfin import paths
from ladfin.errors import LadfinError, ParameterError, ReportError

KERNEL = "python3"
LOCK_NAME = ".lock"
LATEST = "latest"
DEFAULT_WAIT = 600.0        # seconds a second run waits for the lock
CELL_TIMEOUT = 600          # seconds one cell may run
PACKAGES = ("ladfin", "pandas", "numpy", "pyarrow", "altair", "vl-convert-python", "papermill",
            "nbclient", "nbconvert", "ipykernel", "jupytext", "pint", "CurrencyConverter", "cpi")

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


# ---------------------------------------------------------------- parameters

def read_params_file(path: Path | None) -> dict:
    """Return the parameter values of a YAML file: a flat mapping of names to literals ({} if None).

    Raises:
        ParameterError: the file is missing, is not YAML, is not a mapping, or a value is
            itself a mapping.
    """
    import yaml

    if path is None:
        return {}
    try:
        loaded = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ParameterError(f"params file {path}: cannot be read ({exc.strerror})") from exc
    except yaml.YAMLError as exc:
        raise ParameterError(f"params file {path}: not valid YAML ({exc})") from exc
    if loaded is None:
        return {}
    if not isinstance(loaded, dict):
        raise ParameterError(f"params file {path}: must be a mapping of name: value, "
                             f"got {type(loaded).__name__}")
    nested = [k for k, v in loaded.items() if isinstance(v, dict)]
    bad_names = [k for k in loaded if not (isinstance(k, str) and k.isidentifier())]
    if nested or bad_names:
        problems = [f"{k!r} is not a parameter name" for k in bad_names]
        problems += [f"{k}: a value must be a literal or a list, not a mapping" for k in nested]
        raise ParameterError(f"params file {path}: " + "; ".join(problems))
    return loaded


def declared_parameters(notebook: Path) -> dict:
    """Return the parameters a notebook declares: name -> default value (as a Python literal).

    A default that is not a plain literal is kept as its source text.
    """
    import papermill

    declared = papermill.inspect_notebook(str(notebook))
    out = {}
    for name, spec in declared.items():
        try:
            out[name] = ast.literal_eval(spec["default"])
        except (ValueError, SyntaxError):
            out[name] = spec["default"]
    return out


def split_parameters(values: Mapping, declared: Mapping[str, Mapping]) -> tuple[dict[str, dict], list[str]]:
    """Return (notebook -> the values it declares, names no notebook declares).

    >>> split_parameters({"country": "COL", "pillar": 1}, {"a": {"country": "ECU"}, "b": {}})
    ({'a': {'country': 'COL'}, 'b': {}}, ['pillar'])
    """
    per_notebook = {nb: {k: v for k, v in values.items() if k in names} for nb, names in declared.items()}
    known = set().union(*[set(names) for names in declared.values()]) if declared else set()
    return per_notebook, sorted(k for k in values if k not in known)


def output_stem(notebook: str, parameters: Mapping) -> str:
    """Return an executed notebook's file stem: the notebook's, then each passed parameter.

    >>> output_stem("40-country-profile.ipynb", {"country": "ECU", "statuses": ["new", "target"]})
    '40-country-profile__country-ECU__statuses-new+target'
    """
    stem = Path(notebook).stem
    for name in sorted(parameters):
        value = parameters[name]
        text = "+".join(map(str, value)) if isinstance(value, (list, tuple)) else str(value)
        text = "".join(c if c.isalnum() or c in ".+_" else "-" for c in text)[:40]
        stem += f"__{name}-{text}"
    return stem


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


# ---------------------------------------------------------------- provenance

def sha256(path: Path) -> str:
    """Return the SHA-256 hex digest of a file."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def git_commit(root: Path) -> dict:
    """Return {"commit": hash or None, "dirty": bool or None} for the checkout at `root`."""
    def git(*args: str) -> str | None:
        try:
            done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True,
                                  timeout=20, check=False)
        except (OSError, subprocess.TimeoutExpired):
            return None
        return done.stdout.strip() if done.returncode == 0 else None

    commit = git("rev-parse", "HEAD")
    status = git("status", "--porcelain", "--untracked-files=no") if commit else None
    return {"commit": commit, "dirty": None if status is None else bool(status)}


def package_versions(names: Iterable[str] = PACKAGES) -> dict[str, str | None]:
    """Return the installed version of each package (None when not installed), and Python's."""
    from importlib.metadata import PackageNotFoundError, version

    out: dict[str, str | None] = {"python": platform.python_version()}
    for name in names:
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = None
    return out


def input_hashes(notebooks: Iterable[Path], params_file: Path | None = None) -> dict[str, str]:
    """Return path -> SHA-256 of every input of a run: raw documents, built tables, notebooks, params."""
    root = paths.root()
    files = sorted(p for p in paths.raw_dir().glob("*") if p.is_file())
    files += sorted(p for p in paths.processed_dir().glob("*.parquet"))
    files += list(notebooks) + ([Path(params_file)] if params_file else [])
    out = {}
    for file in files:
        file = Path(file).resolve()
        try:
            key = str(file.relative_to(root))
        except ValueError:
            key = str(file)
        out[key] = sha256(file)
    return out


# ---------------------------------------------------------------- one notebook

def check_kernel(name: str = KERNEL) -> Path:
    """Return the directory of kernel `name` once it runs this environment's Python.

    Jupyter looks for kernels in the user's directory too; a "python3" kernel
    there, made for another Python, would run the notebooks without ladfin.

    Raises:
        LadfinError: the kernel is missing or starts another interpreter.
    """
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        spec = KernelSpecManager().get_kernel_spec(name)
    except NoSuchKernel:
        raise ReportError(f'no Jupyter kernel "{name}"; run `make install`, which installs it with '
                          f"`python -m ipykernel install --sys-prefix --name {name}`") from None
    program = spec.argv[0] if spec.argv else ""
    generic = {"python", "python3", f"python{sys.version_info[0]}.{sys.version_info[1]}"}
    if program not in generic and Path(program).resolve() != Path(sys.executable).resolve():
        raise ReportError(
            f'Jupyter kernel "{name}" ({spec.resource_dir}) starts {program}, not this environment\'s '
            f"{sys.executable}; remove that kernel, or run `make install` and set JUPYTER_PREFER_ENV_PATH=1"
        )
    return Path(spec.resource_dir)


def execute_notebook(notebook: Path, output: Path, parameters: Mapping, export_dir: Path) -> None:
    """Return nothing; run `notebook` with papermill (kernel "python3") into `output`.

    Charts the notebook publishes go to `export_dir` (through $LADFIN_EXPORT_DIR).
    The executed notebook is written even when a cell fails.

    Raises:
        LadfinError: naming the notebook, the failing cell and the error.
    """
    import papermill
    from papermill.exceptions import PapermillExecutionError

    previous = os.environ.get("LADFIN_EXPORT_DIR")
    os.environ["LADFIN_EXPORT_DIR"] = str(export_dir)
    try:
        papermill.execute_notebook(
            str(notebook), str(output), parameters=dict(parameters), kernel_name=KERNEL,
            progress_bar=False, log_output=False, cwd=str(notebook.parent),
            execution_timeout=CELL_TIMEOUT,
        )
    except PapermillExecutionError as exc:
        raise ReportError(
            f"notebook {notebook.name} failed in cell [{exc.exec_count}]: {exc.ename}: "
            f"{_first_line(exc.evalue)} (executed copy: {output})"
        ) from None
    except Exception as exc:  # the kernel died, timed out or would not start
        raise ReportError(f"notebook {notebook.name} did not run: {type(exc).__name__}: "
                          f"{_first_line(str(exc))} (executed copy, if any: {output})") from exc
    finally:
        if previous is None:
            os.environ.pop("LADFIN_EXPORT_DIR", None)
        else:
            os.environ["LADFIN_EXPORT_DIR"] = previous


def _first_line(text: str) -> str:
    lines = [line for line in str(text).splitlines() if line.strip()]
    return lines[0] if lines else ""


def notebook_html(executed: Path, target: Path, parameters: Mapping | None = None) -> Path:
    """Return `target`, written: the executed notebook as HTML without code, led by its parameters.

    Outputs are rendered by nbconvert, which escapes text outputs (the
    parameter list is one); charts are static SVG images (see
    `ladfin.charts.theme.render`); tables are pandas HTML, which escapes cell text.
    """
    import nbformat
    from nbconvert import HTMLExporter

    nb = nbformat.read(str(executed), as_version=4)
    if parameters:
        # A code cell's stream output: its input is hidden below, and nbconvert escapes stream text.
        shown = "Parameters: " + ", ".join(f"{k} = {v!r}" for k, v in sorted(parameters.items()))
        output = nbformat.v4.new_output("stream", name="stdout", text=shown)
        cell = nbformat.v4.new_code_cell("", outputs=[output])
        nb.cells.insert(0, cell)
    exporter = HTMLExporter(template_name="lab", exclude_input=True, exclude_input_prompt=True,
                            exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": Path(executed).stem}})
    target.write_text(body, encoding="utf-8")
    return target


# ---------------------------------------------------------------- the run

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


def write_manifest(run: Path, manifest: Mapping) -> Path:
    """Return the path of manifest.json, written into `run` (a temporary file renamed into place)."""
    path = run / "manifest.json"
    temporary = run / ".manifest.json.tmp"
    temporary.write_text(json.dumps(manifest, indent=2, default=str) + "\n", encoding="utf-8")
    os.replace(temporary, path)
    return path


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
        ParameterError: a bad params file or --only name.
        LadfinError: another run holds the lock past `wait`, or a notebook failed (the
            message names each failed notebook and cell; the run is kept, `latest` is not moved).
    """
    from filelock import FileLock, Timeout

    say = log or (lambda line: None)
    out = Path(out) if out is not None else paths.reports_dir()
    notebooks_dir = Path(notebooks_dir) if notebooks_dir is not None else paths.notebooks_dir()
    values = read_params_file(params_file)
    notebooks = find_notebooks(notebooks_dir, only)
    declared = {nb.name: declared_parameters(nb) for nb in notebooks}
    per_notebook, unknown = split_parameters(values, declared)
    if unknown:
        message = f"parameter(s) {', '.join(unknown)} declared by no notebook run; ignored"
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
        tables.build()
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
        "git": git_commit(paths.root()),
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


__all__ = [
    "CELL_TIMEOUT",
    "DEFAULT_WAIT",
    "KERNEL",
    "LATEST",
    "LOCK_NAME",
    "NotebookRun",
    "PACKAGES",
    "check_kernel",
    "declared_parameters",
    "default_jobs",
    "execute_notebook",
    "find_notebooks",
    "git_commit",
    "input_hashes",
    "notebook_html",
    "output_stem",
    "package_versions",
    "read_params_file",
    "run_directory",
    "run_report",
    "sha256",
    "split_parameters",
    "switch_latest",
    "write_manifest",
]
