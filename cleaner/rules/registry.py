"""The list of rules, in the order they run, and the catalogue of every rule id."""
from __future__ import annotations

from .base import ContextRule, LineRule, Rule
from .context import CONTEXT_RULES
from .lines import LINE_RULES


def line_rules() -> tuple[LineRule, ...]:
    """Context-free rules, in order: the first that fires on a line decides it."""
    return LINE_RULES


def context_rules() -> tuple[ContextRule, ...]:
    """Context rules, in order: each sees what the rules before it decided."""
    return CONTEXT_RULES


def all_rules() -> tuple[Rule, ...]:
    """Every heuristic rule."""
    return (*LINE_RULES, *CONTEXT_RULES)


def catalogue() -> dict[str, str]:
    """Every rule id the heuristic rules can emit, with its reason; ids are unique."""
    ids: dict[str, str] = {}
    for rule in all_rules():
        for rule_id, reason in rule.ids().items():
            if rule_id in ids:
                raise ValueError(f"rule id {rule_id!r} is used twice")
            ids[rule_id] = reason
    return ids
