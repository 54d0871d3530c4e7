"""Cross-validated learned system: `cleaner-text-cv`, cleaner on the dump with a held-out line model.

Both corpora are pooled and split by :func:`benchmarks.corpora.fold_of`; the model for fold f is
trained on every page (of either corpus) outside fold f, plus synthetic dumps built from the gold
bodies of those pages, and only scores pages of fold f. Readability pages are labelled by their
gold body; trafilatura-eval pages by trafilatura's extraction of the HTML (silver) overridden by
their with/without segments. Fold models are cached in ``benchmarks/.cache/cv-line-models/``,
keyed by cleaner's code and data and the labelled pages, so the second corpus reuses the first one's
models and any change to rules, features, training or labels retrains them.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from . import corpora
from .dumps import build_dumps
from .systems import BenchContext, System, SystemUnavailable, _from_result, _meta_from_prediction, register

CACHE_DIR = Path(__file__).resolve().parent / ".cache"
MODEL_DIR = CACHE_DIR / "cv-line-models"


def silver_bodies(pages: list[corpora.Page]) -> dict[str, str]:
    """trafilatura's text of each trafilatura-eval page (cached in ``.cache/silver-trafilatura.json``)."""
    from .baselines import trafilatura_extract

    path = CACHE_DIR / "silver-trafilatura.json"
    cache = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    missing = [p for p in pages if p.id not in cache]
    for p in missing:
        cache[p.id] = trafilatura_extract(p.html, p.url)
    if missing:
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(cache, ensure_ascii=False), encoding="utf-8")
    return {p.id: cache[p.id] for p in pages}


def pooled_examples() -> tuple[list, dict[str, str]]:
    """Labelled examples of both corpora (page id -> Example) and the gold bodies used for synthesis."""
    from cleaner import train

    examples, bodies = [], {}
    if corpora.available("readability"):
        pages = corpora.load("readability")
        dumps = build_dumps(((p.id, p.html) for p in pages))
        for p in pages:
            examples.append(train.Example(p.id, dumps[p.id], train.labels_from_gold(dumps[p.id], p.gold_text)))
            bodies[p.id] = p.gold_text
    if corpora.available("trafilatura"):
        pages = corpora.load("trafilatura")
        dumps = build_dumps(((p.id, p.html) for p in pages))
        silver = silver_bodies(pages)
        for p in pages:
            base = train.labels_from_gold(dumps[p.id], silver[p.id]) if silver[p.id] else None
            labels, weights = train.labels_from_segments(dumps[p.id], p.with_, p.without, base)
            examples.append(train.Example(p.id, dumps[p.id], labels, weights))
    return examples, bodies


def _key(examples: list, k: int) -> str:
    """Cache key of the fold models: cleaner's code and pattern data (the heuristic verdicts are
    features; training parameters live in cleaner/train.py), and the pooled pages with their labels."""
    import cleaner

    package = Path(cleaner.__file__).parent
    h = hashlib.sha1()
    for path in sorted([*package.rglob("*.py"), *package.glob("data/*.toml")]):
        h.update(path.relative_to(package).as_posix().encode())
        h.update(path.read_bytes())
    h.update(json.dumps([[e.page_id, e.text, e.labels, e.weights] for e in examples]).encode())
    h.update(str(k).encode())
    return h.hexdigest()[:12]


def fold_models(k: int) -> dict[int, Path]:
    """Path of the line model for each fold, training (and caching) the missing ones."""
    from cleaner import train

    examples, bodies = pooled_examples()
    key = _key(examples, k)
    MODEL_DIR.mkdir(parents=True, exist_ok=True)
    paths = {f: MODEL_DIR / f"{key}-fold{f}-of{k}.json" for f in range(k)}
    todo = [f for f, path in paths.items() if not path.exists()]
    if todo:
        print(f"\n    featurising {len(examples)} pages ...", end="", file=sys.stderr, flush=True)
        data = train.design(examples + train.synthetic_examples(sorted(bodies.items())))
    for f in todo:
        keep = {pid for pid in data.ids if corpora.fold_of(pid.removeprefix(train.SYNTHETIC_PREFIX), k) != f}
        print(f"\n    training fold {f}/{k} ...", end="", file=sys.stderr, flush=True)
        train.save(train.fit(data.subset(keep)), paths[f])
    return paths


@register("cleaner-text-cv")
def cleaner_text_cv(ctx: BenchContext) -> System:
    """cleaner on the dump, each page decided by the model trained without its fold."""
    try:
        import cleaner
        from cleaner.config import DEFAULT
    except Exception as exc:
        raise SystemUnavailable(f"import cleaner failed: {exc}") from exc
    try:
        paths = fold_models(ctx.k)
    except ImportError as exc:
        raise SystemUnavailable(f"training needs the `train` extra: {exc}") from exc
    configs = {f: DEFAULT.replace(extra={"model_file": str(p)}) for f, p in paths.items()}
    return System(
        lambda page: _from_result(cleaner.clean(page.dump, config=configs[page.fold])),
        metadata=_meta_from_prediction,
        description=f"cleaner.clean on the dump, line model trained on the other {ctx.k - 1} folds of both corpora",
        info={"models": {f: str(p) for f, p in paths.items()}},
    )
