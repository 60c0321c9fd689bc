"""A chart to explore figures: dropdowns choose an actor and a measure, and the rows follow.

The selection is altair's own (`alt.param` bound to a dropdown), drawn by the
Vega scripts the notebook already holds, so it works in JupyterLab and in the
HTML export with no network. A static export shows every figure.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from ladfin.charts import theme
from ladfin.charts.frames import require_columns
from ladfin.charts.labels import chosen_sources
from ladfin.charts.marks import palette, titled
from ladfin.charts.points import point_frame
from ladfin.charts.theme import COUNT_LABELS, USD_LABELS

EVERY = "every one"


def explore_figures(figures: pd.DataFrame, documents: pd.DataFrame, *, value: str = "amount_usd",
                    kind: str = "money", title: str = "Figures to explore",
                    subtitle: str = "One bar per figure mention, largest first") -> alt.VConcatChart:
    """Return ranked, labelled bars of single figures, with dropdowns choosing an actor and a measure.

    Each bar is one figure, named by the words around it in its sentence and
    labelled as its text states it; hovering shows its sentence, document,
    event and span. Nothing is added up.

    Args:
        figures: rows of the figures table (doc, start, end, quote, qualifier, actor, measure,
            sentence, `value`).
        documents: the documents table, for titles and events.
        value: "amount_usd" for money, "value" for people.
        kind: "money" or "people".
    """
    require_columns(figures, ["doc", "quote", "qualifier", "actor", "measure", value], "explore_figures")
    data, _ = point_frame(figures, documents, value=value, kind=kind)
    data = data.sort_values(value, ascending=False, kind="stable").reset_index(drop=True)
    data["figure"] = [f"{i + 1}. {text}" for i, text in enumerate(data["row_text"])]
    actors = sorted(data["actor_name"].dropna().unique().tolist())
    measures = sorted(data["measure_name"].dropna().unique().tolist())
    actor = alt.param(name="pick_actor", value=EVERY,
                      bind=alt.binding_select(options=[EVERY, *actors], name="Actor "))
    measure = alt.param(name="pick_measure", value=EVERY,
                        bind=alt.binding_select(options=[EVERY, *measures], name="What is counted "))
    hues, colours = palette("measure_name", data["measure_name"])
    top = float(pd.to_numeric(data[value]).max()) * 1.35 if len(data) else 1.0
    x = alt.X(f"{value}:Q", scale=alt.Scale(domain=[0, top], nice=False),
              axis=alt.Axis(title="US dollars" if kind == "money" else "People",
                            labelExpr=USD_LABELS if kind == "money" else COUNT_LABELS, tickCount=5, grid=True))
    y = alt.Y("figure:N", sort=data["figure"].tolist(), axis=alt.Axis(labelLimit=420, labelFontSize=11, title=None))
    tooltip = [alt.Tooltip("sentence_text:N", title="Sentence"), alt.Tooltip("value_text:N", title="As stated"),
               alt.Tooltip("actor_name:N", title="Actor"), alt.Tooltip("measure_name:N", title="What is counted"),
               alt.Tooltip("document:N", title="Document"), alt.Tooltip("event:N", title="Event"),
               alt.Tooltip("span:N", title="Where")]
    base = alt.Chart(data).transform_filter(
        f"pick_actor == '{EVERY}' || datum.actor_name == pick_actor").transform_filter(
        f"pick_measure == '{EVERY}' || datum.measure_name == pick_measure")
    bars = base.mark_bar(height=12).encode(
        x=x, y=y, tooltip=tooltip,
        color=alt.Color("measure_name:N", title="What is counted", scale=alt.Scale(domain=hues, range=colours)))
    text = base.mark_text(align="left", baseline="middle", dx=4, fontSize=11, color=theme.INK).encode(
        x=x, y=y, text="value_text:N", tooltip=tooltip)
    chart = alt.layer(bars, text).add_params(actor, measure).properties(width=theme.WIDTH - 100,
                                                                         height=alt.Step(18))
    caption = f"What is counted: each {kind} figure on its own row, as its text states it; nothing is added up."
    return titled(chart, title, subtitle, chosen_sources((), documents), caption=caption)
