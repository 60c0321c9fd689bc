"""The words on charts: label vocabularies, the dollars subtitle, source footnotes, display names.

Every chart family prints these, so a pillar, status or role reads the same
on every chart and every export.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from ladfin.core.cells import split_values
from ladfin.errors import ParameterError
from ladfin.link.measures import measure_labels

PILLAR_LABELS = {
    0: "Overview · no pillar",
    1: "Pillar 1 · stability, integration",
    2: "Pillar 2 · pathways, protection",
    3: "Pillar 3 · humane enforcement",
    4: "Pillar 4 · emergency response",
}
STATUS_LABELS = {
    "new": "new",
    "advancing": "advancing existing",
    "target": "target",
    "achieved": "achieved",
}
NO_STATUS = "not stated"
ROLE_LABELS = {
    "single": "single figure",
    "total": "total of parts",
    "component": "part of a total",
    "cumulative": "running total",
}
HEDGE_WORDS = {"exact": "exact", "over": "more than", "under": "less than", "approx": "about"}
# Legend entry -> opacity of the mark: an amount on an assumed currency is drawn paler.
CURRENCY_LEGEND = {"as stated": 1.0, "assumed (text writes only $ or pesos)": 0.4}
PART_ASSUMED = "includes an assumed currency (a bare $ or pesos)"
FX_POLICIES = {
    "on_date": "at the exchange rate on each announcement's date",
    "annual_average": "at the average exchange rate of each announcement's year",
    "fixed_date": "at the exchange rate of one fixed date",
}


def dollars_note(dollars: str = "nominal", base_year: int = 2024, fx_policy: str = "on_date",
                 fixed_date: object = None) -> str:
    """Return the subtitle saying what the dollars are: nominal or constant, base year, FX policy.

    >>> dollars_note("constant", 2024)
    "Constant 2024 US dollars (US CPI-U), converted at the exchange rate on each announcement's date"
    >>> dollars_note("nominal", fx_policy="fixed_date", fixed_date="2024-01-02")
    'Nominal US dollars, converted at the exchange rate of 2 Jan 2024'

    Raises:
        ParameterError: `dollars` is not nominal/constant, or `fx_policy` is unknown.
    """
    if fx_policy not in FX_POLICIES:
        raise ParameterError(f"fx_policy {fx_policy!r} is not one of {', '.join(FX_POLICIES)}")
    if dollars == "nominal":
        what = "Nominal US dollars"
    elif dollars == "constant":
        what = f"Constant {base_year} US dollars (US CPI-U)"
    else:
        raise ParameterError(f'dollars {dollars!r} is neither "nominal" nor "constant"')
    how = FX_POLICIES[fx_policy]
    if fx_policy == "fixed_date" and fixed_date is not None:
        day = pd.Timestamp(fixed_date)
        how = f"at the exchange rate of {day.day} {day:%b %Y}"
    return f"{what}, converted {how}"


def _publisher(name: object) -> str | None:
    """Return a publisher's name for a footnote, or None when the catalog does not know it."""
    text = "" if name is None or pd.isna(name) else " ".join(str(name).split())
    return None if not text or text.lower().startswith("unknown") else text


def document_years(documents: pd.DataFrame) -> list[int]:
    """Return the sorted years that have documents: the years of their events and publication dates.

    A chart marks the other years of its axis "no documents" rather than drawing them as zero.

    >>> document_years(pd.DataFrame({"event_date": pd.to_datetime(["2022-10-06", None]),
    ...                              "published": pd.to_datetime([None, "2024-05-07"])}))
    [2022, 2024]
    """
    years: set[int] = set()
    for column in ("event_date", "published"):
        if column in documents:
            years.update(int(y) for y in pd.to_datetime(documents[column], errors="coerce").dt.year.dropna())
    return sorted(years)


def undated_note(documents: pd.DataFrame | None) -> list[str]:
    """Return the footnote line of a chart by year saying how many documents with figures have no date.

    Their figures are kept (flagged no_event_date) but fall in no year, so a
    chart by year must say they are missing rather than let a year look empty.

    >>> undated_note(pd.DataFrame({"event_date": pd.to_datetime(["2022-10-06", None, None]),
    ...                            "figures": [4, 3, 0]}))
    ['Not shown: 1 document with figures has no date in the catalog, so no year (see the data audit).']
    """
    if documents is None or "event_date" not in documents:
        return []
    with_figures = documents["figures"].gt(0) if "figures" in documents else pd.Series(True, index=documents.index)
    n = int((pd.to_datetime(documents["event_date"], errors="coerce").isna() & with_figures).sum())
    if not n:
        return []
    return [f"Not shown: {n} document{'s' if n != 1 else ''} with figures {'has' if n == 1 else 'have'} "
            "no date in the catalog, so no year (see the data audit)."]


def source_lines(documents: pd.DataFrame, docs: Iterable[str] | None = None, *,
                 width: int = 100, most: int = 8) -> list[str]:
    """Return footnote lines naming the sources: each publisher, with its documents' count and years.

    Documents whose publisher the catalog does not know ("unknown ...", or empty) are
    counted together, never named as a publisher. Past `most` publishers, those
    with the most documents are named (ties by name) and the rest counted, so a
    footnote stays a few lines long however many releases a corpus holds.

    Args:
        documents: the documents table (doc, publisher, published, event_date).
        docs: keep only these document file names (default: every document).
        width: longest line, in characters; lines break between publishers.
        most: publishers named at most.

    >>> docs = pd.DataFrame({"doc": ["a", "b", "c"], "publisher": ["The White House"] * 2 + ["unknown (blog)"],
    ...                      "published": pd.to_datetime(["2024-05-07", "2024-09-26", "2024-10-01"])})
    >>> source_lines(docs)  # doctest: +NORMALIZE_WHITESPACE
    ['Sources: The White House (2 documents, 2024); 1 document whose publisher is not known (2024); full',
     'list in data/raw/catalog.csv.']
    """
    table = documents if docs is None else documents[documents["doc"].isin(list(docs))]
    if table.empty:
        return ["Source: no document."]
    named = table.assign(_publisher=[_publisher(p) for p in table["publisher"]])
    parts = []
    groups = list(named[named["_publisher"].notna()].groupby("_publisher", sort=True))
    others = []
    if len(groups) > most:
        ranked = sorted(groups, key=lambda g: (-len(g[1]), g[0]))
        named_here = {name for name, _ in ranked[:most]}
        others = [group for name, group in groups if name not in named_here]
        groups = [g for g in groups if g[0] in named_here]
    unnamed = named[named["_publisher"].isna()]
    if len(unnamed):
        groups.append((None, unnamed))
    for publisher, group in groups:
        when = pd.to_datetime(group["published"], errors="coerce")
        if "event_date" in group:
            when = when.fillna(pd.to_datetime(group["event_date"], errors="coerce"))
        years = ", ".join(str(y) for y in sorted({int(y) for y in when.dt.year.dropna()}))
        count = f"{len(group)} document{'s' if len(group) > 1 else ''}"
        if publisher is None:
            whose = "whose publisher is" if len(group) == 1 else "whose publishers are"
            parts.append(f"{count} {whose} not known{f' ({years})' if years else ''}")
        else:
            parts.append(f"{publisher} ({count}{', ' + years if years else ''})")
    if others:
        n = sum(len(group) for group in others)
        parts.append(f"{len(others)} other publishers ({n} document{'s' if n > 1 else ''})")
    parts[-1] += "; full list in data/raw/catalog.csv."
    words = ("Sources: " + "; ".join(parts)).split(" ")
    lines, line = [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return lines + [line]


def chosen_sources(sources: Sequence[str], documents: pd.DataFrame | None) -> list[str]:
    """Return a footnote's source lines: `sources` when given, else those of `documents` (none without either)."""
    if sources or documents is None:
        return list(sources)
    return source_lines(documents)


def shorten(text: object, width: int = 90) -> str:
    """Return `text` on one line, cut at a word before `width` characters with an ellipsis; "" if missing.

    >>> shorten("The United States  announced\\nmore than $686 million in new assistance.", 40)
    'The United States announced more than…'
    """
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return ""
    one_line = " ".join(str(text).split())
    if len(one_line) <= width:
        return one_line
    cut = one_line[:width - 1].rsplit(" ", 1)[0] if " " in one_line[:width - 1] else one_line[:width - 1]
    return cut.rstrip(" ,;:") + "…"


def around(sentence: object, quote: object, width: int = 60) -> str:
    """Return the words of `sentence` around `quote`, at most about `width` characters, with ellipses.

    Several figures often share a sentence; the words around each tell them apart.
    Without the quote in the sentence, the sentence's start.

    >>> around("Along with the nearly $575 million in additional humanitarian assistance, "
    ...        "the United States obligated more than $314 million in 2022.", "$314 million", 50)
    '\u2026States obligated more than $314 million in 2022.'
    """
    text, figure = shorten(sentence, 10_000), shorten(quote, 10_000)
    at = text.find(figure) if figure else -1
    if at < 0 or len(text) <= width:
        return shorten(text, width)
    tokens = text.split(" ")
    starts = [0]
    for token in tokens[:-1]:
        starts.append(starts[-1] + len(token) + 1)
    lo = max(i for i, s in enumerate(starts) if s <= at)
    hi = max(i for i, s in enumerate(starts) if s < at + len(figure))

    def length(a: int, b: int) -> int:
        return starts[b] + len(tokens[b]) - starts[a]

    grew = True
    while grew:  # a word on each side in turn, while the piece fits
        grew = False
        if lo > 0 and length(lo - 1, hi) <= width:
            lo, grew = lo - 1, True
        if hi < len(tokens) - 1 and length(lo, hi + 1) <= width:
            hi, grew = hi + 1, True
    return ("\u2026" if lo > 0 else "") + " ".join(tokens[lo:hi + 1]) + ("\u2026" if hi < len(tokens) - 1 else "")


def document_titles(documents: pd.DataFrame | None, docs: object, width: int = 90) -> str:
    """Return the titles of the documents in a `docs` cell ("a.txt;b.txt"), shortened; the file names
    where `documents` is None or lacks them.

    >>> document_titles(pd.DataFrame({"doc": ["a.txt"], "title": ["Fact sheet"]}), "a.txt;b.txt")
    'Fact sheet; b.txt'
    """
    names = split_values(docs)
    titles = {} if documents is None else dict(zip(documents["doc"], documents["title"]))
    return shorten("; ".join(str(titles.get(d, d)) for d in names), width)


def _names() -> dict[str, str]:
    from ladfin.analysis.params import country_names

    return country_names()


def actor_label(code: object, names: Mapping[str, str] | None = None) -> str:
    """Return an actor's display name: the country's English name for an ISO code, else the code.

    A joint announcement ("CRI;USA") names each of its actors.

    >>> actor_label("COL", {"COL": "Colombia"}), actor_label("IOM", {}), actor_label(None, {})
    ('Colombia', 'IOM', 'not named')
    >>> actor_label("CRI;USA", {"CRI": "Costa Rica", "USA": "United States"})
    'Costa Rica and United States'
    """
    codes = split_values(code)
    if not codes:
        return "not named"
    names = _names() if names is None else names
    return " and ".join(names.get(c, c) for c in codes)


def event_label(name: object, date: object) -> str:
    """Return an event's axis label: its name and month.

    >>> event_label("Fourth Ministerial", pd.Timestamp("2024-09-25"))
    'Fourth Ministerial (Sep 2024)'
    """
    name = "event" if name is None or pd.isna(name) else str(name)
    return name if date is None or pd.isna(date) else f"{name} ({pd.Timestamp(date):%b %Y})"


def pillar_label(pillar: object) -> str:
    """Return a pillar's display name from PILLAR_LABELS; "no pillar" when missing.

    >>> pillar_label(1), pillar_label(None)
    ('Pillar 1 · stability, integration', 'no pillar')
    """
    return PILLAR_LABELS.get(int(pillar), str(pillar)) if pd.notna(pillar) else "no pillar"


def measure_label(measure: object) -> str:
    """Return what a measure counts, as a legend writes it (data/reference/measures.csv); "not stated" if missing.

    >>> measure_label("new_funding"), measure_label("in_need")
    ('new money announced', 'in need, displaced or resident')
    """
    if measure is None or pd.isna(measure):
        return NO_STATUS
    return measure_labels().get(str(measure), str(measure))


def counted_note(measures: Iterable[object]) -> str:
    """Return the caption line saying what a chart counts, from the measures it draws.

    >>> counted_note(["new_funding"])
    'What is counted: new money announced, each announcement once.'
    >>> counted_note(["resettled", "regularised"])
    'What is counted, each apart: regularised; resettled, admitted or arrived; each announcement once.'
    """
    present = sorted({str(m) for m in measures if m is not None and not pd.isna(m)})
    if not present:
        return ""
    labels = [measure_label(m) for m in present]
    if len(labels) == 1:
        return f"What is counted: {labels[0]}, each announcement once."
    return f"What is counted, each apart: {'; '.join(labels)}; each announcement once."


def status_label(status: object) -> str:
    """Return a status's display name from STATUS_LABELS; NO_STATUS when missing.

    >>> status_label("advancing"), status_label(None)
    ('advancing existing', 'not stated')
    """
    return NO_STATUS if status is None or pd.isna(status) else STATUS_LABELS.get(str(status), str(status))
