"""Declares every column once, and each table's columns, key and grain.

`check(df, name)` returns a table ordered and typed as declared, or raises one
SchemaError listing every problem; `frame(rows, name)` builds a typed table from
row dicts. The declarations also feed datapackage.json, so the tables carry
their meaning into R, Excel or any other tool.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import get_args

import pandas as pd

from ladfin.errors import SchemaError, list_problems
from ladfin.figures import Kind, Qualifier


@dataclass(frozen=True)
class Column:
    dtype: str                       # pandas dtype: string, Int64, Float64, boolean, datetime64[s]
    description: str
    unit: str | None = None          # for datapackage.json: "USD", "person", "char" ...
    allowed: tuple | None = None     # the values a category may take
    required: bool = False           # never empty


@dataclass(frozen=True)
class Table:
    grain: str
    key: tuple[str, ...]
    columns: tuple[str, ...]


COLUMNS: dict[str, Column] = {
    # provenance
    "doc": Column("string", "File name of the source document in data/raw.", required=True),
    "start": Column("Int64", "Offset (characters) in the raw file where the text begins.", "char", required=True),
    "end": Column("Int64", "Offset (characters) in the raw file where the text ends.", "char", required=True),
    "quote": Column("string", "The figure as written: raw[start:end], hedge excluded.", required=True),
    "text": Column("string", "The raw text of a number that is not a figure: raw[start:end].", required=True),
    "reason": Column("string", "Why a number is not a figure (date, year, label, duration ...).", required=True),
    "sentence": Column("string", "The sentence holding the figure, white space folded."),
    "section": Column("string", "Heading of the section holding the figure; empty in the overview."),
    "pillar": Column("Int64", "Los Angeles Declaration pillar: 1 stability/integration, 2 pathways/protection, "
                     "3 enforcement/migration management, 4 emergency response, 0 overview.",
                     allowed=(0, 1, 2, 3, 4), required=True),
    "status": Column("string", "Marker of the bullet holding the figure: new, advancing; empty if none."),
    # the figure
    "kind": Column("string", "What the figure counts.", allowed=get_args(Kind), required=True),
    "value": Column("Float64", "The figure in base units (578 million -> 578000000); the lower end of a range.",
                    required=True),
    "value_high": Column("Float64", "Upper end of a range ($5-10 million -> 10000000); empty otherwise."),
    "unit": Column("string", "ISO 4217 code (money), person (people), the counted noun (count), percent; "
                   "empty when the currency could not be told (see flag)."),
    "qualifier": Column("string", "Hedge class: exact, over, under, approx.", allowed=get_args(Qualifier),
                        required=True),
    "hedge": Column("string", "The hedge as written, lower case (more than, nearly ...)."),
    "currency_assumed": Column("boolean", "The text writes only $ (or pesos) and leaves the currency open; "
                               "unit is the reading chosen, note says why.", required=True),
    "alt_unit": Column("string", "The other reading of an assumed currency (USD for a Canadian $)."),
    "duration": Column("string", "Period a money figure is spread over, as written (six years)."),
    "actor": Column("string", "Who announced the figure: ISO 3166 alpha-3, or an organisation's short name."),
    "actor_alias": Column("string", "The actor as named in the text (USAID, Secretary Blinken ...)."),
    "recipients": Column("string", "Other countries the sentence names (ISO alpha-3, ; separated)."),
    "note": Column("string", "Why a judgement was made (currency reading, borrowed unit ...)."),
    "flag": Column("string", "Why the figure could not be normalised (unknown_currency ...); empty if fine."),
    # documents and events
    "id": Column("string", "Catalog id of the document.", required=True),
    "title": Column("string", "Title of the document.", required=True),
    "publisher": Column("string", "Who published the document.", required=True),
    "document_kind": Column("string", "primary (the announcer's own text) or secondary (a report of it).",
                            allowed=("primary", "secondary"), required=True),
    "published": Column("datetime64[s]", "Publication date, where known."),
    "language": Column("string", "Language of the document (en, es ...).", required=True),
    "event_id": Column("string", "Id of the ministerial meeting the document reports.", required=True),
    "event_name": Column("string", "Name of the event."),
    "event_date": Column("datetime64[s]", "Date of the event: the announcement date of its figures.", required=True),
    "event_place": Column("string", "Where the event was held."),
    "source_url": Column("string", "Where the document was published, where known."),
    "sha256": Column("string", "SHA-256 of the raw file.", required=True),
    "licence": Column("string", "Licence or rights note."),
    "characters": Column("Int64", "Length of the raw file in characters.", "char", required=True),
    "figures": Column("Int64", "Figures found in the document.", required=True),
    "skipped": Column("Int64", "Numbers in the document that are not figures.", required=True),
}

_EXTRACTED = (
    "doc", "start", "end", "quote", "sentence", "section", "pillar", "status", "kind", "value",
    "value_high", "unit", "qualifier", "hedge", "currency_assumed", "alt_unit", "duration",
    "actor", "actor_alias", "recipients", "note", "flag",
)

TABLES: dict[str, Table] = {
    "extracted": Table("one row per figure mention, as read from one text", ("doc", "start"), _EXTRACTED),
    "figures": Table(
        "one row per figure mention in a catalogued document",
        ("doc", "start"),
        _EXTRACTED[:1] + ("event_id", "event_date") + _EXTRACTED[1:],
    ),
    "skipped": Table("one row per number that is not a figure", ("doc", "start"),
                     ("doc", "start", "end", "text", "reason")),
    "documents": Table(
        "one row per catalogued document",
        ("doc",),
        ("doc", "id", "title", "publisher", "document_kind", "published", "language", "event_id",
         "event_name", "event_date", "event_place", "source_url", "sha256", "licence",
         "characters", "figures", "skipped"),
    ),
}


def _cast(series: pd.Series, dtype: str) -> pd.Series:
    if dtype.startswith("datetime"):
        return pd.to_datetime(series, errors="coerce").astype(dtype)
    if dtype == "boolean":
        return series.astype("boolean")
    return series.astype(dtype)


def frame(rows: list[dict], name: str) -> pd.DataFrame:
    """Return row dicts as a DataFrame with table `name`'s columns, in order and typed."""
    table = TABLES[name]
    df = pd.DataFrame(rows, columns=list(table.columns))
    return pd.DataFrame({c: _cast(df[c], COLUMNS[c].dtype) for c in table.columns})


def check(df: pd.DataFrame, name: str) -> pd.DataFrame:
    """Return `df` as table `name`: its declared columns, in order, typed and validated.

    Raises:
        SchemaError: listing every problem: missing columns, values that do not cast,
            empty required cells, values outside a column's allowed set, repeated keys.
    """
    table = TABLES[name]
    missing = [c for c in table.columns if c not in df.columns]
    if missing:
        raise SchemaError(f"table {name}: missing column(s) {', '.join(missing)}")
    problems: list[str] = []
    typed = {}
    for c in table.columns:
        try:
            typed[c] = _cast(df[c], COLUMNS[c].dtype)
        except (TypeError, ValueError) as exc:
            problems.append(f"column {c}: cannot be read as {COLUMNS[c].dtype} ({exc})")
            typed[c] = df[c]
    if problems:
        raise SchemaError(f"table {name}: {len(problems)} problem(s)\n{list_problems(problems)}")
    out = pd.DataFrame(typed, index=df.index).reset_index(drop=True)
    problems = _validate(out, name)
    if problems:
        raise SchemaError(f"table {name}: {len(problems)} problem(s)\n{list_problems(problems)}")
    return out


def pandera_schema(name: str):
    """Return the pandera DataFrameSchema equivalent to table `name`'s declaration."""
    import pandera.pandas as pa

    table = TABLES[name]
    columns = {}
    for c in table.columns:
        spec = COLUMNS[c]
        checks = [pa.Check.isin(list(spec.allowed))] if spec.allowed else []
        columns[c] = pa.Column(spec.dtype, checks=checks, nullable=not spec.required)
    return pa.DataFrameSchema(columns, unique=list(table.key), strict=True, ordered=True)


def _validate(df: pd.DataFrame, name: str) -> list[str]:
    import pandera.errors
    import pandera.pandas  # noqa: F401  (registers the pandas backend)

    try:
        pandera_schema(name).validate(df, lazy=True)
    except pandera.errors.SchemaErrors as exc:
        cases = exc.failure_cases
        problems = []
        for row in cases.head(50).itertuples(index=False):
            where = f"row {row.index}" if pd.notna(row.index) else "table"
            where += f", doc {df.at[int(row.index), 'doc']}" if pd.notna(row.index) and "doc" in df else ""
            problems.append(f"{where}: column {row.column}: {row.check} failed ({row.failure_case!r})")
        if len(cases) > 50:
            problems.append(f"... {len(cases) - 50} more failure cases")
        return problems
    return []
