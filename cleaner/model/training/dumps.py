"""HTML -> the plain-text dumps real scrapers make, in four styles, cached by content.

- `layout`: html-text with layout guessing (one block a line, blank lines between blocks);
- `plain`: html-text without layout (the visible text joined, often one line per page);
- `lxml`: lxml's `text_content()` of the page without script/style, whitespace tidied per line;
- `paste`: the layout dump with no blank lines, as a browser copy-paste gives.
Bytes are decoded with cleaner's own decoder (BOM, UTF-8, declared charset, detection).
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from ...io.encoding import DecodeError, decode
from .cache import Cache

STYLES = ("layout", "plain", "lxml", "paste")
# Bump when a conversion changes, so cached dumps are rebuilt.
VERSION = "dumps-1"

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_BLANKS = re.compile(r"\n{3,}")


def html_to_text(html: bytes | str, style: str = "layout") -> str:
    """The dump of one page in `style` (see the module docstring); '' when the bytes are not text."""
    try:
        text = decode(html) if isinstance(html, bytes) else html
    except DecodeError:
        return ""
    text = _XML_DECLARATION.sub("", text, count=1)  # lxml refuses str input that declares an encoding
    if not text.strip():
        return ""
    if style in ("layout", "paste", "plain"):
        import html_text

        dump = html_text.extract_text(text, guess_layout=style != "plain")
        return "\n".join(line for line in dump.splitlines() if line.strip()) if style == "paste" else dump
    if style == "lxml":
        return _lxml_text(text)
    raise ValueError(f"unknown dump style {style!r}; known: {', '.join(STYLES)}")


def _lxml_text(text: str) -> str:
    """`text_content()` of the page's body with scripts and styles dropped, spaces tidied per line."""
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        return ""
    for bad in root.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    body = root.find("body")
    raw = (body if body is not None else root).text_content()
    lines = (_SPACES.sub(" ", line).strip() for line in raw.splitlines())
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()


def build(items: Iterable[tuple[str, bytes]], style: str, cache: Cache | None = None) -> dict[str, str]:
    """Dumps of `(key, html)` pairs in `style`, read from / written to `cache` by the HTML's content."""
    out: dict[str, str] = {}
    for key, html in items:
        if cache is None:
            out[key] = html_to_text(html, style)
            continue
        name = cache.key(VERSION, style, html)
        hit = cache.get(name)
        if hit is None:
            hit = html_to_text(html, style)
            cache.put(name, hit)
        out[key] = hit
    return out
