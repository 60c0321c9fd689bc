"""Cleaning and structure: offsets stay raw offsets, sections get pillars."""

from __future__ import annotations

import pandas as pd

from ladfin.extract.figures import extract_figures, extract_skipped
from ladfin.extract.layout import read_layout
from ladfin.link.announcements import link_mentions
from ladfin.reference.vocabulary import vocabulary

RELEASE = """---
title: "A release"
date: 2023-06-23
---
Intro paragraph: partners met on June 23 with 900 delegates.

<span style="text-decoration: underline">Strengthening Humane
Enforcement</span>

-   Panama trained 40 border officers. (new)

<!-- -->

*   Peru opened 3 offices. (advancing existing commitments)

## Emergency Response

•  Haiti received \\$2 million.

Related Links
Press Office Contacts
"""


def test_masking_keeps_every_offset_a_raw_offset():
    layout = read_layout(RELEASE, vocabulary())
    assert len(layout.clean) == len(RELEASE)
    assert all(c == " " or c == r or (r == "\\\\") for c, r in zip(layout.clean, RELEASE) if c != r)
    assert layout.meta["title"] == "A release"


def test_sections_get_pillars_from_the_heading_vocabulary():
    figures = extract_figures(RELEASE).set_index("value")
    assert figures.loc[900, "pillar"] == 0
    assert figures.loc[40, "pillar"] == 3 and figures.loc[40, "section"] == "Strengthening Humane Enforcement"
    assert figures.loc[3, "pillar"] == 3
    assert figures.loc[2_000_000, "pillar"] == 4


def test_bullet_markers_give_status():
    figures = extract_figures(RELEASE).set_index("value")
    assert figures.loc[40, "status"] == "new"
    assert figures.loc[3, "status"] == "advancing"


def test_escaped_dollar_is_read_and_front_matter_is_skipped():
    figures = extract_figures(RELEASE)
    assert figures.set_index("value").loc[2_000_000, "quote"] == "$2 million"
    reasons = extract_skipped(RELEASE).set_index("reason")
    assert "front_matter" in reasons.index


def test_trailing_site_links_are_chrome_but_a_last_short_sentence_is_content():
    assert read_layout(RELEASE, vocabulary()).clean.rstrip().endswith("$2 million.")
    kept = "Intro.\n\nChile will resettle up to 1,000 refugees. (new)\n"
    assert extract_figures(kept)["value"].tolist() == [1000]


def test_hard_wrapped_sentence_splits_on_full_stops_not_abbreviations():
    layout = read_layout("The U.S. Government gave $5 million. Canada gave C$2 million.\n", vocabulary())
    assert len(layout.sentences) == 2


def test_a_line_too_long_to_be_hard_wrapped_is_a_paragraph_without_its_full_stop():
    lead = ("At the meeting in the capital on Monday the minister announced a new package of help for the "
            "shelters of the north worth $90 million, to be spent over the next three years on the towns and "
            "cities of the border")
    assert len(lead) > 200
    text = f"{lead}\nA note from the ministry\nOn Monday the minister announced $90 million for the shelters.\n"
    layout = read_layout(text, vocabulary())
    assert [text[b.start:b.start + 9] for b in layout.blocks] == ["At the me", "A note fr"]
    wrapped = "The minister announced a new package of help for the shelters of the\nnorth worth $90 million.\n"
    assert len(read_layout(wrapped, vocabulary()).blocks) == 1  # a hard-wrapped paragraph stays one


def test_a_title_or_short_paragraph_right_above_a_paragraph_written_on_one_line_is_a_block_of_its_own():
    body = ("In recent weeks the floods in the north have forced thousands of families from their homes, and "
            "the shelters of the region report that 4,000 people are sleeping in the schools and churches of the "
            "towns tonight.")
    assert len(body) > 200
    text = f"Canada Will Send New Help to Flooded Towns in the North\n{body}\n"
    layout = read_layout(text, vocabulary())
    assert [text[b.start:b.start + 9] for b in layout.blocks] == ["Canada Wi", "In recent"]
    assert extract_figures(text).set_index("quote").at["4,000 people", "actor"] is pd.NA
    # so is a short paragraph ending a sentence right above one
    text = f"Canada sent help.\n{body}\n"
    assert [text[b.start:b.start + 9] for b in read_layout(text, vocabulary()).blocks] == ["Canada se", "In recent"]
    # so is a headline in sentence case with no full stop, in any language
    text = f"Canada sends new help to the flooded towns of the north\n{body}\n"
    assert [text[b.start:b.start + 9] for b in read_layout(text, vocabulary()).blocks] == ["Canada se", "In recent"]
    assert extract_figures(text).set_index("quote").at["4,000 people", "actor"] is pd.NA
    cuerpo = ("Según datos oficiales, más de 9.000 niños cruzaron la frontera en los primeros tres meses del año, "
              "la mayoría acompañados por sus familias y muchos de ellos después de semanas de viaje por la región "
              "centroamericana.")
    texto = f"Unicef alerta por los niños que cruzan la frontera sur\n{cuerpo}\n"
    layout = read_layout(texto, vocabulary("es"))
    assert [texto[b.start:b.start + 9] for b in layout.blocks] == ["Unicef al", "Según dat"]
    assert extract_figures(texto, lang="es").set_index("quote").at["9.000 niños", "actor"] is pd.NA
    # a line ending in a comma or colon runs on into the paragraph under it
    text = f"Canada sends new help to the towns of the north,\n{body}\n"
    assert len(read_layout(text, vocabulary()).blocks) == 1
    # the last of a run of short lines is no block of its own
    text = f"Canada and\nthe United\nNations sent help.\n{body}\n"
    assert [text[b.start:b.start + 9] for b in read_layout(text, vocabulary()).blocks] == ["Canada an"]
    # a hard-wrapped paragraph whose first line is title case stays one block
    wrapped = ("On May 7, 2024, Guatemala Hosted the Third Los Angeles Declaration\n"
               "Ministerial, where partners announced $20 million for the shelters.\n")
    assert len(read_layout(wrapped, vocabulary()).blocks) == 1


def test_a_headline_in_sentence_case_above_a_paragraph_written_on_one_line_is_a_block_of_its_own():
    body = ("In recent weeks the floods in the north have forced thousands of families from their homes, and "
            "the shelters of the region report that the national agency has already helped 4,000 people in the "
            "schools and churches of the towns")
    assert len(body) > 200
    text = f"Some 30,000 people still live in the flooded towns\n{body}\n"
    layout = read_layout(text, vocabulary())
    assert [text[b.start:b.start + 9] for b in layout.blocks] == ["Some 30,0", "In recent"]
    # a line ending in a comma is still the first line of the paragraph under it
    text = f"Some 30,000 people still live in the flooded towns,\n{body}\n"
    assert len(read_layout(text, vocabulary()).blocks) == 1


def test_a_title_shown_twice_is_two_blocks_and_its_figure_one_announcement():
    body = ("The agencies said on Monday that the plan for the coming year asks donors for the money to reach "
            "the families who crossed the border this spring, and that the shelters need it before the rains.")
    title = "Agencies ask for $42 million for the shelters of the border towns"
    text = f"{title}\n{title}\n{body}\n"
    layout = read_layout(text, vocabulary())
    assert [text[b.start:b.start + 9] for b in layout.blocks] == ["Agencies ", "Agencies ", "The agenc"]
    assert len(layout.sentences) == 3
    figures = extract_figures(text)
    assert figures["quote"].tolist() == ["$42 million", "$42 million"]
    linked = link_mentions(figures.assign(doc="t.txt", event_id="e1"),
                           pd.DataFrame({"doc": ["t.txt"], "document_kind": ["primary"], "published": [None]}))
    assert linked["announcement"].nunique() == 1  # two paragraphs giving one figure
    # two different lines stay one wrapped block
    text = f"{title}\nand the camps\n"
    assert len(read_layout(text, vocabulary()).blocks) == 1


def test_a_comment_counter_line_is_site_chrome():
    text = "El fondo entregó 3 millones de dólares a las ciudades.\n0 comentarios\n"
    assert extract_figures(text, lang="es")["value"].tolist() == [3_000_000]
    assert extract_skipped(text, lang="es")["reason"].tolist() == ["boilerplate"]
    # a Portuguese comment box: its counter with "(S)" and its length limit
    text = "O fundo entregou R$ 3 milhões às cidades.\n0 COMENTÁRIO(S)\nMáximo de 700 caracteres [0]\n"
    assert extract_figures(text, lang="pt")["value"].tolist() == [3_000_000]
    assert extract_skipped(text, lang="pt")["text"].tolist() == ["0 COMENTÁRIO(S)", "Máximo de 700 caracteres [0]"]


def test_a_share_button_and_a_gov_site_banner_are_site_chrome():
    body = ("The ministry said on Friday that the shelters of the northern towns took in 2,500 people over the "
            "weekend, most of them families with young children who had walked for days through the rain.")
    text = f"Secure .gov websites use HTTPS\nShare\n{body}\n"
    layout = read_layout(text, vocabulary())
    assert [text[b.start:b.start + 9] for b in layout.blocks] == ["The minis"]
    assert layout.sections == ()


def test_under_a_one_line_paragraph_a_short_sentence_and_the_heading_after_it_are_blocks_of_their_own():
    # a text of one-line paragraphs is not hard-wrapped: a short line ending a sentence under one is a
    # paragraph, and the heading after it starts another, so the paragraph under the heading is its own
    first = ("Las lluvias de la última semana dejaron sin techo a miles de familias de la costa norte, y las "
             "escuelas de la zona reciben desde el lunes a quienes perdieron sus casas, dijo la organización en "
             "un comunicado publicado en su sitio.")
    last = ("La situación empeora en los barrios altos, advirtió la agencia, que prevé que 6.000 personas "
            "necesiten un albergue antes de fin de mes y que muchas de ellas lleguen sin documentos ni ropa de "
            "abrigo a los centros habilitados.")
    assert len(first) > 200 and len(last) > 200
    text = f"{first}\nEl reparto de agua sigue, apuntó el ACNUR.\nSituación en la costa\n{last}\n"
    layout = read_layout(text, vocabulary("es"))
    assert [text[b.start:b.start + 9] for b in layout.blocks] == ["Las lluvi", "El repart", "Situación", "La situac"]
    # "la agencia" finds no agency in its own paragraph: nobody
    assert extract_figures(text, lang="es").set_index("quote").at["6.000 personas", "actor"] is pd.NA
    # a hard-wrapped paragraph whose short line ends a sentence stays one block
    wrapped = ("El ministro anunció un nuevo paquete de ayuda.\nLos albergues del norte recibirán 9 millones de "
               "pesos.\n")
    assert len(read_layout(wrapped, vocabulary("es")).blocks) == 1
