"""Links the mentions of one underlying figure, across documents, under one announcement.

Two mentions are one announcement when they share event, actor, kind and unit,
their values (and range tops) agree within a relative tolerance, and they sit in
different paragraphs: a paragraph that gives the same number twice gives two
figures ("approximately 200,000 ... approximately 200,000 ..."). An amount the
text converts in brackets ("€130 million (US$141.1 million)",
`ladfin.link.conversions`) is a mention of the announcement of the amount it
converts, whatever its unit, and a repeat that names nobody ("Countries pledge
$39 million", `ladfin.link.unnamed`) is a mention of the figure its document
gives with its announcer. A target
(status target) restated at a later event is the same target, not a new one:
targets link across events when actor, kind, unit, measure and value agree
("could benefit an estimated 600,000" in May and again in September). A release
that reports no meeting is its own event (`ladfin.core.vocab.OWN_EVENT`), so
its copies (a translation, a newswire's reprint, an agency's own page) would
never share one: money and people of such a release link to another release's
(its own event or a meeting's) when actor, kind, unit, a known measure and
value agree and the two are dated within RESTATED_DAYS of each other ("€22
million" in a Commission release and "22 millones de euros" in a Spanish
paper's story of it the same day; a meeting's fact sheet and a newswire's
story of it catalogued with no event). A date the catalog knows only to the
month or year (flagged approximate_date, dated to the period's first day)
stands for at least that whole month: a release catalogued "2022-09" is
within days of a meeting of 6 October. Two meetings never link. The canonical
mention is the primary document's (catalog kind primary before secondary), then
the earliest published, then the first by document name and offset; the
announcement's id is its "doc:start" and its qualifier is the canonical's.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from ladfin.core.cells import join_values
from ladfin.core.vocab import APPROXIMATE_DATE, OWN_EVENT, SUMMED_KINDS, UNPLACED
from ladfin.link.bounds import add_bounds
from ladfin.link.conversions import conversions
from ladfin.link.roles import figure_id
from ladfin.link.unnamed import unnamed
from ladfin.normalise.prices import add_constant_dollars

REL_TOL = 0.005  # within 0.5%: "$686 million" and "$686.2 million" agree, "2,485" and "2,500" do not
# Releases that are their own event and are dated this close are copies of one story when a figure
# agrees: a translation or reprint comes within days, and a catalog that knows only the month dates
# a release to its first day.
RESTATED_DAYS = 31
_KIND_RANK = {"primary": 0, "secondary": 1}


@dataclass
class _Cluster:
    value: float
    high: float | None
    event: object = None
    own: bool = False  # the canonical mention's release is its own event
    day: int | None = None  # the canonical mention's event date, in days
    last: int | None = None  # the last day that date may stand for (its month's, where approximate)
    members: list = field(default_factory=list)
    blocks: set = field(default_factory=set)


def _close(a: float | None, b: float | None, rel_tol: float) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=rel_tol)


def _number(x: object) -> float | None:
    return None if x is None or x is pd.NA or x != x else float(x)  # x != x: NaN


def canonical_order(figures: pd.DataFrame, documents: pd.DataFrame) -> pd.Index:
    """Return `figures`' row labels in canonical order: primary kind, published date, doc, start."""
    info = documents.set_index("doc")
    rank = figures["doc"].map(info["document_kind"]).map(_KIND_RANK).fillna(len(_KIND_RANK))
    published = pd.to_datetime(figures["doc"].map(info["published"]))
    keys = pd.DataFrame({"rank": rank, "published": published, "doc": figures["doc"],
                         "start": figures["start"]}, index=figures.index)
    return keys.sort_values(["rank", "published", "doc", "start"], na_position="last").index


def _plain(frame: pd.DataFrame, column: str) -> list:
    """Return a column as plain Python values, None where missing or absent: one pass, no per-row access."""
    if column not in frame:
        return [None] * len(frame)
    return frame[column].to_numpy(dtype=object, na_value=None).tolist()


def _text(value: object) -> object:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else value


_BUCKET = math.log1p(0.01)  # value buckets 1% wide: two values within REL_TOL sit in the same or a next bucket


def _bucket(value: float | None) -> int | None:
    return None if value is None or value <= 0 else math.floor(math.log(value) / _BUCKET)


_KEYED = ("doc", "start", "block_start", "value", "value_high", "status", "event_id", "actor", "kind", "unit",
          "measure")  # the columns linking reads, with event_date (as days)


def _restated(frame: pd.DataFrame) -> tuple[list, list, list]:
    """Return (each row's event date in days where it may link as a restated release, else None; the last
    day that date may stand for; own event?).

    A row may link so when it is money or people with a known measure, not a
    target, and dated; and when it is of a release that is its own event, or
    could meet one: some own-event row shares its actor, kind, unit and
    measure. Worked out column-wise, so a corpus of meetings pays nothing per figure.
    """
    def text(column: str) -> pd.Series:
        return (frame[column] if column in frame else pd.Series(pd.NA, index=frame.index)).astype("string")

    own = text("event_id").str.startswith(OWN_EVENT).fillna(False)
    if "event_date" not in frame or not own.any():
        return [None] * len(frame), [None] * len(frame), own.tolist()
    dates = pd.to_datetime(frame["event_date"], errors="coerce")
    measure = text("measure")
    # A percent or a count agreeing by chance is no copy; an unplaced measure says nothing of what is counted.
    may = (text("kind").isin(SUMMED_KINDS) & measure.notna() & measure.ne(UNPLACED)
           & dates.notna() & text("status").ne("target").fillna(True)).fillna(False)
    keys = pd.MultiIndex.from_frame(pd.DataFrame({c: text(c).fillna("") for c in ("actor", "kind", "unit", "measure")}))
    may &= own | keys.isin(keys[(may & own).to_numpy()])
    days = (dates - pd.Timestamp("1970-01-01")).dt.days.astype("Int64").where(may)
    approximate = text("flag").str.contains(APPROXIMATE_DATE, regex=False).fillna(False)
    month_end = dates + pd.offsets.MonthEnd(0)  # the month's last day (the date itself on it)
    last = days.where(~approximate, (month_end - pd.Timestamp("1970-01-01")).dt.days.astype("Int64")).where(may)
    return (days.to_numpy(dtype=object, na_value=None).tolist(),
            last.to_numpy(dtype=object, na_value=None).tolist(), own.tolist())


def link_mentions(figures: pd.DataFrame, documents: pd.DataFrame, *,
                  rel_tol: float = REL_TOL) -> pd.DataFrame:
    """Return `figures` with `announcement` (the canonical mention's "doc:start") and `is_canonical`.

    `documents` gives each doc's `document_kind` and `published` date. Candidates
    for a link share the link key and a value bucket (or a next one), so the cost
    per figure stays flat however many figures an actor has.
    """
    clusters: dict[tuple, list[_Cluster]] = {}
    owner: dict = {}
    converted = conversions(figures)  # conversion label -> label of the amount it converts
    repeats = unnamed(figures, skip=converted)  # repeat -> its named mention
    order = canonical_order(figures, documents)
    ordered = figures.loc[order, [c for c in (*_KEYED, "event_date", "flag") if c in figures.columns]]
    columns = [_plain(ordered, c) for c in _KEYED]
    # Plain Python loops below (no generator, no call a candidate): this runs once a figure, 100,000 times.
    for i, doc, start, block_start, value, high, status, event, actor, kind, unit, measure, day, last, own in zip(
            order.tolist(), *columns, *_restated(ordered)):
        if i in converted or i in repeats:
            continue  # joins the announcement of the amount it converts, or of its named mention, below
        block = (doc, block_start if block_start is not None else f"@{start}")
        value, high = _number(value), _number(high)
        # What two mentions must share to be one announcement (see the module docstring).
        described = ("" if actor is None else actor, "" if kind is None else kind, "" if unit is None else unit)
        target = str(status) == "target"
        key = (("target", *described, "" if measure is None else measure) if target
               else ("" if event is None else event, *described))
        # A release that is its own event may be a copy of another release dated close to it.
        restated = None if day is None else ("restated", *described, measure)
        bucket = _bucket(value)
        match = None
        for near in ((bucket,) if bucket is None else (bucket, bucket - 1, bucket + 1)):
            for c in clusters.get((key, near), ()):
                if _close(value, c.value, rel_tol) and _close(high, c.high, rel_tol) and block not in c.blocks:
                    match = c
                    break
            if match is None and restated is not None:
                for c in clusters.get((restated, near), ()):
                    if ((own or c.own) and c.event != event
                            and day - c.last <= RESTATED_DAYS and c.day - last <= RESTATED_DAYS
                            and _close(value, c.value, rel_tol) and _close(high, c.high, rel_tol)
                            and block not in c.blocks):
                        match = c
                        break
            if match is not None:
                break
        if match is None:
            match = _Cluster(value, high, event, own, day, last)
            clusters.setdefault((key, bucket), []).append(match)
            if restated is not None:
                clusters.setdefault((restated, bucket), []).append(match)
        match.members.append((i, doc, start))
        match.blocks.add(block)
        owner[i] = match
    for i, target in repeats.items():
        doc, start, block_start = figures.at[i, "doc"], figures.at[i, "start"], _number(figures.at[i, "block_start"])
        block = (doc, int(block_start) if block_start is not None else f"@{start}")
        match = owner[target]
        if block in match.blocks:  # it repeats a paragraph of the announcement: a figure of its own
            match = _Cluster(_number(figures.at[i, "value"]),
                             _number(figures.at[i, "value_high"]) if "value_high" in figures else None)
        match.members.append((i, doc, start))
        match.blocks.add(block)
        owner[i] = match
    for i in converted:
        owner[i] = owner[converted[i]]
        owner[i].members.append((i, figures.at[i, "doc"], figures.at[i, "start"]))
    named = {id(c): figure_id(c.members[0][1], c.members[0][2]) for c in owner.values()}
    labels = figures.index.tolist()
    announcement = [named[id(owner[i])] for i in labels]
    canonical = [owner[i].members[0][0] == i for i in labels]
    return figures.assign(announcement=pd.array(announcement, dtype="string"),
                          is_canonical=pd.array(canonical, dtype="boolean"))


def _reason(mentions: list[dict], kinds: dict) -> str:
    """Return why mentions were linked and how they differ, canonical first."""
    first = mentions[0]
    if len(mentions) == 1:
        return "one mention"
    docs = dict.fromkeys(m["doc"] for m in mentions)
    events = {m["event_id"] for m in mentions if _text(m["event_id"]) != ""}
    where = (f"same event {first['event_id']}" if len(events) <= 1 else
             f"a target restated at {len(events)} events, first {first['event_id']}" if str(first["status"]) == "target"
             else f"one release reported by {len(events)} releases dated within {RESTATED_DAYS} days, "
                  f"first {first['event_id']}")
    actor = first["actor"] if _text(first["actor"]) != "" else "unknown"
    text = (f"{len(mentions)} mentions in {len(docs)} document(s), {where}, "
            f"actor {actor}, kind {first['kind']}, unit {first['unit']} and value {first['value']:,.0f}")
    others = mentions[1:]
    if kinds.get(first["doc"]) == "primary" and any(kinds.get(m["doc"]) == "secondary" for m in others):
        text += "; canonical is the primary source"
    else:
        text += "; canonical is the earliest mention"
    for column in ("value", "unit", "actor", "qualifier", "role", "status"):
        want = _shown(first[column])
        differ = [m for m in others if _shown(m[column]) != want]
        if differ:
            spots = ", ".join(f"{_shown(m[column])} at {figure_id(m['doc'], m['start'])}" for m in differ)
            text += f"; {column} differs: canonical {_shown(first[column])}, {spots}"
    return text


def _shown(value: object) -> str:
    """Return a cell as the reason writes it: missing is <NA>, a whole float keeps its ".0"."""
    return "<NA>" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def build_announcements(figures: pd.DataFrame, documents: pd.DataFrame, *,
                        margin: float | None = None, base_year: int = 2024) -> pd.DataFrame:
    """Return one row per announcement: its canonical mention, bounds, counts and link reason.

    Takes linked figures (`link_mentions`, with amount_usd and role). Bounds
    come from the canonical qualifier (see `ladfin.link.bounds`: an end the
    hedge leaves open is empty unless a `margin` is assumed), in units, USD and
    constant `base_year` USD. The role is the canonical's, except that an
    announcement one of whose mentions is a part of a counted total (not a
    running total) is a component of it, so it is never counted twice.
    """
    order = canonical_order(figures, documents)
    kinds = documents.set_index("doc")["document_kind"].to_dict()
    linked = figures.loc[order]
    rows = linked[linked["is_canonical"].fillna(False)].set_index("announcement", drop=False)
    size = linked["announcement"].value_counts(sort=False)
    shared = linked["announcement"].map(size).gt(1).to_numpy()  # only these need their mentions listed
    groups: dict[str, list[dict]] = {}
    for record in linked.loc[shared, ["announcement", "doc", "start", "event_id", "actor", "kind", "unit",
                                      "value", "qualifier", "role", "status", "is_canonical"]].to_dict("records"):
        mentions = groups.setdefault(record["announcement"], [])
        # The canonical first: a repeat naming nobody may come before the mention it repeats.
        mentions.insert(0 if record["is_canonical"] is True else len(mentions), record)
    ann_of = dict(zip((figure_id(d, s) for d, s in zip(_plain(figures, "doc"), _plain(figures, "start"))),
                      _plain(figures, "announcement")))
    role = rows["role"].astype("string").copy()
    parent = rows["parent"].map(ann_of, na_action="ignore").astype("string")
    names = _plain(rows, "announcement")  # the index, as plain str
    reason = pd.Series([_reason(groups[a], kinds) if a in groups else "one mention" for a in names],
                       index=rows.index, dtype="string")
    components = linked.loc[linked["role"].eq("component").fillna(False), ["announcement", "parent", "doc", "start"]]
    for m in components.itertuples():
        own, total = m.announcement, ann_of.get(m.parent)
        if total and total != own and role[own] != "component" and role[total] != "cumulative":
            role[own], parent[own] = "component", total
            reason[own] += f"; a component of {total}: {figure_id(m.doc, m.start)} is one of its parts"
    alone = {d: join_values([d]) for d in set(_plain(rows, "doc"))}  # the docs cell of a lone mention
    docs = [join_values(m["doc"] for m in groups[a]) if a in groups else alone[d]
            for a, d in zip(names, _plain(rows, "doc"))]
    out = rows.assign(
        role=role, parent=parent, link_reason=reason,
        mentions=rows["announcement"].map(size).to_numpy(),
        docs=pd.Series(docs, index=rows.index),
    ).reset_index(drop=True)
    out = add_bounds(out, margin=margin).assign(date=lambda f: f["event_date"])
    out = add_constant_dollars(out, base_year=base_year,
                               columns=("amount_usd_low", "amount_usd", "amount_usd_high"))
    return out.drop(columns="date")
