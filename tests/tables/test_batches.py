"""Tests for ladfin/tables/batches.py and the two build stages: any split into batches, built at once or a
batch at a time through data/interim, gives the same tables, byte for byte."""

from __future__ import annotations

import random

import pandas as pd
import pytest
from fixture_docs import document, tree

from ladfin import paths, tables
from ladfin.errors import DocumentError, ParameterError
from ladfin.extract.documents import Document
from ladfin.tables import BatchStore, build_tables, link_batches, read_batch
from ladfin.tables.batches import deriver_digest
from ladfin.tables import workbook as workbook_module
from ladfin.tables.cache import ExtractionCache

# Written for these tests: links across documents (b restates a; d restates c's target at a later
# event), parts of a total, a part of a whole, a document with no figure, one in Spanish, one undated.
TEXTS = {
    "a.txt": "Canada announced $12 million in new humanitarian assistance. This includes $5 million for "
             "shelters and $4 million for food.",
    "b.txt": "At the meeting Canada announced $12 million in new assistance for the region.",
    "c.txt": "Peru will welcome 9,000 refugees by 2026.",
    "d.txt": "Peru is on track to welcome 9,000 refugees.",
    "e.txt": "The meeting opened with words of welcome from the host government.",
    "f.txt": "México anunció 3 millones de dólares en nueva asistencia humanitaria.",
    "g.txt": "Brazil registered 1,200 of the estimated 3,000 migrants who arrived.",
    "h.txt": "Chile resettled 900 refugees.",
}
FIELDS = {
    "b.txt": {"kind": "secondary"},
    "c.txt": {"event_id": "meeting-2023", "event_date": "2023-06-01"},
    "h.txt": {"event_id": "", "event_date": ""},
}


def corpus() -> list[Document]:
    docs = []
    for name, text in TEXTS.items():
        doc = document(text, name, **FIELDS.get(name, {}))
        docs.append(Document(doc.doc, doc.raw, "es", doc.entry) if name == "f.txt" else doc)
    return docs


def assert_same_tables(got: dict[str, pd.DataFrame], want: dict[str, pd.DataFrame]) -> None:
    assert list(got) == list(want)
    for name in want:
        pd.testing.assert_frame_equal(got[name], want[name], obj=name)
        assert got[name].to_csv(index=False).encode() == want[name].to_csv(index=False).encode(), name


@pytest.fixture(scope="module")
def at_once():
    built = build_tables(corpus())
    # the corpus exercises what the stages must keep across batches
    assert built["announcements"]["mentions"].max() >= 2  # a link across documents
    assert set(built["figures"]["role"]) >= {"component", "total"}
    assert "no_event_date" in ";".join(built["figures"]["flag"].dropna())
    assert built["documents"].set_index("doc").at["e.txt", "figures"] == 0
    return built


@pytest.mark.parametrize("size", [1, 2, 3, 5])
def test_any_batch_size_gives_the_same_tables(at_once, size):
    assert_same_tables(build_tables(corpus(), batch_size=size), at_once)


def test_the_two_stages_called_on_any_partition_give_the_same_tables(at_once):
    docs = corpus()
    for seed in range(4):
        rnd = random.Random(seed)
        cuts = sorted(rnd.sample(range(1, len(docs)), rnd.randint(1, len(docs) - 1)))
        parts = [docs[a:b] for a, b in zip([0, *cuts], [*cuts, len(docs)])]
        assert_same_tables(link_batches(read_batch(p) for p in parts), at_once)


@pytest.mark.parametrize("seed", range(5))
def test_a_corpus_built_a_few_documents_at_a_time_through_the_cache_gives_the_same_tables(
        tmp_path, at_once, seed):
    docs = corpus()
    rnd = random.Random(seed)
    arrives = [rnd.randint(0, 3) for _ in docs]  # the build at which each document is added
    for step in range(4):
        present = [d for d, when in zip(docs, arrives) if when <= step]  # in catalog order
        if not present:
            continue
        store = BatchStore(tmp_path / "batches", digest="d1")
        built = build_tables(present, cache=ExtractionCache(tmp_path / "extractions", readers="r1"),
                             store=store, batch_size=rnd.randint(1, 4))
        new = sum(when == step for when in arrives)
        assert store.misses == new and store.hits == len(present) - new
    assert_same_tables(built, at_once)
    warm = BatchStore(tmp_path / "batches", digest="d1")
    assert_same_tables(build_tables(docs, store=warm), at_once)
    assert (warm.hits, warm.misses) == (len(docs), 0)


def test_an_edited_document_or_other_code_reads_again(tmp_path, at_once):
    build_tables(corpus(), store=BatchStore(tmp_path, digest="d1"))
    edited = [document(d.raw.replace("900", "950"), d.doc, **FIELDS.get(d.doc, {})) if d.doc == "h.txt" else d
              for d in corpus()]
    store = BatchStore(tmp_path, digest="d1")
    built = build_tables(edited, store=store)
    assert (store.hits, store.misses) == (7, 1)
    assert 950 in built["figures"]["value"].tolist() and 900 not in built["figures"]["value"].tolist()
    other = BatchStore(tmp_path, digest="d2")  # link, normalise or extraction code changed
    build_tables(corpus(), store=other)
    assert other.misses == len(TEXTS)


def test_a_damaged_batch_is_read_again_not_trusted(tmp_path, at_once):
    build_tables(corpus(), store=BatchStore(tmp_path, digest="d1"), batch_size=4)
    folders = sorted((tmp_path / "d1").glob("batch-*"))
    assert len(folders) == 2
    figures = folders[0] / "figures.parquet"
    data = bytearray(figures.read_bytes())
    data[len(data) // 2] ^= 0xFF  # one flipped byte
    figures.write_bytes(bytes(data))
    (folders[1] / "manifest.json").write_text("{", encoding="utf-8")  # a truncated manifest
    store = BatchStore(tmp_path, digest="d1")
    assert store.batches == {}
    assert_same_tables(build_tables(corpus(), store=store), at_once)
    assert store.misses == len(TEXTS)
    assert not folders[0].exists() and not folders[1].exists()  # removed, and stored afresh
    assert BatchStore(tmp_path, digest="d1").where


def test_batches_no_document_uses_any_more_are_removed(tmp_path):
    docs = corpus()
    build_tables(docs[:4], store=BatchStore(tmp_path, digest="d1"))
    build_tables(docs[4:], store=BatchStore(tmp_path, digest="d1"))
    assert len(list((tmp_path / "d1").glob("batch-*"))) == 1


def test_tables_are_byte_identical_with_the_cache_cold_or_warm(tmp_path, monkeypatch):
    root = tree(tmp_path, TEXTS, **FIELDS)
    monkeypatch.setenv("LADFIN_ROOT", str(root))
    tables.build(force=True)  # cold: every document read
    cold = {p.name: p.read_bytes() for p in tables.tables_dir().iterdir() if p.name != "build.json"}
    assert (root / "data" / "interim" / "batches").is_dir()
    tables.build()  # warm: every document from data/interim
    warm = {p.name: p.read_bytes() for p in tables.tables_dir().iterdir() if p.name != "build.json"}
    assert set(cold) == set(warm) and "figures.csv" in cold and "tables.xlsx" in cold
    for name in cold:
        assert warm[name] == cold[name], name


def test_a_tree_with_its_own_reference_tables_builds_and_reads_them(tmp_path, monkeypatch):
    # a project outside the checkout may carry its own data/reference: the cache keys must
    # read it where it is, and a row changed there reads every document again
    import shutil

    root = tree(tmp_path, TEXTS, **FIELDS)
    shutil.copytree(paths.reference_dir(), root / "data" / "reference")
    monkeypatch.setenv("LADFIN_ROOT", str(root))
    assert paths.reference_dir() == root / "data" / "reference"
    before = deriver_digest("on_date")
    assert len(tables.build()["figures"]) > 0
    with (root / "data" / "reference" / "flags.csv").open("a", encoding="utf-8") as fh:
        fh.write('a_new_flag,"written for this test"\n')
    assert deriver_digest("on_date") != before


def test_a_large_set_is_complete_without_the_workbook_unless_asked(tmp_path, monkeypatch):
    root = tree(tmp_path, TEXTS, **FIELDS)
    monkeypatch.setenv("LADFIN_ROOT", str(root))
    tables.build()
    assert (root / "data" / "processed" / "tables.xlsx").is_file()
    monkeypatch.setattr(workbook_module, "WORKBOOK_CELLS", 10)
    tables.build(force=True)
    current = tables.tables_dir()
    assert not (current / "tables.xlsx").exists() and (current / "data-dictionary.md").is_file()
    assert not (root / "data" / "processed" / "tables.xlsx").is_symlink()  # no link left dangling
    assert tables.incomplete_files() == [] and not tables.is_stale()
    rows = len(tables.build(workbook=True)["figures"])
    assert (tables.tables_dir() / "tables.xlsx").is_file() and tables.incomplete_files() == []
    monkeypatch.setattr(workbook_module, "EXCEL_ROWS", rows)  # the figures and their header no longer fit
    with pytest.raises(ParameterError, match=rf"^figures \({rows} rows\) cannot go in an Excel workbook"):
        tables.build(workbook=True)
    tables.build()  # by default such tables are written without it
    assert not (tables.tables_dir() / "tables.xlsx").exists()


def test_a_document_kept_in_a_batch_is_never_read_again(tmp_path):
    raw = tree(tmp_path, TEXTS, **FIELDS) / "data" / "raw"
    unread = list(tables.store.catalogued(raw / "catalog.csv"))
    first = build_tables(unread, store=BatchStore(tmp_path / "batches", digest="d1"))
    store = BatchStore(tmp_path / "batches", digest="d1")
    assert [store.key(u) for u in unread] == [store.key(u.read()) for u in unread]  # known before it is read
    for name in TEXTS:
        (raw / name).unlink()  # a document served from its batch needs no file
    assert_same_tables(build_tables(unread, store=store), first)
    assert (store.hits, store.misses) == (len(TEXTS), 0)


def test_a_document_edited_after_the_catalog_check_is_refused_when_read(tmp_path):
    raw = tree(tmp_path, TEXTS, **FIELDS) / "data" / "raw"
    unread = list(tables.store.catalogued(raw / "catalog.csv"))
    (raw / "c.txt").write_text("Peru will welcome 9,500 refugees by 2026.", encoding="utf-8")
    with pytest.raises(DocumentError, match=r"c\.txt: changed after the catalog was checked"):
        build_tables(unread, store=BatchStore(tmp_path / "batches", digest="d1"))
