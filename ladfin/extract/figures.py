"""Turns mentions into figures: kind, base-unit value, unit, qualifier, actor and place.

`extract_document` is the one path from a Document to figure and skipped rows;
`extract_figures` and `parse_quote` are conveniences over it for a bare text.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from functools import lru_cache

import pandas as pd

from ladfin.core.cells import join_values, split_values
from ladfin.core.vocab import Kind, Qualifier  # noqa: F401  (re-exported)
from ladfin.extract.actors import SentenceActors
from ladfin.extract.checks import check_values
from ladfin.extract.currencies import Currency, resolve_currency  # noqa: F401  (re-exported)
from ladfin.errors import ReferenceDataError
from ladfin.extract.documents import Document
from ladfin.extract.language import detect_language, paragraph_language, shown_decimal_separator
from ladfin.extract.layout import Layout, read_layout
from ladfin.extract.mentions import Mention, Skip, find_mentions
from ladfin.extract.nouns import english_inflections, implied_noun
from ladfin.reference.vocabulary import Vocabulary, languages, vocabulary


@lru_cache(maxsize=4096)
def singular(noun: str, lang: str = "en") -> str:
    """Return a counted noun in the singular, lower case: "Countries" -> "country"."""
    word = noun.lower()
    vocab = vocabulary(lang)
    if word in vocab.count_singulars:
        return vocab.count_singulars[word]
    if lang != "en":  # inflect knows English only: the language's plural endings are table rows
        for ending, replacement in vocab.singular_endings:
            if word.endswith(ending) and len(word) > len(ending) + 1:
                return word[:-len(ending)] + replacement
        return word
    return english_inflections().singular_noun(word) or word


def reading_vocabulary(document: Document) -> tuple[Vocabulary, str | None]:
    """Return the Vocabulary a document is read with, and a note when its language has none.

    A document in a language with no row in languages.csv is kept: it is read
    with the first language whose decimal separator its numerals show (English
    where they show none), and the note says so.
    """
    try:
        return vocabulary(document.lang), None
    except ReferenceDataError:
        known = languages()  # read only now: finding the reference tables costs a look at the disk
        if document.lang in known:
            raise  # a table is broken, not the language unknown
    shown = shown_decimal_separator(document.raw)
    lang = next((code for code, decimal in known.items() if decimal == shown), next(iter(known)))
    return vocabulary(lang), (f"language {document.lang!r} has no vocabulary in data/reference, "
                              f"numbers read in the style of {lang!r}")


def _language_regions(layout: Layout, vocab: Vocabulary) -> list[tuple[int, int, Vocabulary]]:
    """Return the paragraphs with numbers that are written in another known language, with its Vocabulary."""
    known = list(languages())
    regions = []
    for block in layout.blocks:
        text = layout.clean[block.start:block.end]
        if not _DIGIT.search(text):
            continue  # only a paragraph with numbers is read by its language
        lang = paragraph_language(text, vocab.lang, known)
        if lang != vocab.lang:
            regions.append((block.start, block.end, vocabulary(lang)))
    return regions


_DIGIT = re.compile(r"\d")


def extract_document(document: Document) -> tuple[list[dict], list[dict]]:
    """Return (figure rows, skipped rows) for a document, each row a dict of table columns.

    A document whose language was detected (`Document.detected`) has each of its
    paragraphs with numbers detected too, and read in its own language; a
    document in a language with no vocabulary is read anyway and each figure
    flagged `language_unsupported` (see `reading_vocabulary`). A value ladfin cannot
    vouch for is flagged, and left empty where it cannot be the figure
    (`ladfin.extract.checks`).
    """
    vocab, unsupported = reading_vocabulary(document)
    layout = read_layout(document.raw, vocab, doc=document.doc)
    regions = _language_regions(layout, vocab) if document.detected and not unsupported else []
    items = find_mentions(document.raw, layout, vocab, regions)
    region_starts = [start for start, _, _ in regions]

    def vocab_at(offset: int) -> Vocabulary:
        if not regions:
            return vocab
        i = bisect.bisect_right(region_starts, offset) - 1
        return regions[i][2] if i >= 0 and offset < regions[i][1] else vocab

    actors = SentenceActors(layout, vocab)
    figures: list[dict] = []
    skipped: list[dict] = []
    by_sentence: dict[int, list[dict]] = {}
    pending: list[tuple[dict, Mention]] = []
    for item in items:
        sentence = layout.sentence_at(item.start)
        if isinstance(item, Skip):
            skipped.append(_skip_row(document, layout, item, sentence))
            continue
        row = _figure_row(document, layout, item, sentence, actors, vocab_at(item.start))
        if unsupported:
            row.update(note="; ".join(filter(None, (row["note"], unsupported))),
                       flag=join_values([*split_values(row["flag"]), "language_unsupported"]))
        by_sentence.setdefault(sentence, []).append(row)
        if item.borrow:
            pending.append((row, item))
        figures.append(row)
    currencies = Counter(r["unit"] for r in figures if r["kind"] == "money" and r["unit"])
    for row, item in pending:
        sentence = layout.sentence_at(item.start)
        words = vocab_at(item.start)
        if item.borrow == "previous" and currencies and _reads_as_money(layout, sentence, item, words):
            unit = currencies.most_common(1)[0][0]
            row.update(kind="money", unit=unit, currency_assumed=True,
                       note=f"no currency written: read as {unit}, the currency of the document's other money")
            continue
        donor, source = _donor(row, by_sentence[sentence], layout, sentence, item.borrow, words)
        if donor is None and item.borrow != "next" and _governed_by_of_them(layout, sentence, row, words):
            donor, source = _earlier_counted(layout, sentence, by_sentence, words), "of_them"
        if donor is not None:
            row.update(kind=donor["kind"], unit=donor["unit"], unit_source=source,
                       note=f"unit borrowed from {donor['quote']!r}")
            continue
        implied = _implied_noun(layout, sentence, item.start, words)
        if implied is None:
            figures.remove(row)
            skipped.append(_skip_row(document, layout, Skip(item.start, item.end, "no_unit"), sentence))
            continue
        noun, person, source = implied
        row.update(kind="people" if person else "count", unit="person" if person else singular(noun, words.lang),
                   unit_source=source, note=f"unit implied by {noun!r}, the noun the text gives before it")
    _hedge_conversions(figures, layout.clean)
    check_values(figures, layout, {vocab.lang: vocab, **{words.lang: words for _, _, words in regions}})
    skipped.sort(key=lambda r: r["start"])
    return figures, skipped


_CONVERSION = re.compile(r"[ \t]*[(\[][ \t]*")  # "about $5 million (C$6.8 million)": the gap before a conversion


def _hedge_conversions(figures: list[dict], clean: str) -> None:
    """Give an amount in brackets right after another the hedge of the amount it converts.

    "cerca de US$ 350 milhões (R$ 2 bilhões)": the conversion is as approximate
    as its amount; one with its own hedge keeps it ("US$ 2 bilhões (cerca de
    R$ 12 bilhões)").
    """
    for before, row in zip(figures, figures[1:]):
        if (row["kind"] == "money" and before["kind"] == "money" and not row["hedge"] and before["hedge"]
                and _CONVERSION.fullmatch(clean, before["end"], row["start"])):
            row["qualifier"] = before["qualifier"]


def _reads_as_money(layout: Layout, sentence: int, item: Mention, vocab: Vocabulary) -> bool:
    """Tell whether a number without noun or currency is money: a million or more, in a sentence about money.

    "invest an additional 12.3 million in humanitarian assistance", in a text
    whose other money is in euros (money_words.csv holds the words).
    """
    if item.scale < 1e6 or not layout.sentences:
        return False
    start, end = layout.sentences[sentence]
    return bool(vocab.money_word_re.search(layout.clean, start, end))


def _donor(row: dict, sentence_rows: list[dict], layout: Layout, sentence: int, borrow: str,
           vocab: Vocabulary) -> tuple[dict | None, str | None]:
    """Return the figure of the same sentence a noun-less number takes its unit from, and how.

    "next": the whole it is part of (part_of); "change": the figure that ends
    the change it opens ("from 1,200 to 12,500 applications": compared). Otherwise the figure before a
    governing "of them" ("248,4 mil personas ...; de ellas, 201,7 mil
    recibieron": of_them), else the nearest figure before it (compared). A
    number in brackets after a name counts what that place holds or received,
    never places ("enviados a 914 cidades: Curitiba (5.986)"): a count of places
    (place_nouns.csv) is no donor for it. A figure that took its noun from
    its own sentence is a donor too: "las solicitudes de salvadoreños fueron
    3.150, de guatemaltecos 2.410" counts requests, not the demonym before it.
    """
    countable = [r for r in sentence_rows if r["kind"] in ("people", "count") and r["unit"]
                 and r["unit_source"] in ("text", "label", "same_sentence")]
    if _after_name_in_brackets(layout.clean, row["start"]):
        countable = [r for r in countable if r["unit"] not in vocab.place_nouns]
    if borrow == "next":
        return next((r for r in countable if r["start"] > row["start"]), None), "part_of"
    if borrow == "change":  # "passou de 1,2 mil para 12,5 mil pedidos": what the change's end counts
        # (or "120 mil e 45 mil haitianos": the number joined by "and"); only the very next figure,
        # not a later one past a second noun-less number ("con 341 y 283 ..., con 241 casos")
        after = next((r for r in sentence_rows if r["start"] > row["start"]), None)
        if after is not None and after in countable:
            return after, "compared"
    before = [r for r in countable if r["end"] <= row["start"]]
    if not before:
        return None, None
    s_start = layout.sentences[sentence][0] if layout.sentences else 0
    if vocab.of_them_re.match(layout.clean, row["end"] + 1) and layout.clean[row["end"]:row["end"] + 1].isspace():
        return before[-1], "of_them"  # "6.5 million of them"
    governing = [m.start() for m in vocab.of_them_re.finditer(layout.clean, s_start, row["start"])]
    if governing:
        owners = [r for r in before if r["end"] <= governing[-1]]
        if owners:
            return owners[-1], "of_them"
    return before[-1], "compared"


_NEXT_WORD = re.compile(r"[ \t]*([^\W\d_][\w'’-]*)")


def _governed_by_of_them(layout: Layout, sentence: int, row: dict, vocab: Vocabulary) -> bool:
    """Tell whether an "of them" before the number in its sentence, or right after it, governs it.

    An "of these" with a noun of its own ("118,772 of these petitions") names
    what it counts, and points back to nothing.
    """
    clean = layout.clean
    s_start = layout.sentences[sentence][0] if layout.sentences else 0
    found = [m for m in vocab.of_them_re.finditer(clean, s_start, row["start"])][-1:]
    if not found and clean[row["end"]:row["end"] + 1].isspace():
        found = [m for m in [vocab.of_them_re.match(clean, row["end"] + 1)] if m]
    if not found:
        return False
    after = _NEXT_WORD.match(clean, found[0].end())
    word = after.group(1).lower() if after else ""
    return not word or word in vocab.stop_words or word in vocab.copulas or word in vocab.leading_adverbs


def _earlier_counted(layout: Layout, sentence: int, by_sentence: dict[int, list[dict]],
                     vocab: Vocabulary) -> dict | None:
    """Return the figure an "of them" opening a sentence points back to, in the sentences before it.

    "The office registered 9,000 refugees across 40 shelters. More than 3,000 of
    them were children": "them" are the persons counted, else the nearest
    thing counted that is no place ("20,000 applications from 12 countries. Of
    them, 5,000 were approved"); read in up to two sentences before, in the
    same paragraph, as an implied noun is. None where none counts people or things.
    """
    block = layout.sentence_blocks[sentence] if layout.sentences else -1
    for earlier in range(sentence - 1, max(sentence - 3, -1), -1):
        if earlier < 0 or layout.sentence_blocks[earlier] != block:
            break
        counted = [r for r in by_sentence.get(earlier, []) if r["kind"] in ("people", "count") and r["unit"]
                   and r["unit_source"] in ("text", "label")]
        persons = [r for r in counted if r["kind"] == "people"]
        things = [r for r in counted if r["unit"] not in vocab.place_nouns]
        if persons or things:
            return (persons or things)[0]
    return None


_NAME_BRACKET = re.compile(r"(?<![\w.'’-])([^\W\d_][\w.'’-]*)[ \t]*\($")


_BRACKET_LABEL = re.compile(r"(?:[^\W\d_][\w'’-]*[ \t]+)?[^\W\d_][\w'’-]*[ \t]*\((?:[ \t]*[\d.,]+[ \t]*\))?")


def _in_brackets(clean: str, start: int) -> bool:
    """Tell whether a number opens brackets right after a word ("espaços particulares (540)")."""
    return bool(re.search(r"[^\W\d_][ \t]*\($", clean[max(0, start - 3):start]))


def _after_name_in_brackets(clean: str, start: int) -> bool:
    """Tell whether a number opens brackets right after a capitalised name ("Curitiba (5.986)")."""
    m = _NAME_BRACKET.search(clean, max(0, start - 60), start)
    return bool(m) and m.group(1)[:1].isupper()


def _implied_noun(layout: Layout, sentence: int, start: int, vocab: Vocabulary) -> tuple[str, bool, str] | None:
    """Return (noun, names persons, unit_source) of the noun the text gives before a noun-less number.

    Read in its sentence, then in up to two sentences before it in the same
    paragraph (a new paragraph may count something else; the sentence right
    before is read wherever it stands when an "of them" before the number
    refers back to it and it names persons: "De ese total, 195.743 ..."), then, for a list item,
    in the line introducing the list; None where none gives one. A list item's
    label before a colon ("- Otros países: mil 424") names its row, not what it counts.
    A number in brackets after a name takes no noun of places (see `_donor`).
    """
    if not layout.sentences:
        return None
    no_places = _after_name_in_brackets(layout.clean, start)
    bracketed = _in_brackets(layout.clean, start)

    def nearest(text: str) -> tuple[str, bool] | None:
        if bracketed:  # "espaços particulares (540) e públicos (378)": the labels are where, not what
            text = _BRACKET_LABEL.sub(lambda m: " ".join(
                w for w in m.group().split() if w.lower() in vocab.person_words), text)
        found = implied_noun(text, vocab)
        while found and no_places and not found[1] and singular(found[0], vocab.lang).lower() in vocab.place_nouns:
            text = text[:text.rfind(found[0])]
            found = implied_noun(text, vocab)
        return found

    s_start = layout.sentences[sentence][0]
    block = layout.blocks[layout.sentence_blocks[sentence]]
    if block.kind == "bullet" and layout.clean[block.start:start].rstrip().endswith(":"):
        return _list_lead_noun(layout, layout.sentence_blocks[sentence], vocab)  # "- Otros países: mil 424"
    found = nearest(layout.clean[s_start:start])
    if found:
        return (*found, "same_sentence")
    block = layout.sentence_blocks[sentence]
    # "Se estima que de ese total, 195.743 superaron ...": the words say what came before
    # is counted, so the sentence before is read even in the paragraph before, for persons.
    referred = bool(vocab.of_them_re.search(layout.clean, s_start, start))
    for earlier in range(sentence - 1, max(sentence - 3, -1), -1):
        crossing = layout.sentence_blocks[earlier] != block
        if crossing and not (referred and earlier == sentence - 1):
            break
        a, b = layout.sentences[earlier]
        text = layout.clean[a:b]
        found = nearest(text)
        # "... 52 mil pessoas, de 40 países, pediram refúgio.¶ Desse total, 9 mil": across the
        # break only persons are referred to, the nearest of them though other nouns come after it.
        while crossing and found and not found[1] and found[0] in text:
            text = text[:text.rfind(found[0])]
            found = nearest(text)
        if crossing and not (found and found[1]):
            break
        if found:
            return (*found, "previous_sentence")
    return _list_lead_noun(layout, block, vocab)


def _list_lead_noun(layout: Layout, block: int, vocab: Vocabulary) -> tuple[str, bool, str] | None:
    """Return (noun, names persons, "list_lead") that the line introducing a list gives its items.

    A bullet's noun-less number ("- Honduras: 19 mil 803") counts what the line
    before the list names when that line ends with a colon ("se contabilizaron
    solicitudes:"); None for any other block.
    """
    if layout.blocks[block].kind != "bullet":
        return None
    lead = block - 1
    while lead >= 0 and layout.blocks[lead].kind == "bullet":
        lead -= 1
    if lead < 0:
        return None
    text = layout.clean[layout.blocks[lead].start:layout.blocks[lead].end].rstrip()
    found = implied_noun(text, vocab) if text.endswith(":") else None
    return (*found, "list_lead") if found else None


def _figure_row(document: Document, layout: Layout, m: Mention, sentence: int,
                actors: SentenceActors, vocab: Vocabulary) -> dict:
    raw = document.raw
    actor, actor_alias = actors.actor(sentence, m.start, money=bool(m.currency))
    currency = Currency(None)
    if m.currency:
        kind: Kind = "money"
        currency = resolve_currency(m.currency, actor, vocab, actors.document_places, actors.announcer)
        unit = currency.unit
    elif m.percent:
        kind, unit = "percent", "percent"
    elif m.person:
        kind, unit = "people", "person"
    elif m.noun:
        kind, unit = "count", singular(m.noun, vocab.lang)
    else:
        kind, unit = "count", None  # borrows its unit later
    # A number alone on its line, its noun on the next: a table's label ("1,297,760" / "People
    # Targeted"); a hard-wrapped sentence also breaks a line there ("more than 17,500\n visas").
    labelled = False
    if m.noun and "\n" in raw[m.start:m.end]:
        first_line = raw[m.start:m.end].partition("\n")[0]
        line_start = raw.rfind("\n", 0, m.start) + 1
        labelled = not raw[line_start:m.start].strip() and not any(c.islower() for c in first_line)
    scale = m.scale if not m.percent else 1.0
    section = layout.section_at(m.start)
    block = layout.blocks[layout.sentence_blocks[sentence]] if layout.sentences else None
    return {
        "doc": document.doc,
        "start": m.start,
        "end": m.end,
        "lang": vocab.lang,
        "quote": raw[m.start:m.end],
        "sentence": layout.sentence_text(sentence) if layout.sentences else " ".join(layout.clean.split()),
        "section": section.title,
        "pillar": section.pillar,
        "status": block.status if block else None,
        "kind": kind,
        "value": m.number * scale,
        "value_high": m.number_high * scale if m.number_high is not None else None,
        "unit": unit,
        "unit_source": "label" if labelled else "text",
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


def _text_document(text: str, doc: str, lang: str | None) -> Document:
    """Return a bare text as a Document; `lang` None detects its language."""
    if lang is None:
        return Document(doc=doc, raw=text, lang=detect_language(text, list(languages())), detected=True)
    return Document(doc=doc, raw=text, lang=lang)


def extract_figures(text: str, doc: str = "<text>", *, lang: str | None = "en") -> pd.DataFrame:
    """Return the figures of a text as a DataFrame, one row per figure (schema `extracted`); `lang` None detects it.

    >>> extract_figures("Canada pledged C$5 million.")[["quote", "value", "unit"]].values.tolist()
    [['C$5 million', 5000000.0, 'CAD']]
    """
    from ladfin.core import schema

    figures, _ = extract_document(_text_document(text, doc, lang))
    return schema.frame(figures, "extracted")


def extract_skipped(text: str, doc: str = "<text>", *, lang: str | None = "en") -> pd.DataFrame:
    """Return the numbers of a text that are not figures, each with its reason; `lang` None detects it."""
    from ladfin.core import schema

    _, skipped = extract_document(_text_document(text, doc, lang))
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
