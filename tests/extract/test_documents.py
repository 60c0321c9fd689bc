"""Reading documents and checking the catalog: clear errors naming file and problem."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import pytest

from ladfin.extract.documents import CATALOG_COLUMNS, read_catalog, read_document
from ladfin.errors import CatalogError, DocumentError

RAW = Path(__file__).resolve().parents[1] / "data" / "founding" / "data" / "raw"


def test_an_empty_file_is_refused_by_name(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("  \n")
    with pytest.raises(DocumentError, match=r"empty\.txt: file is empty"):
        read_document(path)


def test_a_binary_file_is_refused(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(b"%PDF-1.4\x00\x01\x02")
    with pytest.raises(DocumentError, match=r"scan\.pdf: looks binary"):
        read_document(path)


def test_a_file_that_is_not_utf8_is_refused_with_the_byte(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Se destinaron 5 millones de pesos a la niñez".encode("latin-1"))
    with pytest.raises(DocumentError, match=r"latin1\.txt: not UTF-8 \(byte 41"):
        read_document(path)


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(DocumentError, match="not found"):
        read_document(tmp_path / "nowhere.txt")


def _catalog_tree(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    text = "Belize registered 2,000 asylum seekers.\n"
    (raw / "a.txt").write_text(text)
    row = {c: "" for c in CATALOG_COLUMNS}
    row.update(id="a", file="a.txt", title="A", publisher="P", kind="primary", language="en",
               event_id="e1", event_date="2023-06-23",
               sha256=hashlib.sha256(text.encode()).hexdigest())
    _write(raw / "catalog.csv", [row])
    return raw / "catalog.csv"


def _write(path: Path, rows: list[dict]) -> None:
    with path.open("w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=CATALOG_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)


def _rows(path: Path) -> list[dict]:
    with path.open(newline="") as fh:
        return list(csv.DictReader(fh))


def test_the_real_catalog_matches_its_files():
    assert len(read_catalog(RAW / "catalog.csv")) == 5


def test_a_good_fixture_catalog_loads(tmp_path):
    assert read_catalog(_catalog_tree(tmp_path))[0]["file"] == "a.txt"


def test_every_catalog_problem_is_listed_at_once_with_file_and_field(tmp_path):
    catalog = _catalog_tree(tmp_path)
    row = _rows(catalog)[0]
    broken = [
        {**row, "sha256": "0" * 64},                                  # wrong hash
        {**row, "file": "gone.txt"},                                  # entry with no file
        {**row, "id": "b", "file": "a.txt", "event_date": "23/06/2023"},  # bad date
        {**row, "kind": "tertiary"},                                  # unknown kind, repeated id
    ]
    _write(catalog, broken)
    (catalog.parent / "orphan.txt").write_text("no entry for me")
    with pytest.raises(CatalogError) as info:
        read_catalog(catalog)
    message = str(info.value)
    assert "line 2 (a.txt): sha256 does not match" in message
    assert "line 3 (gone.txt): file not found" in message
    assert "line 4 (a.txt): event_date '23/06/2023' is not a date" in message
    assert "line 5 (a.txt): kind 'tertiary'" in message
    assert "id 'a' repeats line 2" in message
    assert "orphan.txt: file has no catalog entry" in message


def test_a_catalog_missing_a_column_says_which(tmp_path):
    catalog = _catalog_tree(tmp_path)
    catalog.write_text("id,file\na,a.txt\n")
    with pytest.raises(CatalogError, match="missing column.*title"):
        read_catalog(catalog)


def test_a_missing_event_date_keeps_the_figures_and_flags_them(tmp_path, monkeypatch):
    from ladfin.tables import build_tables
    from ladfin.extract.documents import load_all

    catalog = _catalog_tree(tmp_path)
    _write(catalog, [{**_rows(catalog)[0], "event_date": ""}])
    figures = build_tables(load_all(catalog))["figures"]
    assert figures["value"].tolist() == [2000]
    assert "no_event_date" in figures["flag"].iloc[0]


def test_front_matter_that_does_not_parse_names_the_file():
    from ladfin.extract.figures import extract_figures

    with pytest.raises(DocumentError, match=r"note\.md: YAML front matter does not parse"):
        extract_figures("---\ntitle: [unclosed\n---\nText with 5 refugees.\n", doc="note.md")


def test_a_markdown_rule_pair_is_not_front_matter():
    from ladfin.extract.figures import extract_figures

    figures = extract_figures("---\nJust a line\n---\nPeru hosts 3,000 refugees.\n")
    assert figures["value"].tolist() == [3000]
