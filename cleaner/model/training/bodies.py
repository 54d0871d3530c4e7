"""Real article bodies for the boilerplate zoo, in every zoo language, from the corpora.

The zoo imitates news and blog articles, so its bodies are articles: the gold bodies of wcxb-dev's
article pages and of the Readability pages (a forum thread or a product table wrapped in news
furniture would teach the model that code lines and price lists are boilerplate). Other languages
have few gold bodies, so they also take silver ones: trafilatura's precise extraction of a
trafilatura-eval page, kept only when it holds every must-have segment and no must-not segment;
of it only the paragraphs of SILVER_MIN_PARAGRAPH_WORDS words or more (an extractor keeps tag
lists and date lines a gold body would not), and only when 80+ words remain. Silver extraction is
cached by the page's bytes and trafilatura's version.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

from ...text.language import guess_language
from . import corpora
from .cache import Cache
from .zoo import Body

ZOO_LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl")
# A silver body shorter than this is more likely a teaser or a stub than an article.
SILVER_MIN_WORDS = 80
SILVER_MIN_PARAGRAPH_WORDS = 6
SILVER_VERSION = "silver-2"


def _flat(text: str) -> str:
    return " ".join(text.split())


def silver_body(page: corpora.Page, cache: Cache | None = None) -> str:
    """trafilatura's precise text of `page` when it agrees with the page's segments, else ''."""
    import trafilatura

    html = page.html()
    key = Cache.key(SILVER_VERSION, trafilatura.__version__, html, "\n".join(page.with_), "\x00", "\n".join(page.without))
    hit = cache.get(key) if cache else None
    if hit is not None:
        return hit
    from ...io.encoding import DecodeError, decode

    try:
        text = trafilatura.extract(decode(html), include_comments=False, include_tables=False,
                                   favor_precision=True) or ""
    except DecodeError:
        text = ""
    flat = _flat(text)
    ok = all(_flat(s) in flat for s in page.with_) and not any(_flat(s) in flat for s in page.without if s.strip())
    prose = [line.strip() for line in text.splitlines() if len(line.split()) >= SILVER_MIN_PARAGRAPH_WORDS]
    out = "\n\n".join(prose) if ok and sum(len(p.split()) for p in prose) >= SILVER_MIN_WORDS else ""
    if cache:
        cache.put(key, out)
    return out


def load(root: Path | None = None, cache: Cache | None = None) -> list[Body]:
    """Bodies of every corpus present under `root`, with their site and guessed language."""
    bodies: list[Body] = []
    for name in ("wcxb-dev", "readability"):
        if corpora.available(name, root):
            for page in corpora.load(name, root):
                if page.gold_body and page.page_type == "article":
                    lang = guess_language(page.gold_body) or "en"
                    bodies.append(Body(page.key, page.site, lang, page.gold_body, page.title))
    if corpora.available("trafilatura-eval", root):
        for page in corpora.load("trafilatura-eval", root):
            text = silver_body(page, cache)
            lang = guess_language(text) if text else None
            if lang in ZOO_LANGUAGES and lang != "en":
                bodies.append(Body(page.key, page.site, lang, text, None))
    return bodies


def select(bodies: Iterable[Body], limit: int | None, min_docs: int) -> list[Body]:
    """At most `limit` bodies per language; a language with fewer than `min_docs` reuses its bodies
    (ids suffixed ~2, ~3 ...) so its boilerplate is drawn often enough to learn and to measure."""
    by_lang: dict[str, list[Body]] = defaultdict(list)
    for body in bodies:
        by_lang[body.language].append(body)
    out: list[Body] = []
    for lang in sorted(by_lang):
        chosen = by_lang[lang][:limit] if limit else by_lang[lang]
        docs: Sequence[Body] = list(chosen)
        copies = 1
        while chosen and len(docs) < min_docs:
            copies += 1
            docs = [*docs, *(Body(f"{b.id}~{copies}", b.site, b.language, b.text, b.title) for b in chosen)]
        out += list(docs[:limit] if limit else docs)
    return out
