"""Tables of contents: a run of short lines that names, in order, section headings the document prints
further down ('1 Background', '1.1 Early years', '2 Reception', then 'Background' over its text).

The evidence is the document's own structure, in any language: each entry echoes a later heading (section
numbers aside), the headings come in the entries' order, all of them stand below the run, and text stands
between them. A 'Contents' line just above the run (data/patterns.toml: toc_heading) goes with it.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable

from ...document import Verdict
from ..table import Lines
from .base import Context, ContextRule

# Fewer entries than this are no table (two echoed headings can be a lead's summary).
MIN_ENTRIES = 3
# Lines per section, on average, from the first heading to the last: sections hold text, while a passage
# printed twice (wrapped lines of prose, a list) has its "headings" one under the other.
MIN_SECTION_LINES = 2
# A section number before an entry or a heading: '1', '1.2', '2.', 'IV.'
_NUMBER = re.compile(r"^(?:\d+(?:\.\d+)*\.?|[ivxlc]+\.)\s+")
# A record's field: a short label, a colon, a value ('Play time: 2 hours', '- Processor: Intel Core i5').
_FIELD = re.compile(r"^[-–•*]?\s*(?P<label>[^:]{1,30}):\s*\S")


class TableOfContentsRule(ContextRule):
    """A run of lines whose entries are, in order, the document's later section headings."""

    id = "nav.toc"
    reason = "table of contents: a run of lines naming, in order, the section headings printed below it"

    def evaluate(self, ctx: Context) -> dict[int, Verdict]:
        lines = ctx.lines
        taken = ctx.taken
        keys = {i: key for i, key in _of_lines(lines, "toc.keys", _heading_keys).items() if not taken[i]}
        if _repeated(keys) < MIN_ENTRIES:  # most documents: fewer repeated headings than entries
            return {}
        fields = _record_fields(lines)  # (read only here: leaving them out can only lower the count above)
        keys = {i: key for i, key in keys.items() if i not in fields}
        if _repeated(keys) < MIN_ENTRIES:
            return {}
        heads = list(keys)
        where: dict[str, list[int]] = defaultdict(list)
        for i, key in keys.items():
            if key:
                where[key].append(i)
        if sum(len(found) > 1 for found in where.values()) < MIN_ENTRIES:  # fewer headings echoed than entries
            return {}
        out: dict[int, Verdict] = {}
        for i in heads:
            echoes = where.get(keys[i])
            if i in out or not echoes or echoes[-1] <= i:  # (no heading below echoes it: no run starts here)
                continue
            run, targets = _run(ctx, keys, where, i)
            if len(run) >= MIN_ENTRIES and targets[-1] - targets[0] >= MIN_SECTION_LINES * (len(run) - 1):
                start = run[0] - 1 if run[0] > 0 and lines.has("toc_heading", run[0] - 1) else run[0]
                verdict = self.verdict({"entries": len(run), "first_heading_line": ctx.blocks[targets[0]].line_no})
                for k in range(start, run[-1] + 1):
                    out[k] = verdict
        return out


def _repeated(keys: dict[int, str]) -> int:
    """How many of the headings' keys repeat one before them."""
    named = [key for key in keys.values() if key]
    return len(named) - len(set(named))


def _of_lines(lines: Lines, name: str, compute: Callable[[Lines], dict[int, str]]) -> dict[int, str]:
    """What `compute` gives per line of the whole document (once, kept with its table), numbered as `lines` number
    them: a settle round's view reads its document's, as the value holds of a line's text alone."""
    top, index = lines.root()
    found = top.computed(name, compute)
    return found if top is lines else {k: found[i] for k, i in enumerate(index) if i in found}


def _heading_keys(lines: Lines) -> dict[int, str]:
    """The key of each heading line of a table, in line order (what holds of a line's text alone: a settle
    round's view reads its document's)."""
    folded = lines.folded
    return {i: _key(folded[i]) for i, heading in enumerate(lines.heading) if heading}


def _field_labels(lines: Lines) -> dict[int, str]:
    """The label of each line that reads as a record's field ('Processor: Intel Core i5'), in line order."""
    at: dict[int, str] = {}
    for i, text in enumerate(lines.folded):
        if ":" in text[:32] and (found := _FIELD.match(text)):
            at[i] = found["label"].strip()
    return at


def _record_fields(lines: Lines) -> set[int]:
    """Lines that are fields of repeated records: their label ('player count:', 'processor:') opens other
    lines with another value. A product's or a company's fact box repeats its fields, which echo each other
    as no table of contents does; a heading's 'Chapter 1: …' differs in its label."""
    at = _of_lines(lines, "toc.fields", _field_labels)
    folded = lines.folded
    by_label: dict[str, set[str]] = defaultdict(set)
    for i, label in at.items():
        by_label[label].add(folded[i])
    return {i for i, label in at.items() if len(by_label[label]) > 1}


def _key(folded: str) -> str:
    """A heading as an entry names it: casefolded, without its section number."""
    return _NUMBER.sub("", folded, count=1) if folded[:1].isdigit() or folded[:1] in "ivxlc" else folded


def _run(ctx: Context, keys: dict[int, str], where: dict[str, list[int]],
         start: int) -> tuple[list[int], list[int]]:
    """The lines from `start`, above the first heading they echo, that each echo a later heading than the
    line before did (so a run is never longer than its distance to its first heading)."""
    heading, taken = ctx.lines.heading, ctx.taken
    run: list[int] = []
    targets: list[int] = []
    i = start
    while i < len(heading) and heading[i] and not taken[i] and (not targets or i < targets[0]):
        positions = where.get(keys.get(i, ""), [])  # (a record's field is no entry: it ends the run)
        at = bisect_right(positions, targets[-1] if targets else i)
        if at == len(positions):
            break
        run.append(i)
        targets.append(positions[at])
        i += 1
    return run, targets
