"""Compiles the lookup tables of data/reference into a Vocabulary, once per language.

Every word that drives extraction (currency names and symbols, scale words,
hedges, person nouns, number words, function words such as prepositions and
conjunctions, pillar headings, boilerplate) is a row in a CSV there, so a new
spelling, or a new language, is new rows, not new code (data/reference/README.md).
The builders of each concern live in `numbers` and `words`; reading and checking
the tables in `read`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ladfin import paths
from ladfin.core.vocab import Qualifier
from ladfin.reference import numbers, patterns, words
from ladfin.reference.read import Tables, fold, read_table
from ladfin.reference.words import Country

__all__ = ["Country", "Vocabulary", "fold", "languages", "read_table", "vocabulary"]


@dataclass(frozen=True)
class Vocabulary:
    """The reference tables for one language, compiled for fast matching."""

    lang: str
    directory: Path               # the data/reference it was read from, for tables read apart (extract.checks)
    # -- number style (languages.csv)
    thousands_sep: str
    decimal_sep: str
    of_word: str
    noun_first: bool              # the noun leads its adjectives (es: personas venezolanas)
    numeral: str                  # regex source of a numeral in this language's style
    # -- number tokens
    token_re: re.Pattern          # dates, phones, times, numerals, number words, fractions
    start_re: re.Pattern          # a digit, "(", "+", or the character before a token's first word
    spaced_word_re: re.Pattern    # the space before a token's first word
    number_words: dict[str, float]
    multipliers: dict[str, float]  # number words that multiply the one before: "two hundred"
    articles: frozenset[str]      # words read as one before a scale word: "a million"
    fractions: dict[str, float]
    # -- what follows a number
    scale_re: re.Pattern
    spaced_scale_re: re.Pattern   # an abbreviation one space after the number ("$1.5 bn")
    shared_scale_re: re.Pattern   # "of the $578 million" after "$459": the scale both share
    scales: dict[str, float]
    percent_re: re.Pattern
    range_openers: tuple[str, ...]  # "between", "from": lower case, as range_end_re's keys
    range_opener_word_re: re.Pattern  # any of range_openers, as written: a cheap test before range_opener_re
    change_openers: frozenset[str]  # "from", "passou de": the range_openers that open a change
    change_end_re: re.Pattern       # "to 12,500", "para 12,5 mil": a change's second number
    and_number_re: re.Pattern       # "and 153,000", "e 153 mil": a second number joined by the and word
    range_opener_re: re.Pattern
    range_end_re: dict[str | None, re.Pattern]  # a range's upper end, by the word opening it
    # -- what makes a number no figure, or qualifies it. Patterns for what ends
    # right before a number are written for the reversed text and matched from
    # the number backwards: one anchored try, where a `...$` search would try
    # every position of the text before the number.
    label_rev_re: re.Pattern      # a label naming the number that follows ("Pillar"), reversed
    label_reasons: dict[str, str]
    after_re: re.Pattern
    after_reasons: dict[str, str]
    ordinal_re: re.Pattern        # "th" right after a number
    period_of_re: re.Pattern      # "of 2024" after a fraction: "the first half of 2024" is a period
    duration_re: re.Pattern       # "over six years" after a money figure
    hedge_rev_re: re.Pattern      # a hedge phrase ending right before a figure, reversed
    hedges: dict[str, Qualifier]
    # -- currencies
    currency_prefix_re: re.Pattern  # a currency symbol or code ending right before a number
    currency_prefix_width: int    # how far before a number currency_prefix_re can start
    currency_prefix_ends: frozenset[str]  # the last characters of its codes and symbols: "$", "D", "€"
    currency_suffix_re: re.Pattern  # a currency name or code right after a number
    currencies: dict[str, str]    # alias (lower case for names) -> ISO code, "$" or "peso"
    currency_heads: dict[str, frozenset[str]]  # "dollars" -> every code whose name ends so
    dollar_sign: frozenset[str]   # currencies written `$` where they are used
    # -- the noun phrase after a number
    person_words: frozenset[str]
    place_nouns: frozenset[str]   # "city": no unit for a number in brackets after a place's name
    count_singulars: dict[str, str]
    singular_endings: tuple[tuple[str, str], ...]  # (plural ending, singular ending), longest first
    copulas: frozenset[str]       # "are" in "4,000 are children": the noun follows it
    not_plural_suffixes: tuple[str, ...]  # "-ss", "-us": a word ending so is no plural
    leading_adjectives: frozenset[str]  # "nuevas" in "500 nuevas solicitudes": before the noun that leads
    leading_adverbs: frozenset[str]  # "already" in "2.5 million already regularized": passed over
    partitive_re: re.Pattern      # "of these" between a number and the noun it counts
    money_word_re: re.Pattern     # "invest", "ayuda": a scaled number without noun or currency is money
    of_them_re: re.Pattern        # "de ellas": the numbers after it count what came before it
    of_them_rev_re: re.Pattern    # the same, ending right before a number, reversed
    article_noun_re: re.Pattern   # "las" in "Fueron 1.200 las personas": an article after a number, before its noun
    person_relatives: frozenset[str]  # "who" in "107,000 who applied": the number counts persons
    stop_words: frozenset[str]    # end the phrase: prepositions, verbs, relatives
    conjunctions: frozenset[str]
    adverb_suffixes: tuple[str, ...]
    verb_suffixes: tuple[str, ...]
    plural_suffixes: tuple[str, ...]
    of_noun_re: re.Pattern        # "de" between a scale word and its noun: "1,5 millones de personas"
    borrow_next_re: re.Pattern    # "5 of the estimated 20 million people": 5 borrows the next unit
    # -- the text's structure
    pillars: tuple[tuple[re.Pattern, int], ...]
    statuses: dict[str, str]
    status_re: re.Pattern
    boilerplate_re: re.Pattern    # a whole boilerplate line, with the newline before it
    abbreviation_rev_re: re.Pattern  # an abbreviation or initials (U.S.) ending at a period, reversed
    heading_re: re.Pattern        # a word that opens a heading even with a full stop in it
    # -- actors and places
    actor_re: re.Pattern
    abbreviation_of_re: re.Pattern  # "(INM) de": an abbreviation in brackets, then the of word
    actors: dict[str, str]        # alias as written -> actor code
    place_names: frozenset[str]   # the aliases that are names of countries
    agency_names: frozenset[str]  # the aliases of a government's agencies (actors.csv, actor_kind agency)
    subnational_names: frozenset[str]  # a state's or a city's government (actor_kind region, local): never acts
    office_apposition_re: re.Pattern  # "o secretário de Estado dos EUA, Marco Rubio,": an office's holder by name
    article_prepositions: frozenset[str]  # a place preposition that is also an article ("a"): no place before an agency
    speech_verbs: frozenset[str]  # a verb of saying before its subject after a comma: ", informou a OIM"
    clause_starts: frozenset[str]  # a word opening a clause whose subject follows: "que", "embora"
    countries: dict[str, Country]  # ISO alpha-3 -> Country
    place_before_rev_re: re.Pattern  # a place preposition ending before a name, reversed
    agent_before_rev_re: re.Pattern  # "on behalf of", "government of" ending before a name, reversed
    describer_before_rev_re: re.Pattern  # "co-led by" ending before a name, reversed: it describes
    owner_before_rev_re: re.Pattern  # "de (la)" ending before a name, reversed: an organisation owns, no place
    anaphor_re: re.Pattern        # "el organismo", "la entidad": an organisation named before, named again
    anaphor_words: tuple[str, ...]  # "organismo", "entidad": the last words of the anaphors, a cheap test first
    opening_article_re: re.Pattern   # an article alone before a name that opens a sentence ("A OIM")
    label_after_re: re.Pattern       # ":", "(2.4%" after a name: it labels a line or a breakdown
    receiver_after_re: re.Pattern    # "will receive" after a name: it receives money
    verb_before_rev_re: re.Pattern   # a lower-case verb right before a name, reversed
    list_gap_re: re.Pattern       # what separates two names of a list: ", ", " and "
    verb_after_re: re.Pattern     # a lower-case word after a name, not a conjunction
    possessive_re: re.Pattern     # "'s" right after a name
    provider_after_re: re.Pattern  # "funding" right after an agency's name: it provides, it is no place
    clause_before_rev_re: re.Pattern  # "as", "because" before a name, reversed: it opens another clause
    # -- compiled when first asked, once per name
    _named_of: dict[str, re.Pattern] = field(default_factory=dict, init=False, repr=False, compare=False)

    def named_of_re(self, alias: str) -> re.Pattern:
        """Return the pattern of an actor's name, `alias`, then the of word: "Instituto ... (INM) de".

        Where it occurs, the text may give a government agency its country
        (`SentenceActors._owned`). One pattern per name, compiled when first asked:
        it opens with the name's letters, which the regex engine finds fast.
        """
        if alias not in self._named_of:
            self._named_of[alias] = re.compile(rf"""
                {patterns.alternation([alias])}(?![\w])
                (?:\s*\([^()]{{1,15}}\))?\s+             # (INM)
                (?i:{re.escape(self.of_word)})\s+      # de
            """, re.X)
        return self._named_of[alias]


@cache
def _vocabulary(directory: Path, lang: str) -> Vocabulary:
    tables = Tables(directory, lang)
    style = numbers.build_number_style(tables)
    countries = words.build_countries(tables)
    return Vocabulary(
        lang=lang,
        directory=directory,
        **style,
        **numbers.build_tokens(tables, style["numeral"]),
        **numbers.build_scales(tables),
        **numbers.build_ranges(tables, style["numeral"]),
        **numbers.build_contexts(tables, style["numeral"]),
        **words.build_hedges(tables),
        **words.build_currencies(tables, countries),
        **words.build_nouns(tables),
        **words.build_structure(tables),
        **words.build_actors(tables, countries),
    )


def vocabulary(lang: str = "en") -> Vocabulary:
    """Return the compiled Vocabulary for `lang`, read once from data/reference.

    Raises:
        ReferenceDataError: a table is missing or malformed, or `lang` has no row in
            languages.csv.
    """
    return _vocabulary(paths.reference_dir(), lang)


@cache
def _languages(directory: Path) -> tuple[tuple[str, str], ...]:
    return tuple((r["lang"], r["decimal_sep"]) for r in read_table(
        "languages", ("lang", "decimal_sep"), directory=directory))


def languages() -> dict[str, str]:
    """Return each language with a vocabulary (a row of languages.csv) and its decimal separator, in table order.

    Raises:
        ReferenceDataError: languages.csv is missing or malformed.
    """
    return dict(_languages(paths.reference_dir()))
