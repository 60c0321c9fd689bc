"""Keeps what each document gives the tables, read in full, as partitioned Parquet under data/interim/batches.

A build reads documents a batch at a time (`ladfin.tables.assemble.read_batch`:
extraction, placement, then USD, flow, status, measure and role, everything
that depends on one document alone) and keeps each batch here, so the next
build reads only what changed and then links (`link_batches`). One
directory per digest of what the per-document stage runs on (the code of
ladfin's extract, reference, core, link and normalise packages and of the
files of ladfin/tables that read documents, data/reference, the exchange-rate and CPI packages' versions, and the
exchange-rate policy), one partition per batch:

    data/interim/batches/<digest>/
      batch-3f2a9c01d4e5b6a7/   documents.parquet, figures.parquet, skipped.parquet, manifest.json

A document's key hashes the SHA-256 of its text, its language, name and
catalog row with that digest: an edited document, catalog row, vocabulary or
code misses, and is read again. A catalogued document's SHA-256 is the one its
catalog row gives (checked against the file), so a document kept here is not
read at all. manifest.json, written last, names each document of the batch
with its key and each file with the SHA-256 of its bytes; a batch whose
manifest is unreadable or whose files do not match is removed and its
documents read again, never trusted. A batch none of whose documents is
still catalogued with the same key is removed at the end of a build.

Beneath it, the JSON extraction cache (`ladfin.tables.cache`) keeps each
document's extraction under the digest of the extraction code alone, so a
change to linking or normalisation reads the batches again from it without
extracting a document.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ladfin import paths
from ladfin.extract.documents import Document, Unread

FORMAT = 1  # bump when the layout of a batch changes
# What the per-document stage runs: these packages, and of ladfin/tables the files that read documents
# (not those that write data/processed, which change no row kept here).
_DERIVERS = ("extract", "reference", "core", "link", "normalise", "tables/assemble.py", "tables/batches.py",
             "tables/cache.py")
PARTS = ("documents", "figures", "skipped")
MANIFEST = "manifest.json"


@dataclass
class Batch:
    """The rows some documents give the tables before linking: one row per document, figure, skipped number."""

    documents: pd.DataFrame
    figures: pd.DataFrame
    skipped: pd.DataFrame

    def only(self, docs: set[str]) -> Batch:
        """Return the rows of the documents named in `docs`."""
        return Batch(*(getattr(self, part)[lambda f: f["doc"].isin(docs)] for part in PARTS))


def deriver_digest(fx_policy: str) -> str:
    """Return a hash of what the per-document stage's rows depend on besides the document itself."""
    from ladfin.normalise.coverage import data_package_versions

    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256(f"format {FORMAT} fx {fx_policy}".encode())
    digest.update(json.dumps(data_package_versions(), sort_keys=True, default=str).encode())
    for folder in [package / name for name in _DERIVERS] + [paths.reference_dir()]:
        for file in sorted(folder.rglob("*")) if folder.is_dir() else [folder]:
            if file.is_file() and "__pycache__" not in file.parts:
                digest.update(str(file.relative_to(folder.parent)).encode())
                digest.update(file.read_bytes())
    return digest.hexdigest()


class BatchStore:
    """The partitions of one digest: which batch holds each document key, and the batches themselves."""

    def __init__(self, directory: Path | None = None, *, digest: str, reuse: bool = True):
        self.digest = digest
        self.directory = (directory or paths.interim_dir() / "batches") / digest[:16]
        self.reuse = reuse  # False: read every document again (and store the new batches)
        self.batches: dict[str, Batch] = {}   # sound batches found on disk, by directory name
        self.where: dict[str, tuple[str, str]] = {}  # document key -> (batch name, doc)
        self.used: set[str] = set()
        self.hits = 0
        self.misses = 0
        if reuse:
            self._open()

    def key(self, document: Document | Unread) -> str:
        """Return a document's key: its text's SHA-256, name, language and catalog row, under this store's digest.

        A document and the same file not yet read (`Unread`) have one key.
        """
        digest = hashlib.sha256(self.digest.encode())
        digest.update(document.sha256.encode())
        digest.update(json.dumps([document.doc, document.lang, document.entry], sort_keys=True,
                                 default=str).encode())
        return digest.hexdigest()

    def find(self, key: str) -> tuple[str, str] | None:
        """Return (batch name, doc) of a stored document key, or None: then the document is read again."""
        found = self.where.get(key)
        if found is None:
            self.misses += 1
            return None
        self.hits += 1
        self.used.add(found[0])
        return found

    def _open(self) -> None:
        if not self.directory.is_dir():
            return
        for folder in sorted(self.directory.iterdir()):
            if not folder.name.startswith("batch-"):
                continue
            loaded = _load(folder)
            if loaded is None:
                shutil.rmtree(folder, ignore_errors=True)  # damaged: its documents are read again
                continue
            batch, keys = loaded
            self.batches[folder.name] = batch
            for doc, key in keys.items():
                self.where[key] = (folder.name, doc)

    def write(self, batch: Batch, keys: dict[str, str]) -> None:
        """Store a batch whose documents have these keys (doc -> key); a cache that cannot be written is skipped."""
        name = "batch-" + hashlib.sha256(json.dumps(sorted(keys.values())).encode()).hexdigest()[:16]
        temporary = None
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            temporary = Path(tempfile.mkdtemp(dir=self.directory, prefix=".batch-"))
            files = {}
            for part in PARTS:
                buffer = io.BytesIO()
                getattr(batch, part).to_parquet(buffer, index=False)
                data = buffer.getvalue()
                (temporary / f"{part}.parquet").write_bytes(data)
                files[f"{part}.parquet"] = hashlib.sha256(data).hexdigest()
            manifest = {"format": FORMAT, "digest": self.digest, "documents": keys, "files": files}
            (temporary / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
            final = self.directory / name
            if final.exists():
                shutil.rmtree(final, ignore_errors=True)
            os.replace(temporary, final)
        except OSError:
            if temporary is not None:
                shutil.rmtree(temporary, ignore_errors=True)
            return
        self.used.add(name)

    def prune(self) -> None:
        """Remove the batches this build used no document of, and what killed builds left."""
        if not self.directory.is_dir():
            return
        for folder in self.directory.iterdir():
            if folder.name.startswith(".batch-") or (folder.name.startswith("batch-")
                                                      and folder.name not in self.used):
                shutil.rmtree(folder, ignore_errors=True)


def _load(folder: Path) -> tuple[Batch, dict[str, str]] | None:
    """Return a batch's rows and its documents' keys, or None when its manifest or a file is not sound."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        if manifest.get("format") != FORMAT or not isinstance(manifest.get("documents"), dict):
            return None
        parts = []
        for part in PARTS:
            data = (folder / f"{part}.parquet").read_bytes()
            if hashlib.sha256(data).hexdigest() != manifest["files"][f"{part}.parquet"]:
                return None
            parts.append(pd.read_parquet(io.BytesIO(data)))
    except (OSError, ValueError, KeyError, TypeError):  # pyarrow's ArrowInvalid is a ValueError
        return None
    return Batch(*parts), manifest["documents"]
