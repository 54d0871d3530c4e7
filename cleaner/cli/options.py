"""What the commands share on the command line: input paths, checked numbers, and the exit codes.

Exit codes are one contract for every command: 0 done, 1 findings (check) or documents that
failed, 2 usage (an unknown option or rule id, a number out of range, a path that does not exist).
"""
from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from collections.abc import Callable

EXIT_OK = 0
EXIT_FINDINGS = 1
"""Boilerplate found by `check`, or documents that could not be read or cleaned."""
EXIT_USAGE = 2

READ_SUFFIXES = ".txt, .text, .html, .htm, .xhtml, .jsonl, .ndjson, .warc (and their .gz)"


class UsageError(Exception):
    """A command line that cannot be run as given; the command stops before any work, exit 2."""


def number(kind: type, low: float, *, above: bool = False, high: float | None = None) -> Callable[[str], float]:
    """An argparse type: a number of `kind` at least `low` (above it with `above`), at most `high`."""

    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not {'an integer' if kind is int else 'a number'}") from None
        if value != value or (value <= low if above else value < low) or (high is not None and value > high):
            bound = f"above {low:g}" if above else f"at least {low:g}"
            raise argparse.ArgumentTypeError(f"{text} is out of range: must be {bound}"
                                             + (f" and at most {high:g}" if high is not None else ""))
        return value

    parse.__name__ = kind.__name__  # argparse names the type in its messages
    return parse


def add_inputs(parser: argparse.ArgumentParser, help: str = "files, folders or - for stdin") -> None:
    """PATH... and -i/--input-file, as every command reading documents takes them."""
    parser.add_argument("paths", nargs="*", metavar="PATH", help=help)
    parser.add_argument("-i", "--input-file", metavar="FILE", action="append", default=[],
                        help="read more paths from FILE, one per line (- for stdin; blank and # lines skipped)")


def input_paths(args: argparse.Namespace, *, allow_none: bool = False) -> list[str]:
    """Every input path of the command line (PATH... then those of each -i file), each checked to exist.

    A path that does not exist is a usage error: nothing is done, so a typo costs no run.
    """
    paths = list(args.paths)
    if "-" in paths and "-" in args.input_file:
        raise UsageError("stdin (-) can be read only once: as a document or as the list of inputs")
    for listing in args.input_file:
        paths += _read_listing(listing)
    if not paths and not allow_none:
        raise UsageError("no input: give PATH... or -i FILE")
    missing = [p for p in paths if p != "-" and not os.path.lexists(p)]
    if missing:
        raise UsageError(f"no such file or folder: {missing[0]}"
                         + (f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""))
    if paths.count("-") > 1:
        raise UsageError("stdin (-) can be read only once")
    return paths


def _read_listing(listing: str) -> list[str]:
    """The paths listed in one -i file: one a line, blank lines and # comments skipped."""
    if listing == "-":
        text = sys.stdin.read()
    else:
        try:
            with open(listing, encoding="utf-8") as fh:
                text = fh.read()
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(f"cannot read the list of inputs {listing}: {getattr(exc, 'strerror', None) or exc}") from None
    return [line.rstrip("\r") for line in text.split("\n") if line.strip() and not line.lstrip().startswith("#")]


def nothing_found(paths: list[str]) -> str:
    """The warning for a run that found no document to read under its paths."""
    shown = ", ".join(paths[:3]) + (f" and {len(paths) - 3} more" if len(paths) > 3 else "")
    return f"cleaner: warning: no documents found in {shown} (cleaner reads {READ_SUFFIXES})"


def add_url(parser: argparse.ArgumentParser) -> None:
    """--url: the address of the one page given (a file or -), or with no path the page to fetch."""
    parser.add_argument("--url", metavar="URL",
                        help="the page's address (for its metadata and site) when one file or - is given; "
                             "with no PATH, fetch the page from the web and clean it")


def documents(args: argparse.Namespace, config, text_field: str = "text"):
    """The Items of the command line's inputs: its paths (checked), or the page fetched with --url."""
    from ..io.readers import iter_items

    url = getattr(args, "url", None)
    paths = input_paths(args, allow_none=url is not None)
    if url is None:
        return paths, iter_items(paths, config.max_bytes, text_field)
    from ..io.fetch import fetch

    check_page(url, paths)
    if not paths:
        return [url], iter([fetch(url, config.max_bytes, config.timeout)])
    return paths, with_url(url, iter_items(paths, config.max_bytes, text_field))


def check_page(url: str, paths: list[str]) -> None:
    """UsageError unless --url is a web address and names one page: one file, -, or none (to fetch)."""
    from ..io.fetch import check_url

    problem = check_url(url)
    if problem:
        raise UsageError(f"--url {url}: {problem}")
    if len(paths) > 1 or (paths and os.path.isdir(paths[0])):
        raise UsageError("--url names one page: give one file, -, or no path to fetch it")


def with_url(url: str, items):
    """The items, each given the --url."""
    return (dataclasses.replace(item, url=url) for item in items)
