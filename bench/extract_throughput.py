"""Measure extraction throughput (characters per second, one core) and peak memory.

Streams the corpus documents, repeated until at least --megabytes of text has
gone through `extract_document`, one document at a time, keeping only counts, so
memory should not grow with the input. Prints throughput (per second of wall
time, and per second of CPU time: on a loaded machine only the second compares)
and the peak resident memory after the first fifth of the input and at the end:
equal peaks mean memory does not grow with input size.

    .venv/bin/python bench/extract_throughput.py [--megabytes 50]
    .venv/bin/python bench/extract_throughput.py --stages [--megabytes 5]
    .venv/bin/python bench/extract_throughput.py --catalog tests/data/founding/data/raw/catalog.csv

With --stages it prints instead how the time splits between the stages of
extraction (CPU time, best of three passes over the corpus repeated to --megabytes).
"""

from __future__ import annotations

import argparse
import itertools
import resource
import time
from pathlib import Path

from ladfin.extract.documents import Document, load_all
from ladfin.extract.figures import extract_document
from ladfin.extract.layout import read_layout
from ladfin.extract.mentions import find_mentions
from ladfin.reference.vocabulary import vocabulary


def peak_mb() -> float:
    """Return this process's peak resident memory in MB (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=None, help="50 by default, 5 with --stages")
    parser.add_argument("--stages", action="store_true", help="time each stage instead")
    parser.add_argument("--catalog", type=Path, default=None,
                        help="the catalog of the documents to stream [default: data/raw/catalog.csv]; "
                             "tests/data/founding/data/raw/catalog.csv streams the five founding documents")
    args = parser.parse_args()
    megabytes = args.megabytes or (5.0 if args.stages else 50.0)
    target = int(megabytes * 1_000_000)
    corpus = load_all(args.catalog)
    for doc in corpus:  # load the vocabulary and lazy imports before timing
        extract_document(doc)
    if args.stages:
        stages(corpus, target)
        return
    chars = figures = skipped = 0
    early_peak = None
    start_peak = peak_mb()  # imports (pandas, pyarrow) and the vocabulary, before any timed text
    start, start_cpu = time.perf_counter(), time.process_time()
    for i, doc in enumerate(itertools.cycle(corpus)):
        found, skips = extract_document(Document(doc=f"{i}-{doc.doc}", raw=doc.raw, lang=doc.lang))
        chars += len(doc.raw)
        figures += len(found)
        skipped += len(skips)
        if early_peak is None and chars >= target / 5:
            early_peak = peak_mb()
        if chars >= target:
            break
    seconds = time.perf_counter() - start
    cpu = time.process_time() - start_cpu
    print(f"input      {chars / 1e6:.1f} MB ({chars:,} characters, {i + 1:,} documents)")
    print(f"found      {figures:,} figures, {skipped:,} skipped numbers")
    print(f"time       {seconds:.1f} s wall, {cpu:.1f} s CPU")
    print(f"throughput {chars / seconds / 1e6:.2f} MB/s (characters per second / 1e6, one core)")
    print(f"CPU        {chars / cpu / 1e6:.2f} MB/s per CPU second (what to compare on a loaded machine)")
    print(f"peak RSS   {early_peak:.0f} MB after {target / 5e6:.0f} MB, {peak_mb():.0f} MB at the end"
          f" ({start_peak:.0f} MB before the first timed document)")


def stages(corpus: list[Document], target: int) -> None:
    """Print CPU milliseconds per MB of text for each stage of extraction, best of three passes.

    CPU time, not wall time: on a shared machine the wall time of a pass is the
    time it waited for a core too.
    """
    docs, chars = [], 0
    for doc in itertools.cycle(corpus):
        if chars >= target:
            break
        docs.append(doc)
        chars += len(doc.raw)
    vocabs = [vocabulary(doc.lang) for doc in docs]
    layouts = [read_layout(doc.raw, vocab) for doc, vocab in zip(docs, vocabs)]
    passes = {
        "layout": lambda: [read_layout(d.raw, v) for d, v in zip(docs, vocabs)],
        "mentions": lambda: [find_mentions(d.raw, lay, v) for d, lay, v in zip(docs, layouts, vocabs)],
        "whole": lambda: [extract_document(d) for d in docs],
    }
    best = {}
    for name, run in passes.items():
        times = []
        for _ in range(3):
            start = time.process_time()
            run()
            times.append(time.process_time() - start)
        best[name] = min(times) / (chars / 1e6) * 1000
    print(f"input      {chars / 1e6:.1f} MB, {len(docs):,} documents; CPU milliseconds per MB, best of 3")
    print(f"layout     {best['layout']:6.1f}  cleaning, blocks, sections, sentences (layout.read_layout)")
    print(f"mentions   {best['mentions']:6.1f}  numbers and what surrounds them (mentions.find_mentions)")
    rows = best["whole"] - best["layout"] - best["mentions"]
    print(f"rows       {rows:6.1f}  kinds, units, actors, figure and skip rows (the rest)")
    print(f"whole      {best['whole']:6.1f}  figures.extract_document = {1000 / best['whole']:.2f} MB/s")


if __name__ == "__main__":
    main()
