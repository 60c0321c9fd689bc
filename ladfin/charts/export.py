"""Chart export: the table behind a chart, its files (PNG, SVG, PDF, offline HTML, Vega-Lite, CSV).

Kept apart from the chart builders, as altair keeps `utils/save.py` apart from
its chart API: `publish` is the one call notebooks make, and `ladfin report`
decides where the files go through $LADFIN_EXPORT_DIR.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import altair as alt
import pandas as pd

from ladfin.errors import ParameterError

EXPORT_ENV = "LADFIN_EXPORT_DIR"
EXPORT_FORMATS = ("png", "svg", "pdf", "html", "vl.json", "csv")

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
