"""HTML to body text by fusing signals: trafilatura's extraction, DOM facts per block, then (in the
pipeline) cleaner's own text rules over the fused blocks.

The page is parsed once (bounded in size and depth); trafilatura runs once on that tree (again with its
fallbacks where the body stopped short: fallback.stopped_short); each DOM
block is kept or dropped here with a rule id and a reason, like every other decision in cleaner.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from itertools import accumulate

from ..document import NO_ARTICLE, Block, Label, Metadata, Removed
from ..text.table import Lines
from ..text.rules.lines import BylineRule
from . import captions, dom_score, strategy
from .choose import (DROP, LINK_LIST_DENSITY, MIN_SUBSTRING_CHARS, OWN_RULES, Choice, _norm, choose, in_trafilatura,
                     layout, orphan_headings)
from .dom import HEADINGS, LIBXML_MAX_DEPTH, DomBlock, Page, parse, walk
from .fallback import FALLBACK_RULES, fallback, found_more, stopped_short
from .metadata import page_metadata
from .page_type import classify, facts
from .region import prose_run

for _name in ("trafilatura", "htmldate", "courlan", "justext", "readability"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)

# trafilatura runs once, without its fallback extractors (fast): the DOM recovery and the fallback chain
# below do their job in less time (dev runs: fast + recovery scored F1 0.951 / 0.923 on Readability /
# trafilatura-eval, against 0.947 / 0.922 with the default setting before the recovery, in about half the
# time). Retrying with trafilatura's fallbacks when fast found little duplicated the chain: without the
# retry wcxb-dev and Readability scored the same (0.808 / 0.950). The one retry left is gated by the blocks
# (fallback.stopped_short: a short body beside far more prose), on about 2% of pages.
TRAFILATURA_SETTING: dict[str, bool] = {"fast": True}
# Bounds that keep one page from stalling a run. The largest page of the two development corpora
# is 1.6 MB; trafilatura's own default file-size cap is 20 MB. 8M characters and 200k elements leave
# a wide margin above real article pages while bounding parse and walk time (both linear in size).
MAX_HTML_CHARS = 8_000_000
MAX_ELEMENTS = 200_000
_START_TAG = re.compile(r"<[A-Za-z]")  # an upper bound of the elements a page can parse into
# The title is looked for among the kept blocks before the first paragraph of this many words (a
# body sentence; see PROSE_MIN_WORDS in text/table.py for the same reading of news prose).
TITLE_SEARCH_WORDS = 8
_TITLE_SEPARATORS = re.compile(r"\s+(?:[|:·•»]|[-–—]{1,2}|::)\s+")
# Text rules that the DOM answers better on HTML: which line is the title (the <h1> that repeats the
# page title) and whether a repeated paragraph is page furniture (the DOM says where it sits).
TEXT_RULES_OFF = ("meta.title", "meta.section", "repeated")


def rule_ids() -> dict[str, str]:
    """Every rule id the HTML stage can report, with its reason."""
    return {**{rule: reason for rule, _, reason in DROP.values()}, **OWN_RULES}


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
    page_type: str | None = None
    """What the page reads as (article, forum, listing...: page_type.TYPES); its strategy chose more blocks."""


def _trafilatura(tree: object, url: str | None, full: bool = False) -> tuple[str, object | None]:
    """trafilatura's text and document: fast setting (the fallback chain does the rest); `full`, its fallbacks on."""
    import trafilatura

    setting = {"fast": False} if full else TRAFILATURA_SETTING
    doc = trafilatura.bare_extraction(tree, url=url, with_metadata=False, include_comments=False,
                                      include_tables=True, **setting)
    return ((doc.text or "") if doc is not None else ""), doc


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
    """Metadata carried by blocks the DOM moved out of the body (the first caption and its credit, bio, byline)."""
    meta = Metadata()
    byline = BylineRule()
    for b, c in zip(blocks, choices):
        if c.rule == "dom.caption" and not (meta.image_caption and meta.image_credit):
            caption, credit = captions.split(b)
            if caption and not meta.image_caption:
                meta.image_caption, meta.image_credit = caption, credit or meta.image_credit
            elif credit and not meta.image_credit:
                meta.image_credit = credit
        elif c.rule == "dom.bio" and not meta.author_bio and len(b.text.split()) >= 8:
            meta.author_bio = b.text
        elif c.rule == "dom.meta" and not meta.author:
            verdict = byline.evaluate(Lines.of([Block(0, 0, b.text, 0)]), 0)
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
    runs: list[list[int]] = []  # the blocks of each span
    for i, c in enumerate(choices):
        if c.keep:
            continue
        if runs and runs[-1][-1] == i - 1 and choices[runs[-1][0]].rule == c.rule:
            runs[-1].append(i)
        else:
            runs.append([i])
    offsets = list(accumulate((len(b.text) + 1 for b in blocks), initial=0))
    spans: list[Removed] = []
    for run in runs:  # a span's text joined once (adding each block to it copied the span's text again and again)
        b, c = blocks[run[0]], choices[run[0]]
        line = _source_line(b)
        end = max(line, _source_line(blocks[run[-1]])) if len(run) > 1 else line
        spans.append(Removed(line, end, c.rule, c.reason, "\n".join(blocks[i].text for i in run), c.label,
                             {"tag": b.tag, "link_density": round(b.link_density, 2),
                              "in_trafilatura": c.in_trafilatura}, _element_path(b), offsets[run[0]]))
    return spans


def comment_thread(blocks: list[DomBlock], choices: list[Choice]) -> str | None:
    """The text of the blocks inside a comments element that are not in the body (reply and share links
    left out), paragraphs as in the body; None when the page has none."""
    thread = [Choice(not c.keep and b.link_density < LINK_LIST_DENSITY
                     and any("comments" in names for _, names in b.marks), "dom.comments", "")
              for b, c in zip(blocks, choices)]
    return _text(blocks, thread) or None


def _full(tree: object, url: str | None, page: Page, own: list[Choice]) -> tuple[list[Choice], str]:
    """The fusion redone over trafilatura's full extraction when that finds more of the article (found_more),
    else the own body as it was; with the path's rule id. (The page-type model still reads the fast extraction's
    choice, as in its training.)"""
    try:
        full_text, _ = _trafilatura(tree, url, full=True)
    except RecursionError:
        return own, "dom.fusion"
    full_kept = in_trafilatura(page.blocks, full_text)
    full = choose(page, full_kept, layout(page, full_kept))
    if not found_more(page, own, full):
        return own, "dom.fusion"
    reason = FALLBACK_RULES["dom.fallback_trafilatura_full"]
    full = [Choice(True, "dom.fallback_trafilatura_full", reason, Label.BODY, c.in_trafilatura) if c.keep else c
            for c in full]
    return full, "dom.fallback_trafilatura_full"


def page_facts(html: str, url: str | None = None) -> dict[str, float] | None:
    """The facts the page-type model reads, from the same parse, blocks and trafilatura choice as extract()
    (what its training sees); None when the page does not parse."""
    tree = parse(html)
    if tree is None:
        return None
    page = walk(tree)
    try:
        traf_text, _ = _trafilatura(tree, url)
    except RecursionError:
        traf_text = ""
    return facts(page, in_trafilatura(page.blocks, traf_text), url)


def extract(html: str, url: str | None = None, include_comments: bool = False,
            page_type_file: str | None = None) -> HtmlExtraction:
    """The fused body text of an HTML page, its metadata and the DOM removals; never raises on bad HTML.
    With `include_comments`, the reader-comment thread too, apart from the body (it never enters it).
    The page's type (read by the model at `page_type_file`, the shipped one by default) picks a strategy."""
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
    choices, path = prose_run(page, kept, where, *fallback(page, kept, where, choose(page, kept, where), traf_text))
    if path == "dom.fusion" and stopped_short(page, choices):
        choices, path = _full(tree, url, page, choices)
    scores = classify(page, kept, url, page_type_file)
    kind = max(scores, key=scores.__getitem__)
    strategy.apply(kind, page.blocks, choices, scores)
    orphan_headings(page, choices, kind)
    meta = page_metadata(tree, doc, url)
    mark_title(page.blocks, choices, meta.title)
    meta.fill(_facts(page.blocks, choices))
    text = traf_text.strip() if path == "dom.fallback_trafilatura_text" else _text(page.blocks, choices)
    error = None if text else NO_ARTICLE
    comments = comment_thread(page.blocks, choices) if include_comments else None
    return HtmlExtraction(text, meta, _removed(page.blocks, choices), error, page.blocks, choices, path, comments,
                          kind)


def text_dump(html: str) -> str:
    """The page as a plain text dump (html-text, the conversion the text cleaner's dumps come from): the
    last path when no DOM path finds a body (a page the tree cuts short, an unclosed <title> or <iframe>)."""
    import html_text

    try:
        return html_text.extract_text(html, guess_layout=True)
    except (ValueError, TypeError):  # lxml refuses the document as a whole: nothing to dump
        return ""
