"""HTML mode on the failure classes of issue 13, each pinned by a small hand-written page: pages whose
body was lost (broken markup, no <html>/<body>, a body under a 'nav' or 'date' class, a short box chosen
over a long release), linked text inside the body, and DOM removals that must be explained."""
from __future__ import annotations

import json
import re

import pytest
from lxml import html as lxml_html

import cleaner
from cleaner.cli.main import main
from cleaner.html import extract as html_mode

REVIEW = [
    "The novel opens in a small harbour town where the narrator, a retired pilot, spends his mornings "
    "mending nets and his evenings writing letters he never sends to a brother he has not seen in years.",
    "What lifts the book above the usual family saga is its patience, since the author lets whole chapters "
    "pass with nothing more than weather, tides and the slow talk of neighbours in the only café in town.",
    "The middle section, set during a winter storm, is the strongest part of the book, and it carries the "
    "reader through a flood, a fire at the cannery and a rescue at sea without a single false note.",
    "Some readers will find the ending too quiet, because the brother never arrives and the letters are "
    "burned, but the choice fits a story that has always been about waiting rather than about meeting.",
    "The translation reads smoothly, keeping the dry humour of the original dialogue, and the short glossary "
    "of fishing words at the end of the volume is a welcome help for readers new to the coast.",
    "It is a long book, and it asks for time, yet few novels this year reward that time as generously, and "
    "it deserves a place on the shelf beside the older sea stories it so clearly admires.",
]


def paragraphs(texts: list[str] = REVIEW, times: int = 1) -> str:
    return "".join(f"<p>{t}</p>" for _ in range(times) for t in texts)


def assert_body(text: str, texts: list[str] = REVIEW) -> None:
    for t in texts:
        assert t in text


# --- empty output ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("html", [
    # The <title> is never closed: the parser takes the whole page as the title's text.
    f"<html><head><title>A sea novel</head><body><h1>A sea novel</h1>{paragraphs()}</body></html>",
    # An <iframe> is never closed: its fallback content swallows the article.
    f"<html><body><iframe src='/ad'>{paragraphs()}</body></html>",
    # Every paragraph sits inside one unclosed link.
    f"<html><body><a href='/'>{paragraphs()}</body></html>",
])
def test_broken_html_falls_back_to_the_text_dump(html: str) -> None:
    result = cleaner.clean(html)
    assert_body(result.text)
    assert result.html_path[0] in {"dom.fallback_text", "dom.fallback_trafilatura_text"}
    assert not result.error


def test_page_without_html_and_body_keeps_its_article(monkeypatch) -> None:
    """trafilatura keeping only the skip link of a fragment page (no <html>, no <body>) must not be the body."""
    monkeypatch.setattr(html_mode, "_trafilatura", lambda tree, url: ("Skip to content", None))
    html = ('<a class="skip-link" href="#main">Skip to content</a>'
            '<header><nav><a href="/">Home</a> <a href="/books">Books</a> <a href="/about">About</a></nav></header>'
            f'<div id="main"><div class="wrap"><div class="inner"><h1>A sea novel</h1>{paragraphs()}</div></div></div>'
            '<footer><p>© 2024 The Reading Room</p></footer>')
    result = cleaner.clean(html)
    assert_body(result.text)
    assert "Skip to content" not in result.text
    assert result.html_path[0] == "dom.fallback_readability"


def test_long_review_in_table_cells_called_nav_is_kept() -> None:
    menu = "".join(f'<a href="/s/{i}">Section {i}</a><br>' for i in range(12))
    sections = "".join(f'<div class="nav-section">{paragraphs(REVIEW[i * 2:i * 2 + 2])}</div>' for i in range(3))
    html = (f'<html><head><title>Review</title></head><body><table><tr><td class="leftnav">{menu}</td>'
            f'<td class="nav-main"><h1>A sea novel</h1>{sections}</td></tr></table></body></html>')
    result = cleaner.clean(html)
    assert_body(result.text)
    assert "Section 3" not in result.text


def test_blog_posts_inside_a_date_class_are_body_not_metadata() -> None:
    posts = "".join(
        f'<div class="date-outer"><h2 class="date-header"><span>Monday, May {d}, 2024</span></h2>'
        f'<div class="date-posts"><div class="post"><h3 class="post-title">Notes {d}</h3>'
        f'<div class="post-body">{paragraphs(REVIEW[d * 3:d * 3 + 3])}</div></div></div></div>'
        for d in (0, 1))
    html = (f'<html><head><title>Harbour notes</title></head><body><div class="blog-posts">{posts}</div>'
            '<div class="sidebar"><h2>Archive</h2><a href="/2024">2024</a></div></body></html>')
    result = cleaner.clean(html)
    assert_body(result.text)
    assert "dom.meta" not in {r.rule for r in result.removed if any(t[:40] in r.text for t in REVIEW)}


RELEASE = [
    f"The port authority announced on Thursday the {n} stage of its harbour renewal plan, which sets out how "
    f"the quays, the ferry terminal and the old warehouses will be rebuilt over the coming {n} years, and how "
    "the work will be paid for by the authority, the city and a group of private partners."
    for n in ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
              "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
              "eighteenth", "nineteenth", "twentieth", "next", "last")
]
EVENT = ("Open day at the harbour: Saturday 14 June, 10:00 to 16:00. Guided tours of the new quay every hour, "
         "a model boat show for children and a talk by the harbour master at noon in the old customs house.")


def test_long_release_wins_over_a_short_event_box(monkeypatch) -> None:
    """trafilatura taking a short event box for the article must not hide a release twenty times its length."""
    monkeypatch.setattr(html_mode, "_trafilatura", lambda tree, url: ("Coming up\n" + EVENT, None))
    release = "".join(f"<p>{t}</p>" for t in RELEASE)
    html = ('<html><head><title>Harbour renewal plan</title></head><body><div class="page"><div class="l1"><div>'
            f'<div><div class="event-box"><h2>Coming up</h2><p>{EVENT}</p></div></div></div></div><div class="press">'
            f'<div><div><div class="release-text">{release}</div></div></div></div></div></body></html>')
    result = cleaner.clean(html)
    assert_body(result.text, RELEASE)
    assert EVENT not in result.text
    assert result.html_path[0] == "dom.fallback_readability"


# --- linked text inside the body ------------------------------------------------------------------------

def linked_page(extra: str) -> str:
    return (f'<html><head><title>Books of the year</title></head><body><nav><a href="/">Home</a></nav>'
            f'<article><h1>Books of the year</h1>{paragraphs(REVIEW[:3])}{extra}{paragraphs(REVIEW[3:])}'
            '</article></body></html>')


def test_book_title_in_strong_link_is_kept_and_named() -> None:
    result = cleaner.clean(linked_page('<p><strong><a href="/books/the-quiet-harbour">The Quiet Harbour</a>'
                                       '</strong></p>'))
    assert "The Quiet Harbour" in result.text
    assert_body(result.text)


def test_link_only_paragraph_in_the_body_is_removed_by_a_named_rule() -> None:
    result = cleaner.clean(linked_page('<p><a href="/news/ferry">Read more: the ferry timetable changes '
                                       'again next month</a></p>'))
    assert "ferry timetable" not in result.text
    span = next(r for r in result.removed if "ferry timetable" in r.text)
    assert span.rule in {"dom.link_only", "dom.link_list"} and span.reason
    assert_body(result.text)


# --- explain --------------------------------------------------------------------------------------------

EXPLAIN_PAGE = ('<html><head><title>A sea novel</title></head><body>\n'
                '<nav class="main-nav"><a href="/">Home</a> <a href="/books">Books</a></nav>\n'
                f'<article>\n<h1>A sea novel</h1>\n{paragraphs(REVIEW[:3])}\n'
                '<aside class="related"><h3>Related</h3><p>Another review you may like, of another long novel '
                f'about the coast and its people.</p></aside>\n{paragraphs(REVIEW[3:])}\n</article>\n</body></html>')


def test_dom_removals_have_rule_reason_path_line_and_offset() -> None:
    result = cleaner.clean(EXPLAIN_PAGE)
    dom = [r for r in result.removed if r.path is not None]
    related = next(r for r in dom if "Another review" in r.text)
    assert related.rule == "dom.related" and related.reason
    assert related.start_line == EXPLAIN_PAGE[:EXPLAIN_PAGE.index("<aside")].count("\n") + 1
    assert related.path.startswith("/html/body/article/aside")
    assert related.offset > 0
    assert all(r.start_line >= 1 for r in dom)


def test_explain_json_and_html_report_list_dom_removals(tmp_path, capsys) -> None:
    page = tmp_path / "novel.html"
    page.write_text(EXPLAIN_PAGE, encoding="utf-8")
    assert main(["explain", "--json", str(page)]) == 0
    record = json.loads(capsys.readouterr().out.splitlines()[0])
    removed = record["html_removed"]
    assert any(r["rule"] == "dom.related" and r["path"].startswith("/html/body/article/aside") and r["start_line"] > 1
               for r in removed)
    assert record["html_path"]["rule"] == "dom.fusion"
    report = tmp_path / "report.html"
    assert main(["explain", "--html", str(report), str(page)]) == 0
    shown = report.read_text(encoding="utf-8")
    assert "dom.related" in shown and "/html/body/article/aside" in shown


# --- comments -------------------------------------------------------------------------------------------

COMMENTS = [
    "I read this over the summer and could not put it down, the storm chapter especially.",
    "Thank you for the review, I had missed this one and have just ordered it from the library.",
    "The ending annoyed me at first, but the reviewer is right that it fits the whole book.",
]


def comment_page() -> str:
    thread = "".join(f'<li class="comment"><div class="comment-author">Reader {i}</div><p>{c} {c} {c}</p>'
                     f'<a class="reply" href="#r{i}">Reply</a></li>' for i, c in enumerate(COMMENTS * 3))
    return (f'<html><head><title>A short note</title></head><body><article><h1>A short note</h1>'
            f'{paragraphs(REVIEW[:2])}</article><section id="comments"><h2>{len(COMMENTS) * 3} comments</h2>'
            f'<ol class="comment-list">{thread}</ol></section></body></html>')


def test_comment_thread_is_never_the_article() -> None:
    result = cleaner.clean(comment_page())
    assert_body(result.text, REVIEW[:2])
    assert not any(c in result.text for c in COMMENTS)
    assert result.comments is None and "comments" not in result.to_dict()


def test_include_comments_keeps_the_thread_apart_from_the_body(tmp_path, capsys) -> None:
    result = cleaner.clean(comment_page(), config=cleaner.Config(include_comments=True))
    assert_body(result.text, REVIEW[:2])
    assert not any(c in result.text for c in COMMENTS)
    assert all(c in result.comments for c in COMMENTS) and "Reply" not in result.comments
    page = tmp_path / "note.html"
    page.write_text(comment_page(), encoding="utf-8")
    assert main(["clean", "--comments", "--format", "jsonl", str(page)]) == 0
    record = json.loads(capsys.readouterr().out.splitlines()[0])
    assert COMMENTS[0] in record["comments"] and COMMENTS[0] not in record["text"]


XML_OPENINGS = [
    '<?xml version="1.0" encoding="bogus-enc"\n',  # never closed, a charset nobody knows (issue 25)
    "<?xml version='1.0' encoding='utf-8'",  # never closed, the page's first tag right after it
    '  <?xml version="1.0" encoding="x-unknown"?>\n',  # closed, after white space
]


@pytest.mark.parametrize("opening", XML_OPENINGS)
def test_a_page_behind_a_broken_xml_declaration_keeps_its_article(opening: str) -> None:
    """lxml refuses a str that declares an encoding: a declaration left open was not dropped, and the whole
    page came out empty ('no HTML tree could be parsed')."""
    page = f"{opening}<html><head><title>A review</title></head><body><article>{paragraphs()}</article></body></html>"
    result = cleaner.clean(page)
    assert result.error is None and result.input_kind == "html"
    assert all(text in result.text for text in REVIEW)


def test_a_body_inside_one_link_is_not_lost() -> None:
    """Readability's js-link-replacement page: the whole body sits in a javascript: link, so every block is
    a link list and no block-made body remains; trafilatura's text is used rather than an empty body."""
    page = ('<html><head><title>Tide tables</title></head><body><a href="javascript:void(0)">'
            "<p>High tide 06:12</p><p>Low tide 12:40</p>Harbour closed at night</a></body></html>")
    result = cleaner.clean(page)
    assert result.error is None
    assert [line for line in result.text.splitlines() if line] == ["High tide 06:12", "Low tide 12:40",
                                                                   "Harbour closed at night"]
    assert result.html_path[0] == "dom.fallback_trafilatura_text"


# --- issue 25: captions and their credits ---------------------------------------------------------------

def figure_page(figure: str) -> str:
    return (f'<html><head><title>A sea novel</title></head><body><article><h1>A sea novel</h1>'
            f'{paragraphs(REVIEW[:3])}<figure><img src="harbour.jpg" alt="">{figure}</figure>'
            f'{paragraphs(REVIEW[3:])}</article></body></html>')


@pytest.mark.parametrize("figure, caption, credit", [
    # The credit in its own element inside the caption (a lead image's 'attribution', itemprop copyrightHolder).
    ('<figcaption class="lead-image__credit"><span class="lead-image__caption">Fishing boats at the old quay'
     '</span> <span class="lead-image__attribution">Jana Novak/Reuters</span></figcaption>',
     "Fishing boats at the old quay", "Jana Novak/Reuters"),
    ('<figcaption><span>Les bateaux rentrent au port à l’aube.</span><span itemprop="copyrightHolder">'
     '<span>Crédit</span><span>Jean Morel pour Le Journal</span></span></figcaption>',
     "Les bateaux rentrent au port à l’aube.", "Crédit Jean Morel pour Le Journal"),
    # A caption holding only a credit, as a link to the photographer's page: no caption at all.
    ('<figcaption class="caption"><div class="caption-credit"><a href="/people/marta">Marta</a></div></figcaption>',
     None, "Marta"),
    # A caption that is only a link names the page it links to: neither caption nor credit.
    ('<figcaption><a href="https://example.org/boote/kutter">Hafen von Kiel</a></figcaption>', None, None),
    # A box named as the credit that holds a caption too, the credit in the text ('background-credits').
    ('<div class="image-credits">Der Kutter läuft am Abend aus. | Photo by Jonas Berg</div>',
     "Der Kutter läuft am Abend aus.", "Photo by Jonas Berg"),
    # The credit written after the caption in an agency's shape, in the text alone.
    ('<figcaption>Die Fähre legt im Morgennebel an. Anna Weber/dpa</figcaption>', "Die Fähre legt im Morgennebel an.",
     "Anna Weber/dpa"),
    ('<figcaption>Los pescadores descargan al amanecer. Foto: Lucía Prieto</figcaption>',
     "Los pescadores descargan al amanecer.", "Foto: Lucía Prieto"),
])
def test_caption_and_credit_are_split(figure: str, caption: str | None, credit: str | None) -> None:
    result = cleaner.clean(figure_page(figure))
    assert_body(result.text)
    assert result.metadata.image_caption == caption
    assert result.metadata.image_credit == credit


# --- issue 25: a section label repeated around the article -----------------------------------------------

@pytest.mark.parametrize("prefix, section", [("From the section", "Europe"), ("Aus dem Ressort", "Politik"),
                                             ("Dans la rubrique", "Monde")])
def test_a_section_label_repeated_around_the_article_is_furniture(monkeypatch, prefix: str, section: str) -> None:
    """trafilatura keeps the label once; matched by its text, every copy of it (the article's and the teasers')
    came into the body."""
    label = f'<li><span class="desc">{prefix} </span><a href="/{section.lower()}">{section}</a></li>'
    teasers = "".join(f'<div class="item"><h3><a href="/t{i}">Another story number {i}</a></h3><ul>{label}</ul></div>'
                      for i in range(3))
    html = (f'<html><head><title>A sea novel</title></head><body><div class="main"><div class="story"><h1>A sea novel'
            f'</h1><ul class="info">{label}</ul><div class="story-inner">{paragraphs()}</div></div></div>'
            f'<div class="more-stories">{teasers}</div></body></html>')
    monkeypatch.setattr(html_mode, "_trafilatura",
                        lambda tree, url: ("\n".join([f"{prefix} {section}", *REVIEW]), None))
    result = cleaner.clean(html)
    assert_body(result.text)
    assert f"{prefix} {section}" not in result.text
    assert any(r.rule == "dom.repeated" for r in result.removed)


def test_a_short_line_repeated_inside_the_article_stays() -> None:
    html = (f'<html><head><title>Two soups</title></head><body><article><h1>Two soups</h1><h2>Ingredients</h2>'
            f'{paragraphs(REVIEW[:3])}<h2>Ingredients</h2>{paragraphs(REVIEW[3:])}</article></body></html>')
    result = cleaner.clean(html)
    assert_body(result.text)
    assert result.text.count("Ingredients") == 2


# --- issue 25: alt text that repeats the article's own words ---------------------------------------------

@pytest.mark.parametrize("tag, standfirst", [
    ("h2", "A patient novel about a harbour town, a retired pilot and the letters he never sends."),
    ("h2", "Ein geduldiger Roman über eine Hafenstadt, einen Lotsen im Ruhestand und seine Briefe."),
    ("p", "Una novela paciente sobre un pueblo de puerto, un piloto jubilado y sus cartas."),
])
def test_alt_text_equal_to_a_heading_or_paragraph_never_makes_it_a_caption(tag: str, standfirst: str) -> None:
    """A lead image whose alt text repeats the standfirst, both in a box named as the image's caption: the
    standfirst was moved out of the body and became image_caption."""
    html = (f'<html><head><title>A sea novel</title></head><body><article><h1>A sea novel</h1>'
            f'<div class="lead-caption"><img src="cover.jpg" alt="{standfirst}"><{tag} class="standfirst">{standfirst}'
            f'</{tag}></div>{paragraphs()}<figure><img src="quay.jpg" alt="The quay"><figcaption>The quay at dawn.'
            f'</figcaption></figure></article></body></html>')
    result = cleaner.clean(html)
    assert_body(result.text, [standfirst, *REVIEW])
    assert result.metadata.image_caption == "The quay at dawn."


# --- issue 25: region choice on sidebar-heavy pages ------------------------------------------------------

LINK_LOVE = [("The Tide Journal", "notes on a year of sailing"), ("Harbour Lights", "a photo diary of old quays"),
             ("Salt and Rope", "knots, nets and the people who tie them"), ("North Pier", "a local history blog"),
             ("The Ferry Log", "timetables and tales from the crossing"), ("Gull Street", "a cook on the coast"),
             ("Low Water", "walks at the turn of the tide"), ("Net Loft", "a weaver of fishing nets writes")]
TOUR_DATES = [("12. Mai", "Hamburg, Docks"), ("14. Mai", "Kiel, Pumpe"), ("16. Mai", "Rostock, Kulturhaus"),
              ("18. Mai", "Lübeck, Kesselhaus"), ("20. Mai", "Bremen, Schlachthof"), ("22. Mai", "Emden, Hafenhalle"),
              ("24. Mai", "Husum, Speicher"), ("26. Mai", "Flensburg, Volksbad")]


@pytest.mark.parametrize("heading, items", [
    ("Link Love", [f'<a href="/out/{i}">{name}</a> – {about}' for i, (name, about) in enumerate(LINK_LOVE)]),
    ("Tourdaten", [f'{day} – {place}, Einlass 19 Uhr, mit Gästen <a href="/tickets/{i}">Tickets kaufen</a>'
                   for i, (day, place) in enumerate(TOUR_DATES)]),
])
def test_the_article_prose_run_beats_a_sidebar_list_of_short_linked_items(monkeypatch, heading: str,
                                                                          items: list[str]) -> None:
    """trafilatura taking a blog's sidebar list for the article: the fusion kept the list and dropped the post."""
    sidebar = f'<div class="widget-area"><h2>{heading}</h2><ul>{"".join(f"<li>{i}</li>" for i in items)}</ul></div>'
    html = (f'<html><head><title>A sea novel</title></head><body><div class="wrap"><div class="col-main"><div>'
            f'<div class="entry">{paragraphs()}</div></div></div><div class="col-side"><div>{sidebar}</div></div>'
            '</div></body></html>')
    listed = [" ".join(lxml_html.fromstring(f"<li>{i}</li>").text_content().split()) for i in items]
    monkeypatch.setattr(html_mode, "_trafilatura", lambda tree, url: ("\n".join([heading, *listed]), None))
    result = cleaner.clean(html)
    assert_body(result.text)
    assert not any(i in result.text for i in listed)
    assert result.html_path[0] == "dom.prose_run"


def test_an_article_with_prose_keeps_its_body_beside_a_long_prose_box(monkeypatch) -> None:
    """A body of prose is no list: the scorer's node elsewhere never replaces it by this rule."""
    release = "".join(f"<p>{t}</p>" for t in RELEASE[:6])
    html = (f'<html><head><title>A sea novel</title></head><body><div class="wrap"><div class="col-main"><div>'
            f'<div class="entry">{paragraphs(REVIEW[:2])}</div></div></div><div class="col-side"><div>'
            f'<div class="press">{release}</div></div></div></div></body></html>')
    monkeypatch.setattr(html_mode, "_trafilatura", lambda tree, url: ("\n".join(REVIEW[:2]), None))
    result = cleaner.clean(html)
    assert_body(result.text, REVIEW[:2])
    assert result.html_path[0] != "dom.prose_run"


def test_a_formula_written_in_mathml_stays_in_its_sentence() -> None:
    """A formula in MathML is part of the sentence around it (dropping it leaves 'the roots of  are'); a copy hidden
    for screen readers (display: none) is not printed."""
    formula = ("<math><mi>p</mi><mo>=</mo><mfrac><mi>k</mi><mi>n</mi></mfrac></math>")
    hidden = '<span style="display: none"><math><mi>zzhidden</mi></math></span>'
    html = ("<html><head><title>Counting odds</title></head><body><article><h1>Counting odds</h1>"
            f"<p>When a die is thrown many times, the share of sixes settles near {formula}{hidden}, where the "
            "count of sixes is divided by the number of throws, and the longer the run the closer it comes.</p>"
            f"{paragraphs()}</article></body></html>")
    text = cleaner.clean(html).text
    assert_body(text)
    assert re.search(r"settles near p\s*=\s*k\s*n\s*, where the count", text)
    assert "zzhidden" not in text


@pytest.mark.parametrize("ruby, plain", [
    ("<ruby>子<rt>こ</rt></ruby>どもが<ruby>学校<rp>(</rp><rt>がっこう</rt><rp>)</rp></ruby>へ行きます。", "子どもが学校へ行きます。"),
    ("我们<ruby>学<rt>xué</rt>习<rt>xí</rt></ruby>中文。", "我们学习中文。"),
])
def test_ruby_readings_are_not_read_into_the_text(ruby: str, plain: str) -> None:
    """Ruby annotations (furigana, pinyin) print a reading over the characters: read inline they double each word
    ('子こども'), so the text keeps the base characters only."""
    html = (f"<html><head><title>Reading</title></head><body><article><h1>Reading</h1><p>{ruby}{ruby}{ruby}</p>"
            f"{paragraphs()}</article></body></html>")
    text = cleaner.clean(html).text
    assert plain * 3 in text.replace("\n", "")
    assert_body(text)


# --- a short body where the page holds far more prose (trafilatura's fast extraction kept an intro) ------------

KURS = [
    "Der Kurs beginnt mit einer Woche Grundlagen, in der die Teilnehmenden lernen, wie Farben, Schriften und "
    "Raster zusammenwirken, bevor sie am Freitag ihr erstes eigenes Plakat für einen Verein der Stadt entwerfen.",
    "In der zweiten Woche geht es um Bewegung: kurze Animationen für Webseiten, Übergänge zwischen Bildern und "
    "die Frage, wann eine Bewegung dem Leser hilft und wann sie ihn nur von der eigentlichen Nachricht ablenkt.",
    "Die dritte Woche gehört dem Satz von Büchern und Broschüren, mit Übungen zu Seitenrändern, Spalten, "
    "Fußnoten und Registern, die an alten Drucken aus dem Archiv der Bibliothek verglichen werden.",
    "Danach arbeiten kleine Gruppen einen Monat lang an einem Auftrag eines echten Kunden, vom ersten Gespräch "
    "über Skizzen und Entwürfe bis zur fertigen Datei, die an die Druckerei geschickt wird.",
    "Zum Abschluss stellt jede Gruppe ihre Arbeit vor einer Jury aus Lehrenden und Gästen aus Agenturen vor, "
    "die nicht nur das Ergebnis bewerten, sondern auch, wie die Gruppe ihre Entscheidungen begründet.",
    "Wer den Kurs besteht, erhält ein Zeugnis mit einer Beschreibung der Projekte, und viele Absolventen "
    "finden über die Kontakte aus der Abschlusspräsentation ihre erste Stelle in einem Studio der Region.",
]
INTRO = ("Grafikdesign lernen: ein Kurs in zwölf Wochen für Einsteiger, die ohne Vorwissen beginnen und am Ende "
         "eine eigene Mappe mit Plakaten, Animationen und Broschüren vorlegen wollen, um sich damit bei Studios, "
         "Verlagen oder Agenturen zu bewerben. Der Unterricht findet an drei Abenden pro Woche statt, dazu kommen "
         "zwei Samstage im Monat in der Werkstatt.")


def course_page(thread: str = "") -> str:
    """An intro line in one deep branch, the course's description in another (beyond the reach of prose_nearby)."""
    deep = "".join(f'<div class="l{i}">' for i in range(5))
    end = "</div>" * 5
    return (f'<html><head><title>Kurse</title></head><body><div class="page">{deep}<p>{INTRO}</p>{end}'
            f'{deep}{paragraphs(KURS, 2)}{end}{thread}</div></body></html>')


def test_a_short_body_gives_way_to_the_full_extraction_holding_it_and_more(monkeypatch) -> None:
    """trafilatura's fast setting kept the intro alone while the page holds six paragraphs more: its full
    extraction (asked only then) finds them, holds the intro, and the fusion over it is the body."""
    asked = []

    def fake(tree, url, full=False):
        asked.append(full)
        return ("\n".join([INTRO, *KURS]) if full else INTRO), None

    monkeypatch.setattr(html_mode, "_trafilatura", fake)
    result = cleaner.clean(course_page())
    assert_body(result.text, [INTRO, *KURS])
    assert result.html_path[0] == "dom.fallback_trafilatura_full"
    assert asked == [False, True]


def test_a_full_extraction_elsewhere_on_the_page_does_not_replace_the_short_body(monkeypatch) -> None:
    """The full extraction found another part of the page (a thread), not the intro: the own body stays."""
    thread = '<div><div><div><div class="thread">' + paragraphs(RELEASE[:8]) + "</div></div></div></div>"
    monkeypatch.setattr(html_mode, "_trafilatura",
                        lambda tree, url, full=False: ("\n".join(RELEASE[:8]) if full else INTRO, None))
    result = cleaner.clean(course_page(thread))
    assert INTRO in result.text and not any(t in result.text for t in RELEASE[:8])
    assert result.html_path[0] == "dom.fusion"


def test_a_short_page_with_no_prose_beside_its_body_asks_the_fast_extraction_only(monkeypatch) -> None:
    """A brief with menus around it (no long paragraph outside the body): trafilatura runs once, fast."""
    asked = []

    def fake(tree, url, full=False):
        asked.append(full)
        return KURS[0], None

    monkeypatch.setattr(html_mode, "_trafilatura", fake)
    html = (f'<html><head><title>Kurse</title></head><body><nav><a href="/a">Kurse</a> <a href="/b">Preise</a></nav>'
            f'<article><p>{KURS[0]}</p></article><footer><a href="/c">Impressum</a></footer></body></html>')
    result = cleaner.clean(html)
    assert KURS[0] in result.text
    assert asked == [False]


# --- the article goes on past trafilatura's last block ----------------------------------------------------

# A guide of places, one entry a box (a name, a line of facts, a paragraph), in Spanish and Dutch.
GUIDE = [
    ("Casa Marea", "Abrió en primavera junto al puerto viejo y sirve pescado del día a la brasa, con una carta de "
                   "vinos gallegos corta pero bien pensada, un patio con sombra para las tardes de verano y una "
                   "barra donde se puede comer solo sin reservar."),
    ("De Zoute Kaap", "Het nieuwe visrestaurant aan de kade serveert elke avond een menu van vijf gangen, met "
                      "garnalen uit de eigen kotters, brood uit de bakkerij twee straten verderop en een wijnkaart "
                      "die vooral kleine wijnmakers uit de buurlanden laat zien."),
    ("Taberna Norte", "La cocina abre hasta medianoche y la barra ofrece raciones pequeñas para compartir, desde "
                      "croquetas de jamón hasta pulpo a la gallega, a precios que sorprenden en pleno centro, y los "
                      "domingos hay música en directo después de comer."),
]


def guide_page(after: str = "") -> str:
    entries = "".join(f'<div class="entry"><header><h2>{name}</h2><ul><li>Cocina</li><li>Centro</li></ul></header>'
                      f'<p>{text}</p></div>' for name, text in GUIDE)
    return (f'<html><head><title>New places</title></head><body><nav><a href="/">Home</a></nav><main><article>'
            f'<h1>New places</h1>{paragraphs()}{entries}{after}</article></main></body></html>')


def read_as_article(monkeypatch) -> None:
    """trafilatura keeps the review's paragraphs only, and the page reads as an article (no type's strategy)."""
    monkeypatch.setattr(html_mode, "_trafilatura", lambda tree, url, full=False: ("\n".join(REVIEW), None))
    monkeypatch.setattr(html_mode, "classify", lambda *args: {"article": 1.0})


def test_prose_inside_the_article_after_trafilatura_stopped_is_kept(monkeypatch) -> None:
    """trafilatura stopped before the entries: their paragraphs, inside the same article element after its last
    block, are the article's (rule dom.prose_nearby), as prose beside that element is."""
    read_as_article(monkeypatch)
    result = cleaner.clean(guide_page())
    assert_body(result.text, [*REVIEW, *(text for _, text in GUIDE)])
    assert result.html_path[0] == "dom.fusion"


def test_a_named_box_or_a_link_list_after_the_article_stays_out(monkeypatch) -> None:
    """Only plain prose is taken after trafilatura's last block: a box named as furniture and a list of links stay out."""
    teaser = ("Lee también nuestra guía de los mejores mercados de la ciudad, con horarios, precios y los puestos "
              "que no te puedes perder si visitas la zona un sábado por la mañana temprano, antes de que lleguen "
              "los turistas.")
    links = " ".join(f'<a href="/guia/{i}">Guía de barrios número {i} de la ciudad vieja y sus calles</a>' for i in range(6))
    read_as_article(monkeypatch)
    result = cleaner.clean(guide_page(f'<div class="related-posts"><p>{teaser}</p></div><p>{links}</p>'))
    assert teaser not in result.text and "Guía de barrios" not in result.text
