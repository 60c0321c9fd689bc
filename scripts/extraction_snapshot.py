"""Save what extraction finds in many texts, or compare it with a saved run.

For changes that must not change output (speed work, refactors): save on the
commit before, compare on the commit after. The texts are the corpus
documents plus variants of them made with a fixed seed (paragraphs shuffled,
joined on one line, hard-wrapped differently, random windows), each read in
English and in Spanish.

    python scripts/extraction_snapshot.py save /tmp/before.json
    python scripts/extraction_snapshot.py compare /tmp/before.json
    python scripts/extraction_snapshot.py compare /tmp/before.json --ignore unit_source
"""

from __future__ import annotations

import argparse
import json
import random
import sys

from ladfin.extract.documents import Document, load_all
from ladfin.errors import LadfinError
from ladfin.extract.figures import extract_document


def texts() -> list[str]:
    """Return the corpus documents and seeded variants of them."""
    corpus = [doc.raw for doc in load_all()]
    rnd = random.Random(7)
    out = list(corpus)
    for raw in corpus:
        paragraphs = raw.split("\n\n")
        for _ in range(4):
            rnd.shuffle(paragraphs)
            out.append("\n\n".join(paragraphs))
            out.append(" ".join(paragraphs))
            out.append("\n".join(p.replace(" ", "\n", 3) for p in paragraphs))
        for _ in range(30):
            start = rnd.randrange(len(raw))
            out.append(raw[start:start + rnd.randrange(400)])
    return out


def snapshot() -> list:
    """Return, for each text and language, its figure and skip rows (or the error it raises)."""
    result = []
    for i, text in enumerate(texts()):
        for lang in ("en", "es"):
            try:
                figures, skipped = extract_document(Document(doc=f"text-{i}", raw=text, lang=lang))
                result.append({"text": i, "lang": lang, "figures": figures, "skipped": skipped})
            except LadfinError as exc:
                result.append({"text": i, "lang": lang, "error": str(exc)})
    return json.loads(json.dumps(result, default=str))  # as it will read back


def _without(extraction: dict, columns: list[str]) -> dict:
    """Return an extraction with `columns` left out of its figure rows."""
    if not columns or "figures" not in extraction:
        return extraction
    rows = [{k: v for k, v in row.items() if k not in columns} for row in extraction["figures"]]
    return {**extraction, "figures": rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["save", "compare"])
    parser.add_argument("path")
    parser.add_argument("--ignore", action="append", default=[], metavar="COLUMN",
                        help="leave this column out of the comparison (one a change adds on purpose)")
    args = parser.parse_args()
    now = snapshot()
    if args.action == "save":
        with open(args.path, "w", encoding="utf-8") as fh:
            json.dump(now, fh)
        print(f"saved {len(now)} extractions to {args.path}")
        return
    with open(args.path, encoding="utf-8") as fh:
        before = json.load(fh)
    differ = [b for b, n in zip(before, now) if _without(b, args.ignore) != _without(n, args.ignore)]
    for b in differ[:10]:
        print(f"differs: text {b['text']} ({b['lang']})")
    print(f"{len(differ)} of {len(now)} extractions differ")
    sys.exit(1 if differ or len(before) != len(now) else 0)


if __name__ == "__main__":
    main()
