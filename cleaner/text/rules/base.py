"""The rule interface: a rule has a stable id, a one-line reason, and a pure evaluate()."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from ...config import Config
from ...document import Block, Label, Verdict
from ..table import Lines


@dataclass
class Context:
    """What context rules see: the document's line table and the verdicts of earlier stages (`taken`: whether
    each line is out of the body, kept with them by decide())."""

    lines: Lines
    verdicts: list[Verdict | None]
    config: Config
    taken: list[bool] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.taken = [v is not None and v.label is not Label.BODY for v in self.verdicts]

    @property
    def blocks(self) -> list[Block]:
        """The document's blocks (the table's)."""
        return self.lines.blocks

    def __len__(self) -> int:
        return len(self.lines.blocks)

    def decided(self, i: int) -> bool:
        """Whether an earlier stage already took block i out of the body."""
        return self.taken[i]


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
        """A verdict of this rule, with the numbers that made it fire and any metadata found (a verdict is never
        changed: one stands for every line of the section it takes)."""
        return Verdict(self.id, self.label, reason or self.reason, evidence or {}, self.stage, facts or {})


class LineRule(Rule):
    """A context-free rule: it looks at one line's facts only."""

    reads_place: ClassVar[bool] = False
    """Its verdict depends on where the line stands (its number), not only on its text: a settle round asks it
    again, where it takes over the others' verdicts from the first round (such rules come first: registry)."""

    def candidates(self, lines: Lines) -> Iterable[int]:
        """The lines this rule can fire on (in order); the others are not asked."""
        return range(len(lines))

    def evaluate(self, lines: Lines, i: int) -> Verdict | None:
        """A verdict when the rule fires on line i, else None."""
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

    def candidates(self, lines: Lines) -> Iterable[int]:
        return lines.lines_with(self.concept_name)

    def evaluate(self, lines: Lines, i: int) -> Verdict | None:
        found = lines.match(self.concept_name, i)
        if found is None:
            return None
        return self.verdict({"pattern": self.concept_name, "matched": found.group(0)[:80], "words": lines.words[i]})
