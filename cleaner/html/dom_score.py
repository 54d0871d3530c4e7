"""A readability-style content scorer: which node of a page holds the article, judged from its text alone.

Each paragraph scores by its length and commas; the score goes to its parent (whole), grandparent
(half) and further ancestors (less), each candidate starting from a weight of its tag and class/id
words (data/dom.toml [score]). A candidate's score is scaled by the share of its text outside links;
the best one and the siblings that look like more of the same are the article. This is the idea of
Arc90's Readability, written here over the blocks of cleaner/dom.py (no second walk of the tree), to
give the HTML fusion a second opinion that does not depend on trafilatura.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from lxml.html import HtmlElement

from ..data import load_toml
from .dom import BLOCK_TAGS, Page, tokens

# Blocks that score as paragraphs: text directly in these elements (a div holding only inline text
# reads as a paragraph, as Readability turns such divs into <p>).
SCORED_TAGS = frozenset("p pre td div section article main blockquote dd font center".split())
# A paragraph shorter than this says nothing about where the article is (Readability: 25 characters).
MIN_PARAGRAPH_CHARS = 25
# One point per this many characters, at most LENGTH_POINTS_CAP points (Readability: 100 and 3).
CHARS_PER_POINT = 100
LENGTH_POINTS_CAP = 3
# How far up a paragraph's score travels, and the divider at each level (parent 1, grandparent 2,
# then 3 per level: Readability's schedule).
ANCESTOR_LEVELS = 5
# A sibling of the best node joins the article when it scores this share of the best (Readability:
# 0.2, at least 10 points), or when it is a plain paragraph of SIBLING_PARAGRAPH_CHARS characters with
# little link text, or a short one that ends a sentence and has no link text at all.
SIBLING_SHARE = 0.2
SIBLING_MIN_SCORE = 10.0
SIBLING_PARAGRAPH_CHARS = 80
SIBLING_MAX_LINK_DENSITY = 0.25
# A series of posts (a blog's front page): an ancestor of the best node, up to REPEAT_LEVELS above it
# (Blogger: post-body, post, date-posts, date-outer), whose siblings share its tag and class and hold
# SIBLING_SHARE of its paragraph points each, brings them along (Readability's same-class bonus, taken
# up the tree).
REPEAT_LEVELS = 5


@dataclass(frozen=True)
class Weights:
    """The scorer's data: class/id words for and against a node, and the starting score per tag."""

    positive: frozenset[str]
    negative: frozenset[str]
    class_weight: float
    tags: dict[str, float]


@lru_cache(maxsize=1)
def weights() -> Weights:
    """The [score] table of data/dom.toml, loaded once."""
    data = load_toml("dom.toml")["score"]
    return Weights(frozenset(data["positive"]), frozenset(data["negative"]), float(data["class_weight"]),
                   {tag: float(w) for tag, w in data["tags"].items()})


@lru_cache(maxsize=65536)
def _attribute_weight(value: str) -> float:
    w = weights()
    found = set(tokens(value))
    return (w.class_weight if found & w.positive else 0.0) - (w.class_weight if found & w.negative else 0.0)


def class_weight(el: HtmlElement) -> float:
    """Readability's class weight: +/- the class weight for a positive / negative word, in class and in id."""
    return _attribute_weight(el.get("class") or "") + _attribute_weight(el.get("id") or "")


@dataclass
class Candidate:
    """The scorer's answer: the best node, its score, and which blocks lie under the chosen nodes."""

    element: HtmlElement
    score: float
    inside: list[bool]
    """Per block of the page: whether it lies under the best node or a sibling that joined it."""
    depth: list[int]
    """Per block inside: how many elements of its chain lie above and at the chosen node (0 outside)."""
    density: float
    """The best node's score per 1,000 characters of its text: high where paragraphs sit together (an
    article), low where short texts are spread over many nested boxes (a front page of teasers)."""


def paragraph_points(text: str) -> float:
    """What one paragraph adds: 1, its commas, a point per 100 characters (at most 3)."""
    commas = text.count(",") + text.count("，") + text.count("、")
    return 1 + commas + min(len(text) // CHARS_PER_POINT, LENGTH_POINTS_CAP)


def block_element(chain: tuple) -> int:
    """Index in `chain` of the block's own element: the innermost block-level element."""
    for j in range(len(chain) - 1, -1, -1):
        if chain[j].tag in BLOCK_TAGS:
            return j
    return len(chain) - 1


def _series(top: HtmlElement, under: Callable[[HtmlElement], float], chosen: set[int]) -> None:
    """Add to `chosen` the same-tag, same-class siblings of an ancestor of `top` that hold as much prose."""
    el = top
    for _ in range(REPEAT_LEVELS):
        parent = el.getparent()
        if parent is None:
            return
        cls = el.get("class")
        if cls:
            need = SIBLING_SHARE * under(el)
            same = [s for s in parent.iterchildren(el.tag) if s is not el and s.get("class") == cls
                    and under(s) >= max(need, 1.0)]
            if same:
                chosen.update([id(el), *(id(s) for s in same)])
                return
        el = parent


def best(page: Page) -> Candidate | None:
    """The node most likely to hold the article, or None when no paragraph scores."""
    w = weights()
    spans = page.spans
    score: dict[int, float] = {}
    element: dict[int, HtmlElement] = {}
    points_of: list[float] = []
    for b in page.blocks:
        scored = b.tag in SCORED_TAGS and len(b.text) >= MIN_PARAGRAPH_CHARS and b.chain
        points = paragraph_points(b.text) if scored else 0.0
        points_of.append(points)
        if not scored:
            continue
        j = block_element(b.chain)
        for level in range(ANCESTOR_LEVELS):
            if j - 1 - level < 0:
                break
            el = b.chain[j - 1 - level]
            k = id(el)
            if k not in score:
                element[k] = el
                score[k] = w.tags.get(el.tag, 0.0) + class_weight(el)
            score[k] += points / (1 if level == 0 else 2 if level == 1 else level * 3)
    if not score:
        return None
    point_sums = list(accumulate(points_of, initial=0.0))

    def under(el: HtmlElement) -> float:
        """Paragraph points of the blocks under an element."""
        span = spans.get(id(el))
        return point_sums[span.end] - point_sums[span.first] if span else 0.0

    def final(k: int) -> float:
        span = spans[k]
        return score[k] * (1 - page.links_under(span) / max(1, page.chars_under(span)))

    top = max(score, key=final)
    top_el, top_score = element[top], final(top)
    chosen = {top}
    parent = top_el.getparent()
    if parent is not None:
        threshold = max(SIBLING_MIN_SCORE, SIBLING_SHARE * top_score)
        top_class = top_el.get("class")
        for sib in parent.iterchildren():
            k = id(sib)
            if k == top or k not in spans:
                continue
            bonus = SIBLING_SHARE * top_score if top_class and sib.get("class") == top_class else 0.0
            chars = page.chars_under(spans[k])
            density = page.links_under(spans[k]) / max(1, chars)
            if k in score and final(k) + bonus >= threshold:
                chosen.add(k)
            elif sib.tag == "p" and density < SIBLING_MAX_LINK_DENSITY and chars > SIBLING_PARAGRAPH_CHARS:
                chosen.add(k)
            elif sib.tag == "p" and density == 0 and (sib.text_content() or "").rstrip().endswith((".", "!", "?")):
                chosen.add(k)
    _series(top_el, under, chosen)
    depth = [0] * len(page.blocks)  # the outermost chosen element above each block: deepest painted first
    for span in sorted((spans[k] for k in chosen), key=lambda s: -s.depth):
        depth[span.first:span.end] = [span.depth] * (span.end - span.first)
    return Candidate(top_el, top_score, [d > 0 for d in depth], depth,
                     1000 * top_score / max(1, page.chars_under(spans[top])))
