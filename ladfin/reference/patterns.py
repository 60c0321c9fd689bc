"""Regex pieces built from the words of reference tables.

Each function returns regex source, safe to embed in a pattern compiled with
or without re.VERBOSE: literal spaces and `#` are escaped, and a space in a word
becomes `\\s+`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from re import _parser  # the standard library's own parse of a pattern, read by `openings`

NEVER = r"(?!x)x"  # matches nothing: the alternation of no words


def alternation(words: Iterable[str], *, flags: str = "") -> str:
    """Return a regex matching any of the literal words, longest first (`US$` beats `US`).

    The words are laid out as a trie, so a shared prefix is tested once: a flat
    alternation of a thousand country names is tried name by name at every
    position, which made matching the slowest step of extraction. A space in a
    word matches any run of white space, since hard-wrapped text breaks "Costa
    Rica" and "more than" across lines; run matches through `fold` before
    looking them up. `flags` ("i") applies inline flags to the group.

    >>> alternation(["year", "years", "month"])
    '(?:(?:month|year(?:s)?))'
    >>> bool(re.fullmatch(alternation(["more than"]), "more\\n than"))
    True
    """
    trie: dict = {}
    for word in {w for w in words if w}:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    body = _trie_pattern(trie) if trie else NEVER
    return f"(?{flags}:{body})" if flags else f"(?:{body})"


def reversed_alternation(words: Iterable[str], *, flags: str = "") -> str:
    """Return `alternation` of the words spelt backwards, for patterns read on reversed text.

    What ends right before a number (a hedge, a label, a preposition) is matched
    from the number backwards on the reversed text (`Layout.match_before`): one
    anchored try instead of a `...$` search. The reversed pattern is generated
    from the table's words, never written backwards by hand.

    >>> pattern = re.compile(reversed_alternation(["and", "or", "to"]))
    >>> [bool(pattern.fullmatch(w[::-1])) for w in ("and", "or", "to", "an")]
    [True, True, True, False]
    """
    return alternation((w[::-1] for w in words), flags=flags)


def initials(words: Iterable[str]) -> str:
    """Return a character class of the words' first characters, to test before their `alternation`.

    The regex engine tries a trie's first-level branches one by one, so at a
    place where no word starts a failing match costs a test per first letter;
    a class is one test. Put as a lookahead before the alternation where most
    places tried start no word ("the space before a number word").

    >>> initials(["two", "Two", "ten"])
    '[Tt]'
    """
    firsts = sorted({w[0] for w in words if w})
    return "[" + "".join(r"\s" if ch == " " else re.escape(ch) for ch in firsts) + "]" if firsts else NEVER


def openings(patterns: Iterable[str]) -> str | None:
    """Return a character class of every character that can open a match of one of the regexes, or None.

    `initials` for patterns a table writes as regexes (boilerplate.csv): put as
    a lookahead before their alternation, one class test rejects a place where
    none opens, where the regex engine would enter each alternative in turn
    (under (?i) it cannot skip one by its first letter). Read from the standard
    library's parse of each pattern: a literal, a class, a group or an
    alternation of them, or one of these repeated at least once, opens it.
    None where one may open otherwise (an optional part, ".", an anchor, a
    negated class): then no class holds every opening, and the caller puts no
    guard. Case is left to the flags the class is used under, as the
    patterns' own.

    >>> print(openings(["top of page", "(?:share|print) this page", r"\\d+ comments?", "[-*]{3,}"]))
    [\\*\\-\\dpst]
    >>> openings(["top", ".*"]) is None
    True
    """
    found: set[str] = set()
    for pattern in patterns:
        opening = _opening(list(_parser.parse(pattern)))
        if opening is None:
            return None
        found |= opening
    return "[" + "".join(sorted(found)) + "]" if found else None


def _opening(items: list) -> set[str] | None:
    """Return the class members (regex source) that can open the parsed items, None if any character may."""
    if not items:
        return None
    op, av = items[0]
    if op is _parser.LITERAL:
        return {re.escape(chr(av))}
    if op is _parser.IN:
        members = set()
        for kind, value in av:
            if kind is _parser.LITERAL:
                members.add(re.escape(chr(value)))
            elif kind is _parser.RANGE:
                members.add(f"{re.escape(chr(value[0]))}-{re.escape(chr(value[1]))}")
            elif kind is _parser.CATEGORY and value is _parser.CATEGORY_DIGIT:
                members.add(r"\d")
            else:
                return None  # a negated class, or a category such as \w: too wide to be worth a guard
        return members
    if op is _parser.SUBPATTERN:
        return _opening(list(av[-1]))
    if op is _parser.ATOMIC_GROUP:
        return _opening(list(av))
    if op is _parser.BRANCH:
        members = set()
        for branch in av[1]:
            opening = _opening(list(branch))
            if opening is None:
                return None
            members |= opening
        return members
    if op in (_parser.MAX_REPEAT, _parser.MIN_REPEAT, _parser.POSSESSIVE_REPEAT) and av[0] >= 1:
        return _opening(list(av[2]))
    return None


def _trie_pattern(node: dict) -> str:
    branches = [
        (r"\s+" if ch == " " else re.escape(ch)) + _trie_pattern(child)
        for ch, child in sorted(node.items())
        if ch
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def cases(words: Iterable[str]) -> list[str]:
    """Return each word as written, capitalised and in capitals: cheaper to match than (?i).

    >>> cases(["two"])
    ['two', 'Two', 'TWO']
    """
    return [form for w in words for form in (w, w[:1].upper() + w[1:], w.upper())]
