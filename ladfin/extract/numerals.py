"""Reads the value of a number as written: digits in any separator style, or words.

Which of "." and "," is a numeral's decimal separator is decided per numeral:
its shape settles it where it can ("1.234,5", "1,234,567", "51.2", and "3,000",
since no decimal is written with three trailing zeros); a single separator
before exactly three digits ("1.900", "2,500") is the language's
thousands separator when it is that, and otherwise groups thousands only where
the text's other numerals show the other separator as the decimal one, or show
both grouping thousands and neither as a decimal (`Layout.shown_decimal`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ladfin.reference.vocabulary import Vocabulary, fold

_GROUP_MARKS = "’'"  # each groups the millions in Peru ("3’075,776"); never a decimal mark
_GROUP_SPACES = " \u00a0\u202f"  # a space, no-break space or narrow one groups thousands ("12 000")


def numeral_value(text: str, vocab: Vocabulary, decimal_shown: Callable[[], str | None] | None = None) -> float:
    """Return the value of a numeral; `decimal_shown()` gives the decimal separator the text's numerals show.

    It is called only for a numeral its own shape leaves open, since reading the
    text's other numerals costs a scan of the text.

    >>> from ladfin.reference.vocabulary import vocabulary
    >>> es = vocabulary("es")
    >>> [numeral_value(t, es) for t in ("1.900", "51.2", "201,7", "3’075,776", "1.234,5")]
    [1900.0, 51.2, 201.7, 3075776.0, 1234.5]
    >>> numeral_value("2,500", es), numeral_value("2,500", es, decimal_shown=lambda: "."), numeral_value("3,000", es)
    (2.5, 2500.0, 3000.0)
    """
    if text.isdigit():
        return float(text)  # most numerals: no separator to decide
    if any(space in text for space in _GROUP_SPACES):
        for space in _GROUP_SPACES:
            text = text.replace(space, "")  # "12 000": a space groups thousands, never a decimal mark
        if text.isdigit():
            return float(text)
    grouped = any(mark in text for mark in _GROUP_MARKS)
    if grouped:
        for mark in _GROUP_MARKS:
            text = text.replace(mark, "")
    points, commas = text.count("."), text.count(",")
    decimal: str | None
    if points and commas:
        decimal = "." if text.rfind(".") > text.rfind(",") else ","
    elif points + commas > 1:
        decimal = None  # "1.234.567": the pattern admits repeated separators only before groups of three
    elif not points + commas:
        return float(text)
    else:
        sep = "." if points else ","
        if len(text) - text.index(sep) - 1 != 3:
            decimal = sep  # "51.2", "2,25": no group of thousands has other than three digits
        elif grouped or sep == vocab.thousands_sep or groups_thousands(text):
            decimal = None
        else:
            shown = decimal_shown() if decimal_shown else None
            decimal = None if shown not in (None, sep) else sep
    if decimal is None:
        return float(text.replace(".", "").replace(",", ""))
    whole, _, fraction = text.rpartition(decimal)
    return float(f"{whole.replace('.', '').replace(',', '')}.{fraction}")


def groups_thousands(numeral: str) -> bool:
    """Tell whether a numeral's one separator can only group thousands: three zeros follow it ("3,000", "40.000").

    No decimal is written with three trailing zeros, so "3,000 personas" is
    three thousand in any language; a zero before it ("0,000") is no group.

    >>> groups_thousands("3,000"), groups_thousands("2,500"), groups_thousands("0.000")
    (True, False, False)
    """
    whole, sep, fraction = numeral.partition("," if "," in numeral else ".")
    return bool(sep) and fraction == "000" and whole.isdigit() and whole.lstrip("0") != "" and len(whole) <= 3


def word_value(text: str, vocab: Vocabulary) -> float:
    """Return the value of a number in words: "twenty-one", "two hundred", "a dozen", "tres mil quinientas".

    The words add up within a group, an article counting one ("a million"); a
    multiplying word below a thousand ("hundred", "dozen") multiplies its group,
    or one, and a thousand closes the group before it ("three thousand five
    hundred" is 3,500). The words that join parts ("and", "y", "e") count nothing.

    >>> from ladfin.reference.vocabulary import vocabulary
    >>> word_value("one hundred and twenty", vocabulary("en")), word_value("dos mil quinientos", vocabulary("es"))
    (120.0, 2500.0)
    """
    phrase = " ".join(text.lower().split())
    if " " in phrase and phrase in vocab.number_words and phrase not in vocab.multipliers:
        return vocab.number_words[phrase]  # "half a", "a quarter of a" (million): a fraction of the scale after it
    total = group = 0.0
    for part in re.split(r"[-\s]+", text.lower()):
        factor = vocab.multipliers.get(part)
        if factor is not None and factor >= 1000:
            total += (group or 1) * factor
            group = 0.0
        elif factor is not None:
            group = (group or 1) * factor
        elif part in vocab.articles:
            group += 1
        else:
            group += vocab.number_words.get(part, 0)
    return total + group


_COMPOUND_PART = re.compile(r"\s+(\d{1,3}(?:[.,]\d{3})*)(?![\d.,’']?\d)")
_MAJOR = 1e6  # a scale from a million up closes a group: "mil 897 millones 700 mil"


def scale_of(word: str, vocab: Vocabulary) -> float:
    """Return the multiplier of a scale word as written ("millones", "bn", "Mil", "-million")."""
    word = fold(word).lstrip("-")
    return vocab.scales.get(word, vocab.scales.get(word.lower(), 1.0))


def compound_number(clean: str, pos: int, number: float, scale: float, vocab: Vocabulary,
              *, last: float | None = None) -> tuple[float, float, int]:
    """Return (number, scale, end) of a number written in parts: "mil 897 millones 700 mil", "78 mil 975".

    `number` times `scale` is what has been read so far; `last` is its last scale
    word's value, when other than `scale` ("mil" read as the number 1000). A part
    is a number with a scale after it, a million and up only below the previous
    one (it closes a group: "mil 897 millones" is 1,897 million), a thousand only
    right after such a scale ("un millón 600 mil"), or, after a thousand, a final
    group of up to three digits ("Q265 mil 070", and "4 mil 22", as Mexican papers
    write 4,022). Unchanged when no part follows.
    """
    if not clean[pos + 1:pos + 2].isdigit():
        return number, scale, pos  # the common case: nothing follows in parts
    value = number * scale
    last = scale if last is None else last
    total, group = (value, 0.0) if last >= _MAJOR else (0.0, value)
    major = last if last >= _MAJOR else float("inf")
    end = pos
    while part := _COMPOUND_PART.match(clean, end):
        digits = part.group(1)
        amount = float(digits.replace(".", "").replace(",", ""))
        after = vocab.scale_re.match(clean[part.end():part.end() + 40])
        factor = scale_of(after.group(), vocab) if after else None
        if factor and factor >= _MAJOR and factor < major:
            total, group, major = total + (group + amount) * factor, 0.0, factor
        elif factor and factor < _MAJOR and last >= _MAJOR:
            group = amount * factor
        elif factor is None and last == 1000 and digits.isdigit():
            group += amount
            end = part.end()
            last = 1.0
            break
        else:
            break
        last, end = factor, part.end() + after.end()
    if end == pos:
        return number, scale, pos
    return total + group, 1.0, end
