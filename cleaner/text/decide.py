"""Run the rules over a document's line table: context-free first, then context, keeping every verdict."""
from __future__ import annotations

from collections.abc import Sequence

from ..config import Config
from ..document import Decision, Label, Verdict
from .rules.base import Context, ContextRule
from .rules.registry import context_rules, final_rules, line_rules
from .table import Lines


def decide(lines: Lines, config: Config, later: Sequence[ContextRule] = ()) -> list[Decision]:
    """One Decision per line; `later` rules (learned model, corpus profile) run after the heuristics, and the
    final (layout) rules after them.

    A line keeps the first verdict that takes it out of the body; later stages only decide
    lines still undecided, so the explanation of every removal names one rule. Context rules that
    `settle` run a second time after the others, so that cleaning the cleaned text changes nothing.
    """
    decisions = [Decision() for _ in range(len(lines))]
    current: list[Verdict | None] = [None] * len(lines)
    for rule in line_rules():  # each line takes the first rule that fires on it; a rule asks only its candidates
        if not any(config.allows(i) for i in rule.ids()):
            continue
        for i in rule.candidates(lines):
            if current[i] is not None:
                continue
            verdict = rule.evaluate(lines, i)
            if verdict is not None and config.allows(verdict.rule):
                decisions[i].verdicts.append(verdict)
                current[i] = verdict
    ctx = Context(lines, current, config)
    heuristics = context_rules()
    for rule in (*heuristics, *(r for r in heuristics if r.settle), *later, *final_rules()):
        if not any(config.allows(i) for i in rule.ids()):
            continue
        for i, verdict in sorted(rule.evaluate(ctx).items()):
            if not config.allows(verdict.rule):
                continue
            if ctx.decided(i) and not _revises(current[i], verdict):
                continue
            decisions[i].verdicts.append(verdict)
            current[i] = verdict
    return decisions


def _revises(old: Verdict | None, new: Verdict) -> bool:
    """A later verdict replaces an earlier one only when it explains the block better (a bio section takes
    over its 'View all posts' line; a comment thread takes back a date or name read from a comment, the
    lines a teaser rule read as a run of headlines and the buttons the rule of repeated lines took, a
    forum's first post its stamp), when the learned model, which weighs a less certain rule's verdict with
    everything else it sees, keeps the line, or when a layout rule keeps it for the lines around it."""
    if old is None:
        return False
    return ((old.rule == "bio.posts_link" and new.rule == "bio.section")
            or (new.rule.startswith("comments.")
                and (old.label is Label.METADATA or old.rule.startswith(("teaser.", "repeated."))))
            or new.stage in ("model", "layout"))
