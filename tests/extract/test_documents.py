"""Reading documents and checking the catalog: clear errors naming file and problem."""

from __future__ import annotations

import csv
import errno
import hashlib
import os
import threading
from pathlib import Path

import pytest

from ladfin.extract.documents import CATALOG_COLUMNS, read_catalog, read_document
from ladfin.errors import CatalogError, DocumentError, ParameterError

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
        {**row, "id": "c", "file": "a.txt", "published": "2023-06"},   # a month: a date, no problem
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
    assert "line 6" not in message  # "2023-06": June 2023, the day not known
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


# ---------------------------------------------------------------- catalog paths stay inside data/raw

@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("/etc/passwd", "is an absolute path"),
        ("C:\\Users\\me\\a.txt", "is an absolute path"),
        ("../outside.txt", "contains '..'"),
        ("..", "contains '..'"),
        ("sub/a.txt", "contains a path separator"),
        ("sub\\a.txt", "contains a path separator"),
        ("a\nb.txt", "contains a control character"),
    ],
)
def test_a_catalog_file_outside_data_raw_is_refused_naming_line_and_value(tmp_path, value, why):
    catalog = _catalog_tree(tmp_path)
    (tmp_path / "outside.txt").write_text("Not a catalogued document: 7 refugees.\n")
    row = _rows(catalog)[0]
    _write(catalog, [row, {**row, "id": "b", "file": value}])
    with pytest.raises(CatalogError) as info:
        read_catalog(catalog)
    message = str(info.value)
    assert f"line 3: file {value!r} {why}; give the name of a file directly inside" in message
    assert "line 3" not in message.replace(f"line 3: file {value!r}", "")  # not hashed or looked for


def test_a_link_in_data_raw_to_a_file_outside_is_refused(tmp_path):
    catalog = _catalog_tree(tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text("Kept outside data/raw: 9 refugees.\n")
    (catalog.parent / "link.txt").symlink_to(secret)
    row = _rows(catalog)[0]
    _write(catalog, [row, {**row, "id": "b", "file": "link.txt"}])
    with pytest.raises(CatalogError, match=r"line 3: file 'link.txt' resolves to .*secret\.txt, not a file inside"):
        read_catalog(catalog)


def test_the_folder_itself_and_a_link_to_it_are_refused(tmp_path):
    # Neither names a file: "." is the folder, and a link to the folder resolves to it.
    catalog = _catalog_tree(tmp_path)
    (catalog.parent / "here").symlink_to(catalog.parent, target_is_directory=True)
    row = _rows(catalog)[0]
    _write(catalog, [row, {**row, "id": "b", "file": "."}, {**row, "id": "c", "file": "here"}])
    with pytest.raises(CatalogError) as info:
        read_catalog(catalog)
    inside = catalog.parent.resolve()
    assert f"line 3: file '.' resolves to {inside}, not a file inside" in str(info.value)
    assert f"line 4: file 'here' resolves to {inside}, not a file inside" in str(info.value)


def test_a_link_between_files_of_data_raw_is_allowed(tmp_path):
    catalog = _catalog_tree(tmp_path)
    (catalog.parent / "alias.txt").symlink_to("a.txt")
    row = _rows(catalog)[0]
    _write(catalog, [row, {**row, "id": "b", "file": "alias.txt"}])
    assert [r["file"] for r in read_catalog(catalog)] == ["a.txt", "alias.txt"]


# ---------------------------------------------------------------- how a catalog is saved

def test_a_catalog_saved_with_a_utf8_byte_order_mark_reads_like_one_without(tmp_path):
    catalog = _catalog_tree(tmp_path)
    catalog.write_bytes(b"\xef\xbb\xbf" + catalog.read_bytes())  # Excel's "CSV UTF-8"
    rows = read_catalog(catalog)
    assert (rows[0]["id"], rows[0]["file"]) == ("a", "a.txt")


def test_a_catalog_with_only_its_header_says_no_documents_are_listed(tmp_path):
    catalog = _catalog_tree(tmp_path)
    _write(catalog, [])
    with pytest.raises(CatalogError, match=r"catalog\.csv: no documents listed; add a row for each file in") as info:
        read_catalog(catalog)
    assert "\n" not in str(info.value)


def test_a_utf16_catalog_is_refused_with_how_to_fix_it(tmp_path):
    catalog = _catalog_tree(tmp_path)
    catalog.write_bytes(catalog.read_text().encode("utf-16"))
    with pytest.raises(CatalogError, match=r"catalog\.csv: UTF-16 encoded; re-save it as UTF-8"):
        read_catalog(catalog)


# ---------------------------------------------------------------- wide encodings and size

@pytest.mark.parametrize(
    ("encoding", "name"),
    [("utf-16", "UTF-16"), ("utf-16-be", "UTF-16"), ("utf-32", "UTF-32")],
)
def test_a_document_saved_as_utf16_or_utf32_says_so(tmp_path, encoding, name):
    path = tmp_path / "notepad.txt"
    bom = {"utf-16-be": b"\xfe\xff"}.get(encoding, b"")  # the -be codec writes no mark of its own
    path.write_bytes(bom + "Peru hosts 1.5 million Venezuelans.\n".encode(encoding))
    with pytest.raises(DocumentError, match=rf"notepad\.txt: {name} encoded; re-save it as UTF-8"):
        read_document(path)


def test_a_document_over_the_size_limit_names_its_size_and_how_to_raise_the_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"Peru hosts 5 refugees.\n" * 100_000)  # 2,300,000 bytes: 2.19 MB of 2**20 bytes
    with pytest.raises(DocumentError, match=r"big\.txt: 2\.19 MB \(2300000 bytes\), over the 1 MB limit for a "
                                            r"document; .* LADFIN_MAX_DOCUMENT_MB=3 \(or max_mb=3\)"):
        read_document(path, max_mb=1)
    assert len(read_document(path, max_mb=3).raw) == 2_300_000


def test_the_size_limit_comes_from_the_environment(tmp_path, monkeypatch):
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 3000)
    monkeypatch.setenv("LADFIN_MAX_DOCUMENT_MB", "0.001")  # 1,048 bytes
    with pytest.raises(DocumentError, match=r"big\.txt: 0\.00286 MB \(3000 bytes\), over the 0\.001 MB limit"):
        read_document(path)
    assert read_document(path, max_mb=1).raw == "x" * 3000  # the keyword wins
    monkeypatch.setenv("LADFIN_MAX_DOCUMENT_MB", "lots")
    with pytest.raises(ParameterError, match=r"LADFIN_MAX_DOCUMENT_MB='lots' is not a positive number"):
        read_document(path)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_an_endless_stream_is_refused_after_the_limit():
    # 0.01 MB is 10,486 bytes (rounded): one more is read to tell a file of exactly that size from a longer one
    with pytest.raises(DocumentError, match=r"/dev/zero: more than 0\.01 MB \(read 10487 bytes without reaching"):
        read_document(Path("/dev/zero"), max_mb=0.01)


def test_a_stream_is_read_no_further_than_the_limit(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    written = []

    def write_forever() -> None:
        try:
            with fifo.open("wb", buffering=0) as handle:
                while True:
                    written.append(handle.write(b"5 refugees. " * 1000))
        except BrokenPipeError:  # the reader stopped and closed its end: what the test expects
            pass

    writer = threading.Thread(target=write_forever)
    writer.start()
    with pytest.raises(DocumentError, match=r"pipe\.txt: more than 0\.1 MB"):
        read_document(fifo, max_mb=0.1)
    writer.join(10)
    assert not writer.is_alive()
    assert sum(written) < 104_859 + 2 * (1 << 16)  # the limit, plus what the pipe buffers


def test_an_unreadable_document_is_refused_by_name(tmp_path, monkeypatch):
    # The operating system refuses the read (a file of mode 0 for any user but root, who reads
    # whatever the mode, so the refusal is made here for every user alike).
    path = tmp_path / "locked.txt"
    path.write_text("Peru hosts 5 refugees.\n")
    real_open = Path.open

    def refuse(self, *args, **kwargs):
        if self == path:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(DocumentError, match=r"locked\.txt: cannot be read \(Permission denied\)"):
        read_document(path)


def test_a_catalogued_file_over_the_limit_is_listed_with_the_other_problems(tmp_path):
    catalog = _catalog_tree(tmp_path)
    text = "Belize registered 2,000 asylum seekers.\n" * 100  # 4,000 bytes; the catalog is about 300
    (catalog.parent / "a.txt").write_text(text)
    _write(catalog, [{**_rows(catalog)[0], "sha256": hashlib.sha256(text.encode()).hexdigest()}])
    with pytest.raises(CatalogError, match=r"line 2 \(a\.txt\): 0\.00381 MB is over the 0\.001 MB limit"):
        read_catalog(catalog, max_mb=0.001)
    assert read_catalog(catalog, max_mb=0.01)[0]["file"] == "a.txt"
