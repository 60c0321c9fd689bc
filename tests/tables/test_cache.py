"""Tests for ladfin/tables/cache.py: each document read once per code and vocabulary."""

from __future__ import annotations

import pandas as pd

from fixture_docs import document
from ladfin.tables import build_tables
from ladfin.tables.cache import ExtractionCache

TEXTS = {  # written for these tests
    "a.txt": "Canada announced $12 million in new assistance. More than 3,400 refugees were resettled.",
    "b.txt": "Peru registered 1,200 of the estimated 3,000 migrants who arrived.",
}


def docs(texts=TEXTS):
    return [document(text, name) for name, text in texts.items()]


def test_a_cached_build_equals_a_fresh_one(tmp_path):
    fresh = build_tables(docs())
    cache = ExtractionCache(tmp_path, readers="r1")
    first = build_tables(docs(), cache=cache)
    second = build_tables(docs(), cache=cache)
    assert (cache.misses, cache.hits) == (2, 2)
    for name in fresh:
        pd.testing.assert_frame_equal(first[name], fresh[name])
        pd.testing.assert_frame_equal(second[name], fresh[name])


def test_adding_a_document_reads_only_that_one(tmp_path):
    cache = ExtractionCache(tmp_path, readers="r1")
    build_tables(docs(), cache=cache)
    more = {**TEXTS, "c.txt": "Chile resettled 900 refugees."}
    build_tables(docs(more), cache=cache)
    assert (cache.misses, cache.hits) == (3, 2)


def test_other_readers_or_an_edited_text_read_again(tmp_path):
    build_tables(docs(), cache=ExtractionCache(tmp_path, readers="r1"))
    other = ExtractionCache(tmp_path, readers="r2")  # code or vocabulary changed
    build_tables(docs(), cache=other)
    assert other.misses == 2
    edited = ExtractionCache(tmp_path, readers="r1")
    build_tables(docs({**TEXTS, "a.txt": TEXTS["a.txt"].replace("12", "13")}), cache=edited)
    assert (edited.misses, edited.hits) == (1, 1)


def test_a_damaged_entry_is_rebuilt_not_trusted(tmp_path):
    cache = ExtractionCache(tmp_path, readers="r1")
    fresh = build_tables(docs(), cache=cache)
    for entry in tmp_path.glob("*.json"):
        text = entry.read_text(encoding="utf-8")
        entry.write_text(text.replace("12000000", "99000000"), encoding="utf-8")  # a flipped value
    again = ExtractionCache(tmp_path, readers="r1")
    rebuilt = build_tables(docs(), cache=again)
    assert (again.misses, again.hits) == (1, 1)  # a.txt's entry held the value; b.txt's is sound
    pd.testing.assert_frame_equal(rebuilt["figures"], fresh["figures"])
    for entry in tmp_path.glob("*.json"):
        entry.write_text(entry.read_text(encoding="utf-8")[:40], encoding="utf-8")  # truncated
    assert build_tables(docs(), cache=ExtractionCache(tmp_path, readers="r1"))["figures"].equals(fresh["figures"])


def test_force_reads_again_and_refreshes_the_cache(tmp_path):
    build_tables(docs(), cache=ExtractionCache(tmp_path, readers="r1"))
    forced = ExtractionCache(tmp_path, readers="r1", reuse=False)
    build_tables(docs(), cache=forced)
    assert (forced.misses, forced.hits) == (2, 0)
    after = ExtractionCache(tmp_path, readers="r1")
    build_tables(docs(), cache=after)
    assert after.hits == 2


def test_another_version_of_a_reading_package_is_another_reader(monkeypatch):
    # inflect's plurals decide what a noun counts: a cache made under another version is stale
    from ladfin.tables import cache

    before = cache.reader_digest()
    real = cache.metadata.version
    monkeypatch.setattr(cache.metadata, "version", lambda name: "0.0" if name == "inflect" else real(name))
    assert cache.reader_digest() != before
