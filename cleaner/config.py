"""The one frozen configuration object, its defaults, and loading it from `[tool.cleaner]`.

A Config is validated when it is made, as ruff validates its settings: an unknown rule id or prefix,
an unknown `[tool.cleaner]` key or a number out of range raises ConfigError (a ValueError) naming the
value and, when one is close, the value that was probably meant. The commands exit 2 on it.
"""
from __future__ import annotations

import dataclasses
import difflib
import fnmatch
import math
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any


class ConfigError(ValueError):
    """An option cleaner cannot use: an unknown rule id, prefix or key, or a number out of range."""

    def __init__(self, key: str, value: Any, problem: str, hint: str | None = None, *,
                 unknown_key: bool = False) -> None:
        """`key` names the option (`--select`, `ignore in [tool.cleaner] of ...`); `hint` is the value
        probably meant; with `unknown_key`, `value` is a key that `key` (a table) does not have."""
        self.key, self.value, self.problem, self.hint, self.unknown_key = key, value, problem, hint, unknown_key
        tip = f"; did you mean {hint!r}?" if hint else ""
        if unknown_key:
            message = f"unknown key {value!r} in {key}{tip} ({problem})"
        else:
            message = f"invalid value {value!r} for {key}: {problem}{tip}"
        super().__init__(message)

    def where(self, key: str) -> ConfigError:
        """The same error, naming the option as the user wrote it (`--select`, `ignore in [tool.cleaner]`)."""
        return ConfigError(key, self.value, self.problem, self.hint, unknown_key=self.unknown_key)


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
    metadata: bool = True
    """Read the document's metadata (title, authors, dates...) into Result.metadata. `check` turns it off:
    it reports lines, and the metadata-line tagger (numpy and its weights) is most of its start-up."""
    profile: str | None = None
    """Path of a boilerplate profile learned from a corpus (`cleaner learn`)."""
    max_bytes: int = 64 * 1024 * 1024
    """Inputs larger than this are refused with a clear error rather than exhausting memory."""
    timeout: float | None = None
    """Seconds one document may take; past it the worker process cleaning it is killed (None or 0: no
    limit, the library's default; the commands default to CLI_TIMEOUT)."""
    site: str | None = None
    """Site the document belongs to (selects the profile's per-site section)."""
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """(glob, rule ids or prefixes) pairs: files matching the glob are cleaned without those rules."""
    include_comments: bool = False
    """Give the reader-comment thread of a page or dump in Result.comments (never in the body, asked or not)."""
    input_kind: str = "auto"
    """How a document is read: "text" (a dump), "html" (a page), or "auto": a file named .html/.htm/.xhtml
    (or a WARC record) is HTML, anything else is HTML only when its content is markup throughout."""
    extra: dict[str, Any] = field(default_factory=dict)
    """Options of later stages not yet known to this module, kept as given (`model_file`)."""

    def __post_init__(self) -> None:
        for name in ("select", "ignore"):
            object.__setattr__(self, name, rule_ids(name, getattr(self, name)))
        object.__setattr__(self, "per_file_ignores", _per_file_ignores(self.per_file_ignores))
        for name in ("use_model", "include_comments", "metadata"):
            if not isinstance(getattr(self, name), bool):
                raise ConfigError(name, getattr(self, name), "must be true or false")
        _number("model_threshold", self.model_threshold, 0.0, 1.0)
        _number("max_bytes", self.max_bytes, 1, None, integer=True)
        check_timeout(self.timeout)
        if self.input_kind not in INPUT_KINDS:
            raise ConfigError("input_kind", self.input_kind, f"must be one of {', '.join(INPUT_KINDS)}",
                              _closest(str(self.input_kind), INPUT_KINDS))
        for name in ("profile", "site"):
            if getattr(self, name) is not None and not isinstance(getattr(self, name), str):
                raise ConfigError(name, getattr(self, name), "must be a string")
        unknown = sorted(set(self.extra) - set(EXTRA_KEYS))
        if unknown:
            raise ConfigError("Config.extra", unknown[0], f"known: {', '.join(EXTRA_KEYS)}",
                              _closest(unknown[0], EXTRA_KEYS), unknown_key=True)

    def allows(self, rule_id: str) -> bool:
        """Whether the rule with this id runs under --select/--ignore (ids or dotted prefixes)."""
        if self.select and not _matches(rule_id, self.select):
            return False
        return not _matches(rule_id, self.ignore)

    def replace(self, **changes: Any) -> "Config":
        """A copy with some fields changed (the object itself never changes)."""
        return dataclasses.replace(self, **changes)

    def for_path(self, path: str | os.PathLike[str] | None) -> "Config":
        """The config for one file: `per_file_ignores` whose glob matches it are added to `ignore`.

        A glob with a slash matches the path relative to the current folder (or an absolute one,
        as `[tool.cleaner]` stores them); one without matches the file's name in any folder.
        """
        if not self.per_file_ignores or path is None:
            return self
        full = os.path.abspath(path)
        extra = [rule for pattern, rules in self.per_file_ignores
                 if fnmatch.fnmatch(full, os.path.abspath(pattern) if "/" in pattern else pattern)
                 or ("/" not in pattern and fnmatch.fnmatch(os.path.basename(full), pattern))
                 for rule in rules]
        return self.replace(ignore=(*self.ignore, *extra)) if extra else self


INPUT_KINDS = ("auto", "text", "html")
"""Values of Config.input_kind (--input-kind)."""
EXTRA_KEYS = ("model_file", "meta_model_file", "title_choice_file", "page_type_file")
"""Keys of Config.extra that a stage reads (learned.py: a model file other than the shipped one;
metadata.py: a metadata-line tagger and a title choice other than the shipped ones; html/page_type.py: a
page-type model other than the shipped one)."""


def _matches(rule_id: str, patterns: tuple[str, ...]) -> bool:
    return any(rule_id == p or rule_id.startswith(p.rstrip(".") + ".") for p in patterns)


# Where the rule ids come from: the stages that define rules all sit above this module, so the public
# API (cleaner/__init__.py, which every import of cleaner runs first) hands the catalogue down.
_catalogue: Callable[[], Mapping[str, str]] | None = None


def use_catalogue(source: Callable[[], Mapping[str, str]]) -> None:
    """Name the function that lists every rule id (cleaner.catalogue.catalogue) for --select/--ignore checks."""
    global _catalogue
    _catalogue = source
    known_rule_ids.cache_clear()
    _rule_names.cache_clear()


@lru_cache(maxsize=1)
def known_rule_ids() -> tuple[frozenset[str], frozenset[str]]:
    """Every rule id, and every dotted prefix of one (`teaser`, `meta`), that --select/--ignore accept."""
    if _catalogue is None:
        raise RuntimeError("no rule catalogue: import cleaner (its __init__ hands the catalogue down)")
    ids = frozenset(_catalogue())
    prefixes = frozenset(".".join(rule.split(".")[:k]) for rule in ids for k in range(1, rule.count(".") + 1))
    return ids, prefixes


@lru_cache(maxsize=1)
def _rule_names() -> frozenset[str]:
    ids, prefixes = known_rule_ids()
    return ids | prefixes


def _closest(value: str, choices) -> str | None:
    found = difflib.get_close_matches(value, sorted(choices), n=1, cutoff=0.6)
    return found[0] if found else None


def rule_ids(key: str, value: Any) -> tuple[str, ...]:
    """Rule ids or prefixes as a tuple, each checked against the catalogue (ConfigError names `key`)."""
    if isinstance(value, str):
        value = (value,)
    if not isinstance(value, (tuple, list)) or not all(isinstance(v, str) for v in value):
        raise ConfigError(key, value, "must be a list of rule ids or prefixes")
    value = tuple(value)
    if not value:
        return value
    names = _rule_names()
    for rule in value:
        if rule.rstrip(".") not in names:
            raise ConfigError(key, rule, "not a rule id or prefix (`cleaner rules` lists them)", _closest(rule, names))
    return value


def _per_file_ignores(value: Any) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(glob, rule ids) pairs from a mapping or pairs, each id checked."""
    pairs = value.items() if isinstance(value, dict) else value
    try:
        return tuple((_glob(pattern), rule_ids(f"per_file_ignores[{pattern!r}]", rules)) for pattern, rules in pairs)
    except (TypeError, ValueError) as exc:
        if isinstance(exc, ConfigError):
            raise
        raise ConfigError("per_file_ignores", value, "must map file globs to lists of rule ids") from None


def _glob(pattern: Any) -> str:
    if not isinstance(pattern, str) or not pattern:
        raise ConfigError("per_file_ignores", pattern, "a file glob must be a non-empty string")
    return pattern


def _number(key: str, value: Any, low: float, high: float | None, integer: bool = False) -> None:
    """Refuse a value that is not a number in [low, high] (an integer when asked)."""
    kind = "an integer" if integer else "a number"
    if isinstance(value, bool) or not isinstance(value, (int, float)) or (integer and not isinstance(value, int)):
        raise ConfigError(key, value, f"must be {kind}")
    if math.isnan(value) or value < low or (high is not None and value > high):
        bound = f"between {low:g} and {high:g}" if high is not None else f"at least {low:g}"
        raise ConfigError(key, value, f"must be {bound}")


def check_timeout(value: Any) -> None:
    """Refuse a time limit that is not None or a finite number of seconds, at least 0 (0: no limit): the
    one check of Config.timeout and of clean(timeout=...)."""
    if value is None:
        return
    _number("timeout", value, 0.0, None)
    if math.isinf(value):
        raise ConfigError("timeout", value, "must be a finite number of seconds (None or 0: no limit)")


DEFAULT = Config()
CLI_TIMEOUT = 60.0
"""The commands' time limit per document when neither --timeout nor [tool.cleaner] sets one."""


def find_pyproject(start: Path | None = None) -> Path | None:
    """The nearest pyproject.toml in `start` (default: the current folder) or a folder above it."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def load_pyproject(start: Path | None = None) -> dict[str, Any]:
    """The `[tool.cleaner]` table of the nearest pyproject.toml above `start` (or {}).

    A pyproject.toml that cannot be read or parsed is a ConfigError naming it: a setting silently
    dropped is worse than a clear stop.
    """
    import tomllib

    candidate = find_pyproject(start)
    if candidate is None:
        return {}
    try:
        data = tomllib.loads(candidate.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError("the settings file", str(candidate), f"cannot be read: {exc}") from None
    table = data.get("tool", {}).get("cleaner", {})
    if not isinstance(table, dict):
        raise ConfigError(f"[tool.cleaner] of {candidate}", table, "must be a table")
    return dict(table)


# [tool.cleaner] keys: every Config field but `extra` (written with - or _), and the extra options.
_KEYS = tuple(f.name for f in dataclasses.fields(Config) if f.name != "extra")


def from_mapping(values: dict[str, Any], base: Config = DEFAULT, source: str = "[tool.cleaner]",
                 root: Path | None = None) -> Config:
    """A Config from a mapping such as `[tool.cleaner]`; an unknown key or a bad value is a ConfigError.

    `source` names the table in messages; relative per-file-ignores globs are anchored at `root`
    (the folder of the pyproject.toml they come from).
    """
    changes: dict[str, Any] = {}
    extra = dict(base.extra)
    for key, value in values.items():
        name = key.replace("-", "_")
        if name in EXTRA_KEYS:
            extra[name] = value
            continue
        if name not in _KEYS:
            keys = [k.replace("_", "-") for k in (*_KEYS, *EXTRA_KEYS)]
            raise ConfigError(source, key, f"known: {', '.join(keys)}", _closest(key.replace("_", "-"), keys),
                              unknown_key=True)
        if name == "per_file_ignores" and isinstance(value, dict) and root is not None:
            value = {(str(root / p) if "/" in p and not os.path.isabs(p) else p): v for p, v in value.items()}
        changes[name] = value
    try:
        return dataclasses.replace(base, extra=extra, **changes)
    except ConfigError as exc:
        raise exc.where(f"{exc.key.split('[')[0].replace('_', '-')} in {source}") from None


def load(start: Path | None = None, base: Config = DEFAULT) -> Config:
    """`base` updated with the nearest pyproject.toml's `[tool.cleaner]` (`base` itself when there is none)."""
    path = find_pyproject(start)
    if path is None:
        return base
    return from_mapping(load_pyproject(path.parent), base, source=f"[tool.cleaner] of {path}", root=path.parent)
