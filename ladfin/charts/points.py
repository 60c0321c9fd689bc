"""Charts of single figures: one point per figure, rows counted per value, totals against their parts.

Point charts carry, in their tooltips, the quote, document and event behind
each mark; a hollow point rests on an assumed currency. The audit charts
count skipped numbers and flags, and check each total against its parts.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import altair as alt
import pandas as pd

from ladfin.charts import theme
from ladfin.charts.frames import require_columns
from ladfin.charts.labels import (CURRENCY_LEGEND, HEDGE_WORDS, ROLE_LABELS, actor_label, event_label, measure_label,
                                  pillar_label, status_label)
from ladfin.charts.marks import HEDGE_SHAPES, palette, titled
from ladfin.charts.theme import COUNT_LABELS, OKABE_ITO, USD_LABELS, format_people, format_usd
from ladfin.errors import ParameterError


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
    require_columns(figures, ["doc", "quote", "qualifier", value], "figure_points")
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
        data["pillar_name"] = [pillar_label(p) for p in data["pillar"]]
    if "status" in data:
        data["status_name"] = [status_label(s) for s in data["status"]]
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
    if "measure" in data:
        data["measure_name"] = [measure_label(m) for m in data["measure"]]
    columns = {"event": ("event", "Event"), "actor": ("actor_name", "Actor"),
               "pillar": ("pillar_name", "Pillar"), "status": ("status_name", "Status"),
               "role": ("role_name", "Role"), "flow": ("flow_name", "Flow"),
               "measure": ("measure_name", "What is counted")}
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
    return titled(chart, title, subtitle, notes + list(sources))


def counts_by(table: pd.DataFrame, column: str, *, title: str, subtitle: str = "",
              sources: Sequence[str] = ()) -> alt.VConcatChart:
    """Return horizontal bars counting the rows of `table` per value of `column` (reasons, flags)."""
    require_columns(table, [column], "counts_by")
    values = table[column].astype("string").fillna("(none)")
    counted = values.value_counts().rename_axis(column).reset_index(name="rows")
    bars = alt.Chart(counted).mark_bar(color=OKABE_ITO[0]).encode(
        y=alt.Y(f"{column}:N", sort="-x", title=None),
        x=alt.X("rows:Q", title="Rows"),
        tooltip=[alt.Tooltip(f"{column}:N"), alt.Tooltip("rows:Q", title="Rows")],
    )
    text = bars.mark_text(align="left", dx=4).encode(text="rows:Q")
    chart = alt.layer(bars, text).properties(height=alt.Step(24))
    return titled(chart, title, subtitle or f"Rows per {column}", list(sources))


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
                  list(sources))
