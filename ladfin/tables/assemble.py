"""Builds the tidy tables from the catalogued documents: extract, normalise, link, check.

Two stages, each a function a build engine calls: `read_batch` reads some
documents into their rows (extraction, placement, USD, flow, status, measure,
role: everything that depends on one document alone), and `link_batches`
links the rows of every batch into the tables (announcements across
documents, events, rates used) and checks them. Any split of the documents
into batches gives the same tables. `build_tables` runs both on one machine,
a batch of BATCH_SIZE documents at a time, serving unchanged documents from
the batches kept in data/interim (`ladfin.tables.batches`) when given a store.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

import pandas as pd

from ladfin.core import schema
from ladfin.core.vocab import APPROXIMATE_DATE, OWN_EVENT
from ladfin.tables.batches import Batch, BatchStore
from ladfin.tables.cache import ExtractionCache
from ladfin.tables.engines import Engine, LocalEngine
from ladfin.core.cells import join_values, split_values
from ladfin.extract.documents import Document, Unread, catalog_date
from ladfin.extract.figures import extract_document, reading_vocabulary
from ladfin.extract.layout import read_layout
from ladfin.link.announcements import build_announcements, link_mentions
from ladfin.link.classify import add_flow, add_status
from ladfin.link.measures import add_measure
from ladfin.link.roles import add_roles
from ladfin.normalise.prices import add_constant_dollars
from ladfin.normalise.rates import Policy, add_amount_usd, rates_used


# Columns the build adds to extracted rows: where the figure sits, and what only linking reads.
_PLACED = ("event_id", "event_name", "event_date", "sentence_start", "block_start", "block_kind", "context_before")
# Figure columns no announcement column comes from and `build_announcements` does not read: the sentence
# and its context above all, which it would otherwise reorder row by row with everything else.
_UNANNOUNCED = ("lang", "sentence", "context_before", "block_kind", "section", "unit_source", "duration",
                "actor_alias", "cues", "note")
BATCH_SIZE = 500  # documents read together: bounds the texts held at once, and the rows of one partition
CONTEXT_CHARS = 400  # how much of the paragraph before a figure's sentence a measure cue may come from


def _place(document: Document, rows: list[dict]) -> None:
    """Add each figure row's sentence_start, block_start, block_kind and the paragraph text before it.

    For a list item, the text before it starts with the line introducing its
    list, so "- Octubre: 40,223 personas" under "Desglose de deportaciones"
    reads the cue of that line.
    """
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
            if block_kind == "bullet":  # a list item reads on from the line introducing its list
                lead = _list_lead(layout, layout.sentence_blocks[sentence]) + " " + lead
            row["context_before"] = " ".join(lead.split()) or None


def _list_lead(layout, block: int) -> str:
    """Return the text of the block that introduces the list bullet `block` is in ("Desglose de deportaciones")."""
    lead = block - 1
    while lead >= 0 and layout.blocks[lead].kind == "bullet":
        lead -= 1
    if lead < 0:
        return ""
    start, end = layout.blocks[lead].start, layout.blocks[lead].end
    return layout.clean[max(start, end - CONTEXT_CHARS):end]


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


def _dated(entry: dict) -> tuple[dict, bool]:
    """Return a catalog entry with its dates as days, and whether its event date is only a month or a year."""
    dated, approximate = dict(entry), False
    for column in ("published", "event_date"):
        day, precision = catalog_date(entry.get(column))
        dated[column] = day
        approximate = approximate or (column == "event_date" and precision not in (None, "day"))
    return dated, approximate


def extract_all(documents: Iterable[Document], *, cache: ExtractionCache | None = None,
                engine: Engine | None = None) -> tuple[list[dict], list[dict], list[dict]]:
    """Return (document rows, figure rows, skipped rows) for catalogued documents.

    Documents are read one at a time; with a `cache`, a document read before by
    the same code and vocabulary is taken from it (see `ladfin.tables.cache`). A
    figure of a document with no event date (nor, for a document that is its
    own event, a publication date) is kept and flagged no_event_date; one whose
    date the catalog gives only as a month or a year ("2023-06") is dated to
    the period's first day and flagged approximate_date. The `engine`
    (`ladfin.tables.engines`; default this process) decides where documents are read.
    """
    doc_rows, figure_rows, skipped_rows = [], [], []
    for document, (figures, skipped) in (engine or LocalEngine()).read(documents, read_placed, cache):
        entry, approximate = _dated({**document.entry, **event_of(document.entry, document.doc)})
        for row in figures:
            row.update({k: entry.get(k) or None for k in ("event_id", "event_name", "event_date")})
            if not row["event_date"] or approximate:
                flag = APPROXIMATE_DATE if row["event_date"] else "no_event_date"
                row["flag"] = join_values([*split_values(row["flag"]), flag])
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


def read_rows(figures: pd.DataFrame, *, fx_policy: Policy = "on_date") -> pd.DataFrame:
    """Return extracted figure rows read as far as one document allows: USD, flow, status, measure, role."""
    return (
        figures.pipe(add_money_columns, fx_policy=fx_policy)
        .pipe(_by_language, add_flow)
        .pipe(_by_language, add_status)
        .pipe(_by_language, add_measure)
        .pipe(_by_language, add_roles)
    )


def read_figures(figures: pd.DataFrame, documents: pd.DataFrame, *,
                 fx_policy: Policy = "on_date") -> pd.DataFrame:
    """Return extracted figure rows read in full: USD, flow, status, measure, role, announcement."""
    return read_rows(figures, fx_policy=fx_policy).pipe(link_mentions, documents)


def read_batch(documents: Iterable[Document], *, fx_policy: Policy = "on_date",
               cache: ExtractionCache | None = None, engine: Engine | None = None) -> Batch:
    """Return the rows some documents give the tables before linking (the per-document stage).

    `cache` serves the extraction of documents read before (`ladfin.tables.cache`);
    the `engine` reads them here or on a cluster (`ladfin.tables.engines`).
    """
    doc_rows, figure_rows, skipped_rows = extract_all(documents, cache=cache, engine=engine)
    extracted = schema.frame(figure_rows, "extracted", extra=_PLACED)
    return Batch(schema.frame(doc_rows, "documents"), schema.typed(read_rows(extracted, fx_policy=fx_policy)),
                 schema.frame(skipped_rows, "skipped"))


def _joined(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """Return the rows of `parts` one after another, each declared column typed as the schema says."""
    frames = [schema.typed(p) for p in parts]
    if len(frames) == 1:
        return frames[0].reset_index(drop=True)
    return pd.concat(frames, ignore_index=True)


def link_batches(batches: Iterable[Batch], *, engine: Engine | None = None) -> dict[str, pd.DataFrame]:
    """Return every table from the batches of a corpus, in catalog order (the linking stage).

    Each event takes one name (`one_name_per_event`), mentions are linked across
    all batches by the `engine` (`ladfin.link.announcements`; default this
    process), then every table is checked against its schema.
    """
    batches = list(batches)
    docs = schema.check(_joined([b.documents for b in batches]), "documents")
    figures = (engine or LocalEngine()).link(one_name_per_event(_joined([b.figures for b in batches]), docs), docs)
    announced = figures.drop(columns=[c for c in _UNANNOUNCED if c in figures])
    announcements = build_announcements(announced, docs, base_year=schema.BASE_YEAR)
    return {
        "documents": docs,
        "events": schema.check(build_events(docs, announcements), "events"),
        "figures": schema.check(figures, "figures"),
        "announcements": schema.check(announcements, "announcements"),
        "skipped": schema.check(_joined([b.skipped for b in batches]), "skipped"),
        "rates_used": schema.check(rates_used(figures), "rates_used"),
    }


def _event_rows(documents: pd.DataFrame) -> pd.DataFrame:
    """Return name, date and place of each event id: the first catalog row naming it gives them."""
    return documents.groupby("event_id", sort=False)[["event_name", "event_date", "event_place"]].first()


def one_name_per_event(figures: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Return the figures with each event's name and date as the events table gives them.

    Two catalog rows may spell one meeting's name differently ("Third Los
    Angeles Declaration Ministerial", "Los Angeles Declaration Ministerial
    Meeting, Guatemala"); an event is one event, so every figure of an event id
    takes the name of the first catalog row naming it, as `events` does, and
    its date where the figure's own row gives one (money stays converted at
    that row's date; a figure whose row gives none stays flagged
    no_event_date), so a total by event is never split in two.
    """
    events = _event_rows(documents)
    known = figures["event_id"].isin(events.index)
    dated = known & figures["event_date"].notna()
    out = figures.copy()
    for column, where in (("event_name", known), ("event_date", dated)):
        mapped = figures["event_id"].map(events[column])
        out[column] = mapped.where(where, figures[column]).astype(figures[column].dtype)
    return out


def build_events(documents: pd.DataFrame, announcements: pd.DataFrame) -> pd.DataFrame:
    """Return one row per event: name, date and place from the catalog, documents and announcements."""
    first = _event_rows(documents)
    counts = documents.groupby("event_id", sort=False)["doc"].count().rename("documents")
    linked = announcements.groupby("event_id")["announcement"].nunique().rename("announcements")
    events = first.join(counts).join(linked).fillna({"announcements": 0}).reset_index()
    return events.sort_values(["event_date", "event_id"], na_position="last")


def read_batches(documents: Iterable[Document | Unread], *, fx_policy: Policy = "on_date",
                 cache: ExtractionCache | None = None, store: BatchStore | None = None,
                 batch_size: int = BATCH_SIZE, engine: Engine | None = None) -> Iterator[Batch]:
    """Yield batches holding the rows of `documents`, in their order: from `store` where kept, else read.

    Documents are taken one at a time and at most `batch_size` unread ones are
    held at once; each batch read is kept in `store`. Documents a store serves
    are yielded as the parts of its batches that hold them, in their order, and
    an `Unread` one is read only when no batch holds it.
    """
    pending: list[Document] = []
    keys: dict[str, str] = {}
    served: list[tuple[str, str]] = []  # (batch name, doc) of stored documents not yet yielded
    for document in documents:
        key = store.key(document) if store is not None else None
        found = store.find(key) if store is not None else None
        if found is not None:
            if pending:
                yield from _flush(pending, keys, fx_policy, cache, store, engine)
                pending, keys = [], {}
            served.append(found)
            continue
        if served:
            yield from _served(served, store)
            served = []
        pending.append(document.read())
        if key is not None:
            keys[document.doc] = key
        if len(pending) >= batch_size:
            yield from _flush(pending, keys, fx_policy, cache, store, engine)
            pending, keys = [], {}
    if served:
        yield from _served(served, store)
    if pending:
        yield from _flush(pending, keys, fx_policy, cache, store, engine)


def _flush(pending, keys, fx_policy, cache, store, engine) -> Iterator[Batch]:
    batch = read_batch(pending, fx_policy=fx_policy, cache=cache, engine=engine)
    if store is not None:
        store.write(batch, keys)
    yield batch


def _served(served: list[tuple[str, str]], store: BatchStore) -> Iterator[Batch]:
    """Yield the stored rows of a run of documents, in their order, one batch part per run of one batch."""
    run: list[str] = []
    name = None
    for batch_name, doc in served:
        if name is not None and batch_name != name:
            yield _ordered(store.batches[name], run)
            run = []
        name = batch_name
        run.append(doc)
    if run:
        yield _ordered(store.batches[name], run)


def _ordered(batch: Batch, docs: list[str]) -> Batch:
    """Return the rows of `docs` from a stored batch, documents in the order of `docs`."""
    if batch.documents["doc"].tolist() == docs:  # the whole batch, in its order: as a build reads it again
        return batch
    part = batch.only(set(docs))
    rank = {doc: n for n, doc in enumerate(docs)}
    return Batch(*(getattr(part, p).sort_values("doc", key=lambda d: d.map(rank), kind="stable")
                   for p in ("documents", "figures", "skipped")))


def build_tables(documents: Iterable[Document | Unread], *, fx_policy: Policy = "on_date",
                 cache: ExtractionCache | None = None, store: BatchStore | None = None,
                 batch_size: int = BATCH_SIZE, engine: Engine | None = None) -> dict[str, pd.DataFrame]:
    """Return every table built from `documents`, each checked against its schema.

    Money is converted at each document's catalog event date with `fx_policy`
    (see `ladfin.normalise.rates.add_amount_usd`), in constant dollars of schema.BASE_YEAR.
    A `cache` serves the extraction of documents read before (`ladfin.tables.cache`),
    a `store` the rows of documents read before by the same code (`ladfin.tables.batches`);
    the `engine` reads and links here or on a cluster (`ladfin.tables.engines`), with the same tables.
    """
    tables = link_batches(read_batches(documents, fx_policy=fx_policy, cache=cache, store=store,
                                       batch_size=batch_size, engine=engine), engine=engine)
    if store is not None:
        store.prune()
    return tables
