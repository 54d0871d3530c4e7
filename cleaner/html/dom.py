"""HTML pages as DOM blocks: parse once (bounded), cut the tree into text blocks, and give each block
the DOM facts the fusion needs (tag, link density, class/id concepts of its ancestors, position) and each
element the span of blocks under it (so text per element is summed once, not per block and ancestor).

lxml lives here and in the html package only; nothing in this module knows about trafilatura or the rules.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate
from typing import NamedTuple

from lxml import etree
from lxml import html as lxml_html
from lxml.html import HtmlElement, fromstring

from ..data import load_toml
from ..text.segment import split_lines

# Elements that end a block of text: a block is the text between two such boundaries.
BLOCK_TAGS = frozenset(
    "address article aside blockquote body center dd details dialog dir div dl dt fieldset figcaption figure "
    "footer form h1 h2 h3 h4 h5 h6 header hgroup hr html li main menu nav ol p pre section summary table tbody "
    "td tfoot th thead tr ul caption".split()
)
HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())
# Elements whose text is never article text (code, widgets, form controls, media fallbacks, ruby readings printed
# over the characters they gloss). A formula in MathML is text: its sentence needs it.
SKIP_TAGS = frozenset(
    "script style noscript template svg iframe object embed select option button input textarea canvas "
    "audio video map head title link meta base rt rp".split()
)
# Tables of data/dom.toml that are no furniture concept: the content scorer's weights (dom_score.py), the
# names of a caption's credit (captions.py) and the modifier words of class names (tokens()).
NOT_CONCEPTS = frozenset({"score", "credit", "modifier"})
# Semantic tags that mean the same as a class/id concept.
TAG_CONCEPTS = {"nav": "nav", "aside": "related", "footer": "footer", "figcaption": "caption", "address": "meta"}
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_SPLIT = re.compile(r"[^A-Za-z0-9]+")
_DIGITS = re.compile(r"\d+")  # ids such as post-12345 differ only in numbers: one cache entry for all
_NONE: frozenset[str] = frozenset()
# The attributes element_concepts() reads: an element with none of them (a bare <p>, a link with only an href) is
# told by its list of attribute names alone.
_READ_ATTRIBUTES = frozenset({"class", "id", "itemprop", "role", "style", "hidden"})
# libxml2 stops nesting at 256 levels (deeper content is dropped): a page that reaches that depth
# is cut short, so its text cannot be trusted.
LIBXML_MAX_DEPTH = 255


def _html_parser() -> etree.HTMLParser:
    """lxml.html's parser with the same element classes (HtmlElement; FormElement, InputElement... by tag), looked
    up in C: lxml.html's own lookup is a Python method called for every element that gets a Python object, which
    was 4% of HTML mode's profile (840,000 calls over 181 pages: our walk, trafilatura, htmldate)."""
    options = {"remove_comments": True, "remove_pis": True, "collect_ids": False, "default_doctype": False}
    classes = _lxml_element_classes()
    if classes is None:  # (an lxml that no longer keeps the table there: its own lookup, slower)
        return lxml_html.HTMLParser(**options)
    by_tag = etree.ElementNamespaceClassLookup(etree.ElementDefaultClassLookup(
        element=HtmlElement, comment=lxml_html.HtmlComment, pi=lxml_html.HtmlProcessingInstruction,
        entity=lxml_html.HtmlEntity))
    registry = by_tag.get_namespace(None)
    for tag, cls in classes.items():
        registry[tag] = cls
    parser = etree.HTMLParser(**options)
    parser.set_element_class_lookup(by_tag)
    return parser


def _lxml_element_classes() -> dict[str, type] | None:
    """lxml.html's element class of each tag that has its own (form, input, label...), where lxml keeps it."""
    classes = getattr(lxml_html.HtmlElementClassLookup, "_default_element_classes", None)
    return classes if isinstance(classes, dict) else None


_PARSER = _html_parser()
# An XML declaration at the top, closed or not (a page that leaves it open goes on with its first tag).
_XML_DECL = re.compile(r"^\s*<\?xml\b[^>]*?(?:\?>|(?=<))", re.I)


@dataclass(frozen=True, eq=False)
class Vocabulary:
    """Class/id words of page furniture, by concept (package data `data/dom.toml`)."""

    words: dict[str, frozenset[str]]
    """Concepts of each exact token."""
    joined: re.Pattern[str]
    """One alternation of every concept's joined words, concept by concept in the data's order."""
    joined_concept: dict[str, str]
    """The concept of each joined word (the first that lists it: the one whose alternative matches first)."""

    def concepts(self, tokens: list[str]) -> frozenset[str]:
        """Concepts hit by class/id tokens; none when a token names the article body itself."""
        hits: set[str] = set()
        for t in tokens:
            hits |= _token_concepts(self, t)
        return frozenset() if "body" in hits else frozenset(hits)


@lru_cache(maxsize=65536)
def _token_concepts(vocab: Vocabulary, token: str) -> frozenset[str]:
    """Concepts of one class/id token: its exact word's, and those of the joined words found in it (cached:
    pages share most tokens; one search of a class/id value's whole token string was 41% of a first walk over
    new pages). A search of the tokens joined by spaces finds the same: no joined word holds a space, so none
    runs from one token into the next."""
    return vocab.words.get(token, _NONE) | {vocab.joined_concept[word] for word in vocab.joined.findall(token)}


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The furniture vocabulary, loaded once; an empty concept is refused."""
    data = load_toml("dom.toml")
    words: dict[str, frozenset[str]] = {}
    joined: dict[str, str] = {}
    for name, entry in data.items():
        if name in NOT_CONCEPTS:
            continue
        if not entry.get("words"):
            raise ValueError(f"dom.toml: concept {name!r} has no words")
        for word in entry["words"]:
            words[word] = words.get(word, frozenset()) | {name}
        for word in entry.get("joined", ()):
            joined.setdefault(word, name)
    # Plain words in one alternation (no group per concept): the regex engine then skips the positions no word
    # starts at. A word listed twice keeps its first place, where it matched first.
    return Vocabulary(words, re.compile("|".join(map(re.escape, joined))), joined)


@lru_cache(maxsize=1)
def modifiers() -> frozenset[str]:
    """Words that make the next word of a class name say what an element holds or lacks ('has-sidebar',
    'with-caption', 'no-comments'), not what it is (data/dom.toml [modifier])."""
    return frozenset(load_toml("dom.toml")["modifier"]["words"])


def tokens(value: str) -> list[str]:
    """Lowercase tokens of a class/id value, with adjacent pairs joined ('entry-content' -> entrycontent);
    a modifier and the word after it are left out ('article has-sharing' -> article: the article holds a share
    bar, it is none)."""
    parts = [p.lower() for p in _SPLIT.split(_CAMEL.sub(" ", value)) if p]
    mods = modifiers()
    if not mods.isdisjoint(parts):
        parts = [p for i, p in enumerate(parts) if p not in mods and (i == 0 or parts[i - 1] not in mods)]
    return parts + [a + b for a, b in zip(parts, parts[1:])]


@lru_cache(maxsize=65536)
def attribute_concepts(attrs: str) -> frozenset[str]:
    """Furniture concepts of a class/id string (cached: pages repeat the same classes many times)."""
    return vocabulary().concepts(tokens(attrs))


@lru_cache(maxsize=65536)
def _named(cls: str | None, ident: str | None, itemprop: str | None, role: str | None) -> frozenset[str]:
    """Furniture concepts of an element's class, id, itemprop and role values (cached as they are written,
    so a repeated set skips the digit stripping too)."""
    return attribute_concepts(_DIGITS.sub("", f"{cls or ''} {ident or ''} {itemprop or ''} {role or ''}"))


def element_concepts(el: HtmlElement) -> frozenset[str]:
    """Furniture concepts of one element from its tag, class, id and hidden state.

    Hidden means the `hidden` attribute or an inline display:none; class names that say 'hide' are
    not trusted (MediaWiki puts 'mw-hide-empty-elt' on <body>).
    """
    names = el.keys()
    if not names or _READ_ATTRIBUTES.isdisjoint(names):  # (most elements: nothing to read, no lookups by name)
        found = _NONE
    else:  # each attribute the element has looked up, the others not (a lookup by name is the walk's dearest step)
        get = el.get
        cls = get("class") if "class" in names else None
        ident = get("id") if "id" in names else None
        itemprop = get("itemprop") if "itemprop" in names else None
        role = get("role") if "role" in names else None
        found = (_NONE if cls is None and ident is None and itemprop is None and role is None
                 else _named(cls, ident, itemprop, role))
        style = get("style") if "style" in names else None
        if "hidden" in names or (style and _HIDDEN_STYLE.search(style)):
            found = found | {"hidden"}
    tag = el.tag
    if tag in TAG_CONCEPTS:
        found = found | {TAG_CONCEPTS[tag]}
    return found


@dataclass
class DomBlock:
    """One block of text of a page, with the DOM facts computed once while walking the tree."""

    index: int
    text: str
    """The block's text, whitespace collapsed to single spaces."""
    tag: str
    para: int
    link_chars: int
    chain: tuple[HtmlElement, ...] = field(repr=False)
    """Open elements from the root down to the block's element."""
    marks: tuple[tuple[int, frozenset[str]], ...] = ()
    """(depth, concepts) of every ancestor that names a furniture concept."""
    list_item: bool = False
    """Whether the block is an item of a list: an <li>'s own text, or a paragraph right inside one."""
    words: int = -1
    """Number of whitespace-separated words (counted once: every stage reads it; -1: counted from the text)."""
    link_density: float = field(init=False)
    """Share of the block's characters inside links (worked out once: the fusion reads it some 130 times a page)."""

    def __post_init__(self) -> None:
        if self.words < 0:
            self.words = len(self.text.split())
        self.link_density = self.link_chars / len(self.text) if self.text else 0.0


class Span(NamedTuple):
    """The blocks under one element: they are consecutive, blocks[first:end]."""

    element: HtmlElement
    depth: int
    """The element's place in its blocks' chains, counted from 1 (the root)."""
    first: int
    end: int


# Builds a Span from a tuple without the Python-level __new__ of a NamedTuple (the walk makes one per element).
_new_span = tuple.__new__


@dataclass
class Page:
    """A parsed page: its tree, its text blocks, and how deep the tree went."""

    tree: HtmlElement
    blocks: list[DomBlock]
    depth: int
    elements: int
    alts: frozenset[str] | None = None
    """The alt texts of the page's images, once asked for (choose.alt_texts)."""
    spans: dict[int, Span] = field(default_factory=dict, repr=False)
    """The blocks under each element that has any, by id() of the element (alive as long as the blocks' chains)."""
    char_sums: list[int] = field(default_factory=lambda: [0], repr=False)
    """Running sums of the blocks' characters: those of blocks[i:j] are char_sums[j] - char_sums[i]."""
    link_sums: list[int] = field(default_factory=lambda: [0], repr=False)
    """Running sums of the blocks' link characters, as char_sums."""

    def chars_under(self, span: Span) -> int:
        """Characters of the blocks under a span's element."""
        return self.char_sums[span.end] - self.char_sums[span.first]

    def links_under(self, span: Span) -> int:
        """Link characters of the blocks under a span's element."""
        return self.link_sums[span.end] - self.link_sums[span.first]


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
    buf: list[str] = []  # text of the open block
    has_text = False  # whether a text in buf is not all white space (a buf of white space alone makes no block)
    links = 0  # open <a> elements
    link_chars = 0  # characters of buf inside links
    chain: list[HtmlElement] = []
    level = 0  # len(chain)
    opened: list[int] = []  # per element of the chain, the number of blocks when it opened
    spans: dict[int, Span] = {}
    marks: list[tuple[int, frozenset[str]]] = []
    block_tags: list[str] = []
    in_pre = 0  # open <pre> elements
    para = 0
    nblocks = 0  # len(blocks)
    depth = elements = 0

    def flush(new_para: bool) -> None:
        """The open block's text as blocks (called only when buf holds a text that is not all white space)."""
        nonlocal link_chars, para, has_text, nblocks
        raw = "".join(buf)
        buf.clear()
        has_text = False
        share = min(1.0, link_chars / len(raw))
        link_chars = 0
        lines = split_lines(raw) if in_pre else [raw]  # preformatted text keeps its lines
        tag = block_tags[-1] if block_tags else ""
        item = tag == "li" or (tag == "p" and len(block_tags) >= 2 and block_tags[-2] == "li")
        for line in lines:
            words = line.split()
            if words:  # (the words of the collapsed text are these: counted here, not split again)
                text = " ".join(words)
                blocks.append(DomBlock(len(blocks), text, tag, para, round(share * len(text)), tuple(chain),
                                       tuple(marks), item, len(words)))
        nblocks = len(blocks)
        if new_para:
            para += 1

    walker = etree.iterwalk(tree, events=("start", "end"))
    skipping = False  # after skip_subtree() the next event is the end of the skipped element
    for event, el in walker:
        tag = el.tag
        if type(tag) is not str:
            tag = ""
        if event == "start":
            elements += 1
            if level >= depth:
                depth = level + 1
            if not tag or tag in SKIP_TAGS:
                skipping = True
                walker.skip_subtree()
                continue
            concepts = element_concepts(el)
            if "hidden" in concepts:
                skipping = True
                walker.skip_subtree()
                continue
            if tag == "br":
                if has_text:
                    flush(False)
                elif buf:
                    buf.clear()
                    link_chars = 0
                continue
            if tag in BLOCK_TAGS:
                if has_text:
                    flush(True)
                elif buf:
                    buf.clear()
                    link_chars = 0
                block_tags.append(tag)
                if tag == "pre":
                    in_pre += 1
            chain.append(el)
            level += 1
            opened.append(nblocks)
            if concepts:
                marks.append((level, concepts))
            if tag == "a":
                links += 1
            text = el.text
        else:
            if skipping:
                skipping = False
            elif tag and tag != "br":
                if tag in BLOCK_TAGS:
                    if has_text:
                        flush(True)
                    elif buf:
                        buf.clear()
                        link_chars = 0
                    block_tags.pop()
                    if tag == "pre":
                        in_pre -= 1
                if tag == "a":
                    links -= 1
                if marks and marks[-1][0] == level:
                    marks.pop()
                first = opened.pop()
                if nblocks > first:
                    spans[id(el)] = _new_span(Span, (el, level, first, nblocks))
                chain.pop()
                level -= 1
            text = el.tail
        if text:
            buf.append(text)
            if not has_text and not text.isspace():
                has_text = True
            if links:
                link_chars += len(text)
    if has_text:
        flush(True)
    return Page(tree, blocks, depth, elements, spans=spans,
                char_sums=list(accumulate((len(b.text) for b in blocks), initial=0)),
                link_sums=list(accumulate((b.link_chars for b in blocks), initial=0)))
