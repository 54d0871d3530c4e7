"""Inputs -> documents: files, folders (recursive), .gz, stdin; every failure named, none fatal."""
from __future__ import annotations

import gzip
import os
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

TEXT_SUFFIXES = (".txt", ".text", ".html", ".htm", ".xhtml")


@dataclass
class Item:
    """One input document: its display name, relative output path, raw bytes, or why it failed."""

    name: str
    rel: Path
    data: bytes | None = None
    error: str | None = None
    url: str | None = None
    fields: dict = field(default_factory=dict)


def wanted(path: Path) -> bool:
    """Whether a file found in a folder is a dump cleaner reads (.txt, .html, .jsonl, .warc and their .gz)."""
    from .formats import kind

    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return name.endswith(TEXT_SUFFIXES) or kind(path) is not None


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The bytes of a file, gunzipped when it is .gz, refusing more than `max_bytes` (zip bombs too)."""
    with open(path, "rb") as fh:
        head = fh.read(2)
        fh.seek(0)
        if head == b"\x1f\x8b":
            return _gunzip(fh, max_bytes)
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ValueError(f"larger than the limit of {max_bytes} bytes")
    return data


def _gunzip(fh, max_bytes: int) -> bytes:
    """Decompress a gzip stream, stopping with an error past `max_bytes` of output."""
    out = bytearray()
    try:
        with gzip.GzipFile(fileobj=fh) as gz:
            while chunk := gz.read(1 << 20):
                out += chunk
                if len(out) > max_bytes:
                    raise ValueError(f"decompresses to more than the limit of {max_bytes} bytes")
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        raise ValueError(f"corrupt or truncated gzip: {exc}") from None
    return bytes(out)


def iter_items(paths: Iterable[str], max_bytes: int, text_field: str = "text") -> Iterator[Item]:
    """Every document under `paths` in a stable order ('-' is stdin); unreadable ones carry an error.

    JSONL and WARC files give one document per record (`text_field` names a JSONL record's text).
    """
    for raw in paths:
        if raw == "-":
            data = sys.stdin.buffer.read(max_bytes + 1)
            if len(data) > max_bytes:
                yield Item("<stdin>", Path("stdin.txt"), error=f"larger than the limit of {max_bytes} bytes")
            else:
                yield Item("<stdin>", Path("stdin.txt"), data=data)
            continue
        path = Path(raw)
        if path.is_dir():
            for file in _walk(path):
                yield from _load_all(file, file.relative_to(path), max_bytes, text_field)
        elif path.exists() or path.is_symlink():
            yield from _load_all(path, Path(path.name), max_bytes, text_field)
        else:
            yield Item(raw, Path(path.name), error="no such file or folder")


def _walk(root: Path) -> Iterator[Path]:
    """Files under `root` in sorted order; symlinked folders are not followed (no loops)."""
    for folder, dirs, files in os.walk(root, onerror=lambda exc: None):
        dirs.sort()
        for name in sorted(files):
            file = Path(folder) / name
            if wanted(file):
                yield file


def _load_all(path: Path, rel: Path, max_bytes: int, text_field: str) -> Iterator[Item]:
    """The documents of one file: its records for JSONL and WARC, else the file itself."""
    from . import formats

    if formats.kind(path) is not None and path.is_file():
        yield from formats.iter_file(path, rel, max_bytes, text_field)
    else:
        yield _load(path, rel, max_bytes)


def _load(path: Path, rel: Path, max_bytes: int) -> Item:
    try:
        return Item(str(path), rel, data=read_bytes(path, max_bytes))
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        return Item(str(path), rel, error=reason)
