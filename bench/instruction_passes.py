"""Run extraction passes over the founding documents inside `functools.reduce`, for callgrind to count.

Instruction counts do not depend on the load of a shared machine, as CPU time
does. callgrind counts only inside `functools.reduce` (the timed passes, not the
imports, the vocabulary or the first, warming pass) and prints the total on its
"Collected" line; divide it by the passes:

    PYTHONPATH=$PWD valgrind --tool=callgrind --collect-atstart=no \\
        --toggle-collect=functools_reduce --callgrind-out-file=/tmp/cg.out \\
        .venv/bin/python bench/instruction_passes.py --passes 2

`callgrind_annotate /tmp/cg.out` then lists the C functions (the regex engine,
the interpreter loop) the instructions went to.
"""

from __future__ import annotations

import argparse
import functools
from pathlib import Path

from ladfin.extract.documents import load_all
from ladfin.extract.figures import extract_document

FOUNDING = Path(__file__).resolve().parent.parent / "tests/data/founding/data/raw/catalog.csv"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passes", type=int, default=2, help="passes over the documents to count [2]")
    parser.add_argument("--catalog", type=Path, default=FOUNDING, help="the documents [the five founding ones]")
    args = parser.parse_args()
    corpus = load_all(args.catalog)
    for doc in corpus:  # the vocabulary, lazy imports and caches, before counting
        extract_document(doc)

    def one_pass(_previous, _index):
        for doc in corpus:
            extract_document(doc)

    functools.reduce(one_pass, range(args.passes), None)


if __name__ == "__main__":
    main()
