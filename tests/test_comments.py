"""Reader-comment threads in dumps leave the body as one section (rule comments.thread), reach `comments`
when asked, and give no date or author; forum posts, interviews and teaser lists are no thread.

The threads here are written for these tests (names, stamps, buttons and comment texts in seven languages),
not taken from the zoo's wordings or the seeds."""
from __future__ import annotations

import string

from hypothesis import given, settings
from hypothesis import strategies as st
import pytest

import cleaner

from .conftest import BODY

RULES_ONLY = cleaner.Config(use_model=False)
WITH_COMMENTS = RULES_ONLY.replace(include_comments=True)

THREADS = {
    "en": ("5 Comments\n\nGeorgina Platt says:\nOctober 2, 2023 at 7:41 pm\nWe had the same argument in our town and the "
           "lanes were built anyway.\nReply\n\nbikedad_88 says:\nOctober 3, 2023 at 6:02 am\nMy commute got ten minutes "
           "shorter once the waterfront part opened.\nReply"),
    "de": ("3 Kommentare\n\nHerbert Kallweit schreibt:\n2. Oktober 2023 um 19:41\nBei uns hat man die Radwege trotzdem "
           "gebaut, und niemand vermisst die Parkplätze.\nAntworten\n\nSabine K. schreibt:\n3. Oktober 2023 um 06:02\n"
           "Endlich denkt mal jemand an die Kinder auf dem Schulweg.\nAntworten"),
    "fr": ("4 commentaires\n\nMarcel Vautrin a écrit :\n2 octobre 2023 à 19:41\nChez nous, les pistes ont été construites "
           "malgré tout et personne ne regrette les places de parking.\nRépondre\n\nCléo B. a écrit :\n3 octobre 2023 à "
           "06:02\nIl était temps de penser aux enfants qui vont à l'école à vélo.\nRépondre"),
    "es": ("6 comentarios\n\nRamón Echeverría escribió:\n2 de octubre de 2023 a las 19:41\nEn mi ciudad construyeron los "
           "carriles igualmente y nadie echa de menos el aparcamiento.\nResponder\n\nLuz M. escribió:\n3 de octubre de "
           "2023 a las 06:02\nYa era hora de pensar en los niños que van al colegio en bici.\nResponder"),
    "it": ("7 commenti\n\nOttavio Brambilla ha scritto:\n2 ottobre 2023 alle 19:41\nDa noi le piste le hanno fatte lo "
           "stesso e nessuno rimpiange i parcheggi.\nRispondi\n\nMarta G. ha scritto:\n3 ottobre 2023 alle 06:02\nEra ora "
           "che qualcuno pensasse ai bambini che vanno a scuola in bici.\nRispondi"),
    "nl": ("8 reacties\n\nGerrit Hoekstra schreef:\n2 oktober 2023 om 19:41\nBij ons zijn de fietspaden er toch gekomen en "
           "niemand mist de parkeerplaatsen.\nBeantwoorden\n\nIlse V. schreef:\n3 oktober 2023 om 06:02\nHet werd tijd "
           "dat iemand aan de schoolgaande kinderen dacht.\nBeantwoorden"),
    "pt": ("9 comentários\n\nJoaquim Tavares escreveu:\n2 de outubro de 2023 às 19:41\nNa minha cidade as ciclovias foram "
           "feitas na mesma e ninguém sente falta do estacionamento.\nResponder\n\nRita F. escreveu:\n3 de outubro de "
           "2023 às 06:02\nJá era tempo de pensar nas crianças que vão de bicicleta para a escola.\nResponder"),
}
# Without an opener: a name, a stamp, the comment and a button per comment.
BARE_THREAD = ("Wilhelmina Stroud\n14 March 2024, 21:05\nThe budget figures were published last week, if anyone wants "
               "to read them.\nReport\nOsei Mensah\n15 March 2024, 08:30\nThanks, that saved me an afternoon of "
               "searching.\nReport")


def _comment_texts(thread: str) -> list[str]:
    """The comments' own sentences (the lines that end with a full stop)."""
    return [line for line in thread.splitlines() if line.endswith(".")]


def _assert_given_as_comments(thread: str) -> None:
    """`thread` below the article body: every comment sentence leaves the body for `comments`, the body stays."""
    result = cleaner.clean("\n\n".join([*BODY, thread]), config=WITH_COMMENTS)
    assert all(paragraph in result.text for paragraph in BODY)
    for comment in _comment_texts(thread):
        assert comment not in result.text and comment in (result.comments or "")


@pytest.mark.parametrize("lang", sorted(THREADS))
def test_comment_threads_leave_the_body_in_seven_languages(lang):
    thread = THREADS[lang]
    result = cleaner.clean("\n\n".join([*BODY, thread]), config=WITH_COMMENTS)
    for paragraph in BODY:
        assert paragraph in result.text
    for comment in _comment_texts(thread):
        assert comment not in result.text
        assert comment in (result.comments or "")
    assert "comments.thread" in {r.rule for r in result.removed}
    assert "Reply" not in (result.comments or "").splitlines()  # the buttons are no comment text


def test_a_thread_without_an_opener_is_found_from_its_stamps_and_buttons():
    result = cleaner.clean("\n\n".join([*BODY, BARE_THREAD]), config=RULES_ONLY)
    assert all(comment not in result.text for comment in _comment_texts(BARE_THREAD))
    assert all(paragraph in result.text for paragraph in BODY)


def test_no_date_or_author_comes_from_a_comment():
    result = cleaner.clean("\n\n".join(["Bike lanes approved", *BODY, THREADS["en"]]), config=RULES_ONLY)
    assert result.metadata.date is None and result.metadata.date_time is None
    assert not result.metadata.authors


def test_comments_are_only_given_when_asked():
    assert cleaner.clean("\n\n".join([*BODY, THREADS["de"]]), config=RULES_ONLY).comments is None
    assert cleaner.clean("\n\n".join(BODY), config=WITH_COMMENTS).comments is None


def test_explain_names_the_thread_and_its_markers():
    result = cleaner.clean("\n\n".join([*BODY, THREADS["fr"]]), config=RULES_ONLY)
    thread = next(r for r in result.removed if r.rule == "comments.thread")
    assert thread.evidence["head_lines"] == 2 and thread.evidence["stamp_lines"] == 2
    assert thread.evidence["opener"] == "4 commentaires"


# The opener blog software writes over a thread: a count (or a number word) of thoughts on the quoted title.
TITLED_OPENERS = {"en": "One thought on “Bike lanes approved”", "de": "3 Gedanken zu „Radwege beschlossen“",
                  "fr": "2 réflexions sur « Les pistes cyclables »", "es": "2 pensamientos sobre “Carriles bici”",
                  "it": "2 pensieri su “Piste ciclabili”", "nl": "2 gedachten over “Nieuwe fietspaden”",
                  "pt": "2 pensamentos sobre “As ciclovias”"}


@pytest.mark.parametrize("lang", sorted(TITLED_OPENERS))
def test_a_thread_under_thoughts_on_the_title_starts_at_that_line(lang):
    thread = TITLED_OPENERS[lang] + "\n\n" + THREADS[lang].split("\n\n", 1)[1]
    result = cleaner.clean("\n\n".join([*BODY, thread]), config=RULES_ONLY)
    found = next(r for r in result.removed if r.rule == "comments.thread")
    assert TITLED_OPENERS[lang].startswith(found.evidence["opener"])  # (as the rules read it: a closing » trimmed)
    assert result.text == "\n\n".join(BODY)


def test_a_forum_thread_is_the_content():
    """The question and the replies carry the same kind of stamp: the posts are the page, not comments."""
    posts = "\n\n".join([
        "Which glue for a workbench top?", "timber_tom Feb 3, 2022 at 9:12 pm",
        "I am gluing up a laminated top from construction pine and wonder which glue holds best without clamps "
        "everywhere, since I only own six of them.",
        "4 Replies",
        "sawdust_sue Feb 3, 2022 at 9:40 pm", "Plain yellow wood glue is plenty; clamp in stages and plane after.",
        "Reply",
        "oldhand Feb 4, 2022 at 7:05 am", "Agree with Sue. Let each stage cure for an hour before the next.",
        "Reply",
    ])
    result = cleaner.clean(posts, config=RULES_ONLY)
    assert "Plain yellow wood glue is plenty; clamp in stages and plane after." in result.text
    assert "comments.thread" not in {r.rule for r in result.removed}
    # The question's stamp stays with it (comments.forum), so cleaning the cleaned page reads it the same.
    assert "timber_tom Feb 3, 2022 at 9:12 pm" in result.text
    assert cleaner.clean(result.text, config=RULES_ONLY).text == result.text


@pytest.mark.parametrize("text", [
    # An interview's quotes: heads without stamps or buttons.
    "\n\n".join([*BODY, "The mayor said:", "We will build the first segment next spring, whatever the weather.",
                 "Her opponent wrote:", "The budget has doubled and nobody can explain why."]),
    # A list of dated events: stamps alone.
    "\n\n".join([*BODY, "Timeline", "March 3, 2023 at 10:00 am", "The plan is presented to the council.",
                 "June 9, 2023 at 6:30 pm", "The first public hearing draws two hundred residents."]),
])
def test_quotes_and_timelines_are_no_thread(text):
    result = cleaner.clean(text, config=RULES_ONLY)
    assert "comments.thread" not in {r.rule for r in result.removed}


# Comments signed by their writers, with neither an opener nor a button: a name, a stamp, the comment.
SIGNED_THREADS = {
    "en": ("Harriet Quinn\nMarch 9, 2024, 10:12 PM\nThe ferry times in the second table are already out of date.\n"
           "Oliver Banda\nMarch 10, 2024, 7:03 AM\nThanks for writing this up, it answered all my questions."),
    "de": ("Karsten Lindner\n9. März 2024, 22:12\nDie Fahrzeiten in der zweiten Tabelle sind schon veraltet.\n"
           "Petra Vogel\n10. März 2024, 07:03\nDanke für den Artikel, er hat alle meine Fragen beantwortet."),
    "es": ("Lucía Ortega\n9 de marzo de 2024, 22:12\nLos horarios del ferry de la segunda tabla ya no son válidos.\n"
           "Andrés Molina\n10 de marzo de 2024, 07:03\nGracias por el artículo, respondió todas mis preguntas."),
    "pt": ("Inês Barata\n3 de março de 2025\nFinalmente alguém fala disto com os números certos.\n"  # (dates alone)
           "Rui Salgado\n4 de março de 2025\nNo meu bairro acontece exatamente o mesmo há anos."),
}


@pytest.mark.parametrize("lang", sorted(SIGNED_THREADS))
def test_a_thread_signed_by_its_commenters_leaves_the_body(lang):
    _assert_given_as_comments(SIGNED_THREADS[lang])


# Stamps written with a space after each dot ('14. 01. 2020, 13:47'), the opener a few lines above the first
# button: each stamp is a date, so the thread starts under its opener.
SPACED_STAMPS = ("Leserkommentare\nWaltraud_K\n7. 11. 2022, 09:14\nDer Umbau der Kreuzung war überfällig, aber die "
                 "Ampelphasen sind immer noch viel zu kurz.\nIn der Innenstadt sieht es nicht besser aus.\nAm Bahnhof "
                 "auch nicht.\nWer mit dem Kinderwagen unterwegs ist, schafft es kaum über die Straße.\nDas habe ich "
                 "der Stadt schon zweimal geschrieben.\nantworten\nmelden\nJens Oberhoff\n7. 11. 2022, 10:02\n@Waltraud_K Die Stadt hat "
                 "neue Zeiten für das Frühjahr angekündigt.\nantworten\nmelden")


def test_a_thread_stamped_with_spaced_dates_leaves_the_body():
    _assert_given_as_comments(SPACED_STAMPS)


# A first comment of many lines: its button stands further under the opener than a short comment's would.
LONG_FIRST_COMMENTS = {
    "en": ("12 Comments\nmarlene_w\nJune 3, 2021\nDear Tom,\nthank you for the list of gardens.\nWe went to the "
           "third one last spring with the children.\nThe roses were not out yet, but the kitchen garden was lovely.\n"
           "The café by the gate only takes cash, by the way.\nWe will go back in July.\nBest wishes,\nMarlene\n"
           "Reply\ntomsgardens\nJune 4, 2021\nThank you, Marlene! July is the best month for the roses.\nReply"),
    "fr": ("8 commentaires\nsylvie.b\n3 juin 2021\nBonjour Tom,\nmerci pour cette liste de jardins.\nNous sommes "
           "allés au troisième au printemps dernier.\nLes roses n'étaient pas encore en fleur.\nLe potager valait le "
           "détour, et le café à l'entrée aussi.\nNous y retournerons en juillet.\nAmitiés,\nSylvie\nRépondre\n"
           "tomsgardens\n4 juin 2021\nMerci Sylvie, juillet est le meilleur mois pour les roses.\nRépondre"),
}


@pytest.mark.parametrize("lang", sorted(LONG_FIRST_COMMENTS))
def test_a_long_first_comment_keeps_the_thread_under_its_opener(lang):
    _assert_given_as_comments(LONG_FIRST_COMMENTS[lang])


# Heads over dates without a time of day, no opener and no button: the date under each head is its stamp.
DATED_HEADS = {
    "it": ("Giulia Ferrante ha commentato:\nlunedì 3 marzo 2025\nFinalmente qualcuno ne parla con i numeri giusti.\n"
           "Paolo Riva ha commentato:\nmartedì 4 marzo 2025\nNel mio quartiere succede la stessa cosa da anni."),
    "pt": ("Inês Barata comentou:\nsegunda-feira, 3 de março de 2025\nFinalmente alguém fala disto com os números certos.\n"
           "Rui Salgado comentou:\nterça-feira, 4 de março de 2025\nNo meu bairro acontece o mesmo há anos."),
}


@pytest.mark.parametrize("lang", sorted(DATED_HEADS))
def test_heads_over_dates_make_a_thread(lang):
    _assert_given_as_comments(DATED_HEADS[lang])


def test_a_stamp_above_the_opener_does_not_hide_it():
    """A teaser's relative time just above the thread joins its markers; the thread still starts at its opener."""
    thread = ("El puerto amplía su horario de verano\nhace 3 horas\nComentarios\nLorena Gil escribió:\n3 de marzo de 2025 a las 10:15\n"
              "Gracias por explicarlo con tanto detalle.\nResponder\nMateo Ruiz escribió:\n3 de marzo de 2025 a las "
              "11:40\nEn mi barrio pasa exactamente lo mismo.\nResponder")
    result = cleaner.clean("\n\n".join([*BODY, thread]), config=WITH_COMMENTS)
    found = next(r for r in result.removed if r.rule == "comments.thread")
    assert found.evidence.get("opener") == "Comentarios"


def test_performers_over_concert_dates_are_no_thread():
    """A listing puts a performer's name over each date, and the venue under it: no comment thread."""
    concerts = "\n".join(["Maria Callan", "June 9, 2024, 8:00 PM", "Riverside Hall, Leeds",
                           "Johann Vogt Quartet", "June 12, 2024, 7:30 PM", "The Old Mill, York"])
    result = cleaner.clean("\n\n".join([*BODY, concerts]), config=RULES_ONLY)
    assert "comments.thread" not in {r.rule for r in result.removed}


# Comments of a name, a relative time, the text and a button: a teaser rule reads the names and times as a
# run of headlines and their stamps; the thread takes them back (and its last comment too).
TEASED_THREADS = {
    "en": ("Helena Brooks\n2 hours ago\nThe crossing near the school still has no lights, which worries me every "
           "morning.\nReply\nTomasz Wrobel\n5 hours ago\nWe asked the council about it twice and never heard back.\nReply"),
    "de": ("Jürgen Falk\nvor 2 Stunden\nAn der Kreuzung vor der Schule fehlt immer noch eine Ampel, das macht mir jeden "
           "Morgen Sorgen.\nAntworten\nMeike Sander\nvor 5 Stunden\nWir haben die Stadt zweimal gefragt und nie eine "
           "Antwort bekommen.\nAntworten"),
    "fr": ("Hélène Roux\nil y a 2 heures\nLe passage près de l'école n'a toujours pas de feux, ce qui m'inquiète chaque "
           "matin.\nRépondre\nYann Le Goff\nil y a 5 heures\nNous avons écrit deux fois à la mairie sans jamais recevoir "
           "de réponse.\nRépondre"),
}


@pytest.mark.parametrize("lang", sorted(TEASED_THREADS))
def test_a_thread_read_as_a_teaser_run_is_given_as_comments(lang):
    thread = TEASED_THREADS[lang]
    _assert_given_as_comments(thread)


# A line above the article written like the thread's relative stamps ('2 hours ago', 'vor 2 Stunden': a number
# and words) but stamping nothing: an address, a hall. The thread below is still a thread, not a forum's replies.
NUMBERED_LINES = {"en": "9 Harbour Road West", "de": "Halle 4 Eingang", "fr": "Salle 3 gauche", "nl": "7 Kerkstraat Noord"}


@pytest.mark.parametrize("lang", sorted(NUMBERED_LINES))
def test_a_number_and_words_above_the_article_makes_no_forum(lang):
    thread = TEASED_THREADS.get(lang, TEASED_THREADS["en"])
    result = cleaner.clean("\n\n".join([NUMBERED_LINES[lang], *BODY, thread]), config=WITH_COMMENTS)
    assert all(paragraph in result.text for paragraph in BODY)
    for comment in _comment_texts(thread):
        assert comment not in result.text and comment in (result.comments or "")


def test_a_thread_takes_back_its_repeated_buttons():
    """Every comment ends with the same button ('Log in to Reply'): the rule of repeated lines takes the copies
    first, and the thread takes them back, so the whole thread is one section."""
    thread = ("12 Comments\n\nMarta Lindqvist says:\nMarch 3, 2024 at 9:12 am\nThe new timetable finally fits the "
              "school day.\nLog in to Reply\n\nDev Raman says:\nMarch 3, 2024 at 11:40 am\nOur bus still leaves ten "
              "minutes early.\nLog in to Reply\n\nAnne Moser says:\nMarch 4, 2024 at 7:05 am\nThanks for the clear "
              "summary.\nLog in to Reply")
    result = cleaner.clean("\n\n".join([*BODY, thread]), config=WITH_COMMENTS)
    rules = {b.text: d.final.rule for b, d in zip(result.blocks, result.decisions) if d.removed}
    assert rules.get("Log in to Reply") == "comments.thread"
    assert all(comment in (result.comments or "") for comment in _comment_texts(thread))


def test_a_teaser_list_with_relative_times_is_no_thread():
    teasers = "\n".join(["More from the city desk", "Harbour ferry timetable changes in May", "2 hours ago",
                         "New bakery opens on Mill Street", "5 hours ago", "Library extends its weekend hours",
                         "8 hours ago"])
    result = cleaner.clean("\n\n".join([*BODY, teasers]), config=WITH_COMMENTS)
    assert result.comments is None
    assert "New bakery opens on Mill Street" not in result.text


def test_cleaning_the_cleaned_text_finds_no_thread_again():
    first = cleaner.clean("\n\n".join([*BODY, THREADS["it"]]), config=RULES_ONLY)
    assert cleaner.clean(first.text, config=RULES_ONLY).text == first.text


_NAME = st.text(string.ascii_letters, min_size=3, max_size=9).map(str.capitalize)
_SENTENCES = ["I read this twice and still think the council got it right.",
              "Where can I find the map of the new lanes?",
              "The same plan failed in our town because nobody maintained it.",
              "Good to see the waterfront finally getting some attention."]


@settings(max_examples=30, deadline=None)
@given(names=st.lists(st.tuples(_NAME, _NAME), min_size=2, max_size=5),
       texts=st.lists(st.sampled_from(_SENTENCES), min_size=5, max_size=5),
       minute=st.integers(10, 59), button=st.sampled_from(["Reply", "Report", ""]),
       verb=st.sampled_from(["says", "wrote", "commented"]))
def test_any_thread_below_the_article_leaves_the_body(names, texts, minute, button, verb):
    comments = [f"{first} {last} {verb}:\nMay {k + 3}, 2024 at 8:{minute} pm\n{texts[k]}" + (f"\n{button}" if button else "")
                for k, (first, last) in enumerate(names)]
    result = cleaner.clean("\n\n".join([*BODY, f"{len(names)} Comments", *comments]), config=RULES_ONLY)
    assert result.text == "\n\n".join(BODY)
