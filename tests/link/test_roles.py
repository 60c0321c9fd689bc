"""Tests for ladfin/links.py: totals, their parts and running totals, on texts written here."""

import doctest

import pytest

from fixture_docs import document
import ladfin.link.roles as links
from ladfin.tables import build_tables


def figures(text: str, lang: str = "en"):
    """Return the built figures table of one text, indexed by quote."""
    return build_tables([document(text, lang=lang)])["figures"].set_index("quote")


def test_parts_in_the_next_sentence_of_the_paragraph_belong_to_the_total():
    # "This includes" opens a later sentence; over 50 = [50, 55], parts [18+30, 20+33] overlap.
    f = figures("The United States announced over $50 million in new assistance. This includes nearly "
                "$20 million in food aid and over $30 million in development funding.")
    total = "a.txt:" + str(f.at["$50 million", "start"])
    assert f.at["$50 million", "role"] == "total"
    assert list(f.loc[["$20 million", "$30 million"], "role"]) == ["component"] * 2
    assert list(f.loc[["$20 million", "$30 million"], "parent"]) == [total] * 2
    assert f.at["$50 million", "parts_sum_usd"] == 50_000_000
    assert bool(f.at["$50 million", "parts_add_up"])


def test_a_list_after_with_in_the_same_sentence_is_the_parts():
    # 40 + 30 + 20 = 90 exactly.
    f = figures("The United States provided $90 million in aid, with $40 million for shelter; "
                "$30 million for food; and $20 million for health care.")
    assert f.at["$90 million", "role"] == "total"
    assert f.at["$90 million", "parts_sum_usd"] == 90_000_000
    assert bool(f.at["$90 million", "parts_add_up"])
    assert set(f["role"]) == {"total", "component"}


def test_along_with_makes_the_later_figure_a_running_total():
    f = figures("Along with the $15 million announced in March, the United States has this month "
                "announced $40 million in assistance.")
    assert f.at["$15 million", "role"] == "component"
    assert f.at["$40 million", "role"] == "cumulative"
    assert f.at["$40 million", "parts_sum_usd"] == 15_000_000
    assert not f.at["$40 million", "parts_add_up"]  # 15 alone is not 40: the text names one part


@pytest.mark.parametrize(
    "text",
    [
        "With this announcement, the United States has now committed over $2 billion in 2023 alone.",
        "The United States gave $5 million, bringing the total U.S. pledge this year to $30 million.",
        "The United States has provided $70 million to date.",
        "Peru has given $9 million in aid since January.",
    ],
)
def test_running_totals_are_cumulative(text):
    f = figures(text)
    assert f["role"].iloc[-1] == "cumulative"


def test_the_figure_before_bringing_the_total_is_not_a_running_total():
    f = figures("The United States gave $5 million, bringing the total U.S. pledge this year to $30 million.")
    assert f.at["$5 million", "role"] == "single"


def test_parts_above_the_total_are_flagged():
    # Each part fits under 10, but 6 + 7 = 13 does not.
    f = figures("The United States announced $10 million. This includes $6 million for shelter and "
                "$7 million for food.")
    assert not f.at["$10 million", "parts_add_up"]
    assert "parts_exceed_total" in f.at["$10 million", "flag"]


def test_a_part_cue_opening_a_paragraph_does_not_reach_past_a_heading():
    f = figures("The United States announced $10 million.\n\nThis includes $4 million for shelter.")
    assert list(f["role"]) == ["total", "component"]  # the paragraph goes on from the one before
    f = figures("The United States announced $10 million.\n\n## Health\n\nThis includes $4 million for clinics.")
    assert list(f["role"]) == ["single", "single"]  # under another heading: another subject


def test_a_larger_figure_is_not_a_part():
    f = figures("The United States announced $10 million, including $25 million from partners.")
    assert list(f["role"]) == ["single", "single"]


def test_a_part_without_status_takes_its_totals():
    f = figures("The United States announced $10 million in new aid. This includes $4 million for food.")
    assert f.at["$4 million", "status"] == "new"


def test_people_are_never_parts():
    f = figures("Peru welcomed 9,000 migrants, including 2,000 children.")
    assert set(f["role"]) == {"single"}
    assert f["parent"].isna().all()


@pytest.mark.parametrize(
    ("text", "lang", "total", "parts"),
    [
        ("Estados Unidos anunció US$ 50 millones en nueva asistencia. Esto incluye US$ 20 millones para "
         "albergues y US$ 30 millones para salud.", "es", "US$ 50 millones", ["US$ 20 millones", "US$ 30 millones"]),
        ("Estados Unidos anunció US$ 90 millones, de los cuales US$ 40 millones son para vivienda.", "es",
         "US$ 90 millones", ["US$ 40 millones"]),
        ("Os Estados Unidos anunciaram US$ 50 milhões em nova assistência. Desse total, US$ 20 milhões irão "
         "para abrigos.", "pt", "US$ 50 milhões", ["US$ 20 milhões"]),
        ("Os Estados Unidos anunciaram US$ 90 milhões, dos quais US$ 40 milhões para moradia.", "pt",
         "US$ 90 milhões", ["US$ 40 milhões"]),
        ("The United States announced US$50 million. Of this total, US$20 million will go to shelters.", "en",
         "US$50 million", ["US$20 million"]),
        ("The United States announced US$50 million. This lifesaving assistance from the American people "
         "includes US$20 million for food.", "en", "US$50 million", ["US$20 million"]),
        ("Estados Unidos anunció US$ 50 millones. Esta asistencia vital incluye US$ 20 millones para comida.",
         "es", "US$ 50 millones", ["US$ 20 millones"]),
        ("Os EUA anunciaram US$ 50 milhões. Essa assistência vital do povo americano inclui US$ 20 milhões.",
         "pt", "US$ 50 milhões", ["US$ 20 milhões"]),
    ],
)
def test_parts_in_spanish_portuguese_and_of_this_total(text, lang, total, parts):
    f = figures(text, lang)
    assert f.at[total, "role"] == "total"
    assert list(f.loc[parts, "role"]) == ["component"] * len(parts)
    assert list(f.loc[parts, "parent"]) == ["a.txt:" + str(f.at[total, "start"])] * len(parts)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Con este anuncio, la ayuda acumulada de Estados Unidos llega a US$ 2.000 millones.", "es"),
        ("Perú ha entregado US$ 9 millones en ayuda desde enero.", "es"),
        ("Chile ha aportado US$ 70 millones hasta la fecha.", "es"),
        ("Estados Unidos aportó US$ 5 millones, elevando el total de su ayuda este año a US$ 30 millones.", "es"),
        ("Isso eleva a assistência humanitária total dos EUA na região para mais de US$ 3 bilhões.", "pt"),
        ("O Brasil destinou US$ 9 milhões desde janeiro.", "pt"),
        ("O Canadá já doou US$ 70 milhões até agora.", "pt"),
        ("The United States has provided more than US$3 billion since fiscal year 2021.", "en"),
    ],
)
def test_running_totals_are_cumulative_in_spanish_portuguese(text, lang):
    assert figures(text, lang)["role"].iloc[-1] == "cumulative"


def test_doctests():
    assert doctest.testmod(links).failed == 0


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The ministry announced $80 million for the shelters of the north.\n\nOf this total, $50 million "
         "goes to food. This assistance includes $30 million through the agency and $20 million through "
         "the towns.\n", "en"),
        ("O ministério anunciou R$ 80 milhões para os abrigos do norte.\n\nDesse total, R$ 50 milhões vão "
         "para alimentação. Essa ajuda inclui R$ 30 milhões através da agência e R$ 20 milhões através das "
         "prefeituras.\n", "pt"),
    ],
)
def test_a_part_cue_opening_a_paragraph_reaches_the_total_before_it_and_its_parts_nest(text, lang):
    f = figures(text, lang).reset_index().set_index("value")
    ident = {v: "a.txt:" + str(f.at[v, "start"]) for v in f.index}
    assert f.at[80e6, "role"] == "total"
    assert (f.at[50e6, "role"], f.at[50e6, "parent"]) == ("component", ident[80e6])
    assert list(f.loc[[30e6, 20e6], "parent"]) == [ident[50e6]] * 2  # parts of the part, not of the 80


def test_a_part_cue_in_a_later_paragraph_reaches_back_only_when_it_opens_it():
    f = figures("The ministry announced $80 million for the shelters.\n\nThe towns said they welcome "
                "it. Of this total, $50 million goes to food.\n").set_index("value", append=True)
    assert set(f["role"]) == {"single"}  # the cue opens no paragraph: nothing before it in its own


def test_a_part_of_a_total_in_its_own_paragraph_takes_no_parts_of_its_own():
    f = figures("The ministry announced $100 million, including $60 million for shelters. This also "
                "includes $10 million for food.").reset_index().set_index("value")
    assert list(f.loc[[60e6, 10e6], "parent"]) == ["a.txt:" + str(f.at[100e6, "start"])] * 2
