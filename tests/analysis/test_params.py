"""Notebook parameter checks that build keyword sets for the library, and the money parameters
every money notebook declares."""

from __future__ import annotations

import ast
import doctest
import inspect
from datetime import date
from pathlib import Path

import jupytext
import pandas as pd
import pytest

from ladfin.analysis import params
from ladfin.errors import ParameterError

NOTEBOOKS = sorted((Path(__file__).resolve().parents[2] / "notebooks").glob("[0-9]*.py"))

FIGURES = pd.DataFrame({"event_date": pd.to_datetime(["2022-10-06", "2023-05-01", "2024-09-25"])})
DEFAULTS = dict(start_year=2022, end_year=2024, dollars="constant", base_year=2023, fx_policy="on_date")


def test_money_choices_split_what_counts_from_how_it_is_valued():
    selection, money = params.money_choices(FIGURES, **DEFAULTS, statuses=["new"], include_targets=True)
    assert selection == dict(start_year=2022, end_year=2024, measures=["new_funding"], statuses=["new"],
                             include_components=False, include_cumulative=False, include_targets=True)
    assert money == dict(dollars="constant", base_year=2023, fx_policy="on_date", fixed_date=None)


def test_money_choices_read_a_fixed_date():
    _, money = params.money_choices(FIGURES, **dict(DEFAULTS, fx_policy="fixed_date"), fixed_date="2024-03-01")
    assert money["fixed_date"] == date(2024, 3, 1)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (dict(start_year=2019), "start_year 2019 is outside the data, which covers 2022-2024"),
        (dict(start_year=2024, end_year=2023), "start_year 2024 is after end_year 2023"),
        (dict(fixed_date="March 2024"), "fixed_date 'March 2024' is not a date written YYYY-MM-DD"),
    ],
)
def test_money_choices_refuse_bad_parameters_with_what_is_allowed(change, message):
    with pytest.raises(ParameterError, match=message):
        params.money_choices(FIGURES, **dict(DEFAULTS, **change))


def test_doctests():
    assert doctest.testmod(params).failed == 0


# ---------------------------------------------------------------- the money parameters, declared once

def parameters_cell(path: Path) -> dict:
    """Return name -> default of a paired notebook's `parameters` cell (each line `name = literal`)."""
    cell = next(c for c in jupytext.read(path).cells if "parameters" in c.metadata.get("tags", []))
    return {node.targets[0].id: ast.literal_eval(node.value) for node in ast.parse(cell.source).body}


def money_choices_keywords(path: Path) -> list[dict[str, str]]:
    """Return, for each `params.money_choices(...)` call in a notebook, keyword -> its source text."""
    code = "\n".join(c.source for c in jupytext.read(path).cells if c.cell_type == "code")
    return [{k.arg: ast.unparse(k.value) for k in node.keywords} for node in ast.walk(ast.parse(code))
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr == "money_choices"]


MONEY_NOTEBOOKS = [p for p in NOTEBOOKS if money_choices_keywords(p)]


def test_the_money_notebooks_are_found():
    assert MONEY_NOTEBOOKS, "no notebook calls params.money_choices"


@pytest.mark.parametrize("path", MONEY_NOTEBOOKS, ids=lambda p: p.stem)
def test_a_money_notebook_declares_the_money_parameters(path):
    declared = parameters_cell(path)
    assert {k: v for k, v in declared.items() if k in params.MONEY_PARAMETERS} == params.MONEY_PARAMETERS
    # ... and hands each one, as itself, to money_choices: none keeps the library's default unseen
    assert money_choices_keywords(path) == [{name: name for name in params.MONEY_PARAMETERS}]


def test_money_choices_takes_the_money_parameters():
    signature = inspect.signature(params.money_choices).parameters
    keywords = [n for n, p in signature.items() if p.kind is inspect.Parameter.KEYWORD_ONLY]
    assert keywords == list(params.MONEY_PARAMETERS)
    for name, default in params.MONEY_PARAMETERS.items():
        if signature[name].default is not inspect.Parameter.empty:
            written = signature[name].default  # a tuple in the signature is the notebooks' list
            assert (list(written) if isinstance(written, tuple) else written) == default, name
