"""Regex pieces built from the words of reference tables.

Each function returns regex source, safe to embed in a pattern compiled with
or without re.VERBOSE: literal spaces and `#` are escaped, and a space in a word
becomes `\\s+`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

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
