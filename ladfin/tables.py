"""Builds the tidy tables from the catalogued documents, and reads and writes them."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from ladfin import paths, schema
from ladfin.documents import Document, load_all
from ladfin.errors import LadfinError
from ladfin.figures import extract_document

TABLE_NAMES = ("documents", "figures", "skipped")


def extract_all(documents: Iterable[Document]) -> tuple[list[dict], list[dict], list[dict]]:
    """Return (document rows, figure rows, skipped rows) for catalogued documents."""
    doc_rows, figure_rows, skipped_rows = [], [], []
    for document in documents:
        figures, skipped = extract_document(document)
        entry = document.entry
        for row in figures:
            row["event_id"] = entry.get("event_id")
            row["event_date"] = entry.get("event_date")
        figure_rows.extend(figures)
        skipped_rows.extend(skipped)
        doc_rows.append(
            {**{k: entry.get(k) or None for k in schema.TABLES["documents"].columns if k in entry},
             "doc": document.doc, "document_kind": entry.get("kind"),
             "characters": len(document.raw), "figures": len(figures), "skipped": len(skipped)}
        )
    return doc_rows, figure_rows, skipped_rows


def build_tables(documents: Iterable[Document]) -> dict[str, pd.DataFrame]:
    """Return every table built from `documents`, each checked against its schema."""
    doc_rows, figure_rows, skipped_rows = extract_all(documents)
    return {
        "documents": schema.check(schema.frame(doc_rows, "documents"), "documents"),
        "figures": schema.check(schema.frame(figure_rows, "figures"), "figures"),
        "skipped": schema.check(schema.frame(skipped_rows, "skipped"), "skipped"),
    }


def inputs_digest(root: Path | None = None) -> str:
    """Return a hash of everything the tables are built from: raw files, reference tables, code."""
    root = root or paths.root()
    digest = hashlib.sha256()
    folders = [paths.raw_dir(), paths.reference_dir(), Path(__file__).parent]
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


def build(directory: Path | None = None) -> dict[str, pd.DataFrame]:
    """Build every table from data/raw and write it to data/processed; return the tables."""
    tables = build_tables(load_all())
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
