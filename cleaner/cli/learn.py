"""`cleaner learn PATH... -o profile.json`: learn each site's recurring boilerplate lines from a corpus."""
from __future__ import annotations

import argparse
import contextlib
import dataclasses
import math
import os
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from ..config import Config
from ..corpus.profile import MIN_DOCS, MIN_SHARE, Profile, ProfileBuilder
from ..corpus.profile_rule import ProfileRule, host
from ..io.encoding import DecodeError, decode, is_html
from ..io.item import Item
from ..io.readers import Found, count_documents, input_kind, iter_files, iter_items, load
from ..run import batch
from ..run.work import Outcome
from . import options
from .progress import Progress
from .terminal import printable


AUTO_LEARN_MIN_DOCS = math.ceil(MIN_DOCS / MIN_SHARE)
"""Documents a site needs before `clean` learns its profile by itself (25 with the profile's
defaults). From here on a line must be on a fifth of the site's pages, not merely on MIN_DOCS
of a small sample, where a quote recurring in a short story series could pass."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `learn`."""
    options.add_inputs(parser, help="files or folders of the corpus (text, HTML, JSONL, WARC)")
    parser.add_argument("-o", "--output", metavar="FILE", help="where to write the profile (JSON)")
    parser.add_argument("--show", action="store_true",
                        help="print every learned line in clear text, per site (without -o: only print them)")
    parser.add_argument("--text-field", default="text", metavar="NAME", help="field holding the text in JSONL records")


def site_of(item: Item) -> str | None:
    """The site a document belongs to: its URL's host, else the top folder it was found in."""
    from_url = host(item.url)
    if from_url:
        return from_url
    if len(item.rel.parts) > 1:
        return item.rel.parts[0]
    return Path(os.path.abspath(item.name)).parent.name or None


def document_text(item: Item, configured: str = "auto") -> str:
    """The text the rules will see: the decoded dump, or the main text extracted from HTML (the HTML
    stage alone: the text rules would only be run for nothing), told apart as cleaning does
    (`configured`: Config.input_kind)."""
    text = decode(item.data or b"")
    if is_html(text, input_kind(item.fields.get("file", item.name), configured)):
        from ..html.extract import extract

        text = extract(text, item.url).text
    return text


def text_outcome(item: Item, config: Config) -> Outcome:
    """The text of one document as the rules see it, or why it cannot be read (work for batch.each)."""
    light = dataclasses.replace(item, data=None)
    try:
        return Outcome(light, text=document_text(item, config.input_kind))
    except DecodeError as exc:
        return Outcome(light, error=str(exc))
    except Exception as exc:  # a bug or a pathological input leaves this document out, never the run
        return Outcome(light, error=f"cannot read: {type(exc).__name__}: {exc}")


def learn(items: Iterable[Item], config: Config, jobs: int = 1, min_site_docs: int = 1,
          progress: Progress | None = None) -> tuple[Profile, int, int]:
    """The profile of these documents, how many were read and how many could not be; sites with fewer
    documents are left out. Each document is read under the run's time limit, in `jobs` worker
    processes (batch.each). Unreadable documents are named through `progress` when given."""
    builder = ProfileBuilder()
    read = failed = 0
    for outcome in batch.each(text_outcome, items, config, jobs):
        if outcome.text is not None:
            builder.add(outcome.text, site_of(outcome.item))
            read += 1
            continue
        failed += 1
        if progress is not None:
            progress.note(printable(f"cleaner: {outcome.item.name}: {outcome.error}"))
    profile = builder.build()
    if min_site_docs > 1:
        kept = {site: entry for site, entry in profile.sites.items() if entry.documents >= min_site_docs}
        profile = Profile(profile.min_docs, profile.min_share, profile.max_entries, kept)
    return profile, read, failed


def _may_learn(paths: Sequence[str]) -> bool:
    """Whether a site of these inputs may reach AUTO_LEARN_MIN_DOCS documents; known without reading
    when they are plain files (their site is their folder), assumed for JSONL and WARC (sites by URL)."""
    if count_documents(list(paths)) is None:
        return True
    sites: Counter[str | None] = Counter(site_of(Item(str(file), rel)) for file, rel in iter_files(paths))
    return any(n >= AUTO_LEARN_MIN_DOCS for n in sites.values())


@contextlib.contextmanager
def auto_profile(paths: Sequence[str], config: Config, text_field: str, enabled: bool = True,
                 jobs: int = 1, found: Sequence[Found] | None = None) -> Iterator[Config]:
    """The config to clean with: when folders are cleaned without a profile, first learn one from them.

    Only sites with AUTO_LEARN_MIN_DOCS documents are learned (when no site has that many files,
    the pass is skipped without reading); the pass shows its own progress bar and says what it
    learned; it reads under the run's time limit, in `jobs` processes. The profile lives in a
    temporary file (worker processes read it by path) for as long as the context lasts.
    """
    folders = "-" not in paths and any(Path(p).is_dir() for p in paths)
    if not (enabled and folders and config.profile is None and config.allows(ProfileRule.id) and _may_learn(paths)):
        yield config
        return
    total = count_documents(list(paths)) if Progress.would_show() else None
    with Progress(total=total, desc="learning") as progress:
        items = iter_items(paths, config.max_bytes, text_field) if found is None else load(
            found, config.max_bytes, text_field)  # what the plan found (--exclude'd folders left out)
        profile, read, _ = learn(progress.track(items), config, jobs, AUTO_LEARN_MIN_DOCS)
    learned = sum(len(entry.lines) for entry in profile.sites.values())
    sites = sum(1 for entry in profile.sites.values() if entry.lines)
    if not learned:
        print(f"cleaner: learned no repeated line from {read} document(s): no site has {AUTO_LEARN_MIN_DOCS} "
              "document(s) sharing a line on a fifth of them (--no-learn skips this pass)", file=sys.stderr)
        yield config
        return
    print(f"cleaner: learned {learned} repeated line(s) from {sites} site(s) ({read} document(s); "
          "`cleaner learn --show` lists them, --no-learn skips this pass)", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="cleaner-") as folder:
        path = Path(folder) / "profile.json"
        profile.save(path)
        yield config.replace(profile=str(path))


def show(profile: Profile) -> list[str]:
    """The learned lines of every site in clear text: a heading per site, then `documents  line`."""
    out = []
    for site, entry in sorted(profile.sites.items(), key=lambda kv: (kv[0] is not None, str(kv[0]))):
        if not entry.lines:
            continue
        out.append(f"# {site or '(no site)'}: {len(entry.lines)} line(s) learned from {entry.documents} document(s)")
        for documents, text in entry.learned():
            out.append(f"{documents:6d}  {text if text is not None else '(text not kept: learned from one document)'}")
    return out


def run(args: argparse.Namespace, config: Config) -> int:
    """Learn the profile of every input and save it (and/or show it); a summary per site goes to stderr."""
    if not args.output and not args.show:
        raise options.UsageError("give -o FILE to write the profile, or --show to print what is learned")
    paths = options.input_paths(args)
    total = count_documents(paths) if Progress.would_show() else None
    with Progress(total=total, desc="learning") as progress:
        profile, read, failed = learn(progress.track(iter_items(paths, config.max_bytes, args.text_field)), config,
                                      progress=progress)
    if not read:
        print(options.nothing_found(paths) if not failed else "cleaner: no document could be read", file=sys.stderr)
        print("cleaner: nothing learned, no profile written", file=sys.stderr)
        return options.EXIT_FINDINGS if failed else options.EXIT_USAGE
    if args.output:
        try:
            profile.save(args.output)
        except OSError as exc:
            print(f"cleaner: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
            return options.EXIT_FINDINGS
    if args.show:
        print("\n".join(show(profile)))
    for site, entry in sorted(profile.sites.items(), key=lambda kv: str(kv[0])):
        print(f"cleaner: {site}: {entry.documents} document(s), {len(entry.lines)} boilerplate line(s) learned",
              file=sys.stderr)
    where = f" into {args.output}" if args.output else ""
    failures = f", {failed} could not be read" if failed else ""
    print(f"cleaner: learned from {read} document(s){where}{failures}", file=sys.stderr)
    return options.EXIT_FINDINGS if failed else options.EXIT_OK
