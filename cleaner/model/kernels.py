"""The model's two inner loops, tree walks and lexical score sums, in C when the optional extension
(`_kernels.c`) built at install, else in numpy: the same numbers bit for bit either way (tests/test_kernels.py).

They are most of the model's arithmetic: numpy walks 150 trees a step at a time over every line with five
gathers a step, where C follows each line down each tree once.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

try:
    from . import _kernels as native  # type: ignore[attr-defined]
except ImportError:  # not built (no compiler at install): numpy does the same
    native = None

if TYPE_CHECKING:
    import numpy as np


def leaves(x: "np.ndarray", roots: "np.ndarray", feature: "np.ndarray", threshold: "np.ndarray",
           left: "np.ndarray", depth: int) -> "np.ndarray":
    """The leaf each row of `x` reaches in each tree (rows x trees); trees as Forest stores them."""
    import numpy as np

    rows, width = x.shape
    flat = np.ascontiguousarray(x, np.float32)
    if native is not None and width:
        out = np.empty((rows, len(roots)), np.intp)
        native.leaves(flat, width, np.ascontiguousarray(roots, np.intp), np.ascontiguousarray(feature, np.intp),
                      np.ascontiguousarray(threshold, np.float32), np.ascontiguousarray(left, np.intp), depth, out)
        return out
    return walk(flat, roots, feature, threshold, left, depth)[-1]


def walk(x: "np.ndarray", roots: "np.ndarray", feature: "np.ndarray", threshold: "np.ndarray",
         left: "np.ndarray", depth: int) -> "np.ndarray":
    """The node reached by every row in every tree after each step: shape (depth + 1, rows, trees).

    Gathers go through `take` into reused buffers (mode "clip": every index is a node, so no bounds
    check is needed), a fifth faster than fancy indexing making new arrays at each step."""
    import numpy as np

    rows, width = x.shape
    flat = np.ascontiguousarray(x, np.float32).ravel()
    row_start = (np.arange(rows, dtype=np.intp) * width)[:, None]
    shape = (rows, len(roots))
    path = np.empty((depth + 1, *shape), np.intp)
    path[0] = roots
    cell, value, cut = np.empty(shape, np.intp), np.empty(shape, np.float32), np.empty(shape, np.float32)
    goes_right = np.empty(shape, bool)
    for step in range(depth):
        at = path[step]
        feature.take(at, out=cell, mode="clip")
        cell += row_start
        flat.take(cell, out=value, mode="clip")
        threshold.take(at, out=cut, mode="clip")
        np.greater(value, cut, out=goes_right)
        left.take(at, out=path[step + 1], mode="clip")
        path[step + 1] += goes_right
    return path


def lexical(rows: "np.ndarray", cols: "np.ndarray", vals: "np.ndarray", weight: "np.ndarray",
            scale: "np.ndarray | None", bias: "np.ndarray", size: int) -> "np.ndarray":
    """Class scores of `size` lines (size x classes): each line's bias plus its terms' weights times their
    values, added in design order (as np.bincount adds, the bias first). `weight` is (terms x classes), int8
    with a float32 `scale` per class, or float."""
    import numpy as np

    classes = len(bias)
    if native is not None and scale is not None and weight.dtype == np.int8 and vals.dtype == np.float32:
        out = np.empty((size, classes), np.float64)
        native.lexical(np.ascontiguousarray(rows, np.int64), np.ascontiguousarray(cols, np.int64),
                       np.ascontiguousarray(vals, np.float32), np.ascontiguousarray(weight),
                       np.ascontiguousarray(scale, np.float32), np.ascontiguousarray(bias, np.float64), out)
        return out
    picked = weight[cols] if scale is None else weight[cols] * scale
    cells = (rows[:, None] * classes + np.arange(classes)).ravel()  # (line, class) of each term's weight
    push = (picked.astype(np.float64) * vals[:, None]).ravel()
    index = np.concatenate((np.arange(size * classes), cells))
    weights = np.concatenate((np.tile(bias.astype(np.float64), size), push))
    return np.bincount(index, weights, size * classes).reshape(size, classes)
