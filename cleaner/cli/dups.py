"""`cleaner dups PATH...`: pairs of documents telling the same story, with their similarity score."""
from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from dataclasses import dataclass

from ..config import Config
from ..corpus.same_story import story
from ..io import formats
from ..io.encoding import DecodeError, decode
from ..io.readers import iter_items
from ..run import batch
from . import options
from .terminal import printable

OPTIONS = ("rules", "model", "profile")  # they shape the cleaned text that is compared


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `dups`."""
    options.add_inputs(parser, help="files or folders (text, HTML, JSONL, WARC; .gz too)")
    parser.add_argument("--raw", action="store_true",
                        help="compare the inputs as they are (default: the prose of their cleaned text, so shared "
                             "boilerplate or teasers left in do not make two pages of a site look alike)")
    parser.add_argument("--threshold", type=options.number(float, 0.0, above=True, high=1.0), default=None, metavar="X",
                        help="3-gram containment from which a pair is reported (default: cleaner.corpus.same_story's)")
    parser.add_argument("--text-field", default="text", metavar="NAME", help="field holding the text in JSONL records")


@dataclass
class _Run:
    """What a dups run read: documents, and those that could not be read or cleaned."""

    documents: int = 0
    failures: int = 0


def texts(args: argparse.Namespace, config: Config, paths: list[str], tally: _Run) -> Iterator[tuple[str, str]]:
    """(name, text) of every readable input: its cleaned text, or with --raw its decoded text; failures go to stderr."""
    items = iter_items(paths, config.max_bytes, args.text_field)
    if not args.raw:
        for outcome in batch.run(items, config):
            tally.documents += 1
            if outcome.error is None:
                yield formats.doc_name(outcome.item), story(outcome.result.text)
            else:
                tally.failures += 1
                print(printable(f"cleaner: {outcome.item.name}: {outcome.error}"), file=sys.stderr)
        return
    for item in items:
        tally.documents += 1
        error = item.error
        if error is None:
            try:
                yield formats.doc_name(item), decode(item.data or b"")
                continue
            except DecodeError as exc:
                error = str(exc)
        tally.failures += 1
        print(printable(f"cleaner: {item.name}: {error}"), file=sys.stderr)


def run(args: argparse.Namespace, config: Config) -> int:
    """Print one line per pair, `score<TAB>kind<TAB>a<TAB>b`, most similar first; exit 1 when a document failed."""
    from ..corpus.same_story import CONTAINMENT_THRESHOLD, find_same_story

    threshold = CONTAINMENT_THRESHOLD if args.threshold is None else args.threshold
    paths = options.input_paths(args)
    tally = _Run()
    try:
        pairs = find_same_story(texts(args, config, paths, tally), threshold=threshold)
    except ValueError as exc:  # the same document named twice
        raise options.UsageError(str(exc)) from None
    for pair in sorted(pairs, key=lambda p: (-p.score, p.a, p.b)):
        print(f"{pair.score:.3f}\t{pair.kind}\t{printable(pair.a)}\t{printable(pair.b)}")
    if not tally.documents:
        print(options.nothing_found(paths), file=sys.stderr)
    failed = f", {tally.failures} could not be read" if tally.failures else ""
    print(f"cleaner: {len(pairs)} pair(s) telling the same story among {tally.documents} document(s){failed}",
          file=sys.stderr)
    return options.EXIT_FINDINGS if tally.failures else options.EXIT_OK
