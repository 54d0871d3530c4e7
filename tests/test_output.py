"""Output formats: documents on stdout kept apart (txt/md separator, json one array), and Markdown
with the document's headings, one paragraph per line and YAML front matter holding the metadata."""
from __future__ import annotations

import io
import json

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

import cleaner
from cleaner.cli.main import main
from cleaner.document import Metadata, Result
from cleaner.io.markdown import escape, render
from cleaner.io.writers import StreamWriter

from .conftest import BODY, SEEDS

SEED = SEEDS / "000_da1666385d64fd6a.txt"  # has two subheadings: "The pursuit of a peace agreement", ...


@pytest.fixture
def two(tmp_path):
    paths = []
    for i in (0, 1):
        path = tmp_path / f"{i}.txt"
        path.write_text(BODY[i] + "\n\n" + BODY[2] + "\n", encoding="utf-8")
        paths.append(str(path))
    return paths


def test_txt_documents_on_stdout_are_separated_by_a_form_feed(two, capsys):
    assert main(["clean", *two, "--format", "txt"]) == 0
    documents = capsys.readouterr().out.split("\n\f\n")
    assert documents == [f"{BODY[0]}\n\n{BODY[2]}", f"{BODY[1]}\n\n{BODY[2]}\n"]


def test_separator_of_ones_own(two, capsys):
    assert main(["clean", *two, "--format", "txt", "--separator=-----"]) == 0
    assert capsys.readouterr().out.count("\n-----\n") == 1
    assert main(["clean", *two, "--format", "md", "--separator", "\\n***\\n"]) == 0
    assert capsys.readouterr().out.count("\n\n***\n\n") == 1
    assert main(["clean", *two, "--format", "json", "--separator", "x"]) == 2  # json is an array: no separator


@pytest.mark.parametrize("count", [0, 1, 2])
def test_json_on_stdout_is_one_array(tmp_path, capsys, count):
    paths = []
    for i in range(count):
        (tmp_path / f"{i}.txt").write_text(BODY[i] + "\n", encoding="utf-8")
        paths.append(str(tmp_path / f"{i}.txt"))
    (tmp_path / "empty").mkdir()
    assert main(["clean", *(paths or [str(tmp_path / "empty")]), "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert [r["text"] for r in records] == BODY[:count]


def test_json_array_holds_jsonl_records_too(tmp_path, capsys):
    shard = tmp_path / "shard.jsonl"
    shard.write_text("".join(json.dumps({"id": i, "text": BODY[i]}) + "\n" for i in range(2)), encoding="utf-8")
    (tmp_path / "c.txt").write_text(BODY[2] + "\n", encoding="utf-8")
    assert main(["clean", str(shard), str(tmp_path / "c.txt"), "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert [r.get("id") for r in records] == [0, 1, None] and [r["text"] for r in records] == BODY


def test_jsonl_records_as_text_are_separated_too(tmp_path, capsys):
    shard = tmp_path / "shard.jsonl"
    shard.write_text("".join(json.dumps({"id": i, "text": BODY[i]}) + "\n" for i in range(2)), encoding="utf-8")
    assert main(["clean", str(shard), "--format", "txt"]) == 0
    assert capsys.readouterr().out == f"{BODY[0]}\n\f\n{BODY[1]}\n"


def test_stream_writer_closes_an_empty_array():
    out = io.StringIO()
    writer = StreamWriter(out, "json")
    writer.close()
    assert json.loads(out.getvalue()) == []


def _front_matter(markdown: str) -> dict:
    assert markdown.startswith("---\n")
    head, _, _ = markdown[4:].partition("\n---\n")
    return yaml.safe_load(head)


def test_markdown_of_a_seed_has_front_matter_title_headings_and_paragraphs():
    result = cleaner.clean(SEED.read_bytes(), source="seeds/000.txt")
    markdown = render(result)
    meta = _front_matter(markdown)
    expected = {k: v for k, v in result.metadata.to_dict().items() if v not in (None, [])}
    assert meta == {**expected, "source": "seeds/000.txt"}
    tokens = MarkdownIt().parse(markdown.split("\n---\n", 1)[1])
    headings = [(t.tag, tokens[i + 1].content) for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings == [("h1", result.metadata.title), ("h2", "The pursuit of a peace agreement"),
                        ("h2", "Implications for Canada")]
    paragraphs = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "paragraph_open"]
    body_lines = [line for line in result.text.split("\n") if line.strip()]
    assert len(paragraphs) == len(body_lines) - 2  # every line its own paragraph, but the two headings


def test_markdown_keeps_a_pages_headings(capsys, tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<html><head><title>Bridge vote</title></head><body><article><h1>Bridge vote</h1>"
                    f"<p>{BODY[0]}</p><h2>What happens next</h2><p>{BODY[1]}</p><h3>Costs</h3><p>{BODY[2]}</p>"
                    "</article></body></html>", encoding="utf-8")
    assert main(["clean", str(page), "--format", "md"]) == 0
    body = capsys.readouterr().out.split("\n---\n", 1)[1]
    assert body == (f"\n# Bridge vote\n\n{BODY[0]}\n\n## What happens next\n\n{BODY[1]}\n\n### Costs\n\n{BODY[2]}\n")


def test_markdown_lists_and_single_line_breaks():
    result = Result("First line of a paragraph.\nSecond line, same paragraph.\n\n• one\n• two\n\nAfter the list.",
                    Metadata(), [])
    html = MarkdownIt().render(render(result).split("\n---\n", 1)[1])
    assert html == ("<p>First line of a paragraph.</p>\n<p>Second line, same paragraph.</p>\n"
                    "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n<p>After the list.</p>\n")


LINE = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=60).filter(
    lambda s: s.strip() == s and s)


@settings(max_examples=300, deadline=None)
@given(LINE)
def test_markdown_shows_any_line_as_written(line):
    """No text of a document turns into markup: a line renders as one paragraph of exactly its words."""
    tokens = MarkdownIt("commonmark").parse(escape(line))
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"], (line, escape(line))
    children = tokens[1].children
    assert all(c.type in ("text", "softbreak") for c in children), (line, escape(line), children)
    assert "".join(c.content for c in children) == line


FIELD = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)


@settings(max_examples=200, deadline=None)
@given(title=FIELD, author=FIELD, tags=st.lists(FIELD, max_size=3), source=FIELD)
def test_front_matter_reads_back_as_the_metadata(title, author, tags, source):
    result = Result("Body.", Metadata(title=title, author=author, tags=tags), [], source=source)
    expected = {"title": title, "author": author, "source": source, **({"tags": tags} if tags else {})}
    assert _front_matter(render(result)) == expected


def _markdown_html(result) -> str:
    return MarkdownIt().render(render(result).split("\n---\n", 1)[1])


def test_markdown_keeps_a_pages_lists_as_lists(tmp_path, capsys):
    """`<li>` items of the body came out as plain paragraphs."""
    page = tmp_path / "page.html"
    page.write_text("<html><head><title>Bridge vote</title></head><body><article><h1>Bridge vote</h1>"
                    f"<p>{BODY[0]}</p><p>The plan has three parts:</p>"
                    "<ul><li>a new deck for the old bridge</li><li><p>two lanes for bicycles</p></li>"
                    "<li>a footpath on the river side</li></ul>"
                    f"<p>{BODY[1]}</p><ol><li>First reading in March</li><li>Final vote in May</li></ol>"
                    f"<p>{BODY[2]}</p></article></body></html>", encoding="utf-8")
    assert main(["clean", str(page), "--format", "md"]) == 0
    html = MarkdownIt().render(capsys.readouterr().out.split("\n---\n", 1)[1])
    assert ("<ul>\n<li>a new deck for the old bridge</li>\n<li>two lanes for bicycles</li>\n"
            "<li>a footpath on the river side</li>\n</ul>") in html
    assert "<li>First reading in March</li>\n<li>Final vote in May</li>\n</ul>" in html
    assert f"<p>{BODY[1]}</p>" in html and f"<p>{BODY[2]}</p>" in html  # paragraphs stay paragraphs


@pytest.mark.parametrize("kind", ["html", "text"])
def test_a_sentence_of_prose_is_never_a_markdown_heading(kind):
    """A page whose lede (a sentence of prose) sits in an <h2> had its first body paragraph turned into `##`."""
    lede = ("Council members say the bridge will reopen to traffic by the end of next summer, well ahead of the "
            "schedule the city's transport office set out in the spring.")
    question = "Why did the vote take so long?"
    tagline = "Budget - Our top pick for a bridge in the city!"  # a heading that ends as a sentence does
    if kind == "html":
        document = ("<html><head><title>Bridge vote</title></head><body><article><h1>Bridge vote</h1>"
                    f"<h2>{lede}</h2><p>{BODY[0]}</p><h2>{question}</h2><p>{BODY[1]}</p><h2>{tagline}</h2>"
                    f"<p>{BODY[2]}</p></article></body></html>")
    else:
        document = f"{lede}\n\n{BODY[0]}\n\n{question}\n\n{BODY[1]}\n"
    result = cleaner.clean(document, config=cleaner.Config(use_model=False))
    html = _markdown_html(result)
    assert f"<p>{lede}</p>" in html
    assert f"<h2>{question}</h2>" in html  # a subheading stays one
    if kind == "html":
        assert f"<h2>{tagline}</h2>" in html
