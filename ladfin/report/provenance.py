"""What a report run records about itself: input hashes, the code's commit, package versions.

`write_manifest` writes it all, with each notebook's outcome, as the run's
manifest.json, so a run can be traced to the documents, tables, notebooks and
code that made it.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import subprocess
from collections.abc import Iterable, Mapping
from pathlib import Path

from ladfin import paths

PACKAGES = ("ladfin", "pandas", "numpy", "pyarrow", "altair", "vl-convert-python", "papermill",
            "nbclient", "nbconvert", "ipykernel", "jupytext", "pint", "CurrencyConverter", "cpi")
# The manifest records the commit of the code that ran, which is this checkout
# even when LADFIN_ROOT points the data at another tree.
CHECKOUT = Path(__file__).resolve().parents[2]


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
    from ladfin.normalise.coverage import data_package_versions

    return {"python": platform.python_version(), **data_package_versions(names)}


def input_hashes(notebooks: Iterable[Path], params_file: Path | None = None) -> dict[str, str]:
    """Return path -> SHA-256 of every input of a run: raw documents, built tables, notebooks, params."""
    root = paths.root()
    files = sorted(p for p in paths.raw_dir().glob("*") if p.is_file())
    files += sorted(p for p in paths.processed_dir().glob("*.parquet"))
    files += list(notebooks) + ([Path(params_file)] if params_file else [])
    out = {}
    for file in files:
        # absolute, not resolved: data/processed/figures.parquet is a link into the current
        # build, and the manifest names the path a reader uses (its hash is the file's)
        file = Path(file).absolute()
        try:
            key = str(file.relative_to(root))
        except ValueError:
            key = str(file)
        out[key] = sha256(file)
    return out


def write_manifest(run: Path, manifest: Mapping) -> Path:
    """Return the path of manifest.json, written into `run` (a temporary file renamed into place)."""
    path = run / "manifest.json"
    temporary = run / ".manifest.json.tmp"
    temporary.write_text(json.dumps(manifest, indent=2, default=str) + "\n", encoding="utf-8")
    os.replace(temporary, path)
    return path
