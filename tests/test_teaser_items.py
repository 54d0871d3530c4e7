"""Teaser runs and sections take their whole first and last items (headline, snippet, stamp) when an item's
stamp is a date or a byline that an earlier rule read, and an event box is found by its name and date; the
article's own head and a list of events in the body stay."""
from __future__ import annotations

import cleaner

BODY = ("The harbour board voted on Tuesday to close the old ferry terminal by the end of next year, ending more than "
        "a century of crossings from the town.\n\nBoard members said the building needed repairs that would cost more "
        "than a new terminal, and that passenger numbers had fallen for a decade.\n\n")


def _removed(text: str) -> dict[str, str]:
    result = cleaner.clean(text)
    return {b.text: d.final.rule for b, d in zip(result.blocks, result.decisions) if d.removed}


def _body_kept(removed: dict[str, str]) -> bool:
    """Whether no line of the article's paragraphs (BODY) is among the `removed` lines."""
    return not any(line.startswith(("The harbour board", "Board members")) for line in removed)


def test_a_run_takes_its_first_item_whose_stamp_is_a_date():
    run = ("Cyclists demand safer lanes on the ring road\n"
           "Riders gathered outside the town hall to ask for barriers between the lanes and the traffic.\n"
           "14 March 2024 · Local\n"
           "New bakery opens in the old post office\n"
           "3 hrs ago\n"
           "Storm warning for the weekend\n"
           "25 mins ago\n")
    removed = _removed(BODY + run)
    assert removed.get("Cyclists demand safer lanes on the ring road") == "teaser.run"
    assert removed.get("Riders gathered outside the town hall to ask for barriers between the lanes and the "
                       "traffic.") == "teaser.run"
    assert _body_kept(removed)


def test_a_section_takes_its_last_item_whose_stamp_is_a_byline():
    block = ("More stories\n"
             "Library extends its opening hours\n"
             "2 hours ago\n"
             "School choir wins regional contest\n"
             "By Maria Lindgren\n")
    removed = _removed(BODY + block)
    assert removed.get("School choir wins regional contest") == "teaser.block"


def test_the_article_head_after_a_section_stays():
    text = ("Most read\n"
            "Library extends its opening hours\n"
            "2 hours ago\n"
            "Market square to be pedestrianised\n"
            "By Tomas Berg\n"
            "The council approved plans on Monday to close the market square to cars from the spring, after a "
            "consultation in which most residents backed the change.\n\n" + BODY)
    removed = _removed(text)
    assert not removed.get("Market square to be pedestrianised", "").startswith("teaser.")  # the title is metadata
    assert not any(line.startswith("The council approved") for line in removed)


def test_an_event_box_named_with_its_date_is_removed():
    box = "Coastal Books Festival | 21 September 2025\nProgramme and tickets\n\n"
    text = BODY.replace("\n\nBoard members", "\n\n" + box + "Board members")
    removed = _removed(text)
    assert removed.get("Coastal Books Festival | 21 September 2025") == "promo.event"
    assert removed.get("Programme and tickets") == "promo.event"


def test_a_contents_list_of_event_names_stays():
    contents = ("Contents\n1 History\n2 Events\n2.1 Lantern Festival\n2.2 Spring Summit\n2.3 Harbour Forum\n"
                "3 See also\n\n")
    removed = _removed(contents + BODY)
    assert not any(rule == "promo.event" for rule in removed.values())


def test_a_run_below_the_page_headline_and_date_leaves_them():
    text = ("Harbour board to close the old ferry terminal | Coast News\n\n"
            "Harbour board to close the old ferry terminal\n"
            "12 May 2024\n"
            "Watch 3:10\n"
            "Listen 12:45\n\n" + BODY)
    removed = _removed(text)
    assert not removed.get("Harbour board to close the old ferry terminal", "").startswith("teaser.")


def test_a_run_whose_items_open_with_their_stamps_takes_its_last_headline_and_snippet():
    run = ("Vor 2 Std.\n"
           "Neue Buslinie verbindet die Vororte\n"
           "Ab Montag fährt die Linie 14 alle zehn Minuten zwischen den beiden Stadtteilen und dem …\n"
           "Vor 5 Std.\n"
           "Schwimmbad öffnet nach der Sanierung\n"
           "Vor 7 Std.\n"
           "Stadtbibliothek verlängert die Öffnungszeiten\n"
           "Wer abends lernen möchte, findet nun bis 22 Uhr einen Platz im Lesesaal der …\n")
    removed = _removed(BODY + run)
    assert removed.get("Stadtbibliothek verlängert die Öffnungszeiten") == "teaser.run"
    assert removed.get("Wer abends lernen möchte, findet nun bis 22 Uhr einen Platz im Lesesaal der …") == "teaser.run"
    assert _body_kept(removed)


def test_dated_items_between_two_times_hold_a_run_together():
    run = ("Nieuwe fietsbrug over de rivier geopend\n"
           "2 uur geleden\n"
           "Markt verhuist tijdelijk naar het plein\n"
           "De kramen staan tot de zomer aan de overkant, omdat de straat opnieuw wordt …\n"
           "12 maart 2024\n"
           "Zwembad weer open na renovatie\n"
           "Het bad was een jaar dicht voor een nieuwe vloer en betere ventilatie in de …\n"
           "4 maart 2024\n"
           "Bibliotheek langer open in de examentijd\n"
           "5 uur geleden\n")
    removed = _removed(BODY + run)
    for line in ("Markt verhuist tijdelijk naar het plein", "Zwembad weer open na renovatie",
                 "Bibliotheek langer open in de examentijd"):
        assert removed.get(line) == "teaser.run", line


def test_a_section_takes_a_last_item_with_no_stamp_but_its_snippet():
    block = ("Leia também\n"
             "Nova ciclovia liga o centro à praia\n"
             "há 3 horas\n"
             "Mercado municipal reabre depois das obras\n"
             "há 6 horas\n"
             "Biblioteca alarga o horário na época de exames\n"
             "Os estudantes podem agora ficar até às 22 horas na sala de leitura, que ganhou mais …\n")
    removed = _removed(BODY + block)
    assert removed.get("Biblioteca alarga o horário na época de exames") == "teaser.block"
    assert removed.get("Os estudantes podem agora ficar até às 22 horas na sala de leitura, que ganhou mais …") \
        == "teaser.block"


def test_a_subheading_and_its_paragraph_after_a_section_stay():
    text = ("The harbour board voted on Tuesday to close the old ferry terminal by the end of next year.\n\n"
            "Most read\n"
            "Library extends its opening hours\n"
            "2 hours ago\n"
            "Market square to be pedestrianised\n"
            "5 hours ago\n"
            "What happens to the ferry staff\n"
            "The twelve people who work at the terminal will be offered jobs at the new pier, the board said, and "
            "none of them will lose their pay.\n")
    removed = _removed(text)
    assert "What happens to the ferry staff" not in removed
    assert not any(line.startswith("The twelve people") for line in removed)


def test_a_section_whose_items_open_with_dates_and_bylines_takes_every_item():
    block = ("Da non perdere\n"
             "2 ore fa\n"
             "Il nuovo tram arriva in periferia\n"
             "14 marzo 2024\n"
             "Riapre la piscina comunale dopo i lavori\n"
             "Di Marta Ferri\n"
             "La biblioteca resta aperta fino a tardi\n")
    removed = _removed(BODY + block)
    for line in ("Il nuovo tram arriva in periferia", "Riapre la piscina comunale dopo i lavori",
                 "La biblioteca resta aperta fino a tardi"):
        assert removed.get(line) == "teaser.block", line


def test_a_section_takes_a_last_headline_of_another_story_over_the_article_prose():
    text = ("Der Stadtrat hat am Dienstag beschlossen, das alte Fährterminal bis Ende nächsten Jahres zu schließen.\n\n"
            "Weitere Artikel\n"
            "Bibliothek verlängert die Öffnungszeiten\n"
            "vor 2 Std.\n"
            "Marktplatz wird Fußgängerzone\n"
            "vor 5 Std.\n"
            "Chor der Grundschule gewinnt Landeswettbewerb\n"
            "Die Sanierung des Terminals hätte mehr gekostet als ein Neubau, sagte der Stadtrat, und die Zahl der "
            "Fahrgäste sinkt seit Jahren.\n")
    removed = _removed(text)
    assert removed.get("Chor der Grundschule gewinnt Landeswettbewerb") == "teaser.block"
    assert not any(line.startswith(("Der Stadtrat", "Die Sanierung")) for line in removed)


def test_a_subheading_on_the_articles_subject_after_a_section_stays():
    text = ("El ayuntamiento votó el martes cerrar la vieja terminal de ferris antes de que acabe el año próximo.\n\n"
            "Noticias relacionadas\n"
            "La biblioteca amplía su horario\n"
            "hace 2 horas\n"
            "La plaza del mercado será peatonal\n"
            "hace 5 horas\n"
            "Qué pasará con la terminal de ferris\n"
            "Los doce trabajadores de la terminal recibirán un puesto en el nuevo muelle, según el ayuntamiento.\n")
    removed = _removed(text)
    assert "Qué pasará con la terminal de ferris" not in removed
    assert not any(line.startswith("Los doce trabajadores") for line in removed)


def test_items_stamped_with_their_section_and_author_stand_in_one_run():
    run = ("Nuovo parcheggio alla stazione centrale\n"
           "Cronaca · Giulia Ferraro\n"
           "La squadra di pallavolo vince il derby\n"
           "Il palazzetto era pieno per la partita di domenica sera contro la formazione della città vicina.\n"
           "Sport · Matteo Rinaldi\n"
           "Riapre il museo civico dopo i lavori\n"
           "3 ore fa\n"
           "Mercatino di Natale in piazza\n"
           "6 ore fa\n")
    removed = _removed(BODY + run)
    assert removed.get("Nuovo parcheggio alla stazione centrale") == "teaser.run"
    assert removed.get("Cronaca · Giulia Ferraro") == "teaser.run"
    assert _body_kept(removed)


def test_one_time_among_three_stamped_items_makes_a_run():
    run = ("Nieuwe fietsbrug over het kanaal geopend\n"
           "14 maart 2024\n"
           "Bibliotheek langer open tijdens de examens\n"
           "3 uur geleden\n"
           "Kerstmarkt verhuist naar het plein\n"
           "2 februari 2024 · Stad\n")
    removed = _removed(BODY + run)
    assert removed.get("Nieuwe fietsbrug over het kanaal geopend") == "teaser.run"
    assert removed.get("Kerstmarkt verhuist naar het plein") == "teaser.run"


def test_an_articles_head_with_one_time_among_its_stamps_stays():
    text = ("Harbour board votes to close the ferry terminal\n"
            "By Dana Whitfield\n"
            "14 March 2024\n"
            "Updated 3 hours ago\n"
            + BODY)
    removed = _removed(text)
    assert not any(r.startswith("teaser") for r in removed.values())
    assert _body_kept(removed)


def test_a_run_with_one_duration_counts_the_bylines_of_its_last_items():
    run = ("Neue Radwege für die Innenstadt geplant\n"
           "Meinung · Jonas Keller\n"
           "Wie die Stadtwerke ihre Preise berechnen\n"
           "Podcast · 12 min\n"
           "Handballerinnen steigen in die zweite Liga auf\n"
           "Von Lena Brandt\n")
    removed = _removed(BODY + run)
    assert removed.get("Neue Radwege für die Innenstadt geplant") == "teaser.run"
    assert removed.get("Meinung · Jonas Keller") == "teaser.run"
    assert _body_kept(removed)
