"""Reads raw documents and the source catalog that describes them."""

from __future__ import annotations

import csv
import hashlib
import io
import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath, PureWindowsPath

from ladfin import paths
from ladfin.errors import CatalogError, DocumentError, ParameterError, list_problems

CATALOG_COLUMNS = (
    "id", "file", "title", "publisher", "kind", "published", "language",
    "event_id", "event_name", "event_date", "event_place",
    "source_url", "sha256", "licence", "note",
)
# event_id may be empty: a release that reports no meeting is its own event (tables.assemble.event_of)
REQUIRED = ("id", "file", "title", "publisher", "kind", "language", "sha256")
DOCUMENT_KINDS = ("primary", "secondary")
_NOT_DOCUMENTS = {"catalog.csv", "README.md", ".gitkeep"}

MAX_MB_VARIABLE = "LADFIN_MAX_DOCUMENT_MB"
DEFAULT_MAX_MB = 20.0  # a published announcement is kilobytes; anything near this is a wrong file
_MB = 1 << 20
# Byte order marks of the wide encodings editors save with; UTF-32 first, since the
# UTF-32-LE mark begins with the UTF-16-LE one.
_WIDE_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"), (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"), (b"\xfe\xff", "UTF-16"),
)


@dataclass(frozen=True)
class Document:
    doc: str                  # file name, the document's key in every table
    raw: str                  # the file's text, exactly as published
    lang: str = "en"
    entry: dict = field(default_factory=dict)  # its catalog row; empty outside the catalog
    detected: bool = False    # `lang` was detected, not given: a paragraph in another language is detected too

    @property
    def sha256(self) -> str:
        """The hex SHA-256 of the text's UTF-8 bytes: the file's, as `read_text` leaves them untouched."""
        return hashlib.sha256(self.raw.encode("utf-8")).hexdigest()

    def read(self) -> Document:
        """Return the document itself: it is read already (see `Unread`)."""
        return self


@dataclass(frozen=True)
class Unread:
    """A catalogued document not read yet: its file, language and catalog row, whose sha256 `read_catalog` checked.

    A build that keeps the rows of documents read before (`ladfin.tables.batches`)
    knows a document by its name, language, catalog row and `sha256`, so an
    unchanged document is never read; `read` reads one that is needed.
    """

    path: Path
    lang: str
    entry: dict

    @property
    def doc(self) -> str:
        return self.path.name

    @property
    def sha256(self) -> str:
        """The SHA-256 the catalog gives, checked against the file when the catalog was read."""
        return self.entry["sha256"].strip().lower()

    def read(self) -> Document:
        """Return the document read from its file.

        Raises:
            DocumentError: the file cannot be read, or no longer matches the catalog's sha256.
        """
        document = read_document(self.path, lang=self.lang, entry=self.entry)
        if document.sha256 != self.sha256:
            raise DocumentError(f"{self.path}: changed after the catalog was checked (its sha256 no longer "
                                "matches catalog.csv); run the build again")
        return document


def max_document_bytes(max_mb: float | None = None) -> int:
    """Return the largest document ladfin reads, in bytes: `max_mb`, else $LADFIN_MAX_DOCUMENT_MB, else 20.

    A megabyte here is 2**20 bytes.

    Raises:
        ParameterError: the limit is not a positive number.

    >>> max_document_bytes(1.5)
    1572864
    """
    given = max_mb if max_mb is not None else os.environ.get(MAX_MB_VARIABLE, DEFAULT_MAX_MB)
    try:
        megabytes = float(given)
    except (TypeError, ValueError):
        megabytes = float("nan")
    if not megabytes > 0:
        source = "max_mb" if max_mb is not None else MAX_MB_VARIABLE
        raise ParameterError(f"{source}={given!r} is not a positive number of megabytes")
    return round(megabytes * _MB)


def _too_big(path: Path, size: int | None, limit: int) -> DocumentError:
    """Return the error for a document over `limit` bytes; `size` is None for a stream of unknown length."""
    if size is None:
        have = f"more than {limit / _MB:.3g} MB (read {limit + 1} bytes without reaching its end)"
        raise_to = "<MB>"
    else:
        have = f"{size / _MB:.3g} MB ({size} bytes)"
        raise_to = str(int(size / _MB) + 1)
    return DocumentError(f"{path}: {have}, over the {limit / _MB:.3g} MB limit for a document; if it is one "
                         f"document, raise the limit: {MAX_MB_VARIABLE}={raise_to} (or max_mb={raise_to})")


def _read_bytes(path: Path, limit: int) -> bytes:
    """Return at most `limit` bytes of `path`, reading no more than limit + 1 of an endless stream."""
    try:
        with path.open("rb") as handle:
            info = os.fstat(handle.fileno())
            if stat.S_ISREG(info.st_mode) and info.st_size > limit:
                raise _too_big(path, info.st_size, limit)
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise DocumentError(f"{path}: file not found") from None
    except IsADirectoryError:
        raise DocumentError(f"{path}: is a directory, not a document") from None
    except OSError as exc:
        raise DocumentError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if len(data) > limit:
        raise _too_big(path, None, limit)
    return data


def read_text(path: Path, *, max_mb: float | None = None) -> str:
    """Return a document's text, decoded as UTF-8 and otherwise untouched.

    Reads at most `max_mb` megabytes (see `max_document_bytes`), so a huge file or an
    endless stream such as /dev/zero is refused without being read whole. A UTF-16 or
    UTF-32 file (one starting with its byte order mark) is refused rather than decoded:
    data/raw holds UTF-8 text, which every offset in the tables counts into.

    Raises:
        DocumentError: the file is missing, unreadable, too large, empty, binary, UTF-16,
            or not UTF-8.
        ParameterError: the size limit is not a positive number.
    """
    data = _read_bytes(path, max_document_bytes(max_mb))
    if not data.strip():
        raise DocumentError(f"{path}: file is empty")
    for bom, encoding in _WIDE_BOMS:
        if data.startswith(bom):
            raise DocumentError(f"{path}: {encoding} encoded; re-save it as UTF-8")
    if b"\x00" in data[:8192]:
        raise DocumentError(f"{path}: looks binary (NUL bytes); expected text, Markdown or HTML")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DocumentError(
            f"{path}: not UTF-8 (byte {exc.start}: {data[exc.start:exc.start + 1]!r}); "
            "re-save it as UTF-8"
        ) from None


def read_document(path: Path, *, lang: str | None = None, entry: dict | None = None,
                  max_mb: float | None = None) -> Document:
    """Return the Document stored at `path`; `doc` is its file name (see `read_text` for `max_mb`).

    `lang` None detects the language from the text (`ladfin.extract.language`);
    a given `lang` (the catalog's) overrides detection.
    """
    raw = read_text(path, max_mb=max_mb)
    if lang is None:
        from ladfin.extract.language import detect_language
        from ladfin.reference.vocabulary import languages

        return Document(doc=path.name, raw=raw, lang=detect_language(raw, list(languages())),
                        entry=dict(entry or {}), detected=True)
    return Document(doc=path.name, raw=raw, lang=lang, entry=dict(entry or {}))


def sha256(path: Path) -> str:
    """Return the hex SHA-256 of a file's bytes, read a block at a time."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(_MB), b""):
            digest.update(block)
    return digest.hexdigest()


def catalog_date(value: object) -> tuple[str | None, str | None]:
    """Return (the day, its precision) a catalog date stands for: "day", "month" or "year".

    A catalog may know only the month or the year of a document ("2023-06",
    "2023"): it is dated to that period's first day, and the precision says
    so (figures of such a document are flagged approximate_date). (None, None)
    for an empty cell or one that is no date.

    >>> catalog_date("2024-05-07"), catalog_date("2023-06"), catalog_date("2023"), catalog_date("June 2023")
    (('2024-05-07', 'day'), ('2023-06-01', 'month'), ('2023-01-01', 'year'), (None, None))
    """
    text = str(value or "").strip()
    for precision, padding in (("day", ""), ("month", "-01"), ("year", "-01-01")):
        if len(text) + len(padding) == 10:
            try:
                return date.fromisoformat(text + padding).isoformat(), precision
            except ValueError:
                return None, None
    return None, None


def _parse_date(value: str) -> date | None:
    day, _ = catalog_date(value)
    return date.fromisoformat(day) if day else None


def read_catalog(path: Path | None = None, *, max_mb: float | None = None,
                 hashes: Mapping[str, str] | None = None) -> list[dict]:
    """Return the catalog's rows after checking them against the files beside it.

    Checks that every file has an entry and every entry a file directly inside the
    catalog's folder, hashes match, dates parse, ids are unique, kinds are known, and
    no file is over the `max_mb` limit. A catalog saved with a UTF-8 byte order mark
    (Excel's "CSV UTF-8") reads like one without. `hashes` maps file names to the
    SHA-256 of their bytes where the caller has just taken it (a build reads each file
    once for its inputs digest and its check); any other file is hashed here.

    Raises:
        CatalogError: the catalog cannot be read, lists no documents, or has problems
            (listing every one, each with its line and field).
    """
    path = path or paths.catalog_path()
    if not path.is_file():
        raise CatalogError(f"{path}: catalog not found")
    try:
        text = read_text(path, max_mb=max_mb).removeprefix("\ufeff")
    except DocumentError as exc:
        raise CatalogError(str(exc)) from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [c for c in CATALOG_COLUMNS if c not in (reader.fieldnames or ())]
    if missing:
        raise CatalogError(f"{path}: missing column(s): {', '.join(missing)}")
    rows = list(reader)
    if not rows:
        raise CatalogError(f"{path}: no documents listed; add a row for each file in {path.parent}")
    problems = catalog_problems(rows, path.parent, max_mb=max_mb, hashes=hashes)
    if problems:
        raise CatalogError(f"{path}: {len(problems)} problem(s)\n{list_problems(problems)}")
    return rows


def _unsafe_name(value: str, raw_dir: Path, inside: Path | None = None) -> str | None:
    """Return why a catalog `file` value is not a file name inside `raw_dir`, or None if it is.

    `inside` is `raw_dir` resolved, when the caller has resolved it once for many values.
    """
    if any(ord(c) < 32 for c in value):
        return "contains a control character"
    if PurePosixPath(value).is_absolute() or PureWindowsPath(value).drive or value.startswith("\\"):
        return "is an absolute path"
    if ".." in value.replace("\\", "/").split("/"):
        return "contains '..'"
    if "/" in value or "\\" in value:  # either system's separator: the catalog travels
        return "contains a path separator"
    # A symbolic link in data/raw may point anywhere; what it reaches must stay inside. A name that
    # is no link (one component, checked above) resolves to itself inside the resolved folder: only
    # a link, or "." (the folder itself), is resolved, which costs a look at every folder on the way.
    inside = inside or raw_dir.resolve()
    named = inside / value
    if named != inside and not named.is_symlink():
        return None
    resolved = named.resolve()
    if resolved == inside or not resolved.is_relative_to(inside):
        return f"resolves to {resolved}, not a file inside {raw_dir}"
    return None


def catalog_problems(rows: list[dict], raw_dir: Path, *, max_mb: float | None = None,
                     hashes: Mapping[str, str] | None = None) -> list[str]:
    """Return every problem in catalog rows, each naming its line, file and field (`hashes`: see `read_catalog`)."""
    hashes = hashes or {}
    limit = max_document_bytes(max_mb)
    problems = []
    seen_ids: dict[str, int] = {}
    seen_files: set[str] = set()
    inside = raw_dir.resolve()
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
                problems.append(f"{where}: {column} {row[column]!r} is not a date (YYYY-MM-DD, or YYYY-MM "
                                f"or YYYY where only the month or year is known)")
        if not row["file"]:
            continue
        unsafe = _unsafe_name(row["file"], raw_dir, inside)
        if unsafe:
            problems.append(f"line {line}: file {row['file']!r} {unsafe}; "
                            f"give the name of a file directly inside {raw_dir}")
            continue
        seen_files.add(row["file"])
        file = raw_dir / row["file"]
        if not file.is_file():
            problems.append(f"{where}: file not found in {raw_dir}")
        elif (size := file.stat().st_size) > limit:
            problems.append(f"{where}: {size / _MB:.3g} MB is over the {limit / _MB:.3g} MB "
                            f"limit for a document; raise it with {MAX_MB_VARIABLE}")
        elif row["sha256"] and (hashes.get(row["file"]) or sha256(file)) != row["sha256"].strip().lower():
            problems.append(f"{where}: sha256 does not match the file (was it edited?)")
    with os.scandir(raw_dir) as entries:  # names, not Paths: 10,000 Paths take a second to sort
        for entry in sorted(entries, key=lambda e: e.name):
            if entry.is_file() and entry.name not in _NOT_DOCUMENTS and entry.name not in seen_files:
                problems.append(f"{entry.name}: file has no catalog entry")
    return problems


def load_all(catalog: Path | None = None, *, max_mb: float | None = None) -> list[Document]:
    """Return every catalogued document, in catalog order, each at most `max_mb` megabytes.

    Raises:
        CatalogError: the catalog does not match the files.
        DocumentError: a document cannot be read.
    """
    path = catalog or paths.catalog_path()
    rows = read_catalog(path, max_mb=max_mb)
    return [
        read_document(path.parent / row["file"], lang=row["language"], entry=row, max_mb=max_mb)
        for row in rows
    ]
