"""Builds the tidy tables from the catalogued documents, and reads and writes them."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from ladfin import datapackage, paths, schema
from ladfin.announcements import build_announcements, link_mentions
from ladfin.classify import add_flow, add_status
from ladfin.documents import Document, load_all
from ladfin.errors import LadfinError
from ladfin.figures import extract_document
from ladfin.layout import read_layout
from ladfin.links import add_roles
from ladfin.prices import add_constant_dollars
from ladfin.rates import Policy, add_amount_usd, rates_used
from ladfin.reference import read_table, vocabulary

TABLE_NAMES = ("documents", "events", "figures", "announcements", "skipped", "rates_used")


def _place(document: Document, rows: list[dict]) -> None:
    """Add each figure row's sentence_start and block_start, from the document's layout."""
    layout = read_layout(document.raw, vocabulary(document.lang), doc=document.doc)
    for row in rows:
        if layout.sentences:
            sentence = layout.sentence_at(row["start"])
            row["sentence_start"] = layout.sentences[sentence][0]
            row["block_start"] = layout.blocks[layout.sentence_blocks[sentence]].start


def extract_all(documents: Iterable[Document]) -> tuple[list[dict], list[dict], list[dict]]:
    """Return (document rows, figure rows, skipped rows) for catalogued documents.

    A figure of a document whose catalog entry has no event date is kept and
    flagged no_event_date.
    """
    doc_rows, figure_rows, skipped_rows = [], [], []
    for document in documents:
        figures, skipped = extract_document(document)
        _place(document, figures)
        entry = document.entry
        for row in figures:
            row.update({k: entry.get(k) or None for k in ("event_id", "event_name", "event_date")})
            if not row["event_date"]:
                row["flag"] = "; ".join(f for f in (row["flag"], "no_event_date") if f)
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

    Conversion follows `fx_policy` (see `ladfin.rates.add_amount_usd`); constant
    `base_year` dollars go to amount_usd_<base_year>, _high and _alt.
    """
    dated = figures.assign(date=figures["event_date"])
    usd = add_amount_usd(dated, policy=fx_policy)
    return add_constant_dollars(usd, base_year=base_year).drop(columns="date")


def read_figures(figures: pd.DataFrame, documents: pd.DataFrame, *,
                 fx_policy: Policy = "on_date") -> pd.DataFrame:
    """Return extracted figure rows read in full: USD, flow, status, role, announcement."""
    return (
        figures.pipe(add_money_columns, fx_policy=fx_policy)
        .pipe(add_flow)
        .pipe(add_status)
        .pipe(add_roles)
        .pipe(link_mentions, documents)
    )


def build_events(documents: pd.DataFrame, announcements: pd.DataFrame) -> pd.DataFrame:
    """Return one row per event: name, date and place from the catalog, documents and announcements."""
    first = documents.groupby("event_id", sort=False)[["event_name", "event_date", "event_place"]].first()
    counts = documents.groupby("event_id", sort=False)["doc"].count().rename("documents")
    linked = announcements.groupby("event_id")["announcement"].nunique().rename("announcements")
    events = first.join(counts).join(linked).fillna({"announcements": 0}).reset_index()
    return events.sort_values(["event_date", "event_id"], na_position="last")


def build_tables(documents: Iterable[Document], *, fx_policy: Policy = "on_date") -> dict[str, pd.DataFrame]:
    """Return every table built from `documents`, each checked against its schema.

    Money is converted at each document's catalog event date with `fx_policy`
    (see `ladfin.rates.add_amount_usd`), in constant dollars of schema.BASE_YEAR.
    """
    doc_rows, figure_rows, skipped_rows = extract_all(documents)
    docs = schema.check(schema.frame(doc_rows, "documents"), "documents")
    extracted = pd.DataFrame(figure_rows, columns=[*schema.TABLES["extracted"].columns, "event_id",
                                                   "event_name", "event_date", "sentence_start", "block_start"])
    figures = schema.typed(extracted).pipe(read_figures, docs, fx_policy=fx_policy)
    announcements = build_announcements(figures, docs, base_year=schema.BASE_YEAR)
    return {
        "documents": docs,
        "events": schema.check(build_events(docs, announcements), "events"),
        "figures": schema.check(figures, "figures"),
        "announcements": schema.check(announcements, "announcements"),
        "skipped": schema.check(schema.frame(skipped_rows, "skipped"), "skipped"),
        "rates_used": schema.check(rates_used(figures), "rates_used"),
    }


def inputs_digest(root: Path | None = None) -> str:
    """Return a hash of everything the tables are built from: raw files, reference tables, code."""
    root = root or paths.root()
    digest = hashlib.sha256()
    folders = [paths.raw_dir(), paths.reference_dir(), Path(__file__).parent]
    for folder in folders:
        for file in sorted(folder.rglob("*")):
            if file.is_file() and "__pycache__" not in file.parts:
                digest.update(str(file.relative_to(folder)).encode())
                digest.update(file.read_bytes())
    return digest.hexdigest()


def write_tables(tables: dict[str, pd.DataFrame], directory: Path | None = None) -> Path:
    """Write each table as Parquet and CSV to `directory` (data/processed); return it."""
    directory = directory or paths.processed_dir()
    directory.mkdir(parents=True, exist_ok=True)
    for name, df in tables.items():
        df.to_parquet(directory / f"{name}.parquet", index=False)
        df.to_csv(directory / f"{name}.csv", index=False)
    datapackage.write(tables, directory)
    (directory / "build.json").write_text(json.dumps({"inputs": inputs_digest()}, indent=2))
    return directory


def is_stale(directory: Path | None = None) -> bool:
    """Tell whether the built tables are missing or older than their inputs."""
    directory = directory or paths.processed_dir()
    stamp = directory / "build.json"
    if not stamp.is_file():
        return True
    try:
        return json.loads(stamp.read_text()).get("inputs") != inputs_digest()
    except (json.JSONDecodeError, OSError):
        return True


def build(directory: Path | None = None, *, fx_policy: Policy = "on_date") -> dict[str, pd.DataFrame]:
    """Build every table from data/raw and write it to data/processed; return the tables."""
    tables = build_tables(load_all(), fx_policy=fx_policy)
    write_tables(tables, directory)
    return tables


def load_table(name: str, directory: Path | None = None) -> pd.DataFrame:
    """Return a built table from data/processed, typed as its schema declares.

    Raises:
        LadfinError: the table has not been built, or `name` is not a table.
    """
    if name not in schema.TABLES:
        raise LadfinError(f"no table {name!r}; tables are {', '.join(TABLE_NAMES)}")
    path = (directory or paths.processed_dir()) / f"{name}.parquet"
    if not path.is_file():
        raise LadfinError(f"{path}: table not built yet; run `ladfin build` (or `make report`)")
    return schema.check(pd.read_parquet(path), name)


def flag_messages() -> dict[str, str]:
    """Return what each flag means and how to fix it, from data/reference/flags.csv."""
    return {r["flag"]: r["message"] for r in read_table("flags", ("flag", "message"))}


def flagged(figures: pd.DataFrame, messages: dict[str, str]) -> pd.DataFrame:
    """Return one row per flag on a figure: doc, start, end, quote, flag and its message."""
    rows = figures[figures["flag"].notna()]
    out = rows[["doc", "start", "end", "quote"]].assign(flag=rows["flag"].str.split("; ")).explode("flag")
    return out.assign(message=out["flag"].map(messages).fillna("see data/reference/flags.csv"))
