"""Which lines of a clean body are headings and list items: the document's own outline, kept for Markdown.

An HTML page names them (h1-h6 and li elements that stayed in the body). A dump has lost its tags, so
a line counts as a heading when it reads as one (short, no sentence ending, see table.py),
stands as a paragraph of its own and is followed by prose: the shape a subheading keeps in a dump.
"""
from __future__ import annotations

from ..document import Block
from .table import Lines

HEADING_MAX_WORDS = 12
"""Longer lines are not taken for subheadings in a dump (a subheading is a few words)."""
ELEMENT_HEADING_MAX_WORDS = 20
"""A page's heading element with more words that reads as prose is a paragraph set in a heading (a lede,
an intro, a notice): on the wcxb-dev pages those have 21 to 68 words, and real headings up to 20 (FAQ
questions, taglines)."""


def heading_levels(blocks: list[Block], lines: Lines, keep: list[bool],
                   tagged: dict[str, int] | None = None) -> dict[int, int]:
    """Line index in the assembled body (segment.assemble) -> heading level (2-6) of its heading lines.

    `tagged` maps the text of a page's heading elements to their level (HTML); without it the
    shape of the lines decides (a dump). Prose is never a heading: neither a dump's line (see
    heading_like) nor a paragraph a page sets in an <h2> (its lede or intro, ELEMENT_HEADING_MAX_WORDS).
    """
    kept = [i for i, k in enumerate(keep) if k]
    line_of = body_lines(blocks, keep)
    out: dict[int, int] = {}
    for n, i in enumerate(kept):
        if tagged is not None:
            level = tagged.get(blocks[i].text.strip())
            if level and not (lines.prose[i] and lines.words[i] > ELEMENT_HEADING_MAX_WORDS):
                out[line_of[i]] = level
            continue
        alone = all(blocks[j].para != blocks[i].para for j in kept[max(n - 1, 0):n] + kept[n + 1:n + 2])
        follows = n + 1 < len(kept) and lines.prose[kept[n + 1]]
        if alone and follows and lines.heading[i] and lines.words[i] <= HEADING_MAX_WORDS and lines.text[i][:1].isalnum():
            out[line_of[i]] = 2
    return out


def list_lines(blocks: list[Block], keep: list[bool], items: set[str]) -> set[int]:
    """Line indexes in the assembled body of the kept blocks whose text is one of a page's list items."""
    return {line for i, line in body_lines(blocks, keep).items() if blocks[i].text.strip() in items}


def body_lines(blocks: list[Block], keep: list[bool]) -> dict[int, int]:
    """Block index -> its line index in the assembled body (segment.assemble), for every kept block."""
    line_of: dict[int, int] = {}
    previous: int | None = None
    line = 0
    for i, kept in enumerate(keep):
        if not kept:
            continue
        if previous is not None:
            line += 2 if blocks[i].para != blocks[previous].para else 1
        line_of[i] = line
        previous = i
    return line_of
