"""The model's C kernels (cleaner/model/_kernels.c) give the numbers numpy gives, bit for bit: a user whose
install could not build them gets the same cleaning, only slower."""
from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

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
    assert forest.score(x).tobytes() == _plain(lambda: forest.score(x)).tobytes() == forest.scores(walked).tobytes()
    complete = kernels.complete_trees(forest.roots, forest.feature, forest.threshold, forest.left, forest.value, depth)
    assert complete is not None  # (the forest laid out complete, as Forest.score walks it)
    stored = kernels.leaf_values(x, forest.roots, forest.feature, forest.threshold, forest.left, forest.value, depth)
    assert kernels.complete(x, complete, depth).tobytes() == stored.tobytes()


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


def _plain(call: Callable[[], Any]) -> Any:
    """What `call` gives with numpy alone."""
    saved, kernels.native = kernels.native, None
    try:
        return call()
    finally:
        kernels.native = saved


@built
@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(0, 300), st.integers(1, 40))
def test_a_vocabulary_finds_the_same_columns(seed: int, size: int, asked: int) -> None:
    from cleaner.model.lexical import Vocabulary

    rng = np.random.default_rng(seed)
    keys = rng.integers(0, 1 << 48, size, dtype=np.uint64)
    if size > 2:
        keys[rng.integers(0, size, size // 3)] = keys[0]  # equal keys: the first column answers
    queries = np.concatenate((keys[rng.integers(0, size, asked)] if size else np.zeros(0, np.uint64),
                              rng.integers(0, 1 << 48, asked, dtype=np.uint64), [np.uint64(1 << 63)]))
    assert np.array_equal(Vocabulary.from_keys(keys).lookup(queries),
                          _plain(lambda: Vocabulary.from_keys(keys).lookup(queries)))


_WORDS = ("the", "news", "newsletter", "Anmeldung", "abonnieren", "lire", "la", "suite", "12", "2024", "by", "de",
          "Cookies", "akzeptieren", "share", "on", "éditeur", "noticias", "leggi", "anche", "x")


@built
@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_WORDS), max_size=40).map(" ".join), max_size=30))
def test_a_documents_terms_are_counted_the_same(lines: list[str]) -> None:
    from cleaner.model import learned
    from cleaner.model.inference import load

    lexical = load(str(learned.default_path())).lexical
    fast, plain = lexical.counts(lines), _plain(lambda: lexical.counts(lines))
    for a, b in zip(fast, plain):
        assert a.dtype == b.dtype and np.array_equal(a, b)


@built
@settings(max_examples=60, deadline=None)
@given(st.text(max_size=200), st.integers(0, 2**32 - 1))
def test_per_line_character_counts_are_the_same(text: str, seed: int) -> None:
    from cleaner.text.chars import Chars

    cls = Chars(text).cls
    cuts = np.sort(np.random.default_rng(seed).integers(0, len(cls) + 1, 8))
    starts, ends = cuts[:-1:2], cuts[1::2]  # spans, some empty, the first maybe after a word character
    fast = kernels.line_counts(cls, starts, ends)
    assert fast.tobytes() == _plain(lambda: kernels.line_counts(cls, starts, ends)).tobytes()


@built
@settings(max_examples=80, deadline=None)
@given(st.lists(st.text(st.sampled_from("ab1234 ,.ß٣𝟙\u00b2İ-"), max_size=30), min_size=2, max_size=8))
def test_a_documents_words_are_read_the_same(lines: list[str]) -> None:
    from cleaner.model.lexical import document_words

    fast, plain = document_words(lines), _plain(lambda: document_words(lines))
    assert fast[0] == plain[0] and fast[1].dtype == plain[1].dtype and np.array_equal(fast[1], plain[1])


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
    with pytest.raises(ValueError):  # a child past the forest's end
        kernels.complete_trees(roots, np.array([0], np.intp), np.array([0.5], np.float32), np.array([3], np.intp),
                               np.zeros(1), 2)
    splits, values = kernels.complete_trees(roots, np.array([0, 0, 0]), np.array([0.5, np.inf, np.inf], np.float32),
                                            np.array([1, 1, 2]), np.array([0.0, 1.0, 2.0]), 2)
    assert kernels.complete(np.array([[0.0, 0, 0], [1.0, 0, 0]]), (splits, values), 2).tolist() == [[1.0], [2.0]]
    splits["feature"][0, 0] = 7  # a split reading past a row
    with pytest.raises(ValueError):
        kernels.complete(x, (splits, values), 2)


@built
@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.text(st.sampled_from("ab\u00e9\u00df\U0001d7d9\ud800"), min_size=1, max_size=6),
                         max_size=30), max_size=4),
       st.lists(st.text(st.sampled_from("ab\u00e9\u00df\U0001d7d9\ud800 \n"), max_size=12), max_size=10))
def test_a_word_table_finds_what_a_dict_of_the_words_finds(batches: list[list[str]], texts: list[str]) -> None:
    table = kernels.WordTable()
    for batch in batches:  # added a batch at a time, as documents bring new words (the table grows)
        table.add([w for w in dict.fromkeys(batch) if w not in table.index])
        for text in texts:
            codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), np.uint32)
            ids, spans = table.find(codes)
            assert ids.tolist() == [table.index.get(w, -1) for w in text.split()]
            assert [text[a:b] for a, b in spans.tolist()] == text.split()


@built
@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(("the", "und", "le", "de", "el", "il", "o", "het", "news", "x", "", "\n")),
                max_size=30))
def test_stop_words_are_found_the_same(words: list[str]) -> None:
    from cleaner.model.characters import _stop_mask

    folded = " ".join(words)
    fast = _stop_mask(folded)
    assert fast.dtype == np.uint8 and fast.tobytes() == _plain(lambda: _stop_mask(folded)).tobytes()


@built
@settings(max_examples=150, deadline=None)
@given(st.text(st.sampled_from("12 90:5a|»/•·\n.comhtpsw@Www.ORGde"), max_size=80), st.integers(0, 2**32 - 1))
def test_years_clocks_addresses_and_separators_are_found_the_same(text: str, seed: int) -> None:
    from cleaner.model.characters import _marks
    from cleaner.text.chars import Chars
    from cleaner.text.table import Run

    rng = np.random.default_rng(seed)
    begin, end = np.sort(rng.integers(0, len(text) + 1, 2)).tolist()  # a run's own characters, margins around
    starts = np.unique(np.concatenate(([begin], rng.integers(begin, end + 1, 4)))).astype(np.int64)
    run = Run(0, len(starts), Chars(text), begin, end)
    fast = kernels.line_marks(run.chars.codes, run.chars.cls, starts, begin, end)
    assert fast.tobytes() == _marks(run, starts).tobytes()


@built
@settings(max_examples=80, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(0, 30), st.integers(1, 6), st.integers(0, 4), st.integers(0, 3))
def test_a_run_of_lines_has_the_same_model_rows(seed: int, n: int, width: int, docs: int, room: int) -> None:
    from cleaner.model.features import Rows

    rng = np.random.default_rng(seed)
    own = (rng.normal(size=(n, width)) * rng.lognormal(2, 2, size=width)).astype(np.float32)  # sums that round
    own[rng.random(own.shape) < 0.05] = np.nan
    doc = rng.normal(size=(docs, n)).T  # (a transposed view of float64, as a document's columns come)
    extra = rng.normal(size=(n, room)).astype(np.float32)
    first = int(rng.integers(0, n + 1))
    index = np.arange(first, int(rng.integers(first, n + 1)))
    for more in ({"room": room}, {"extra": extra}):
        fast = Rows(own, doc).at(index, **more)
        assert fast.tobytes() == _plain(lambda: Rows(own, doc).at(index, **more)).tobytes()


@built
@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(("The council met on Monday and agreed to fund the new library for the town.",
                                 "Der Rat hat am Montag beschlossen, die neue Bibliothek der Stadt zu bezahlen.",
                                 "Menu", "Share this", "12 comments", "Le conseil a voté le budget.", "Lire aussi")),
                max_size=600))
def test_where_each_line_sits_is_read_the_same(texts: list[str]) -> None:
    from cleaner.config import DEFAULT
    from cleaner.model.features import doc_matrix
    from cleaner.text.rules.base import Context
    from cleaner.text.segment import segment
    from cleaner.text.table import Lines

    lines = Lines.of(segment("\n".join(texts)))
    ctx = Context(lines, [None] * len(lines), DEFAULT)
    fast = doc_matrix(ctx)
    assert fast.shape == (len(texts), 8) and fast.tobytes() == _plain(lambda: doc_matrix(ctx)).tobytes()


@built
@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 40), st.integers(0, 300))
def test_a_designs_values_are_normalised_the_same(seed: int, lines: int, entries: int) -> None:
    from cleaner.model.inference import normalised

    rng = np.random.default_rng(seed)
    rows = np.sort(rng.integers(0, lines, entries))
    count = rng.integers(1, 10 ** int(rng.integers(1, 9)), entries)  # (squares past 2^53 round as they add up)
    fast = normalised(rows, count, lines)
    assert fast.dtype == np.float32 and fast.tobytes() == _plain(lambda: normalised(rows, count, lines)).tobytes()


@built
@settings(max_examples=80, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(0, 400), st.floats(0.1, 20))
def test_what_a_first_pass_says_around_each_line_is_the_same(seed: int, n: int, spread: float) -> None:
    from cleaner.model.features import score_matrix

    rng = np.random.default_rng(seed)
    score = rng.normal(size=n) * spread  # (beyond the clip at 8 too)
    score[rng.random(n) < 0.05] = -np.inf  # (a long prose line with no neighbours)
    words = rng.integers(0, 80, n).astype(np.float64)
    fast = score_matrix(score, words)
    assert fast.tobytes() == _plain(lambda: score_matrix(score, words)).tobytes()


@built
@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**32 - 1), st.lists(st.integers(0, 12), max_size=30), st.integers(0, 5))
def test_each_lines_stop_words_are_counted_the_same(seed: int, counts: list[int], spare: int) -> None:
    from cleaner.model.characters import _stops_per_line

    mask = np.random.default_rng(seed).integers(0, 256, sum(counts) + spare).astype(np.uint8)
    words = np.array(counts, np.intp)
    fast = _stops_per_line(mask, words)
    assert fast.dtype == np.int32 and fast.tobytes() == _plain(lambda: _stops_per_line(mask, words)).tobytes()
