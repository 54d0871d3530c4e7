"""The model's C kernels (cleaner/model/_kernels.c) give the numbers numpy gives, bit for bit: a user whose
install could not build them gets the same cleaning, only slower."""
from __future__ import annotations

import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cleaner
from cleaner.model import kernels

from .conftest import FIXTURES
from .test_model import _random_forest

built = pytest.mark.skipif(kernels.native is None, reason="the optional C extension did not build here")


@built
@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**31), st.integers(0, 40), st.integers(1, 12), st.integers(1, 6))
def test_a_tree_walk_reaches_the_same_leaves(seed: int, rows: int, trees: int, depth: int) -> None:
    rng = random.Random(seed)
    width = rng.randrange(1, 9)
    forest, _ = _random_forest(rng, width, trees, depth)
    x = np.random.default_rng(seed).normal(size=(rows, width))
    x[np.random.default_rng(seed + 1).random(x.shape) < 0.1] = np.nan  # a missing value goes left in both
    x[np.random.default_rng(seed + 2).random(x.shape) < 0.05] = np.inf
    native = forest.leaves(x)
    walked = forest.walk(x)[-1]
    assert np.array_equal(native, walked)
    assert (forest.threshold[native] == np.inf).all()  # every walk ends on a leaf


@built
@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(0, 30), st.integers(1, 60), st.integers(0, 400))
def test_lexical_sums_are_the_same_bits(seed: int, size: int, classes: int, entries: int) -> None:
    rng = np.random.default_rng(seed)
    terms = int(rng.integers(1, 50))
    weight = rng.integers(-128, 128, size=(terms, classes), dtype=np.int8)
    scale = rng.lognormal(size=classes).astype(np.float32)
    bias = rng.normal(size=classes).astype(np.float32)
    rows = np.sort(rng.integers(0, max(size, 1), entries)) if size else np.zeros(0, np.int64)
    cols = rng.integers(0, terms, len(rows))
    vals = rng.random(len(rows)).astype(np.float32)
    native = kernels.lexical(rows, cols, vals, weight, scale, bias, size)
    saved, kernels.native = kernels.native, None
    try:
        plain = kernels.lexical(rows, cols, vals, weight, scale, bias, size)
    finally:
        kernels.native = saved
    assert native.tobytes() == plain.tobytes()


@built
def test_the_shipped_model_cleans_the_same_without_the_extension(monkeypatch: pytest.MonkeyPatch) -> None:
    dumps = [p.read_text("utf-8") for p in sorted((FIXTURES / "dumps").glob("*.txt"))]
    assert dumps
    fast = [cleaner.clean(d) for d in dumps]
    monkeypatch.setattr(kernels, "native", None)
    plain = [cleaner.clean(d) for d in dumps]
    for a, b in zip(fast, plain):
        assert a.text == b.text
        assert [(d.final.rule, d.final.evidence.get("probability")) for d in a.decisions if d.removed] == \
               [(d.final.rule, d.final.evidence.get("probability")) for d in b.decisions if d.removed]


def test_bad_trees_are_refused_not_read_out_of_bounds() -> None:
    if kernels.native is None:
        pytest.skip("the optional C extension did not build here")
    x = np.zeros((2, 3), np.float32)
    roots = np.array([0], np.intp)
    with pytest.raises(ValueError):
        kernels.native.leaves(x, 3, roots, np.array([7], np.intp), np.array([0.5], np.float32),
                              np.array([0], np.intp), 2, np.empty((2, 1), np.intp))
