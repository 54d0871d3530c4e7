"""`cleaner learn PATH... -o profile.json`: learn each site's recurring boilerplate lines from a corpus."""
from __future__ import annotations

import argparse
import contextlib
import math
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from ..config import Config
from ..encoding import DecodeError, decode, looks_like_html
from ..profile import MIN_DOCS, MIN_SHARE, Profile, ProfileBuilder
from ..readers import Item, iter_items
from ..rules.profile_rule import ProfileRule, host

HELP = "learn a boilerplate profile (lines recurring across a site's documents) for clean/check --profile"

AUTO_LEARN_MIN_DOCS = math.ceil(MIN_DOCS / MIN_SHARE)
"""Documents a site needs before `clean` learns its profile by itself (25 with the profile's
defaults). From here on a line must be on a fifth of the site's pages, not merely on MIN_DOCS
of a small sample, where a quote recurring in a short story series could pass."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `learn`."""
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="files or folders of the corpus (text, HTML, JSONL, WARC)")
    parser.add_argument("-o", "--output", required=True, metavar="FILE", help="where to write the profile (JSON)")
    parser.add_argument("--text-field", default="text", metavar="NAME", help="field holding the text in JSONL records")


def site_of(item: Item) -> str | None:
    """The site a document belongs to: its URL's host, else the top folder it was found in."""
    from_url = host(item.url)
    if from_url:
        return from_url
    if len(item.rel.parts) > 1:
        return item.rel.parts[0]
    return Path(os.path.abspath(item.name)).parent.name or None


def document_text(item: Item) -> str:
    """The text the rules will see: the decoded dump, or the main text extracted from HTML."""
    text = decode(item.data or b"")
    if looks_like_html(text):
        from ..pipeline import clean

        text = clean(text, url=item.url, config=Config(use_model=False)).source_text
    return text


def learn(items: Iterable[Item], min_site_docs: int = 1, report: bool = True) -> tuple[Profile, int]:
    """The profile of these documents and how many were read; sites with fewer documents are left out.

    Unreadable documents are skipped, and named on stderr when `report` is set.
    """
    builder = ProfileBuilder()
    read = 0
    for item in items:
        error = item.error
        if error is None:
            try:
                builder.add(document_text(item), site_of(item))
                read += 1
            except DecodeError as exc:
                error = str(exc)
        if error is not None and report:
            print(f"cleaner: {item.name}: {error}", file=sys.stderr)
    profile = builder.build()
    if min_site_docs > 1:
        kept = {site: entry for site, entry in profile.sites.items() if entry.documents >= min_site_docs}
        profile = Profile(profile.min_docs, profile.min_share, profile.max_entries, kept)
    return profile, read


@contextlib.contextmanager
def auto_profile(paths: Sequence[str], config: Config, text_field: str, enabled: bool = True) -> Iterator[Config]:
    """The config to clean with: when folders are cleaned without a profile, first learn one from them.

    Only sites with AUTO_LEARN_MIN_DOCS documents are learned; the profile lives in a temporary
    file (worker processes read it by path) for as long as the context lasts.
    """
    folders = "-" not in paths and any(Path(p).is_dir() for p in paths)
    if not (enabled and folders and config.profile is None and config.allows(ProfileRule.id)):
        yield config
        return
    profile, read = learn(iter_items(paths, config.max_bytes, text_field), AUTO_LEARN_MIN_DOCS, report=False)
    if not any(entry.lines for entry in profile.sites.values()):
        yield config
        return
    learned = sum(len(entry.lines) for entry in profile.sites.values())
    print(f"cleaner: learned {learned} boilerplate line(s) of {len(profile.sites)} site(s) from {read} document(s) "
          "(--no-learn to skip)", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="cleaner-") as folder:
        path = Path(folder) / "profile.json"
        profile.save(path)
        yield config.replace(profile=str(path))


def run(args: argparse.Namespace, config: Config) -> int:
    """Learn the profile of every input and save it; a summary per site goes to stderr."""
    profile, read = learn(iter_items(args.paths, config.max_bytes, args.text_field))
    try:
        profile.save(args.output)
    except OSError as exc:
        print(f"cleaner: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    for site, entry in sorted(profile.sites.items(), key=lambda kv: str(kv[0])):
        print(f"cleaner: {site}: {entry.documents} document(s), {len(entry.lines)} boilerplate line(s) learned",
              file=sys.stderr)
    print(f"cleaner: learned from {read} document(s) into {args.output}", file=sys.stderr)
    return 0 if read else 1
