"""Figures picked by filters, and announcements given their sentences (ladfin/analysis/listing.py)."""

from __future__ import annotations

import pandas as pd
import pytest

from ladfin.analysis.listing import select_figures, with_sentences
from ladfin.errors import ParameterError


def table() -> pd.DataFrame:
    # two meetings, a joint announcement, a recipient, two kinds
    return pd.DataFrame({
        "doc": ["a.txt", "a.txt", "b.txt", "b.txt"],
        "start": [40, 10, 5, 60],
        "event_id": ["lima", "lima", "guatemala", "guatemala"],
        "event_date": pd.to_datetime(["2022-10-06", "2022-10-06", "2024-05-07", "2024-05-07"]),
        "actor": ["USA", "CRI;USA", "CAN", "USA"],
        "recipients": [None, "GTM", None, "GTM;HND"],
        "kind": ["money", "people", "money", "money"],
        "measure": ["new_funding", "resettled", "investment", "new_funding"],
        "quote": ["$25 million", "2,000 refugees", "$75 million Canadian dollars", "$3 million"],
        "sentence": ["The U.S. gave $25 million.", "They resettled 2,000 refugees.",
                     "Canada is investing $75 million Canadian dollars.", "A $3 million project."],
    })


@pytest.mark.parametrize(("filters", "starts"), [
    ({}, [10, 40, 5, 60]),                               # event date, document, offset
    ({"actors": "USA"}, [10, 40, 60]),                   # a joint announcement counts for each actor
    ({"actors": ["CRI", "CAN"]}, [10, 5]),
    ({"recipients": "HND"}, [60]),
    ({"years": [2024]}, [5, 60]),
    ({"events": "lima", "kinds": "money"}, [40]),
    ({"measures": ["new_funding"], "docs": ["b.txt"]}, [60]),
    ({"text": "CANADIAN"}, [5]),                         # quote or sentence, any case
    ({"text": "project"}, [60]),
])
def test_select_figures(filters, starts):
    assert select_figures(table(), **filters)["start"].tolist() == starts


@pytest.mark.parametrize(("filters", "match"), [
    ({"actors": "XYZ"}, "actor XYZ: not in the data; choose from CAN, CRI, USA"),
    ({"events": "paris"}, "event paris: not in the data"),
    ({"docs": "c.txt"}, "document c.txt"),
    ({"kinds": "euros"}, "kind euros"),
    ({"measures": "pledged"}, "measure pledged"),
    ({"years": ["last"]}, "each must be a whole year"),
])
def test_a_value_the_data_does_not_hold_is_an_error_listing_those_it_does(filters, match):
    with pytest.raises(ParameterError, match=match):
        select_figures(table(), **filters)


def test_with_sentences_gives_each_announcement_its_canonical_sentence():
    announcements = pd.DataFrame({"announcement": ["b.txt:5"], "doc": ["b.txt"], "start": [5]})
    assert with_sentences(announcements, table())["sentence"].tolist() == [
        "Canada is investing $75 million Canadian dollars."]
