"""Train the title choice (cleaner/text/title_choice.py) on wcxb-dev dumps.

    python -m cleaner.model.training.title_fit [--out cleaner/data/title_choice.json] [--limit N]

A page's candidates and their facts come from the metadata tagger trained without the page's site fold
(k=5), as the shipped tagger reads pages it never saw, over the heuristic rules' and the learned cleaner's
decisions; the zoo's train-split documents built on the same bodies count too (a page dump opens with its
<title> line, a pasted dump need not). A candidate is right when the title it gives agrees
with the page's gold title (equal or one holding the other, casefolded). The chooser is boosted trees
(scikit-learn's, exported to the flat arrays the chooser walks) on whether a candidate is right, from its facts
beside the other candidates'; one thread and a fixed seed: the same data gives the same bytes. Prints the
site-fold cross-validated agreement against the tagger's own choice.
"""
from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ...config import Config
from ...text import meta_tagger as mt
from ...text import title_choice as tc
from . import zoo
from .cache import Cache
from .corpora import Page, fold_of

VERSION = "title-fit-2"
FOLDS = 5
# Boosted trees: as many, as deep, this step (site-fold cross-validation on wcxb-dev and the zoo's train
# documents: 100 trees of depth 5 at 0.1 as good as 200 of depth 4 at 0.05, better than a linear score), and
# the L2 penalty on leaf values.
TREES = 100
DEPTH = 5
LEARNING_RATE = 0.1
L2 = 1.0


@dataclass
class Sample:
    """One page's candidates: their features and whether each gives the gold title."""

    site: str
    features: np.ndarray
    right: np.ndarray
    kind: str = "page"


def _agrees(found: str, gold: str) -> bool:
    found, gold = mt.fold(found), mt.fold(gold)
    return bool(found and gold) and (found == gold or found in gold or gold in found)


def page_sample(page: Page, dump: str, config: Config) -> Sample | None:
    """The candidates of one corpus page's dump (see text_sample)."""
    return text_sample(dump, page.title or "", page.site, config)


def text_sample(text: str, title: str, site: str, config: Config, language: str | None = None,
                kind: str = "page") -> Sample | None:
    """The candidates of a dump as the tagger in `config` reads it, after the rules and the learned cleaner
    decided its lines (as the pipeline does, without its settle rounds); None when it has none."""
    from ...text import metadata
    from ...text.decide import decide
    from ...text.language import guess_language
    from ...text.segment import segment
    from ...text.table import Lines
    from ..learned import model_rules

    lines = Lines.of(segment(text))
    decisions = decide(lines, config, later=model_rules(config))
    body = "\n".join(b.text for b, d in zip(lines.blocks, decisions) if not d.removed)
    tagger = mt.load(config.extra.get("meta_model_file"))
    _, probs, _ = mt.tag(tagger, lines, decisions, language or guess_language(body))
    facts = metadata.title_facts(lines, decisions, probs, metadata.furniture_lines(decisions))
    found = metadata.title_candidates(facts)
    if not found or probs[found[0], mt.CLASSES.index("title")] < tagger.thresholds.get("title", 0.5):
        return None
    right = np.array([_agrees(mt.title_value(lines.blocks, k), title) for k in found], float)
    return Sample(site, tc.features(facts, found), right, kind)


def fit(samples: Sequence[Sample], info: dict | None = None) -> tc.Chooser:
    """The chooser of the samples where some but not every candidate is right (the others teach nothing):
    boosted trees on whether each candidate is right, from its facts in the context of its document's."""
    from sklearn.ensemble import HistGradientBoostingClassifier
    from threadpoolctl import threadpool_limits

    from .fit import export_forest

    useful = [s for s in samples if s.right.any() and not s.right.all()]
    x = np.vstack([tc.context(s.features) for s in useful])
    y = np.concatenate([s.right for s in useful])
    clf = HistGradientBoostingClassifier(max_iter=TREES, learning_rate=LEARNING_RATE, max_depth=DEPTH,
                                         l2_regularization=L2, random_state=0, early_stopping=False)
    with threadpool_limits(1):  # one thread: the same sums in the same order, the same bytes
        clf.fit(x, y)
    forest = export_forest(clf)
    return tc.Chooser(forest.roots, forest.feature, forest.threshold, forest.left, forest.value, forest.depth,
                      {**(info or {}), "pages": len(useful), "version": VERSION})


def cross_validated(samples: Sequence[Sample], k: int = FOLDS) -> dict[str, tuple[int, int, int]]:
    """Per kind of sample (page, zoo): how many, and in how many the chosen candidate is right by the chooser
    fitted without the sample's site fold, and by the tagger's own first choice."""
    out = {kind: [0, 0, 0] for kind in sorted({s.kind for s in samples})}
    for f in range(k):
        held = [s for s in samples if fold_of(s.site, k) == f]
        chooser = fit([s for s in samples if fold_of(s.site, k) != f])
        for s in held:
            counts = out[s.kind]
            counts[0] += 1
            counts[1] += int(s.right[int(np.argmax(chooser.scores(s.features)))])
            counts[2] += int(s.right[0])
    return {kind: (n, learned, first) for kind, (n, learned, first) in out.items()}


def training_samples(pages: list[Page], dumps: dict[str, str], cache: Cache) -> list[Sample]:
    """Every page's sample and every zoo document's (the pages' bodies wrapped in train wordings, where the
    title is not the first line as often as in page dumps), read by a tagger trained without its site fold."""
    from tempfile import TemporaryDirectory

    from . import meta_fit

    samples: list[Sample] = []
    with TemporaryDirectory() as folder:
        for f in range(FOLDS):
            path = Path(folder) / f"tagger-fold{f}.json"
            meta_fit.write(meta_fit.fit(meta_fit.training_samples(pages, dumps, cache, exclude_fold=(f, FOLDS)),
                                        {"fold": f, "k": FOLDS}), path)
            held = [page for page in pages if fold_of(page.site, FOLDS) == f]
            samples += fold_samples(held, dumps, Config(extra={"meta_model_file": str(path)}))
    return samples


def fold_samples(pages: list[Page], dumps: dict[str, str], config: Config) -> list[Sample]:
    """The samples of one fold's pages and of the zoo's train-split documents built on their bodies, read
    with the tagger in `config` (one that never saw them)."""
    from . import meta_fit

    found = [page_sample(page, dumps[page.key], config) for page in pages if page.title]
    docs = zoo.generate(meta_fit.zoo_bodies(pages), split="train", seed=meta_fit.SEED)
    found += [text_sample(doc.text, doc.metadata["title"], doc.site, config, doc.language, "zoo")
              for doc in docs if doc.metadata.get("title")]
    return [sample for sample in found if sample is not None]


def write(chooser: tc.Chooser, path: Path) -> None:
    """Write the chooser as JSON (fixed rounding: same trees, same bytes)."""
    path.write_text(json.dumps(chooser.to_dict(), ensure_ascii=False, separators=(",", ":")) + "\n", "utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    """Train the shipped title choice on all of wcxb-dev and report its site-fold cross-validation."""
    from .meta_fit import wcxb_dumps

    ap = argparse.ArgumentParser(prog="python -m cleaner.model.training.title_fit", description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=Path(str(tc.default_path())))
    ap.add_argument("--limit", type=int, default=None, help="only the first N wcxb-dev pages")
    args = ap.parse_args(argv)
    found = wcxb_dumps(args.limit)
    if found is None:
        return 1
    pages, dumps, cache = found
    samples = training_samples(pages, dumps, cache)
    scores = cross_validated(samples)
    chooser = fit(samples, {"trained_on": f"wcxb-dev ({len(pages)} pages) + zoo train split",
                            "cross_validated": {kind: list(v) for kind, v in scores.items()}})
    write(chooser, args.out)
    print(f"wrote {args.out}: {len(samples)} documents with candidates")
    for kind, (n, learned, first) in scores.items():
        print(f"  {kind}: right title, site folds held out: {learned} of {n} (the tagger's first choice: {first})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
