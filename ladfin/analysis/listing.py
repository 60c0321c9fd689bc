"""Figures picked by actor, recipient, year, event, kind, measure, document or words, with their sentences.

`select_figures` is what `ladfin figures` and the explore notebook ask of the
figures table; `with_sentences` gives announcements the sentence of their
canonical mention. Both are pure: tables in, a new table out.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import get_args

import pandas as pd

from ladfin.core.cells import split_column
from ladfin.core.vocab import Kind, Measure
from ladfin.errors import ParameterError

# The columns `ladfin figures` prints in a terminal; files get every column.
SHORT_COLUMNS = ("doc", "start", "end", "event_name", "actor", "kind", "measure", "quote", "value", "unit",
                 "amount_usd", "sentence")


def _listed(values: str | Iterable | None) -> list | None:
    if values is None:
        return None
    listed = [values] if isinstance(values, (str, int)) else list(values)
    return listed or None


def _known(name: str, chosen: list | None, allowed: Iterable) -> None:
    if chosen is None:
        return
    allowed = sorted({str(a) for a in allowed if a is not None and not pd.isna(a)})
    wrong = [v for v in chosen if str(v) not in allowed]
    if wrong:
        raise ParameterError(f"{name} {', '.join(map(str, wrong))}: not in the data; "
                             f"choose from {', '.join(allowed) or 'nothing'}")


def _codes(cells: pd.Series) -> set[str]:
    return {code for codes in split_column(cells) for code in codes}


def _naming(cells: pd.Series, wanted: list[str]) -> pd.Series:
    keep = set(wanted)
    return split_column(cells).map(lambda codes: bool(keep.intersection(codes))).astype(bool)


def select_figures(figures: pd.DataFrame, *, actors: str | Iterable[str] | None = None,
                   recipients: str | Iterable[str] | None = None, years: int | Iterable[int] | None = None,
                   events: str | Iterable[str] | None = None, kinds: str | Iterable[str] | None = None,
                   measures: str | Iterable[str] | None = None, docs: str | Iterable[str] | None = None,
                   text: str | None = None) -> pd.DataFrame:
    """Return the figures matching every filter given, in event, document and text order.

    Each filter keeps the rows matching any of its values; None keeps all.
    `actors` keeps a joint announcement ("CRI;USA") for each of its actors and
    `recipients` any figure naming the country; `years` are the events' years;
    `text` is looked for, in any case, in the quote and the sentence.

    Raises:
        ParameterError: a value the data does not hold (an actor, recipient, event or
            document no figure names; a kind or measure ladfin does not know), listing
            the values there are.

    >>> table = pd.DataFrame({"doc": ["a", "a"], "start": [5, 1], "event_date": pd.to_datetime(["2024-05-07"] * 2),
    ...     "event_id": ["e", "e"], "actor": ["USA", "CRI;USA"], "recipients": [None, "GTM"],
    ...     "kind": ["money", "people"], "measure": ["new_funding", "resettled"], "quote": ["$5", "9 people"],
    ...     "sentence": ["It gave $5.", "It moved 9 people."]})
    >>> select_figures(table, actors="CRI")["start"].tolist(), select_figures(table, text="GAVE")["start"].tolist()
    ([1], [5])
    """
    chosen = {name: _listed(values) for name, values in (
        ("actors", actors), ("recipients", recipients), ("years", years), ("events", events),
        ("kinds", kinds), ("measures", measures), ("docs", docs))}
    _known("actor", chosen["actors"], _codes(figures["actor"]))
    _known("recipient", chosen["recipients"], _codes(figures["recipients"]))
    _known("event", chosen["events"], figures["event_id"])
    _known("document", chosen["docs"], figures["doc"])
    _known("kind", chosen["kinds"], get_args(Kind))
    _known("measure", chosen["measures"], get_args(Measure))
    keep = pd.Series(True, index=figures.index)
    if chosen["actors"]:
        keep &= _naming(figures["actor"], chosen["actors"])
    if chosen["recipients"]:
        keep &= _naming(figures["recipients"], chosen["recipients"])
    if chosen["years"]:
        try:
            wanted = [int(y) for y in chosen["years"]]
        except (TypeError, ValueError):
            raise ParameterError(f"years {chosen['years']}: each must be a whole year") from None
        keep &= pd.to_datetime(figures["event_date"]).dt.year.isin(wanted).fillna(False).astype(bool)
    for column, name in (("event_id", "events"), ("kind", "kinds"), ("measure", "measures"), ("doc", "docs")):
        if chosen[name]:
            keep &= figures[column].isin(chosen[name]).fillna(False).astype(bool)
    if text:
        words = str(text).casefold()
        found = pd.Series(False, index=figures.index)
        for column in ("quote", "sentence"):
            if column in figures:
                found |= figures[column].astype("string").str.casefold().str.contains(words, regex=False).fillna(False)
        keep &= found
    picked = figures[keep]
    order = [c for c in ("event_date", "doc", "start") if c in picked]
    return picked.sort_values(order, kind="stable").reset_index(drop=True)


def with_sentences(rows: pd.DataFrame, figures: pd.DataFrame) -> pd.DataFrame:
    """Return announcements (or any rows with doc and start) with the `sentence` of that mention in `figures`."""
    sentences = figures[["doc", "start", "sentence"]].drop_duplicates(["doc", "start"])
    base = rows.drop(columns=["sentence"], errors="ignore")
    return base.merge(sentences, on=["doc", "start"], how="left", validate="m:1")
