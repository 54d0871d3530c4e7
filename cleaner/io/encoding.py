"""Bytes to text: BOMs, declared charsets, detection; and telling HTML from a plain dump."""
from __future__ import annotations

import codecs
import re

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([\w.:-]{2,40})""", re.I)
# Markup: a start or end tag (group 1 the slash, group 2 the name), a comment's opening, a doctype, an
# XML declaration. `[^<>]*` stops at the next `<`, so a failed match never rescans far: linear time.
_ANY_TAG = re.compile(r"<(?:(/?)([a-zA-Z][a-zA-Z0-9:-]{0,30})(?=[\s/>])[^<>]*>|!--|![a-zA-Z][^<>]*>|\?xml[^<>]*>)")
_RAW_END = {name: re.compile(f"</{name}", re.I) for name in ("script", "style")}
_COMMENT_END = re.compile("-->")
_PAGE_START = re.compile(r"<(?:!doctype\s+html|html|head|body|\?xml)\b", re.I)
_PAGE_END = re.compile(r"</(?:html|body)\s*>", re.I)
# Characters read at each end of a document to tell HTML from a dump (the middle of a large one is not read).
MARKUP_WINDOW = 65536
# Distinct tag names a page has at least (<html> alone, or <p> alone, is one line of markup, not a page).
MIN_TAG_NAMES = 3
# Share of markup that makes a text HTML without a page's frame (a fragment of divs and paragraphs, 18%
# in the fragment page of test_html_failures): the gold texts of the development corpora that quote HTML
# code (an MDN page) have at most 9%; most pages 10% to 99% (the sparest, a Readability test page of bare
# <p> elements, 5.8%, in a frame).
MARKUP_SHARE = 0.12
# Share of NUL bytes above which bytes with no UTF-16/32 BOM are binary, not text.
BINARY_NUL_SHARE = 0.01
# Share of control bytes (other than tab, newlines, form feed, escape) above which data is binary:
# random or compressed bytes have 10% (27 of 256 values), text next to none.
BINARY_CONTROL_SHARE = 0.02
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\r\x0c\x1b") + b"\x7f"
# A UTF-8 lead byte read as Latin-1/cp1252 followed by a continuation byte read the same way: the
# signature of mojibake. Only lines showing it go to ftfy, whose own badness check is far too slow
# to run on a whole 50 MB dump (35 s measured).
_MOJIBAKE_HINT = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)
# Most letters of text in a Western language are ASCII (about 4% are not in French, 2% in German);
# Cyrillic or Greek bytes read as cp1252 come out almost all non-ASCII. Half separates the two.
WESTERN_NON_ASCII_SHARE = 0.5
# The first character of the hint (U+00C2..U+00F4) written in UTF-8 starts with this byte: bytes read as UTF-8
# without it hold no mojibake, and their text need not be searched (a fast byte scan instead of a regex one).
_UTF8_MOJIBAKE_LEAD = b"\xc3"
# Lines longer than this are not repaired: ftfy's own default `max_decode_length`.
MAX_REPAIR_LINE = 1_000_000


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


def repair(text: str) -> str:
    """`text` with mojibake (UTF-8 read as cp1252/Latin-1) undone by ftfy, line by line, where it shows."""
    if not _MOJIBAKE_HINT.search(text):
        return text
    from ftfy import fix_encoding

    lines = text.splitlines(keepends=True)
    for i, line in enumerate(lines):
        if len(line) <= MAX_REPAIR_LINE and _MOJIBAKE_HINT.search(line):
            lines[i] = fix_encoding(line)
    return "".join(lines)


def decode(data: bytes) -> str:
    """Text of `data`, mojibake repaired and stray NULs dropped: BOM, UTF-8, declared charset, detection.

    Raises DecodeError for binary data (NUL or control bytes outside UTF-16/32).
    """
    text, codec = _decode(data)
    if codec != "utf-8" or _UTF8_MOJIBAKE_LEAD in data:  # else no character the hint starts with: nothing to repair
        text = repair(text)
    return text.replace("\x00", "")  # stray NULs in text would break every consumer


def _decode(data: bytes) -> tuple[str, str]:
    """Text of `data` as its bytes say (see `decode`), and the codec that read it."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(codec, errors="replace"), codec
    if b"\x00" in data[:65536]:
        text = _utf16_without_bom(data)
        if text is not None:
            return text, "utf-16"
        if data[:65536].count(b"\x00") > BINARY_NUL_SHARE * min(len(data), 65536):
            raise DecodeError("binary data (NUL bytes), not text")
    head = data[:65536]
    if len(head) - len(head.translate(None, _CONTROL_BYTES)) > BINARY_CONTROL_SHARE * len(head):
        raise DecodeError("binary data (control bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        try:
            codec = declared.group(1).decode("ascii")
            return data.decode(codec, errors="replace"), codec
        except LookupError:
            pass
    codec = _detect(data[:1_000_000])
    return data.decode(codec, errors="replace"), codec


def _detect(sample: bytes) -> str:
    """The codec of non-UTF-8 bytes: cp1252 when it reads as Western text, else charset-normalizer's guess.

    The detector is unreliable on short texts (it picks cp1257 for French, UTF-16 for bytes without
    a NUL); cp1252 is what browsers assume for legacy Western pages (WHATWG), and it is only kept
    when few letters come out non-ASCII, which Cyrillic or Greek code pages read as cp1252 fail.
    """
    try:
        text = sample.decode("cp1252")
    except UnicodeDecodeError:
        text = ""
    letters = sum(ch.isalpha() for ch in text)
    foreign = sum(ch.isalpha() and not ch.isascii() for ch in text)
    if letters and foreign <= WESTERN_NON_ASCII_SHARE * letters:
        return "cp1252"
    from charset_normalizer import from_bytes

    for match in from_bytes(sample):
        if not match.encoding.startswith(("utf_16", "utf_32")):
            return match.encoding
    return "cp1252"


def is_html(text: str, input_kind: str = "auto") -> bool:
    """Whether to read `text` as an HTML page: as Config.input_kind says ("text", "html"), or with "auto"
    when it is markup throughout (looks_like_html)."""
    return input_kind == "html" or (input_kind == "auto" and looks_like_html(text))


def looks_like_html(text: str) -> bool:
    """Whether `text` is HTML markup throughout rather than a plain dump, from its opening and closing
    windows: several distinct tag names, markup before and after its middle, and either a good share of
    its characters inside markup (tags, comments, scripts, styles) or a whole page's frame (it opens with a
    doctype or <html>, <head>, <body> and closes <body> or <html>) around less. Markup opens it (past
    white space and comments): a dump opens with its page's title, even when its article quotes a good deal
    of markup (a tutorial's code; read as a page, its cleaned text would be cleaned again differently). One
    tag line on top of a dump is not HTML, nor is an article quoting some markup without a page's frame."""
    head = _after_comments(text[:MARKUP_WINDOW])
    if not head.startswith("<"):
        return False
    n = len(text)
    end = _PAGE_END.search(text, max(0, n - MARKUP_WINDOW)) if _PAGE_START.match(head) else None
    # A frame needs no share of markup; and its closing tag past the middle is markup there (the scan reaches
    # it, or a script, style or comment around it), so only the names and markup before the middle are left.
    share, names, throughout = _markup(text, 0.0 if end else MARKUP_SHARE, end is not None and end.start() >= n / 2)
    if len(names) < MIN_TAG_NAMES or not throughout:
        return False
    return end is not None or share >= MARKUP_SHARE


def _markup(text: str, needed: float = MARKUP_SHARE, past_middle: bool = False) -> tuple[float, set[str], bool]:
    """(share of the characters inside markup, tag names seen, whether markup lies on both sides of the
    middle) over the first and last MARKUP_WINDOW characters of `text` (the whole text when short). The
    content of <script> and <style> and comments count as markup; one that runs past its window counts to
    the window's end when it closes later.

    The scan stops once the text is settled as markup (MIN_TAG_NAMES names, the `needed` share of the windows
    already, markup on both sides of the middle, the far side known already when `past_middle`): the rest
    could only add to all three, so the share then returned is what was counted so far. The first of two
    windows is left once it holds the names and the share: only markup in the last window can lie past the
    middle."""
    n = len(text)
    windows = [(0, n)] if n <= 2 * MARKUP_WINDOW else [(0, MARKUP_WINDOW), (n - MARKUP_WINDOW, n)]
    size = max(1, sum(high - low for low, high in windows))
    enough = needed * size
    markup = 0
    names: set[str] = set()
    first, last = n, 0
    for low, high in windows:
        pos = low
        unclosed: set[re.Pattern[str]] = set()  # closings absent from the rest of the text: not looked for again
        while found := _ANY_TAG.search(text, pos, high):
            end = found.end()
            name = (found.group(2) or "").lower()
            if name:
                names.add(name)
            closing = _RAW_END.get(name) if not found.group(1) else None
            if found.group() == "<!--":
                closing = _COMMENT_END
            if closing is not None and closing not in unclosed:
                inside = closing.search(text, end, high)
                if inside:
                    end = inside.start()
                elif closing.search(text, high):
                    end = high
                else:
                    unclosed.add(closing)
            markup += end - found.start()
            first, last = min(first, found.start()), end
            pos = end
            if markup >= enough and len(names) >= MIN_TAG_NAMES:
                if first < n / 2 and (past_middle or n / 2 < last):
                    return markup / size, names, True
                if high < n:  # the first of two windows: only the last one can put markup past the middle
                    break
    return markup / size, names, first < n / 2 < last


def _after_comments(text: str) -> str:
    """`text` from its first character that is neither whitespace nor inside a leading HTML comment.

    A loop, not a regex: `(?:<!--.*?-->\\s*)*` backtracks exponentially on a run of empty comments.
    """
    text = text.lstrip().lstrip("\ufeff").lstrip()  # (a byte order mark decoded as a character opens no text)
    while text.startswith("<!--"):
        end = text.find("-->", 2)  # '<!-->' is an (empty) comment too
        if end < 0:
            return ""
        text = text[end + 3:].lstrip()
    return text
