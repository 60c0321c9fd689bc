"""Holds a raw text while it is cleaned: spans masked with spaces, characters replaced, never moved.

Cleaning never moves a character, so an offset into the cleaned text is the
same offset into the raw file; what is masked is remembered with its reason.
"""

from __future__ import annotations

from typing import NamedTuple


class Span(NamedTuple):  # NamedTuples, not dataclasses: made by the thousand
    start: int
    end: int
    reason: str  # why the text is not read: front_matter, markup, url, boilerplate, script ...


class Canvas:
    """The raw text being cleaned: edits are queued and applied when the text is next read.

    Each pass of cleaning masks spans (overwrites them with spaces, newlines
    kept) or replaces a few characters; `text()` applies the queued edits by
    slicing, so a pass costs one copy of the text, however many spans it masks.
    """

    def __init__(self, raw: str):
        self._text = raw
        self._edits: list[tuple[int, int, str]] = []  # (start, end, replacement of equal length)
        self.masked: list[Span] = []

    def put(self, start: int, text: str) -> None:
        """Overwrite the characters from `start` with `text`."""
        self._edits.append((start, start + len(text), text))

    def mask(self, start: int, end: int, reason: str) -> None:
        """Overwrite [start, end) with spaces, keeping newlines, and remember why."""
        if end > start:
            text = self._text[start:end]
            blank = "\n".join(" " * len(line) for line in text.split("\n")) if "\n" in text else " " * len(text)
            self._edits.append((start, end, blank))
            self.masked.append(Span(start, end, reason))

    def text(self) -> str:
        if not self._edits:
            return self._text
        edits = sorted(self._edits, key=lambda e: e[0])
        if any(b[0] < a[1] for a, b in zip(edits, edits[1:])):
            chars = list(self._text)  # overlapping edits: apply in order, the later one wins
            for start, end, replacement in self._edits:
                chars[start:end] = replacement
            self._text = "".join(chars)
        else:
            pieces, pos = [], 0
            for start, end, replacement in edits:
                pieces += (self._text[pos:start], replacement)
                pos = end
            pieces.append(self._text[pos:])
            self._text = "".join(pieces)
        self._edits = []
        return self._text
