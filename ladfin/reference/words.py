"""Builds the Vocabulary fields that read the words around numbers and the text's structure.

Hedges, currencies, the noun phrase after a number, who announces a figure and
where it goes, and the words that mark headings, statuses and boilerplate.
Each `build_*` function returns the Vocabulary fields it compiles, by name.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import get_args

from ladfin.core.vocab import Qualifier
from ladfin.errors import ReferenceDataError
from ladfin.reference.patterns import alternation, openings, reversed_alternation
from ladfin.reference.read import Tables, compile_row


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    currency: str
    currency_symbol: str


def build_hedges(tables: Tables) -> dict:
    """Return the hedge phrases ("more than") and the qualifier each gives.

    Raises:
        ReferenceDataError: hedges.csv gives a qualifier ladfin does not know.
    """
    hedges = {r["phrase"].lower(): r["qualifier"] for r in tables.rows(
        "hedges", ("phrase", "lang", "qualifier"))}
    bad = set(hedges.values()) - set(get_args(Qualifier))
    if bad:
        raise ReferenceDataError(f"{tables.path('hedges')}: unknown qualifier(s) {sorted(bad)}")
    return {
        "hedges": hedges,
        # Ends right before a figure: read backwards from it (see Layout.match_before).
        # "se estima que de ese total, (195.743)": an "of them" may stand between hedge and number.
        "hedge_rev_re": re.compile(rf"""
            (?:\s*,?\s*{reversed_alternation(tables.words('of_them'))})?   # de ese total,
            \s+(?P<hedge>{reversed_alternation(hedges)})(?![\w-])   # more than (5)
        """, re.X | re.I),
    }


def build_countries(tables: Tables) -> dict[str, Country]:
    """Return every country by its ISO alpha-3 code, with its currency."""
    return {
        r["code"]: Country(r["code"], r["name_en"], r["currency"], r.get("currency_symbol", ""))
        for r in tables.all("countries", ("code", "alpha2", "name_en"))
    }


def build_currencies(tables: Tables, countries: dict[str, Country]) -> dict:
    """Return the currency words (codes, symbols, names) and the patterns that find them."""
    columns = ("alias", "code", "lang", "form")
    generated = tables.rows("currencies", columns)
    hand = tables.rows("currency_aliases", columns)
    rows = generated + hand
    currencies: dict[str, str] = {}
    for row in rows:  # hand-made rows win
        key = row["alias"] if row["form"] in ("code", "symbol") else row["alias"].lower()
        currencies[key] = row["code"]
    prefixes = [r["alias"] for r in rows if r["form"] in ("code", "symbol")]
    names = [r["alias"] for r in rows if r["form"] == "name"]
    codes = [r["alias"] for r in rows if r["form"] == "code"]
    # A symbol of currency signs only (€, £, ₡) may follow the amount too: "120 millones €".
    signs = [r["alias"] for r in rows if r["form"] == "symbol"
             and all(unicodedata.category(c) == "Sc" for c in r["alias"])]
    # The word that names the currency family: "dollars" in "Canadian dollars",
    # "pesos" in "pesos colombianos", by each language's word order.
    noun_first = tables.style["noun_first"] == "true"
    heads: dict[str, set[str]] = {}
    for row in rows:
        if row["form"] == "name" and len(row["code"]) == 3:
            parts = row["alias"].lower().split()
            heads.setdefault(parts[0] if noun_first else parts[-1], set()).add(row["code"])
    of = re.escape(tables.style["of_word"])
    return {
        "currencies": currencies,
        "currency_heads": {k: frozenset(v) for k, v in heads.items()},
        "dollar_sign": frozenset(c.currency for c in countries.values() if c.currency_symbol == "$"),
        "currency_prefix_re": re.compile(rf"""
            (?:
                (?<![A-Za-z]){alternation([p for p in prefixes if p.isalpha()])}\s?  # USD (5)
              | {alternation([p for p in prefixes if not p.isalpha()])}\s?          # US$ (5)
            )$
        """, re.X),
        "currency_prefix_width": max(map(len, prefixes), default=0) + 2,  # "US$ 5", "$\n5"
        "currency_prefix_ends": frozenset(p.rstrip()[-1:] for p in prefixes),
        "currency_suffix_re": re.compile(rf"""
            ^(?:
                \s+(?:{of}\s+)?                  # (5 million) (of)
                (?:
                    (?i:{alternation(names)})\b   # Canadian dollars
                  | {alternation(codes)}\b        # CAD
                )
              | \s?{alternation(signs)}(?!\w)      # (120 millones) €, (5.000)€
            )
        """, re.X),
    }


def build_nouns(tables: Tables) -> dict:
    """Return the words that read the noun phrase after a number.

    Person nouns and demonym plurals name persons; count nouns give singulars
    inflect does not know, and singular_endings.csv how a language other than
    English makes them; stop words, a suffix or punctuation end the phrase.
    """
    persons = {r["word"].lower() for r in tables.rows("person_nouns", ("word", "lang"))}
    demonyms = tables.rows("demonyms", ("code", "demonym", "plural", "lang"))
    persons |= {d["plural"].lower() for d in demonyms}
    of = re.escape(tables.style["of_word"])
    endings = tables.rows("singular_endings", ("ending", "lang"))
    return {
        "person_words": frozenset(persons),
        "place_nouns": frozenset(r["word"].lower() for r in tables.rows("place_nouns", ("word", "lang"))),
        "count_singulars": {r["plural"].lower(): r["singular"] for r in tables.rows(
            "count_nouns", ("plural", "singular", "lang"))},
        "singular_endings": tuple(sorted(((r["ending"], r["singular"]) for r in endings),
                                         key=lambda e: -len(e[0]))),
        "copulas": frozenset(w.lower() for w in tables.words("copula")),
        "not_plural_suffixes": tuple(tables.words("not_plural_suffix")),
        "leading_adjectives": frozenset(w.lower() for w in tables.words("leading_adjective")),
        "leading_adverbs": frozenset(w.lower() for w in tables.words("leading_adverb")),
        "money_word_re": re.compile(rf"""
            (?<!\w){alternation([r["word"] for r in tables.rows("money_words", ("word", "lang"))], flags="i")}(?!\w)
        """, re.X),
        "partitive_re": re.compile(rf"""
            \s+{of}\s+{alternation(tables.words('partitive_word'), flags='i')}(?=\s+[^\W\d_])  # (5) of these
        """, re.X),
        "of_them_rev_re": re.compile(rf"""
            \s*,?\s*{reversed_alternation(tables.words('of_them'), flags='i')}(?!\w)   # of whom (500,000), reversed
        """, re.X),
        "of_them_re": re.compile(rf"""
            (?<!\w){alternation(tables.words('of_them'), flags='i')}(?!\w)   # de ellas, of them
        """, re.X),
        # "Fueron 1.200 las personas atendidas": after a copula, an article may stand between
        # the number and its noun (an article that is also a preposition, pt "a", may not).
        "article_noun_re": re.compile(rf"""
            \s+{alternation({*tables.words('definite_article'), *tables.words('partitive_word')}
                            - set(tables.words('place_preposition')), flags='i')}
            (?=\s+[^\W\d_])                                     # (1.200) las (personas)
        """, re.X),
        "person_relatives": frozenset(w.lower() for w in tables.words("person_relative")),
        "stop_words": frozenset(w.lower() for w in tables.words("stop_word")),
        # "&" is a sign, not a word: it joins words in every language.
        "conjunctions": frozenset(w.lower() for w in tables.words("conjunction")) | {"&"},
        "adverb_suffixes": tuple(tables.words("adverb_suffix")),
        "verb_suffixes": tuple(tables.words("verb_suffix")),
        "plural_suffixes": tuple(tables.words("plural_suffix")),
        "of_noun_re": re.compile(rf"""
            \s+{of}(?=\s+[^\W\d_])    # 1,5 millones (de) personas: the noun follows
        """, re.X),
        "borrow_next_re": re.compile(rf"""
            \s+{of}\s+                                            # (5) of
            (?:{alternation(tables.words('borrow_next_word'))}\s+)?   # the estimated
            [\d$]                                                 # 20 million people
        """, re.X),
    }


def build_actors(tables: Tables, countries: dict[str, Country]) -> dict:
    """Return the names of actors (countries, agencies) and the patterns that read their role.

    A name is a place, not an announcer, after a place preposition ("in Lima,
    Peru") or continuing a list of such names, unless it owns the figure ("the
    United States' $686 million"); see ladfin.extract.actors.SentenceActors.
    """
    lang = tables.lang
    country_rows = tables.all("countries", ("code", "alpha2", "name_en"))
    # Actor aliases are proper nouns and acronyms: matched as written, so "Chile" the
    # country is not "chile" the pepper and "US" is not "us".
    actors = {r[f"name_{lang}"]: r["code"] for r in country_rows if r.get(f"name_{lang}")}
    actors.update({r["name_en"]: r["code"] for r in country_rows})
    actors.update({r["alias"]: r["code"] for r in tables.all("country_aliases", ("alias", "code", "lang"))})
    actor_rows = tables.all("actors", ("alias", "actor", "actor_kind"))
    # A region (a state, a province) is a place as a country is: a preposition makes it where,
    # not who ("os estados de Goiás, Bahia e Acre"); as a subject it acts.
    # So is a head of government: "Boric anunció" acts, "huyen del régimen de Maduro" is where from.
    place_names = frozenset(actors) | {r["alias"] for r in actor_rows if r["actor_kind"] in ("region", "person")}
    actors.update({r["alias"]: r["actor"] for r in actor_rows})
    institutions = [r["word"] for r in tables.rows("institution_nouns", ("word", "lang"))]
    noun_first = tables.style["noun_first"] == "true"
    for d in tables.rows("demonyms", ("code", "demonym", "plural", "lang")):
        for inst in institutions:
            actors[f"{d['demonym']} {inst}"] = d["code"]
            actors[f"{d['demonym']} {inst.title()}"] = d["code"]
            if noun_first:  # "el Gobierno colombiano", "las autoridades ecuatorianas"
                for form in (d["demonym"], d["plural"]):
                    actors[f"{inst} {form}"] = d["code"]
                    actors[f"{inst[:1].upper()}{inst[1:]} {form}"] = d["code"]
    conjunctions = tables.words("conjunction")
    articles = {w.lower() for w in tables.words("definite_article")}
    describer_tails = sorted({w.split()[-1] for w in tables.words("describer")})  # "pela" of "liderada pela"
    anaphors = {form for w in tables.words("anaphor") for form in (w, w[:1].upper() + w[1:])}
    return {
        "actors": actors,
        "place_names": place_names,
        "agency_names": frozenset(r["alias"] for r in actor_rows if r["actor_kind"] == "agency"),
        # A state, province or city hall is not its country's government: it announces nothing
        # for the country ("Santa Catarina integrou 3.200 haitianos" has no actor of its own).
        "subnational_names": frozenset(r["alias"] for r in actor_rows if r["actor_kind"] in ("region", "local")),
        # "a" in Portuguese: "the" before an agency ("a OIM informou"), "to" before a country
        "article_prepositions": frozenset(w.lower() for w in tables.words("place_preposition")) & articles,
        # "afirmou que a Colômbia espera", "embora a Colômbia tenha": a word opening a clause,
        # after which "a" is the article of its subject, not the preposition "to"
        "clause_starts": frozenset(w.lower() for role in ("clause_start", "clause_opener")
                                   for w in tables.words(role)),
        # ", informou a OIM": a verb of saying after a comma puts its subject after it
        "speech_verbs": frozenset(w.lower() for w in tables.words("speech_verb")),
        "countries": countries,
        # Opens with the names' first letters (capitals), which the regex engine skips
        # ahead to; that the name starts a word is checked by the caller (figures.py).
        "actor_re": re.compile(rf"{alternation(actors)}(?![\w])"),
        # An abbreviation in brackets, then the language's "of" (the gap SentenceActors._owner
        # reads after an agency's name): "(INM) de Honduras" may give the agency INM its country.
        "abbreviation_of_re": re.compile(rf"""
            \(\s*([^()\s]{{2,15}})\s*\)\s+          # (INM)
            (?i:{re.escape(tables.style["of_word"])})\s+  # de
        """, re.X),
        # Read backwards from the name (Layout.match_before).
        "place_before_rev_re": re.compile(rf"""
            (?P<city>\s+,[\w.’'-]*[A-Z])?                                # Lima, (Peru)
            (?:\s+{reversed_alternation(tables.words('definite_article'), flags='i')})?  # the
            \s+{reversed_alternation(tables.words('place_preposition'), flags='i')}\b    # in
        """, re.X),
        # "On behalf of the United States, ... announced", "the Government of Canada
        # announced": a preposition governs the name, yet it names who acts.
        # "figures released Tuesday by the IOM": the agent of a participle that tells a source
        # speaks (or an authority acts) acts too, two words ("Tuesday", "this Wednesday") allowed between.
        # "The Minister of Foreign Affairs of Canada", "o secretário de Estado dos EUA": an office's
        # country acts, the office's own words (capitalised, or of and and words) allowed between.
        "agent_before_rev_re": re.compile(rf"""
            (?:\s+{reversed_alternation(tables.words('definite_article'), flags='i')})?  # the
            \s+(?:{reversed_alternation(tables.words('agent_phrase'), flags='i')}         # on behalf of
               |{reversed_alternation(tables.words('passive_agent'), flags='i')}        # by
                (?:\s+[^\W\d_]+){{0,2}}                                                 # (this) Wednesday
                \s+{reversed_alternation(tables.words('source_participle'), flags='i')}  # released
               |{reversed_alternation(tables.words('office_of'), flags='i')}            # (Minister ...) of
                (?:\s+(?:[^\W\d_]*[^\W\d_a-zß-ÿ]                                        # Affairs, Estado
                     |{reversed_alternation(tables.words('office_of'), flags='i')}
                     |{reversed_alternation(tables.words('and'), flags='i')})){{0,4}}     # de, das, and
                \s+{reversed_alternation(tables.words('office_noun'), flags='i')}        # Minister
            )\b
        """, re.X),
        # "o secretário de Estado dos EUA, Marco Rubio, desembarcou": an office (its country among
        # the words before the comma, checked by the caller), then a person's name in apposition.
        "office_apposition_re": re.compile(rf"""
            (?<!\w){alternation(tables.words('office_noun'), flags='i')}\b
            (?P<between>[^,.;:\n]{{1,80}}?),\s+
            (?P<person>[A-ZÀ-Þ][\w'’-]+(?:\s+(?:d[aeo]s?\s+)?[A-ZÀ-Þ][\w'’-]+){{0,3}})\s*,
        """, re.X),
        # "el plan de la OIM", "el presupuesto de INM": before a name that is no country, the
        # preposition of a place says whose the figure is (the caller checks the name).
        "owner_before_rev_re": re.compile(rf"""
            (?:\s+{reversed_alternation(tables.words('definite_article'), flags='i')})?  # la
            \s+{reversed_alternation(tables.words('owner_preposition'), flags='i')}\b    # de
        """, re.X),
        # "según un informe del organismo": a noun that names again the organisation named before.
        # Matched as written, lower case or opening a sentence ("La entidad"), so that the regex
        # engine skips ahead to its first letters and "la Organización ..." is left to the names;
        # that it starts a word is checked by the caller.
        "anaphor_re": re.compile(rf"""{alternation(anaphors)}(?!\w)"""),
        # Every match of anaphor_re ends with one of these words as written: a sentence holding
        # none (str.find, no regex) is not searched, since the search stops at each "d", "e", "l".
        "anaphor_words": tuple(sorted({form.split()[-1] for form in anaphors if form.strip()})),
        # "A OIM anunciou": a sentence opening with an article and the name; "a" is no preposition there.
        "opening_article_re": re.compile(rf"""
            \s*{alternation(tables.words('definite_article'), flags='i')}\s+   # A (OIM)
        """, re.X),
        # "R4V, co-led by IOM and UNHCR, announced": the names after it describe, they do not act.
        "describer_before_rev_re": re.compile(rf"""
            (?:\s+{reversed_alternation(tables.words('definite_article'), flags='i')})?  # the
            \s+{reversed_alternation(tables.words('describer'), flags='i')}\b          # co-led by
        """, re.X),
        # "Venezuela: EUR 38 million", "Colombia (2.4%)": a label of a line or a breakdown.
        "label_after_re": re.compile(r"""
            \s*:                                                          # Venezuela: (a label)
            | \s*\(\s*\d                                                   # Colombia (2.4%): a breakdown's label
        """, re.X),
        # "Ecuador will receive EUR 2 million": who gets money, not who gives it; "Brazil
        # received 500,000 Venezuelans" is the host that acts (SentenceActors.actor).
        "receiver_after_re": re.compile(rf"""
            \s+{alternation(tables.words('receiver_verb'), flags='i')}\b   # Haiti (will receive)
        """, re.X),
        # A name right after a verb ("is helping Ecuador unlock"): the verb's object. A
        # lower-case word that is not a function word (the, and, in ...) nor a verb of saying
        # ("..., warned the UN Refugee Agency": who speaks) stands for the verb;
        # through an article ("bordean los Estados Unidos,") only when no verb follows the name
        # ("reports say the United States announced": a subject), which the caller checks. A
        # word after an article or an of word joined to one ("del presidente Boric") is a noun.
        "verb_before_rev_re": re.compile(rf"""
            (?P<article>\s+{reversed_alternation(tables.words('definite_article'), flags='i')})?  # bordean (los) EE.UU.
            \s+(?!(?:{reversed_alternation(tables.words('definite_article'), flags='i')}
                  |{reversed_alternation(tables.words('and'), flags='i')}
                  |{reversed_alternation(tables.words('conjunction'), flags='i')}
                  |{reversed_alternation(tables.words('place_preposition'), flags='i')}
                  |{reversed_alternation(tables.words('agent_phrase'), flags='i')}
                  |{reversed_alternation(tables.words('stop_word'), flags='i')}     # in which (Blinken)
                  |{reversed_alternation(tables.words('speech_verb'), flags='i')})\b)   # warned (the UN)
            [a-z]{{3,}}(?![\w-])   # helping (a verb, reversed)
            (?!\s+(?:{reversed_alternation(tables.words('definite_article'), flags='i')}     # not (la) plataforma R4V,
                  |{reversed_alternation(tables.words('of_contraction'), flags='i')})(?!\w))  # (del) presidente Boric
        """, re.X),
        "list_gap_re": re.compile(rf"""
              (?:,?\s+(?:{alternation(tables.words('item_with'), flags='i')})\s+\d[\d.,]*  # (, with 805
                 (?:\s+(?:{alternation(tables.words('and'))})\s+\d[\d.,]*)?(?:\s+[^\W\d_]+)?,?)?  # and 283 each)
              (?:\s*\([^()]*\))?                              # Colombia (the largest), Peru: an aside
              (?:,|\.(?=\s+(?:{alternation(tables.words('and'))})\s))?   # Haiti(,) ... ; a stray "Haiti. and"
              \s+(?:{alternation(tables.words('and'))}\s+   # Haiti(,) (and) Nicaragua
                  (?:{alternation(tables.words('definite_article'), flags='i')}\s+)?   # Acnur y (la) OIM
                  (?:{alternation(tables.words('agent_phrase'), flags='i')}\s+   # la OIM y el (Gobierno de) Haití
                     (?:{alternation(tables.words('definite_article'), flags='i')}\s+)?)?
                  (?:{alternation(describer_tails, flags='i')}\s+)?)?$   # liderada pela ACNUR e (pela) OIM
            | ,\s*$                                             # Haiti,Nicaragua
        """, re.X),
        # A lower-case word after a name that is neither a conjunction nor a place preposition:
        # "Spain (announced)" is a subject; "between Colombia and Panama (on) route" is no verb.
        "verb_after_re": re.compile(rf"""
            \s+(?!(?:{alternation(conjunctions)}|{alternation(tables.words('place_preposition'), flags='i')})\b)
            [a-z]   # Spain (announced): a subject
        """, re.X),
        # "as Panama and Venezuela suspended flights": the name opens a subordinate clause. Read
        # backwards from the name.
        "clause_before_rev_re": re.compile(rf"""
            (?:\s+{reversed_alternation(tables.words('office_noun'), flags='i')})?   # unless (President) Petro
            (?:\s+{reversed_alternation(tables.words('definite_article'), flags='i')})?   # (the)
            \s+{reversed_alternation(tables.words('clause_opener'), flags='i')}\b        # as
        """, re.X),
        "possessive_re": re.compile(rf"""
            {alternation(tables.words('possessive'))}(?!\w)   # the United States(')
        """, re.X),
        # "$40 million in USAID Development Funding": an agency before what it provides
        # (title-case words between) provides it; read only for a name that is no place name.
        "provider_after_re": re.compile(rf"""
            (?:\s+[A-Z][\w-]*){{0,2}}                                   # (Development)
            \s+{alternation(tables.words('provider_noun'), flags='i')}(?!\w)   # Funding
        """, re.X),
    }


def build_structure(tables: Tables) -> dict:
    """Return the words that mark the text's structure: pillars, statuses, boilerplate, headings.

    Raises:
        ReferenceDataError: a pattern in pillars.csv or boilerplate.csv does not compile.
    """
    pillars = tuple(
        (compile_row(tables.path("pillars"), line, r["pattern"], flags=re.I), int(r["pillar"]))
        for line, r in enumerate(tables.all("pillars", ("pattern", "pillar")), start=2)
    )
    statuses = {r["marker"].lower(): r["status"] for r in tables.all("statuses", ("marker", "status"))}
    lines = tables.all("boilerplate", ("line",))
    for line, r in enumerate(lines, start=2):
        compile_row(tables.path("boilerplate"), line, r["line"])
    # Each row is a regex written without re.VERBOSE: (?-x:) keeps its spaces.
    boilerplate = "|".join(f"(?-x:{r['line']})" for r in lines)
    # Most lines open with a character no row opens with: one class test rejects them.
    opening = openings(r["line"] for r in lines)
    guard = f"(?=(?i:{opening}))" if opening else ""
    abbreviations = [r["abbreviation"] for r in tables.all("abbreviations", ("abbreviation",))]
    return {
        "pillars": pillars,
        "statuses": statuses,
        "status_re": re.compile(rf"(?i:{alternation(statuses)})\s*$  # (new) at a block's end", re.X),
        # Each row matches a whole line (case and surrounding spaces ignored). The
        # pattern opens with the newline before the line, a literal the regex engine
        # skips to; read_layout puts a newline before the text for the first line.
        "boilerplate_re": re.compile(rf"""
            \n[ \t]*{guard}(?i:{boilerplate})[ \t]*(?=\n|\Z)
        """, re.X),
        # The whole word before a period, read backwards from it: a listed abbreviation
        # or initials ("U.S", "J.R.R"), then the space, bracket or quote before the word.
        "abbreviation_rev_re": re.compile(rf"""
            (?:
                {reversed_alternation(abbreviations)}   # U.S
              | [A-Z](?:\.[A-Za-z])*                    # J.R.R
            )
            (?=[\s(“"]|\Z)
        """, re.X),
        "heading_re": re.compile(rf"""
            {alternation(tables.words('heading_word'), flags='i')}\b   # Pillar (1. Stability)
        """, re.X),
    }
