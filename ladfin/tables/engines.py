"""Where a build's per-document reading and its blocked linking run: this process, or a Dask cluster.

An engine is a context manager (entered, it is ready: a cluster started or
reached; left, it is released) with two methods, and the build
(`ladfin.tables.assemble.build_tables`) calls only these:

- `read(documents, read, cache)` yields `(document, (figure rows, skipped rows))`
  for each document, in the documents' order, where `read` reads one document
  and `cache` (an `ExtractionCache`, or None) serves those read before;
- `link(figures, documents)` returns `figures` with their announcements, as
  `ladfin.link.announcements.link_mentions` gives them.

`LocalEngine` runs both in this process, one document after another: the
default, needing nothing beyond ladfin's own dependencies. `DaskEngine` runs
them on a `dask.distributed` cluster: a `LocalCluster` of worker processes
started for the build, or the scheduler at an address. Dask is imported only
when a `DaskEngine` starts, so the local engine never needs it.

On Dask the cache stays where the build runs: documents it holds are served
from it, the others are sent to the workers in batches (the text itself
travels with each task, so a worker needs the installed ladfin and its
data/reference but not data/raw) and what they read is stored back. Linking is
split into blocks that cannot link to one another: two mentions are one
announcement only when they share actor, kind and unit (see
`ladfin.link.announcements`), so figures grouped by those three are linked by
`link_mentions` on a worker, block by block, with exactly the result one pass
over all of them gives. Both engines therefore build the same tables, to the
byte.
"""

from __future__ import annotations

import copy
import hashlib
import math
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Protocol

import pandas as pd

from ladfin import paths
from ladfin.errors import BuildError
from ladfin.extract.documents import Document
from ladfin.link.announcements import link_mentions
from ladfin.link.conversions import SENTENCE_COLUMNS, conversions
from ladfin.link.unnamed import unnamed
from ladfin.tables.cache import Extraction, ExtractionCache

ENGINES = ("local", "dask")
INSTALL = "pip install -c constraints.txt -e '.[dask]'"  # run in the ladfin checkout
TASKS_PER_THREAD = 4     # batches a worker thread gets: enough to balance, few enough that overhead stays small
MAX_BATCH = 100          # documents in one task at most
WORKER_WAIT = 60.0       # seconds to wait for a scheduler's workers to join
# What link_mentions reads: the link key's columns (event, actor, kind, unit; status and measure for
# a target; measure and event date for a release that is its own event), the values compared, where a
# mention sits, and the sentence and dollar amount that tell an amount converted in brackets
# (ladfin.link.conversions). Only these travel to the workers.
LINK_COLUMNS = tuple(dict.fromkeys((
    "doc", "start", "block_start", "value", "value_high", "status", "event_id", "event_date", "actor", "kind",
    "unit", "measure", "flag",
    *SENTENCE_COLUMNS, "amount_usd")))
_BLOCK = ("actor", "kind", "unit")  # shared by every link key: a block never splits one


class Engine(Protocol):
    """Runs a build's per-document reading and its linking (see the module docstring)."""

    def __enter__(self) -> Engine: ...

    def __exit__(self, *exc_info: object) -> None: ...

    def read(self, documents: Iterable[Document], read: Callable[[Document], Extraction],
             cache: ExtractionCache | None) -> Iterator[tuple[Document, Extraction]]: ...

    def link(self, figures: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame: ...


class LocalEngine:
    """Reads and links in this process, one document after another; nothing to start or stop."""

    def __enter__(self) -> LocalEngine:
        return self

    def __exit__(self, *exc_info: object) -> None:
        return None

    def read(self, documents: Iterable[Document], read: Callable[[Document], Extraction],
             cache: ExtractionCache | None) -> Iterator[tuple[Document, Extraction]]:
        """Yield each document with its rows, from `cache` when it holds them, else by `read`."""
        for document in documents:
            yield document, (cache.get(document, read) if cache is not None else read(document))

    def link(self, figures: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
        """Return `figures` linked by `link_mentions` in one pass."""
        return link_mentions(figures, documents)


def code_digest() -> str:
    """Return a hash of the ladfin package's code and the reference tables it reads.

    A worker whose digest differs from the build's would read or link with
    other rules, so `DaskEngine` refuses it.
    """
    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for folder in (package, paths.reference_dir()):
        for file in sorted(folder.rglob("*")):
            if file.is_file() and "__pycache__" not in file.parts:
                digest.update(str(file.relative_to(folder)).encode())
                digest.update(file.read_bytes())
    return digest.hexdigest()


def _distributed():
    """Return the `distributed` module, or raise one clear error saying how to install it."""
    try:
        import distributed
    except ImportError as exc:
        missing = getattr(exc, "name", None) or "distributed"
        raise BuildError(f"--engine dask needs the package {missing!r} (dask[distributed]), which is not "
                         f"installed; install it with: {INSTALL}") from None
    return distributed


class _Deferred(Exception):
    """Raised in place of reading a document the cache does not hold: it is read on the cluster."""


def _defer(document: Document) -> Extraction:
    raise _Deferred


def _read_batch(documents: list[Document], read: Callable[[Document], Extraction]) -> list[Extraction]:
    """Return the rows of each document of a batch (runs on a worker)."""
    return [read(document) for document in documents]


def _link_block(figures: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Return the announcement and is_canonical of a block of figures (runs on a worker)."""
    return link_mentions(figures, documents)[["announcement", "is_canonical"]]


def _batches(items: list, threads: int) -> list[list]:
    """Return `items` cut into consecutive batches: about TASKS_PER_THREAD per thread, at most MAX_BATCH each.

    >>> [len(b) for b in _batches(list(range(10)), 1)]
    [3, 3, 3, 1]
    """
    size = max(1, min(MAX_BATCH, math.ceil(len(items) / max(1, threads * TASKS_PER_THREAD))))
    return [items[i:i + size] for i in range(0, len(items), size)]


def blocks(figures: pd.DataFrame, count: int) -> pd.Series:
    """Return each figure's block number, 0 to `count` - 1: figures sharing actor, kind and unit share one.

    An amount converted in brackets, which links to the amount it converts
    whatever its unit, is in that amount's block; a repeat that names nobody
    (`ladfin.link.unnamed`) is in the block of the mention it repeats. Blocks are dealt out in order
    of first appearance, so they are the same on every run.

    >>> f = pd.DataFrame({"actor": ["CAN", "USA", "CAN", None], "kind": ["money"] * 4, "unit": ["USD"] * 4})
    >>> blocks(f, 2).tolist()
    [0, 1, 0, 0]
    """
    keys = figures[list(_BLOCK)].astype("string").fillna("")
    numbers = pd.Series(keys.groupby(list(_BLOCK), sort=False).ngroup() % max(1, count), index=figures.index)
    converted = conversions(figures)
    for conversion, amount in converted.items():
        numbers[conversion] = numbers[amount]
    for repeat, named in unnamed(figures, skip=converted).items():
        numbers[repeat] = numbers[named]
    return numbers


class DaskEngine:
    """Reads and links on a dask.distributed cluster; use it as a context manager.

    With no `scheduler`, a `LocalCluster` of `workers` processes (one thread
    each; default one per CPU) runs on this machine for the build and stops
    after it. With a `scheduler` address (tcp://host:8786), the build waits
    for `workers` workers (default one) to be connected, up to WORKER_WAIT
    seconds. Every worker must run the same ladfin code and reference tables
    as the build (`code_digest`), or the build stops before reading anything.

    Raises:
        BuildError: dask is not installed, the scheduler cannot be reached, its
            workers do not join, or a worker runs other code.
    """

    def __init__(self, scheduler: str | None = None, workers: int | None = None):
        self.scheduler = scheduler
        self.workers = workers
        self.client = None
        self._cluster = None

    def __enter__(self) -> DaskEngine:
        distributed = _distributed()
        try:
            if self.scheduler is None:
                self._cluster = distributed.LocalCluster(
                    n_workers=self.workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                    # On a free port: None would still serve the scheduler's HTTP routes on 8787, taken by
                    # any other cluster on this machine; the dashboard itself needs bokeh, which is not installed.
                    host="127.0.0.1", dashboard_address=":0")
                self.client = distributed.Client(self._cluster)
            else:
                self.client = distributed.Client(self.scheduler, timeout=WORKER_WAIT)
                self.client.wait_for_workers(self.workers or 1, timeout=WORKER_WAIT)
        except OSError as exc:  # refused, unreachable, or timed out (TimeoutError is an OSError)
            self.__exit__(None, None, None)
            where = self.scheduler or "a local cluster"
            raise BuildError(f"cannot start the Dask engine on {where}: {exc}; "
                             "is the scheduler running and are its workers connected?") from None
        self._check_workers()
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self.client is not None:
            self.client.close()
        if self._cluster is not None:
            self._cluster.close()
        self.client = self._cluster = None

    def _check_workers(self) -> None:
        ours = code_digest()
        theirs = self.client.run(code_digest)
        other = sorted(address for address, digest in theirs.items() if digest != ours)
        if other:
            self.__exit__(None, None, None)
            raise BuildError(f"{len(other)} Dask worker(s) run other ladfin code or reference tables than this "
                             f"build ({', '.join(other[:5])}); install the same ladfin commit on every worker")

    def _threads(self) -> int:
        return sum(w.get("nthreads", 1) for w in self.client.scheduler_info()["workers"].values()) or 1

    def read(self, documents: Iterable[Document], read: Callable[[Document], Extraction],
             cache: ExtractionCache | None) -> Iterator[tuple[Document, Extraction]]:
        """Yield each document with its rows: from `cache` when it holds them, else read on the workers."""
        distributed = _distributed()
        documents = list(documents)
        found: list[Extraction | None] = [None] * len(documents)
        missing = []
        for n, document in enumerate(documents):
            try:
                found[n] = cache.get(document, _defer) if cache is not None else _defer(document)
            except _Deferred:
                missing.append(n)
        # What the workers read is stored through a copy of the cache: the lookup above counted its misses.
        store = copy.copy(cache) if cache is not None else None
        batches = _batches(missing, self._threads())
        futures = {self.client.submit(_read_batch, [documents[n] for n in batch], read, pure=False): batch
                   for batch in batches}
        for future, rows in distributed.as_completed(list(futures), with_results=True):
            # Dropping the future lets its worker free the rows once they are here.
            for n, extraction in zip(futures.pop(future), rows):
                found[n] = store.get(documents[n], lambda _, got=extraction: got) if store is not None \
                    else extraction
        for document, extraction in zip(documents, found):
            yield document, extraction

    def link(self, figures: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
        """Return `figures` linked block by block on the workers (see the module docstring)."""
        if figures.empty:
            return link_mentions(figures, documents)
        columns = [c for c in LINK_COLUMNS if c in figures]
        numbers = blocks(figures, self._threads() * TASKS_PER_THREAD)
        docs = self.client.scatter(documents[["doc", "document_kind", "published"]], broadcast=True)
        parts = self.client.scatter([part for _, part in figures[columns].groupby(numbers, sort=True)])
        futures = [self.client.submit(_link_block, part, docs, pure=False) for part in parts]
        linked = pd.concat(self.client.gather(futures)).loc[figures.index]
        return figures.assign(announcement=linked["announcement"], is_canonical=linked["is_canonical"])


def engine_for(name: str = "local", *, scheduler: str | None = None, workers: int | None = None) -> Engine:
    """Return the engine called `name` ("local" or "dask"), to be entered with `with` before a build.

    Raises:
        BuildError: an unknown name, or a scheduler or worker count given to the local engine.
    """
    if name not in ENGINES:
        raise BuildError(f"no engine {name!r}; engines are {', '.join(ENGINES)}")
    if name == "local":
        if scheduler is not None or workers is not None:
            raise BuildError("--scheduler and --workers are for --engine dask; the local engine runs here")
        return LocalEngine()
    if workers is not None and workers < 1:
        raise BuildError(f"--workers must be at least 1, not {workers}")
    return DaskEngine(scheduler, workers)
