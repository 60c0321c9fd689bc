"""The built tables for readers without Python: the Excel workbook and the data dictionary
(ladfin/tables/workbook.py, ladfin/core/dictionary.py), and that a build writes them into its set."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from fixture_docs import document, tree

from ladfin import tables
from ladfin.core import schema
from ladfin.tables import store
from ladfin.tables.workbook import described_files, workbook_bytes

TEXT = "Canada pledged C$5 million for 2,000 workers.\n"


@pytest.fixture(scope="module")
def built():
    return tables.build_tables([document(TEXT)])


def test_the_workbook_has_a_sheet_per_table_and_one_describing_every_column(built):
    sheets = pd.read_excel(io.BytesIO(workbook_bytes(built)), sheet_name=None)
    assert list(sheets) == [*built, "columns"]
    assert len(sheets["figures"]) == len(built["figures"]) and list(sheets["figures"]) == list(built["figures"])
    columns = sheets["columns"]
    assert len(columns) == sum(len(schema.TABLES[name].columns) for name in built)
    row = columns[(columns["table"] == "figures") & (columns["column"] == "kind")].iloc[0]
    assert row["allowed"] == "money, people, count, percent" and row["required"] == "yes"
    assert row["example"] in ("money", "people")


def test_the_workbook_is_the_same_bytes_for_the_same_tables(built):
    assert workbook_bytes(built) == workbook_bytes(built)


def test_the_dictionary_names_every_table_column_unit_and_allowed_value(built):
    files = described_files(built)
    markdown = files["data-dictionary.md"].decode()
    page = files["data-dictionary.html"].decode()
    for name, table in schema.TABLES.items():
        if name not in built:
            continue
        assert f"## {name}" in markdown and f'<h2 id="{name}">' in page
        for column in table.columns:
            assert f"| `{column}`" in markdown
    assert "| `amount_usd` | number | USD |" in markdown
    assert "C$5 million" in markdown  # an example row, from the table itself


def test_a_build_writes_them_into_its_set_and_checks_them(tmp_path, monkeypatch):
    root = tree(tmp_path, {"a.txt": TEXT})
    monkeypatch.setenv("LADFIN_ROOT", str(root))
    tables.build()
    current = tables.tables_dir()
    for file in ("tables.xlsx", "data-dictionary.md", "data-dictionary.html"):
        assert (current / file).is_file() and file in store.read_stamp()["files"]
        assert (root / "data" / "processed" / file).resolve() == (current / file).resolve()
    assert tables.incomplete_files() == []
