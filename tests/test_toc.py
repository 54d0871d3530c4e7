"""A table of contents leaves the body (nav.toc) in any language: its entries are the document's own later
section headings, in order. A passage printed twice, a short list and a run of headings with no text
under them stay. The wordings here are written for these tests."""
from __future__ import annotations

import pytest

import cleaner

SECTIONS = {
    "en": ("Contents", ["Early years", "Moving to the coast", "Later work"],
           ["She grew up on a farm outside the town and went to the village school until she was fourteen.",
            "At twenty she took a job at the harbour office, where she kept the tide tables for a decade.",
            "Her later books dealt with the fishing families she had met during those years at the quay."]),
    "de": ("Inhaltsverzeichnis", ["Geschichte", "Aufbau der Anlage", "Betrieb heute"],
           ["Die Mühle wurde im späten Mittelalter errichtet und gehörte lange Zeit dem nahen Kloster.",
            "Das Wasserrad treibt über eine hölzerne Welle zwei Mahlgänge und eine kleine Säge an.",
            "Heute mahlt ein Verein an jedem ersten Sonntag im Monat Korn für die Besucher der Anlage."]),
    "fr": ("Sommaire", ["Origines", "Construction du pont", "Restaurations"],
           ["Le passage existait déjà à l'époque romaine, comme le montrent les pierres retrouvées sur la rive.",
            "Les travaux durèrent onze ans et employèrent plus de trois cents ouvriers venus de toute la région.",
            "Le pont fut restauré deux fois au siècle dernier, après les crues de 1910 et de 1955."]),
    "nl": ("Inhoud", ["Ontstaan", "De eerste jaren", "Huidige situatie"],
           ["Het dorp ontstond rond een kleine kerk op een zandrug langs de oude handelsweg naar het oosten.",
            "In de eerste jaren woonden er vooral boeren, die hun graan op de markt in de stad verkochten.",
            "Tegenwoordig telt het dorp ruim tweeduizend inwoners en heeft het een eigen basisschool."]),
}


def _page(lang: str, numbered: bool) -> tuple[str, list[str]]:
    heading, titles, texts = SECTIONS[lang]
    entries = [f"{k + 1} {t}" if numbered else t for k, t in enumerate(titles)]
    lead = texts[0].replace(".", ",") + " as the article goes on to tell in three parts."
    parts = [lead, heading, "\n".join(entries)]
    for title, text in zip(titles, texts):
        parts += [title, text]
    return "\n\n".join(parts), entries


@pytest.mark.parametrize("lang", sorted(SECTIONS))
@pytest.mark.parametrize("numbered", [True, False])
def test_a_table_of_contents_leaves_the_body_and_its_sections_stay(lang, numbered):
    dump, entries = _page(lang, numbered)
    result = cleaner.clean(dump)
    removed = {line for r in result.removed if r.rule == "nav.toc" for line in r.text.splitlines()}
    assert set(entries) <= removed and SECTIONS[lang][0] in removed
    for title in SECTIONS[lang][1]:  # a section's own heading (its last occurrence) is no entry
        last = max(k for k, b in enumerate(result.blocks) if b.text == title)
        assert not (result.decisions[last].removed and result.decisions[last].final.rule == "nav.toc")
    for text in SECTIONS[lang][2]:
        assert text in result.text


def test_the_explanation_names_the_entries_and_where_the_sections_start():
    dump, entries = _page("en", True)
    found = next(r for r in cleaner.clean(dump).removed if r.rule == "nav.toc")
    assert found.evidence["entries"] == len(entries) and found.evidence["first_heading_line"] > 0


def test_a_passage_printed_twice_is_no_table_of_contents():
    """Wrapped lines repeated one under the other have no text between their 'headings'."""
    lines = ["Wind turbines on the ridge", "were switched off for the night", "while the birds passed over"]
    dump = "\n\n".join([SECTIONS["en"][2][0], "\n".join(lines), SECTIONS["en"][2][1], "\n".join(lines),
                        SECTIONS["en"][2][2]])
    assert not [r for r in cleaner.clean(dump).removed if r.rule == "nav.toc"]


def test_two_echoed_headings_are_no_table_of_contents():
    _, titles, texts = SECTIONS["en"]
    dump = "\n\n".join([texts[0], "\n".join(titles[:2]), titles[0], texts[1], titles[1], texts[2]])
    assert not [r for r in cleaner.clean(dump).removed if r.rule == "nav.toc"]



# Fact boxes of four products: each field's value recurs under a later product, so each line of the first box
# echoes a line further down, in order, as a table's entries echo the headings.
RECORDS = {
    "en": (("Players", "Time", "Level"), (("2-4", "1 hour", "easy"), ("2-4", "2 hours", "hard"),
                                          ("3-5", "1 hour", "hard"), ("3-5", "2 hours", "easy"))),
    "de": (("Spieler", "Dauer", "Niveau"), (("2-4", "1 Stunde", "leicht"), ("2-4", "2 Stunden", "schwer"),
                                            ("3-5", "1 Stunde", "schwer"), ("3-5", "2 Stunden", "leicht"))),
    "fr": (("Joueurs", "Durée", "Niveau"), (("2-4", "1 heure", "facile"), ("2-4", "2 heures", "difficile"),
                                            ("3-5", "1 heure", "difficile"), ("3-5", "2 heures", "facile"))),
}


@pytest.mark.parametrize("lang", sorted(RECORDS))
def test_fact_boxes_repeating_their_fields_are_no_table_of_contents(lang):
    """Products' fact boxes repeat fields ('Players: 2-4') under each product: they echo each other, but
    their labels recur with other values, as a table's entries never do."""
    labels, boxes = RECORDS[lang]
    texts = [*SECTIONS[lang][2], SECTIONS[lang][2][0]]
    parts = []
    for k, (box, text) in enumerate(zip(boxes, texts)):
        parts += [f"{k + 1}. {'ABCD'[k]}", *(f"{label}: {value}" for label, value in zip(labels, box)), text]
    assert not [r for r in cleaner.clean("\n\n".join(parts)).removed if r.rule == "nav.toc"]
