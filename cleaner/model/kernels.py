"""The model's inner loops, tree walks, lexical score sums and the counting of a document's terms, in C when
the optional extension (`_kernels.c`) built at install, else in numpy: the same numbers bit for bit either way
(tests/test_kernels.py).

They are most of the model's arithmetic: numpy walks 150 trees a step at a time over every line with five
gathers a step, where C follows each line down each tree once (the trees laid out complete, a step one read of
a split: `complete`); numpy counts a document's terms with a sort of
them all, where C sorts each line's few dozen and looks its word pairs up in a hash table.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

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


def leaf_values(x: "np.ndarray", roots: "np.ndarray", feature: "np.ndarray", threshold: "np.ndarray",
                left: "np.ndarray", value: "np.ndarray", depth: int) -> "np.ndarray":
    """The value (float64) of the leaf each row of `x` reaches in each tree (rows x trees): value[leaves(...)]."""
    import numpy as np

    rows, width = x.shape
    flat = np.ascontiguousarray(x, np.float32)
    if native is not None and width:
        out = np.empty((rows, len(roots)), np.float64)
        native.leaves(flat, width, np.ascontiguousarray(roots, np.intp), np.ascontiguousarray(feature, np.intp),
                      np.ascontiguousarray(threshold, np.float32), np.ascontiguousarray(left, np.intp), depth, out,
                      np.ascontiguousarray(value, np.float64))
        return out
    return np.asarray(value, np.float64)[walk(flat, roots, feature, threshold, left, depth)[-1]]


# Trees deeper than this are walked as stored (leaf_values): a complete tree of depth d holds 2^d leaves.
COMPLETE_DEPTH = 10


def complete_trees(roots: "np.ndarray", feature: "np.ndarray", threshold: "np.ndarray", left: "np.ndarray",
                   value: "np.ndarray", depth: int) -> "tuple[np.ndarray, np.ndarray] | None":
    """A forest as `complete` walks it: each tree made complete, its `depth` levels of splits (feature, threshold),
    trees x (2^depth - 1), position p's children at 2p + 1 and 2p + 2, over its 2^depth leaf values (float64):
    position p holds the node a walk as stored reaches there (a leaf, its own left child that no row leaves, fills
    the levels below it). None without the extension or for trees deeper than COMPLETE_DEPTH. Raises ValueError
    for a node that points out of the forest (as `leaves` does)."""
    import numpy as np

    if native is None or not 0 < depth <= COMPLETE_DEPTH:
        return None
    nodes = len(feature)
    roots, left = np.asarray(roots, np.intp), np.asarray(left, np.intp)
    # Every node a walk may reach is one of the forest's (a node whose right child would be past the end is a leaf,
    # an infinite threshold: no row goes right there), and its column fits the splits' int32.
    bad_root = len(roots) > 0 and (roots.min() < 0 or roots.max() >= nodes)
    bad_node = nodes > 0 and (left.min() < 0 or left.max() >= nodes
                              or bool(np.any((left + 1 >= nodes) & ~(threshold == np.inf)))
                              or np.min(feature) < 0 or np.max(feature) > np.iinfo(np.int32).max)
    if bad_root or bad_node:
        raise ValueError("a tree's node is out of range")
    right = np.minimum(left + 1, nodes - 1)
    level, levels = roots[:, None], []
    for _ in range(depth):
        levels.append(level)
        level = np.stack([left[level], right[level]], axis=2).reshape(len(roots), -1)
    inner = np.concatenate(levels, axis=1)
    splits = np.empty(inner.shape, np.dtype([("feature", "<i4"), ("threshold", "<f4")]))
    splits["feature"], splits["threshold"] = feature[inner], threshold[inner]
    return splits, np.ascontiguousarray(np.asarray(value, np.float64)[level])


def complete(x: "np.ndarray", trees: "tuple[np.ndarray, np.ndarray]", depth: int) -> "np.ndarray":
    """leaf_values of the rows of `x` through the forest laid out by complete_trees (the same leaves, one node read
    a step: no child index to look up)."""
    import numpy as np

    splits, values = trees
    rows, width = x.shape
    out = np.empty((rows, len(values)), np.float64)
    native.complete(np.ascontiguousarray(x, np.float32), width, splits, values, depth, out)
    return out


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


def table(keys: "np.ndarray") -> "np.ndarray | None":
    """A hash table of a vocabulary's term keys (uint64 slots, see _kernels.c), or None without the extension.

    Its slots number a power of two above 10/7 of the keys (a 4 MB table for the shipped 330,000 terms)."""
    import numpy as np

    if native is None:
        return None
    slots = np.zeros(1 << (len(keys) * 10 // 7 + 1).bit_length(), np.uint64)
    native.table(np.ascontiguousarray(keys, np.uint64), slots)
    return slots


def lookup(slots: "np.ndarray", keys: "np.ndarray", queries: "np.ndarray") -> "np.ndarray":
    """The column of each query key in the vocabulary of `keys` whose `table` is `slots`, -1 where unknown."""
    import numpy as np

    out = np.empty(len(queries), np.intp)
    native.lookup(slots, keys, np.ascontiguousarray(queries, np.uint64), out)
    return out


def counts(ids: "np.ndarray", words: "np.ndarray", cache: "Any", slots: "np.ndarray", keys: "np.ndarray",
           ends: tuple[int, int]) -> tuple["np.ndarray", "np.ndarray", "np.ndarray"]:
    """Each line's known terms and how often it holds each, as (row, column, count) sorted by row and column
    (Vocabulary.counts): lines of `words` cached words each (`ids`, entries of the word cache), their pairs
    with the line's start and end keys (`ends`) looked up through the table `slots`."""
    import numpy as np

    room = int(cache.sizes[ids].sum()) + len(ids) + len(words)
    rows, cols, count = np.empty(room, np.int64), np.empty(room, np.int64), np.empty(room, np.int64)
    used = native.counts(np.ascontiguousarray(ids, np.intp), np.ascontiguousarray(words, np.intp), cache.keys,
                         cache.sizes, cache.starts, cache.flat, slots, keys, ends[0], ends[1], rows, cols, count)
    return rows[:used], cols[:used], count[:used]


def line_counts(cls: "np.ndarray", starts: "np.ndarray", ends: "np.ndarray") -> "np.ndarray":
    """Per line [start, end) of the class bits `cls` (text/chars.py): how many characters start a word, are
    neither word nor space characters, are digits, capitals, and capitals starting a word (lines x 5, float)."""
    import numpy as np

    from ..text.chars import DIGIT, SPACE, UPPER, WORD, per_line

    starts, ends = np.ascontiguousarray(starts, np.int64), np.ascontiguousarray(ends, np.int64)
    if native is not None:
        out = np.empty((len(starts), 5), np.float64)
        native.line_counts(np.ascontiguousarray(cls, np.uint8), starts, ends, WORD, DIGIT, SPACE, UPPER, out)
        return out
    is_word = (cls & WORD) != 0
    word_start = is_word.copy()
    word_start[1:] &= ~is_word[:-1]
    upper = (cls & UPPER) != 0
    return np.column_stack([per_line(word_start, starts, ends), per_line((cls & (WORD | SPACE)) == 0, starts, ends),
                            per_line((cls & DIGIT) != 0, starts, ends), per_line(upper, starts, ends),
                            per_line(word_start & upper, starts, ends)])


def line_marks(codes: "np.ndarray", cls: "np.ndarray", starts: "np.ndarray", begin: int,
               end: int) -> "np.ndarray | None":
    """Per line, how many years, clock times, pieces of an address and menu separators start in it (lines x 4,
    float; characters.py's `_marks`), read from positions begin..end of the code points `codes` and their class
    bits `cls`, a line starting at each of `starts`; None without the extension (`_marks` counts with numpy)."""
    import numpy as np

    from ..text.chars import DIGIT, SEPARATOR, SPACE, STRONGSEPARATOR, WORD

    if native is None:
        return None
    out = np.empty((len(starts), 4), np.float64)
    native.line_marks(np.ascontiguousarray(codes, np.uint32), np.ascontiguousarray(cls, np.uint8),
                      np.ascontiguousarray(starts, np.int64), begin, end, WORD, DIGIT, SPACE, SEPARATOR,
                      STRONGSEPARATOR, out)
    return out


def classes(codes: "np.ndarray", table: "np.ndarray") -> "tuple[np.ndarray, bool] | None":
    """The class bits of code points `codes` (uint32) read off `table` (uint8; its last entry stands for every code
    point from there up), and whether any is at or past that last entry; None without the extension."""
    import numpy as np

    if native is None:
        return None
    out = np.empty(len(codes), np.uint8)
    beyond = native.classes(np.ascontiguousarray(codes, np.uint32), np.ascontiguousarray(table, np.uint8), out)
    return out, beyond


def stop_counts(mask: "np.ndarray", counts: "np.ndarray", languages: int) -> "np.ndarray | None":
    """characters._stops_per_line in one pass: per line (`counts` words of `mask` each, in order) its words of each
    of `languages` stop-word languages (bits of a word's mask) and then its words of any (int32, lines x (languages
    + 1)); None without the extension or for more than 8 languages (numpy counts the same)."""
    import numpy as np

    if native is None or languages > 8:
        return None
    out = np.empty((len(counts), languages + 1), np.int32)
    native.stop_counts(np.ascontiguousarray(mask, np.uint8), np.ascontiguousarray(counts, np.intp), out)
    return out


def score_windows(s: "np.ndarray", offsets: tuple[int, ...], windows: tuple[int, ...], out: "np.ndarray") -> bool:
    """Write features.score_matrix's first columns (the clipped scores `s`, float64: each line's own, its neighbours'
    at `offsets`, its means over `windows`) into `out` (float32, lines x columns) in one pass; False without the
    extension (score_matrix writes them with numpy, the same bits)."""
    import numpy as np

    if native is None:
        return False
    native.score_windows(np.ascontiguousarray(s, np.float64), np.array(offsets, np.int64), np.array(windows, np.int64),
                         out)
    return True


def best_run(weight: "np.ndarray", s: "np.ndarray") -> "tuple[int, int] | None":
    """features._best_run of the gains `weight` * clip(-`s`, -4, 4), in C; None without the extension."""
    import numpy as np

    if native is None:
        return None
    return native.best_run(np.ascontiguousarray(weight, np.float64), np.ascontiguousarray(s, np.float64))


def normalised(rows: "np.ndarray", count: "np.ndarray", lines: int) -> "np.ndarray | None":
    """inference.normalised of a design's entries (each count over the L2 norm of its line's counts, float32) in one
    pass; None without the extension (numpy computes the same)."""
    import numpy as np

    if native is None:
        return None
    out = np.empty(len(rows), np.float32)
    native.normalised(np.ascontiguousarray(rows, np.int64), np.ascontiguousarray(count, np.int64), lines, out)
    return out


def doc_columns(prose: "np.ndarray", words: "np.ndarray", columns: int) -> "np.ndarray | None":
    """features.doc_matrix's columns of a document's lines (prose: bool per line; words: float64 per line, whole
    numbers) as `columns` x lines (float32), in one pass, the logarithms read from one log1p of 0..n (numpy's, so
    the same bits); None without the extension (doc_matrix computes them with numpy)."""
    import numpy as np

    if native is None:
        return None
    n = len(prose)
    out = np.empty((columns, n), np.float32)
    native.doc_columns(np.ascontiguousarray(prose, np.uint8), np.ascontiguousarray(words, np.float64),
                       np.log1p(np.arange(n + 1)), float(np.log1p(n)), out)
    return out


def rows(own: "np.ndarray", doc: "np.ndarray", first: int, count: int, offsets: tuple[int, ...], window: int,
         room: int) -> "np.ndarray | None":
    """The model rows (features.Rows.at) of lines first..first+count-1 of a document of own columns `own` (float32)
    and document columns `doc`, with `room` columns of 0 after each, in one pass; None without the extension
    (Rows.at writes them with numpy, the same bits)."""
    import numpy as np

    if native is None or own.dtype != np.float32 or not own.shape[1]:
        return None
    width = own.shape[1] * (len(offsets) + 2) + doc.shape[1]
    out = np.empty((count, width + room), np.float32)
    native.rows(np.ascontiguousarray(own), own.shape[1], np.ascontiguousarray(doc.T, np.float32), first, count,
                np.array(offsets, np.int64), window, out)
    return out


def fold_words(codes: "np.ndarray", cls: "np.ndarray", lines: int) -> "tuple[np.ndarray, np.ndarray] | None":
    """A document's joined lines as lexical.document_words reads them (each digit run folded to 0 or 00,
    everything but word characters and line breaks a space; code points, uint32) and how many words each of
    its `lines` holds; None without the extension (document_words does the same with numpy)."""
    import numpy as np

    from ..text.chars import DIGIT, WORD

    if native is None:
        return None
    out, counts = np.empty(len(codes), np.uint32), np.zeros(lines, np.intp)
    used = native.fold_words(np.ascontiguousarray(codes, np.uint32), np.ascontiguousarray(cls, np.uint8), WORD, DIGIT,
                             out, counts)
    return out[:used], counts


class WordTable:
    """Words -> entry numbers (0, 1, ... in the order they were added): a dict of the words (`index`) and, with
    the extension, a hash table of their code points (_kernels.c), so that `find` reads a text's words off its
    code points without making a string of each (what splitting a document and looking its words up in the
    dict costs most)."""

    def __init__(self) -> None:
        import numpy as np

        self.index: dict[str, int] = {}
        self._text = np.zeros(1024, np.uint32)  # (text and offsets grow by doubling)
        self._offsets = np.zeros(1024, np.intp)  # entry e's code points are _text[_offsets[e]:_offsets[e + 1]]
        self._slots = np.zeros(1024, np.uint64) if native is not None else None

    def add(self, words: "list[str]") -> None:
        """Enter `words` (distinct, none entered yet) as the next entries."""
        import numpy as np

        if not words:
            return
        first = len(self.index)
        self.index.update(zip(words, range(first, first + len(words))))
        if self._slots is None:
            return
        codes = np.frombuffer("".join(words).encode("utf-32-le", "surrogatepass"), np.uint32)
        used = int(self._offsets[first])
        self._text = room(self._text, used + len(codes))
        self._text[used:used + len(codes)] = codes
        self._offsets = room(self._offsets, len(self.index) + 1)
        self._offsets[first + 1:len(self.index) + 1] = used + np.cumsum([len(w) for w in words])
        if native is None:  # (switched off since: these words are not in the slots, `find` does not run)
            return
        if 2 * len(self.index) >= len(self._slots):  # at most half full: made again, four times the entries or more
            self._slots = np.zeros(1 << (4 * len(self.index)).bit_length(), np.uint64)
            first = 0
        native.word_add(self._slots, self._text, self._offsets[:len(self.index) + 1], first)

    def find(self, codes: "np.ndarray") -> "tuple[np.ndarray, np.ndarray] | None":
        """The words of `codes` (code points, uint32: runs of anything but spaces and line breaks, what str.split()
        finds in a text whose only white space they are) as (entry of each, -1 where not entered; (start, end)
        of each in `codes`); None without the extension (split the text and ask `index` then)."""
        import numpy as np

        if self._slots is None or native is None:
            return None
        ids, spans = np.empty(len(codes), np.intp), np.empty((len(codes), 2), np.intp)
        words = native.word_find(np.ascontiguousarray(codes, np.uint32), self._slots, self._text,
                                 self._offsets[:len(self.index) + 1], ids, spans)
        return ids[:words], spans[:words]


def room(a: "np.ndarray", size: int) -> "np.ndarray":
    """`a`, or a copy twice as long or more (zeros after `a`'s items), so that it holds `size` items: the arrays
    of a cache that grows by doubling (WordTable, lexical._WordCache)."""
    import numpy as np

    if size <= len(a):
        return a
    grown = np.zeros(max(size, 2 * len(a)), a.dtype)
    grown[:len(a)] = a
    return grown
