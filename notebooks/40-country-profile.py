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
# # Country profile
#
# Every figure that names one country, as the actor announcing it or as a
# country it concerns, with the sentence it came from.

# %% tags=["parameters"]
country = "COL"  # ISO 3166 alpha-3 code

# %%
import ladfin
from ladfin import charts, params

figures = ladfin.load_table("figures")
documents = ladfin.load_table("documents")
country = params.check_country(country, params.named_countries(figures))
name = charts.actor_label(country)
naming = params.naming_country(figures, country)

# %% [markdown]
# ## Money
#
# Money figures naming the country, in nominal US dollars at the rate of the
# announcement date, one row each (only the largest when there are more),
# labelled as the text states it. A hollow
# point rests on an assumed currency.

# %%
charts.publish_variants(charts.figure_points, naming[naming["kind"] == "money"], documents, name="money",
                        color="role", title=f"Money figures naming {name}")

# %% [markdown]
# ## People
#
# One row per people figure, coloured by what it measures (resettled,
# regularised, in need ...), only the largest when there are more: rows are
# never added up here.

# %%
charts.publish_variants(charts.figure_points, naming[naming["kind"] == "people"], documents, name="people",
                        value="value", kind="people", color="measure", title=f"People figures naming {name}")

# %% [markdown]
# ## Every figure naming the country
#
# `role_of_country` says whether the country announced the figure, is named as
# a recipient or partner, or both. Each quote links to its document.

# %%
charts.traced(naming, ["doc", "quote", "kind", "value", "qualifier", "measure", "actor", "recipients",
                       "role_of_country", "status", "amount_usd", "sentence"])
