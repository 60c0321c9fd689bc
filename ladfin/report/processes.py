"""The processes of a report run: its lock, one process group for its workers, and stopping them all.

A run holds an exclusive lock (flock) on reports/.lock. Its notebooks run in
worker processes (`python -m ladfin.report.worker`), each starting a Jupyter
kernel. The workers join one process group the run owns, led by a small guard
process (`python -m ladfin.report.guard`), so one signal reaches them all;
jupyter_client starts each kernel in a session of its own, so a kernel is
tied to its worker instead: the worker stops its kernel before it exits, and
the kernel exits by itself when its worker is gone (ipykernel's parent
poller). Every one of these processes inherits the lock's file descriptor:
the lock is free again only once the last of them has exited, even when the
`ladfin report` process itself is killed without warning.

When `ladfin report` dies (SIGKILL, its terminal closed) Linux signals its
workers and its guard (PR_SET_PDEATHSIG); the guard stops what is left of
the group and marks the run failed. On SIGTERM, SIGINT or SIGHUP the run
stops its group itself (`WorkerGroup.stop`), then marks itself failed.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from ladfin.errors import ReportError

LOCK_FD_ENV = "LADFIN_REPORT_LOCK_FD"   # the inherited lock descriptor, for a worker to pass to its kernel
PARENT_ENV = "LADFIN_REPORT_PARENT"     # the pid a worker or guard was started by
RUN_ENV = "LADFIN_REPORT_RUN"           # the run directory, in the environment of every process of a run
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)
_PR_SET_PDEATHSIG = 1


class Interrupted(ReportError):
    """The run was asked to stop by a signal; `signum` says which."""

    def __init__(self, signum: int):
        super().__init__(f"interrupted by {signal.Signals(signum).name}")
        self.signum = signum


class RunLock:
    """An exclusive lock on a file (flock), whose descriptor the run's processes inherit."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.fd: int | None = None

    def acquire(self, wait: float) -> bool:
        """Return True once the lock is held; False when another holder kept it for `wait` seconds."""
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                self.fd = fd
                return True
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    return False
                time.sleep(0.1)

    def release(self) -> None:
        """Return nothing; release the lock (every inheriting process has exited by now) and close it."""
        if self.fd is not None:
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None


def die_with_parent(signum: int, parent: int | None = None) -> None:
    """Return nothing; have Linux send `signum` to this process when its parent exits.

    Elsewhere nothing is set. If the parent (`parent`, a pid) is already gone,
    the signal is sent at once: it may have exited before this call.
    """
    if sys.platform.startswith("linux"):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, int(signum), 0, 0, 0)
    if parent is not None and os.getppid() != parent:
        os.kill(os.getpid(), signum)


@contextlib.contextmanager
def stop_on_signals() -> Iterator[None]:
    """Raise Interrupted in the main thread on SIGTERM, SIGINT or SIGHUP meanwhile; restore the handlers after.

    Outside the main thread (where Python cannot set handlers) nothing changes.
    """
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum, frame):
        raise Interrupted(signum)

    previous = {s: signal.signal(s, interrupt) for s in STOP_SIGNALS}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


@contextlib.contextmanager
def deferred_signals() -> Iterator[list[int]]:
    """Yield a list that collects SIGTERM, SIGINT and SIGHUP meanwhile, so a clean-up is not cut short."""
    import threading

    caught: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield caught
        return
    previous = {s: signal.signal(s, lambda signum, frame: caught.append(signum)) for s in STOP_SIGNALS}
    try:
        yield caught
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


def descendants(pids: list[int]) -> list:
    """Return the psutil processes descending from `pids` (those still running), the pids' own included."""
    import psutil

    found = {}
    for pid in pids:
        try:
            process = psutil.Process(pid)
            found[pid] = process
            for child in process.children(recursive=True):
                found[child.pid] = child
        except psutil.NoSuchProcess:
            continue
    return list(found.values())


def stop_processes(processes: list, timeout: float = 5.0) -> None:
    """Return nothing once every one of `processes` (psutil) has exited: SIGTERM, then SIGKILL after `timeout`."""
    import psutil

    for process in processes:
        with contextlib.suppress(psutil.NoSuchProcess):
            process.terminate()
    _, alive = psutil.wait_procs(processes, timeout=timeout)
    for process in alive:
        with contextlib.suppress(psutil.NoSuchProcess):
            process.kill()
    psutil.wait_procs(alive, timeout=timeout)


class WorkerGroup:
    """The process group of one run: a guard leads it, each notebook's worker joins it."""

    def __init__(self, run: Path, lock_fd: int):
        self.run = run
        self.lock_fd = lock_fd
        self.guard: subprocess.Popen | None = None
        self.workers: list[subprocess.Popen] = []

    def _env(self) -> dict[str, str]:
        return {**os.environ, LOCK_FD_ENV: str(self.lock_fd), PARENT_ENV: str(os.getpid()),
                RUN_ENV: str(self.run)}

    @property
    def pgid(self) -> int:
        """Return the group's id: the guard's pid."""
        if self.guard is None:
            raise ReportError("the run's process group has no guard yet")
        return self.guard.pid

    def start_guard(self) -> None:
        """Return nothing; start the guard, which leads a new process group and watches this process."""
        self.guard = subprocess.Popen(
            [sys.executable, "-m", "ladfin.report.guard"], process_group=0, pass_fds=(self.lock_fd,),
            env=self._env(), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def start(self, job: dict, log: Path) -> subprocess.Popen:
        """Return a worker process running `job` (see `ladfin.report.worker`), its output going to `log`."""
        import json

        with log.open("ab") as out:
            worker = subprocess.Popen(
                [sys.executable, "-m", "ladfin.report.worker"], process_group=self.pgid,
                pass_fds=(self.lock_fd,), env={**self._env(), **job.get("env", {})},
                stdin=subprocess.PIPE, stdout=out, stderr=subprocess.STDOUT)
        worker.stdin.write(json.dumps(job).encode())
        worker.stdin.close()
        self.workers.append(worker)
        return worker

    def stop(self, timeout: float = 5.0) -> None:
        """Return nothing once every worker and kernel of the group has exited (SIGTERM, then SIGKILL)."""
        running = [w.pid for w in self.workers if w.poll() is None]
        every = descendants(running)
        with contextlib.suppress(ProcessLookupError, PermissionError):
            if self.guard is not None:
                os.killpg(self.pgid, signal.SIGTERM)  # the guard ignores it; the workers stop their kernels
        stop_processes(every, timeout)
        for worker in self.workers:
            with contextlib.suppress(subprocess.TimeoutExpired):
                worker.wait(timeout)

    def close(self) -> None:
        """Return nothing once the guard has exited (the run ended: nothing is left for it to watch)."""
        if self.guard is not None and self.guard.poll() is None:
            self.guard.kill()
            self.guard.wait()
