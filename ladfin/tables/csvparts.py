"""Writes a table's CSV reusing the bytes of the last build's file for the rows that did not change.

A rebuild after one new document changes a few hundred of the figures' and
announcements' 100,000 rows, yet encoding every row again was the largest
part of it. So each CSV file is cut into parts of consecutive rows, and the
last build's parts are kept by digest: the bytes of an unchanged part are
taken from the file of the set that is current, and only the parts holding a
new or changed row are encoded (`ladfin.tables.csvfile.encode_rows`, so a
file is byte for byte what `csv_bytes` writes).

A part ends before a row whose hash (`pd.util.hash_pandas_object`) falls on
one value in PART_ROWS, or at MAX_PART_ROWS rows: cuts follow the rows
themselves, so a row added or removed changes its own part only, wherever it
sits. A part's digest hashes its rows' hashes under a salt of the table's
name, columns and their types, its layout (`csvfile.Layout`: whether each
date column holds dates alone), the writer's code and the pandas and pyarrow
versions. What is kept, per table:

    data/interim/csv/<table>.json   checksum line, then: salt, the file's SHA-256 and size, each part's digest and bytes

A kept index is used only when its checksum, salt, and the SHA-256 and size
of the current set's file all match (a file edited, truncated or from
another build is encoded afresh, never trusted), and an unknown part is
encoded. The index is replaced once the new set is current.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import numpy as np
import pandas as pd

from ladfin import paths
from ladfin.tables import csvfile
from ladfin.tables.csvfile import CHUNK_ROWS, csv_bytes, csv_layout, encode_rows

FORMAT = 1          # bump when the layout of an index changes
PART_ROWS = 512     # rows a part holds on average
MAX_PART_ROWS = 4096  # at most; parts are encoded together up to csvfile.CHUNK_ROWS rows at a time


def _salt(table: pd.DataFrame, name: str, layout: csvfile.Layout) -> str:
    digest = hashlib.sha256(f"format {FORMAT} {name}".encode())
    digest.update(json.dumps([[str(c), str(t)] for c, t in table.dtypes.items()]).encode())
    digest.update(json.dumps(sorted(layout.dates.items())).encode())
    digest.update(" ".join(metadata.version(p) for p in ("pandas", "pyarrow")).encode())
    digest.update(Path(csvfile.__file__).read_bytes())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()


def cuts(hashes: np.ndarray) -> np.ndarray:
    """Return where each part of rows with these hashes begins: 0, then before each row whose hash is 0 modulo
    PART_ROWS, and after MAX_PART_ROWS rows without one.

    >>> cuts(np.array([5, 512, 7, 1024], dtype=np.uint64)).tolist()
    [0, 1, 3]
    """
    marked = np.flatnonzero(hashes % np.uint64(PART_ROWS) == 0)
    starts, last = [0], 0
    for mark in [*marked.tolist(), len(hashes)]:
        while mark - last > MAX_PART_ROWS:
            last += MAX_PART_ROWS
            starts.append(last)
        if 0 < mark < len(hashes) and mark != last:
            starts.append(mark)
            last = mark
    return np.array(starts, dtype=np.int64)


@dataclass
class Written:
    """A table's CSV as written: the bytes, and the index that lets the next build reuse its parts."""

    data: bytes
    index: dict | None = None  # None: a table `to_csv` writes whole, nothing to keep
    reused: int = 0            # parts taken from the last build's file
    encoded: int = 0           # parts encoded


@dataclass
class CsvParts:
    """The parts of the last build's CSV files (see the module docstring); `reuse` False encodes every part."""

    directory: Path = field(default_factory=lambda: paths.interim_dir() / "csv")
    reuse: bool = True
    written: dict[str, dict | None] = field(default_factory=dict)  # index by table name, since the last `keep`

    def write(self, table: pd.DataFrame, name: str, previous: Path | None) -> Written:
        """Return `table` as CSV (`csv_bytes(table)`), with the parts of `previous` (the current set's
        file of this table) reused where the kept index vouches for them."""
        layout = csv_layout(table)
        if layout is None:
            self.written[name] = None
            return Written(csv_bytes(table))
        salt = _salt(table, name, layout)
        hashes = pd.util.hash_pandas_object(table, index=False).to_numpy()
        starts = cuts(hashes)
        bounds = [*starts.tolist(), len(table)]
        digests = []
        for a, b in zip(bounds, bounds[1:]):
            digest = hashlib.sha256(salt.encode())
            digest.update(hashes[a:b].tobytes())
            digests.append(digest.hexdigest())
        kept = self._kept(name, salt, previous) if self.reuse else {}
        pieces: list[bytes] = [b""] * len(digests)
        fresh = [n for n, d in enumerate(digests) if d not in kept]
        for n, d in enumerate(digests):
            if d in kept:
                pieces[n] = kept[d]
        # Encode the fresh parts, consecutive ones together, up to CHUNK_ROWS rows at a time.
        run: list[int] = []
        for n in [*fresh, None]:
            if run and (n is None or n != run[-1] + 1 or bounds[n + 1] - bounds[run[0]] > CHUNK_ROWS):
                first = bounds[run[0]]
                data, offsets = encode_rows(table, layout, first, bounds[run[-1] + 1])
                for m in run:
                    pieces[m] = data[offsets[bounds[m] - first]:offsets[bounds[m + 1] - first]]
                run = []
            if n is not None:
                run.append(n)
        data = layout.header + b"".join(pieces)
        index = {"format": FORMAT, "salt": salt, "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data),
                 "header": len(layout.header), "parts": [[d, len(p)] for d, p in zip(digests, pieces)]}
        self.written[name] = index
        return Written(data, index, len(digests) - len(fresh), len(fresh))

    def _kept(self, name: str, salt: str, previous: Path | None) -> dict[str, bytes]:
        """Return the bytes of the kept parts of `name` by digest, or {} when the index or the file is not sound."""
        if previous is None:
            return {}
        try:
            checksum, _, body = (self.directory / f"{name}.json").read_text(encoding="utf-8").partition("\n")
            if hashlib.sha256(body.encode("utf-8")).hexdigest() != checksum:
                return {}
            index = json.loads(body)
            if index.get("format") != FORMAT or index.get("salt") != salt:
                return {}
            data = previous.read_bytes()
            if len(data) != index["bytes"] or hashlib.sha256(data).hexdigest() != index["sha256"]:
                return {}
            kept, at = {}, int(index["header"])
            for digest, size in index["parts"]:
                kept[str(digest)] = data[at:at + int(size)]
                at += int(size)
        except (OSError, ValueError, KeyError, TypeError, UnicodeDecodeError):
            return {}
        return kept if at == len(data) else {}

    def keep(self) -> None:
        """Store the index of each table written since the last `keep`, each renamed into place (call it once
        the set written is current); an index that cannot be stored only makes the next build slower."""
        written, self.written = self.written, {}
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            for name, index in written.items():
                if index is None:
                    (self.directory / f"{name}.json").unlink(missing_ok=True)
                    continue
                body = json.dumps(index)
                handle, temporary = tempfile.mkstemp(dir=self.directory, prefix=".csv-", suffix=".tmp")
                with os.fdopen(handle, "w", encoding="utf-8") as fh:
                    fh.write(f"{hashlib.sha256(body.encode('utf-8')).hexdigest()}\n{body}")
                os.replace(temporary, self.directory / f"{name}.json")
        except OSError:
            return
