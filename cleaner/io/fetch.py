"""One page from the web, for `cleaner clean --url URL` with no path (as trafilatura's -u fetches one).

Standard library only: http and https, redirects followed, a time limit and a size limit, and every
failure a one-line reason on the Item (the run reports it like an unreadable file).
"""
from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

from .item import Item

USER_AGENT = "cleaner (article boilerplate stripper)"


def check_url(url: str) -> str | None:
    """Why `url` cannot name a page (None when it can): only absolute http(s) URLs are fetched or used."""
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        return f"not a URL: {exc}"
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "not an http(s) URL with a host"
    return None


def fetch(url: str, max_bytes: int, timeout: float | None) -> Item:
    """The page at `url` as an Item named after it, or an Item carrying why it could not be fetched."""
    name = Path(urlsplit(url).path).name or "index"
    rel = Path(name if "." in name else name + ".html")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout or None) as response:
            data = response.read(max_bytes + 1)
            final = response.geturl()
    except urllib.error.HTTPError as exc:
        return Item(url, rel, url=url, error=f"cannot fetch: HTTP {exc.code} {exc.reason}")
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", None) or exc
        return Item(url, rel, url=url, error=f"cannot fetch: {reason}")
    if len(data) > max_bytes:
        return Item(url, rel, url=url, error=f"larger than the limit of {max_bytes} bytes")
    return Item(url, rel, data=data, url=final)
