"""tests for ladfin/extract/language.py: which language a text is in, and which number style it shows."""

from __future__ import annotations

import pytest

from ladfin.extract.documents import read_document
from ladfin.extract.figures import extract_document, extract_figures
from ladfin.extract.language import detect_language, paragraph_language, shown_decimal_separator

KNOWN = ["en", "es", "pt"]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # Short texts in the three languages, close cousins among them (sentences of our own).
        ("The government announced $5 million for refugees in the region.", "en"),
        ("El gobierno anunció 5 millones de dólares para los refugiados.", "es"),
        ("O governo anunciou 5 milhões de reais para os refugiados.", "pt"),
        ("Más de 300 mil migrantes cruzaron la selva este año.", "es"),
        ("Mais de 300 mil migrantes atravessaram a selva neste ano.", "pt"),
        ("Cerca de 1.200 pessoas vivem nas ruas da cidade.", "pt"),
        ("Cerca de 1.200 personas viven en las calles de la ciudad.", "es"),
        ("Refugees and migrants from Venezuela", "en"),
    ],
)
def test_a_short_text_is_told_among_the_known_languages(text, lang):
    assert detect_language(text, KNOWN) == lang


def test_a_language_with_no_vocabulary_is_told_as_itself():
    text = "Le gouvernement a annoncé cinq millions d'euros pour les réfugiés et les migrants du pays."
    assert detect_language(text, KNOWN) == "fr"


def test_a_text_too_short_to_tell_is_read_as_a_known_language():
    assert detect_language("$5", KNOWN) in KNOWN


def test_a_paragraph_keeps_the_document_language_unless_it_is_surely_another():
    assert paragraph_language("Total: 5", "en", KNOWN) == "en"  # too short to tell
    spanish = "La Unión Europea destinará 120 millones de euros en ayuda humanitaria para América Latina."
    assert paragraph_language(spanish, "en", KNOWN) == "es"


@pytest.mark.parametrize(
    ("text", "separator"),
    [
        ("51.2 millones y 107.6 millones; 1.900 millones", "."),  # 1.900 shows nothing
        ("R$ 1,5 bilhão e 630,9 milhões", ","),
        ("1.234.567 personas y 2,5 millones", ","),
        ("1,234,567 people and 2.5 million", "."),
        ("1.500 and 2,500", None),
        ("dated 4.5.2024, up 3.5 points", "."),  # a date shows nothing, 3.5 does
        ("retornaron 2,700 personas y 40,000 en total", "."),  # three zeros after a comma: it groups
        ("40,000 personas, 1,5 millones y 2,25%", ","),  # outvoted by two decimal commas
        # each separator groups thousands somewhere and none is written as a decimal: neither is one
        ("Llegaron 20,000 personas en marzo y 30.000 en abril.", ""),
        ("Unos 1.250.000 migrantes y 2,000,000 de visitas", ""),
        ("Llegaron 20,000 personas en marzo, 30.000 en abril y 2,5 millones en total.", ","),
    ],
)
def test_the_decimal_separator_a_text_shows(text, separator):
    assert shown_decimal_separator(text) == separator


def test_a_document_read_without_a_language_is_detected(tmp_path):
    path = tmp_path / "nota.txt"
    path.write_text("O governo federal destinou mais de R$ 1,5 bilhão para a Operação Acolhida.", encoding="utf-8")
    document = read_document(path)
    assert (document.lang, document.detected) == ("pt", True)
    row = extract_document(document)[0][0]
    assert (row["value"], row["unit"], row["lang"]) == (1_500_000_000, "BRL", "pt")


def test_the_catalog_language_overrides_detection(tmp_path):
    path = tmp_path / "note.txt"
    path.write_text("O governo destinou R$ 5 milhões.", encoding="utf-8")
    assert (read_document(path, lang="es").lang, read_document(path, lang="es").detected) == ("es", False)


def test_a_paragraph_in_another_language_is_read_in_its_own():
    # An English page quoting a Spanish paragraph: "1.500" there is fifteen hundred.
    text = ("The agency published its monthly update on the regional response today.\n\n"
            "Según el informe, 1.500 personas venezolanas recibieron asistencia humanitaria en la frontera "
            "durante el mes de marzo.\n")
    rows = extract_figures(text, lang=None)
    assert rows[["value", "unit", "lang"]].values.tolist() == [[1500.0, "person", "es"]]


def test_a_document_in_a_language_without_vocabulary_is_kept_and_flagged():
    text = ("Le gouvernement a annoncé une aide de 5,5 millions pour 1.200 réfugiés du pays voisin, "
            "selon le ministère des affaires étrangères.")
    rows = extract_figures(text, lang=None)
    assert set(rows["flag"]) == {"language_unsupported"}
    assert 5.5 in rows["value"].tolist()  # "5,5": the comma-decimal style the text shows
    assert "1.200" in " ".join(rows["quote"]) and 1200.0 in rows["value"].tolist()
    assert rows["note"].str.contains("has no vocabulary").all()
