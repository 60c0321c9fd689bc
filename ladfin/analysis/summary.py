"""One row per event and actor: new money, money reported again, people by measure, and the headlines.

What `ladfin summary` prints: the sums `assistance` and `headcounts` make
(each announcement once, each measure apart, no parts, running totals or
targets), each written also as the texts state it ("more than $686M"), beside
the headline figures the documents state for that event and actor and whether
ladfin's sum agrees with them (`headline_check`).
"""

from __future__ import annotations

import pandas as pd

from ladfin.analysis.headlines import headline_check
from ladfin.analysis.series import assistance, headcounts
from ladfin.core.formats import format_si, format_usd

MONEY_MEASURES = ("new_funding", "existing_funding")
KEYS = ["event_id", "event_name", "event_date", "actor"]


def _as_stated(value: object, low: object, high: object, fmt) -> str:
    if value is None or pd.isna(value):
        return ""
    if pd.isna(high) and pd.isna(low):
        return f"about {fmt(value)}"
    if pd.isna(high):
        return f"more than {fmt(low)}"
    if pd.isna(low):
        return f"less than {fmt(high)}"
    return fmt(value) if float(high) <= float(value) * (1 + 1e-9) else f"{fmt(value)} to {fmt(high)}"


def event_summary(figures: pd.DataFrame, announcements: pd.DataFrame) -> pd.DataFrame:
    """Return one row per event and actor with money, people and headlines.

    Columns: event_id, event_name, event_date, actor; for each money measure
    (new_funding, existing_funding) `<measure>_usd` (the sum) and `<measure>` (as
    stated: "more than $686M"); `people` (each people measure as stated, "547K
    processed; 456K approved"), then `people_<measure>` (each sum); `headlines`
    (the headline quotes of the documents, each with "agrees", "differs" or "not
    compared") and `headlines_agree` (every compared headline agrees; empty with none).
    """
    years = pd.to_datetime(announcements["event_date"]).dt.year.dropna()
    if years.empty:
        return pd.DataFrame(columns=KEYS)
    span = dict(start_year=int(years.min()), end_year=int(years.max()), table=announcements)
    money = assistance(by=("event", "actor"), measures=MONEY_MEASURES, **span)
    people = headcounts(by=("event", "actor"), include_context=True, **span)
    rows = pd.concat([money[KEYS], people[KEYS]]).drop_duplicates(["event_id", "actor"])
    out = rows.sort_values(["event_date", "event_id", "actor"], kind="stable").reset_index(drop=True)
    for measure in MONEY_MEASURES:
        part = money[money["measure"] == measure].set_index(["event_id", "actor"])
        index = pd.MultiIndex.from_frame(out[["event_id", "actor"]])
        picked = part.reindex(index)
        out[f"{measure}_usd"] = picked["amount_usd"].to_numpy()
        out[measure] = [_as_stated(v, lo, hi, format_usd) for v, lo, hi in
                        zip(picked["amount_usd"], picked["amount_usd_low"], picked["amount_usd_high"])]
    said = {}
    for r in people.sort_values("people", ascending=False).itertuples():
        said.setdefault((r.event_id, r.actor), []).append(
            f"{_as_stated(r.people, r.people_low, r.people_high, format_si)} {r.measure}")
    out["people"] = ["; ".join(said.get((e, a), [])) for e, a in zip(out["event_id"], out["actor"])]
    for measure in sorted(people["measure"].dropna().unique()):
        part = people[people["measure"] == measure].set_index(["event_id", "actor"])["people"]
        out[f"people_{measure}"] = part.reindex(pd.MultiIndex.from_frame(out[["event_id", "actor"]])).to_numpy()
    checks = headline_check(figures, announcements).drop_duplicates(["event_id", "actor", "quote", "role"])
    lines, agree = {}, {}
    for r in checks.itertuples():
        verdict = "not compared" if pd.isna(r.agrees) else "agrees" if r.agrees else "differs"
        lines.setdefault((r.event_id, r.actor), []).append(f"\u201c{r.quote}\u201d ({verdict})")
        if pd.notna(r.agrees):
            agree[(r.event_id, r.actor)] = agree.get((r.event_id, r.actor), True) and bool(r.agrees)
    out["headlines"] = ["; ".join(lines.get((e, a), [])) for e, a in zip(out["event_id"], out["actor"])]
    out["headlines_agree"] = pd.array([agree.get((e, a)) for e, a in zip(out["event_id"], out["actor"])],
                                      dtype="boolean")
    return out
