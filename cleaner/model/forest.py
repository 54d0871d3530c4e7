"""Boosted regression trees as the model file stores them, walked for many lines at once (kernels.py)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from . import kernels

if TYPE_CHECKING:
    import numpy as np

# Evidence of a removal: the three words and three context features that pushed hardest.
TOP_EVIDENCE = 3


@dataclass(frozen=True)
class Forest:
    """Boosted regression trees flattened into node arrays, walked for all rows and trees at once.

    Nodes are numbered so that a node's right child is its left child + 1; a leaf is its own left
    child with an infinite threshold, so every path takes exactly `depth` steps. With the C extension
    `score` walks the same trees laid out complete (kernels.complete_trees), made once per forest.
    """

    roots: "np.ndarray"
    feature: "np.ndarray"
    threshold: "np.ndarray"
    left: "np.ndarray"
    value: "np.ndarray"
    depth: int
    baseline: float

    def walk(self, x: "np.ndarray") -> "np.ndarray":
        """The node reached by every row in every tree after each step: shape (depth + 1, rows, trees)
        (what the evidence of a removal reads; `leaves` when only the last step counts)."""
        return kernels.walk(x, self.roots, self.feature, self.threshold, self.left, self.depth)

    def leaves(self, x: "np.ndarray") -> "np.ndarray":
        """The leaf every row reaches in every tree: shape (rows, trees)."""
        return kernels.leaves(x, self.roots, self.feature, self.threshold, self.left, self.depth)

    def scores(self, leaves: "np.ndarray") -> "np.ndarray":
        """Log-odds of each row, from the leaves it reached (`leaves`)."""
        return self.baseline + self.value[leaves].sum(axis=1)

    def score(self, x: "np.ndarray") -> "np.ndarray":
        """Log-odds of each row of `x` (scores(leaves(x)), the leaves' values read in the walk)."""
        if kernels.native is not None and x.shape[1] and self._complete is not None:
            return self.baseline + kernels.complete(x, self._complete, self.depth).sum(axis=1)
        return self.baseline + kernels.leaf_values(x, self.roots, self.feature, self.threshold, self.left, self.value,
                                                   self.depth).sum(axis=1)

    @cached_property
    def _complete(self) -> "tuple[np.ndarray, np.ndarray] | None":
        """The trees laid out complete for the C walk (kernels.complete_trees), made once per forest."""
        return kernels.complete_trees(self.roots, self.feature, self.threshold, self.left, self.value, self.depth)

    def contributions(self, x: "np.ndarray", path: "np.ndarray", names: tuple[str, ...]) -> list[dict[str, float]]:
        """For each row, the features whose splits pushed its score up most (log-odds)."""
        import numpy as np

        rows, width = x.shape
        at, nxt = path[:-1], path[1:]
        delta = self.value[nxt] - self.value[at]
        cell = np.arange(rows)[None, :, None] * width + self.feature[at]
        contrib = np.bincount(cell.ravel(), delta.ravel(), rows * width).reshape(rows, width)
        top = np.argsort(-contrib, axis=1, kind="stable")[:, :TOP_EVIDENCE]
        return [{names[j]: round(float(contrib[r, j]), 3) for j in top[r] if contrib[r, j] > 0} for r in range(rows)]
