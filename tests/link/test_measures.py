"""Tests for ladfin/link/measures.py: what a figure measures, on sentences written for them."""

from __future__ import annotations

import csv
from typing import get_args

import pytest

from fixture_docs import document
from ladfin import paths
from ladfin.core.vocab import Measure
from ladfin.extract.figures import extract_figures
from ladfin.link.classify import add_flow, add_status
from ladfin.link.measures import add_measure, is_context, outcome_measures
from ladfin.tables import build_tables


def measure_of(text: str, quote: str, lang: str = "en") -> str:
    rows = extract_figures(text, lang=lang).pipe(add_flow, lang=lang).pipe(add_status, lang=lang)
    found = add_measure(rows, lang=lang).set_index("quote")
    return found.at[quote, "measure"]


@pytest.mark.parametrize(
    ("text", "quote", "measure"),
    [
        # people: the verb or noun of the sentence says what the number counts
        ("In 2023 Chile resettled 1,234 refugees.", "1,234 refugees", "resettled"),
        ("Some 4,100 migrants have been approved to travel under the parole process.", "4,100 migrants",
         "approved"),
        ("Peru granted legal status to 61,000 Venezuelans.", "61,000 Venezuelans", "regularised"),
        ("More than 9,000 people have registered for the new permit.", "9,000 people", "processed"),
        ("The programme placed 700 workers with employers abroad.", "700 workers", "employed"),
        ("The centre assisted 3,400 migrants in its first month.", "3,400 migrants", "served"),
        ("The country hosts an estimated 2.1 million Venezuelans.", "2.1 million Venezuelans", "in_need"),
        ("At least 40 migrants died crossing the jungle.", "40 migrants", "died"),
        ("Police arrested 12 individuals linked to the network.", "12 individuals", "enforcement"),
        ("The new shelter has beds for 350 people.", "350 people", "capacity"),
        ("The meeting brought together 30 leaders.", "30 leaders", "participants"),
        ("The list names 880 petitioners from Cuba.", "880 petitioners", "processed"),
        # hunger and malnutrition are needs: the people are counted as a context
        ("About 900,000 children are acutely malnourished.", "900,000 children", "in_need"),
        ("Some 40,000 families face famine; 1.3 million people face acute hunger.", "1.3 million people",
         "in_need"),
        # arriving at a border is crossing it, not arriving through a pathway
        ("Each week 4,500 migrants arrive at the southern border.", "4,500 migrants", "in_need"),
        ("Last year 3,000 refugees arrived in Canada.", "3,000 refugees", "resettled"),
        # people who approached an office came forward to apply
        ("In May, 2,700 migrants approached the refugee office in Tapachula.", "2,700 migrants", "processed"),
        # a goal of repatriating people is enforcement, as repatriated people are
        ("The plan aims at repatriating up to 2,000 Hondurans a month.", "2,000 Hondurans", "enforcement"),
        ("The report mentions 5,000 persons.", "5,000 persons", "unknown"),
        # people a survey asked are its participants; an admissions target counts places
        ("A survey held last year among 1,500 refugees found most had work.", "1,500 refugees", "participants"),
        ("The country resettled 48,000 refugees, 80 percent of its ceiling of 60,000 refugees.", "60,000 refugees",
         "capacity"),
        # an outcome of the sentence wins over who the people are
        ("Brazil will grant residence to 8,000 non-citizens living in Roraima.", "8,000 non-citizens",
         "regularised"),
        # people a place houses are its population, whatever the money does for the place
        ("The grant supports towns housing 90,000 refugees.", "90,000 refugees", "in_need"),
        ("The agency provided housing to 1,200 migrants.", "1,200 migrants", "served"),
        # people who could cross, have left their country or suffer harm are a context
        ("The agency expects that 90,000 people could cross the river this year.", "90,000 people", "in_need"),
        ("Some 3 million Nicaraguans have left since the crisis.", "3 million Nicaraguans", "in_need"),
        ("Each week 40 children suffer abuse on the route.", "40 children", "in_need"),
        # staying or working legally is a status granted; jailing people is enforcement
        ("The decree lets 9,000 migrants stay and work legally for a year.", "9,000 migrants", "regularised"),
        ("The regime is jailing more than 300 students.", "300 students", "enforcement"),
        # places a programme opens; people who booked an appointment came forward to apply
        ("Up to 12,000 refugees can be admitted under the scheme.", "12,000 refugees", "capacity"),
        ("Some 6,500 migrants booked an appointment online in March.", "6,500 migrants", "processed"),
        # a level a number could reach is no programme reaching people
        ("Officials warn that the flow could reach 400,000 people this year.", "400,000 people", "unknown"),
        ("The programme reached 5,000 people.", "5,000 people", "served"),
        # the longest noun that ends the phrase says what is counted
        ("The state counts 9,000 TPS beneficiaries.", "9,000 TPS beneficiaries", "regularised"),
        ("The state counts 9,000 beneficiaries.", "9,000 beneficiaries", "served"),
        # money: what kind of money it is
        ("Norway announced $12 million in new humanitarian assistance.", "$12 million", "new_funding"),
        ("The agency obligated $45 million under earlier pledges.", "$45 million", "existing_funding"),
        # funding an agency has secured is money received, reported again
        ("The agency said funding secured this year ($61 million) fell short.", "$61 million", "existing_funding"),
        # money a new pledge builds on was announced before: reported again
        ("The grant builds on the $14 million the ministry gave in March.", "$14 million", "existing_funding"),
        # money an agency expects from its donors is income, though the sentence goes on to its needs
        ("WFP expects $40 million this year while its needs reach $95 million.", "$40 million", "existing_funding"),
        ("The bank approved a $30 million loan to the cooperative.", "$30 million", "loan"),
        ("The regional plan requires $900 million this year.", "$900 million", "appeal"),
        ("Authorities offered a reward of $10,000 for the capture.", "$10,000", "reward"),
        ("The figure of $7 million was cited.", "$7 million", "unknown"),
        # what each person receives is a rate; transfers made are money already paid out
        ("Spain announced $5 million in new aid. The agency pays $80 to each beneficiary.", "$80", "unknown"),
        ("In April, $3.2 million in cash transfers made reached the north.", "$3.2 million", "existing_funding"),
        ("The $8 million fund for the shelters has financed 300 beds.", "$8 million", "existing_funding"),
    ],
)
def test_measure_from_the_words_of_the_sentence(text, quote, measure):
    assert measure_of(text, quote) == measure


@pytest.mark.parametrize(
    ("text", "quote", "measure"),
    [
        ("El gobierno regularizó a 45.000 migrantes.", "45.000 migrantes", "regularised"),
        ("Colombia reasentó a 1.200 refugiados.", "1.200 refugiados", "resettled"),
        ("La OIM atendió a 3.000 personas en tránsito.", "3.000 personas", "served"),
        ("El plan requiere 1.400 millones de dólares.", "1.400 millones de dólares", "appeal"),
    ],
)
def test_spanish_measures_are_rows_of_the_same_tables(text, quote, measure):
    assert measure_of(text, quote, lang="es") == measure


def test_a_strong_cue_of_the_paragraph_tells_what_a_vague_benefit_is():
    text = ("Chile announced a plan for the regularization of irregular migrants. "
            "The government estimates these actions will benefit up to 70,000 individuals.")
    figures = build_tables([document(text)])["figures"].set_index("quote")
    assert figures.at["70,000 individuals", "measure"] == "regularised"


def test_a_strong_cue_too_far_before_a_figure_of_its_sentence_tells_what_a_vague_benefit_is():
    text = ("Brazil's programme of voluntarily relocating refugees from the border state to other cities in the "
            "south and the east of the country has benefited 20,000 people since 2018.")
    assert measure_of(text, "20,000 people") == "resettled"


def test_figures_listed_in_one_sentence_count_what_the_sentence_says_before_the_paragraph_does():
    text = ("UNHCR assisted families in the south. "
            "Of the migrants in transit, 5,100 are Venezuelans, 2,300 come from Haiti and 800 from Cuba.")
    figures = build_tables([document(text)])["figures"].set_index("quote")
    assert figures.loc[["5,100 are Venezuelans", "2,300", "800"], "measure"].tolist() == ["in_need"] * 3


def test_a_part_takes_the_verb_of_its_whole_and_the_whole_is_the_population():
    text = "By May more than 1,200 of the estimated 3,400 migrants who arrived had registered."
    figures = build_tables([document(text)])["figures"].set_index("start")
    part, whole = figures.sort_index().itertuples()
    assert (part.measure, part.role) == ("processed", "component")
    assert (whole.measure, whole.role) == ("in_need", "total")


def test_a_target_restated_at_a_later_meeting_is_one_announcement():
    may = document("Peru announced a plan that could benefit an estimated 90,000 migrants through "
                   "regularization.", "may.txt", event_id="m-05", event_date="2024-05-07")
    sep = document("Peru signed a regularization plan that could benefit an estimated 90,000 migrants.",
                   "sep.txt", event_id="m-09", event_date="2024-09-25")
    built = build_tables([may, sep])
    (row,) = built["announcements"][built["announcements"]["kind"] == "people"].itertuples()
    assert (row.mentions, row.event_id, row.measure, row.status) == (2, "m-05", "regularised", "target")


def test_new_money_at_two_meetings_stays_two_announcements():
    may = document("Peru announced $5 million in new assistance.", "may.txt", event_id="m-05",
                   event_date="2024-05-07")
    sep = document("Peru announced $5 million in new assistance.", "sep.txt", event_id="m-09",
                   event_date="2024-09-25")
    assert len(build_tables([may, sep])["announcements"]) == 2


def test_the_measure_table_and_the_vocabulary_agree():
    with (paths.reference_dir() / "measures.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["measure"] for r in rows] == list(get_args(Measure))
    assert {r["nature"] for r in rows} <= {"outcome", "context", "other", "unknown"}
    assert is_context("in_need") and not is_context("resettled")
    assert "in_need" not in outcome_measures("people") and "new_funding" in outcome_measures("money")


def test_counts_and_percentages_carry_no_measure():
    rows = add_measure(extract_figures("Chile opened 3 offices; 40% of applicants were approved."))
    assert rows["measure"].isna().all()


@pytest.mark.parametrize(
    ("text", "quote", "lang", "measure"),
    [
        # money reported again: earlier commitments, budgets, running totals since a year
        ("Peru will add $4 million to its previous commitment of $3 million.", "$3 million", "en",
         "existing_funding"),
        ("The agency's budget rose from $20 million to $35 million.", "$20 million", "en", "existing_funding"),
        ("Since 2019, more than $900 million has been sent to the region.", "$900 million", "en",
         "existing_funding"),
        ("El presupuesto del instituto fue aumentado de 800 millones de pesos.", "800 millones de pesos", "es",
         "existing_funding"),
        ("O apoio chegou a US$ 1,1 bilhão desde 2016.", "US$ 1,1 bilhão", "pt", "existing_funding"),
        # new money allocated, injected, or put to a purpose; money a receiver gets
        ("The Commission has allocated €70 million this year.", "€70 million", "en", "new_funding"),
        ("Honduras: €6 million will support shelters for families.", "€6 million", "en", "new_funding"),
        ("Guatemala will receive €3 million.", "€3 million", "en", "new_funding"),
        ("El Congreso aprobó la asignación de 5 millones de dólares.", "5 millones de dólares", "es",
         "new_funding"),
        ("La oficina recibirá 2 millones de dólares.", "2 millones de dólares", "es", "new_funding"),
        ("O ministério alocou R$ 40 milhões para abrigos.", "R$ 40 milhões", "pt", "new_funding"),
        # money asked for
        ("The agency is asking for $25 million to keep its shelters open.", "$25 million", "en", "appeal"),
        ("Partners will need $800 million next year.", "$800 million", "en", "appeal"),
        ("La agencia pide 30 millones de dólares.", "30 millones de dólares", "es", "appeal"),
        ("As agências precisarão de US$ 60 milhões.", "US$ 60 milhões", "pt", "appeal"),
        # a cost, a wage, a bribe is none of the measures: unknown, even beside announced money
        ("Canada announced $5 million.\n\nThe cost of a meal is $12 per person.", "$12", "en", "unknown"),
        ("El costo diario es de 900 pesos por migrante.", "900 pesos", "es", "unknown"),
        ("O custo da operação é de R$ 9 milhões por mês.", "R$ 9 milhões", "pt", "unknown"),
        # people: served by a programme, targeted by a plan, receiving assistance
        ("The programmes assist 40,000 people in the border towns.", "40,000 people", "en", "served"),
        ("The plan will reach out through integration programmes for more than 900,000 refugees.",
         "900,000 refugees", "en", "served"),
        ("Mais de 3.000 venezuelanos recebendo assistência diária nos abrigos.", "3.000 venezuelanos", "pt",
         "served"),
        ("Los programas de integración para 50.000 personas continúan.", "50.000 personas", "es", "served"),
        # host communities are not hosted people; a host community after the figure says nothing
        ("The funds support 70,000 refugees and their host communities.", "70,000 refugees", "en", "served"),
        ("El plan apoya a 60.000 personas refugiadas y a sus comunidades de acogida.",
         "60.000 personas", "es", "served"),
        # who the people are: forced to leave, living outside, in the region
        ("Some 30,000 people were forced to leave their homes.", "30,000 people", "en", "in_need"),
        ("About 2 million Venezuelans in the region still lack documents.", "2 million Venezuelans", "en",
         "in_need"),
        ("Hay 400.000 personas obligadas a abandonar sus hogares.", "400.000 personas", "es", "in_need"),
        # granted refugee status, as the counted noun says
        ("The country counts 5,300 recognized refugees.", "5,300 recognized refugees", "en", "regularised"),
        ("El país tiene 2.100 refugiados reconocidos.", "2.100 refugiados", "es", "regularised"),
        # money given before and reported again, in each language
        ("More than $300 million has been disbursed to partners.", "$300 million", "en", "existing_funding"),
        ("Se han destinado 45 millones de dólares a los albergues.", "45 millones de dólares", "es",
         "existing_funding"),
        ("Foram repassados R$ 200 milhões aos municípios.", "R$ 200 milhões", "pt", "existing_funding"),
        ("O governo destinará R$ 10 milhões aos abrigos.", "R$ 10 milhões", "pt", "new_funding"),
        # status and permits, referrals, jobs, deaths, places, in Portuguese and Spanish
        ("O país concedeu autorizações de residência a 80 mil venezuelanos.", "80 mil venezuelanos", "pt",
         "regularised"),
        ("Colombia entregó el PPT a 1,6 millones de migrantes.", "1,6 millones de migrantes", "es", "regularised"),
        ("Foram encaminhados 700 migrantes aos serviços de saúde.", "700 migrantes", "pt", "processed"),
        ("El programa de inserción laboral colocó a 2.000 personas.", "2.000 personas", "es", "employed"),
        ("Al menos 60 migrantes perdieron la vida en el mar.", "60 migrantes", "es", "died"),
        ("El albergue ofrece cupos para 300 personas.", "300 personas", "es", "capacity"),
        # enforcement verbs in Spanish and Portuguese
        ("La policía detuvo a 40 personas en la frontera.", "40 personas", "es", "enforcement"),
        ("Detienen a tres policías por extorsión.", "tres policías", "es", "enforcement"),
        # a programme's name is no verb: Operação Acolhida does not say people were received
        ("A Operação Acolhida contabilizou 900 venezuelanos recebendo assistência.", "900 venezuelanos", "pt",
         "served"),
        # Portuguese: where people live or are sheltered, who enters, who is relocated, employed, deported
        ("O estado abrigava 12.000 venezuelanos em 2023.", "12.000 venezuelanos", "pt", "in_need"),
        ("Cerca de 5 mil venezuelanos entram todos os meses por Pacaraima.", "5 mil venezuelanos", "pt", "in_need"),
        ("Estima-se que 300 mil venezuelanos vivam no Brasil.", "300 mil venezuelanos", "pt", "in_need"),
        ("O país conta com 500 mil pessoas com necessidade de proteção internacional.", "500 mil pessoas", "pt",
         "in_need"),
        ("Em Manaus, 90 migrantes estão em situação de rua.", "90 migrantes", "pt", "in_need"),
        ("Na capital, 2.000 pessoas estão fora dos abrigos.", "2.000 pessoas", "pt", "in_need"),
        ("A cidade tem 30 mil habitantes.", "30 mil habitantes", "pt", "in_need"),
        ("Ainda havia 4.200 venezuelanos em abrigos no estado.", "4.200 venezuelanos", "pt", "served"),
        ("O Paraná integrou 3.100 haitianos ao mercado formal de trabalho.", "3.100 haitianos", "pt", "employed"),
        ("Chegaram 140 brasileiros repatriados dos Estados Unidos.", "140 brasileiros", "pt", "enforcement"),
        ("Mais de 6 mil migrantes foram enviados para outros estados.", "6 mil migrantes", "pt", "resettled"),
        ("Os estados do Sul têm 50 mil interiorizados.", "50 mil interiorizados", "pt", "resettled"),
        # "registrado" agreeing with a record is no registration; "registrados" with people is
        ("O maior número foi registrado em 2021, com 2.100 brasileiros.", "2.100 brasileiros", "pt", "unknown"),
        ("Foram registrados 500 migrantes na fronteira.", "500 migrantes", "pt", "processed"),
        # "da Acolhida" names the operation, as "Operação Acolhida" does: no one was received
        ("O coordenador da Acolhida disse que 400 mil venezuelanos vivem no Brasil.", "400 mil venezuelanos", "pt",
         "in_need"),
        # a plan estimated at an amount asks for it; money "já atribuídos" after it was given before
        ("As organizações lançaram um plano nacional estimado em US$ 90 milhões.", "US$ 90 milhões", "pt", "appeal"),
        ("O valor soma-se aos 80 milhões de euros já atribuídos pela UE.", "80 milhões de euros", "pt",
         "existing_funding"),
    ],
)
def test_measure_by_language(text, quote, lang, measure):
    assert measure_of(text, quote, lang=lang) == measure


@pytest.mark.parametrize(
    ("text", "quote", "lang", "measure"),
    [
        # an amount in brackets after another is that amount converted
        ("The bank said it has allocated €50 million (US$54 million) and €2 million (about US$2.2 million) "
         "more.", "US$2.2 million", "en", "new_funding"),
        ("El presupuesto subió a 90 millones de pesos (US $ 5 millones).", "US $ 5 millones", "es",
         "existing_funding"),
        # a figure of a sentence is what its nearest neighbour in the sentence is
        ("The number of Venezuelans living abroad rose from 700,000 to 5.1 million.", "5.1 million", "en",
         "in_need"),
        ("Over 9,000 people braved the jungle; 3,000 migrants crossed in May alone.", "9,000 people", "en",
         "in_need"),
        # a release announces its money, then breaks it down without saying again what it is
        ("The European Commission announced €60 million.\n\nPanama: €5 million.\n", "€5 million", "en",
         "new_funding"),
        # a part is the same money as its total when its own words say nothing strong
        ("Since 2018, $600 million has been sent, with $450 million for humanitarian assistance.",
         "$450 million", "en", "existing_funding"),
        ("Desde 2018 se enviaron 600 millones de dólares, incluyendo 450 millones de dólares en asistencia "
         "humanitaria.", "450 millones de dólares", "es", "existing_funding"),
    ],
)
def test_an_unlabelled_figure_is_what_the_figures_it_is_read_with_are(text, quote, lang, measure):
    assert measure_of(text, quote, lang=lang) == measure


def test_an_unlabelled_figure_with_no_neighbour_that_says_stays_unknown():
    assert measure_of("Costa Rica: 4,000 people.", "4,000 people") == "unknown"
    assert measure_of("Canada: $4 million.", "$4 million") == "unknown"


@pytest.mark.parametrize(
    ("text", "quote", "measure"),
    [
        # an amount reached is no people reached: the removal words of the sentence say what it is
        ("Las expulsiones alcanzaron la cifra de 12.500 personas.", "12.500 personas", "enforcement"),
        ("El plan requeriría 40 millones de dólares.", "40 millones de dólares", "appeal"),
        ("Más de 2 millones de personas han salido del país.", "2 millones de personas", "in_need"),
        ("Unos 800 niños hicieron el viaje por la selva.", "800 niños", "in_need"),
        ("Unas 3.000 personas contaban con cédula de extranjería.", "3.000 personas", "regularised"),
        # "se registraron" before the number records people; after it, they registered
        ("Se registraron 900 migrantes en situación irregular en el territorio.", "900 migrantes", "in_need"),
        ("Unas 900 personas se registraron ante la oficina.", "900 personas", "processed"),
        ("Las autoridades empadronaron a 4.500 personas.", "4.500 personas", "processed"),
        ("Llegaron 1.200 personas retornadas desde México.", "1.200 personas", "enforcement"),
        # the counted noun says what is counted
        ("El ataque dejó 45 muertos.", "45 muertos", "died"),
        ("Hay 5.000 desplazados en la zona.", "5.000 desplazados", "in_need"),
        ("Migración recibió a 300 repatriados.", "300 repatriados", "enforcement"),
        ("El gobierno apoya a cada familia, otorgando un bono de 200 dólares.", "200 dólares", "new_funding"),
    ],
)
def test_spanish_cues_of_removal_need_registration_and_money(text, quote, measure):
    assert measure_of(text, quote, lang="es") == measure


def test_a_list_item_reads_the_cue_of_the_line_introducing_its_list():
    text = "Resumen de las deportaciones del semestre\n- Enero: 3.100 personas\n- Febrero: 2.900 personas\n"
    figures = build_tables([document(text, lang="es")])["figures"].set_index("quote")
    assert figures.loc[["3.100 personas", "2.900 personas"], "measure"].tolist() == ["enforcement"] * 2


def test_money_drawn_from_earlier_pledges_is_existing_and_so_are_the_items_of_its_list():
    # the cue stands after the amount; the items name only where the money goes
    text = ("Spain announced $30 million in new aid for the region.\n"
            "The ministry also set aside $9 million from earlier pledges for three projects:\n"
            "- $4 million to the shelters of the north\n- $5 million to the school programme\n")
    figures = build_tables([document(text)])["figures"].set_index("quote")
    assert figures.loc[["$30 million", "$9 million", "$4 million", "$5 million"], "measure"].tolist() == [
        "new_funding", "existing_funding", "existing_funding", "existing_funding"]


def test_a_list_item_with_its_own_strong_cue_keeps_it():
    text = ("Norway set aside $9 million from previous commitments:\n"
            "- $4 million newly pledged for the shelters\n- $5 million for schools\n")
    figures = build_tables([document(text)])["figures"].set_index("quote")
    assert figures.loc[["$4 million", "$5 million"], "measure"].tolist() == ["new_funding", "existing_funding"]


PERMITS = ("Unos 60.000 venezolanos pidieron el permiso. De ellos, a 52.000 ya les fue autorizado el permiso y "
           "8.000 continúan en el proceso de autorización.")


@pytest.mark.parametrize(
    ("text", "quote", "measure"),
    [
        # money already received or committed is reported again, whatever the appeal still requires
        ("El llamamiento requiere 40 millones de dólares, pero la agencia sólo ha recibido 9 millones de "
         "dólares, por lo que requeriría 31 millones de dólares más.", "9 millones de dólares", "existing_funding"),
        ("Con esta contribución, Canadá ha comprometido ya 80 millones de dólares en la región.",
         "80 millones de dólares", "existing_funding"),
        # grants delivered are assistance, not the loans the sentence also names
        ("Desde 2018, el fondo ha entregado a Perú 45 millones de dólares en subvenciones, facilitando "
         "préstamos por 700 millones de dólares.", "45 millones de dólares", "existing_funding"),
        # an amount converted in brackets is the same money as the amount it converts
        ("El presupuesto de la agencia para Honduras llegó a 3 millones de euros (unos 3,3 millones de dólares), "
         "destinados a proyectos de integración.", "3,3 millones de dólares", "existing_funding"),
        # a permit authorised is a status granted; applications still in process are processed
        (PERMITS, "52.000", "regularised"),
        (PERMITS, "8.000", "processed"),
        ("Unas 1.500 personas fueron autorizadas para viajar.", "1.500 personas", "approved"),
        # a return that is regular or voluntary is no removal
        ("Unos 2.300 guatemaltecos fueron deportados, mientras que otros 640 retornaron de forma voluntaria.",
         "640", "unknown"),
        ("Unos 2.300 guatemaltecos fueron deportados, mientras que otros 640 retornaron de forma voluntaria.",
         "2.300 guatemaltecos", "enforcement"),
        ("En marzo llegaron 950 personas retornadas desde México.", "950 personas", "enforcement"),
    ],
)
def test_spanish_received_money_conversions_permits_and_returns(text, quote, measure):
    assert measure_of(text, quote, lang="es") == measure


@pytest.mark.parametrize(
    ("text", "quote", "measure"),
    [
        # Portuguese: people counted as being somewhere, by sex or age, say who a population is
        ("Na fronteira, existem 310 homens e 280 mulheres.", "280 mulheres", "in_need"),
        ("Nas praças são 900 pessoas, enquanto há 75 nas igrejas.", "75", "in_need"),
        ("A maioria dos estrangeiros estão no posto de triagem (420).", "420", "in_need"),
        ("Setecentos e dois pessoas têm menos de 18 anos.", "Setecentos e dois pessoas", "in_need"),
        ("Em Manaus, a maioria dos imigrantes adultos são mulheres: 530 contra 470 homens.", "530", "in_need"),
        # a strong cue of the sentence still says what was done
        ("Existem 2.000 venezuelanos atendidos pela operação.", "2.000 venezuelanos", "served"),
        # the whole a part is counted from is the population it is drawn from
        ("O país tem 8.100 haitianos reconhecidos como refugiados, de um total de 61.000 haitianos que "
         "vivem no país.", "61.000 haitianos", "in_need"),
    ],
)
def test_portuguese_people_counted_where_they_are_are_a_population(text, quote, measure):
    assert measure_of(text, quote, lang="pt") == measure


def test_people_counted_where_they_are_take_the_action_their_paragraph_states():
    # "há" only says the people are there: the paragraph's strong cue says what was done to them
    text = ("O governo interiorizou 3.000 venezuelanos em maio. "
            "Entre eles, há 800 crianças.")
    figures = build_tables([document(text, lang="pt")])["figures"].set_index("quote")
    assert figures.at["800 crianças", "measure"] == "resettled"


@pytest.mark.parametrize(
    ("text", "quote", "measure"),
    [
        # Portuguese verbs the tables lacked: the present and the infinitive say it as the past does
        ("O plano nacional requer US$ 80 milhões.", "US$ 80 milhões", "appeal"),
        ("A agência precisa de US$ 12 milhões para o inverno.", "US$ 12 milhões", "appeal"),
        ("O Chile vai doar US$ 2 milhões ao fundo.", "US$ 2 milhões", "new_funding"),
        ("O ministério liberou R$ 45 milhões para os abrigos.", "R$ 45 milhões", "new_funding"),
        ("Em 2022, o comitê reconheceu 9 mil pessoas como refugiadas.", "9 mil pessoas", "regularised"),
        ("A prefeitura contratou 120 migrantes haitianos.", "120 migrantes", "employed"),
        ("Cerca de 900 venezuelanos cruzam a fronteira por dia.", "900 venezuelanos", "in_need"),
        ("Depois das chuvas, 3.100 pessoas estão desabrigadas.", "3.100 pessoas", "in_need"),
        # "acolheu" took people in; "acolhe" hosts them
        ("Portugal acolheu 2 mil refugiados ucranianos em 2022.", "2 mil refugiados", "resettled"),
        ("O país acolhe 400 mil venezuelanos.", "400 mil venezuelanos", "in_need"),
        # money approved, guaranteed or committed is new; money asked for, an appeal
        ("A Câmara aprovou R$ 70 milhões para os abrigos.", "R$ 70 milhões", "new_funding"),
        ("A Suécia comprometeu-se com 4 milhões de euros.", "4 milhões de euros", "new_funding"),
        ("Chegou só 30% dos US$ 900 milhões solicitados.", "US$ 900 milhões", "appeal"),
        # trained, vaccinated, naturalised, expelled, employed, emigrated
        ("O curso capacitou 600 migrantes.", "600 migrantes", "participants"),
        ("A equipe vacinou 7 mil haitianos.", "7 mil haitianos", "served"),
        ("Portugal naturalizou 2 mil brasileiros.", "2 mil brasileiros", "regularised"),
        ("O país expulsou 90 estrangeiros.", "90 estrangeiros", "enforcement"),
        ("A fábrica empregou 450 refugiados.", "450 refugiados", "employed"),
        ("A agência estima que 5 milhões de haitianos emigraram.", "5 milhões de haitianos", "in_need"),
        # help given to people is a programme reaching them, whatever place the sentence names
        ("A agência prestou assistência a 60 mil pessoas na região.", "60 mil pessoas", "served"),
    ],
)
def test_portuguese_verbs_in_every_tense_tell_the_measure(text, quote, measure):
    assert measure_of(text, quote, lang="pt") == measure


@pytest.mark.parametrize(
    ("text", "quote", "measure"),
    [
        # people returned or placed through a programme are served; a return with none stays a removal
        ("Unas 4.200 personas retornaron a Nicaragua con el plan de retorno del gobierno.", "4.200 personas",
         "served"),
        ("Unos 900 migrantes han regresado a su país por el programa estatal.", "900 migrantes", "served"),
        ("Más de 3.000 personas se han acogido este año al programa de Retorno Voluntario Asistido.",
         "3.000 personas", "served"),
        ("Un total de 640 migrantes volvieron a casa mediante el retorno voluntario asistido.", "640 migrantes",
         "served"),
        ("Se identificaron 350 niños, que quedaron bajo la tutela de la agencia de protección.", "350 niños",
         "served"),
        ("En marzo llegaron 950 personas retornadas desde México.", "950 personas", "enforcement"),
        # removals and apprehensions as Mexican and Chilean authorities word them
        ("La policía informó el rescate de 2.300 migrantes irregulares en un camión.", "2.300 migrantes",
         "enforcement"),
        ("En la frontera fueron asegurados 410 extranjeros sin documentos.", "410 extranjeros", "enforcement"),
        ("El instituto rechazó la internación de 75 personas con alerta migratoria.", "75 personas",
         "enforcement"),
        ("Se puso a disposición del Ministerio Público a 33 personas por tráfico de migrantes.", "33 personas",
         "enforcement"),
        ("El gobierno proyecta expulsar a 1.800 extranjeros este año.", "1.800 extranjeros", "enforcement"),
        # taken in is resettled
        ("Desde 2010, Canadá ha acogido a 5.400 refugiados sirios.", "5.400 refugiados", "resettled"),
        # people on the move are the population, whatever help they will need
        ("Se calcula que 45.000 personas realizarían la travesía por la selva.", "45.000 personas", "in_need"),
        ("La agencia estima que 90.000 personas transitarán por el país y precisarán ayuda.", "90.000 personas",
         "in_need"),
        # the people a plan is to serve
        ("El plan pide 80 millones de dólares para apoyar a 300.000 personas.", "300.000 personas", "served"),
    ],
)
def test_spanish_programme_returns_removals_and_people_on_the_move(text, quote, measure):
    assert measure_of(text, quote, lang="es") == measure


@pytest.mark.parametrize(
    ("text", "quote", "measure"),
    [
        # people who depend on aid, or who entered, are a population in need
        ("Mais de 2 milhões de pessoas dependem de ajuda humanitária.", "2 milhões de pessoas", "in_need"),
        ("Cerca de 40 mil venezuelanos ingressaram pelo Amazonas.", "40 mil venezuelanos", "in_need"),
        # a country receiving people took them in; people receiving something were served
        ("O país recebeu 300 mil venezuelanos desde 2018.", "300 mil venezuelanos", "in_need"),
        ("Cerca de 500 migrantes receberam cestas básicas.", "500 migrantes", "served"),
        # towns receiving people took in people relocated within the country
        ("Ao todo, 400 municípios receberam 30 mil venezuelanos.", "30 mil venezuelanos", "resettled"),
        # sheltered people are served by the shelter
        ("Há 3 mil venezuelanos abrigados em Manaus.", "3 mil venezuelanos", "served"),
        # the gerund of a removal verb removes, whatever else the sentence received
        ("O país recebeu 20 voos, deportando 3.000 pessoas.", "3.000 pessoas", "enforcement"),
        # people a place has are a population
        ("O estado possui 8 mil pessoas sem moradia.", "8 mil pessoas", "in_need"),
    ],
)
def test_portuguese_returns_shelters_receiving_and_entering(text, quote, measure):
    assert measure_of(text, quote, lang="pt") == measure


@pytest.mark.parametrize(
    ("text", "quote", "measure"),
    [
        # every tense of a removal verb removes: repatriar, remover
        ("O governo repatriou em maio 2.100 estrangeiros sem documentos no país.", "2.100 estrangeiros",
         "enforcement"),
        ("Em 2022, a agência removeu cerca de 900 pessoas para o México.", "900 pessoas", "enforcement"),
        ("Ao todo, 450 peruanos foram removidos pelas autoridades.", "450 peruanos", "enforcement"),
        # people counted at a border crossed or were held there: registered there is no application
        ("Em julho, 6 mil migrantes foram registrados na fronteira norte.", "6 mil migrantes", "in_need"),
        ("A patrulha contou 15 mil pessoas em todas as fronteiras do país.", "15 mil pessoas", "in_need"),
        ("Até junho, 1.500 refugiados foram registrados no sistema do abrigo.", "1.500 refugiados", "processed"),
        # people leaving a country, or fleeing it, are a population on the move
        ("Cerca de 70 mil nicaraguenses saíram do país em 2022.", "70 mil nicaraguenses", "in_need"),
        ("A crise provocou a saída de 12 mil famílias e de 40 mil pessoas.", "40 mil pessoas", "in_need"),
        ("Naquele ano, 9 mil pessoas partiram rumo ao norte.", "9 mil pessoas", "in_need"),
        # driven from home, or facing hunger
        ("As chuvas desalojaram 3.400 moradores do litoral.", "3.400 moradores", "in_need"),
        ("Hoje, 2 milhões de pessoas passam fome na região.", "2 milhões de pessoas", "in_need"),
        # holders of a temporary protected status hold a legal status, whatever they may lose
        ("Cerca de 90 mil hondurenhos com Status de Proteção Temporária podem ficar sem trabalho.",
         "90 mil hondurenhos", "regularised"),
    ],
)
def test_portuguese_removals_borders_departures_hardship_and_temporary_status(text, quote, measure):
    assert measure_of(text, quote, lang="pt") == measure


@pytest.mark.parametrize(
    ("text", "quote", "measure"),
    [
        # money of a past year reported again
        ("Ya en 2019 Japón entregó 12 millones de dólares al programa.", "12 millones de dólares",
         "existing_funding"),
        ("En ese mismo año también proporcionó 4 millones de dólares en asistencia.", "4 millones de dólares",
         "existing_funding"),
        # an increase granted is new money; a budget raised from an amount is that budget reported
        ("El gobierno destinó un aumento de 900 millones de pesos para los albergues.", "900 millones de pesos",
         "new_funding"),
        ("El presupuesto del instituto fue aumentado de 800 millones de pesos.", "800 millones de pesos",
         "existing_funding"),
        # money a platform has asked for is an appeal
        ("La coordinadora ha solicitado 120 millones de dólares para el año próximo.", "120 millones de dólares",
         "appeal"),
    ],
)
def test_spanish_past_money_increases_and_requests(text, quote, measure):
    assert measure_of(text, quote, lang="es") == measure


def test_spanish_people_who_overstayed_are_no_permit_granted():
    text = "Se estima que 12.400 venezolanos superaron el tiempo de permanencia autorizada en el país."
    assert measure_of(text, "12.400 venezolanos", lang="es") == "in_need"


@pytest.mark.parametrize(
    ("text", "quote", "measure"),
    [
        # a return a programme supports, and the reintegration after it, are people served, whatever
        # the paragraph said of arrivals before
        ("A chegada de migrantes aumentou. Em 2023, a agência apoiou o retorno de 2.400 migrantes.",
         "2.400 migrantes", "served"),
        ("A chegada de migrantes aumentou. Desde 2019, 800 pessoas tiveram apoio à reintegração.",
         "800 pessoas", "served"),
        # vulnerability says who the people are: it does not reach another sentence's figures
        ("O programa é voltado a migrantes em situação de vulnerabilidade. Em 2023, ajudou 5 mil pessoas.",
         "5 mil pessoas", "served"),
    ],
)
def test_portuguese_returns_and_vulnerability_read_against_the_paragraph(text, quote, measure):
    figures = build_tables([document(text, lang="pt")])["figures"].set_index("quote")
    assert figures.at[quote, "measure"] == measure


def measure_in_release(text: str, quote: str, released: str, lang: str = "en") -> str:
    """Return the measure of `quote` in a release dated `released` (its meeting's date)."""
    figures = build_tables([document(text, lang=lang, event_date=released)])["figures"].set_index("quote")
    return figures.at[quote, "measure"]


@pytest.mark.parametrize(
    ("text", "quote", "lang"),
    [
        ("Its trustees set aside $80 million for shelter projects back in March 2019.", "$80 million", "en"),
        ("Canada announced $6 million, allocated in 2022, for shelters.", "$6 million", "en"),
        ("La fundación reservó 80 millones de dólares para albergues en marzo de 2019.", "80 millones de dólares",
         "es"),
        ("En el año 2021 Chile destinó 40 millones de dólares a albergues.", "40 millones de dólares", "es"),
        ("A fundação reservou US$ 80 milhões para abrigos em março de 2019.", "US$ 80 milhões", "pt"),
        ("Em 2021, o Brasil destinou R$ 40 milhões aos abrigos.", "R$ 40 milhões", "pt"),
    ],
)
def test_money_placed_in_a_year_before_its_release_is_reported_again(text, quote, lang):
    assert measure_in_release(text, quote, "2023-11-15", lang) == "existing_funding"


def test_money_of_the_releases_own_year_or_of_a_fiscal_year_is_new():
    text = "Canada announced $10 million in new funding in 2023. The U.S. announced $35 million in FY 2021 funds."
    assert measure_in_release(text, "$10 million", "2023-11-15") == "new_funding"
    assert measure_in_release(text, "$35 million", "2023-11-15") == "new_funding"
    assert measure_in_release(text, "$10 million", "") == "new_funding"  # no date to compare with


def test_a_past_appeal_stays_an_appeal_and_a_past_loan_a_loan():
    text = "In 2022 the plan required $1.7 billion. In 2021 the bank approved a $50 million loan."
    assert measure_in_release(text, "$1.7 billion", "2023-11-15") == "appeal"
    assert measure_in_release(text, "$50 million", "2023-11-15") == "loan"


@pytest.mark.parametrize(
    ("text", "quote", "measure"),
    [
        # people another country sends back are removals, however the return is worded
        ("Some 7,000 people returned to Guatemala from Mexico last year.", "7,000 people", "enforcement"),
        ("Officials expect the return of 12,500 nationals before December.", "12,500 nationals", "enforcement"),
        ("In March alone the airport received 3,210 returnees.", "3,210 returnees", "enforcement"),
        ("The main destination for deportees (41,200) was Guatemala.", "41,200", "enforcement"),
        ("Border guards interdicted 640 migrants at sea in June.", "640 migrants", "enforcement"),
        # a return programme reaches the people it brings home: served, the nearer cue
        ("Nearly 800 nationals returned home under the government's reintegration plan.", "800 nationals",
         "served"),
        ("Some 1,900 migrants went home through the agency's programme of assisted return.", "1,900 migrants",
         "served"),
        ("The assisted voluntary return programme helped 450 people last year.", "450 people", "served"),
    ],
)
def test_english_returns_are_removals_unless_a_programme_brings_people_home(text, quote, measure):
    assert measure_of(text, quote) == measure


@pytest.mark.parametrize(
    ("text", "quote", "measure"),
    [
        # a giving verb is read in every person and tense, the infinitive after "va a" included
        ("Noruega y Suiza van a donar 4 millones de dólares a los albergues de la frontera.",
         "4 millones de dólares", "new_funding"),
        ("Los dos bancos aportarán en conjunto 12 millones de euros para el programa.", "12 millones de euros",
         "new_funding"),
        ("El fondo contribuirá con 900.000 dólares a la respuesta.", "900.000 dólares", "new_funding"),
        ("Las alcaldías entregaron 2 millones de pesos a las familias desplazadas.", "2 millones de pesos",
         "new_funding"),
        # spending by a government, in any tense, is an investment; "ya invirtió" is money reported again
        ("La provincia invirtió unos 6 millones de pesos en dos comedores para migrantes.", "6 millones de pesos",
         "investment"),
        ("El municipio invertirá 3 millones de soles en un centro de acogida.", "3 millones de soles", "investment"),
        ("El gobierno ya invirtió 8 millones de dólares en la frontera.", "8 millones de dólares",
         "existing_funding"),
        # people who had to leave their homes, in any tense, are the displaced population
        ("Unas 9.000 familias campesinas, es decir 31.000 personas, tuvieron que abandonar sus hogares por "
         "las inundaciones.", "31.000 personas", "in_need"),
        ("La violencia obligó a 5.400 personas a dejar su comunidad en una semana.", "5.400 personas", "in_need"),
    ],
)
def test_spanish_verb_classes_in_every_tense(text, quote, measure):
    assert measure_of(text, quote, lang="es") == measure


@pytest.mark.parametrize(
    ("text", "quote", "measure"),
    [
        # what a programme gives people to use is a service: served
        ("Some 300,000 children accessing primary education next year.", "300,000 children", "served"),
        ("The plan aims at 2,000 people given access to clean water.", "2,000 people", "served"),
        ("Clinics expect 900 children admitted for treatment of wasting.", "900 children", "served"),
        # an admission with no care after it is still an admission of refugees
        ("Canada admitted 900 refugees last year.", "900 refugees", "resettled"),
        # money a response has already raised, and a running total, are reported again
        ("The appeal has raised $45 million so far.", "$45 million", "existing_funding"),
        ("The response has mobilised US$70 million until June.", "US$70 million", "existing_funding"),
        ("The Commission released €5 million for Peru. This brings the aid allocated to Peru this year "
         "to €23 million.", "€23 million", "existing_funding"),
    ],
)
def test_services_given_and_money_already_raised(text, quote, measure):
    assert measure_of(text, quote) == measure


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("Each day 300 to 400 migrants pass through Costa Rica heading south.", "300 to 400 migrants"),
        ("Some 1,200 people passed through the border post in May.", "1,200 people"),
        ("About 9,000 migrants were transiting Honduras last week.", "9,000 migrants"),
    ],
)
def test_people_passing_through_a_country_are_in_transit(text, quote):
    assert measure_of(text, quote) == "in_need"


@pytest.mark.parametrize(
    ("text", "quote", "measure"),
    [
        # the noun whose complement the figure is ("the deaths of ...") says what it counts,
        # nearer than a cue after the figure
        ("The storm caused the deaths of at least 14 people, the displacement of 2,300 more and damage "
         "to homes.", "14 people", "died"),
        ("The storm caused the deaths of at least 14 people, the displacement of 2,300 people and damage "
         "to homes.", "2,300 people", "in_need"),
        ("Police confirmed the arrest of 40 migrants, displaced from the coast.", "40 migrants",
         "enforcement"),
    ],
)
def test_a_cue_whose_complement_the_figure_is_marks_it_first(text, quote, measure):
    assert measure_of(text, quote) == measure


def test_a_cue_far_before_the_figure_is_no_complement_though_of_follows_it():
    # "needs" (an appeal's weak cue) is followed by "of", but its complement is the people, not the money
    text = ("The funds will address the needs of the most vulnerable people hit by the floods and that "
            "includes €1 million in new aid for Brazil.")
    assert measure_of(text, "€1 million") == "new_funding"


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("Police confirmed the registration of 40 migrants, displaced from the coast.", "40 migrants"),
        ("The registrations of 1,250 asylum seekers were completed in March.", "1,250 asylum seekers"),
        ("Some 3,000 Venezuelans registered for the new card.", "3,000 Venezuelans"),
    ],
)
def test_registration_in_every_form_is_processing(text, quote):
    assert measure_of(text, quote) == "processed"


@pytest.mark.parametrize(
    ("text", "quote", "measure"),
    [
        # "solicitantes" beside the counted noun says who the people are, not what was done to them
        ("El programa trasladó a 3.700 migrantes y solicitantes de refugio que fueron reubicados en Monterrey.",
         "3.700 migrantes", "resettled"),
        # counted itself, the noun still says they applied
        ("Llegaron 640 solicitantes de asilo a la oficina.", "640 solicitantes", "processed"),
    ],
)
def test_spanish_applicants_beside_the_counted_noun_are_who_not_what(text, quote, measure):
    assert measure_of(text, quote, lang="es") == measure


@pytest.mark.parametrize(
    ("text", "quote", "lang", "measure"),
    [
        # a status the people lack, or an irregular one, says who they are: no status was granted
        ("Un total de 1.300 personas en estatus irregular fueron expulsadas del país.", "1.300 personas", "es",
         "enforcement"),
        ("Unos 2.000 venezolanos sin permiso de residencia trabajan en la zona.", "2.000 venezolanos", "es",
         "in_need"),
        ("About 4,000 people without legal status live in the county.", "4,000 people", "en", "in_need"),
        ("Há 700 migrantes sem residência na cidade.", "700 migrantes", "pt", "in_need"),
        # a status granted still is one
        ("El gobierno otorgó residencia a 2.400 venezolanos.", "2.400 venezolanos", "es", "regularised"),
        ("Some 1,100 migrants received legal status in May.", "1,100 migrants", "en", "regularised"),
    ],
)
def test_a_status_lacked_is_who_the_people_are(text, quote, lang, measure):
    assert measure_of(text, quote, lang=lang) == measure


@pytest.mark.parametrize(
    ("text", "quote", "lang", "measure"),
    [
        # a running total (new money and old summed) is money reported again; the new part stays new. Not in
        # English: the founding gold reads "bringing the total U.S. commitment in 2024 to $1.2 billion" as new
        ("Japón sumó 2 millones de dólares nuevos, con lo que su cooperación total llega a 9 millones de dólares.",
         "9 millones de dólares", "es", "existing_funding"),
        ("Japón sumó 2 millones de dólares nuevos, con lo que su cooperación total llega a 9 millones de dólares.",
         "2 millones de dólares", "es", "new_funding"),
        ("A Suíça anunciou mais 3 milhões de francos; o aporte total chega a 10 milhões de francos.",
         "10 milhões de francos", "pt", "existing_funding"),
    ],
)
def test_a_running_total_is_money_reported_again(text, quote, lang, measure):
    assert measure_of(text, quote, lang=lang) == measure


@pytest.mark.parametrize(
    ("text", "quote", "lang", "measure"),
    [
        # verbs of one class read in every person and tense, Spanish and Portuguese alike
        ("Las autoridades expulsaron la semana pasada a 420 extranjeros.", "420 extranjeros", "es", "enforcement"),
        ("Las autoridades van a deportar el mes próximo a 420 extranjeros.", "420 extranjeros", "es",
         "enforcement"),
        ("As autoridades vão deportar no próximo mês 420 estrangeiros.", "420 estrangeiros", "pt", "enforcement"),
        ("El nuevo centro atenderá cada mes a 1.500 personas.", "1.500 personas", "es", "served"),
        ("La Cruz Roja brindó atención médica a 900 niños.", "900 niños", "es", "served"),
        ("El albergue tendrá capacidad para atender a 320 personas.", "320 personas", "es", "capacity"),
        ("O novo centro vai atender por mês 1.500 pessoas.", "1.500 pessoas", "pt", "served"),
        ("A Cruz Vermelha prestou atendimento médico a 900 crianças.", "900 crianças", "pt", "served"),
        ("El programa reubicó este año a 700 refugiados en Monterrey.", "700 refugiados", "es", "resettled"),
        ("A operação vai interiorizar este ano 700 refugiados.", "700 refugiados", "pt", "resettled"),
        ("En la travesía fallecen cada año unos 40 migrantes.", "40 migrantes", "es", "died"),
        ("Na travessia faleceram ao menos 40 migrantes.", "40 migrantes", "pt", "died"),
        ("Unas 3.000 personas tuvieron que huir por los combates.", "3.000 personas", "es", "in_need"),
        ("Cerca de 3 mil pessoas tiveram que fugir dos combates.", "3 mil pessoas", "pt", "in_need"),
    ],
)
def test_verb_classes_in_every_person_and_tense(text, quote, lang, measure):
    assert measure_of(text, quote, lang=lang) == measure
