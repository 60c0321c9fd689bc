"""The briefing look of ladfin charts: theme, palette, number formats and an offline interactive renderer.

`enable()` registers and switches on, in altair's global registries, the
"ladfin-briefing" theme and the "ladfin" renderer; `ladfin.charts` calls it on
import, so every chart a notebook shows or exports looks the same.

Text uses Liberation Sans, which vl-convert (the PNG, SVG and PDF engine)
bundles: exports render identically on any machine, with or without the font
installed. Browsers without it fall back to the metric-compatible Arial.
"""

from __future__ import annotations

from typing import Any

import altair as alt

from ladfin.core.formats import format_people, format_si, format_usd  # noqa: F401  (the charts' formats)

THEME = "ladfin-briefing"
RENDERER = "ladfin"

FONT = "Liberation Sans, Arial, Helvetica, sans-serif"
INK = "#1f1f1f"
MUTED = "#5f5f5f"
GRID = "#e4e4e4"

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common
# colour-vision deficiency. Black is left out: it is the colour of text.
OKABE_ITO = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#F0E442",  # yellow
    "#999999",  # grey
)

WIDTH = 560
HEIGHT = 300

# d3-format: three significant digits, SI prefix, trailing zeros trimmed;
# then G (giga) reads as B (billion) and k as K, as briefings write them.
USD_FORMAT = "$.3~s"
COUNT_FORMAT = ".3~s"


def label_expr(d3_format: str, value: str = "datum.value") -> str:
    """Return a Vega expression formatting `value` with `d3_format`, G as B and k as K.

    >>> label_expr("$.3~s")
    "replace(replace(format(datum.value, '$.3~s'), 'G', 'B'), 'k', 'K')"
    """
    return f"replace(replace(format({value}, '{d3_format}'), 'G', 'B'), 'k', 'K')"


USD_LABELS = label_expr(USD_FORMAT)
COUNT_LABELS = label_expr(COUNT_FORMAT)

@alt.theme.register(THEME, enable=False)
def briefing() -> alt.theme.ThemeConfig:
    """Return the briefing theme: large readable type, Okabe-Ito colours, light grid."""
    label = {"labelFont": FONT, "labelFontSize": 12, "labelColor": INK,
             "titleFont": FONT, "titleFontSize": 12, "titleColor": INK, "titleFontWeight": "bold"}
    return {
        "background": "white",
        "padding": 16,
        "width": WIDTH,
        "height": HEIGHT,
        "config": {
            "font": FONT,
            "view": {"stroke": None, "continuousWidth": WIDTH, "continuousHeight": HEIGHT},
            "title": {"font": FONT, "fontSize": 18, "fontWeight": "bold", "color": INK,
                      "anchor": "start", "offset": 12,
                      "subtitleFont": FONT, "subtitleFontSize": 13, "subtitleColor": MUTED,
                      "subtitlePadding": 6},
            "axis": {**label, "domainColor": MUTED, "tickColor": MUTED, "gridColor": GRID,
                     "labelLimit": 260, "titlePadding": 10},
            "axisBand": {"grid": False, "domain": False, "ticks": False},
            "legend": {**label, "orient": "bottom", "direction": "horizontal",
                       "labelLimit": 320, "symbolSize": 120, "columnPadding": 16},
            "header": {"labelFont": FONT, "labelFontSize": 13, "labelColor": INK,
                       "titleFont": FONT, "titleFontSize": 13},
            "text": {"font": FONT, "fontSize": 12, "color": INK},
            "range": {"category": list(OKABE_ITO),
                      "ordinal": {"scheme": "blues"},
                      "heatmap": {"scheme": "blues"}},
            "bar": {"color": OKABE_ITO[0]},
            "point": {"color": OKABE_ITO[0], "size": 80},
            "rule": {"color": INK},
            "concat": {"spacing": 8},
        },
    }


_SENT: set[str] = set()  # where this kernel has already sent the Vega scripts (report runs)


def render(spec: dict, **metadata: Any) -> dict[str, Any]:
    """Return a chart's display bundle: interactive HTML that needs no network, a static SVG, and a text line.

    The HTML inlines the Vega scripts that vl-convert carries (no CDN) and draws
    the chart with tooltips and its selections; until then, and wherever scripts
    do not run (an untrusted notebook), it shows the static SVG as an image, so
    document text in a chart never runs as code. Frontends without HTML show the
    SVG. In a report run ($LADFIN_EXPORT_DIR set) the scripts go with the first
    chart only: the executed notebook and its HTML copy hold them once.
    (Altair's Vega-Lite 6 mimetype is left out: JupyterLab 4 renders only
    Vega-Lite 5, and nbformat rejects a JSON object under that name.)
    """
    import os

    import vl_convert as vlc
    from altair.utils._importers import vl_version_for_vl_convert

    from ladfin.charts.export import EXPORT_ENV, chart_title, embed_html

    svg = vlc.vegalite_to_svg(spec, vl_version=vl_version_for_vl_convert())
    run = os.environ.get(EXPORT_ENV)
    bundle = run is None or run not in _SENT
    if run is not None:
        _SENT.add(run)
    page = embed_html(spec, bundle=bundle, fallback_svg=svg)
    return {"text/html": page, "image/svg+xml": svg, "text/plain": f"<chart: {chart_title(spec)}>"}


alt.renderers.register(RENDERER, render)


def enable() -> None:
    """Return nothing; switch altair to the briefing theme and the offline interactive renderer."""
    alt.theme.enable(THEME)
    alt.renderers.enable(RENDERER)
