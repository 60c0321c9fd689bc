"""The frames charts draw: pure functions from a tidy table to the columns the marks encode.

Hedged amounts keep their bounds through every step: `bounds` says how sure
each amount is, `amount_frame` adds the range and label columns a bar chart
draws, and `sum_by` adds amounts up without closing an open side.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import pandas as pd

from ladfin.charts.labels import (
    CURRENCY_LEGEND, PART_ASSUMED, actor_label, document_titles, event_label, measure_label, pillar_label, shorten,
    status_label,
)
from ladfin.core.cells import join_values, split_values
from ladfin.errors import LadfinError


def require_columns(table: pd.DataFrame, columns: Iterable[str], chart: str) -> None:
    """Return nothing once `table` has every one of `columns`.

    Raises:
        LadfinError: naming the chart, the missing columns and the columns the table has.
    """
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise LadfinError(f"{chart}: the table lacks column(s) {', '.join(missing)}; "
                          f"it has {', '.join(map(str, table.columns))}")


def require_one_measure(table: pd.DataFrame, chart: str, *, grouped_by: Iterable[str | None] = ()) -> None:
    """Return nothing when `table` holds one measure, or the chart draws each measure apart.

    A chart adds like with like: bars of people resettled and people in need
    side by side are two measures; one bar holding both would be a sum nobody
    can read.

    Raises:
        LadfinError: several measures and none of `grouped_by` is "measure".
    """
    if "measure" not in table or "measure" in grouped_by:
        return
    present = sorted(table["measure"].dropna().astype(str).unique())
    if len(present) > 1:
        raise LadfinError(f"{chart}: the table holds {len(present)} measures ({', '.join(present)}) and a chart "
                          "adds one at a time; keep one measure, or draw them apart (color=\"measure\")")


def measure_color(table: pd.DataFrame, color: str | None) -> str | None:
    """Return the grouping to colour bars by: `color`, or "measure" when none is asked and several are drawn."""
    if color is None and "measure" in table and table["measure"].dropna().nunique() > 1:
        return "measure"
    return color


def bounds(value: pd.Series, low: pd.Series, high: pd.Series) -> pd.Series:
    """Return how sure each amount is: exact, range, or "more than"/"less than" (a one-sided bound).

    An open side is NA or infinite. Equal low and high (or both open) is exact.
    """
    lo = pd.to_numeric(low, errors="coerce").astype(float)
    hi = pd.to_numeric(high, errors="coerce").astype(float).replace(float("inf"), float("nan"))
    val = pd.to_numeric(value, errors="coerce").astype(float)
    lo = lo.replace(float("-inf"), float("nan"))
    out = pd.Series("exact", index=value.index, dtype="object")
    out[lo.notna() & hi.isna() & val.notna()] = "more than (lower bound)"
    out[lo.isna() & hi.notna() & val.notna()] = "less than (upper bound)"
    out[lo.notna() & hi.notna() & (hi > lo)] = "range"
    return out


def amount_frame(table: pd.DataFrame, value: str, low: str, high: str,
                 fmt: Callable[[object], str]) -> pd.DataFrame:
    """Return `table` with the plotting columns every bar chart shares.

    They are `bound`, `range_low`/`range_high` (set for ranges only), `label`
    and `range_label` (written with `fmt`), `value_text` (the amount as the text
    states it: "$579M", "more than $243M", "$579M to $634M", with "*" where it
    rests on an assumed currency), `label_at` (where that text sits: the top of
    the bar or of its range), and `currency` (a CURRENCY_LEGEND entry, or
    PART_ASSUMED where `has_assumed_currency`).
    """
    data = table.copy()
    for column in (low, high):
        if column not in data:
            data[column] = pd.NA
    data["bound"] = bounds(data[value], data[low], data[high])
    is_range = data["bound"].eq("range")
    data["range_low"] = data[low].where(is_range)
    data["range_high"] = data[high].where(is_range)
    data["label"] = data[value].map(fmt)
    data["range_label"] = [
        f"{fmt(lo)} to {fmt(hi)}" if b == "range"
        else f"more than {fmt(lo)}" if b.startswith("more")
        else f"less than {fmt(hi)}" if b.startswith("less") else "exact"
        for b, lo, hi in zip(data["bound"], data[low], data[high])
    ]
    assumed = data.get("has_assumed_currency", pd.Series(False, index=data.index))
    data["currency"] = [PART_ASSUMED if bool(a) is True else list(CURRENCY_LEGEND)[0]
                        for a in assumed.astype("boolean").fillna(False)]
    data["value_text"] = [
        ("" if not text else (text if b == "exact" else r) + ("*" if c == PART_ASSUMED else ""))
        for text, b, r, c in zip(data["label"], data["bound"], data["range_label"], data["currency"])
    ]
    numbers = pd.to_numeric(data[value], errors="coerce").astype(float)
    data["label_at"] = pd.to_numeric(data["range_high"], errors="coerce").astype(float).fillna(numbers)
    return data


def add_documents(data: pd.DataFrame, documents: pd.DataFrame | None) -> pd.DataFrame:
    """Return `data` with `documents_text` and `events_text`: the titles and events of each row's `docs`.

    Rows without a `docs` column (or no `documents` table) get empty texts.
    """
    data = data.copy()
    docs = data["docs"] if "docs" in data else pd.Series(pd.NA, index=data.index)
    data["documents_text"] = [document_titles(documents, cell) for cell in docs]
    events = {} if documents is None else {
        d: event_label(n, t) for d, n, t in zip(documents["doc"], documents["event_name"], documents["event_date"])}
    data["events_text"] = [shorten("; ".join(dict.fromkeys(events[d] for d in split_values(cell) if d in events)))
                           for cell in docs]
    return data


def sum_by(table: pd.DataFrame, keys: str | Sequence[str], *, value: str = "amount_usd",
           low: str = "amount_usd_low", high: str = "amount_usd_high") -> pd.DataFrame:
    """Return `table` summed per `keys` and measure: value, bounds (an open side stays open), counts, flags.

    A table with a `measure` column is always summed per measure as well, so
    no sum here ever adds two measures.
    """
    keys = [keys] if isinstance(keys, str) else list(keys)
    if "measure" in table and "measure" not in keys:
        keys.append("measure")
    frame = table.copy()
    for column in (low, high):
        if column not in frame:
            frame[column] = pd.NA
    frame[value] = pd.to_numeric(frame[value], errors="coerce").astype(float)
    grouped = frame.groupby(keys, dropna=False, sort=False)
    out = grouped[value].sum(min_count=1).to_frame()
    for column in (low, high):
        numbers = pd.to_numeric(frame[column], errors="coerce").astype(float)
        out[column] = numbers.groupby([frame[k] for k in keys], dropna=False, sort=False).sum(min_count=1)
        out[column] = out[column].where(
            numbers.isna().groupby([frame[k] for k in keys], dropna=False, sort=False).sum() == 0)
    if "announcements" in frame:
        out["announcements"] = grouped["announcements"].sum()
    if "has_assumed_currency" in frame:
        out["has_assumed_currency"] = grouped["has_assumed_currency"].agg(
            lambda s: bool(s.fillna(False).any()))
    if "docs" in frame:
        out["docs"] = grouped["docs"].agg(
            lambda s: join_values(sorted({d for cell in s for d in split_values(cell)})))
    return out.reset_index()


OTHERS = "others"  # the group that `fold_rare` sums the smallest values of a colour into


def fold_rare(table: pd.DataFrame, column: str | None, keys: Sequence[str], *, keep: int,
              value: str = "amount_usd", low: str = "amount_usd_low",
              high: str = "amount_usd_high") -> tuple[pd.DataFrame, list[str]]:
    """Return `table` with all but the `keep` largest values of `column` summed as OTHERS, and a footnote.

    A legend has as many colours as the palette; a chart of more announcers
    than that would give two of them one colour. The largest `keep` (by their
    summed `value`) keep theirs, and the rest are summed per `keys` (and
    measure, see `sum_by`) into one group the footnote names. Nothing is
    dropped: every bar's total is unchanged.
    """
    if not column or column not in table or table[column].nunique(dropna=False) <= keep + 1:
        return table, []
    labels = table[column].astype("string").fillna("")
    totals = pd.to_numeric(table[value], errors="coerce").groupby(labels).sum()
    top = set(totals.sort_values(ascending=False, kind="stable").index[:keep])
    rare = ~labels.isin(top)
    folded = table.assign(**{column: table[column].astype("string").where(~rare, OTHERS)})
    n = int(labels[rare].nunique())
    note = f"\"{OTHERS}\" sums the {n} {column}s with the smallest totals, so that no two share a colour."
    return sum_by(folded, [*keys, column], value=value, low=low, high=high), [note]


def add_grouping(data: pd.DataFrame, column: str | None) -> tuple[str | None, str | None]:
    """Return the name and title of the display column for grouping `column`, added to `data` in place.

    Actors, recipients and countries show their names, pillars and statuses
    their labels; any other column shows its values, "not stated" when missing.
    No `column` adds nothing and returns (None, None).
    """
    if not column:
        return None, None
    if column == "actor":
        data["actor_name"] = [actor_label(a) for a in data["actor"]]
        return "actor_name", "Actor"
    if column in ("recipient", "country"):
        data[f"{column}_name"] = [actor_label(a) for a in data[column]]
        return f"{column}_name", column.capitalize()
    if column == "pillar":
        data["pillar_name"] = [pillar_label(p) for p in data["pillar"]]
        return "pillar_name", "Pillar"
    if column == "status":
        data["status_name"] = [status_label(s) for s in data["status"]]
        return "status_name", "Status"
    if column == "measure":
        data["measure_name"] = [measure_label(m) for m in data["measure"]]
        return "measure_name", "What is counted"
    data[column] = data[column].astype("string").fillna("not stated")
    return column, column.replace("_", " ").capitalize()
