"""Reads which currency a figure's currency words denote, given who announces it and where."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ladfin.reference.vocabulary import Vocabulary, vocabulary  # noqa: F401  (vocabulary: the doctest)


@dataclass(frozen=True)
class Currency:
    unit: str | None       # ISO 4217 code, None when it cannot be told
    assumed: bool = False  # the text leaves the currency open; `unit` is a reading
    alt_unit: str | None = None  # the other reading, when assumed
    note: str | None = None
    flag: str | None = None


def resolve_currency(text: str, actor: str | None, vocab: Vocabulary,
                     places: Callable[[], Sequence[str]] = tuple,
                     announcer: Callable[[], str | None] = lambda: None) -> Currency:
    """Return the currency that `text` ("$", "Canadian dollars", "pesos") denotes, given the actor.

    A code, symbol or full name maps to its ISO code. A bare `$`, `dollars` or
    `pesos` belongs to a family of currencies: the actor's own currency when it is
    in the family (read as an assumption unless it is USD); for a figure whose
    paragraph names no actor, that of the release's announcer (`announcer()`:
    "Canada commits $27M" heads a story whose later "$4 million for Haiti"
    names nobody, yet is Canadian dollars); else USD where USD is
    in the family, else the currency of the country the text names most whose
    currency is in the family (`places()`, most named first: "1,200 pesos" in a
    text about Tapachula, Mexico; an assumption), else nothing and a flag. A word
    ladfin does not know gives no unit and the flag `unknown_currency`.

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
    elif code:  # a family: by the word as written, or by the family's name ("mdp": millones de pesos)
        names = (head, head + "s", code, code + "s")
        family = frozenset().union(*(vocab.currency_heads.get(w, frozenset()) for w in names))
    else:
        family = vocab.currency_heads.get(head, frozenset())
        if len(family) == 1 and len(text.split()) == 1:
            return Currency(next(iter(family)))
        return Currency(
            None,
            note=f"currency {text!r} is not in data/reference/currency_aliases.csv; add a row",
            flag="unknown_currency",
        )
    owner = actor or announcer()
    country = vocab.countries.get(owner or "")
    own = country.currency if country else None
    if own and own in family:
        if own == "USD":
            return Currency("USD")
        other = "USD" if "USD" in family else None
        who = f"announced by {actor}" if actor else f"in a release announced by {owner}"
        return Currency(
            own, assumed=True, alt_unit=other,
            note=f"bare {text!r} {who}: read as {own}, its own currency"
            + (f"; could be {other}" if other else ""),
        )
    if "USD" in family:
        return Currency("USD")
    for code in places():
        place = vocab.countries.get(code)
        if place and place.currency in family:
            return Currency(place.currency, assumed=True,
                            note=f"bare {text!r}: read as {place.currency}, the currency of {code}, "
                                 "the country the text names most")
    return Currency(
        None, note=f"bare {text!r} with no actor whose currency it could be", flag="currency_uncertain"
    )
