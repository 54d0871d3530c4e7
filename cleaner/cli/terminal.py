"""Text from documents and file names made safe to print: one message, one line, no terminal codes.

A file name may hold a newline (breaking the one-line message a script reads) and a document or a
broken WARC may hold escape sequences that a terminal would obey; both are shown escaped instead.
"""
from __future__ import annotations

import re
import sys
from typing import TextIO

_SURROGATE = re.compile("[\ud800-\udfff]")


def printable(text: str) -> str:
    """`text` with every character a terminal would not simply show (controls, escapes, line breaks,
    format characters, undecodable bytes of a file name) written as its Python escape (`\\n`, `\\x1b`)."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)


def text_name(name: str) -> str:
    """A file name as text that any output can carry: bytes that were not UTF-8 become U+FFFD."""
    return _SURROGATE.sub("\ufffd", name)


def say(message: str, stream: TextIO | None = None) -> None:
    """Print one message as one line (stderr by default), whatever the names and texts in it hold."""
    print(printable(message), file=stream or sys.stderr)
