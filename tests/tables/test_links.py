"""Tests for ladfin/tables/links.py: links kept block by block are reused only where nothing linking reads
changed, give the tables one pass gives, and a damaged store is never trusted."""

from __future__ import annotations

import pandas as pd
import pytest
from fixture_docs import tree

from ladfin import tables
from ladfin.link.announcements import link_mentions
from ladfin.tables.links import LinkStore, block_digests

# Written for these tests, worked out by hand from the rules of ladfin/link/announcements.py.
DOCS = pd.DataFrame({"doc": ["a.txt", "b.txt", "c.txt"], "document_kind": ["primary", "secondary", "primary"],
                     "published": ["2024-05-01", "2024-05-02", "2024-09-01"]})
MENTIONS = [  # doc, start, block_start, value, actor, kind, unit, event
    ("a.txt", 10, 0, 5e6, "CAN", "money", "USD", "e1"),        # canonical of the next
    ("b.txt", 20, 0, 5.01e6, "CAN", "money", "USD", "e1"),     # within 0.5%: a.txt:10
    ("b.txt", 50, 0, 5e6, "USA", "money", "USD", "e1"),        # another actor: its own block
    ("a.txt", 80, 60, 2000, "CAN", "people", "person", "e1"),  # another kind: its own block
    ("c.txt", 40, 0, 5e6, "CAN", "money", "USD", "e2"),        # another event, in the first block
]
LINKED = ["a.txt:10", "a.txt:10", "b.txt:50", "a.txt:80", "c.txt:40"]


def mentions(rows=MENTIONS) -> pd.DataFrame:
    columns = ["doc", "start", "block_start", "value", "actor", "kind", "unit", "event_id"]
    frame = pd.DataFrame(rows, columns=columns).assign(value_high=None, status=None, measure=None)
    return frame.astype({"status": "string", "measure": "string", "actor": "string"})


def counted(calls: list):
    """Return link_mentions, recording the figures of each call in `calls`."""
    def link(figures, documents):
        calls.append(figures)
        return link_mentions(figures, documents)
    return link


def test_blocks_are_actor_kind_and_unit_and_their_digests_follow_what_linking_reads():
    numbers, digests = block_digests(mentions(), DOCS)
    assert numbers.tolist() == [0, 0, 1, 2, 0]
    edited = mentions().assign(value=[5e6, 5.01e6, 5e6, 2500, 5e6])  # only the people block's value
    _, again = block_digests(edited, DOCS)
    assert [again[n] == digests[n] for n in range(3)] == [True, True, False]
    _, later = block_digests(mentions(), DOCS.assign(published=["2024-05-01", "2024-05-02", "2024-01-01"]))
    assert later[0] != digests[0] and later[1] == digests[1]  # c.txt's date decides the first block's canonical


def test_kept_blocks_are_reused_and_the_rest_linked_again(tmp_path):
    calls: list = []
    first = LinkStore(tmp_path, digest="code-1").link(mentions(), DOCS, counted(calls))
    assert first["announcement"].tolist() == LINKED
    assert first["is_canonical"].tolist() == [True, False, True, True, True]
    assert len(calls) == 1 and len(calls[0]) == 5
    # b.txt gives its first amount now as 5.02 million: only the first block is linked again
    edited = mentions([m if m[:2] != ("b.txt", 20) else (*m[:3], 5.02e6, *m[4:]) for m in MENTIONS])
    store, calls = LinkStore(tmp_path, digest="code-1"), []
    again = store.link(edited, DOCS, counted(calls))
    assert (store.reused, store.linked) == (2, 1)
    assert calls[0]["start"].tolist() == [10, 20, 40]
    pd.testing.assert_frame_equal(again, link_mentions(edited, DOCS), check_exact=True)
    same = LinkStore(tmp_path, digest="code-1")
    pd.testing.assert_frame_equal(same.link(edited, DOCS, counted(calls)), again, check_exact=True)
    assert (same.reused, same.linked, len(calls)) == (3, 0, 1)  # nothing linked this time


def test_other_code_or_force_links_everything_again(tmp_path):
    LinkStore(tmp_path, digest="code-1").link(mentions(), DOCS, link_mentions)
    for store in (LinkStore(tmp_path, digest="code-2"), LinkStore(tmp_path, digest="code-1", reuse=False)):
        store.link(mentions(), DOCS, link_mentions)
        assert (store.reused, store.linked) == (0, 3)


@pytest.mark.parametrize("damage", ["flip a byte", "truncate", "manifest"])
def test_a_damaged_store_is_not_trusted(tmp_path, damage):
    LinkStore(tmp_path, digest="code-1").link(mentions(), DOCS, link_mentions)
    kept = tmp_path / "links.parquet"
    data = bytearray(kept.read_bytes())
    if damage == "flip a byte":
        data[len(data) // 2] ^= 0xFF
        kept.write_bytes(bytes(data))
    elif damage == "truncate":
        kept.write_bytes(bytes(data[:len(data) // 2]))
    else:
        (tmp_path / "manifest.json").write_text("{", encoding="utf-8")
    store = LinkStore(tmp_path, digest="code-1")
    assert store.kept == {}
    pd.testing.assert_frame_equal(store.link(mentions(), DOCS, link_mentions), link_mentions(mentions(), DOCS))
    assert (store.reused, store.linked) == (0, 3)
    assert LinkStore(tmp_path, digest="code-1").kept  # stored afresh


TEXTS = {  # written for this test: b restates a's amount, c is another actor
    "a.txt": "Canada announced $12 million in new humanitarian assistance.",
    "b.txt": "At the meeting Canada announced $12 million in new assistance for the region.",
    "c.txt": "Chile resettled 900 refugees.",
}


def test_a_rebuild_after_a_new_document_writes_the_files_a_forced_build_writes(tmp_path, monkeypatch):
    root = tree(tmp_path / "tree", {k: v for k, v in TEXTS.items() if k != "b.txt"})
    monkeypatch.setenv("LADFIN_ROOT", str(root))
    tables.build()
    assert (root / "data" / "interim" / "links" / "links.parquet").is_file()
    more = tree(tmp_path / "more", TEXTS)  # the same tree with b.txt added
    for name in ("b.txt", "catalog.csv"):
        (root / "data" / "raw" / name).write_bytes((more / "data" / "raw" / name).read_bytes())
    figures = tables.build()["figures"].set_index("doc")
    assert figures.loc["b.txt", "announcement"] == figures.loc["a.txt", "announcement"]  # b.txt links to a.txt
    kept = {p.name: p.read_bytes() for p in tables.tables_dir().iterdir() if p.name != "build.json"}
    tables.build(force=True)
    fresh = {p.name: p.read_bytes() for p in tables.tables_dir().iterdir() if p.name != "build.json"}
    assert set(kept) == set(fresh) and "figures.csv" in kept
    for name in fresh:
        assert kept[name] == fresh[name], name
