"""Labelled documents for training and evaluation: every corpus page in every dump style, labelled.

A `Labelled` document is a dump with one label per block (see `align`), its page's site (for folds
grouped by site), corpus, style and page type. Building them is cached by content (the HTML, the
gold, the dump style and the code versions of dumps and alignment).
"""
from __future__ import annotations

import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

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
    cache = Cache(Path(folder))
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


# Share of pages (1 in EXTRA_STYLE_EVERY) dumped in each style other than `layout` for training:
# the other styles repeat the same lines split differently, so a third of the pages teaches the
# splits without tripling the training time.
EXTRA_STYLE_EVERY = 3
# Zoo documents per language at least (bodies of rarer languages are reused with other boilerplate).
ZOO_MIN_DOCS = 300
ZOO_SEED = 11


def _extra_style(key: str, style: str) -> bool:
    return style == "layout" or zlib.crc32(f"{key}|{style}".encode()) % EXTRA_STYLE_EVERY == 0


def corpus_items(root: Path | None = None, keep_site: Callable[[str], bool] = lambda site: True,
                 cache: Cache | None = None, jobs: int = 2) -> list[Labelled]:
    """Labelled dumps of every corpus present: each page in `layout`, a share in the other styles."""
    out: list[Labelled] = []
    for name in corpora.ADAPTERS:
        if not corpora.available(name, root):
            continue
        pages = [p for p in corpora.load(name, root) if keep_site(p.site)]
        out += [it for it in labelled(pages, dumps.STYLES, cache, jobs) if _extra_style(it.key, it.style)]
    return out


def zoo_items(root: Path | None = None, keep_site: Callable[[str], bool] = lambda site: True,
              split: str = "train", cache: Cache | None = None) -> list[Labelled]:
    """Zoo documents (wordings of `split`) wrapped around the bodies of the kept sites."""
    from . import bodies as zoo_bodies
    from .zoo import generate

    chosen = zoo_bodies.select([b for b in zoo_bodies.load(root, cache) if keep_site(b.site)], None, ZOO_MIN_DOCS)
    return [Labelled(f"zoo/{doc.id}", doc.site, "zoo", f"zoo-{doc.layout}", "zoo", doc.text,
                     tuple(doc.labels), True)
            for doc in generate(chosen, split=split, seed=ZOO_SEED)]
