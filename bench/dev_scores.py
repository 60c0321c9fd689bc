"""Score extraction on the development corpus (tests/data/dev), per half and language.

    python bench/dev_scores.py                 # both halves, language as ladfin detects it
    python bench/dev_scores.py --half tune -v  # the tuning half, with every miss and extra
    python bench/dev_scores.py --lang-from catalog

F1 is over (kind, unit, value); qualifier, measure and actor agreement are on
the matched figures. The measured half is for reading scores only: never
print its misses while changing a rule (-v refuses it).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from ladfin.errors import LadfinError
from ladfin.extract.documents import read_document
from ladfin.extract.figures import extract_document
from ladfin.extract.gold import ATTRIBUTES, Score, score_document

DEV = Path(__file__).resolve().parents[1] / "tests" / "data" / "dev"


def scores(half: str | None, lang_from: str) -> dict[tuple[str, str], Score]:
    """Return (half, language) -> Score over the documents of the development corpus."""
    catalog = pd.read_csv(DEV / "catalog.csv", dtype=str, keep_default_na=False)
    split = pd.read_csv(DEV / "split.csv", dtype=str, keep_default_na=False).set_index("doc")["half"]
    gold = pd.read_csv(DEV / "gold.csv", dtype=str, keep_default_na=False)
    gold["value"] = gold["value"].astype(float)
    out: dict[tuple[str, str], Score] = {}
    for row in catalog.to_dict("records"):
        which = split[row["file"]]
        if half and which != half:
            continue
        lang = row["language"] if lang_from == "catalog" else None
        document = read_document(DEV / "docs" / row["file"], lang=lang, entry=row)
        try:
            found, _ = extract_document(document)
        except LadfinError as exc:  # a language without vocabulary: scored as finding nothing
            print(f"{row['file']}: {exc}", file=sys.stderr)
            found = []
        expected = gold[gold["doc"] == row["file"]].to_dict("records")
        result = score_document(found, expected)
        for m in result.missing:
            m["doc"] = row["file"]
        for e in result.extra:
            e["doc"] = row["file"]
        key = (which, row["language"])
        out[key] = out[key] + result if key in out else result
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--half", choices=("tune", "measure"))
    parser.add_argument("--lang-from", choices=("detect", "catalog"), default="detect")
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses and extras (tune half only)")
    args = parser.parse_args(argv)
    if args.verbose and args.half != "tune":
        parser.error("-v lists misses: only with --half tune, so the measured half stays unseen")
    table = scores(args.half, args.lang_from)
    print(f"{'half':8} {'lang':4} {'gold':>5} {'found':>5} {'P':>6} {'R':>6} {'F1':>6} "
          + " ".join(f"{a[:5]:>6}" for a in ATTRIBUTES))
    for (half, lang), s in sorted(table.items()):
        print(f"{half:8} {lang:4} {s.expected:5d} {s.found:5d} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} "
              + " ".join(f"{s.agreement(a):6.3f}" for a in ATTRIBUTES))
        if args.verbose:
            for m in s.missing:
                print(f"   missing {m['doc']}: {m['quote']!r} {m['kind']} {m['unit']} {m['value']:g}")
            for e in s.extra:
                print(f"   extra   {e['doc']}: {e['quote']!r} {e['kind']} {e['unit']} {e['value']:g}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
