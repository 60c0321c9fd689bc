# ---
# jupyter:
#   jupytext:
#     cell_metadata_filter: tags,-all
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Data audit
#
# Everything a reader needs to check the tables against the documents: the
# headline each text states beside ladfin's own sum, every figure with its
# quote and what it measures, every number that is not a figure and why, the
# currencies we had to assume, totals and their parts, announcements merged
# across documents, and rows we could not normalise.

# %% tags=["parameters"]
doc = None  # None for every document, or one file name in data/raw

# %%
import pandas as pd

import ladfin
from ladfin import charts, params

pd.set_option("display.max_rows", 1000)
pd.set_option("display.max_colwidth", 400)
documents = ladfin.load_table("documents")
keep = documents["doc"] if doc is None else [params.check_choice("doc", doc, documents["doc"].tolist())]
figures = ladfin.load_table("figures").loc[lambda table: table["doc"].isin(keep)]
skipped = ladfin.load_table("skipped").loc[lambda table: table["doc"].isin(keep)]
announcements = ladfin.load_table("announcements")
sources = charts.source_lines(documents, None if doc is None else [doc])

# %% [markdown]
# ## Documents

# %%
charts.readable(documents[["doc", "title", "publisher", "document_kind", "published", "event_name", "figures",
                            "skipped"]])

# %% [markdown]
# ## What the texts state, beside what ladfin adds up
#
# For each meeting, the headline amounts a document states in its overview
# ("$578 million", "more than $686 million") beside ladfin's sum of new money
# announced by the same actor at that meeting (each announcement once, without
# parts, running totals or targets). `agrees` is false where the sum is not
# what the headline says: money listed in the bullets that the headline may or
# may not hold. A running total spans several meetings and is not compared.

# %%
from ladfin.analysis.headlines import headline_check

headlines = headline_check(ladfin.load_table("figures"), announcements)
charts.readable(headlines[["event_name", "actor", "doc", "quote", "qualifier", "role", "headline_usd",
                            "ladfin_usd", "agrees", "note"]])

# %% [markdown]
# ## Every figure, with its quote
#
# `start` and `end` are character offsets into the raw file: the quote is
# exactly the text between them (`span`). Each quote links to its document.

# %%
charts.traced(figures, ["doc", "quote", "kind", "value", "qualifier", "actor", "measure", "pillar", "status",
                        "role", "flag"])

# %% [markdown]
# ## What the figures measure
#
# Money and people figures by measure, read from the words of their sentences
# (`data/reference/measure_words.csv`); `unknown` is what the words do not
# place, shown rather than folded into another measure.

# %%
measured = figures[figures["kind"].isin(["money", "people"])]
charts.publish(charts.counts_by(measured.assign(measure=measured["measure"].fillna("unknown")), "measure",
                                title="Money and people figures, by what they measure", sources=sources,
                                label=charts.measure_label,
                                caption="What is counted: figure mentions of money and people, per measure."),
               "measures")

# %% [markdown]
# ## Numbers that are not figures
#
# Dates, years, list numbers, labels, durations: each kept with its reason.

# %%
charts.publish(charts.counts_by(skipped, "reason", title="Numbers that are not figures, by reason",
                                subtitle="Every number in the documents is a figure or skipped with a reason",
                                sources=sources, caption="What is counted: numbers that are not figures, per "
                                                         "reason."), "skipped-reasons")

# %%
charts.readable(skipped)

# %% [markdown]
# ## Currency assumptions
#
# Where a text writes only "$" or "pesos", the currency is a reading. These rows
# show the reading chosen, the other one, and both conversions.

# %%
charts.readable(figures[figures["currency_assumed"]][["doc", "start", "quote", "unit", "alt_unit", "amount_usd",
                                                      "amount_usd_alt", "note"]])

# %% [markdown]
# ## Totals and their parts
#
# A total and the amounts the text lists under it. The sum check allows for the
# hedges of both: a total of "more than" some amount can hold parts that are
# themselves "nearly" or "more than" theirs.

# %%
charts.publish(charts.parts_vs_totals(figures, sources=sources), "totals-and-parts")

# %%
charts.readable(figures[figures["role"].isin(["total", "component", "cumulative"])][
    ["doc", "start", "quote", "role", "parent", "amount_usd", "parts_sum_usd", "parts_add_up"]])

# %% [markdown]
# ## Announcements merged across documents
#
# One announcement reported by several documents (or twice in one) is counted
# once; `link_reason` says why the mentions were merged.

# %%
charts.readable(announcements[announcements["mentions"] > 1][["announcement", "quote", "kind", "value", "unit",
                                                              "mentions", "docs", "link_reason"]])

# %% [markdown]
# ## Flagged rows
#
# Figures kept with a flag: a value ladfin could not normalise (no rate for its
# currency, say), a date the catalog gives only to the month or year, a decimal
# separator it had to decide. Each flag is explained in `data/reference/flags.csv`;
# a figure with two flags counts under each.

# %%
flagged = figures[figures["flag"].notna()]
charts.publish(charts.counts_by(flagged, "flag", title="Flagged figures, by flag", sources=sources,
                                caption="What is counted: figure mentions with a flag, once under each flag "
                                        "they carry."), "flags")

# %%
charts.readable(flagged[["doc", "start", "end", "quote", "kind", "unit", "flag", "note"]])

# %% [markdown]
# ## Exchange rates used

# %%
charts.readable(ladfin.load_table("rates_used"))
