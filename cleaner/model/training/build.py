"""One command's worth of training: labelled dumps of every corpus and the zoo, prepared, fitted, written."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from . import dataset, docs, fit
from .cache import Cache


def build_model(root: Path, output: Path, keep_site: Callable[[str], bool] = lambda site: True,
                cache: Cache | None = None, jobs: int = 2) -> dict:
    """Train on the corpora under `root` (pages and zoo bodies of the kept sites), write `output`,
    and return the model's info (sizes, the out-of-fold page F1, the trusted rules)."""
    cache = cache or Cache()
    items = dataset.corpus_items(root, keep_site, cache, jobs)
    fit.log(f"{len(items)} labelled dumps of the corpora; generating the zoo (train wordings)")
    items += dataset.zoo_items(root, keep_site, "train", cache)
    fit.log(f"{len(items)} documents; heuristic features")
    prepared = [docs.prepare(item, cache) for item in items]
    model = fit.train(prepared)
    fit.save(model, output)
    return model.info
