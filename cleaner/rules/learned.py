"""The learned line model behind the rule interface: boosted trees over a block and its neighbours.

The model is a JSON file of regression trees (package data `data/line_model.json`, written by
`cleaner train`); inference is numpy only, and the file loads on first use. It decides only the
blocks the heuristic rules left in the body, and each verdict carries the probability and the
features that pushed the block out most. A model file may also carry `smooth` (how far a line's
score moves towards its neighbours') and `offset` (the cut, in log-odds), both chosen in training.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..config import Config
from ..document import Verdict
from .base import Context, ContextRule

if TYPE_CHECKING:
    import numpy as np

FORMAT = "cleaner-line-model/1"
# Features named in a verdict's evidence: the three largest pushes explain a removal readably.
TOP_FEATURES = 3


def default_path() -> Path:
    """Where the shipped model lives inside the package."""
    return Path(str(resources.files("cleaner.data").joinpath("line_model.json")))


@dataclass(frozen=True)
class LineModel:
    """Boosted trees flattened into node arrays, evaluated for all rows and all trees at once.

    Nodes are numbered so that a node's right child is its left child + 1; a leaf is its own left
    child with an infinite threshold, so every path takes exactly `depth` steps.
    """

    features: tuple[str, ...]
    baseline: float
    depth: int
    roots: "np.ndarray"
    feature: "np.ndarray"
    threshold: "np.ndarray"
    left: "np.ndarray"
    value: "np.ndarray"
    smooth: float
    offset: float
    info: dict[str, Any]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "LineModel":
        """Flatten the trees of a model file, children of a node stored side by side."""
        import numpy as np

        if data.get("format") != FORMAT:
            raise ValueError(f"not a {FORMAT} file (format={data.get('format')!r})")
        feature: list[int] = []
        threshold: list[float] = []
        left: list[int] = []
        value: list[float] = []
        roots: list[int] = []
        for nodes in data["trees"]:
            roots.append(len(value))
            order = [0]
            for k in order:  # breadth-first, so a node's two children get consecutive numbers
                if nodes[k][2] >= 0:
                    order += [nodes[k][2], nodes[k][3]]
            number = {k: roots[-1] + i for i, k in enumerate(order)}
            for k in order:
                feat, thr, lo, _, val = nodes[k]
                feature.append(feat if lo >= 0 else 0)
                threshold.append(thr if lo >= 0 else np.inf)
                left.append(number[lo] if lo >= 0 else number[k])
                value.append(val)
        return cls(tuple(data["features"]), float(data["baseline"]), int(data["depth"]),
                   np.asarray(roots, np.intp), np.asarray(feature, np.intp), np.asarray(threshold, np.float32),
                   np.asarray(left, np.intp), np.asarray(value, np.float64),
                   float(data.get("smooth", 0.0)), float(data.get("offset", 0.0)), dict(data.get("info", {})))

    def walk(self, x: "np.ndarray") -> "np.ndarray":
        """The node reached by every row in every tree after each step: shape (depth + 1, rows, trees)."""
        import numpy as np

        rows, width = x.shape
        flat = np.ascontiguousarray(x, np.float32).ravel()
        row_start = (np.arange(rows, dtype=np.intp) * width)[:, None]
        path = np.empty((self.depth + 1, rows, len(self.roots)), np.intp)
        path[0] = self.roots
        for step in range(self.depth):
            at = path[step]
            goes_right = flat[row_start + self.feature[at]] > self.threshold[at]
            np.add(self.left[at], goes_right, out=path[step + 1])
        return path

    def scores(self, path: "np.ndarray") -> "np.ndarray":
        """Raw log-odds of boilerplate of each row, from the leaves its walk reached."""
        return self.baseline + self.value[path[-1]].sum(axis=1)

    def probabilities(self, path: "np.ndarray") -> "np.ndarray":
        """Boilerplate probability of each walked row (a document's consecutive blocks), after smoothing.

        `offset` is the log-odds cut chosen by cross-validation in training, subtracted so that
        probability 0.5 (the default `model_threshold`) is that cut.
        """
        import numpy as np

        return 1.0 / (1.0 + np.exp(self.offset - smoothed(self.scores(path), self.smooth)))

    def explain(self, x: "np.ndarray", path: "np.ndarray") -> list[dict[str, float]]:
        """For each row, the features that pushed its score towards boilerplate most (log-odds)."""
        import numpy as np

        rows, width = x.shape
        at, nxt = path[:-1], path[1:]
        delta = self.value[nxt] - self.value[at]
        cell = np.arange(rows)[None, :, None] * width + self.feature[at]
        contrib = np.bincount(cell.ravel(), delta.ravel(), rows * width).reshape(rows, width)
        top = np.argpartition(-contrib, TOP_FEATURES - 1, axis=1)[:, :TOP_FEATURES]
        pushes = np.take_along_axis(contrib, top, axis=1)
        order = np.argsort(-pushes, axis=1)
        names, pushes = np.take_along_axis(top, order, axis=1).tolist(), np.take_along_axis(pushes, order, axis=1).tolist()
        return [{self.features[j]: round(v, 3) for j, v in zip(cols, vals) if v > 0} for cols, vals in zip(names, pushes)]


def smoothed(score: "np.ndarray", weight: float) -> "np.ndarray":
    """Each line's score moved towards the mean of its neighbours' by `weight` (0 keeps it)."""
    import numpy as np

    if not weight or len(score) < 2:
        return score
    pad = np.concatenate(([score[0]], score, [score[-1]]))
    return (1.0 - weight) * score + weight * 0.5 * (pad[:-2] + pad[2:])


@lru_cache(maxsize=8)
def load(path: str) -> LineModel:
    """The model stored at `path`, read and packed once per process."""
    return LineModel.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))


class LineModelRule(ContextRule):
    """Boilerplate by the learned line model, for blocks the heuristic rules kept."""

    id = "model.line"
    reason = "learned line model: the line reads as page furniture in its context"
    stage = "model"

    def __init__(self, path: Path) -> None:
        self.path = path

    def evaluate(self, ctx: Context) -> dict[int, Verdict]:
        from ..model_features import feature_names, matrix

        import numpy as np

        open_rows = np.array([i for i in range(len(ctx)) if not ctx.decided(i)], np.intp)
        if not len(open_rows):
            return {}
        model = load(str(self.path))
        if model.features != tuple(feature_names()):
            raise ValueError(f"{self.path}: model features differ from this version's; retrain it")
        x = matrix(ctx)
        if not model.smooth:  # without smoothing only the open rows' scores matter
            x = x[open_rows]
        path = model.walk(x)
        prob = model.probabilities(path)
        rows = open_rows if model.smooth else np.arange(len(open_rows))
        cut = ctx.config.model_threshold
        chosen = rows[prob[rows] >= cut]
        if not len(chosen):
            return {}
        reasons = model.explain(x[chosen], path[:, chosen])
        block = chosen if model.smooth else open_rows[chosen]
        return {int(i): self.verdict({"probability": round(float(prob[k]), 3), "top_features": why})
                for i, k, why in zip(block, chosen, reasons)}


def model_rules(config: Config) -> tuple[ContextRule, ...]:
    """The model rule when the config enables it and a model file exists (else no rule)."""
    if not config.use_model:
        return ()
    path = Path(config.extra.get("model_file") or default_path())
    return (LineModelRule(path),) if path.is_file() else ()
