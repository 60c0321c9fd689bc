"""Reads the tables of data/reference and checks them, for one language at a time.

`read_table` is the one place a reference CSV is opened; `Tables` reads them as
a language sees them: its own rows and the rows for every language ("*"), its
number style from languages.csv, and the function words of the languages it
reads them from.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from ladfin import paths
from ladfin.errors import ReferenceDataError

LANGUAGE_COLUMNS = (
    "lang", "thousands_sep", "decimal_sep", "of_word", "noun_first", "function_word_langs",
)
# What each row of function_words.csv does; data/reference/README.md says how
# each is used. A role outside this list is a typo, refused when the table is read.
FUNCTION_WORD_ROLES = (
    "stop_word", "conjunction", "and", "label_joiner", "date_joiner",
    "range_end", "range_start", "change_start",
    "article", "definite_article", "place_preposition", "duration_preposition",
    "duration_ahead", "duration_unit", "borrow_next_word", "heading_word",
    "ordinal_suffix", "adverb_suffix", "verb_suffix", "plural_suffix", "possessive",
    "agent_phrase", "receiver_verb", "copula", "person_relative", "partitive_word", "of_them",
    "not_plural_suffix", "leading_adjective", "describer", "leading_adverb",
    "passive_agent", "source_participle", "office_noun", "office_of", "provider_noun", "clause_opener",
    "owner_preposition", "anaphor", "of_contraction", "change_end", "speech_verb", "clause_start", "item_with",
)


def read_table(name: str, columns: tuple[str, ...], *, directory: Path | None = None) -> list[dict]:
    """Return the rows of data/reference/<name>.csv as dicts, checking its columns.

    Raises:
        ReferenceDataError: the file is missing, lacks a column, has a row of more or
            fewer cells than its header, or has an empty cell in a required column.
    """
    path = (directory or paths.reference_dir()) / f"{name}.csv"
    if not path.is_file():
        raise ReferenceDataError(f"{path}: reference table is missing")
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    header = rows[0].keys() if rows else ()
    missing = [c for c in columns if c not in header]
    if missing:
        raise ReferenceDataError(f"{path}: missing column(s) {', '.join(missing)}")
    # A regex cell holding a comma ("#{1,6}") unquoted splits into two cells, and the rule it
    # states silently never matches: a row of more or fewer cells than the header is refused.
    ragged = [i + 2 for i, row in enumerate(rows) if None in row or None in row.values()]
    if ragged:
        raise ReferenceDataError(f"{path}: line(s) {ragged[:10]} hold more or fewer cells than the header "
                                 f"({', '.join(header)}); quote a cell that holds a comma")
    bad = [i + 2 for i, row in enumerate(rows) if any(not (row[c] or "").strip() for c in columns)]
    if bad:
        raise ReferenceDataError(f"{path}: empty required cell on line(s) {bad[:10]}")
    return rows


def fold(text: str) -> str:
    """Return text with each run of white space folded to one space, ends stripped.

    >>> fold("  more\\n  than ")
    'more than'
    """
    return " ".join(text.split())


def compile_row(path: Path, line: int, pattern: str, *, flags: int = 0) -> re.Pattern:
    """Compile a regex written in a reference table, or say which file and line it is.

    Raises:
        ReferenceDataError: the pattern does not compile.
    """
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise ReferenceDataError(
            f"{path}: line {line}: pattern {pattern!r} does not compile ({exc})"
        ) from None


class Tables:
    """The reference tables of one directory, as one language reads them.

    Raises (on construction):
        ReferenceDataError: languages.csv is malformed, has no row for `lang`, or
            names an unknown language in `function_word_langs`.
    """

    def __init__(self, directory: Path, lang: str):
        self.directory = directory
        self.lang = lang
        languages = {r["lang"]: r for r in self.all("languages", LANGUAGE_COLUMNS)}
        if lang not in languages:
            raise ReferenceDataError(
                f"{self.path('languages')}: no row for language {lang!r}; add one "
                f"(known: {', '.join(sorted(languages))})"
            )
        self.style = languages[lang]
        self.word_langs = frozenset(self.style["function_word_langs"].split(";"))
        unknown = sorted(self.word_langs - set(languages))
        if unknown:
            raise ReferenceDataError(
                f"{self.path('languages')}: function_word_langs of {lang!r} names unknown "
                f"language(s) {unknown}; each needs its own row"
            )
        self._function_words: dict[str, list[str]] | None = None

    def path(self, name: str) -> Path:
        """Return the path of data/reference/<name>.csv."""
        return self.directory / f"{name}.csv"

    def all(self, name: str, columns: tuple[str, ...]) -> list[dict]:
        """Return every row of a table, whatever its language."""
        return read_table(name, columns, directory=self.directory)

    def rows(self, name: str, columns: tuple[str, ...]) -> list[dict]:
        """Return the rows of a table for this language and for every language ("*")."""
        return [r for r in self.all(name, columns) if r.get("lang", "*") in (self.lang, "*")]

    def words(self, role: str) -> list[str]:
        """Return the function words of `role`, from every language this one reads them from.

        A document in one language quotes names and phrases in another, so a
        language reads the function words of each language in its
        `function_word_langs` (languages.csv), not only its own.

        Raises:
            ReferenceDataError: function_words.csv has a row with an unknown role.
        """
        if self._function_words is None:
            self._function_words = self._read_function_words()
        return self._function_words.get(role, [])

    def _read_function_words(self) -> dict[str, list[str]]:
        rows = self.all("function_words", ("word", "lang", "role"))
        bad = [i for i, r in enumerate(rows, start=2) if r["role"] not in FUNCTION_WORD_ROLES]
        if bad:
            raise ReferenceDataError(
                f"{self.path('function_words')}: unknown role on line(s) {bad[:10]}"
                f"{f' and {len(bad) - 10} more' if len(bad) > 10 else ''}; "
                f"known: {', '.join(FUNCTION_WORD_ROLES)}"
            )
        found: dict[str, list[str]] = {}
        for r in rows:
            if r["lang"] in self.word_langs or r["lang"] == "*":
                found.setdefault(r["role"], []).append(r["word"])
        return found
