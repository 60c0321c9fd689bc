"""Reads what kind of money a figure is (flow) and how far along it is (status) from cue words.

The words are rows of data/reference/flows.csv and status_words.csv; a figure
takes the label of the nearest cue that marks it (see `ladfin.link.cues.attach`).
"""

from __future__ import annotations


import pandas as pd

from ladfin.core.vocab import Flow, Status  # noqa: F401  (re-exported)
from ladfin.link.cues import attach, note_cue, read_cues


FLOW_WINDOW = 12    # words between a flow cue and its figure: "in humanitarian, development ... assistance"
STATUS_WINDOW = 6   # words between a status cue and its figure: "will benefit up to"


def _with_cues(figures: pd.DataFrame) -> pd.DataFrame:
    return figures if "cues" in figures else figures.assign(cues=pd.NA)


def add_flow(figures: pd.DataFrame, *, window: int = FLOW_WINDOW, lang: str = "en") -> pd.DataFrame:
    """Return `figures` with `flow`: the nearest flow cue for money, "other" if none, NA otherwise.

    The cue phrase is appended to `cues` ("flow=loan ('loan')").

    >>> from ladfin.extract.figures import extract_figures
    >>> add_flow(extract_figures("The U.S. approved a $20 million direct loan."))["flow"].tolist()
    ['loan']
    """
    out = _with_cues(figures)
    money = out["kind"].astype("string").eq("money").fillna(False)
    found = attach(out[money], read_cues("flows", "flow", lang=lang), window=window)
    flow = pd.Series(pd.NA, index=out.index, dtype="string")
    flow[money] = found["label"].fillna("other")
    phrases = found["phrase"].reindex(out.index)
    return out.assign(flow=flow, cues=note_cue(out["cues"], "flow", flow, phrases))


def add_status(figures: pd.DataFrame, *, window: int = STATUS_WINDOW, lang: str = "en") -> pd.DataFrame:
    """Return `figures` with `status`: the bullet's marker where there is one, else the nearest cue.

    Cues read target ("on track to welcome", "will", "goal of"), achieved
    ("have been", "has issued", "resettled") or new ("in new", "announced").
    A figure with neither keeps an empty status. Only people are targets:
    money a government "will provide" or has a "commitment to" give is a
    pledge, the new money an announcement is (its measure says which), so
    target cues are not read for money, and totals of money announced keep it.

    >>> from ladfin.extract.figures import extract_figures
    >>> add_status(extract_figures("Peru is on track to welcome 9,000 refugees."))["status"].tolist()
    ['target']
    """
    out = _with_cues(figures)
    marker = out["status"].astype("string") if "status" in out else pd.Series(pd.NA, index=out.index)
    cues = read_cues("status_words", "status", lang=lang)
    money = out["kind"].astype("string").eq("money").fillna(False)
    found = pd.concat([
        attach(out[~money], cues, window=window),
        attach(out[money], tuple(c for c in cues if c.label != "target"), window=window),
    ]).reindex(out.index)
    use_cue = marker.isna() & found["label"].notna()
    status = marker.astype("string").mask(use_cue, found["label"])
    phrases = found["phrase"].where(use_cue)
    return out.assign(status=status, cues=note_cue(out["cues"], "status", status, phrases))
