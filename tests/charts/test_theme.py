"""The briefing theme, number formats and the offline renderer (ladfin/charts/theme.py)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import altair as alt
import pandas as pd
import pytest

from ladfin.charts import theme


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


def test_renderer_is_interactive_offline_with_a_static_fallback():
    # behaviour changed on purpose: notebooks show interactive charts (tooltips, dropdowns), offline
    spec = alt.Chart(pd.DataFrame({"a": [1]})).mark_bar().encode(x="a").properties(title="T").to_dict()
    bundle = theme.render(spec)
    assert set(bundle) == {"text/html", "image/svg+xml", "text/plain"}
    page = bundle["text/html"]
    assert "vegaEmbed(" in page and "window.vegaEmbed" in page  # the scripts are inline
    assert "<script src=" not in page and "cdn.jsdelivr" not in page
    assert "data:image/svg+xml;base64," in page  # shown where scripts do not run
    ET.fromstring(bundle["image/svg+xml"])
    assert bundle["text/plain"] == "<chart: T>"


def test_a_report_run_sends_the_scripts_once(monkeypatch, tmp_path):
    monkeypatch.setenv("LADFIN_EXPORT_DIR", str(tmp_path / "nb"))
    spec = alt.Chart(pd.DataFrame({"a": [1]})).mark_bar().encode(x="a").to_dict()
    first, second = theme.render(spec)["text/html"], theme.render(spec)["text/html"]
    assert "window.vegaEmbed" in first and "window.vegaEmbed" not in second
    assert len(second) < 100_000


def test_bundled_font_renders_text():
    # an unknown font draws no text at all in vl-convert; the theme's draws glyphs
    import vl_convert as vlc

    def png(font: str) -> bytes:
        spec = alt.Chart(pd.DataFrame({"t": ["$1.2B"]})).mark_text(font=font, fontSize=30).encode(
            text="t").properties(width=100, height=40).to_dict()
        return vlc.vegalite_to_png(spec)

    assert len(png("Liberation Sans")) > 2 * len(png("No Such Font"))
