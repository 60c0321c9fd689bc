"""Turns mentions into figures: kind, base-unit value, unit, qualifier, actor and place.

`extract_document` is the one path from a Document to figure and skipped rows;
`extract_figures` and `parse_quote` are conveniences over it for a bare text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import pandas as pd

from ladfin.core.cells import join_values, split_values
from ladfin.core.vocab import Kind, Qualifier  # noqa: F401  (re-exported)
from ladfin.extract.documents import Document
from ladfin.extract.layout import Layout, read_layout
from ladfin.extract.mentions import Mention, Skip, find_mentions
from ladfin.reference.vocabulary import Vocabulary, fold, vocabulary


@dataclass(frozen=True)
class Currency:
    unit: str | None       # ISO 4217 code, None when it cannot be told
    assumed: bool = False  # the text leaves the currency open; `unit` is a reading
    alt_unit: str | None = None  # the other reading, when assumed
    note: str | None = None
    flag: str | None = None


def resolve_currency(text: str, actor: str | None, vocab: Vocabulary) -> Currency:
    """Return the currency that `text` ("$", "Canadian dollars", "pesos") denotes, given the actor.

    A code, symbol or full name maps to its ISO code. A bare `$`, `dollars` or
    `pesos` belongs to a family of currencies: the actor's own currency when it is
    in the family (read as an assumption unless it is USD), else USD where USD is
    in the family, else nothing and a flag. A word ladfin does not know gives no
    unit and the flag `unknown_currency`.

    >>> v = vocabulary("en")
    >>> resolve_currency("C$", None, v).unit, resolve_currency("$", "CAN", v).assumed
    ('CAD', True)
    """
    code = vocab.currencies.get(text) or vocab.currencies.get(text.lower())
    if code and len(code) == 3:
        return Currency(code)
    head = text.split()[-1].lower() if text.split() else text
    if code == "$" and not text[:1].isalpha():
        family = vocab.dollar_sign
    elif code:
        family = vocab.currency_heads.get(head, frozenset()) | vocab.currency_heads.get(head + "s", frozenset())
    else:
        family = vocab.currency_heads.get(head, frozenset())
        if len(family) == 1 and len(text.split()) == 1:
            return Currency(next(iter(family)))
        return Currency(
            None,
            note=f"currency {text!r} is not in data/reference/currency_aliases.csv; add a row",
            flag="unknown_currency",
        )
    country = vocab.countries.get(actor or "")
    own = country.currency if country else None
    if own and own in family:
        if own == "USD":
            return Currency("USD")
        other = "USD" if "USD" in family else None
        return Currency(
            own, assumed=True, alt_unit=other,
            note=f"bare {text!r} announced by {actor}: read as {own}, its own currency"
            + (f"; could be {other}" if other else ""),
        )
    if "USD" in family:
        return Currency("USD")
    return Currency(
        None, note=f"bare {text!r} with no actor whose currency it could be", flag="currency_uncertain"
    )


@lru_cache(maxsize=4096)
def singular(noun: str, lang: str = "en") -> str:
    """Return a counted noun in the singular, lower case: "Countries" -> "country"."""
    word = noun.lower()
    table = vocabulary(lang).count_singulars
    if word in table:
        return table[word]
    if lang != "en":
        return word
    return _inflect().singular_noun(word) or word


@lru_cache(maxsize=1)
def _inflect():
    import inflect  # imported on first use: importing ladfin does nothing

    return inflect.engine()


def extract_document(document: Document) -> tuple[list[dict], list[dict]]:
    """Return (figure rows, skipped rows) for a document, each row a dict of table columns."""
    vocab = vocabulary(document.lang)
    layout = read_layout(document.raw, vocab, doc=document.doc)
    items = find_mentions(document.raw, layout, vocab)
    actors = _SentenceActors(layout, vocab)
    figures: list[dict] = []
    skipped: list[dict] = []
    by_sentence: dict[int, list[dict]] = {}
    pending: list[tuple[dict, Mention]] = []
    for item in items:
        sentence = layout.sentence_at(item.start)
        if isinstance(item, Skip):
            skipped.append(_skip_row(document, layout, item, sentence))
            continue
        row = _figure_row(document, layout, item, sentence, actors, vocab)
        by_sentence.setdefault(sentence, []).append(row)
        if item.borrow:
            pending.append((row, item))
        figures.append(row)
    for row, item in pending:
        donor = _donor(row, item, by_sentence[layout.sentence_at(item.start)])
        if donor is None:
            figures.remove(row)
            skipped.append(_skip_row(document, layout, Skip(item.start, item.end, "no_unit"),
                                     layout.sentence_at(item.start)))
        else:
            source = "part_of" if item.borrow == "next" else "compared"
            row.update(kind=donor["kind"], unit=donor["unit"], unit_source=source,
                       note=f"unit borrowed from {donor['quote']!r}")
    skipped.sort(key=lambda r: r["start"])
    return figures, skipped


def _donor(row: dict, item: Mention, sentence_rows: list[dict]) -> dict | None:
    """Return the figure a noun-less number takes its unit from, in the same sentence."""
    countable = [r for r in sentence_rows if r["kind"] in ("people", "count") and r["unit_source"] == "text"]
    if item.borrow == "next":
        return next((r for r in countable if r["start"] > row["start"]), None)
    before = [r for r in countable if r["start"] < row["start"]]
    return before[-1] if before else None


def _figure_row(document: Document, layout: Layout, m: Mention, sentence: int,
                actors: "_SentenceActors", vocab: Vocabulary) -> dict:
    raw = document.raw
    actor, actor_alias = actors.actor(sentence, m.start)
    currency = Currency(None)
    if m.currency:
        kind: Kind = "money"
        currency = resolve_currency(m.currency, actor, vocab)
        unit = currency.unit
    elif m.percent:
        kind, unit = "percent", "percent"
    elif m.person:
        kind, unit = "people", "person"
    elif m.noun:
        kind, unit = "count", singular(m.noun, vocab.lang)
    else:
        kind, unit = "count", None  # borrows its unit later
    scale = m.scale if not m.percent else 1.0
    section = layout.section_at(m.start)
    s_start, s_end = layout.sentences[sentence] if layout.sentences else (0, len(raw))
    block = layout.blocks[layout.sentence_blocks[sentence]] if layout.sentences else None
    return {
        "doc": document.doc,
        "start": m.start,
        "end": m.end,
        "quote": raw[m.start:m.end],
        "sentence": " ".join(layout.clean[s_start:s_end].split()),
        "section": section.title,
        "pillar": section.pillar,
        "status": block.status if block else None,
        "kind": kind,
        "value": m.number * scale,
        "value_high": m.number_high * scale if m.number_high is not None else None,
        "unit": unit,
        "unit_source": "text",
        "qualifier": vocab.hedges.get(m.hedge, "exact") if m.hedge else "exact",
        "hedge": m.hedge,
        "currency_assumed": currency.assumed,
        "alt_unit": currency.alt_unit,
        "duration": m.duration,
        "actor": actor,
        "actor_alias": actor_alias,
        "recipients": join_values(actors.places(sentence, exclude=actor)),
        "note": currency.note,
        "flag": currency.flag,
    }


def _skip_row(document: Document, layout: Layout, skip: Skip, sentence: int) -> dict:
    return {
        "doc": document.doc,
        "start": skip.start,
        "end": skip.end,
        "text": document.raw[skip.start:skip.end],
        "reason": skip.reason,
    }


_DATELINE = re.compile(r"(?<![\w.])([A-Z][A-Z.]{2,}(?: [A-Z][A-Z.]{2,})*),\s+$")  # "BRIDGETOWN, " before a name


class _Name(NamedTuple):
    start: int
    end: int
    code: str       # ISO alpha-3 or an organisation's short name
    alias: str      # as written, white space folded
    is_place: bool   # governed by a preposition, a dateline, a label, a receiver: where, not who
    is_object: bool  # right after a verb ("helping Ecuador unlock"): acted on, not acting


class _SentenceActors:
    """Who each sentence names: found once per sentence, on demand."""

    def __init__(self, layout: Layout, vocab: Vocabulary):
        self._layout = layout
        self._vocab = vocab
        self._cache: dict[int, list[_Name]] = {}
        self._only: tuple[str | None, str | None] | None = None  # the document's one announcer, once read

    def _found(self, sentence: int) -> list[_Name]:
        """Return each name in a sentence: where it is, its code and alias, whether it is a place.

        A name is a place, not an announcer, when a preposition governs it ("in
        Lima, Peru"), it continues a list of such country names ("under the Cuba,
        Haiti, Nicaragua ... process"), it is a dateline ("BRIDGETOWN, Barbados"),
        a label ("Venezuela: EUR 38 million") or a receiver ("Ecuador will receive"),
        unless it is a possessor ("the United States' $686 million").
        """
        if sentence not in self._cache:
            start, end = self._layout.sentences[sentence] if self._layout.sentences else (0, 0)
            clean = self._layout.clean
            vocab = self._vocab
            found: list[_Name] = []
            previous_end, previous_place = -10, False
            pos = start
            while m := self._vocab.actor_re.search(clean, pos, end):
                name_start, name_end = m.span()
                before = clean[name_start - 1:name_start]
                if before == "." or before == "_" or before.isalnum():  # inside a word, or "U.S."
                    pos = name_start + 1
                    continue
                pos = name_end
                if clean[name_end:name_end + 2].lstrip().startswith("$"):  # "US$ 66", "US $ 92": a currency
                    continue
                alias = fold(m.group())
                window = min(40, name_start - start)
                is_agent = bool(self._layout.match_before(vocab.agent_before_rev_re, name_start, window))
                is_place = not is_agent and bool(
                    self._layout.match_before(vocab.place_before_rev_re, name_start, window))
                if previous_place and alias in vocab.place_names and not vocab.verb_after_re.match(clean, name_end):
                    is_place = is_place or bool(
                        vocab.list_gap_re.fullmatch(clean, previous_end, name_start)
                    )
                is_place = is_place or bool(vocab.receiver_after_re.match(clean, name_end)) or self._dateline(
                    clean, start, name_start)
                if vocab.possessive_re.match(clean, name_end):
                    is_place = False
                is_object = not is_agent and bool(
                    self._layout.match_before(vocab.verb_before_rev_re, name_start, window))
                found.append(_Name(name_start, name_end, self._vocab.actors[alias], alias, is_place, is_object))
                previous_end, previous_place = name_end, is_place
            self._cache[sentence] = found
        return self._cache[sentence]

    def _dateline(self, clean: str, sentence_start: int, name_start: int) -> bool:
        """Tell whether a name follows a dateline's city: "BRIDGETOWN, Barbados (CMC) -".

        The city is a word in capitals, then a comma; a word in capitals that is
        itself a name ladfin knows ("IOM, UNHCR") is a list of names instead.
        """
        m = _DATELINE.search(clean, max(sentence_start, name_start - 40), name_start)
        return bool(m) and m.group(1) not in self._vocab.actors

    def actor(self, sentence: int, offset: int) -> tuple[str | None, str | None]:
        """Return (actor codes, aliases as written) of who announced the figure at `offset`.

        Names that are places (see `_found`) never announce. Of the others, the
        nearest before the figure that is not the object of a verb is the actor
        ("The United States pledged $25 million, Canada pledged $10 million";
        "On behalf of the United States, Secretary Blinken announced"), with the
        names joined to it by "and" or a comma ("The United States and Costa
        Rica announced": CRI;USA); else the first one in the sentence ("$5
        million from Canada" is a place; "$5 million, Canada said" is not);
        else the nearest earlier sentence's in the block; else the document's
        one announcer, if it names only one (a release names its announcer once).
        """
        if not self._layout.sentences:
            return None, None
        found = self._found(sentence)
        acting = [n for n in found if not n.is_place]
        before = [n for n in acting if n.end <= offset and not n.is_object]
        if before:
            return self._group(found, before[-1])
        if acting:
            return self._group(found, acting[0])
        block = self._layout.sentence_blocks[sentence]
        index = sentence - 1
        while index >= 0 and self._layout.sentence_blocks[index] == block:
            earlier = [n for n in self._found(index) if not n.is_place]
            if earlier:
                return self._group(self._found(index), earlier[0])
            index -= 1
        return self._lead(offset)

    def _group(self, found: list[_Name], name: _Name) -> tuple[str, str]:
        """Return (codes, aliases) of `name` and the non-place names listed with it."""
        k = found.index(name)
        first = last = k
        while first > 0 and not found[first - 1].is_place and self._joined(found[first - 1], found[first]):
            first -= 1
        while last + 1 < len(found) and not found[last + 1].is_place and self._joined(found[last], found[last + 1]):
            last += 1
        names = found[first:last + 1]
        return join_values(sorted({n.code for n in names})), join_values(n.alias for n in names)

    def _lead(self, offset: int) -> tuple[str | None, str | None]:
        """Return the document's one announcer, when every acting name in it is the same one.

        A release by one government or agency names it once ("The European
        Commission will provide EUR 120 million ... Haiti will receive EUR 18
        million"); a fact sheet that names several actors leaves an unnamed
        figure unattributed rather than guess.
        """
        if self._only is None:
            first, codes = None, set()
            for index in range(len(self._layout.sentences)):
                for name in self._found(index):
                    if not name.is_place:
                        first = first or name
                        codes.add(name.code)
                if len(codes) > 1:  # two announcers: stop reading, nobody is the one
                    break
            self._only = (first.code, first.alias) if first is not None and len(codes) == 1 else (None, None)
        return self._only

    def _joined(self, left: _Name, right: _Name) -> bool:
        """Tell whether two names are one list of announcers: "X and Y", "X, Y" (nothing else between)."""
        return bool(self._vocab.list_gap_re.fullmatch(self._layout.clean, left.end, right.start))

    def places(self, sentence: int, *, exclude: str | None) -> list[str]:
        """Return the countries a sentence names, other than `exclude`, in order of mention."""
        if not self._layout.sentences:
            return []
        codes = []
        excluded = set(split_values(exclude))
        for name in self._found(sentence):
            if name.code in self._vocab.countries and name.code not in excluded and name.code not in codes:
                codes.append(name.code)
        return codes


def extract_figures(text: str, doc: str = "<text>", *, lang: str = "en") -> pd.DataFrame:
    """Return the figures of a text as a DataFrame, one row per figure (schema `figures_raw`).

    >>> extract_figures("Canada pledged C$5 million.")[["quote", "value", "unit"]].values.tolist()
    [['C$5 million', 5000000.0, 'CAD']]
    """
    from ladfin.core import schema

    figures, _ = extract_document(Document(doc=doc, raw=text, lang=lang))
    return schema.frame(figures, "extracted")


def extract_skipped(text: str, doc: str = "<text>", *, lang: str = "en") -> pd.DataFrame:
    """Return the numbers of a text that are not figures, each with its reason."""
    from ladfin.core import schema

    _, skipped = extract_document(Document(doc=doc, raw=text, lang=lang))
    return schema.frame(skipped, "skipped")


def parse_quote(quote: str, *, lang: str = "en") -> dict:
    """Return the single figure a short quote denotes ("$578 million" -> USD 578000000).

    Raises:
        ValueError: the quote holds no figure, or more than one.
    """
    figures, _ = extract_document(Document(doc="<quote>", raw=quote, lang=lang))
    if len(figures) != 1:
        raise ValueError(f"{quote!r} holds {len(figures)} figures, expected one")
    return figures[0]
