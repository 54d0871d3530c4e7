"""Layout rules: lines judged by where they sit, after every other stage has spoken."""
from __future__ import annotations

from typing import ClassVar

from ...document import Label, Verdict
from .base import Context, ContextRule

KEPT, REMOVED, EDGE = "kept", "removed", "edge"


class WordlessRule(ContextRule):
    """A line without a word (a code listing's '}', a diagram's '│' or '▼', a '* * *' break, a '»' between
    menu items) goes with the worded lines around it: it says nothing a rule or the model can weigh, only its
    place tells what it belongs to. Between kept lines it stays (two listings ending in '}' are no furniture
    printed twice); between removed lines, or removed lines and the document's edge, it goes with them."""

    id = "layout.wordless"
    reason = "a line without words goes with the lines around it: kept between kept lines, removed between removed ones"
    stage: ClassVar[str] = "layout"

    def evaluate(self, ctx: Context) -> dict[int, Verdict]:
        words = ctx.lines.words
        n = len(ctx)
        out: dict[int, Verdict] = {}
        i = 0
        while i < n:
            if words[i]:
                i += 1
                continue
            end = i  # a run of wordless lines, judged by the worded lines around it
            while end + 1 < n and not words[end + 1]:
                end += 1
            sides = {_side(ctx, i - 1), _side(ctx, end + 1)}
            if sides == {KEPT}:
                for k in range(i, end + 1):
                    if ctx.decided(k):
                        out[k] = Verdict(self.id, Label.BODY, self.reason,
                                         {"between": KEPT, "removed_by": ctx.verdicts[k].rule},  # type: ignore[union-attr]
                                         self.stage)
            elif sides <= {REMOVED, EDGE} and REMOVED in sides:
                for k in range(i, end + 1):
                    if not ctx.decided(k):
                        out[k] = Verdict(self.id, Label.BOILERPLATE, self.reason, {"between": REMOVED}, self.stage)
            i = end + 1
        return out


class LoneNetworkRule(ContextRule):
    """A social network's name alone on a line ('Pinterest') that the share rule took, standing between kept lines
    of words that are no share buttons: a heading of the text over a paragraph about that network, or an entry of
    a list of services ('Discord', 'Facebook', 'Figma'). A share bar's buttons stand together, or beside a 'Share'
    label or other removed lines."""

    id = "layout.lone_network"
    reason = "a network's name alone between kept lines is a heading or list entry of the text, not a share button"
    stage: ClassVar[str] = "layout"

    def evaluate(self, ctx: Context) -> dict[int, Verdict]:
        lines = ctx.lines
        out: dict[int, Verdict] = {}
        for i in lines.lines_with("network_name"):
            verdict = ctx.verdicts[i]
            if verdict is None or verdict.rule != "social.share":
                continue
            if all(_side(ctx, k) == KEPT and lines.words[k] and not lines.has("share", k) for k in (i - 1, i + 1)):
                out[i] = Verdict(self.id, Label.BODY, self.reason, {"removed_by": verdict.rule}, self.stage)
        return out


def _side(ctx: Context, k: int) -> str:
    """Whether line k is kept, removed, or past the document's edge."""
    if not 0 <= k < len(ctx):
        return EDGE
    return REMOVED if ctx.decided(k) else KEPT
