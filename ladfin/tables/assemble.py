"""Builds the tidy tables from the catalogued documents: extract, normalise, link, check."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pandas as pd

from ladfin.core import schema
from ladfin.core.vocab import OWN_EVENT
from ladfin.tables.cache import ExtractionCache
from ladfin.tables.engines import Engine, LocalEngine
from ladfin.core.cells import join_values, split_values
from ladfin.extract.documents import Document
from ladfin.extract.figures import extract_document, reading_vocabulary
from ladfin.extract.layout import read_layout
from ladfin.link.announcements import build_announcements
from ladfin.link.classify import add_flow, add_status
from ladfin.link.measures import add_measure
from ladfin.link.roles import add_roles
from ladfin.normalise.prices import add_constant_dollars
from ladfin.normalise.rates import Policy, add_amount_usd, rates_used


# Columns the build adds to extracted rows: where the figure sits, and what only linking reads.
_PLACED = ("event_id", "event_name", "event_date", "sentence_start", "block_start", "block_kind", "context_before")
CONTEXT_CHARS = 400  # how much of the paragraph before a figure's sentence a measure cue may come from


def _place(document: Document, rows: list[dict]) -> None:
    """Add each figure row's sentence_start, block_start, block_kind and the paragraph text before it."""
    layout = read_layout(document.raw, reading_vocabulary(document)[0], doc=document.doc)
    for row in rows:
        if layout.sentences:
            sentence = layout.sentence_at(row["start"])
            s_start = layout.sentences[sentence][0]
            block, _, block_kind, _ = layout.blocks[layout.sentence_blocks[sentence]]
            row["sentence_start"] = s_start
            row["block_start"] = block
            row["block_kind"] = block_kind
            lead = layout.clean[max(block, s_start - CONTEXT_CHARS):s_start]
            row["context_before"] = " ".join(lead.split()) or None


def event_of(entry: dict, doc: str) -> dict:
    """Return the event a catalog entry reports: its event columns, or the document itself.

    A release that reports no ministerial meeting (an agency appeal, a
    government's own announcement) is its own event: "doc:<id>", named by its
    title and dated by its publication, so its money and people still fall in
    a year.

    >>> event_of({"id": "unhcr-2024", "title": "Appeal", "published": "2024-03-01"}, "a.txt")["event_id"]
    'doc:unhcr-2024'
    """
    if (entry.get("event_id") or "").strip():
        return {k: entry.get(k) or None for k in ("event_id", "event_name", "event_date", "event_place")}
    return {"event_id": f"{OWN_EVENT}{entry.get('id') or doc}", "event_name": entry.get("title") or doc,
            "event_date": entry.get("published") or None, "event_place": None}


def read_placed(document: Document) -> tuple[list[dict], list[dict]]:
    """Return (figure rows, skipped rows) of one document, each figure placed in its layout."""
    figures, skipped = extract_document(document)
    _place(document, figures)
    return figures, skipped


def extract_all(documents: Iterable[Document], *, cache: ExtractionCache | None = None,
                engine: Engine | None = None) -> tuple[list[dict], list[dict], list[dict]]:
    """Return (document rows, figure rows, skipped rows) for catalogued documents.

    Documents are read one at a time; with a `cache`, a document read before by
    the same code and vocabulary is taken from it (see `ladfin.tables.cache`). A
    figure of a document with no event date (nor, for a document that is its
    own event, a publication date) is kept and flagged no_event_date. The `engine`
    (`ladfin.tables.engines`; default this process) decides where documents are read.
    """
    doc_rows, figure_rows, skipped_rows = [], [], []
    for document, (figures, skipped) in (engine or LocalEngine()).read(documents, read_placed, cache):
        entry = {**document.entry, **event_of(document.entry, document.doc)}
        for row in figures:
            row.update({k: entry.get(k) or None for k in ("event_id", "event_name", "event_date")})
            if not row["event_date"]:
                row["flag"] = join_values([*split_values(row["flag"]), "no_event_date"])
        figure_rows.extend(figures)
        skipped_rows.extend(skipped)
        doc_rows.append(
            {**{k: entry.get(k) or None for k in schema.TABLES["documents"].columns if k in entry},
             "doc": document.doc, "document_kind": entry.get("kind"),
             "characters": len(document.raw), "figures": len(figures), "skipped": len(skipped)}
        )
    return doc_rows, figure_rows, skipped_rows


def add_money_columns(figures: pd.DataFrame, *, fx_policy: Policy = "on_date",
                      base_year: int = schema.BASE_YEAR) -> pd.DataFrame:
    """Return figures with money in USD at the event date, its fx columns, and constant dollars.

    Conversion follows `fx_policy` (see `ladfin.normalise.rates.add_amount_usd`); constant
    `base_year` dollars go to amount_usd_<base_year>, _high and _alt.
    """
    dated = figures.assign(date=figures["event_date"])
    usd = add_amount_usd(dated, policy=fx_policy)
    return add_constant_dollars(usd, base_year=base_year).drop(columns="date")


def _by_language(figures: pd.DataFrame, read: Callable[..., pd.DataFrame]) -> pd.DataFrame:
    """Return `read(rows, lang=...)` applied to each language's rows, in the original row order.

    Cue words are per language: a Spanish figure is read with the Spanish rows.
    Rows without a `lang` are read as English.
    """
    if "lang" not in figures or figures.empty:
        return read(figures)
    langs = figures["lang"].fillna("en")
    parts = [read(figures[langs == lang], lang=lang) for lang in langs.unique()]
    return pd.concat(parts).loc[figures.index]


def read_figures(figures: pd.DataFrame, documents: pd.DataFrame, *,
                 fx_policy: Policy = "on_date", engine: Engine | None = None) -> pd.DataFrame:
    """Return extracted figure rows read in full: USD, flow, status, measure, role, announcement.

    Mentions are linked by the `engine` (`ladfin.tables.engines`; default this process).
    """
    return (
        figures.pipe(add_money_columns, fx_policy=fx_policy)
        .pipe(_by_language, add_flow)
        .pipe(_by_language, add_status)
        .pipe(_by_language, add_measure)
        .pipe(_by_language, add_roles)
        .pipe((engine or LocalEngine()).link, documents)
    )


def _event_rows(documents: pd.DataFrame) -> pd.DataFrame:
    """Return name, date and place of each event id: the first catalog row naming it gives them."""
    return documents.groupby("event_id", sort=False)[["event_name", "event_date", "event_place"]].first()


def one_name_per_event(figures: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Return the figures with each event's name and date as the events table gives them.

    Two catalog rows may spell one meeting's name differently ("Third Los
    Angeles Declaration Ministerial", "Los Angeles Declaration Ministerial
    Meeting, Guatemala"); an event is one event, so every figure of an event id
    takes the name and date of the first catalog row naming it, as `events`
    does, and a total by event is never split in two. A figure whose own
    catalog row had no event date but whose event has one loses its
    no_event_date flag.
    """
    events = _event_rows(documents)
    known = figures["event_id"].isin(events.index)
    out = figures.copy()
    for column in ("event_name", "event_date"):
        mapped = figures["event_id"].map(events[column])
        out[column] = mapped.where(known, figures[column]).astype(figures[column].dtype)
    dated = out["event_date"].notna() & figures["event_date"].isna()
    out.loc[dated, "flag"] = [join_values([f for f in split_values(v) if f != "no_event_date"]) or None
                              for v in out.loc[dated, "flag"]]
    return out


def build_events(documents: pd.DataFrame, announcements: pd.DataFrame) -> pd.DataFrame:
    """Return one row per event: name, date and place from the catalog, documents and announcements."""
    first = _event_rows(documents)
    counts = documents.groupby("event_id", sort=False)["doc"].count().rename("documents")
    linked = announcements.groupby("event_id")["announcement"].nunique().rename("announcements")
    events = first.join(counts).join(linked).fillna({"announcements": 0}).reset_index()
    return events.sort_values(["event_date", "event_id"], na_position="last")


def build_tables(documents: Iterable[Document], *, fx_policy: Policy = "on_date",
                 cache: ExtractionCache | None = None, engine: Engine | None = None) -> dict[str, pd.DataFrame]:
    """Return every table built from `documents`, each checked against its schema.

    Money is converted at each document's catalog event date with `fx_policy`
    (see `ladfin.normalise.rates.add_amount_usd`), in constant dollars of schema.BASE_YEAR.
    A `cache` serves the extraction of documents read before (`ladfin.tables.cache`);
    the `engine` reads and links here or on a cluster (`ladfin.tables.engines`), with the same tables.
    """
    doc_rows, figure_rows, skipped_rows = extract_all(documents, cache=cache, engine=engine)
    docs = schema.check(schema.frame(doc_rows, "documents"), "documents")
    extracted = schema.frame(figure_rows, "extracted", extra=_PLACED).pipe(one_name_per_event, docs)
    figures = extracted.pipe(read_figures, docs, fx_policy=fx_policy, engine=engine)
    announcements = build_announcements(figures, docs, base_year=schema.BASE_YEAR)
    return {
        "documents": docs,
        "events": schema.check(build_events(docs, announcements), "events"),
        "figures": schema.check(figures, "figures"),
        "announcements": schema.check(announcements, "announcements"),
        "skipped": schema.check(schema.frame(skipped_rows, "skipped"), "skipped"),
        "rates_used": schema.check(rates_used(figures), "rates_used"),
    }
