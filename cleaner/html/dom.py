"""HTML pages as DOM blocks: parse once (bounded), cut the tree into text blocks, and give each block
the DOM facts the fusion needs (tag, link density, class/id concepts of its ancestors, position).

lxml lives here and in the html package only; nothing in this module knows about trafilatura or the rules.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from lxml import etree
from lxml.html import HtmlElement, HTMLParser, fromstring

from ..text.segment import split_lines

# Elements that end a block of text: a block is the text between two such boundaries.
BLOCK_TAGS = frozenset(
    "address article aside blockquote body center dd details dialog dir div dl dt fieldset figcaption figure "
    "footer form h1 h2 h3 h4 h5 h6 header hgroup hr html li main menu nav ol p pre section summary table tbody "
    "td tfoot th thead tr ul caption".split()
)
HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())
# Elements whose text is never article text (code, widgets, form controls, media fallbacks).
SKIP_TAGS = frozenset(
    "script style noscript template svg math iframe object embed select option button input textarea canvas "
    "audio video map head title link meta base".split()
)
# Tables of data/dom.toml that are no furniture concept: the content scorer's weights (dom_score.py) and the
# names of a caption's credit (captions.py).
NOT_CONCEPTS = frozenset({"score", "credit"})
# Semantic tags that mean the same as a class/id concept.
TAG_CONCEPTS = {"nav": "nav", "aside": "related", "footer": "footer", "figcaption": "caption", "address": "meta"}
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_SPLIT = re.compile(r"[^A-Za-z0-9]+")
_DIGITS = re.compile(r"\d+")  # ids such as post-12345 differ only in numbers: one cache entry for all
# libxml2 stops nesting at 256 levels (deeper content is dropped): a page that reaches that depth
# is cut short, so its text cannot be trusted.
LIBXML_MAX_DEPTH = 255
_PARSER = HTMLParser(remove_comments=True, remove_pis=True, collect_ids=False, default_doctype=False)
# An XML declaration at the top, closed or not (a page that leaves it open goes on with its first tag).
_XML_DECL = re.compile(r"^\s*<\?xml\b[^>]*?(?:\?>|(?=<))", re.I)


@dataclass(frozen=True)
class Vocabulary:
    """Class/id words of page furniture, by concept (package data `data/dom.toml`)."""

    words: dict[str, frozenset[str]]
    """Concepts of each exact token."""
    joined: re.Pattern[str]
    """One alternation of every concept's joined words, a named group per concept."""

    def concepts(self, tokens: list[str]) -> frozenset[str]:
        """Concepts hit by class/id tokens; none when a token names the article body itself."""
        hits: set[str] = set()
        for t in tokens:
            hits |= self.words.get(t, frozenset())
        hits.update(m.lastgroup for m in self.joined.finditer(" ".join(tokens)) if m.lastgroup)
        return frozenset() if "body" in hits else frozenset(hits)


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The furniture vocabulary, loaded once; an empty concept is refused."""
    data = tomllib.loads(resources.files("cleaner.data").joinpath("dom.toml").read_text(encoding="utf-8"))
    words: dict[str, frozenset[str]] = {}
    joined = []
    for name, entry in data.items():
        if name in NOT_CONCEPTS:
            continue
        if not entry.get("words"):
            raise ValueError(f"dom.toml: concept {name!r} has no words")
        for word in entry["words"]:
            words[word] = words.get(word, frozenset()) | {name}
        if entry.get("joined"):
            joined.append(f"(?P<{name}>{'|'.join(map(re.escape, entry['joined']))})")
    return Vocabulary(words, re.compile("|".join(joined)))


def tokens(value: str) -> list[str]:
    """Lowercase tokens of a class/id value, with adjacent pairs joined ('entry-content' -> entrycontent)."""
    parts = [p.lower() for p in _SPLIT.split(_CAMEL.sub(" ", value)) if p]
    return parts + [a + b for a, b in zip(parts, parts[1:])]


@lru_cache(maxsize=65536)
def attribute_concepts(attrs: str) -> frozenset[str]:
    """Furniture concepts of a class/id string (cached: pages repeat the same classes many times)."""
    return vocabulary().concepts(tokens(attrs))


def element_concepts(el: HtmlElement) -> frozenset[str]:
    """Furniture concepts of one element from its tag, class, id and hidden state.

    Hidden means the `hidden` attribute or an inline display:none; class names that say 'hide' are
    not trusted (MediaWiki puts 'mw-hide-empty-elt' on <body>).
    """
    items = el.items()
    found = frozenset()
    if items:
        attrib = dict(items)
        key = _DIGITS.sub("", f"{attrib.get('class', '')} {attrib.get('id', '')} {attrib.get('itemprop', '')} "
                                f"{attrib.get('role', '')}")
        found = attribute_concepts(key)
        if "hidden" in attrib or ("style" in attrib and _HIDDEN_STYLE.search(attrib["style"])):
            found = found | {"hidden"}
    if el.tag in TAG_CONCEPTS:
        found = found | {TAG_CONCEPTS[el.tag]}
    return found


@dataclass
class DomBlock:
    """One block of text of a page, with the DOM facts computed once while walking the tree."""

    index: int
    text: str
    tag: str
    para: int
    link_chars: int
    chain: tuple[HtmlElement, ...] = field(repr=False)
    """Open elements from the root down to the block's element."""
    marks: tuple[tuple[int, frozenset[str]], ...] = ()
    """(depth, concepts) of every ancestor that names a furniture concept."""

    @property
    def link_density(self) -> float:
        """Share of the block's characters inside links."""
        return self.link_chars / len(self.text) if self.text else 0.0

    @property
    def words(self) -> int:
        """Number of whitespace-separated words."""
        return len(self.text.split())

    @property
    def list_item(self) -> bool:
        """Whether the block is an item of a list: an <li>'s own text, or a paragraph right inside one."""
        if self.tag == "li":
            return True
        containers = [el.tag for el in self.chain if el.tag in BLOCK_TAGS]
        return self.tag == "p" and containers[-2:-1] == ["li"]


@dataclass
class Page:
    """A parsed page: its tree, its text blocks, and how deep the tree went."""

    tree: HtmlElement
    blocks: list[DomBlock]
    depth: int
    elements: int
    alts: frozenset[str] | None = None
    """The alt texts of the page's images, once asked for (choose.alt_texts)."""


def parse(html: str) -> HtmlElement | None:
    """The lxml tree of `html`, or None when nothing parses. An XML declaration at the top is dropped first,
    closed or left open (lxml refuses a str that declares an encoding, even a bogus one, and a page whose
    declaration never closes came out empty)."""
    html = _XML_DECL.sub("", html, count=1)
    if not html.strip():
        return None
    try:
        tree = fromstring(html, parser=_PARSER)
    except (etree.ParserError, ValueError):
        return None
    return tree if isinstance(tree.tag, str) else None


def walk(tree: HtmlElement) -> Page:
    """Cut the tree into text blocks at block-level elements and <br>, in document order."""
    blocks: list[DomBlock] = []
    buf: list[str] = []
    link = [0, 0]  # open <a> count, link characters in buf
    chain: list[HtmlElement] = []
    marks: list[tuple[int, frozenset[str]]] = []
    block_tags: list[str] = []
    para = [0]
    depth = elements = 0

    def add(text: str | None) -> None:
        if text:
            buf.append(text)
            if link[0]:
                link[1] += len(text)

    def flush(new_para: bool) -> None:
        if not buf:
            return
        raw = "".join(buf)
        share = min(1.0, link[1] / max(1, len(raw)))
        lines = split_lines(raw) if "pre" in block_tags else [raw]  # preformatted text keeps its lines
        tag = block_tags[-1] if block_tags else ""
        for line in lines:
            text = " ".join(line.split())
            if text:
                blocks.append(DomBlock(len(blocks), text, tag, para[0], round(share * len(text)), tuple(chain),
                                       tuple(marks)))
        buf.clear()
        link[1] = 0
        if new_para and raw.strip():
            para[0] += 1

    walker = etree.iterwalk(tree, events=("start", "end"))
    skipping = False  # after skip_subtree() the next event is the end of the skipped element
    for event, el in walker:
        tag = el.tag
        if type(tag) is not str:
            tag = ""
        if event == "start":
            elements += 1
            if len(chain) >= depth:
                depth = len(chain) + 1
            concepts = element_concepts(el) if tag and tag not in SKIP_TAGS else frozenset()
            if not tag or tag in SKIP_TAGS or "hidden" in concepts:
                skipping = True
                walker.skip_subtree()
                continue
            if tag == "br":
                flush(False)
                continue
            if tag in BLOCK_TAGS:
                flush(True)
                block_tags.append(tag)
            chain.append(el)
            if concepts:
                marks.append((len(chain), concepts))
            if tag == "a":
                link[0] += 1
            add(el.text)
            continue
        if skipping:
            skipping = False
        elif tag and tag != "br":
            if tag in BLOCK_TAGS:
                flush(True)
                block_tags.pop()
            if tag == "a":
                link[0] -= 1
            if marks and marks[-1][0] == len(chain):
                marks.pop()
            chain.pop()
        add(el.tail)
    flush(True)
    return Page(tree, blocks, depth, elements)
