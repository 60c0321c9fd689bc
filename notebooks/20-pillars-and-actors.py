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
# # Pillars and actors
#
# Who announced money, and under which pillar of the Los Angeles Declaration?
#
# Pillar 1 is stability and integration, 2 legal pathways and protection, 3
# humane migration management and enforcement, 4 coordinated emergency
# response; money announced in an overview paragraph has no pillar. The charts
# count new money announced unless `measures` adds others (money reported
# again, loans, investment), each shown apart. Each announcement counts once;
# parts of totals, running totals and targets are left out unless included
# below.

# %% tags=["parameters"]
start_year = 2022
end_year = None  # None for the latest year the documents cover
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
selection, money = params.money_choices(
    figures, start_year=start_year, end_year=end_year, dollars=dollars, base_year=base_year,
    fx_policy=fx_policy, fixed_date=fixed_date, statuses=statuses,
    include_components=include_components, include_cumulative=include_cumulative,
    include_targets=include_targets, measures=measures)
words = dict(money, documents=documents)

# %% [markdown]
# ## Who announced what, where
#
# Each cell is the money one actor announced under one pillar in the years
# chosen; darker is more. A "+" marks a cell that is a lower bound (the
# briefing export, `pillar-by-actor.png`, says "more than" instead).

# %%
grid = ladfin.assistance(by=("pillar", "actor"), **money, **selection)
charts.publish_variants(charts.pillar_actor_grid, grid, name="pillar-by-actor", **words)

# %% [markdown]
# ## Per pillar

# %%
charts.publish_variants(charts.assistance_by_category, grid, "pillar", name="per-pillar", **words)

# %% [markdown]
# ## Per actor

# %%
charts.publish_variants(charts.assistance_by_category, grid, "actor", name="per-actor", **words)

# %% [markdown]
# ## Per kind of money
#
# Grants and other assistance, loans and investment, as the sentence around
# each amount describes it.

# %%
flows = ladfin.assistance(by=("flow",), **money, **selection)
charts.publish_variants(charts.assistance_by_category, flows, "flow", name="per-flow", **words)

# %%
charts.readable(grid)
