"""`# cleaner: noqa` on a line keeps it in the body, as ruff's noqa silences a line.

`# cleaner: noqa` keeps the line whatever rule would remove it; `# cleaner: noqa: teaser, nav.link`
only against those rule ids or prefixes. The marker stands at the end of the line (a corpus
maintainer's note that the line is article text); the rules read the line without it, so it
changes nothing else. Cleaning and checking honour it alike, so `check --fix` and `clean` agree.
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from ..document import Block, Decision, Label, Verdict

_MARKER = re.compile(r"#\s*cleaner:\s*noqa\b(?::\s*(?P<rules>[\w.\-]+(?:\s*,\s*[\w.\-]+)*))?\s*$", re.IGNORECASE)
RULE = "noqa"
REASON = "kept: the line carries # cleaner: noqa"


def noqa_rules(line: str) -> tuple[str, ...] | None:
    """The rule ids or prefixes a line's marker names: () for all rules, None when it has no marker."""
    found = _MARKER.search(line)
    if found is None:
        return None
    rules = found.group("rules")
    return tuple(r.strip() for r in rules.split(",")) if rules else ()


def unmarked(blocks: list[Block]) -> list[Block]:
    """The blocks as the rules should read them: a line's marker taken off (so it does not change what
    the line looks like), the other blocks as they are."""
    out = []
    for block in blocks:
        found = _MARKER.search(block.text) if "#" in block.text else None
        out.append(block if found is None else dataclasses.replace(block, text=block.text[:found.start()].rstrip()))
    return out


def _covers(rules: tuple[str, ...], rule_id: str) -> bool:
    return not rules or any(rule_id == r or rule_id.startswith(r.rstrip(".") + ".") for r in rules)


def marked(blocks: list[Block]) -> list[int]:
    """The blocks that may carry a marker (they hold a '#'): the only ones apply_noqa needs to read."""
    return [i for i, block in enumerate(blocks) if "#" in block.text]


def apply_noqa(blocks: list[Block], decisions: list[Decision], among: Sequence[int] | None = None) -> None:
    """Keep every removed block whose line's marker covers the rule that removed it (a BODY verdict
    is added, so --explain shows both the rule and the marker). `among`: the blocks to read (marked's), when known."""
    for i in range(len(blocks)) if among is None else among:
        block, decision = blocks[i], decisions[i]
        if "#" not in block.text or not decision.removed:
            continue
        rules = noqa_rules(block.text)
        if rules is not None and _covers(rules, decision.final.rule):
            decision.verdicts.append(Verdict(RULE, Label.BODY, REASON, {"rules": list(rules)}, stage="noqa"))
