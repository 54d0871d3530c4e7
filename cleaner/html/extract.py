"""HTML to body text by fusing signals: trafilatura's extraction, DOM facts per block, then (in the
pipeline) cleaner's own text rules over the fused blocks.

The page is parsed once (bounded in size and depth); trafilatura runs once on that tree; each DOM
block is kept or dropped here with a rule id and a reason, like every other decision in cleaner.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from ..document import NO_ARTICLE, Block, Label, Metadata, Removed
from . import dom_score
from .dom import HEADINGS, LIBXML_MAX_DEPTH, DomBlock, Page, parse, walk
from ..text.features import compute
from .metadata import page_metadata
from ..text.rules.lines import BylineRule

for _name in ("trafilatura", "htmldate", "courlan", "justext", "readability"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)

# trafilatura runs once, without its fallback extractors (fast): the DOM recovery and the fallback chain
# below do their job in less time (dev runs: fast + recovery scored F1 0.951 / 0.923 on Readability /
# trafilatura-eval, against 0.947 / 0.922 with the default setting before the recovery, in about half the
# time). Retrying with trafilatura's fallbacks when fast found little duplicated the chain: without the
# retry wcxb-dev and Readability scored the same (0.808 / 0.950).
TRAFILATURA_SETTING: dict[str, bool] = {"fast": True}
# Bounds that keep one page from stalling a run. The largest page of the two development corpora
# is 1.6 MB; trafilatura's own default file-size cap is 20 MB. 8M characters and 200k elements leave
# a wide margin above real article pages while bounding parse and walk time (both linear in size).
MAX_HTML_CHARS = 8_000_000
MAX_ELEMENTS = 200_000
_START_TAG = re.compile(r"<[A-Za-z]")  # an upper bound of the elements a page can parse into
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
# Prose beside the container (up to REGION_UP levels above it; 3 beat 2 on both corpora) that
# trafilatura missed is recovered when it has PROSE_CHARS or more: jusText's length_high (200 characters)
# marks a paragraph as long enough to judge on its own; at most MAX_GAP_BLOCKS short blocks between
# two such paragraphs come along (a subheading and a caption, or a short list).
REGION_UP = 3
PROSE_CHARS = 200
MAX_GAP_BLOCKS = 3
# A kept block shorter than this is matched to trafilatura's output only as a whole line (short
# strings occur inside longer lines by chance).
MIN_SUBSTRING_CHARS = 25
# A long block counts as kept when its first or last PROBE_CHARS characters are in trafilatura's text:
# 40 characters (6-8 words) rarely recur by chance on one page.
PROBE_CHARS = 40
# The title is looked for among the kept blocks before the first paragraph of this many words (a
# body sentence; see PROSE_MIN_WORDS in features.py for the same reading of news prose).
TITLE_SEARCH_WORDS = 8
_TITLE_SEPARATORS = re.compile(r"\s+(?:[|:·•»]|[-–—]{1,2}|::)\s+")
# Text rules that the DOM answers better on HTML: which line is the title (the <h1> that repeats the
# page title) and whether a repeated paragraph is page furniture (the DOM says where it sits).
TEXT_RULES_OFF = ("meta.title", "meta.section", "repeated")
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
    "dom.prose_nearby": "prose paragraph beside the article container",
    "dom.outside": "outside the article and not kept by trafilatura",
    "dom.title": "the page title: moved to metadata",
    "dom.link_only": "link-only block inside the article (a teaser or a link list), not kept by trafilatura",
    "dom.linked_title": "short emphasised link inside the article (a title the text discusses, as <strong><a>)",
}
# The fallback chain: when cleaner's own body is tiny, or the readability-style scorer finds all of it and
# more, the page's structure gave no confident answer and the best candidate body is used instead; each
# way out is a rule, so `explain` says which path the body came from. Thresholds below are first choices,
# not tuned; the structural choices made on data (trafilatura's text as it is; no "the scorer's node holds
# 3 times more" override; no trafilatura retry) gained on wcxb-dev sites of folds 0-2 and on folds 3-4 alike
# (benchmarks/results/issue13-html.md).
FALLBACK_RULES = {
    "dom.fusion": "the body is cleaner's own: trafilatura's choice refined by DOM facts (no fallback needed)",
    "dom.fallback_trafilatura": "cleaner's own body was empty or tiny: trafilatura's body used instead",
    "dom.fallback_readability": "cleaner's own body was empty or tiny, or the readability-style scorer's article "
                                "node holds all of it and more: that node's text used instead",
    "dom.fallback_trafilatura_text": "cleaner's own body was empty or tiny and trafilatura's text holds far more than "
                                     "any body made of the page's blocks: trafilatura's text used as it is",
    "dom.not_readability": "outside the readability-style scorer's article node (the body came from it)",
    "dom.fallback_text": "no DOM path found a body: the page's text dump was cleaned as text instead",
}
OWN_RULES.update(FALLBACK_RULES)
# Own body smaller than this many prose words is tiny: shorter than the shortest news brief (about
# 50 words), as "Skip to content" or a lone date line. A first choice, not tuned.
TINY_WORDS = 50
# A scorer's body that holds all of the own body and EXTEND_RATIO times its prose replaces it (the scorer
# agrees on the article and finds more of it). A first choice, not tuned.
EXTEND_RATIO = 1.5
# The scorer's node extends a confident own body only when its paragraphs sit together: MIN_DENSITY
# points per 1,000 characters (an article's paragraphs give 15-20 at their parent; a front page of teasers
# spread over nested boxes gives 2-4). A first choice, not tuned.
MIN_DENSITY = 8.0
# trafilatura's text itself is the body when the own body is tiny and the text holds RAW_RATIO times the
# words of every block-made candidate: its lines then match no block of ours (hidden markup trafilatura
# reads, text split differently), so no block-made body can hold it. A first choice, not tuned.
RAW_RATIO = 2.0
# Between the two alternatives trafilatura wins unless the scorer's node holds clearly more prose:
# trafilatura's choice is the more precise one on the development corpora.
TRAFILATURA_PREFERENCE = 0.8
# A block with this share of link text or more does not count as prose when candidate bodies are
# weighed (Readability's link-density bound for a paragraph).
PROSE_MAX_LINK_DENSITY = 0.5


def rule_ids() -> dict[str, str]:
    """Every rule id the HTML stage can report, with its reason."""
    return {**{rule: reason for rule, _, reason in DROP.values()}, **OWN_RULES}
DROP_ORDER = tuple(DROP)


@dataclass
class Choice:
    """The fusion's decision on one DOM block: kept or not, by which rule, why."""

    keep: bool
    rule: str
    reason: str
    label: Label = Label.BODY
    in_trafilatura: bool = False


@dataclass
class HtmlExtraction:
    """What the HTML stage hands to the text stage: fused text, metadata, DOM removals, any error."""

    text: str
    metadata: Metadata
    removed: list[Removed] = field(default_factory=list)
    error: str | None = None
    blocks: list[DomBlock] = field(default_factory=list, repr=False)
    choices: list[Choice] = field(default_factory=list, repr=False)
    path: str = "dom.fusion"
    """The rule id of the path the body came from: the fusion or one of the fallbacks (FALLBACK_RULES)."""
    comments: str | None = None
    """The reader-comment thread, when asked for (include_comments) and the page has one."""


def _norm(text: str) -> str:
    return " ".join(text.split())


def _trafilatura(tree: object, url: str | None) -> tuple[str, object | None]:
    """trafilatura's text and document (fast setting; the fallback chain does the rest)."""
    import trafilatura

    doc = trafilatura.bare_extraction(tree, url=url, with_metadata=False, include_comments=False,
                                      include_tables=True, **TRAFILATURA_SETTING)
    return ((doc.text or "") if doc is not None else ""), doc


def in_trafilatura(blocks: list[DomBlock], traf_text: str) -> list[bool]:
    """Which blocks trafilatura kept: a whole line of its output, or (when long) inside its text
    (whitespace collapsed, so lines split or joined differently still match), or a long block whose
    start or end trafilatura kept (it cuts paragraphs at inline widgets and teaser ellipses)."""
    lines = {_norm(line) for line in traf_text.splitlines() if line.strip()}
    whole = _norm(traf_text)
    out = []
    for b in blocks:
        t = _norm(b.text)
        out.append(t in lines or (len(t) >= MIN_SUBSTRING_CHARS and t in whole)
                   or (len(t) >= 2 * PROBE_CHARS and (t[:PROBE_CHARS] in whole or t[-PROBE_CHARS:] in whole)))
    return out


@dataclass
class Layout:
    """Where trafilatura's text sits in the tree: kept characters per element, and the container."""

    weight: dict[int, int]
    """Characters of kept blocks under each element, by id() of the element."""
    plain: dict[int, int]
    """Characters outside links under each element (every block, kept or not), by id() of the element."""
    total: int
    container: object | None
    depth: int
    spine: tuple
    """The elements from the root down to the container."""

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
        found: set[str] = set()
        limit = FURNITURE_MAX_SHARE * self.total
        for d, names in block.marks:
            if d > below and (not self.total or self.weight.get(id(block.chain[d - 1]), 0) < limit):
                found |= self.named(block, d, names)
        return frozenset(found)

    def named(self, block: DomBlock, d: int, names: frozenset[str]) -> frozenset[str]:
        """The concepts of the block's ancestor at depth `d`, less the short ones when it wraps much text."""
        return names - SHORT_CONCEPTS if self.plain.get(id(block.chain[d - 1]), 0) >= WRAPPER_PLAIN_CHARS else names


def layout(page: Page, kept: list[bool]) -> Layout:
    """Kept text per element, and the deepest element holding CONTAINER_SHARE of it."""
    weight: dict[int, int] = {}
    plain: dict[int, int] = {}
    depth_of: dict[int, tuple[object, int]] = {}
    total = 0
    for b, k in zip(page.blocks, kept):
        for el in b.chain:
            plain[id(el)] = plain.get(id(el), 0) + len(b.text) - b.link_chars
        if not k:
            continue
        total += len(b.text)
        for d, el in enumerate(b.chain, start=1):
            weight[id(el)] = weight.get(id(el), 0) + len(b.text)
            depth_of[id(el)] = (el, d)
    best = max((depth_of[k] for k, w in weight.items() if w >= CONTAINER_SHARE * total),
               key=lambda e: e[1], default=(None, 0)) if total else (None, 0)
    container, depth = best
    spine: tuple = ()
    for b in page.blocks:
        if depth and len(b.chain) >= depth and b.chain[depth - 1] is container:
            spine = b.chain[:depth]
            break
    return Layout(weight, plain, total, container, depth, spine)


def choose(page: Page, kept: list[bool], where: Layout) -> list[Choice]:
    """Keep or drop every block from trafilatura's choice and the block's DOM facts."""
    kept_at = [i for i, k in enumerate(kept) if k]
    first, last = (kept_at[0], kept_at[-1]) if kept_at else (0, -1)
    choices = []
    for i, b in enumerate(page.blocks):
        shared = where.shared_depth(b.chain)
        inside = where.container is not None and shared >= where.depth
        concepts = where.furniture(b, where.depth if inside else shared)
        hit = next((c for c in DROP_ORDER if c in concepts), None)
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
        elif kept[i]:
            choices.append(Choice(True, "trafilatura", "kept by trafilatura", in_trafilatura=True))
        elif inside and first <= i <= last and b.link_density <= RECOVER_MAX_LINK_DENSITY:
            choices.append(Choice(True, "dom.recovered", OWN_RULES["dom.recovered"]))
        elif (hit is None and not inside and where.depth - REGION_UP <= shared and len(b.text) >= PROSE_CHARS
              and b.link_density <= RECOVER_MAX_LINK_DENSITY):
            choices.append(Choice(True, "dom.prose_nearby", OWN_RULES["dom.prose_nearby"]))
        else:
            choices.append(Choice(False, "dom.outside", OWN_RULES["dom.outside"], Label.BOILERPLATE))
    _fill_gaps(page, where, choices)
    return choices


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


def prose_words(blocks: list[DomBlock], choices: list[Choice]) -> int:
    """Words of the kept blocks that are mostly plain text: how much article a candidate body holds."""
    return sum(b.words for b, c in zip(blocks, choices) if c.keep and b.link_density < PROSE_MAX_LINK_DENSITY)


def trafilatura_choices(page: Page, kept: list[bool]) -> list[Choice]:
    """trafilatura's body as choices: its blocks, less the link lists; furniture names are not trusted here
    (they are what emptied cleaner's own body)."""
    out = []
    for b, k in zip(page.blocks, kept):
        if k and b.link_density >= LINK_LIST_DENSITY and b.words > 0:
            out.append(Choice(False, "dom.link_list", OWN_RULES["dom.link_list"], Label.BOILERPLATE, True))
        elif k:
            out.append(Choice(True, "dom.fallback_trafilatura", FALLBACK_RULES["dom.fallback_trafilatura"],
                              in_trafilatura=True))
        else:
            out.append(Choice(False, "dom.outside", OWN_RULES["dom.outside"], Label.BOILERPLATE))
    return out


def readability_choices(page: Page, kept: list[bool], where: Layout,
                        found: dom_score.Candidate) -> list[Choice] | None:
    """The scorer's article node as choices: its blocks less furniture below the node and link lists;
    None when the node lies in a comment thread (a thread is never taken for the article)."""
    out = []
    for b, k, inside, depth in zip(page.blocks, kept, found.inside, found.depth):
        if not inside:
            out.append(Choice(False, "dom.not_readability", FALLBACK_RULES["dom.not_readability"],
                              Label.BOILERPLATE, k))
            continue
        if any("comments" in names for d, names in b.marks if d <= depth):
            return None
        hit = next((c for c in DROP_ORDER if any(c in where.named(b, d, names) for d, names in b.marks if d > depth)),
                   None)
        if hit is not None:
            rule, label, reason = DROP[hit]
            out.append(Choice(False, rule, reason, label, k))
        elif b.link_density >= LINK_LIST_DENSITY and b.words > 0 and not linked_title(b):
            out.append(Choice(False, "dom.link_list", OWN_RULES["dom.link_list"], Label.BOILERPLATE, k))
        else:
            out.append(Choice(True, "dom.fallback_readability", FALLBACK_RULES["dom.fallback_readability"],
                              in_trafilatura=k))
    return out


def _extends(own: list[Choice], scored: list[Choice]) -> bool:
    """Whether the scorer's body holds every block of the own body: both agree on the article, the scorer
    found more of it (the other posts of a blog page, sections trafilatura cut off)."""
    return all(s.keep for o, s in zip(own, scored) if o.keep)


def fallback(page: Page, kept: list[bool], where: Layout, own: list[Choice],
             traf_text: str = "") -> tuple[list[Choice], str]:
    """cleaner's own choices, or a candidate body when the page's structure gave no confident answer;
    with the rule id of the path taken.

    Not confident: the own body is tiny (TINY_WORDS), or the readability-style scorer's node (dense enough
    to be an article, MIN_DENSITY) holds all of it and EXTEND_RATIO times its prose. Then trafilatura's
    text as it is when it holds far more than any block-made body (RAW_RATIO), else trafilatura's blocks
    unless the scorer's node holds clearly more (TRAFILATURA_PREFERENCE); a candidate replaces the own
    body only when it holds more. (A scorer's node that merely holds more than a confident own body does
    not replace it: on wcxb-dev that lost forum, listing and collection pages to the wrong node.)
    """
    own_words = prose_words(page.blocks, own)
    found = dom_score.best(page)
    scored = readability_choices(page, kept, where, found) if found is not None else None
    scored_words = prose_words(page.blocks, scored) if scored is not None else 0
    if own_words >= TINY_WORDS and (found is None or scored is None or found.density < MIN_DENSITY
                                    or not _extends(own, scored) or scored_words < EXTEND_RATIO * own_words):
        return own, "dom.fusion"
    traf = trafilatura_choices(page, kept)
    traf_words = prose_words(page.blocks, traf)
    if own_words < TINY_WORDS and len(traf_text.split()) >= max(TINY_WORDS, RAW_RATIO * max(own_words, traf_words,
                                                                                             scored_words)):
        return traf, "dom.fallback_trafilatura_text"
    if traf_words > own_words and traf_words >= TRAFILATURA_PREFERENCE * scored_words:
        return traf, "dom.fallback_trafilatura"
    if scored is not None and scored_words > own_words:
        return scored, "dom.fallback_readability"
    return own, "dom.fusion"


def mark_title(blocks: list[DomBlock], choices: list[Choice], title: str | None) -> None:
    """Move the first kept heading that repeats the page title (or a block before the body that
    does) into metadata: the DOM says which line is the title better than the text rule can."""
    wanted = _norm(title or "").casefold()
    if not wanted:
        return
    parts = {wanted, *(p.strip() for p in _TITLE_SEPARATORS.split(wanted))}
    for b, c in zip(blocks, choices):
        if not c.keep:
            continue
        text = _norm(b.text).casefold()
        if text and (text in parts or (b.tag in HEADINGS and len(text) >= MIN_SUBSTRING_CHARS and text in wanted)):
            c.keep, c.rule, c.reason, c.label = False, "dom.title", OWN_RULES["dom.title"], Label.METADATA
            return
        if b.tag not in HEADINGS and len(text.split()) >= TITLE_SEARCH_WORDS:
            return


def _facts(blocks: list[DomBlock], choices: list[Choice]) -> Metadata:
    """Metadata carried by blocks the DOM moved out of the body (caption, bio, byline)."""
    meta = Metadata()
    byline = BylineRule()
    for b, c in zip(blocks, choices):
        if c.rule == "dom.caption" and not meta.image_caption:
            meta.image_caption = b.text
        elif c.rule == "dom.bio" and not meta.author_bio and len(b.text.split()) >= 8:
            meta.author_bio = b.text
        elif c.rule == "dom.meta" and not meta.author:
            verdict = byline.evaluate(Block(0, 0, b.text, 0), compute(Block(0, 0, b.text, 0)))
            if verdict is not None and verdict.facts.get("author"):
                meta.author = verdict.facts["author"]
                meta.authors = verdict.facts.get("authors", meta.author).split("; ")
    return meta


def _text(blocks: list[DomBlock], choices: list[Choice]) -> str:
    """Kept blocks as lines; blocks of one paragraph on consecutive lines, paragraphs blank-separated."""
    out: list[str] = []
    last_para: int | None = None
    for b, c in zip(blocks, choices):
        if not c.keep:
            continue
        if last_para is not None:
            out.append("\n" if b.para == last_para else "\n\n")
        out.append(b.text)
        last_para = b.para
    return "".join(out)


def _source_line(block: DomBlock) -> int:
    """The page's source line where the block's element starts (lxml's sourceline; 1 when unknown)."""
    if not block.chain:
        return 1
    return block.chain[dom_score.block_element(block.chain)].sourceline or 1


def _element_path(block: DomBlock) -> str:
    """The block's element as a path from the root (/html/body/div[2]/p[3])."""
    if not block.chain:
        return "/"
    el = block.chain[dom_score.block_element(block.chain)]
    return el.getroottree().getpath(el)


def _removed(blocks: list[DomBlock], choices: list[Choice]) -> list[Removed]:
    """DOM removals as spans (consecutive blocks dropped by one rule form one), each with its element path,
    the page's source lines and its character offset in the page text."""
    spans: list[Removed] = []
    offset = 0
    previous = -2
    for i, (b, c) in enumerate(zip(blocks, choices)):
        start, offset = offset, offset + len(b.text) + 1
        if c.keep:
            continue
        if spans and spans[-1].rule == c.rule and previous == i - 1:
            last = spans[-1]
            spans[-1] = Removed(last.start_line, max(last.start_line, _source_line(b)), last.rule, last.reason,
                                last.text + "\n" + b.text, last.label, last.evidence, last.path, last.offset)
        else:
            line = _source_line(b)
            spans.append(Removed(line, line, c.rule, c.reason, b.text, c.label,
                                 {"tag": b.tag, "link_density": round(b.link_density, 2),
                                  "in_trafilatura": c.in_trafilatura}, _element_path(b), start))
        previous = i
    return spans


def comment_thread(blocks: list[DomBlock], choices: list[Choice]) -> str | None:
    """The text of the blocks inside a comments element that are not in the body (reply and share links
    left out), paragraphs as in the body; None when the page has none."""
    thread = [Choice(not c.keep and b.link_density < LINK_LIST_DENSITY
                     and any("comments" in names for _, names in b.marks), "dom.comments", "")
              for b, c in zip(blocks, choices)]
    return _text(blocks, thread) or None


def extract(html: str, url: str | None = None, include_comments: bool = False) -> HtmlExtraction:
    """The fused body text of an HTML page, its metadata and the DOM removals; never raises on bad HTML.
    With `include_comments`, the reader-comment thread too, apart from the body (it never enters it)."""
    if len(html) > MAX_HTML_CHARS:
        return HtmlExtraction("", Metadata(url=url), error=f"page too large: {len(html)} characters "
                                                            f"(limit {MAX_HTML_CHARS})")
    if html.count("<") > MAX_ELEMENTS and len(_START_TAG.findall(html)) > MAX_ELEMENTS:
        # Refused before parsing: lxml would spend half a minute and most of a gigabyte on it first.
        return HtmlExtraction("", Metadata(url=url), error=f"page too large: more than {MAX_ELEMENTS} elements")
    tree = parse(html)
    if tree is None:
        return HtmlExtraction("", Metadata(url=url), error="no HTML tree could be parsed")
    page = walk(tree)
    if page.depth >= LIBXML_MAX_DEPTH:
        return HtmlExtraction("", Metadata(url=url), error=f"page nested too deeply ({page.depth} levels): "
                                                            "the parser cut it short")
    if page.elements > MAX_ELEMENTS:
        return HtmlExtraction("", Metadata(url=url), error=f"page too large: {page.elements} elements "
                                                            f"(limit {MAX_ELEMENTS})")
    try:
        traf_text, doc = _trafilatura(tree, url)
    except RecursionError:
        traf_text, doc = "", None
    kept = in_trafilatura(page.blocks, traf_text)
    where = layout(page, kept)
    choices, path = fallback(page, kept, where, choose(page, kept, where), traf_text)
    meta = page_metadata(tree, doc, url)
    mark_title(page.blocks, choices, meta.title)
    meta.fill(_facts(page.blocks, choices))
    text = traf_text.strip() if path == "dom.fallback_trafilatura_text" else _text(page.blocks, choices)
    error = None if text else NO_ARTICLE
    comments = comment_thread(page.blocks, choices) if include_comments else None
    return HtmlExtraction(text, meta, _removed(page.blocks, choices), error, page.blocks, choices, path, comments)


def text_dump(html: str) -> str:
    """The page as a plain text dump (html-text, the conversion the text cleaner's dumps come from): the
    last path when no DOM path finds a body (a page the tree cuts short, an unclosed <title> or <iframe>)."""
    import html_text

    try:
        return html_text.extract_text(html, guess_layout=True)
    except (ValueError, TypeError):  # lxml refuses the document as a whole: nothing to dump
        return ""
