"""The errors ladfin raises: one base class and a few specific ones."""

from __future__ import annotations


class LadfinError(Exception):
    """Base class for errors raised by ladfin; the CLI prints these as one line."""


class DocumentError(LadfinError, ValueError):
    """A raw document cannot be read (empty, binary, not UTF-8, missing)."""


class CatalogError(LadfinError, ValueError):
    """The source catalog and the files in data/raw disagree."""


class ReferenceDataError(LadfinError, ValueError):
    """A reference table under data/reference is missing or malformed."""


class UnknownTermError(LadfinError, ValueError):
    """A word in a document has no entry in the reference tables."""


class SchemaError(LadfinError, ValueError):
    """A table does not match its declared schema."""


class RateError(LadfinError, LookupError):
    """No exchange rate or price index covers the asked currency and date."""


class ParameterError(LadfinError, ValueError):
    """A notebook or report parameter is outside what the data allows."""


def list_problems(problems: list[str], *, limit: int = 20) -> str:
    """Return problems as indented lines: the first `limit`, then a count of the rest."""
    shown = [f"  - {p}" for p in problems[:limit]]
    if len(problems) > limit:
        shown.append(f"  ... and {len(problems) - limit} more")
    return "\n".join(shown)


class ReportError(LadfinError, RuntimeError):
    """A report run failed: a notebook raised, or another run holds the lock."""


class NotebookError(ReportError):
    """A notebook of a report run failed; `cell` is the execution count of the failing cell, when known."""

    def __init__(self, message: str, cell: int | None = None):
        super().__init__(message)
        self.cell = cell


class OutputError(LadfinError, OSError):
    """A file or directory ladfin was asked to write cannot be written (missing, read-only, full)."""


class BuildError(LadfinError, RuntimeError):
    """A build could not run: another build holds the lock past the wait."""


def output_error(exc: OSError, path: object, doing: str = "write") -> OutputError:
    """Return an OutputError saying `path` cannot be written, and why, from the OSError `exc`.

    >>> str(output_error(FileNotFoundError(2, "No such file or directory"), "/nowhere/out.csv"))
    'cannot write /nowhere/out.csv: No such file or directory'
    """
    reason = exc.strerror or str(exc)
    named = f" ({exc.filename})" if exc.filename and str(exc.filename) != str(path) else ""
    return OutputError(f"cannot {doing} {path}{named}: {reason}")
