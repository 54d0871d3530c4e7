"""Train the metadata-line tagger (cleaner/meta_tagger.py) on wcxb-dev dumps and the zoo's train split.

    python -m cleaner.model.training.meta_fit [--out cleaner/data/meta_tagger.json] [--limit N]

wcxb-dev lines are labelled from the page's gold title, author and publish date (a line outside the
gold body that prints them); zoo lines by the class the zoo injected (train wordings only, in all
seven languages: each wcxb body is wrapped in one language's wordings, picked by a hash of its id).
Features are cached by content (training cache), the fit is L-BFGS from zeros: the same data gives
the same bytes. Held-out scores come from `python -m benchmarks.metadata` (folds grouped by site).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ...config import Config
from ...text import meta_tagger as mt
from ...text.bylines import read_handle
from ...text.dates import find_date, is_update_stamp
from ...text.decide import decide
from ...text.language import guess_language
from ...text.segment import segment
from ...text.table import Lines
from . import zoo, zoo_data
from .align import body_labels
from .cache import Cache
from .corpora import Page, fold_of

VERSION = "meta-fit-6"
SEED = 2025
# L2 penalty on the weights (not the bias), per unit of mean line loss.
L2 = 1e-4
# Metadata lines are rare (one or two of a few hundred lines): their loss counts this many times.
META_WEIGHT = 4.0
# Lines printing the gold title may carry this many extra words (a site name, a section).
TITLE_EXTRA_WORDS = 8
META_MAX_WORDS = 24
# Lines far down a long page are alike (body, comments, footer): every STRIDE-th of them is kept, with
# STRIDE times the weight; the first TOP_LINES lines and the lines around metadata lines are all kept.
TOP_LINES = 60
STRIDE = 8
# The training documents are fit, so their probabilities run high and the thresholds chosen on them
# too: for the fields the tagger leads (title, byline, dates) they are capped here. 0.1 came from the
# first 300 wcxb-dev articles (held-out folds) and 30 zoo test documents per language, where it found
# more authors at no cost in precision of the other fields.
MAX_THRESHOLD = 0.1
LEAD_CLASSES = ("title", "byline", "date", "updated")
ZOO_CLASS = {"meta.title": "title", "meta.byline": "byline", "meta.date": "date", "meta.updated": "updated",
             "meta.section": "section", "meta.caption": "caption", "meta.credit": "credit", "bio.section": "bio"}
_NAME_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\by\b)\s*", re.I)


@dataclass
class Sample:
    """A featurised, labelled document."""

    key: str
    site: str
    dense: np.ndarray
    cues: list[tuple[int, ...]]
    labels: list[str]


def _is_title(line: str, title: str) -> bool:
    line_f, title_f = mt.fold(line), mt.fold(title)
    if not line_f or not title_f:
        return False
    if line_f == title_f:
        return True
    extra = len(line_f.split()) - len(title_f.split())
    return 0 < extra <= TITLE_EXTRA_WORDS and title_f in line_f


def _has_author(line: str, author: str) -> bool:
    """Whether a line prints the gold author: a person's name in it, or a one-word user name the line
    introduces as its author ('Thread starter paulb203', 'Posted by BeauHD on Friday')."""
    names = [mt.fold(a) for a in _NAME_SPLIT.split(author) if len(a.split()) >= 2]
    line_f = mt.fold(line)
    if len(line_f.split()) > META_MAX_WORDS:
        return False
    if names:
        return any(n in line_f for n in names)
    handle = author.strip()
    return len(handle.split()) == 1 and mt.fold(handle) in line_f and mt.fold(read_handle(line) or "") == mt.fold(handle)


def page_classes(lines: Sequence[str], gold_body: str | None, title: str | None, author: str | None,
                 date: str | None) -> list[str]:
    """A tagger class per line of a corpus page from its gold body and metadata."""
    body = body_labels(lines, gold_body) if gold_body else [False] * len(lines)
    out = []
    for line, in_body in zip(lines, body):
        label = mt.OTHER
        if title and _is_title(line, title):
            label = "title"
        elif in_body:
            label = mt.OTHER
        elif author and _has_author(line, author):
            label = "byline"
        elif date and len(line.split()) <= META_MAX_WORDS and (found := find_date(line)) and found.iso == date[:10]:
            label = "updated" if is_update_stamp(line) else "date"  # the gold may be the update shown
        out.append(label)
    return out


def featurise(text: str, language: str | None = None) -> tuple[np.ndarray, list[tuple[int, ...]], int]:
    """The tagger's inputs for a dump, with the heuristic rules' verdicts as the pipeline gives them."""
    lines = Lines.of(segment(text))
    decisions = decide(lines, Config(use_model=False))
    dense, cues, _ = mt.line_features(lines, decisions, language)
    return dense.whole(), cues, len(lines)


def _cached(cache: Cache | None, text: str, language: str | None) -> tuple[np.ndarray, list[tuple[int, ...]], int]:
    if cache is None:
        return featurise(text, language)
    key = cache.key(VERSION, _code_version(), text, language or "")
    hit = cache.get(key)
    if hit is None:
        hit = featurise(text, language)
        cache.put(key, hit)
    return hit


_CODE: list[str] = []
# The modules the tagger's inputs come from (rules, features, their readers of names and dates).
_FEATURE_MODULES = ("text/meta_features", "text/bylines", "text/names", "text/byline_words", "text/dates", "text/table",
                    "text/fold", "text/chars", "text/decide", "text/segment", "config", "document")


def _code_version() -> str:
    """A hash of the code and data the features come from (an edit recomputes them)."""
    if not _CODE:
        import hashlib
        from importlib import resources

        package = Path(str(resources.files("cleaner")))
        h = hashlib.sha1()
        sources = [package / f"{name}.py" for name in _FEATURE_MODULES]
        for path in sorted([*sources, *package.glob("text/rules/*.py"), *package.glob("data/*.toml")]):
            h.update(path.name.encode())
            h.update(path.read_bytes())
        _CODE.append(h.hexdigest())
    return _CODE[0]


def corpus_samples(pages: Iterable[Page], dumps: dict[str, str], cache: Cache | None = None) -> list[Sample]:
    """Labelled samples of corpus pages (their layout dumps), keyed by page key."""
    out = []
    for page in pages:
        text = dumps.get(page.key) or ""
        if not text.strip():
            continue
        dense, cues, n = _cached(cache, text, None)
        lines = [b.text for b in segment(text)]
        labels = page_classes(lines, page.gold_body, page.title, page.author, page.date)
        out.append(Sample(page.key, page.site, dense, cues, labels))
    return out


def zoo_bodies(pages: Iterable[Page]) -> list[zoo.Body]:
    """Bodies to wrap in train wordings: each gold body once, in a language chosen by a hash of its key."""
    langs = zoo_data.languages()
    out = []
    for page in pages:
        if page.gold_body and page.gold_body.strip():
            lang = guess_language(page.gold_body) or "en"
            if lang == "en":
                lang = langs[zlib.crc32(page.key.encode()) % len(langs)]
            out.append(zoo.Body(id=page.key, site=page.site, language=lang, text=page.gold_body, title=page.title))
    return out


def zoo_samples(bodies: list[zoo.Body], split: str = "train", cache: Cache | None = None,
                seed: int = SEED) -> list[Sample]:
    """Labelled samples of zoo documents of `split`'s wordings."""
    out = []
    for doc in zoo.generate(bodies, split=split, seed=seed):
        dense, cues, n = _cached(cache, doc.text, doc.language)
        if n != len(doc.labels):
            continue
        out.append(Sample(doc.id, doc.site, dense, cues, [ZOO_CLASS.get(lab, mt.OTHER) for lab in doc.labels]))
    return out


def fit(samples: Sequence[Sample], info: dict | None = None) -> mt.MetaTagger:
    """Softmax regression on every line of the samples (L-BFGS, L2), thresholds per class chosen on
    the documents: the lowest probability whose document-level F1 is best."""
    from scipy import optimize, sparse

    keep = [_kept(s.labels) for s in samples]
    dense = np.vstack([s.dense[[i for i, _ in k]] for s, k in zip(samples, keep)])
    labels = [s.labels[i] for s, k in zip(samples, keep) for i, _ in k]
    y = np.array([mt.CLASSES.index(lab) for lab in labels])
    line_weight = np.array([w for k in keep for _, w in k], dtype=np.float64)
    mean = dense.mean(axis=0)
    mean[0] = 0.0
    scale = dense.std(axis=0)
    scale[scale < 1e-9] = 1.0
    x_dense = (dense - mean) / scale
    rows, cols = [], []
    r = 0
    for s, k in zip(samples, keep):
        for i, _ in k:
            buckets = s.cues[i]
            rows += [r] * len(buckets)
            cols += buckets
            r += 1
    x_hash = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(r, mt.HASH_BUCKETS))
    x = sparse.hstack([sparse.csr_matrix(x_dense), x_hash]).tocsr()
    n, d = x.shape
    k = len(mt.CLASSES)
    weight = np.where(y == 0, 1.0, META_WEIGHT) * line_weight
    onehot = np.zeros((n, k))
    onehot[np.arange(n), y] = 1.0
    total = weight.sum()

    def loss(flat: np.ndarray) -> tuple[float, np.ndarray]:
        w = flat.reshape(d, k)
        logits = x @ w
        logits -= logits.max(axis=1, keepdims=True)
        logp = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
        value = -(weight * (logp * onehot).sum(axis=1)).sum() / total + 0.5 * L2 * (w[1:] ** 2).sum()
        grad = np.asarray(x.T @ ((np.exp(logp) - onehot) * weight[:, None])) / total
        grad[1:] += L2 * w[1:]
        return value, grad.ravel()

    result = optimize.minimize(loss, np.zeros(d * k), jac=True, method="L-BFGS-B",
                               options={"maxiter": 400, "gtol": 1e-7})
    w = result.x.reshape(d, k)
    nd = len(mt.FEATURES)
    meta = {**(info or {}), "lines": int(n), "documents": len(samples), "iterations": int(result.nit)}
    untuned = mt.MetaTagger(w[:nd], w[nd:], mean, scale, {}, meta)
    return mt.MetaTagger(w[:nd], w[nd:], mean, scale, choose_thresholds(untuned, samples), meta)


def _kept(labels: Sequence[str]) -> list[tuple[int, float]]:
    """(line, weight) of the lines a document contributes to the fit (see TOP_LINES, STRIDE)."""
    near = {j for i, lab in enumerate(labels) if lab != mt.OTHER for j in range(i - 2, i + 3)}
    out = []
    for i in range(len(labels)):
        if i < TOP_LINES or i in near:
            out.append((i, 1.0))
        elif i % STRIDE == 0:
            out.append((i, float(STRIDE)))
    return out


def choose_thresholds(tagger: mt.MetaTagger, samples: Sequence[Sample]) -> dict[str, float]:
    """Per class, the threshold with the best document-level F2 of 'the chosen line has the class' (recall
    weighs twice: on held-out folds a lower threshold found more of the fields users asked for)."""
    best_lines = {c: [] for c in mt.CLASSES[1:]}
    for s in samples:
        probs = tagger.probabilities(s.dense, s.cues)
        for c in mt.CLASSES[1:]:
            col = probs[:, mt.CLASSES.index(c)]
            i = int(col.argmax())
            best_lines[c].append((float(col[i]), s.labels[i] == c, c in s.labels))
    out = {}
    for c, found in best_lines.items():
        best_t, best_f = 0.5, -1.0
        for t in (0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6, 0.7):
            tp = sum(1 for p, ok, _ in found if p >= t and ok)
            fp = sum(1 for p, ok, _ in found if p >= t and not ok)
            fn = sum(1 for p, ok, has in found if has and not (p >= t and ok))
            f1 = 5 * tp / max(1, 5 * tp + fp + 4 * fn)
            if f1 > best_f + 1e-9:
                best_t, best_f = t, f1
        out[c] = min(best_t, MAX_THRESHOLD) if c in LEAD_CLASSES else best_t
    return out


def training_samples(pages: list[Page], dumps: dict[str, str], cache: Cache | None = None,
                     exclude_fold: tuple[int, int] | None = None) -> list[Sample]:
    """wcxb samples plus zoo train samples; with `exclude_fold=(f, k)` the pages of sites in fold f are left out."""
    if exclude_fold is not None:
        f, k = exclude_fold
        pages = [p for p in pages if fold_of(p.site, k) != f]
    return corpus_samples(pages, dumps, cache) + zoo_samples(zoo_bodies(pages), cache=cache)


def write(tagger: mt.MetaTagger, path: Path) -> None:
    """Write the tagger as JSON (sorted, fixed rounding: same model, same bytes)."""
    path.write_text(json.dumps(tagger.to_dict(), ensure_ascii=False, separators=(",", ":")) + "\n", "utf-8")


def wcxb_dumps(limit: int | None = None) -> tuple[list[Page], dict[str, str], Cache] | None:
    """wcxb-dev's pages (the first `limit`), their layout dumps (built through the training cache) and that
    cache; None, with a message, when the corpus is not there."""
    from . import corpora
    from .dumps import build

    if not corpora.available("wcxb-dev"):
        print(f"wcxb-dev not found under {corpora.corpora_dir()}", file=sys.stderr)
        return None
    pages = corpora.load("wcxb-dev", limit=limit)
    cache = Cache()
    return pages, build(((p.key, p.html()) for p in pages), "layout", cache), cache


def main(argv: Sequence[str] | None = None) -> int:
    """Retrain the shipped tagger on all of wcxb-dev and the zoo's train split."""
    ap = argparse.ArgumentParser(prog="python -m cleaner.model.training.meta_fit", description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=mt.default_path())
    ap.add_argument("--limit", type=int, default=None, help="only the first N wcxb-dev pages")
    args = ap.parse_args(argv)
    found = wcxb_dumps(args.limit)
    if found is None:
        return 1
    pages, dumps, cache = found
    samples = training_samples(pages, dumps, cache)
    tagger = fit(samples, {"trained_on": f"wcxb-dev ({len(pages)} pages) + zoo train split", "version": VERSION})
    write(tagger, args.out)
    print(f"wrote {args.out}: {tagger.info['documents']} documents, {tagger.info['lines']} lines, "
          f"thresholds {tagger.thresholds}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
