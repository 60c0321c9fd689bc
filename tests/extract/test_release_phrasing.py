"""Sentences in the phrasing of the region's releases, in English, Spanish and Portuguese.

Each sentence is our own, written in the way ministries, agencies and the press
word figures; the expected figures (value, kind, unit, qualifier) are worked
out by hand. Numbers that are no figure (dates, laws, pages, ages, phone
numbers, clock times, ratios) must give none.
"""

from __future__ import annotations

import pytest

from ladfin.extract.figures import extract_figures, extract_skipped

P = "people", "person"


def _figures(text: str, lang: str) -> list[tuple]:
    rows = extract_figures(text, lang=lang)
    return [(r.value, r.kind, r.unit, r.qualifier) for r in rows.itertuples()]


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("Canada will resettle up to 4,000 refugees from the Americas by 2028.",
         [(4000, *P, "under")]),
        ("The plan seeks US$1.59 billion to support 2.9 million people in 17 countries.",
         [(1.59e9, "money", "USD", "exact"), (2.9e6, *P, "exact"), (17, "count", "country", "exact")]),
        ("Around 500,000 people crossed the Darien jungle last year, including 113,000 children.",
         [(500_000, *P, "approx"), (113_000, *P, "exact")]),
        ("Some 3,200 arrivals were recorded in the first week of May, and 1,300 personnel were deployed.",
         [(3200, "count", "arrival", "approx"), (1300, *P, "exact")]),
        ("The grant of CAD$26.9 million over five years will help 40,000 displaced persons.",
         [(26.9e6, "money", "CAD", "exact"), (40_000, *P, "exact")]),
        # A lone word after a number other than one that is no plural is a verb: the number
        # takes the unit of the figure it is compared with.
        ("Of the 7.7 million Venezuelans abroad, 6.5 million live in Latin America.",
         [(7.7e6, *P, "exact"), (6.5e6, *P, "exact")]),
        ("The fact reflects two phenomena.", [(2, "count", "phenomenon", "exact")]),
        # An adverb after the number is passed over; a participle for persons names them.
        ("More than 2.5 million are already regularized.", [(2.5e6, *P, "over")]),
        ("Around 1,200 were detained and 300 rescued.", [(1200, *P, "approx"), (300, *P, "exact")]),
        # A singular word for a population gives the unit of a noun-less number after it.
        ("The Venezuelan population in Colombia stood at 2.8 million in 2023.", [(2.8e6, *P, "exact")]),
        # Words in compounds, and a scale written with a hyphen.
        ("Three thousand five hundred people were registered.", [(3500, *P, "exact")]),
        ("A $20-million contribution was announced.", [(20e6, "money", "USD", "exact")]),
        ("Spain will contribute EUR 12 million, and the United Kingdom £5 million.",
         [(12e6, "money", "EUR", "exact"), (5e6, "money", "GBP", "exact")]),
        ("The agency deployed 1,500 staff, 300 police and 250 health workers.",
         [(1500, *P, "exact"), (300, *P, "exact"), (250, *P, "exact")]),
        ("Just over 8,000 newly arrived migrants sleep in the streets.", [(8000, *P, "over")]),
        # Adjectives for persons stand for them, and run on into a word for persons after them.
        ("The conflict left 22 million displaced, 900 homeless and 300 elderly.",
         [(22e6, *P, "exact"), (900, *P, "exact"), (300, *P, "exact")]),
        # Groups of persons are counts of the group (founding gold README); prisoners and
        # lawmakers are persons.
        ("The agency fed 3,400 households and 700 families in the valley.",
         [(3400, "count", "household", "exact"), (700, "count", "family", "exact")]),
        ("Some 60 lawmakers protested the jailing of 150 prisoners and 12 senators.",
         [(60, *P, "approx"), (150, *P, "exact"), (12, *P, "exact")]),
        # A past tense with no -ed and an adverb with no -ly end the counted noun phrase.
        ("The last of 31 buses came Monday.", [(31, "count", "bus", "exact")]),
        ("Officers counted 2.4 million arrests nationwide last year.", [(2.4e6, "count", "arrest", "exact")]),
        ("Queues formed at nine POEs along the line.", [(9, "count", "poe", "exact")]),
        # A compound opening with a preposition qualifies the noun after it; after the noun it ends it.
        ("Some 4,000 on-the-move migrants got vouchers.", [(4000, *P, "approx")]),
        ("The agency gave 300 in-kind donations.", [(300, "count", "donation", "exact")]),
        # "of the total number of" points to the noun counted.
        ("UNICEF said 700 of the total number of children were alone.", [(700, *P, "exact")]),
        # A superlative right after the number qualifies the noun after it.
        ("Haiti is among the six most severe hunger crises.", [(6, "count", "crisis", "exact")]),
        ("The 20 least developed countries signed.", [(20, "count", "country", "exact")]),
    ],
)
def test_english_release_phrasing(text, figures):
    assert _figures(text, "en") == figures


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("El Gobierno de Colombia destinará 1,5 billones de pesos colombianos a la población migrante.",
         [(1.5e12, "money", "COP", "exact")]),
        ("Estados Unidos anunció una contribución de US$ 376 millones en asistencia humanitaria.",
         [(376e6, "money", "USD", "exact")]),
        ("La ONU requiere 1,5 mil millones de dólares estadounidenses y Colombia aportará COP 50.000 millones.",
         [(1.5e9, "money", "USD", "exact"), (50e9, "money", "COP", "exact")]),
        ("Más de 7,7 millones de venezolanos han salido de su país, de los cuales 2,8 millones viven en Colombia.",
         [(7.7e6, *P, "over"), (2.8e6, *P, "exact")]),
        ("Alrededor de 12 mil familias recibirán bonos de S/ 350 cada una.",
         [(12_000, *P, "approx"), (350, "money", "PEN", "exact")]),
        ("Unos 1.300 efectivos policiales y 200 agentes migratorios participaron en el operativo.",
         [(1300, *P, "approx"), (200, *P, "exact")]),
        ("La ACNUR atendió a 250.000 desplazados internos y 80.000 apátridas.",
         [(250_000, *P, "exact"), (80_000, *P, "exact")]),
        ("La Defensoría registró 1.200 detenidos, 300 rescatados y 45 fallecidos.",
         [(1200, *P, "exact"), (300, *P, "exact"), (45, *P, "exact")]),
        # A sentence-opening article is no name: the noun after it gives the unit.
        ("Las deportaciones sumaron 50.000 en 2024, frente a 40.000 en 2023.",
         [(50_000, "count", "deportación", "exact"), (40_000, "count", "deportación", "exact")]),
        # A verb of change before "de" opens a change, two figures; "de 500 a 700" alone is a range.
        ("Las solicitudes aumentaron de 118.000 a 150.000.",
         [(118_000, "count", "solicitud", "exact"), (150_000, "count", "solicitud", "exact")]),
        ("El programa atenderá de 500 a 700 personas diarias.", [(500, *P, "exact")]),
        ("La población venezolana en Colombia es de 2,8 millones, según Migración Colombia.",
         [(2.8e6, *P, "exact")]),
        ("Más de 2,5 millones ya fueron regularizados.", [(2.5e6, *P, "over")]),
        ("Treinta y cinco migrantes fueron rescatados y ciento veinte familias reubicadas.",
         [(35, *P, "exact"), (120, *P, "exact")]),
        ("Tres mil quinientas personas fueron trasladadas.", [(3500, *P, "exact")]),
        ("Costa Rica recibió ¢300 millones del fondo.", [(300e6, "money", "CRC", "exact")]),
        ("Llegaron 10.000 bolivianos a la frontera.", [(10_000, *P, "exact")]),
        ("Más del 60% de los migrantes y casi un 50% de los niños no tienen documentos.",
         [(60, "percent", "percent", "over"), (50, "percent", "percent", "under")]),
        ("Un estimado de 300 mil personas están en tránsito.", [(300_000, *P, "approx")]),
        ("El fondo apoyó a 500 pequeños productores y 30 presuntos traficantes fueron detenidos.",
         [(500, *P, "exact"), (30, *P, "exact")]),
        # Mexican press: mdd and mdp are a scale and a currency in one word.
        ("El Gobierno de México destinó 500 mdd y 1.200 mdp al programa.",
         [(500e6, "money", "USD", "exact"), (1.2e9, "money", "MXN", "exact")]),
        # After a copula, an article may stand between the number and its noun.
        ("Fueron 1.200 las personas atendidas y son más de 500 los migrantes varados.",
         [(1200, *P, "exact"), (500, *P, "over")]),
    ],
)
def test_spanish_release_phrasing(text, figures):
    assert _figures(text, "es") == figures


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("O governo federal anunciou R$ 1,5 bilhão para a Operação Acolhida.",
         [(1.5e9, "money", "BRL", "exact")]),
        ("O orçamento chega a R$ 2,3 bilhões de reais, ou 450 milhões de dólares americanos.",
         [(2.3e9, "money", "BRL", "exact"), (450e6, "money", "USD", "exact")]),
        ("Mais de 100 mil venezuelanos foram interiorizados para 900 municípios.",
         [(100_000, *P, "over"), (900, "count", "município", "exact")]),
        ("O Acnur estima que 7,7 milhões de pessoas deixaram a Venezuela, das quais 510 mil vivem no Brasil.",
         [(7.7e6, *P, "exact"), (510_000, *P, "exact")]),
        ("Foram contratados 1.300 servidores e 200 voluntários para o atendimento.",
         [(1300, *P, "exact"), (200, *P, "exact")]),
        ("O número de venezuelanos inscritos saltou de 54 mil para 131 mil em um ano.",
         [(54_000, *P, "exact"), (131_000, *P, "exact")]),
        ("O número de abrigados caiu de 9 mil a 7 mil em março.", [(9000, *P, "exact"), (7000, *P, "exact")]),
        ("A população venezuelana no Brasil chegou a 510 mil, segundo a Polícia Federal.",
         [(510_000, *P, "exact")]),
        ("Até março, 700 foram interiorizados e 300 resgatados.", [(700, *P, "exact"), (300, *P, "exact")]),
        ("Vinte e cinco países e cento e vinte famílias; dois mil e quinhentos migrantes.",
         [(25, "count", "país", "exact"), (120, "count", "família", "exact"), (2500, *P, "exact")]),
        ("Quase 12 mil famílias receberam R$ 500 mil por dia.",
         [(12_000, "count", "família", "under"), (500_000, "money", "BRL", "exact")]),  # families: counts
    ],
)
def test_portuguese_release_phrasing(text, figures):
    assert _figures(text, "pt") == figures


@pytest.mark.parametrize(
    ("text", "lang", "reasons"),
    [
        ("Call 1-800-555-0199 or (95) 3621-1234.", "pt", ["phone", "phone"]),
        ("Llame al 01 800 123 4567.", "es", ["phone"]),
        ("The 120-page report has 45 pages.", "en", ["label", "label"]),
        ("El informe de 45 páginas.", "es", ["label"]),
        ("7 out of 10 migrants.", "en", ["ratio", "ratio"]),
        ("7 de cada 10 migrantes.", "es", ["ratio", "ratio"]),
        ("7 em cada 10 migrantes.", "pt", ["ratio", "ratio"]),
        ("Una mujer de 34 años de edad.", "es", ["age"]),
        ("Um homem de 34 anos de idade.", "pt", ["age"]),
        ("A las 10 de la mañana.", "es", ["time"]),
        ("Às 10 da manhã.", "pt", ["time"]),
        ("Según la Ley 21.325, 500 personas.", "es", ["label"]),
        ("A Lei 13.445 e a Portaria 1.234.", "pt", ["label", "label"]),
        ("Under Law 1234 and Decree 216.", "en", ["label", "label"]),
        ("The first half of 2024.", "en", ["date", "year"]),
        ("Na primeira metade do ano, 500 chegaram.", "pt", ["date", "no_unit"]),
        # a date in another language the text reads: the English line atop a Portuguese release
        ("10 February 2022. O plano pede 500 vagas.", "pt", ["date"]),
        ("Es el 1.º de mayo y la 4.ª edición.", "es", ["date", "ordinal"]),
        # A year after "até", "to", "a" ends no range: it says until when.
        ("O programa vai atender 500 até 2026.", "pt", ["no_unit", "year"]),
    ],
)
def test_numbers_that_are_no_figure(text, lang, reasons):
    assert extract_skipped(text, lang=lang)["reason"].tolist() == reasons
    assert all(r.value == 500 for r in extract_figures(text, lang=lang).itertuples())


@pytest.mark.parametrize(
    ("text", "lang", "value", "high", "unit"),
    [
        ("Entre dos y tres millones de personas necesitan ayuda.", "es", 2e6, 3e6, "person"),
        ("Between two and three million people need aid.", "en", 2e6, 3e6, "person"),
        ("Se atenderán de cinco a diez mil familias.", "es", 5000, 10_000, "person"),
        ("Entre 5 y 10 millones de dólares estadounidenses irán al fondo.", "es", 5e6, 10e6, "USD"),
    ],
)
def test_a_range_written_in_words_shares_its_scale(text, lang, value, high, unit):
    row = extract_figures(text, lang=lang).iloc[0]
    assert (row["value"], row["value_high"], row["unit"]) == (value, high, unit)


@pytest.mark.parametrize(
    ("text", "lang", "figures"),
    [
        # A space groups thousands (RAE style, UN tables); a date or year before a number stays apart.
        ("Se registraron 1 500 personas y 12 000 migrantes.", "es", [(1500, *P, "exact"), (12_000, *P, "exact")]),
        ("A total of 1 297 760 people were targeted.", "en", [(1_297_760, *P, "exact")]),
        ("En 2023 200 personas llegaron; el 5 de marzo, 300 familias.", "es",
         [(200, *P, "exact"), (300, *P, "exact")]),
        ("Un aporte de S/ 3 000 000.", "es", [(3e6, "money", "PEN", "exact")]),
        # A currency sign may follow the amount.
        ("Se destinarán 120 millones € y 5.000€.", "es",
         [(120e6, "money", "EUR", "exact"), (5000, "money", "EUR", "exact")]),
        # What a governing "desses", "de ese total" points to is counted.
        ("Vivem no Brasil 510 mil venezuelanos; desses, 100 mil estão em Roraima.", "pt",
         [(510_000, *P, "exact"), (100_000, *P, "exact")]),
    ],
)
def test_number_and_currency_forms(text, lang, figures):
    assert _figures(text, lang) == figures


def test_of_that_total_names_where_the_unit_comes_from():
    rows = extract_figures("Panamá registró 300 mil cruces; de ese total, 60 mil fueron de noche.", lang="es")
    assert rows[["value", "unit", "unit_source"]].values.tolist() == [
        [300_000, "cruce", "text"], [60_000, "cruce", "of_them"]]


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        # a Spanish month abbreviated in a dateline is a date, no count
        ("LIMA 14 Dic. (AGENCIA) - El fondo pidió 7 millones de dólares.", [(7e6, "money", "USD", "exact")]),
        # bodies recovered are persons
        ("Los rescatistas recuperaron 27 cuerpos en la selva.", [(27, *P, "exact")]),
        # "calcula que" hedges as "se estima que" does
        ("La agencia calcula que 65.000 personas cruzarán este año.", [(65_000, *P, "approx")]),
        # fractions written with "parte"
        ("Una cuarta parte de los hogares recibe ayuda.", [(25, "percent", "percent", "exact")]),
        ("La quinta parte de los migrantes son niños.", [(20, "percent", "percent", "exact")]),
    ],
)
def test_spanish_datelines_bodies_hedges_and_fractions(text, figures):
    assert _figures(text, "es") == figures


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("No ano, 900 mil migrantes foram contados nas fronteiras, sendo 610.300 apenas na fronteira sul.",
         "610.300"),
        ("Chegaram 5.000 haitianos, 1.200 somente em maio.", "1.200"),
    ],
)
def test_portuguese_only_after_a_number_is_no_noun(text, quote):
    # "apenas", "somente" (only) are adverbs: the number counts the persons named before it
    found = extract_figures(text, lang="pt").set_index("quote")
    assert (found.at[quote, "kind"], found.at[quote, "unit"]) == ("people", "person")


@pytest.mark.parametrize(
    ("text", "quote", "lang"),
    [
        ("Nos dois últimos anos chegaram à fronteira, nessa ordem, 120 mil e 45 mil haitianos.", "120 mil",
         "pt"),
        ("In 2022 and 2023, without papers, 41,000 and 27,500 Cubans arrived.", "41,000", "en"),
        ("En 2021 llegaron sin visado 9.000 y 12.000 haitianos.", "9.000", "es"),
    ],
)
def test_a_number_joined_by_and_to_the_next_takes_its_noun(text, quote, lang):
    # the noun after the second number is what both count, not a noun earlier in the sentence
    found = extract_figures(text, lang=lang).set_index("quote")
    assert (found.at[quote, "kind"], found.at[quote, "unit"]) == ("people", "person")


@pytest.mark.parametrize(
    ("text", "quote", "lang", "qualifier"),
    [
        # a fraction that is the subject of a verb is a share of the persons named before it
        ("Do total, 21% são crianças, dos quais a metade tem cinco anos ou menos.", "a metade", "pt", "exact"),
        ("Foram ouvidos 300 migrantes e cerca de metade disseram que querem voltar.", "metade", "pt", "approx"),
        ("De los 300 entrevistados, la mitad son mujeres.", "la mitad", "es", "exact"),
        ("Of the 400 arrivals, half are women.", "half", "en", "exact"),
    ],
)
def test_a_fraction_before_a_verb_is_a_share(text, quote, lang, qualifier):
    found = extract_figures(text, lang=lang).set_index("quote")
    assert (found.at[quote, "kind"], found.at[quote, "value"], found.at[quote, "qualifier"]) == (
        "percent", 50.0, qualifier)
