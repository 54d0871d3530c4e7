"""Boosted regression trees as the model file stores them, walked with numpy for many lines at once."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

# Evidence of a removal: the three words and three context features that pushed hardest.
TOP_EVIDENCE = 3


@dataclass(frozen=True)
class Forest:
    """Boosted regression trees flattened into node arrays, walked for all rows and trees at once.

    Nodes are numbered so that a node's right child is its left child + 1; a leaf is its own left
    child with an infinite threshold, so every path takes exactly `depth` steps.
    """

    roots: "np.ndarray"
    feature: "np.ndarray"
    threshold: "np.ndarray"
    left: "np.ndarray"
    value: "np.ndarray"
    depth: int
    baseline: float

    def walk(self, x: "np.ndarray") -> "np.ndarray":
        """The node reached by every row in every tree after each step: shape (depth + 1, rows, trees).

        Gathers go through `take` into reused buffers (mode "clip": every index is a node, so no bounds
        check is needed), a fifth faster than fancy indexing making new arrays at each step."""
        import numpy as np

        rows, width = x.shape
        flat = np.ascontiguousarray(x, np.float32).ravel()
        row_start = (np.arange(rows, dtype=np.intp) * width)[:, None]
        shape = (rows, len(self.roots))
        path = np.empty((self.depth + 1, *shape), np.intp)
        path[0] = self.roots
        cell, value, threshold = np.empty(shape, np.intp), np.empty(shape, np.float32), np.empty(shape, np.float32)
        goes_right = np.empty(shape, bool)
        for step in range(self.depth):
            at = path[step]
            self.feature.take(at, out=cell, mode="clip")
            cell += row_start
            flat.take(cell, out=value, mode="clip")
            self.threshold.take(at, out=threshold, mode="clip")
            np.greater(value, threshold, out=goes_right)
            self.left.take(at, out=path[step + 1], mode="clip")
            path[step + 1] += goes_right
        return path

    def scores(self, path: "np.ndarray") -> "np.ndarray":
        """Log-odds of each walked row, from the leaves its walk reached."""
        return self.baseline + self.value[path[-1]].sum(axis=1)

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
