"""HTML -> plain-text dumps, the input users of ``cleaner`` actually have.

A dump is ``html_text.extract_text(html, guess_layout=True)``: the visible text
of the page (scripts/styles dropped), one block per line with blank lines
between blocks, all markup gone. The same conversion gives the gold text of
the Readability corpus from ``expected.html``.

Bytes are decoded here, not by lxml, so every system that takes text sees the
same string: BOM first, then strict UTF-8, then the charset declared in the
page (``<meta charset>`` / ``http-equiv`` / XML declaration; a page declaring
UTF-8 with a few broken bytes is decoded as UTF-8 with replacement), then
lenient UTF-8 if the bytes are overwhelmingly valid UTF-8, then
``charset_normalizer`` detection, and UTF-8 with replacement as a last resort.
Strict UTF-8 goes before the declaration because pages that declare
ISO-8859-1 but are really UTF-8 are far more common than Latin-1 bytes that
happen to be valid UTF-8.

Dumps of a corpus can be cached on disk (``benchmarks/.cache/``, git-ignored),
keyed by the SHA-1 of the HTML and the html_text version.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import os
import re
from pathlib import Path
from typing import Iterable

import html_text

CACHE_DIR = Path(__file__).resolve().parent / ".cache"

_META_CHARSET_RE = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE
)
_XML_DECL_RE = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)
# As browsers do (WHATWG): Latin-1/ASCII labels mean windows-1252; GB2312/GBK
# are decoded as their superset GB18030.
_ALIASES = {
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "gb2312": "gb18030",
    "gbk": "gb18030",
}


def declared_charset(data: bytes, window: int = 8192) -> str | None:
    """The charset a page declares in its first ``window`` bytes, as a Python codec name, or None."""
    head = data[:window]
    m = _META_CHARSET_RE.search(head) or _XML_DECL_RE.search(head)
    if not m:
        return None
    label = m.group(1).decode("ascii", "ignore").strip().lower()
    label = _ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode_html(data: bytes | str) -> str:
    """Decode page bytes to text (see the module docstring for the order of attempts)."""
    if isinstance(data, str):
        return data
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(enc, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = declared_charset(data)
    if declared in ("utf-8", "utf_8"):
        # Declared UTF-8 with a few broken bytes (e.g. a truncated string in a script).
        return data.decode("utf-8", errors="replace")
    if declared:
        try:
            return data.decode(declared)
        except (UnicodeDecodeError, LookupError):
            pass
    lenient = data.decode("utf-8", errors="replace")
    bad = lenient.count("\ufffd")
    if sum(1 for ch in lenient if ch > "\x7f") - bad >= 10 * bad:
        return lenient  # overwhelmingly valid UTF-8
    try:
        import charset_normalizer

        best = charset_normalizer.from_bytes(data).best()
        if best is not None:
            return str(best)
    except Exception:  # pragma: no cover - detection is best effort
        pass
    return data.decode("utf-8", errors="replace")


_XML_DECL_STR_RE = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)


def html_to_text(html: bytes | str) -> str:
    """Visible text of an HTML page, one block a line, blank lines between blocks."""
    text = decode_html(html)
    # lxml refuses str input that carries an encoding declaration.
    text = _XML_DECL_STR_RE.sub("", text, count=1)
    return html_text.extract_text(text, guess_layout=True)


def _cache_key(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()


def _version() -> str:
    return f"html_text-{getattr(html_text, '__version__', '?')}-v2"


def build_dumps(items: Iterable[tuple[str, bytes]], cache_name: str | None = None) -> dict[str, str]:
    """Dump every ``(page_id, html_bytes)``; reuse/refresh ``.cache/<cache_name>.json`` when named.

    Set ``CLEANER_BENCH_NO_CACHE=1`` to skip the cache entirely.
    """
    use_cache = cache_name is not None and not os.environ.get("CLEANER_BENCH_NO_CACHE")
    path = CACHE_DIR / f"{cache_name}.json" if cache_name else None
    cache: dict[str, dict[str, str]] = {}
    if use_cache and path is not None and path.exists():
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
            if stored.get("version") == _version():
                cache = stored.get("pages", {})
        except (OSError, ValueError):
            cache = {}
    out: dict[str, str] = {}
    dirty = False
    for page_id, data in items:
        key = _cache_key(data)
        hit = cache.get(page_id)
        if hit and hit.get("sha1") == key:
            out[page_id] = hit["text"]
            continue
        out[page_id] = html_to_text(data)
        cache[page_id] = {"sha1": key, "text": out[page_id]}
        dirty = True
    if use_cache and dirty and path is not None:
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps({"version": _version(), "pages": cache}, ensure_ascii=False), encoding="utf-8")
        tmp.replace(path)
    return out
