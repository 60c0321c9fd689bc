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

from ladfin.core.vocab import (
    BASE_YEAR, FX_POLICIES, BlockKind, Flow, Kind, Measure, Qualifier, Role, Status, UnitSource, constant_column,
)
from ladfin.errors import SchemaError, list_problems


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
    "lang": Column("string", "Language the figure was read in (a row of data/reference/languages.csv): the "
                   "document's, or its paragraph's where a page mixes two."),
    "start": Column("Int64", "Offset (characters) in the raw file where the text begins.", "char", required=True),
    "end": Column("Int64", "Offset (characters) in the raw file where the text ends.", "char", required=True),
    "quote": Column("string", "The figure as written: raw[start:end], hedge excluded.", required=True),
    "text": Column("string", "The raw text of a number that is not a figure: raw[start:end].", required=True),
    "reason": Column("string", "Why a number is not a figure (date, year, label, duration ...).", required=True),
    "sentence": Column("string", "The sentence holding the figure, white space folded; text with no sentence "
                       "end for over 1,000 characters is cut into sentences of at most that length."),
    "section": Column("string", "Heading of the section holding the figure; empty in the overview."),
    "pillar": Column("Int64", "Los Angeles Declaration pillar: 1 stability/integration, 2 pathways/protection, "
                     "3 enforcement/migration management, 4 emergency response, 0 overview.",
                     allowed=(0, 1, 2, 3, 4), required=True),
    "sentence_start": Column("Int64", "Offset (characters) where the sentence holding the figure begins.",
                             "char"),
    "block_start": Column("Int64", "Offset (characters) where the paragraph or bullet holding the figure "
                          "begins: figures with the same doc and block_start share a paragraph.", "char"),
    "block_kind": Column("string", "What holds the figure: a paragraph, a bullet (list item) or a heading.",
                         allowed=get_args(BlockKind)),
    "status": Column("string", "new, advancing (the bullet's marker, which wins), target or achieved (cue words "
                     "near the figure, data/reference/status_words.csv); empty if nothing says.",
                     allowed=get_args(Status)),
    "measure": Column("string", "What a money or people figure measures (data/reference/measures.csv): "
                      "new_funding, existing_funding, loan ... for money; resettled, regularised, in_need ... "
                      "for people; unknown where the words do not say; empty for counts and percentages.",
                      allowed=get_args(Measure)),
    # the figure
    "kind": Column("string", "What the figure counts.", allowed=get_args(Kind), required=True),
    "value": Column("Float64", "The figure in base units (578 million -> 578000000); the lower end of a range. "
                    "Empty where the number read cannot be the figure (flag implausible_value, negative_value, "
                    "scale_unread; note gives the reading), so no total adds it."),
    "value_high": Column("Float64", "Upper end. figures: of a range as written ($5-10 million -> 10000000), "
                         "empty otherwise. announcements: the upper bound the text states (the value, or "
                         "the range's top); empty when the hedge leaves it open (more than, about)."),
    "value_low": Column("Float64", "Lower bound the text states: the value for exact and more than; empty when "
                        "the hedge leaves it open (nearly, up to, about)."),
    "unit": Column("string", "ISO 4217 code (money), person (people), the counted noun (count), percent; "
                   "empty when the currency could not be told (see flag)."),
    "unit_source": Column("string", "Where the unit was read: text (the figure's own words), label (a table "
                          "label on the next line), part_of (the whole it is a part of: 105,000 of the "
                          "estimated 324,500 migrants), compared (the figure it is compared with: compared to "
                          "9,796), of_them (the figure a governing 'of them' points to), same_sentence or "
                          "previous_sentence (a noun the text gives without a number), list_lead (what "
                          "the line introducing a list names: 'se contabilizaron solicitudes:').",
                          allowed=get_args(UnitSource)),
    "qualifier": Column("string", "Hedge class: exact, over, under, approx.", allowed=get_args(Qualifier),
                        required=True),
    "hedge": Column("string", "The hedge as written, lower case (more than, nearly ...)."),
    "currency_assumed": Column("boolean", "The text writes only $ (or pesos) and leaves the currency open; "
                               "unit is the reading chosen, note says why.", required=True),
    "alt_unit": Column("string", "The other reading of an assumed currency (USD for a Canadian $)."),
    "duration": Column("string", "Period a money figure is spread over, as written (six years)."),
    "actor": Column("string", "Who announced the figure: ISO 3166 alpha-3, or an organisation's short name."),
    "actor_alias": Column("string", "The actor as named in the text (USAID, Secretary Blinken ...)."),
    "recipients": Column("string", "Other countries the sentence names: ISO alpha-3 codes joined by ';' "
                         "(GTM;CRI), kept as one string; split on ';' to explode."),
    "recipient": Column("string", "One country of `recipients` (ISO alpha-3); an announcement naming several "
                        "is repeated under each."),
    "flow": Column("string", "What kind of money: assistance (grants, aid, funding), loan, investment, reward, "
                   "seized or other, from the nearest cue word (data/reference/flows.csv); empty unless money.",
                   allowed=get_args(Flow)),
    "role": Column("string", "single; total (its parts are listed after it); component (a part of a total, see "
                   "parent); cumulative (a running total spanning earlier announcements).",
                   allowed=get_args(Role), required=True),
    "parent": Column("string", "The total this figure is a part of, as doc:start (in announcements: the "
                     "total's announcement id); empty unless role is component."),
    "parts_sum_usd": Column("Float64", "Sum of the parts of a total, in USD; empty unless it has parts.", "USD"),
    "parts_add_up": Column("boolean", "Whether the parts' bounds overlap the total's bounds (their qualifiers "
                           "allowing); empty unless the figure has parts."),
    "cues": Column("string", "The cue words that set flow, status and role, as field=value ('phrase')."),
    "announcement": Column("string", "Id of the underlying figure: doc:start of its canonical mention.",
                           required=True),
    "is_canonical": Column("boolean", "Whether this mention is its announcement's canonical one (primary "
                           "document first, then earliest published, then document and offset).",
                           required=True),
    "mentions": Column("Int64", "How many figure mentions the announcement links.", required=True),
    "docs": Column("string", "The documents mentioning the announcement, ';' separated.", required=True),
    "link_reason": Column("string", "Why the mentions were linked, and how they differ.", required=True),
    # money in US dollars
    "amount_usd": Column("Float64", "Money in US dollars at the rate the fx policy picks (the lower end of "
                         "a range); in constant dollars where a function is asked for them.", "USD"),
    "amount_usd_high": Column("Float64", "Upper end in US dollars. figures: of a range, empty otherwise. "
                              "announcements and aggregates: the upper bound the text states, empty where a "
                              "hedge leaves it open (see value_high).", "USD"),
    "amount_usd_low": Column("Float64", "Lower bound in US dollars the text states; empty where a hedge leaves "
                             "it open (see value_low).", "USD"),
    "amount_usd_alt": Column("Float64", "The amount in US dollars read in alt_unit, for an assumed currency.",
                             "USD"),
    "fx_rate": Column("Float64", "Units of the currency per US dollar used for amount_usd."),
    "fx_date": Column("datetime64[s]", "Day of the rate used (1 January for an annual average)."),
    "fx_source": Column("string", "Where the rate comes from: identity (USD), trm, ecb."),
    "fx_policy": Column("string", "How the rate was picked: on_date, annual_average, fixed_date.",
                        allowed=FX_POLICIES),
    "fx_rate_alt": Column("Float64", "Units of alt_unit per US dollar, for amount_usd_alt."),
    "fx_source_alt": Column("string", "Where the rate for amount_usd_alt comes from."),
    "currency": Column("string", "ISO 4217 code of a currency.", required=True),
    # aggregates
    "year": Column("Int64", "Year of the event: the year the figure was announced.", required=True),
    "people": Column("Float64", "Number of persons.", "person"),
    "people_low": Column("Float64", "Lower bound of the number of persons the qualifiers allow.", "person"),
    "people_high": Column("Float64", "Upper bound of the number of persons the qualifiers allow.", "person"),
    "announcements": Column("Int64", "How many distinct announcements (underlying figures) the row counts.",
                            required=True),
    "documents": Column("Int64", "How many catalogued documents report the event.", required=True),
    "has_assumed_currency": Column("boolean", "Whether any amount counted reads a bare $ or pesos as an "
                                   "assumed currency (see currency_assumed).", required=True),
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
    "event_date": Column("datetime64[s]", "Date of the event: the announcement date of its figures; empty "
                         "(and its figures flagged no_event_date) when the catalog lacks it."),
    "event_place": Column("string", "Where the event was held."),
    "source_url": Column("string", "Where the document was published, where known."),
    "sha256": Column("string", "SHA-256 of the raw file.", required=True),
    "licence": Column("string", "Licence or rights note."),
    "characters": Column("Int64", "Length of the raw file in characters.", "char", required=True),
    "figures": Column("Int64", "Figures found in the document.", required=True),
    "skipped": Column("Int64", "Numbers in the document that are not figures.", required=True),
}

for _column in ("amount_usd", "amount_usd_low", "amount_usd_high", "amount_usd_alt"):
    COLUMNS[constant_column(_column, BASE_YEAR)] = Column(
        "Float64", f"{_column} in constant {BASE_YEAR} US dollars (US CPI-U; amounts of {BASE_YEAR} unchanged).",
        f"USD_{BASE_YEAR}",
    )

_EXTRACTED = (
    "doc", "start", "end", "lang", "quote", "sentence", "section", "pillar", "status", "kind", "value",
    "value_high", "unit", "unit_source", "qualifier", "hedge", "currency_assumed", "alt_unit", "duration",
    "actor", "actor_alias", "recipients", "note", "flag",
)
_FX = ("fx_rate", "fx_date", "fx_source", "fx_policy", "fx_rate_alt", "fx_source_alt")
_USD = ("amount_usd", "amount_usd_high", "amount_usd_alt")
_EVENT = ("event_id", "event_name", "event_date")

TABLES: dict[str, Table] = {
    "extracted": Table("one row per figure mention, as read from one text", ("doc", "start"), _EXTRACTED),
    "figures": Table(
        "one row per figure mention in a catalogued document",
        ("doc", "start"),
        ("doc", *_EVENT, "start", "end", "lang", "quote", "sentence", "sentence_start", "block_start", "block_kind",
         "section", "pillar", "kind", "value", "value_high", "unit", "unit_source", "qualifier", "hedge",
         "currency_assumed",
         "alt_unit", "duration", "actor", "actor_alias", "recipients", "flow", "status", "measure", "role", "parent",
         "parts_sum_usd", "parts_add_up", "announcement", "is_canonical", *_USD, *_FX,
         *(constant_column(c, BASE_YEAR) for c in _USD), "cues", "note", "flag"),
    ),
    "announcements": Table(
        "one row per underlying figure, however many documents mention it",
        ("announcement",),
        ("announcement", *_EVENT, "doc", "start", "end", "quote", "actor", "recipients", "pillar", "kind",
         "unit", "qualifier", "hedge", "value_low", "value", "value_high", "currency_assumed", "alt_unit",
         "flow", "status", "measure", "role", "parent", "parts_sum_usd", "parts_add_up", "amount_usd_low",
         "amount_usd", "amount_usd_high", "amount_usd_alt", *_FX,
         *(constant_column(c, BASE_YEAR) for c in ("amount_usd_low", "amount_usd", "amount_usd_high")),
         "mentions", "docs", "link_reason", "flag"),
    ),
    "events": Table("one row per event (ministerial meeting)", ("event_id",),
                    (*_EVENT, "event_place", "documents", "announcements")),
    "skipped": Table("one row per number that is not a figure", ("doc", "start"),
                     ("doc", "start", "end", "text", "reason")),
    "rates_used": Table(
        "one row per exchange rate used, for either reading of a currency",
        ("currency", "fx_date", "fx_source", "fx_policy"),
        ("currency", "fx_date", "fx_rate", "fx_source", "fx_policy"),
    ),
    "documents": Table(
        "one row per catalogued document",
        ("doc",),
        ("doc", "id", "title", "publisher", "document_kind", "published", "language", "event_id",
         "event_name", "event_date", "event_place", "source_url", "sha256", "licence",
         "characters", "figures", "skipped"),
    ),
}


def typed(df: pd.DataFrame) -> pd.DataFrame:
    """Return `df` with every declared column cast to its declared dtype, others untouched."""
    return df.assign(**{c: _cast(df[c], COLUMNS[c].dtype) for c in df.columns if c in COLUMNS})


def _cast(series: pd.Series, dtype: str) -> pd.Series:
    if dtype.startswith("datetime"):
        return pd.to_datetime(series, errors="coerce").astype(dtype)
    if dtype == "boolean":
        return series.astype("boolean")
    return series.astype(dtype)


def frame(rows: list[dict], name: str, *, extra: tuple[str, ...] = ()) -> pd.DataFrame:
    """Return row dicts as a DataFrame with table `name`'s columns (then `extra`), in order and typed.

    A key no row may carry is an error, not a silently dropped or all-empty
    column: rows are built against the schema, never beside it.

    Raises:
        SchemaError: a row carries a key that is neither a column of `name` nor in `extra`.

    >>> frame([{"doc": "a.txt", "start": 0, "end": 3, "text": "FY1", "reason": "label"}], "skipped").shape
    (1, 5)
    >>> frame([{"doc": "a.txt", "strat": 0}], "skipped")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ladfin.errors.SchemaError: table skipped: rows carry undeclared column(s) strat (first in row 0); ...
    """
    table = TABLES[name]
    columns = [*table.columns, *extra]
    allowed = set(columns)
    unknown: dict[str, int] = {}
    for i, row in enumerate(rows):
        for key in row.keys() - allowed:
            unknown.setdefault(key, i)
    if unknown:
        listed = ", ".join(f"{k} (first in row {i})" for k, i in sorted(unknown.items()))
        raise SchemaError(f"table {name}: rows carry undeclared column(s) {listed}; "
                          "declare them in ladfin/core/schema.py or fix the key")
    df = pd.DataFrame(rows, columns=columns)
    return pd.DataFrame({c: _cast(df[c], COLUMNS[c].dtype) if c in COLUMNS else df[c] for c in columns})


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


def _plainly_valid(df: pd.DataFrame, name: str) -> bool:
    """Tell whether `df` passes every check `pandera_schema(name)` makes, found column-wise in pandas.

    The same checks: exactly the declared columns in order, each of its declared
    dtype, no empty cell in a required column, no value outside a column's
    allowed set (empty cells aside), no key repeated. False sends the table to
    pandera itself, which then lists the problems.
    """
    table = TABLES[name]
    if list(df.columns) != list(table.columns):
        return False
    for c in table.columns:
        spec, series = COLUMNS[c], df[c]
        if series.dtype != pd.api.types.pandas_dtype(spec.dtype):
            return False
        missing = series.isna()
        if spec.required and missing.any():
            return False
        if spec.allowed and not series[~missing].isin(list(spec.allowed)).all():
            return False
    return not (table.key and df.duplicated(subset=list(table.key)).any())


def _validate(df: pd.DataFrame, name: str) -> list[str]:
    if _plainly_valid(df, name):  # pandera, and its import, only for a table with something to report
        return []
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
