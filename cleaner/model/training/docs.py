"""Training documents with what the context model needs that does not depend on the model.

The heuristic rules' verdicts, the block features and the position features of a dump are the
same for every model, so they are computed once per dump text and cached by that text and by the
code and data of the rules that made them.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from .cache import Cache
from .dataset import Labelled


# A heuristic rule overrides the model only where it is this precise on the training pages (share
# of its removals that are not gold body), over at least TRUST_SUPPORT removals; elsewhere its
# verdict is one of the model's inputs and the model may keep the line.
TRUST_PRECISION = 0.98
TRUST_SUPPORT = 20


@dataclass(frozen=True)
class Doc:
    """A labelled dump with its cached heuristic features."""

    key: str
    site: str
    corpus: str
    style: str
    page_type: str | None
    lines: list[str]
    labels: tuple[str | None, ...]
    gold: bool
    """Whether the labels come from a whole gold body (else partial, from segments)."""
    block: np.ndarray
    position: np.ndarray
    rules: tuple[str, ...]
    """The heuristic rule that took each line out of the body ('' for none)."""
    long_prose: np.ndarray
    words: np.ndarray


@lru_cache(maxsize=1)
def rules_version() -> str:
    """A hash of the code and data the heuristic features come from (any edit recomputes them)."""
    package = Path(str(resources.files("cleaner")))
    h = hashlib.sha1()
    code = [path for path in package.rglob("*.py") if not {"cli", "training"} & set(path.relative_to(package).parts)]
    for path in sorted([*code, *package.glob("data/*.toml")]):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()


# Bump when the parts below change shape, so cached parts are rebuilt.
PARTS_VERSION = "parts-2"


def heuristic_parts(text: str) -> tuple[np.ndarray, np.ndarray, tuple[str, ...], np.ndarray, np.ndarray]:
    """Block features, position features, the rule that removed each block, long-prose flags and words."""
    from ...config import DEFAULT
    from ...text.decide import decide
    from ...text.rules.base import Context
    from ...text.segment import segment
    from ...text.table import Lines
    from ..features import block_matrix, doc_matrix
    from ..inference import LONG_PROSE_WORDS

    lines = Lines.of(segment(text))
    decisions = decide(lines, DEFAULT)
    ctx = Context(lines, [d.final for d in decisions], DEFAULT)
    if not len(lines):
        empty = np.zeros(0, bool)
        return np.zeros((0, 0), np.float32), np.zeros((0, 0), np.float32), (), empty, np.zeros(0, np.int32)
    rules = tuple(d.final.rule if d.removed else "" for d in decisions)
    words = np.array(lines.words, np.int32)
    long_prose = np.array(lines.prose, bool) & (words >= LONG_PROSE_WORDS)
    return block_matrix(ctx), doc_matrix(ctx), rules, long_prose, words


def prepare(item: Labelled, cache: Cache | None = None) -> Doc:
    """The Doc of a labelled dump, its heuristic parts from `cache` when present."""
    from ...text.segment import segment

    parts = None
    key = Cache.key(PARTS_VERSION, rules_version(), item.text)
    if cache is not None:
        parts = cache.get(key)
    if parts is None:
        parts = heuristic_parts(item.text)
        if cache is not None:
            cache.put(key, parts)
    lines = [b.text for b in segment(item.text)]
    return Doc(item.key, item.site, item.corpus, item.style, item.page_type, lines, item.labels, item.gold, *parts)


def trusted_rules(docs: list[Doc]) -> tuple[str, ...]:
    """Rules at least TRUST_PRECISION precise (share of removals that are not gold body) on the real
    pages with a gold body (the zoo is our own text: it cannot vouch for a rule)."""
    from collections import Counter

    removed: Counter[str] = Counter()
    wrong: Counter[str] = Counter()
    for doc in docs:
        if not doc.gold or doc.corpus == "zoo":
            continue
        for rule, label in zip(doc.rules, doc.labels):
            if rule:
                removed[rule] += 1
                wrong[rule] += label == "body"
    return tuple(sorted(r for r, n in removed.items() if n >= TRUST_SUPPORT and 1 - wrong[r] / n >= TRUST_PRECISION))
