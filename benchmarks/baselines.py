"""Baseline systems as plain callables.

* :func:`raw_dump` — the dump unchanged (the "do nothing" floor for precision,
  ceiling-ish for recall).
* :func:`c4_lines` — the line heuristics of the C4 corpus (Raffel et al. 2020,
  "Exploring the Limits of Transfer Learning with a Unified Text-to-Text
  Transformer", JMLR 21) applied to the dump.
* :func:`trafilatura_extract` — trafilatura on the HTML, default settings or
  ``favor_precision`` / ``favor_recall``; :func:`trafilatura_metadata` for the
  title/author it finds.
"""

from __future__ import annotations

import logging

for _name in ("trafilatura", "htmldate", "courlan", "justext", "readability"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)


def raw_dump(dump: str) -> str:
    """Identity: the whole dump is the prediction."""
    return dump


# Line endings C4 keeps: period, !, ?, straight and curly closing quotes.
C4_TERMINAL = (".", "!", "?", '"', "'", "\u201d", "\u2019")
# Phrases that make C4 drop a line (lowercased match). The policy phrases are
# the list of the TFDS C4 implementation.
C4_BAD_PHRASES = (
    "javascript",
    "lorem ipsum",
    "terms of use",
    "privacy policy",
    "cookie policy",
    "uses cookies",
    "use of cookies",
    "use cookies",
)
C4_MIN_WORDS = 3
# Same list without "lorem ipsum": 10 of the 100 Readability test pages are
# lorem-ipsum fixtures whose *gold body* is placeholder text, so that one rule
# empties them and costs the line rules about 0.10 F1 there (see README).
C4_BAD_PHRASES_NO_LOREM = tuple(p for p in C4_BAD_PHRASES if p != "lorem ipsum")


def c4_keep_line(line: str, bad_phrases: tuple[str, ...] = C4_BAD_PHRASES) -> bool:
    """Whether C4's line rules keep one line.

    Following the C4 paper (Raffel et al. 2020, section 2.2) and its TFDS
    implementation: keep a line only if it ends in terminal punctuation
    (``. ! ? " '`` or a curly closing quote), has at least 3 words, and does
    not contain "javascript", "lorem ipsum", a cookie/terms/privacy-policy
    phrase, or a curly bracket "{". In C4 "lorem ipsum" and "{" drop the
    whole page; here, as a pure line filter, they drop the line. C4's page
    rules (>= 5 sentences, bad-word list, dedup) are not applied.
    """
    s = line.strip()
    if not s.endswith(C4_TERMINAL):
        return False
    if len(s.split()) < C4_MIN_WORDS:
        return False
    low = s.lower()
    if "{" in low or any(p in low for p in bad_phrases):
        return False
    return True


def c4_lines(dump: str, drop_lorem: bool = True) -> str:
    """The dump filtered by C4's line rules (see :func:`c4_keep_line`), kept lines joined by newlines.

    ``drop_lorem=False`` keeps lines with "lorem ipsum" (the ``c4-lines-no-lorem`` variant).
    """
    bad = C4_BAD_PHRASES if drop_lorem else C4_BAD_PHRASES_NO_LOREM
    return "\n".join(line.strip() for line in dump.splitlines() if c4_keep_line(line, bad))


TRAFILATURA_SETTINGS = {
    "default": {},
    "precision": {"favor_precision": True},
    "recall": {"favor_recall": True},
    # The setting of trafilatura's published evaluation (comparison scripts):
    # comments are not part of the main text.
    "no-comments": {"include_comments": False},
}


def trafilatura_extract(html: bytes | str, url: str | None = None, setting: str = "default") -> str:
    """Main text by ``trafilatura.extract`` (txt output); ``setting`` picks the keyword set.

    ``default`` is trafilatura's own defaults (comments and tables included,
    fallback extractors on); ``precision``/``recall`` add ``favor_precision``
    / ``favor_recall``; ``no-comments`` sets ``include_comments=False`` as
    trafilatura's own published evaluation does. ``None`` results become the
    empty string.
    """
    import trafilatura

    return trafilatura.extract(html, url=url, **TRAFILATURA_SETTINGS[setting]) or ""


def trafilatura_metadata(html: bytes | str, url: str | None = None) -> dict[str, str | None]:
    """Title, author and date by ``trafilatura.extract_metadata``; independent of the body settings."""
    import trafilatura
    from trafilatura.utils import load_html

    tree = load_html(html)
    doc = trafilatura.extract_metadata(tree, default_url=url) if tree is not None else None
    if doc is None:
        return {}
    return {"title": getattr(doc, "title", None), "author": getattr(doc, "author", None),
            "date": getattr(doc, "date", None)}




def readability_extract(html: bytes | str) -> str:
    """Body text by readability-lxml (the Python port of Arc90's Readability): its summary HTML,
    converted to text like the dumps."""
    from readability import Document

    from .dumps import html_to_text

    summary = Document(html).summary(html_partial=True)
    return html_to_text(summary) if summary else ""
