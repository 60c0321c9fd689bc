"""A report run's processes (ladfin/report/processes.py, guard.py, worker.py): killing `ladfin report`
stops every worker and kernel, the lock is free only once they have exited, and the run is marked
failed; with SIGTERM the command does it itself, with SIGKILL its guard does."""

from __future__ import annotations

import fcntl
import json
import os
import signal
import subprocess
import time
from pathlib import Path

import psutil
import pytest
from test_run import LADFIN, notebook

from ladfin.report.processes import RUN_ENV

SLEEPS = "import time\ntime.sleep(300)"


def processes_of(out: Path) -> list[psutil.Process]:
    """Return the running processes of the runs under `out`: each carries its run in its environment."""
    found = []
    for process in psutil.process_iter():
        try:
            if process.environ().get(RUN_ENV, "").startswith(str(out)) and process.status() != psutil.STATUS_ZOMBIE:
                found.append(process)
        except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
            continue
    return found


def lock_is_free(path: Path) -> bool:
    fd = os.open(path, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        fcntl.flock(fd, fcntl.LOCK_UN)
        return True
    except BlockingIOError:
        return False
    finally:
        os.close(fd)


@pytest.fixture
def started(tmp_path):
    """Start `ladfin report` on two notebooks that sleep; yield (process, out) once both kernels run."""
    books = tmp_path / "notebooks"
    books.mkdir()
    for name in ("10-a", "20-b"):
        notebook(books / f"{name}.ipynb", SLEEPS)
    out = tmp_path / "reports"
    command = subprocess.Popen([str(LADFIN), "report", "--out", str(out), "--notebooks", str(books), "--jobs", "2"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        kernels = [p for p in processes_of(out) if "ipykernel" in " ".join(p.cmdline())]
        if len(kernels) == 2:
            break
        if command.poll() is not None:
            pytest.fail(f"ladfin report ended early: {command.stderr.read()}")
        time.sleep(0.2)
    else:
        command.kill()
        pytest.fail("the kernels did not start")
    yield command, out
    if command.poll() is None:
        command.kill()
    for process in processes_of(out):  # never leave one behind, whatever the test found
        process.kill()


def wait_until_gone(out: Path, seconds: float = 30) -> list:
    """Return the processes of `out` still running after `seconds`; the lock is never free while one runs."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        alive = processes_of(out)
        free = lock_is_free(out / ".lock")
        assert not (free and alive), f"the lock is free while {alive} run"
        if not alive and free:
            return []
        time.sleep(0.1)
    return processes_of(out)


def the_run(out: Path) -> dict:
    (run,) = [p for p in out.iterdir() if p.is_dir() and not p.is_symlink()]
    return json.loads((run / "manifest.json").read_text()) | {"index": (run / "index.html").read_text()}


@pytest.mark.slow
def test_sigterm_stops_every_worker_and_kernel_then_marks_the_run_failed(started):
    command, out = started
    assert len(processes_of(out)) == 5  # the guard, two workers, two kernels
    command.send_signal(signal.SIGTERM)
    assert wait_until_gone(out) == []
    assert command.wait(30) == 128 + signal.SIGTERM
    assert "ladfin: error: interrupted by SIGTERM" in command.stderr.read()
    manifest = the_run(out)
    assert manifest["status"] == "failed" and "SIGTERM" in manifest["error"]
    assert [n["status"] for n in manifest["notebooks"]] == ["interrupted", "interrupted"]
    assert 'class="status failed"' in manifest["index"]
    assert not (out / "latest").exists()


@pytest.mark.slow
def test_when_ladfin_report_is_killed_its_guard_stops_the_rest_and_marks_the_run_failed(started):
    command, out = started
    command.kill()  # SIGKILL: no handler runs in `ladfin report`
    assert command.wait(30) == -signal.SIGKILL
    assert wait_until_gone(out) == []
    deadline = time.monotonic() + 30
    while the_run(out)["status"] == "running" and time.monotonic() < deadline:
        time.sleep(0.2)
    manifest = the_run(out)
    assert manifest["status"] == "failed" and "ended before the run finished" in manifest["error"]
    assert [n["status"] for n in manifest["notebooks"]] == ["interrupted", "interrupted"]
