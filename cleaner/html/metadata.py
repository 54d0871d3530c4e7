"""Metadata of an HTML page: JSON-LD, meta tags, the page's headline and byline elements, the links it marks
and htmldate; one small function per source, merged field by field in an order per field tuned on wcxb-dev
and the Readability pages (benchmarks/metadata.py):

- title: the page's <h1> when it repeats the title the page declares (most of its words are in the
  JSON-LD headline, og:title or <title>), else the declared title (meta tags, JSON-LD, <title>), else
  the first <h1>;
- authors: the first of JSON-LD (an author pointing into the page's graph by @id read there), meta tags,
  trafilatura's reading of the byline elements and the first short byline element that names a person,
  else the first value given (a handle, a team); a login-style declared name ('kirstin boatto') reads as
  'Kirstin Boatto';
- date: htmldate's original date on the page without its modification-date markup (so an 'updated'
  stamp is not taken for the publication; htmldate reads JSON-LD, meta tags and the visible dates, not year
  patterns anywhere in the markup),
  else the publication date of JSON-LD or meta tags; the update date is kept apart in `updated`;
- url, host, categories, tags and licence from the page's canonical link and the links it marks
  rel="category", rel="tag" and rel="license"; the site's name from og:site_name, the JSON-LD publisher
  or the host.

trafilatura's whole metadata pass (a fifth of HTML mode's time) is not run: of it only the byline reading
is used, and only on a page whose JSON-LD and meta tags name nobody and that has an element its selectors
could pick (_AUTHOR_HINTS).
"""
from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from functools import lru_cache, partial
from itertools import chain
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml import etree
from lxml.html import HtmlElement

from ..document import Metadata
from ..text.bylines import clean_authors
from ..text.dates import dateparser_languages, find_date, month_languages
from ..text.dates import normalize as normalize_date
from .declared import from_json_ld, from_meta_tags, text_value, words

# A Creative Commons licence URL: its kind and version (creativecommons.org/licenses/by-sa/4.0/).
_CREATIVE_COMMONS = re.compile(r"creativecommons\.org/licenses/([a-z-]+)/(\d\.\d)", re.I)
# The byline elements (rel or itemprop "author", a class naming a byline or an author, an id naming a byline; no <meta>
# or <link>), found through those attributes: libxml2 then tests the values of the elements that have them, not a
# predicate on every element. A union is in document order: the same elements in the same order as one predicate on
# the descendant axis (all 1,121 of the 181 pages of benchmarks.speed).
_BYLINE_XPATH = etree.XPath('(descendant::*/@rel[.="author"]/.. | descendant::*/@itemprop[.="author"]/.. '
                            '| descendant::*/@class[contains(.,"byline") or contains(.,"author")]/.. '
                            '| descendant::*/@id[contains(.,"byline")]/..)[not(self::meta)][not(self::link)]')
# The elements marked itemprop="dateModified", found through their itemprop attributes: libxml2 then tests the value
# of that attribute alone, not a predicate on every element (the same elements in the same order on the 181 pages of
# benchmarks.speed; 2.9 -> 0.5 M instructions a page).
_DATE_MODIFIED_XPATH = etree.XPath('descendant::*/@itemprop[.="dateModified"]/..')
# The attribute values (and tags) trafilatura's author reading (trafilatura.metadata.extract_author) selects
# elements by, each pattern of its selectors widened to a substring that every value it matches holds
# ('[Aa]uthor' -> 'uthor', 'byline' -> 'byl'); its tag conditions and the boxes it leaves out are not
# read. A page with none of them gives that reading nothing, and it is not run: 43 of the 75 pages of
# benchmarks.speed that reach it (the reading copies the whole tree and tests regexes on every element).
_AUTHOR_HINTS = {
    "class": ("uthor", "byl", "Byl", "BBL", "username", "screenname", "writer", "channel-name", "zuozhe",
              "bianji", "xiaobian", "submitted-by", "posted-by", "journalist-name"),
    "id": ("uthor", "zuozhe", "bianji", "xiaobian"),
    "itemprop": ("author",),
    "rel": ("author",),
    "data-testid": ("AuthorCard", "AuthorURL"),
    "data-component": ("Byline",),
}
# Each attribute's values on the page, as plain strings, and whether it has an <author> element or an element with a
# <rel> child: _author_hinted() searches the values for the hints in Python (the same answer as XPath's contains() on
# every value, which copied each value once per hint: 28 M instructions a page over 20 pages of benchmarks.speed).
_ATTRIBUTE_VALUES = {name: etree.XPath(f"descendant-or-self::*/@{name}", smart_strings=False) for name in _AUTHOR_HINTS}
_HINT_ELEMENTS = etree.XPath("boolean(descendant-or-self::author | descendant-or-self::*/rel)")
# Joins an attribute's values for one search of each hint: no hint holds it, and no attribute value can (libxml2's
# strings end at it), so no hint is found across two values.
_APART = "\x00"
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
    marked = [(el, el.items()) for el in _DATE_MODIFIED_XPATH(tree)]
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


def from_page(tree: HtmlElement, url: str | None, language: str | None = None) -> Metadata:
    """What the page says of itself beyond JSON-LD and meta tags: its canonical URL and host, htmldate's original
    publication date (read on the page without its modification-date markup), the categories and tags its
    links are marked as (rel="category", rel="tag"), a licence link and, failing a declared name, the site's
    host as its name."""
    url = _canonical(tree, url) or url
    host = _host(url)
    links = _rel_links(tree)
    return Metadata(url=url, hostname=host, sitename=host[4:] if host and host.startswith("www.") else host,
                    date=_htmldate(tree, url, language), categories=_marked_links(links, "category"),
                    tags=_marked_links(links, "tag"), license=_license(links))


def _canonical(tree: HtmlElement, url: str | None) -> str | None:
    """The page's canonical URL (<link rel=canonical>; a relative one read against `url`, the page's address when
    known), or None."""
    for link in tree.iterfind(".//link[@href]"):
        if "canonical" in (link.get("rel") or "").lower().split():
            href = link.get("href", "").strip()
            if href.startswith(("http://", "https://")):
                return href
            return urljoin(url or "https://", href) if href.startswith("//") or (url and href) else None
    return None


def _host(url: str | None) -> str | None:
    """The host name of `url` (None when it has none or does not parse)."""
    try:
        return urlsplit(url).hostname if url else None
    except ValueError:
        return None


def _htmldate(tree: HtmlElement, url: str | None, language: str | None) -> str | None:
    """htmldate's original publication date (its extensive search but for its last resort, _without_page_search;
    no date after today), without the page's modification-date markup so an 'updated' stamp is not taken for the
    publication, its fallback parser reading the page's language and cleaner's own (_date_languages)."""
    from htmldate import find_date as htmldate_find

    try:
        with _HTMLDATE, _without_modified_markup(tree), _date_languages(language), _without_page_search():
            return htmldate_find(tree, url=url, original_date=True, extensive_search=True,
                                 max_date=date.today().isoformat()) or None
    except (ValueError, TypeError, RecursionError):  # htmldate on a page it cannot read
        return None


# Held while htmldate reads a page with two of its module functions swapped for cleaner's (_date_languages,
# _without_page_search): threads cleaning pages at once take turns, so no call finds another's swap in place or
# puts back a swap as htmldate's own (each call reads htmldate under the GIL anyway).
_HTMLDATE = threading.Lock()


@contextmanager
def _without_page_search() -> Iterator[None]:
    """While the block runs, htmldate's last resort finds nothing: its search of the whole page's markup for year
    patterns (htmldate.core.search_page), after its reading of the meta tags, JSON-LD, date elements and text. On
    wcxb-dev's 1,476 pages that search gave the gold date of 2 of the 780 dated pages, and a date to 94 pages
    that have none (a copyright year, a date in a script), in 43% of the metadata's CPU time (page_metadata over
    the corpus in one process: 39.3 s with it, 22.4 s without)."""
    from htmldate import core

    default = getattr(core, "search_page", None)
    if default is None:  # (an htmldate without that step: nothing to leave out)
        yield
        return
    core.search_page = _no_page_date
    try:
        yield
    finally:
        core.search_page = default


def _no_page_date(htmlstring: str, options: Any) -> None:
    """No date from a search of the page's markup as a whole (see _without_page_search)."""
    return None


@contextmanager
def _date_languages(language: str | None) -> Iterator[None]:
    """While the block runs, htmldate hands the dates it cannot read itself to a dateparser that knows the languages
    cleaner reads dates in and the page's own: left to try every locale dateparser has (htmldate's default),
    the first such date of a process costs 5 to 8 CPU seconds of compiling hundreds of locales."""
    from htmldate import extractors

    own = (language or "").split("-")[0].lower()
    languages = tuple(sorted({*month_languages(), *([own] if own in dateparser_languages() else [])}))
    default = extractors.get_external_parser
    extractors.get_external_parser = partial(_date_parser, languages)
    try:
        yield
    finally:
        extractors.get_external_parser = default


@lru_cache(maxsize=32)
def _date_parser(languages: tuple[str, ...]) -> Any:
    """A dateparser for `languages`, set as htmldate sets its own (absolute dates only, strict, from the past)."""
    from dateparser import DateDataParser

    return DateDataParser(languages=list(languages), settings={
        "NORMALIZE": True, "PARSERS": ["custom-formats", "absolute-time"], "PREFER_DATES_FROM": "past",
        "PREFER_LOCALE_DATE_ORDER": True, "RETURN_AS_TIMEZONE_AWARE": False, "STRICT_PARSING": True})


def _rel_links(tree: HtmlElement) -> list[tuple[list[str], HtmlElement]]:
    """The page's links that have a rel attribute, each with its values (lowercased), in page order: found once
    for the categories, the tags and the licence."""
    return [((a.get("rel") or "").lower().split(), a) for a in tree.iterfind(".//a[@rel]")]


def _marked_links(links: list[tuple[list[str], HtmlElement]], kind: str) -> list[str]:
    """The texts of the links the page marks rel="`kind`" (WordPress and most themes mark a post's category
    and tag links so), each once, in page order (`links`: _rel_links)."""
    found = (text_value(a.text_content()) for rel, a in links
             if kind in rel and (kind != "tag" or "category" not in a.get("rel")))
    return list(dict.fromkeys(t for t in found if t))


def _license(links: list[tuple[list[str], HtmlElement]]) -> str | None:
    """The licence a rel="license" link names (`links`: _rel_links): a Creative Commons licence by its URL
    ('CC BY-SA 4.0'), else the link's text."""
    for rel, a in links:
        if "license" not in rel:
            continue
        cc = _CREATIVE_COMMONS.search(a.get("href") or "")
        if cc:
            return f"CC {cc[1].upper()} {cc[2]}"
        text = text_value(a.text_content())
        if text:
            return text
    return None


def page_title(tree: HtmlElement) -> str | None:
    """The text of the page's <title> element."""
    title = tree.find(".//title")
    return text_value(title.text_content()) if title is not None else None


def byline(tree: HtmlElement) -> str | None:
    """The text of the first short byline element of the page (rel/itemprop author, class byline/author)."""
    for el in _BYLINE_XPATH(tree):
        text = text_value(el.text_content())
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


def _first_h1(tree: HtmlElement) -> str | None:
    """The text of the page's first short <h1>: its title when it declares none."""
    for h in tree.iterfind(".//h1"):
        text = text_value(h.text_content())
        if text and len(text.split()) <= H1_MAX_WORDS:
            return text
    return None


def headline(tree: HtmlElement, declared: list[str | None]) -> str | None:
    """The page's <h1> that repeats a declared title (see H1_SHARE), or None."""
    titles = [words(t) for t in declared if t]
    pool = set().union(*titles)
    if not pool:
        return None
    h1s = [t for t in (text_value(h.text_content()) for h in tree.iterfind(".//h1")) if t and len(t.split()) <= H1_MAX_WORDS]
    best, share = None, 0.0
    for text in h1s:
        own = words(text)
        found = len(own & pool) / len(own) if own else 0.0
        recall = max(len(own & t) / len(t) for t in titles if t) if any(titles) else 0.0
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
    """The page's bylines as the last sources of authors, each read only when reached: trafilatura's reading
    of the byline elements (it leaves out comment and related-post boxes and tidies the names), then the
    first short byline element's text."""
    found = _trafilatura_author(tree)
    yield [a.strip() for a in (found or "").split(";") if a.strip()]
    found = byline(tree)
    yield [found] if found else []


def _author_hinted(tree: HtmlElement) -> bool:
    """Whether the page has an element trafilatura's author reading could select (_AUTHOR_HINTS)."""
    for name, hints in _AUTHOR_HINTS.items():
        values = _APART.join(_ATTRIBUTE_VALUES[name](tree))
        if any(hint in values for hint in hints):
            return True
    return bool(_HINT_ELEMENTS(tree))


def _trafilatura_author(tree: HtmlElement) -> str | None:
    """trafilatura's reading of the page's byline elements ('A; B'), run only on a page that has an element it
    could select (_AUTHOR_HINTS); None when it finds nobody."""
    if not _author_hinted(tree):
        return None
    from trafilatura.metadata import extract_author

    try:
        return extract_author(tree)
    except (ValueError, TypeError, RecursionError):  # trafilatura on a page it cannot read
        return None


def page_metadata(tree: HtmlElement, doc: Any, url: str | None) -> Metadata:
    """All metadata of a page, each field from its best source first (see the module docstring);
    `doc` is trafilatura's extraction of the body, whose language fills a gap."""
    json_ld, tags, title = from_json_ld(tree), from_meta_tags(tree), page_title(tree)
    page = from_page(tree, url, tags.language or json_ld.language)
    meta = Metadata()
    for source in (json_ld, tags, page):  # the fields not chosen below: first source wins
        meta.fill(source)
    meta.sitename = tags.sitename or json_ld.publisher or page.sitename  # (the host's name last)
    meta.title = headline(tree, [json_ld.title, tags.title, title]) or tags.title or json_ld.title or title or _first_h1(tree)
    meta.authors = _authors(tree, json_ld, tags)
    declared = json_ld.date or tags.date
    same_day = bool(page.date and declared and normalize_date(declared)[0] == page.date)
    guessed = page.date
    if guessed and guessed.endswith("-01-01") and not same_day and not _shows_new_year(tree, guessed[:4]):
        guessed = None  # htmldate's guess from a copyright year, not a date the page gives
    meta.date = declared if same_day else guessed or declared
    meta.updated = json_ld.updated or tags.updated
    meta.publisher = meta.publisher or meta.sitename
    meta.language = meta.language or getattr(doc, "language", None) or None
    meta.author = meta.authors[0] if meta.authors else None
    return meta
