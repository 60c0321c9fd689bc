"""Documents and fixture trees written for the tests: short texts with catalog entries."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

from ladfin.errors import DocumentError
from ladfin.extract.documents import CATALOG_COLUMNS, Document
from ladfin.extract.figures import extract_document


def entry(doc: str, *, kind: str = "primary", event_id: str = "meeting-2024", event_date: str = "2024-05-07",
          published: str = "", sha256: str = "0" * 64, event_name: str | None = None) -> dict:
    """Return a catalog row for a test document."""
    return {
        "id": doc.removesuffix(".txt"), "file": doc, "title": f"Test {doc}", "publisher": "Test",
        "kind": kind, "published": published, "language": "en", "event_id": event_id,
        "event_name": event_name or f"Meeting {event_id}", "event_date": event_date, "event_place": "Testville",
        "source_url": "", "sha256": sha256, "licence": "", "note": "",
    }


def document(text: str, doc: str = "a.txt", *, lang: str = "en", **fields) -> Document:
    """Return a catalogued Document holding `text` in language `lang`; `fields` go to its catalog entry."""
    row = entry(doc, **fields)
    return Document(doc=doc, raw=text, lang=lang, entry={**row, "language": lang})


def tree(root: Path, texts: dict[str, str], **fields) -> Path:
    """Write a project tree at `root`: data/raw with `texts` and a catalog; return root.

    The tree has no data/reference, so ladfin uses the package's.
    """
    raw = root / "data" / "raw"
    raw.mkdir(parents=True)
    rows = []
    for doc, text in texts.items():
        (raw / doc).write_text(text, encoding="utf-8")
        digest = hashlib.sha256(text.encode()).hexdigest()
        rows.append(entry(doc, sha256=digest, **fields.get(doc, {})))
    with (raw / "catalog.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=CATALOG_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return root


def extract_any(text: str) -> tuple[list[dict], list[dict]]:
    """Return (figures, skipped) of arbitrary text, allowing only the one clear error it may earn.

    A text opening with "---" may hold broken YAML front matter: the clear error
    naming the file is then the right answer, and the whole text counts as skipped.
    """
    try:
        return extract_document(Document(doc="fuzz.txt", raw=text))
    except DocumentError as exc:
        assert text.startswith("---") and "fuzz.txt: YAML front matter" in str(exc)
        return [], [{"start": 0, "end": len(text), "text": text}]
