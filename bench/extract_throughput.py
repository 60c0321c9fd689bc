"""Measure extraction throughput (characters per second, one core) and peak memory.

Streams the corpus documents, repeated until at least --megabytes of text has
gone through `extract_document`, one document at a time, keeping only counts, so
memory should not grow with the input. Prints throughput and the peak resident
memory after the first fifth of the input and at the end: equal peaks mean
memory does not grow with input size.

    .venv/bin/python bench/extract_throughput.py [--megabytes 50]
"""

from __future__ import annotations

import argparse
import itertools
import resource
import time

from ladfin.documents import Document, load_all
from ladfin.figures import extract_document


def peak_mb() -> float:
    """Return this process's peak resident memory in MB (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=50.0)
    args = parser.parse_args()
    target = int(args.megabytes * 1_000_000)
    corpus = load_all()
    extract_document(corpus[0])  # load the vocabulary before timing
    chars = figures = skipped = 0
    early_peak = None
    start = time.perf_counter()
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
    print(f"input      {chars / 1e6:.1f} MB ({chars:,} characters, {i + 1:,} documents)")
    print(f"found      {figures:,} figures, {skipped:,} skipped numbers")
    print(f"time       {seconds:.1f} s")
    print(f"throughput {chars / seconds / 1e6:.2f} MB/s (characters per second / 1e6, one core)")
    print(f"peak RSS   {early_peak:.0f} MB after {target / 5e6:.0f} MB, {peak_mb():.0f} MB at the end")


if __name__ == "__main__":
    main()
