"""Loads the lookup tables of data/reference and compiles them into a Vocabulary.

Every word that drives extraction (currency names and symbols, scale words,
hedges, person nouns, number words, pillar headings, boilerplate) is a row in a
CSV here, so a new spelling, or a new language, is new rows, not new code.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ladfin import paths
from ladfin.errors import ReferenceDataError

Qualifier = str  # "exact" | "over" | "under" | "approx"


def read_table(name: str, columns: tuple[str, ...], *, directory: Path | None = None) -> list[dict]:
    """Return the rows of data/reference/<name>.csv as dicts, checking its columns.

    Raises:
        ReferenceDataError: the file is missing, lacks a column, or has an empty cell in
            a required column.
    """
    path = (directory or paths.reference_dir()) / f"{name}.csv"
    if not path.is_file():
        raise ReferenceDataError(f"{path}: reference table is missing")
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    header = rows[0].keys() if rows else ()
    missing = [c for c in columns if c not in header]
    if missing:
        raise ReferenceDataError(f"{path}: missing column(s) {', '.join(missing)}")
    bad = [i + 2 for i, row in enumerate(rows) if any(not (row[c] or "").strip() for c in columns)]
    if bad:
        raise ReferenceDataError(f"{path}: empty required cell on line(s) {bad[:10]}")
    return rows


def _alternation(words, *, flags: str = "") -> str:
    """Return a regex matching any of the literal words, longest first (`US$` beats `US`).

    The words are laid out as a trie, so a shared prefix is tested once: a flat
    alternation of a thousand country names is tried name by name at every
    position, which made matching the slowest step of extraction. A space in a
    word matches any run of white space, since hard-wrapped text breaks "Costa
    Rica" and "more than" across lines; run matches through `fold` before
    looking them up.
    """
    trie: dict = {}
    for word in {w for w in words if w}:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    body = _trie_pattern(trie) if trie else r"(?!x)x"
    return f"(?{flags}:{body})" if flags else f"(?:{body})"


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


def _cases(words) -> list[str]:
    """Return each word as written, capitalised and in capitals: cheaper to match than (?i)."""
    return [form for w in words for form in (w, w[:1].upper() + w[1:], w.upper())]


def _compile_row(path: Path, line: int, pattern: str, *, flags: int = 0) -> re.Pattern:
    """Compile a regex written in a reference table, or say which file and line it is.

    Raises:
        ReferenceDataError: the pattern does not compile.
    """
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise ReferenceDataError(
            f"{path}: line {line}: pattern {pattern!r} does not compile ({exc})"
        ) from None


def _reversed(words) -> list[str]:
    return [w[::-1] for w in words]


def fold(text: str) -> str:
    """Return text with each run of white space folded to one space, ends stripped."""
    return " ".join(text.split())


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    currency: str
    currency_symbol: str


@dataclass(frozen=True)
class Vocabulary:
    """The reference tables for one language, compiled for fast matching."""

    lang: str
    thousands_sep: str
    decimal_sep: str
    of_word: str
    token_re: re.Pattern          # dates, phones, times, numerals, number words, fractions
    start_re: re.Pattern          # a digit, "(", "+", or the character before a token's first word
    spaced_word_re: re.Pattern    # the space before a token's first word
    # Patterns for what ends right before a number are written for the reversed
    # text and matched from the number backwards: one anchored try, where a
    # `...$` search would try every position of the text before the number.
    hedge_rev_re: re.Pattern      # a hedge phrase ending right before a figure, reversed
    hedges: dict[str, Qualifier]
    currency_prefix_re: re.Pattern  # a currency symbol or code ending right before a number
    currency_prefix_width: int    # how far before a number currency_prefix_re can start
    currency_suffix_re: re.Pattern  # a currency name or code right after a number
    currencies: dict[str, str]    # alias (lower case for names) -> ISO code, "$" or "peso"
    currency_heads: dict[str, frozenset[str]]  # "dollars" -> every code whose name ends so
    dollar_sign: frozenset[str]   # currencies written `$` where they are used
    numeral: str                  # regex source of a numeral in this language's style
    noun_first: bool              # the noun leads its adjectives (es: personas venezolanas)
    scale_re: re.Pattern
    scales: dict[str, float]
    percent_re: re.Pattern
    number_words: dict[str, float]
    fractions: dict[str, float]
    person_words: frozenset[str]
    count_singulars: dict[str, str]
    label_rev_re: re.Pattern      # a label naming the number that follows ("Pillar"), reversed
    label_reasons: dict[str, str]
    after_re: re.Pattern
    after_reasons: dict[str, str]
    pillars: tuple[tuple[re.Pattern, int], ...]
    statuses: dict[str, str]
    status_re: re.Pattern
    boilerplate_re: re.Pattern    # a whole boilerplate line, with the newline before it
    abbreviation_rev_re: re.Pattern  # an abbreviation or initials (U.S.) ending at a period, reversed
    actor_re: re.Pattern
    actors: dict[str, str]        # alias as written -> actor code
    place_names: frozenset[str]   # the aliases that are names of countries
    countries: dict[str, Country]  # ISO alpha-3 -> Country


def _by_lang(rows: list[dict], lang: str) -> list[dict]:
    return [r for r in rows if r.get("lang", "*") in (lang, "*")]


@cache
def _vocabulary(directory: Path, lang: str) -> Vocabulary:
    def table(name, columns):
        return read_table(name, columns, directory=directory)

    languages = {r["lang"]: r for r in table("languages", ("lang", "thousands_sep", "decimal_sep"))}
    if lang not in languages:
        raise ReferenceDataError(
            f"{directory / 'languages.csv'}: no row for language {lang!r}; add one "
            f"(known: {', '.join(sorted(languages))})"
        )
    style = languages[lang]
    th, dec = re.escape(style["thousands_sep"]), re.escape(style["decimal_sep"])

    months = _by_lang(table("months", ("word", "lang", "month")), lang)
    month = _alternation([m["word"] for m in months])
    day = r"\d{1,2}(?:st|nd|rd|th)?"
    de = r"(?:\s+de)?" if lang == "es" else ""
    date_alternatives = [
        r"\d{4}-\d{2}-\d{2}",
        r"\d{1,2}/\d{1,2}/\d{2,4}",
        rf"{month}\s+{day}(?:\s*(?:-|–|through|to|and)\s*(?:{month}\s+)?{day})?(?:,?{de}\s+\d{{4}})?(?!\d)",
        rf"{day}{de}\s+{month}(?:,?{de}\s+\d{{4}})?(?!\d)",
        rf"{month}{de}\s+\d{{4}}(?!\d)",
    ]
    words = {r["word"].lower(): float(r["value"]) for r in _by_lang(
        table("number_words", ("word", "lang", "value")), lang)}
    tens = [w for w, v in words.items() if v >= 20 and v % 10 == 0 and v < 100]
    units = [w for w, v in words.items() if 1 <= v <= 9]
    small = [w for w, v in words.items() if 2 <= v < 20 or w in ("a dozen", "dozen")]
    scales_rows = _by_lang(table("scales", ("word", "lang", "multiplier", "attached")), lang)
    spoken_scales = [r["word"] for r in scales_rows if r["attached"] != "true"]
    articles = _cases(["one", "a", "an", "una", "un"])  # "a million", "un millón"
    word_number = (
        rf"\b(?:{_alternation(_cases(tens))}(?:-{_alternation(units)})?|{_alternation(_cases(small))}"
        rf"|{_alternation(articles)}(?=\s+{_alternation(spoken_scales)}\b))\b"
        rf"(?:\s+hundred\b)?(?![\w-]*\d)"
    )
    fractions = {r["word"].lower(): float(r["percent"]) for r in _by_lang(
        table("fractions", ("word", "lang", "percent")), lang)}
    # Where `token_re` can match, found by two scans whose patterns open with a
    # literal or a plain character class, which the regex engine skips ahead to
    # (see mentions._tokens): after a space, a word that opens a token; at any
    # other character but a letter, a digit, "(" or "+", or a non-word character
    # before such a word (group `word`: the token starts one character later).
    first_words = {
        w.split()[0]
        for w in [m["word"] for m in months] + _cases(tens) + _cases(small) + articles + _cases(fractions)
    }
    opens = rf"{_alternation(first_words)}(?!\w)"
    start_re = re.compile(rf"[^a-zA-Z ](?:(?<=\W)(?={opens})(?P<word>)|(?<=[\d(+]))")
    spaced_word_re = re.compile(rf" (?={opens})")
    of_word = style.get("of_word") or "of"
    numeral = rf"(?<![\d{th}{dec}])(?:\d{{1,3}}(?:{th}\d{{3}})+|\d+)(?:{dec}\d+)?(?![\d])"
    # Tokens start at a digit or at the start of a word: the guard skips the
    # middle of words without trying every alternative there.
    token = r"(?=[\d(+]|\b[^\W\d_])(?:" + "|".join(
        [
            rf"(?P<date>{'|'.join(date_alternatives)})",
            r"(?P<phone>\(\d{3}\)\s?\d{3}-\d{4}|\b\d{3}[.-]\d{3}[.-]\d{4}\b|\+\d[\d\s().-]{7,}\d)",
            r"(?P<time>\b\d{1,2}:\d{2}\b)",
            rf"(?P<num>{numeral})",
            rf"(?P<frac>\b{_alternation(_cases(fractions))}(?=\s+{of_word}\b))",
            rf"(?P<word>{word_number})",
        ]
    ) + ")"

    hedges = {r["phrase"].lower(): r["qualifier"] for r in _by_lang(
        table("hedges", ("phrase", "lang", "qualifier")), lang)}
    bad = {q for q in hedges.values()} - {"over", "under", "approx", "exact"}
    if bad:
        raise ReferenceDataError(f"{directory / 'hedges.csv'}: unknown qualifier(s) {sorted(bad)}")

    generated = _by_lang(table("currencies", ("alias", "code", "lang", "form")), lang)
    hand = _by_lang(table("currency_aliases", ("alias", "code", "lang", "form")), lang)
    currencies: dict[str, str] = {}
    for row in generated + hand:  # hand-made rows win
        key = row["alias"] if row["form"] in ("code", "symbol") else row["alias"].lower()
        currencies[key] = row["code"]
    prefixes = [r["alias"] for r in generated + hand if r["form"] in ("code", "symbol")]
    names = [r["alias"] for r in generated + hand if r["form"] == "name"]
    codes = [r["alias"] for r in generated + hand if r["form"] == "code"]
    symbols_only = [p for p in prefixes if not p.isalpha()]
    currency_prefix = rf"(?:(?<![A-Za-z]){_alternation([p for p in prefixes if p.isalpha()])}\s?|{_alternation(symbols_only)}\s?)$"
    currency_suffix = (
        rf"^\s+(?:{of_word}\s+)?(?:(?i:{_alternation(names)})\b|{_alternation(codes)}\b)"
    )
    # The word that names the currency family: "dollars" in "Canadian dollars",
    # "pesos" in "pesos colombianos", by each language's word order.
    noun_first = style.get("noun_first") == "true"
    currency_heads: dict[str, set[str]] = {}
    for row in generated + hand:
        if row["form"] == "name" and len(row["code"]) == 3:
            parts = row["alias"].lower().split()
            currency_heads.setdefault(parts[0] if noun_first else parts[-1], set()).add(row["code"])
    scales = {r["word"]: float(r["multiplier"]) for r in scales_rows}
    attached = [r["word"] for r in scales_rows if r["attached"] == "true"]
    scale_re = re.compile(
        rf"^(?:\s+(?i:{_alternation(spoken_scales)})\b|{_alternation(attached)}\b)"
    )
    percent_words = [r["word"] for r in _by_lang(table("percent_words", ("word", "lang")), lang)]
    percent_re = re.compile(rf"^\s?(?:%|\s(?i:{_alternation([w for w in percent_words if w != '%'])})\b)")

    persons = {r["word"].lower() for r in _by_lang(table("person_nouns", ("word", "lang")), lang)}
    demonyms = _by_lang(table("demonyms", ("code", "demonym", "plural", "lang")), lang)
    persons |= {d["plural"].lower() for d in demonyms}
    singulars = {r["plural"].lower(): r["singular"] for r in _by_lang(
        table("count_nouns", ("plural", "singular", "lang")), lang)}

    contexts = _by_lang(table("number_contexts", ("phrase", "lang", "position", "reason")), lang)
    before = {r["phrase"].lower(): r["reason"] for r in contexts if r["position"] == "before"}
    after = {r["phrase"].lower(): r["reason"] for r in contexts if r["position"] == "after"}
    # "Pillar 3", "Pillars 1, 2 and 3": read backwards from the number (see hedge_rev_re).
    label_rev_re = re.compile(
        rf"(?:\s*(?:,|dna|&|ro|y|-|–|ot)\s*\d+)*\s*(?P<label>{_alternation(_reversed(before))})\b", re.I
    )
    after_re = re.compile(rf"^(?:\s+|-)?(?P<after>{_alternation(after)})(?![\w])", re.I)

    pillars = tuple(
        (_compile_row(directory / "pillars.csv", line, r["pattern"], flags=re.I), int(r["pillar"]))
        for line, r in enumerate(table("pillars", ("pattern", "pillar")), start=2)
    )
    statuses = {r["marker"].lower(): r["status"] for r in table("statuses", ("marker", "status"))}
    status_re = re.compile(rf"(?i:{_alternation(statuses)})\s*$")
    # Each row matches a whole line (case and surrounding spaces ignored). The
    # pattern opens with the newline before the line, a literal the regex engine
    # skips to; read_layout puts a newline before the text for the first line.
    lines = table("boilerplate", ("line",))
    for line, r in enumerate(lines, start=2):
        _compile_row(directory / "boilerplate.csv", line, r["line"])
    boilerplate_re = re.compile(
        r"\n[ \t]*(?i:" + "|".join(f"(?:{r['line']})" for r in lines) + r")[ \t]*(?=\n|\Z)"
    )
    abbreviations = [r["abbreviation"] for r in table("abbreviations", ("abbreviation",))]
    # The whole word before a period, read backwards from it: a listed abbreviation
    # or initials ("U.S", "J.R.R"), then the space, bracket or quote before the word.
    abbreviation_rev_re = re.compile(
        rf"(?:{_alternation(_reversed(abbreviations))}|[A-Z](?:\.[A-Za-z])*)(?=[\s(“\"]|\Z)"
    )

    country_rows = table("countries", ("code", "alpha2", "name_en"))
    countries = {
        r["code"]: Country(r["code"], r["name_en"], r["currency"], r.get("currency_symbol", ""))
        for r in country_rows
    }
    # Actor aliases are proper nouns and acronyms: matched as written, so "Chile" the
    # country is not "chile" the pepper and "US" is not "us".
    actors = {r[f"name_{lang}"]: r["code"] for r in country_rows if r.get(f"name_{lang}")}
    actors.update({r["name_en"]: r["code"] for r in country_rows})
    actors.update({r["alias"]: r["code"] for r in table("country_aliases", ("alias", "code", "lang"))})
    place_names = frozenset(actors)
    actors.update({r["alias"]: r["actor"] for r in table("actors", ("alias", "actor"))})
    institutions = [r["word"] for r in _by_lang(table("institution_nouns", ("word", "lang")), lang)]
    for d in demonyms:
        for inst in institutions:
            actors[f"{d['demonym']} {inst}"] = d["code"]
            actors[f"{d['demonym']} {inst.title()}"] = d["code"]
    # Opens with the names' first letters (capitals), which the regex engine skips
    # ahead to; that the name starts a word is checked by the caller (figures.py).
    actor_re = re.compile(rf"{_alternation(actors)}(?![\w])")

    return Vocabulary(
        lang=lang,
        thousands_sep=style["thousands_sep"],
        decimal_sep=style["decimal_sep"],
        of_word=of_word,
        token_re=re.compile(token),
        start_re=start_re,
        spaced_word_re=spaced_word_re,
        hedge_rev_re=re.compile(rf"\s+(?P<hedge>{_alternation(_reversed(hedges))})(?![\w-])", re.I),
        hedges=hedges,
        currency_prefix_re=re.compile(currency_prefix),
        currency_prefix_width=max(map(len, prefixes), default=0) + 2,  # "US$ 5", "$\n5"
        currency_suffix_re=re.compile(currency_suffix),
        currencies=currencies,
        currency_heads={k: frozenset(v) for k, v in currency_heads.items()},
        dollar_sign=frozenset(c.currency for c in countries.values() if c.currency_symbol == "$"),
        numeral=numeral,
        noun_first=noun_first,
        scale_re=scale_re,
        scales={**{k.lower(): v for k, v in scales.items()}, **{k: v for k, v in scales.items()}},
        percent_re=percent_re,
        number_words=words,
        fractions=fractions,
        person_words=frozenset(persons),
        count_singulars=singulars,
        label_rev_re=label_rev_re,
        label_reasons=before,
        after_re=after_re,
        after_reasons=after,
        pillars=pillars,
        statuses=statuses,
        status_re=status_re,
        boilerplate_re=boilerplate_re,
        abbreviation_rev_re=abbreviation_rev_re,
        actor_re=actor_re,
        actors=actors,
        place_names=place_names,
        countries=countries,
    )


def vocabulary(lang: str = "en") -> Vocabulary:
    """Return the compiled Vocabulary for `lang`, read once from data/reference.

    Raises:
        ReferenceDataError: a table is missing or malformed, or `lang` has no row in
            languages.csv.
    """
    return _vocabulary(paths.reference_dir(), lang)
