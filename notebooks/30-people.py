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
# # People
#
# How many people do the announcements say were, or will be, resettled,
# paroled, regularised or admitted, and how do targets compare with results?
#
# Each people figure counts once, however many documents repeat it. The status
# of a figure is the marker the text gives it: a target, something achieved, a
# new commitment, an existing one advancing, or not stated. Hover over a point
# to read the sentence's own words.

# %% tags=["parameters"]
country = None  # None for every country, or the ISO alpha-3 code of the announcing country
start_year = 2022
end_year = 2024
statuses = None  # None for any, or a list such as ["target", "achieved"]

# %%
import ladfin
from ladfin import charts, params

figures = ladfin.load_table("figures")
documents = ladfin.load_table("documents")
start_year, end_year = params.check_year_range(start_year, end_year, params.data_years(figures["event_date"]))
if country is not None:
    country = params.check_country(country, params.named_countries(figures))
selection = dict(country=country, start_year=start_year, end_year=end_year, statuses=statuses)
sources = charts.source_lines(documents)
who = "every country" if country is None else charts.actor_label(country)

# %% [markdown]
# ## Targets and results, year by year

# %%
per_year = ladfin.headcounts(by=("year", "status"), **selection)
subtitle = f"People counted in the announcements of {who}"
charts.publish(charts.people_by_year(per_year, color="status", years=range(start_year, end_year + 1),
                                     sources=sources, subtitle=subtitle), "per-year")

# %% [markdown]
# ## By announcing country
#
# Each cell is the people one country's announcements count under one status,
# in the years chosen. Read targets against what was achieved or is advancing.

# %%
per_country = ladfin.headcounts(by=("actor", "status"), **selection)
charts.publish(charts.people_grid(per_country, sources=sources, subtitle=subtitle), "per-country")

# %% [markdown]
# ## Every figure
#
# One point per people announcement. Shape shows the hedge: a triangle up is
# "more than", down is "nearly" or "up to".

# %%
announcements = ladfin.load_table("announcements")
people = announcements[announcements["kind"].eq("people")
                       & announcements["event_date"].dt.year.between(start_year, end_year)
                       & (country is None or announcements["actor"].eq(country).fillna(False))]
charts.publish(charts.figure_points(people, documents, value="value", kind="people", color="status",
                                    sources=sources, title=f"Every people figure: {who}"),
               "figures")

# %%
per_country
