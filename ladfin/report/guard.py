"""The guard of a report run: it leads the run's process group, and cleans up if `ladfin report` dies.

Started by `ladfin.report.processes.WorkerGroup` as `python -m ladfin.report.guard`
(environment: the run directory, the parent's pid, the inherited lock). It
waits. If `ladfin report` exits before stopping it, which happens only when
that process is killed without a chance to clean up, the guard stops every
other process of the group (the workers, which stop their kernels), then
marks the run failed in its manifest and index. It ignores SIGTERM and SIGINT:
those are for the workers, or for `ladfin report`, which stops the guard
itself when the run ends.
"""

from __future__ import annotations

import json
import os
import signal
import time
from datetime import UTC, datetime
from pathlib import Path

from ladfin.report.processes import PARENT_ENV, RUN_ENV, die_with_parent, stop_processes

DIED = "the `ladfin report` process ended before the run finished (killed?); its notebooks were stopped"


def group_members(pgid: int) -> list:
    """Return the psutil processes of process group `pgid`, but this one."""
    import psutil

    members = []
    for process in psutil.process_iter():
        try:
            if process.pid != os.getpid() and os.getpgid(process.pid) == pgid:
                members.append(process)
        except (ProcessLookupError, PermissionError, psutil.NoSuchProcess):
            continue
    return members


def mark_failed(run: Path, reason: str) -> None:
    """Return nothing; record in `run`'s manifest (and index) that it failed for `reason`, if it was running."""
    path = run / "manifest.json"
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return
    if manifest.get("status") != "running":
        return
    manifest.update(status="failed", error=reason, finished=datetime.now(UTC).isoformat(timespec="seconds"))
    for entry in manifest.get("notebooks", []):
        if entry.get("status") in ("pending", "running"):
            entry.update(status="interrupted", error=reason)
    from ladfin.report.index import write_index
    from ladfin.report.provenance import write_manifest

    write_manifest(run, manifest)
    write_index(run, manifest)


def main() -> None:
    """Run the guard until its parent exits (then clean up) or it is killed."""
    parent = int(os.environ[PARENT_ENV])
    run = Path(os.environ[RUN_ENV])
    orphaned = []
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGUSR1, lambda signum, frame: orphaned.append(signum))
    die_with_parent(signal.SIGUSR1, parent)
    while not orphaned and os.getppid() == parent:
        time.sleep(0.2)
    stop_processes(group_members(os.getpgid(0)))
    mark_failed(run, DIED)


if __name__ == "__main__":
    main()
