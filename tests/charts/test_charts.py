"""Chart builders, theme and exports, tested through chart.to_dict() and the files written.

The tables here are small ones we wrote, shaped as `ladfin.assistance`,
`ladfin.headcounts` and the figures table return them.
"""

from __future__ import annotations

import json
import struct
import xml.etree.ElementTree as ET

import altair as alt
import pandas as pd
import pytest

from ladfin import charts
from ladfin.charts import theme
from ladfin.errors import LadfinError, ParameterError

SCRIPT = "<script>alert(1)</script>"
SOURCES = ["Sources: The White House (1 document, 2024)."]


def by_year() -> pd.DataFrame:
    # two actors over two years; one range, one assumed currency
    return pd.DataFrame({
        "year": [2022, 2022, 2024],
        "actor": ["USA", "CAN", "USA"],
        "amount_usd": [579e6, 40.9e6, 1.287e9],
        "amount_usd_low": [579e6, 40.9e6, 1.287e9],
        "amount_usd_high": [634.4e6, 40.9e6, 1.3556e9],
        "announcements": [3, 1, 4],
        "has_assumed_currency": [False, True, False],
    })


def by_event() -> pd.DataFrame:
    # events listed out of date order: the chart must sort them by date
    return pd.DataFrame({
        "year": [2024, 2022],
        "event_id": ["b", "a"],
        "event_name": ["Fourth Ministerial", "First Ministerial"],
        "event_date": pd.to_datetime(["2024-09-25", "2022-10-06"]),
        "amount_usd": [686e6, 620e6],
        "amount_usd_low": [686e6, 620e6],
        "amount_usd_high": [None, 675e6],   # open above: "more than"
        "announcements": [1, 4],
        "has_assumed_currency": [False, False],
    })


def pillar_actor() -> pd.DataFrame:
    return pd.DataFrame({
        "year": [2022, 2022, 2024],
        "pillar": [0, 1, 1],
        "actor": ["USA", "CAN", "USA"],
        "amount_usd": [240e6, 40.9e6, 20e6],
        "amount_usd_low": [240e6, 40.9e6, 20e6],
        "amount_usd_high": [264e6, 40.9e6, 20e6],
        "announcements": [1, 1, 1],
        "has_assumed_currency": [False, True, False],
    })


def headcounts() -> pd.DataFrame:
    return pd.DataFrame({
        "year": [2022, 2024, 2024],
        "status": ["advancing", "target", None],
        "actor": ["ECU", "COL", "USA"],
        "people": [829_500.0, 1_200_000.0, 100_000.0],
        "people_low": [757_050.0, 1_080_000.0, 100_000.0],
        "people_high": [912_450.0, 1_260_000.0, 100_000.0],
        "announcements": [4, 2, 1],
    })


def documents() -> pd.DataFrame:
    return pd.DataFrame({
        "doc": ["a.txt", "b.txt"],
        "title": ["Fact sheet " + SCRIPT, "Lima"],
        "publisher": ["The White House", "U.S. Department of State"],
        "published": pd.to_datetime(["2024-09-26", None]),
        "event_name": ["Fourth Ministerial", "First Ministerial"],
        "event_date": pd.to_datetime(["2024-09-25", "2022-10-06"]),
    })


def figures() -> pd.DataFrame:
    # one quote carries markup: it must reach every output as text
    return pd.DataFrame({
        "doc": ["a.txt", "b.txt", "b.txt"],
        "start": [10, 20, 30],
        "quote": [f"$686 million {SCRIPT}", "$55.9 million", "$817 million"],
        "qualifier": ["over", "exact", "under"],
        "actor": ["USA", "CAN", "USA"],
        "pillar": [0, 1, 1],
        "status": ["new", None, "new"],
        "role": ["single", "single", "total"],
        "currency_assumed": [False, True, False],
        "amount_usd": [686e6, 40.9e6, 817e6],
        "parts_sum_usd": [None, None, 575e6],
        "parts_add_up": [None, None, False],
    })


def inner(chart) -> dict:
    """Return the titled chart's body (the first vconcat entry) from its spec."""
    return chart.to_dict()["vconcat"][0]


def marks(spec: dict) -> list[str]:
    return [layer["mark"]["type"] for layer in spec["layer"]]


# ---------------------------------------------------------------- formats and theme

@pytest.mark.parametrize(
    ("value", "usd", "people"),
    [
        (1_200_000_000, "$1.2B", "1.2B people"),
        (1_234_000_000, "$1.23B", "1.23B people"),
        (578_000_000, "$578M", "578M people"),
        (55_900_000, "$55.9M", "55.9M people"),
        (547_000, "$547K", "547K people"),
        (999_999, "$1M", "1M people"),
        (53, "$53", "53 people"),
        (1, "$1", "1 person"),
        (0, "$0", "0 people"),
        (None, "", ""),
        (float("nan"), "", ""),
        (pd.NA, "", ""),
    ],
)
def test_formats(value, usd, people):
    assert (theme.format_usd(value), theme.format_people(value)) == (usd, people)


def test_axis_labels_use_d3_format_with_b_for_billions():
    assert theme.USD_LABELS == "replace(replace(format(datum.value, '$.3~s'), 'G', 'B'), 'k', 'K')"


def test_axis_labels_render_as_the_python_formats():
    # the Vega expression and format_usd agree: render an axis and read its labels
    import vl_convert as vlc

    data = pd.DataFrame({"x": [0, 1.2e9]})
    chart = alt.Chart(data).mark_point().encode(
        x=alt.X("x:Q", axis=alt.Axis(labelExpr=theme.USD_LABELS, values=[0, 547e3, 578e6, 1.2e9])))
    root = ET.fromstring(vlc.vegalite_to_svg(chart.to_dict()))
    texts = {t.text for t in root.iter("{http://www.w3.org/2000/svg}text")}
    assert {theme.format_usd(v) for v in (547e3, 578e6, 1.2e9)} <= texts


def test_theme_is_registered_and_active():
    assert theme.THEME in alt.theme.names()
    assert alt.theme.active == theme.THEME
    config = alt.Chart(pd.DataFrame({"a": [1]})).mark_bar().encode(x="a").to_dict()["config"]
    assert config["font"].startswith("Liberation Sans")  # bundled by vl-convert
    assert config["range"]["category"] == list(theme.OKABE_ITO)


def test_renderer_emits_svg_and_no_html():
    bundle = theme.render(alt.Chart(pd.DataFrame({"a": [1]})).mark_bar().encode(x="a").to_dict())
    assert set(bundle) == {"image/svg+xml", "text/plain"}
    ET.fromstring(bundle["image/svg+xml"])


def test_bundled_font_renders_text():
    # an unknown font draws no text at all in vl-convert; the theme's draws glyphs
    import vl_convert as vlc

    def png(font: str) -> bytes:
        spec = alt.Chart(pd.DataFrame({"t": ["$1.2B"]})).mark_text(font=font, fontSize=30).encode(
            text="t").properties(width=100, height=40).to_dict()
        return vlc.vegalite_to_png(spec)

    assert len(png("Liberation Sans")) > 2 * len(png("No Such Font"))


# ---------------------------------------------------------------- words

def test_dollars_note():
    assert charts.dollars_note("nominal").startswith("Nominal US dollars")
    assert "Constant 2023 US dollars" in charts.dollars_note("constant", 2023)
    assert "average exchange rate" in charts.dollars_note(fx_policy="annual_average")


@pytest.mark.parametrize(("dollars", "policy", "match"),
                         [("real", "on_date", "dollars 'real'"), ("nominal", "spot", "fx_policy 'spot'")])
def test_dollars_note_rejects_unknown_words(dollars, policy, match):
    with pytest.raises(ParameterError, match=match):
        charts.dollars_note(dollars, fx_policy=policy)


def test_source_lines_name_each_publisher_and_wrap():
    lines = charts.source_lines(documents(), width=60)
    text = " ".join(lines)
    assert lines[0].startswith("Sources: ")
    assert "The White House (1 document, 2024)" in text and "U.S. Department of State (1 document, 2022)" in text
    assert all(len(line) <= 60 for line in lines)
    assert charts.source_lines(documents(), ["b.txt"])[0].startswith("Sources: U.S. Department of State")


@pytest.mark.parametrize(
    ("value", "low", "high", "bound"),
    [
        (10.0, 10.0, 10.0, "exact"),
        (10.0, None, None, "exact"),
        (10.0, 10.0, 11.0, "range"),
        (10.0, 9.0, 10.0, "range"),
        (10.0, 10.0, None, "more than (lower bound)"),
        (10.0, 10.0, float("inf"), "more than (lower bound)"),
        (10.0, None, 10.0, "less than (upper bound)"),
    ],
)
def test_bounds(value, low, high, bound):
    got = charts.bounds(pd.Series([value]), pd.Series([low], dtype=float), pd.Series([high], dtype=float))
    assert got.tolist() == [bound]


# ---------------------------------------------------------------- money charts

def test_assistance_by_year():
    chart = charts.assistance_by_year(by_year(), color="actor", years=range(2022, 2025), sources=SOURCES)
    spec = chart.to_dict()
    body = spec["vconcat"][0]
    assert marks(body) == ["bar", "rule", "point"]
    bars = body["layer"][0]["encoding"]
    assert (bars["x"]["field"], bars["x"]["type"]) == ("year", "ordinal")
    assert bars["x"]["scale"]["domain"] == [2022, 2023, 2024]  # the empty year stays on the axis
    assert (bars["y"]["field"], bars["y"]["type"]) == ("amount_usd", "quantitative")
    assert bars["y"]["axis"]["labelExpr"] == theme.USD_LABELS
    assert bars["color"]["field"] == "actor_name" and bars["xOffset"]["field"] == "actor_name"
    assert bars["opacity"]["field"] == "currency"  # one amount rests on an assumed currency
    ranges = body["layer"][1]["encoding"]
    assert (ranges["y"]["field"], ranges["y2"]["field"]) == ("range_low", "range_high")
    assert body["title"]["text"] == "Assistance announced, by year"
    assert body["title"]["subtitle"][0].startswith("Nominal US dollars")
    footnote = spec["title"]
    assert footnote["orient"] == "bottom" and footnote["text"][-1] == SOURCES[0]
    tooltips = {t["field"] for t in bars["tooltip"]}
    assert {"year", "actor_name", "label", "range_label", "announcements", "currency"} <= tooltips


def test_assistance_by_year_in_constant_dollars_says_so():
    chart = charts.assistance_by_year(by_year(), dollars="constant", base_year=2024)
    assert inner(chart)["title"]["subtitle"][0].startswith("Constant 2024 US dollars")


def test_no_currency_legend_without_assumed_currency():
    table = by_year().assign(has_assumed_currency=False)
    assert "opacity" not in inner(charts.assistance_by_year(table))["layer"][0]["encoding"]


def test_assistance_by_event_sorts_by_date_and_marks_lower_bounds():
    chart = charts.assistance_by_event(by_event())
    body = inner(chart)
    bars = body["layer"][0]["encoding"]
    assert bars["y"]["sort"] == ["First Ministerial (Oct 2022)", "Fourth Ministerial (Sep 2024)"]
    assert bars["x"]["field"] == "amount_usd"
    data = charts.chart_data(chart)
    assert data.set_index("event_name").loc["Fourth Ministerial", "bound"] == "more than (lower bound)"
    assert body["layer"][2]["encoding"]["shape"]["field"] == "bound"
    notes = chart.to_dict()["title"]["text"]
    assert any("Triangles" in line for line in notes) and any("Lines span the bounds" in line for line in notes)


def test_assistance_by_category_sums_years_and_keeps_bounds():
    chart = charts.assistance_by_category(pillar_actor(), "actor")
    data = charts.chart_data(chart).set_index("actor")
    assert data.loc["USA", "amount_usd"] == pytest.approx(260e6)
    assert data.loc["USA", "amount_usd_high"] == pytest.approx(284e6)
    assert inner(chart)["layer"][0]["encoding"]["y"]["sort"][0] == "United States"


def test_pillar_actor_grid():
    chart = charts.pillar_actor_grid(pillar_actor())
    body = inner(chart)
    assert marks(body) == ["rect", "text"]
    assert body["layer"][0]["encoding"]["color"]["field"] == "amount_usd"
    enc = body["layer"][0]["encoding"]
    assert (enc["x"]["field"], enc["y"]["field"]) == ("pillar_name", "actor_name")
    data = charts.chart_data(chart)
    cells = dict(zip(zip(data["actor"], data["pillar"]), data["cell"]))
    assert cells[("USA", 0)] == "$240M+"  # "more than": bounds above the value
    assert cells[("USA", 1)] == "$20M" and cells[("CAN", 1)] == "$40.9M*"


def test_missing_column_is_named():
    with pytest.raises(LadfinError, match="lacks column.*amount_usd"):
        charts.assistance_by_year(by_year().drop(columns="amount_usd"))


# ---------------------------------------------------------------- people charts

def test_people_by_year_colours_statuses_consistently():
    chart = charts.people_by_year(headcounts(), color="status")
    bars = inner(chart)["layer"][0]["encoding"]
    assert bars["y"]["axis"]["labelExpr"] == theme.COUNT_LABELS
    scale = bars["color"]["scale"]
    colours = dict(zip(scale["domain"], scale["range"]))
    assert colours["target"] == charts.STATUS_COLOURS["target"]
    assert colours[charts.NO_STATUS] == charts.STATUS_COLOURS[charts.NO_STATUS]


def test_people_grid():
    chart = charts.people_grid(headcounts())
    body = inner(chart)
    assert marks(body) == ["rect", "text"]
    data = charts.chart_data(chart)
    assert set(data["status_name"]) == {"advancing existing", "target", charts.NO_STATUS}
    assert set(data["actor_name"]) >= {"Ecuador", "Colombia"}


# ---------------------------------------------------------------- figure charts

def test_figure_points_tooltips_carry_quote_document_event():
    chart = charts.figure_points(figures(), documents(), color="role")
    body = inner(chart)
    filled, hollow = body["layer"]
    assert (filled["mark"]["filled"], hollow["mark"]["filled"]) == (True, False)
    enc = filled["encoding"]
    assert enc["x"]["scale"]["type"] == "log"
    assert enc["shape"]["field"] == "hedge" and enc["color"]["field"] == "role_name"
    assert {"quote_text", "document", "event", "label", "hedge"} <= {t["field"] for t in enc["tooltip"]}
    data = charts.chart_data(chart)
    assert data["currency"].tolist().count(list(charts.CURRENCY_LEGEND)[1]) == 1
    assert any("Hollow points" in line for line in chart.to_dict()["title"]["text"])


def test_figure_points_rejects_unknown_grouping():
    with pytest.raises(ParameterError, match="by and color"):
        charts.figure_points(figures(), documents(), by="colour")


def test_parts_vs_totals_and_counts_by():
    chart = charts.parts_vs_totals(figures())
    data = charts.chart_data(chart)
    assert sorted(data["measure"]) == ["sum of its parts", "total as announced"]
    assert "parts do not add up" in set(data["check"])
    counted = charts.chart_data(charts.counts_by(pd.DataFrame({"reason": ["date", "date", "year"]}), "reason",
                                                 title="Reasons"))
    assert dict(zip(counted["reason"], counted["rows"])) == {"date": 2, "year": 1}


# ---------------------------------------------------------------- export

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
