"""Run the rules over a document's blocks: context-free first, then context, keeping every verdict."""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate

from ..config import Config
from ..document import Block, Decision, Verdict
from .features import Features
from .rules.base import Context, ContextRule, LineRule, PatternRule
from .rules.patterns import concept
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
    undecided = list(range(len(blocks)))
    gated = _Gates(features)
    for rule in rules:  # rule by rule over the lines still undecided: each line still takes the first that fires
        for i in gated.candidates(rule, undecided):
            verdict = rule.evaluate(blocks[i], features[i])
            if verdict is not None and config.allows(verdict.rule):
                decisions[i].verdicts.append(verdict)
                current[i] = verdict
        undecided = [i for i in undecided if current[i] is None]
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


class _Gates:
    """Which lines a pattern rule can fire on, found for the whole document at once: no longer than its
    concept allows, and holding one of its concept's required literals (one scan of the document's
    casefolded lines per concept, as each line's own gate check would find them)."""

    def __init__(self, features: list[Features]) -> None:
        self.features = features
        self._joined: str | None = None
        self._starts: list[int] = []

    def candidates(self, rule: LineRule, lines: list[int]) -> list[int]:
        """The lines of `lines` the rule needs to see (all of them for a rule that is not a pattern)."""
        if not isinstance(rule, PatternRule):
            return lines
        found = concept(rule.concept_name)
        limit = found.max_words
        feats = self.features
        lines = [i for i in lines if feats[i].words <= limit] if limit is not None else lines
        if found.gate is None or not lines:
            return lines
        if self._joined is None:
            self._joined = "\n".join(f.folded for f in feats)
            self._starts = [0, *accumulate(len(f.folded) + 1 for f in feats[:-1])]
        starts = self._starts
        hit = {bisect_right(starts, m.start()) - 1 for m in found.gate.finditer(self._joined)}
        return [i for i in lines if i in hit]


def _revises(old: Verdict | None, new: Verdict) -> bool:
    """A later verdict replaces an earlier one only when it moves a block into metadata it explains
    better (a bio section takes over its 'View all posts' line), or when the learned model, which
    weighs a less certain rule's verdict with everything else it sees, keeps the line."""
    if old is None:
        return False
    return (old.rule == "bio.posts_link" and new.rule == "bio.section") or new.stage == "model"
