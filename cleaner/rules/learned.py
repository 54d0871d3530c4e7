"""The learned line model behind the rule interface: boosted trees over a block and its neighbours.

The model is a JSON file of regression trees (package data `data/line_model.json`, written by
`cleaner train`); inference is numpy only, and the file loads on first use. It decides only the
blocks the heuristic rules left in the body, and each verdict carries the probability and the
features that pushed the block out most.
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
    """Boosted trees packed into equal-sized arrays (one row per tree) for vectorised evaluation."""

    features: tuple[str, ...]
    baseline: float
    depth: int
    feature: "np.ndarray"
    threshold: "np.ndarray"
    left: "np.ndarray"
    right: "np.ndarray"
    value: "np.ndarray"
    info: dict[str, Any]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "LineModel":
        """Pack the trees of a model file; leaves point to themselves so every path has `depth` steps."""
        import numpy as np

        if data.get("format") != FORMAT:
            raise ValueError(f"not a {FORMAT} file (format={data.get('format')!r})")
        trees = data["trees"]
        size = max(len(t) for t in trees)
        n = len(trees)
        feature = np.zeros((n, size), np.int32)
        threshold = np.full((n, size), np.inf, np.float32)
        index = np.arange(size, dtype=np.int32)
        left = np.tile(index, (n, 1))
        right = left.copy()
        value = np.zeros((n, size), np.float64)
        for t, nodes in enumerate(trees):
            for k, (feat, thr, lo, hi, val) in enumerate(nodes):
                value[t, k] = val
                if lo >= 0:
                    feature[t, k], threshold[t, k], left[t, k], right[t, k] = feat, thr, lo, hi
        return cls(tuple(data["features"]), float(data["baseline"]), int(data["depth"]),
                   feature, threshold, left, right, value, dict(data.get("info", {})))

    def _walk(self, x: "np.ndarray", explain: bool) -> tuple["np.ndarray", "np.ndarray | None"]:
        """Raw scores of rows `x` and, when asked, each feature's contribution (path attribution)."""
        import numpy as np

        rows, width = x.shape
        trees = np.arange(self.feature.shape[0])[None, :]
        at = np.zeros((rows, self.feature.shape[0]), np.int32)
        row_index = np.arange(rows)[:, None]
        contrib = np.zeros(rows * width) if explain else None
        for _ in range(self.depth):
            feat = self.feature[trees, at]
            goes_left = x[row_index, feat] <= self.threshold[trees, at]
            nxt = np.where(goes_left, self.left[trees, at], self.right[trees, at])
            if contrib is not None:
                delta = self.value[trees, nxt] - self.value[trees, at]
                contrib += np.bincount((row_index * width + feat).ravel(), delta.ravel(), rows * width)
            at = nxt
        score = self.baseline + self.value[trees, at].sum(axis=1)
        return score, (contrib.reshape(rows, width) if contrib is not None else None)

    def probabilities(self, x: "np.ndarray") -> "np.ndarray":
        """Probability that each row (block) is boilerplate."""
        import numpy as np

        return 1.0 / (1.0 + np.exp(-self._walk(x, explain=False)[0]))

    def explain(self, x: "np.ndarray") -> list[dict[str, float]]:
        """For each row, the features that pushed its score towards boilerplate most (log-odds)."""
        import numpy as np

        contrib = self._walk(x, explain=True)[1]
        top = np.argsort(-contrib, axis=1)[:, :TOP_FEATURES]  # type: ignore[operator]
        return [{self.features[j]: round(float(row[j]), 3) for j in cols if row[j] > 0}
                for row, cols in zip(contrib, top)]  # type: ignore[arg-type]


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

        open_rows = [i for i in range(len(ctx)) if not ctx.decided(i)]
        if not open_rows:
            return {}
        model = load(str(self.path))
        if model.features != tuple(feature_names()):
            raise ValueError(f"{self.path}: model features differ from this version's; retrain it")
        x = matrix(ctx)[open_rows]
        prob = model.probabilities(x)
        cut = ctx.config.model_threshold
        chosen = [k for k, p in enumerate(prob) if p >= cut]
        if not chosen:
            return {}
        reasons = model.explain(x[chosen])
        return {open_rows[k]: self.verdict({"probability": round(float(prob[k]), 3), "top_features": why})
                for k, why in zip(chosen, reasons)}


def model_rules(config: Config) -> tuple[ContextRule, ...]:
    """The model rule when the config enables it and a model file exists (else no rule)."""
    if not config.use_model:
        return ()
    path = Path(config.extra.get("model_file") or default_path())
    return (LineModelRule(path),) if path.is_file() else ()
