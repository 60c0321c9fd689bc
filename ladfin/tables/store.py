"""Writes the built tables to data/processed, tells whether they are stale, and reads them back."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pandas as pd

from ladfin import paths
from ladfin.core import datapackage, schema
from ladfin.errors import LadfinError
from ladfin.extract.documents import load_all
from ladfin.normalise.rates import Policy
from ladfin.tables.assemble import build_tables

TABLE_NAMES = ("documents", "events", "figures", "announcements", "skipped", "rates_used")


def inputs_digest(root: Path | None = None) -> str:
    """Return a hash of everything the tables are built from: raw files, reference tables, code."""
    root = root or paths.root()
    digest = hashlib.sha256()
    folders = [paths.raw_dir(), paths.reference_dir(), Path(__file__).parents[1]]
    for folder in folders:
        for file in sorted(folder.rglob("*")):
            if file.is_file() and "__pycache__" not in file.parts:
                digest.update(str(file.relative_to(folder)).encode())
                digest.update(file.read_bytes())
    return digest.hexdigest()


def write_tables(tables: dict[str, pd.DataFrame], directory: Path | None = None) -> Path:
    """Write each table as Parquet and CSV to `directory` (data/processed); return it."""
    directory = directory or paths.processed_dir()
    directory.mkdir(parents=True, exist_ok=True)
    for name, df in tables.items():
        df.to_parquet(directory / f"{name}.parquet", index=False)
        df.to_csv(directory / f"{name}.csv", index=False)
    datapackage.write(tables, directory)
    (directory / "build.json").write_text(json.dumps({"inputs": inputs_digest()}, indent=2))
    return directory


def is_stale(directory: Path | None = None) -> bool:
    """Tell whether the built tables are missing or older than their inputs."""
    directory = directory or paths.processed_dir()
    stamp = directory / "build.json"
    if not stamp.is_file():
        return True
    try:
        return json.loads(stamp.read_text()).get("inputs") != inputs_digest()
    except (json.JSONDecodeError, OSError):
        return True


def build(directory: Path | None = None, *, fx_policy: Policy = "on_date") -> dict[str, pd.DataFrame]:
    """Build every table from data/raw and write it to data/processed; return the tables."""
    tables = build_tables(load_all(), fx_policy=fx_policy)
    write_tables(tables, directory)
    return tables


def load_table(name: str, directory: Path | None = None) -> pd.DataFrame:
    """Return a built table from data/processed, typed as its schema declares.

    Raises:
        LadfinError: the table has not been built, or `name` is not a table.
    """
    if name not in schema.TABLES:
        raise LadfinError(f"no table {name!r}; tables are {', '.join(TABLE_NAMES)}")
    path = (directory or paths.processed_dir()) / f"{name}.parquet"
    if not path.is_file():
        raise LadfinError(f"{path}: table not built yet; run `ladfin build` (or `make report`)")
    return schema.check(pd.read_parquet(path), name)
