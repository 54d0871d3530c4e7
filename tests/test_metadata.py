"""Metadata users can trust: dates in seven languages (day-first included), bylines read into person
names, one normal form, every metadata verdict kept, and text dumps' title/byline/date lines found.

The wordings here are written for these tests: none is in the seeds, the pattern data or the zoo.
"""
from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cleaner
from cleaner.config import Config
from cleaner.document import Block, Decision, Label, Metadata, Verdict
from cleaner.text.bylines import byline_authors, clean_authors, read_byline, read_handle
from cleaner.text.dates import day_first, is_date_line, normalize, parse_date, read_date
from cleaner.text import meta_tagger
from cleaner.text.metadata import field_of, from_decisions, normalize as normal_form, put
from cleaner.text.meta_tagger import site_owner
from cleaner.text.names import has_given_name

from .conftest import BODY as PARAGRAPHS


@pytest.mark.parametrize("text, language, day, stamp", [
    ("Mise en ligne : mercredi 9 avril 2025 à 17h05", "fr", "2025-04-09", "2025-04-09T17:05"),
    ("Sevilla, 21 nov. 2024 - 08:40", "es", "2024-11-21", "2024-11-21T08:40"),
    ("Stand: 07.03.2024, 06:15 Uhr", "de", "2024-03-07", "2024-03-07T06:15"),
    ("Pubblicato il 2 febbraio 2023 alle 11:20", "it", "2023-02-02", "2023-02-02T11:20"),
    ("Atualizado em 14 de outubro de 2022, às 19h45", "pt", "2022-10-14", "2022-10-14T19:45"),
    ("Geplaatst op 30 mrt 2021 om 10.05", "nl", "2021-03-30", "2021-03-30T10:05"),
    ("Filed Oct. 3, 2020, 6:45 p.m. UTC", "en", "2020-10-03", "2020-10-03T18:45+00:00"),
])
def test_date_lines_in_seven_languages_give_the_day_and_the_time(text, language, day, stamp):
    assert read_date(text, language) == (day, stamp)


@pytest.mark.parametrize("text, language, day", [
    ("04/05/2023", "fr", "2023-05-04"),  # day first in French...
    ("04/05/2023", "en", "2023-04-05"),  # ...month first in English
    ("04/05/2023", "it", "2023-05-04"),
    ("04-05-2023", "nl", "2023-05-04"),
    ("04/05/2023", "pt", "2023-05-04"),
    ("04/05/2023", "es", "2023-05-04"),
    ("25/05/2023", "en", "2023-05-25"),  # a first number above 12 can only be the day
    ("04.05.2023", "en", "2023-05-04"),  # dotted dates are day first everywhere
    ("4. 5. 2023", "en", "2023-05-04"),  # also with a space after each dot ('14. 01. 2020, 13:47')
    ("Erschienen am 21. 03. 2019", "de", "2019-03-21"),
    ("vydáno 7. 11. 2022 v 9:30", None, "2022-11-07"),
    ("2023/5/4", None, "2023-05-04"),
])
def test_all_number_dates_follow_the_languages_day_month_order(text, language, day):
    assert parse_date(text, language) == day


@pytest.mark.parametrize("text", ["Seite 3. 5. 2021x", "Punkte 4. 5.2023", "Kapitel 2. 10. 20231"])
def test_spaced_dots_read_as_a_date_only_when_both_are_spaced_alike_and_a_year_ends_it(text):
    assert parse_date(text, "de") is None


def test_day_first_languages():
    assert [day_first(lang) for lang in ("en", "de", "fr", "es", "it", "pt", "nl")] == [False] + [True] * 6
    assert day_first("pt-BR") and not day_first(None)


@pytest.mark.parametrize("text, language", [
    ("Dienstag, 3. September 2024", "de"), ("sábado, 7 de diciembre de 2024", "es"), ("giovedì 5 dicembre 2024", "it"),
    ("quinta-feira, 5 de dezembro de 2024", "pt"), ("donderdag 5 december 2024", "nl"), ("jeudi 5 décembre 2024", "fr"),
    ("Thursday 5 December 2024, 9:10am GMT", "en"),
])
def test_bare_date_lines_with_weekdays(text, language):
    assert is_date_line(text, language)
    assert not is_date_line(f"The council met on {text} to vote on the budget for next year", language)


@pytest.mark.parametrize("value, day, stamp", [
    ("2025-12-05T11:00:22.000Z", "2025-12-05", "2025-12-05T11:00:22Z"),
    ("2024-06-30T23:15:00+02:00", "2024-06-30", "2024-06-30T23:15:00+02:00"),
    ("Mon, 02 Jun 2025 08:30:00 GMT", "2025-06-02", "2025-06-02T08:30:00+00:00"),
    ("2024-06-30", "2024-06-30", None),
    ("not a date", None, None),
])
def test_markup_dates_become_a_day_and_a_timestamp(value, day, stamp):
    assert normalize(value) == (day, stamp)


@pytest.mark.parametrize("line, names, publisher", [
    ("By: Harriet Okafor (h.okafor@example.net)", ["Harriet Okafor"], None),
    ("Tomás Ibarra | Lakeside Evening Herald", ["Tomás Ibarra"], "Lakeside Evening Herald"),
    ("BY MIRIAM KOWALCZYK AND DEV PATEL, Associated Press", ["Miriam Kowalczyk", "Dev Patel"], "Associated Press"),
    ("Von Friederike Albers und Ole Hansen (dpa)", ["Friederike Albers", "Ole Hansen"], "dpa"),
    ("Par Anne-Sophie Leclerc, correspondante à Lyon", ["Anne-Sophie Leclerc"], None),
    ("Por Lucía Fernández Ortega - EFE", ["Lucía Fernández Ortega"], "EFE"),
    ("Di Marco Bellini e Chiara Donati", ["Marco Bellini", "Chiara Donati"], None),
    ("Por Joana Ribeiro, repórter", ["Joana Ribeiro"], None),
    ("Door Sanne de Vries en Bram Jansen", ["Sanne de Vries", "Bram Jansen"], None),
    ("Written by Keisha Moreland, MPH, RD", ["Keisha Moreland"], None),
    ("@quietharbor", [], None),
    # the reading time written after the name is none of it
    ("By Odalys Fairweather 15 min read", ["Odalys Fairweather"], None),
    ("Von Henrike Sommerfeld Lesezeit: 4 Min.", ["Henrike Sommerfeld"], None),
    ("Par Clémence Marchadier 6 min de lecture", ["Clémence Marchadier"], None),
    ("Door Marloes Hoekstra leestijd 3 minuten", ["Marloes Hoekstra"], None),
])
def test_bylines_are_read_into_person_names_and_a_publisher(line, names, publisher):
    found = read_byline(line)
    assert found.authors == names
    assert found.publisher == publisher


@pytest.mark.parametrize("line, names, publisher", [
    # a publisher in capitals after the name, or as a part of its own after names in mixed case
    ("Odalys Fairweather GAZETTE WEEKLY", ["Odalys Fairweather"], "GAZETTE WEEKLY"),
    ("Par Clémence Marchadier LE PROGRÈS", ["Clémence Marchadier"], "LE PROGRÈS"),
    ("Von Friederike Albers RHEIN-KURIER", ["Friederike Albers"], "RHEIN-KURIER"),
    ("By Harriet Okafor, LAKESIDE HERALD", ["Harriet Okafor"], "LAKESIDE HERALD"),
    ("Door Sanne de Vries, HET NOORDERBLAD", ["Sanne de Vries"], "HET NOORDERBLAD"),
    # ... but a name all in capitals, a surname in capitals after given names, a credential or a generation
    # are no publisher
    ("HARRIET OKAFOR", ["Harriet Okafor"], None),
    ("BY MIRIAM KOWALCZYK, DEV PATEL", ["Miriam Kowalczyk", "Dev Patel"], None),
    ("Anna Maria LANFRANCHI", ["Anna Maria Lanfranchi"], None),
    ("Keisha Moreland MPH", ["Keisha Moreland"], None),
    ("Tomás Ibarra III", ["Tomás Ibarra III"], None),
    # a name-shaped part after the author that names an organisation (not when it opens with a given name)
    ("By Harriet Okafor, Lakeside Today", ["Harriet Okafor"], "Lakeside Today"),
    ("Von Ole Hansen, Ostholsteiner Rundschau", ["Ole Hansen"], "Ostholsteiner Rundschau"),
    ("Par Paul Girard et Anne Roux, Université de Tours", ["Paul Girard", "Anne Roux"], "Université de Tours"),
    ("Por Diego Ortega, Diario Sierra Norte", ["Diego Ortega"], "Diario Sierra Norte"),
    ("Di Chiara Donati, Gazzetta Valdostana", ["Chiara Donati"], "Gazzetta Valdostana"),
    ("Por Pedro Antunes, Jornal do Minho", ["Pedro Antunes"], "Jornal do Minho"),
    ("Door Bram Jansen, Dagblad Oostrand", ["Bram Jansen"], "Dagblad Oostrand"),
    ("By Harriet Okafor, Emily Press", ["Harriet Okafor", "Emily Press"], None),
    # an affiliation after the name (whom the author writes for) is neither
    ("12 March 2024 · Tomás Ibarra on behalf of Harbour Trust", ["Tomás Ibarra"], None),
    ("Friederike Albers im Auftrag der Stadtwerke Kiel", ["Friederike Albers"], None),
    ("Clémence Marchadier au nom du Collectif Loire", ["Clémence Marchadier"], None),
    ("Inmaculada Roldán en nombre de la Fundación Aire", ["Inmaculada Roldán"], None),
    ("Beatrice Lanfranchi per conto della Pro Loco", ["Beatrice Lanfranchi"], None),
    ("Inês Vasconcelos em nome da Associação Tejo", ["Inês Vasconcelos"], None),
    ("Marloes Hoekstra namens Stichting Duinrand", ["Marloes Hoekstra"], None),
    ("This feature was written on behalf of Harbour Trust.", [], None),
])
def test_a_publisher_or_affiliation_after_the_name_is_no_author(line, names, publisher):
    found = read_byline(line)
    assert (found.authors, found.publisher) == (names, publisher)
    assert byline_authors(line) == names


@pytest.mark.parametrize("line, names", [
    # page controls printed after the name
    ("By Odalys Fairweather Share Print", ["Odalys Fairweather"]),
    ("By Harriet Okafor Read E-Edition", ["Harriet Okafor"]),
    ("Von Ole Hansen Folgen", ["Ole Hansen"]),
    ("Par Clémence Marchadier Partager", ["Clémence Marchadier"]),
    ("Por Lucía Fernández Compartir", ["Lucía Fernández"]),
    ("Di Marco Bellini Condividi", ["Marco Bellini"]),
    ("Por Joana Ribeiro Ouvir", ["Joana Ribeiro"]),
    ("Door Bram Jansen Delen", ["Bram Jansen"]),
    ("By Glenn Close", ["Glenn Close"]),  # (a surname that is a control word: one word before it is no name)
    # a co-author joined by 'with'
    ("By Harriet Okafor with Dev Patel", ["Harriet Okafor", "Dev Patel"]),
    ("Von Friederike Albers mit Ole Hansen", ["Friederike Albers", "Ole Hansen"]),
    ("Par Anne-Sophie Leclerc avec Paul Girard", ["Anne-Sophie Leclerc", "Paul Girard"]),
    ("Por Lucía Fernández con Diego Ortega", ["Lucía Fernández", "Diego Ortega"]),
    ("Di Marco Bellini con Chiara Donati", ["Marco Bellini", "Chiara Donati"]),
    ("Por Joana Ribeiro com Pedro Antunes", ["Joana Ribeiro", "Pedro Antunes"]),
    ("Door Sanne de Vries met Bram Jansen", ["Sanne de Vries", "Bram Jansen"]),
    ("By signing up with Tessaly you agree", []),
    # the word joining the name to its date, and a reading time after a dash
    ("Posted by Harriet Okafor on 3 March 2024", ["Harriet Okafor"]),
    ("Von Ole Hansen am 4. Mai 2023", ["Ole Hansen"]),
    ("Par Paul Girard le 12 mai 2023", ["Paul Girard"]),
    ("Por Diego Ortega el 5 de mayo de 2023", ["Diego Ortega"]),
    ("Di Chiara Donati il 7 giugno 2023", ["Chiara Donati"]),
    ("Por Pedro Antunes em 9 de junho de 2023", ["Pedro Antunes"]),
    ("Door Bram Jansen op 2 juni 2023", ["Bram Jansen"]),
    ("Reader Mailbag: On 3 March 2024, we asked", []),
    ("by Odalys Fairweather —7 min read", ["Odalys Fairweather"]),
])
def test_words_around_the_name_are_not_part_of_it(line, names):
    assert read_byline(line).authors == names
    assert byline_authors(line) == names


@pytest.mark.parametrize("line, name", [
    ("Thread starter Harriet Okafor", "Harriet Okafor"),
    ("Started by Odalys Fairweather, 3 March 2024, 9:14 AM", "Odalys Fairweather"),
    ("Themenstarter Friederike Albers", "Friederike Albers"),
    ("Auteur du sujet Clémence Marchadier", "Clémence Marchadier"),
    ("Iniciado por Diego Ortega", "Diego Ortega"),
    ("Aperto da Chiara Donati", "Chiara Donati"),
    ("Autor do tópico Pedro Antunes", "Pedro Antunes"),
    ("Topicstarter Bram Jansen", "Bram Jansen"),
])
def test_a_forum_names_the_threads_starter_as_its_author(line, name):
    assert read_byline(line).authors == [name]
    assert byline_authors(line) == [name]


@pytest.mark.parametrize("line, handle", [
    ("quietharbor42 Discussion starter", "quietharbor42"),
    ("Thread starter quietharbor42", "quietharbor42"),
    ("Tiefseetaucher Themenstarter", "Tiefseetaucher"),
    ("the Discussion starter", None),
    ("quiet harbor Discussion starter", None),
])
def test_a_user_name_labelled_as_the_threads_starter_is_read(line, handle):
    assert read_handle(line) == handle


@pytest.mark.parametrize("line, name", [
    ("Authors: Harriet Okafor", "Harriet Okafor"),
    ("Autorin: Friederike Albers", "Friederike Albers"),
    ("Auteure : Clémence Marchadier", "Clémence Marchadier"),
    ("Autora: Inmaculada Roldán", "Inmaculada Roldán"),
    ("Autrice: Beatrice Lanfranchi", "Beatrice Lanfranchi"),
    ("Autores: Inês Vasconcelos", "Inês Vasconcelos"),
    ("Auteurs: Marloes Hoekstra", "Marloes Hoekstra"),
])
def test_an_author_field_label_opens_a_byline_in_seven_languages(line, name):
    assert read_byline(line).authors == [name]


@pytest.mark.parametrize("name, given", [
    ("Harriet Okafor", True), ("J. Tomás Ibarra", True), ("Friederike Albers", True), ("Beatrice Lanfranchi", True),
    ("Key Takeaways", False), ("Installing Raised Beds", False), ("Pflanzen Gießen", False), ("Préparer Le Sol", False),
])
def test_a_person_opens_with_a_given_name_a_heading_does_not(name, given):
    assert has_given_name(name) is given


@pytest.mark.parametrize("label", [
    "Recipe Box Settings", "Order Number", "Meine Kommentare", "Taille Unique", "Carrito Vacío",
    "Prodotti Correlati", "Minha Conta", "Mijn Winkelwagen",
])
def test_a_page_control_or_field_label_names_no_author_in_seven_languages(label):
    assert clean_authors([label], no_labels=True) == ([], None)
    assert clean_authors([f"By {label}"], no_labels=True) == ([], None)


@pytest.mark.parametrize("name", ["Harriet Okafor", "Clémence Marchadier", "Inês Vasconcelos", "Marloes Hoekstra"])
def test_a_name_beside_a_page_control_is_still_an_author(name):
    assert clean_authors([f"By {name} Share"], no_labels=True) == ([name], None)


def test_author_values_keep_a_name_written_otherwise():
    assert clean_authors(["Maria & Katerina"]) == (["Maria & Katerina"], None)
    assert clean_authors(["By Staff Reporter"]) == ([], None)


def test_normal_form():
    meta = normal_form(Metadata(date="2025-12-05T11:00:22.000Z", updated="December 9, 2025 4:05 pm",
                                author="By: Joshua Pell (jpell@example.org)",
                                authors=["By: Joshua Pell (jpell@example.org)", "Ruth Amsel | Harbor Daily"]))
    assert (meta.date, meta.date_time) == ("2025-12-05", "2025-12-05T11:00:22Z")
    assert (meta.updated, meta.updated_time) == ("2025-12-09", "2025-12-09T16:05")
    assert meta.authors == ["Joshua Pell", "Ruth Amsel"] and meta.author == "Joshua Pell"
    assert meta.publisher == "Harbor Daily"


@pytest.mark.parametrize("rule, field", [
    ("model.meta.title", "title"), ("model.meta.byline", "authors"), ("model.meta.date", "date"),
    ("model.meta.updated", "updated"), ("model.meta.caption", "image_caption"), ("model.meta.credit", "image_credit"),
    ("model.meta.section", "section"), ("model.meta.kicker", "section"), ("model.bio.section", "author_bio"),
    ("meta.dateline", "dateline"), ("bio.section", "author_bio"),
])
def test_metadata_classes_name_their_field(rule, field):
    assert field_of(rule) == field


def test_nothing_labelled_metadata_is_dropped():
    """Verdicts that carry only their line's text (the learned model's) land in their fields."""
    lines = ["Flood barriers hold as river peaks", "By Ines Calloway and Pete Marr", "March 14, 2024 at 6:02 pm",
             "Sandbags line the quay at dawn.", "Ines Calloway covers the coast for the Tribune.",
             "The river crested overnight without breaching the town's defences, officials said on Thursday."]
    classes = ["model.meta.title", "model.meta.byline", "model.meta.date", "model.meta.caption", "model.bio.section",
               None]
    blocks = [Block(i, i + 1, text, i) for i, text in enumerate(lines)]
    decisions = [Decision([Verdict(c, Label.METADATA, "learned", facts={"text": t})] if c else [])
                 for c, t in zip(classes, lines)]
    meta = from_decisions(blocks, decisions, "en")
    assert meta.title == lines[0]
    assert meta.authors == ["Ines Calloway", "Pete Marr"]
    assert (meta.date, meta.date_time) == ("2024-03-14", "2024-03-14T18:02")
    assert meta.image_caption == lines[3] and meta.author_bio == lines[4]


BODY = {
    "en": ("The harbour authority approved the dredging plan on Tuesday after months of objections from "
           "fishing crews, who feared the work would drive away the spring shoals. The plan now goes to the "
           "regional council, which is expected to decide before the summer season begins."),
    "de": ("Der Gemeinderat hat am Dienstag nach monatelangem Streit den Ausbau der Uferpromenade beschlossen. "
           "Die Anwohner hatten befürchtet, dass die Bauarbeiten den Sommer über den Zugang zum See versperren "
           "würden, doch die Stadt sagte zu, die Arbeiten in zwei Abschnitten auszuführen."),
    "fr": ("Le conseil municipal a validé mardi le projet de réaménagement des quais, après des mois de débats "
           "avec les associations de riverains. Les travaux commenceront à l'automne et dureront deux ans, "
           "selon le calendrier présenté par la mairie lors de la séance publique."),
    "es": ("El ayuntamiento aprobó el martes el plan para renovar el paseo marítimo tras meses de protestas de "
           "los vecinos, que temían perder el acceso a la playa durante el verano. Las obras comenzarán en "
           "otoño y se harán por tramos para no cortar el paso a los bañistas."),
    "it": ("Il consiglio comunale ha approvato martedì il progetto di rifacimento del lungolago, dopo mesi di "
           "proteste dei residenti che temevano di perdere l'accesso alla spiaggia durante l'estate. I lavori "
           "inizieranno in autunno e saranno divisi in due fasi per non chiudere il passaggio."),
    "pt": ("A câmara municipal aprovou na terça-feira o projeto de requalificação da marginal, depois de meses "
           "de protestos dos moradores, que temiam perder o acesso à praia durante o verão. As obras começam "
           "no outono e serão feitas por troços para não cortar a passagem aos banhistas."),
    "nl": ("De gemeenteraad heeft dinsdag na maanden van protest het plan goedgekeurd om de boulevard te "
           "vernieuwen. Bewoners vreesden dat ze de hele zomer geen toegang tot het strand zouden hebben, maar "
           "de gemeente belooft de werkzaamheden in twee fasen uit te voeren."),
}
HEADERS = {  # (kicker, title, byline, date line, expected author, expected day)
    "en": ("Coastal towns", "Harbour dredging plan clears its last local hurdle", "By Rowan Achterberg",
           "Published 11/03/2024 at 7:45 am", "Rowan Achterberg", "2024-11-03"),
    "de": ("Stadtentwicklung", "Uferpromenade wird nach langem Streit ausgebaut", "Von Henrike Sommerfeld",
           "Veröffentlicht am 03.11.2024 um 07:45 Uhr", "Henrike Sommerfeld", "2024-11-03"),
    "fr": ("Urbanisme", "Les quais vont changer de visage d'ici deux ans", "Par Clémence Marchadier",
           "Publié le 3 novembre 2024 à 7h45", "Clémence Marchadier", "2024-11-03"),
    "es": ("Ciudad", "El paseo marítimo se renovará por tramos a partir de otoño", "Por Inmaculada Roldán",
           "Publicado el 03/11/2024 - 07:45", "Inmaculada Roldán", "2024-11-03"),
    "it": ("Cronaca", "Lungolago, via libera al progetto di rifacimento", "Di Beatrice Lanfranchi",
           "Articolo pubblicato il 3 novembre 2024 alle 7:45", "Beatrice Lanfranchi", "2024-11-03"),
    "pt": ("Cidade", "Marginal vai ser requalificada por troços a partir do outono", "Por Inês Vasconcelos",
           "Publicado a 3 de novembro de 2024, às 07h45", "Inês Vasconcelos", "2024-11-03"),
    "nl": ("Binnenland", "Boulevard wordt in twee fasen vernieuwd", "Door Marloes Hoekstra",
           "Dit artikel verscheen op 3 november 2024 om 07:45", "Marloes Hoekstra", "2024-11-03"),
}


@pytest.mark.parametrize("lang", sorted(HEADERS))
def test_text_dump_title_byline_and_date_lines_in_seven_languages(lang):
    kicker, title, byline, dated, author, day = HEADERS[lang]
    dump = "\n\n".join(["Menu", "Search", kicker, title, byline, dated, BODY[lang], BODY[lang].split(". ")[1] + "."])
    result = cleaner.clean(dump)
    meta = result.metadata
    assert meta.title == title
    assert meta.authors == [author] and meta.author == author
    assert meta.date == day
    assert meta.date_time and meta.date_time.startswith(f"{day}T07:45")
    assert title not in result.text and byline not in result.text and dated not in result.text
    assert BODY[lang][:60] in result.text


def test_html_dates_are_iso_and_the_update_is_kept_apart():
    page = b"""<html lang="en"><head><title>Flood barriers hold | Harbor Daily</title>
    <meta property="article:published_time" content="2025-03-14T18:02:00.000Z">
    <meta property="article:modified_time" content="2025-03-15T08:00:00Z">
    <meta name="author" content="By: Ines Calloway (ines@example.org)"></head>
    <body><article><h1>Flood barriers hold</h1>
    <p>The river crested overnight without breaching the town's defences, officials said on Thursday morning.</p>
    <p>Crews had spent three days filling sandbags along the quay, working in shifts through the night.</p>
    </article></body></html>"""
    meta = cleaner.clean(page).metadata
    assert (meta.date, meta.date_time) == ("2025-03-14", "2025-03-14T18:02:00Z")
    assert (meta.updated, meta.updated_time) == ("2025-03-15", "2025-03-15T08:00:00Z")
    assert meta.authors == ["Ines Calloway"]
    assert meta.title == "Flood barriers hold"


def test_the_shipped_tagger_loads_and_a_wrong_file_is_refused(tmp_path):
    from cleaner.text import meta_tagger

    tagger = meta_tagger.load()
    assert tagger is not None and set(tagger.thresholds) == set(meta_tagger.CLASSES[1:])
    bad = tmp_path / "tagger.json"
    bad.write_text('{"format": "something-else/1"}', "utf-8")
    with pytest.raises(ValueError, match="not a metadata tagger"):
        meta_tagger.load(str(bad))


def test_tagger_training_is_deterministic():
    """The same documents give the same model bytes (fit from zeros, no random state)."""
    pytest.importorskip("scipy")
    import json

    from cleaner.model.training import meta_fit, zoo

    bodies = [zoo.Body(id=f"b{i}", site=f"site{i % 3}.example", language=lang, title=f"Harbour plan vote number {i}",
                       text="\n\n".join([BODY[lang]] * 3)) for i, lang in enumerate(sorted(BODY) * 2)]
    samples = meta_fit.zoo_samples(bodies)
    assert samples and any(label != "other" for s in samples for label in s.labels)
    first, second = (json.dumps(meta_fit.fit(samples).to_dict()) for _ in range(2))
    assert first == second


TITLE_HEADERS = [  # a dump tool's header line: the title comes without its prefix, in several languages
    ("Title: Harbour wall to be rebuilt", "Harbour wall to be rebuilt"),
    ("Titel: Hafenmauer wird neu gebaut", "Hafenmauer wird neu gebaut"),
    ("Titre : Le mur du port sera reconstruit", "Le mur du port sera reconstruit"),
    ("Título: El muro del puerto será reconstruido", "El muro del puerto será reconstruido"),
    ("data 2021-09-08 Il muro del porto sarà ricostruito", "Il muro del porto sarà ricostruito"),
]


@pytest.mark.parametrize(("header", "title"), TITLE_HEADERS)
def test_a_header_line_gives_the_title_without_its_prefix(header, title, body):
    result = cleaner.clean(header + "\n\n" + "\n\n".join(body))
    assert result.metadata.title == title
    assert header not in result.text


SITE_TITLES = [  # a <title> line whose last part, the site's name, is printed alone (its logo); the headline is not
    ("The best hotel life hacks for long trips | Harbourside Hotels", "Harbourside Hotels",
     "The best hotel life hacks for long trips"),
    ("Die besten Tipps für die Gartensaison – Gartenfreunde Bayern", "Gartenfreunde Bayern",
     "Die besten Tipps für die Gartensaison"),
    ("Barbecue à gaz : comment bien le choisir - Esprit Grillade", "Esprit Grillade",
     "Barbecue à gaz : comment bien le choisir"),
    ("Cómo elegir una bicicleta de paseo | Ciclos Marea", "Ciclos Marea", "Cómo elegir una bicicleta de paseo"),
]


@pytest.mark.parametrize(("line", "site", "title"), SITE_TITLES)
def test_a_title_tags_site_name_printed_alone_is_no_title(line, site, title):
    from cleaner.document import Block
    from cleaner.text.meta_tagger import title_value

    texts = [line, "Menu", site, "Home", title.split()[0] + " news", *BODY["en"].split(". ")]
    blocks = [Block(i, i + 1, text, i) for i, text in enumerate(texts)]
    assert title_value(blocks, 0) == title


@pytest.mark.parametrize(("line", "title"), [
    ("Why cheap furniture costs more – and what to buy instead", "Why cheap furniture costs more – and what to buy instead"),
    ("Le télétravail s'installe - ce qu'il faut savoir", "Le télétravail s'installe - ce qu'il faut savoir"),
    ("Zdrowe śniadanie dla dzieci – kilka prostych przepisów", "Zdrowe śniadanie dla dzieci – kilka prostych przepisów"),
    ("Why cheap furniture costs more | Home Journal", "Why cheap furniture costs more"),
    ("Le télétravail s'installe - homejournal.fr", "Le télétravail s'installe"),
])
def test_a_title_goes_on_after_a_dash_in_small_letters(line, title):
    """A last part in small letters continues the headline (a subtitle); a site's name opens with a capital or is
    its address."""
    from cleaner.document import Block
    from cleaner.text.meta_tagger import title_value

    blocks = [Block(i, i + 1, text, i) for i, text in enumerate([line, *BODY["en"].split(". ")])]
    assert title_value(blocks, 0) == title


def test_a_byline_split_over_two_lines_gives_the_author(body):
    """'By' alone on a line with the name on the next, as a page's byline often comes out of its HTML."""
    dump = "\n\n".join(["Harbour dredging plan clears its last local hurdle", "By", "Rowan Achterberg",
                         "Published 11/03/2024", *body])
    meta = cleaner.clean(dump).metadata
    assert meta.authors == ["Rowan Achterberg"]


def test_a_capitalised_heading_in_the_body_is_no_author(body):
    """A dump with no byline and Title Case subheadings names no author (the headings name nobody)."""
    heads = ["Choosing The Right Spot", "Preparing Heavy Clay", "Watering Young Seedlings"]
    dump = "\n\n".join(["How to start a vegetable bed in one weekend", "Published 11/03/2024",
                         *(part for head, para in zip(heads, body) for part in (head, para))])
    meta = cleaner.clean(dump).metadata
    assert meta.authors == [] and meta.author is None


FORUM_POSTS = [
    "I have been trying to decide between two sets of winter tyres for a small hatchback and would welcome any "
    "advice from people who have driven through a snowy season with either of them.",
    "We used the cheaper set for three winters on hilly roads and they were fine, though the grip on ice was "
    "noticeably weaker than on the premium ones a neighbour fitted to the same model.",
    "Thanks, that is useful. The hills near us are steep, so I will probably spend the extra money on the "
    "premium tyres and keep the old ones for the summer months instead.",
]


@pytest.mark.parametrize("head", ["{user} ({user}) May 3, 2024, 8:45am {n}", "{user} 3 May 2024 08:45 {n}",
                                  "{user} ({name}) May 3, 2024, {hour}:45am {n}", "{user} 3 mei 2024 {hour}:45 {n}"])
def test_a_forum_page_names_its_first_poster_and_date(head):
    """On a forum page the posts are the content: the first post's head (a handle over a time stamp, as every
    reply has) gives the author and the date; the handle is no person name, so no byline reads it. Heads are
    alike whatever display name a handle has and however many digits the hour takes."""
    users = [("raoul_v", "Raoul V."), ("mk1987", "Mira K"), ("raoul_v", "Raoul V.")]
    lines = ["Best winter tyres for a small hatchback? - Cars - Motoring Forum", "Cars",
             "Best winter tyres for a small hatchback?"]
    for n, ((user, name), post, hour) in enumerate(zip(users, FORUM_POSTS, (9, 10, 11)), 1):
        lines += [head.format(user=user, name=name, hour=hour, n=n), post]
    meta = cleaner.clean("\n".join(lines)).metadata
    assert meta.authors == ["raoul_v"] and meta.date == "2024-05-03"


@pytest.mark.parametrize("label", ["Posted {day}", "Published on {day}", "Publié le {day}", "Veröffentlicht am {day}"])
def test_a_forum_post_dated_under_its_posters_handle_names_the_poster(label):
    """A board that prints the handle on a line of its own and 'Posted <date>' under it: the poster is the handle,
    never the date's label."""
    days = {"Posted {day}": "May 3, 2024", "Published on {day}": "May 3, 2024", "Publié le {day}": "3 mai 2024",
            "Veröffentlicht am {day}": "3. Mai 2024"}
    lines = ["Best winter tyres for a small hatchback? - Cars - Motoring Forum", "Best winter tyres for a small hatchback?"]
    for user, post in zip(["raoul_v", "mk1987", "raoul_v"], FORUM_POSTS):
        lines += [user, label.format(day=days[label]), post]
    meta = cleaner.clean("\n".join(lines)).metadata
    assert meta.authors == ["raoul_v"] and meta.date == "2024-05-03"


def test_reader_comments_below_an_article_name_no_author():
    """Comment heads below the article are written alike too; they are readers, not the article's author."""
    lines = ["Harbour council backs the bike lane plan", *PARAGRAPHS[:2], "3 Comments"]
    for user, post in zip(["jane_k", "tom_r", "jane_k"], FORUM_POSTS):
        lines += [f"{user} May 4, 2024 at 8:15 am", post, "Reply"]
    meta = cleaner.clean("\n".join(lines)).metadata
    assert not {"jane_k", "tom_r"} & set(meta.authors)


HEADER_STAMPS = {  # (lang: byline with its date under the title, the day, a heading and dates further down)
    "en": ("By Odalys Fairweather — November 18, 2025", "2025-11-18", "Upcoming events", "January 8, 2026"),
    "de": ("Von Henrike Sommerfeld, 18. November 2025", "2025-11-18", "Veranstaltungen", "8. Januar 2026"),
    "fr": ("Par Clémence Marchadier, le 18 novembre 2025", "2025-11-18", "Événements à venir", "8 janvier 2026"),
    "nl": ("Door Marloes Hoekstra, 18 november 2025", "2025-11-18", "Evenementen", "8 januari 2026"),
}


@pytest.mark.parametrize("lang", sorted(HEADER_STAMPS))
def test_the_date_and_byline_come_from_the_articles_own_header(lang):
    """A byline with its date under the headline dates the article; an events list further down, whose lone
    dates read more like date lines, dates something else."""
    byline, day, heading, later = HEADER_STAMPS[lang]
    dump = "\n\n".join([HEADERS[lang][1], byline, BODY[lang], BODY[lang], heading, later,
                         "Harbour walk and talk", later, "Open day at the boatyard"])
    meta = cleaner.clean(dump).metadata
    assert meta.date == day
    assert meta.author == byline.split(maxsplit=1)[1].split(",")[0].split(" —")[0]


DEKS = {"en": "The council says the work will start in spring and last two years.",
        "de": "Die Arbeiten sollen im Frühjahr beginnen und zwei Jahre dauern.",
        "fr": "Les travaux doivent commencer au printemps et durer deux ans."}
SHARE_ROWS = {"en": ["Share this article", "Email this article", "Share on Facebook"],
              "de": ["Artikel teilen", "Artikel per E-Mail senden", "Auf Facebook teilen"],
              "fr": ["Partager cet article", "Envoyer par e-mail", "Partager sur Facebook"]}


@pytest.mark.parametrize("lang", sorted(SHARE_ROWS))
def test_the_byline_past_share_buttons_under_the_headline_is_the_authors(lang):
    """Share buttons between the headline (with its standfirst and photo credit) and the byline are furniture: the
    byline under them is still the article's own, not a related story's further down."""
    byline, day, heading, later = HEADER_STAMPS[lang]
    teaser = {"en": "By Quentin Marlowe", "de": "Von Quentin Marlowe", "fr": "Par Quentin Marlowe"}[lang]
    dump = "\n\n".join([HEADERS[lang][1], DEKS[lang], *SHARE_ROWS[lang], "Getty Images", byline, BODY[lang],
                         BODY[lang], heading, "Harbour walk and talk draws a crowd", teaser, later])
    meta = cleaner.clean(dump).metadata
    assert meta.author == byline.split(maxsplit=1)[1].split(",")[0].split(" —")[0]


BARE_NAMES = {  # (lang: a name whose given name no list knows, the header's date line, its day)
    "en": ("Ridvana Okonkwo-Bale", "November 18, 2025", "2025-11-18"),
    "fr": ("Gwenvaël Kerdraon", "18 novembre 2025", "2025-11-18"),
    "nl": ("Jildou Hettema", "18 november 2025", "2025-11-18"),
}


@pytest.mark.parametrize("lang", sorted(BARE_NAMES))
def test_a_name_alone_under_the_headline_of_a_dated_header_is_the_author(lang):
    """A blog's header prints the author's name alone between the headline and the date; no byline word vouches
    for it and its given name is in no list, but the header is the article's. Without the date it is no byline."""
    name, dated, day = BARE_NAMES[lang]
    dump = "\n\n".join([HEADERS[lang][1], name, dated, BODY[lang], BODY[lang]])
    meta = cleaner.clean(dump).metadata
    assert (meta.authors, meta.date) == ([name], day)
    assert cleaner.clean(dump.replace(f"{dated}\n\n", "")).metadata.authors == []


OWNED = {  # (lang: a personal site's owner, a page's headline, the site's menu)
    "en": ("Harriet Okafor", "Notes on running a small mail server", "About Notes Projects"),
    "de": ("Friederike Albers", "Warum ich meinen Kalender selbst betreibe", "Über mich Notizen Projekte"),
    "fr": ("Clémence Marchadier", "Pourquoi j'héberge mon propre agenda", "À propos Notes Projets"),
}


@pytest.mark.parametrize("lang", sorted(OWNED))
def test_a_personal_sites_owner_is_named_by_its_title_line_and_its_head(lang):
    """A personal site's page: its title line ends with the owner's name, printed alone in the page's head. A site
    named otherwise, or a name the head does not print alone, names no owner."""
    owner, headline, menu = OWNED[lang]

    def owner_of(texts: list[str]) -> str | None:
        return site_owner([Block(i, i + 1, t, i) for i, t in enumerate(texts)])

    assert owner_of([f"{headline} | {owner}", f"{owner} //", owner, menu, headline, BODY[lang]]) == owner
    assert owner_of([f"{headline} | Harbour Works", "Harbour Works", menu, headline, BODY[lang]]) is None
    assert owner_of([f"{headline} | {owner}", menu, headline, BODY[lang]]) is None
    long_first = f"{BODY[lang]} " * 40 + f"| {owner}"  # a dump of one long line is no title line: not split into words
    assert owner_of([long_first, owner, menu, headline, BODY[lang]]) is None


@pytest.mark.parametrize("lang", ["en", "de", "fr"])
def test_a_reader_comments_date_is_no_date_of_the_page(lang):
    """The date comes from the article's own header: a comment's stamp below, however date-like, is none."""
    title, dated = HEADERS[lang][1], HEADERS[lang][3]
    lines = [title, dated, BODY[lang], BODY[lang], "3 Comments"]
    for user, post in zip(["jane_k", "tom_r", "jane_k"], FORUM_POSTS):
        lines += [f"{user} May 4, 2025 at 8:15 am", post, "Reply"]
    assert cleaner.clean("\n".join(lines)).metadata.date == "2024-11-03"


HANDLE_HEADS = {  # a line introducing a one-word user name as the author, with a date (lang: line, handle)
    "en": ("Submitted by quill_and_ink on 11/03/2024", "quill_and_ink"),
    "de": ("Verfasst von seglerin42 am 03.11.2024", "seglerin42"),
    "fr": ("Posté par bricoleur.du.dimanche le 3 novembre 2024", "bricoleur.du.dimanche"),
    "es": ("Escrito por marea_alta el 03/11/2024", "marea_alta"),
    "it": ("Pubblicato da lungolago88 il 3 novembre 2024", "lungolago88"),
    "pt": ("Postado por ze_da_marginal em 3 de novembro de 2024", "ze_da_marginal"),
    "nl": ("Gepost door strandwacht op 3 november 2024", "strandwacht"),
}


@pytest.mark.parametrize("lang", sorted(HANDLE_HEADS))
def test_a_user_name_the_head_introduces_is_the_author(lang):
    """'Posted by BeauHD on …': a one-word user name is no person name, but the line says who wrote it."""
    line, handle = HANDLE_HEADS[lang]
    title = HEADERS[lang][1]
    dump = "\n\n".join([title, line, BODY[lang], BODY[lang].split(". ")[1] + "."])
    meta = cleaner.clean(dump).metadata
    assert meta.authors == [handle]
    assert meta.date == "2024-11-03"


@pytest.mark.parametrize("label, name", [("Written by:", "Ottilie Branscombe"), ("Autorin", "Friederike Lanzmann"),
                                         ("Auteur :", "Gwenaëlle Kerbrat"), ("Geschreven door", "Sanne Oudshoorn")])
def test_names_under_a_byline_label_are_the_author(label, name):
    dump = "\n\n".join(["Harbour dredging plan clears its last local hurdle", label, name, *[BODY["en"]] * 2])
    assert cleaner.clean(dump).metadata.authors == [name]


@pytest.mark.parametrize("line", ["The letter was written by hand and signed by the harbour master.",
                                  "By the editorial team", "Photo by Reuters", "View posts by tag"])
def test_a_by_phrase_that_names_nobody_gives_no_author(line):
    dump = "\n\n".join(["Harbour dredging plan clears its last local hurdle", BODY["en"], line, BODY["en"]])
    meta = cleaner.clean(dump).metadata
    assert meta.authors == [] and meta.author is None



@pytest.mark.parametrize("line, day", [("Last updated: 3 May 2024", "2024-05-03"),
                                       ("Aktualisiert am 03.05.2024", "2024-05-03"),
                                       ("Mis à jour le 3 mai 2024", "2024-05-03")])
def test_a_page_that_prints_only_its_update_gives_that_day_as_its_date(line, day):
    dump = "\n\n".join(["Harbour dredging plan clears its last local hurdle", line, *[BODY["en"]] * 2])
    meta = cleaner.clean(dump).metadata
    assert meta.updated == day and meta.date == day


@pytest.mark.parametrize("lang, title, member, posted", [
    ("en", "Best winter tyres for a small hatchback?", "Joined: Mon Jul 24, 2017", "Posted: Feb 12, 2024"),
    ("de", "Winterreifen für einen Kleinwagen?", "Mitglied seit 24.07.2017", "Verfasst am 12.02.2024"),
    ("nl", "Winterbanden voor een kleine auto?", "Lid sinds 24-07-2017", "Geplaatst op 12-02-2024"),
])
def test_a_readers_join_date_is_no_date_of_the_page(lang, title, member, posted):
    dump = "\n\n".join([title, "tyre_fan", member, posted, BODY[lang], BODY[lang]])
    assert cleaner.clean(dump).metadata.date == "2024-02-12"


def test_an_edit_stamp_is_no_publication_date():
    dump = "\n\n".join(["How do I read dates in a dump?", "asked Feb 12, 2024 at 13:02", BODY["en"],
                         "edited Jul 5, 2025 at 10:00", BODY["en"]])
    assert cleaner.clean(dump).metadata.date == "2024-02-12"


@pytest.mark.parametrize("asked, answered", [("asked Feb 11, 2024 at 23:49", "answered Feb 12, 2024 at 8:00"),
                                             ("gefragt 11. Feb. 2024 um 23:49", "beantwortet 12. Feb. 2024 um 08:00")])
def test_a_question_pages_asker_and_date(asked, answered):
    """A Q&A page prints its question's stamp with the asker's name below it; an editor and answerers too."""
    parts = ["How do I read dates in a dump?", BODY["en"], "Share", "edited Feb 12, 2024 at 21:50", "Aaronut",
             "55.4k 24 gold badges", asked, "quill_ink", "159 1 1 silver badge", "2 Answers", BODY["en"], answered,
             "other_user"]
    meta = cleaner.clean("\n\n".join(parts)).metadata
    assert meta.authors == ["quill_ink"] and meta.date == "2024-02-11"


@pytest.mark.parametrize("line, credit", [("Credit: Apple", "Apple"), ("Bildquelle: dpa", "dpa"),
                                          ("Crédit photo : AFP", "AFP"), ("Fuente: Reuters", "Reuters"),
                                          ("Beeldbron: ANP", "ANP")])
def test_a_credit_label_gives_the_credit_and_no_caption(line, credit):
    """'Credit: Apple' names who took the picture, not what it shows: the credit, without its label."""
    dump = "\n\n".join(["Harbour dredging plan clears its last local hurdle", BODY["en"], line, BODY["en"]])
    meta = cleaner.clean(dump).metadata
    assert meta.image_credit == credit and meta.image_caption is None


def test_a_photo_label_opens_a_caption():
    dump = "\n\n".join(["Harbour dredging plan clears its last local hurdle", BODY["en"],
                        "Photo: The new sea wall at dusk", BODY["en"]])
    assert cleaner.clean(dump).metadata.image_caption == "The new sea wall at dusk"


PAGE_HEADS = {  # (lang: the page's <title> line, its menu, a byline dated under the headline, its day, later dates)
    "en": ("Tideway moorings to be rebuilt after storm damage | Lowmarsh Courier", ["Home", "News", "Sport", "Weather"],
           "By Odalys Fairweather — March 14, 2023", "2023-03-14", ["April 2, 2023", "May 9, 2023"]),
    "de": ("Sturmschäden: Anleger am Altarm wird neu gebaut | Kreisbote Niederau", ["Start", "Lokales", "Sport", "Wetter"],
           "Von Henrike Sommerfeld, 14. März 2023", "2023-03-14", ["2. April 2023", "9. Mai 2023"]),
    "fr": ("Le ponton du vieux port sera reconstruit après la tempête | Le Veilleur d'Arvor",
           ["Accueil", "Actualités", "Sports", "Météo"], "Par Clémence Marchadier, le 14 mars 2023", "2023-03-14",
           ["2 avril 2023", "9 mai 2023"]),
}


@pytest.mark.parametrize("lang", sorted(PAGE_HEADS))
def test_the_header_under_the_headlines_copy_dates_the_article(lang):
    """A dump opens with the page's <title> line and its menu; the headline is printed again over the article, with
    its byline and date: that header is the article's, whichever copy of the headline is taken as the title, and
    its date wins over the lone dates of a list of events further down."""
    head, menu, byline, day, later = PAGE_HEADS[lang]
    headline = head.split(" | ")[0]
    dump = "\n\n".join([head, *menu, headline, byline, BODY[lang], BODY[lang], *later])
    meta = cleaner.clean(dump).metadata
    assert (meta.title, meta.date) == (headline, day)
    assert meta.author == byline.split(maxsplit=1)[1].split(",")[0].split(" —")[0]


@pytest.mark.parametrize("lang", sorted(PAGE_HEADS))
def test_every_copy_of_the_headline_that_is_no_furniture_heads_the_article(lang):
    """The <title> line's headline printed again over the article is a copy of the title; the same words inside a
    longer line, or in a list of recent posts a rule removed as teasers, are none."""
    from cleaner.text.meta_header import title_copies
    from cleaner.text.segment import segment
    from cleaner.text.table import Lines

    head, menu, byline, _, later = PAGE_HEADS[lang]
    headline = head.split(" | ")[0]
    texts = [head, *menu, headline, byline, f"{headline}: {later[0]}", headline]
    lines = Lines.of(segment("\n\n".join(texts)))
    furniture = [False] * (len(texts) - 1) + [True]
    assert title_copies(lines, 0, furniture) == [0, len(menu) + 1]


@settings(max_examples=60, deadline=None)
@given(headline=st.sampled_from(["L'été des `Festivals`", "Der Hafen bleibt zu", "ÉTÉ 2024: le port", "It's a `go`",
                                  "Final: the port"]),
       others=st.lists(st.sampled_from(["l'été  des 'festivals'", "L’ÉTÉ DES ‘FESTIVALS’", "der hafen bleibt zu",
                                        "Der  Hafen\tbleibt zu", "été 2024: le port", "Été 2024: Le Port", "it's a 'go'",
                                        "IT`S A `GO`", "Menu", "ｆｉｎａｌ: the port"]), max_size=8))
def test_a_headline_printed_again_in_other_case_quotes_or_spacing_is_a_copy_of_it(headline, others):
    """A line is a copy of the headline when it folds as it does (case, typographic quotes, spacing), whatever the
    line's characters: title_copies finds the same lines as folding every line would."""
    from cleaner.text.meta_header import title_copies
    from cleaner.text.segment import segment
    from cleaner.text.table import Lines

    lines = Lines.of(segment("\n\n".join([headline, *others])))
    value = meta_tagger.fold(meta_tagger.title_value(lines.blocks, 0))
    expected = [0, *(i for i in range(1, len(lines)) if lines.folded[i] == lines.folded[0]
                     or meta_tagger.fold(lines.folded[i]) == value)]
    assert title_copies(lines, 0, [False] * len(lines)) == expected


def test_a_date_under_any_copy_of_the_headline_is_the_articles():
    """The tagger's date line under a copy of the headline is kept though the title chosen is another copy; with
    none there, the first header holding a date gives it, the chosen title's before the copies'."""
    import numpy as np

    from cleaner.text.meta_features import LineFacts
    from cleaner.text.meta_tagger import CLASSES, Tagged
    from cleaner.text.meta_header import header_date

    dated, plain = LineFacts(True, ()), LineFacts(False, ())
    facts = [plain, dated, plain, dated, plain, dated, dated]
    probs = np.zeros((7, len(CLASSES)))
    probs[:, CLASSES.index("date")] = [0, 0.3, 0, 0.2, 0, 0.9, 0.8]
    furniture = [False] * 7
    assert header_date([[1, 2], [3, 4]], Tagged(3, "date", 0.2), probs, facts, furniture) is None
    assert header_date([[1, 2], [3, 4]], Tagged(6, "date", 0.8), probs, facts, furniture).index == 1
    assert header_date([[2], [3, 4]], Tagged(6, "date", 0.8), probs, facts, furniture).index == 3
    assert header_date([[2], [4]], Tagged(6, "date", 0.8), probs, facts, furniture) is None


OVER_HEADS = {  # (lang: the line printed over the headline, its day, a sidebar's dated line)
    "en": ("Posted on March 14, 2023 by Odalys Fairweather", "2023-03-14", "Published April 2, 2023"),
    "de": ("14. März 2023 · Lokales", "2023-03-14", "Veröffentlicht am 2. April 2023"),
    "fr": ("Publié le 14 mars 2023", "2023-03-14", "Publié le 2 avril 2023"),
    "es": ("14 de marzo de 2023 · Ciudad", "2023-03-14", "Publicado el 2 de abril de 2023"),
    "nl": ("Geplaatst op 14 maart 2023", "2023-03-14", "Gepubliceerd op 2 april 2023"),
}


@pytest.mark.parametrize("lang", sorted(OVER_HEADS))
def test_a_date_printed_over_the_headline_dates_the_article(lang):
    """A blog theme prints the post's date over its headline; a sidebar's 'Published …' line further down, however
    much it reads as a date line, dates something else."""
    over, day, sidebar = OVER_HEADS[lang]
    title = HEADERS[lang][1]
    dump = "\n\n".join([f"{title} | Lowmarsh Courier", "Menu", "Home", over, title, BODY[lang], BODY[lang],
                         "Newsletter", sidebar, "Harbour walk and talk draws a crowd"])
    assert cleaner.clean(dump).metadata.date == day


DATED_HEADLINES = {  # (lang: a headline naming a day, the line over it with the article's own date and time)
    "de": ("Wochenbericht vom 3. Mai 2021 – was jetzt zählt", "Henrike Sommerfeld / 5. Mai 2021 / 06:15"),
    "en": ("Harbour report of May 3, 2021: what comes next", "Odalys Fairweather / May 5, 2021 / 6:15 am"),
    "fr": ("Bilan du 3 mai 2021 : ce qui change au port", "Clémence Marchadier / 5 mai 2021 / 06:15"),
}


@pytest.mark.parametrize("lang", sorted(DATED_HEADLINES))
def test_a_day_named_in_the_headline_is_no_date_of_the_article(lang):
    """The headline is no line of its own header: the day it names ('report of May 3') is what it is about, the
    date line over it says when it was published."""
    title, over = DATED_HEADLINES[lang]
    dump = "\n\n".join([f"{title} | Lowmarsh Courier", "Menu", "Home", over, title, BODY[lang], BODY[lang]])
    meta = cleaner.clean(dump).metadata
    assert (meta.title, meta.date, meta.date_time) == (title, "2021-05-05", "2021-05-05T06:15")


@pytest.mark.parametrize("text, language, day", [
    ("Zuletzt gespeichert 2023-09-14T06:20+02:00", "de", "2023-09-14"),  # an ISO day with its time after a 'T'
    ("Publié le 2021-03-05T18:02:11Z", "fr", "2021-03-05"),
    ("07.23.2024", "en", "2024-07-23"),  # dotted, but only month first makes a day of it
    ("11/28/2022", "it", "2022-11-28"),  # a day-first language's order, when the other is the only day there is
    ("Lancet Oncol. 2019 Feb 11;4(2):e104", "en", "2019-02-11"),  # year first, as a citation writes it
    ("Rev Esp Cardiol. 2020 sept 3;73(9):712", "es", "2020-09-03"),
])
def test_iso_stamps_month_first_dots_and_citation_dates_are_read(text, language, day):
    assert parse_date(text, language) == day


@pytest.mark.parametrize("text", ["Timestamp 2023-09-14Tx", "In 2019 June 4 teams met", "Seit 2021 März 2 Mal"])
def test_a_year_before_a_month_is_a_citation_date_only_where_the_reference_goes_on(text):
    assert parse_date(text, "en") is None


@pytest.mark.parametrize("line, day, updated", [
    ("Updated March 14, 2023 9:05 AM ET Originally published March 2, 2023", "2023-03-02", "2023-03-14"),
    ("Aktualisiert am 14.03.2023 – zuerst veröffentlicht am 02.03.2023", "2023-03-02", "2023-03-14"),
    ("Mis à jour le 14 mars 2023, publié le 2 mars 2023", "2023-03-02", "2023-03-14"),
])
def test_a_line_telling_the_update_before_the_publication_gives_both_days(line, day, updated):
    meta = Metadata()
    put(meta, "date", line, None)
    assert (meta.date, meta.updated) == (day, updated)


@pytest.mark.parametrize("line, author", [
    ("Fact checked by Odile Brancart — Written by Teodor Vasquez-Lind, MSc — Updated May 2, 2024", "Teodor Vasquez-Lind"),
    ("This guide was written by Maren Oyelaran, Head of Research and Community Outreach", "Maren Oyelaran"),
    ("Fotos: Ilka Brönnimann, geschrieben von Jonte Hasselbrink", "Jonte Hasselbrink"),
    ("Relu par Aurèle Pinson, écrit par Solène Vauquelin", "Solène Vauquelin"),
])
def test_the_writer_a_line_names_is_its_author_not_the_credits_before(line, author):
    assert read_byline(line).authors[:1] == [author]


@pytest.mark.parametrize("title, authors", [
    ("Why I moved my notes to plain text - by Edwina Castellanos", ["Edwina Castellanos"]),
    ("Warum ich meine Notizen umgezogen habe – von Gesine Altmeppen", ["Gesine Altmeppen"]),
    ("Pourquoi j'écris en texte brut | par Gaëtan Rouvière", ["Gaëtan Rouvière"]),
    ("Brake pad replacement - From a certified mechanic", []),
    ("Stand by your garden: a guide | Garden Weekly", []),
])
def test_a_byline_in_the_dumps_first_line_names_the_author(title, authors):
    dump = "\n\n".join([title, title.split(" - ")[0].split(" – ")[0].split(" | ")[0], BODY["en"], BODY["en"]])
    assert cleaner.clean(dump).metadata.authors == authors


@pytest.mark.parametrize("label", ["Thread starter {user}", "{user} Discussion starter", "Auteur du sujet {user}",
                                   "Themenstarter {user}"])
def test_a_forum_threads_starter_label_names_the_author(label, tmp_path):
    """A board's 'Thread starter jdoe71' line says who opened the thread, though no post head is dated and the
    tagger reads no line as byline enough (a tagger whose byline threshold no line reaches)."""
    data = json.loads(meta_tagger.default_path().read_text("utf-8"))
    data["thresholds"]["byline"] = 1.01
    (tmp_path / "tagger.json").write_text(json.dumps(data), "utf-8")
    config = Config(extra={"meta_model_file": str(tmp_path / "tagger.json")})
    lines = ["Which primer for an old oak floor? | Timber Talk Forum", "Home", "Forums", "Woodworking", "Finishing",
             "Which primer for an old oak floor?", "Watchers 4", "Replies 12", "Views 311", label.format(user="oakhand_77"),
             *FORUM_POSTS[:2]]
    assert cleaner.clean("\n\n".join(lines), config=config).metadata.authors == ["oakhand_77"]


@pytest.mark.parametrize("credit", ["Reviewed by: Philippa Strandqvist, CFP", "Edited by: Philippa Strandqvist"])
def test_a_reviewer_or_editor_is_the_author_only_when_no_writer_is_named(credit):
    """A credit under the writer's name names someone who did not write the article: the writer is the author; on a
    page naming only the reviewer, the reviewer is the one name the page gives."""
    title, day = "Five ways to cut the cost of a kitchen refit", "March 3, 2024"
    writer = "Thomas Vandermolen"
    named = cleaner.clean("\n\n".join([title, writer, writer, credit, day, BODY["en"], BODY["en"]]))
    assert named.metadata.author == writer
    alone = cleaner.clean("\n\n".join([title, day, credit, BODY["en"], BODY["en"]]))
    assert alone.metadata.author == "Philippa Strandqvist"


def test_a_standfirst_naming_companies_is_no_byline():
    """The sentence under the headline that names firms after 'by' is the standfirst; the byline under it names the
    author (whose credit at the article's end the tagger reads as the byline)."""
    dump = "\n\n".join(["Fintech deals roundup: 31 acquisitions announced in May",
                         "Notable deals were announced by Quillstone, Harbourline Capital, Varnel Systems, and others.",
                         "By", "Ingrid Sauvageot", "June 2, 2024", BODY["en"], BODY["en"], BODY["en"],
                         "Related: Fintech deals roundup: 28 acquisitions announced in April",
                         "Written By Ingrid Sauvageot",
                         "Ingrid Sauvageot is the managing editor of the site. She covered banking for ten years before."])
    assert cleaner.clean(dump).metadata.author == "Ingrid Sauvageot"


@pytest.mark.parametrize("lang, footer", [("en", "© 2019–2025 {owner}. All rights reserved."),
                                          ("de", "Copyright © 2025 {owner}"), ("fr", "© {owner} 2025 · Mentions légales")])
def test_a_personal_sites_copyright_holder_printed_in_its_head_is_the_owner(lang, footer):
    """A personal site whose title line names no owner: the copyright line's holder, printed alone in the page's head,
    is the owner; a holder the head does not print is none (a company's footer)."""
    owner, headline, menu = OWNED[lang]

    def owner_of(texts: list[str]) -> str | None:
        return site_owner([Block(i, i + 1, t, i) for i, t in enumerate(texts)])

    assert owner_of([headline, owner, menu, headline, BODY[lang], footer.format(owner=owner)]) == owner
    assert owner_of([headline, menu, headline, BODY[lang], footer.format(owner=owner)]) is None


def test_the_headers_date_line_names_the_author_when_it_says_who_posted():
    """A date line over the headline that says who posted the article, too long for a byline of its own ('Posted on
    … by Jane Doe - 3 Comments on <headline>'), names the author."""
    title = "A new expansion board adds twelve serial ports to a single-board computer"
    stamp = f"Posted on March 4, 2025 by Radomir Castellanos-Vidal (RCV Labs) - 3 Comments on {title}"
    dump = "\n\n".join(["Radomir's embedded notes", "Home", "Boards", stamp, title, BODY["en"], BODY["en"]])
    meta = cleaner.clean(dump).metadata
    assert (meta.author, meta.date) == ("Radomir Castellanos-Vidal", "2025-03-04")


@pytest.mark.parametrize("stamp", ["{day} 1 yr in Questions", "{day}"])
def test_a_forum_post_dated_on_the_line_under_its_posters_handle_names_the_poster(stamp):
    """A board that prints the handle alone and the post's date opening the line under it: the poster is the
    handle. A section's label over the dates of a list of articles ('Nutrition', printed in the menu too) is none."""
    days = ["May 3, 2024", "May 4, 2024", "May 5, 2024"]
    lines = ["Best winter tyres for a small hatchback? - Motoring Forum", "Best winter tyres for a small hatchback?"]
    for user, day, post in zip(["raoul_v", "mk1987", "raoul_v"], days, FORUM_POSTS):
        lines += [user, stamp.format(day=day), post]
    meta = cleaner.clean("\n".join(lines)).metadata
    assert meta.authors == ["raoul_v"] and meta.date == "2024-05-03"
    sections = ["Nutrition", "Fitness", "Nutrition"]
    listing = ["Healthy eating tips | Nutrition | Health Agency", "Nutrition", "Fitness", "Healthy eating tips"]
    for section, day, post in zip(sections, days, FORUM_POSTS):
        listing += [section, stamp.format(day=day), post]
    assert cleaner.clean("\n".join(listing)).metadata.authors == []


@pytest.mark.parametrize("lang, byline, later", [
    ("en", "By Odalys Fairweather — November 18, 2025 6 min read", "Thu., January 8, 2026, 2:00 p.m. - 3:00 p.m. ET"),
    ("de", "Von Henrike Sommerfeld — 18. November 2025, 6 Min. Lesezeit", "Do., 8. Januar 2026, 14:00 - 15:00 Uhr"),
])
def test_a_byline_dated_in_its_own_line_dates_the_article_over_an_events_date(lang, byline, later):
    """A byline that carries the article's date, read surely as the byline, dates the article, though no copy of the
    headline stands over it and a webinar's date further down reads more like a date line."""
    dump = "\n\n".join(["Why has tutoring not been more effective? - Schools Weekly", "Jobs", "Market Brief",
                        "Student Achievement", "Implementation continues to complicate even well-studied interventions",
                        byline, "Share article", BODY[lang], BODY[lang], BODY[lang], "Upcoming webinar", later,
                        "How districts pick tutors"])
    assert cleaner.clean(dump).metadata.date == "2025-11-18"


# Text for the case-insensitive byline patterns: their words in any case, the letters that fold to an ASCII one
# from outside it (the Kelvin sign, the long s, the dotted and dotless i), marks that cut a byline, other letters.
_WORDY = st.lists(st.one_of(
    st.sampled_from(["Written by", "POSTED", "pubLished", "Von", "Photos", "Reuters", "The Associated Press", "und",
                     "Mis à jour", "on behalf of", "www.", "AFP", "Fact-checked", "Par", "Texto", "dpa", "Senior",
                     "Staff Writer", "Redakteurin", "5 min", "3 MIN", "Updated on", "Universität", "Zeitung", "3 comments"]),
    st.text(alphabet="aAkKsSiIeEpPrRyY \u212a\u017f\u0131\u0130éÉ-–|/@(.,:;&", max_size=6),
), max_size=8).map(" ".join)


def _caseless_patterns():
    from cleaner.text import bylines, names

    from cleaner.text.byline_words import organisation_word

    return [bylines._cuts(), bylines._opening(), names._agency()[0], bylines._ROLE_WORDS, bylines._MINUTED,
            bylines._STAMPED, organisation_word()]


@settings(max_examples=400, deadline=None)
@given(_WORDY)
def test_byline_patterns_read_ascii_lines_lowered_with_the_same_answer(text):
    for caseless in _caseless_patterns():
        assert caseless._twin is not None  # (each is read lowered on an ASCII line)
        exact = caseless.pattern
        assert caseless.search(text) == (exact.search(text) is not None)
        assert caseless.match(text) == (exact.match(text) is not None)
        assert caseless.fullmatch(text) == (exact.fullmatch(text) is not None)


@pytest.mark.parametrize("source, lowered", [
    (r"\bposted\b|[@|]", True),
    (r"(?:the )?press agency", True),
    (r"[a-z]+ news", True),
    (r"[A-Z]{2,5}", False),  # (a capital without its small letter: 'ab' matches, lowered 'ab' would not)
    ("\u212a", False),  # the Kelvin sign matches 'k' and 'K' case-insensitively, nothing lowered
    ("[^\u017f]", False),  # (the long s: 's' is no match)
    (r"(ab)\1", False),
    (r"(?-i:Jo) doe", False),
])
def test_a_pattern_is_read_lowered_only_where_that_reads_alike(source, lowered):
    import re

    from cleaner.text.byline_words import Caseless

    caseless = Caseless(re.compile(source, re.I))
    assert (caseless._twin is not None) == lowered
    for text in ("AB", "ab", "Posted", "x@y", "Kk", "s", "The Press Agency", "tech news", "abAB", "jo doe", "JO DOE"):
        assert caseless.search(text) == (re.search(source, text, re.I) is not None)


@pytest.mark.parametrize("part, role", [
    ("Senior Staff Writer", True), ("redakteurin", True), ("Envoyée spéciale", True), ("PhD", True), ("MD", True),
    ("Jr.", True), ("md", False), ("Wren Halloway", False), ("The Harbour Gazette", False),
])
def test_a_role_reads_in_any_case_and_a_credential_as_written(part, role):
    from cleaner.text.bylines import _role

    assert _role(part) == role
