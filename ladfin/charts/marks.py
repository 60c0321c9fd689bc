"""Marks and encodings the chart families share: colours, bars with bounds, heat grids, titles.

A line spans a range, a triangle marks a bar that is only a lower ("more
than") or upper ("less than") bound, and an amount resting on an assumed
currency is drawn paler, with a legend entry and a footnote.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Sequence

import altair as alt
import pandas as pd

from ladfin.charts import theme
from ladfin.charts.export import chart_data
from ladfin.charts.frames import add_grouping
from ladfin.charts.labels import CURRENCY_LEGEND, NO_STATUS, PART_ASSUMED, counted_note
from ladfin.charts.theme import OKABE_ITO
from ladfin.core.vocab import ChartVariant

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

NO_DOCUMENTS = "no documents"
NOTHING_COUNTED = "nothing counted"
NOTHING_TO_DRAW = "Nothing to draw: no row matches the parameters."

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
           footnote: Sequence[str] = (), *, caption: str = "") -> alt.VConcatChart:
    """Return `chart` under a left-aligned title and subtitle, over a small grey footnote.

    The footnote opens with `caption`, the sentence saying what is counted; the
    chart's `description` (its alt text in every export) is the title and the
    caption. A chart with nothing to draw says so first in its footnote.
    """
    subtitle = [subtitle] if isinstance(subtitle, str) else list(subtitle)
    inner = chart.properties(title=alt.Title(title, subtitle=subtitle))
    notes = [piece for line in (caption, *footnote) if line for piece in wrap(line)]
    drawn = chart_data(chart)
    if drawn is not None and drawn.empty:
        notes.insert(0, NOTHING_TO_DRAW)
    description = f"{title}. {caption}" if caption else title
    if not notes:
        return alt.vconcat(inner, description=description)
    note = alt.Title(notes, orient="bottom", anchor="start", fontSize=10, fontWeight="normal",
                     color=theme.MUTED, offset=14, lineHeight=14)
    return alt.vconcat(inner, title=note, description=description)


def wrap(line: str, width: int = 110) -> list[str]:
    """Return `line` broken between words into lines of at most `width` characters (a footnote's lines).

    >>> wrap("one two three", 8)
    ['one two', 'three']
    """
    lines: list[str] = []
    for word in line.split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines


def caption_for(data: pd.DataFrame, what: str) -> str:
    """Return the sentence saying what a chart counts: from its measures, or `what` when it has none.

    >>> caption_for(pd.DataFrame({"x": [1]}), "money announced")
    'What is counted: money announced, each announcement once.'
    """
    if "measure" in data and data["measure"].notna().any():
        return counted_note(data["measure"])
    return f"What is counted: {what}, each announcement once."


def bar_notes(data: pd.DataFrame, footnote: Sequence[str] | None, variant: ChartVariant = "analyst") -> list[str]:
    """Return a bar chart's footnote after its caption: how to read bounds and assumed currencies, then sources.

    The analyst variant explains its marks (lines, triangles, paler bars); the
    briefing variant draws none of them, and says the labels give amounts as the
    texts state them.
    """
    lines = []
    hedged = data["bound"].ne("exact").any()
    assumed = data["currency"].ne(list(CURRENCY_LEGEND)[0]).any()
    if "margin_assumed" in data and data["margin_assumed"].notna().any():
        share = float(data["margin_assumed"].dropna().max())
        lines.append(f"Ranges assume a spread of {share:.0%} around hedged amounts; the texts do not state it.")
    if variant == "briefing":
        if hedged:
            lines.append("Labels give each amount as the texts state it: \"more than\" is a lower bound, "
                         "\"less than\" an upper one.")
        if assumed:
            lines.append("* includes an amount whose currency the text leaves open (a bare $ or pesos).")
        return lines + list(footnote or [])
    if data["bound"].eq("range").any():
        lines.append("Lines span a range the text states; the bar is its lower end.")
    if data["bound"].str.contains("than").any():
        lines.append("Triangles mark totals that are only a bound: "
                     "the text says \"more than\" or \"less than\".")
    if assumed:
        lines.append("Paler bars (and *) include an amount whose currency the text leaves open (a bare $ or pesos).")
    return lines + list(footnote or [])


LABEL_CHAR_PX = 6.5  # width of one character of an 11-pixel label, near enough to leave room for it


def _headroom(data: pd.DataFrame, horizontal: bool, upright: bool = False) -> float | None:
    """Return the value axis's top, leaving room for the labels beside the longest bar (None if no bar).

    An upright label (grouped vertical bars) runs up from its bar: the room left
    is the longest label's length, in a plot theme.HEIGHT pixels high.
    """
    tops = pd.to_numeric(data["label_at"], errors="coerce").dropna() if "label_at" in data else pd.Series([])
    if tops.empty or float(tops.max()) <= 0:
        return None
    if upright:
        longest = max((len(str(t)) for t in data["value_text"]), default=0) * LABEL_CHAR_PX + 20
        return float(tops.max()) / max(0.3, 1 - longest / theme.HEIGHT)
    return float(tops.max()) * (1.4 if horizontal else 1.2)


def empty_slots(domain: Sequence, drawn: Iterable, documented: Iterable | None) -> dict:
    """Return category -> what an empty slot of the axis says: "no documents", or "nothing counted".

    A slot with documents but no bar counts nothing of what the chart draws; a
    slot without documents is not a zero, and says so. `documented` None means
    every slot has documents.

    >>> empty_slots([2022, 2023, 2024], [2024], [2022, 2024])
    {2022: 'nothing counted', 2023: 'no documents'}
    """
    present = set(drawn)
    known = None if documented is None else set(documented)
    return {c: (NO_DOCUMENTS if known is not None and c not in known else NOTHING_COUNTED)
            for c in domain if c not in present}


def bars(data: pd.DataFrame, *, category: str, value: str, value_title: str, labels: str,
         horizontal: bool, color: str | None = None, color_title: str | None = None,
         sort: Sequence[str] | None = None, tooltip: Sequence[alt.Tooltip] = (),
         domain: Sequence | None = None, empty: dict | None = None,
         variant: ChartVariant = "analyst") -> alt.LayerChart:
    """Return bars of `value` per `category` (optionally grouped by `color`), each labelled with its amount.

    The analyst variant adds a line over a range and a triangle on a one-sided
    bound, and draws amounts on an assumed currency paler, each with a legend;
    the briefing variant states all of it in the labels. Clicking a colour's
    legend entry (in HTML and notebooks) fades the other groups.

    Args:
        data: an `amount_frame`, with the display columns `category` and `color`.
        labels: the Vega expression formatting the value axis (theme.USD_LABELS ...).
        horizontal: categories down the side instead of along the bottom.
        domain: every category on the axis, in order, even those without a bar.
        empty: category -> the words an empty slot shows ("no documents", "nothing counted"),
            also written under its axis label.
    """
    analyst = variant == "analyst"
    empty = dict(empty or {})
    cat_type = "O" if category == "year" else "N"
    cat_scale = alt.Scale(domain=list(domain)) if domain is not None else alt.Undefined
    label_expr = alt.Undefined
    undocumented = [c for c, words in empty.items() if words == NO_DOCUMENTS]
    if undocumented:
        listed = ", ".join(json.dumps(c) for c in undocumented)
        label_expr = (f"indexof([{listed}], datum.value) >= 0 ? "
                      f"[datum.label, '{NO_DOCUMENTS}'] : datum.label")
    cat_axis = alt.Axis(title=None, labelAngle=0, labelLimit=360, labelExpr=label_expr) if not horizontal else \
        alt.Axis(title=None, labelLimit=360, labelExpr=label_expr)
    cat = alt.X if not horizontal else alt.Y
    val = alt.Y if not horizontal else alt.X
    val2 = alt.Y2 if not horizontal else alt.X2
    offset = alt.XOffset if not horizontal else alt.YOffset
    enc_cat = cat(f"{category}:{cat_type}", sort=list(sort) if sort is not None else alt.Undefined,
                  scale=cat_scale, axis=cat_axis)
    value_axis = alt.Axis(title=value_title, labelExpr=labels, tickCount=5, grid=True)
    upright = not horizontal and color is not None and data[color].nunique() > 1  # narrow grouped bars
    top = _headroom(data, horizontal, upright)
    value_scale = alt.Scale(zero=True, domainMax=top) if top else alt.Scale(zero=True)
    enc_val = val(f"{value}:Q", axis=value_axis, scale=value_scale)
    channels = {"tooltip": list(tooltip)}
    picked = None
    if color:
        domain_c, colours = palette(color, data[color])
        colour = alt.Color(f"{color}:N", title=color_title, scale=alt.Scale(domain=domain_c, range=colours),
                           legend=alt.Legend(title=color_title, columns=3 if len(domain_c) > 4 else alt.Undefined)
                           if len(domain_c) > 1 else None)
        if len(domain_c) > 1:
            picked = alt.selection_point(name=f"pick_{color}", fields=[color], bind="legend")
            channels["color"] = alt.condition(picked, colour, alt.value(theme.GRID))
        else:
            channels["color"] = colour
        channels["offset"] = offset(f"{color}:N", scale=alt.Scale(domain=domain_c))
    has_assumed = analyst and data["currency"].ne(list(CURRENCY_LEGEND)[0]).any()
    # Paler bars carry no legend: a currency swatch would take the colour of a group (an actor's
    # blue would also mean "as stated"); the footnote and the "*" of the label say it instead.
    opacity = alt.Opacity("currency:N", title="Currency",
                          scale=alt.Scale(domain=[list(CURRENCY_LEGEND)[0], PART_ASSUMED],
                                          range=list(CURRENCY_LEGEND.values())),
                          legend=None) if has_assumed else alt.Undefined
    base = alt.Chart(data)
    bar_channels = {k: v for k, v in channels.items() if k != "offset"}
    offsets = {"xOffset" if not horizontal else "yOffset": channels["offset"]} if color else {}
    drawn = base.mark_bar(size=alt.Undefined).encode(enc_cat, enc_val, opacity=opacity,
                                                     **bar_channels, **offsets)
    if picked is not None:
        drawn = drawn.add_params(picked)
    layers = [drawn]
    if analyst:
        layers.append(base.transform_filter("datum.bound == 'range'").mark_rule(
            strokeWidth=2, color=theme.INK).encode(enc_cat, val("range_low:Q"), val2("range_high:Q"),
                                                   tooltip=list(tooltip), **offsets))
        shape_scale = alt.Scale(domain=list(BOUND_SHAPES), range=list(BOUND_SHAPES.values()))
        one_sided = [b for b in BOUND_SHAPES if data["bound"].eq(b).any()]
        layers.append(base.transform_filter("indexof(datum.bound, 'than') >= 0").mark_point(
            filled=True, size=110, color=theme.INK, opacity=1).encode(
            enc_cat, val(f"{value}:Q"),
            shape=alt.Shape("bound:N", scale=shape_scale,
                            legend=alt.Legend(title=None, values=one_sided) if one_sided else None),
            tooltip=list(tooltip), **offsets))
    # The amount beside each bar, as the axis writes it; clear of a triangle in the analyst variant.
    # Grouped vertical bars are too narrow for a label across them: theirs is turned to run up from
    # the bar's top (Vega applies dx along the turned text).
    gap = 14 if analyst else 5
    where = {"align": "left", "baseline": "middle", "dx": gap, **({"angle": 270} if upright else {})} \
        if horizontal or upright else {"align": "center", "baseline": "bottom", "dy": -gap}
    layers.append(base.mark_text(fontSize=11, color=theme.INK, **where).encode(
        enc_cat, val("label_at:Q"), text="value_text:N", tooltip=list(tooltip), **offsets))
    counted_nothing = {c: words for c, words in empty.items() if words == NOTHING_COUNTED}
    if counted_nothing:  # "no documents" is under the axis label; an empty slot with documents says so in it
        slots = pd.DataFrame({category: list(counted_nothing), "slot_text": list(counted_nothing.values())})
        layers.append(alt.Chart(slots).mark_text(
            fontSize=11, color=theme.MUTED, fontStyle="italic",
            **({"baseline": "bottom", "dy": -4} if not horizontal else {"align": "left", "dx": 4})).encode(
            cat(f"{category}:{cat_type}", sort=list(sort) if sort is not None else alt.Undefined,
                scale=cat_scale, axis=cat_axis),
            val("zero:Q"), text="slot_text:N").transform_calculate(zero="0"))
    return alt.layer(*layers).resolve_scale(shape="independent")


def year_bars(data: pd.DataFrame, value: str, value_title: str, labels: str, tooltip: Tooltips,
              color: str | None, years: Iterable[int] | None, documented: Iterable[int] | None = None,
              variant: ChartVariant = "analyst") -> alt.LayerChart:
    """Return vertical bars of `value` per year, coloured by `color`, with every year of
    `years` on the axis (default: first to last year of the data) even if it has no bar.

    A year without a bar says why under the axis and in its slot: "no documents"
    (none of `documented`, the years with documents), or "nothing counted".

    Args:
        tooltip: called with (category column, its title, extra tooltips); returns the tooltips.
    """
    data["year"] = data["year"].astype(int)
    if years is None:
        years = range(int(data["year"].min()), int(data["year"].max()) + 1) if len(data) else []
    years = [int(y) for y in years]
    color_col, color_title = add_grouping(data, color)
    drawn = bars(data, category="year", value=value, value_title=value_title, labels=labels,
                 horizontal=False, color=color_col, color_title=color_title,
                 tooltip=tooltip("year", "Year", extra_tooltip(color_col, color_title)),
                 domain=years, empty=empty_slots(years, data["year"], documented), variant=variant)
    return drawn.properties(width=theme.WIDTH)


def heat_grid(data: pd.DataFrame, *, x: str, y: str, value: str, low: str, high: str, x_order: Sequence[str],
              legend_title: str, labels: str, tooltip: Sequence[alt.Tooltip],
              variant: ChartVariant = "analyst") -> tuple[alt.LayerChart, list[str]]:
    """Return a labelled heat map of `value` per `x` and `y` (rows largest first), and its footnotes.

    In the analyst variant a cell's label says how its bounds read with a sign:
    "+" more than, "\u2212" nearly or up to, "~" about or mixed, "*" an assumed
    currency. The briefing variant writes the amount as the texts state it
    ("more than $240M") and keeps only the "*".
    """
    lo = pd.to_numeric(data[low], errors="coerce").astype(float)
    hi = pd.to_numeric(data[high], errors="coerce").astype(float)
    val = pd.to_numeric(data[value], errors="coerce").astype(float)
    # an open end (no bound stated) reaches past the value as surely as a stated one above or below it
    above = ((hi > val * (1 + 1e-9)) | hi.isna()).fillna(False) & val.notna()
    below = ((lo < val * (1 - 1e-9)) | lo.isna()).fillna(False) & val.notna()
    marks = ["~" if a and b else "+" if a else "\u2212" if b else "" for a, b in zip(above, below)]
    assumed = [c != list(CURRENCY_LEGEND)[0] for c in data["currency"]]
    if variant == "briefing":
        data["cell"] = data["value_text"]
    else:
        data["cell"] = [f"{lab}{m}{'*' if a else ''}" for lab, m, a in zip(data["label"], marks, assumed)]
    rows = data.groupby(y)[value].sum().sort_values(ascending=False).index.tolist()
    # A column's label on lines of its own words, so none is cut: "Pillar 1 · stability, integration"
    # becomes "Pillar 1" / "stability, integration".
    lines = {str(label): [piece for part in str(label).split(" · ") for piece in wrap(part, 20)]
             for label in x_order}
    base = alt.Chart(data).encode(
        x=alt.X(f"{x}:N", sort=list(x_order), title=None,
                axis=alt.Axis(orient="bottom", labelAngle=0, labelLimit=160, labelPadding=8,
                              labelExpr=f"{json.dumps(lines)}[datum.label] || datum.label")),
        y=alt.Y(f"{y}:N", sort=rows, title=None),
        tooltip=list(tooltip),
    )
    cells = base.mark_rect(stroke="white", strokeWidth=2).encode(
        color=alt.Color(f"{value}:Q", title=legend_title, scale=alt.Scale(scheme="blues", type="sqrt"),
                        legend=alt.Legend(labelExpr=labels, orient="right", direction="vertical")))
    text = base.mark_text(fontSize=12 if variant == "analyst" else 11).encode(
        text="cell:N",
        color=alt.condition(f"datum.{value} > {float(val.max()) * 0.45 if val.notna().any() else 0.0}",
                            alt.value("white"), alt.value(theme.INK)))
    notes = []
    if variant == "briefing":
        if any(marks):
            notes.append("Cells give each amount as the texts state it: \"more than\" is a lower bound, "
                         "\"less than\" an upper one.")
    else:
        if any(m == "+" for m in marks):
            notes.append("+ the text says \"more than\": the amount may be higher.")
        if any(m == "\u2212" for m in marks):
            notes.append("\u2212 the text says \"nearly\" or \"up to\": the amount may be lower.")
        if any(m == "~" for m in marks):
            notes.append("~ the text says \"about\", or the cell mixes hedges: its bounds are in the table "
                         "behind the chart (CSV).")
    if any(assumed):
        notes.append("* includes an amount whose currency the text leaves open (a bare $ or pesos).")
    width = 150 if variant == "analyst" else 160
    return alt.layer(cells, text).properties(width=alt.Step(width), height=alt.Step(34)), notes


def extra_tooltip(column: str | None, title: str | None) -> list[alt.Tooltip]:
    """Return the tooltip for a grouping column, or none when there is no grouping.

    >>> [t.to_dict() for t in extra_tooltip("actor_name", "Actor")], extra_tooltip(None, None)
    ([{'field': 'actor_name', 'title': 'Actor', 'type': 'nominal'}], [])
    """
    return [alt.Tooltip(f"{column}:N", title=title)] if column else []
