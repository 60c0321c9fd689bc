"""A person's view of a report run, in a real browser with the network off: the run's index.html and
an exported chart open from file:// with no console error and no request beyond the disk, the chart
draws as SVG, and hovering a bar shows its tooltip. Skipped, with the reason, where there is no
Chromium (CI installs Debian's package)."""

from __future__ import annotations

import pytest
from browser import Browser, missing_reason

pytestmark = [pytest.mark.slow, pytest.mark.skipif(missing_reason() is not None, reason=str(missing_reason()))]


@pytest.fixture(scope="module")
def browser():
    opened = Browser()
    yield opened
    opened.close()


def only_files(urls: list[str]) -> list[str]:
    return [url for url in urls if not url.startswith(("file://", "data:", "about:"))]


def test_the_run_index_opens_offline_with_every_thumbnail(browser, suite_run):
    browser.open((suite_run / "index.html").as_uri())
    assert browser.evaluate("document.title").startswith("ladfin report ")
    images = browser.wait_for("document.images.length && [...document.images].every(i => i.complete) "
                              "&& [...document.images].map(i => [i.alt, i.naturalWidth])")
    assert len(images) >= 20 and all(width > 0 and alt for alt, width in images)
    links = browser.evaluate("[...document.links].map(a => a.href)")
    assert any(link.endswith("10-assistance-over-time/per-event.pdf") for link in links)
    assert browser.errors() == [] and only_files(browser.requested()) == []


def test_an_exported_chart_draws_as_svg_and_shows_a_tooltip_on_hover(browser, suite_run):
    page = suite_run / "10-assistance-over-time" / "per-event.html"
    browser.open(page.as_uri())
    assert browser.evaluate("document.title") == "Assistance announced at each ministerial meeting"
    box = browser.wait_for("(() => { const bar = document.querySelector('#chart svg .mark-rect path');"
                           " if (!bar) return null; const r = bar.getBoundingClientRect();"
                           " return [r.x + r.width / 2, r.y + r.height / 2]; })()")
    texts = browser.evaluate("[...document.querySelectorAll('#chart svg text')].map(t => t.textContent)")
    assert any(text.startswith("$") for text in texts)  # the axis and the labels
    assert any("What is counted: new money announced, each announcement once." in text for text in texts)
    browser.move_mouse(*box)
    tooltip = browser.wait_for("(() => { const t = document.getElementById('vg-tooltip-element');"
                               " return t && t.classList.contains('visible') && t.textContent; })()")
    assert "Amount" in tooltip and "Event" in tooltip and "Documents" in tooltip
    assert browser.errors() == [] and only_files(browser.requested()) == []


def test_the_notebook_copy_draws_its_charts_offline(browser, suite_run):
    browser.open((suite_run / "10-assistance-over-time.html").as_uri())
    drawn = browser.wait_for("document.querySelectorAll('.ladfin-chart svg.marks').length")
    assert drawn >= 3
    assert browser.errors() == [] and only_files(browser.requested()) == []
