"""`cleaner dups PATH...`: pairs of documents telling the same story, with their similarity score."""
from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator

from .. import batch, formats
from ..config import Config
from ..encoding import DecodeError, decode
from ..readers import iter_items

HELP = "find documents telling the same story (copies, re-translations, paraphrases) and print the pairs"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `dups`."""
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (text, HTML, JSONL, WARC; .gz too)")
    parser.add_argument("--raw", action="store_true",
                        help="compare the inputs as they are (default: their cleaned text, so shared boilerplate "
                             "does not make two pages of a site look alike)")
    parser.add_argument("--threshold", type=float, default=None, metavar="X",
                        help="3-gram containment from which a pair is reported (default: cleaner.corpus's)")
    parser.add_argument("--text-field", default="text", metavar="NAME", help="field holding the text in JSONL records")


def texts(args: argparse.Namespace, config: Config) -> Iterator[tuple[str, str]]:
    """(name, text) of every readable input: its cleaned text, or with --raw its decoded text; failures go to stderr."""
    items = iter_items(args.paths, config.max_bytes, args.text_field)
    if not args.raw:
        for outcome in batch.run(items, config):
            if outcome.error is None:
                yield formats.doc_name(outcome.item), outcome.result.text
            else:
                print(f"cleaner: {outcome.item.name}: {outcome.error}", file=sys.stderr)
        return
    for item in items:
        error = item.error
        if error is None:
            try:
                yield formats.doc_name(item), decode(item.data or b"")
                continue
            except DecodeError as exc:
                error = str(exc)
        print(f"cleaner: {item.name}: {error}", file=sys.stderr)


def run(args: argparse.Namespace, config: Config) -> int:
    """Print one line per pair, `score<TAB>kind<TAB>a<TAB>b`, most similar first."""
    from ..corpus import CONTAINMENT_THRESHOLD, find_same_story

    threshold = CONTAINMENT_THRESHOLD if args.threshold is None else args.threshold
    try:
        pairs = find_same_story(texts(args, config), threshold=threshold)
    except ValueError as exc:
        print(f"cleaner: {exc}", file=sys.stderr)
        return 2
    for pair in sorted(pairs, key=lambda p: (-p.score, p.a, p.b)):
        print(f"{pair.score:.3f}\t{pair.kind}\t{pair.a}\t{pair.b}")
    print(f"cleaner: {len(pairs)} pair(s) telling the same story", file=sys.stderr)
    return 0
