"""The fusion's own body: which DOM blocks trafilatura kept, where the article sits, and a choice per block.

Each block is kept or dropped with a rule id and a reason (DROP, OWN_RULES); extract.py runs this.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from itertools import accumulate

from ..document import Label
from ..text.segment import split_lines
from ..text.table import is_prose
from . import dom_score
from .dom import HEADINGS, DomBlock, Page, element_concepts


# The container of the article is the deepest element holding this share of the text trafilatura
# kept; 0.8 lets a stray kept block (a caption, a pull quote outside the body) not lift the
# container to <body>. A first choice, not tuned.
CONTAINER_SHARE = 0.8
# A furniture element (class 'related', 'audio'...) holding half of trafilatura's text or more is the
# article's wrapper, not furniture: half is the point where dropping it would lose most of the body.
FURNITURE_MAX_SHARE = 0.5
# Furniture whose content is short by nature (menus, bylines and dates, captions, share bars): an element
# named so that holds WRAPPER_PLAIN_CHARS characters of plain text or more (about 65 words outside links,
# twice a long byline and date line) wraps content instead (a review in <td class="nav-main">, blog posts
# in <div class="date-outer">).
SHORT_CONCEPTS = frozenset({"nav", "meta", "caption", "share"})
WRAPPER_PLAIN_CHARS = 400
# Link-density bounds, after jusText (max_link_density 0.2) and Readability (0.25 / 0.5): a block
# recovered from outside trafilatura's output must be mostly plain text; a block that is almost all
# link text is navigation or a teaser even when trafilatura kept it.
RECOVER_MAX_LINK_DENSITY = 0.25
LINK_LIST_DENSITY = 0.8
# Prose beside the container (up to REGION_UP levels above it; 3 beat 2 on both corpora), or inside it before
# or after the first and last blocks trafilatura kept (it stops at an entry's header: a guide of places goes on
# past its intro), that trafilatura missed is recovered when it has PROSE_CHARS or more: jusText's length_high
# (200 characters) marks a paragraph as long enough to judge on its own; at most MAX_GAP_BLOCKS short blocks
# between two such paragraphs come along (a subheading and a caption, or a short list).
REGION_UP = 3
PROSE_CHARS = 200
MAX_GAP_BLOCKS = 3
# A kept block shorter than this is matched to trafilatura's output only as a whole line (short
# strings occur inside longer lines by chance).
MIN_SUBSTRING_CHARS = 25
# A long block counts as kept when its first or last PROBE_CHARS characters are in trafilatura's text:
# 40 characters (6-8 words) rarely recur by chance on one page.
PROBE_CHARS = 40
# A short line that trafilatura's text holds is matched to every copy of it on the page (in_trafilatura reads
# text, not places): outside the article, a line of at most REPEATED_MAX_WORDS words that links somewhere (a
# label such as 'From the section US & Canada', not a sentence) and that the page shows REPEATED_MIN_COPIES times
# or more (around the article, on its teasers) is a label of the page's furniture. Plain lines shown twice are
# not: on trafilatura-eval a title and its breadcrumb, a comparison's 'At a Glance' and its rows outside the
# container are article text (4 pages lost a 'with' segment when any copy counted).
REPEATED_MAX_WORDS = 8
REPEATED_MIN_COPIES = 3
# Blocks that say something of their own: a heading or a paragraph inside a box named as a caption, itself not
# named so and in no <figcaption>, is the article's when an image's alt text repeats it word for word (a lead
# image whose alt copies the standfirst): the alt was written from the article. A paragraph named as the caption
# ('wp-caption-text') or inside a <figcaption> stays one (on wcxb-dev and trafilatura-eval such paragraphs
# repeating their image's alt are captions).
OWN_TEXT_TAGS = HEADINGS | {"p"}
# Furniture concepts that drop a block, and the label and rule id each one gives.
DROP = {
    "nav": ("dom.nav", Label.BOILERPLATE, "inside a navigation element"),
    "related": ("dom.related", Label.BOILERPLATE, "inside a related / teaser / sidebar element"),
    "ad": ("dom.ad", Label.BOILERPLATE, "inside an advertisement element"),
    "newsletter": ("dom.newsletter", Label.BOILERPLATE, "inside a newsletter / subscription element"),
    "share": ("dom.share", Label.BOILERPLATE, "inside a share / social element"),
    "audio": ("dom.audio", Label.BOILERPLATE, "inside an audio / text-to-speech player"),
    "comments": ("dom.comments", Label.BOILERPLATE, "inside the comments section"),
    "footer": ("dom.footer", Label.BOILERPLATE, "inside a footer element"),
    "bio": ("dom.bio", Label.METADATA, "author bio element: moved to metadata"),
    "caption": ("dom.caption", Label.METADATA, "image caption / credit element: moved to metadata"),
    "meta": ("dom.meta", Label.METADATA, "byline / date / tags element: moved to metadata"),
}


# The other rule ids this stage gives, with their reasons; with DROP, the rule catalogue lists them.
OWN_RULES = {
    "dom.link_list": "block is almost all link text",
    "dom.recovered": "plain text inside the article container",
    "dom.prose_nearby": "prose paragraph beside the article container, or inside it past trafilatura's text",
    "dom.outside": "outside the article and not kept by trafilatura",
    "dom.title": "the page title: moved to metadata",
    "dom.link_only": "link-only block inside the article (a teaser or a link list), not kept by trafilatura",
    "dom.linked_title": "short emphasised link inside the article (a title the text discusses, as <strong><a>)",
    "dom.repeated": "short linked line shown three times or more on the page, outside the article (a section label)",
    "dom.orphan_heading": "heading of a box whose links were left out (a 'read also' box, a table of contents)",
    "dom.lead": "the article's lead: a prose paragraph between its heading and the body trafilatura kept",
}


DROP_ORDER = tuple(DROP)


@dataclass
class Choice:
    """The fusion's decision on one DOM block: kept or not, by which rule, why."""

    keep: bool
    rule: str
    reason: str
    label: Label = Label.BODY
    in_trafilatura: bool = False


def _norm(text: str) -> str:
    return " ".join(text.split())


def in_trafilatura(blocks: list[DomBlock], traf_text: str) -> list[bool]:
    """Which blocks trafilatura kept: a whole line of its output, or (when long) inside its text
    (whitespace collapsed, so lines split or joined differently still match), or a long block whose
    start or end trafilatura kept (it cuts paragraphs at inline widgets and teaser ellipses)."""
    lines = {_norm(line) for line in split_lines(traf_text) if line.strip()}
    whole = _norm(traf_text)
    out = []
    for b in blocks:
        t = b.text  # collapsed already (DomBlock.text)
        if len(t) >= 2 * PROBE_CHARS:  # a long block inside the text has its start there too: the start is
            # searched for, not the whole block as well (one search of the text fewer for a block not in it)
            out.append(t in lines or t[:PROBE_CHARS] in whole or t[-PROBE_CHARS:] in whole)
        else:
            out.append(t in lines or (len(t) >= MIN_SUBSTRING_CHARS and t in whole))
    return out


@dataclass
class Layout:
    """Where trafilatura's text sits in the tree: kept characters per element, and the container."""

    page: Page
    kept_sums: list[int]
    """Running sums of the kept blocks' characters (as Page.char_sums; a block not kept adds 0)."""
    total: int
    container: object | None
    depth: int
    spine: tuple
    """The elements from the root down to the container."""
    named_at: dict[int, frozenset[str]] = field(default_factory=dict, repr=False)
    """named()'s answer per ancestor element, by id() (an element's answer is the same for every block under it)."""
    furniture_at: dict[int, frozenset[str]] = field(default_factory=dict, repr=False)
    """Each ancestor's part of furniture()'s answer, by id() as named_at."""

    def shared_depth(self, chain: tuple) -> int:
        """How many elements from the root a block's chain shares with the container's spine.

        Furniture names on those shared ancestors (a <body class="has-sidebar">) say nothing about
        the block, so only the ancestors below the shared part count.
        """
        n = 0
        for a, b in zip(chain, self.spine):
            if a is not b:
                break
            n += 1
        return n

    def furniture(self, block: DomBlock, below: int) -> frozenset[str]:
        """Furniture concepts of the block's ancestors deeper than `below` that hold little kept text.

        An element holding FURNITURE_MAX_SHARE or more of what trafilatura kept is the article's
        wrapper whatever its class says (a podcast page inside an 'audio-player' div).
        """
        found: frozenset[str] = frozenset()
        for d, names in block.marks:
            if d <= below:
                continue
            key = id(block.chain[d - 1])
            own = self.furniture_at.get(key)
            if own is None:
                span = self.page.spans[key]  # the block lies under it
                kept = self.kept_sums[span.end] - self.kept_sums[span.first]
                little = not self.total or kept < FURNITURE_MAX_SHARE * self.total
                own = self.furniture_at[key] = self.named(block, d, names) if little else frozenset()
            found |= own
        return found

    def named(self, block: DomBlock, d: int, names: frozenset[str]) -> frozenset[str]:
        """The concepts of the block's ancestor at depth `d`, less the short ones when it wraps much text."""
        key = id(block.chain[d - 1])
        found = self.named_at.get(key)
        if found is None:
            span = self.page.spans[key]
            wrapper = self.page.chars_under(span) - self.page.links_under(span) >= WRAPPER_PLAIN_CHARS
            found = self.named_at[key] = names - SHORT_CONCEPTS if wrapper else names
        return found


def layout(page: Page, kept: list[bool]) -> Layout:
    """Kept text per element, and the deepest element holding CONTAINER_SHARE of it (elements holding that
    share are nested: the deepest is the one closest around the text)."""
    kept_sums = list(accumulate((len(b.text) if k else 0 for b, k in zip(page.blocks, kept)), initial=0))
    total = kept_sums[-1]
    found = max((s for s in page.spans.values() if kept_sums[s.end] - kept_sums[s.first] >= CONTAINER_SHARE * total),
                key=lambda s: s.depth, default=None) if total else None
    if found is None:
        return Layout(page, kept_sums, total, None, 0, ())
    return Layout(page, kept_sums, total, found.element, found.depth, page.blocks[found.first].chain[:found.depth])


def choose(page: Page, kept: list[bool], where: Layout) -> list[Choice]:
    """Keep or drop every block from trafilatura's choice and the block's DOM facts."""
    kept_at = [i for i, k in enumerate(kept) if k]
    first, last = (kept_at[0], kept_at[-1]) if kept_at else (0, -1)
    copies = Counter(b.text for b in page.blocks if b.words <= REPEATED_MAX_WORDS)
    choices = []
    for i, b in enumerate(page.blocks):
        shared = where.shared_depth(b.chain)
        inside = where.container is not None and shared >= where.depth
        concepts = where.furniture(b, where.depth if inside else shared)
        if "caption" in concepts and b.tag in OWN_TEXT_TAGS and standfirst(b, page):
            concepts = concepts - {"caption"}
        hit = next((c for c in DROP_ORDER if c in concepts), None) if concepts else None
        if hit is not None and (kept[i] or inside):
            rule, label, reason = DROP[hit]
            choices.append(Choice(False, rule, reason, label, kept[i]))
        elif b.link_density >= LINK_LIST_DENSITY and b.words > 0 and (kept[i] or (inside and first <= i <= last)):
            if inside and linked_title(b):
                choices.append(Choice(True, "dom.linked_title", OWN_RULES["dom.linked_title"], in_trafilatura=kept[i]))
            elif kept[i]:
                choices.append(Choice(False, "dom.link_list", OWN_RULES["dom.link_list"], Label.BOILERPLATE, True))
            else:
                choices.append(Choice(False, "dom.link_only", OWN_RULES["dom.link_only"], Label.BOILERPLATE))
        elif (kept[i] and not inside and b.link_chars and b.words <= REPEATED_MAX_WORDS
              and copies[b.text] >= REPEATED_MIN_COPIES):
            choices.append(Choice(False, "dom.repeated", OWN_RULES["dom.repeated"], Label.BOILERPLATE, True))
        elif kept[i]:
            choices.append(Choice(True, "trafilatura", "kept by trafilatura", in_trafilatura=True))
        elif inside and first <= i <= last and b.link_density <= RECOVER_MAX_LINK_DENSITY:
            choices.append(Choice(True, "dom.recovered", OWN_RULES["dom.recovered"]))
        elif (hit is None and (inside or where.depth - REGION_UP <= shared) and len(b.text) >= PROSE_CHARS
              and b.link_density <= RECOVER_MAX_LINK_DENSITY):
            choices.append(Choice(True, "dom.prose_nearby", OWN_RULES["dom.prose_nearby"]))
        else:
            choices.append(Choice(False, "dom.outside", OWN_RULES["dom.outside"], Label.BOILERPLATE))
    _fill_gaps(page, where, choices)
    _lead(page, where, choices)
    return choices


def standfirst(block: DomBlock, page: Page) -> bool:
    """Whether a heading or paragraph in a caption box is the article's own text: its element is not named as a
    caption, it sits in no <figcaption>, and an image's alt text repeats it."""
    own = block.chain[dom_score.block_element(block.chain)] if block.chain else None
    return (own is not None and "caption" not in element_concepts(own)
            and not any(el.tag == "figcaption" for el in block.chain) and block.text.casefold() in alt_texts(page))


def alt_texts(page: Page) -> frozenset[str]:
    """The alt texts of the page's images, whitespace collapsed and casefolded (read once per page)."""
    if page.alts is None:
        page.alts = frozenset(_norm(img.get("alt") or "").casefold() for img in page.tree.iter("img")) - {""}
    return page.alts


# A linked title is short: a book or film title, not a sentence.
LINKED_TITLE_WORDS = 12
_EMPHASIS = ("strong", "b", "em")


def linked_title(block: DomBlock) -> bool:
    """Whether a link-only block is an emphasised title (<strong><a>...</a></strong>, <a><b>...</b></a>)
    rather than a teaser or a link list: short, not a list item, its whole text inside the emphasis."""
    if block.words > LINKED_TITLE_WORDS or block.tag == "li" or not block.chain:
        return False
    el = block.chain[dom_score.block_element(block.chain)]
    for e in el.iter(*_EMPHASIS):
        if _norm(e.text_content()) == block.text:
            parent = e.getparent()
            if e.find(".//a") is not None or (parent is not None and parent.tag == "a"):
                return True
    return False


def _fill_gaps(page: Page, where: Layout, choices: list[Choice]) -> None:
    """Short blocks (subheadings, list items) between two recovered prose paragraphs belong with them."""
    recovered = [i for i, c in enumerate(choices) if c.rule == "dom.prose_nearby"]
    for a, b in zip(recovered, recovered[1:]):
        if b - a - 1 > MAX_GAP_BLOCKS:
            continue
        for i in range(a + 1, b):
            block = page.blocks[i]
            if (choices[i].rule == "dom.outside" and block.link_density <= RECOVER_MAX_LINK_DENSITY
                    and not where.furniture(block, where.shared_depth(block.chain))):
                choices[i] = Choice(True, "dom.prose_nearby", "short block between recovered prose paragraphs")


# The lead (standfirst) of an article often sits in a box of its own between the headline and the body (class
# 'intro', 'abstract', 'teaser-text'), above the container trafilatura's text gives. Looking back from the body's first
# kept block that is no heading, over at most LEAD_WINDOW blocks, a plain prose paragraph of LEAD_MIN_WORDS words or
# more is the lead when a headline (LEAD_HEADINGS) sits above it, at most LEAD_GAP short blocks up (a kicker, a date,
# a byline, share counters), and only short blocks (a byline, a date, share buttons, a caption) lie between it and the
# body. A longer block of another kind ends the look (a teaser, a menu's blurb), and so does a paragraph under a label
# ('Summary:', 'Beschreibung:'): a field of a box of facts about the page, not its lead. First choices, not tuned.
LEAD_WINDOW = 12
LEAD_MIN_WORDS = 12
LEAD_GAP = 5
LEAD_HEADINGS = frozenset({"h1", "h2"})


def _lead(page: Page, where: Layout, choices: list[Choice]) -> None:
    """Keep the lead paragraphs above the body (rule dom.lead) when a heading sits above them."""
    first = next((i for i, c in enumerate(choices) if c.keep and page.blocks[i].tag not in HEADINGS), None)
    if first is None:
        return
    found: list[int] = []
    for i in range(first - 1, max(-1, first - 1 - LEAD_WINDOW), -1):
        b, c = page.blocks[i], choices[i]
        if b.tag in LEAD_HEADINGS:
            if found and found[-1] - i - 1 > LEAD_GAP:
                return
            break
        if c.keep:
            return
        if b.words < LEAD_MIN_WORDS:
            continue
        if (c.rule != "dom.outside" or b.tag in HEADINGS or b.list_item or b.link_density > RECOVER_MAX_LINK_DENSITY
                or where.furniture(b, where.shared_depth(b.chain)) or not is_prose(b.text)
                or (i and page.blocks[i - 1].text.endswith(":"))):
            return
        found.append(i)
    else:
        return
    reason = OWN_RULES["dom.lead"]
    for i in found:
        choices[i] = Choice(True, "dom.lead", reason)


# A heading of a box of links: on an article, a kept heading (or a short line of at most HEADING_WORDS words with no
# stop, a label written as a paragraph) right before a dropped block, where the smallest element holding both holds
# nothing else but ORPHAN_MIN_LINKS or more blocks with ORPHAN_LINK_DENSITY of link text (Readability's bound for a
# paragraph that is navigation), none kept: the box's links were left out, its heading ('Read also', 'Contents',
# 'Explore further') says nothing alone. A heading over one link (a product's 'Visit website' button) or over text of
# its own heads a section. Never an <h1>: the page's headline, which mark_title reads. On other page types a heading
# over links heads the page's own cards and entries (on wcxb-dev's training pages, other types lost as much gold text
# as boilerplate to the rule).
HEADING_WORDS = 6
ORPHAN_LINK_DENSITY = 0.5
ORPHAN_MIN_LINKS = 2
_STOPS = (".", "!", "?", ";", ",")


def _heading_like(block: DomBlock) -> bool:
    """A heading other than the headline, or a short line with no stop (a label written as a paragraph)."""
    return block.tag != "h1" and (block.tag in HEADINGS
                                  or (block.words <= HEADING_WORDS and not block.text.endswith(_STOPS)))


def _link_box(page: Page, choices: list[Choice], i: int) -> bool:
    """Whether the smallest element holding block i and the next holds nothing but them and other dropped link
    blocks, ORPHAN_MIN_LINKS of them or more."""
    b, nxt = page.blocks[i], page.blocks[i + 1]
    depth = 0
    for x, y in zip(b.chain, nxt.chain):
        if x is not y:
            break
        depth += 1
    span = page.spans.get(id(b.chain[depth - 1])) if depth else None
    if span is None:
        return False
    links = 0
    for j in range(span.first, span.end):
        if j == i:
            continue
        if choices[j].keep or page.blocks[j].link_density < ORPHAN_LINK_DENSITY:
            return False
        links += 1
    return links >= ORPHAN_MIN_LINKS


def orphan_headings(page: Page, choices: list[Choice], page_type: str | None) -> None:
    """On an article, drop the kept headings of boxes whose links were all left out (rule dom.orphan_heading)."""
    if page_type != "article":
        return
    blocks = page.blocks
    for i in range(len(blocks) - 1):
        c = choices[i]
        if (c.keep and not choices[i + 1].keep and blocks[i + 1].link_density >= ORPHAN_LINK_DENSITY
                and _heading_like(blocks[i]) and _link_box(page, choices, i)):
            choices[i] = Choice(False, "dom.orphan_heading", OWN_RULES["dom.orphan_heading"], Label.BOILERPLATE,
                                c.in_trafilatura)
