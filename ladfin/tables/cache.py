"""Caches each document's extraction under data/interim, keyed by its text and what read it.

A build re-reads only the documents it has not read before with the same code
and vocabulary: the key of an entry hashes the document's bytes, its
language, its catalog row, and the digest of everything extraction runs on
(ladfin/extract, ladfin/reference, ladfin/core and data/reference, and the
versions of the installed packages that read with them: inflect's plurals,
py3langid's language model). A changed vocabulary, extraction code or
reading package changes every key, so nothing stale is reused; a changed
chart or link module does not. Each entry carries the hash of its
own content and is read only when that hash matches: a damaged or truncated
entry is rebuilt, never trusted.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

from ladfin import paths
from ladfin.extract.documents import Document

FORMAT = 1  # bump when the shape of a cached entry changes
_READERS = ("extract", "reference", "core")  # the packages whose code decides what extraction finds
_READING_PACKAGES = ("inflect", "py3langid")  # installed packages whose output extraction keeps

Extraction = tuple[list[dict], list[dict]]


def reader_digest() -> str:
    """Return a hash of the code, reference tables and package versions extraction runs on."""
    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256(f"format {FORMAT}".encode())
    for name in _READING_PACKAGES:
        digest.update(f"{name} {metadata.version(name)}".encode())
    folders = [package / name for name in _READERS] + [paths.reference_dir()]
    for folder in folders:
        for file in sorted(folder.rglob("*")):
            if file.is_file() and "__pycache__" not in file.parts:
                digest.update(str(file.relative_to(folder.parent)).encode())
                digest.update(file.read_bytes())
    return digest.hexdigest()



def document_key(document: Document, salt: str) -> str:
    """Return the SHA-256 of a document's text, name, language and catalog row, under `salt`
    (the digest of the code that reads it)."""
    digest = hashlib.sha256(salt.encode())
    digest.update(document.raw.encode("utf-8"))
    digest.update(json.dumps([document.doc, document.lang, document.entry], sort_keys=True,
                             default=str).encode())
    return digest.hexdigest()

class ExtractionCache:
    """One directory of cached extractions, for one reader digest."""

    def __init__(self, directory: Path | None = None, *, readers: str | None = None, reuse: bool = True):
        self.directory = directory or paths.interim_dir() / "extractions"
        self.readers = readers or reader_digest()
        self.reuse = reuse  # False: read every document again, and store what was read
        self.hits = 0
        self.misses = 0

    def key(self, document: Document) -> str:
        """Return the entry name of a document: its text, language and catalog row, read by these readers."""
        return document_key(document, self.readers)

    def get(self, document: Document, extract: Callable[[Document], Extraction]) -> Extraction:
        """Return the document's extraction: from its entry when sound, else by `extract`, then stored."""
        path = self.directory / f"{self.key(document)}.json"
        cached = _read(path) if self.reuse else None
        if cached is not None:
            self.hits += 1
            return cached
        self.misses += 1
        found = extract(document)
        _write(path, found)
        return found


def _read(path: Path) -> Extraction | None:
    """Return an entry's rows, or None when it is missing or its checksum does not match."""
    try:
        text = path.read_text(encoding="utf-8")
        checksum, _, body = text.partition("\n")
        if hashlib.sha256(body.encode("utf-8")).hexdigest() != checksum:
            return None
        figures, skipped = json.loads(body)
        return figures, skipped
    except (OSError, ValueError, UnicodeDecodeError):
        return None


def _write(path: Path, found: Extraction) -> None:
    """Store an entry: its checksum line, then the rows, written beside it and renamed into place."""
    body = json.dumps(found, default=str, ensure_ascii=False)
    checksum = hashlib.sha256(body.encode("utf-8")).hexdigest()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".entry-", suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as fh:
            fh.write(f"{checksum}\n{body}")
        os.replace(temporary, path)
    except OSError:
        return  # a cache that cannot be written only makes the next build slower
