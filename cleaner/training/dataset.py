"""Labelled documents for training and evaluation: every corpus page in every dump style, labelled.

A `Labelled` document is a dump with one label per block (see `align`), its page's site (for folds
grouped by site), corpus, style and page type. Building them is cached by content (the HTML, the
gold, the dump style and the code versions of dumps and alignment).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from . import align, corpora, dumps
from .cache import Cache

# Bump when alignment changes, so cached labels are rebuilt.
LABELS_VERSION = "labels-2"


@dataclass(frozen=True)
class Labelled:
    """One dump of one page with a label per block (None: unknown)."""

    key: str
    site: str
    corpus: str
    style: str
    page_type: str | None
    text: str
    labels: tuple[str | None, ...]
    gold: bool
    """Whether the labels come from a whole gold body (else partly, from segments)."""


def _label(page: corpora.Page, text: str) -> list[str | None]:
    if page.gold_body:
        return align.page_labels(text, page.gold_body, page.title, page.author, page.date)
    return align.segment_labels(text, page.with_, page.without)


def _one(job: tuple[corpora.Page, str, str]) -> Labelled:
    page, style, folder = job
    cache = Cache(None if not folder else __import__("pathlib").Path(folder))
    html = page.html()
    gold = "\n".join([page.gold_body or "", *page.with_, "\x00", *page.without, page.title or "",
                      page.author or "", page.date or ""])
    key = cache.key(LABELS_VERSION, dumps.VERSION, style, html, gold)
    hit = cache.get(key)
    if hit is None:
        text = dumps.build([(page.key, html)], style, cache)[page.key]
        hit = (text, tuple(_label(page, text)))
        cache.put(key, hit)
    text, labels = hit
    return Labelled(page.key, page.site, page.corpus, style, page.page_type, text, labels, bool(page.gold_body))


def labelled(pages: Sequence[corpora.Page], styles: Iterable[str] = dumps.STYLES, cache: Cache | None = None,
             jobs: int = 2) -> Iterator[Labelled]:
    """Every page in every style, labelled, in page order then style order (built in `jobs` processes)."""
    folder = str((cache or Cache()).folder)
    work = [(page, style, folder) for page in pages for style in styles]
    if jobs <= 1:
        yield from map(_one, work)
        return
    with ProcessPoolExecutor(jobs) as pool:
        yield from pool.map(_one, work, chunksize=8)
