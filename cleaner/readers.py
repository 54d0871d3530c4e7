"""Inputs -> documents: files, folders (recursive), .gz, stdin; every failure named, none fatal."""
from __future__ import annotations

import gzip
import os
import stat
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

TEXT_SUFFIXES = (".txt", ".text", ".html", ".htm", ".xhtml")


@dataclass
class Item:
    """One input document: its display name, relative output path, raw bytes, or why it failed.

    `skipped` marks a document not read at all because its output is already complete (resume).
    """

    name: str
    rel: Path
    data: bytes | None = None
    error: str | None = None
    url: str | None = None
    fields: dict = field(default_factory=dict)
    skipped: bool = False


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


def iter_items(paths: Iterable[str], max_bytes: int, text_field: str = "text",
               done: Callable[[Path, Path], bool] | None = None) -> Iterator[Item]:
    """Every document under `paths` in a stable order ('-' is stdin), read one at a time; failures carry an error.

    JSONL and WARC files give one document per record (`text_field` names a JSONL record's text).
    A file of a folder for which `done(path, rel)` is true is not read: it comes as a skipped Item.
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
            for file, error in _walk(path):
                rel = file.relative_to(path)
                if error is not None:
                    yield Item(str(file), rel, error=error)
                elif done is not None and done(file, rel):
                    yield Item(str(file), rel, skipped=True)
                else:
                    yield from _load_all(file, rel, max_bytes, text_field)
        elif path.exists() or path.is_symlink():
            yield from _load_all(path, Path(path.name), max_bytes, text_field)
        else:
            yield Item(raw, Path(path.name), error="no such file or folder")


def _walk(root: Path) -> Iterator[tuple[Path, str | None]]:
    """Files under `root` in sorted order, each with why it cannot be read (None when it can).

    Symlinked folders are not followed (no loops); unreadable folders, symlink loops and special
    files (a FIFO would block the run forever) are named with their reason.
    """
    failed: list[OSError] = []
    for folder, dirs, files in os.walk(root, onerror=failed.append):
        while failed:
            exc = failed.pop()
            yield Path(exc.filename or folder), _reason(exc)
        dirs.sort()
        for name in sorted(files):
            file = Path(folder) / name
            if wanted(file):
                yield file, _not_regular(file)
    while failed:
        exc = failed.pop()
        yield Path(exc.filename or root), _reason(exc)


def _not_regular(path: Path) -> str | None:
    """Why `path` is not a regular file we can open (None when it is)."""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        return _reason(exc)
    return None if stat.S_ISREG(mode) else "not a regular file"


def _reason(exc: Exception) -> str:
    """The one-line reason of a read error."""
    return exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)


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
        return Item(str(path), rel, error=_reason(exc))


def iter_files(paths: Iterable[str]) -> Iterator[tuple[Path, Path]]:
    """(file, relative path) of every file `iter_items` would read under `paths`, without reading any
    (stdin is not a file and is left out). For progress totals and planning, not for reading."""
    for raw in paths:
        path = Path(raw)
        if raw == "-":
            continue
        if path.is_dir():
            for file, _ in _walk(path):
                yield file, file.relative_to(path)
        else:
            yield path, Path(path.name)


def count_documents(paths: list[str]) -> int | None:
    """How many documents `iter_items` will give for `paths`, or None when that is only known by reading
    (a JSONL or WARC file holds many records)."""
    from .formats import kind

    count = paths.count("-")
    for file, _ in iter_files(paths):
        if kind(file) is not None:
            return None
        count += 1
    return count
