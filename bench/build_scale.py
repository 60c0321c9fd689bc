"""Time `ladfin build` on N distinct documents made from the development and founding corpora.

    python bench/build_scale.py                  # N = 100 and 1,000
    python bench/build_scale.py --sizes 100 1000 10000
    python bench/build_scale.py --engine dask       # the same builds on a local Dask cluster

Each document is one of the 50 real texts with its paragraphs shuffled and its
digits varied by a seeded generator (so no two are the same text and no two
figures link by accident), its own catalog row and an event of its own (ten
documents an event). Each size is built from scratch in a temporary project
tree by the `ladfin build` command, as a user runs it; the table prints wall
time, the peak memory of that process (its maximum resident set), the cost
per document, the rebuild after one more document is added (the others then
come from the batches kept in data/interim; linking runs again over all of
them) with its own peak memory, and the time of `ladfin.assistance()` and
`ladfin.headcounts()` on the tables built (each the first call in a fresh
process once ladfin.analysis is imported, so reading the table is included).
With `--engine dask` each build is `ladfin build --engine dask` (a
LocalCluster of one worker process per CPU, started and stopped by the build,
its time included), and the peak memory is that of the whole process tree
(the build, its scheduler and workers: resident sets added up, sampled every
0.1 s), since the work is spread over several processes.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "tests" / "data" / "founding" / "data" / "raw", ROOT / "tests" / "data" / "dev" / "docs"]
LADFIN = Path(sys.executable).parent / "ladfin"
COLUMNS = ("id", "file", "title", "publisher", "kind", "published", "language", "event_id", "event_name",
           "event_date", "event_place", "source_url", "sha256", "licence", "note")


def _texts() -> list[tuple[str, str]]:
    """Return (language, text) of every real document the generator varies, in a language ladfin reads."""
    languages = {r["lang"] for r in csv.DictReader((ROOT / "data" / "reference" / "languages.csv").open())}
    out = []
    for folder in SOURCES:
        catalog = {r["file"]: r for r in csv.DictReader((folder / "catalog.csv").open(encoding="utf-8"))} \
            if (folder / "catalog.csv").is_file() else {}
        if not catalog:
            catalog = {r["file"]: r for r in csv.DictReader(
                (folder.parent / "catalog.csv").open(encoding="utf-8"))}
        for name, row in sorted(catalog.items()):
            if (row.get("language") or "en") in languages:
                out.append((row.get("language") or "en", (folder / name).read_text(encoding="utf-8")))
    return out


def _vary(text: str, rnd: random.Random) -> str:
    """Return the text with its paragraphs shuffled and each digit 1-9 replaced by another.

    YAML front matter stays as it is (its dates must still parse).
    """
    front = ""
    if text.startswith("---"):
        end = text.find("\n---", 3)
        if end > 0:
            front, text = text[:end + 4], text[end + 4:]
    paragraphs = text.split("\n\n")
    head, body = paragraphs[:1], paragraphs[1:]
    rnd.shuffle(body)
    return front + re.sub(r"[1-9]", lambda m: str(rnd.randint(1, 9)), "\n\n".join(head + body))


def make_tree(root: Path, n: int, seed: int = 12) -> Path:
    """Write a project tree at `root` with `n` distinct documents and their catalog; return root."""
    raw = root / "data" / "raw"
    raw.mkdir(parents=True)
    texts, rnd, rows = _texts(), random.Random(seed), []
    for i in range(n):
        lang, text = texts[i % len(texts)]
        varied = _vary(text, rnd)
        name = f"doc-{i:05d}.txt"
        (raw / name).write_text(varied, encoding="utf-8")
        event = i // 10
        rows.append({"id": f"doc-{i:05d}", "file": name, "title": f"Generated document {i}", "publisher": "bench",
                     "kind": "primary" if i % 3 else "secondary", "published": f"{2022 + event % 4}-06-01",
                     "language": lang, "event_id": f"event-{event}", "event_name": f"Meeting {event}",
                     "event_date": f"{2022 + event % 4}-06-0{1 + event % 9}", "event_place": "Benchville",
                     "source_url": "", "sha256": hashlib.sha256(varied.encode()).hexdigest(),
                     "licence": "generated for the benchmark", "note": ""})
    with (raw / "catalog.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return root


def add_document(root: Path, seed: int = 99) -> None:
    """Add one more distinct document and its catalog row to the tree at `root`."""
    raw = root / "data" / "raw"
    lang, text = _texts()[0]
    varied = _vary(text, random.Random(seed))
    (raw / "added.txt").write_text(varied, encoding="utf-8")
    row = {c: "" for c in COLUMNS} | {"id": "added", "file": "added.txt", "title": "Added document",
                                       "publisher": "bench", "kind": "primary", "published": "2025-06-01",
                                       "language": lang, "sha256": hashlib.sha256(varied.encode()).hexdigest()}
    with (raw / "catalog.csv").open("a", newline="", encoding="utf-8") as fh:
        csv.DictWriter(fh, fieldnames=COLUMNS).writerow(row)


# Runs one command and prints the peak resident memory of its process tree (KB) on its last stderr line.
_PEAK = ("import resource, subprocess, sys; done = subprocess.run(sys.argv[1:]); "
         "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); "
         "sys.exit(done.returncode)")
_ANALYSIS = ("import sys, time, ladfin, ladfin.analysis.series; start = time.perf_counter(); "
             "getattr(ladfin, sys.argv[1])(); print(time.perf_counter() - start)")


def timed_build(root: Path, *extra: str) -> tuple[float, float]:
    """Return (wall seconds, peak resident MB) of one `ladfin build` in the tree at `root`."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _PEAK, str(LADFIN), "build", *extra],
                          env={**os.environ, "LADFIN_ROOT": str(root)}, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"ladfin build failed in {root}:\n{done.stderr}")
    return wall, int(done.stderr.strip().splitlines()[-1]) / 1024


def timed_call(root: Path, name: str) -> float:
    """Return the seconds of `ladfin.<name>()` on the tables built in the tree at `root`."""
    done = subprocess.run([sys.executable, "-c", _ANALYSIS, name], env={**os.environ, "LADFIN_ROOT": str(root)},
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"ladfin.{name}() failed in {root}:\n{done.stderr}")
    return float(done.stdout.strip().splitlines()[-1])


def timed_tree_build(root: Path, *extra: str) -> tuple[float, float]:
    """Return (wall seconds, peak MB of the process tree: the build and its children added up) of one build."""
    import psutil

    start = time.perf_counter()
    process = subprocess.Popen([str(LADFIN), "build", *extra], env={**os.environ, "LADFIN_ROOT": str(root)},
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = [0]

    def sample() -> None:
        parent = psutil.Process(process.pid)
        while process.poll() is None:
            total = 0
            try:
                for p in [parent, *parent.children(recursive=True)]:
                    total += p.memory_info().rss
            except psutil.Error:  # a process ended while being read
                pass
            peak[0] = max(peak[0], total)
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = process.communicate()
    wall = time.perf_counter() - start
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"ladfin build failed in {root}:\n{stderr}")
    return wall, peak[0] / 2**20


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--engine", choices=["local", "dask"], default="local",
                        help="passed to `ladfin build --engine`; dask measures the whole process tree's memory")
    args = parser.parse_args(argv)
    timed, engine = (timed_build, ()) if args.engine == "local" else (timed_tree_build, ("--engine", "dask"))
    print(f"{'engine':>6} {'documents':>9} {'MB of text':>10} {'wall s':>8} {'ms/doc':>7} {'peak MB':>8} "
          f"{'+1 doc s':>8} {'+1 MB':>6} {'assist. s':>9} {'heads s':>8}")
    for n in args.sizes:
        with tempfile.TemporaryDirectory(prefix="ladfin-scale-") as tmp:
            root = make_tree(Path(tmp), n)
            size = sum(p.stat().st_size for p in (root / "data" / "raw").glob("*.txt")) / 1e6
            wall, peak = timed(root, "--force", *engine)
            add_document(root)
            again, again_peak = timed(root, *engine)  # every other document comes from data/interim
            calls = [timed_call(root, name) for name in ("assistance", "headcounts")]
            print(f"{args.engine:>6} {n:>9,} {size:>10.1f} {wall:>8.1f} {wall / n * 1000:>7.1f} {peak:>8.0f} "
                  f"{again:>8.1f} {again_peak:>6.0f} {calls[0]:>9.2f} {calls[1]:>8.2f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
