"""Small tables we wrote for the chart tests, shaped as `ladfin.assistance`, `ladfin.headcounts`
and the figures and documents tables return them, and helpers reading a chart's spec."""

from __future__ import annotations

import pandas as pd

SCRIPT = "<script>alert(1)</script>"
SOURCES = ["Sources: The White House (1 document, 2024)."]


def by_year() -> pd.DataFrame:
    # two actors over two years; one range, one assumed currency
    return pd.DataFrame({
        "year": [2022, 2022, 2024],
        "actor": ["USA", "CAN", "USA"],
        "amount_usd": [579e6, 40.9e6, 1.287e9],
        "amount_usd_low": [579e6, 40.9e6, 1.287e9],
        "amount_usd_high": [634.4e6, 40.9e6, 1.3556e9],
        "announcements": [3, 1, 4],
        "has_assumed_currency": [False, True, False],
    })


def by_event() -> pd.DataFrame:
    # events listed out of date order: the chart must sort them by date
    return pd.DataFrame({
        "year": [2024, 2022],
        "event_id": ["b", "a"],
        "event_name": ["Fourth Ministerial", "First Ministerial"],
        "event_date": pd.to_datetime(["2024-09-25", "2022-10-06"]),
        "amount_usd": [686e6, 620e6],
        "amount_usd_low": [686e6, 620e6],
        "amount_usd_high": [None, 675e6],   # open above: "more than"
        "announcements": [1, 4],
        "has_assumed_currency": [False, False],
    })


def pillar_actor() -> pd.DataFrame:
    return pd.DataFrame({
        "year": [2022, 2022, 2024],
        "pillar": [0, 1, 1],
        "actor": ["USA", "CAN", "USA"],
        "amount_usd": [240e6, 40.9e6, 20e6],
        "amount_usd_low": [240e6, 40.9e6, 20e6],
        "amount_usd_high": [264e6, 40.9e6, 20e6],
        "announcements": [1, 1, 1],
        "has_assumed_currency": [False, True, False],
    })


def headcounts() -> pd.DataFrame:
    return pd.DataFrame({
        "year": [2022, 2024, 2024],
        "status": ["advancing", "target", None],
        "actor": ["ECU", "COL", "USA"],
        "measure": ["regularised", "regularised", "resettled"],
        "people": [829_500.0, 1_200_000.0, 100_000.0],
        "people_low": [757_050.0, 1_080_000.0, 100_000.0],
        "people_high": [912_450.0, 1_260_000.0, 100_000.0],
        "announcements": [4, 2, 1],
    })


def documents() -> pd.DataFrame:
    return pd.DataFrame({
        "doc": ["a.txt", "b.txt"],
        "title": ["Fact sheet " + SCRIPT, "Lima"],
        "publisher": ["The White House", "U.S. Department of State"],
        "published": pd.to_datetime(["2024-09-26", None]),
        "event_name": ["Fourth Ministerial", "First Ministerial"],
        "event_date": pd.to_datetime(["2024-09-25", "2022-10-06"]),
    })


def figures() -> pd.DataFrame:
    # one quote carries markup: it must reach every output as text
    return pd.DataFrame({
        "doc": ["a.txt", "b.txt", "b.txt"],
        "start": [10, 20, 30],
        "end": [32 + len(SCRIPT), 33, 42],
        "quote": [f"$686 million {SCRIPT}", "$55.9 million", "$817 million"],
        "sentence": [f"The United States announced more than $686 million {SCRIPT} in new aid.",
                     "Canada will provide $55.9 million for development projects.",
                     "Along with nearly $817 million in assistance, the United States pledged more."],
        "hedge": ["more than", None, "nearly"],
        "qualifier": ["over", "exact", "under"],
        "actor": ["USA", "CAN", "USA"],
        "pillar": [0, 1, 1],
        "status": ["new", None, "new"],
        "role": ["single", "single", "total"],
        "currency_assumed": [False, True, False],
        "amount_usd": [686e6, 40.9e6, 817e6],
        "parts_sum_usd": [None, None, 575e6],
        "parts_add_up": [None, None, False],
    })


def inner(chart) -> dict:
    """Return the titled chart's body (the first vconcat entry) from its spec."""
    return chart.to_dict()["vconcat"][0]


def marks(spec: dict) -> list[str]:
    return [layer["mark"]["type"] for layer in spec["layer"]]


def colour(encoding: dict) -> dict:
    """Return a layer's colour encoding, inside the legend selection's condition where there is one."""
    return encoding["color"].get("condition", encoding["color"])


def texts(spec: dict) -> list[dict]:
    """Return the text layers of a chart body."""
    return [layer for layer in spec["layer"] if layer["mark"]["type"] == "text"]
