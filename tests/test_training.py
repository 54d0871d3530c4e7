"""The training data layer and the fit: terms, labels, corpora adapters, dumps, cache, determinism."""
from __future__ import annotations

import gzip
import json
from importlib.util import find_spec
from pathlib import Path

import numpy as np
import pytest

from cleaner.model import lexical
from cleaner.model.training import align, corpora, dumps
from cleaner.model.training.cache import Cache

# Looked up, not imported: importing scikit-learn takes most of a second in every test worker.
pytestmark = pytest.mark.skipif(not (find_spec("sklearn") and find_spec("html_text")),
                                reason="training needs the [train] extras: scikit-learn and html-text")

PAGE = """<html><head><title>Harbour wall | The Coast Post</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<h1>Harbour wall to be rebuilt</h1><p class="byline">By Ana Ruiz</p>
<p>The council voted on Tuesday to rebuild the harbour wall before the winter storms arrive.</p>
<p>Work starts in March and should take about nine months, the harbour master said.</p>
<footer>© 2025 The Coast Post. All rights reserved.</footer></body></html>"""
GOLD = ("The council voted on Tuesday to rebuild the harbour wall before the winter storms arrive.\n\n"
        "Work starts in March and should take about nine months, the harbour master said.")


def test_terms_fold_case_and_digits_and_mark_line_ends():
    terms = lexical.line_terms("Updated 12:45 — By ANA")
    assert "w:updated" in terms and "b:0 0" in terms and "w:ana" in terms
    assert "w:00" in lexical.line_terms("June 2025") and "w:0" in lexical.line_terms("June 3")
    assert "b:^ updated" in terms and "b:ana $" in terms
    assert "c:<upd" in terms and "c:ted>" in terms and "c:ed>" not in terms  # 4-grams only
    assert lexical.line_terms("5h ago") == lexical.line_terms("12h ago")


def test_vocabulary_columns_keep_known_terms_only():
    vocab = lexical.Vocabulary(sorted({*lexical.line_terms("subscribe now"), "w:other"}))
    rows, cols = vocab.columns(["Subscribe now", "nothing known here", "subscribe"])
    assert set(rows.tolist()) == {0, 2}
    assert all(vocab.column(t) in cols[rows == 0] for t in lexical.line_terms("subscribe now"))
    assert vocab.column("w:unknown") is None


def test_labels_from_a_gold_body_and_gold_metadata():
    gold = GOLD + "\n\nResidents welcomed the news at a packed meeting in the town hall on Wednesday evening."
    text = ("Home\n\nHarbour wall to be rebuilt\n\nBy Ana Ruiz\n\n" + GOLD + "\n\nResidents welcomed the news at a "
            "packed meeting in the town hall, said a caption that went on about boats and gulls and the old lighthouse")
    labels = align.page_labels(text, gold, title="Harbour wall to be rebuilt", author="Ana Ruiz")
    assert labels[:5] == ["boilerplate", align.TITLE, align.BYLINE, "body", "body"]
    assert labels[5] is None  # partly in the gold: neither label is true


@pytest.mark.parametrize("line, author, byline", [
    ("Thread starter paulb_203", "paulb_203", True), ("Geplaatst door strandwacht op 3 november 2024", "strandwacht", True),
    ("Themenstarter seglerin42", "seglerin42", True), ("paulb_203 said:", "paulb_203", False),
    ("Reactions: paulb_203", "paulb_203", False), ("By Ana Ruiz and Tom Lee", "Tom Lee", True),
])
def test_the_tagger_learns_a_byline_from_a_line_that_introduces_a_user_name(line, author, byline):
    """A forum's gold author is a one-word user name: the line introducing it as the author is its byline,
    a quote or a reaction naming the user is not."""
    pytest.importorskip("scipy")
    from cleaner.model.training import meta_fit

    assert meta_fit.page_classes([line], None, None, author, None) == (["byline"] if byline else ["other"])


def test_each_gold_gram_is_claimed_once():
    line = "The council voted on Tuesday to rebuild the harbour wall."
    assert align.body_labels([line, line], line) == [True, False]


def test_segment_labels_are_partial():
    labels = align.segment_labels("Impressum\n\nA body line that must stay in the text.\n\nOther", ["must stay"], ["Impressum"])
    assert labels == ["boilerplate", "body", None]


def test_sites_and_folds():
    assert corpora.site_of("https://www.news.bbc.co.uk/x", "f") == "bbc.co.uk"
    assert corpora.site_of("https://blog.example.com/a", "f") == "example.com"
    assert corpora.site_of(None, "fallback") == "fallback"
    assert corpora.fold_of("example.com", 5) == corpora.fold_of("example.com", 5) < 5


def _tiny_wcxb(root: Path) -> None:
    (root / "wcxb-dev" / "html").mkdir(parents=True)
    (root / "wcxb-dev" / "ground-truth").mkdir()
    (root / "wcxb-dev" / "html" / "0001.html.gz").write_bytes(gzip.compress(PAGE.encode()))
    truth = {"url": "https://www.coastpost.example/harbour", "_internal": {"page_type": {"primary": "article"}},
             "ground_truth": {"main_content": GOLD, "title": "Harbour wall to be rebuilt", "author": "Ana Ruiz",
                              "publish_date": "2025-03-04", "with": [], "without": ["Home"]}}
    (root / "wcxb-dev" / "ground-truth" / "0001.json").write_text(json.dumps(truth), encoding="utf-8")


def test_a_corpus_adapter_gives_pages_with_site_gold_and_metadata(tmp_path):
    _tiny_wcxb(tmp_path)
    (page,) = corpora.load("wcxb-dev", tmp_path)
    assert (page.key, page.site, page.page_type, page.date) == ("wcxb-dev/0001", "coastpost.example", "article", "2025-03-04")
    assert page.html().startswith(b"<html>")
    assert not corpora.available("readability", tmp_path)


@pytest.mark.parametrize("style", dumps.STYLES)
def test_every_dump_style_holds_the_body(style):
    text = dumps.html_to_text(PAGE.encode(), style)
    assert "rebuild the harbour wall" in " ".join(text.split())
    if style == "paste":
        assert "\n\n" not in text
    if style == "plain":
        assert len(text.splitlines()) <= 2


def test_dumps_are_cached_by_content(tmp_path):
    cache = Cache(tmp_path)
    first = dumps.build([("a", PAGE.encode())], "layout", cache)
    assert list(tmp_path.rglob("*.pkl"))
    assert dumps.build([("b", PAGE.encode())], "layout", cache) == {"b": first["a"]}
    assert dumps.html_to_text(b"\x00\x01\x02" * 50) == ""  # binary bytes give no dump, no crash


def _tiny_docs():
    """Labelled docs for a fit in seconds: furniture lines around body paragraphs, on 9 sites."""
    from cleaner.model.training.dataset import Labelled
    from cleaner.model.training.docs import prepare

    furniture = ["Home", "Subscribe to our newsletter", "Share on Facebook", "Cookie settings", "Read more",
                 "Most popular", "Sign in", "© 2025 Example Media"]
    items = []
    for k in range(18):
        lines = [(furniture[k % 8], "boilerplate"), (furniture[(k + 3) % 8], "boilerplate")]
        lines += [(f"Paragraph {j} of story {k} tells how the council voted to rebuild the harbour wall again.", "body")
                  for j in range(4)]
        lines += [(furniture[(k + 5) % 8], "boilerplate"), ("Sign up for the morning newsletter", "promo.newsletter")]
        text = "\n\n".join(t for t, _ in lines)
        items.append(Labelled(f"t/{k}", f"site{k % 9}.example", "t", "layout", "article", text,
                              tuple(lab for _, lab in lines), True))
    return [prepare(it) for it in items]


def test_training_is_deterministic_and_the_model_reads_back(tmp_path, monkeypatch):
    from cleaner.model.inference import Model
    from cleaner.model.training import fit

    monkeypatch.setattr(fit, "MIN_SITES", 2)
    monkeypatch.setattr(fit, "ITERATIONS", 5)
    monkeypatch.setattr(fit, "LEXICAL_ITERATIONS", 20)
    docs = _tiny_docs()
    paths = [tmp_path / "a.npz", tmp_path / "b.npz"]
    for path in paths:
        fit.save(fit.train(docs), path)
    assert paths[0].read_bytes() == paths[1].read_bytes()
    model = Model.read(paths[0])
    assert model.classes == ("body", "boilerplate", "promo.newsletter") and len(model.forests) == 2
    assert len(model.namer.vocabulary) < len(model.lexical.vocabulary)
    assert np.isfinite(model.forests[1].value).all()
