"""Which lines of a clean body are headings: the document's own outline, kept for Markdown output.

An HTML page names them (h1-h6 elements that stayed in the body). A dump has lost its tags, so
a line counts as a heading when it reads as one (short, no sentence ending, see table.py),
stands as a paragraph of its own and is followed by prose: the shape a subheading keeps in a dump.
"""
from __future__ import annotations

from ..document import Block
from .table import Lines

HEADING_MAX_WORDS = 12
"""Longer lines are not taken for subheadings in a dump (a subheading is a few words)."""


def heading_levels(blocks: list[Block], lines: Lines, keep: list[bool],
                   tagged: dict[str, int] | None = None) -> dict[int, int]:
    """Line index in the assembled body (segment.assemble) -> heading level (2-6) of its heading lines.

    `tagged` maps the text of a page's heading elements to their level (HTML); without it the
    shape of the lines decides (a dump).
    """
    kept = [i for i, k in enumerate(keep) if k]
    line_of: dict[int, int] = {}
    line = 0
    for n, i in enumerate(kept):
        if n:
            line += 2 if blocks[i].para != blocks[kept[n - 1]].para else 1
        line_of[i] = line
    out: dict[int, int] = {}
    for n, i in enumerate(kept):
        if tagged is not None:
            level = tagged.get(blocks[i].text.strip())
            if level:
                out[line_of[i]] = level
            continue
        alone = all(blocks[j].para != blocks[i].para for j in kept[max(n - 1, 0):n] + kept[n + 1:n + 2])
        follows = n + 1 < len(kept) and lines.prose[kept[n + 1]]
        if alone and follows and lines.heading[i] and lines.words[i] <= HEADING_MAX_WORDS and lines.text[i][:1].isalnum():
            out[line_of[i]] = 2
    return out
