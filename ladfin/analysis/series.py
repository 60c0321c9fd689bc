"""Money and people per year, event, actor, pillar, flow, recipient: each announcement counted once.

`assistance` and `headcounts` read the announcements table (one row per
underlying figure, its canonical mention), or a figures table, of which they
keep the canonical mentions. Every total adds like with like: the result is
always grouped by `measure` (new money is never added to money reported
again, people resettled never to people in need), components of a total,
running totals and targets are left out unless asked for, and a group's
bound is empty when one of its figures leaves that end open ("more than").
Grouping by recipient repeats an announcement under every country it names,
and filtering by actor keeps a joint announcement ("CRI;USA") for each of
its actors, so those groups do not add up to the total.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import get_args

import pandas as pd

from ladfin.core import schema
from ladfin.link.bounds import add_bounds, assume_margin
from ladfin.link.classify import Flow, Status
from ladfin.link.measures import measures as measures_table
from ladfin.link.measures import outcome_measures
from ladfin.core.cells import join_values, split_column, split_values
from ladfin.core.vocab import Dollars
from ladfin.errors import ParameterError
from ladfin.normalise.prices import add_constant_dollars, constant_column
from ladfin.normalise.rates import Policy, add_amount_usd


GROUPS = {
    "year": ("year",),
    "event": ("event_id", "event_name", "event_date"),
    "actor": ("actor",),
    "pillar": ("pillar",),
    "flow": ("flow",),
    "recipient": ("recipient",),
    "status": ("status",),
    "measure": ("measure",),
}
DEFAULT_MONEY: tuple[str, ...] = ("new_funding",)
_USD = ("amount_usd", "amount_usd_low", "amount_usd_high")


def _choices(values: str | Iterable[str] | None, allowed: Sequence[str], name: str) -> list[str] | None:
    if values is None:
        return None
    chosen = [values] if isinstance(values, str) else list(values)
    unknown = [v for v in chosen if v not in allowed]
    if unknown:
        raise ParameterError(f"{name} {unknown} not understood; choose from {list(allowed)}")
    return chosen


def _rows(table: pd.DataFrame | None) -> pd.DataFrame:
    """Return one row per announcement, with bounds and `year`, from announcements or figures."""
    if table is None:
        from ladfin.tables import load_table

        table = load_table("announcements")
    if "is_canonical" in table:
        table = add_bounds(table[table["is_canonical"].fillna(False)])
    return table.assign(year=pd.to_datetime(table["event_date"]).dt.year.astype("Int64"))


def _window(rows: pd.DataFrame, start_year: int, end_year: int) -> pd.DataFrame:
    years = sorted(int(y) for y in rows["year"].dropna().unique())
    if start_year > end_year:
        raise ParameterError(f"start_year {start_year} is after end_year {end_year}")
    if not any(start_year <= y <= end_year for y in years):
        covered = f"{years[0]}-{years[-1]}" if years else "no year"
        raise ParameterError(f"years {start_year}-{end_year} are outside the data, which covers {covered}")
    return rows[rows["year"].between(start_year, end_year).fillna(False)]


def _filter(rows: pd.DataFrame, column: str, keep: list[str] | None) -> pd.DataFrame:
    return rows if keep is None else rows[rows[column].isin(keep).fillna(False)]


def _filter_actor(rows: pd.DataFrame, keep: list[str] | None) -> pd.DataFrame:
    """Return the rows one of whose actors is in `keep` (a joint announcement names several)."""
    if keep is None:
        return rows
    wanted = set(keep)
    return rows[split_column(rows["actor"]).map(lambda actors: bool(wanted.intersection(actors))).astype(bool)]


def _drop_roles(rows: pd.DataFrame, *, include_components: bool, include_cumulative: bool,
                include_targets: bool) -> pd.DataFrame:
    """Return rows without components of totals, running totals and targets, unless asked to keep them."""
    dropped = [r for r, keep in (("component", include_components), ("cumulative", include_cumulative))
               if not keep]
    rows = rows[~rows["role"].isin(dropped).fillna(False)]
    return rows if include_targets else rows[~rows["status"].eq("target").fillna(False)]


def _documents(cells: pd.Series) -> str | None:
    """Join the documents of a group's announcements: each once, sorted."""
    return join_values(sorted({doc for cell in cells for doc in split_values(cell)}))


def _all_or_none(values: pd.Series):
    """Sum a bound: empty as soon as one figure leaves that end open."""
    return values.sum() if len(values) and values.notna().all() else pd.NA


def _with_margin(rows: pd.DataFrame, margin: float | None) -> pd.DataFrame:
    """Return rows with open ends filled by an assumed `margin` (see `ladfin.link.bounds.assume_margin`)."""
    if margin is None:
        return rows
    if not 0 <= margin < 1:
        raise ParameterError(f"margin {margin!r} must be a fraction between 0 and 1 (0.1 for 10%)")
    return assume_margin(rows, margin)


def _aggregate(rows: pd.DataFrame, by: list[str], sums: dict[str, str], flags: dict[str, str],
               margin: float | None = None) -> pd.DataFrame:
    groups = [g for g in by if g != "measure"] + ["measure"]  # like with like: always per measure
    keys = ["year", *(c for g in groups if g != "year" for c in GROUPS[g])]
    if "recipient" in keys:
        rows = rows.assign(recipient=split_column(rows["recipients"])).explode("recipient")
    columns = [*keys, *sums, "announcements", *flags, "docs"]
    if rows.empty:
        return schema.typed(pd.DataFrame({c: [] for c in columns}))
    spec = {out: pd.NamedAgg(src, _all_or_none if out.endswith(("_low", "_high")) else
                             (lambda s: s.sum(min_count=1))) for out, src in sums.items()}
    spec["announcements"] = pd.NamedAgg("announcement", "nunique")
    spec.update({out: pd.NamedAgg(src, lambda s: bool(s.fillna(False).any())) for out, src in flags.items()})
    # the documents a row rests on, so a chart's tooltip can name them
    spec["docs"] = pd.NamedAgg("docs" if "docs" in rows else "doc", _documents)
    out = rows.groupby(keys, dropna=False, sort=True).agg(**spec).reset_index()
    out = schema.typed(out[columns])
    return out if margin is None else out.assign(margin_assumed=margin)


def _reprice(rows: pd.DataFrame, policy: Policy, fixed_date: date | None) -> pd.DataFrame:
    """Return rows with their USD amounts and bounds at the rates `policy` picks."""
    if rows.empty or (rows["fx_policy"].dropna() == policy).all() and policy != "fixed_date":
        return rows
    point = rows.assign(date=rows["event_date"], value_high=pd.NA, amount_usd_high=pd.NA)
    fresh = add_amount_usd(point, policy=policy, fixed_date=fixed_date)["amount_usd"]
    factor = fresh / rows["amount_usd"]
    return rows.assign(amount_usd=fresh, amount_usd_low=rows["amount_usd_low"] * factor,
                       amount_usd_high=rows["amount_usd_high"] * factor, fx_policy=policy)


def assistance(
    actor: str | Iterable[str] | None = None,
    by: Sequence[str] = ("year",),
    dollars: Dollars = "nominal",
    base_year: int = 2024,
    fx_policy: Policy = "on_date",
    start_year: int = 2022,
    end_year: int = 2024,
    statuses: Iterable[str] | None = None,
    include_components: bool = False,
    include_cumulative: bool = False,
    include_targets: bool = False,
    table: pd.DataFrame | None = None,
    *,
    measures: Iterable[str] | None = None,
    flows: Iterable[str] | None = None,
    fixed_date: date | None = None,
    margin: float | None = None,
) -> pd.DataFrame:
    """Return money per group and measure: one row per group, each announcement counted once.

    Columns: `year` (of the event), the columns of the groups in `by` ("event":
    event_id, event_name, event_date; "actor"; "pillar"; "flow"; "recipient",
    which repeats an announcement under each country it names; "status"), then
    `measure`, `amount_usd`, `amount_usd_low`, `amount_usd_high` (the bounds the
    hedges state: a group's high end is empty when one of its figures is "more
    than"), in nominal USD or, with dollars="constant", constant `base_year`
    USD; `announcements` (how many), `has_assumed_currency`, and `docs` (the documents
    the row's announcements come from, ';' separated).

    Counts new money announced (measure new_funding) unless `measures` names
    others (existing_funding, loan, investment, appeal ...): each measure is its
    own row, never added to another. Leaves out parts of totals
    (include_components), running totals such as "$1.2 billion in 2024 alone"
    (include_cumulative) and targets (include_targets, implied when `statuses`
    names "target"). `flows` and `statuses` keep only those flows and statuses.
    Amounts with no USD value (flagged rows) add to `announcements` but not to
    the sums.

    `fx_policy` other than the table's reprices each amount (see
    `ladfin.normalise.rates.add_amount_usd`); "fixed_date" needs `fixed_date`.
    `margin` (0.1 for 10%) fills the ends hedges leave open with an assumed
    spread; the result then carries `margin_assumed`, which charts state.

    Raises:
        ParameterError: an unknown `by`, measure, flow, status or fx_policy,
            `dollars` other than nominal or constant, fixed_date without its
            policy or the policy without it, or years outside the data.
    """
    groups = _choices(by, list(GROUPS), "by")
    if dollars not in get_args(Dollars):
        raise ParameterError(f"dollars {dollars!r} not understood; choose nominal or constant")
    if fx_policy not in get_args(Policy):
        raise ParameterError(f"fx_policy {fx_policy!r} not understood; choose from {get_args(Policy)}")
    if (fx_policy == "fixed_date") != (fixed_date is not None):
        raise ParameterError('give fixed_date (a date) exactly when fx_policy is "fixed_date"')
    chosen_measures = _choices(measures, [*_measures_of("money"), "unknown"], "measures") or list(DEFAULT_MONEY)
    chosen_flows = _choices(flows, get_args(Flow), "flows")
    chosen_status = _choices(statuses, get_args(Status), "statuses")
    rows = _window(_rows(table), start_year, end_year)
    rows = rows[rows["kind"].eq("money").fillna(False)]
    actors = None if actor is None else ([actor] if isinstance(actor, str) else list(actor))
    rows = _filter(_filter(_filter_actor(rows, actors), "measure", chosen_measures), "flow", chosen_flows)
    rows = _filter(rows, "status", chosen_status)
    rows = _drop_roles(rows, include_components=include_components, include_cumulative=include_cumulative,
                       include_targets=include_targets or bool(chosen_status and "target" in chosen_status))
    rows = _reprice(rows, fx_policy, fixed_date)
    if dollars == "constant":
        rows = add_constant_dollars(rows.assign(date=rows["event_date"]), base_year=base_year, columns=_USD)
        rows = rows.assign(**{c: rows[constant_column(c, base_year)] for c in _USD})
    rows = _with_margin(rows, margin)
    return _aggregate(rows, groups, {c: c for c in _USD}, {"has_assumed_currency": "currency_assumed"},
                      margin)


def _measures_of(kind: str) -> list[str]:
    return [m for m, info in measures_table().items() if info.kind == kind]


def headcounts(
    country: str | Iterable[str] | None = None,
    by: Sequence[str] = ("year",),
    start_year: int = 2022,
    end_year: int = 2024,
    statuses: Iterable[str] | None = None,
    table: pd.DataFrame | None = None,
    *,
    measures: Iterable[str] | None = None,
    include_context: bool = False,
    include_components: bool = False,
    include_cumulative: bool = False,
    include_targets: bool = False,
    margin: float | None = None,
) -> pd.DataFrame:
    """Return persons per group and measure: one row per group, each people announcement counted once.

    Columns: `year`, the columns of the groups in `by` (as for `assistance`,
    "status" included), `measure`, `people`, `people_low`, `people_high` (the
    bounds the hedges state), `announcements` and `docs`. Every row sums one measure:
    people resettled are never added to people regularised or in need.

    By default counts the outcomes of policy (the measures whose nature is
    outcome in data/reference/measures.csv: resettled, approved, regularised,
    processed, employed, served, enforcement); context statistics (in need,
    died) only with include_context or when `measures` names them, and
    capacity, participants and unknown only when `measures` names them. Parts
    of a stated whole ("105,000 of the estimated 324,500"), running totals
    ("to date") and targets are left out unless asked for. `margin` assumes a
    spread at open ends, as for `assistance`. `country` keeps the
    announcements of those actors (ISO alpha-3); `statuses` keeps those
    statuses.

    Raises:
        ParameterError: an unknown `by`, measure or status, or years outside the data.
    """
    groups = _choices(by, list(GROUPS), "by")
    chosen_status = _choices(statuses, get_args(Status), "statuses")
    chosen = _choices(measures, [*_measures_of("people"), "unknown"], "measures")
    if chosen is None:
        chosen = list(outcome_measures("people"))
        if include_context:
            chosen += [m for m, info in measures_table().items() if info.kind == "people" and info.nature == "context"]
    rows = _window(_rows(table), start_year, end_year)
    rows = rows[rows["kind"].eq("people").fillna(False)]
    countries = None if country is None else ([country] if isinstance(country, str) else list(country))
    rows = _filter(_filter_actor(rows, countries), "measure", chosen)
    rows = _filter(rows, "status", chosen_status)
    rows = _drop_roles(rows, include_components=include_components, include_cumulative=include_cumulative,
                       include_targets=include_targets or bool(chosen_status and "target" in chosen_status))
    sums = {"people": "value", "people_low": "value_low", "people_high": "value_high"}
    return _aggregate(_with_margin(rows, margin), groups, sums, {}, margin)
