"""People charts: people per year, per country or status, and targets against results per country.

Each takes a table `ladfin.headcounts` returns; statuses keep their colours
from chart to chart (targets orange, results green and blues).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import altair as alt
import pandas as pd

from ladfin.charts import theme
from ladfin.charts.frames import add_grouping, amount_frame, require_columns, sum_by
from ladfin.charts.marks import STATUS_COLOURS, bar_notes, bars, extra_tooltip, heat_grid, titled, year_bars
from ladfin.charts.theme import COUNT_LABELS, format_people


def people_by_year(table: pd.DataFrame, *, color: str | None = "status", years: Iterable[int] | None = None,
                   sources: Sequence[str] = (), subtitle: str = "People counted in the announcements",
                   title: str = "People reached, by year") -> alt.VConcatChart:
    """Return bars of people per year, grouped by `color` (status: targets vs results; or country).

    Args:
        table: `ladfin.headcounts(by=("year", ...))`: year, people, people_low, people_high,
            announcements, and `color` if given.
    """
    require_columns(table, ["year", "people", *([color] if color else [])], "people_by_year")
    data = amount_frame(table, "people", "people_low", "people_high", format_people)
    drawn = year_bars(data, "people", "People", COUNT_LABELS, _people_tooltip, color, years)
    return titled(drawn, title, subtitle, bar_notes(data, sources))


def people_by_category(table: pd.DataFrame, category: str, *, color: str | None = None,
                       sources: Sequence[str] = (), subtitle: str = "People counted in the announcements",
                       title: str | None = None) -> alt.VConcatChart:
    """Return horizontal bars of people per country or status, largest first, with bounds.

    Args:
        table: `ladfin.headcounts(by=(..., category))`; rows of several years are summed.
        category: "country" or "status" (or any grouping column).
        color: a second grouping column drawn side by side (e.g. "status").
    """
    require_columns(table, [category, "people", *([color] if color else [])], "people_by_category")
    keys = [category, *([color] if color else [])]
    summed = sum_by(table, keys, value="people", low="people_low", high="people_high")
    data = amount_frame(summed, "people", "people_low", "people_high", format_people)
    column, heading = add_grouping(data, category)
    color_col, color_title = add_grouping(data, color)
    order = data.groupby(column)["people"].sum().sort_values(ascending=False).index.tolist()
    tip = _people_tooltip(column, heading, extra_tooltip(color_col, color_title))
    drawn = bars(data, category=column, value="people", value_title="People", labels=COUNT_LABELS,
                 horizontal=True, color=color_col, color_title=color_title, sort=order, tooltip=tip)
    title = title or f"People reached, by {heading.lower()}"
    return titled(drawn.properties(height=alt.Step(30 if not color_col else 14)), title, subtitle,
                  bar_notes(data, sources))


def people_grid(table: pd.DataFrame, *, row: str = "actor", sources: Sequence[str] = (),
                subtitle: str = "People counted in the announcements",
                title: str = "Targets and results, by announcing country") -> alt.VConcatChart:
    """Return a heat map of people per `row` (actor or recipient) and status, each cell labelled.

    Args:
        table: `ladfin.headcounts(by=("status", row))` (any years, summed).
    """
    require_columns(table, [row, "status", "people"], "people_grid")
    summed = sum_by(table, [row, "status"], value="people", low="people_low", high="people_high")
    data = amount_frame(summed, "people", "people_low", "people_high", format_people)
    data["label"] = data["people"].map(theme.format_si)
    row_col, row_title = add_grouping(data, row)
    add_grouping(data, "status")
    statuses = [s for s in STATUS_COLOURS if s in set(data["status_name"])]
    tooltip = _people_tooltip(row_col, row_title, [alt.Tooltip("status_name:N", title="Status")])
    grid, notes = heat_grid(data, x="status_name", y=row_col, value="people", low="people_low",
                            high="people_high", x_order=statuses, legend_title="People",
                            labels=COUNT_LABELS, tooltip=tooltip)
    return titled(grid.properties(width=alt.Step(120)), title, subtitle, notes + list(sources))


def _people_tooltip(category: str, title: str, extra: Sequence[alt.Tooltip] = ()) -> list[alt.Tooltip]:
    return [alt.Tooltip(f"{category}:N", title=title), *extra, alt.Tooltip("label:N", title="People"),
            alt.Tooltip("range_label:N", title="Bounds"),
            alt.Tooltip("announcements:Q", title="Announcements")]
