"""The benchmark's view of the development corpora, read in place through cleaner's data layer.

`cleaner.model.training.corpora` has one adapter per corpus; here each page gets its bytes loaded and
the gold the benchmark scores against:

* ``readability`` — 100 Readability.js test pages; gold body: the text of ``expected.html``
  (converted like the dumps); metadata from ``expected-metadata.json``.
* ``trafilatura`` — 990 pages of trafilatura's evaluation set; gold: with/without segments.
* ``wcxb`` — the WCXB dev split: 1,495 pages with a human-reviewed body (``main_content``),
  title, author and publish date, of seven page types (articles, forums, products...).

Folds are drawn **by site** (:func:`fold_of` of the page's registered domain), so a learned system
never sees a page of the held-out site while training.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cleaner.model.training import corpora as layer

REPO_ROOT = Path(__file__).resolve().parent.parent
CORPUS_NAMES = ("readability", "trafilatura", "wcxb")
ADAPTER = {"readability": "readability", "trafilatura": "trafilatura-eval", "wcxb": "wcxb-dev"}
BODY_CORPORA = frozenset({"readability", "wcxb"})
"""Corpora scored by the gold body (shingle metric); the others by segments."""


def corpora_dir() -> Path:
    """Where the corpora are: ``$CLEANER_CORPORA`` or ``<repo>/../shared/corpora``."""
    return layer.corpora_dir(REPO_ROOT)


def fold_of(site: str, k: int = 5) -> int:
    """The fold of a site in ``range(k)`` (stable CRC-32; see cleaner.model.training.corpora.fold_of)."""
    return layer.fold_of(site, k)


@dataclass
class Page:
    """One benchmark page: its bytes, site, and gold (a body, or segments), plus gold metadata."""

    id: str
    html: bytes
    site: str
    url: str | None = None
    gold_text: str | None = None
    with_: list[str] = field(default_factory=list)
    without: list[str] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)
    """Gold metadata: `title`, `author`, `date` (ISO) where the corpus has them."""
    page_type: str | None = None


def available(name: str) -> bool:
    """True when the named corpus is present on disk."""
    if name not in ADAPTER:
        raise ValueError(f"unknown corpus {name!r}; known: {', '.join(CORPUS_NAMES)}")
    return layer.available(ADAPTER[name], corpora_dir())


def load(name: str, limit: int | None = None) -> list[Page]:
    """The pages of a corpus in a stable order (at most ``limit``); body corpora keep pages with a body."""
    if name not in ADAPTER:
        raise ValueError(f"unknown corpus {name!r}; known: {', '.join(CORPUS_NAMES)}")
    pages = []
    for p in layer.load(ADAPTER[name], corpora_dir()):
        if limit is not None and len(pages) >= limit:
            break
        if name in BODY_CORPORA and not p.gold_body:
            continue
        meta = {"title": p.title, "author": p.author, "date": p.date}
        pages.append(Page(p.id, p.html(), p.site, p.url, p.gold_body, list(p.with_), list(p.without),
                          {k: v for k, v in meta.items() if v}, p.page_type))
    return pages
