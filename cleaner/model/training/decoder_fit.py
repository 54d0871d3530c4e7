"""The decoder's fit: the costs of entering and leaving a furniture run, and the cut, by grid search."""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..inference import Decoder
from .docs import Doc


# Decoder grids: costs of entering/leaving a furniture run, and the log-odds cut.
COST_GRID = (0.0, 0.5, 1.0, 2.0, 3.0, 5.0)
OFFSET_GRID = tuple(x / 4 for x in range(-8, 13))


def decoder_grid(docs: Sequence[Doc], scores: Sequence[np.ndarray], trusted: tuple[str, ...]) -> tuple[Decoder, float]:
    """The decoder costs and cut that maximise the mean page F1 (by words) over `docs` with gold bodies."""
    combos = [(e, l, o) for e in COST_GRID for l in COST_GRID for o in OFFSET_GRID]
    enter = np.array([c[0] for c in combos])
    leave = np.array([c[1] for c in combos])
    offset = np.array([c[2] for c in combos])
    total = np.zeros(len(combos))
    pages = 0
    for doc, score in zip(docs, scores):
        if not doc.gold or not len(score):
            continue
        fixed = np.array([rule in trusted for rule in doc.rules])
        drops = viterbi_many(score, fixed, enter, leave, offset)
        body = np.array([lab == "body" for lab in doc.labels])
        words = doc.words.astype(np.float64) * np.array([lab is not None for lab in doc.labels])
        tp = (~drops & body) @ words
        fp = (~drops & ~body) @ words
        fn = (drops & body) @ words
        if body.any():
            total += 2 * tp / np.maximum(2 * tp + fp + fn, 1e-9)
            pages += 1
    best = int(np.argmax(total))
    return Decoder(float(enter[best]), float(leave[best]), float(offset[best])), float(total[best] / max(pages, 1))


def viterbi_many(score: np.ndarray, fixed: np.ndarray, enter: np.ndarray, leave: np.ndarray,
                 offset: np.ndarray) -> np.ndarray:
    """Decoder.decode for many (enter, leave, offset) settings at once: (settings, lines) drop flags."""
    n, m = len(score), len(enter)
    gain = np.where(fixed[None, :], 1e9, score[None, :] - offset[:, None])
    back = np.zeros((n, 2, m), bool)
    keep, drop = np.zeros(m), gain[:, 0].copy()
    for t in range(1, n):
        from_keep = keep - enter
        back[t, 1] = ~(from_keep > drop)
        new_drop = np.maximum(from_keep, drop) + gain[:, t]
        from_drop = drop - leave
        back[t, 0] = ~(keep >= from_drop)
        keep, drop = np.maximum(keep, from_drop), new_drop
    out = np.zeros((m, n), bool)
    state = drop > keep
    cols = np.arange(m)
    for t in range(n - 1, -1, -1):
        out[:, t] = state
        state = back[t, state.astype(np.intp), cols]
    return out
