"""Keeps the last build's links block by block under data/interim/links, so a rebuild relinks only what changed.

Two mentions are one announcement only when they share actor, kind and unit
(`ladfin.tables.engines.blocks`; an amount converted in brackets is in the
block of the amount it converts), so linking a block reads nothing outside
it. A block's digest hashes, row by row in the figures' order, every column
`link_mentions` reads (`LINK_COLUMNS`) and the catalog kind and publication
date of each row's document (which decide the canonical mention), under the
digest of the code that links (`link_digest`: ladfin's link, core and
normalise packages, the files of ladfin/tables that cut and keep blocks, and
data/reference). A rebuild
takes the announcement and is_canonical of each block whose digest it kept,
and hands the figures of the other blocks (those the new or edited
documents touch, and any block whose members moved) to the engine's own
`link`, in one call:

    data/interim/links/
      links.parquet    block digest, announcement, is_canonical: each block's rows in the figures' order
      manifest.json    the link digest, and the SHA-256 of links.parquet (written last)

A manifest that is unreadable, of other code, or whose file does not match
is ignored and everything linked again, never trusted. The tables are the
ones one pass of `link_mentions` over every figure gives, to the byte.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from ladfin import paths
from ladfin.extract.documents import Document
from ladfin.tables.cache import Extraction, ExtractionCache
from ladfin.tables.engines import LINK_COLUMNS, Engine, blocks

FORMAT = 1  # bump when the layout of links.parquet changes
FILE = "links.parquet"
MANIFEST = "manifest.json"
# What a block's links depend on besides its rows: the code that links and cuts blocks, and what it may read.
_LINKERS = ("link", "core", "normalise", "tables/engines.py", "tables/links.py")


def link_digest() -> str:
    """Return a hash of the code and reference tables a block's links depend on besides its rows."""
    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256(f"format {FORMAT}".encode())
    for folder in [package / name for name in _LINKERS] + [paths.reference_dir()]:
        for file in sorted(folder.rglob("*")) if folder.is_dir() else [folder]:
            if file.is_file() and "__pycache__" not in file.parts:
                digest.update(f"{folder.name}/{file.relative_to(folder)}".encode())
                digest.update(file.read_bytes())
    return digest.hexdigest()


def block_digests(figures: pd.DataFrame, documents: pd.DataFrame) -> tuple[np.ndarray, dict[int, str]]:
    """Return each figure's block number and each block's digest of what linking reads of it.

    >>> f = pd.DataFrame({"doc": ["a", "a", "b"], "start": [0, 9, 0], "actor": ["CAN", "USA", "CAN"],
    ...                   "kind": ["money"] * 3, "unit": ["USD"] * 3, "value": [1.0, 2.0, 3.0]})
    >>> d = pd.DataFrame({"doc": ["a", "b"], "document_kind": ["primary"] * 2, "published": [None] * 2})
    >>> numbers, digests = block_digests(f, d)
    >>> numbers.tolist(), len(set(digests.values()))
    ([0, 1, 0], 2)
    """
    numbers = blocks(figures, len(figures) + 1).to_numpy()
    read = figures[[c for c in LINK_COLUMNS if c in figures]]
    info = documents.set_index("doc")
    rows = read.assign(_document_kind=read["doc"].map(info["document_kind"]),
                       _published=read["doc"].map(info["published"]))
    hashed = pd.util.hash_pandas_object(rows, index=False).to_numpy()
    head = json.dumps([[str(c), str(t)] for c, t in rows.dtypes.items()]).encode()
    order = np.argsort(numbers, kind="stable")
    cuts = np.flatnonzero(np.diff(numbers[order])) + 1
    digests = {}
    for part in np.split(order, cuts) if len(order) else []:
        digest = hashlib.sha256(head)
        digest.update(hashed[part].tobytes())
        digests[int(numbers[part[0]])] = digest.hexdigest()
    return numbers, digests


class LinkStore:
    """The links of the last build, by block digest (see the module docstring)."""

    def __init__(self, directory: Path | None = None, *, digest: str | None = None, reuse: bool = True):
        self.directory = directory or paths.interim_dir() / "links"
        self.digest = digest or link_digest()
        self.reuse = reuse  # False: link every block again (and keep the new links)
        self.kept: dict[str, tuple[list, list]] = {}  # block digest -> (announcements, is_canonical), in row order
        self.reused = 0   # blocks taken from the store by the last `link`
        self.linked = 0   # blocks linked again
        if reuse:
            self.kept = _load(self.directory, self.digest) or {}

    def link(self, figures: pd.DataFrame, documents: pd.DataFrame,
             link: Callable[[pd.DataFrame, pd.DataFrame], pd.DataFrame]) -> pd.DataFrame:
        """Return `figures` with announcement and is_canonical: kept blocks reused, the others by `link`."""
        if figures.empty:
            return link(figures, documents)
        numbers, digests = block_digests(figures, documents)
        announcement = np.empty(len(figures), dtype=object)
        canonical = np.empty(len(figures), dtype=object)
        fresh = [n for n, d in digests.items() if d not in self.kept]
        for n, d in digests.items():
            if d in self.kept:
                where = np.flatnonzero(numbers == n)
                announcement[where], canonical[where] = self.kept[d]
        self.reused, self.linked = len(digests) - len(fresh), len(fresh)
        if fresh:
            where = np.flatnonzero(np.isin(numbers, fresh))
            linked = link(figures.iloc[where], documents)
            announcement[where] = linked["announcement"].to_numpy(dtype=object, na_value=None)
            canonical[where] = linked["is_canonical"].to_numpy(dtype=object, na_value=None)
        kept = {}
        for n, d in digests.items():
            where = np.flatnonzero(numbers == n)
            kept[d] = (announcement[where].tolist(), canonical[where].tolist())
        if fresh or kept.keys() != self.kept.keys():
            _write(self.directory, self.digest, kept)
        self.kept = kept
        return figures.assign(announcement=pd.array(announcement.tolist(), dtype="string"),
                              is_canonical=pd.array(canonical.tolist(), dtype="boolean"))


class KeptLinks:
    """An engine that links through a `LinkStore`: blocks whose digest it kept are reused, the rest linked by
    the engine it wraps, which also does all the reading."""

    def __init__(self, engine: Engine, store: LinkStore):
        self.engine = engine
        self.store = store

    def __enter__(self) -> KeptLinks:
        return self

    def __exit__(self, *exc_info: object) -> None:
        return None

    def read(self, documents: Iterable[Document], read: Callable[[Document], Extraction],
             cache: ExtractionCache | None) -> Iterator[tuple[Document, Extraction]]:
        return self.engine.read(documents, read, cache)

    def link(self, figures: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
        return self.store.link(figures, documents, self.engine.link)


def _load(directory: Path, digest: str) -> dict[str, tuple[list, list]] | None:
    """Return the kept links by block digest, or None when the manifest or the file is not sound."""
    try:
        manifest = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
        if manifest.get("format") != FORMAT or manifest.get("digest") != digest:
            return None
        data = (directory / FILE).read_bytes()
        if hashlib.sha256(data).hexdigest() != manifest["sha256"]:
            return None
        table = pq.read_table(io.BytesIO(data))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):  # pyarrow's ArrowInvalid is a ValueError
        return None
    if table.column_names != ["block", "announcement", "is_canonical"]:
        return None
    names, announcement, canonical = (np.array(table[c].to_pylist(), dtype=object) for c in table.column_names)
    cuts = np.flatnonzero(names[1:] != names[:-1]) + 1
    kept = {}
    for part in np.split(np.arange(len(names)), cuts) if len(names) else []:
        kept[names[part[0]]] = (announcement[part].tolist(), canonical[part].tolist())
    return kept


def _write(directory: Path, digest: str, kept: dict[str, tuple[list, list]]) -> None:
    """Store the links by block digest: the file, then the manifest naming its SHA-256, each renamed into place."""
    table = pa.table({  # pyarrow arrays straight from the lists: pandas' string arrays cost ten times more here
        "block": pa.array([d for d, (a, _) in kept.items() for _ in a], type=pa.string()),
        "announcement": pa.array([x for a, _ in kept.values() for x in a], type=pa.string()),
        "is_canonical": pa.array([x for _, c in kept.values() for x in c], type=pa.bool_())})
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    data = buffer.getvalue()
    manifest = {"format": FORMAT, "digest": digest, "sha256": hashlib.sha256(data).hexdigest()}
    try:
        directory.mkdir(parents=True, exist_ok=True)
        (directory / MANIFEST).unlink(missing_ok=True)  # no manifest naming a file half replaced
        for name, body in ((FILE, data), (MANIFEST, json.dumps(manifest, indent=1).encode())):
            handle, temporary = tempfile.mkstemp(dir=directory, prefix=".links-", suffix=".tmp")
            with os.fdopen(handle, "wb") as fh:
                fh.write(body)
            os.replace(temporary, directory / name)
    except OSError:
        return  # links that cannot be kept only make the next build slower
