"""Text or HTML: a document is HTML when it is markup throughout (or a .html file, or a WARC record),
not because one line is a tag; `--input-kind text|html|auto` and Config.input_kind let a user say."""
from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import cleaner
from cleaner.cli.main import main
from cleaner.io.encoding import MARKUP_WINDOW, looks_like_html
from cleaner.io.item import Item
from cleaner.run.work import clean_item

from .conftest import BODY, SEEDS, SHARED

CONFIG = cleaner.Config(use_model=False)
TEASER_SEED = SEEDS / "002_baae56cd05fcf1d9.txt"
PAGE = ("<!DOCTYPE html>\n<html><head><title>Bike lanes</title></head>\n<body>\n<nav><a href='/'>Home</a></nav>\n"
        + "".join(f"<p>{p}</p>\n" for p in BODY) + "</body>\n</html>\n")
TAG_LINES = ["<html>", "<!DOCTYPE html>", "<html lang=\"en\">", "<body>", "<!doctype html><html><head>",
             "<!DOCTYPE html><html><head><title>Bike lanes</title></head><body>"]


@pytest.mark.parametrize("first", TAG_LINES)
def test_a_dump_with_a_tag_line_on_top_is_cleaned_as_text(first):
    dump = TEASER_SEED.read_text(encoding="utf-8")
    plain, tagged = (cleaner.clean(text, config=CONFIG) for text in (dump, f"{first}\n{dump}"))
    assert tagged.input_kind == "text"
    assert "Top Stories" not in tagged.text and tagged.text.count("\n\n") >= 10  # paragraphs, not one collapsed line
    assert tagged.text.endswith(plain.text)


def test_a_txt_file_with_a_tag_line_on_top_is_text_on_the_command_line(tmp_path, capsys):
    path = tmp_path / "dump.txt"
    path.write_text("<html>\n" + TEASER_SEED.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["clean", "--no-model", str(path)]) == 0
    text = json.loads(capsys.readouterr().out)["text"]
    assert "Top Stories" not in text and "\n\n" in text


def test_a_page_given_as_a_string_is_html():
    result = cleaner.clean(PAGE, config=CONFIG)
    assert result.input_kind == "html" and result.text == "\n\n".join(BODY)


@pytest.mark.parametrize("name,kind", [("page.html", "html"), ("page.HTM.gz", "html"), ("page.xhtml", "html"),
                                       ("page.txt", "text"), ("records.jsonl:3", "text"), ("<stdin>", "text")])
def test_the_file_name_and_the_content_decide_together(name, kind):
    sparse = f"<p>{BODY[0]}</p>\n\n<p>{BODY[1]}</p>\n"  # one tag name: not markup throughout
    item = Item(name, Path("out.txt"), data=sparse.encode("utf-8"))
    assert clean_item(item, CONFIG).result.input_kind == kind
    assert clean_item(Item(name, Path("out.txt"), data=PAGE.encode("utf-8")), CONFIG).result.input_kind == "html"


def test_a_warc_record_is_a_page():
    item = Item("crawl.warc.gz@120", Path("crawl.warc.gz"), data=f"<p>{BODY[0]}</p>".encode("utf-8"),
                fields={"file": "crawl.warc.gz", "record": {}, "line": None, "text_field": "text"})
    assert clean_item(item, CONFIG).result.input_kind == "html"


@pytest.mark.parametrize("kind,expected", [("text", "text"), ("html", "html"), ("auto", "html")])
def test_input_kind_in_the_library_decides_for_every_document(kind, expected):
    assert cleaner.clean(PAGE, config=CONFIG.replace(input_kind=kind)).input_kind == expected
    dump = "\n\n".join(BODY)
    assert cleaner.clean(dump, config=CONFIG.replace(input_kind=kind)).input_kind == ("html" if kind == "html" else "text")
    item = Item("page.html", Path("page.txt"), data=dump.encode("utf-8"))
    assert clean_item(item, CONFIG.replace(input_kind=kind)).result.input_kind == ("text" if kind == "text" else "html")


def test_input_kind_on_the_command_line_overrides_the_file_name(tmp_path, capsys):
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    assert main(["clean", "--no-model", "--input-kind", "text", str(path)]) == 0
    assert "<p>" in json.loads(capsys.readouterr().out)["text"]
    assert main(["clean", "--no-model", str(path)]) == 0
    assert json.loads(capsys.readouterr().out)["text"] == "\n\n".join(BODY)
    dump = tmp_path / "dump.txt"
    dump.write_text(PAGE, encoding="utf-8")
    for command in (["check"], ["explain"]):
        assert main([*command, "--input-kind", "text", str(dump)]) in (0, 1)
        assert "extracted from HTML" not in capsys.readouterr().out


def test_input_kind_in_the_settings_file_is_read(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[tool.cleaner]\ninput-kind = "html"\n', encoding="utf-8")
    (tmp_path / "dump.txt").write_text("\n\n".join(BODY), encoding="utf-8")
    assert main(["explain", "--json", "dump.txt"]) == 0
    assert "html_path" in json.loads(capsys.readouterr().out)  # read as a page, as the settings say


_LINE = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="<>"), min_size=1, max_size=80)


@settings(max_examples=60, deadline=None)
@given(first=st.sampled_from(TAG_LINES), lines=st.lists(_LINE, min_size=1, max_size=30))
def test_one_tag_line_never_makes_a_dump_html(first, lines):
    dump = "\n".join(lines)
    assume(len(dump) >= len(first))  # a dump, not a line of markup with a word after it
    assert not looks_like_html(first + "\n" + dump)


# A tutorial's dump: its title line, prose, and the markup its code samples quote (a fifth of its characters).
TUTORIAL = "\n\n".join([
    "Building a sign-up form without a framework - Frontend Notes",
    "Home\nArticles\nNewsletter",
    "Forms are where most web pages meet their readers, so it pays to write them by hand once. We start from "
    "a plain form with two fields and a button, then add labels that screen readers announce properly.",
    '<form action="/join" method="post"> <label for="mail">Mail</label> <input id="mail" type="email"> '
    '<button type="submit">Join</button> </form>',
    "The label's for attribute names the field it describes. Clicking the label then moves the focus into "
    "the field, which helps on small screens where the field itself is a narrow target.",
    '<div class="row"> <span class="hint">We never share your address.</span> </div>',
    "Next time we will check the address in the browser before the form is sent, and show the reader what "
    "went wrong next to the field instead of at the top of the page.",
    '<ul class="errors"> <li>Enter your mail address</li> </ul> <p class="note">Thanks for reading!</p>',
    "Share this article\nComments are closed.",
])


def test_a_dump_quoting_markup_is_text_and_cleans_to_the_same_text_twice():
    assert not looks_like_html(TUTORIAL)
    once = cleaner.clean(TUTORIAL)
    assert once.input_kind == "text"
    assert "Forms are where most web pages meet their readers" in once.text
    assert cleaner.clean(once.text).text == once.text


def test_a_fragment_of_markup_is_still_a_page():
    fragment = "\n".join(f"<div class='post'><h2>Part {k}</h2><p>{p}</p></div>" for k, p in enumerate(BODY))
    assert looks_like_html(fragment)
    assert looks_like_html("\ufeff<!-- saved page -->\n" + fragment)


def _sample(paths: list[Path], every: int) -> list[Path]:
    return sorted(paths)[::every]


def test_development_pages_are_html_and_their_gold_texts_are_not():
    corpora = SHARED / "corpora"
    pages = _sample(list((corpora / "wcxb-dev" / "html").glob("*.html.gz")), 40)
    pages += _sample(list((corpora / "readability").glob("*/source.html")), 10)
    if not pages:
        pytest.skip("the development corpora are absent")
    for page in pages:
        data = gzip.decompress(page.read_bytes()) if page.suffix == ".gz" else page.read_bytes()
        assert looks_like_html(data.decode("utf-8", "replace")), page
    for truth in _sample(list((corpora / "wcxb-dev" / "ground-truth").glob("*.json")), 40):
        text = json.loads(truth.read_text(encoding="utf-8"))["ground_truth"].get("main_content") or ""
        assert not looks_like_html(text), truth
        assert not looks_like_html("<html>\n" + text), truth


@pytest.mark.parametrize("tail_markup", [True, False])
def test_a_long_document_is_html_only_with_markup_past_its_middle(tail_markup):
    """Past two windows' length only the first and last windows are read: a page's opening markup is no
    page when the end of the document is plain text (a long dump pasted under a page's head)."""
    head = "<!DOCTYPE html><html><head><title>Bike lanes</title></head><body>" + "".join(
        f"<div class='row'><span>Item {i}</span> <a href='/x/{i}'>more</a></div>\n" for i in range(2000))
    prose = "\n".join(BODY) + "\n"
    middle = prose * (2 * MARKUP_WINDOW // len(prose) + 1)
    tail = "".join(f"<p>{p}</p>\n" for p in BODY) + "</body></html>\n" if tail_markup else prose * 40
    text = head + middle + tail
    assert len(head) > MARKUP_WINDOW and len(text) > 2 * MARKUP_WINDOW
    assert looks_like_html(text) is tail_markup


@pytest.mark.parametrize("long", [False, True])
@pytest.mark.parametrize("end, html", [
    ("</body></html>\n", True),
    ("<!-- saved copy </html> -->\n", True),  # the closing tag inside a comment at the end: markup there still
    ("<script>var end = '</html>';</script>\n", True),
    ("", False),  # a page's opening over a dump: no markup past the middle
])
def test_a_page_whose_frame_closes_past_its_middle_is_html_with_little_markup(long, end, html):
    """A document in a page's frame (a doctype on top, </body> or </html> at the end) is HTML with very little
    markup around prose, the frame's closing tag read as markup even inside a comment or script; prose after a
    page's opening is no page. Short (one window) and long (two windows) alike."""
    prose = "\n".join(BODY) + "\n"
    body = prose * ((3 if long else 1) * MARKUP_WINDOW // len(prose) + 1)
    text = "<!DOCTYPE html>\n<html><head><title>Bike lanes</title></head><body>\n" + body + end
    assert (len(text) > 2 * MARKUP_WINDOW) is long
    assert looks_like_html(text) is html


def test_a_short_page_closed_before_its_middle_then_a_dump_is_no_page():
    """A page's frame closed in the first half of a document, plain text after it: no markup past the middle."""
    prose = "\n".join(BODY) + "\n"
    page = "<!DOCTYPE html>\n<html><head><title>Bike lanes</title></head><body>\n" + prose * (
        MARKUP_WINDOW // 2 // len(prose)) + "</body></html>\n"
    text = page + prose * (3 * MARKUP_WINDOW // 4 // len(prose))
    assert len(text) - MARKUP_WINDOW < len(page) < len(text) / 2 and len(text) < 2 * MARKUP_WINDOW
    assert not looks_like_html(text)
