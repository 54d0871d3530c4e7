"""A caption with no word of its own that says so is known by the photo credit right under it: it moves to the
metadata as the image's caption; a paragraph, a list entry or a line above a data source stays in the body."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cleaner

OPEN = ("The regional council approved the new cycling network on Thursday after two years of consultation with "
        "residents, shop owners and the bus company.\n\n")
CLOSE = ("\n\nWork on the first section is due to start in the spring, and the council expects the whole network to "
         "be finished within four years.\n")

PAIRS = [
    ("Volunteers plant oak saplings along the river bank near Oldmoor.", "Photo: Wendy Marsh/Reuters"),
    ("Ein Kran hebt das letzte Brückenteil über den Kanal bei Wesel.", "Foto: Jens Albrecht/dpa"),
    ("Des cyclistes traversent le nouveau pont de la Garonne à l'aube.", "Photo : Claire Dumas/AFP"),
    ("Un pescador repara sus redes en el puerto de Vigo al amanecer.", "Foto: Lucía Prieto/EFE"),
    ("Un tram attraversa la piazza principale di Bergamo sotto la neve.", "Foto: Paolo Greco/ANSA"),
    ("Fietsers rijden over de nieuwe brug bij het station van Zwolle.", "Foto: Kees de Boer/ANP"),
    ("Um elétrico sobe a colina no centro histórico de Coimbra.", "Foto: Rui Matos/Lusa"),
]


def _rules(text: str) -> tuple[dict[str, str | None], cleaner.Result]:
    result = cleaner.clean(text)
    return {b.text: (d.final.rule if d.removed else None) for b, d in zip(result.blocks, result.decisions)}, result


@pytest.mark.parametrize("caption,credit", PAIRS)
def test_a_line_above_a_credit_is_the_pictures_caption(caption, credit):
    rules, result = _rules(OPEN + caption + "\n\n" + credit + CLOSE)
    assert rules[caption] == "meta.caption_above_credit"
    assert result.metadata.image_caption == caption
    assert rules[OPEN.strip()] is None and rules[CLOSE.strip()] is None


def test_a_paragraph_of_several_sentences_above_a_credit_stays():
    paragraph = ("The new lanes will be separated from traffic by a low kerb. Residents asked for more crossings near "
                 "the schools.")
    rules, _ = _rules(OPEN + paragraph + "\n\nPhoto: Wendy Marsh/Reuters" + CLOSE)
    assert rules[paragraph] is None


def test_a_line_above_a_data_source_stays():
    line = "Cycling to work has doubled in the city since the first lanes opened."
    for source in ("Source: Office for Transport Statistics", "Quelle: Statistisches Landesamt",
                   "Fuente: Instituto Nacional de Estadística"):
        rules, _ = _rules(OPEN + line + "\n\n" + source + CLOSE)
        assert rules[line] is None, source


def test_a_list_entry_or_a_question_above_a_credit_stays():
    for line in ("3. Check the tyre pressure before every ride.", "Which route will the buses take next year?"):
        rules, _ = _rules(OPEN + line + "\n\nPhoto: Wendy Marsh/Reuters" + CLOSE)
        assert rules[line] is None, line


@settings(max_examples=25, deadline=None)
@given(st.sampled_from(PAIRS), st.sampled_from(["\n\n", "\n"]))
def test_the_body_around_a_caption_and_credit_stays_whole(pair, gap):
    caption, credit = pair
    result = cleaner.clean(OPEN + caption + gap + credit + CLOSE)
    assert OPEN.strip() in result.text and CLOSE.strip() in result.text
    assert caption not in result.text


@pytest.mark.parametrize("credit", ["Image supplied by Harbour Trust", "Foto zur Verfügung gestellt von Stadtwerke Kiel",
                                    "Photo fournie par la mairie de Rennes", "Foto cedida por el Ayuntamiento de Lugo",
                                    "Foto concessa da Comune di Lecco", "Imagem cedida por Câmara de Braga",
                                    "Beeld aangeleverd door gemeente Venlo"])
def test_a_picture_supplied_by_someone_is_a_credit_under_its_caption(credit):
    caption = PAIRS[0][0]
    rules, _ = _rules(OPEN + caption + "\n\n" + credit + CLOSE)
    assert rules[credit] == "meta.caption"
    assert rules[caption] == "meta.caption_above_credit"


def test_an_agency_named_as_the_source_is_a_pictures_credit():
    caption = "Ein Kran hebt das letzte Brückenteil über den Kanal bei Wesel."
    rules, _ = _rules(OPEN + caption + "\n\nQuelle: dpa" + CLOSE)
    assert rules[caption] == "meta.caption_above_credit"
