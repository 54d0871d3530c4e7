"""Boilerplate learned from a corpus: lines that recur across many documents of one site.

The idea is CCNet's (Wenzek et al. 2019), which drops paragraphs repeated across a
shard: a footer, a newsletter prompt or a navigation line is repeated on most pages of
a site, while a sentence of prose is not. ProfileBuilder counts, per site, in how many
documents each normalised line occurs (64-bit hashes, not strings, in a table of bounded
size); build() keeps the lines frequent enough to be a site's template, as a Profile
that is saved as JSON and consulted by the rule that removes them. Next to each learned
hash the profile keeps the line as written, so that a user can review what was learned
(`cleaner learn --show`); a line's text is kept from its second document on, so the long
tail of one-off prose lines costs no string.

Runs inside a pre-commit hook: standard library only.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from ..text.segment import split_lines

FORMAT = "cleaner-profile"
VERSION = 1

MIN_DOCS = 5
"""A line must occur in at least this many documents of a site. Below it recurrence is
not evidence of a template: a quote or a background sentence of a story series recurs
in two to four articles, and a small site's sample is too small to judge."""

MIN_SHARE = 0.2
"""... and in at least this share of the site's documents. Site templates (footers,
navigation, share bars, newsletter prompts, "Advertisement") are on most pages, and a
section's template on a fifth of them or more; a stock phrase of prose such as "did not
immediately respond to a request for comment" stays well under a fifth of a site's
articles. Not measured on a corpus yet: the seeds hold one document per site."""

MAX_ENTRIES = 100_000
"""Most distinct lines tracked per site (about 10 MB of Python ints). A template line
on a fifth of the pages gains a count every five documents, so it is far above count 1
when the table is pruned; what pruning drops is the long tail of one-off prose lines."""

_FORMAT_CHARS = re.compile("[\u00ad\u200b-\u200f\u2060\ufeff]")
_DIGITS = re.compile(r"\d+")
_EDGES = re.compile(r"^[\W_]+|[\W_]+$")


def normalise_line(line: str) -> str:
    """The form in which lines are counted and looked up, so that trivial variants of a template line match.

    NFKC and casefold; invisible format characters removed; every run of digits becomes
    "0" ("© 2024" and "© 2025", "Page 2 of 7" and "Page 3 of 9" are one line); bullets and
    punctuation at either end stripped ("• Share:" is "share"); whitespace collapsed.
    One-word lines are kept: "Advertisement" and "Share" are boilerplate worth learning,
    and the document-count and share requirements are what keep prose out, not length.
    """
    text = _FORMAT_CHARS.sub("", unicodedata.normalize("NFKC", line).casefold())
    text = _EDGES.sub("", _DIGITS.sub("0", text))
    return " ".join(text.split())


def _line_hash(normalised: str) -> int:
    """A stable 64-bit hash of a normalised line (Python's hash() is salted per process)."""
    return int.from_bytes(hashlib.blake2b(normalised.encode("utf-8"), digest_size=8).digest(), "big")


MAX_TEXT_CHARS = 300
"""A learned line's text is kept up to this length (a template line is short; this bounds a freak one)."""


def _doc_lines(doc_text: str) -> list[tuple[int, str]]:
    """The distinct hashes of a document's non-empty normalised lines, each with its first line as
    written, sorted by hash for reproducibility."""
    lines: dict[int, str] = {}
    for line in split_lines(doc_text):
        normalised = normalise_line(line)
        if normalised:
            lines.setdefault(_line_hash(normalised), line)
    return sorted(lines.items())


class ProfileBuilder:
    """Counts, per site, the documents in which each normalised line occurs, in bounded memory.

    When a site's table is full, its rarest entries are dropped (count 1 first, then 2,
    and so on) until at most half the cap remain. Counts therefore only ever undercount:
    a profile never learns a line that occurs in fewer than min_docs documents, and can
    miss one only if it was dropped while still rare.
    """

    def __init__(self, *, max_entries: int = MAX_ENTRIES) -> None:
        """An empty builder whose per-site tables never hold more than max_entries lines."""
        if max_entries < 2:
            raise ValueError(f"max_entries must be at least 2, got {max_entries}")
        self.max_entries = max_entries
        self._documents: Counter[str | None] = Counter()
        self._counts: dict[str | None, dict[int, int]] = {}
        self._texts: dict[str | None, dict[int, str]] = {}

    def add(self, doc_text: str, site: str | None = None) -> None:
        """Count one document of a site (None: the global bucket); a line repeated inside it counts once."""
        self._documents[site] += 1
        counts = self._counts.setdefault(site, {})
        texts = self._texts.setdefault(site, {})
        for key, line in _doc_lines(doc_text):
            if key in counts:
                counts[key] += 1
                if key not in texts:
                    texts[key] = " ".join(line.split())[:MAX_TEXT_CHARS]
                continue
            if len(counts) >= self.max_entries:
                _prune(counts, self.max_entries // 2)
                for gone in [k for k in texts if k not in counts]:
                    del texts[gone]
            counts[key] = 1

    def size(self, site: str | None = None) -> int:
        """Number of distinct lines tracked for a site (never more than max_entries)."""
        return len(self._counts.get(site, {}))

    def build(self, *, min_docs: int = MIN_DOCS, min_share: float = MIN_SHARE) -> Profile:
        """The Profile of lines in at least min_docs documents and min_share of their site's documents."""
        if min_docs < 1:
            raise ValueError(f"min_docs must be at least 1, got {min_docs}")
        if not 0.0 <= min_share <= 1.0:
            raise ValueError(f"min_share must be in [0, 1], got {min_share}")
        sites = {}
        for site, documents in self._documents.items():
            # n / documents, not min_share * documents: 3 of 30 is a share of exactly 0.1.
            lines = {key: n for key, n in self._counts[site].items() if n >= min_docs and n / documents >= min_share}
            texts = {key: text for key, text in self._texts[site].items() if key in lines}
            sites[site] = SiteProfile(documents, MappingProxyType(lines), MappingProxyType(texts))
        return Profile(min_docs, min_share, self.max_entries, MappingProxyType(sites))


def _prune(counts: dict[int, int], target: int) -> None:
    """Drop the entries of lowest count (all of a count together) until at most target remain."""
    histogram = Counter(counts.values())
    remaining, floor = len(counts), 0
    while remaining > target:
        floor += 1
        remaining -= histogram.get(floor, 0)
    for key in [key for key, n in counts.items() if n <= floor]:
        del counts[key]


@dataclass(frozen=True)
class SiteProfile:
    """A site's document count, its learned lines (line hash -> documents it occurs in) and their text
    as written (line hash -> text; a line learned from a single document has none)."""

    documents: int
    lines: Mapping[int, int]
    texts: Mapping[int, str] = field(default_factory=lambda: MappingProxyType({}))

    def learned(self) -> list[tuple[int, str | None]]:
        """(documents, text) of every learned line, most frequent first, for a reader."""
        return sorted(((n, self.texts.get(key)) for key, n in self.lines.items()),
                      key=lambda row: (-row[0], row[1] or ""))


@dataclass(frozen=True)
class Profile:
    """The immutable boilerplate profile of a corpus, per site, with the parameters that built it."""

    min_docs: int
    min_share: float
    max_entries: int
    sites: Mapping[str | None, SiteProfile]

    def contains(self, line: str, site: str | None = None) -> bool:
        """Whether the line is learned boilerplate of this site (only its own: sites never share)."""
        return self.doc_frequency(line, site) > 0

    def doc_frequency(self, line: str, site: str | None = None) -> int:
        """In how many of the site's documents the learned line occurs (0 if not learned): the evidence."""
        normalised = normalise_line(line)
        entry = self.sites.get(site)
        if not normalised or entry is None:
            return 0
        return entry.lines.get(_line_hash(normalised), 0)

    def documents(self, site: str | None = None) -> int:
        """How many documents of the site the profile was learned from."""
        entry = self.sites.get(site)
        return entry.documents if entry else 0

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the profile as JSON (hashes as 16-digit hex, each learned line's text beside them under
        "texts"), replacing the file atomically. Files without "texts" (older ones) still load."""
        sites = [
            {
                "site": site,
                "documents": entry.documents,
                "lines": {f"{key:016x}": n for key, n in sorted(entry.lines.items())},
                "texts": {f"{key:016x}": text for key, text in sorted(entry.texts.items())},
            }
            for site, entry in sorted(self.sites.items(), key=lambda item: (item[0] is not None, item[0] or ""))
        ]
        data = {
            "format": FORMAT,
            "version": VERSION,
            "min_docs": self.min_docs,
            "min_share": self.min_share,
            "max_entries": self.max_entries,
            "sites": sites,
        }
        target = Path(path)
        temporary = target.with_name(target.name + ".tmp")
        temporary.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        os.replace(temporary, target)

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Profile:
        """Read a profile written by save(); a file of another format or version is refused."""
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("version") != VERSION:
            raise ValueError(f"{path}: not a {FORMAT} version {VERSION} file")
        sites = {
            entry["site"]: SiteProfile(
                int(entry["documents"]),
                MappingProxyType({int(key, 16): int(n) for key, n in entry["lines"].items()}),
                MappingProxyType({int(key, 16): str(text) for key, text in entry.get("texts", {}).items()}),
            )
            for entry in data["sites"]
        }
        return cls(int(data["min_docs"]), float(data["min_share"]), int(data["max_entries"]), MappingProxyType(sites))
