"""Reads what a number counts: the noun phrase after it, or the noun the text implies.

`noun_phrase` reads the phrase right after a number ("500 vetted refugees",
"10 centros de bienvenida"); `implied_noun` finds, for a number with no noun of
its own ("more than 107,000 who have applied", "de ellas, 201,7 mil
recibieron"), the nearest plural noun the text gives before it.
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache

from ladfin.reference.vocabulary import Vocabulary

_PHRASE_WORD = re.compile(r"(?:[ \t]*\n[ \t]*|[ \t]+|-)(?P<word>[^\W\d_][\w'’-]*)")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_SENTENCE_GAP = re.compile(r"[.!?:;][^\w]*$")  # what ends a sentence or a dateline: "(EFE).- Requests"


def noun_phrase(text: str, vocab: Vocabulary, *, many: bool = False) -> tuple[str, int, bool] | None:
    """Return (head noun, end offset, names persons) for the noun phrase opening `text`.

    The phrase runs over words up to a preposition, verb, adverb or punctuation;
    after a plural head or a word for persons, a word in -ed or -ing is a verb or
    a participle and ends it ("500 refugees arrived", "22 million people
    displaced"). The head is its last word before any `and`/`or` (its first, in a
    language whose nouns lead their adjectives). It counts persons when the head
    is a word for persons, when such a word follows `and`/`or` ("vetted and
    cleared individuals"), in a compound like "676-person", after a copula
    ("106.881 son varones"), or when a relative pronoun for persons follows the
    number ("107,000 who applied": no noun, but persons). A lone participle
    ("37,606 submitted by") is a verb, no noun; so is, in a language whose nouns
    come first, a finite verb right after the number ("201,7 mil recibieron").
    An adverb right after the number is passed over ("2,5 millones ya fueron
    regularizados", "2.5 million already regularized"), and so is a compound
    opening with a preposition before a noun ("4,000 on-the-move migrants"),
    which after the noun ends it ("72.2K others in-transit"). `many` says the number
    is other than one: in a language that marks plurals, a lone lower-case word
    that is no plural then is a verb, no noun ("6.5 million live in Peru").
    """
    words: list[tuple[str, int, bool]] = []  # (word, end offset, after a conjunction)
    pos = 0
    after_conj = False
    stop, conjunctions = vocab.stop_words, vocab.conjunctions
    opening = 0  # where the phrase's first word starts: after an adverb that opens it
    for _ in range(7):
        m = _PHRASE_WORD.match(text, pos)
        if not m:
            break
        word = m.group("word").rstrip("’'")
        lower = word.lower()
        if pos == opening:
            if pos == 0 and lower in vocab.leading_adverbs:
                pos = opening = m.end()  # "2.5 million already regularized": the adverb is no noun
                continue
            if lower in vocab.person_relatives:
                return "", 0, True
            if lower in vocab.copulas:
                rest = noun_phrase(text[m.end():], vocab)
                return (rest[0], m.end() + rest[1], True) if rest and rest[2] else None
            if vocab.noun_first and lower.endswith(vocab.verb_suffixes):
                return None
        previous = words[-1][0].lower() if words and not words[-1][2] else ""
        # A plural word for persons heads its phrase ("two million Colombians live there");
        # a singular one may be a modifier ("six refugee processing trips").
        if previous in vocab.person_words and lower not in vocab.person_words and (
                previous.endswith(vocab.plural_suffixes) or f"{previous}s" not in vocab.person_words):
            break  # ... unless a word for persons follows it: "40,000 displaced persons"
        if "-" in lower and lower.split("-", 1)[0] in stop and not words:
            following = _PHRASE_WORD.match(text, m.end())
            if following and following.group("word").lower() not in stop:
                pos = m.end()  # "4,000 on-the-move migrants": a compound before the noun qualifies it
                continue
        if lower in stop or ("-" in lower and lower.split("-", 1)[0] in stop):  # "in", "72.2K others in-transit"
            break
        if words and lower in vocab.number_words:
            break  # "25 países e cento e vinte famílias": the next number opens its own phrase
        if lower.endswith(vocab.adverb_suffixes) and len(lower) > 4 and lower not in vocab.person_words:  # "elderly"
            following = _PHRASE_WORD.match(text, m.end())
            if following and following.group("word").lower().endswith(vocab.verb_suffixes):
                pos = m.end()  # "internally displaced people": the adverb qualifies a participle
                continue
            break
        if previous.endswith(vocab.plural_suffixes) and lower.endswith(vocab.verb_suffixes):
            break  # "500 refugees arrived"
        if lower in conjunctions:
            after_conj = True
        else:
            words.append((word, m.start("word") + len(word), after_conj))
            if pos == 0 and text.startswith("-") and lower in vocab.person_words:
                return word, words[-1][1], True  # "676-person capacity"
        pos = m.end()
        if text[pos:pos + 1] not in (" ", "\t", "\n", "-"):
            break  # punctuation ends the phrase
    main = [w for w in words if not w[2]]
    if not main:
        return None
    if len(words) == 1 and not text.startswith("-"):
        if _is_verb(main[0][0], vocab) or (opening and not _is_person(main[0][0], main, vocab)):
            return None  # "37,606 submitted by migrants": a participle, not a noun
        if many and _is_singular_verb(main[0][0], vocab):
            return None  # "6.5 million live in Peru"
    if vocab.noun_first:
        leading = [w for w in main if w[0].lower() not in vocab.leading_adjectives]
        head, head_end, _ = leading[0] if leading else main[0]
    else:
        head, head_end, _ = main[-1]
    if _is_person(head, main, vocab):
        return head, head_end, True
    for word, end, after in words:
        if after and word.lower() in vocab.person_words:
            return word, end, True
    return head, head_end, False


def _is_verb(word: str, vocab: Vocabulary) -> bool:
    lower = word.lower()
    return lower.endswith(vocab.verb_suffixes) and not lower.endswith(vocab.plural_suffixes) \
        and lower not in vocab.person_words


def _is_singular_verb(word: str, vocab: Vocabulary) -> bool:
    """Tell whether a lone word after a number other than one is a verb: lower case and no plural.

    Only a language that marks plurals with a suffix (English) tells so; an
    irregular plural ("phenomena", "children") is known to inflect.
    """
    lower = word.lower()
    return bool(vocab.plural_suffixes) and word[:1].islower() and not lower.endswith(vocab.plural_suffixes) \
        and lower not in vocab.person_words and lower not in vocab.count_singulars \
        and lower not in vocab.currency_heads and not english_inflections().singular_noun(lower)


@lru_cache(maxsize=1)
def english_inflections():
    """Return inflect's engine, which tells an English plural from a singular and gives the singular.

    Imported on first use (importing ladfin does nothing), and without the
    run-time type checks inflect asks typeguard for: its methods carry
    `@typechecked`, which re-parses and recompiles inflect's whole module once
    per method as it is imported, some 2 s of CPU (a rebuild that reads one new
    document paid more for it than for reading the document). The checks only
    test the types of the arguments (ladfin always passes a str) and never
    change an answer; typeguard itself leaves them out under `python -O`. So
    the decorator stands aside while inflect is imported, as -O would have it,
    and is put back after. An inflect another library imported first is used
    as it is.
    """
    if "inflect" not in sys.modules:
        import typeguard

        checked = typeguard.typechecked
        typeguard.typechecked = _unchecked
        try:
            import inflect  # noqa: F401  (kept in sys.modules)
        finally:
            typeguard.typechecked = checked
    return sys.modules["inflect"].engine()


def _unchecked(target=None, **_options):
    """Stand in for typeguard's `typechecked`: return the function (or class) it decorates unchanged."""
    return target if target is not None else _unchecked


def _is_person(head: str, main: list[tuple[str, int, bool]], vocab: Vocabulary) -> bool:
    lower = head.lower()
    if lower in vocab.person_words:
        return True
    return len(main) > 1 and f"{main[-2][0].lower()} {lower}" in vocab.person_words


def implied_noun(before: str, vocab: Vocabulary) -> tuple[str, bool] | None:
    """Return (noun, names persons) for the nearest plural noun in `before`, the text before a number.

    A word counts when it is a word for persons ("refugees", "personas"), or a
    plural that is no function word, number, scale, currency or duration, and
    neither a name (capitalised inside its sentence), a verb after its subject
    ("Paraná appears") nor a participle after a copula ("foram enviados"). In a
    language whose nouns come first, a run of plurals is a noun and its
    adjectives: the first is the noun ("solicitudes diarias"), and a plural
    before the "of" word heads the one after it ("solicitudes de haitianos").
    None where no such word is found: the number is then skipped, never given a
    guessed unit.

    >>> from ladfin.reference.vocabulary import vocabulary
    >>> implied_noun("The number of Venezuelans living outside has grown from", vocabulary("en"))
    ('Venezuelans', True)
    """
    words = list(_WORD.finditer(before))
    for k in range(len(words) - 1, -1, -1):
        word = words[k].group().rstrip("’'")
        if _counts(words, k, before, vocab):
            if vocab.noun_first:
                while k > 0 and _counts(words, k - 1, before, vocab) and not _gap(before, words[k - 1], words[k]):
                    k -= 1
                if (k > 1 and words[k - 1].group().lower() == vocab.of_word and _counts(words, k - 2, before, vocab)
                        and not _gap(before, words[k - 2], words[k - 1]) and not _gap(before, words[k - 1], words[k])):
                    k -= 2  # "solicitudes de haitianos": the noun before "de" heads the phrase
                word = words[k].group().rstrip("’'")
            return word, word.lower() in vocab.person_words
    return None


def _gap(text: str, left: re.Match, right: re.Match) -> bool:
    """Tell whether anything but white space separates two words."""
    return bool(text[left.end():right.start()].strip())


def _counts(words: list[re.Match], k: int, text: str, vocab: Vocabulary) -> bool:
    """Tell whether word `k` reads as a countable noun a later number may count."""
    word = words[k].group().rstrip("’'")
    lower = word.lower()
    if lower in vocab.person_words:
        return True
    if (len(lower) < 4 or not lower.endswith(vocab.plural_suffixes) or lower.endswith(vocab.not_plural_suffixes)
            or lower in vocab.stop_words or lower in vocab.conjunctions or lower in vocab.number_words
            or lower in vocab.scales or lower in vocab.currencies or lower in vocab.after_reasons
            or lower in vocab.leading_adjectives or lower.endswith(vocab.adverb_suffixes)):
        return False  # "los primeros siete meses", "las nuevas solicitudes": an adjective is no noun
    previous = words[k - 1] if k else None
    if previous is not None and previous.group().lower() in vocab.copulas and not _gap(text, previous, words[k]):
        return False  # a participle after its auxiliary: "os estrangeiros foram enviados"
    opens_sentence = previous is None or bool(_SENTENCE_GAP.search(text, previous.end(), words[k].start()))
    if word[0].isupper() and not opens_sentence:
        return False  # a name ("the States of the Southern Region")
    if previous is not None and not opens_sentence and previous.group()[0].isupper() \
            and previous.group().lower() not in vocab.stop_words and not _gap(text, previous, words[k]):
        return False  # a verb after its subject: "Paraná appears"; not "Las solicitudes", an article
    return True
