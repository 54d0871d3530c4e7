"""The rule interface: a rule has a stable id, a one-line reason, and a pure evaluate()."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any, ClassVar

from ...config import Config
from ...document import Block, Label, Verdict
from ..features import Features
from .patterns import concept


@dataclass
class Context:
    """What context rules see: every block, its features, and the verdicts of earlier stages."""

    blocks: list[Block]
    features: list[Features]
    verdicts: list[Verdict | None]
    config: Config

    def __len__(self) -> int:
        return len(self.blocks)

    def decided(self, i: int) -> bool:
        """Whether an earlier stage already took block i out of the body."""
        v = self.verdicts[i]
        return v is not None and v.label is not Label.BODY


class Rule:
    """Base of every rule: subclasses set `id`, `reason` and `label` and implement evaluate."""

    id: ClassVar[str]
    reason: ClassVar[str]
    label: ClassVar[Label] = Label.BOILERPLATE
    stage: ClassVar[str] = "context-free"
    also_emits: ClassVar[dict[str, str]] = {}
    """Other rule ids this rule can give, with their reasons (e.g. 'repeated.copy')."""

    def ids(self) -> dict[str, str]:
        """Every rule id this rule can emit, with its reason."""
        return {self.id: self.reason, **self.also_emits}

    def verdict(self, evidence: dict[str, Any] | None = None, facts: dict[str, str] | None = None,
                reason: str | None = None) -> Verdict:
        """A verdict of this rule, with the numbers that made it fire and any metadata found."""
        return Verdict(self.id, self.label, reason or self.reason, evidence or {}, self.stage, facts or {})


class LineRule(Rule):
    """A context-free rule: it looks at one block and its features only."""

    def evaluate(self, block: Block, features: Features) -> Verdict | None:
        """A verdict when the rule fires on this block, else None."""
        raise NotImplementedError


class ContextRule(Rule):
    """A rule that looks at a block together with its neighbours (runs, sections, repeats)."""

    stage: ClassVar[str] = "context"
    settle: ClassVar[bool] = False
    """Run once more after the other context rules: what it decides depends on lines that later rules
    may still remove (a second cleaning pass would see them gone, and must change nothing)."""

    def evaluate(self, ctx: Context) -> dict[int, Verdict]:
        """Verdicts by block index for the blocks this rule takes out of the body."""
        raise NotImplementedError


@dataclass(frozen=True, eq=False)
class PatternRule(LineRule):
    """A line rule that fires when a block matches one concept of the pattern data."""

    rule_id: str
    concept_name: str
    why: str
    removes_as: Label = Label.BOILERPLATE

    @property
    def id(self) -> str:  # type: ignore[override]
        return self.rule_id

    @property
    def reason(self) -> str:  # type: ignore[override]
        return self.why

    @property
    def label(self) -> Label:  # type: ignore[override]
        return self.removes_as

    @cached_property
    def max_words(self) -> float:
        """Longest line (in words) the concept can match: longer lines are skipped without a call."""
        limit = concept(self.concept_name).max_words
        return float("inf") if limit is None else limit

    def evaluate(self, block: Block, features: Features) -> Verdict | None:
        if features.words > self.max_words:
            return None
        found = features.match(self.concept_name)
        if found is None:
            return None
        return self.verdict({"pattern": self.concept_name, "matched": found.group(0)[:80], "words": features.words})
