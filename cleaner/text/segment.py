"""Split a dump into blocks: one block per non-empty line, numbered, grouped into paragraphs.

A line ends at \\n, \\r\\n or \\r and nowhere else: every line number in cleaner (a removed span, a
`check` finding, a line `--fix` removes, a report) counts lines with split_lines. str.splitlines also
breaks at U+2028, U+2029, U+0085, \\v, \\f and \\x1c-\\x1e, which a JSONL record's text may hold inside a
paragraph; inside a line they are spaces: a block's text (what the rules read and the body keeps) has
a space in their place.
"""
from __future__ import annotations

import re

from ..document import Block

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")
INLINE_BREAKS = re.compile("[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
"""The characters str.splitlines breaks lines at that a line holds as spaces."""


def split_lines(text: str, keepends: bool = False) -> list[str]:
    """The lines of `text`, as str.splitlines gives them but broken at \\n, \\r\\n and \\r only."""
    if keepends:
        return _LINE.findall(text)
    lines = (text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text).split("\n")
    return lines[:-1] if not lines[-1] else lines  # a final line break (or no text) ends no further line


def segment(text: str) -> list[Block]:
    """Blocks of `text`: every non-empty line with its 1-based line number and paragraph number.

    Blank lines separate paragraphs; a dump without blank lines (every line its own block)
    works the same way, with all lines in one paragraph run.
    """
    blocks: list[Block] = []
    para = 0
    blank = True
    breaks = INLINE_BREAKS.search(text) is not None  # looked for line by line only in a text that has one
    for line_no, line in enumerate(split_lines(text), start=1):
        line = line.rstrip()
        if not line:
            blank = True
            continue
        if blank and blocks:
            para += 1
        if breaks and INLINE_BREAKS.search(line):
            line = INLINE_BREAKS.sub(" ", line)  # (the line ends in a character that is no space: it stays)
        blocks.append(Block(len(blocks), line_no, line, para, blank and bool(blocks)))
        blank = False
    return blocks


def assemble(blocks: list[Block], keep: list[bool]) -> str:
    """The text of the kept blocks, with a blank line wherever the input had one between them.

    Lines are kept as they were (trailing whitespace trimmed), so clean input comes back as it was.
    """
    out: list[str] = []
    last_para: int | None = None
    for block, kept in zip(blocks, keep):
        if not kept:
            continue
        if last_para is not None:
            out.append("\n\n" if block.para != last_para else "\n")
        out.append(block.text)
        last_para = block.para
    return "".join(out)


def reflow(blocks: list[Block], kept: list[int]) -> list[Block] | None:
    """The blocks `segment(assemble(blocks, keep))` gives for the kept blocks `kept`, without the text's
    round trip: numbered and grouped as in the cleaned text. None when a kept block is blank (a line
    that held only a noqa marker), which the cleaned text would lose."""
    out: list[Block] = []
    line_no, para = 0, 0
    last = None  # the paragraph of the block before
    for n, i in enumerate(kept):
        block = blocks[i]
        text = block.text
        if not text or text.isspace():
            return None
        new_para = last is not None and block.para != last
        last = block.para
        line_no += 2 if new_para else 1
        para += new_para
        out.append(Block(n, line_no, text.rstrip(), para, new_para))
    return out
