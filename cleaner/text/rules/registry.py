"""The list of heuristic rules, in the order they run."""
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
