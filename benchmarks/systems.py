"""The system registry: name -> factory.

A **factory** takes a :class:`BenchContext` (the corpus, its pages with gold,
their dumps and fold assignment) and returns either a :class:`System` or a
bare callable ``predict(page: PageInput) -> Prediction | str | None``. It may
raise :class:`SystemUnavailable` (e.g. ``cleaner`` cannot be imported); the
run then lists the system as unavailable and goes on. Factory time (loading,
training) is not counted in pages/s; only the per-page ``predict`` call is.

Each ``predict`` call gets one :class:`PageInput`: the page id, raw HTML
bytes, its dump text, the URL when known, and **its fold** (``page.fold`` in
``range(page.k)``, from :func:`benchmarks.corpora.fold_of`).

Extension point — cross-validated systems
-----------------------------------------
A learned system must never be scored on pages it was trained on. Train one
model per fold in the factory, each on the pages of the *other* folds, and
pick the model by ``page.fold`` at prediction time::

    @register("cleaner-text-cv")
    def cleaner_text_cv(ctx: BenchContext) -> System:
        import cleaner
        models = {}
        for f in range(ctx.k):
            train = [p for p in ctx.pages if ctx.folds[p.id] != f]   # gold in p.gold_text / p.with_
            models[f] = my_train(train, {p.id: ctx.dumps[p.id] for p in train})
        return System(lambda page: cleaner.clean(page.dump, config=models[page.fold]).text)

``python -m benchmarks.run --cv K`` sets ``k`` (default 5). Registering a new
system is just ``SYSTEMS["name"] = factory`` (or the :func:`register`
decorator) before :func:`benchmarks.run.main` runs, e.g. in this module.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from . import baselines
from .corpora import Page


class SystemUnavailable(Exception):
    """Raised by a factory when its system cannot run here (the reason is the message)."""


@dataclass(frozen=True)
class PageInput:
    """What a system sees of one page."""

    id: str
    html: bytes
    dump: str
    url: str | None
    fold: int
    k: int


@dataclass
class Prediction:
    """A system's output for one page: body text, optional metadata and the raw result."""

    text: str
    title: str | None = None
    author: str | None = None
    date: str | None = None
    raw: Any = None


@dataclass
class BenchContext:
    """Everything a factory may use: corpus name, pages (with gold), dumps by id, folds by id, k."""

    corpus: str
    pages: list[Page]
    dumps: dict[str, str]
    folds: dict[str, int]
    k: int
    cv_models: Path | None = None


MetadataFn = Callable[[PageInput, Prediction], "dict[str, str | None]"]


@dataclass
class System:
    """A ready-to-run system.

    ``predict`` is timed. ``metadata`` (optional, untimed) gives ``{"title", "author", "date"}``
    for the metadata table from the page and the prediction; systems without it are left out of
    that table.
    """

    predict: Callable[[PageInput], "Prediction | str | None"]
    metadata: MetadataFn | None = None
    description: str = ""
    info: dict[str, Any] = field(default_factory=dict)


Factory = Callable[[BenchContext], "System | Callable[[PageInput], Prediction | str | None]"]
SYSTEMS: dict[str, Factory] = {}


def register(name: str) -> Callable[[Factory], Factory]:
    """Decorator: add a factory to :data:`SYSTEMS` under ``name``."""

    def deco(factory: Factory) -> Factory:
        SYSTEMS[name] = factory
        return factory

    return deco


def as_prediction(out: "Prediction | str | None") -> Prediction:
    """Normalise whatever ``predict`` returned to a :class:`Prediction` (None -> empty text)."""
    if isinstance(out, Prediction):
        return out
    if out is None:
        return Prediction("")
    if isinstance(out, str):
        return Prediction(out)
    # Anything with a .text (e.g. cleaner.Result) is accepted too.
    return _from_result(out)


# ---------------------------------------------------------------------------
# Baselines
# ---------------------------------------------------------------------------


@register("raw-dump")
def _raw_dump(ctx: BenchContext) -> System:
    return System(lambda page: baselines.raw_dump(page.dump), description="the dump unchanged")


@register("c4-lines")
def _c4_lines(ctx: BenchContext) -> System:
    return System(lambda page: baselines.c4_lines(page.dump), description="C4 line rules on the dump")


@register("c4-lines-no-lorem")
def _c4_lines_no_lorem(ctx: BenchContext) -> System:
    return System(
        lambda page: baselines.c4_lines(page.dump, drop_lorem=False),
        description="C4 line rules on the dump, without the lorem-ipsum rule",
    )


def _trafilatura_factory(setting: str, with_metadata: bool) -> Factory:
    def factory(ctx: BenchContext) -> System:
        try:
            import trafilatura  # noqa: F401
        except Exception as exc:  # pragma: no cover - trafilatura is a dev dependency
            raise SystemUnavailable(f"import trafilatura failed: {exc}") from exc
        meta = None
        if with_metadata:
            meta = lambda page, pred: baselines.trafilatura_metadata(page.html, page.url)  # noqa: E731
        return System(
            lambda page: baselines.trafilatura_extract(page.html, page.url, setting),
            metadata=meta,
            description=f"trafilatura.extract on the HTML ({setting})",
        )

    return factory


@register("readability-lxml")
def _readability_lxml(ctx: BenchContext) -> System:
    try:
        import readability  # noqa: F401
    except Exception as exc:  # pragma: no cover - readability-lxml is a bench dependency
        raise SystemUnavailable(f"import readability failed: {exc}") from exc
    return System(lambda page: baselines.readability_extract(page.html),
                  description="readability-lxml Document.summary on the HTML, as text")


# Only the default setting reports metadata: extract_metadata ignores the body settings.
SYSTEMS["trafilatura"] = _trafilatura_factory("default", with_metadata=True)
SYSTEMS["trafilatura-precision"] = _trafilatura_factory("precision", with_metadata=False)
SYSTEMS["trafilatura-recall"] = _trafilatura_factory("recall", with_metadata=False)
SYSTEMS["trafilatura-no-comments"] = _trafilatura_factory("no-comments", with_metadata=False)


# ---------------------------------------------------------------------------
# cleaner
# ---------------------------------------------------------------------------


def _import_clean() -> Callable[..., Any]:
    """``cleaner.clean`` or :class:`SystemUnavailable` with the reason."""
    try:
        import cleaner
    except Exception as exc:  # ImportError, but also a half-written package
        raise SystemUnavailable(f"import cleaner failed: {type(exc).__name__}: {exc}") from exc
    clean = getattr(cleaner, "clean", None)
    if not callable(clean):
        raise SystemUnavailable("cleaner has no clean()")
    return clean


def _from_result(result: Any) -> Prediction:
    """A ``cleaner.Result`` (or anything with ``.text`` / ``.metadata``) as a Prediction."""
    if result is None:
        return Prediction("")
    meta = getattr(result, "metadata", None)
    return Prediction(
        text=getattr(result, "text", None) or "",
        title=getattr(meta, "title", None),
        author=getattr(meta, "author", None),
        date=getattr(meta, "date", None),
        raw=result,
    )


def _meta_from_prediction(page: PageInput, pred: Prediction) -> dict[str, str | None]:
    return {"title": pred.title, "author": pred.author, "date": pred.date}


@register("cleaner-text")
def _cleaner_text(ctx: BenchContext) -> System:
    clean = _import_clean()
    return System(
        lambda page: _from_result(clean(page.dump)),
        metadata=_meta_from_prediction,
        description="cleaner.clean on the dump text",
    )


@register("cleaner-html")
def _cleaner_html(ctx: BenchContext) -> System:
    clean = _import_clean()
    return System(
        lambda page: _from_result(clean(page.html, url=page.url)),
        metadata=_meta_from_prediction,
        description="cleaner.clean on the HTML bytes (with url when known)",
    )


# Systems defined in their own modules register themselves on import. A module
# that cannot be imported must not break the baselines: it is skipped with a note.
def _load_plugins(names: tuple[str, ...] = ("learned",)) -> None:
    import importlib
    import sys

    for mod in names:
        try:
            importlib.import_module(f"{__package__}.{mod}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__package__}.{mod}":
                print(f"benchmarks: systems of {mod}.py not loaded: {exc}", file=sys.stderr)
        except Exception as exc:  # noqa: BLE001
            print(f"benchmarks: systems of {mod}.py not loaded: {type(exc).__name__}: {exc}", file=sys.stderr)


_load_plugins()  # learned.py: cleaner-text-cv
