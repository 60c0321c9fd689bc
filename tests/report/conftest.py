"""The report tests run the project's own notebooks on the frozen founding corpus.

`ladfin report` looks for notebooks under the project root, and the tests'
root (`LADFIN_ROOT`, see tests/conftest.py) holds only the frozen documents:
link the checkout's notebooks into it so the suite runs as it ships.
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
