"""Chart export: every format written, document text kept as text, and every chart family
still drawing (and exporting) an empty selection (ladfin/charts/export.py)."""

from __future__ import annotations

import json
import struct
import xml.etree.ElementTree as ET

import altair as alt
import pandas as pd
import pytest
from chart_tables import SCRIPT, by_event, by_year, documents, figures, headcounts, pillar_actor

from ladfin import charts
from ladfin.errors import ParameterError


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def test_publish_without_export_dir_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.delenv(charts.EXPORT_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    chart = charts.counts_by(pd.DataFrame({"reason": ["date"]}), "reason", title="Reasons")
    assert charts.publish(chart, "reasons") is chart
    assert list(tmp_path.iterdir()) == []


def test_publish_exports_every_format(tmp_path, monkeypatch):
    monkeypatch.setenv(charts.EXPORT_ENV, str(tmp_path / "out"))
    chart = charts.figure_points(figures(), documents())
    assert charts.publish(chart, "points") is chart
    out = tmp_path / "out"
    assert sorted(p.name for p in out.iterdir()) == sorted(f"points.{ext}" for ext in charts.EXPORT_FORMATS)
    width, height = png_size((out / "points.png").read_bytes())
    svg = ET.parse(out / "points.svg").getroot()
    assert width == pytest.approx(2 * float(svg.get("width")), abs=2)  # scale 2
    assert height > 100
    assert (out / "points.pdf").read_bytes().startswith(b"%PDF")
    spec = json.loads((out / "points.vl.json").read_text())
    assert spec["vconcat"][0]["title"]["text"] == "Every figure behind the totals"
    table = pd.read_csv(out / "points.csv")
    assert len(table) == 3 and "quote" in table


def test_document_text_stays_text_in_every_export(tmp_path):
    # a quote and a label carrying markup: exported HTML shows it, never runs it
    table = pd.DataFrame({"reason": [SCRIPT, "date"]})
    written = charts.save_chart(charts.counts_by(table, "reason", title="Reasons"), tmp_path, "reasons")
    written += charts.save_chart(charts.figure_points(figures(), documents()), tmp_path, "points")
    for path in written:
        if path.suffix in (".html", ".json"):
            text = path.read_text()
            assert SCRIPT not in text and "</script><script>" not in text
    html = (tmp_path / "points.html").read_text()
    assert "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e" in html
    svg = ET.parse(tmp_path / "reasons.svg").getroot()
    texts = [t.text for t in svg.iter("{http://www.w3.org/2000/svg}text")]
    assert SCRIPT in texts and not list(svg.iter("{http://www.w3.org/2000/svg}script"))
    assert json.loads((tmp_path / "points.vl.json").read_text())  # still valid JSON


def test_offline_html_embeds_the_libraries():
    html = charts.offline_html(alt.Chart(pd.DataFrame({"a": [1]})).mark_bar().encode(x="a").to_dict())
    assert "vegaEmbed(" in html and "cdn.jsdelivr" not in html and len(html) > 100_000


def test_chart_names_are_checked(tmp_path):
    with pytest.raises(ParameterError, match="chart name"):
        charts.save_chart(charts.counts_by(pd.DataFrame({"r": ["a"]}), "r", title="t"), tmp_path, "../evil")


# ---------------------------------------------------------------- empty selections

@pytest.mark.parametrize(
    "build",
    [
        lambda: charts.assistance_by_year(by_year().iloc[:0], color="actor", years=[2024]),
        lambda: charts.assistance_by_event(by_event().iloc[:0]),
        lambda: charts.assistance_by_category(pillar_actor().iloc[:0], "pillar"),
        lambda: charts.pillar_actor_grid(pillar_actor().iloc[:0]),
        lambda: charts.people_by_year(headcounts().iloc[:0], years=[2024]),
        lambda: charts.people_grid(headcounts().iloc[:0]),
        lambda: charts.figure_points(figures().iloc[:0], documents()),
        lambda: charts.parts_vs_totals(figures().iloc[:0]),
        lambda: charts.counts_by(pd.DataFrame({"flag": pd.Series([], dtype="string")}), "flag", title="Flags"),
    ],
)
def test_an_empty_selection_still_draws(build, tmp_path):
    # valid parameters can select nothing (a status absent from a year): the chart says so, empty
    chart = build()
    spec = chart.to_dict()
    json.dumps(spec, allow_nan=False)
    charts.save_chart(chart, tmp_path, "empty")
    assert (tmp_path / "empty.png").stat().st_size > 0


# ---------------------------------------------------------------- titles, alt text, skipped, same bytes

def test_every_export_carries_the_title_and_what_is_counted(tmp_path):
    chart = charts.assistance_by_event(by_event())
    charts.save_chart(chart, tmp_path, "events")
    title = "Assistance announced at each ministerial meeting"
    page = (tmp_path / "events.html").read_text()
    assert f"<title>{title}</title>" in page
    assert f'aria-label="{title}. What is counted: money announced' in page
    assert "renderer: 'svg'" in page  # the browser draws SVG, which carries the labels as text
    svg = ET.parse(tmp_path / "events.svg").getroot()
    named = {el.tag.split("}")[1]: el.text for el in svg if el.tag.endswith(("title", "desc"))}
    assert named["title"] == title and named["desc"].startswith(f"{title}. What is counted")
    png = (tmp_path / "events.png").read_bytes()
    assert b"iTXtTitle\x00\x00\x00\x00\x00" + title.encode() in png
    assert b"iTXtDescription" in png
    png_size(png)  # still a valid PNG


def test_an_export_is_the_same_bytes_every_time(tmp_path):
    chart = charts.figure_points(figures(), documents())
    first = {p.name: p.read_bytes() for p in charts.save_chart(chart, tmp_path / "a", "points")}
    second = {p.name: p.read_bytes() for p in charts.save_chart(chart, tmp_path / "b", "points")}
    assert first == second


def test_a_pdf_is_rendered_until_its_fonts_come_in_one_order():
    calls = iter([b"\n2 0 obj\n<<\n  /BaseFont /AAAAAA+Sans\n>>\n1 0 obj\n<<\n  /BaseFont /BBBBBB+Sans-Bold\n>>",
                  b"\n1 0 obj\n<<\n  /BaseFont /AAAAAA+Sans\n>>\n2 0 obj\n<<\n  /BaseFont /BBBBBB+Sans-Bold\n>>"])
    pdf = charts.export.stable_pdf(lambda: next(calls))
    assert pdf.index(b"1 0 obj") < pdf.index(b"Sans-Bold")


def test_an_empty_chart_is_not_exported_and_the_run_is_told_why(tmp_path, monkeypatch):
    monkeypatch.setenv(charts.EXPORT_ENV, str(tmp_path))
    empty = charts.counts_by(pd.DataFrame({"flag": pd.Series([], dtype="string")}), "flag", title="Flags")
    shown = charts.publish(empty, "flags")
    assert isinstance(shown, charts.Skipped) and "not drawn, no row matches the parameters" in repr(shown)
    assert "&lt;" not in shown._repr_html_() and "<em>Flags</em>" in shown._repr_html_()
    assert json.loads((tmp_path / "skipped.json").read_text()) == [
        {"name": "flags", "title": "Flags", "reason": "no row matches the parameters"}]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["skipped.json"]


def test_publish_variants_exports_the_briefing_chart_under_the_plain_name(tmp_path, monkeypatch):
    monkeypatch.setenv(charts.EXPORT_ENV, str(tmp_path))
    shown = charts.publish_variants(charts.assistance_by_event, by_event(), name="per-event")
    assert {p.name for p in tmp_path.glob("*.png")} == {"per-event.png", "per-event-analyst.png"}
    briefing = json.loads((tmp_path / "per-event.vl.json").read_text())
    assert {layer["mark"]["type"] for layer in briefing["vconcat"][0]["layer"]} == {"bar", "text"}
    assert "rule" in {layer["mark"]["type"] for layer in shown.to_dict()["vconcat"][0]["layer"]}  # the analyst's
