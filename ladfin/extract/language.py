"""Tells which language a text is written in, and which number style its figures show.

Detection is py3langid's: the naive Bayes model of langid.py over byte n-grams,
97 languages, shipped inside the package (offline, under 5 MB, a sentence in
about 0.1 ms). It reads every language it knows, not only those ladfin has a
vocabulary for, so a document in another language is told apart instead of
being read as the nearest one we know; such a document is kept, read with the
number style it shows (`shown_decimal_separator`) and flagged.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from ladfin.extract.numerals import groups_thousands

SAMPLE_CHARS = 3000  # a document's language is read from this much of its prose, from the start
BLOCK_CHARS = 600    # a paragraph's from this much of it
MIN_LETTERS = 60     # fewer letters tell a language too unreliably to overrule the known ones
CONFIDENT = 0.95     # the probability over which a reading overrules the default

# What is not prose: markup, addresses, entities, digits (figures say nothing of the language).
_NOT_PROSE = re.compile(r"<[^<>]*>|(?:https?://|www\.)\S+|&[#\w]+;|[\d_]+")
_LETTER = re.compile(r"[^\W\d_]")


@cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier  # imported on first use: ~1 s

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _prose(text: str, chars: int) -> str:
    return _NOT_PROSE.sub(" ", text[:chars * 2])[:chars]


def detect_language(text: str, known: Sequence[str]) -> str:
    """Return the code of the language `text` is written in: the likeliest of `known`,
    or another language where the model is sure of it (ISO 639-1, as py3langid names it).

    >>> detect_language("O governo anunciou 5 milhões de reais para os refugiados venezuelanos.", ["en", "es", "pt"])
    'pt'
    >>> detect_language("Le gouvernement a annoncé cinq millions d'euros pour les réfugiés du pays.", ["en", "es"])
    'fr'
    """
    sample = _prose(text, SAMPLE_CHARS)
    ranked = _identifier().rank(sample)
    top, probability = ranked[0]
    if top in known:
        return top
    if probability >= CONFIDENT and len(_LETTER.findall(sample)) >= MIN_LETTERS:
        return top
    return next((lang for lang, _ in ranked if lang in known), known[0])


def paragraph_language(text: str, default: str, known: Sequence[str]) -> str:
    """Return the language of one paragraph: another of `known` where the model is sure of it, else `default`.

    A paragraph too short to tell keeps the document's language.

    >>> paragraph_language("Mais de 300 mil migrantes atravessaram a selva do Darién neste ano, segundo o governo.",
    ...                    "en", ["en", "es", "pt"])
    'pt'
    """
    sample = _prose(text, BLOCK_CHARS)
    if len(_LETTER.findall(sample)) < MIN_LETTERS:
        return default
    scores = {lang: p for lang, p in _identifier().rank(sample) if lang in known}
    total = sum(scores.values())
    best = max(scores, key=scores.get) if total else default
    return best if best != default and scores[best] / total >= CONFIDENT else default


# A numeral with a separator: which of "." and "," is its decimal one, when its shape tells.
_SEPARATED = re.compile(r"(?<![\d.,])\d+(?:[.,]\d+)+")


def shown_decimal_separator(text: str) -> str | None:
    """Return the decimal separator most numerals of `text` show unambiguously ("." or ","), "" for neither, or None.

    A numeral shows it when both separators occur ("1.234,5": the last one),
    when one separator groups thousands more than once ("1,234,567": the other
    one is decimal) or before three zeros ("40,000": no decimal ends so), or
    when a single separator is followed by other than three digits ("51.2",
    "2,25"). "1.500" shows nothing. A text whose numerals show each separator
    grouping thousands ("10,000" and "10.000") and none written as a decimal
    mixes the two styles of grouping: it returns "", neither is its decimal
    separator, so "10,501" there is ten thousand five hundred and one.

    >>> shown_decimal_separator("51.2 millones y 107.6 millones; 1.900 millones")
    '.'
    >>> shown_decimal_separator("R$ 1,5 bilhão e 630,9 milhões") , shown_decimal_separator("1.500")
    (',', None)
    >>> shown_decimal_separator("Más de 10,000 personas; más de 10.000 migrantes")
    ''
    """
    votes = {".": 0, ",": 0}
    grouping = set()  # the separators some numeral shows grouping thousands
    written_decimal = False  # some numeral shows its decimal separator written as one ("51.2", "1.234,5")
    for numeral in _SEPARATED.findall(text):
        decimal = _decimal_shown(numeral)
        if decimal:
            votes[decimal] += 1
            if _groups_only(numeral):
                grouping.add("," if decimal == "." else ".")
            else:
                written_decimal = True
    if votes["."] == votes[","]:
        return "" if grouping == {".", ","} and not written_decimal else None
    return "." if votes["."] > votes[","] else ","


def _groups_only(numeral: str) -> bool:
    """Tell whether a numeral shows only a separator of thousands: "40,000", "1.234.567", no decimal written."""
    return groups_thousands(numeral) or (len(set(c for c in numeral if c in ".,")) == 1
                                         and numeral.count(".") + numeral.count(",") > 1)


def _decimal_shown(numeral: str) -> str | None:
    seps = [c for c in numeral if c in ".,"]
    groups = re.split(r"[.,]", numeral)
    if "." in seps and "," in seps:
        return seps[-1]
    if len(seps) > 1:
        if all(len(g) == 3 for g in groups[1:]) and len(groups[0]) <= 3:
            return "," if seps[0] == "." else "."
        return None  # a date or a version number, no figure
    if groups_thousands(numeral):
        return "," if seps[0] == "." else "."  # "3,000": a group of thousands, so the other one is decimal
    return seps[0] if len(groups[1]) != 3 else None
