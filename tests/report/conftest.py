"""The report tests run the project's own notebooks on the frozen founding corpus.

`ladfin report` looks for notebooks under the project root, and the tests'
root (`LADFIN_ROOT`, see tests/conftest.py) holds only the frozen documents:
link the checkout's notebooks into it so the suite runs as it ships. The run
of the whole suite with its defaults is made once per session: the notebook
tests read its exports and the browser test opens its pages.
"""

from __future__ import annotations

from pathlib import Path

import pytest

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"


@pytest.fixture(scope="session", autouse=True)
def notebooks_in_the_tree(founding_root: Path) -> Path:
    """Return the tree's notebooks/, a link to the checkout's notebooks."""
    link = founding_root / "notebooks"
    if not link.exists():
        link.symlink_to(NOTEBOOKS, target_is_directory=True)
    return link


@pytest.fixture(scope="session")
def suite_run(notebooks_in_the_tree: Path, tmp_path_factory) -> Path:
    """Return the run directory of the whole suite run once with its defaults (`ladfin report`)."""
    from ladfin import report as reports

    return reports.run_report(out=tmp_path_factory.mktemp("defaults") / "reports", wait=60)
