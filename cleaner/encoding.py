"""Bytes to text: BOMs, declared charsets, detection; and telling HTML from a plain dump."""
from __future__ import annotations

import codecs
import re

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([\w.:-]{2,40})""", re.I)
_HTML_START = re.compile(r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|\?xml)\b", re.I | re.S)
_TAG = re.compile(r"</?(?:p|div|span|a|br|li|ul|td|tr|table|h[1-6]|article|section|script|style|meta|link|img|nav)\b[^>]{0,500}>", re.I)
# Share of NUL bytes above which bytes with no UTF-16/32 BOM are binary, not text.
BINARY_NUL_SHARE = 0.01


class DecodeError(ValueError):
    """The input is not text (binary data) or cannot be decoded."""


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM shows NULs at every other byte; decode it when that pattern holds."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    for share, codec in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if share > 0.4 * half and min(even, odd) < 0.05 * half:
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                return None
    return None


def decode(data: bytes) -> str:
    """Text of `data`: BOM, then UTF-8, then a declared HTML charset, then detection.

    Raises DecodeError for binary data (NUL bytes outside UTF-16/32).
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(codec, errors="replace")
    if b"\x00" in data[:65536]:
        text = _utf16_without_bom(data)
        if text is not None:
            return text
        if data[:65536].count(b"\x00") > BINARY_NUL_SHARE * min(len(data), 65536):
            raise DecodeError("binary data (NUL bytes), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        try:
            return data.decode(declared.group(1).decode("ascii"), errors="replace")
        except LookupError:
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:1_000_000]).best()
    if best is not None and best.encoding:
        return data.decode(best.encoding, errors="replace")
    return data.decode("cp1252", errors="replace")


def looks_like_html(text: str) -> bool:
    """Whether `text` is HTML markup rather than a plain dump (a start tag, or many tags)."""
    head = text[:5000]
    if _HTML_START.match(head):
        return True
    tags = len(_TAG.findall(head))
    return tags >= 5 and tags * 40 > len(head.split("\n")) * 10
