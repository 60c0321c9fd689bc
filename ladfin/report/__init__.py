"""Report runs: parameters, provenance, executing one notebook, the run and its index.

    parameters   the params file, what each notebook declares, who gets which value
    provenance   input hashes, the code's commit, package versions, manifest.json
    execute      the kernel check, one notebook through papermill, its HTML copy
    run          the run: its directory, the lock, the notebooks in parallel, `latest`
"""

from ladfin.report.execute import CELL_TIMEOUT, KERNEL, check_kernel, execute_notebook, notebook_html
from ladfin.report.parameters import (check_parameter_names, declared_parameters, output_stem,
                                      read_params_file, split_parameters)
from ladfin.report.provenance import (PACKAGES, git_commit, input_hashes, package_versions, sha256,
                                      write_manifest)
from ladfin.report.run import (DEFAULT_WAIT, LATEST, LOCK_NAME, NotebookRun, default_jobs, find_notebooks,
                               run_directory, run_report, switch_latest)

__all__ = [
    "CELL_TIMEOUT",
    "DEFAULT_WAIT",
    "KERNEL",
    "LATEST",
    "LOCK_NAME",
    "NotebookRun",
    "PACKAGES",
    "check_kernel",
    "check_parameter_names",
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
