"""The briefing look of ladfin charts: theme, palette, number formats and an offline renderer.

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
import pandas as pd

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

_PREFIXES = ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K"), (1.0, ""))


def format_si(value: float | None, digits: int = 3) -> str:
    """Return `value` with `digits` significant digits and a K/M/B/T suffix, as the axes show it.

    Matches the charts' d3 format (".3~s", G written B): an empty string for a
    missing value.

    >>> format_si(578_000_000), format_si(1_200_000_000), format_si(547_000), format_si(999_999)
    ('578M', '1.2B', '547K', '1M')
    """
    if pd.isna(value):
        return ""
    value = float(value)
    if value == 0:
        return "0"
    rounded = float(f"{abs(value):.{digits}g}")
    scale, suffix = next(((s, p) for s, p in _PREFIXES if rounded >= s), (1.0, ""))
    mantissa = f"{rounded / scale:.{digits}g}"
    sign = "-" if value < 0 else ""
    return f"{sign}{float(mantissa):g}{suffix}"


def format_usd(value: float | None) -> str:
    """Return a dollar amount as briefings write it: "$1.2B", "$578M", "$55.9M"; "" if missing.

    >>> format_usd(1_234_000_000), format_usd(55_900_000)
    ('$1.23B', '$55.9M')
    """
    text = format_si(value)
    if not text:
        return ""
    return f"-${text[1:]}" if text.startswith("-") else f"${text}"


def format_people(value: float | None) -> str:
    """Return a headcount as briefings write it: "547K people"; "" if missing.

    >>> format_people(547_000), format_people(1)
    ('547K people', '1 person')
    """
    text = format_si(value)
    if not text:
        return ""
    return f"{text} {'person' if text == '1' else 'people'}"


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


def render(spec: dict, **metadata: Any) -> dict[str, Any]:
    """Return a chart's display bundle: a static SVG (offline, safe in HTML) and a text stand-in.

    JupyterLab and nbconvert both show the SVG, with no network and no script:
    document text in a chart can never run as code in an exported notebook.
    (Altair's Vega-Lite 6 mimetype is left out: JupyterLab 4 renders only
    Vega-Lite 5, and nbformat rejects a JSON object under that name.)
    Interactive charts with tooltips are the HTML files `ladfin report` exports.
    """
    import vl_convert as vlc
    from altair.utils._importers import vl_version_for_vl_convert

    svg = vlc.vegalite_to_svg(spec, vl_version=vl_version_for_vl_convert())
    title = spec.get("title") or (spec.get("vconcat") or [{}])[0].get("title") or "chart"
    text = title.get("text", "chart") if isinstance(title, dict) else title
    text = " ".join(text) if isinstance(text, list) else text
    return {"image/svg+xml": svg, "text/plain": f"<chart: {text}>"}


alt.renderers.register(RENDERER, render)


def enable() -> None:
    """Return nothing; switch altair to the briefing theme and the offline SVG renderer."""
    alt.theme.enable(THEME)
    alt.renderers.enable(RENDERER)
