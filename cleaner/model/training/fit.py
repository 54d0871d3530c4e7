"""Fitting the learned cleaner: lexical models, the context forest and the decoder, out of fold.

The context forest must be trained on lexical probabilities like those it will see on new pages,
so the lexical model's inputs to it come from models not trained on the page's site (inner folds
by site). The decoder's costs and cut are then chosen on out-of-fold forest scores. Everything is
seeded and single-threaded where order matters, so the same data gives the same model bytes.
"""
from __future__ import annotations

import math
import sys
import time
import warnings
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ...document import Label
from .. import lexical as lex
from ..forest import Forest
from ..inference import Lexical, class_label
from .corpora import fold_of
from .decoder_fit import decoder_grid
from .docs import Doc, trusted_rules

# A term enters the vocabulary when it occurs on pages of at least this many sites: a site's own
# names and template words cannot be learned as evidence, which is what generalising means here.
MIN_SITES = 3
# Inverse regularisation of the lexical models (chosen by grouped CV on wcxb-dev, fold 0).
LEXICAL_C = 4.0
LEXICAL_ITERATIONS = 150  # a time budget: the solver stops there, short of its tolerance, on purpose
# The naming model sees at most this many lines of each class (the generic class is huge).
NAMER_PER_CLASS = 40_000
# Inner folds by site for the out-of-fold lexical inputs and decoder scores.
INNER_FOLDS = 2
# Boosting settings: depth-6 trees, 150 of them, as the inference walk stays a few vectorised steps.
ITERATIONS = 150
MAX_DEPTH = 6
MAX_LEAVES = 48
LEARNING_RATE = 0.12


_START = time.monotonic()


def log(message: str) -> None:
    """Progress on stderr, with the minutes since the start (training runs for a while)."""
    print(f"cleaner train: [{(time.monotonic() - _START) / 60:5.1f} min] {message}", file=sys.stderr, flush=True)


def coarse(label: str | None, metadata: frozenset[str]) -> str | None:
    """The class a label counts as for the context model: body, a metadata class, or boilerplate."""
    if label is None or label == "body" or label in metadata:
        return label
    return "boilerplate"


def vocabulary(docs: Sequence[Doc]) -> list[str]:
    """Terms seen on pages of MIN_SITES sites or more, sorted (the model's column order)."""
    sites: dict[str, set[str]] = defaultdict(set)
    seen: set[tuple[str, str]] = set()
    for doc in docs:
        for line in doc.lines:
            if (doc.site, line) in seen:
                continue
            seen.add((doc.site, line))
            for term in set(lex.line_terms(line)):
                sites[term].add(doc.site)
    return sorted(t for t, s in sites.items() if len(s) >= MIN_SITES)


def naming_terms(docs: Sequence[Doc], terms: tuple[str, ...]) -> tuple[str, ...]:
    """The terms of lines of named classes (neither body nor generic furniture): all the naming model
    needs to tell the classes apart, a small part of the vocabulary."""
    known = set(terms)
    found = {t for doc in docs for line, lab in zip(doc.lines, doc.labels)
             if lab not in (None, "body", "boilerplate") for t in lex.line_terms(line) if t in known}
    return tuple(sorted(found)) if found else terms


def _design(vocab: lex.Vocabulary, terms: tuple[str, ...], lines: list[str]) -> Any:
    """The sparse matrix the lexical model reads (rows: lines), as at inference."""
    import scipy.sparse as sp

    probe = Lexical(vocab, np.zeros((len(terms), 1), np.float32), np.zeros(1))
    rows, cols, vals = probe.design(lines)
    return sp.csr_matrix((vals, (rows, cols)), shape=(len(lines), len(terms)), dtype=np.float64)


def fit_lexical(docs: Sequence[Doc], terms: tuple[str, ...], classes: tuple[str, ...], label_of: Any,
                cap: int | None = None, seed: int = 0) -> Lexical:
    """Multinomial logistic regression over the distinct (line, class) pairs of `docs`, weighted
    by 1 + log(occurrences) so a menu on every page does not drown the rest."""
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.linear_model import LogisticRegression
    from threadpoolctl import threadpool_limits

    counts: Counter[tuple[str, str]] = Counter()
    for doc in docs:
        for line, label in zip(doc.lines, doc.labels):
            cls = label_of(label)
            if cls is not None and cls in classes:
                counts[(line, cls)] += 1
    pairs = sorted(counts)
    if cap is not None:
        rng = np.random.default_rng(seed)
        by_class: dict[str, list[int]] = defaultdict(list)
        for k, (_, cls) in enumerate(pairs):
            by_class[cls].append(k)
        keep = sorted(k for ks in by_class.values()
                      for k in (ks if len(ks) <= cap else rng.choice(ks, cap, replace=False).tolist()))
        pairs = [pairs[k] for k in keep]
    vocab = lex.Vocabulary(terms)
    x = _design(vocab, terms, [line for line, _ in pairs])
    index = {c: k for k, c in enumerate(classes)}
    y = np.array([index[cls] for _, cls in pairs])
    w = np.array([1.0 + math.log(counts[p]) for p in pairs])
    clf = LogisticRegression(C=LEXICAL_C, max_iter=LEXICAL_ITERATIONS, tol=1e-4)
    with threadpool_limits(1), warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)  # the iteration cap is deliberate (above)
        clf.fit(x, y, sample_weight=w)
    weight = np.zeros((len(terms), len(classes)), np.float32)
    bias = np.zeros(len(classes))
    present = clf.classes_.tolist()
    if len(present) == 2:  # sklearn stores one row for a binary problem
        weight[:, present[1]], bias[present[1]] = clf.coef_[0], clf.intercept_[0]
    else:
        weight[:, present] = clf.coef_.T
        bias[present] = clf.intercept_
    bias[[k for k in range(len(classes)) if k not in present]] = -30.0  # a class never seen is never chosen
    return Lexical(vocab, weight, bias, terms=lambda: terms)


@dataclass
class Stacked:
    """Out-of-fold inputs of the context model: the lexical columns of every doc, in doc order."""

    lexical: list[np.ndarray]


def inner_folds(docs: Sequence[Doc], k: int) -> list[int]:
    """The inner fold of each doc, by site."""
    return [fold_of("inner:" + d.site, k) for d in docs]


def oof_lexical(docs: Sequence[Doc], terms: tuple[str, ...], classes: tuple[str, ...], label_of: Any) -> Stacked:
    """Lexical columns of each doc from a lexical model trained without the doc's inner fold."""
    from ..inference import softmax_columns

    folds = inner_folds(docs, INNER_FOLDS)
    out: list[np.ndarray | None] = [None] * len(docs)
    for f in range(INNER_FOLDS):
        log(f"lexical model, inner fold {f + 1}/{INNER_FOLDS}")
        model = fit_lexical([d for d, g in zip(docs, folds) if g != f], terms, classes, label_of)
        for k, (d, g) in enumerate(zip(docs, folds)):
            if g == f:
                out[k] = softmax_columns(model.logits(d.lines)[0], classes)
    return Stacked([x if x is not None else np.zeros((0, 2), np.float32) for x in out])


def fit_forest(x: np.ndarray, y: np.ndarray, w: np.ndarray, seed: int = 0) -> Forest:
    """Boosted trees on drop (1) / keep (0), exported to the flat arrays inference walks."""
    from sklearn.ensemble import HistGradientBoostingClassifier
    from threadpoolctl import threadpool_limits

    clf = HistGradientBoostingClassifier(max_iter=ITERATIONS, max_depth=MAX_DEPTH, max_leaf_nodes=MAX_LEAVES,
                                         learning_rate=LEARNING_RATE, l2_regularization=1.0, random_state=seed,
                                         early_stopping=False)
    with threadpool_limits(2):
        clf.fit(x, y, sample_weight=w)
    return export_forest(clf)


def export_forest(clf: Any) -> Forest:
    """A fitted HistGradientBoostingClassifier as a Forest (internal nodes carry their mean value,
    so a walk can say how much each split moved the score)."""
    feature: list[int] = []
    threshold: list[float] = []
    left: list[int] = []
    value: list[float] = []
    roots: list[int] = []
    depth = 0
    for (predictor,) in clf._predictors:
        nodes = predictor.nodes
        vals = [float(v) for v in nodes["value"]]

        def mean(k: int) -> float:
            if nodes["is_leaf"][k]:
                return vals[k]
            lo, hi = int(nodes["left"][k]), int(nodes["right"][k])
            vals[k] = (mean(lo) * nodes["count"][lo] + mean(hi) * nodes["count"][hi]) / max(nodes["count"][k], 1)
            return vals[k]

        mean(0)
        depth = max(depth, int(nodes["depth"].max()))
        roots.append(len(value))
        order = [0]
        for k in order:  # breadth-first, so a node's two children get consecutive numbers
            if not nodes["is_leaf"][k]:
                order += [int(nodes["left"][k]), int(nodes["right"][k])]
        number = {k: roots[-1] + i for i, k in enumerate(order)}
        for k in order:
            leaf = bool(nodes["is_leaf"][k])
            feature.append(0 if leaf else int(nodes["feature_idx"][k]))
            threshold.append(math.inf if leaf else float(nodes["num_threshold"][k]))
            left.append(number[k] if leaf else number[int(nodes["left"][k])])
            value.append(vals[k])
    return Forest(np.asarray(roots, np.intp), np.asarray(feature, np.intp), np.asarray(threshold, np.float32),
                  np.asarray(left, np.intp), np.asarray(value, np.float64), depth,
                  float(clf._baseline_prediction.ravel()[0]))


# Weight of a document by where it comes from: real pages in the layout most dumps have count fully,
# and so do zoo documents (real article bodies in furniture of named kinds: the wordings must be
# learned, not outvoted); the same pages dumped another way repeat their lines.
SOURCE_WEIGHT = {"layout": 1.0, "zoo": 1.0}
OTHER_STYLE_WEIGHT = 0.5


def line_weights(doc: Doc) -> np.ndarray:
    """Each labelled line's weight: every document weighs the same in total (times its source's
    weight: the benchmarks average over pages; a 2,000-line forum must not outweigh fifty articles),
    and a line by its words, as the metric counts words (1 + log so that a one-word menu item counts)."""
    known = np.array([lab is not None for lab in doc.labels])
    source = SOURCE_WEIGHT.get("zoo" if doc.corpus == "zoo" else doc.style, OTHER_STYLE_WEIGHT)
    return np.where(known, source * (1.0 + np.log1p(doc.words)) / math.sqrt(max(int(known.sum()), 1)), 0.0)


def first_inputs(doc: Doc, lexical: np.ndarray) -> np.ndarray:
    """The first pass's input rows of a doc (every line)."""
    from ..features import stack

    return stack(np.hstack([doc.block, lexical.astype(np.float32)]), doc.position)


def second_inputs(doc: Doc, first: np.ndarray, s1: np.ndarray) -> np.ndarray:
    """The second pass's input rows: the first pass's inputs and what its scores say around the line."""
    from ..features import score_matrix

    return np.hstack([first, score_matrix(s1, doc.words)])


@dataclass
class Rows:
    """Labelled rows of many docs: inputs, drop label, weight, and the doc each row is from."""

    x: np.ndarray
    y: np.ndarray
    w: np.ndarray
    doc: np.ndarray

    def where(self, mask: np.ndarray) -> "Rows":
        return Rows(self.x[mask], self.y[mask], self.w[mask], self.doc[mask])


def labelled_rows(docs: Sequence[Doc], inputs: Sequence[np.ndarray]) -> Rows:
    """The labelled lines of `docs` as Rows, from each doc's full input matrix."""
    xs, ys, ws, ds = [], [], [], []
    for k, (doc, x) in enumerate(zip(docs, inputs)):
        known = np.array([lab is not None for lab in doc.labels], bool)
        if not len(doc.lines) or not known.any():
            continue
        xs.append(x[known])
        ys.append(np.array([lab != "body" for lab in doc.labels], np.int8)[known])
        ws.append(line_weights(doc)[known])
        ds.append(np.full(int(known.sum()), k))
    return Rows(np.vstack(xs), np.concatenate(ys), np.concatenate(ws), np.concatenate(ds))


def balanced(y: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Weights rescaled so both classes weigh the same in total."""
    out = w.astype(np.float64).copy()
    for label in (0, 1):
        total = out[y == label].sum()
        if total:
            out[y == label] *= 0.5 * out.sum() / total
    return out


def score_docs(forest: Forest, docs: Sequence[Doc], inputs: Sequence[np.ndarray], which: Sequence[int]) -> dict[int, np.ndarray]:
    """Guarded drop log-odds of every line of the docs numbered `which`."""
    from ..inference import guarded

    return {k: guarded(forest.scores(forest.leaves(inputs[k])), docs[k].long_prose) if len(docs[k].lines) else np.zeros(0)
            for k in which}


def train(docs: Sequence[Doc], seed: int = 0) -> "Model":
    """The whole model from labelled docs: vocabulary, lexical models, both forests and the decoder.

    Every input a later part is trained on comes from earlier parts that did not see the doc's
    inner fold (by site): lexical columns for the first forest, first-pass scores for the second,
    second-pass scores for the decoder.
    """
    from ..features import SCORE_FEATURES, feature_names
    from ..inference import Model

    metadata = frozenset(lab for doc in docs for lab in doc.labels
                         if lab is not None and class_label(lab) is Label.METADATA)
    lexical_classes = ("body", "boilerplate", *sorted(metadata))
    classes = ("body", "boilerplate", *sorted({lab for doc in docs for lab in doc.labels
                                               if lab not in (None, "body", "boilerplate")}))

    def label_of(lab: str | None) -> str | None:
        return coarse(lab, metadata)

    log(f"vocabulary of {len(docs)} documents")
    terms = tuple(vocabulary(docs))
    log(f"{len(terms)} terms")
    stacked = oof_lexical(docs, terms, lexical_classes, label_of)
    first = [first_inputs(doc, lex) if doc.lines else np.zeros((0, len(feature_names())), np.float32)
             for doc, lex in zip(docs, stacked.lexical)]
    rows1 = labelled_rows(docs, first)
    log(f"{len(rows1.y)} labelled lines, {rows1.y.mean():.2f} of them furniture or metadata")
    folds = np.array(inner_folds(docs, INNER_FOLDS))
    s1: dict[int, np.ndarray] = {}
    for f in range(INNER_FOLDS):
        log(f"first pass, inner fold {f + 1}/{INNER_FOLDS}")
        part = rows1.where(folds[rows1.doc] != f)
        forest = fit_forest(part.x, part.y, balanced(part.y, part.w), seed)
        s1.update(score_docs(forest, docs, first, np.flatnonzero(folds == f).tolist()))
    second = [second_inputs(doc, x, s1[k]) if doc.lines else np.zeros((0, len(feature_names()) + len(SCORE_FEATURES)), np.float32)
              for k, (doc, x) in enumerate(zip(docs, first))]
    rows2 = labelled_rows(docs, second)
    log("second pass for the decoder (trained without inner fold 1)")
    part = rows2.where(folds[rows2.doc] != 0)
    forest = fit_forest(part.x, part.y, balanced(part.y, part.w), seed)
    held = np.flatnonzero(folds == 0).tolist()
    s2 = score_docs(forest, docs, second, held)
    trusted = trusted_rules(list(docs))
    log(f"rules trusted over the model: {', '.join(trusted)}")
    decoder, tuned = decoder_grid([docs[k] for k in held], [s2[k] for k in held], trusted)
    log(f"decoder: enter {decoder.enter}, leave {decoder.leave}, cut {decoder.offset}; "
        f"out-of-fold page F1 {tuned:.4f}")
    log("final passes")
    forest1 = fit_forest(rows1.x, rows1.y, balanced(rows1.y, rows1.w), seed)
    forest2 = fit_forest(rows2.x, rows2.y, balanced(rows2.y, rows2.w), seed)
    log("final lexical and naming models")
    lexical = fit_lexical(docs, terms, lexical_classes, label_of)
    namer = fit_lexical(docs, naming_terms(docs, terms), classes, lambda lab: lab, cap=NAMER_PER_CLASS, seed=seed)
    info = {"documents": len(docs), "lines": int(len(rows1.y)), "terms": len(terms),
            "out_of_fold_page_f1": round(tuned, 4), "trusted_rules": list(trusted),
            "judged_rules": sorted({r for doc in docs for r in doc.rules if r})}
    return Model(classes, lexical_classes, (*feature_names(), *SCORE_FEATURES), lexical, namer,
                 (forest1, forest2), decoder, info)


def save(model: "Model", path: Any) -> None:
    """Write the model file."""
    from ..file import save as save_file

    save_file(path, model.arrays(), model.header())
