"""Checks the value of each figure row: finite, plausible, unsigned, in a range that rises, its scale read.

A figure ladfin cannot vouch for is kept and flagged, never dropped or guessed.
Where the number read cannot be the figure (it overflows, it is beyond any
plausible size for its kind, data/reference/plausible_values.csv; it is written
with a minus sign; a scale word of another language follows it), `value` and
`value_high` are left empty, so no total can add it, and `note` gives the
reading. Where both numbers of a falling range ("between $20 and $5 million")
are read, each keeps its value and both are flagged `range_inverted`: neither
reading (two figures, or one range from the higher to the lower) can be told
from the words. A number whose one separator before three digits neither its
language nor the text's other numerals settle ("€1.234" in English) keeps the
reading numerals.py gives it, flagged `separator_ambiguous`, unless it counts
persons or things, which are whole: "10,752 migrantes" is 10,752 in Spanish too.
"""

from __future__ import annotations

import math
import re
from functools import cache
from pathlib import Path

from ladfin import paths
from ladfin.core.cells import join_values, split_values
from ladfin.errors import ReferenceDataError
from ladfin.reference.patterns import alternation
from ladfin.reference.read import read_table
from ladfin.extract.layout import Layout
from ladfin.extract.numerals import groups_thousands
from ladfin.reference.vocabulary import Vocabulary

_MINUS = "-\u2212"  # hyphen-minus, minus sign
_GAP = 12  # characters between the ends of a range: " and US$ "
_WHOLE_KINDS = ("people", "count")  # kinds counted in whole units: a lone separator before three digits groups them
_LONE_GROUP = re.compile(r"(?<![\d.,’'])\d{1,3}(?P<sep>[.,])\d{3}(?![\d’']|[.,]\d)")  # 1.234, not 1.234.567


@cache
def _plausible(directory: Path) -> dict[tuple[str, str], float]:
    """Return the largest plausible value of each (kind, unit), "*" standing for any unit."""
    path = directory / "plausible_values.csv"
    out = {}
    for line, row in enumerate(read_table("plausible_values", ("kind", "unit", "max_value", "note"),
                                          directory=directory), start=2):
        try:
            limit = float(row["max_value"])
        except ValueError:
            limit = math.nan
        if not 0 < limit < math.inf:
            raise ReferenceDataError(f"{path}: line {line}: max_value {row['max_value']!r} is not a positive number")
        out[(row["kind"], row["unit"])] = limit
    return out


def plausible_max(kind: str, unit: str | None) -> float | None:
    """Return the largest plausible value of a figure of `kind` in `unit`, or None when the table has none.

    >>> plausible_max("people", "person")
    10000000000.0
    """
    return _limit(_plausible(paths.reference_dir()), kind, unit)


def _limit(limits: dict[tuple[str, str], float], kind: str, unit: str | None) -> float | None:
    return limits.get((kind, unit or "*"), limits.get((kind, "*")))


@cache
def _foreign_scale_re(directory: Path, lang: str) -> re.Pattern | None:
    """Return the pattern of a scale word written apart that is another language's, not `lang`'s."""
    rows = read_table("scales", ("word", "lang", "multiplier", "attached"), directory=directory)
    own = {r["word"].lower() for r in rows if r["lang"] in (lang, "*")}
    other = sorted({r["word"] for r in rows if r["attached"] != "true" and r["word"].lower() not in own})
    return re.compile(rf"\s+(?i:{alternation(other)})(?![^\W\d_])") if other else None


def check_values(rows: list[dict], layout: Layout, vocabularies: dict[str, Vocabulary]) -> None:
    """Flag, in place, each figure row whose value ladfin cannot vouch for (see the module docstring).

    `rows` are figure rows in text order, `layout` the document's, `vocabularies`
    the Vocabulary of each row's `lang`.
    """
    if not rows:
        return
    clean = layout.clean
    directory = vocabularies[rows[0]["lang"]].directory  # where the vocabularies were read: no look at the disk
    limits = _plausible(directory)
    foreign = {lang: _foreign_scale_re(directory, lang) for lang in vocabularies}
    for row in rows:
        _check_row(row, clean, limits, foreign[row["lang"]])
        if row["value"] is not None and ("." in row["quote"] or "," in row["quote"]):
            _check_separator(row, layout, vocabularies[row["lang"]])
    for first, second in zip(rows, rows[1:]):
        _check_range(first, second, clean, vocabularies[first["lang"]])


def _flag(row: dict, flag: str, note: str, *, empty: bool) -> None:
    row.update(flag=join_values([*split_values(row["flag"]), flag]),
               note="; ".join(filter(None, (row["note"], note))))
    if empty:
        row.update(value=None, value_high=None)


def _number(value: float) -> str:
    """Return a value as a note writes it: 2.5, 1,234,000, 1e+30."""
    return f"{value:,.0f}" if value.is_integer() and abs(value) < 1e15 else f"{value:,.6g}"


def _check_row(row: dict, clean: str, limits: dict[tuple[str, str], float], foreign: re.Pattern | None) -> None:
    values = [v for v in (row["value"], row["value_high"]) if v is not None]
    limit = _limit(limits, row["kind"], row["unit"])
    if not all(map(math.isfinite, values)):
        _flag(row, "implausible_value", "the number overflows: too many digits to be read as a figure", empty=True)
        return
    if limit is not None and any(abs(v) > limit for v in values):
        _flag(row, "implausible_value", f"read as {_number(max(values))}, above {_number(limit)}, the largest "
              f"plausible {row['kind']} figure in {row['unit'] or 'any unit'} (data/reference/plausible_values.csv)",
              empty=True)
        return
    start = row["start"]
    sign = clean[start - 1:start]
    before = clean[start - 2:start - 1] if start > 1 else ""
    if sign and sign in _MINUS and not (before.isalnum() or before in ".,-–"):
        _flag(row, "negative_value", f"written with a minus sign: read as -{_number(row['value'])}", empty=True)
        return
    after = foreign.match(clean, row["end"], row["end"] + 40) if foreign else None
    if after:
        _flag(row, "scale_unread", f"followed by {after.group().strip()!r}, a scale word of another language "
              f"than {row['lang']!r}: the value read, {_number(row['value'])}, leaves it out", empty=True)


def _check_separator(row: dict, layout: Layout, vocab: Vocabulary) -> None:
    """Flag a figure holding a numeral whose one separator before three digits nothing settles."""
    for m in _LONE_GROUP.finditer(layout.clean, row["start"], row["end"]):
        sep = m.group("sep")
        if sep == vocab.thousands_sep or groups_thousands(m.group()) or layout.shown_decimal() is not None:
            continue  # the language's own grouping, three zeros, or the text's other numerals settle it
        if vocab.scale_re.match(layout.clean[m.end():m.end() + 40]):
            continue  # "1.234 million": a decimal before a scale word
        if row["kind"] in _WHOLE_KINDS:  # "10,752 migrantes": persons and things are counted whole
            decimal, grouped = float(m.group().replace(sep, ".")), float(m.group().replace(sep, ""))
            for column in ("value", "value_high"):
                if row[column] == decimal:
                    row[column] = grouped
            continue
        other = "," if sep == "." else "."
        _flag(row, "separator_ambiguous", f"{m.group()!r}: read with {sep!r} as the decimal separator, as in "
              f"{vocab.lang!r}; nothing in the text rules out {m.group().replace(sep, other)!r}, a thousands group",
              empty=False)
        return


def _check_range(first: dict, second: dict, clean: str, vocab: Vocabulary) -> None:
    """Flag two figures that read as a range falling from the first to the second: "between $20 and $5 million"."""
    if first["value_high"] is not None or first["value"] is None or second["value"] is None:
        return
    if not 0 <= second["start"] - first["end"] <= _GAP or first["kind"] != second["kind"]:
        return
    opener = vocab.range_opener_re.search(clean, max(0, first["start"] - 48), first["start"])
    joiner = vocab.range_end_re[opener.group("opener").lower()].match(clean, first["end"], second["end"]) \
        if opener and opener.end() == first["start"] else None
    if joiner and second["value"] < first["value"]:
        note = f"a range falling from {_number(first['value'])} to {_number(second['value'])}; both kept as read"
        for row in (first, second):
            _flag(row, "range_inverted", note, empty=False)
