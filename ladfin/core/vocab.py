"""Every closed vocabulary and default of ladfin, declared once.

The leaf every stage may import: the values a column may take (`Kind`,
`Qualifier`, `Flow`, `Status`, `Role` ...), the defaults that several stages
share (the constant-dollar base year, the hedge margin) and the column-naming
rule of constant dollars. Nothing here reads a file or imports another part
of ladfin.
"""

from __future__ import annotations

from typing import Literal, get_args

# -- figures: what a number is and how it is hedged
Kind = Literal["money", "people", "count", "percent"]
Qualifier = Literal["exact", "over", "under", "approx"]
SkipReason = Literal[
    "date", "year", "fiscal_year", "ordinal", "label", "identifier", "list_number",
    "duration", "multiplier", "ratio", "age", "time", "phone", "no_unit", "other",
    "front_matter", "markup", "url", "boilerplate",
    "script", "style", "template", "noscript", "comment",  # content no reader sees (extract.layout)
]
Borrow = Literal["next", "change", "previous"]  # where a noun-less number takes its unit
# Where a figure's unit comes from: its own words; a table label on the next line ("1,297,760" /
# "People Targeted"); another figure of its sentence: the whole it is a part of ("105,000 of the
# estimated 324,500 migrants"), the one it is compared with ("19,000 visas in 2022 compared to
# 9,796 in 2021"), the one a governing "of them" points to ("248,4 mil personas; de ellas, 201,7
# mil recibieron"); or a noun the text gives without a number, earlier in the sentence
# ("Requests ... a record 37,606 submitted") or in a sentence before it.
UnitSource = Literal["text", "label", "part_of", "compared", "of_them", "same_sentence", "previous_sentence",
                     "list_lead"]
BlockKind = Literal["heading", "bullet", "paragraph"]

# -- linking: what the words around a figure say about it
Flow = Literal["assistance", "loan", "investment", "reward", "seized", "other"]
Status = Literal["new", "advancing", "target", "achieved"]
Role = Literal["single", "total", "component", "cumulative"]
# What a figure measures: the rows of data/reference/measures.csv (a test keeps the two equal).
Measure = Literal[
    "new_funding", "existing_funding", "loan", "investment", "appeal", "reward",
    "resettled", "approved", "regularised", "processed", "employed", "served", "in_need", "died",
    "enforcement", "capacity", "participants", "unknown",
]
SUMMED_KINDS = ("money", "people")  # the kinds totals add: only these link as copies or repeats across paragraphs
UNPLACED: Measure = "unknown"  # the measure of a figure whose words say nothing of what it counts
Position = Literal["before", "after", "either"]  # where a cue sits relative to its figure
Scope = Literal["sentence", "block"]            # how far a cue reaches

# -- normalising money
Policy = Literal["on_date", "annual_average", "fixed_date"]
FX_POLICIES: tuple[str, ...] = get_args(Policy)
Dollars = Literal["nominal", "constant"]

# -- charts: one builder draws either; the briefing variant states bounds in words, not marks
ChartVariant = Literal["analyst", "briefing"]
BASE_YEAR = 2024  # the base year of the constant-dollar columns `ladfin build` writes
MARGIN = 0.1      # the spread assumed around a hedged figure when a caller asks for one
OWN_EVENT = "doc:"  # event_id prefix of a release reporting no meeting: its own event, "doc:<catalog id>"
APPROXIMATE_DATE = "approximate_date"  # flags.csv: the catalog dates the document only to a month or a year


def constant_column(column: str, base_year: int) -> str:
    """Return the name of `column` in constant `base_year` dollars.

    >>> constant_column("amount_usd", 2024), constant_column("amount_usd_high", 2024)
    ('amount_usd_2024', 'amount_usd_2024_high')
    """
    if column.startswith("amount_usd"):
        return f"amount_usd_{base_year}{column.removeprefix('amount_usd')}"
    return f"{column}_{base_year}"
