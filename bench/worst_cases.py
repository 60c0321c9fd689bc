"""Time extraction on the worst-case inputs of issue 13 at a few sizes, so linear cost shows.

Each case is a text generated to a given size and read by `extract_document`
in a fresh process, which reports the wall time and its peak resident memory
above what it held before the text was made (imports and vocabulary). Time and
memory growing in proportion to the size (3x the input, about 3x the time) is
linear; a quadratic cost shows as 10x the time for 3x the input.

    .venv/bin/python bench/worst_cases.py [--sizes 0.3 1 3] [--cases long_line nested_divs]

Cases:
    long_line    one line of figures and noun-less numbers with no sentence end
    nested_divs  <div>s nested as deep as the size allows, a figure at the bottom
    scripts      <script> and <style> blocks full of numbers between short paragraphs
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time

# Each phrase is written for the benchmark: a money figure, a people figure, a
# noun-less number that looks for a unit to borrow, a governing "of them".
_LINE_PHRASE = "Canada gave $3 million and 5,000 refugees arrived while 2,000 of them stayed and 700 more came, "
_SCRIPT_BLOCK = ("<p>Canada gave $3 million to 5,000 refugees.</p>\n"
                 "<script>var total = 5000000; f(12, 345);</script>\n<style>p { margin: 10px 2em; }</style>\n")
CASES = ("long_line", "nested_divs", "scripts")


def make_text(case: str, chars: int) -> str:
    """Return the text of a case, about `chars` characters long."""
    if case == "long_line":
        return (_LINE_PHRASE * (chars // len(_LINE_PHRASE) + 1))[:chars]
    if case == "nested_divs":
        depth = chars // len("<div></div>")
        return "<div>" * depth + "Canada gave $3 million." + "</div>" * depth
    if case == "scripts":
        return _SCRIPT_BLOCK * (chars // len(_SCRIPT_BLOCK) + 1)
    raise SystemExit(f"unknown case {case!r}; choose from {', '.join(CASES)}")


def peak_mb() -> float:
    """Return this process's peak resident memory in MB (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_one(case: str, megabytes: float) -> dict:
    """Return time, figures and peak memory of extracting one case, measured in this process."""
    from ladfin.extract.documents import Document
    from ladfin.extract.figures import extract_document

    extract_document(Document(doc="warm-up.txt", raw=make_text(case, 2000)))  # vocabulary, lazy imports
    before = peak_mb()
    text = make_text(case, int(megabytes * 1_000_000))
    start = time.perf_counter()
    figures, skipped = extract_document(Document(doc=f"{case}.txt", raw=text))
    seconds = time.perf_counter() - start
    return {"case": case, "mb": len(text) / 1e6, "seconds": seconds, "figures": len(figures),
            "skipped": len(skipped), "peak_mb": peak_mb() - before}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[0.3, 1.0, 3.0], help="megabytes")
    parser.add_argument("--cases", nargs="+", default=list(CASES), choices=CASES)
    parser.add_argument("--one", nargs=2, metavar=("CASE", "MB"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one[0], float(args.one[1]))))
        return
    print(f"{'case':<12} {'MB':>5} {'time s':>8} {'s per MB':>9} {'figures':>8} {'skipped':>8} {'peak +MB':>9}")
    for case in args.cases:
        for size in args.sizes:
            done = subprocess.run([sys.executable, __file__, "--one", case, str(size)],
                                  capture_output=True, text=True, check=True)
            r = json.loads(done.stdout)
            print(f"{r['case']:<12} {r['mb']:>5.2f} {r['seconds']:>8.2f} {r['seconds'] / r['mb']:>9.2f} "
                  f"{r['figures']:>8,} {r['skipped']:>8,} {r['peak_mb']:>9.0f}")


if __name__ == "__main__":
    main()
