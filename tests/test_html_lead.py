"""HTML mode around the article's edges: the lead above the body is kept, the heading of a box of links that were
left out goes with them."""
from __future__ import annotations

import pytest

import cleaner

# Per language: headline, lead, four body paragraphs, a 'read also' heading and two teaser titles.
STORIES = {
    "de": ("Kanalbrücke wird neu gebaut",
           "Nach jahrelangem Streit fällt die Entscheidung: Die marode Kanalbrücke wird abgerissen und neu gebaut.",
           ["Das Stadtparlament hat am Dienstag beschlossen, die alte Brücke über den Kanal abzureissen und durch "
            "einen Neubau zu ersetzen, der auch Radfahrern Platz bietet.",
            "Die Bauarbeiten sollen im Frühjahr beginnen und zwei Jahre dauern; während dieser Zeit fährt eine Fähre "
            "im Halbstundentakt zwischen den beiden Ufern.",
            "Mehrere Anwohner hatten gegen die Pläne protestiert, weil sie Lärm und Staub fürchten, doch die Mehrheit "
            "im Rat hielt die Sanierung für zu teuer.",
            "Der Bürgermeister sagte nach der Abstimmung, man werde die Anwohner regelmässig über den Fortgang der "
            "Arbeiten informieren und Beschwerden ernst nehmen."],
           "Lies auch", ["Neue Radwege am Kanal geplant", "Fähre fährt ab Mai öfter"]),
    "en": ("Orchard growers switch to night picking",
           "With summer days growing hotter, apple growers in the valley now bring in most of their crop after dark.",
           ["Picking crews in the valley start their shifts at ten in the evening, wearing head torches and working "
            "along rows lit by tractors parked at the end of each line.",
            "Growers say the fruit keeps better when it is picked cool, and that workers are far less likely to "
            "suffer from the heat that made last August so difficult.",
            "The change has not been cheap: lights, insurance and night wages add about a tenth to the cost of "
            "bringing in a hectare of fruit.",
            "Most farms plan to keep the night shifts next year, and some are already asking the council to extend "
            "the hours of the bus that serves the packing sheds."],
           "Further reading", ["Valley cider makers expand", "Frost warning for blossom week"]),
    "fr": ("La médiathèque ouvre le dimanche",
           "Dès le mois prochain, les habitants pourront emprunter des livres et des films sept jours sur sept.",
           ["Le conseil municipal a voté jeudi l'ouverture de la médiathèque le dimanche après-midi, une demande "
            "ancienne des familles et des étudiants du quartier.",
            "Deux postes de bibliothécaire seront créés pour assurer ces nouvelles heures, financés en partie par "
            "une aide de la région pour la lecture publique.",
            "Les élus de l'opposition ont soutenu le projet, tout en demandant que les horaires de semaine ne "
            "soient pas réduits pour compenser le coût.",
            "Un premier bilan sera présenté au conseil à la fin de l'année, avec le nombre de visiteurs et "
            "d'emprunts enregistrés chaque dimanche."],
           "À lire aussi", ["Le marché couvert rénové", "Nouvelle piste cyclable au port"]),
    "es": ("El mercado central abre por la noche",
           "Desde este viernes, los puestos del mercado central atenderán hasta medianoche durante todo el verano.",
           ["El ayuntamiento aprobó el martes ampliar el horario del mercado central los fines de semana, una "
            "petición de los comerciantes desde hace años.",
            "Los puestos de fruta y pescado podrán abrir hasta medianoche, y se reforzará la limpieza de las calles "
            "cercanas al terminar cada jornada.",
            "Algunos vecinos temen el ruido de las terrazas, pero la mayoría de los comerciantes cree que atraerá "
            "a visitantes que ahora pasan de largo.",
            "El concejal de comercio dijo que la medida se revisará en octubre con los datos de ventas y las quejas "
            "que se hayan recibido."],
           "Lee también", ["Nuevas líneas de autobús nocturno", "El puerto renueva su paseo"]),
}


def story_page(lang: str, lead: str = "", box: str = "") -> str:
    """A news page: headline, date, `lead` and share links in a header box above the body's own container;
    `box` between the body's second and third paragraphs."""
    title, _, body, _, _ = STORIES[lang]
    first = "".join(f"<p>{p}</p>" for p in body[:2])
    rest = "".join(f"<p>{p}</p>" for p in body[2:])
    return f"""<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/local">Local</a></li></ul></nav>
<div class="page"><div class="article-head"><h1>{title}</h1><div class="when">12.03.2024</div>{lead}
<ul class="sharing"><li><a href="#s">Facebook</a></li><li><a href="#t">X</a></li></ul></div>
<div class="wrap"><div class="x"><article class="text">{first}{box}{rest}</article></div></div></div>
<footer><p>Impressum · Contact</p></footer></body></html>"""


def read_also(lang: str) -> str:
    """A 'read also' box of teaser links, with its heading, as sites put inside an article."""
    _, _, _, heading, titles = STORIES[lang]
    items = "".join(f'<li><a href="/story/{i}">{t}</a></li>' for i, t in enumerate(titles))
    return f'<div class="embed-box"><h4>{heading}</h4><ul>{items}</ul></div>'


@pytest.mark.parametrize("lang", sorted(STORIES))
def test_lead_between_headline_and_body_is_kept(lang: str) -> None:
    _, lead, body, _, _ = STORIES[lang]
    result = cleaner.clean(story_page(lang, f'<div class="intro">{lead}</div>'))
    assert lead in result.text
    assert result.text.index(lead) < result.text.index(body[0])
    assert all(p in result.text for p in body)


@pytest.mark.parametrize("lang", sorted(STORIES))
def test_paragraph_under_a_label_is_no_lead(lang: str) -> None:
    _, lead, body, _, _ = STORIES[lang]
    result = cleaner.clean(story_page(lang, f'<dl><dt>Summary:</dt><dd>{lead}</dd></dl>'))
    assert lead not in result.text
    assert all(p in result.text for p in body)


@pytest.mark.parametrize("lang", sorted(STORIES))
def test_heading_of_a_box_of_left_out_links_goes_with_them(lang: str) -> None:
    _, _, body, heading, titles = STORIES[lang]
    result = cleaner.clean(story_page(lang, box=read_also(lang)))
    assert heading not in result.text
    assert not any(t in result.text for t in titles)
    assert all(p in result.text for p in body)


@pytest.mark.parametrize("lang", sorted(STORIES))
def test_section_heading_before_a_linked_credit_stays(lang: str) -> None:
    _, _, body, heading, _ = STORIES[lang]
    section = f'<h2>{heading}</h2><p><a href="/photos/42">Photo agency archive</a></p>'
    result = cleaner.clean(story_page(lang, box=section))
    assert heading in result.text
    assert all(p in result.text for p in body)


def test_explain_names_the_lead_and_the_orphan_heading() -> None:
    _, lead, _, heading, _ = STORIES["en"]
    result = cleaner.clean(story_page("en", f'<div class="intro">{lead}</div>', read_also("en")))
    assert any(r.rule == "dom.orphan_heading" and heading in r.text for r in result.removed)
    assert lead in result.text
