"""Chart export: the table behind a chart, its files (PNG, SVG, PDF, offline HTML, Vega-Lite, CSV).

Kept apart from the chart builders, as altair keeps `utils/save.py` apart from
its chart API: `publish` is the one call notebooks make, and `ladfin report`
decides where the files go through $LADFIN_EXPORT_DIR. Every file carries the
chart's title and its caption (what is counted): the HTML page's title and
label, the SVG's <title> and <desc>, the PNG's Title and Description text
chunks. Every file is the same bytes for the same chart, so two identical
runs export identical files. A chart with nothing to draw is not exported:
`publish` records it, with the reason, in skipped.json.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import struct
import zlib
from dataclasses import asdict, dataclass
from pathlib import Path

import altair as alt
import pandas as pd

from ladfin.errors import ParameterError

EXPORT_ENV = "LADFIN_EXPORT_DIR"
EXPORT_FORMATS = ("png", "svg", "pdf", "html", "vl.json", "csv")
SKIPPED = "skipped.json"
NOTHING_DRAWN = "no row matches the parameters"

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


def chart_title(spec: dict) -> str:
    """Return a chart spec's title as one line: its own, or its first sub-chart's; "chart" if none.

    >>> chart_title({"vconcat": [{"title": {"text": "People, by year"}}]})
    'People, by year'
    """
    title = spec.get("title") or ""
    if isinstance(title, dict) and title.get("orient") == "bottom":  # a footnote, not a title
        title = ""
    if isinstance(title, dict):
        title = title.get("text", "")
    if not title:
        for key in ("vconcat", "hconcat", "layer"):
            if spec.get(key):
                return chart_title(spec[key][0])
    title = " ".join(title) if isinstance(title, list) else str(title)
    return title or "chart"


def chart_description(spec: dict) -> str:
    """Return the alt text of a chart: its `description` (title and caption), else its title."""
    return str(spec.get("description") or chart_title(spec))


def save_chart(chart: alt.TopLevelMixin, directory: Path, name: str,
               data: pd.DataFrame | None = None) -> list[Path]:
    """Return the paths written: `chart` as PNG (scale 2), SVG, PDF, offline HTML, Vega-Lite JSON,
    and the table behind it as CSV, each `directory`/`name`.<ext>.

    The HTML embeds the Vega libraries (it opens offline) and escapes `<`, `>`
    and `&` in the spec, so document text can never close the script that holds it.

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
    title, description = chart_title(spec), chart_description(spec)
    written = {
        "png": png_with_text(vlc.vegalite_to_png(spec, vl_version=version, scale=2),
                             {"Title": title, "Description": description}),
        "svg": svg_with_title(vlc.vegalite_to_svg(spec, vl_version=version), title, description).encode(),
        "pdf": stable_pdf(lambda: vlc.vegalite_to_pdf(spec, vl_version=version)),
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
    text = json.dumps(spec, **kwargs)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def svg_with_title(svg: str, title: str, description: str) -> str:
    """Return `svg` with an accessible name: <title> and <desc> first inside the root, which is role img.

    >>> svg_with_title('<svg width="1"><g/></svg>', "A & B", "A & B. What is counted.")[:98]
    '<svg role="img" aria-labelledby="chart-title chart-desc" width="1"><title id="chart-title">A &amp;'
    """
    head = svg.index("<svg") + len("<svg")
    close = svg.index(">", head)
    named = (f'<title id="chart-title">{html.escape(title, quote=False)}</title>'
             f'<desc id="chart-desc">{html.escape(description, quote=False)}</desc>')
    return (svg[:head] + ' role="img" aria-labelledby="chart-title chart-desc"' + svg[head:close + 1] + named
            + svg[close + 1:])


def png_with_text(png: bytes, text: dict[str, str]) -> bytes:
    """Return `png` with an iTXt chunk (UTF-8 text) per entry of `text`, placed after its header chunk.

    Title and Description are the keywords PNG defines for a picture's name and alt text.
    """
    header_end = 8 + 8 + 13 + 4  # signature, IHDR length and type, IHDR data, CRC
    chunks = b""
    for keyword, value in text.items():
        data = keyword.encode("latin-1") + b"\x00\x00\x00\x00\x00" + value.encode("utf-8")
        chunks += struct.pack(">I", len(data)) + b"iTXt" + data + struct.pack(">I", zlib.crc32(b"iTXt" + data))
    return png[:header_end] + chunks + png[header_end:]


_PDF_DICT = re.compile(rb"(<<\n)((?:[ \t]+/[^\n<>]*\n)+)([ \t]*>>)")
_PDF_STREAM = re.compile(rb"(stream\n.*?\nendstream)", re.S)
_PDF_FONT = re.compile(rb"\n(\d+) 0 obj\n<<\n  /BaseFont /\w+\+([\w-]+)")


def stable_pdf(render, attempts: int = 64) -> bytes:
    """Return the PDF `render()` makes, in one canonical form, so one chart always gives the same bytes.

    vl-convert (svg2pdf) writes the entries of a resource dictionary and numbers
    the font objects in hash-map order, which differs from call to call. The
    entries are sorted here (lines of equal length swapped: byte offsets and the
    cross-reference table stay valid); the fonts' numbers and places cannot be
    rewritten that way, so the chart is rendered again until the fonts come in
    name order, numbered and placed (about one call in four with the theme's two
    fonts).
    """
    pdf = b""
    for _ in range(attempts):
        pdf = _sorted_dictionaries(render())
        fonts = [(int(n), name) for n, name in _PDF_FONT.findall(pdf)]  # in the order the file holds them
        if fonts == sorted(fonts) and [name for _, name in fonts] == sorted(name for _, name in fonts):
            return pdf
    return pdf


def _sorted_dictionaries(pdf: bytes) -> bytes:
    """Return `pdf` with the one-line entries of each dictionary sorted; streams left as they are."""
    parts = _PDF_STREAM.split(pdf)
    return b"".join(part if part.startswith(b"stream\n") else _PDF_DICT.sub(
        lambda m: m.group(1) + b"".join(sorted(m.group(2).splitlines(keepends=True))) + m.group(3), part)
        for part in parts)


def vega_bundle() -> str:
    """Return the Vega, Vega-Lite and vega-embed scripts vl-convert carries, safe to inline in HTML."""
    import vl_convert as vlc
    from altair.utils._importers import vl_version_for_vl_convert

    # "</script" would close the inline script early; "<\/script" means the same in JavaScript.
    return vlc.javascript_bundle(vl_version=vl_version_for_vl_convert()).replace("</script", "<\\/script")


def embed_html(spec: dict, *, bundle: bool = True, fallback_svg: str | None = None, element: str | None = None) -> str:
    """Return an HTML fragment drawing `spec` with vega-embed (SVG renderer, tooltips), with no network.

    Args:
        bundle: inline the Vega scripts (else the page must already hold them).
        fallback_svg: a static SVG shown until the chart is drawn, and where scripts do not run.
        element: the id of the chart's element (default: one derived from the spec, the same each time).
    """
    import base64

    element = element or "ladfin-chart-" + hashlib.sha256(html_safe_json(spec, sort_keys=True).encode()
                                                            ).hexdigest()[:12]
    label = html.escape(chart_description(spec))
    still = ""
    if fallback_svg is not None:
        encoded = base64.b64encode(fallback_svg.encode()).decode()
        still = f'<img src="data:image/svg+xml;base64,{encoded}" alt="{label}">'
    scripts = f'<script type="text/javascript">\n{vega_bundle()}\n</script>\n' if bundle else ""
    return (
        f'<figure class="ladfin-chart" role="figure" aria-label="{label}" style="margin:0">\n'
        f'<div id="{element}">{still}</div>\n</figure>\n{scripts}'
        '<script type="text/javascript">\n(function () {\n'
        f'  var element = document.getElementById("{element}");\n'
        f"  var spec = {html_safe_json(spec)};\n"
        "  if (typeof vegaEmbed !== 'function') { return; }\n"
        "  vegaEmbed(element, spec, {renderer: 'svg', actions: {export: true, source: false, compiled: false,"
        " editor: false}})\n"
        "    .catch(function (error) { console.error(error); });\n"
        "})();\n</script>\n"
    )


def offline_html(spec: dict) -> str:
    """Return a standalone HTML page drawing `spec` with the Vega libraries inlined (opens offline).

    The page's title is the chart's title; its figure is labelled with the chart's
    description (title and what is counted).
    """
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>{html.escape(chart_title(spec))}</title>\n"
        f"<meta name=\"description\" content=\"{html.escape(chart_description(spec))}\">\n"
        "<style>body{margin:24px;font-family:'Liberation Sans',Arial,Helvetica,sans-serif}</style>\n"
        "</head>\n<body>\n"
        f"{embed_html(spec, element='chart')}"
        "</body>\n</html>\n"
    )


@dataclass(frozen=True)
class Skipped:
    """A chart `publish` did not export, and why; shown in a notebook as one line."""

    name: str
    title: str
    reason: str

    def _repr_html_(self) -> str:
        return (f'<p class="ladfin-skipped"><em>{html.escape(self.title)}</em>: not drawn, '
                f"{html.escape(self.reason)}.</p>")

    def __repr__(self) -> str:
        return f"{self.title}: not drawn, {self.reason}."


def publish(chart: alt.TopLevelMixin, name: str, data: pd.DataFrame | None = None) -> alt.TopLevelMixin | Skipped:
    """Return `chart` for display; when $LADFIN_EXPORT_DIR is set, first save it there as `name`.

    `ladfin report` sets LADFIN_EXPORT_DIR for each notebook it runs, so a
    notebook calls `publish` on every chart and the report collects PNG, SVG,
    PDF, HTML, Vega-Lite JSON and the CSV behind it (`save_chart`). In
    JupyterLab the variable is unset and nothing is written.

    A chart whose table is empty is neither exported nor shown: `publish` returns
    a `Skipped` saying why, and adds it to skipped.json in the export directory,
    which the report lists.
    """
    table = chart_data(chart) if data is None else data
    directory = os.environ.get(EXPORT_ENV)
    if table is not None and table.empty:
        skipped = Skipped(name, chart_title(chart.to_dict()), NOTHING_DRAWN)
        if directory:
            record_skipped(Path(directory), skipped)
        return skipped
    if directory:
        save_chart(chart, Path(directory), name, data)
    return chart


def record_skipped(directory: Path, skipped: Skipped) -> Path:
    """Return `directory`/skipped.json, with `skipped` added (or replaced, under the same name)."""
    path = directory / SKIPPED
    directory.mkdir(parents=True, exist_ok=True)
    entries = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else []
    entries = [e for e in entries if e.get("name") != skipped.name] + [asdict(skipped)]
    path.write_text(json.dumps(entries, indent=2) + "\n", encoding="utf-8")
    return path


def publish_variants(build, *args, name: str, **kwargs) -> alt.TopLevelMixin | Skipped:
    """Return the analyst variant of a chart for display, after publishing both of its variants.

    `build` is a money or people builder; it is called twice with the same
    arguments, once per variant. The briefing variant is published as `name`
    (reports/latest/<notebook>/<name>.png is the chart to put in a briefing), the
    analyst variant as `name`-analyst.
    """
    publish(build(*args, variant="briefing", **kwargs), name)
    return publish(build(*args, variant="analyst", **kwargs), f"{name}-analyst")
