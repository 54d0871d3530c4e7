"""A live blog's entry stamps: the times left over once the teaser and comment rules took theirs."""
from __future__ import annotations

from ...document import Verdict
from .base import Context, ContextRule

# Two stamps at most this many lines apart (counting lines still in the body) with no sentence between them
# are a list (a teaser run, a timetable), not the stamps of live entries (an entry is at least a paragraph).
LIST_GAP = 4


class LiveStampRule(ContextRule):
    """A live blog's entry stamp on a line of its own ('Updated 18 min ago', 'Key event 2:30pm AEST', '9.01 Uhr ·
    Anna Klein', 'Pinned post'), left over by the teaser and comment rules, which read such stamps as theirs.
    Stamps listed together, with no sentence between them, are a timetable or the stamps of a teaser list
    (the teaser rules may be switched off): those stay."""

    id = "live.timestamp"
    reason = "live blog entry stamp (time of day or time ago), not article text"

    def evaluate(self, ctx: Context) -> dict[int, Verdict]:
        stamps = [i for i in ctx.lines.lines_with("live_stamp") if not ctx.decided(i)]
        listed: set[int] = set()
        for a, b in zip(stamps, stamps[1:]):
            between = [k for k in range(a + 1, b) if not ctx.decided(k)]
            if len(between) < LIST_GAP and not any(ctx.lines.prose[k] for k in between):
                listed.update((a, b))
        return {i: self.verdict({"words": ctx.lines.words[i]}) for i in stamps if i not in listed}
