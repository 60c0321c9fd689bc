"""Marks and encodings the chart families share: colours, bars with bounds, heat grids, titles.

A line spans a range, a triangle marks a bar that is only a lower ("more
than") or upper ("less than") bound, and an amount resting on an assumed
currency is drawn paler, with a legend entry and a footnote.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence

import altair as alt
import pandas as pd

from ladfin.charts import theme
from ladfin.charts.export import chart_data
from ladfin.charts.frames import add_grouping
from ladfin.charts.labels import CURRENCY_LEGEND, NO_STATUS, PART_ASSUMED, counted_note
from ladfin.charts.theme import OKABE_ITO

ROLE_COLOURS = {
    "single figure": OKABE_ITO[0],
    "total of parts": OKABE_ITO[2],
    "part of a total": OKABE_ITO[4],
    "running total": OKABE_ITO[5],
}
# Fixed so that a status keeps its colour from chart to chart: targets orange, results green/blue.
STATUS_COLOURS = {
    "target": OKABE_ITO[1],
    "achieved": OKABE_ITO[2],
    "new": OKABE_ITO[0],
    "advancing existing": OKABE_ITO[4],
    NO_STATUS: OKABE_ITO[7],
}
BOUND_SHAPES = {"more than (lower bound)": "triangle-up", "less than (upper bound)": "triangle-down"}
HEDGE_SHAPES = {"exact": "circle", "more than": "triangle-up", "less than": "triangle-down",
                "about": "diamond"}

Tooltips = Callable[..., list[alt.Tooltip]]


def palette(column: str, values: Iterable) -> tuple[list[str], list[str]]:
    """Return (domain, colours) for a colour legend over `values` of display column `column`.

    Statuses and roles keep fixed colours from chart to chart (targets orange,
    results green and blues); other values take Okabe-Ito colours in sorted order.

    >>> palette("status_name", ["new", "target"])
    (['target', 'new'], ['#E69F00', '#0072B2'])
    """
    present = {v for v in values if v is not None and not (isinstance(v, float) and math.isnan(v))}
    fixed = {"status_name": STATUS_COLOURS, "role_name": ROLE_COLOURS}.get(column)
    if fixed is None:
        domain = sorted(present, key=str)
        return domain, [OKABE_ITO[i % len(OKABE_ITO)] for i in range(len(domain))]
    domain = [v for v in fixed if v in present] + sorted(present - set(fixed), key=str)
    return domain, [fixed.get(v, OKABE_ITO[7]) for v in domain]


def titled(chart: alt.TopLevelMixin, title: str, subtitle: str | Sequence[str],
           footnote: Sequence[str] = ()) -> alt.VConcatChart:
    """Return `chart` under a left-aligned title and subtitle, over a small grey footnote.

    A chart with nothing to draw says so first in its footnote.
    """
    subtitle = [subtitle] if isinstance(subtitle, str) else list(subtitle)
    inner = chart.properties(title=alt.Title(title, subtitle=subtitle))
    notes = [line for line in footnote if line]
    drawn = chart_data(chart)
    if drawn is not None and drawn.empty:
        notes.insert(0, "Nothing to draw: no row matches the parameters.")
    if not notes:
        return alt.vconcat(inner)
    note = alt.Title(notes, orient="bottom", anchor="start", fontSize=10, fontWeight="normal",
                     color=theme.MUTED, offset=14, lineHeight=14)
    return alt.vconcat(inner, title=note)


def bar_notes(data: pd.DataFrame, footnote: Sequence[str] | None) -> list[str]:
    """Return a bar chart's footnote: what is counted, how to read bounds and assumed currencies, then sources."""
    lines = [counted_note(data["measure"])] if "measure" in data else []
    if data["bound"].eq("range").any():
        lines.append("Lines span a range the text states; the bar is its lower end.")
    if "margin_assumed" in data and data["margin_assumed"].notna().any():
        share = float(data["margin_assumed"].dropna().max())
        lines.append(f"Lines assume a spread of {share:.0%} around hedged amounts; the texts do not state it.")
    if data["bound"].str.contains("than").any():
        lines.append("Triangles mark totals that are only a bound: "
                     "the text says \"more than\" or \"less than\".")
    if data["currency"].ne(list(CURRENCY_LEGEND)[0]).any():
        lines.append("Paler bars include an amount whose currency the text leaves open (a bare $ or pesos).")
    return lines + list(footnote or [])


def bars(data: pd.DataFrame, *, category: str, value: str, value_title: str, labels: str,
         horizontal: bool, color: str | None = None, color_title: str | None = None,
         sort: Sequence[str] | None = None, tooltip: Sequence[alt.Tooltip] = (),
         domain: Sequence | None = None) -> alt.LayerChart:
    """Return bars of `value` per `category` (optionally grouped by `color`) with bound marks.

    Args:
        data: an `amount_frame`, with the display columns `category` and `color`.
        labels: the Vega expression formatting the value axis (theme.USD_LABELS ...).
        horizontal: categories down the side instead of along the bottom.
        domain: every category on the axis, in order, even those without a bar.
    """
    cat_type = "O" if category == "year" else "N"
    cat_scale = alt.Scale(domain=list(domain)) if domain is not None else alt.Undefined
    cat_axis = alt.Axis(title=None, labelAngle=0, labelLimit=360) if not horizontal else \
        alt.Axis(title=None, labelLimit=360)
    cat = alt.X if not horizontal else alt.Y
    val = alt.Y if not horizontal else alt.X
    val2 = alt.Y2 if not horizontal else alt.X2
    offset = alt.XOffset if not horizontal else alt.YOffset
    enc_cat = cat(f"{category}:{cat_type}", sort=list(sort) if sort is not None else alt.Undefined,
                  scale=cat_scale, axis=cat_axis)
    value_axis = alt.Axis(title=value_title, labelExpr=labels, tickCount=5, grid=True)
    enc_val = val(f"{value}:Q", axis=value_axis, scale=alt.Scale(zero=True))
    channels = {"tooltip": list(tooltip)}
    if color:
        domain, colours = palette(color, data[color])
        present = domain
        channels["color"] = alt.Color(f"{color}:N", title=color_title,
                                      scale=alt.Scale(domain=domain, range=colours),
                                      legend=alt.Legend(title=color_title) if len(present) > 1 else None)
        channels["offset"] = offset(f"{color}:N", scale=alt.Scale(domain=present))
    has_assumed = data["currency"].ne(list(CURRENCY_LEGEND)[0]).any()
    opacity = alt.Opacity("currency:N", title="Currency",
                          scale=alt.Scale(domain=[list(CURRENCY_LEGEND)[0], PART_ASSUMED],
                                          range=list(CURRENCY_LEGEND.values())),
                          legend=alt.Legend(title="Currency", symbolFillColor=OKABE_ITO[0],
                                            symbolStrokeColor=OKABE_ITO[0])) if has_assumed else alt.Undefined
    base = alt.Chart(data)
    bar_channels = {k: v for k, v in channels.items() if k != "offset"}
    offsets = {"xOffset" if not horizontal else "yOffset": channels["offset"]} if color else {}
    drawn = base.mark_bar(size=alt.Undefined).encode(enc_cat, enc_val, opacity=opacity,
                                                     **bar_channels, **offsets)
    layers = [drawn]
    ranges = base.transform_filter("datum.bound == 'range'").mark_rule(strokeWidth=2, color=theme.INK).encode(
        enc_cat, val("range_low:Q"), val2("range_high:Q"), tooltip=list(tooltip), **offsets)
    layers.append(ranges)
    shape_scale = alt.Scale(domain=list(BOUND_SHAPES), range=list(BOUND_SHAPES.values()))
    one_sided = [b for b in BOUND_SHAPES if data["bound"].eq(b).any()]
    markers = base.transform_filter("indexof(datum.bound, 'than') >= 0").mark_point(
        filled=True, size=110, color=theme.INK, opacity=1).encode(
        enc_cat, val(f"{value}:Q"),
        shape=alt.Shape("bound:N", scale=shape_scale,
                        legend=alt.Legend(title=None, values=one_sided) if one_sided else None),
        tooltip=list(tooltip), **offsets)
    layers.append(markers)
    return alt.layer(*layers).resolve_scale(shape="independent")


def year_bars(data: pd.DataFrame, value: str, value_title: str, labels: str, tooltip: Tooltips,
              color: str | None, years: Iterable[int] | None) -> alt.LayerChart:
    """Return vertical bars of `value` per year, coloured by `color`, with every year of
    `years` on the axis (default: first to last year of the data) even if it has no bar.

    Args:
        tooltip: called with (category column, its title, extra tooltips); returns the tooltips.
    """
    data["year"] = data["year"].astype(int)
    if years is None:
        years = range(int(data["year"].min()), int(data["year"].max()) + 1) if len(data) else []
    color_col, color_title = add_grouping(data, color)
    drawn = bars(data, category="year", value=value, value_title=value_title, labels=labels,
                 horizontal=False, color=color_col, color_title=color_title,
                 tooltip=tooltip("year", "Year", extra_tooltip(color_col, color_title)),
                 domain=[int(y) for y in years])
    return drawn.properties(width=theme.WIDTH)


def heat_grid(data: pd.DataFrame, *, x: str, y: str, value: str, low: str, high: str, x_order: Sequence[str],
              legend_title: str, labels: str,
              tooltip: Sequence[alt.Tooltip]) -> tuple[alt.LayerChart, list[str]]:
    """Return a labelled heat map of `value` per `x` and `y` (rows largest first), and its footnotes.

    A cell's label says how its bounds read: "+" more than, "\u2212" nearly or
    up to, "~" about or mixed, "*" an assumed currency.
    """
    lo = pd.to_numeric(data[low], errors="coerce").astype(float)
    hi = pd.to_numeric(data[high], errors="coerce").astype(float)
    val = pd.to_numeric(data[value], errors="coerce").astype(float)
    above, below = (hi > val * (1 + 1e-9)).fillna(False), (lo < val * (1 - 1e-9)).fillna(False)
    marks = ["~" if a and b else "+" if a else "\u2212" if b else "" for a, b in zip(above, below)]
    data["cell"] = [f"{lab}{m}{'*' if c != list(CURRENCY_LEGEND)[0] else ''}"
                    for lab, m, c in zip(data["label"], marks, data["currency"])]
    rows = data.groupby(y)[value].sum().sort_values(ascending=False).index.tolist()
    base = alt.Chart(data).encode(
        x=alt.X(f"{x}:N", sort=list(x_order), title=None,
                axis=alt.Axis(orient="bottom", labelAngle=0, labelLimit=150, labelPadding=8,
                              labelExpr="split(datum.label, ' · ')")),
        y=alt.Y(f"{y}:N", sort=rows, title=None),
        tooltip=list(tooltip),
    )
    cells = base.mark_rect(stroke="white", strokeWidth=2).encode(
        color=alt.Color(f"{value}:Q", title=legend_title, scale=alt.Scale(scheme="blues", type="sqrt"),
                        legend=alt.Legend(labelExpr=labels, orient="right", direction="vertical")))
    text = base.mark_text(fontSize=12).encode(
        text="cell:N",
        color=alt.condition(f"datum.{value} > {float(val.max()) * 0.45 if val.notna().any() else 0.0}",
                            alt.value("white"), alt.value(theme.INK)))
    notes = []
    if any(m == "+" for m in marks):
        notes.append("+ the text says \"more than\": the amount may be higher.")
    if any(m == "\u2212" for m in marks):
        notes.append("\u2212 the text says \"nearly\" or \"up to\": the amount may be lower.")
    if any(m == "~" for m in marks):
        notes.append("~ the text says \"about\", or the cell mixes hedges: hover for the bounds.")
    if data["currency"].ne(list(CURRENCY_LEGEND)[0]).any():
        notes.append("* includes an amount whose currency the text leaves open (a bare $ or pesos).")
    return alt.layer(cells, text).properties(width=alt.Step(150), height=alt.Step(34)), notes


def extra_tooltip(column: str | None, title: str | None) -> list[alt.Tooltip]:
    """Return the tooltip for a grouping column, or none when there is no grouping.

    >>> [t.to_dict() for t in extra_tooltip("actor_name", "Actor")], extra_tooltip(None, None)
    ([{'field': 'actor_name', 'title': 'Actor', 'type': 'nominal'}], [])
    """
    return [alt.Tooltip(f"{column}:N", title=title)] if column else []
