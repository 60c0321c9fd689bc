"""Reference tables: a broken row is refused with its file and line."""

from __future__ import annotations

import shutil

import pytest

from ladfin import paths
from ladfin.errors import ReferenceDataError
from ladfin.reference.vocabulary import vocabulary


@pytest.fixture
def reference(tmp_path, monkeypatch):
    """A project root whose data/reference is a copy of the shipped tables."""
    target = tmp_path / "data" / "reference"
    shutil.copytree(paths.reference_dir(), target)
    monkeypatch.setenv("LADFIN_ROOT", str(tmp_path))
    return target


@pytest.mark.parametrize(("table", "row"), [("boilerplate", "(?:unclosed,oops\n"), ("pillars", "([a-z,1,\n")])
def test_a_pattern_that_does_not_compile_names_its_file_and_line(reference, table, row):
    path = reference / f"{table}.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines) + row, encoding="utf-8")
    with pytest.raises(ReferenceDataError) as caught:
        vocabulary("en")
    message = str(caught.value)
    assert f"{table}.csv: line {len(lines) + 1}:" in message
    assert "does not compile" in message


def test_a_new_boilerplate_line_is_masked_as_a_whole_line(reference):
    with (reference / "boilerplate.csv").open("a", encoding="utf-8") as fh:
        fh.write("subscribe to (?:our )?updates,newsletter box\n")
    from ladfin.extract.layout import read_layout

    text = "Canada gave C$5 million.\n  Subscribe to our updates  \nIt said subscribe to updates daily.\n"
    layout = read_layout(text, vocabulary("en"))
    assert [(s.reason, text[s.start:s.end].strip()) for s in layout.masked] == [
        ("boilerplate", "Subscribe to our updates")
    ]


def test_a_row_split_by_an_unquoted_comma_is_refused_with_its_file_and_line(reference):
    # "[0-9]{1,3}" unquoted is two cells: the rule would match the text "[0-9]{1" and nothing else
    path = reference / "boilerplate.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines) + "page [0-9]{1,3},page number\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=rf"boilerplate.csv: line\(s\) \[{len(lines) + 1}\] hold more or "
                                                 r"fewer cells than the header \(line, note\); quote a cell"):
        vocabulary("en")


def test_a_separator_line_of_dashes_is_masked_as_site_chrome():
    # boilerplate.csv's "[-*_=]{3,}" (quoted: it holds a comma)
    from ladfin.extract.layout import read_layout

    text = "Canada gave C$5 million.\n-----\nIt said so.\n"
    layout = read_layout(text, vocabulary("en"))
    assert [text[s.start:s.end].strip() for s in layout.masked if s.reason == "boilerplate"] == ["-----"]
