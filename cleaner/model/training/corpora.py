"""Pages with gold from the development corpora, read in place: one small adapter per corpus.

Every adapter yields `Page`s with the same fields, so the dumps, the labels, the training and the
benchmarks never look at a corpus's own file layout. A new corpus is one function registered in
ADAPTERS. Pages carry their `site` (registered domain, or the page family when there is no URL):
folds are drawn by site, so no site is in both the training and the held-out folds.
"""
from __future__ import annotations

import gzip
import json
import os
import re
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

# Second-level labels under a country code that registrars sell names below (news.bbc.co.uk is bbc.co.uk).
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "gov", "ac", "edu", "ne", "or", "go", "gv"})


@dataclass(frozen=True)
class Page:
    """One page of a corpus: where its HTML is, and whatever gold the corpus has for it."""

    corpus: str
    id: str
    site: str
    html_path: Path
    url: str | None = None
    gold_body: str | None = None
    """The main content as plain text, paragraphs separated by blank lines (None: segments only)."""
    with_: tuple[str, ...] = ()
    without: tuple[str, ...] = ()
    title: str | None = None
    author: str | None = None
    date: str | None = None
    page_type: str | None = None
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def key(self) -> str:
        """Unique across corpora: corpus/id."""
        return f"{self.corpus}/{self.id}"

    def html(self) -> bytes:
        """The page's bytes as fetched (gunzipped when stored compressed)."""
        data = self.html_path.read_bytes()
        return gzip.decompress(data) if self.html_path.suffix == ".gz" else data


def corpora_dir(start: Path | None = None) -> Path:
    """`$CLEANER_CORPORA`, else the first `shared/corpora` beside a parent of `start` (default: cwd)."""
    env = os.environ.get("CLEANER_CORPORA")
    if env:
        return Path(env).expanduser().resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder.parent / "shared" / "corpora"
        if candidate.is_dir():
            return candidate
    return here.parent / "shared" / "corpora"


def site_of(url: str | None, fallback: str) -> str:
    """The registered domain of `url` (www. and subdomains dropped), or `fallback` without a URL."""
    host = (urlsplit(url).hostname or "") if url else ""
    labels = [part for part in host.lower().split(".") if part]
    if len(labels) < 2:
        return fallback
    keep = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL else 2
    return ".".join(labels[-keep:])


def fold_of(site: str, k: int = 5) -> int:
    """The fold of a site in range(k): CRC-32 of its name, stable across runs and machines."""
    if k < 1:
        raise ValueError("k must be >= 1")
    return zlib.crc32(site.encode("utf-8")) % k


def wcxb(root: Path) -> Iterator[Page]:
    """WCXB dev split: ground-truth/<id>.json (main_content, title, author, publish_date) + html/<id>.html.gz."""
    for truth in sorted((root / "ground-truth").glob("*.json")):
        data = json.loads(truth.read_text(encoding="utf-8"))
        gold, page_id = data.get("ground_truth", {}), truth.stem
        html = root / "html" / f"{page_id}.html.gz"
        if not html.is_file():
            continue
        url = data.get("url")
        yield Page("wcxb-dev", page_id, site_of(url, page_id), html, url,
                   gold.get("main_content") or None, tuple(gold.get("with") or ()), tuple(gold.get("without") or ()),
                   gold.get("title") or None, gold.get("author") or None, gold.get("publish_date") or None,
                   data.get("_internal", {}).get("page_type", {}).get("primary"))


def readability(root: Path) -> Iterator[Page]:
    """Readability.js test pages: <name>/source.html, expected.html (the gold body) and expected-metadata.json."""
    from .dumps import html_to_text

    for folder in sorted(p for p in root.iterdir() if (p / "source.html").is_file()):
        meta_path, expected = folder / "expected-metadata.json", folder / "expected.html"
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.is_file() else {}
        gold = html_to_text(expected.read_bytes(), "layout") if expected.is_file() else None
        family = re.sub(r"-\d+$", "", folder.name)  # nytimes-1 and nytimes-2 are one site
        yield Page("readability", folder.name, family, folder / "source.html", None, gold,
                   title=meta.get("title") or None, author=meta.get("byline") or None,
                   date=meta.get("publishedTime") or None, page_type="article", extra=meta)


def trafilatura_eval(root: Path) -> Iterator[Page]:
    """trafilatura's evaluation set: evaldata.json {url: {file, with, without}} + html/<file>."""
    data = json.loads((root / "evaldata.json").read_text(encoding="utf-8"))
    for url, item in sorted(data.items(), key=lambda kv: kv[1]["file"]):
        html = root / "html" / item["file"]
        if html.is_file():
            yield Page("trafilatura-eval", item["file"], site_of(url, item["file"]), html, url, None,
                       tuple(item.get("with") or ()), tuple(item.get("without") or ()))


ADAPTERS: dict[str, tuple[str, Callable[[Path], Iterator[Page]]]] = {
    "wcxb-dev": ("wcxb-dev", wcxb),
    "readability": ("readability", readability),
    "trafilatura-eval": ("trafilatura-eval", trafilatura_eval),
}
"""Corpus name -> (folder under the corpora dir, adapter)."""


def available(name: str, root: Path | None = None) -> bool:
    """Whether the named corpus is on disk."""
    folder, _ = ADAPTERS[name]
    return ((root or corpora_dir()) / folder).is_dir()


def load(name: str, root: Path | None = None, limit: int | None = None) -> list[Page]:
    """The pages of a corpus in a stable order (at most `limit`)."""
    if name not in ADAPTERS:
        raise ValueError(f"unknown corpus {name!r}; known: {', '.join(ADAPTERS)}")
    folder, adapter = ADAPTERS[name]
    pages: list[Page] = []
    for page in adapter((root or corpora_dir()) / folder):
        if limit is not None and len(pages) >= limit:
            break
        pages.append(page)
    return pages
