"""Reads what each money and people figure measures, from the words around it.

The measures are the rows of data/reference/measures.csv: for money, new money
announced, existing money reported again, loans, investment, appeals, rewards;
for people, resettled, approved, regularised, processed, employed, served, in
need, died, enforcement, capacity, participants. Each row says whether the
measure is an outcome of policy or a context statistic, so that totals of
people "reached" never hold the displaced population. What the words cannot
place is `unknown`, never folded into another measure.

People, in order:
1. the counted noun itself (data/reference/measure_nouns.csv): "20 leaders",
   "50,000 agricultural workers", "a 676-person capacity";
2. for the whole of a part ("105,000 of the estimated 324,500 migrants"):
   in_need, the population the part is drawn from;
3. the nearest strong cue of the sentence (data/reference/measure_words.csv),
   within MEASURE_WINDOW words: "resettled 2,485 individuals"; for a part,
   the strong cue that marks its whole ("... had registered");
4. the nearest descriptive cue, saying who the people are ("living in",
   "currently in"): grant legal status to 25,500 non-citizens living in
   Uruguay is regularised, the 450,000 migrants currently in the country are
   in need;
5. what steps 1-4 say of the nearest earlier figure of its sentence, else of
   the next one: figures listed in one sentence count the same kind of
   people ("Of the migrants in transit, 93,860 are Venezuelans, 11,010 come
   from Ecuador");
6. the last strong cue before it in its paragraph, its own sentence first
   (a cue too far before the figure to mark it: "Brazil's strategy of
   relocating refugees ... to other cities has benefitted 100,000 people"),
   then the sentences before: "Colombia announced a plan for regularization
   ... these actions will benefit up to 600,000 individuals";
7. the nearest weak cue of the sentence ("will benefit", "assisted"): served;
   or one that only says the people are there, or who they are by age or sex
   ("há 75 nas igrejas", "têm menos de 18 anos"): in need, weaker than what
   the paragraph says was done to them.

Money, in order: the flow (loan, investment, reward or seized money), then the
bullet's marker "advancing existing commitments", then a date placing the
money in a year before its release's (strength `dated`: "set aside $80 million
in March 2019" in a release of 2023 is existing money), then the nearest strong cue
(obligated, identified, budget, since 2017: existing money; requires, asking
for, appeal: an appeal; announced, allocated, new: new money; cost, wage,
bribe: `unknown`, none of the measures), then an assistance flow or a "new"
status (new money), then a weak cue ("will support", "will receive"). An
amount in brackets converting the one before it ("€2 million (about US$2.1
million)") is that money, unless a flow or strong cue of its own says
otherwise. A part
of a total (role_words.csv part cues: "with", "incluyendo") whose own words
give no strong reading is the same money as its total, and so is a list item
the same money as the last amount before its list.

Last, a figure still `unknown` with no cue is read as its neighbours are
(`_inherit`): the amount it converts in brackets, the nearest figure of its
sentence, and for money the nearest earlier figure of its paragraph, else the
document's first money figure (a release states what its money is once, then
breaks it down).
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from ladfin import paths
from ladfin.core.vocab import Measure
from ladfin.errors import ReferenceDataError
from ladfin.link.conversions import CONVERSION_GAP
from ladfin.link.cues import Cue, attach, compile_cue, note_cue, read_cues, sentences
from ladfin.link.roles import find_parts, wholes
from ladfin.reference.vocabulary import fold, read_table

MEASURE_WINDOW = 12  # words between a measure cue and its figure: "have been approved to lawfully enter"
DATED_WINDOW = 6  # words between a date and the money it places: "set aside $80 million for shelters in March 2019"
DATED_OVER = ("new_funding", "existing_funding")  # the readings a past date overrides: a past appeal is an appeal
_YEAR = re.compile(r"(?:19|20)\d\d")
FLOW_MEASURES = {"loan": "loan", "investment": "investment", "reward": "reward", "seized": "reward"}


@dataclass(frozen=True)
class MeasureInfo:
    kind: str    # money, people, or * for unknown
    nature: str  # outcome, context, other, unknown
    label: str   # as a legend writes it


@dataclass(frozen=True)
class MeasureCues:
    strong: tuple[Cue, ...]       # says what was done: "resettled", "registered", "legal status"
    descriptive: tuple[Cue, ...]  # says who the people are: "living in", "currently in"
    weak: tuple[Cue, ...]         # says only that something was done, or that people are there: "benefit", "há"
    nouns: dict[str, str]  # counted noun, folded and lower case -> measure
    parts: tuple[Cue, ...] = ()  # role_words' part cues: a part is the same money as its total
    dated: tuple[Cue, ...] = ()  # places money in a year: "in May 2019"; before the release's year, reported again
    of_word: str | None = None  # "deaths of 32 people": a cue whose complement the figure is marks it first


@cache
def _measures(directory: Path) -> dict[str, MeasureInfo]:
    rows = read_table("measures", ("measure", "kind", "nature", "label"), directory=directory)
    return {r["measure"]: MeasureInfo(r["kind"], r["nature"], r["label"]) for r in rows}


def measures() -> dict[str, MeasureInfo]:
    """Return every measure of data/reference/measures.csv: its kind, nature and label."""
    return _measures(paths.reference_dir())


def outcome_measures(kind: str) -> tuple[str, ...]:
    """Return the measures of `kind` that are outcomes of policy (not context, not other).

    >>> outcome_measures("people")[:3]
    ('resettled', 'approved', 'regularised')
    """
    return tuple(m for m, info in measures().items() if info.kind == kind and info.nature == "outcome")


@cache
def _cues(directory: Path, kind: str, lang: str) -> MeasureCues:
    known = _measures(directory)
    rows = read_table("measure_words", ("pattern", "lang", "measure", "kind", "position", "strength"),
                      directory=directory)
    by_strength: dict[str, list[Cue]] = {"strong": [], "descriptive": [], "weak": [], "dated": []}
    problems = []
    for line, row in enumerate(rows, start=2):
        if row["measure"] not in known or row["strength"] not in by_strength:
            problems.append(f"line {line}: measure {row['measure']!r} or strength {row['strength']!r} is unknown")
            continue
        if row["lang"] not in (lang, "*") or row["kind"] != kind:
            continue
        pattern = compile_cue(row["pattern"], line, problems)
        if pattern is not None:
            by_strength[row["strength"]].append(Cue(row["measure"], pattern, row["position"]))
    nouns = {}
    for line, row in enumerate(read_table("measure_nouns", ("word", "lang", "measure"), directory=directory),
                               start=2):
        if row["measure"] not in known:
            problems.append(f"measure_nouns.csv line {line}: measure {row['measure']!r} is unknown")
        elif row["lang"] == lang:
            nouns[fold(row["word"]).lower()] = row["measure"]
    if problems:
        raise ReferenceDataError(f"{directory / 'measure_words.csv'}: " + "; ".join(problems))
    parts = tuple(c for c in read_cues("role_words", "cue", lang=lang) if c.label.startswith("parts_"))
    styles = {r["lang"]: r["of_word"] for r in read_table("languages", ("lang", "of_word"), directory=directory)}
    return MeasureCues(*(tuple(by_strength[s]) for s in ("strong", "descriptive", "weak")), nouns, parts,
                       tuple(by_strength["dated"]), styles.get(lang) or None)


def _noun_measure(quote: str, nouns: dict[str, str]) -> str | None:
    """Return the measure of the noun ending latest in the quote, the longest where two end together.

    "242,000 TPS beneficiaries": "TPS beneficiaries" (regularised) says more than "beneficiaries".
    """
    text = " " + fold(quote).lower() + " "
    hits = [((text.rfind(f" {w} ") + len(w), len(w)), m) for w, m in nouns.items() if f" {w} " in text]
    if not hits:  # "676-person capacity": the noun glued to the number by a hyphen
        hits = [(text.rfind(w), m) for w, m in nouns.items() if text.rstrip().endswith(w)]
    return max(hits)[1] if hits else None


def _last_cue(text: object, cues: Sequence[Cue]) -> tuple[str, str] | None:
    """Return (measure, phrase) of the last strong cue in `text`, None if none."""
    if not isinstance(text, str) or not text:
        return None
    best = None
    for cue in cues:
        for m in cue.pattern.finditer(text):
            if best is None or m.start() > best[0]:
                best = (m.start(), cue.label, m.group())
    return (best[1], best[2]) if best else None


def _people(rows: pd.DataFrame, cues: MeasureCues, window: int) -> tuple[list, list]:
    strong = attach(rows, cues.strong, window=window, of_word=cues.of_word)
    descriptive = attach(rows, cues.descriptive, window=window, of_word=cues.of_word)
    weak = attach(rows, cues.weak, window=window, of_word=cues.of_word)
    lead = rows["context_before"].tolist() if "context_before" in rows else [None] * len(rows)
    # "105,000 of the estimated 324,500 migrants who entered had registered": the verb after
    # the whole says what the part did; the whole is the population it was drawn from.
    part_of = wholes(rows)
    whole_of = {whole: part for part, whole in part_of.items()}
    cue = {name: dict(zip(rows.index, zip(found["label"].tolist(), found["phrase"].tolist())))
           for name, found in (("strong", strong), ("descriptive", descriptive), ("weak", weak))}
    own: dict[Hashable, tuple] = {}  # what the figure's own words and sentence say (steps 1-4)
    for i, quote in zip(rows.index, rows["quote"].tolist()):
        noun = _noun_measure(str(quote), cues.nouns)
        whole = part_of.get(i)
        if noun:
            own[i] = (noun, None)
        elif i in whole_of:
            own[i] = ("in_need", None)
        elif _given(cue["strong"][i]):
            own[i] = cue["strong"][i]
        elif whole is not None and _given(cue["strong"][whole]):
            own[i] = cue["strong"][whole]
        elif _given(cue["descriptive"][i]):
            own[i] = cue["descriptive"][i]
    # "Of the migrants in transit, 93,860 are Venezuelans, 11,010 come from Ecuador": the figures
    # of one sentence listed together are what the sentence says of the nearest of them.
    listed: dict[Hashable, tuple] = {}
    placed_in = sentences(rows)
    for sentence in placed_in:
        placed = [p.index for p in sentence.figures]
        for k, i in enumerate(placed):
            if i not in own:
                near = [j for j in (*reversed(placed[:k]), *placed[k + 1:]) if j in own]
                if near:
                    listed[i] = (own[near[0]][0], None)
    # "Brazil's strategy of relocating refugees ... to other cities has benefitted over 100,000
    # people": a strong cue too far before the figure to mark it still says what its sentence did.
    prefix = {p.index: sentence.text[:p.at] for sentence in placed_in for p in sentence.figures
              if p.index not in own and p.index not in listed}
    measure, phrase = [], []
    for i, before_text in zip(rows.index, lead):
        if i in own:
            found = own[i]
        elif i in listed:
            found = listed[i]
        elif before := _last_cue(prefix.get(i), cues.strong) or _last_cue(before_text, cues.strong):
            found = before
        elif _given(cue["weak"][i]):
            found = cue["weak"][i]
        else:
            found = ("unknown", None)
        measure.append(found[0])
        phrase.append(found[1])
    return measure, phrase


def _given(labelled: tuple[object, object]) -> bool:
    return isinstance(labelled[0], str)


def _past(rows: pd.DataFrame, cues: MeasureCues, window: int) -> list:
    """Return, per row, the phrase placing its money in a year before its release's, else None.

    "set aside $80 million ... in March 2019" in a release of 2023 is money of an
    earlier year reported again; "in 2024" in a release of 2024, or a row with
    no date, says nothing.
    """
    if not cues.dated or "event_date" not in rows:
        return [None] * len(rows)
    dated = attach(rows, cues.dated, window=min(window, DATED_WINDOW))["phrase"].tolist()
    years = pd.to_datetime(rows["event_date"], errors="coerce").dt.year.tolist()
    out = []
    for phrase, year in zip(dated, years):
        named = _YEAR.search(phrase) if isinstance(phrase, str) else None
        out.append(phrase if named and pd.notna(year) and int(named.group()) < year else None)
    return out


def _money(rows: pd.DataFrame, cues: MeasureCues, window: int) -> tuple[list, list]:
    strong = attach(rows, cues.strong, window=window, of_word=cues.of_word)
    weak = attach(rows, cues.weak, window=window, of_word=cues.of_word)
    flows = rows["flow"].tolist() if "flow" in rows else [None] * len(rows)
    statuses = rows["status"].tolist() if "status" in rows else [None] * len(rows)
    measure, phrase, said = [], [], []
    for flow, status, past, strong_cue, weak_cue in zip(
            flows, statuses, _past(rows, cues, window), zip(strong["label"].tolist(), strong["phrase"].tolist()),
            zip(weak["label"].tolist(), weak["phrase"].tolist())):
        flow, status = (v if isinstance(v, str) else None for v in (flow, status))
        dated = past is not None and (not _given(strong_cue) or strong_cue[0] in DATED_OVER)
        if flow in FLOW_MEASURES:
            found = (FLOW_MEASURES[flow], None)
        elif status == "advancing":
            found = ("existing_funding", None)
        elif dated:
            found = ("existing_funding", past)  # whatever it was called then, it is reported again now
        elif _given(strong_cue):
            found = strong_cue
        elif flow == "assistance" or status == "new":
            found = ("new_funding", None)
        elif _given(weak_cue):
            found = weak_cue
        else:
            found = ("unknown", None)
        measure.append(found[0])
        phrase.append(found[1])
        said.append(flow in FLOW_MEASURES or status == "advancing" or dated or _given(strong_cue))
    position = {i: n for n, i in enumerate(rows.index)}
    # "€2 million (about US$2.1 million)": the amount in brackets is the same money converted,
    # whatever weaker reading its own words give.
    for sentence in sentences(rows):
        for a, b in zip(sentence.figures, sentence.figures[1:]):
            m, n = position[a.index], position[b.index]
            if said[m] and not said[n] and CONVERSION_GAP.fullmatch(sentence.text, a.to, b.at):
                measure[n], phrase[n], said[n] = measure[m], None, True
    # "Since 2017, $2.8 billion has been sent, with $2.5 billion for humanitarian assistance":
    # a part the words say nothing strong about is the same money as its total.
    parents, _, _ = find_parts(rows, cues.parts)
    for _ in range(len(parents)):  # a part of a part: follow the chain up
        for part, total in parents.items():
            if not said[position[part]] and said[position[total]]:
                measure[position[part]], phrase[position[part]] = measure[position[total]], None
                said[position[part]] = True
    # "€8 million from earlier pledges, for: - €3 million for shelters": a list item its own words
    # say nothing strong about is the same money as the amount of the line before its list.
    bullets = rows["block_kind"].eq("bullet").fillna(False).tolist() if "block_kind" in rows else []
    lead = None
    for sentence in sentences(rows) if any(bullets) else ():
        for placed in sentence.figures:
            n = position[placed.index]
            if not bullets[n]:
                lead = n
            elif lead is not None and said[lead] and not said[n]:
                measure[n], phrase[n], said[n] = measure[lead], None, True
    return measure, phrase


def _inherit(rows: pd.DataFrame, measure: list, phrase: list, *, blocks: bool) -> list:
    """Return `measure` with each `unknown` filled from the figures it is read with.

    A reader takes an unlabelled figure as the same kind of thing as its
    neighbours: the amount in brackets after another is that amount converted
    ("€1 million (nearly US$1.08 million)"); a figure of a sentence is what the
    nearest earlier one of the sentence is ("has increased from 500,000 to 7.74
    million"), else the nearest later one ("390,000 individuals have braved the
    route; 82,000 migrants crossed"); with `blocks` (money), what the nearest
    earlier figure of its paragraph is, else the document's first figure: a
    release announces its money, then breaks it down ("- €10 million is for
    shelters"). `unknown` stays where none of them says, and where a cue says the figure
    is none of the measures (a cost, a wage, a bribe: `unknown` with a phrase).
    """
    out = list(measure)
    position = {i: n for n, i in enumerate(rows.index)}
    said = [m != "unknown" or isinstance(p, str) for m, p in zip(measure, phrase)]

    def known(i: Hashable) -> bool:
        return said[position[i]]

    def fill(i: Hashable, value: str) -> None:
        if value != "unknown":
            out[position[i]], said[position[i]] = value, True

    found = sentences(rows)
    for sentence in found:  # a conversion in brackets is one amount: either side may say what it is
        for a, b in zip(sentence.figures, sentence.figures[1:]):
            if CONVERSION_GAP.fullmatch(sentence.text, a.to, b.at):
                if known(a.index) and not known(b.index):
                    fill(b.index, out[position[a.index]])
                elif known(b.index) and not known(a.index):
                    fill(a.index, out[position[b.index]])
    for sentence in found:
        for k, placed in enumerate(sentence.figures):
            if known(placed.index):
                continue
            earlier = [p for p in reversed(sentence.figures[:k]) if known(p.index)]
            later = [p for p in sentence.figures[k + 1:] if known(p.index)]
            if earlier or later:
                fill(placed.index, out[position[(earlier or later)[0].index]])
    if not blocks:
        return out
    first: dict[str, str] = {}
    previous: dict[tuple, str] = {}
    for sentence in found:
        key = (sentence.doc, sentence.block)
        for placed in sentence.figures:
            n = position[placed.index]
            first.setdefault(sentence.doc, out[n])
            if not said[n]:
                fill(placed.index, previous.get(key, first[sentence.doc]) if sentence.block >= 0
                     else first[sentence.doc])
            if said[n]:
                previous[key] = out[n]
    return out


def add_measure(figures: pd.DataFrame, *, window: int = MEASURE_WINDOW, lang: str = "en") -> pd.DataFrame:
    """Return `figures` with `measure` for money and people (NA for counts and percentages).

    Reads flow and status where present (see `ladfin.link.classify`), and
    `context_before` (the paragraph's text before the figure's sentence) where
    the table builder supplies it. The cue phrase goes to `cues`.

    >>> from ladfin.extract.figures import extract_figures
    >>> add_measure(extract_figures("The United States resettled 2,485 refugees."))["measure"].tolist()
    ['resettled']
    """
    out = figures if "cues" in figures else figures.assign(cues=pd.NA)
    measure = pd.Series(pd.NA, index=out.index, dtype="string")
    phrases = pd.Series(pd.NA, index=out.index, dtype="string")
    kinds = out["kind"].astype("string")
    for kind, read in (("people", _people), ("money", _money)):
        rows = out[kinds.eq(kind).fillna(False)]
        if rows.empty:
            continue
        found, said = read(rows, _cues(paths.reference_dir(), kind, lang), window)
        measure[rows.index] = _inherit(rows, found, said, blocks=kind == "money")
        phrases[rows.index] = pd.array(said, dtype="string")
    return out.assign(measure=measure, cues=note_cue(out["cues"], "measure", measure, phrases))


def measure_labels() -> dict[str, str]:
    """Return each measure's label, as legends and captions write it."""
    return {m: info.label for m, info in measures().items()}


def is_context(measure: object) -> bool:
    """Tell whether a measure is a context statistic (people in need, died, appeals)."""
    info = measures().get(str(measure))
    return info is not None and info.nature == "context"


__all__ = ["MEASURE_WINDOW", "Measure", "MeasureInfo", "add_measure", "is_context", "measure_labels",
           "measures", "outcome_measures"]
