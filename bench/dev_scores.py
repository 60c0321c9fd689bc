"""Score extraction on the development corpus (tests/data/dev), per half and language.

    python bench/dev_scores.py                     # both halves of tests/data/dev
    python bench/dev_scores.py --half tune -v      # the tuning half, with every miss and extra
    python bench/dev_scores.py --corpus founding   # the five founding documents
    python bench/dev_scores.py --corpus holdout    # tests/data/holdout, never tuned on (no -v)
    python bench/dev_scores.py --corpus train -v   # tests/data/train/<lang>/, tuned on, all misses
    python bench/dev_scores.py --corpus fresh      # tests/data/fresh/<lang>/, never tuned on (no -v)
    python bench/dev_scores.py --lang-from detect  # the language as ladfin detects it

Each document is built as `ladfin build` builds it (measures and actors
included). F1 is over (kind, unit, value); qualifier, measure and actor
agreement are on the matched figures (actor on money and people only). The
measured half and the held-out corpus (one half, `all`: it has no split.csv)
are for reading scores only: never print their misses while changing a rule
(-v refuses them).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from ladfin.errors import LadfinError
from ladfin.extract.documents import Document, read_document
from ladfin.tables import build_tables
from ladfin.extract.gold import ATTRIBUTES, Score, score_document

TESTS = Path(__file__).resolve().parents[1] / "tests" / "data"
CORPORA = {  # name -> (folder with catalog, gold and split; folder with the documents)
    "dev": (TESTS / "dev", TESTS / "dev" / "docs"),
    "founding": (TESTS / "founding", TESTS / "founding" / "data" / "raw"),
    "holdout": (TESTS / "holdout", TESTS / "holdout" / "docs"),
}
# One folder per language, each laid out like tests/data/holdout: the training set, tuned on, and
# the fresh set, collected after every rule here was written and scored once, never tuned on.
BY_LANGUAGE = {"train": TESTS / "train", "fresh": TESTS / "fresh"}


def _corpora(corpus: str) -> list[tuple[Path, Path]]:
    """Return the (root, documents folder) pairs a corpus name stands for."""
    if corpus in BY_LANGUAGE:
        return [(folder, folder / "docs") for folder in sorted(BY_LANGUAGE[corpus].iterdir())
                if (folder / "catalog.csv").is_file()]
    return [CORPORA[corpus]]


def _load(corpus: Path, docs_dir: Path, half: str | None, lang_from: str) -> list[tuple[str, Document]]:
    """Return (half, document) for the catalogued documents of a corpus, in catalog order."""
    catalog = pd.read_csv(corpus / "catalog.csv" if (corpus / "catalog.csv").is_file()
                          else docs_dir / "catalog.csv", dtype=str, keep_default_na=False)
    split_file = corpus / "split.csv"
    split = (pd.read_csv(split_file, dtype=str, keep_default_na=False).set_index("doc")["half"]
             if split_file.is_file() else pd.Series("all", index=catalog["file"]))
    out = []
    for row in catalog.to_dict("records"):
        which = split[row["file"]]
        if half and which != half:
            continue
        lang = row["language"] if lang_from == "catalog" else None
        out.append((which, read_document(docs_dir / row["file"], lang=lang, entry=row)))
    return out


def scores(corpus: str, half: str | None, lang_from: str) -> dict[tuple[str, str], Score]:
    """Return (half, language) -> Score over a corpus's documents, built as `ladfin build` builds them."""
    out: dict[tuple[str, str], Score] = {}
    for root, docs_dir in _corpora(corpus):
        _score_into(out, root, docs_dir, half, lang_from)
    return out


def _score_into(out: dict[tuple[str, str], Score], root: Path, docs_dir: Path,
                half: str | None, lang_from: str) -> None:
    """Add one corpus folder's scores to `out`, keyed by (half, language)."""
    gold = pd.read_csv(root / "gold.csv" if (root / "gold.csv").is_file() else root / "gold" / "figures.csv",
                       dtype=str, keep_default_na=False)
    gold["value"] = gold["value"].astype(float)
    for which, document in _load(root, docs_dir, half, lang_from):
        try:  # one document at a time: a document that fails is scored as finding nothing
            found = build_tables([document])["figures"].to_dict("records")
        except LadfinError as exc:
            print(f"{document.doc}: {exc}", file=sys.stderr)
            found = []
        result = score_document(found, gold[gold["doc"] == document.doc].to_dict("records"))
        for row in result.missing + result.extra + [w for _, _, w in result.differ]:
            row["doc"] = document.doc
        key = (which, document.entry.get("language") or document.lang)
        out[key] = out[key] + result if key in out else result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=sorted([*CORPORA, *BY_LANGUAGE]), default="dev")
    parser.add_argument("--half", choices=("tune", "measure"))
    parser.add_argument("--lang-from", choices=("detect", "catalog"), default="catalog",
                        help="read each document in its catalog language, or detect it")
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses and extras (tune half only)")
    args = parser.parse_args(argv)
    if args.verbose and args.corpus == "holdout":
        parser.error("-v lists misses: never on the held-out corpus, so it stays unseen")
    if args.verbose and args.corpus == "dev" and args.half != "tune":
        parser.error("-v lists misses: only with --half tune, so the measured half stays unseen")
    table = scores(args.corpus, args.half, args.lang_from)
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
            for attribute, got, want in s.differ:
                print(f"   {attribute:9} {want['doc']}: {want['quote']!r} found {got.get(attribute)!r}, "
                      f"gold {want[attribute]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
