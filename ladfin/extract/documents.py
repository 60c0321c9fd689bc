"""Reads raw documents and the source catalog that describes them."""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ladfin import paths
from ladfin.errors import CatalogError, DocumentError, list_problems

CATALOG_COLUMNS = (
    "id", "file", "title", "publisher", "kind", "published", "language",
    "event_id", "event_name", "event_date", "event_place",
    "source_url", "sha256", "licence", "note",
)
REQUIRED = ("id", "file", "title", "publisher", "kind", "language", "event_id", "sha256")
DOCUMENT_KINDS = ("primary", "secondary")
_NOT_DOCUMENTS = {"catalog.csv", "README.md", ".gitkeep"}


@dataclass(frozen=True)
class Document:
    doc: str                  # file name, the document's key in every table
    raw: str                  # the file's text, exactly as published
    lang: str = "en"
    entry: dict = field(default_factory=dict)  # its catalog row; empty outside the catalog


def read_text(path: Path) -> str:
    """Return a document's text, decoded as UTF-8 and otherwise untouched.

    Raises:
        DocumentError: the file is missing, empty, binary, or not UTF-8.
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DocumentError(f"{path}: file not found") from None
    except IsADirectoryError:
        raise DocumentError(f"{path}: is a directory, not a document") from None
    if not data.strip():
        raise DocumentError(f"{path}: file is empty")
    if b"\x00" in data[:8192]:
        raise DocumentError(f"{path}: looks binary (NUL bytes); expected text, Markdown or HTML")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DocumentError(
            f"{path}: not UTF-8 (byte {exc.start}: {data[exc.start:exc.start + 1]!r}); "
            "re-save it as UTF-8"
        ) from None


def read_document(path: Path, *, lang: str = "en", entry: dict | None = None) -> Document:
    """Return the Document stored at `path`; `doc` is its file name."""
    return Document(doc=path.name, raw=read_text(path), lang=lang, entry=dict(entry or {}))


def sha256(path: Path) -> str:
    """Return the hex SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _parse_date(value: str) -> date | None:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        return None


def read_catalog(path: Path | None = None) -> list[dict]:
    """Return the catalog's rows after checking them against the files beside it.

    Checks that every file has an entry and every entry a file, hashes match, dates
    parse, ids are unique, and kinds are known.

    Raises:
        CatalogError: listing every problem, each with its file and field.
    """
    path = path or paths.catalog_path()
    if not path.is_file():
        raise CatalogError(f"{path}: catalog not found")
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in CATALOG_COLUMNS if c not in (reader.fieldnames or ())]
        if missing:
            raise CatalogError(f"{path}: missing column(s): {', '.join(missing)}")
        rows = list(reader)
    problems = catalog_problems(rows, path.parent)
    if problems:
        raise CatalogError(f"{path}: {len(problems)} problem(s)\n{list_problems(problems)}")
    return rows


def catalog_problems(rows: list[dict], raw_dir: Path) -> list[str]:
    """Return every problem in catalog rows, each naming its file and field."""
    problems = []
    seen_ids: dict[str, int] = {}
    seen_files: set[str] = set()
    for line, row in enumerate(rows, start=2):
        where = f"line {line} ({row.get('file') or 'no file'})"
        for column in REQUIRED:
            if not (row.get(column) or "").strip():
                problems.append(f"{where}: {column} is empty")
        if row["id"] in seen_ids:
            problems.append(f"{where}: id {row['id']!r} repeats line {seen_ids[row['id']]}")
        seen_ids.setdefault(row["id"], line)
        if row["kind"] and row["kind"] not in DOCUMENT_KINDS:
            problems.append(f"{where}: kind {row['kind']!r} is not one of {DOCUMENT_KINDS}")
        for column in ("published", "event_date"):
            if (row.get(column) or "").strip() and _parse_date(row[column]) is None:
                problems.append(f"{where}: {column} {row[column]!r} is not a date (YYYY-MM-DD)")
        if not row["file"]:
            continue
        seen_files.add(row["file"])
        file = raw_dir / row["file"]
        if not file.is_file():
            problems.append(f"{where}: file not found in {raw_dir}")
        elif row["sha256"] and sha256(file) != row["sha256"].strip().lower():
            problems.append(f"{where}: sha256 does not match the file (was it edited?)")
    for file in sorted(raw_dir.iterdir()):
        if file.is_file() and file.name not in _NOT_DOCUMENTS and file.name not in seen_files:
            problems.append(f"{file.name}: file has no catalog entry")
    return problems


def load_all(catalog: Path | None = None) -> list[Document]:
    """Return every catalogued document, in catalog order.

    Raises:
        CatalogError: the catalog does not match the files.
        DocumentError: a document cannot be read.
    """
    path = catalog or paths.catalog_path()
    rows = read_catalog(path)
    return [
        read_document(path.parent / row["file"], lang=row["language"], entry=row) for row in rows
    ]
