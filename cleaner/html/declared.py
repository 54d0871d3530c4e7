"""What a page declares about itself in its markup: the article object of its JSON-LD and its meta tags, each
read into a Metadata record (html/metadata.py merges them with the page's other sources)."""
from __future__ import annotations

import json
import re
from html import unescape
from typing import Any

from lxml.html import HtmlElement

from ..document import Metadata

ARTICLE_TYPES = frozenset({
    "article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
    "scholarlyarticle", "techarticle", "liveblogposting", "backgroundnewsarticle", "reviewnewsarticle",
    "socialmediaposting", "posting", "report", "discussionforumposting",
})
# Meta tag names/properties per field, most specific first (Dublin Core before Open Graph, as Readability
# reads them).
META_FIELDS = {
    "title": ("dc:title", "dcterm:title", "og:title", "twitter:title", "parsely-title", "sailthru.title"),
    "author": ("dc:creator", "dcterm:creator", "author", "article:author", "parsely-author", "sailthru.author",
               "byl", "citation_author", "citation_authors", "twitter:creator"),
    "date": ("article:published_time", "datePublished", "og:published_time", "dc:date", "date", "parsely-pub-date",
             "sailthru.date", "pubdate", "publish-date"),
    "updated": ("article:modified_time", "og:updated_time", "dateModified", "last-modified"),
    "sitename": ("og:site_name", "application-name", "publisher"),
    "description": ("og:description", "description", "twitter:description", "dc:description"),
    "image": ("og:image", "twitter:image", "og:image:url"),
    "section": ("article:section", "parsely-section"),
}
_URLISH = re.compile(r"^(?:https?:|www\.|/)", re.I)
# A login-style author name a page declares ('kirstin boatto', 'andrew.keaveney'): lower-case words and separators.
_LOGIN_NAME = re.compile(r"[^\W\d_]{2,}(?:[ ._-][^\W\d_]{2,}){1,3}")
_LOGIN_PARTS = re.compile(r"[ ._-]")


def text_value(value: Any) -> str | None:
    """A clean single-line string from a JSON-LD or attribute value (None when empty); character references a
    script's JSON keeps ('Camels &amp; Chocolate') are read."""
    if isinstance(value, list):
        value = next((v for v in value if v), None)
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value") or value.get("url")
    if not isinstance(value, (str, int, float)):
        return None
    text = str(value)
    return " ".join((unescape(text) if "&" in text else text).split()) or None


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


def _names(value: Any, people: dict[str, str]) -> list[str]:
    """Person names of a JSON-LD author value (string, object or list of either); an object that only points
    at a node of the page's graph ({"@id": …}, as Yoast writes them) takes that node's name from `people`."""
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        if isinstance(item, dict):
            item = item.get("name") or people.get(str(item.get("@id")))
        name = declared_name(text_value(item) or "")
        if _named(name) and name not in names:
            names.append(name)
    return names


def _named(value: str) -> bool:
    """Whether a declared author value can name someone: not a URL, a handle or a number (a profile's id)."""
    return bool(value) and not _URLISH.match(value) and not value.startswith("@") and any(c.isalpha() for c in value)


def declared_name(value: str) -> str:
    """An author name as a page declares it in its markup, read as a name: a lower-case login-style value
    ('kirstin boatto', 'andrew.keaveney') as its capitalised words; any other value as it is."""
    return " ".join(w.capitalize() for w in _LOGIN_PARTS.split(value)) if value.islower() and _LOGIN_NAME.fullmatch(value) else value


def words(text: str | None) -> set[str]:
    return set(re.findall(r"\w+", (text or "").casefold()))


def _json_ld_title(obj: dict[str, Any], tree: HtmlElement) -> str | None:
    """The article's headline or name; when both exist and differ, the one closer to <title> (sites put a
    kicker in one of them: Wikipedia's headline is 'Wikimedia list article')."""
    headline, name = text_value(obj.get("headline")), text_value(obj.get("name"))
    if not (headline and name) or headline == name:
        return headline or name
    element = tree.find(".//title")
    page = words(element.text_content() if element is not None else "")
    return max((headline, name), key=lambda t: len(words(t) & page) / max(1, len(words(t))))


def from_json_ld(tree: HtmlElement) -> Metadata:
    """Fields of the first article object in the page's JSON-LD scripts."""
    meta = Metadata()
    objects = []
    for script in tree.iterfind('.//script[@type="application/ld+json"]'):
        try:  # (strict=False: a line break inside a string, as many pages write them, is no error)
            objects += _json_objects(json.loads(script.text or "", strict=False))
        except ValueError:
            continue
    people = {str(obj["@id"]): obj["name"] for obj in objects if "@id" in obj and isinstance(obj.get("name"), str)}
    for obj in objects:
        if not _types(obj) & ARTICLE_TYPES:
            continue
        authors = _names(obj.get("author") or obj.get("creator"), people)
        publisher = obj.get("publisher")
        keywords = obj.get("keywords")
        if isinstance(keywords, str):
            keywords = [k.strip() for k in keywords.split(",")]
        section = obj.get("articleSection")
        meta.fill(Metadata(
            title=_json_ld_title(obj, tree),
            author=authors[0] if authors else None,
            authors=authors,
            date=text_value(obj.get("datePublished")),
            updated=text_value(obj.get("dateModified")),
            publisher=text_value(publisher) if publisher else None,
            description=text_value(obj.get("description")),
            image=text_value(obj.get("image") or obj.get("thumbnailUrl")),
            language=text_value(obj.get("inLanguage")),
            tags=[k for k in (keywords or []) if isinstance(k, str) and k],
            categories=[s for s in (section if isinstance(section, list) else [section]) if isinstance(s, str)],
            license=text_value(obj.get("license")),
        ))
    return meta


def from_meta_tags(tree: HtmlElement) -> Metadata:
    """Fields of <meta name|property|itemprop=... content=...> tags, plus <html lang>."""
    found: dict[str, str] = {}
    for tag in tree.iterfind(".//meta"):
        key = (tag.get("property") or tag.get("name") or tag.get("itemprop") or "").strip().lower()
        value = text_value(tag.get("content"))
        if key and value and key not in found:
            found[key] = value
    meta = Metadata()
    for field_name, keys in META_FIELDS.items():
        for key in keys:
            value = found.get(key.lower())
            if value and not (field_name == "author" and not _named(value)):
                setattr(meta, field_name, declared_name(value) if field_name == "author" else value)
                break
    if meta.author:
        meta.authors = [meta.author]
    lang = tree.get("lang") or found.get("og:locale") or found.get("content-language")
    meta.language = lang.replace("_", "-").split("-")[0].lower() if lang else None
    meta.tags = [t.strip() for t in (found.get("keywords") or found.get("news_keywords") or "").split(",") if t.strip()]
    return meta
