"""The one frozen configuration object, its defaults, and loading it from `[tool.cleaner]`."""
from __future__ import annotations

import dataclasses
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Config:
    """Every option of a cleaning run; the CLI builds one of these and nothing else reads argv."""

    select: tuple[str, ...] = ()
    """Rule ids or prefixes to apply (empty: all rules)."""
    ignore: tuple[str, ...] = ()
    """Rule ids or prefixes never applied."""
    use_model: bool = True
    """Let the learned line model decide blocks the heuristic rules left undecided."""
    model_threshold: float = 0.5
    """Probability of boilerplate above which the model removes a block."""
    profile: str | None = None
    """Path of a boilerplate profile learned from a corpus (`cleaner learn`)."""
    max_bytes: int = 64 * 1024 * 1024
    """Inputs larger than this are refused with a clear error rather than exhausting memory."""
    timeout: float = 60.0
    """Seconds one document may take in the CLI before it is reported as failed."""
    site: str | None = None
    """Site the document belongs to (selects the profile's per-site section)."""
    extra: dict[str, Any] = field(default_factory=dict)
    """Options of later stages not yet known to this module, kept as given."""

    def allows(self, rule_id: str) -> bool:
        """Whether the rule with this id runs under --select/--ignore (ids or dotted prefixes)."""

        def matches(patterns: tuple[str, ...]) -> bool:
            return any(rule_id == p or rule_id.startswith(p.rstrip(".") + ".") for p in patterns)

        if self.select and not matches(self.select):
            return False
        return not matches(self.ignore)

    def replace(self, **changes: Any) -> "Config":
        """A copy with some fields changed (the object itself never changes)."""
        return dataclasses.replace(self, **changes)


DEFAULT = Config()


def load_pyproject(start: Path | None = None) -> dict[str, Any]:
    """The `[tool.cleaner]` table of the nearest pyproject.toml above `start` (or {})."""
    import tomllib

    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            try:
                data = tomllib.loads(candidate.read_text(encoding="utf-8"))
            except (OSError, tomllib.TOMLDecodeError) as exc:
                print(f"cleaner: ignoring {candidate}: {exc}", file=sys.stderr)
                return {}
            return dict(data.get("tool", {}).get("cleaner", {}))
    return {}


def from_mapping(values: dict[str, Any], base: Config = DEFAULT) -> Config:
    """A Config from a mapping such as `[tool.cleaner]`; unknown keys are kept in `extra`."""
    known = {f.name for f in dataclasses.fields(Config)}
    changes: dict[str, Any] = {}
    extra = dict(base.extra)
    for key, value in values.items():
        name = key.replace("-", "_")
        if name in ("select", "ignore"):
            value = tuple([value] if isinstance(value, str) else value)
        if name in known and name != "extra":
            changes[name] = value
        else:
            extra[name] = value
    return dataclasses.replace(base, extra=extra, **changes)
