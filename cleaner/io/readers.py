"""Inputs -> documents: files, folders (recursive), .gz, stdin; every failure named, none fatal."""
from __future__ import annotations

import fnmatch
import gzip
import os
import stat
import sys
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from .item import Item

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
TEXT_SUFFIXES = (".txt", ".text", *HTML_SUFFIXES)
# Characters of a str encoded at a time when its UTF-8 size is measured (no copy of a whole large text).
_SIZE_CHUNK = 1 << 20


def check_document(document: object) -> None:
    """TypeError naming what is accepted unless `document` is one document: a str or bytes."""
    if isinstance(document, (str, bytes)):
        return
    hint = " (read the file first: Path.read_text() or Path.read_bytes())" if isinstance(document, os.PathLike) else ""
    raise TypeError(f"clean() takes a document as str or bytes, got {type(document).__name__}{hint}")


def size_error(document: str | bytes, max_bytes: int) -> str | None:
    """Why a document given to the library is refused for its size (its UTF-8 bytes over `max_bytes`), else None."""
    if len(document) > max_bytes or (isinstance(document, str) and _utf8_over(document, max_bytes)):
        return f"larger than the limit of {max_bytes} bytes (max_bytes)"
    return None


def _utf8_over(text: str, limit: int) -> bool:
    """Whether `text` takes more than `limit` bytes in UTF-8 (1 to 4 a character), encoded a chunk at a time."""
    if 4 * len(text) <= limit:
        return False
    size = 0
    for start in range(0, len(text), _SIZE_CHUNK):
        size += len(text[start:start + _SIZE_CHUNK].encode("utf-8", "surrogatepass"))
        if size > limit:
            return True
    return False


def input_kind(file: str, configured: str) -> str:
    """How a document of `file` is read: as `configured` (Config.input_kind) says unless "auto"; then
    "html" for a file named as a page (.html, .htm, .xhtml, or their .gz) or a WARC, whose records are
    pages, else "auto": the content decides (a .txt dump is text unless it is markup throughout)."""
    from .formats import kind

    if configured != "auto":
        return configured
    named_html = file.lower().removesuffix(".gz").endswith(HTML_SUFFIXES) or kind(Path(file)) == "warc"
    return "html" if named_html else "auto"


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


@dataclass(frozen=True)
class Found:
    """One input file found under the paths given ('-': stdin), before it is read.

    `rel` is where it sits below the path it was found under (its output's place); `root` is the
    index of that path among the ones given.
    """

    path: Path
    rel: Path
    root: int
    error: str | None = None


def find(paths: Iterable[str], exclude: Sequence[str] = ()) -> Iterator[Found]:
    """Every input file under `paths`, in a stable order, each once; what cannot be read carries why.

    Folders are walked recursively, following symlinked folders but never into one already walked
    (a loop is named). A path matching an `exclude` pattern (a glob on the path below its root or on
    the name, or the path itself) is left out with everything under it.
    """
    seen: set[str] = set()  # real paths of the files found, so nested roots or links give a file once
    walked: set[str] = set()
    for root, raw in enumerate(paths):
        if raw == "-":
            yield Found(Path("-"), Path("stdin.txt"), root)
            continue
        path = Path(raw)
        if path.is_dir():
            for found in _walk(path, root, exclude, walked):
                real = os.path.realpath(found.path)
                if found.error is not None or real not in seen:
                    seen.add(real)
                    yield found
        elif path.exists() or path.is_symlink():
            real = os.path.realpath(path)
            if real not in seen:
                seen.add(real)
                yield Found(path, Path(path.name), root)  # named by the user: even a pipe is read
        else:
            yield Found(path, Path(path.name), root, "no such file or folder")


def excluded(path: Path, rel: Path, patterns: Sequence[str]) -> bool:
    """Whether `path` (at `rel` below its root) matches an --exclude pattern: a glob on `rel` or on the
    name, or the same file or folder as the pattern read as a path."""
    if not patterns:
        return False
    posix = rel.as_posix()
    for pattern in patterns:
        glob = pattern.rstrip("/")
        if fnmatch.fnmatchcase(posix, glob) or fnmatch.fnmatchcase(path.name, glob):
            return True
        if os.path.lexists(pattern) and os.path.realpath(pattern) == os.path.realpath(path):
            return True
    return False


def _walk(root: Path, index: int, exclude: Sequence[str], walked: set[str]) -> Iterator[Found]:
    """The files under `root` in sorted order (see `find`); unreadable folders, symlink loops and
    special files (a FIFO would block the run forever) are named with their reason."""
    failed: list[OSError] = []
    for folder, dirs, files in os.walk(root, onerror=failed.append, followlinks=True):
        while failed:
            exc = failed.pop()
            path = Path(exc.filename or folder)
            yield Found(path, _below(path, root), index, _reason(exc))
        real = os.path.realpath(folder)
        if real in walked:  # reached again: through a symlink (a loop, or a second way in), or a nested input
            dirs.clear()
            if Path(folder) != root:  # a nested input folder's files were found already, under the outer one
                path = Path(folder)
                yield Found(path, _below(path, root), index, "symlinked folder already read: not read again")
            continue
        walked.add(real)
        here = Path(folder)
        dirs[:] = sorted(d for d in dirs if not excluded(here / d, _below(here / d, root), exclude))
        for name in sorted(files):
            file = here / name
            rel = _below(file, root)
            if wanted(file) and not excluded(file, rel, exclude):
                yield Found(file, rel, index, _not_regular(file))
    while failed:
        exc = failed.pop()
        path = Path(exc.filename or root)
        yield Found(path, _below(path, root), index, _reason(exc))


def _below(path: Path, root: Path) -> Path:
    """`path` relative to `root` (the path itself when it is not below it)."""
    try:
        return path.relative_to(root)
    except ValueError:
        return Path(path.name)


def load(found: Iterable[Found], max_bytes: int, text_field: str = "text") -> Iterator[Item]:
    """The documents of the files found, read one at a time; failures carry an error.

    JSONL and WARC files give one document per record (`text_field` names a JSONL record's text).
    """
    for entry in found:
        if entry.error is not None:
            yield Item(str(entry.path), entry.rel, error=entry.error)
        elif str(entry.path) == "-":
            data = sys.stdin.buffer.read(max_bytes + 1)
            if len(data) > max_bytes:
                yield Item("<stdin>", entry.rel, error=f"larger than the limit of {max_bytes} bytes")
            else:
                yield Item("<stdin>", entry.rel, data=data)
        else:
            yield from _load_all(entry.path, entry.rel, max_bytes, text_field)


def iter_items(paths: Iterable[str], max_bytes: int, text_field: str = "text",
               exclude: Sequence[str] = ()) -> Iterator[Item]:
    """Every document under `paths` in a stable order ('-' is stdin): `load` of what `find` finds."""
    return load(find(paths, exclude), max_bytes, text_field)


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
    (stdin is not a file and is left out). For progress totals, not for reading."""
    for found in find(paths):
        if str(found.path) != "-":
            yield found.path, found.rel


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
