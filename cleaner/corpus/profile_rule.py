"""`profile.learned`: lines a corpus profile (`cleaner learn`) knows as a site's template are boilerplate.

Runs as a `later` rule in decide(): it only takes blocks the heuristic rules left in the body.
"""
from __future__ import annotations

import functools
import os
from pathlib import PurePath
from urllib.parse import urlsplit

from ..config import Config
from ..document import Verdict
from ..text.rules.base import Context, ContextRule
from .profile import Profile


class ProfileRule(ContextRule):
    """A line that recurs across many documents of the document's site, as learned from the corpus."""

    id = "profile.learned"
    reason = "line recurs across many documents of this site (learned profile)"
    stage = "profile"

    def __init__(self, profile: Profile, site: str | None) -> None:
        """The rule for documents of `site`, consulting `profile`."""
        self.profile = profile
        self.site = site

    def evaluate(self, ctx: Context) -> dict[int, Verdict]:
        out: dict[int, Verdict] = {}
        total = self.profile.documents(self.site)
        for i, block in enumerate(ctx.blocks):
            if ctx.decided(i):
                continue
            documents = self.profile.doc_frequency(block.text, self.site)
            if documents:
                out[i] = self.verdict({"documents": documents, "site_documents": total, "site": self.site})
        return out


def host(url: str | None) -> str | None:
    """The site name of a URL: its host, lowercased, without 'www.' (None without a URL)."""
    if not url:
        return None
    name = (urlsplit(url).hostname or "").lower()
    return name.removeprefix("www.") or None


def site_for(profile: Profile, url: str | None, source: str | None, given: str | None = None) -> str | None:
    """The profile section a document belongs to: the given site, the URL's host, else the nearest
    folder of its path that the profile knows (`cleaner learn` names sites after top folders)."""
    for candidate in (given, host(url)):
        if candidate:
            return candidate
    for folder in PurePath(os.path.abspath(source)).parents if source else ():
        if folder.name in profile.sites:
            return folder.name
    return None


@functools.lru_cache(maxsize=4)
def _load(path: str, mtime: float) -> Profile:
    """A profile file, read once per process (and again when the file changes)."""
    return Profile.load(path)


def load_profile(path: str) -> Profile:
    """The profile at `path`; ValueError names the file when it is missing or not a profile."""
    try:
        return _load(path, os.stat(path).st_mtime)
    except OSError as exc:
        raise ValueError(f"cannot read profile {path}: {exc.strerror or exc}") from None


def profile_rules(config: Config, url: str | None, source: str | None) -> tuple[ContextRule, ...]:
    """The profile rule for one document when Config.profile names a profile file, else nothing."""
    if not config.profile or not config.allows(ProfileRule.id):
        return ()
    profile = load_profile(config.profile)
    return (ProfileRule(profile, site_for(profile, url, source, config.site)),)

