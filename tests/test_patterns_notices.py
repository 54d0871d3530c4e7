"""Live-blog stamps, affiliate disclosures, archive and translation notes, caption cues and event boxes: the
furniture of each language
matches its concept, and article prose with the same words does not (these rules are trusted by the model,
so a match on prose is lost body).

The lines are written here, not copied from the patterns or the zoo wordings.
"""
from __future__ import annotations

import pytest

import cleaner
from cleaner.text.rules.patterns import concept

from .test_patterns_promo import BODY, assert_removed_between_paragraphs, between_paragraphs, concept_cases

# concept -> (furniture lines that match, prose lines that do not)
CASES: dict[str, tuple[list[str], list[str]]] = {
    "live_stamp": (
        ["Updated 4 mins ago", "Posted at 11:52 a.m.", "Key event 9:15am BST", "19:02 GMT · Politics team",
         "Latest update 7.45pm", "3 hours ago", "Pinned post", "Load new posts", "Zuletzt aktualisiert um 16:20 Uhr",
         "Vor 12 Minuten", "Gerade eben", "Mis à jour à 14h05", "Il y a 35 minutes", "Actualizado a las 10:48",
         "Hace 20 minutos", "Aggiornato alle 18:30", "20 minuti fa", "Atualizado às 9h15", "Há 40 minutos",
         "Bijgewerkt om 13.10 uur", "12 minuten geleden", "Net binnen · 08:41"],
        ["The train left at 9:15 and arrived two hours later, the company said.",
         "Updated figures will be published next week.", "3 days ago",
         "Das Spiel begann um 20:15 Uhr vor 40.000 Zuschauern.", "Il y a 35 ans, la ville comptait deux usines.",
         "4.58"]),
    "affiliate": (
        ["This guide contains affiliate links.", "We may earn a small commission when you shop through our links.",
         "As an Amazon Associate we earn from qualifying purchases.", "Affiliate disclosure",
         "Prices were correct at the time of publication.",
         "Dieser Ratgeber enthält Affiliate-Links.", "Bei einem Kauf über diese Links erhalten wir eine kleine Provision.",
         "Cet article contient des liens d'affiliation.", "Nous pouvons percevoir une commission sur vos achats.",
         "Este artículo contiene enlaces de afiliados.", "Podemos recibir una comisión por las compras.",
         "Questo articolo contiene link di affiliazione.", "Potremmo ricevere una commissione sugli acquisti.",
         "Este artigo contém links de afiliados.", "Dit overzicht bevat affiliate links.",
         "Als je iets koopt via onze links, ontvangen we een kleine commissie.",
         # links marked with an asterisk, in each language
         "Les liens signalés par un astérisque sont des liens commerciaux.",
         "Los enlaces señalados con un asterisco son de afiliación.",
         "I link indicati con asterisco sono link di affiliazione.",
         "Os links assinalados com asterisco são links de afiliados.",
         "De links aangeduid met een sterretje zijn affiliate links.",
         # the commission earned when a reader buys through the links, and links of this page that pay
         "Nous pouvons toucher une commission si vous achetez via ces liens.",
         "Recibimos una pequeña comisión cuando compras a través de nuestros enlaces.",
         "Riceviamo una piccola commissione se acquisti tramite questi link.",
         "Recebemos uma comissão quando você compra pelos links desta página.",
         "Sommige links in dit artikel leveren ons een kleine vergoeding op.",
         "Some of the products mentioned in this guide come from our partners.",
         "The Bay Herald participates in several affiliate programs.", "We independently test every product.",
         "Commissions never influence our ratings.", "Our picks are tested by editors. We may earn a commission from links.",
         # the disclosure as a second sentence, the publication named at length, the team that picks
         "Our reviews are honest. When you shop through our links, we may earn a fee.",
         "This guide may contain links to our partners. See our policy.",
         "The Harbour Post deals team selects these products independently.",
         "We might take a small cut of sales made through links on this page.",
         "Disclosure: some links here are affiliate links.",
         "Der Hafenkurier Verlag kann eine kleine Provision erhalten, wenn Sie kaufen.",
         "Le Journal du Port peut percevoir une commission sur vos achats.", "Certains liens de cet article sont affiliés.",
         "El Diario del Puerto puede recibir una comisión por sus compras.",
         "Il Giornale del Porto può ricevere un compenso sugli acquisti.",
         "O Diário do Porto Velho pode receber uma comissão pelas compras.",
         "De Havenkrant kan een kleine vergoeding ontvangen bij aankopen.",
         # prices since publication, picks chosen by the editors, partner links, in several languages
         "Prices accurate at time of writing.", "Pricing may have changed since publishing.",
         "Our experts independently test all the products.", "Partner links", "Editorial disclosure",
         "We receive fees from the retailers we link to.", "Every product we recommend is independently tested.",
         "Our picks are independently selected by editors.",
         "Die Empfehlungen werden redaktionell unabhängig ausgewählt.",
         "Manche Links in diesem Beitrag sind Affiliate-Links.",
         "Les produits ont été choisis de manière indépendante par notre rédaction.",
         "De prijzen kunnen veranderd zijn sinds publicatie.", "Este texto pode conter links de parceiros.",
         "A equipa editorial seleciona produtos de forma independente.",
         "The Harbour Evening Post may earn a fee from links on this page.", "We might make money from links.",
         "We may be compensated when you shop through our links.", "Certain links may be partner links",
         "Our reviews are chosen independently of brands.", "All prices were accurate at the time of publishing.",
         "Prices and availability are subject to change without notice.", "Price correct as of 1 June",
         "View our affiliate policy.", "This page may contain links that make us money.",
         "Links in this story may earn us revenue.", "We get paid if you buy through our links.",
         "Reviews are independent, but we may earn from partner links.", "This site is supported by referral fees."],
        ["Travel agents earn a commission when you buy insurance through them, so ask for a quote elsewhere.",
         "Nous touchons une commission si vous achetez un billet chez nous, a reconnu le patron de l'agence.",
         "Ganamos una comisión si el cliente compra la casa, explicó el agente inmobiliario.",
         "Some of the products featured here are from local farms, the market's manager said.",
         "The insurer participates in affiliate marketing programs with several banks, the regulator said.",
         "The retailer said affiliate marketing now brings in a third of its online sales.",
         "Streamers earn a commission when viewers buy games via affiliate links, the report found.",
         "Der Händler verdient an jedem Kauf über das Portal eine Provision, kritisieren Verbraucherschützer.",
         "De winkel ontvangt een vergoeding van de gemeente voor het project.",
         "El banco central puede recibir una compensación de la UE, dijo el ministro.",
         "Die Bank kann eine Provision erhalten, sagte der Sprecher.",
         "The company said it may earn a commission on each sale under the new deal.",
         "The platform earns a fee on every sale made through its partner links, regulators said."]),
    "archive_notice": (
        ["This article is more than 8 years old", "This story was first published over 4 years ago.",
         "From the archives", "Archived article", "Please note this page is no longer updated.",
         "Dieser Beitrag ist älter als 3 Jahre.", "Aus dem Archiv", "Cet article a plus de 6 ans.",
         "Article d'archives", "Este artículo es de 2015.", "Questo articolo non è più aggiornato.",
         "Esta notícia já não está atualizada.", "Dit artikel is meer dan 5 jaar oud.", "Uit het archief"],
        ["The museum opened its archives to researchers for the first time in 2015.",
         "This article of the constitution is more than 200 years old, the judge noted.",
         "Das Archiv der Stadt wurde 1950 gegründet.",
         "Het archief van de krant gaat terug tot 1890."]),
    "caption_cue": (
        ["Pictured: crowds outside the town hall on Saturday", "File photo of the harbour bridge",
         "In this handout image, rescuers carry a stretcher", "Archivbild: Der Bahnhof im Winter",
         "Photo d'archives du port de Marseille", "Foto de archivo del estadio", "Nella foto: il sindaco con i tifosi",
         "Na foto: o presidente da câmara", "Op de foto: de nieuwe brug in aanbouw",
         # a view of a place, a noun phrase standing alone, in each language
         "View across the harbour at dawn.", "Blick über den Marktplatz am Abend.", "Vue du quai depuis la gare.",
         "Vista nocturna de la plaza mayor.", "Veduta del lungomare di Napoli.", "Uitzicht over de haven van Harlingen.",
         "Vista geral da praça do comércio."],
        ["The picture shows how much the town has changed, she said.",
         "Photographers waited outside the court for hours.",
         "Das Foto zeigt nicht die ganze Wahrheit, sagte der Anwalt.",
         "A view of the case, she said, is that the council waited too long.",
         "Blick auf die Zahlen: Die Stadt hat im Jahr 2023 mehr ausgegeben.", "Vista de lejos, la torre parece pequeña.",
         "Blick in die Redaktion"]),
    "translation_notice": (
        ["Translated from the Portuguese by Ana Lima", "This interview was machine-translated.",
         "Read the original in Spanish", "Aus dem Französischen übersetzt von Jonas Weber",
         "Traduit de l'anglais par Claire Morel", "Traducido del inglés por Marta Gil", "Tradotto dal tedesco da Luca Neri",
         "Traduzido do inglês por Rui Costa", "Vertaald uit het Engels door Eva Smit", "Nederlandse bewerking: Tom Bos"],
        ["The novel was translated into 30 languages and sold a million copies.",
         "Der Roman wurde in 20 Sprachen übersetzt.", "Het boek werd vertaald door een bekende schrijver uit Gent.",
         "Available in: Most countries."]),
    "event_cta": (
        ["Book your seat", "Get your tickets now", "Add to calendar", "Limited places available", "Jetzt anmelden",
         "Réservez vos places", "Inscríbete aquí", "Prenota il tuo posto", "Inscreva-se já", "Meld je nu aan"],
        ["Tickets for the match sold out within an hour, the club said.",
         "Die Anmeldung für die Kita beginnt im März."]),
    "advert": (
        ["Article continues below this advertisement", "Report this ad", "Ad loading...",
         "Werbung ausblenden", "Lire sans publicité", "Espacio publicitario", "Leggi senza pubblicità",
         "Espaço publicitário", "Waarom zie ik deze advertentie?"],
        ["The advertisement ran in three newspapers.", "Werbung im Fernsehen ist teuer."]),
    "newsletter": (
        ["Join our free weekly briefing on climate", "Sign up here to get the morning email",
         "Stay in the know: subscribe to our newsletter", "You're subscribed!"],
        ["The newsletter, which started in 1998, now has more than 40,000 readers across the province.",
         "She signed up for the course in September."]),
    "ai_generated": (
        ["The highlights above were generated by AI and checked by our editors.",
         "An AI tool was used to translate this article from German."],
        ["AI-generated clips may need manual tweaking, the reviewer found.",
         "The essay was written by a student, not by an AI, the teacher said."]),
}


@pytest.mark.parametrize(("name", "line"), concept_cases(CASES, 0))
def test_furniture_line_matches_its_concept(name, line):
    assert concept(name).match(line) is not None, (name, line)


@pytest.mark.parametrize(("name", "line"), concept_cases(CASES, 1))
def test_prose_with_the_same_words_does_not_match(name, line):
    assert concept(name).match(line) is None, (name, line)


@pytest.mark.parametrize(("line", "rule"), [
    ("Updated 12 minutes ago", "live.timestamp"),
    ("Aktualisiert um 9.40 Uhr · Lena Vogt", "live.timestamp"),
    ("Hace 15 minutos", "live.timestamp"),
    ("Some links in this guide are affiliate links.", "notice.affiliate"),
    ("Sommige links in dit artikel zijn affiliate links.", "notice.affiliate"),
    ("This story is more than 6 years old", "notice.archive"),
    ("Questo articolo è del 2014.", "notice.archive"),
    ("Pictured: the library's reading room in 1962", "meta.caption"),
    ("Translated from the Dutch by Sara Hale", "notice.translation"),
    ("Tradotto dall'inglese da Paolo Conti", "notice.translation"),
])
def test_the_rule_removes_the_line_and_keeps_the_body(line, rule):
    assert_removed_between_paragraphs(line, rule)


@pytest.mark.parametrize("line", [
    "Must-read: Why the harbour ferry keeps breaking down", "Go deeper | The fight over the bypass",
    "Lesetipp: Warum die Fähre ständig ausfällt", "Pour aller plus loin : Le combat pour la rocade",
    "Sigue leyendo: Por qué el ferry se avería", "Per approfondire: La battaglia per la tangenziale",
    "Continue a ler: A luta pela circular", "Leestip: Waarom de veerboot steeds uitvalt",
])
def test_an_inline_link_to_another_story_is_removed(line):
    result = between_paragraphs(line, cleaner.Config(use_model=False))
    assert line not in result.text and "teaser.inline" in {r.rule for r in result.removed}
    assert "move its collection" in result.text and "not been asked" in result.text


@pytest.mark.parametrize("line", ["Also: The council voted 5-2 to approve the plan.",
                                  "See: the appendix for the full figures", "Lees: het advies van de commissie."])
def test_a_sentence_after_a_reading_word_is_no_inline_teaser(line):
    assert line in between_paragraphs(line, cleaner.Config(use_model=False)).text


@pytest.mark.parametrize(("line", "caption", "credit"), [
    ("Dockers unload grain at the old quay. Rui Matos/AP Photo", "Dockers unload grain at the old quay.", "Rui Matos/AP Photo"),
    ("Dockers unload grain at the old quay. Rui Matos / The Associated Press", "Dockers unload grain at the old quay.",
     "Rui Matos / The Associated Press"),
    ("Hafenarbeiter entladen Getreide am Kai. Foto: privat", "Hafenarbeiter entladen Getreide am Kai.", "Foto: privat"),
    ("(3/7) Dockers unload grain at the old quay.", "Dockers unload grain at the old quay.", None),
    ("Photo 3 of 7: Dockers unload grain at the old quay.", "Dockers unload grain at the old quay.", None),
    ("Bild 3 von 7: Hafenarbeiter entladen Getreide.", "Hafenarbeiter entladen Getreide.", None),
    ("Foto 3 van 7: Havenarbeiders lossen graan.", "Havenarbeiders lossen graan.", None),
    ("Imagen 3 de 7: Estibadores descargan grano.", "Estibadores descargan grano.", None),
    ("Dockers unload grain at the old quay. Photograph: Rui Matos/The Herald", "Dockers unload grain at the old quay.",
     "Photograph: Rui Matos/The Herald"),
    ("Havenarbeiders lossen graan. Foto ANP", "Havenarbeiders lossen graan.", "Foto ANP"),
    ("Dockers unload grain at the old quay. Courtesy of the Harbour Trust", "Dockers unload grain at the old quay.",
     "Courtesy of the Harbour Trust"),
    ("Estibadores descargan grano. Fotografía: Rui Matos", "Estibadores descargan grano.", "Fotografía: Rui Matos"),
    ("Scaricatori al porto. Foto di Rui Matos", "Scaricatori al porto.", "Foto di Rui Matos"),
])
def test_a_caption_with_its_credit_or_gallery_counter_moves_to_metadata(line, caption, credit):
    result = between_paragraphs(line, cleaner.Config(use_model=False))
    assert line not in result.text and "move its collection" in result.text
    assert result.metadata.image_caption == caption and result.metadata.image_credit == credit


@pytest.mark.parametrize("line", [
    "The council will review the plan. Source: a spokesman told reporters the plan was dead.",
    "The council will review the plan. Source: The figures were published by the ministry in May and June."])
def test_a_sentence_after_a_source_label_is_no_credit(line):
    assert line in between_paragraphs(line, cleaner.Config(use_model=False)).text


@pytest.mark.parametrize("line", ["9/11 Survivors gathered at the memorial on Sunday.",
                                  "12/5 Voters go to the polls in the first round."])
def test_a_date_opening_a_sentence_is_no_gallery_counter(line):
    assert line in between_paragraphs(line, cleaner.Config(use_model=False)).text


@pytest.mark.parametrize("box", [
    "Upcoming event\nHarbour Futures Forum\n14 June 2025 · Brighton\nBook your seat",
    "Webinar: Heizen ohne Gas\n12.03.2025, 18:00 Uhr\nKostenlos teilnehmen",
    "Rencontre lecteurs\nLe port de demain\nRéservez vos places",
    "Lezersavond over de haven\nWaar: Stadsschouwburg Zwolle\nMeld je aan",
])
def test_an_event_box_is_removed_and_the_body_kept(box):
    result = between_paragraphs(box, cleaner.Config(use_model=False))
    for line in box.splitlines():
        assert line not in result.text
    assert "promo.event" in {r.rule for r in result.removed}
    assert "move its collection" in result.text and "not been asked" in result.text


@pytest.mark.parametrize("box", [
    "Be there: Harbour Lights Gala\n3 March 2026\nSign up",
    "Stadtgespräch Wohnen\nMittwoch, 4. Juni 2025 in Kassel\nJetzt anmelden",
    "Debate sobre vivienda\nCon Lucía Ortega\n12 de mayo de 2025",
])
def test_an_event_box_goes_whole_when_a_line_of_it_was_taken_first(box):
    """The box's call to sign up (a newsletter prompt, a link) or its date (the story's, to the date rule) taken
    by an earlier rule still holds the box together: its name and place go with them."""
    result = between_paragraphs(box, cleaner.Config(use_model=False))
    for line in box.splitlines():
        assert line not in result.text
    assert "promo.event" in {r.rule for r in result.removed}
    assert "move its collection" in result.text and "not been asked" in result.text


def test_a_menu_with_a_sign_up_link_is_no_event_box():
    """'Forum' names an event, 'Sign up' calls to act; with nothing saying when or where, a menu holding them
    is no event box."""
    result = between_paragraphs("Shop\nForum\nSign up\nAbout us", cleaner.Config(use_model=False))
    assert "promo.event" not in {r.rule for r in result.removed}


@pytest.mark.parametrize("head", [
    "Sign In\nSign Up\nThe best tutoring franchises of 2024\nSeptember 1st, 2023 By Emily Norwood",
    "Blog\nHow to plan a five-star tour package\nCharlotte Gannon • November 4th, 2025\nRead more",
    "Anmelden\nRegistrieren\nDie besten Wanderwege im Harz\n4. November 2025 von Jana Roth",
])
def test_a_story_head_under_a_menus_sign_up_is_no_event_box(head):
    """A menu's 'Sign up' (taken as the menu) or a 'Read more' link, with the story's dated byline below: no event."""
    result = between_paragraphs(head, cleaner.Config(use_model=False))
    assert "promo.event" not in {r.rule for r in result.removed}


def test_a_page_of_events_keeps_its_events():
    """Many boxes are a listing, the page's own content: the rule takes none of them."""
    boxes = [f"Tasting evening {k}\nWhere: Old Mill, Bridge Street\n{k + 3} May 2025, 19:00\nBook your seat"
             for k in range(1, 5)]
    result = between_paragraphs("\n\n".join(boxes), cleaner.Config(use_model=False))
    assert "promo.event" not in {r.rule for r in result.removed}


@pytest.mark.parametrize(("line", "day"), [("Verschenen op 19-2-24, 10.15 uur", "2024-02-19"),
                                           ("Aktualisiert: 03.04.21", "2021-04-03")])
def test_a_date_line_with_a_two_digit_year_moves_to_metadata(line, day):
    result = between_paragraphs(line, cleaner.Config(use_model=False))
    assert line not in result.text and day in (result.metadata.date, result.metadata.updated)


@pytest.mark.parametrize(("line", "day"), [
    ("dinsdag 4 maart 2025 | 09:40", "2025-03-04"), ("za 8 mrt 2025, 10:00", "2025-03-08"),
    ("7 maart 2025, 16u20", "2025-03-07"), ("4 March 2025 | Business", "2025-03-04"),
    ("Originally published March 4, 2025", "2025-03-04"), ("Zuletzt bearbeitet am 04.03.2025", "2025-03-04"),
    ("Paru le 4 mars 2025", "2025-03-04"), ("Ultima modifica 4 marzo 2025", "2025-03-04"),
    ("Aangepast op 4 maart 2025", "2025-03-04"), ("Update: 4 maart 2025 - 09:40", "2025-03-04"),
])
def test_a_date_line_with_a_time_a_section_or_its_label_moves_to_metadata(line, day):
    result = between_paragraphs(line, cleaner.Config(use_model=False))
    assert line not in result.text and day in (result.metadata.date, result.metadata.updated)


def test_a_date_beside_a_sentence_is_no_date_line():
    line = "4 March 2025 | The council voted to close the library."
    assert line in between_paragraphs(line, cleaner.Config(use_model=False)).text


# Audio players, consent banners and disclaimers in forms the older patterns missed (own wordings).
NOTICES = [
    ("tts_notice", "This story was converted to audio by software."), ("tts_notice", "Synthetic voice reading: names may be off."),
    ("tts_notice", "Pause audio"), ("tts_notice", "Want this story read to you?"),
    ("tts_notice", "Narration powered by Harbour Voice Labs"), ("tts_notice", "Automatisch erzeugte Sprachausgabe"),
    ("tts_notice", "Beitrag abspielen"), ("tts_notice", "Hören statt lesen: die Audiofassung"),
    ("tts_notice", "Lancer la lecture audio"), ("tts_notice", "Escuchar en vez de leer"),
    ("tts_notice", "Avvia la riproduzione"), ("tts_notice", "Ouvir em vez de ler"), ("tts_notice", "Luisteren in plaats van lezen"),
    ("cookie", "We respect your privacy"), ("cookie", "Privacy settings"), ("cookie", "Do not sell my personal data"),
    ("cookie", "Reject all"), ("cookie", "Mit Klick auf „Zustimmen“ willigen Sie in die Nutzung ein."),
    ("cookie", "Alle ablehnen"), ("cookie", "Dieses Video wird erst nach Ihrer Zustimmung geladen."),
    ("cookie", "Continuer sans accepter"), ("cookie", "Rechazar todas"), ("cookie", "Accetta e chiudi"),
    ("cookie", "Rejeitar tudo"), ("cookie", "Alles weigeren"), ("cookie", "Cookie-instellingen beheren"),
    ("disclaimer", "Die Inhalte ersetzen keine ärztliche Beratung."),
    ("disclaimer", "Namentlich gekennzeichnete Kommentare geben nicht die Meinung der Redaktion wieder."),
    ("disclaimer", "Les propos tenus dans cette chronique n'engagent que leur auteur."),
    ("disclaimer", "Esto no es asesoramiento financiero."), ("disclaimer", "Il Foglio del Porto non è responsabile dei contenuti esterni."),
    ("disclaimer", "Isto não é aconselhamento médico."),
    ("tags_line", "Topics: Harbour, Ferries, Local politics"), ("tags_line", "Filed under Transport | Council"),
    ("tags_line", "Schlagwörter: Hafen, Fähre"), ("tags_line", "Mots-clés : port, ferry"), ("tags_line", "Etiquetas: puerto, ferry"),
    ("tags_line", "Argomenti: porto, traghetti"), ("tags_line", "Assuntos: porto, ferries"), ("tags_line", "Trefwoorden: haven, veerpont"),
]
PROSE = [
    ("tts_notice", "The band will play the new album in full at the festival."),
    ("tts_notice", "Automatic voice recognition has improved, researchers said on Monday."),
    ("cookie", "Privacy campaigners said the law did not go far enough."),
    ("cookie", "Reject all offers that seem too good to be true, the police advised."),
    ("disclaimer", "Die Inhalte des Gesetzes ersetzen keine Verordnung, sagte die Ministerin."),
    ("tags_line", "Topics: the council voted to close the harbour office."),
    ("tags_line", "Thema: Die Stadt plant eine neue Brücke über den Fluss."),
]


@pytest.mark.parametrize(("name", "line"), NOTICES)
def test_a_notice_matches_its_concept(name, line):
    assert concept(name).match(line) is not None


@pytest.mark.parametrize(("name", "line"), PROSE)
def test_prose_with_a_notice_s_words_does_not_match(name, line):
    assert concept(name).match(line) is None


def test_a_score_is_no_date():
    assert "Final score: 3-1-21" in cleaner.clean(BODY + "Final score: 3-1-21\n\n" + BODY,
                                                  config=cleaner.Config(use_model=False)).text


def test_a_timetable_of_times_is_no_live_stamp():
    """Stamps next to each other are a schedule, not the stamp of a live entry: they stay."""
    schedule = "09:30 – Welcome\n10:15 – Panel on housing\n11:00 – Coffee"
    result = between_paragraphs(schedule, cleaner.Config(use_model=False))
    assert "10:15 – Panel on housing" in result.text


@pytest.mark.parametrize("line", ["Nachdruck nur mit schriftlicher Genehmigung des Verlags",
                                  "TAGESPOST 14/2023 Vervielfältigung und Verbreitung nur mit Genehmigung",
                                  "Jede Weiterverbreitung ist untersagt.", "Alle Texte dieser Seite sind urheberrechtlich geschützt"])
def test_a_german_copyright_line_is_copyright(line):
    assert concept("copyright").match(line)


@pytest.mark.parametrize("line", ["Der Nachdruck mit Genehmigung des Autors erschien 1954 im Verlag seines Bruders.",
                                  "Die Weitergabe ist verboten, sagte der Richter am Montag.",
                                  "Die Verwendung mit Zustimmung der Eltern ist erlaubt, sagte die Lehrerin."])
def test_german_prose_about_reprints_is_no_copyright_line(line):
    assert not concept("copyright").match(line)
