"""Money charts: assistance announced per year, event or category, and who gave under which pillar.

Each takes a table `ladfin.assistance` returns and says in its subtitle what
the dollars are (nominal or constant, the base year, the exchange-rate policy)
and in its caption what is counted. Each draws an analyst variant (bounds as
lines and triangles, assumed currencies paler) or, with variant="briefing",
the same figures with the bounds in words.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import altair as alt
import pandas as pd

from ladfin.charts.frames import (
    add_documents, add_grouping, amount_frame, fold_rare, measure_color, require_columns, require_one_measure, sum_by,
)
from ladfin.charts.labels import undated_note, PILLAR_LABELS, chosen_sources, document_years, dollars_note, event_label
from ladfin.charts.marks import (
    NO_DOCUMENTS, bar_notes, bars, caption_for, empty_slots, extra_tooltip, heat_grid, titled, year_bars,
)
from ladfin.charts.theme import OKABE_ITO, USD_LABELS, format_usd
from ladfin.core.vocab import OWN_EVENT, ChartVariant

MONEY = "money announced"


def assistance_by_year(table: pd.DataFrame, *, color: str | None = None, dollars: str = "nominal",
                       base_year: int = 2024, fx_policy: str = "on_date", fixed_date: object = None,
                       years: Iterable[int] | None = None, sources: Sequence[str] = (),
                       documents: pd.DataFrame | None = None, variant: ChartVariant = "analyst",
                       title: str = "Assistance announced, by year") -> alt.VConcatChart:
    """Return bars of money announced per year, grouped by `color` (actor, flow, pillar) if given.

    A table of several measures (new money, money reported again, loans) draws
    each measure apart, coloured by measure; with another `color` it is an error.

    Args:
        table: `ladfin.assistance(by=("year", ...))`: year, amount_usd, amount_usd_low,
            amount_usd_high, announcements, has_assumed_currency, and `color` if given.
        years: the years on the axis (default: first to last year in the table), so
            a year without announcements shows as empty.
        sources: footnote lines (default: `source_lines(documents)` when `documents` is given).
        documents: the documents table: a year none of them covers is marked "no documents",
            and tooltips name each bar's documents and events.
        variant: "analyst" (bounds drawn as marks) or "briefing" (bounds in the labels).
    """
    require_columns(table, ["year", "amount_usd", *([color] if color else [])], "assistance_by_year")
    color = measure_color(table, color)
    require_one_measure(table, "assistance_by_year", grouped_by=(color,))
    folded = color != "measure"  # measures are few and never summed together
    table, others = fold_rare(table, color, ["year"], keep=len(OKABE_ITO) - 1) if folded else (table, [])
    data = add_documents(amount_frame(table, "amount_usd", "amount_usd_low", "amount_usd_high", format_usd),
                         documents)
    documented = document_years(documents) if documents is not None else None
    tooltip = _tooltip_with(documents is not None, variant)
    drawn = year_bars(data, "amount_usd", "US dollars", USD_LABELS, tooltip, color, years, documented, variant)
    note = dollars_note(dollars, base_year, fx_policy, fixed_date)
    footnote = [*others, *undated_note(documents), *chosen_sources(sources, documents)]  # undated: in no year
    return titled(drawn, title, note, bar_notes(data, footnote, variant),
                  caption=caption_for(data, MONEY))


def assistance_by_event(table: pd.DataFrame, *, color: str | None = None, dollars: str = "nominal",
                        base_year: int = 2024, fx_policy: str = "on_date", fixed_date: object = None,
                        sources: Sequence[str] = (), documents: pd.DataFrame | None = None,
                        events: pd.DataFrame | None = None, variant: ChartVariant = "analyst",
                        title: str = "Assistance announced at each ministerial meeting") -> alt.VConcatChart:
    """Return horizontal bars of money announced per event, in date order, labelled with the amounts.

    Args:
        table: `ladfin.assistance(by=("event", ...))`: event_id, event_name, event_date,
            amount_usd, amount_usd_low, amount_usd_high, announcements, has_assumed_currency.
        events: the events to list (the events table, or the rows of it in the years
            chosen): an event without a bar stays on the axis, marked "no documents" or
            "nothing counted".
        documents: the documents table, for the sources and the tooltips.

    Only meetings are drawn: a release that reports no meeting is its own event
    (event_id "doc:..."); it is left out here, and the footnote says how many
    such releases and how much money they hold (they count in the per-year charts).
    """
    require_columns(table, ["event_name", "event_date", "amount_usd"], "assistance_by_event")
    table, outside = _meetings_only(table)
    if events is not None and "event_id" in events:
        events = events[~events["event_id"].astype("string").str.startswith(OWN_EVENT).fillna(False)]
    color = measure_color(table, color)
    require_one_measure(table, "assistance_by_event", grouped_by=(color,))
    data = add_documents(amount_frame(table, "amount_usd", "amount_usd_low", "amount_usd_high", format_usd),
                         documents)
    data["event"] = [event_label(n, d) for n, d in zip(data["event_name"], data["event_date"])]
    listed = data[["event", "event_date"]]
    empty: dict = {}
    if events is not None and len(events):
        every = events.assign(event=[event_label(n, d) for n, d in zip(events["event_name"], events["event_date"])])
        listed = pd.concat([listed, every[["event", "event_date"]]])
        bare = every.loc[every["documents"].fillna(0).eq(0), "event"] if "documents" in every else []
        empty = empty_slots(every["event"], data["event"], None)
        empty.update({e: NO_DOCUMENTS for e in bare if e in empty})
    order = listed.sort_values("event_date", kind="stable")["event"].drop_duplicates().tolist()
    color_col, color_title = add_grouping(data, color)
    tip = _money_tooltip("event", "Event", extra_tooltip(color_col, color_title), documents is not None, variant)
    drawn = bars(data, category="event", value="amount_usd", value_title="US dollars", labels=USD_LABELS,
                 horizontal=True, color=color_col, color_title=color_title, sort=order, tooltip=tip,
                 domain=order, empty=empty, variant=variant)
    return titled(drawn.properties(height=alt.Step(34 if not color_col else 16)), title,
                  dollars_note(dollars, base_year, fx_policy, fixed_date),
                  [*outside, *bar_notes(data, chosen_sources(sources, documents), variant)],
                  caption=caption_for(data, MONEY))


def _meetings_only(table: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Return the rows of meetings, and a footnote on the releases outside any meeting left out."""
    if "event_id" not in table:
        return table, []
    own = table["event_id"].astype("string").str.startswith(OWN_EVENT).fillna(False)
    if not own.any():
        return table, []
    left = table[own]
    n = left["event_id"].nunique()
    one_measure = "measure" not in left or left["measure"].nunique() <= 1  # never add two measures
    amount = format_usd(float(left["amount_usd"].sum())) if one_measure and left["amount_usd"].notna().any() \
        else None
    held = f", holding {amount}," if amount else ""
    return table[~own], [f"Not shown: {n} release{'s' if n != 1 else ''} reporting no ministerial "
                         f"meeting{held} counted in the per-year chart."]


def assistance_by_category(table: pd.DataFrame, category: str, *, dollars: str = "nominal",
                           base_year: int = 2024, fx_policy: str = "on_date", fixed_date: object = None,
                           sources: Sequence[str] = (), documents: pd.DataFrame | None = None,
                           variant: ChartVariant = "analyst", title: str | None = None) -> alt.VConcatChart:
    """Return horizontal bars of money per pillar, actor, flow or recipient, largest first, labelled.

    Several measures are drawn side by side, coloured by measure, never summed.

    Args:
        table: `ladfin.assistance(by=("year", category))` or by category alone; rows of
            several years are summed per category (bounds too, open sides stay open).
        category: "pillar", "actor", "flow" or "recipient".
    """
    require_columns(table, [category, "amount_usd"], "assistance_by_category")
    summed = sum_by(table, category)
    data = add_documents(amount_frame(summed, "amount_usd", "amount_usd_low", "amount_usd_high", format_usd),
                         documents)
    column, heading = add_grouping(data, category)
    color_col, color_title = add_grouping(data, measure_color(summed, None))
    order = data.groupby(column)["amount_usd"].sum().sort_values(ascending=False).index.tolist()
    if category == "pillar":
        order = [label for _, label in sorted(PILLAR_LABELS.items()) if label in set(data[column])]
    drawn = bars(data, category=column, value="amount_usd", value_title="US dollars", labels=USD_LABELS,
                 horizontal=True, color=color_col, color_title=color_title, sort=order,
                 tooltip=_money_tooltip(column, heading, extra_tooltip(color_col, color_title),
                                        documents is not None, variant), variant=variant)
    title = title or f"Assistance announced, by {heading.lower()}"
    note = dollars_note(dollars, base_year, fx_policy, fixed_date)
    return titled(drawn.properties(height=alt.Step(30)), title, note,
                  bar_notes(data, chosen_sources(sources, documents), variant), caption=caption_for(data, MONEY))


def pillar_actor_grid(table: pd.DataFrame, *, dollars: str = "nominal", base_year: int = 2024,
                      fx_policy: str = "on_date", fixed_date: object = None, sources: Sequence[str] = (),
                      documents: pd.DataFrame | None = None, variant: ChartVariant = "analyst",
                      title: str = "Who announced money under which pillar") -> alt.VConcatChart:
    """Return a heat map of money per actor (rows) and pillar (columns), each cell labelled.

    With several measures each actor has a row per measure.

    Args:
        table: `ladfin.assistance(by=("pillar", "actor"))`; several years are summed.
    """
    require_columns(table, ["pillar", "actor", "amount_usd"], "pillar_actor_grid")
    summed = sum_by(table, ["actor", "pillar"])
    data = add_documents(amount_frame(summed, "amount_usd", "amount_usd_low", "amount_usd_high", format_usd),
                         documents)
    add_grouping(data, "actor")
    if measure_color(summed, None):  # several measures: a row per actor and measure, never one sum
        add_grouping(data, "measure")
        data["actor_name"] = data["actor_name"] + " (" + data["measure_name"] + ")"
    add_grouping(data, "pillar")
    pillars = [label for _, label in sorted(PILLAR_LABELS.items()) if label in set(data["pillar_name"])]
    tooltip = _money_tooltip("actor_name", "Actor", [alt.Tooltip("pillar_name:N", title="Pillar")],
                             documents is not None, variant)
    grid, notes = heat_grid(data, x="pillar_name", y="actor_name", value="amount_usd", low="amount_usd_low",
                            high="amount_usd_high", x_order=pillars, legend_title="US dollars",
                            labels=USD_LABELS, tooltip=tooltip, variant=variant)
    note = dollars_note(dollars, base_year, fx_policy, fixed_date)
    return titled(grid, title, note, notes + list(chosen_sources(sources, documents)), caption=caption_for(data, MONEY))


def _tooltip_with(named: bool, variant: ChartVariant):
    """Return the tooltip builder `year_bars` calls, naming documents and events when `named`."""
    def build(category: str, title: str, extra: Sequence[alt.Tooltip] = ()) -> list[alt.Tooltip]:
        return _money_tooltip(category, title, extra, named, variant)
    return build


def _money_tooltip(category: str, category_title: str, extra: Sequence[alt.Tooltip] = (),
                   named: bool = False, variant: ChartVariant = "analyst") -> list[alt.Tooltip]:
    tips = [alt.Tooltip(f"{category}:N", title=category_title), *extra,
            alt.Tooltip("value_text:N", title="Amount")]
    if variant == "analyst":
        tips += [alt.Tooltip("range_label:N", title="Bounds"), alt.Tooltip("currency:N", title="Currency")]
    tips.append(alt.Tooltip("announcements:Q", title="Announcements"))
    if named:
        tips += [alt.Tooltip("events_text:N", title="Events"), alt.Tooltip("documents_text:N", title="Documents")]
    return tips
