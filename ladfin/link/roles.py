"""Reads how money figures relate within a text: totals, their parts, and running totals.

A total's parts follow a part cue of data/reference/role_words.csv:
"parts_follow" cues ("This includes", "with", "of which") introduce parts of the
last money figure before them, "block" cues from a later sentence of the same
paragraph or bullet, or, opening a paragraph ("Of this total, ..."), of the
last money figure of the paragraph before under the same heading; a
"parts_precede" cue ("Along with the $575 million ..., ... $817 million") makes
the next figure a part of a later, larger one, which is then a running total.
"cumulative" cues ("to date", "in 2024 alone", "bringing the total to") mark
running totals directly. A part is never larger than its total's upper bound.
"""

from __future__ import annotations

from collections.abc import Hashable

import pandas as pd

from ladfin.core.cells import append_values
from ladfin.core.vocab import MARGIN, Role  # noqa: F401  (Role: re-exported)
from ladfin.link.bounds import factors, overlap
from ladfin.link.cues import Cue, Placed, Sentence, attach, matches, note_cue, read_cues, sentences


ROLE_WINDOW = 6  # words between a cumulative cue and its figure: "under the ... framework in 2024 alone"


def figure_id(doc: object, start: object) -> str:
    """Return the id of a figure mention, "doc:start", as `parent` and `announcement` hold it.

    >>> figure_id("a.txt", 829)
    'a.txt:829'
    """
    return f"{doc}:{int(start)}"


def _pair(figures: pd.DataFrame, a: Hashable, b: Hashable) -> tuple[float, float] | None:
    """Return two figures' amounts in a common unit: USD where both have it, else their own unit."""
    if "amount_usd" in figures and figures.loc[[a, b], "amount_usd"].notna().all():
        return float(figures.at[a, "amount_usd"]), float(figures.at[b, "amount_usd"])
    if figures.at[a, "unit"] == figures.at[b, "unit"]:
        return float(figures.at[a, "value"]), float(figures.at[b, "value"])
    return None


def _fits(figures: pd.DataFrame, part: Hashable, total: Hashable, margin: float) -> bool:
    """Tell whether `part` can be a part of `total`: no larger than the total's upper bound."""
    pair = _pair(figures, part, total)
    high = factors(figures.at[total, "qualifier"], margin)[1]
    return part != total and pair is not None and pair[0] <= pair[1] * high


def _larger(figures: pd.DataFrame, big: Hashable, small: Hashable) -> bool:
    pair = _pair(figures, big, small)
    return pair is not None and pair[0] > pair[1]


def _blocks(found: list[Sentence]) -> list[list[Sentence]]:
    blocks: dict[tuple, list[Sentence]] = {}
    for s in found:
        key = (s.doc, s.block) if s.block >= 0 else (s.doc, "sentence", s.start)
        blocks.setdefault(key, []).append(s)
    return list(blocks.values())


def find_parts(figures: pd.DataFrame, cues: list[Cue], *, margin: float = MARGIN) -> tuple[dict, set, dict]:
    """Return (parent of each part, running totals, cue phrase of each part) among money `figures`.

    Keys and values are row labels of `figures`. Part cues are those labelled
    parts_follow or parts_precede; see the module docstring for how they read.
    """
    parents: dict[Hashable, Hashable] = {}
    running: set[Hashable] = set()
    phrases: dict[Hashable, str] = {}
    blocks = _blocks(sentences(figures))
    home = {p.index: n for n, block in enumerate(blocks) for s in block for p in s.figures}
    previous: list[Sentence] = []
    for block in blocks:
        if previous and previous[0].doc != block[0].doc:
            previous = []
        for k, sentence in enumerate(block):
            found = matches(sentence, cues)
            for j, m in enumerate(found):
                stop = found[j + 1].at if j + 1 < len(found) else len(sentence.text)
                after = [p for p in sentence.figures if m.to <= p.at < stop and p.index not in parents]
                if m.cue.label == "parts_follow":
                    before: list[Placed] = [p for p in sentence.figures if p.to <= m.at]
                    if m.cue.scope == "block":
                        earlier = [p for s in block[:k] for p in s.figures]
                        if not earlier and not before and _opens_block(sentence, m) and _same_section(
                                figures, previous, sentence):
                            earlier = [p for s in previous for p in s.figures]  # "Of this total," after it
                        before = _open_totals(earlier + before, parents, home)
                    if not before:
                        continue
                    total = before[-1].index
                    for p in after:
                        if _fits(figures, p.index, total, margin):
                            parents[p.index], phrases[p.index] = total, m.text
                elif m.cue.label == "parts_precede" and after:
                    part = after[0]
                    later = [p for p in sentence.figures if p.at >= part.to and p.index not in parents]
                    total = next((p.index for p in later if _larger(figures, p.index, part.index)), None)
                    if total is not None:
                        parents[part.index], phrases[part.index] = total, m.text
                        running.add(total)
        previous = block
    return parents, running, phrases


def _open_totals(before: list[Placed], parents: dict, home: dict) -> list[Placed]:
    """Return the figures before a block cue that its parts can belong to, the total last.

    A figure that is a part of a total of its own paragraph is passed over
    ("$100 million, including $60 million for shelters. This also includes $10
    million ..."); one that is a part of an earlier paragraph's total can hold
    parts of its own ("Of this total, $60 million ... This includes $40 million
    ... and $20 million"). `home` gives each figure's paragraph.
    """
    return [p for p in before if p.index not in parents or home.get(parents[p.index]) != home.get(p.index)]


def _same_section(figures: pd.DataFrame, previous: list[Sentence], sentence: Sentence) -> bool:
    """Tell whether the paragraph before is under the same heading as `sentence` (no heading between)."""
    if not previous or not previous[-1].figures or not sentence.figures:
        return False
    if "section" not in figures:
        return True
    a, b = figures.at[previous[-1].figures[-1].index, "section"], figures.at[sentence.figures[0].index, "section"]
    return (pd.isna(a) and pd.isna(b)) or (not pd.isna(a) and not pd.isna(b) and a == b)


def _opens_block(sentence: Sentence, match) -> bool:
    """Tell whether a cue opens its paragraph ("Of this total, ..."): first sentence, first words.

    Such a cue points back at the paragraph before, whose last money figure is
    the total its parts belong to.
    """
    return sentence.start == sentence.block and not sentence.text[:match.at].strip(" \t\n\"'“‘(-–—")


def wholes(figures: pd.DataFrame) -> dict[Hashable, Hashable]:
    """Return part -> whole for figures read as a part of the whole that follows them.

    "105,000 of the estimated 324,500 migrants": the part borrowed its unit from
    the whole (unit_source part_of); the whole is the next figure of the same
    sentence that names its own unit.
    """
    if "unit_source" not in figures:
        return {}
    if not figures["unit_source"].eq("part_of").any():
        return {}
    where = "sentence_start" if "sentence_start" in figures else "sentence"
    ordered = figures.sort_values("start")
    sentences: dict[tuple, list[tuple[Hashable, object]]] = {}
    for i, doc, at, source in zip(ordered.index, ordered["doc"], ordered[where], ordered["unit_source"]):
        sentences.setdefault((doc, at), []).append((i, source))
    found = {}
    for rows in sentences.values():
        for n, (i, source) in enumerate(rows):
            if source == "part_of":
                whole = next((j for j, s in rows[n + 1:] if s == "text"), None)
                if whole is not None:
                    found[i] = whole
    return found


def _sum_check(figures: pd.DataFrame, total: Hashable, parts: list, margin: float):
    """Return (parts_sum_usd, parts_add_up, exceeds) for a total and its parts."""
    usd = figures["amount_usd"]
    if any(pd.isna(usd[p]) for p in parts + [total]):
        return None, None, False
    high_usd = figures["amount_usd_high"] if "amount_usd_high" in figures else usd

    def bounds(i):
        low, high = factors(figures.at[i, "qualifier"], margin)
        top = usd[i] if pd.isna(high_usd[i]) else high_usd[i]
        return float(usd[i]) * low, float(top) * high

    lows, highs = zip(*(bounds(p) for p in parts))
    t_low, t_high = bounds(total)
    adds_up = overlap(sum(lows), sum(highs), t_low, t_high)
    return float(sum(usd[p] for p in parts)), adds_up, sum(lows) > t_high and not adds_up


def add_roles(figures: pd.DataFrame, *, window: int = ROLE_WINDOW, margin: float = MARGIN,
              lang: str = "en") -> pd.DataFrame:
    """Return `figures` with role, parent, parts_sum_usd and parts_add_up.

    role is component (with `parent` = "doc:start" of its total), cumulative (a
    running total), total (it has parts), or single. Money has parts by part
    cues; any figure has one when it is a part of the whole that follows it
    ("105,000 of the estimated 324,500 migrants", see `wholes`). A
    total's `parts_sum_usd` adds its parts' `amount_usd`; `parts_add_up` says
    whether the parts' bounds overlap the total's (each qualifier allowing
    `margin`); parts above the total's bound flag the total parts_exceed_total.
    A component without a status of its own takes its total's.
    """
    out = figures if "cues" in figures else figures.assign(cues=pd.NA)
    out = out.copy()
    cues = read_cues("role_words", "cue", lang=lang)
    money = out[out["kind"].astype("string").eq("money").fillna(False)]
    parents, running, phrases = find_parts(money, [c for c in cues if c.label.startswith("parts_")],
                                           margin=margin)
    for part, whole in wholes(out).items():  # "105,000 of the estimated 324,500 migrants"
        parents.setdefault(part, whole)
        phrases.setdefault(part, "of")
    cumulative = attach(out, [c for c in cues if c.label == "cumulative"], window=window)
    children: dict[Hashable, list] = {}
    for part, total in parents.items():
        children.setdefault(total, []).append(part)
    role, parent, parts_sum, adds_up, flags = [], [], [], [], []
    for i in out.index:
        parent.append(figure_id(out.at[i, "doc"], out.at[parents[i], "start"]) if i in parents else None)
        if i in parents:
            role.append("component")
        elif i in running or pd.notna(cumulative.at[i, "label"]):
            role.append("cumulative")
        else:
            role.append("total" if i in children else "single")
        total_sum, ok, exceeds = _sum_check(out, i, children[i], margin) if i in children else (None, None, False)
        parts_sum.append(total_sum)
        adds_up.append(ok)
        flags.append("parts_exceed_total" if exceeds else None)
    out["role"] = pd.array(role, dtype="string")
    out["parent"] = pd.array(parent, dtype="string")
    out["parts_sum_usd"] = pd.array(parts_sum, dtype="Float64")
    out["parts_add_up"] = pd.array(adds_up, dtype="boolean")
    out["flag"] = append_values(out["flag"], pd.Series(flags, index=out.index, dtype="string"))
    part_phrase = pd.Series([phrases.get(i) for i in out.index], index=out.index, dtype="string")
    out["cues"] = note_cue(out["cues"], "role", out["role"], part_phrase.fillna(cumulative["phrase"]))
    return _inherit_status(out, parents)


def _inherit_status(figures: pd.DataFrame, parents: dict) -> pd.DataFrame:
    if "status" not in figures:
        return figures
    status = figures["status"].astype("string").copy()
    for _ in range(len(parents)):
        missing = [p for p in parents if pd.isna(status[p]) and pd.notna(status[parents[p]])]
        if not missing:
            break
        for p in missing:
            status[p] = status[parents[p]]
    return figures.assign(status=status)
