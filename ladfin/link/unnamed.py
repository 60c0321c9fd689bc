"""Finds the repeats that name nobody: a figure its document gives elsewhere with its announcer.

A release often states a figure twice: in a headline or a closing line that
names nobody ("Countries pledge $39 million ...", "De los 212 millones de
dólares canadienses asignados, ...") and in the sentence that says who
announced it. Linking needs one actor, so the repeat would stand alone and its
money be added twice. A money or people figure with no actor is a mention of
the figure of the same document, in another paragraph, with the same kind,
unit, value and a known measure, when exactly one actor gives that figure
there. Two announcers giving it leave the repeat alone: it cannot say whose it is.
"""

from __future__ import annotations

from collections.abc import Hashable

import pandas as pd

from ladfin.core.vocab import SUMMED_KINDS, UNPLACED

# What reading a repeat takes: where each figure sits, and what it is.
UNNAMED_COLUMNS = ("doc", "start", "block_start", "kind", "unit", "value", "measure", "actor", "status")


def unnamed(figures: pd.DataFrame, *, skip: object = ()) -> dict[Hashable, Hashable]:
    """Return {label of a repeat that names nobody: label of its document's mention that names the announcer}.

    Figures whose labels are in `skip` (the conversions in brackets, which join
    the amount they convert) are neither repeats nor what a repeat joins. Worked
    out column-wise: a corpus where every figure names its announcer pays one
    pass over its columns.
    """
    if not set(UNNAMED_COLUMNS) <= set(figures.columns) or figures.empty:
        return {}
    frame = figures[list(UNNAMED_COLUMNS)]
    measure = frame["measure"].astype("string")
    placed = (frame["kind"].isin(SUMMED_KINDS) & measure.notna() & measure.ne(UNPLACED)
              & frame["status"].astype("string").ne("target").fillna(True) & frame["value"].notna()
              & ~frame.index.isin(list(skip))).to_numpy(dtype=bool)
    frame = frame[placed].assign(label=frame.index[placed], measure=measure[placed])
    nobody = frame["actor"].isna().to_numpy(dtype=bool)
    if not nobody.any():
        return {}
    on = ["doc", "kind", "unit", "value", "measure"]
    pairs = frame[nobody].merge(frame[~nobody], on=on, suffixes=("", "_named"))
    pairs = pairs[pairs["block_start"].ne(pairs["block_start_named"]).fillna(True)]
    if pairs.empty:
        return {}
    actors = pairs.groupby("label")["actor_named"].nunique()
    pairs = pairs[pairs["label"].map(actors).eq(1)].sort_values(["label", "start_named"])
    first = pairs.drop_duplicates("label")
    return dict(zip(first["label"].tolist(), first["label_named"].tolist()))
