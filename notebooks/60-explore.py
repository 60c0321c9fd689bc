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
# # Explore the figures
#
# Choose a country, what is counted and the years; see every figure that
# matches, the sentence it came from, and where in its document it is.
#
# Each figure is shown on its own, never added up: a quote links to its
# document, and `span` gives its place there (document, first and last
# character). In JupyterLab, or in this notebook's HTML copy, the charts take
# dropdowns (under the chart) to narrow the rows further, and a tooltip on
# each bar shows its sentence, document and event.

# %% tags=["parameters"]
country = None  # None for every actor, or the ISO alpha-3 code of the announcing country
measure = None  # None for every measure, or one such as "new_funding", "resettled", "regularised"
start_year = 2022
end_year = None  # None for the latest year the documents cover

# %%
import ladfin
from ladfin import charts, params

figures = ladfin.load_table("figures")
documents = ladfin.load_table("documents")
start_year, end_year = params.check_year_range(start_year, end_year, params.data_years(figures["event_date"]))
if country is not None:
    country = params.check_country(country, params.named_countries(figures))
if measure is not None:
    params.check_choice("measure", measure, sorted(figures["measure"].dropna().unique()))
picked = ladfin.select_figures(figures, actors=country, measures=measure, kinds=["money", "people"],
                               years=range(start_year, end_year + 1))
who = "every actor" if country is None else charts.actor_label(country)

# %% [markdown]
# ## Money

# %%
money = picked[picked["kind"].eq("money")]
charts.publish(charts.explore_figures(money, documents, title=f"Money figures: {who}, {start_year}-{end_year}"),
               "money")

# %% [markdown]
# ## People

# %%
people = picked[picked["kind"].eq("people")]
charts.publish(charts.explore_figures(people, documents, value="value", kind="people",
                                      title=f"People figures: {who}, {start_year}-{end_year}"), "people")

# %% [markdown]
# ## Every figure, with its sentence
#
# The figure is marked in its sentence; the quote and the span link to the
# document.

# %%
charts.traced(picked, ["event_name", "actor", "quote", "kind", "measure", "value", "amount_usd", "qualifier",
                       "sentence"])

# %% [markdown]
# ## Per meeting: what ladfin adds up, beside the headlines
#
# Each announcement once, each measure apart; a headline is what a document
# states in its overview.

# %%
summary = ladfin.event_summary(figures, ladfin.load_table("announcements"))
summary = params.announced_by(summary, country)
charts.readable(summary[summary["event_date"].dt.year.between(start_year, end_year)]
                [["event_name", "event_date", "actor", "new_funding", "existing_funding", "people", "headlines"]])
