"""Metadata of an HTML page: JSON-LD, meta tags, the page's headline and byline elements, trafilatura's
metadata and htmldate; one small function per source, merged field by field in an order per field
tuned on wcxb-dev and the Readability pages (benchmarks/metadata.py):

- title: the page's <h1> when it repeats the title the page declares (most of its words are in the
  JSON-LD headline, og:title or <title>), else the declared title (meta tags, JSON-LD, <title>), else
  trafilatura's (a heading of the page);
- authors: the first of JSON-LD, trafilatura (it reads bylines in the page), meta tags and byline
  elements that names a person, else the first value given (a handle, a team);
- date: htmldate's original date on the page without its modification-date markup (so an 'updated'
  stamp is not taken for the publication; htmldate reads JSON-LD, meta tags and the visible dates),
  else the publication date of JSON-LD or meta tags; the update date is kept apart in `updated`.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import chain
from typing import Any

from lxml.html import HtmlElement

from ..document import Metadata
from ..text.bylines import clean_authors
from ..text.dates import find_date
from ..text.dates import normalize as normalize_date

ARTICLE_TYPES = frozenset({
    "article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
    "scholarlyarticle", "techarticle", "liveblogposting", "backgroundnewsarticle", "reviewnewsarticle",
    "socialmediaposting", "posting", "report",
})
# Meta tag names/properties per field, most specific first (Dublin Core before Open Graph, as Readability
# reads them).
META_FIELDS = {
    "title": ("dc:title", "dcterm:title", "og:title", "twitter:title", "parsely-title", "sailthru.title"),
    "author": ("dc:creator", "dcterm:creator", "author", "article:author", "parsely-author", "sailthru.author",
               "byl", "twitter:creator"),
    "date": ("article:published_time", "datePublished", "og:published_time", "dc:date", "date", "parsely-pub-date",
             "sailthru.date", "pubdate", "publish-date"),
    "updated": ("article:modified_time", "og:updated_time", "dateModified", "last-modified"),
    "sitename": ("og:site_name", "application-name", "publisher"),
    "description": ("og:description", "description", "twitter:description", "dc:description"),
    "image": ("og:image", "twitter:image", "og:image:url"),
    "section": ("article:section", "parsely-section"),
}
_URLISH = re.compile(r"^(?:https?:|www\.|/)", re.I)
_BYLINE_XPATH = ('.//*[@rel="author" or @itemprop="author" or contains(@class,"byline") '
                 'or contains(@class,"author") or contains(@id,"byline")][not(self::meta)][not(self::link)]')
# Byline elements longer than this are bio boxes, not bylines (Readability uses 100 characters).
MAX_BYLINE_CHARS = 100
# An <h1> is the headline when at least this share of its words is in the declared titles (one <h1>
# on the page: H1_ALONE_SHARE, since sites reword the SEO title). Chosen on wcxb-dev and Readability.
H1_SHARE = 0.7
H1_ALONE_SHARE = 0.5
H1_MAX_WORDS = 30
# ...and when it says a fair part of one declared title: a one-word <h1> ('Salon', 'News') naming the
# site inside '<headline> | Salon' is no headline.
H1_RECALL = 0.4
# Markup naming when the page was last changed: left out of htmldate's search for the publication date.
MODIFIED_KEYS = frozenset({"article:modified_time", "og:updated_time", "datemodified", "last-modified", "modified",
                           "dc.date.modified", "dcterms.modified", "lastmod", "revised", "dc.modified"})


def _text(value: Any) -> str | None:
    """A clean single-line string from a JSON-LD or attribute value (None when empty)."""
    if isinstance(value, list):
        value = next((v for v in value if v), None)
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value") or value.get("url")
    if not isinstance(value, (str, int, float)):
        return None
    text = " ".join(str(value).split())
    return text or None


def _json_objects(data: Any) -> list[dict[str, Any]]:
    """Every object of a JSON-LD document, flattening lists and @graph (iteratively: no recursion)."""
    out, todo = [], [data]
    while todo and len(out) < 200:
        item = todo.pop()
        if isinstance(item, list):
            todo.extend(reversed(item))
        elif isinstance(item, dict):
            out.append(item)
            if "@graph" in item:
                todo.append(item["@graph"])
    return out


def _types(obj: dict[str, Any]) -> set[str]:
    kind = obj.get("@type", [])
    return {str(k).lower() for k in (kind if isinstance(kind, list) else [kind])}


def _names(value: Any) -> list[str]:
    """Person names of a JSON-LD author value (string, object or list of either)."""
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        name = _text(item.get("name") if isinstance(item, dict) else item)
        if name and not _URLISH.match(name) and name not in names:
            names.append(name)
    return names


def _words(text: str | None) -> set[str]:
    return set(re.findall(r"\w+", (text or "").casefold()))


def _json_ld_title(obj: dict[str, Any], tree: HtmlElement) -> str | None:
    """The article's headline or name; when both exist and differ, the one closer to <title> (sites put a
    kicker in one of them: Wikipedia's headline is 'Wikimedia list article')."""
    headline, name = _text(obj.get("headline")), _text(obj.get("name"))
    if not (headline and name) or headline == name:
        return headline or name
    element = tree.find(".//title")
    page = _words(element.text_content() if element is not None else "")
    return max((headline, name), key=lambda t: len(_words(t) & page) / max(1, len(_words(t))))


def from_json_ld(tree: HtmlElement) -> Metadata:
    """Fields of the first article object in the page's JSON-LD scripts."""
    meta = Metadata()
    for script in tree.iterfind('.//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        for obj in _json_objects(data):
            if not _types(obj) & ARTICLE_TYPES:
                continue
            authors = _names(obj.get("author") or obj.get("creator"))
            publisher = obj.get("publisher")
            keywords = obj.get("keywords")
            if isinstance(keywords, str):
                keywords = [k.strip() for k in keywords.split(",")]
            section = obj.get("articleSection")
            meta.fill(Metadata(
                title=_json_ld_title(obj, tree),
                author=authors[0] if authors else None,
                authors=authors,
                date=_text(obj.get("datePublished")),
                updated=_text(obj.get("dateModified")),
                publisher=_text(publisher) if publisher else None,
                description=_text(obj.get("description")),
                image=_text(obj.get("image") or obj.get("thumbnailUrl")),
                language=_text(obj.get("inLanguage")),
                tags=[k for k in (keywords or []) if isinstance(k, str) and k],
                categories=[s for s in (section if isinstance(section, list) else [section]) if isinstance(s, str)],
                license=_text(obj.get("license")),
            ))
    return meta


def from_meta_tags(tree: HtmlElement) -> Metadata:
    """Fields of <meta name|property|itemprop=... content=...> tags, plus <html lang>."""
    found: dict[str, str] = {}
    for tag in tree.iterfind(".//meta"):
        key = (tag.get("property") or tag.get("name") or tag.get("itemprop") or "").strip().lower()
        value = _text(tag.get("content"))
        if key and value and key not in found:
            found[key] = value
    meta = Metadata()
    for field_name, keys in META_FIELDS.items():
        for key in keys:
            value = found.get(key.lower())
            if value and not (field_name == "author" and (_URLISH.match(value) or value.startswith("@"))):
                setattr(meta, field_name, value)
                break
    if meta.author:
        meta.authors = [meta.author]
    lang = tree.get("lang") or found.get("og:locale") or found.get("content-language")
    meta.language = lang.replace("_", "-").split("-")[0].lower() if lang else None
    meta.tags = [t.strip() for t in (found.get("keywords") or found.get("news_keywords") or "").split(",") if t.strip()]
    return meta


@contextmanager
def _without_modified_markup(tree: HtmlElement) -> Iterator[None]:
    """The page without its modification-date markup (MODIFIED_KEYS meta tags, itemprop 'dateModified') while
    the block runs, then as it was: so htmldate does not take an 'updated' stamp for the publication date,
    without a copy of the whole tree."""
    taken: list[tuple[HtmlElement, int, HtmlElement]] = []
    for tag in tree.iterfind(".//meta"):
        key = (tag.get("property") or tag.get("name") or tag.get("itemprop") or "").strip().lower()
        parent = tag.getparent()
        if key in MODIFIED_KEYS and parent is not None:
            taken.append((parent, parent.index(tag), tag))
    for parent, _, tag in taken:
        parent.remove(tag)  # its tail text goes with it, and comes back with it
    marked = [(el, el.items()) for el in tree.xpath('.//*[@itemprop="dateModified"]')]
    for el, _ in marked:
        del el.attrib["itemprop"]
    try:
        yield
    finally:
        for el, items in marked:
            el.attrib.clear()
            for name, value in items:
                el.set(name, value)
        for parent, index, tag in taken:  # in document order: the ones before each are back in place
            parent.insert(index, tag)


def from_trafilatura(tree: HtmlElement, url: str | None) -> Metadata:
    """trafilatura's metadata of the page (meta tags, JSON-LD and text heuristics), with htmldate's
    original publication date read on the page without its modification-date markup."""
    import trafilatura

    try:
        with _without_modified_markup(tree):
            doc = trafilatura.extract_metadata(tree, default_url=url)
    except (ValueError, TypeError, RecursionError):  # trafilatura on a page it cannot read
        return Metadata(url=url)
    author = getattr(doc, "author", None) or None
    return Metadata(
        title=doc.title or None, author=author,
        authors=[a.strip() for a in (author or "").split(";") if a.strip()],
        date=doc.date or None, url=doc.url or url, hostname=doc.hostname or None, sitename=doc.sitename or None,
        description=doc.description or None, language=doc.language or None,
        categories=list(doc.categories or []), tags=list(doc.tags or []), image=doc.image or None,
        license=doc.license or None,
    )


def page_title(tree: HtmlElement) -> str | None:
    """The text of the page's <title> element."""
    title = tree.find(".//title")
    return _text(title.text_content()) if title is not None else None


def byline(tree: HtmlElement) -> str | None:
    """The text of the first short byline element of the page (rel/itemprop author, class byline/author)."""
    for el in tree.xpath(_BYLINE_XPATH):
        text = _text(el.text_content())
        if text and len(text) <= MAX_BYLINE_CHARS:
            return text
    return None


def _shows_new_year(tree: HtmlElement, year: str) -> bool:
    """Whether the page's text writes 1 January of `year` as a date (around any mention of the year)."""
    text = tree.text_content() or ""
    wanted = f"{year}-01-01"
    for found in re.finditer(year, text):
        window = text[max(0, found.start() - 20):found.end() + 20]
        if any(d == wanted for d in _dates_in(window)):
            return True
    return False


def _dates_in(window: str) -> list[str]:
    """Every date written in a short piece of text."""
    out = []
    while (found := find_date(window)) is not None:
        out.append(found.iso)
        window = window[found.end:]
    return out


def headline(tree: HtmlElement, declared: list[str | None]) -> str | None:
    """The page's <h1> that repeats a declared title (see H1_SHARE), or None."""
    titles = [_words(t) for t in declared if t]
    pool = set().union(*titles)
    if not pool:
        return None
    h1s = [t for t in (_text(h.text_content()) for h in tree.iterfind(".//h1")) if t and len(t.split()) <= H1_MAX_WORDS]
    best, share = None, 0.0
    for text in h1s:
        words = _words(text)
        found = len(words & pool) / len(words) if words else 0.0
        recall = max(len(words & t) / len(t) for t in titles if t) if any(titles) else 0.0
        if found > share and recall >= H1_RECALL:
            best, share = text, found
    needed = H1_ALONE_SHARE if len(set(h1s)) == 1 else H1_SHARE
    return best if share >= needed else None


def _authors(tree: HtmlElement, *sources: Metadata) -> list[str]:
    """The authors of the first source that names a person, the page's byline element last; else the first
    authors given (a handle, a team)."""
    given: list[str] = []
    for values in chain(([v for v in (s.author, *s.authors) if v] for s in sources), _byline_authors(tree)):
        people = clean_authors(values, keep_other=False)[0]
        if people:
            return people
        given = given or values
    return given


def _byline_authors(tree: HtmlElement) -> Iterator[list[str]]:
    """The byline element's text as the last source of authors: the element is looked for only when reached."""
    found = byline(tree)
    yield [found] if found else []


def page_metadata(tree: HtmlElement, doc: Any, url: str | None) -> Metadata:
    """All metadata of a page, each field from its best source first (see the module docstring);
    `doc` is trafilatura's extraction of the body, whose language fills a gap."""
    json_ld, tags, title = from_json_ld(tree), from_meta_tags(tree), page_title(tree)
    traf = from_trafilatura(tree, url)
    meta = Metadata()
    for source in (json_ld, tags, traf):  # the fields not chosen below: first source wins
        meta.fill(source)
    meta.title = headline(tree, [json_ld.title, tags.title, title]) or tags.title or json_ld.title or title or traf.title
    meta.authors = _authors(tree, json_ld, traf, tags)
    declared = json_ld.date or tags.date
    same_day = bool(traf.date and declared and normalize_date(declared)[0] == traf.date)
    guessed = traf.date
    if guessed and guessed.endswith("-01-01") and not same_day and not _shows_new_year(tree, guessed[:4]):
        guessed = None  # htmldate's guess from a copyright year, not a date the page gives
    meta.date = declared if same_day else guessed or declared
    meta.updated = json_ld.updated or tags.updated
    meta.publisher = meta.publisher or meta.sitename
    meta.language = meta.language or getattr(doc, "language", None) or None
    meta.author = meta.authors[0] if meta.authors else None
    return meta
