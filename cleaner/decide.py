"""Run the rules over a document's blocks: context-free first, then context, keeping every verdict."""
from __future__ import annotations

from collections.abc import Sequence

from .config import Config
from .document import Block, Decision, Verdict
from .features import Features
from .rules.base import Context, ContextRule
from .rules.registry import context_rules, line_rules


def decide(blocks: list[Block], features: list[Features], config: Config,
           later: Sequence[ContextRule] = ()) -> list[Decision]:
    """One Decision per block; `later` rules (learned model, corpus profile) run after the heuristics.

    A block keeps the first verdict that takes it out of the body; later stages only decide
    blocks still undecided, so the explanation of every removal names one rule. Context rules that
    `settle` run a second time after the others, so that cleaning the cleaned text changes nothing.
    """
    decisions = [Decision() for _ in blocks]
    current: list[Verdict | None] = [None] * len(blocks)
    rules = [r for r in line_rules() if any(config.allows(i) for i in r.ids())]
    for i, (block, feats) in enumerate(zip(blocks, features)):
        for rule in rules:
            verdict = rule.evaluate(block, feats)
            if verdict is not None and config.allows(verdict.rule):
                decisions[i].verdicts.append(verdict)
                current[i] = verdict
                break
    ctx = Context(blocks, features, current, config)
    heuristics = context_rules()
    for rule in (*heuristics, *(r for r in heuristics if r.settle), *later):
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
    """A later verdict replaces an earlier one only when it moves a block into metadata it explains
    better (a bio section takes over its 'View all posts' line), or when the learned model, which
    weighs a less certain rule's verdict with everything else it sees, keeps the line."""
    if old is None:
        return False
    return (old.rule == "bio.posts_link" and new.rule == "bio.section") or new.stage == "model"
