"""Run the rules over a document's line table: context-free first, then context, keeping every verdict."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from ..config import Config
from ..document import Decision, Label, Verdict
from .rules.base import Context, ContextRule, Rule
from .rules.registry import context_rules, final_rules, line_rules
from .table import Lines

R = TypeVar("R", bound=Rule)


def decide(lines: Lines, config: Config, later: Sequence[ContextRule] = (),
           read: Sequence[Verdict | None] | None = None) -> list[Decision]:
    """One Decision per line; `later` rules (learned model, corpus profile) run after the heuristics, and the
    final (layout) rules after them.

    A line keeps the first verdict that takes it out of the body; later stages only decide
    lines still undecided, so the explanation of every removal names one rule. Context rules that
    `settle` run a second time after the others, so that cleaning the cleaned text changes nothing.
    `read` is each line's verdict of the line rules that read its text alone (text_verdicts), when known.
    """
    stories, _ = decide_round(lines, config, later, read)
    return [Decision(story) for story in stories]


def decide_round(lines: Lines, config: Config, later: Sequence[ContextRule] = (),
                 read: Sequence[Verdict | None] | None = None) -> tuple[list[list[Verdict]], list[Verdict | None]]:
    """One round of decide(): every line's verdicts in the order given, and its last one (None: none), without
    a Decision per line (a settle round keeps the verdicts of the lines it removes only). A settle round passes
    the first round's `read` of its lines: the line rules that read a line's text alone are not asked again."""
    allows = _allows(config)
    current = list(read) if read is not None else text_verdicts(lines, config)
    placed: set[int] = set()
    for rule in _asked(line_rules(), config):
        if not rule.reads_place:
            continue
        for i in rule.candidates(lines):  # a rule reading the line's place goes first (registry): it overrides
            if i in placed:
                continue
            verdict = rule.evaluate(lines, i)
            if verdict is not None and (allows is None or allows(verdict.rule)):
                current[i] = verdict
                placed.add(i)
    stories: list[list[Verdict]] = [[] if verdict is None else [verdict] for verdict in current]
    ctx = Context(lines, current, config)
    taken = ctx.taken
    heuristics = context_rules()
    body = Label.BODY
    for rule in _asked((*heuristics, *(r for r in heuristics if r.settle), *later, *final_rules()), config):
        for i, verdict in rule.evaluate(ctx).items():  # (each line on its own: the order of lines is no matter)
            if allows is not None and not allows(verdict.rule):
                continue
            if taken[i] and not _revises(current[i], verdict):
                continue
            stories[i].append(verdict)
            current[i] = verdict
            taken[i] = verdict.label is not body
    return stories, current


def text_verdicts(lines: Lines, config: Config) -> list[Verdict | None]:
    """Each line's verdict of the line rules that read its text alone (the first of them that fires on it; a
    rule asks only its candidates). A line of the cleaned text reads the same: a settle round takes these over."""
    allows = _allows(config)
    found: list[Verdict | None] = [None] * len(lines)
    for rule in _asked(line_rules(), config):
        if rule.reads_place:
            continue
        for i in rule.candidates(lines):
            if found[i] is not None:
                continue
            verdict = rule.evaluate(lines, i)
            if verdict is not None and (allows is None or allows(verdict.rule)):
                found[i] = verdict
    return found


def _allows(config: Config) -> Callable[[str], bool] | None:
    """config.allows, or None when it allows every rule (no --select or --ignore: most runs)."""
    return config.allows if config.select or config.ignore else None


def _asked(rules: Iterable[R], config: Config) -> list[R]:
    """The rules that may give a verdict the config allows."""
    if not config.select and not config.ignore:
        return list(rules)
    return [rule for rule in rules if any(config.allows(i) for i in rule.ids())]


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
