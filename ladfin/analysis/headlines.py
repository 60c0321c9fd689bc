"""Sets the headline figures each text states beside ladfin's own sums, event by event.

A headline is a money figure a document states in a paragraph of its
overview (pillar 0, before any pillar's section; not a bullet of a list) as a
package or a total: role single, total or cumulative, not a part of another. For each (event, actor, measure) the check
puts the headlines beside the sum `assistance` makes of that event's
announcements, and says whether the sum is what the headline states: a sum
within 0.5% of an exact headline, at least a "more than" headline, at most a
"nearly" one, within the `margin` of an "about" one. A running total ("since
September", "in 2024 alone") reaches past one event, so it is shown but not
compared.
"""

from __future__ import annotations

import pandas as pd

from ladfin.analysis.series import assistance

REL_TOL = 0.005   # an exact headline and its sum agree to half a percent ($686.2M is $686M)
APPROX = 0.1      # how far "about" may reach, for this check only; stated in the column it fills


def _agrees(qualifier: str, headline: float, total: float, margin: float) -> bool:
    if qualifier == "over":
        return total >= headline * (1 - REL_TOL)
    if qualifier == "under":
        return total <= headline * (1 + REL_TOL)
    tolerance = margin if qualifier == "approx" else REL_TOL
    return abs(total - headline) <= tolerance * headline


def headline_check(figures: pd.DataFrame, announcements: pd.DataFrame, *,
                   margin: float = APPROX) -> pd.DataFrame:
    """Return one row per headline: what the text states, ladfin's sum, and whether they agree.

    Columns: event_id, event_name, event_date, actor, measure, doc, quote,
    qualifier, role, headline_usd (the stated amount), ladfin_usd (the sum of
    that event's, actor's and measure's announcements, each once, without parts,
    running totals or targets), agrees (True, False, or empty for a running
    total, which spans events), and note.
    """
    money = figures[figures["kind"].eq("money").fillna(False) & figures["pillar"].eq(0).fillna(False)
                    & figures["block_kind"].eq("paragraph").fillna(False)]
    stated = money[money["role"].isin(["single", "total", "cumulative"]).fillna(False)
                   & money["amount_usd"].notna()]
    columns = ["event_id", "event_name", "event_date", "actor", "measure", "doc", "quote", "qualifier", "role",
               "headline_usd", "ladfin_usd", "agrees", "note"]
    if stated.empty or announcements.empty:
        return pd.DataFrame({c: [] for c in columns})
    years = pd.to_datetime(announcements["event_date"]).dt.year.dropna()
    measures = sorted(stated["measure"].dropna().unique())
    sums = assistance(by=("event", "actor"), measures=measures, start_year=int(years.min()),
                      end_year=int(years.max()), table=announcements)
    ladfin = {(r.event_id, r.actor, r.measure): r.amount_usd for r in sums.itertuples()}
    rows = []
    for r in stated.itertuples():
        total = ladfin.get((r.event_id, r.actor, r.measure))
        if r.role == "cumulative":
            agrees, note = None, "a running total: it spans more than this event, so it is not compared"
        elif total is None or pd.isna(total):
            agrees, note = False, "ladfin counts nothing for this event, actor and measure"
        else:
            agrees = _agrees(str(r.qualifier), float(r.amount_usd), float(total), margin)
            note = "" if agrees else f"ladfin's sum is not what '{' '.join(str(r.quote).split())}' states"
        rows.append({"event_id": r.event_id, "event_name": r.event_name, "event_date": r.event_date,
                     "actor": r.actor, "measure": r.measure, "doc": r.doc, "quote": " ".join(str(r.quote).split()),
                     "qualifier": r.qualifier, "role": r.role, "headline_usd": float(r.amount_usd),
                     "ladfin_usd": None if total is None or pd.isna(total) else float(total),
                     "agrees": agrees, "note": note})
    out = pd.DataFrame(rows, columns=columns)
    return out.astype({"agrees": "boolean", "ladfin_usd": "Float64"}).sort_values(
        ["event_date", "event_id", "actor", "doc"], kind="stable").reset_index(drop=True)
