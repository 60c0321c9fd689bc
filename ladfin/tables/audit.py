"""Lists the flags on built figures with what each means."""

from __future__ import annotations

import pandas as pd

from ladfin.core.cells import split_column
from ladfin.reference.vocabulary import read_table


def flag_messages() -> dict[str, str]:
    """Return what each flag means and how to fix it, from data/reference/flags.csv."""
    return {r["flag"]: r["message"] for r in read_table("flags", ("flag", "message"))}


def flagged(figures: pd.DataFrame, messages: dict[str, str]) -> pd.DataFrame:
    """Return one row per flag on a figure: doc, start, end, quote, flag and its message."""
    rows = figures[figures["flag"].notna()]
    out = rows[["doc", "start", "end", "quote"]].assign(flag=split_column(rows["flag"])).explode("flag")
    return out.assign(message=out["flag"].map(messages).fillna("see data/reference/flags.csv"))
