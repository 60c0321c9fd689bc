"""Report runs: parameters, provenance, executing one notebook, the run, its processes and its index.

    parameters   the params file, what each notebook declares, who gets which value
    provenance   input hashes, the code's commit, package versions, manifest.json
    execute      the kernel check, one notebook through papermill, its HTML copy
    processes    the run's lock, its process group, stopping every worker and kernel
    worker       one notebook in a process of its own (python -m ladfin.report.worker)
    guard        leads the run's process group; cleans up if `ladfin report` dies
    index        the run's page, index.html
    run          the run: its folder, the lock, the notebooks in parallel, `latest`
"""

from ladfin.report.execute import CELL_TIMEOUT, KERNEL, check_kernel, execute_notebook, notebook_html
from ladfin.report.index import index_html, write_index
from ladfin.report.parameters import (check_parameter_names, declared_parameters, read_params_file,
                                      split_parameters)
from ladfin.report.processes import Interrupted, RunLock, WorkerGroup
from ladfin.report.provenance import (PACKAGES, git_commit, input_hashes, package_versions, sha256,
                                      write_manifest)
from ladfin.report.run import (DEFAULT_WAIT, LATEST, LOCK_NAME, NotebookRun, default_jobs, find_notebooks,
                               run_directory, run_report, set_name, switch_latest)

__all__ = [
    "CELL_TIMEOUT",
    "DEFAULT_WAIT",
    "Interrupted",
    "KERNEL",
    "LATEST",
    "LOCK_NAME",
    "NotebookRun",
    "PACKAGES",
    "RunLock",
    "WorkerGroup",
    "check_kernel",
    "check_parameter_names",
    "declared_parameters",
    "default_jobs",
    "execute_notebook",
    "find_notebooks",
    "git_commit",
    "index_html",
    "input_hashes",
    "notebook_html",
    "package_versions",
    "read_params_file",
    "run_directory",
    "run_report",
    "set_name",
    "sha256",
    "split_parameters",
    "switch_latest",
    "write_index",
    "write_manifest",
]
