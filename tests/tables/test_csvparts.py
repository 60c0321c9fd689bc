"""Tests for ladfin/tables/csvparts.py: CSV written with the last build's parts is the CSV written afresh, and
a kept part is reused only where its rows, the table's layout and the file it comes from are unchanged."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from ladfin.tables import csvparts
from ladfin.tables.csvfile import csv_bytes
from ladfin.tables.csvparts import CsvParts, cuts


@pytest.fixture(autouse=True)
def small_parts(monkeypatch):
    monkeypatch.setattr(csvparts, "PART_ROWS", 8)       # parts of some 8 rows, so 300 rows make dozens
    monkeypatch.setattr(csvparts, "MAX_PART_ROWS", 32)


def table(n: int = 300) -> pd.DataFrame:
    """Rows of every cell type the tables hold: text needing quotes, missing cells, whole and real numbers."""
    k = np.arange(n)
    return pd.DataFrame({
        "doc": pd.array([f"d{i // 7:03d}.txt" for i in k], dtype="string"),
        "quote": pd.array([None if i % 11 == 0 else f'"{i}", said, twice\n' if i % 5 == 0 else f"${i} million"
                           for i in k], dtype="string"),
        "start": pd.array([None if i % 13 == 0 else int(i * 17) for i in k], dtype="Int64"),
        "value": [float(i) / 4 for i in k],
        "is_canonical": pd.array([None if i % 9 == 0 else bool(i % 2) for i in k], dtype="boolean"),
        "day": pd.to_datetime([f"2024-0{1 + i % 9}-1{i % 10}" for i in k]).astype("datetime64[s]"),
    })


def written(tmp_path, frame: pd.DataFrame, name: str = "figures") -> CsvParts:
    """Write `frame` as the current set's file of `name` and keep its parts, as a build does."""
    parts = CsvParts(tmp_path / "interim")
    (tmp_path / f"{name}.csv").write_bytes(parts.write(frame, name, None).data)
    parts.keep()
    return parts


def test_cuts_follow_the_rows_hashes_and_bound_a_part():
    hashes = np.array([3, 8, 5, 16, 1, 1, 1], dtype=np.uint64)  # 8 and 16 fall on a cut with PART_ROWS 8
    assert cuts(hashes).tolist() == [0, 1, 3]
    assert cuts(np.ones(70, dtype=np.uint64)).tolist() == [0, 32, 64]  # no hash on a cut: every 32 rows


def test_a_table_changed_anywhere_is_written_as_csv_bytes_writes_it_reusing_the_rest(tmp_path):
    before = table()
    assert written(tmp_path, before).write(before, "figures", None).data == csv_bytes(before)
    edited = before.copy()
    edited.loc[150, "quote"] = "a new, quoted quote"  # one cell changed in the middle
    removed = before[before["doc"] != "d020.txt"]    # a document's rows gone
    added = pd.concat([before.iloc[:100], table(320).iloc[300:], before.iloc[100:]], ignore_index=True)
    for after in (edited, removed, added, before):
        done = CsvParts(tmp_path / "interim").write(after, "figures", tmp_path / "figures.csv")
        assert done.data == csv_bytes(after) == after.to_csv(index=False).encode("utf-8")
        assert done.reused >= 20 and done.encoded <= 4, (done.reused, done.encoded)
    assert CsvParts(tmp_path / "interim").write(before, "figures", tmp_path / "figures.csv").encoded == 0


@pytest.mark.parametrize("damage", ["file byte", "file truncated", "index byte", "index gone", "other table"])
def test_a_damaged_file_or_index_is_not_trusted(tmp_path, damage):
    before = table()
    written(tmp_path, before)
    kept, index = tmp_path / "figures.csv", tmp_path / "interim" / "figures.json"
    name = "figures"
    if damage == "file byte":  # the same length, one cell changed: the slices would be wrong
        kept.write_bytes(kept.read_bytes().replace(b"$42 million", b"$43 million"))
    elif damage == "file truncated":
        kept.write_bytes(kept.read_bytes()[:-40])
    elif damage == "index byte":  # a part's length changed, the checksum line left as it was
        checksum, body = index.read_text(encoding="utf-8").split("\n", 1)
        index.write_text(checksum + "\n" + body.replace("]]}", "1]]}"), encoding="utf-8")
    elif damage == "index gone":
        index.unlink()
    else:
        name = "announcements"  # another table's parts are never this one's
    done = CsvParts(tmp_path / "interim").write(before, name, kept)
    assert done.data == csv_bytes(before)
    assert done.reused == 0


def test_a_changed_layout_or_type_encodes_every_part_again(tmp_path):
    before = table()
    written(tmp_path, before)
    timed = before.assign(day=before["day"].where(before.index != 0, before["day"] + pd.Timedelta(hours=1)))  # one time
    typed = before.astype({"value": "Float64"})
    for after in (timed, typed):
        done = CsvParts(tmp_path / "interim").write(after, "figures", tmp_path / "figures.csv")
        assert done.data == after.to_csv(index=False).encode("utf-8")
        assert done.reused == 0
    assert b",2024-01-10 01:00:00\n" in CsvParts(tmp_path / "x").write(timed, "figures", None).data


def test_reuse_false_encodes_everything_and_keeps_the_new_index(tmp_path):
    before = table()
    written(tmp_path, before)
    parts = CsvParts(tmp_path / "interim", reuse=False)
    done = parts.write(before, "figures", tmp_path / "figures.csv")
    assert done.reused == 0 and done.data == csv_bytes(before)
    parts.keep()
    assert CsvParts(tmp_path / "interim").write(before, "figures", tmp_path / "figures.csv").encoded == 0


TEXTS = {  # written for this test: a few figures each, so the tables have several parts of two rows
    "a.txt": "Canada announced $12 million in new humanitarian assistance.\n\nChile resettled 900 refugees.",
    "b.txt": "Peru pledged $4 million for shelters.\n\nBrazil resettled 1,200 refugees in 2024.",
    "c.txt": "Spain announced $7 million for the region.\n\nColombia received 2,500 people.",
}


def test_a_rebuild_reuses_the_parts_left_and_writes_what_a_forced_build_writes(tmp_path, monkeypatch):
    from fixture_docs import tree

    from ladfin import tables

    monkeypatch.setattr(csvparts, "PART_ROWS", 2)
    monkeypatch.setattr(csvparts, "MAX_PART_ROWS", 2)
    root = tree(tmp_path / "tree", TEXTS)
    monkeypatch.setenv("LADFIN_ROOT", str(root))
    tables.build()
    raw = root / "data" / "raw"
    (raw / "c.txt").unlink()  # a document removed, with its catalog row
    lines = (raw / "catalog.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (raw / "catalog.csv").write_text("".join(line for line in lines if "c.txt" not in line), encoding="utf-8")
    real, done = CsvParts.write, {}

    def write(self, table, name, previous):
        done[name] = real(self, table, name, previous)
        return done[name]

    monkeypatch.setattr(CsvParts, "write", write)

    def files() -> dict[str, bytes]:
        return {p.name: p.read_bytes() for p in tables.tables_dir().iterdir() if p.name != "build.json"}

    tables.build()
    kept = files()
    assert done["figures"].reused > 0  # the parts of a.txt and b.txt; those of c.txt are gone
    assert b"c.txt" not in kept["figures.csv"] and b"b.txt" in kept["figures.csv"]
    tables.build(force=True)
    assert done["figures"].reused == 0
    assert files() == kept
    current = tables.tables_dir() / "figures.csv"  # damaged in place: its parts are encoded again
    current.write_bytes(current.read_bytes().replace(b"Peru", b"Pxru"))
    tables.build()
    assert done["figures"].reused == 0 and files() == kept


def test_a_table_the_writer_cannot_lay_out_is_written_whole_and_keeps_no_index(tmp_path):
    written(tmp_path, table(), "odd")
    assert (tmp_path / "interim" / "odd.json").exists()
    odd = pd.DataFrame({"doc": ["a.txt", "b.txt"], "cells": [["x", "y"], ["z"]]})  # lists: no CSV layout
    parts = CsvParts(tmp_path / "interim")
    done = parts.write(odd, "odd", tmp_path / "odd.csv")
    assert done.data == odd.to_csv(index=False).encode("utf-8") and done.index is None
    parts.keep()
    assert not (tmp_path / "interim" / "odd.json").exists()  # the index of the table before is gone
