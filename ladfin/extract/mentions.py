"""Finds each number in a document's text and reads what surrounds it.

Every number token becomes either a `Mention` (a candidate figure: its quote
span, hedge, numbers, scale, currency words and counted noun) or a `Skip` with
the reason it is not a figure (a date, a year, a label, a duration ...). Turning
a mention into a typed figure (kind, unit, actor) is figures.py's job.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Iterator, NamedTuple

from ladfin.core.vocab import Borrow, SkipReason  # noqa: F401  (SkipReason: re-exported)
from ladfin.extract.layout import Layout, is_title_case
from ladfin.extract.nouns import noun_phrase
from ladfin.extract.numerals import compound_number, numeral_value, scale_of, word_value
from ladfin.reference.vocabulary import Vocabulary, fold


class Skip(NamedTuple):  # NamedTuples, not dataclasses: made by the thousand
    start: int
    end: int
    reason: str


class Mention(NamedTuple):
    start: int                 # quote span: currency sign .. last word of the figure
    end: int
    number: float              # the number as written, before the scale word
    number_high: float | None  # upper end of a range
    scale: float
    hedge: str | None          # the hedge phrase, lower case ("more than")
    currency: str | None       # currency words as written ("$", "Canadian dollars", "₴")
    percent: bool
    noun: str | None           # counted head noun as written ("visas"), None if none
    person: bool               # the noun phrase names persons
    borrow: Borrow | None  # where a noun-less number takes its unit
    duration: str | None       # "six years" in "$75 million over six years"


def find_mentions(raw: str, layout: Layout, vocab: Vocabulary,
                  regions: list[tuple[int, int, Vocabulary]] = ()) -> list[Mention | Skip]:
    """Return a Mention or a Skip for every number in a document, in text order.

    Numbers inside masked text (front matter, markup, boilerplate) become skips with
    the mask's reason, and a digit run no rule reached becomes a skip `other`, so
    every digit of the raw text is accounted for. `regions` (start, end,
    vocabulary), in text order and apart, are paragraphs read in another language.
    """
    clean = layout.clean
    covered_until = 0
    found: list[Mention | Skip] = []
    unread: list[int] = []  # where a digit may lie outside every token
    for start, end, words in _segments(len(clean), vocab, regions):
        for match in _tokens(clean, words, unread, start, end):
            if match.start() < covered_until:
                unread.extend(range(covered_until, match.end()))  # a token running past the last figure
                continue
            item = _read_token(match, layout, words, covered_until)
            covered_until = item.end
            found.append(item)
    found.extend(_masked_skips(raw, layout))
    found.extend(_stray_digits(clean, found, unread))
    found.sort(key=lambda item: item.start)
    return found


_DIGIT = re.compile(r"\d")
_DIGIT_RUN = re.compile(r"\d+")
_MASKED_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# Content no reader sees is skipped number by number: a script is long, and holds many.
_HIDDEN_REASONS = frozenset({"script", "style", "template", "noscript", "comment"})


def _masked_skips(raw: str, layout: Layout) -> Iterator[Skip]:
    """Yield a skip for each masked span holding a digit, or for each number of hidden content."""
    for s in layout.masked:
        if s.reason in _HIDDEN_REASONS:
            yield from (Skip(m.start(), m.end(), s.reason) for m in _MASKED_NUMBER.finditer(raw, s.start, s.end))
        elif _DIGIT.search(raw, s.start, s.end):
            yield Skip(s.start, s.end, s.reason)


def _segments(length: int, vocab: Vocabulary, regions) -> Iterator[tuple[int, int, Vocabulary]]:
    """Yield (start, end, vocabulary) covering the text: the regions, and `vocab` between them."""
    pos = 0
    for start, end, words in regions:
        if start > pos:
            yield pos, start, vocab
        yield start, end, words
        pos = end
    yield pos, length, vocab


def _tokens(clean: str, vocab: Vocabulary, unread: list[int] | None = None,
            first: int = 0, end: int | None = None) -> Iterator[re.Match]:
    """Yield the matches of `vocab.token_re` in `clean`, as `finditer` would, faster.

    `token_re` can only match at a digit, "(" or "+", or at one of a few words
    (number words, months, fractions) after a non-word character, so it is tried
    only there. Those places are found by two scans (`vocab.start_re`, and
    `vocab.spaced_word_re` for the common case of a word after a space) whose
    patterns open with a literal or a plain class: the regex engine skips ahead
    to them instead of trying a match at every character.

    Every digit outside the matches is a start tried in vain; those positions
    are appended to `unread`, so no second scan is needed to find stray digits.
    """
    match = vocab.token_re.match
    search_start = vocab.start_re.search
    search_spaced = vocab.spaced_word_re.search
    end = len(clean) if end is None else end

    def start_at(pos: int) -> tuple[int, bool]:
        """Return the first (position, is a digit start) from `start_re` at or after `pos`."""
        before = clean[pos - 1:pos]
        word_char = before.isalnum() or before == "_"
        found = search_start(clean, pos if word_char or not pos else pos - 1, end)  # a word's \W is before it
        while found:
            at = found.start() + 1 if found.lastgroup == "word" else found.start()
            if at >= pos:
                return at, found.lastgroup != "word"
            found = search_start(clean, found.start() + 1, end)
        return end, False

    def spaced_at(pos: int) -> int:
        found = search_spaced(clean, pos - 1 if clean[pos - 1:pos] == " " else pos, end)
        return found.start() + 1 if found else end

    pos = first
    if not first and clean[:1].isalpha():  # a word at the very start has no character before it
        opening = match(clean, 0)
        if opening:
            yield opening
            pos = opening.end()
    start, is_digit = start_at(pos)
    spaced = spaced_at(pos)
    while min(start, spaced) < end:
        p = min(start, spaced)
        m = match(clean, p)
        pos = p + 1
        if m:
            yield m
            pos = max(m.end(), pos)
        elif unread is not None and p == start and is_digit:
            unread.append(p)
        if start < pos:
            start, is_digit = start_at(pos)
        if spaced < pos:
            spaced = spaced_at(pos)


def _stray_digits(clean: str, found: list[Mention | Skip], unread: list[int]) -> Iterator[Skip]:
    """Yield a skip for each digit run that holds an unread position and that no
    single mention or skip covers; the run is reported whole."""
    runs = set()
    for p in unread:
        if clean[p].isdecimal():  # as \d
            start = p
            while start > 0 and clean[start - 1].isdecimal():
                start -= 1
            runs.add((start, _DIGIT_RUN.match(clean, p).end()))
    spans = sorted((item.start, item.end) for item in found)
    i, n = 0, len(spans)
    for start, end in sorted(runs):
        while i < n and spans[i][1] <= start:
            i += 1
        if not (i < n and spans[i][0] <= start and end <= spans[i][1]):
            yield Skip(start, end, "other")


def _ending_at(layout: Layout, pattern: re.Pattern, end: int, width: int, group: str) -> str | None:
    """Return `group`, read forwards, folded and lower case, of a reversed-text
    pattern matching backwards from `end` (`Layout.match_before`), or None."""
    m = layout.match_before(pattern, end, width)
    return fold(m.group(group)[::-1]).lower() if m else None


def _read_token(match: re.Match, layout: Layout, vocab: Vocabulary, floor: int = 0) -> Mention | Skip:
    """Read a token; `floor` is where the text the figures before it hold ends."""
    clean = layout.clean
    kind = match.lastgroup
    start, end = match.span()
    if kind in ("date", "phone", "time"):
        return Skip(start, end, kind)
    left = clean[max(0, start - 48):start]
    right = clean[end:end + 160]
    text = match.group()

    if kind == "frac":
        if vocab.period_of_re.match(clean, end):
            return Skip(start, end, "date")  # "the first half of 2024"
        return Mention(start, end, vocab.fractions[text.lower()], None, 1.0,
                       _ending_at(layout, vocab.hedge_rev_re, start, 48, "hedge"), None, True,
                       None, False, None, None)

    after = vocab.after_re.match(right)
    if kind == "word":
        if after:
            return Skip(start, end + after.end(), vocab.after_reasons[fold(after.group("after")).lower()])
        label = _ending_at(layout, vocab.label_rev_re, start, 48, "label")
        if label:
            return Skip(start, end, vocab.label_reasons[label])
        number = word_value(text, vocab)
        return _read_quantity(start, end, number, layout, left, vocab, scale_word=text.lower() in vocab.scales,
                              floor=floor)
    else:
        reason = _skip_reason(text, start, left, right, layout, after, vocab)
        if reason:
            return Skip(start, end, reason)
        number = numeral_value(text, vocab, layout.shown_decimal)
    return _read_quantity(start, end, number, layout, left, vocab, floor=floor)


_LIST_MARK = re.compile(r"[.)][ \t]+[^\W\d_A-Z]")  # "1. addressing": a number then a lower-case word
_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def _skip_reason(text: str, start: int, left: str, right: str, layout: Layout, after,
                 vocab: Vocabulary) -> str | None:
    """Return why a numeral is not a figure, or None if it may be one.

    The checks on the characters right before the numeral are plain string tests:
    a `$`-anchored regex search tries every position of `left`, and `$` also
    matches before a final newline, which read a number opening a hard-wrapped
    line ("up to\n5,000 refugees") as glued to the word before it.
    """
    if vocab.ordinal_re.match(right):
        return "ordinal"
    label = _ending_at(layout, vocab.label_rev_re, start, 48, "label")
    if label:
        return vocab.label_reasons[label]
    attached_scale = vocab.scale_re.match(right) and right[:1].isalpha()
    glued = left[-2:-1] if left[-1:] == "-" else left[-1:]  # "A4", "COVID-19"
    if (right[:1].isalpha() and not attached_scale) or (glued in _ASCII_LETTERS and not _currency_prefix(left, vocab)):
        if len(text) == 4 and right.startswith(vocab.plural_suffixes):
            return "year"  # 1990s
        return "identifier"
    before = left[-1:]
    if right[:1] == ")":
        if before == "(" and len(text) <= 2 and (len(left) == 1 or left[-2].isspace() or left[-2] in "(["):
            return "list_number"  # "(3)"; "Curitiba (5.986)", "los colombianos (13.404)" are figures
        if len(text) <= 2 and (not before or before.isspace() or before in ":;,"):
            return "list_number"  # "3)"
    if after:
        return vocab.after_reasons[fold(after.group("after")).lower()]
    if len(text) <= 2 and right[:1] in ".)" and _LIST_MARK.match(right):
        return "list_number"  # "journeys. 1. addressing root causes": a list joined into one line
    if right[:1] == " " and right[1:2].isupper() and _opens_heading(layout, start, vocab):
        return "label"  # "1 USAID Colombia Assistance Overview": a page number before a title
    if (
        len(text) == 4 and text.isdigit() and 1900 <= int(text) <= 2100
        and not _currency_prefix(left, vocab)
        and not vocab.scale_re.match(right)
        and not vocab.percent_re.match(right)
        and not _names_persons(right, vocab)
    ):
        return "year"
    return None


def _opens_heading(layout: Layout, start: int, vocab: Vocabulary) -> bool:
    """Tell whether a number opens a block whose first line is otherwise a title ("1 Colombia Overview")."""
    if not layout.sentences:
        return False
    block = layout.blocks[layout.sentence_blocks[layout.sentence_at(start)]]
    if block.start != start:
        return False
    line = layout.clean[start:block.end].split("\n", 1)[0]
    rest = line.lstrip("0123456789 ")
    words = rest.split()
    # A title has several words ("2 Colombia Assistance Overview"); "5 Venezuelans" is a count.
    return (len(words) > 2 and len(rest) <= 100 and rest[-1:] not in ".!?:;," and is_title_case(rest)
            and words[0].lower() not in vocab.person_words)


def _names_persons(right: str, vocab: Vocabulary) -> bool:
    """Tell whether the words right after a number name persons it counts ("2024 refugees").

    A capitalised name ("2026 Regional Refugee ... Plan") or a verb ("em 2020
    foram interiorizados") after a year leaves it a year.
    """
    first = right.split(None, 1)[:1]
    if not first or not first[0][:1].islower() or first[0].lower() in vocab.copulas:
        return False
    words = noun_phrase(right, vocab)
    return bool(words and words[2])


def _currency_prefix(left: str, vocab: Vocabulary) -> re.Match | None:
    """Return the currency symbol or code that ends `left` ("US$ "), searched only as far back as one can start.

    Only white space follows the currency (the pattern ends in `\\s?$`): `left`
    whose last other character is none a currency ends with (most often a
    lower-case word's) holds none, and is not searched.
    """
    if left.rstrip()[-1:] not in vocab.currency_prefix_ends:
        return None
    return vocab.currency_prefix_re.search(left, max(len(left) - vocab.currency_prefix_width, 0))


def _range_of_one_scale(clean: str, pos: int, joiner: re.Pattern, vocab: Vocabulary) -> re.Match | None:
    """Return the upper end of a range whose two ends write the same scale word, None if there is none.

    "between 2 million and 3 million people", "de 4 milhões a 6 milhões de
    reais": the scale word after the lower end is the upper end's too, so the
    range reads on past it; None where none follows or the two differ.
    """
    first = vocab.scale_re.match(clean[pos:pos + 40])  # the pattern opens with "^": matched on a slice
    if not first:
        return None
    upper = joiner.match(clean, pos + first.end(), pos + first.end() + 40)
    if not upper:
        return None
    second = vocab.scale_re.match(clean[upper.end():upper.end() + 40])
    if not second or scale_of(second.group(), vocab) != scale_of(first.group(), vocab):
        return None
    return upper


def _read_quantity(start: int, end: int, number: float, layout: Layout, left: str,
                   vocab: Vocabulary, *, scale_word: bool = False, floor: int = 0) -> Mention | Skip:
    """Read a figure around a number: currency sign, range, scale, percent, currency name, noun.

    `scale_word` says the number is itself a scale word ("mil" in "mil 897 millones").
    A currency before the number is read only after `floor`: in "5 million CAD 10
    million USD" the "CAD" is the first figure's, so figures never overlap.
    """
    clean = layout.clean
    quote_start = start
    currency = None
    own_left = left[floor - start + len(left):] if floor > start - len(left) else left
    prefix = _currency_prefix(own_left, vocab)
    stripped = own_left.rstrip()
    if prefix:
        currency = prefix.group().strip()
        quote_start = start - len(prefix.group())
    elif stripped and unicodedata.category(stripped[-1]) == "Sc":
        currency = stripped[-1]
        quote_start = start - (len(own_left) - len(stripped) + 1)
    pos = end
    if currency and number < 1000 and end - start <= 3:
        grouped = _SPACE_GROUP.match(clean, pos)
        if grouped:  # "S/1 900": a space groups thousands after a currency sign
            number = number * 1000 + float(grouped.group(1))
            pos = grouped.end()
    number_high = None
    opener = None  # "between" or "from" right before the number: how a range goes on
    if vocab.range_opener_word_re.search(left.lower()):  # cheaper than the search
        found = vocab.range_opener_re.search(left)
        opener = " ".join(found.group("opener").lower().split()) if found else None  # "pasó\nde": as in the table
    joiner = vocab.range_end_re.get(opener, vocab.range_end_re[None])
    upper = joiner.match(clean, pos, pos + 40)
    if upper is None:  # "entre 2 mil e 3 mil pessoas": the scale is read once, after the upper end
        upper = _range_of_one_scale(clean, pos, joiner, vocab)
    high = None
    if upper:
        high = (numeral_value(upper.group("n"), vocab, layout.shown_decimal) if upper.group("n")
                else word_value(upper.group("w"), vocab))
    year_end = upper is not None and _is_year(upper.group("n")) and not 1900 <= number <= 2100
    if high is not None and high > number and not year_end:  # "R$ 600 a 12 mil famílias", "500 até 2026": none
        number_high = high
        pos = upper.end()
        after = vocab.after_re.match(clean[pos:pos + 40])
        if after:  # "de 18 a 59 años": the range is an age or a duration
            return Skip(start, pos + after.end(), vocab.after_reasons[fold(after.group("after")).lower()])
    scale = 1.0
    scale_match = vocab.scale_re.match(clean[pos:pos + 40])
    if not scale_match and prefix and clean[pos:pos + 1] == " " and clean[pos + 1:pos + 2].isalpha():
        scale_match = vocab.spaced_scale_re.match(clean[pos:pos + 12])  # "$1.5 bn", "US$ 5 MM"
    of_start = None
    if scale_match:
        scale = scale_of(scale_match.group(), vocab)
        pos += scale_match.end()
        if not currency and fold(scale_match.group()).lower() in vocab.currencies:
            currency = fold(scale_match.group())  # "500 mdd": millones de dólares, scale and currency in one
        if number_high is None:
            number, scale, pos = compound_number(clean, pos, number, scale, vocab)
        joined = vocab.of_noun_re.match(clean, pos, pos + 10)
        if joined:
            of_start, pos = pos, joined.end()  # "1,5 millones de personas": the noun follows "de"
    elif scale_word and number_high is None:
        number, scale, pos = compound_number(clean, pos, number, 1.0, vocab, last=number)
    elif currency and number < 1000 and number_high is None:
        shared = vocab.shared_scale_re.match(clean, pos, pos + 60)
        if shared:  # "$459 of the $578 million": the scale of the next figure is this one's too
            scale = scale_of(shared.group("scale"), vocab)
    percent = vocab.percent_re.match(clean[pos:pos + 20])
    if percent:
        pos += percent.end()
    suffix = None if percent else vocab.currency_suffix_re.match(clean[pos:pos + 60])
    if suffix and not currency and fold(suffix.group()).lower() in vocab.person_words:
        suffix = None  # "10.000 bolivianos": a currency's name that names persons too counts them
    if suffix:
        currency = fold(suffix.group())
        if currency.lower().startswith(vocab.of_word + " "):
            currency = currency[len(vocab.of_word) + 1:]
        pos += suffix.end()
    noun = None
    person = False
    borrow = None
    duration = None
    if currency:
        if of_start is not None and not suffix:
            pos = of_start  # "€8 million of it": the "of" belongs to what follows, not to the figure
        duration = _duration(clean[pos:pos + 60], vocab)
    elif not percent:
        block_end = (layout.blocks[layout.sentence_blocks[layout.sentence_at(start)]].end if layout.sentences
                     else len(clean))
        # the phrase never runs into the next block: "- Honduras: 19 mil 803\n- Cuba: ..." counts no Cuba
        phrase = noun_phrase(clean[pos:max(pos, min(pos + 120, block_end))], vocab, many=number * scale != 1)
        if phrase and not phrase[2] and layout.match_before(vocab.of_them_rev_re, start, 20):
            phrase = None  # "of whom 500,000 hold a permit": the number counts the persons before, a verb follows
        if not phrase:
            partitive = vocab.partitive_re.match(clean, pos, pos + 40)
            if partitive:  # "118,772 of these petitions": the noun after "of these" is counted
                phrase = noun_phrase(clean[partitive.end():partitive.end() + 120], vocab)
                if phrase:
                    phrase = (phrase[0], partitive.end() - pos + phrase[1], phrase[2])
        if not phrase and vocab.noun_first and _after_copula(left, vocab):
            article = vocab.article_noun_re.match(clean, pos, pos + 12)
            if article:  # "Fueron 1.200 las personas atendidas": the noun after the article is counted
                phrase = noun_phrase(clean[article.end():article.end() + 120], vocab)
                if phrase:
                    phrase = (phrase[0], article.end() - pos + phrase[1], phrase[2])
        if phrase:
            noun, noun_end, person = phrase
            if not person and vocab.currency_heads.get(noun.lower()):
                currency = fold(clean[pos:pos + noun_end])
                duration = _duration(clean[pos + noun_end:pos + noun_end + 60], vocab)
            pos += noun_end
        else:
            if of_start is not None:
                pos = of_start
            borrow = "next" if vocab.borrow_next_re.match(clean, pos, pos + 40) else "previous"
            if (borrow == "previous" and opener in vocab.change_openers
                    and vocab.change_end_re.match(clean, pos, pos + 40)):
                borrow = "change"  # "from 1,200 to 12,500 applications": the second number names the noun
            elif borrow == "previous" and vocab.and_number_re.match(clean, pos, pos + 40):
                borrow = "change"  # "120 mil e 45 mil haitianos": so does a second number joined by "and"
    return Mention(
        start=quote_start, end=pos, number=number, number_high=number_high, scale=scale,
        hedge=_ending_at(layout, vocab.hedge_rev_re, quote_start, 40, "hedge"), currency=currency,
        percent=bool(percent), noun=noun, person=person, borrow=borrow, duration=duration,
    )


def _is_year(text: str | None) -> bool:
    """Tell whether a numeral reads as a year: four digits from 1900 to 2100."""
    return bool(text) and len(text) == 4 and text.isdigit() and 1900 <= int(text) <= 2100


def _after_copula(left: str, vocab: Vocabulary) -> bool:
    """Tell whether one of the three words before a number is a copula ("Son más de 500", "Fueron 1.200")."""
    return any(word.lower() in vocab.copulas for word in left.split()[-3:])


_SPACE_GROUP = re.compile(r"[ \u00a0\u202f](\d{3})(?![\d.,’']?\d)")
def _duration(text: str, vocab: Vocabulary) -> str | None:
    """Return the duration that follows a money figure ("six years"), or None."""
    m = vocab.duration_re.match(text)
    return m.group("d") if m else None
