"""The words on charts: label vocabularies, the dollars subtitle, source footnotes, display names.

Every chart family prints these, so a pillar, status or role reads the same
on every chart and every export.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

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


def source_lines(documents: pd.DataFrame, docs: Iterable[str] | None = None, *,
                 width: int = 100) -> list[str]:
    """Return footnote lines naming the sources: each publisher, with its documents' count and years.

    Args:
        documents: the documents table (doc, publisher, published, event_date).
        docs: keep only these document file names (default: every document).
        width: longest line, in characters; lines break between publishers.

    >>> docs = pd.DataFrame({"doc": ["a", "b"], "publisher": ["The White House"] * 2,
    ...                      "published": pd.to_datetime(["2024-05-07", "2024-09-26"])})
    >>> source_lines(docs)
    ['Sources: The White House (2 documents, 2024); full list in data/raw/catalog.csv.']
    """
    table = documents if docs is None else documents[documents["doc"].isin(list(docs))]
    if table.empty:
        return ["Source: no document."]
    parts = []
    for publisher, group in table.groupby("publisher", sort=True):
        when = pd.to_datetime(group["published"], errors="coerce")
        if "event_date" in group:
            when = when.fillna(pd.to_datetime(group["event_date"], errors="coerce"))
        years = ", ".join(str(y) for y in sorted({int(y) for y in when.dt.year.dropna()}))
        count = f"{len(group)} document{'s' if len(group) > 1 else ''}"
        parts.append(f"{publisher} ({count}{', ' + years if years else ''})")
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
