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
# How many people do the announcements say were resettled, approved,
# regularised, processed, employed, served or arrested and removed, and how do targets compare with
# results?
#
# Every number below sums **one measure** (what the figure counts, read from
# its sentence): people resettled are never added to people regularised, and
# context statistics (people in need or displaced, people who died) are never
# counted as outcomes: they have a chart of their own at the end. Each
# people figure counts once, however many documents or meetings repeat it;
# parts of a stated whole ("105,000 of the estimated 324,500"), running totals
# ("to date") and targets are left out unless the parameters include them.

# %% tags=["parameters"]
country = None  # None for every country, or the ISO alpha-3 code of the announcing country
start_year = 2022
end_year = None  # None for the latest year the documents cover
statuses = None  # None for any, or a list such as ["target", "achieved"]
measures = None  # None for every outcome measure, or a list such as ["resettled", "regularised"]
include_targets = False

# %%
import ladfin
from ladfin import charts, params

figures = ladfin.load_table("figures")
documents = ladfin.load_table("documents")
start_year, end_year = params.check_year_range(start_year, end_year, params.data_years(figures["event_date"]))
if country is not None:
    country = params.check_country(country, params.named_countries(figures))
selection = dict(country=country, start_year=start_year, end_year=end_year, statuses=statuses,
                 measures=measures, include_targets=include_targets)
who = "every country" if country is None else charts.actor_label(country)
years = range(start_year, end_year + 1)

# %% [markdown]
# ## Outcomes, year by year
#
# One bar per measure and year, labelled as the texts state it. A triangle
# marks a total the text gives only as a bound ("more than", "up to"); a year
# the documents do not cover is marked "no documents". Click a legend entry to
# pick out one measure.

# %%
per_year = ladfin.headcounts(by=("year",), **selection)
subtitle = f"Outcomes of policy in the announcements of {who}"
charts.publish_variants(charts.people_by_year, per_year, name="per-year", years=years, documents=documents,
                        subtitle=subtitle, title="Outcomes of policy: people counted, by year and measure")

# %% [markdown]
# ## Targets against results
#
# The same measures by status: what was achieved or is advancing beside what
# is promised (targets are included here whatever the parameters say).

# %%
by_status = ladfin.headcounts(by=("status",), **{**selection, "include_targets": True})
charts.publish_variants(charts.people_by_category, by_status, "status", name="per-status", color="measure",
                        documents=documents, subtitle=subtitle, title="Targets and results")

# %% [markdown]
# ## By announcer
#
# Each cell is the people one announcer (a government or an organisation) counts under one measure,
# in the years chosen.

# %%
per_country = ladfin.headcounts(by=("actor",), **selection)
charts.publish_variants(charts.people_grid, per_country, name="per-country", documents=documents, subtitle=subtitle)

# %% [markdown]
# ## Context: people in need, displaced, or who died
#
# Figures the texts give as context, not as results of a programme. They are
# shown so that nothing is hidden, and never added to the charts above.

# %%
context = ladfin.headcounts(by=("year",), **{**selection, "measures": ["in_need", "died"]})
charts.publish_variants(charts.people_by_year, context, name="context", years=years, documents=documents,
                        subtitle=f"Context statistics in the announcements of {who}",
                        title="People in need or displaced, as stated")

# %% [markdown]
# ## The people figures
#
# One row per people announcement, whatever it measures (only the largest when
# there are more: the footnote says of how many), labelled as its text
# states it. Shape shows the hedge: a triangle up is "more than", down is
# "nearly" or "up to". Nothing here is added up.

# %%
announcements = ladfin.with_sentences(ladfin.load_table("announcements"), figures)
people = params.announced_by(announcements, country)
people = people[people["kind"].eq("people") & people["event_date"].dt.year.between(start_year, end_year)]
charts.publish_variants(charts.figure_points, people, documents, name="figures", value="value", kind="people",
                        color="status", title=f"People figures: {who}")

# %%
charts.readable(per_year)
