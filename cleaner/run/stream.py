"""`cleaner.clean_many`: the library's batch call, many documents in, their Results out in order.

It is the command line's engine (batch.run) behind the one-call API's types: documents stream
through (a bounded number read ahead), optionally in worker processes, and a document that fails
gives an empty Result carrying `error` instead of stopping the iteration.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from ..config import DEFAULT, Config
from ..document import Metadata, Result
from ..io.item import Item
from ..io.readers import size_error

Document = str | bytes | tuple[str | bytes, str | None]
"""A document for clean_many: text or HTML (str or bytes), or a (document, url) pair."""


def _items(documents: Iterable[Document], max_bytes: int) -> Iterator[Item]:
    """The documents as Items; one over `max_bytes` carries the error instead (never sent to a worker)."""
    for i, document in enumerate(documents):
        url = None
        if isinstance(document, tuple):
            document, url = document
        if not isinstance(document, (str, bytes)) or not (url is None or isinstance(url, str)):
            raise TypeError(f"document {i}: expected str, bytes or a (document, url) pair, "
                            f"got {type(document).__name__}")
        name, rel = f"<document {i}>", Path(f"{i}.txt")
        too_large = size_error(document, max_bytes)
        if too_large:
            yield Item(name, rel, url=url, error=too_large)
        else:
            yield Item(name, rel, data=document, url=url)  # str goes through as str


def clean_many(documents: Iterable[Document], *, jobs: int = 1, config: Config | None = None) -> Iterator[Result]:
    """Clean every document, yielding one Result per document in input order, as they are done.

    With `jobs` > 1 the documents are cleaned in that many worker processes (their Results then
    come without `blocks` and `decisions`). A document that cannot be cleaned (binary data, over
    Config.max_bytes or the time limit, a page too large to trust) yields an empty Result whose `error`
    says why. `documents` is an iterable of documents: a single str or bytes is refused (TypeError).

        >>> [r.text for r in clean_many(["Body of the first story.", "Share this article\\n\\nSecond story."])]
        ['Body of the first story.', 'Second story.']
    """
    if isinstance(documents, (str, bytes)):
        raise TypeError(f"clean_many() takes an iterable of documents, not one {type(documents).__name__}: "
                        "clean() cleans one document, or give a list of them")
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        raise ValueError(f"jobs must be a whole number of at least 1, got {jobs!r}")
    return _results(documents, jobs, config or DEFAULT)


def _results(documents: Iterable[Document], jobs: int, config: Config) -> Iterator[Result]:
    """The Results of clean_many, streamed from the batch engine."""
    from . import batch

    for outcome in batch.run(_items(documents, config.max_bytes), config, jobs=jobs):
        if outcome.result is not None:
            outcome.result.source = None
            yield outcome.result
        else:
            yield Result("", Metadata(), [], error=outcome.error)
