"""Builds the Vocabulary fields that read numbers: style, tokens, scales, ranges, contexts.

Each `build_*` function reads the tables of one concern and returns the
Vocabulary fields it compiles, by name; `ladfin.reference.vocabulary` puts them
together.
"""

from __future__ import annotations

import re

from ladfin.reference.patterns import NEVER, alternation, cases, initials, reversed_alternation
from ladfin.reference.read import Tables

def build_number_style(tables: Tables) -> dict:
    """Return the number style of a language (languages.csv) and the regex of its numerals."""
    style = tables.style
    # Every language's numerals have the same shape: which separator is the decimal one is
    # decided per numeral (ladfin.extract.numerals), since the press of one language writes
    # both ("51.2 millones" and "1.900 millones" in one Mexican article). An apostrophe groups
    # the millions in Peru ("3’075,776"); a space groups thousands where the style of the RAE
    # and of UN tables is followed ("12 000", "1 297 760"). Compact (no comments): embedded in
    # the patterns of ranges and durations.
    numeral = (r"(?<![\d.,’'])(?:\d{1,3}(?:[’']\d{3})+(?:[.,]\d{3})*|\d{1,3}(?:\.\d{3})+|\d{1,3}(?:,\d{3})+"
               r"|\d{1,3}(?:[\ \u00a0\u202f]\d{3})+(?![\d’']|[.,]\d)|\d+)"
               r"(?:[.,]\d+)?(?![\d])")
    return {
        "thousands_sep": style["thousands_sep"],
        "decimal_sep": style["decimal_sep"],
        "of_word": style["of_word"],
        "noun_first": style["noun_first"] == "true",
        "numeral": numeral,
    }


def _date_pattern(tables: Tables, months: list[str]) -> str:
    """Return the verbose regex of a date: ISO, numeric, or with a month name."""
    month = alternation(months)
    day = rf"\d{{1,2}}(?![.,]\d){alternation(tables.words('ordinal_suffix'))}?"  # not "June 4.98%"
    of = tables.style.get("date_of_word") or ""
    de = rf"(?:\s+{re.escape(of)})?" if of else ""
    joiner = rf"(?:[-–]|{alternation(tables.words('date_joiner'))})"
    return rf"""
          \d{{4}}-\d{{2}}-\d{{2}}                      # 2024-06-10
        | \d{{1,2}}/\d{{1,2}}/\d{{2,4}}                # 6/10/2024
        | {month}\s+{day}                              # June 10th
          (?:\s*{joiner}\s*(?:{month}\s+)?{day})?      #   through (July) 12
          (?:,?{de}\s+\d{{4}})?(?!\d)                  #   , 2024
        | {day}{de}\s+{month}(?:,?{de}\s+\d{{4}})?(?!\d)  # 10 June 2024, 10 de junio de 2024
        | {month}{de}\s+\d{{4}}(?!\d)                  # June 2024
    """


def spoken_scales(tables: Tables) -> list[str]:
    """Return the scale words written apart from the number ("million"), not attached ("bn")."""
    rows = tables.rows("scales", ("word", "lang", "multiplier", "attached"))
    return [r["word"] for r in rows if r["attached"] != "true"]


def build_tokens(tables: Tables, numeral: str) -> dict:
    """Return the patterns that find number tokens, and the values of number words.

    A token is a date, phone number or time (skipped whole), a numeral, a
    fraction ("half of"), or a number in words ("twenty-one", "a dozen", "a
    million", where an article stands for one before a scale word).
    """
    # A page quotes a date in another of the languages it reads ("10 February 2022" atop a
    # Portuguese release): the months of each language of function_word_langs are dates.
    months = [m["word"] for m in tables.all("months", ("word", "lang", "month"))
              if m["lang"] in tables.word_langs or m["lang"] == "*"]
    number_rows = tables.rows("number_words", ("word", "lang", "value", "multiplies"))
    words = {r["word"].lower(): float(r["value"]) for r in number_rows}
    multipliers = {r["word"].lower(): float(r["value"]) for r in number_rows if r["multiplies"] == "true"}
    plain = {w: v for w, v in words.items() if w not in multipliers}
    # Number words by the place they take in a compound: "three thousand five hundred",
    # "doscientos cincuenta", "treinta y cinco", "cento e vinte", "dois mil e quinhentos".
    ones = [w for w, v in plain.items() if v == 1]                 # one: "twenty-one", "one hundred"
    units = [w for w, v in plain.items() if 2 <= v <= 9]
    tens = [w for w, v in plain.items() if v >= 20 and v % 10 == 0 and v < 100]
    teens = [w for w, v in plain.items() if 10 <= v < 100 and w not in tens]  # ten, dieciséis, veinticinco
    hundreds = [w for w, v in plain.items() if 100 <= v < 1000]       # cien, doscientos, duzentos
    small = [w for w, v in words.items() if 2 <= v < 20]
    # Words that stand for a number before a scale word: an article or a word for one ("a
    # million", "un millón"), and a fraction ("medio millón", "meio milhão": half a million).
    articles = [*tables.words("article"), *ones]
    halves = [w for w, v in words.items() if 0 < v < 1]
    # A multiplying word that is no number by itself ("hundred", unlike "dozen")
    # may follow a number word: "two hundred".
    trailing = [w for w in multipliers if w not in small]
    # A multiplying word that is also a scale word ("mil") stands alone too: "mil personas",
    # "mil 897 millones".
    scale_rows = tables.rows("scales", ("word", "lang", "multiplier", "attached"))
    scale_words = {w.lower() for w in spoken_scales(tables)}
    alone = [w for w in trailing if w in scale_words]
    # "thousand" and "mil" join two groups of a compound ("three thousand five hundred").
    thousands = sorted({*(w for w, v in multipliers.items() if v == 1000),
                        *(r["word"].lower() for r in scale_rows
                          if r["attached"] != "true" and float(r["multiplier"]) == 1000)})
    hundred = [w for w, v in multipliers.items() if v == 100]
    fractions = {r["word"].lower(): float(r["percent"]) for r in tables.rows(
        "fractions", ("word", "lang", "percent"))}
    of = re.escape(tables.style["of_word"])
    # "a metade tem cinco anos", "metade disseram", "half are women": a fraction the verb after
    # it makes the subject is a share of the persons named before, as "half of" is
    verb_endings = tables.words("verb_suffix")
    fraction_verb = rf"""(?:{alternation(tables.words("copula"), flags="i")}
                        |[^\W\d_]+{alternation(verb_endings)}){"" if verb_endings else "(?!)"}\b"""
    # "metade dos migrantes", "um terço das famílias": the of word joined to an article
    of_joined = alternation([tables.style["of_word"], *tables.words("of_contraction")])
    multiplied = rf"(?:\s+{alternation(trailing)}\b)?" if trailing else ""
    # "and" joins the parts of a compound only where a smaller part follows: "treinta y
    # cinco", "one hundred and twenty"; "dos y tres millones" is two numbers.
    join = rf"\s+(?:{alternation(tables.words('and'))}\s+)?"
    unit, one = alternation(cases(units)), alternation(cases(ones))
    ten, teen = alternation(cases(tens)), alternation(cases(teens))
    article, thousand = alternation(cases(tables.words("article"))), alternation(cases(thousands))

    def below_100(tail: bool) -> str:
        """Return the pattern of a number below 100; `tail`: after a larger part, where "one" may stand."""
        return rf"""(?:
            {ten}(?:(?:-|{join})(?:{unit}|{one})\b)?      # twenty-one, treinta y cinco, vinte e um
          | {teen} | {unit}{f"| {one}" if tail else ""}  # ten, veinticinco, two
        )"""

    def below_1000(tail: bool) -> str:
        """Return the pattern of a number below 1,000 in words: "two hundred and five", "ciento veinte"."""
        multiplied_hundred = rf"""(?:{unit}|{one}|{article}|{teen})
              \s+{alternation(cases(hundred))}\b(?:{join}{below_100(True)}\b)?""" if hundred else NEVER
        return rf"""(?:
            {multiplied_hundred}                                         # (one) hundred (and) twenty
          | {alternation(cases(hundreds))}\b(?:{join}{below_100(True)}\b)?  # ciento veinte, cento e um
          | {below_100(tail)}\b
        )"""

    word_number = rf"""
        \b(?:
            {alternation(cases(alone))}{join}{below_1000(True)}          # mil quinientos, mil e um
          | (?:{below_1000(False)}                                       # three,
               |(?:{one}|{article}(?!\s+{thousand}\s+\d))(?=\s+{thousand}\b))  # (one) thousand; not "(a) mil 609"
            (?:\s+{thousand}{join}{below_1000(True)})?                     # thousand five hundred
          | {alternation(cases(small + alone))}                        # a dozen, mil
          | {alternation(cases(articles + halves))}(?=\s+{alternation(spoken_scales(tables))}\b)  # a (million),
            (?!\s+{thousand}\s+\d)                                       # not (a) mil 609
        )\b
        {multiplied}                                                   # hundred, mil
        (?![\w-]*\d)                                                   # not "two-3"
    """
    token = rf"""
        (?=[\d(+]|\b[^\W\d_])        # only at a digit, "(", "+" or a word's first letter
        (?:
            (?P<date>{_date_pattern(tables, months)})
          | (?P<phone>\(\d{{3}}\)\s?\d{{3}}-\d{{4}}|\b\d{{3}}[.-]\d{{3}}[.-]\d{{4}}\b|\+\d[\d\s().-]{{7,}}\d
                     |\b1-\d{{3}}-\d{{3}}-\d{{4}}\b                  # 1-800-555-0199
                     |\(\d{{2}}\)\s?\d{{4,5}}-\d{{4}}\b              # (95) 3621-1234
                     |\b0?1?[\s-]?800[\s-]\d{{3}}[\s-]\d{{4}}\b)     # 01 800 123 4567, 0800 123 4567
          | (?P<time>\b\d{{1,2}}:\d{{2}}(?::\d{{2}})?\b)   # 10:26, 10:26:00
          | (?P<num>{numeral})
          | (?P<frac>\b{alternation(cases(fractions))}(?=\s+(?:\([^()]*\)\s+)?{of_joined}\b)   # half ((47%)) of
                     (?!\s+{of}\s+{article}\s+{alternation(spoken_scales(tables))}\b)  # not "a quarter of a million"
                   | \b{alternation(cases(fractions))}(?=\s+{fraction_verb}))  # "dos quais a metade tem": a share
          | (?P<word>{word_number})
        )
    """
    # Where `token_re` can match, found by two scans whose patterns open with a
    # literal or a plain character class, which the regex engine skips ahead to
    # (see mentions._tokens): after a space, a word that opens a token; at any
    # other character but a letter, a digit, "(" or "+", or a non-word character
    # before such a word (group `word`: the token starts one character later).
    first_words = {
        w.split()[0]
        for w in months + cases(tens + teens + hundreds) + cases(small + alone) + cases(articles + halves)
        + cases(fractions)
    }
    # Most places tried (a space, a comma) start no such word: one class test rejects them,
    # a lookahead of its own (not nested in the word's), the cheapest for the regex engine.
    opens = rf"(?={initials(first_words)})(?={alternation(first_words)}(?!\w))"
    start = rf"""
        [^a-zA-Z ]                        # any character but a letter or a space:
        (?:
            (?<=\W){opens}(?P<word>)        #   a non-word one, a token's first word after it
          | (?<=[\d(+])                     #   a digit, "(" or "+", where the token starts
        )
    """
    return {
        "token_re": re.compile(token, re.X),
        "start_re": re.compile(start, re.X),
        "spaced_word_re": re.compile(rf"\ {opens}  # the space before a word that opens a token", re.X),
        "number_words": words,
        "multipliers": {**multipliers, **{w: 1000.0 for w in thousands}},
        "articles": frozenset(a.lower() for a in articles),
        "fractions": fractions,
    }


def build_scales(tables: Tables) -> dict:
    """Return the scale words (million, bn) and percent words that follow a number."""
    rows = tables.rows("scales", ("word", "lang", "multiplier", "attached"))
    spoken = spoken_scales(tables)
    attached = [r["word"] for r in rows if r["attached"] == "true"]
    scales = {r["word"]: float(r["multiplier"]) for r in rows}
    percent = [r["word"] for r in tables.rows("percent_words", ("word", "lang"))]
    signs = [w for w in percent if not w[:1].isalpha()]
    return {
        "scale_re": re.compile(rf"""
            ^(?:
                (?:\s+|-)(?i:{alternation(spoken)})(?![^\W\d_])  # 5 million, "5 million1" (a footnote), $20-million
              | {alternation(attached)}\b                  # 5bn
            )
        """, re.X),
        "scales": {**{k.lower(): v for k, v in scales.items()}, **scales},
        # Only after a currency sign: "$1.5 bn", "US$ 5 MM" (a bare "5 m" may be metres).
        "spaced_scale_re": re.compile(rf"^\s{alternation(attached)}\b  # (5) bn", re.X),
        "percent_re": re.compile(rf"""
            ^\s?(?:
                {alternation(signs)}                                          # 5%
              | \s(?i:{alternation([w for w in percent if w not in signs])})\b  # 5 percent
            )
        """, re.X),
    }


def build_ranges(tables: Tables, numeral: str) -> dict:
    """Return the patterns of a range's upper end, by the word that opens the range.

    After a range_start word ("between 5 and 10") the end follows an `and` word;
    after a change_start word ("from 5 to 10", two figures) only a dash makes a
    range ("from 5-10"); otherwise a dash or a range_end word ("5 to 10").
    """
    starts = [w.lower() for w in tables.words("range_start")]
    changes = [w.lower() for w in tables.words("change_start")]
    dash = "[-–—]"  # punctuation is the same in every language; words are table rows

    # A range's upper end may be a number word: "entre dos y tres millones", "two to three million".
    words = [r["word"].lower() for r in tables.rows("number_words", ("word", "lang", "value", "multiplies"))
             if r["multiplies"] != "true" and float(r["value"]) >= 2 and " " not in r["word"]]

    def upper(joiner: str) -> re.Pattern:
        return re.compile(rf"""
            (?:{joiner})
            \s*(?:[^\s\w]{{1,3}}|[A-Z]{{2,3}}\$?)?\s?   # a currency sign or code: "to $10", "to US$10"
            (?:(?P<n>{numeral})|(?P<w>{alternation(cases(words))})\b)   # 10, three
        """, re.X)

    default = upper(rf"{dash}|\s+{alternation(tables.words('range_end'))}")
    by_opener: dict[str | None, re.Pattern] = {None: default}
    by_opener.update({w: upper(rf"\s+{alternation(tables.words('and'))}") for w in starts})
    by_opener.update({w: upper(dash) for w in changes})
    rows = tables.rows("scales", ("word", "lang", "multiplier", "attached"))
    attached = [r["word"] for r in rows if r["attached"] == "true"]
    joiners = [*tables.words("and"), *tables.words("conjunction"), *tables.words("range_end")]
    of = re.escape(tables.style["of_word"])
    return {
        # "$459 of the $578 million", "$5 and $10 million": the next figure's scale is shared.
        "shared_scale_re": re.compile(rf"""
            \s*(?:,|\s+(?:{alternation(joiners)}
                      |{of}(?:\s+{alternation(tables.words('borrow_next_word'))})?))   # of the
            \s+(?:[^\s\w]{{1,3}}|[A-Z]{{1,3}}\$?)\s?                        # $, US$
            {numeral}
            (?P<scale>\s+(?i:{alternation(spoken_scales(tables))})\b|{alternation(attached)}\b)  # million
        """, re.X),
        "range_openers": tuple(starts + changes),
        # Any opener as written, lower case, anywhere: one search instead of a test per word.
        "range_opener_word_re": re.compile(
            "|".join(re.escape(w) for w in sorted(starts + changes, key=len, reverse=True)) if starts + changes
            else NEVER),
        "range_opener_re": re.compile(rf"""
            \b(?P<opener>{alternation(starts + changes)})
            \s+\S{{0,4}}$                  # then at most a currency sign before the number
        """, re.X | re.I),
        "range_end_re": by_opener,
        "change_openers": frozenset(changes),
        # "120 mil e 45 mil haitianos": a second number joined by the and word, which names the noun
        "and_number_re": re.compile(rf"""
            \s+{alternation(tables.words('and'), flags='i')}
            \s+(?:[^\s\w]{{1,3}}|[A-Z]{{2,3}}\$?)?\s?{numeral}
        """, re.X),
        # "passou de 1,2 mil para 12,5 mil pedidos": the second number of a change, after its first
        "change_end_re": re.compile(rf"""
            \s+{alternation(tables.words('change_end'), flags='i')}
            \s+(?:[^\s\w]{{1,3}}|[A-Z]{{2,3}}\$?)?\s?(?:{numeral}|{alternation(cases(words))}\b)
        """, re.X),
    }


def build_contexts(tables: Tables, numeral: str) -> dict:
    """Return the patterns of words around a number that make it no figure, or qualify it.

    Labels before it ("Pillar 3", "Pillars 1, 2 and 3", "FY 2024") and words
    after it ("5 years", "3-fold", and "eight or 10 weeks" for both numbers) are
    rows of number_contexts.csv; an ordinal
    suffix makes it an ordinal; a duration after a money figure ("over six
    years") is kept with the figure.
    """
    contexts = tables.rows("number_contexts", ("phrase", "lang", "position", "reason"))
    before = {r["phrase"].lower(): r["reason"] for r in contexts if r["position"] == "before"}
    after = {r["phrase"].lower(): r["reason"] for r in contexts if r["position"] == "after"}
    alone = [r["word"].lower() for r in tables.rows("number_words", ("word", "lang", "value", "multiplies"))
             if r["multiplies"] != "true" and " " not in r["word"]]  # "or ten (weeks)"
    return {
        # Read backwards from the number (see Layout.match_before).
        "label_rev_re": re.compile(rf"""
            (?:\s*(?:[-–,&]|{reversed_alternation(tables.words('label_joiner'))})
               \s*\d+)*                                    # 1, 2 and (3), read backwards
            \s*(?P<label>{reversed_alternation(before)})\b  # Pillars
        """, re.X | re.I),
        "label_reasons": before,
        # "eight or 10 weeks": a number joined to the next one by a conjunction shares its context word.
        "after_re": re.compile(rf"""
            ^(?:\s+{alternation(tables.words('conjunction'))}
                \s+(?:{numeral}|{alternation(alone)}))?                # (eight) or 10
            (?:\s+|-)?(?P<after>{alternation(after)})(?![\w])   # (5) years, (5)-fold
        """, re.X | re.I),
        "after_reasons": after,
        # "the first half of 2024", "half of the year", "metade do ano": the fraction names a period, no share.
        "period_of_re": re.compile(rf"""
            \s+(?:{re.escape(tables.style["of_word"])}
                \s+(?:{alternation(tables.words('definite_article'), flags='i')}\s+)?
              | {alternation(tables.words('of_contraction'), flags='i')}\s+)          # metade (do) ano
            (?:\d{{4}}(?!\d)|{alternation(tables.words('duration_unit'), flags='i')}\b)  # 2024, the year
        """, re.X),
        "ordinal_re": re.compile(rf"{alternation(tables.words('ordinal_suffix'))}\b  # (5)th", re.X),
        "duration_re": re.compile(rf"""
            \s+{alternation(tables.words('duration_preposition'))}\s+      # over
            (?:{alternation(tables.words('duration_ahead'))}\s+)?         # the next
            (?P<d>
                (?:{numeral}|[a-z]+(?:-[a-z]+)?)                           # six, 6, twenty-one
                \s+{alternation(tables.words('duration_unit'))}            # years
            )\b
        """, re.X),
    }
