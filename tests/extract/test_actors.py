"""Who announced a figure (ladfin/extract/actors.py, SentenceActors), on sentences written for each rule."""

from __future__ import annotations

import pytest

from ladfin.extract.figures import extract_figures


def actor_of(text: str, quote: str) -> str | None:
    rows = extract_figures(text).set_index("quote")
    value = rows.at[quote, "actor"]
    return None if value is None or str(value) == "<NA>" else str(value)


@pytest.mark.parametrize(
    ("text", "quote", "actor"),
    [
        # an agent phrase: a preposition governs the name, yet it acts
        ("On behalf of the United States, the Secretary of State announced $50 million in new assistance.",
         "$50 million", "USA"),
        ("On June 3, the Government of Canada announced $12 million for shelters.", "$12 million", "CAN"),
        # an agency stands for its government; an instrument after "through" does not act
        ("Canada, through Global Affairs Canada, will provide $5 million.", "$5 million", "CAN"),
        ("USAID will provide $7 million to partners in Honduras.", "$7 million", "USA"),
        # joint announcers, in any order
        ("The United States and Costa Rica announced $8 million for shelters.", "$8 million", "CRI;USA"),
        ("Mexico and UNHCR relocated 3,100 refugees.", "3,100 refugees", "MEX;UNHCR"),
        # a possessor acts
        ("Canada's commitment of $3 million was renewed.", "$3 million", "CAN"),
        # each pledge takes the subject nearest before it
        ("Chile pledged $4 million, Peru pledged $6 million and Spain and Korea pledged $2 million each.",
         "$6 million", "PER"),
        ("Chile pledged $4 million, Peru pledged $6 million and Spain and Korea pledged $2 million each.",
         "$2 million", "ESP;KOR"),
        # the object of a verb is acted on
        ("The U.S. is helping Ecuador unlock $10 million in World Bank lending.", "$10 million", "USA"),
        # places, receivers, labels and datelines do not announce
        ("In Lima, Peru, Canada announced $9 million.", "$9 million", "CAN"),
        ("The European Commission will provide €40 million. Haiti will receive €8 million.",
         "€8 million", "EU"),
        ("Guatemala: €3 million will support shelters, the European Commission said.", "€3 million", "EU"),
        ("QUITO, Ecuador - The IOM appealed for $11 million.", "$11 million", "IOM"),
        # "US$" is a currency, not the United States
        ("Mexico will spend US$ 14 million on its shelters.", "US$ 14 million", "MEX"),
    ],
)
def test_actor(text, quote, actor):
    assert actor_of(text, quote) == actor


def test_an_unnamed_figure_takes_the_one_announcer_of_the_document():
    text = "The European Commission will provide €90 million.\n\n- €10 million is allocated to shelters.\n"
    assert actor_of(text, "€10 million") == "EU"


def test_an_unnamed_figure_in_a_document_of_several_announcers_stays_unnamed():
    text = ("Canada announced $9 million.\n\nMexico announced $4 million.\n\n"
            "- Some 2,000 people were helped in all.\n")
    assert actor_of(text, "2,000 people") is None
