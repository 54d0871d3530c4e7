"""The shipped model in memory and its arithmetic: the lexical model, the decoder, and the two passes of
boosted trees (forest.py) over the model rows (features.py).

The format of `data/model.npz` (FORMAT), read with numpy only; learned.py puts it behind the rule interface.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from ..document import Label
from . import kernels
from .forest import TOP_EVIDENCE, Forest

if TYPE_CHECKING:
    import numpy as np

    from .features import Rows
    from .lexical import Vocabulary


FORMAT = "cleaner-model/4"
# Older formats read too: 3 stored the lexical terms as text (their keys are computed on loading).
READABLE = (FORMAT, "cleaner-model/3")
# A line of this many words that reads as prose is dropped only when its neighbours' scores say so
# too: no single feature may delete a long paragraph (a one-line press release is a whole body).
LONG_PROSE_WORDS = 200
LONG_PROSE_REACH = 2
# Lines scored at once: a forest walk holds (depth + 1) x lines x trees node numbers and the lexical
# model a row per term of each line, so a long document is scored in slices of this many lines
# (memory bounded by the slice, the same scores).
SLICE_LINES = 1024
# Classes a lexical slice of SLICE_LINES lines is made for; a model of more classes takes fewer lines.
SLICE_CLASSES = 16


def class_label(name: str) -> Label:
    """Body, boilerplate or metadata, by the class's name (metadata classes are `meta.*` and bios)."""
    if name == "body":
        return Label.BODY
    return Label.METADATA if name.startswith(("meta.", "bio.section")) else Label.BOILERPLATE


@dataclass(frozen=True)
class Lexical:
    """Logistic regression over a line's terms: one weight per term and class, plus a bias per class.

    `weight` is float, or int8 with a float32 `scale` per class (as stored); `terms` reads the term of a
    column, for the evidence of a removal (the naming model's only)."""

    vocabulary: "Vocabulary"
    weight: "np.ndarray"  # (terms, classes)
    bias: "np.ndarray"  # (classes,)
    scale: "np.ndarray | None" = None
    terms: "Callable[[], tuple[str, ...]] | None" = None

    def weights(self, cols: "np.ndarray") -> "np.ndarray":
        """The (float32) weights of columns `cols`, one row per column."""
        rows = self.weight[cols]
        return rows if self.scale is None else rows * self.scale

    def counts(self, lines: list[str]) -> tuple["np.ndarray", "np.ndarray", "np.ndarray"]:
        """Each line's distinct known terms and how often it holds each, as (row, column, count) sorted by
        row and column."""
        import numpy as np

        from .lexical import PIECE_CHARS

        width = len(self.vocabulary)
        if max(map(len, lines), default=0) <= PIECE_CHARS:
            return self.vocabulary.counts(lines)
        long = [i for i, line in enumerate(lines) if len(line) > PIECE_CHARS]
        rows, cols, count = self.vocabulary.counts([line if len(line) <= PIECE_CHARS else "" for line in lines])
        keep = ~np.isin(rows, long)  # a very long line's terms are counted a piece at a time (its place holds "")
        key, count = rows[keep] * width + cols[keep], count[keep]
        for i in long:
            found, times = self.vocabulary.line_counts(lines[i])
            key, count = np.concatenate((key, i * width + found)), np.concatenate((count, times))
        order = np.argsort(key, kind="stable")
        key, count = key[order], count[order]
        return key // width, key % width, count

    def design(self, lines: list[str]) -> tuple["np.ndarray", "np.ndarray", "np.ndarray"]:
        """Each line's distinct known terms as (row, column, value), values L2-normalised per line."""
        rows, cols, count = self.counts(lines)
        return rows, cols, normalised(rows, count, len(lines))

    def logits(self, lines: list[str]) -> tuple["np.ndarray", tuple["np.ndarray", "np.ndarray", "np.ndarray"] | None]:
        """Class scores of every line (rows), and the terms they came from (`counts`) when the lines made
        one slice (a longer document keeps none: its terms would take more memory than its text).

        Lines go in slices (of SLICE_LINES lines, fewer for a model of many classes: a slice holds a
        weight per term and class).
        """
        import numpy as np

        n = len(lines)
        out = np.empty((n, len(self.bias)), np.float64)
        step = self._step()
        terms = None
        for start in range(0, n, step):
            rows, cols, count = self.counts(lines[start:start + step])
            size = min(step, n - start)
            out[start:start + size] = self._scores((rows, cols, normalised(rows, count, size)), size)
            terms = (rows, cols, count) if size == n else None
        return out, terms

    def scores(self, design: tuple["np.ndarray", "np.ndarray", "np.ndarray"], n: int) -> "np.ndarray":
        """Class scores of the `n` lines of a design (sorted by row), in slices of lines as `logits`."""
        import numpy as np

        rows, cols, vals = design
        out = np.empty((n, len(self.bias)), np.float64)
        step = self._step()
        for start in range(0, n, step):
            lo, hi = np.searchsorted(rows, (start, start + step))
            size = min(step, n - start)
            out[start:start + size] = self._scores((rows[lo:hi] - start, cols[lo:hi], vals[lo:hi]), size)
        return out

    def _step(self) -> int:
        return max(1, SLICE_LINES * SLICE_CLASSES // max(len(self.bias), SLICE_CLASSES))

    def _scores(self, design: tuple["np.ndarray", "np.ndarray", "np.ndarray"], size: int) -> "np.ndarray":
        """A slice's scores: a line's score per class is its bias plus its terms' weights added in design
        order (kernels.lexical)."""
        rows, cols, vals = design
        return kernels.lexical(rows, cols, vals, self.weight, self.scale, self.bias, size)

    def evidence(self, design: tuple["np.ndarray", "np.ndarray", "np.ndarray"], row: int, cls: int) -> list[str]:
        """The terms of line `row` that spoke most for class `cls` against body (class 0)."""
        import numpy as np

        rows, cols, vals = design
        mine = rows == row
        weights = self.weights(cols[mine])
        push = (weights[:, cls] - weights[:, 0]) * vals[mine]
        order = np.argsort(-push, kind="stable")[:TOP_EVIDENCE]
        terms = self.terms() if self.terms is not None else ()
        return [terms[int(cols[mine][k])] for k in order if push[k] > 0 and terms]


def normalised(rows: "np.ndarray", count: "np.ndarray", n: int) -> "np.ndarray":
    """The values of a design: each line's term counts divided by their L2 norm (float32)."""
    import numpy as np

    if not len(rows):
        return np.zeros(0, np.float32)
    made = kernels.normalised(rows, count, n)
    if made is not None:
        return made
    norm = np.sqrt(np.bincount(rows, count.astype(np.float64) ** 2, n))
    return (count / norm[rows]).astype(np.float32)


@dataclass(frozen=True)
class Decoder:
    """Viterbi over keep (0) / drop (1): a line's score is its drop log-odds; switching state costs."""

    enter: float  # cost of a drop run starting after a kept line
    leave: float  # cost of a kept run starting after a dropped line
    offset: float  # log-odds cut, chosen out of fold in training

    def decode(self, score: "np.ndarray", fixed: "np.ndarray") -> "np.ndarray":
        """The best keep/drop sequence; `fixed` lines (decided by rules) are dropped whatever it costs."""
        import numpy as np

        n = len(score)
        gain = np.where(fixed, 1e9, score - self.offset)
        if self.enter == 0 and self.leave == 0 and not np.any(gain == 0):
            return gain > 0  # switching is free: each line on its own (a tie at 0 needs the walk below)
        back = np.zeros((n, 2), np.int8)
        keep, drop = 0.0, float(gain[0]) if n else 0.0
        for t in range(1, n):
            from_keep, from_drop = keep - self.enter, drop
            new_drop = max(from_keep, from_drop) + float(gain[t])
            back[t, 1] = 0 if from_keep > from_drop else 1
            stay, from_drop = keep, drop - self.leave
            new_keep = max(stay, from_drop)
            back[t, 0] = 0 if stay >= from_drop else 1
            keep, drop = new_keep, new_drop
        out = np.zeros(n, bool)
        state = 1 if n and drop > keep else 0
        for t in range(n - 1, -1, -1):
            out[t] = bool(state)
            state = int(back[t, state])
        return out


def quantized(weight: "np.ndarray") -> tuple["np.ndarray", "np.ndarray"]:
    """A lexical weight matrix as int8 with one float32 scale per class: most weights round to 0 and
    compress away (the shipped file went from 13 MB in float16 to 2.7 MB), each weight within half a
    scale step of the trained one."""
    import numpy as np

    scale = (np.abs(weight).max(axis=0) / 127).astype(np.float32)
    scale[scale == 0] = 1.0
    return np.round(weight / scale).astype(np.int8), scale


# Rules whose evidence is the document's structure, not a line's words: a table of contents is the run of lines
# naming, in order, the headings printed below it, and an entry reads like the heading it names (the model kept
# a contents entry that repeats its section's heading). Trusting it changed no fold-0 body F1 (wcxb-dev 0.823,
# readability 0.884, trafilatura-eval 0.902 with the fold-0 model of commit 94fdc70).
STRUCTURAL_RULES = frozenset({"nav.toc"})


@dataclass(frozen=True)
class Model:
    """The parts and the names they were trained with.

    `lexical` (classes `lexical_classes`: body, boilerplate and the metadata classes) feeds the
    context model; `namer` (classes `classes`: every named kind) names what the decoder removed.
    """

    classes: tuple[str, ...]
    lexical_classes: tuple[str, ...]
    features: tuple[str, ...]
    lexical: Lexical
    namer: Lexical
    forests: tuple[Forest, Forest]
    decoder: Decoder
    info: dict[str, Any]

    def naming_design(self, terms: tuple["np.ndarray", "np.ndarray", "np.ndarray"] | None, lines: list[str],
                      chosen: "np.ndarray") -> tuple["np.ndarray", "np.ndarray", "np.ndarray"]:
        """The naming model's design of lines `chosen`, from the lexical model's `terms` of all `lines` (or of
        the chosen lines, found again, when `terms` is None): the naming vocabulary is part of the lexical
        one, so its columns are mapped, not looked up again."""
        import numpy as np

        mapped = self._naming_columns
        if mapped is None:  # a model whose naming terms the lexical vocabulary does not hold
            return self.namer.design([lines[i] for i in chosen])
        if terms is None:
            terms, where = self.lexical.counts([lines[i] for i in chosen]), np.arange(len(chosen))
        else:
            where = np.full(len(lines), -1, np.int64)
            where[chosen] = np.arange(len(chosen))
        rows, cols, count = terms
        new_rows = where[rows]
        mine = new_rows >= 0  # the chosen lines' terms first: only theirs are mapped
        new_rows, new_cols, count = new_rows[mine], mapped[cols[mine]], count[mine]
        keep = new_cols >= 0
        width = len(self.namer.vocabulary)
        order = np.argsort(new_rows[keep] * width + new_cols[keep], kind="stable")
        rows, cols = new_rows[keep][order].astype(np.int32), new_cols[keep][order].astype(np.int32)
        count = count[keep][order]
        return rows, cols, normalised(rows, count, len(chosen))

    @cached_property
    def _naming_columns(self) -> "np.ndarray | None":
        """The naming column of each lexical column (-1: none); None when some naming term is no lexical one."""
        import numpy as np

        found = self.lexical.vocabulary.lookup(self.namer.vocabulary.keys)
        if np.any(found < 0):
            return None
        out = np.full(len(self.lexical.vocabulary), -1, np.int64)
        out[found] = np.arange(len(found))
        return out

    def trusts(self, rule: str) -> bool:
        """Whether a rule's removal stands whatever the model says: a rule measured precise in training, one
        training never saw at work (a corpus profile), or one whose evidence is the document's structure
        (STRUCTURAL_RULES): the model cannot weigh that evidence."""
        return rule in self._trusted or rule not in self._judged or rule in STRUCTURAL_RULES

    @cached_property
    def _trusted(self) -> frozenset[str]:
        return frozenset(self.info.get("trusted_rules", ()))

    @cached_property
    def _judged(self) -> frozenset[str]:
        return frozenset(self.info.get("judged_rules", ()))

    def arrays(self) -> dict[str, "np.ndarray"]:
        """The model's arrays as stored (see `read`)."""
        import numpy as np

        names = self.namer.terms() if self.namer.terms is not None else ()
        out = {"name_terms": np.frombuffer("\n".join(names).encode("utf-8"), np.uint8)}
        for key, lex in (("lex", self.lexical), ("name", self.namer)):
            out[f"{key}_keys"], out[f"{key}_bias"] = lex.vocabulary.keys, lex.bias
            out[f"{key}_weight"], out[f"{key}_scale"] = (quantized(lex.weight) if lex.scale is None
                                                         else (lex.weight, lex.scale))
        for k, f in enumerate(self.forests, 1):
            out.update({f"f{k}_roots": f.roots.astype(np.int32), f"f{k}_feature": f.feature.astype(np.int16),
                        f"f{k}_threshold": f.threshold, f"f{k}_left": f.left.astype(np.int32),
                        f"f{k}_value": f.value.astype(np.float32)})
        return out

    def header(self) -> dict[str, Any]:
        """The JSON part of the file."""
        return {**self.info, "format": FORMAT, "classes": list(self.classes),
                "lexical_classes": list(self.lexical_classes), "features": list(self.features),
                "depth": [f.depth for f in self.forests], "baseline": [f.baseline for f in self.forests],
                "enter": self.decoder.enter,
                "leave": self.decoder.leave, "offset": self.decoder.offset}

    @classmethod
    def read(cls, path: Path) -> "Model":
        """Load a model file written by `cleaner train`."""
        import numpy as np

        from .file import load as load_file
        from .lexical import Vocabulary

        arrays, info = load_file(path)
        if info.get("format") not in READABLE:
            raise ValueError(f"{path}: not a {FORMAT} file (format={info.get('format')!r}); retrain it")

        def text(key: str) -> tuple[str, ...]:
            return tuple(arrays[key].tobytes().decode("utf-8").split("\n")) if len(arrays[key]) else ()

        def vocabulary(key: str, terms: str) -> Vocabulary:
            return Vocabulary.from_keys(arrays[key]) if key in arrays else Vocabulary(text(terms))

        names = lru_cache(maxsize=1)(lambda: text("name_terms"))
        lexical = Lexical(vocabulary("lex_keys", "terms"), arrays["lex_weight"], arrays["lex_bias"], arrays["lex_scale"])
        namer = Lexical(vocabulary("name_keys", "name_terms"), arrays["name_weight"], arrays["name_bias"],
                        arrays["name_scale"], names)
        forests = tuple(Forest(arrays[f"f{k}_roots"].astype(np.intp), arrays[f"f{k}_feature"].astype(np.intp),
                               arrays[f"f{k}_threshold"].astype(np.float32), arrays[f"f{k}_left"].astype(np.intp),
                               arrays[f"f{k}_value"].astype(np.float64), int(info["depth"][k - 1]),
                               float(info["baseline"][k - 1])) for k in (1, 2))
        decoder = Decoder(float(info["enter"]), float(info["leave"]), float(info["offset"]))
        return cls(tuple(info["classes"]), tuple(info["lexical_classes"]), tuple(info["features"]), lexical, namer,
                   forests, decoder, info)  # type: ignore[arg-type]

    def scores(self, rows: "Rows", words: "np.ndarray", long_prose: "np.ndarray") -> tuple["np.ndarray", "np.ndarray"]:
        """Drop log-odds of every line after both passes, and the columns the first pass adds to the
        second's input (`second_inputs`). Both passes read SLICE_LINES rows at a time; a document of one slice
        has its rows made once, with room for the first pass's columns (the first forest reads none of them)."""
        import numpy as np

        from .features import SCORE_FEATURES, score_matrix

        first, second = self.forests
        n = len(rows)
        slices = [np.arange(start, min(n, start + SLICE_LINES)) for start in range(0, n, SLICE_LINES)]
        s1 = np.empty(n, np.float64)
        held = None
        for index in slices:
            x = rows.at(index, room=len(SCORE_FEATURES))
            s1[index] = first.score(x)
            held = x if len(slices) == 1 else None
        extra = score_matrix(guarded(s1, long_prose), words)
        s2 = np.empty(n, np.float64)
        for index in slices:
            if held is not None:
                held[:, rows.width:] = extra[index]
            s2[index] = second.score(held if held is not None else second_inputs(rows, extra, index))
        return guarded(s2, long_prose), extra


def second_inputs(rows: "Rows", extra: "np.ndarray", index: "np.ndarray") -> "np.ndarray":
    """The second pass's input rows of lines `index`: their model rows and what the first pass says around them."""
    return rows.at(index, extra)


@lru_cache(maxsize=4)
def load(path: str) -> Model:
    """The model stored at `path`, read once per process."""
    return Model.read(Path(path))


def softmax_columns(logits: "np.ndarray", classes: tuple[str, ...]) -> "np.ndarray":
    """The lexical inputs of the context model from a lexical model's class scores."""
    import numpy as np

    from .features import lexical_block_columns

    shifted = logits - logits.max(axis=1, keepdims=True)
    prob = np.exp(shifted)
    prob /= prob.sum(axis=1, keepdims=True)
    return lexical_block_columns(prob, classes)


def guarded(score: "np.ndarray", long_prose: "np.ndarray") -> "np.ndarray":
    """Scores with every long prose line capped at its neighbours' mean: it needs their evidence too."""
    import numpy as np

    out = score.copy()
    for i in np.flatnonzero(long_prose):
        near = [k for k in range(i - LONG_PROSE_REACH, i + LONG_PROSE_REACH + 1) if k != i and 0 <= k < len(score)]
        out[i] = min(score[i], float(np.mean(score[near]))) if near else -np.inf
    return out
