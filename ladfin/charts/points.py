"""Charts of single figures: one labelled row per figure, rows counted per value, totals against their parts.

Figure charts carry, in their tooltips, the sentence, quote, document and
event behind each mark; each row is labelled with the amount as its text
states it. The audit charts count skipped numbers and flags, and check each
total against its parts.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import altair as alt
import pandas as pd

from ladfin.charts import theme
from ladfin.charts.frames import require_columns
from ladfin.charts.labels import (CURRENCY_LEGEND, HEDGE_WORDS, ROLE_LABELS, actor_label, around, chosen_sources,
                                  counted_note, event_label, measure_label, pillar_label, shorten, status_label)
from ladfin.charts.marks import HEDGE_SHAPES, palette, titled
from ladfin.charts.theme import COUNT_LABELS, OKABE_ITO, USD_LABELS, format_si, format_usd
from ladfin.core.cells import plain_values, split_values
from ladfin.core.vocab import ChartVariant
from ladfin.errors import ParameterError

# The most rows a figure chart draws by default: 60 rows of 18 px fit a page and export in seconds; a
# corpus of thousands of figures would give a chart nobody can read (or a PNG minutes in the making).
ROW_LIMIT = 60


def figure_points(figures: pd.DataFrame, documents: pd.DataFrame, *, value: str = "amount_usd",
                  kind: str = "money", by: str = "event", color: str = "actor", sources: Sequence[str] = (),
                  subtitle: str | None = None, variant: ChartVariant = "analyst",
                  title: str = "Every figure behind the totals", limit: int | None = ROW_LIMIT) -> alt.VConcatChart:
    """Return one row per figure (or announcement), largest first within each `by` group, each labelled.

    Each row is named by the figure's sentence (or its quote) and labelled with
    the amount as the text states it ("more than $686M"). The analyst variant
    draws a point on a log scale, its shape the hedge, hollow where it rests on
    an assumed currency; the briefing variant draws ranked bars on a linear
    scale, the hedge in the label and "*" for an assumed currency. Tooltips
    carry the sentence (shortened), quote, document title and event. Rows with
    no `value` are left out and counted in the footnote. Past `limit` rows
    (ROW_LIMIT by default; None for all) only the largest are drawn, and the
    footnote says how many of how many: a chart of every figure of a large
    corpus is too tall to read or export, and the tables keep every row.

    Args:
        figures: rows of the figures or announcements table: doc, quote, qualifier, actor,
            `value`; `sentence`, `hedge`, `currency_assumed` and `event_id`/`event_date` where present.
        documents: the documents table, for titles and events.
        value: the column plotted: "amount_usd" for money, "value" for people.
        kind: "money" (dollar labels) or "people" (headcount labels).
        by: the groups of rows: "event", "actor", "pillar", "status", "role", "flow" or "measure".
        color: any of the same.
        limit: the most rows drawn, largest first; None draws every row.
    """
    require_columns(figures, ["doc", "quote", "qualifier", value], "figure_points")
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 1):
        raise ParameterError(f"limit must be a whole number of rows of at least 1, or None; got {limit!r}")
    columns = {"event": ("event", "Event"), "actor": ("actor_name", "Actor"),
               "pillar": ("pillar_name", "Pillar"), "status": ("status_name", "Status"),
               "role": ("role_name", "Role"), "flow": ("flow_name", "Flow"),
               "measure": ("measure_name", "What is counted")}
    if by not in columns or color not in columns:
        raise ParameterError(f"by and color must each be one of {', '.join(columns)}; got {by!r}, {color!r}")
    data, missing = point_frame(figures, documents, value=value, kind=kind)
    drawn_of = len(data)
    if limit is not None and drawn_of > limit:
        data = data.loc[pd.to_numeric(data[value]).astype(float).sort_values(ascending=False, kind="stable")
                        .index[:limit]]
    row, row_title = columns[by]
    hue, hue_title = columns[color]
    groups = (data.sort_values("event_date", kind="stable")["event"].drop_duplicates().tolist() if by == "event"
              else sorted(data[row].dropna().unique().tolist()))
    rank = {g: i for i, g in enumerate(groups)}
    data = data.assign(_group=data[row].map(rank)).sort_values(["_group", value], ascending=[True, False],
                                                                kind="stable")
    data["figure"] = [f"{i + 1}. {text}" for i, text in enumerate(data["row_text"])]
    data = data.drop(columns="_group").reset_index(drop=True)
    hues, hue_colours = palette(hue, data[hue])
    labels = USD_LABELS if kind == "money" else COUNT_LABELS
    tooltip = [alt.Tooltip("sentence_text:N", title="Sentence"), alt.Tooltip("quote_text:N", title="Quote"),
               alt.Tooltip("value_text:N", title="As stated"), alt.Tooltip("actor_name:N", title="Actor"),
               alt.Tooltip("document:N", title="Document"), alt.Tooltip("event:N", title="Event"),
               alt.Tooltip("span:N", title="Where")]
    if variant == "analyst":
        tooltip.insert(3, alt.Tooltip("hedge_name:N", title="Hedge"))
        tooltip.append(alt.Tooltip("currency:N", title="Currency"))
        if "role_name" in data:
            tooltip.append(alt.Tooltip("role_name:N", title="Role"))
    row_axis = alt.Axis(labelLimit=420, labelFontSize=11, title=None)
    y = alt.Y("figure:N", sort=data["figure"].tolist(), axis=row_axis)
    colour = alt.Color(f"{hue}:N", title=hue_title, scale=alt.Scale(domain=hues, range=hue_colours),
                       legend=alt.Legend(title=hue_title) if len(hues) > 1 else None)
    numbers = pd.to_numeric(data[value]).astype(float)
    unit = "US dollars" if kind == "money" else "People"
    stated = list(CURRENCY_LEGEND)[0]
    base = alt.Chart()
    if variant == "analyst":
        low = float(numbers.min()) if len(numbers) else 1.0
        top = float(numbers.max()) if len(numbers) else 10.0
        decades = list(range(int(math.floor(math.log10(low))), int(math.floor(math.log10(top))) + 1))
        # room on the right for the longest label, about a fifth of the width on a log axis
        span = max(1.0, math.log10(top) - decades[0] + 0.3)
        right = 10 ** (decades[0] + span / 0.78)
        ticks = [m * 10.0 ** k for k in decades for m in (1, 3) if m * 10.0 ** k <= right]
        x = alt.X(f"{value}:Q", scale=alt.Scale(type="log", domain=[10.0 ** decades[0], right]),
                  axis=alt.Axis(title=f"{unit} (log scale)", labelExpr=labels, values=ticks, grid=True))
        shape = alt.Shape("hedge_name:N", title="Hedge", scale=alt.Scale(domain=list(HEDGE_SHAPES),
                                                                          range=list(HEDGE_SHAPES.values())))
        encoding = dict(x=x, y=y, color=colour, shape=shape, tooltip=tooltip)
        filled = base.transform_filter(alt.datum.currency == stated).mark_point(
            size=110, filled=True, opacity=0.9).encode(**encoding)
        hollow = base.transform_filter(alt.datum.currency != stated).mark_point(
            size=110, filled=False, strokeWidth=2, opacity=1).encode(**encoding)
        marks = [filled, hollow]
    else:
        top = float(numbers.max()) * 1.35 if len(numbers) else 1.0
        x = alt.X(f"{value}:Q", scale=alt.Scale(domain=[0, top], nice=False),
                  axis=alt.Axis(title=unit, labelExpr=labels, tickCount=5, grid=True))
        marks = [base.mark_bar(height=12).encode(x=x, y=y, color=colour, tooltip=tooltip)]
    text = base.mark_text(align="left", baseline="middle", dx=9 if variant == "analyst" else 4,
                          fontSize=11, color=theme.INK).encode(x=x, y=y, text="value_text:N", tooltip=tooltip)
    notes = ([f"{missing} figure(s) without a {value} value are not drawn; see the data audit."]
             if missing else [])
    if len(data) < drawn_of:
        notes.append(f"Only the {len(data)} largest of {drawn_of} rows are drawn; the tables list every one.")
    if data["currency"].ne(stated).any():
        notes.insert(0, "Hollow points (and *): the text writes only $ or pesos and the currency is assumed."
                     if variant == "analyst" else
                     "* the text writes only $ or pesos: the currency is assumed.")
    subtitle = subtitle or ("Each row is one announcement, in nominal US dollars, largest first" if kind == "money"
                            else "Each row is one figure counting people, largest first")
    # one panel per group, titled with it, holding only its own rows
    header = alt.Header(title=None, labelAngle=0, labelAlign="left", labelAnchor="start", labelOrient="top",
                        labelFontWeight="bold", labelFontSize=12, labelPadding=4)
    chart = alt.layer(*marks, text, data=data).properties(width=theme.WIDTH - 100, height=alt.Step(18)).facet(
        row=alt.Row(f"{row}:N", sort=groups, header=header, title=row_title)).resolve_scale(y="independent")
    caption = (counted_note(data["measure"]) if "measure" in data and data["measure"].notna().any()
               else f"What is counted: each {kind} figure once, as its text states it.")
    caption = caption.replace("each announcement once", "each figure on its own row, never added up")
    return titled(chart, title, subtitle, notes + chosen_sources(sources, documents), caption=caption)


def point_frame(figures: pd.DataFrame, documents: pd.DataFrame, *, value: str = "amount_usd",
                kind: str = "money") -> tuple[pd.DataFrame, int]:
    """Return (the rows a figure chart draws, how many rows had no `value`), with their display columns.

    Display columns: document, event, actor_name (and pillar_name, status_name,
    role_name, flow_name, measure_name where the table has them), currency,
    hedge_name, quote_text, sentence_text (shortened), value_text (the amount as
    stated: "more than $686M", "$5M to $10M", "*" for an assumed currency),
    row_text (what names the row) and span ("doc, chars start-end").
    """
    docs = documents[["doc", "title", "event_name", "event_date"]].rename(columns={"title": "document"})
    data = figures.drop(columns=[c for c in ("event_name", "event_date") if c in figures], errors="ignore")
    data = data.merge(docs, on="doc", how="left", validate="m:1")
    missing = int(data[value].isna().sum())
    data = data[data[value].notna() & (pd.to_numeric(data[value], errors="coerce") > 0)].copy()
    fmt = format_usd if kind == "money" else format_si
    data["label"] = data[value].map(fmt)
    data["event"] = [event_label(n, d) for n, d in zip(data["event_name"], data["event_date"])]
    data["actor_name"] = [actor_label(a) for a in data.get("actor", pd.Series(pd.NA, index=data.index))]
    if "pillar" in data:
        data["pillar_name"] = [pillar_label(p) for p in data["pillar"]]
    if "status" in data:
        data["status_name"] = [status_label(s) for s in data["status"]]
    if "role" in data:
        data["role_name"] = [ROLE_LABELS.get(str(r), str(r)) if pd.notna(r) else ROLE_LABELS["single"]
                             for r in data["role"]]
    if "flow" in data:
        data["flow_name"] = data["flow"].astype("string").fillna("not stated")
    if "measure" in data:
        data["measure_name"] = [measure_label(m) for m in data["measure"]]
    assumed = data["currency_assumed"] if "currency_assumed" in data else pd.Series(False, index=data.index)
    data["currency"] = [list(CURRENCY_LEGEND)[1] if a else list(CURRENCY_LEGEND)[0]
                        for a in assumed.astype("boolean").fillna(False)]
    data["hedge_name"] = [HEDGE_WORDS.get(str(q), str(q)) if pd.notna(q) else "exact" for q in data["qualifier"]]
    data["quote_text"] = data["quote"].map(shorten)
    sentences = data["sentence"] if "sentence" in data else pd.Series(pd.NA, index=data.index)
    data["sentence_text"] = sentences.map(lambda t: shorten(t, 160))
    data["row_text"] = [f"{a}: {around(t, q, 56)}" if isinstance(t, str) and t else f"{a}: {shorten(q, 56)}"
                        for a, t, q in zip(data["actor_name"], sentences, data["quote"])]
    high_column = {"amount_usd": "amount_usd_high", "value": "value_high"}.get(value)
    highs = data[high_column] if high_column in data else pd.Series(pd.NA, index=data.index)
    hedges = data["hedge"] if "hedge" in data else pd.Series(pd.NA, index=data.index)
    data["value_text"] = [
        _as_stated(lab, q, h, fmt(hi) if pd.notna(hi) and float(hi) > float(v) * (1 + 1e-9) else "") +
        ("*" if c != list(CURRENCY_LEGEND)[0] else "")
        for lab, q, h, hi, v, c in zip(data["label"], data["qualifier"], hedges, highs, data[value], data["currency"])
    ]
    ends = data["end"] if "end" in data else pd.Series(pd.NA, index=data.index)
    starts = data["start"] if "start" in data else pd.Series(pd.NA, index=data.index)
    data["span"] = [f"{d}, chars {s}-{e}" if pd.notna(s) and pd.notna(e) else str(d)
                    for d, s, e in zip(data["doc"], starts, ends)]
    return data.reset_index(drop=True), missing


def _as_stated(label: str, qualifier: object, hedge: object, high: str) -> str:
    """Return an amount with its hedge as the text writes it ("nearly $817M"), or as a range ("$5M to $10M")."""
    if high and str(qualifier) == "exact":
        return f"{label} to {high}"
    if str(qualifier) in ("over", "under", "approx"):
        words = str(hedge).strip().lower() if hedge is not None and pd.notna(hedge) and str(hedge).strip() else \
            HEDGE_WORDS[str(qualifier)]
        return f"{words} {label}"
    return label


def counts_by(table: pd.DataFrame, column: str, *, title: str, subtitle: str = "",
              sources: Sequence[str] = (), caption: str = "",
              label: Callable[[object], str] | None = None) -> alt.VConcatChart:
    """Return horizontal bars counting the rows of `table` per value of `column` (reasons, flags), labelled.

    A cell listing several values ("approximate_date;no_rate_for_currency")
    counts once under each; an empty cell counts as "(none)".

    Args:
        caption: the sentence saying what is counted (default: rows per `column`).
        label: how a value is named on the axis (`measure_label`, say); default the value itself.
    """
    require_columns(table, [column], "counts_by")
    name = label or str
    values = pd.Series([name(v) if v is not None else "(none)" for cell in plain_values(table[column])
                        for v in split_values(cell) or [None]], dtype="string")
    counted = values.value_counts().rename_axis(column).reset_index(name="rows")
    bars = alt.Chart(counted).mark_bar(color=OKABE_ITO[0]).encode(
        y=alt.Y(f"{column}:N", sort="-x", title=None),
        x=alt.X("rows:Q", title="Rows"),
        tooltip=[alt.Tooltip(f"{column}:N"), alt.Tooltip("rows:Q", title="Rows")],
    )
    text = bars.mark_text(align="left", dx=4).encode(text="rows:Q")
    chart = alt.layer(bars, text).properties(height=alt.Step(24))
    caption = caption or f"What is counted: rows of the table, per {column.replace('_', ' ')}."
    return titled(chart, title, subtitle or f"Rows per {column}", list(sources), caption=caption)


def parts_vs_totals(figures: pd.DataFrame, *, sources: Sequence[str] = (),
                    title: str = "Do the parts add up to the totals?") -> alt.VConcatChart:
    """Return bars of each total as announced beside the sum of its parts, with the sum check.

    Args:
        figures: the figures table; rows with `parts_sum_usd` are totals (their
            `amount_usd`, `quote`, `doc`, and `parts_add_up` when present).
    """
    require_columns(figures, ["doc", "start", "quote", "amount_usd", "parts_sum_usd"], "parts_vs_totals")
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
    return titled(chart, title, "Nominal US dollars; a total and the parts the text lists under it",
                  list(sources), caption="What is counted: each total as announced, and the sum of the parts its "
                                         "text lists under it.")
