"""Scoring functions for the benchmark: small, pure, dependency-free.

Two metrics are implemented, one per corpus kind, plus WCXB's own:

* **Article-body shingle metric** (Readability corpus, gold = full body text).
  This is the metric of the Zyte/Scrapinghub *article-extraction-benchmark*:
  tokens are ``\\w+`` runs (``re.UNICODE``, case kept); each text becomes a
  multiset (``Counter``) of token 4-grams ("shingles"); per page
  ``TP = |pred ∩ gold|``, ``FP = |pred - gold|``, ``FN = |gold - pred|`` on the
  multisets. Per-page precision ``TP/(TP+FP)`` is averaged over the pages whose
  prediction is non-empty, per-page recall ``TP/(TP+FN)`` over *all* pages
  (an empty prediction has recall 0), and F1 is the harmonic mean of the two
  averages.

* **Segment metric** (trafilatura-eval corpus, gold = short segments). As in
  trafilatura's ``tests/comparison*.py``: per page each ``with`` segment found
  in the prediction is a TP, otherwise an FN; each ``without`` segment found is
  an FP, otherwise a TN. Counts are summed over the corpus and P/R/F1 come from
  the sums. Matching is a substring test after whitespace normalisation (runs
  of whitespace -> one space, ends stripped) and Unicode NFC of both sides.

* **Bag-of-words F1** (WCXB's own metric, shown beside the shingle F1 on body
  corpora): tokens are lower-cased ``\\w+`` runs; per page precision and
  recall of the token multisets give an F1, and the corpus score is the mean
  of the per-page F1s (an empty prediction scores 0).

Plus a paired bootstrap of the F1 difference of two systems over pages.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Iterable, Sequence, TypeVar

NGRAM = 4
_TOKEN_RE = re.compile(r"\w+", re.UNICODE)
_WS_RE = re.compile(r"\s+", re.UNICODE)


# ---------------------------------------------------------------------------
# Article-body shingle metric
# ---------------------------------------------------------------------------


def tokenize(text: str | None) -> list[str]:
    """Split text into ``\\w+`` token runs (Unicode-aware, case kept)."""
    return _TOKEN_RE.findall(text or "")


def shingles(text: str | None, n: int = NGRAM) -> Counter:
    """Multiset of token n-grams of ``text``.

    A text with at least one but fewer than ``n`` tokens yields one shorter
    shingle made of all its tokens (the article-extraction-benchmark
    convention), so very short texts still count as non-empty; an empty text
    yields an empty Counter.
    """
    toks = tokenize(text)
    if not toks:
        return Counter()
    if len(toks) < n:
        return Counter([tuple(toks)])
    return Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))


@dataclass(frozen=True)
class PageCounts:
    """Shingle TP/FP/FN of one page."""

    tp: int
    fp: int
    fn: int

    @property
    def has_prediction(self) -> bool:
        """True when the prediction had at least one shingle."""
        return self.tp + self.fp > 0

    @property
    def precision(self) -> float:
        """TP/(TP+FP); 0.0 for an empty prediction (such pages are not averaged)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """TP/(TP+FN); 1.0 when the gold is empty and so nothing can be missed."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def page_counts(pred: str | None, gold: str | None, n: int = NGRAM) -> PageCounts:
    """Compare two texts as multisets of token n-grams."""
    p, g = shingles(pred, n), shingles(gold, n)
    tp = sum((p & g).values())
    return PageCounts(tp=tp, fp=sum(p.values()) - tp, fn=sum(g.values()) - tp)


@dataclass(frozen=True)
class Score:
    """Precision, recall and F1 of one system on one corpus."""

    precision: float
    recall: float
    f1: float


def f1_of(precision: float, recall: float) -> float:
    """Harmonic mean; 0.0 when both are 0."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def body_score(pages: Sequence[PageCounts]) -> Score:
    """Corpus score of the shingle metric.

    Precision is the mean over pages with a non-empty prediction, recall the
    mean over all pages, F1 the harmonic mean of those two means.
    """
    predicted = [c.precision for c in pages if c.has_prediction]
    precision = sum(predicted) / len(predicted) if predicted else 0.0
    recall = sum(c.recall for c in pages) / len(pages) if pages else 0.0
    return Score(precision, recall, f1_of(precision, recall))


def bag_of_words_f1(pred: str | None, gold: str | None) -> float:
    """WCXB's per-page score: F1 of the lower-cased ``\\w+`` token multisets (1.0 when both are empty)."""
    p, g = Counter(tokenize((pred or "").lower())), Counter(tokenize((gold or "").lower()))
    if not p or not g:
        return float(not p and not g)
    tp = sum((p & g).values())
    return f1_of(tp / sum(p.values()), tp / sum(g.values()))


def mean(values: Sequence[float]) -> float:
    """The mean of per-page scores (0.0 for none): how WCXB averages its bag-of-words F1."""
    return sum(values) / len(values) if values else 0.0


# ---------------------------------------------------------------------------
# Segment metric (trafilatura-eval)
# ---------------------------------------------------------------------------


def normalize_ws(text: str | None) -> str:
    """NFC-normalise and collapse every whitespace run to one space, strip ends."""
    return _WS_RE.sub(" ", unicodedata.normalize("NFC", text or "")).strip()


@dataclass(frozen=True)
class SegmentCounts:
    """Segment TP/FN/FP/TN of one page (or summed over a corpus)."""

    tp: int = 0
    fn: int = 0
    fp: int = 0
    tn: int = 0

    def __add__(self, other: "SegmentCounts") -> "SegmentCounts":
        return SegmentCounts(self.tp + other.tp, self.fn + other.fn, self.fp + other.fp, self.tn + other.tn)


def segment_counts(pred: str | None, with_: Iterable[str], without: Iterable[str]) -> SegmentCounts:
    """Score one page: ``with`` segments found are TP (else FN), ``without`` found are FP (else TN).

    Empty segments are ignored. Matching is a substring test on
    whitespace/NFC-normalised text.
    """
    text = normalize_ws(pred)
    must = [s for s in map(normalize_ws, with_) if s]
    must_not = [s for s in map(normalize_ws, without) if s]
    tp = sum(1 for s in must if s in text)
    fp = sum(1 for s in must_not if s in text)
    return SegmentCounts(tp=tp, fn=len(must) - tp, fp=fp, tn=len(must_not) - fp)


def segment_score(pages: Sequence[SegmentCounts]) -> Score:
    """Corpus score of the segment metric: P, R, F1 from counts summed over pages."""
    total = sum(pages, SegmentCounts())
    precision = total.tp / (total.tp + total.fp) if total.tp + total.fp else 0.0
    recall = total.tp / (total.tp + total.fn) if total.tp + total.fn else 0.0
    return Score(precision, recall, f1_of(precision, recall))


# ---------------------------------------------------------------------------
# Paired bootstrap
# ---------------------------------------------------------------------------

T = TypeVar("T")


@dataclass(frozen=True)
class BootstrapDiff:
    """Paired bootstrap of F1(a) - F1(b)."""

    observed: float  # difference on the full sample
    mean: float  # mean difference over resamples
    half_width: float  # half the width of the 95% percentile interval
    low: float  # 2.5th percentile
    high: float  # 97.5th percentile
    n_resamples: int


def _percentile(sorted_values: Sequence[float], q: float) -> float:
    """Linear-interpolated percentile (q in [0, 1]) of an already sorted list."""
    if not sorted_values:
        return 0.0
    pos = q * (len(sorted_values) - 1)
    lo = int(pos)
    hi = min(lo + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (pos - lo)


def paired_bootstrap(
    pages_a: Sequence[T],
    pages_b: Sequence[T],
    score: Callable[[Sequence[T]], Score],
    n_resamples: int = 1000,
    seed: int = 1234,
) -> BootstrapDiff:
    """Paired bootstrap of the F1 difference ``score(a).f1 - score(b).f1``.

    ``pages_a[i]`` and ``pages_b[i]`` must be the per-page counts of the two
    systems on the same page. Each resample draws page indices with
    replacement (the same indices for both systems), recomputes both corpus
    F1s with ``score`` (``body_score`` or ``segment_score``) and records the
    difference. Returns the mean difference and the half-width of the 95%
    percentile interval; the seed is fixed so reruns agree.
    """
    if len(pages_a) != len(pages_b):
        raise ValueError("paired bootstrap needs the same pages for both systems")
    n = len(pages_a)
    observed = score(pages_a).f1 - score(pages_b).f1
    if n == 0:
        return BootstrapDiff(observed, observed, 0.0, observed, observed, 0)
    rng = random.Random(seed)
    diffs = []
    for _ in range(n_resamples):
        idx = [rng.randrange(n) for _ in range(n)]
        diffs.append(score([pages_a[i] for i in idx]).f1 - score([pages_b[i] for i in idx]).f1)
    diffs.sort()
    low, high = _percentile(diffs, 0.025), _percentile(diffs, 0.975)
    return BootstrapDiff(observed, sum(diffs) / len(diffs), (high - low) / 2, low, high, n_resamples)


# ---------------------------------------------------------------------------
# Metadata agreement (title / byline)
# ---------------------------------------------------------------------------


def normalize_meta(value: str | None) -> str:
    """Normalise a title or byline for comparison.

    Casefold, NFKC, replace every Unicode punctuation character by a space,
    collapse whitespace, then drop a leading "by ".
    """
    s = unicodedata.normalize("NFKC", value or "").casefold()
    s = "".join(" " if unicodedata.category(ch).startswith("P") else ch for ch in s)
    s = _WS_RE.sub(" ", s).strip()
    if s.startswith("by "):
        s = s[3:].lstrip()
    return s


def meta_agrees(predicted: str | None, expected: str | None) -> bool:
    """Whether a predicted title/byline agrees with the expected one.

    Rule: after :func:`normalize_meta`, both are non-empty and they are equal
    or one contains the other as a substring (so "Jane Doe" agrees with
    "By Jane Doe, Reuters", and a title agrees with "Title | Site").
    """
    p, e = normalize_meta(predicted), normalize_meta(expected)
    return bool(p and e) and (p == e or p in e or e in p)
