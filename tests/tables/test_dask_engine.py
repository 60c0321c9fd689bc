"""Tests for ladfin/tables/engines.py: the Dask engine builds the local engine's tables, and needs Dask only when asked.

The engine's tests share one LocalCluster of two worker processes, started by
the engine itself (its default), and reach it again through its address (the
--scheduler path). Starting it and warming its workers takes seconds: slow.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pandas as pd
import pytest
from click.testing import CliRunner

from fixture_docs import document, tree
from ladfin import tables
from ladfin.cli import cli
from ladfin.errors import BuildError
from ladfin.extract.documents import load_all
from ladfin.link.announcements import link_mentions
from ladfin.tables import engines
from ladfin.tables.assemble import read_placed
from ladfin.tables.cache import ExtractionCache
from ladfin.tables.engines import DaskEngine, LocalEngine, code_digest, engine_for


@pytest.fixture(scope="module")
def engine():
    pytest.importorskip("distributed")
    with DaskEngine(workers=2) as running:
        yield running


def assert_same_tables(got: dict, want: dict) -> None:
    assert list(got) == list(want)
    for name in want:
        pd.testing.assert_frame_equal(got[name], want[name], check_exact=True)
        assert got[name].to_csv(index=False).encode() == want[name].to_csv(index=False).encode(), name


@pytest.mark.slow
def test_the_engine_runs_two_worker_processes_apart_from_this_one(engine):
    pids = engine.client.run(os.getpid)
    assert len(pids) == 2 and os.getpid() not in pids.values()


@pytest.mark.slow
def test_the_dask_engine_builds_the_local_engines_tables(engine):
    # The founding corpus: mentions linked across documents, a target restated at a later meeting,
    # parts of totals, money in three currencies (tests/tables/test_tables.py checks them by hand).
    documents = load_all()
    local = tables.build_tables(documents)
    assert len(local["figures"]) > 50 and local["announcements"]["mentions"].max() > 1
    assert_same_tables(tables.build_tables(documents, engine=engine), local)


@pytest.mark.slow
def test_the_cache_stays_here_and_serves_what_it_holds(engine, tmp_path):
    documents = load_all()
    cache = ExtractionCache(tmp_path, readers="r1")
    first = tables.build_tables(documents, cache=cache, engine=engine)
    assert (cache.misses, cache.hits) == (len(documents), 0)
    reopened = ExtractionCache(tmp_path, readers="r1")  # what the workers read was stored here, on disk
    again = tables.build_tables(documents, cache=reopened, engine=engine)
    assert (reopened.misses, reopened.hits) == (0, len(documents))
    assert_same_tables(again, first)
    assert_same_tables(first, tables.build_tables(documents))


# Written for this test, worked out by hand from the rules of ladfin/link/announcements.py.
DOCS = pd.DataFrame({"doc": ["a.txt", "b.txt", "c.txt", "d.txt", "e.txt"],
                     "document_kind": ["primary", "secondary", "primary", "primary", "secondary"],
                     "published": ["2024-05-01", "2024-05-02", "2024-09-01", "2022-10-11", "2022-10-20"]})
MENTIONS = [  # doc, start, block_start, value, actor, kind, unit, event, status, measure
    ("a.txt", 10, 0, 5e6, "CAN", "money", "USD", "e1", None, None),        # canonical of the next
    ("b.txt", 20, 0, 5.01e6, "CAN", "money", "USD", "e1", None, None),     # within 0.5%: a.txt:10
    ("b.txt", 50, 0, 5e6, "USA", "money", "USD", "e1", None, None),        # another actor: its own
    ("a.txt", 80, 60, 2000, "CAN", "people", "person", "e1", None, None),  # another kind: its own
    ("c.txt", 15, 0, 6e5, "COL", "people", "person", "e2", "target", "resettled"),  # the target's primary
    ("b.txt", 90, 70, 6e5, "COL", "people", "person", "e1", "target", "resettled"),  # restated: c.txt:15
    ("a.txt", 120, 60, 2000, "CAN", "people", "person", "e1", None, None),  # same paragraph as :80: its own
    ("c.txt", 40, 0, 5e6, "CAN", "money", "USD", "e2", None, None),        # another event: its own
    ("d.txt", 5, 0, 3e6, "EU", "money", "EUR", "doc:d", None, "new_funding"),  # a release that is its own event
    ("e.txt", 7, 0, 3e6, "EU", "money", "EUR", "doc:e", None, "new_funding"),  # its copy nine days on: d.txt:5
    ("d.txt", 30, 20, 3e6, None, "money", "EUR", "doc:d", None, "new_funding"),  # a repeat naming nobody: d.txt:5
]
LINKED = ["a.txt:10", "a.txt:10", "b.txt:50", "a.txt:80", "c.txt:15", "c.txt:15", "a.txt:120", "c.txt:40",
          "d.txt:5", "d.txt:5", "d.txt:5"]


def mentions() -> pd.DataFrame:
    columns = ["doc", "start", "block_start", "value", "actor", "kind", "unit", "event_id", "status", "measure"]
    frame = pd.DataFrame(MENTIONS, columns=columns).assign(value_high=None, quote="a quote the workers never get")
    frame["event_date"] = pd.to_datetime(frame["doc"].map(DOCS.set_index("doc")["published"]).where(
        frame["event_id"].str.startswith("doc:")))
    return frame.astype({"status": "string", "measure": "string", "actor": "string"})


@pytest.mark.slow
def test_linking_block_by_block_on_the_workers_links_as_one_pass_does(engine):
    figures = mentions()
    assert engines.blocks(figures, 8).nunique() == 5  # (actor, kind, unit), the repeat in its figure's: five
    linked = engine.link(figures, DOCS)
    assert linked["announcement"].tolist() == LINKED
    assert linked["is_canonical"].tolist() == [True, False, True, True, True, False, True, True, True, False,
                                            False]
    pd.testing.assert_frame_equal(linked, link_mentions(figures, DOCS))
    pd.testing.assert_frame_equal(linked, LocalEngine().link(figures, DOCS))


def test_blocks_never_split_what_may_link():
    figures = mentions()
    for count in (1, 2, 3, 64):
        numbers = engines.blocks(figures, count)
        assert numbers.between(0, count - 1).all()
        assert numbers.groupby([figures["actor"], figures["kind"], figures["unit"]]).nunique().eq(1).all()
        assert numbers.iloc[-1] == numbers.iloc[8]  # the repeat naming nobody, with the figure it repeats


@pytest.mark.slow
def test_ladfin_build_on_a_scheduler_writes_the_local_builds_files(engine, founding_root, tmp_path, monkeypatch):
    built = {}
    for name, options in {"local": [], "dask": ["--engine", "dask", "--scheduler",
                                                 engine.client.scheduler_info()["address"], "--workers", "2"]}.items():
        root = tmp_path / name
        shutil.copytree(founding_root / "data" / "raw", root / "data" / "raw")
        monkeypatch.setenv("LADFIN_ROOT", str(root))
        result = CliRunner().invoke(cli, ["build", "--force", *options])
        assert result.exit_code == 0, result.output
        built[name] = root / "data" / "processed"
    for file in sorted(p.name for p in built["local"].glob("*.csv")):
        assert (built["dask"] / file).read_bytes() == (built["local"] / file).read_bytes(), file
    assert len(list(built["local"].glob("*.csv"))) == len(tables.TABLE_NAMES)


@pytest.mark.slow
def test_a_scheduler_that_does_not_answer_is_one_clear_error(monkeypatch):
    pytest.importorskip("distributed")
    monkeypatch.setattr(engines, "WORKER_WAIT", 1.0)
    with pytest.raises(BuildError, match=r"cannot start the Dask engine on tcp://127\.0\.0\.1:9: .*scheduler running"):
        with DaskEngine("tcp://127.0.0.1:9"):
            pass


class _Client:
    """Stands in for a distributed.Client whose workers report `digests`."""

    def __init__(self, digests):
        self.digests, self.closed = digests, False

    def run(self, function):
        return self.digests

    def close(self):
        self.closed = True


def test_a_worker_with_other_code_is_refused_by_name():
    engine = DaskEngine("tcp://example:8786")
    engine.client = client = _Client({"tcp://w1:1": code_digest(), "tcp://w2:1": "0" * 64})
    with pytest.raises(BuildError, match=r"1 Dask worker\(s\) run other ladfin code .*\(tcp://w2:1\); install"):
        engine._check_workers()
    assert client.closed


def test_without_dask_asking_for_it_is_one_line_naming_the_package_and_the_install(monkeypatch, capsys):
    from ladfin import cli as command

    monkeypatch.setitem(sys.modules, "distributed", None)  # `import distributed` now fails, as when not installed
    monkeypatch.setattr(sys, "argv", ["ladfin", "build", "--engine", "dask"])
    with pytest.raises(SystemExit) as stopped:
        command.main()
    assert stopped.value.code == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("ladfin: error: --engine dask needs the package 'distributed'")
    assert "pip install -c constraints.txt -e '.[dask]'" in err


def test_the_local_engine_builds_with_no_dask_importable(tmp_path):
    # A fresh interpreter in which dask and distributed cannot be imported builds as usual.
    root = tree(tmp_path, {"a.txt": "Canada announced $12 million in new assistance."})
    program = ("import sys; sys.modules['dask'] = sys.modules['distributed'] = None\n"
               "from ladfin.cli import main; sys.argv = ['ladfin', 'build']; main()")
    done = subprocess.run([sys.executable, "-c", program], env={**os.environ, "LADFIN_ROOT": str(root)},
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "built 1 documents" in done.stdout
    assert (root / "data" / "processed" / "figures.csv").is_file()


@pytest.mark.parametrize(("name", "options", "message"), [
    ("local", {"scheduler": "tcp://h:8786"}, "--scheduler and --workers are for --engine dask"),
    ("local", {"workers": 2}, "--scheduler and --workers are for --engine dask"),
    ("dask", {"workers": 0}, "--workers must be at least 1, not 0"),
    ("spark", {}, "no engine 'spark'; engines are local, dask"),
])
def test_engine_options_that_do_not_fit_are_refused(name, options, message):
    with pytest.raises(BuildError, match=message):
        engine_for(name, **options)


def test_the_local_engine_reads_through_the_cache_in_order(tmp_path):
    documents = [document("Chile resettled 900 refugees.", "b.txt"), document("Peru gave $3 million.", "a.txt")]
    cache = ExtractionCache(tmp_path, readers="r1")
    read = list(LocalEngine().read(documents, read_placed, cache))
    assert [d.doc for d, _ in read] == ["b.txt", "a.txt"]
    assert [rows[0][0]["quote"] for _, rows in read] == ["900 refugees", "$3 million"]
    assert cache.misses == 2


# Two amounts converted in brackets, in a block (actor, kind, unit) of their own: EUR beside USD.
CONVERTED = ("Spain announced nearly €20 million (US$21.6 million) for shelters in Peru.\n\n"
             "Canada gave C$10 million (about US$7.4 million) and Chile gave $2 million.\n")


def test_an_amount_converted_in_brackets_is_in_the_block_of_the_amount_it_converts():
    figures = tables.build_tables([document(CONVERTED, published="2024-05-15")])["figures"]
    numbers = engines.blocks(figures, 64).set_axis(figures["quote"])
    assert numbers["US$21.6 million"] == numbers["€20 million"] != numbers["C$10 million"]
    assert numbers["US$7.4 million"] == numbers["C$10 million"]


@pytest.mark.slow
def test_the_dask_engine_links_conversions_as_the_local_engine_does(engine):
    documents = [document(CONVERTED, published="2024-05-15")]
    local = tables.build_tables(documents)
    assert len(local["announcements"]) == 3  # €20M with its US$ conversion, C$10M with its, Chile's $2M
    assert_same_tables(tables.build_tables(documents, engine=engine), local)
