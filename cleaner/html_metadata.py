"""Metadata of an HTML page: JSON-LD first, then meta tags, then trafilatura's fields, then the page's
own byline element; one small function per source, merged field by field (first source wins)."""
from __future__ import annotations

import json
import re
from typing import Any

from lxml.html import HtmlElement

from .document import Metadata

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


def from_trafilatura(doc: Any, url: str | None) -> Metadata:
    """trafilatura's metadata fields (its own meta tag, JSON-LD and text heuristics)."""
    if doc is None:
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


def from_page(tree: HtmlElement) -> Metadata:
    """Text heuristics: the <title> element and the first short byline element of the page."""
    meta = Metadata()
    title = tree.find(".//title")
    if title is not None:
        meta.title = _text(title.text_content())
    for el in tree.xpath(_BYLINE_XPATH):
        text = _text(el.text_content())
        if text and len(text) <= MAX_BYLINE_CHARS:
            meta.author = text
            break
    return meta


def page_metadata(tree: HtmlElement, doc: Any, url: str | None) -> Metadata:
    """All metadata of a page: JSON-LD, meta tags, trafilatura, page heuristics, in that order."""
    meta = from_json_ld(tree)
    meta.fill(from_meta_tags(tree))
    meta.fill(from_trafilatura(doc, url))
    if not (meta.title and meta.author):  # the page search walks the whole tree: only when needed
        meta.fill(from_page(tree))
    meta.publisher = meta.publisher or meta.sitename
    if meta.author and not meta.authors:
        meta.authors = [meta.author]
    return meta
