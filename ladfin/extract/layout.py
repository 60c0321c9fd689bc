"""Reads the structure of a raw document: what is text, blocks, sections, sentences.

Cleaning never moves a character: markup, boilerplate and bullet markers are
overwritten with spaces (newlines kept), so an offset into the cleaned text is
the same offset into the raw file and `raw[start:end]` is always the quote.
Whatever is masked is remembered with its reason, so a number inside it is
reported as skipped rather than lost.

Only readable text is read: the content of <script>, <style>, <template> and
<noscript> elements and of HTML comments is masked whole, with the element's
name (or `comment`) as its reason. An entity is decoded only in text, never
inside a tag or masked content; what it decodes to is text, never markup again,
so `&lt;script&gt;` is a page writing about a script tag and its numbers are
read like any other. A soft hyphen (U+00AD, `&shy;`) inside a word is taken out
by moving the letters before it right, so "mil&shy;lion" reads as "million"
ending where the raw word ends. A run of text longer than `MAX_SENTENCE`
characters with no sentence end is cut into sentences of at most that length,
so no figure's context grows with the document.
"""

from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

import yaml

from ladfin.core.vocab import BlockKind
from ladfin.errors import DocumentError
from ladfin.extract.canvas import Canvas, Span
from ladfin.extract.language import shown_decimal_separator
from ladfin.reference.vocabulary import Vocabulary


class Block(NamedTuple):
    start: int
    end: int
    kind: BlockKind
    status: str | None  # "new", "advancing" ... from a marker such as "(new)"


class Section(NamedTuple):
    start: int
    title: str
    pillar: int


@dataclass(frozen=True)
class Layout:
    clean: str
    meta: dict
    masked: tuple[Span, ...]
    blocks: tuple[Block, ...]
    sections: tuple[Section, ...]
    sentences: tuple[tuple[int, int], ...]
    sentence_blocks: tuple[int, ...]  # index into blocks for each sentence
    sentence_starts: tuple[int, ...]
    section_starts: tuple[int, ...]
    backwards: str  # `clean` reversed, for patterns read backwards from a position

    def match_before(self, pattern: re.Pattern, end: int, width: int) -> re.Match | None:
        """Match `pattern`, written for the reversed text, on the `width` characters
        before `end`, reading backwards from `end` (see `Vocabulary.hedge_rev_re`).

        One anchored try: a `...$` search over the text before `end` would try
        every position of it.
        """
        r = len(self.backwards) - end
        return pattern.match(self.backwards, r, r + width)

    @cached_property
    def _decimal_shown(self) -> str | None:
        return shown_decimal_separator(self.clean)

    def shown_decimal(self) -> str | None:
        """Return the decimal separator the text's numerals show, read once and only when asked
        (see `ladfin.extract.language.shown_decimal_separator`)."""
        return self._decimal_shown

    @cached_property
    def _folded(self) -> dict[int, str]:
        return {}

    def sentence_text(self, index: int) -> str:
        """Return sentence `index`, white space folded; one string per sentence, however many figures share it."""
        found = self._folded.get(index)
        if found is None:
            start, end = self.sentences[index]
            found = self._folded[index] = " ".join(self.clean[start:end].split())
        return found

    def sentence_at(self, offset: int) -> int:
        """Return the index of the sentence holding `offset` (the nearest one before it)."""
        return max(bisect.bisect_right(self.sentence_starts, offset) - 1, 0)

    def section_at(self, offset: int) -> Section:
        """Return the section holding `offset`: the last heading before it, or the overview."""
        i = bisect.bisect_right(self.section_starts, offset) - 1
        return self.sections[i] if i >= 0 else _OVERVIEW


_OVERVIEW = Section(0, "", 0)


# libyaml's loader where PyYAML was built with it: the same safe subset, ten times faster.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\n(.*?\n)---[ \t]*(?:\n|\Z)", re.S)
# A comment, or an element whose content is no text a reader sees; unclosed, it runs to the end.
_HIDDEN = re.compile(r"<!--.*?(?:-->|\Z)|<(script|style|template|noscript)\b[^<>]*>.*?(?:</\1\s*>|\Z)", re.S | re.I)
# A heading's body is bounded, so an unclosed <b> costs a bounded look ahead, not a scan to the end.
_HEADING_TAG = re.compile(r"<(h[1-6]|span|strong|b|u|em)\b[^>]*>(.{0,3000}?)</\1\s*>", re.S | re.I)
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_ENTITY = re.compile(r"&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z]{2,8});")
_SOFT_HYPHEN = re.compile(r"\u00ad|&(?:shy|#173|#[xX]0*[aA][dD]);")
_SOFT_WORD = re.compile(r"[^\W\d_]+(?:(?:\u00ad|&(?:shy|#173|#[xX]0*[aA][dD]);)+[^\W\d_]+)+")
MAX_SENTENCE = 1000  # characters; the corpus's longest sentence has about 800
_NON_SPACE = re.compile(r"\S")
_ESCAPE = re.compile(r"\\(?=[\\`*_{}\[\]()#+\-.!$<>|~])")
_MD_LINK = re.compile(r"(!?\[)([^\]\n]*)(\]\([^)\s]*\))")
# Patterns open with a literal or a class, never ^ or \b, where they can: the
# regex engine then skips to candidate positions instead of trying each one.
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"')\]]+")  # at a word start: checked by the caller
_EMPHASIS = re.compile(r"\*\*|__")
_MD_HEADING = re.compile(r"\n[ \t]*#{1,6}[ \t]+(?=\S)")  # searched in "\n" + text
_BULLET = re.compile(
    r"^[ \t]*(?:[-*+•●▪◦·‣]|(?P<num>\d{1,3}[.)]|\(\d{1,3}\)|[a-z][.)]|\([a-z]\)))[ \t]+(?=\S)",
    re.M,
)
# [.!?][.!?]*, not [.!?]+: a pattern opening with a character class is scanned faster.
_SENTENCE_END = re.compile(r"[.!?][.!?]*[\"”’)\]]*(?=\s+[\"“‘(\[]?[A-Z0-9¿¡•ÁÉÍÓÚÑÀÂÊÔÃÕÇ])")


def read_layout(raw: str, vocab: Vocabulary, *, doc: str = "<text>") -> Layout:
    """Return the Layout of a raw document: cleaned text, masked spans, blocks, sections, sentences.

    Raises:
        DocumentError: the YAML front matter does not parse.
    """
    canvas = Canvas(raw)
    mask = canvas.mask
    meta: dict = {}
    front = _FRONT_MATTER.match(raw)
    if front:
        try:
            parsed = yaml.load(front.group(1), Loader=_YAML_LOADER)
        except yaml.YAMLError as exc:
            raise DocumentError(f"{doc}: YAML front matter does not parse: {exc}") from None
        # Anything but a mapping between two rules is Markdown text, not front matter.
        if isinstance(parsed, dict):
            meta = parsed
            mask(0, front.end(), "front_matter")

    # Each pass runs only where its trigger character occurs: a membership test
    # is far cheaper than a regex scan of a document with no markup.
    heading_spans = []
    if "<" in raw:
        heading_spans = [(m.start(), m.end()) for m in _HEADING_TAG.finditer(raw)]
        for m in _HIDDEN.finditer(raw):
            mask(m.start(), m.end(), m.group(1).lower() if m.group(1) else "comment")
        text = canvas.text()
        for m in _TAG.finditer(raw):
            if text[m.start()] != " ":  # not inside a comment or hidden element
                mask(m.start(), m.end(), "markup")
    if "&" in raw:
        text = canvas.text()
        for m in _ENTITY.finditer(raw):
            if text[m.start()] != "&":
                continue  # inside a tag or masked content: no text to decode
            decoded = html.unescape(m.group())
            mask(m.start(), m.end(), "markup")
            if len(decoded) == 1 and not decoded.isdigit() and decoded != "\u00ad":
                # Right-aligned, so "&euro;5" reads as "€5": a symbol stays next to its number.
                canvas.put(m.end() - 1, decoded)
    if "\u00ad" in raw or "&" in raw and _SOFT_HYPHEN.search(raw):
        _join_soft_hyphens(raw, canvas)
    if "\\" in raw:
        for m in _ESCAPE.finditer(raw):
            canvas.put(m.start(), " ")
    if "](" in raw:
        for m in _MD_LINK.finditer(raw):
            mask(m.start(1), m.end(1), "markup")
            mask(m.start(3), m.end(3), "url")
    if "http" in raw or "www." in raw:
        pos = 0
        while url := _next_url(raw, pos):
            if url.start() and (raw[url.start() - 1].isalnum() or raw[url.start() - 1] == "_"):
                pos = url.start() + 1  # inside a word: not a URL
                continue
            mask(url.start(), url.end(), "url")
            pos = url.end()
    if "**" in raw or "__" in raw:
        for m in _EMPHASIS.finditer(raw):
            canvas.put(m.start(), "  ")
    for m in vocab.boilerplate_re.finditer("\n" + canvas.text()):
        mask(m.start(), m.end() - 1, "boilerplate")  # offsets of the text without the newline
    if "#" in raw:
        for m in _MD_HEADING.finditer("\n" + canvas.text()):
            mask(m.start(), m.end() - 1, "markup")  # offsets of the text without the newline

    starts = _bullet_starts(canvas.text(), mask)
    if "<" in raw:
        starts = _merge_starts(starts, _tag_starts(raw, canvas.text()))
    blocks = _blocks(canvas.text(), starts, heading_spans, vocab)
    blocks = _drop_trailing_chrome(blocks, canvas.text(), mask)
    clean = canvas.text()
    backwards = clean[::-1]
    sections = tuple(_sections(blocks, clean, vocab))
    sentences, sentence_blocks = _sentences(blocks, clean, backwards, vocab)
    return Layout(
        clean=clean,
        meta=meta,
        masked=tuple(sorted(canvas.masked, key=lambda s: s.start)),
        blocks=tuple(blocks),
        sections=sections,
        sentences=tuple(sentences),
        sentence_blocks=tuple(sentence_blocks),
        sentence_starts=tuple(start for start, _ in sentences),
        section_starts=tuple(s.start for s in sections),
        backwards=backwards,
    )


def _next_url(raw: str, pos: int) -> re.Match | None:
    """Return `_URL.search(raw, pos)`, its openings found by `str.find`.

    A pattern opening with two words is searched by testing each "h" and "w" of
    the text; a URL can only start where "http" or "www." does.
    """
    while True:
        starts = [at for at in (raw.find("http", pos), raw.find("www.", pos)) if at >= 0]
        if not starts:
            return None
        url = _URL.match(raw, min(starts))
        if url:
            return url
        pos = min(starts) + 1


def _join_soft_hyphens(raw: str, canvas: Canvas) -> None:
    """Write each word broken by soft hyphens whole, its letters moved right over the hyphens.

    The word then ends where it ends in the raw text, so a scale word closing a
    quote ("$5 mil&shy;lion") keeps the quote's end; a word left masked stays so.
    """
    text = canvas.text()
    for m in _SOFT_WORD.finditer(raw):
        if text[m.start()] != raw[m.start()]:
            continue  # masked
        letters = _SOFT_HYPHEN.sub("", m.group())
        canvas.put(m.start(), " " * (len(m.group()) - len(letters)) + letters)


def _bullet_starts(clean: str, mask) -> list[tuple[int, bool]]:
    """Mask bullet markers and return where each block starts, and whether it is a bullet."""
    starts: list[tuple[int, bool]] = []
    previous_blank = True
    previous_numbered = False
    previous_line = ""
    previous_started = False  # the last non-blank line began a block
    previous_one_line = False  # ... and began it under a one-line paragraph: the text is not hard-wrapped
    offset = 0
    bullet_at = _BULLET.match
    for line in clean.splitlines(keepends=True):
        blank = line.isspace()  # a line from splitlines is never empty
        bullet = None if blank else bullet_at(line)
        if bullet and bullet.group("num"):
            # A numbered line is a list item only where a list can start, or goes on.
            indented = line[:1] in " \t"
            if not (indented or previous_blank or previous_numbered
                    or previous_line.rstrip()[-1:] in (":", ";", ".")):
                bullet = None
        previous_numbered = bool(bullet and bullet.group("num"))
        started = bool(bullet)
        if bullet:
            mask(offset + bullet.start(), offset + bullet.end(), "list_number")
            starts.append((offset + bullet.end(), True))
        one_line = False
        if not bullet and not blank and (
                previous_blank or (one_line := _ends_long_line(previous_line) or (
                    previous_one_line and _ends_one_line_sentence(previous_line, line)))
                or previous_started and _short_line_over_paragraph(previous_line, line)
                or _repeats(previous_line, line)):
            starts.append((offset + len(line) - len(line.lstrip()), False))
            started = True
        if not blank:
            previous_line, previous_started, previous_one_line = line, started, started and one_line
        previous_blank = blank
        offset += len(line)
    return starts


_BLOCK_TAG = re.compile(
    r"<(p|li|h[1-6]|div|ul|ol|tr|td|th|br|section|article|blockquote|header|footer|dd|dt)\b[^>]*>",
    re.I,
)


def _tag_starts(raw: str, clean: str) -> list[tuple[int, bool]]:
    """Return where HTML block tags start blocks (the first text after each), `<li>` as bullets."""
    starts = []
    # The first text after a tag, found once per run of blanks: tags nested deep
    # ("<div><div>...") share one run, and rescanning it per tag would be quadratic.
    searched_from, found = -1, -1
    for m in _BLOCK_TAG.finditer(raw):
        pos = m.end()
        if not searched_from <= pos <= found:
            text = _NON_SPACE.search(clean, pos)
            searched_from, found = pos, text.start() if text else len(clean)
        if found < len(clean):
            starts.append((found, m.group(1).lower() == "li"))
    return starts


def _merge_starts(a: list[tuple[int, bool]], b: list[tuple[int, bool]]) -> list[tuple[int, bool]]:
    """Return block starts from both lists, in order, one per offset (a bullet wins)."""
    merged: dict[int, bool] = {}
    for offset, is_bullet in a + b:
        merged[offset] = merged.get(offset, False) or is_bullet
    return sorted(merged.items())


WRAP_WIDTH = 100     # hard-wrapped text breaks its lines at 72-80 columns, rarely later
UNWRAPPED_WIDTH = 200  # no wrapper breaks a line this late: such a line is a paragraph written on one line


def _ends_long_line(line: str) -> bool:
    """Tell whether a line is an unwrapped paragraph, so the next line starts another.

    Hard-wrapped text breaks lines at 80 columns or so; a longer line that ends
    with a full stop is a whole paragraph. A line of more than 200 characters
    is one whatever it ends with: a page's lead paragraph often lacks its full
    stop, and no hard wrap runs that long.
    """
    if len(line) <= WRAP_WIDTH:
        return False  # most lines: no need to strip one
    text = line.rstrip()
    return len(text) > UNWRAPPED_WIDTH or (len(text) > WRAP_WIDTH and text[-1:] in ".!?:”\"’)")


def _repeats(previous: str, line: str) -> bool:
    """Tell whether a line says word for word what the line above it says (a page's title shown twice).

    Two copies of a line are two blocks, never one sentence: each copy's
    figures are then mentions of one figure in two paragraphs, and link as such.
    """
    return line.split() == previous.split()


def _ends_one_line_sentence(previous: str, line: str) -> bool:
    """Tell whether a short line that ends a sentence, in a text of one-line paragraphs, is a paragraph.

    Under a one-line paragraph (more than 200 characters, `_ends_long_line`) the
    text is not hard-wrapped, so a short line there that ends with a full stop
    ("La tendencia se mantiene, apuntó la agencia.") is a whole paragraph too, and
    the capitalised line after it (a heading such as "Crisis prolongada", or the
    next paragraph) starts another.
    """
    return previous.rstrip()[-1:] in ".!?”\"’" and line.lstrip()[:1].isupper()


def _short_line_over_paragraph(previous: str, line: str) -> bool:
    """Tell whether a short line that does not run on stands right above a one-line paragraph.

    The caller asks only of a short line that begins its block: the last line
    of a run of short ones ("According\nto\nUnited") is no block of its own.

    "United States Will Provide $25 Million" or "Honduras follows, with 31,055
    petitioners." with no blank line before "Over the past weeks, violence ...
    (300 characters)": a text whose paragraphs are lines is not hard-wrapped,
    so a short line above such a paragraph is a paragraph or title of its own,
    not the first line of the one under it, where it ends a sentence, is a
    title-case line or is a headline in sentence case ("Más de 30 mil niños
    cruzan el Darién en cuatro meses", no full stop): only a line ending in a
    comma, colon or semicolon runs on into the next.
    """
    text = previous.strip()
    if not text or not line.lstrip()[:1].isupper() or _ends_long_line(previous) or not _ends_long_line(line):
        return False
    return text[-1] not in ";:,"


def _blocks(clean: str, starts, heading_spans, vocab: Vocabulary) -> list[Block]:
    """Cut text into blocks at the given starts; classify each and read its status marker."""
    blocks = []
    for i, (start, is_bullet) in enumerate(starts):
        body = clean[start:starts[i + 1][0] if i + 1 < len(starts) else len(clean)].rstrip()
        if not body:
            continue
        end = start + len(body)
        status_match = vocab.status_re.search(body)
        status = vocab.statuses[" ".join(status_match.group().split()).lower()] if status_match else None
        if is_bullet:
            kind: BlockKind = "bullet"
        elif _is_heading(start, end, body, heading_spans, vocab):
            kind = "heading"
        else:
            kind = "paragraph"
        blocks.append(Block(start, end, kind, status))
    return blocks


def _is_heading(start: int, end: int, body: str, heading_spans, vocab: Vocabulary) -> bool:
    """Tell whether a block reads as a heading: wrapped in a heading tag, or a short title line.

    A title line holds no sentence end, unless it opens with a heading word
    ("Pillar 1. Stability").
    """
    # The spans are apart and in order: only the last one opening at or before `start` can hold the block.
    i = bisect.bisect_right(heading_spans, (start, float("inf"))) - 1
    if i >= 0 and end <= heading_spans[i][1] + 1:
        return True
    if body.count("\n") > 1 or body[-1:] in ".!?;:,":  # cheap tests before folding the text
        return False
    text = " ".join(body.split())
    if len(text) > 150:
        return False
    if re.search(r"[.!?]\s", text) and not vocab.heading_re.match(text):
        return False
    return is_title_case(text)


def is_title_case(text: str) -> bool:
    """Tell whether most longer words of a line are capitalised, as in titles and link lists."""
    words = [w for w in re.findall(r"[A-Za-zÀ-ÿ][\w'’-]*", text) if len(w) > 3]
    capitalised = sum(w[0].isupper() for w in words)
    return bool(words) and text[0].isupper() and capitalised >= 0.6 * len(words)


def _drop_trailing_chrome(blocks: list[Block], clean: str, mask) -> list[Block]:
    """Mask short unpunctuated title-case lines after a document's last real block.

    Published pages end with site chrome (link titles, the agency's name) that is
    not part of the release; a short sentence there is kept.
    """
    while len(blocks) > 1 and any(b.kind != "heading" for b in blocks[:-1]):
        last = blocks[-1]
        lines = [" ".join(line.split()) for line in clean[last.start:last.end].splitlines()]
        lines = [line for line in lines if line]
        if last.kind == "bullet" or last.status or not all(_is_chrome_line(t) for t in lines):
            break
        mask(last.start, last.end, "boilerplate")
        blocks = blocks[:-1]
    return blocks


def _is_chrome_line(text: str) -> bool:
    """Tell whether a line reads as a link title or credit, not a sentence."""
    return (
        len(text) <= 100
        and text[-1:] not in ".!?"
        and not re.search(r"[.!?]\s", text)
        and is_title_case(text)
    )


def _sections(blocks: list[Block], clean: str, vocab: Vocabulary):
    """Yield a Section for each heading, with the pillar its words name (0 if none)."""
    for block in blocks:
        if block.kind != "heading":
            continue
        title = " ".join(clean[block.start:block.end].split())
        pillar = next((p for pattern, p in vocab.pillars if pattern.search(title)), 0)
        yield Section(block.start, title, pillar)


def _sentences(blocks: list[Block], clean: str, backwards: str, vocab: Vocabulary):
    """Return sentence spans within blocks, and the block each belongs to."""
    spans: list[tuple[int, int]] = []
    owners: list[int] = []
    # One scan of the whole text; each sentence end then falls in its block, or
    # between blocks where it ends nothing. A period right after an abbreviation
    # (U.S., Dr., Jan.) ends no sentence: read backwards from the period.
    abbreviation_at = vocab.abbreviation_rev_re.match
    ends = [
        m for m in _SENTENCE_END.finditer(clean)
        if clean[m.start()] != "." or not abbreviation_at(backwards, len(clean) - m.start())
    ]
    i = 0
    for index, block in enumerate(blocks):
        start = block.start
        while i < len(ends) and ends[i].start() < block.start:
            i += 1
        while i < len(ends) and ends[i].end() <= block.end:
            spans.append((start, ends[i].end()))
            owners.append(index)
            start = ends[i].end()
            while start < block.end and clean[start].isspace():
                start += 1
            i += 1
        if start < block.end:
            spans.append((start, block.end))
            owners.append(index)
    if any(end - start > MAX_SENTENCE for start, end in spans):
        spans, owners = _cut_long(spans, owners, clean)
    return spans, owners


def _cut_long(spans: list[tuple[int, int]], owners: list[int], clean: str):
    """Return the sentences with each longer than MAX_SENTENCE cut, at a blank where one is near the limit."""
    out: list[tuple[int, int]] = []
    out_owners: list[int] = []
    for (start, end), owner in zip(spans, owners):
        while end - start > MAX_SENTENCE:
            limit = start + MAX_SENTENCE
            half = start + MAX_SENTENCE // 2
            blank = max(clean.rfind(" ", half, limit), clean.rfind("\n", half, limit))
            cut = blank if blank > start else limit
            out.append((start, cut))
            out_owners.append(owner)
            text = _NON_SPACE.search(clean, cut, end)
            start = text.start() if text else end
        if start < end:
            out.append((start, end))
            out_owners.append(owner)
    return out, out_owners
