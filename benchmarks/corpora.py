"""Loading the development corpora (read in place, never copied into the repo).

The corpora live in ``../shared/corpora/`` relative to the repository root
(the parent of this ``benchmarks/`` folder); set ``CLEANER_CORPORA`` to point
elsewhere. Two corpora:

* ``readability`` — 100 pages from Mozilla Readability's test suite; the gold
  body is the text of ``expected.html`` (converted like the dumps, see
  :func:`benchmarks.dumps.html_to_text`), metadata from
  ``expected-metadata.json``.
* ``trafilatura`` — 990 pages of trafilatura's evaluation set; the gold is
  ``with``/``without`` segment lists from ``evaldata.json``.

Also :func:`fold_of`, a deterministic k-fold assignment by page id, so a
learned system can train on k-1 folds and be scored on the held-out one.
"""

from __future__ import annotations

import json
import os
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
CORPUS_NAMES = ("readability", "trafilatura")


def corpora_dir() -> Path:
    """Where the corpora are: ``$CLEANER_CORPORA`` or ``<repo>/../shared/corpora``."""
    env = os.environ.get("CLEANER_CORPORA")
    return Path(env).expanduser().resolve() if env else (REPO_ROOT.parent / "shared" / "corpora").resolve()


def fold_of(page_id: str, k: int = 5) -> int:
    """Deterministic fold in ``range(k)`` of a page: CRC-32 of its UTF-8 id, modulo k.

    Stable across runs, machines and Python versions (unlike ``hash``).
    """
    if k < 1:
        raise ValueError("k must be >= 1")
    return zlib.crc32(page_id.encode("utf-8")) % k


@dataclass
class ReadabilityPage:
    """One Readability test page: source HTML, gold body text and expected metadata."""

    id: str
    html: bytes
    gold_text: str
    metadata: dict[str, Any] = field(default_factory=dict)
    url: str | None = None  # the test pages are served from a fake host: no real URL


@dataclass
class SegmentPage:
    """One trafilatura-eval page: HTML plus segments the body must / must not contain."""

    id: str
    html: bytes
    with_: list[str]
    without: list[str]
    url: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)  # other evaldata fields (title, author, ...)


Page = ReadabilityPage | SegmentPage


def available(name: str) -> bool:
    """True when the named corpus is present on disk."""
    base = corpora_dir()
    if name == "readability":
        return (base / "readability").is_dir()
    if name == "trafilatura":
        return (base / "trafilatura-eval" / "evaldata.json").is_file()
    raise ValueError(f"unknown corpus {name!r}; known: {', '.join(CORPUS_NAMES)}")


def load_readability(limit: int | None = None) -> list[ReadabilityPage]:
    """Load the Readability pages in id order (at most ``limit``)."""
    from .dumps import html_to_text

    base = corpora_dir() / "readability"
    pages = []
    for d in sorted(p for p in base.iterdir() if (p / "source.html").is_file()):
        if limit is not None and len(pages) >= limit:
            break
        meta_path = d / "expected-metadata.json"
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.is_file() else {}
        expected = d / "expected.html"
        gold = html_to_text(expected.read_bytes()) if expected.is_file() else ""
        pages.append(ReadabilityPage(id=d.name, html=(d / "source.html").read_bytes(), gold_text=gold, metadata=meta))
    return pages


def load_trafilatura(limit: int | None = None) -> list[SegmentPage]:
    """Load the trafilatura-eval pages in file-name order (at most ``limit``)."""
    base = corpora_dir() / "trafilatura-eval"
    data = json.loads((base / "evaldata.json").read_text(encoding="utf-8"))
    entries = sorted(data.items(), key=lambda kv: kv[1]["file"])
    pages = []
    for url, item in entries:
        if limit is not None and len(pages) >= limit:
            break
        path = base / "html" / item["file"]
        if not path.is_file():
            continue
        extra = {k: v for k, v in item.items() if k not in ("file", "with", "without")}
        pages.append(
            SegmentPage(
                id=item["file"],
                html=path.read_bytes(),
                with_=list(item.get("with", [])),
                without=list(item.get("without", [])),
                url=url,
                metadata=extra,
            )
        )
    return pages


def load(name: str, limit: int | None = None) -> list[Page]:
    """Load a corpus by name (``readability`` or ``trafilatura``)."""
    if name == "readability":
        return load_readability(limit)
    if name == "trafilatura":
        return load_trafilatura(limit)
    raise ValueError(f"unknown corpus {name!r}; known: {', '.join(CORPUS_NAMES)}")
