"""Cross-validated learned systems: `cleaner-text-cv`, cleaner on the dump with a held-out model, and
`cleaner-html-cv`, cleaner on the HTML with a held-out page-type model.

The model for fold f is trained by `cleaner train --hold-out f k` (cleaner.model.training.build): every
corpus page and zoo body whose **site** is outside fold f; it only scores pages of fold f. Fold
models are cached in ``benchmarks/.cache/cv-models/``, keyed by cleaner's code and data and the
corpora's files (names and sizes), so any change to rules, features, training or data retrains
them. Training all folds takes a while (about the time of a full retrain per fold), so only the
folds of the pages being scored are trained (`--folds`), and `--cv-models DIR` keeps fold models in
a folder of the user's choice (``fold{f}-of{k}.npz``), reused whatever the code's state.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Iterable
from pathlib import Path

from . import corpora
from .systems import BenchContext, System, SystemUnavailable, _from_result, _meta_from_prediction, register

MODEL_DIR = Path(__file__).resolve().parent / ".cache" / "cv-models"


def _key(k: int) -> str:
    """Cache key of the fold models: cleaner's code and data, the corpora's files, and k."""
    import cleaner

    package = Path(cleaner.__file__).parent
    h = hashlib.sha1()
    for path in sorted(p for p in [*package.rglob("*.py"), *package.rglob("*.toml")]):
        h.update(path.relative_to(package).as_posix().encode())
        h.update(path.read_bytes())
    root = corpora.corpora_dir()
    for path in sorted(root.rglob("*")):
        if path.is_file():
            h.update(f"{path.relative_to(root).as_posix()}:{path.stat().st_size}".encode())
    h.update(str(k).encode())
    return h.hexdigest()[:12]


def fold_models(k: int, folds: Iterable[int] | None = None, folder: Path | None = None) -> dict[int, Path]:
    """Path of the model of each fold (all k, or `folds`), training (and caching) the missing ones:
    in `folder` as fold{f}-of{k}.npz when given, else in the cache keyed by code and corpora."""
    from cleaner.model.training.build import build_model
    from cleaner.model.training.corpora import fold_of

    wanted = sorted(set(range(k) if folds is None else folds))
    if folder is None:
        key = _key(k)
        MODEL_DIR.mkdir(parents=True, exist_ok=True)
        paths = {f: MODEL_DIR / f"{key}-fold{f}-of{k}.npz" for f in wanted}
    else:
        folder.mkdir(parents=True, exist_ok=True)
        paths = {f: folder / f"fold{f}-of{k}.npz" for f in wanted}
    for f, path in paths.items():
        if not path.exists():
            print(f"\n    training the model without fold {f}/{k} ...", file=sys.stderr, flush=True)
            build_model(corpora.corpora_dir(), path, lambda site, f=f: fold_of(site, k) != f)
    return paths


def fold_configs(k: int, folds: Iterable[int] | None = None, folder: Path | None = None) -> dict[int, object]:
    """A cleaner Config per fold (all k, or `folds`), pointing at that fold's model."""
    from cleaner.config import DEFAULT

    return {f: DEFAULT.replace(extra={"model_file": str(p)}) for f, p in fold_models(k, folds, folder).items()}


@register("cleaner-text-cv")
def cleaner_text_cv(ctx: BenchContext) -> System:
    """cleaner on the dump, each page decided by the model trained without its site's fold."""
    try:
        import cleaner
    except Exception as exc:
        raise SystemUnavailable(f"import cleaner failed: {exc}") from exc
    try:
        configs = fold_configs(ctx.k, set(ctx.folds.values()), ctx.cv_models)
    except ImportError as exc:
        raise SystemUnavailable(f"training needs the `train` extra: {exc}") from exc
    return System(
        lambda page: _from_result(cleaner.clean(page.dump, config=configs[page.fold])),
        metadata=_meta_from_prediction,
        description=f"cleaner.clean on the dump, model trained without the page's site fold (of {ctx.k})",
        info={"models": {f: os.path.relpath(c.extra["model_file"], corpora.REPO_ROOT) for f, c in configs.items()}},
    )


PAGE_TYPE_DIR = Path(__file__).resolve().parent / ".cache" / "page-type-models"


def page_type_models(k: int, folds: Iterable[int]) -> dict[int, Path]:
    """Path of the page-type model of each fold, trained on wcxb-dev without that fold's sites (cached,
    keyed like the fold models by cleaner's code and data and the corpora's files)."""
    from cleaner.model.training.corpora import fold_of
    from cleaner.model.training.page_type_fit import train

    PAGE_TYPE_DIR.mkdir(parents=True, exist_ok=True)
    key = _key(k)
    paths = {f: PAGE_TYPE_DIR / f"{key}-fold{f}-of{k}.json" for f in sorted(set(folds))}
    for f, path in paths.items():
        if not path.exists():
            print(f"\n    training the page-type model without fold {f}/{k} ...", file=sys.stderr, flush=True)
            if not train(path, lambda site, f=f: fold_of(site, k) != f):
                raise SystemUnavailable("the page-type model needs wcxb-dev to train on")
    return paths


@register("cleaner-html-cv")
def cleaner_html_cv(ctx: BenchContext) -> System:
    """cleaner on the HTML, each page's type read by the model trained without its site's fold."""
    from cleaner.config import DEFAULT

    try:
        import cleaner
    except Exception as exc:
        raise SystemUnavailable(f"import cleaner failed: {exc}") from exc
    try:
        paths = page_type_models(ctx.k, set(ctx.folds.values()))
    except ImportError as exc:
        raise SystemUnavailable(f"training needs the `train` extra: {exc}") from exc
    configs = {f: DEFAULT.replace(extra={"page_type_file": str(p)}) for f, p in paths.items()}
    return System(
        lambda page: _from_result(cleaner.clean(page.html, url=page.url, config=configs[page.fold])),
        metadata=_meta_from_prediction,
        description=f"cleaner.clean on the HTML, page-type model trained without the page's site fold (of {ctx.k})",
        info={"page_type_models": {f: os.path.relpath(p, corpora.REPO_ROOT) for f, p in paths.items()}},
    )
