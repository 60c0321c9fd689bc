"""Tests for ladfin/classify.py: flow and status from cue words, on sentences written here."""

import doctest

import pandas as pd
import pytest

from fixture_docs import document
from ladfin.link import classify
from ladfin.extract.figures import extract_figures
from ladfin.analysis.series import assistance
from ladfin.tables import build_tables


@pytest.mark.parametrize(
    ("text", "flow"),
    [
        ("The United States approved a $4 million direct loan to a bank.", "loan"),
        ("Authorities offer a reward of $5 million for the capture.", "reward"),
        ("The United States is investing $6 million in ports.", "investment"),
        ("Police seized $2 million in cash from smugglers.", "seized"),
        ("The United States announced $8 million in humanitarian assistance.", "assistance"),
        ("The United States gave $8 million in development funding.", "assistance"),
        ("The United States spent $8 million.", "other"),
    ],
)
def test_flow_is_the_nearest_cue(text, flow):
    assert classify.add_flow(extract_figures(text))["flow"].tolist() == [flow]


def test_each_figure_takes_its_own_nearest_cue():
    # the loan word sits next to the second figure, the aid word next to the first
    out = classify.add_flow(extract_figures(
        "The United States gave $3 million in aid and made a $9 million loan to Peru."))
    assert out["flow"].tolist() == ["assistance", "loan"]


def test_flow_is_empty_for_people():
    out = classify.add_flow(extract_figures("Peru welcomed 9,000 refugees with aid."))
    assert out["flow"].isna().all()


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Peru is on track to welcome 9,000 refugees.", "target"),
        ("Peru set the goal of welcoming 9,000 refugees.", "target"),
        ("Peru will admit up to 2,000 refugees.", "target"),
        ("Over 3,000 refugees have been resettled in Peru.", "achieved"),
        ("Peru has issued 4,000 visas.", "achieved"),
        ("Peru resettled 1,200 refugees.", "achieved"),
        ("Peru announced $3 million in new assistance.", "new"),
        ("Peru approved a plan; 2,000 refugees live in Lima.", None),
    ],
)
def test_status_from_cue_words(text, status):
    got = classify.add_status(extract_figures(text))["status"]
    if status is None:
        assert got.isna().all()
    else:
        assert got.tolist() == [status]


@pytest.mark.parametrize(
    ("text", "lang", "statuses"),
    [
        # the people money is meant for ("to support", "para atender") are a target, not people reached
        ("The agencies seek $40 million to support 25,000 families in the camps.", "en", [None, "target"]),
        ("Las agencias piden 40 millones de dólares para atender a 25.000 familias.", "es", [None, "target"]),
        ("As agências pedem US$ 40 milhões para atender 25 mil famílias.", "pt", [None, "target"]),
        # ... the purpose said with a noun ("para brindar apoyo a") as well
        ("The plan needs $40 million to provide assistance to 25,000 families.", "en", [None, "target"]),
        ("La red pide 9 millones de euros para brindar apoyo a 4.000 hogares.", "es", [None, "target"]),
        ("O plano precisa de US$ 40 milhões para prestar assistência a 25 mil famílias.", "pt", [None, "target"]),
        # ... but money that helped to support people reports what it did
        ("Last year the fund helped to support 25,000 families.", "en", [None]),
    ],
)
def test_the_people_money_is_meant_for_are_a_target(text, lang, statuses):
    got = classify.add_status(extract_figures(text, lang=lang), lang=lang)["status"]
    assert [None if pd.isna(s) else s for s in got] == statuses


def test_a_cue_after_the_figure_does_not_make_it_a_target():
    # "will" follows the money: the money is not what will happen
    out = classify.add_status(extract_figures("Most of the $9 million in new funding will support shelters."))
    assert out["status"].tolist() == ["new"]


def test_the_bullet_marker_wins_over_cue_words():
    text = "Commitments\n\n  • Peru will admit 2,000 refugees this year. (advancing existing commitments)\n"
    figures = build_tables([document(text)])["figures"]
    assert figures["status"].tolist() == ["advancing"]


def test_cues_record_the_phrase_that_decided():
    out = classify.add_status(classify.add_flow(extract_figures("Peru approved a $4 million loan.")))
    assert "flow=loan ('loan')" in out.at[0, "cues"]


def test_doctests():
    assert doctest.testmod(classify).failed == 0


@pytest.mark.parametrize(
    ("text", "lang", "status"),
    [
        ("Perú está en camino de acoger a 9.000 refugiados.", "es", "target"),
        ("El programa beneficiará a 600.000 migrantes venezolanos.", "es", "target"),
        ("Chile tiene la meta de regularizar a 50.000 personas.", "es", "target"),
        ("Más de 3.000 refugiados han sido reasentados en Uruguay.", "es", "achieved"),
        ("Panamá ha otorgado 4.000 permisos de trabajo.", "es", "achieved"),
        ("El Gobierno anunció US$ 3 millones en nueva asistencia.", "es", "new"),
        ("En Lima viven 2.000 refugiados.", "es", None),
        ("O programa beneficiará 600 mil migrantes.", "pt", "target"),
        ("O Brasil tem a meta de acolher 20 mil pessoas.", "pt", "target"),
        ("Cerca de 21 mil pessoas foram interiorizadas pelo programa.", "pt", "achieved"),
        ("O governo anunciou US$ 3 milhões em nova assistência.", "pt", "new"),
        ("Em Boa Vista vivem 2 mil refugiados.", "pt", None),
    ],
)
def test_status_from_cue_words_in_spanish_and_portuguese(text, lang, status):
    got = classify.add_status(extract_figures(text, lang=lang), lang=lang)["status"]
    if status is None:
        assert got.isna().all()
    else:
        assert got.tolist() == [status]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Canada will provide US$50 million to support migrants in Colombia.", "en"),
        ("Canada reaffirmed its commitment to provide US$50 million in new funding for shelters.", "en"),
        ("Canadá destinará US$ 50 millones para apoyar a los migrantes.", "es"),
        ("O Canadá anunciou que vai doar US$ 50 milhões para abrigos.", "pt"),
    ],
)
def test_money_promised_is_a_pledge_not_a_target(text, lang):
    # A target is people a policy aims at; money a government will give is what it announced.
    built = build_tables([document(text, lang=lang)])
    assert built["figures"]["status"].ne("target").all()
    total = assistance(table=built["announcements"], start_year=2024, end_year=2024)
    assert total["amount_usd"].tolist() == [50_000_000]
