"""Tests for ladfin/tables/csvfile.py: the same bytes as pandas' to_csv, for every kind of cell."""

from __future__ import annotations

import pandas as pd

from ladfin.tables.csvfile import csv_bytes


def test_cells_of_every_type_are_written_as_pandas_writes_them():
    table = pd.DataFrame({
        "text": pd.array(["plain", None, "", 'a "quoted" word', "one, two", "two\nlines", "cr\rhere", " pad "],
                         dtype="string"),
        "whole": pd.array([1, None, 0, -5, 12_000_000, 2**40, 7, 8], dtype="Int64"),
        "real": pd.array([1.0, None, 0.1, 1e-05, 12_000_000.0, 1.5e16, -2.25, 1 / 3], dtype="Float64"),
        "numpy": [0.5, float("nan"), 3.0, 1e300, -0.0, 2.5, 100.0, 7.125],
        "flag": pd.array([True, None, False, True, False, True, None, False], dtype="boolean"),
        "day": pd.to_datetime(["2024-05-07", None, "2022-10-06", "2024-01-01", None, "2023-12-31",
                               "2024-09-26", "2025-06-01"]).astype("datetime64[s]"),
        'a "head", too': pd.array(["x"] * 8, dtype="string"),
    })
    assert csv_bytes(table) == table.to_csv(index=False).encode("utf-8")
    timed = table.assign(day=pd.to_datetime(["2024-05-07 10:30:00"] * 8).astype("datetime64[s]"))
    assert csv_bytes(timed) == timed.to_csv(index=False).encode("utf-8")
    written = csv_bytes(table)  # checked by hand: quotes doubled, a comma quoted, missing cells empty
    assert b'\n"a ""quoted"" word",-5,' in written and b'\n"one, two",' in written and b"\n,,,,,,x\n" in written


def test_one_column_empty_tables_and_other_types_fall_back_to_pandas():
    for table in (pd.DataFrame({"a": pd.array(["", None], dtype="string")}),
                  pd.DataFrame({"a": pd.array([], dtype="string"), "b": pd.array([], dtype="Int64")}),
                  pd.DataFrame({"a": [object(), "x"], "b": [1, 2]}).astype({"a": str})):
        assert csv_bytes(table) == table.to_csv(index=False).encode("utf-8")


def test_columns_in_parts_and_slices_of_a_table_write_every_row_once():
    # A pyarrow-backed column read from Parquet or concatenated comes in several chunks; a slice starts
    # partway into its buffers. Both must give each row once, in order, each ended by one line break.
    parts = pd.concat([pd.DataFrame({"name": pd.array(["ana", "bo, b"], dtype="string[pyarrow]"), "n": [1, 2]}),
                       pd.DataFrame({"name": pd.array(["cy", None], dtype="string[pyarrow]"), "n": [3, 4]})],
                      ignore_index=True)
    assert parts["name"].array._pa_array.num_chunks == 2
    assert csv_bytes(parts) == b'name,n\nana,1\n"bo, b",2\ncy,3\n,4\n'
    assert csv_bytes(parts.iloc[1:3]) == b'name,n\n"bo, b",2\ncy,3\n'
    assert csv_bytes(parts.iloc[1:3]) == parts.iloc[1:3].to_csv(index=False).encode("utf-8")


def test_a_table_written_in_parts_is_the_table_written_at_once():
    # Dates alone in the first part, a time of day only in the last: the whole column decides, as pandas does.
    days = ["2024-05-07", None, "2022-10-06", "2024-01-01", "2023-12-31", "2024-09-26 10:30:00"]
    table = pd.DataFrame({"day": pd.to_datetime(days, format="ISO8601").astype("datetime64[s]"),
                          "n": pd.array([1, 2, None, 4, 5, 6], dtype="Int64"),
                          "text": pd.array(["a", "b, c", None, 'd "e"', "f\ng", "h"], dtype="string")})
    want = table.to_csv(index=False).encode("utf-8")
    assert b"\n2024-05-07 00:00:00,1,a\n" in want
    for rows in (1, 2, 4, 5, 6, 100):
        assert csv_bytes(table, rows=rows) == want, rows
    dates = table.iloc[:5]
    assert csv_bytes(dates, rows=2) == dates.to_csv(index=False).encode("utf-8")
    assert b"\n2024-05-07,1,a\n" in csv_bytes(dates, rows=2)
