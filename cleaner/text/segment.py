"""Split a dump into blocks: one block per non-empty line, numbered, grouped into paragraphs."""
from __future__ import annotations

from ..document import Block


def segment(text: str) -> list[Block]:
    """Blocks of `text`: every non-empty line with its 1-based line number and paragraph number.

    Blank lines separate paragraphs; a dump without blank lines (every line its own block)
    works the same way, with all lines in one paragraph run.
    """
    blocks: list[Block] = []
    para = 0
    blank = True
    for line_no, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            blank = True
            continue
        if blank and blocks:
            para += 1
        blocks.append(Block(len(blocks), line_no, line.rstrip(), para, blank_before=blank and bool(blocks)))
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
