"""Tables for reading: formatted cells, and figures linked to their documents and spans
(ladfin/charts/readable.py)."""

from __future__ import annotations

import os

import pandas as pd
from chart_tables import SCRIPT, figures

from ladfin import charts, paths


def test_readable_writes_money_people_dates_and_text_as_briefings_do():
    table = pd.DataFrame({
        "amount_usd": [1.287e9, None], "headline_usd": [686e6, 5.0], "people_high": [547_000.0, None],
        "kind": ["money", "people"], "unit": ["CAD", "person"], "value": [75e6, 21_000.0],
        "published": pd.to_datetime(["2024-05-07", None]), "quote": ["$75 million\n  Canadian dollars", None],
        "agrees": pd.array([True, None], dtype="boolean"), "start": pd.array([10, None], dtype="Int64"),
    })
    readable = charts.readable(table)
    assert readable.to_dict("records") == [
        {"amount_usd": "$1.29B", "headline_usd": "$686M", "people_high": "547K", "kind": "money", "unit": "CAD",
         "value": "75M CAD", "published": "2024-05-07", "quote": "$75 million Canadian dollars", "agrees": "yes",
         "start": "10"},
        {"amount_usd": "", "headline_usd": "$5", "people_high": "", "kind": "people", "unit": "person",
         "value": "21K", "published": "", "quote": "", "agrees": "", "start": ""},
    ]
    assert "<NA>" not in readable.to_string() and "NaT" not in readable.to_string()


def test_readable_leaves_its_table_alone_and_cuts_prose_when_asked():
    table = pd.DataFrame({"sentence": ["one two three four five six"], "amount_usd": [1e6]})
    assert charts.readable(table, width=12)["sentence"].tolist() == ["one two\u2026"]
    assert table["amount_usd"].tolist() == [1e6]


def test_traced_links_each_quote_to_its_document_and_marks_it_in_its_sentence(monkeypatch, tmp_path):
    monkeypatch.delenv(charts.EXPORT_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    page = charts.traced(figures(), ["doc", "quote", "sentence"])._repr_html_()
    assert SCRIPT not in page and "&lt;script&gt;" in page  # document text stays text
    href = os.path.relpath(paths.raw_dir() / "a.txt", tmp_path)
    assert f'<a href="{href}#:~:text=%24686%20million%20%3Cscript%3E' in page
    assert "<mark>$686 million &lt;script&gt;alert(1)&lt;/script&gt;</mark>" in page
    assert ">a.txt:10-" in page.replace(f'<a href="{href}">', "")  # the span, next to the quote


def test_a_report_copy_links_from_its_run_folder(monkeypatch, tmp_path):
    monkeypatch.setenv(charts.EXPORT_ENV, str(tmp_path / "run" / "40-country-profile"))
    assert charts.raw_href("a b.txt") == "/".join(
        [*os.path.relpath(paths.raw_dir(), tmp_path / "run").split(os.sep), "a%20b.txt"])
