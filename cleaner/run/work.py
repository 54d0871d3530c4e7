"""One document's work in this process: its outcome, or the one-line reason it failed.

The batch engine (batch.py) and the Dask engine (distributed.py) both send these functions to workers.
"""
from __future__ import annotations

import dataclasses
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field

from .. import workers
from ..config import Config
from ..document import NO_ARTICLE, Result
from ..io.encoding import DecodeError
from ..io.item import Item
from ..io.readers import input_kind

# Documents in flight per worker (being cleaned or done, waiting for their turn in input order):
# enough to keep a worker busy while a slow document holds the head of the line, few enough that
# memory does not grow with the corpus (peak RSS measured flat in benchmarks/scale.py).
WINDOW_PER_WORKER = 4


@dataclass
class Outcome:
    """One document's result, or the one-line reason it failed; skipped when its output is done."""

    item: Item
    result: Result | None = None
    error: str | None = None
    skipped: bool = False
    text: str | None = None
    """The decoded text of the document, when only that was asked for (the learning pass)."""
    warnings: list[str] = field(default_factory=list)
    """What cleaning warned about (e.g. a URL that does not parse, then ignored)."""


def settled(item: Item) -> Outcome | None:
    """The outcome of a document that needs no work (skipped, or failed when read), else None."""
    if item.skipped:
        return Outcome(item, skipped=True)
    if item.error is not None:
        return Outcome(item, error=item.error)
    return None


def clean_item(item: Item, config: Config) -> Outcome:
    """Clean one read document in this process, with no time limit (the caller's worker pool has it);
    every error becomes the outcome's one-line error."""
    done = settled(item)
    if done is not None:
        return done
    from .. import pipeline

    file = item.fields.get("file", item.name)
    config = config.for_path(file)  # per-file-ignores
    kind = input_kind(file, config.input_kind)  # a .html file (or a WARC record) is a page
    if kind != config.input_kind:
        config = config.replace(input_kind=kind)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            with workers.collection_paused():
                result = pipeline.clean(item.data or b"", url=item.url, config=config, source=item.name, timeout=0)
    except DecodeError as exc:
        return Outcome(item, error=str(exc))
    except Exception as exc:  # a bug or a pathological input fails this document, never the run
        return Outcome(item, error=f"cannot clean: {type(exc).__name__}: {exc}")
    said = [str(w.message) for w in caught]
    if result.error and not result.text and result.error != NO_ARTICLE:  # e.g. a page too deep to trust
        return Outcome(item, error=result.error, warnings=said)
    return Outcome(item, result, warnings=said)


# A short page of each kind, cleaned in a parent process before it forks its workers (prime): one paragraph, so
# that it loads what any document of its kind needs (the pattern scan, the data, the model when it is on) and
# nothing a document may not (a `check` of one file paid 23 ms more for a primer with a byline and a date line).
_PRIMERS = {
    "text": "The council voted on Tuesday to repair the old sea wall before the winter storms, after a long debate.\n",
    "html": "<html><head><title>Council approves repairs to the harbour wall</title></head><body><article>"
            "<p>The council voted on Tuesday to repair the old sea wall before the winter storms, after a long "
            "debate.</p></article></body></html>",
}


def prime(item: Item, config: Config) -> None:
    """Clean a short built-in page of `item`'s kind in this process, so that the worker processes forked
    after it start with the model, the pattern scan and the data files loaded: each would load them on its
    first document (about 0.3 s of processor per worker, and again for a worker replaced after a time limit).
    Only where workers are forked; what the primer's cleaning says is dropped (the workers report their own).
    What it loaded is then frozen out of the cycle collector's sight (gc.freeze): a worker's full collections
    no longer walk the data every document shares, nor write to the pages it shares with the parent."""
    import gc
    import multiprocessing

    if multiprocessing.get_start_method() != "fork":  # spawned workers start from nothing whatever is loaded here
        return
    file = item.fields.get("file", item.name)
    sample = _PRIMERS["html" if input_kind(file, config.input_kind) == "html" else "text"]
    clean_item(dataclasses.replace(item, data=sample.encode("utf-8"), url=None), config)
    gc.freeze()


def clean_light(item: Item, config: Config) -> Outcome:
    """clean_item for another process: the outcome travels back without the input and per-block data."""
    outcome = clean_item(item, config)
    outcome.item = dataclasses.replace(item, data=None)
    if outcome.result is not None:
        outcome.result.blocks, outcome.result.decisions = [], []
    return outcome


def clean_detailed(item: Item, config: Config) -> Outcome:
    """clean_item for another process, keeping the per-block data (`explain` shows every decision)."""
    outcome = clean_item(item, config)
    outcome.item = dataclasses.replace(item, data=None)
    return outcome


Work = Callable[[Item, Config], Outcome]
