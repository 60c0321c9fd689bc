"""People charts: people per year, per country or status, and per country and measure.

Each takes a table `ladfin.headcounts` returns, which holds one row per group
and measure. A chart never adds two measures: a table of several measures is
drawn with the measures apart (`color="measure"`, or as the grid's columns),
and anything else is an error. Statuses keep their colours from chart to chart
(targets orange, results green and blues). Like the money charts, each draws
an analyst variant or, with variant="briefing", the bounds in words.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import altair as alt
import pandas as pd

from ladfin.charts import theme
from ladfin.charts.frames import (
    add_documents, add_grouping, amount_frame, fold_rare, require_columns, require_one_measure, sum_by,
)
from ladfin.charts.labels import undated_note, chosen_sources, document_years
from ladfin.charts.marks import (
    STATUS_COLOURS, bar_notes, bars, caption_for, extra_tooltip, heat_grid, titled, year_bars,
)
from ladfin.charts.theme import COUNT_LABELS, OKABE_ITO
from ladfin.core.vocab import ChartVariant

PEOPLE = "people counted"


def people_by_year(table: pd.DataFrame, *, color: str | None = "measure", years: Iterable[int] | None = None,
                   sources: Sequence[str] = (), documents: pd.DataFrame | None = None,
                   variant: ChartVariant = "analyst", subtitle: str = "People counted in the announcements",
                   title: str = "People, by year and what is counted") -> alt.VConcatChart:
    """Return bars of people per year, one bar per `color` group (measure by default; or status, country).

    Args:
        table: `ladfin.headcounts(by=("year", ...))`: year, measure, people, people_low,
            people_high, announcements, and `color` if given.
        documents: the documents table: a year none of them covers is marked "no documents",
            the sources default to its publishers, and tooltips name documents and events.
        variant: "analyst" (bounds drawn as marks) or "briefing" (bounds in the labels).

    Raises:
        LadfinError: the table holds several measures and `color` is not "measure".
    """
    require_columns(table, ["year", "people", *([color] if color else [])], "people_by_year")
    require_one_measure(table, "people_by_year", grouped_by=(color,))
    folded = color != "measure"  # measures are never summed together
    table, others = (fold_rare(table, color, ["year"], keep=len(OKABE_ITO) - 1, value="people", low="people_low",
                               high="people_high") if folded else (table, []))
    data = add_documents(amount_frame(table, "people", "people_low", "people_high", _people_text), documents)
    documented = document_years(documents) if documents is not None else None

    def tooltip(category: str, heading: str, extra: Sequence[alt.Tooltip] = ()) -> list[alt.Tooltip]:
        return _people_tooltip(category, heading, extra, documents is not None, variant)

    drawn = year_bars(data, "people", "People", COUNT_LABELS, tooltip, color, years, documented, variant)
    footnote = [*others, *undated_note(documents), *chosen_sources(sources, documents)]  # undated: in no year
    return titled(drawn, title, subtitle, bar_notes(data, footnote, variant),
                  caption=caption_for(data, PEOPLE))


def people_by_category(table: pd.DataFrame, category: str, *, color: str | None = None,
                       sources: Sequence[str] = (), documents: pd.DataFrame | None = None,
                       variant: ChartVariant = "analyst", subtitle: str = "People counted in the announcements",
                       title: str | None = None) -> alt.VConcatChart:
    """Return horizontal bars of people per country or status, largest first, with bounds.

    Args:
        table: `ladfin.headcounts(by=(..., category))`; rows of several years are summed.
        category: "country" or "status" (or any grouping column).
        color: a second grouping column drawn side by side (e.g. "status").
    """
    require_columns(table, [category, "people", *([color] if color else [])], "people_by_category")
    require_one_measure(table, "people_by_category", grouped_by=(category, color))
    keys = [category, *([color] if color else [])]
    summed = sum_by(table, keys, value="people", low="people_low", high="people_high")
    data = add_documents(amount_frame(summed, "people", "people_low", "people_high", _people_text), documents)
    column, heading = add_grouping(data, category)
    color_col, color_title = add_grouping(data, color)
    order = data.groupby(column)["people"].sum().sort_values(ascending=False).index.tolist()
    tip = _people_tooltip(column, heading, extra_tooltip(color_col, color_title), documents is not None, variant)
    drawn = bars(data, category=column, value="people", value_title="People", labels=COUNT_LABELS,
                 horizontal=True, color=color_col, color_title=color_title, sort=order, tooltip=tip,
                 variant=variant)
    title = title or f"People counted, by {heading.lower()}"
    return titled(drawn.properties(height=alt.Step(30 if not color_col else 16)), title, subtitle,
                  bar_notes(data, chosen_sources(sources, documents), variant), caption=caption_for(data, PEOPLE))


def people_grid(table: pd.DataFrame, *, row: str = "actor", column: str = "measure", sources: Sequence[str] = (),
                documents: pd.DataFrame | None = None, variant: ChartVariant = "analyst",
                subtitle: str = "People counted in the announcements",
                title: str = "People per announcer and what is counted") -> alt.VConcatChart:
    """Return a heat map of people per `row` (actor or recipient) and `column` (measure or status).

    Args:
        table: `ladfin.headcounts(by=(column, row))` (any years, summed); with
            column="status" the table must hold one measure.

    Raises:
        LadfinError: the table holds several measures and neither axis is the measure.
    """
    require_columns(table, [row, column, "people"], "people_grid")
    require_one_measure(table, "people_grid", grouped_by=(row, column))
    summed = sum_by(table, [row, column], value="people", low="people_low", high="people_high")
    data = add_documents(amount_frame(summed, "people", "people_low", "people_high", theme.format_si), documents)
    row_col, row_title = add_grouping(data, row)
    col_col, col_title = add_grouping(data, column)
    present = set(data[col_col])
    order = ([s for s in STATUS_COLOURS if s in present] if column == "status"
             else data.sort_values(col_col)[col_col].drop_duplicates().tolist())
    tooltip = _people_tooltip(row_col, row_title, [alt.Tooltip(f"{col_col}:N", title=col_title)],
                              documents is not None, variant)
    grid, notes = heat_grid(data, x=col_col, y=row_col, value="people", low="people_low",
                            high="people_high", x_order=order, legend_title="People",
                            labels=COUNT_LABELS, tooltip=tooltip, variant=variant)
    return titled(grid.properties(width=alt.Step(120 if variant == "analyst" else 140)), title, subtitle,
                  notes + chosen_sources(sources, documents), caption=caption_for(data, PEOPLE))


def _people_text(value: object) -> str:
    """Return a headcount as a bar's label writes it: "547K", the axis's format ("people" is the axis title)."""
    return theme.format_si(value)


def _people_tooltip(category: str, title: str, extra: Sequence[alt.Tooltip] = (), named: bool = False,
                    variant: ChartVariant = "analyst") -> list[alt.Tooltip]:
    tips = [alt.Tooltip(f"{category}:N", title=title), *extra, alt.Tooltip("value_text:N", title="People")]
    if variant == "analyst":
        tips.append(alt.Tooltip("range_label:N", title="Bounds"))
    tips.append(alt.Tooltip("announcements:Q", title="Announcements"))
    if named:
        tips += [alt.Tooltip("events_text:N", title="Events"), alt.Tooltip("documents_text:N", title="Documents")]
    return tips
