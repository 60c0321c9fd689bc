"""Altair builders: a tidy table in, a briefing chart out; and `publish`, which exports charts.

Every builder returns a chart titled, subtitled (what the numbers are: nominal
or constant dollars, the base year, the exchange-rate policy) and footnoted
(the sources, from the catalog). Hedged figures keep their bounds: a line
spans a range, a triangle marks a bar that is only a lower ("more than") or
upper ("less than") bound. Amounts that rest on an assumed currency are drawn
paler (bars) or hollow (points), with a legend entry. Tooltips carry the
figures behind each mark; point charts carry the quote, document and event.

Importing this module switches altair to the briefing theme and the offline
SVG renderer (`ladfin.charts.theme.enable`).
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import altair as alt
import pandas as pd

from ladfin.charts import theme
from ladfin.errors import LadfinError, ParameterError
from ladfin.charts.theme import COUNT_LABELS, OKABE_ITO, USD_LABELS, format_people, format_usd

theme.enable()

EXPORT_ENV = "LADFIN_EXPORT_DIR"
EXPORT_FORMATS = ("png", "svg", "pdf", "html", "vl.json", "csv")

PILLAR_LABELS = {
    0: "Overview · no pillar",
    1: "Pillar 1 · stability, integration",
    2: "Pillar 2 · pathways, protection",
    3: "Pillar 3 · humane enforcement",
    4: "Pillar 4 · emergency response",
}
STATUS_LABELS = {
    "new": "new",
    "advancing": "advancing existing",
    "target": "target",
    "achieved": "achieved",
}
NO_STATUS = "not stated"
ROLE_LABELS = {
    "single": "single figure",
    "total": "total of parts",
    "component": "part of a total",
    "cumulative": "running total",
}
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
HEDGE_WORDS = {"exact": "exact", "over": "more than", "under": "less than", "approx": "about"}
CURRENCY_LEGEND = {"as stated": 1.0, "assumed (text writes only $ or pesos)": 0.4}
PART_ASSUMED = "includes an assumed currency (a bare $ or pesos)"
FX_POLICIES = {
    "on_date": "at the exchange rate on each announcement's date",
    "annual_average": "at the average exchange rate of each announcement's year",
    "fixed_date": "at the exchange rate of one fixed date",
}


# ---------------------------------------------------------------- words on charts

def dollars_note(dollars: str = "nominal", base_year: int = 2024, fx_policy: str = "on_date",
                 fixed_date: object = None) -> str:
    """Return the subtitle saying what the dollars are: nominal or constant, base year, FX policy.

    >>> dollars_note("constant", 2024)
    "Constant 2024 US dollars (US CPI-U), converted at the exchange rate on each announcement's date"
    >>> dollars_note("nominal", fx_policy="fixed_date", fixed_date="2024-01-02")
    'Nominal US dollars, converted at the exchange rate of 2 Jan 2024'

    Raises:
        ParameterError: `dollars` is not nominal/constant, or `fx_policy` is unknown.
    """
    if fx_policy not in FX_POLICIES:
        raise ParameterError(f"fx_policy {fx_policy!r} is not one of {', '.join(FX_POLICIES)}")
    if dollars == "nominal":
        what = "Nominal US dollars"
    elif dollars == "constant":
        what = f"Constant {base_year} US dollars (US CPI-U)"
    else:
        raise ParameterError(f'dollars {dollars!r} is neither "nominal" nor "constant"')
    how = FX_POLICIES[fx_policy]
    if fx_policy == "fixed_date" and fixed_date is not None:
        day = pd.Timestamp(fixed_date)
        how = f"at the exchange rate of {day.day} {day:%b %Y}"
    return f"{what}, converted {how}"


def source_lines(documents: pd.DataFrame, docs: Iterable[str] | None = None, *,
                 width: int = 100) -> list[str]:
    """Return footnote lines naming the sources: each publisher, with its documents' count and years.

    Args:
        documents: the documents table (doc, publisher, published, event_date).
        docs: keep only these document file names (default: every document).
        width: longest line, in characters; lines break between publishers.

    >>> docs = pd.DataFrame({"doc": ["a", "b"], "publisher": ["The White House"] * 2,
    ...                      "published": pd.to_datetime(["2024-05-07", "2024-09-26"])})
    >>> source_lines(docs)
    ['Sources: The White House (2 documents, 2024); full list in data/raw/catalog.csv.']
    """
    table = documents if docs is None else documents[documents["doc"].isin(list(docs))]
    if table.empty:
        return ["Source: no document."]
    parts = []
    for publisher, group in table.groupby("publisher", sort=True):
        when = pd.to_datetime(group["published"], errors="coerce")
        if "event_date" in group:
            when = when.fillna(pd.to_datetime(group["event_date"], errors="coerce"))
        years = ", ".join(str(y) for y in sorted({int(y) for y in when.dt.year.dropna()}))
        count = f"{len(group)} document{'s' if len(group) > 1 else ''}"
        parts.append(f"{publisher} ({count}{', ' + years if years else ''})")
    parts[-1] += "; full list in data/raw/catalog.csv."
    words = ("Sources: " + "; ".join(parts)).split(" ")
    lines, line = [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return lines + [line]


def _names() -> dict[str, str]:
    from ladfin.analysis.params import country_names

    return country_names()


def actor_label(code: object, names: Mapping[str, str] | None = None) -> str:
    """Return an actor's display name: the country's English name for an ISO code, else the code.

    >>> actor_label("COL", {"COL": "Colombia"}), actor_label("IOM", {}), actor_label(None, {})
    ('Colombia', 'IOM', 'not named')
    """
    if code is None or pd.isna(code) or code == "":
        return "not named"
    names = _names() if names is None else names
    return names.get(str(code), str(code))


def event_label(name: object, date: object) -> str:
    """Return an event's axis label: its name and month.

    >>> event_label("Fourth Ministerial", pd.Timestamp("2024-09-25"))
    'Fourth Ministerial (Sep 2024)'
    """
    name = "event" if name is None or pd.isna(name) else str(name)
    return name if date is None or pd.isna(date) else f"{name} ({pd.Timestamp(date):%b %Y})"


# ---------------------------------------------------------------- data preparation

def _require(table: pd.DataFrame, columns: Iterable[str], chart: str) -> None:
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise LadfinError(f"{chart}: the table lacks column(s) {', '.join(missing)}; "
                          f"it has {', '.join(map(str, table.columns))}")


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


def _amount_frame(table: pd.DataFrame, value: str, low: str, high: str, fmt) -> pd.DataFrame:
    """Return `table` with the plotting columns every bar chart shares."""
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
    return data


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


def _status_label(status: object) -> str:
    return NO_STATUS if status is None or pd.isna(status) else STATUS_LABELS.get(str(status), str(status))


# ---------------------------------------------------------------- chart frames

def _titled(chart: alt.TopLevelMixin, title: str, subtitle: str | Sequence[str],
            footnote: Sequence[str] = ()) -> alt.VConcatChart:
    """Return `chart` under a left-aligned title and subtitle, over a small grey footnote."""
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


def _notes(data: pd.DataFrame, footnote: Sequence[str] | None) -> list[str]:
    """Return the footnote: how to read bounds and assumed currencies present, then sources."""
    lines = []
    if data["bound"].eq("range").any():
        lines.append("Lines span the bounds hedged amounts allow (\"more than\", \"nearly\", \"about\"); "
                     "the bar is the amount as written.")
    if data["bound"].str.contains("than").any():
        lines.append("Triangles mark totals that are only a bound: "
                     "the text says \"more than\" or \"less than\".")
    if data["currency"].ne(list(CURRENCY_LEGEND)[0]).any():
        lines.append("Paler bars include an amount whose currency the text leaves open (a bare $ or pesos).")
    return lines + list(footnote or [])


def _bars(data: pd.DataFrame, *, category: str, value: str, value_title: str, labels: str,
          horizontal: bool, color: str | None = None, color_title: str | None = None,
          sort: Sequence[str] | None = None, tooltip: Sequence[alt.Tooltip] = (),
          domain: Sequence | None = None) -> alt.LayerChart:
    """Return bars of `value` per `category` (optionally grouped by `color`) with bound marks."""
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
    bars = base.mark_bar(size=alt.Undefined).encode(enc_cat, enc_val, opacity=opacity,
                                                     **bar_channels, **offsets)
    layers = [bars]
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


def _extra(column: str | None, title: str | None) -> list[alt.Tooltip]:
    return [alt.Tooltip(f"{column}:N", title=title)] if column else []


def _money_tooltip(category: str, category_title: str,
                   extra: Sequence[alt.Tooltip] = ()) -> list[alt.Tooltip]:
    return [alt.Tooltip(f"{category}:N", title=category_title), *extra,
            alt.Tooltip("label:N", title="Amount"), alt.Tooltip("range_label:N", title="Bounds"),
            alt.Tooltip("announcements:Q", title="Announcements"),
            alt.Tooltip("currency:N", title="Currency")]


# ---------------------------------------------------------------- money

def assistance_by_year(table: pd.DataFrame, *, color: str | None = None, dollars: str = "nominal",
                       base_year: int = 2024, fx_policy: str = "on_date", fixed_date: object = None,
                       years: Iterable[int] | None = None, sources: Sequence[str] = (),
                       title: str = "Assistance announced, by year") -> alt.VConcatChart:
    """Return bars of money announced per year, grouped by `color` (actor, flow, pillar) if given.

    Args:
        table: `ladfin.assistance(by=("year", ...))`: year, amount_usd, amount_usd_low,
            amount_usd_high, announcements, has_assumed_currency, and `color` if given.
        years: the years on the axis (default: first to last year in the table), so
            a year without announcements shows as empty.
        sources: footnote lines, usually `source_lines(documents)`.
    """
    _require(table, ["year", "amount_usd", *([color] if color else [])], "assistance_by_year")
    data = _amount_frame(table, "amount_usd", "amount_usd_low", "amount_usd_high", format_usd)
    bars = _year_bars(data, "amount_usd", "US dollars", USD_LABELS, _money_tooltip, color, years)
    note = dollars_note(dollars, base_year, fx_policy, fixed_date)
    return _titled(bars, title, note, _notes(data, sources))


def _year_bars(data: pd.DataFrame, value: str, value_title: str, labels: str, tooltip,
               color: str | None, years: Iterable[int] | None) -> alt.Chart:
    """Return vertical bars of `value` per year, coloured by `color`, with every year of
    `years` on the axis (default: first to last year of the data) even if it has no bar."""
    data["year"] = data["year"].astype(int)
    if years is None:
        years = range(int(data["year"].min()), int(data["year"].max()) + 1) if len(data) else []
    color_col, color_title = _grouping(data, color)
    bars = _bars(data, category="year", value=value, value_title=value_title, labels=labels,
                 horizontal=False, color=color_col, color_title=color_title,
                 tooltip=tooltip("year", "Year", _extra(color_col, color_title)),
                 domain=[int(y) for y in years])
    return bars.properties(width=theme.WIDTH)


def assistance_by_event(table: pd.DataFrame, *, color: str | None = None, dollars: str = "nominal",
                        base_year: int = 2024, fx_policy: str = "on_date", fixed_date: object = None,
                        sources: Sequence[str] = (),
                        title: str = "Assistance announced at each ministerial meeting") -> alt.VConcatChart:
    """Return horizontal bars of money announced per event, in date order, with bounds.

    Args:
        table: `ladfin.assistance(by=("event", ...))`: event_id, event_name, event_date,
            amount_usd, amount_usd_low, amount_usd_high, announcements, has_assumed_currency.
    """
    _require(table, ["event_name", "event_date", "amount_usd"], "assistance_by_event")
    data = _amount_frame(table, "amount_usd", "amount_usd_low", "amount_usd_high", format_usd)
    data["event"] = [event_label(n, d) for n, d in zip(data["event_name"], data["event_date"])]
    order = data.sort_values("event_date")["event"].drop_duplicates().tolist()
    color_col, color_title = _grouping(data, color)
    tip = _money_tooltip("event", "Event", _extra(color_col, color_title))
    bars = _bars(data, category="event", value="amount_usd", value_title="US dollars", labels=USD_LABELS,
                 horizontal=True, color=color_col, color_title=color_title, sort=order, tooltip=tip)
    return _titled(bars.properties(height=alt.Step(34 if not color_col else 16)), title,
                   dollars_note(dollars, base_year, fx_policy, fixed_date), _notes(data, sources))


def assistance_by_category(table: pd.DataFrame, category: str, *, dollars: str = "nominal",
                           base_year: int = 2024, fx_policy: str = "on_date", fixed_date: object = None,
                           sources: Sequence[str] = (),
                           title: str | None = None) -> alt.VConcatChart:
    """Return horizontal bars of money per pillar, actor, flow or recipient, largest first.

    Args:
        table: `ladfin.assistance(by=("year", category))` or by category alone; rows of
            several years are summed per category (bounds too, open sides stay open).
        category: "pillar", "actor", "flow" or "recipient".
    """
    _require(table, [category, "amount_usd"], "assistance_by_category")
    summed = _sum_by(table, category)
    data = _amount_frame(summed, "amount_usd", "amount_usd_low", "amount_usd_high", format_usd)
    column, heading = _grouping(data, category)
    order = data.sort_values("amount_usd", ascending=False)[column].tolist()
    if category == "pillar":
        order = [label for _, label in sorted(PILLAR_LABELS.items()) if label in set(data[column])]
    bars = _bars(data, category=column, value="amount_usd", value_title="US dollars", labels=USD_LABELS,
                 horizontal=True, sort=order, tooltip=_money_tooltip(column, heading))
    title = title or f"Assistance announced, by {heading.lower()}"
    note = dollars_note(dollars, base_year, fx_policy, fixed_date)
    return _titled(bars.properties(height=alt.Step(30)), title, note, _notes(data, sources))


def pillar_actor_grid(table: pd.DataFrame, *, dollars: str = "nominal", base_year: int = 2024,
                      fx_policy: str = "on_date", fixed_date: object = None, sources: Sequence[str] = (),
                      title: str = "Who announced money under which pillar") -> alt.VConcatChart:
    """Return a heat map of money per actor (rows) and pillar (columns), each cell labelled.

    Args:
        table: `ladfin.assistance(by=("pillar", "actor"))`; several years are summed.
    """
    _require(table, ["pillar", "actor", "amount_usd"], "pillar_actor_grid")
    summed = _sum_by(table, ["actor", "pillar"])
    data = _amount_frame(summed, "amount_usd", "amount_usd_low", "amount_usd_high", format_usd)
    _grouping(data, "actor")
    _grouping(data, "pillar")
    pillars = [label for _, label in sorted(PILLAR_LABELS.items()) if label in set(data["pillar_name"])]
    tooltip = _money_tooltip("actor_name", "Actor", [alt.Tooltip("pillar_name:N", title="Pillar")])
    grid, notes = _grid(data, x="pillar_name", y="actor_name", value="amount_usd", low="amount_usd_low",
                        high="amount_usd_high", x_order=pillars, legend_title="US dollars", labels=USD_LABELS,
                        tooltip=tooltip)
    note = dollars_note(dollars, base_year, fx_policy, fixed_date)
    return _titled(grid, title, note, notes + list(sources))


def _grid(data: pd.DataFrame, *, x: str, y: str, value: str, low: str, high: str, x_order: Sequence[str],
          legend_title: str, labels: str, tooltip: Sequence[alt.Tooltip]) -> tuple[alt.LayerChart, list[str]]:
    """Return a labelled heat map of `value` per `x` and `y` (rows largest first), and its footnotes."""
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


# ---------------------------------------------------------------- people

def people_by_year(table: pd.DataFrame, *, color: str | None = "status", years: Iterable[int] | None = None,
                   sources: Sequence[str] = (), subtitle: str = "People counted in the announcements",
                   title: str = "People reached, by year") -> alt.VConcatChart:
    """Return bars of people per year, grouped by `color` (status: targets vs results; or country).

    Args:
        table: `ladfin.headcounts(by=("year", ...))`: year, people, people_low, people_high,
            announcements, and `color` if given.
    """
    _require(table, ["year", "people", *([color] if color else [])], "people_by_year")
    data = _amount_frame(table, "people", "people_low", "people_high", format_people)
    bars = _year_bars(data, "people", "People", COUNT_LABELS, _people_tooltip, color, years)
    return _titled(bars, title, subtitle, _notes(data, sources))


def people_by_category(table: pd.DataFrame, category: str, *, color: str | None = None,
                       sources: Sequence[str] = (), subtitle: str = "People counted in the announcements",
                       title: str | None = None) -> alt.VConcatChart:
    """Return horizontal bars of people per country or status, largest first, with bounds.

    Args:
        table: `ladfin.headcounts(by=(..., category))`; rows of several years are summed.
        category: "country" or "status" (or any grouping column).
        color: a second grouping column drawn side by side (e.g. "status").
    """
    _require(table, [category, "people", *([color] if color else [])], "people_by_category")
    keys = [category, *([color] if color else [])]
    summed = _sum_by(table, keys, value="people", low="people_low", high="people_high")
    data = _amount_frame(summed, "people", "people_low", "people_high", format_people)
    column, heading = _grouping(data, category)
    color_col, color_title = _grouping(data, color)
    order = data.groupby(column)["people"].sum().sort_values(ascending=False).index.tolist()
    tip = _people_tooltip(column, heading, _extra(color_col, color_title))
    bars = _bars(data, category=column, value="people", value_title="People", labels=COUNT_LABELS,
                 horizontal=True, color=color_col, color_title=color_title, sort=order, tooltip=tip)
    title = title or f"People reached, by {heading.lower()}"
    return _titled(bars.properties(height=alt.Step(30 if not color_col else 14)), title, subtitle,
                   _notes(data, sources))


def people_grid(table: pd.DataFrame, *, row: str = "actor", sources: Sequence[str] = (),
                subtitle: str = "People counted in the announcements",
                title: str = "Targets and results, by announcing country") -> alt.VConcatChart:
    """Return a heat map of people per `row` (actor or recipient) and status, each cell labelled.

    Args:
        table: `ladfin.headcounts(by=("status", row))` (any years, summed).
    """
    _require(table, [row, "status", "people"], "people_grid")
    summed = _sum_by(table, [row, "status"], value="people", low="people_low", high="people_high")
    data = _amount_frame(summed, "people", "people_low", "people_high", format_people)
    data["label"] = data["people"].map(theme.format_si)
    row_col, row_title = _grouping(data, row)
    _grouping(data, "status")
    statuses = [s for s in STATUS_COLOURS if s in set(data["status_name"])]
    tooltip = _people_tooltip(row_col, row_title, [alt.Tooltip("status_name:N", title="Status")])
    grid, notes = _grid(data, x="status_name", y=row_col, value="people", low="people_low",
                        high="people_high", x_order=statuses, legend_title="People", labels=COUNT_LABELS, tooltip=tooltip)
    return _titled(grid.properties(width=alt.Step(120)), title, subtitle, notes + list(sources))


def _people_tooltip(category: str, title: str, extra: Sequence[alt.Tooltip] = ()) -> list[alt.Tooltip]:
    return [alt.Tooltip(f"{category}:N", title=title), *extra, alt.Tooltip("label:N", title="People"),
            alt.Tooltip("range_label:N", title="Bounds"),
            alt.Tooltip("announcements:Q", title="Announcements")]


# ---------------------------------------------------------------- figures, one mark each

def figure_points(figures: pd.DataFrame, documents: pd.DataFrame, *, value: str = "amount_usd",
                  kind: str = "money", by: str = "event", color: str = "actor", sources: Sequence[str] = (),
                  subtitle: str | None = None,
                  title: str = "Every figure behind the totals") -> alt.VConcatChart:
    """Return one point per figure (or announcement) on a log scale: hover for its quote and source.

    Shape shows the hedge (exact, more than, less than, about); a hollow point
    rests on an assumed currency. Rows with no `value` are left out and counted
    in the footnote.

    Args:
        figures: rows of the figures or announcements table: doc, quote, qualifier, actor,
            `value`; `currency_assumed` and `event_id`/`event_date` where present.
        documents: the documents table, for titles and events.
        value: the column plotted: "amount_usd" for money, "value" for people.
        kind: "money" (dollar labels) or "people" (headcount labels).
        by: the rows of the chart: "event", "actor", "pillar", "status", "role" or "flow".
        color: any of the same.
    """
    _require(figures, ["doc", "quote", "qualifier", value], "figure_points")
    docs = documents[["doc", "title", "event_name", "event_date"]].rename(columns={"title": "document"})
    data = figures.drop(columns=[c for c in ("event_name", "event_date") if c in figures], errors="ignore")
    data = data.merge(docs, on="doc", how="left", validate="m:1")
    missing = int(data[value].isna().sum())
    data = data[data[value].notna() & (pd.to_numeric(data[value], errors="coerce") > 0)].copy()
    fmt = format_usd if kind == "money" else format_people
    data["label"] = data[value].map(fmt)
    data["event"] = [event_label(n, d) for n, d in zip(data["event_name"], data["event_date"])]
    data["actor_name"] = [actor_label(a) for a in data.get("actor", pd.Series(pd.NA, index=data.index))]
    if "pillar" in data:
        data["pillar_name"] = [PILLAR_LABELS.get(int(p), str(p)) if pd.notna(p) else "no pillar"
                               for p in data["pillar"]]
    if "status" in data:
        data["status_name"] = [_status_label(s) for s in data["status"]]
    assumed = data["currency_assumed"] if "currency_assumed" in data else pd.Series(False, index=data.index)
    data["currency"] = [list(CURRENCY_LEGEND)[1] if a else list(CURRENCY_LEGEND)[0]
                        for a in assumed.astype("boolean").fillna(False)]
    data["hedge"] = [HEDGE_WORDS.get(str(q), str(q)) if pd.notna(q) else "exact" for q in data["qualifier"]]
    data["quote_text"] = data["quote"].astype("string").str.replace(r"\s+", " ", regex=True)
    if "role" in data:
        data["role_name"] = [ROLE_LABELS.get(str(r), str(r)) if pd.notna(r) else ROLE_LABELS["single"]
                             for r in data["role"]]
    if "flow" in data:
        data["flow_name"] = data["flow"].astype("string").fillna("not stated")
    columns = {"event": ("event", "Event"), "actor": ("actor_name", "Actor"),
               "pillar": ("pillar_name", "Pillar"), "status": ("status_name", "Status"),
               "role": ("role_name", "Role"), "flow": ("flow_name", "Flow")}
    if by not in columns or color not in columns:
        raise ParameterError(f"by and color must each be one of {', '.join(columns)}; got {by!r}, {color!r}")
    row, row_title = columns[by]
    hue, hue_title = columns[color]
    order = (data.sort_values("event_date")["event"].drop_duplicates().tolist() if by == "event"
             else sorted(data[row].dropna().unique().tolist()))
    hues, hue_colours = palette(hue, data[hue])
    labels = USD_LABELS if kind == "money" else COUNT_LABELS
    tooltip = [alt.Tooltip("quote_text:N", title="Quote"), alt.Tooltip("label:N", title="Value"),
               alt.Tooltip("hedge:N", title="Hedge"), alt.Tooltip("actor_name:N", title="Actor"),
               alt.Tooltip("document:N", title="Document"), alt.Tooltip("event:N", title="Event"),
               alt.Tooltip("currency:N", title="Currency")]
    if "role_name" in data:
        tooltip.append(alt.Tooltip("role_name:N", title="Role"))
    numbers = pd.to_numeric(data[value]).astype(float)
    top = float(numbers.max()) * 1.6 if len(numbers) else 10.0
    decades = ([10.0 ** k for k in range(int(math.floor(math.log10(numbers.min()))),
                                         int(math.floor(math.log10(top))) + 1)]
               if len(numbers) else [1.0, 10.0])
    encoding = dict(
        x=alt.X(f"{value}:Q", scale=alt.Scale(type="log", domain=[decades[0], top]),
                axis=alt.Axis(title="US dollars (log scale)" if kind == "money" else "People (log scale)",
                              labelExpr=labels, values=decades)),
        y=alt.Y(f"{row}:N", sort=order, title=None, axis=alt.Axis(labelLimit=360)),
        yOffset=alt.YOffset(f"{hue}:N", scale=alt.Scale(domain=hues, paddingOuter=0.3)),
        color=alt.Color(f"{hue}:N", title=hue_title, scale=alt.Scale(domain=hues, range=hue_colours)),
        shape=alt.Shape("hedge:N", title="Hedge", scale=alt.Scale(domain=list(HEDGE_SHAPES),
                                                                  range=list(HEDGE_SHAPES.values()))),
        tooltip=tooltip,
    )
    stated = list(CURRENCY_LEGEND)[0]
    base = alt.Chart(data)
    filled = base.transform_filter(alt.datum.currency == stated).mark_point(
        size=150, filled=True, opacity=0.85).encode(**encoding)
    hollow = base.transform_filter(alt.datum.currency != stated).mark_point(
        size=150, filled=False, strokeWidth=2, opacity=1).encode(**encoding)
    notes = ([f"{missing} figure(s) without a {value} value are not drawn; see the data audit."]
             if missing else [])
    if data["currency"].ne(stated).any():
        notes.insert(0, "Hollow points: the text writes only $ or pesos and the currency is assumed.")
    subtitle = subtitle or ("Each point is one announcement, in nominal US dollars" if kind == "money"
                            else "Each point is one figure counting people")
    chart = alt.layer(filled, hollow).properties(width=theme.WIDTH, height=alt.Step(16))
    return _titled(chart, title, subtitle, notes + list(sources))


# ---------------------------------------------------------------- audit

def counts_by(table: pd.DataFrame, column: str, *, title: str, subtitle: str = "",
              sources: Sequence[str] = ()) -> alt.VConcatChart:
    """Return horizontal bars counting the rows of `table` per value of `column` (reasons, flags)."""
    _require(table, [column], "counts_by")
    values = table[column].astype("string").fillna("(none)")
    counted = values.value_counts().rename_axis(column).reset_index(name="rows")
    bars = alt.Chart(counted).mark_bar(color=OKABE_ITO[0]).encode(
        y=alt.Y(f"{column}:N", sort="-x", title=None),
        x=alt.X("rows:Q", title="Rows"),
        tooltip=[alt.Tooltip(f"{column}:N"), alt.Tooltip("rows:Q", title="Rows")],
    )
    text = bars.mark_text(align="left", dx=4).encode(text="rows:Q")
    chart = alt.layer(bars, text).properties(height=alt.Step(24))
    return _titled(chart, title, subtitle or f"Rows per {column}", list(sources))


def parts_vs_totals(figures: pd.DataFrame, *, sources: Sequence[str] = (),
                    title: str = "Do the parts add up to the totals?") -> alt.VConcatChart:
    """Return bars of each total as announced beside the sum of its parts, with the sum check.

    Args:
        figures: the figures table; rows with `parts_sum_usd` are totals (their
            `amount_usd`, `quote`, `doc`, and `parts_add_up` when present).
    """
    _require(figures, ["doc", "start", "quote", "amount_usd", "parts_sum_usd"], "parts_vs_totals")
    totals = figures[figures["parts_sum_usd"].notna()].copy()
    totals["total"] = [f"{' '.join(str(q).split())} ({doc}, char {start})"
                       for q, doc, start in zip(totals["quote"], totals["doc"], totals["start"])]
    adds = totals["parts_add_up"] if "parts_add_up" in totals else pd.Series(pd.NA, index=totals.index)
    totals["check"] = ["parts add up" if a is True else "parts do not add up" if a is False else "not checked"
                       for a in adds.astype("boolean").astype(object).where(adds.notna(), None)]
    long = pd.concat([
        totals.assign(measure="total as announced", amount=totals["amount_usd"]),
        totals.assign(measure="sum of its parts", amount=totals["parts_sum_usd"]),
    ], ignore_index=True)[["total", "doc", "start", "quote", "measure", "amount", "check"]]
    long["label"] = long["amount"].map(format_usd)
    long["text"] = [lab if m == "total as announced" else f"{lab}: {c}"
                    for lab, m, c in zip(long["label"], long["measure"], long["check"])]
    measures = ["total as announced", "sum of its parts"]
    base = alt.Chart(long).encode(
        y=alt.Y("total:N", title=None, axis=alt.Axis(labelLimit=420)),
        yOffset=alt.YOffset("measure:N", scale=alt.Scale(domain=measures)),
        x=alt.X("amount:Q", title="US dollars", axis=alt.Axis(labelExpr=USD_LABELS),
                scale=alt.Scale(domain=[0, float(long["amount"].max()) * 1.45 if long["amount"].notna().any()
                                        else 1.0])),
        tooltip=[alt.Tooltip("total:N", title="Total"), alt.Tooltip("measure:N", title="Bar"),
                 alt.Tooltip("label:N", title="Amount"), alt.Tooltip("check:N", title="Sum check")],
    )
    bars = base.mark_bar().encode(
        color=alt.Color("measure:N", title=None, scale=alt.Scale(domain=measures,
                                                                 range=[OKABE_ITO[0], OKABE_ITO[1]])))
    text = base.mark_text(align="left", dx=4, fontSize=11).encode(text="text:N")
    chart = alt.layer(bars, text).properties(width=theme.WIDTH - 60, height=alt.Step(16))
    return _titled(chart, title, "Nominal US dollars; a total and the parts the text lists under it",
                   list(sources))


# ---------------------------------------------------------------- grouping helpers

def _grouping(data: pd.DataFrame, column: str | None) -> tuple[str | None, str | None]:
    """Add a display column for grouping `column` to `data` in place; return its name and title."""
    if not column:
        return None, None
    if column == "actor":
        data["actor_name"] = [actor_label(a) for a in data["actor"]]
        return "actor_name", "Actor"
    if column in ("recipient", "country"):
        data[f"{column}_name"] = [actor_label(a) for a in data[column]]
        return f"{column}_name", column.capitalize()
    if column == "pillar":
        data["pillar_name"] = [PILLAR_LABELS.get(int(p), str(p)) if pd.notna(p) else "no pillar"
                               for p in data["pillar"]]
        return "pillar_name", "Pillar"
    if column == "status":
        data["status_name"] = [_status_label(s) for s in data["status"]]
        return "status_name", "Status"
    data[column] = data[column].astype("string").fillna("not stated")
    return column, column.replace("_", " ").capitalize()


def _sum_by(table: pd.DataFrame, keys: str | Sequence[str], *, value: str = "amount_usd",
            low: str = "amount_usd_low", high: str = "amount_usd_high") -> pd.DataFrame:
    """Return `table` summed per `keys`: value, bounds (an open side stays open), counts, flags."""
    keys = [keys] if isinstance(keys, str) else list(keys)
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
    return out.reset_index()


# ---------------------------------------------------------------- export

_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def chart_data(chart: alt.TopLevelMixin) -> pd.DataFrame | None:
    """Return the first pandas table a chart (or any of its sub-charts or layers) draws, or None."""
    if isinstance(chart.data, pd.DataFrame):
        return chart.data
    for attr in ("vconcat", "hconcat", "concat", "layer"):
        for sub in getattr(chart, attr, None) or []:
            found = chart_data(sub)
            if found is not None:
                return found
    spec = getattr(chart, "spec", None)
    return chart_data(spec) if spec is not None else None


def save_chart(chart: alt.TopLevelMixin, directory: Path, name: str,
               data: pd.DataFrame | None = None) -> list[Path]:
    """Return the paths written: `chart` as PNG (scale 2), SVG, PDF, offline HTML, Vega-Lite JSON,
    and the table behind it as CSV, each `directory`/`name`.<ext>.

    The HTML embeds the Vega libraries (it opens
    offline) and escapes `<`, `>` and `&` in the spec, so document text can
    never close the script that holds it.

    Raises:
        ParameterError: `name` is not lower-case letters, digits, - and _.
    """
    import vl_convert as vlc
    from altair.utils._importers import vl_version_for_vl_convert

    if not _NAME.match(name):
        raise ParameterError(f"chart name {name!r}: use lower-case letters, digits, - and _")
    directory.mkdir(parents=True, exist_ok=True)
    spec = chart.to_dict()
    version = vl_version_for_vl_convert()
    written = {
        "png": vlc.vegalite_to_png(spec, vl_version=version, scale=2),
        "svg": vlc.vegalite_to_svg(spec, vl_version=version).encode(),
        "pdf": vlc.vegalite_to_pdf(spec, vl_version=version),
        "html": offline_html(spec).encode(),
        "vl.json": html_safe_json(spec, indent=2).encode(),
    }
    paths = []
    for ext, content in written.items():
        path = directory / f"{name}.{ext}"
        path.write_bytes(content)
        paths.append(path)
    table = chart_data(chart) if data is None else data
    if table is not None:
        path = directory / f"{name}.csv"
        table.to_csv(path, index=False)
        paths.append(path)
    return paths


def html_safe_json(spec: dict, **kwargs) -> str:
    r"""Return `spec` as JSON with <, > and & escaped, safe inside an HTML <script>.

    >>> html_safe_json({"quote": "</script>"})
    '{"quote": "\\u003c/script\\u003e"}'
    """
    import json

    text = json.dumps(spec, **kwargs)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def offline_html(spec: dict) -> str:
    """Return a standalone HTML page drawing `spec` with the Vega libraries inlined (opens offline)."""
    import html

    import vl_convert as vlc
    from altair.utils._importers import vl_version_for_vl_convert

    title = spec.get("title") or ""
    if isinstance(title, dict):
        title = title.get("text", "")
    if not title and spec.get("vconcat"):
        first = spec["vconcat"][0].get("title", "")
        title = first.get("text", "") if isinstance(first, dict) else first
    title = " ".join(title) if isinstance(title, list) else str(title)
    bundle = vlc.javascript_bundle(vl_version=vl_version_for_vl_convert())
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>{html.escape(title)}</title>\n"
        "<style>body{margin:24px}</style>\n"
        f"<script type=\"text/javascript\">\n{bundle}\n</script>\n"
        "</head>\n<body>\n<div id=\"chart\"></div>\n<script type=\"text/javascript\">\n"
        f"const spec = {html_safe_json(spec)};\n"
        "vegaEmbed('#chart', spec, {actions: {export: true, source: false, compiled: false, editor: false}})"
        ".catch(console.error);\n</script>\n</body>\n</html>\n"
    )


def publish(chart: alt.TopLevelMixin, name: str, data: pd.DataFrame | None = None) -> alt.TopLevelMixin:
    """Return `chart` for display; when $LADFIN_EXPORT_DIR is set, first save it there as `name`.

    `ladfin report` sets LADFIN_EXPORT_DIR for each notebook it runs, so a
    notebook calls `publish` on every chart and the report collects PNG, SVG,
    PDF, HTML, Vega-Lite JSON and the CSV behind it (`save_chart`). In
    JupyterLab the variable is unset and nothing is written.
    """
    directory = os.environ.get(EXPORT_ENV)
    if directory:
        save_chart(chart, Path(directory), name, data)
    return chart


__all__ = [
    "BOUND_SHAPES",
    "CURRENCY_LEGEND",
    "EXPORT_ENV",
    "EXPORT_FORMATS",
    "FX_POLICIES",
    "HEDGE_SHAPES",
    "HEDGE_WORDS",
    "NO_STATUS",
    "PART_ASSUMED",
    "PILLAR_LABELS",
    "ROLE_COLOURS",
    "ROLE_LABELS",
    "STATUS_COLOURS",
    "STATUS_LABELS",
    "actor_label",
    "assistance_by_category",
    "assistance_by_event",
    "assistance_by_year",
    "bounds",
    "chart_data",
    "counts_by",
    "dollars_note",
    "event_label",
    "figure_points",
    "html_safe_json",
    "offline_html",
    "palette",
    "parts_vs_totals",
    "people_by_category",
    "people_by_year",
    "people_grid",
    "pillar_actor_grid",
    "publish",
    "save_chart",
    "source_lines",
]
