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
# # Assistance over time
#
# How much new money was announced at each Los Angeles Declaration ministerial
# meeting, and in each year?
#
# By default the bars count **new money announced** (measure `new_funding`):
# money the texts report again ("obligated", "identified", "advancing existing
# commitments"), loans and investment are other measures, drawn as their own
# bars when `measures` names them, never added to new money. Each announcement
# counts once, at its canonical mention, however many documents repeat it.
# Parts of a total, running totals ("$1.2 billion in 2024 alone") and targets
# are left out unless the parameters below include them.

# %% tags=["parameters"]
start_year = 2022
end_year = None  # None for the latest year the documents cover
by = "actor"  # split each year by "actor" or "flow"
dollars = "nominal"  # "nominal" or "constant"
base_year = 2024  # the year of constant dollars
fx_policy = "on_date"  # "on_date", "annual_average" or "fixed_date"
fixed_date = None  # "YYYY-MM-DD", with fx_policy "fixed_date"
statuses = None  # None for any, or a list such as ["new", "advancing"]
include_components = False
include_cumulative = False
include_targets = False
measures = ["new_funding"]  # add "existing_funding", "loan", "investment", "appeal" for their own bars

# %%
import ladfin
from ladfin import charts, params

figures = ladfin.load_table("figures")
documents = ladfin.load_table("documents")
params.check_choice("by", by, ["actor", "flow"])
selection, money = params.money_choices(
    figures, start_year=start_year, end_year=end_year, dollars=dollars, base_year=base_year,
    fx_policy=fx_policy, fixed_date=fixed_date, statuses=statuses,
    include_components=include_components, include_cumulative=include_cumulative,
    include_targets=include_targets, measures=measures)
start_year, end_year = selection["start_year"], selection["end_year"]
words = dict(money, documents=documents)
events = ladfin.load_table("events").loc[lambda table: table["event_date"].dt.year.between(start_year, end_year)]

# %% [markdown]
# ## At each ministerial meeting
#
# A bar is the sum of one measure's announcements at one meeting, labelled as
# the texts state it ("more than $686M"). A triangle marks a total the text
# gives only as a bound: "more than" (up) or "nearly" (down); no interval is
# drawn that the text does not state. A paler bar includes an amount whose
# currency the text leaves open. The report also exports a briefing version
# of each chart (`per-event.png`), with the bounds in words only.

# %%
per_event = ladfin.assistance(by=("event",), **money, **selection)
charts.publish_variants(charts.assistance_by_event, per_event, name="per-event", events=events, **words)

# %%
charts.readable(per_event)

# %% [markdown]
# ## Per year
#
# The same money per calendar year, split by the parameter `by` (by measure
# instead when several measures are drawn, so no bar adds two). A year the
# documents do not cover is marked "no documents" under the axis: it is not a
# zero. Click a legend entry to pick out one group.

# %%
split = by if len(selection["measures"]) == 1 else "measure"
per_year = ladfin.assistance(by=("year", split), **money, **selection)
years = range(start_year, end_year + 1)
charts.publish_variants(charts.assistance_by_year, per_year, name="per-year", color=split, years=years, **words)

# %% [markdown]
# ## The announcements behind the bars
#
# One row per money announcement in the years chosen (only the largest when there
# are more: the footnote says of how many), in nominal dollars,
# named by the words around it and labelled as its text states it. Colour tells
# its role: the bars add single figures and totals; parts of totals and running
# totals are shown here but only added when included above. Hover over a point
# for its sentence, document and event.

# %%
announcements = ladfin.with_sentences(ladfin.load_table("announcements"), figures)
money_rows = announcements[announcements["kind"].eq("money")
                           & announcements["event_date"].dt.year.between(start_year, end_year)]
charts.publish_variants(charts.figure_points, money_rows, documents, name="announcements", color="role",
                        title="Every money announcement")
