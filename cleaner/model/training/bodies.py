"""Article bodies for the boilerplate zoo, in every zoo language: from the corpora, and written ones.

The zoo imitates news and blog articles, so its bodies are articles: the gold bodies of wcxb-dev's
article pages and of the Readability pages (a forum thread or a product table wrapped in news
furniture would teach the model that code lines and price lists are boilerplate). Other languages
have few gold bodies, so they also take silver ones: trafilatura's precise extraction of a
trafilatura-eval page, kept only when it holds every must-have segment and no must-not segment;
of it only the prose paragraphs (SILVER_MIN_PARAGRAPH_WORDS words or more, no list item, no URL,
not mostly link-ish tokens: an extractor keeps tag lists, link digests and date lines a gold body
would not), only when 80+ words remain, and only when the guessed language's stop words are a
plausible share of it. Silver extraction is cached by the page's bytes and trafilatura's version.

No corpus has a Dutch article and few have French, Italian, Portuguese or Spanish ones, so the
zoo also wraps written bodies: original articles (news and blog, varied topics) written for the
zoo in cleaner/data/zoo/bodies/<lang>.toml, one `[[body]]` table each with a `title` and a `text`
of blank-line-separated paragraphs. They hold no boilerplate (they are the clean body the zoo
wraps), load whether or not the corpora are present, and each is its own site
("written.nl/03", the third Dutch one) so site folds spread them.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from importlib import resources
from pathlib import Path

from ...data import load_toml
from ...text.language import guess_language, stopwords
from . import corpora
from .cache import Cache
from .zoo import Body

ZOO_LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl")
# A silver body shorter than this is more likely a teaser or a stub than an article.
SILVER_MIN_WORDS = 80
SILVER_MIN_PARAGRAPH_WORDS = 6
SILVER_VERSION = "silver-3"
# A silver line that opens as a list item ("- ", "• ", "* ", "– ", "1. ", "2) ") is not a body paragraph:
# link lists, ingredient lists, spec sheets and results tables wrapped in news furniture are not articles.
_LIST_ITEM = re.compile(r"\s*(?:[-•*–·▪]|\d{1,3}[.)])\s")
# Nor is a line holding a URL (a source, a "more at www...", a link digest).
_URL = re.compile(r"https?://|\bwww\.\w", re.IGNORECASE)
# A link-ish token: a host name (two labels or more, the first of two characters or more, so "m.in." and
# "z.B." are words), an @handle, a #hashtag or an e-mail address.
_LINKISH = re.compile(r"(?:[\w-]{2,}\.)+[a-z]{2,}(?:/\S*)?|[@#]\w+|[\w.+-]+@[\w-]+\.[\w.]+", re.IGNORECASE)
# A line with at least this share of link-ish tokens is a link list, not prose.
LINKISH_SHARE = 0.5
# A silver body whose guessed language's stop words are under this share of its first words is in a language
# the guesser does not know (Polish, Hungarian, Papiamento ... score a few hits on short shared words); real
# prose of a zoo language runs at 0.2-0.5.
SILVER_MIN_STOPWORD_SHARE = 0.12
_WORD = re.compile(r"\w+")


def _flat(text: str) -> str:
    return " ".join(text.split())


def is_prose(line: str) -> bool:
    """Whether an extracted line can be a body paragraph: not a list item, no URL, not mostly link-ish tokens."""
    if _LIST_ITEM.match(line) or _URL.search(line):
        return False
    tokens = [t.strip(".,;:!?()[]\"'«»„“”") for t in line.split()]
    linkish = sum(bool(_LINKISH.fullmatch(t)) for t in tokens if t)
    return linkish < LINKISH_SHARE * max(1, len(tokens))


def stopword_share(text: str, lang: str, sample_words: int = 400) -> float:
    """The share of `text`'s first words that are stop words of `lang`."""
    words = [w.lower() for w in _WORD.findall(text)][:sample_words]
    stop = stopwords().get(lang, frozenset())
    return sum(w in stop for w in words) / len(words) if words else 0.0


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
    prose = [line.strip() for line in text.splitlines()
             if len(line.split()) >= SILVER_MIN_PARAGRAPH_WORDS and is_prose(line)]
    out = "\n\n".join(prose) if ok and sum(len(p.split()) for p in prose) >= SILVER_MIN_WORDS else ""
    if cache:
        cache.put(key, out)
    return out


def written() -> list[Body]:
    """The bodies written for the zoo (cleaner/data/zoo/bodies/<lang>.toml), in language and file order."""
    folder = resources.files("cleaner.data").joinpath("zoo", "bodies")
    out: list[Body] = []
    for lang in ZOO_LANGUAGES:
        path = folder.joinpath(f"{lang}.toml")
        if not path.is_file():
            continue
        for n, spec in enumerate(load_toml(f"zoo/bodies/{lang}.toml")["body"], 1):
            out.append(Body(f"written/{lang}/{n:02d}", f"written.{lang}/{n:02d}", lang, spec["text"].strip(),
                            spec["title"]))
    return out


def iter_bodies(root: Path | None = None, cache: Cache | None = None) -> Iterator[Body]:
    """The written bodies, then those of every corpus present under `root`, one at a time: the silver ones
    cost an extraction each, so a reader that needs only some of them stops early."""
    yield from written()
    for name in ("wcxb-dev", "readability"):
        if corpora.available(name, root):
            for page in corpora.load(name, root):
                if page.gold_body and page.page_type == "article":
                    lang = guess_language(page.gold_body) or "en"
                    yield Body(page.key, page.site, lang, page.gold_body, page.title)
    if corpora.available("trafilatura-eval", root):
        for page in corpora.load("trafilatura-eval", root):
            text = silver_body(page, cache)
            lang = guess_language(text) if text else None
            if lang in ZOO_LANGUAGES and lang != "en" and stopword_share(text, lang) >= SILVER_MIN_STOPWORD_SHARE:
                yield Body(page.key, page.site, lang, text, None)


def load(root: Path | None = None, cache: Cache | None = None) -> list[Body]:
    """The written bodies and those of every corpus present under `root`, with their site and language."""
    return list(iter_bodies(root, cache))


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
