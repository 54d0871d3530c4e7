"""The fallback chain: the body to use when the fusion's own body is tiny or a candidate finds more of it."""
from __future__ import annotations

from ..document import Label
from . import dom_score
from .choose import (DROP, DROP_ORDER, LINK_LIST_DENSITY, OWN_RULES, PROSE_CHARS, RECOVER_MAX_LINK_DENSITY, Choice,
                     Layout, linked_title)
from .dom import DomBlock, Page

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
    "dom.fallback_trafilatura_full": "cleaner's own body was short while the page holds far more prose outside it: "
                                     "the fusion redone over trafilatura's full extraction (its fallbacks on), "
                                     "which holds the own body and far more",
}
# The fallbacks are paths of this stage like the fusion: OWN_RULES names them for the catalogue and `explain`.
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
# A short own body (under SHORT_WORDS words; a news brief runs to about 150) beside SHORT_RATIO times its words of
# prose left outside it (paragraphs of PROSE_CHARS characters, little link text) is an intro the fast extraction
# stopped at: trafilatura's full extraction (its readability and jusText fallbacks) is asked, on those pages only.
# On wcxb-dev's pages of site folds 1-4 the gate asks it on 24 of 1,129 pages (its fallbacks on all pages under 150
# words asked it on 141, for about the same gain); an offline replay there scored SHORT_RATIO 2, 3 and 4 alike
# (0.843-0.844, from 0.841). SHORT_WORDS is a first choice.
SHORT_WORDS = 150
SHORT_RATIO = 3.0
# The full extraction's fusion replaces the own body when it holds SHORT_RATIO times its words and keeps
# HOLD_SHARE of its blocks: it found more of the same article, not another part of the page (a forum's thread).
HOLD_SHARE = 0.8
# Between the two alternatives trafilatura wins unless the scorer's node holds clearly more prose:
# trafilatura's choice is the more precise one on the development corpora.
TRAFILATURA_PREFERENCE = 0.8
# A block with this share of link text or more does not count as prose when candidate bodies are
# weighed (Readability's link-density bound for a paragraph).
PROSE_MAX_LINK_DENSITY = 0.5


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
        below = frozenset().union(*(where.named(b, d, names) for d, names in b.marks if d > depth))
        hit = next((c for c in DROP_ORDER if c in below), None) if below else None
        if hit is not None:
            rule, label, reason = DROP[hit]
            out.append(Choice(False, rule, reason, label, k))
        elif b.link_density >= LINK_LIST_DENSITY and b.words > 0 and not linked_title(b):
            out.append(Choice(False, "dom.link_list", OWN_RULES["dom.link_list"], Label.BOILERPLATE, k))
        else:
            out.append(Choice(True, "dom.fallback_readability", FALLBACK_RULES["dom.fallback_readability"],
                              in_trafilatura=k))
    return out


def stopped_short(page: Page, own: list[Choice]) -> bool:
    """Whether the body is short (SHORT_WORDS) while the page holds SHORT_RATIO times its words of prose outside it:
    the sign that trafilatura's fast extraction kept only an intro (read from the blocks alone, at no cost)."""
    words = sum(b.words for b, c in zip(page.blocks, own) if c.keep)
    if not words or words >= SHORT_WORDS:
        return False
    outside = sum(b.words for b, c in zip(page.blocks, own) if not c.keep and len(b.text) >= PROSE_CHARS
                  and b.link_density <= RECOVER_MAX_LINK_DENSITY)
    return outside >= SHORT_RATIO * words


def found_more(page: Page, own: list[Choice], full: list[Choice]) -> bool:
    """Whether a body from trafilatura's full extraction holds SHORT_RATIO times the own body's words and
    HOLD_SHARE of its blocks: more of the same article."""
    kept = [b.words for b, c in zip(page.blocks, own) if c.keep]
    held = [b.words for b, c, f in zip(page.blocks, own, full) if c.keep and f.keep]
    more = sum(b.words for b, f in zip(page.blocks, full) if f.keep)
    return bool(kept) and more >= SHORT_RATIO * sum(kept) and sum(held) >= HOLD_SHARE * sum(kept)


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
    body only when it holds more. When no candidate keeps a block and the page's paragraphs were dropped as
    link lists (a body inside one javascript: link), trafilatura's text as it is, however short (a page of
    menus alone still has no article). (A scorer's node that merely holds more than a confident own body does
    not replace it: on wcxb-dev that lost forum, listing and collection pages to the wrong node.)
    """
    own_words = prose_words(page.blocks, own)
    found = dom_score.best(page)
    confident = own_words >= TINY_WORDS
    if confident and (found is None or found.density < MIN_DENSITY):
        return own, "dom.fusion"  # no dense node to extend the own body with: the scorer's body is not needed
    scored = readability_choices(page, kept, where, found) if found is not None else None
    scored_words = prose_words(page.blocks, scored) if scored is not None else 0
    if confident and (scored is None or not _extends(own, scored) or scored_words < EXTEND_RATIO * own_words):
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
    if traf_text.strip() and not any(c.keep for c in (*own, *traf, *(scored or ()))) and any(
            b.tag == "p" and c.rule == "dom.link_list" for b, c in zip(page.blocks, own)):
        return traf, "dom.fallback_trafilatura_text"  # paragraphs inside a link, no other body: not lost
    return own, "dom.fusion"
