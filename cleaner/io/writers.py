"""Results -> txt, json, jsonl or md; files are written atomically (temporary file, then rename)."""
from __future__ import annotations

import json
import os
import re
import signal
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from ..document import Result

FORMATS = ("txt", "json", "jsonl", "md")


def render(result: Result, fmt: str) -> str:
    """One document in the given format (jsonl: one line, without the final newline)."""
    if fmt == "txt":
        return result.text + "\n" if result.text else ""
    if fmt == "json":
        return json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n"
    if fmt == "jsonl":
        return json.dumps(result.to_dict(), ensure_ascii=False)
    if fmt == "md":
        from .markdown import render as markdown

        return markdown(result)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def output_path(outdir: Path, rel: Path, fmt: str) -> Path:
    """Where a document's output goes: the input's relative path under `outdir`, suffix changed (a .gz
    and the suffix before it; a name marked by whole_name keeps every suffix)."""
    name = rel.name[:-3] if rel.name.lower().endswith(".gz") else rel.name
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return outdir / rel.parent / f"{stem}.{'json' if fmt == 'jsonl' else fmt}"


WHOLE_NAME = "."
"""The mark of a relative path whose output keeps the input's whole name: an empty last suffix, the one
that output_path (and formats.jsonl_output_path) then changes."""


def whole_name(rel: Path) -> Path:
    """`rel` marked so that its output keeps the input's whole name (`a.html` -> `a.html.txt`, `b.txt.gz`
    -> `b.txt.gz.txt`): how the plan keeps apart inputs of one folder whose outputs would share a name."""
    return rel.with_name(rel.name + WHOLE_NAME)


def _umask() -> int:
    """The process umask (read by setting and restoring it), for giving new files normal permissions."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


# Temporary files are `.NAME.cleaner-tmp-XXXXXXXX` beside their target, NAME cut to this many bytes so
# that a long file name (up to the usual 255-byte limit) still leaves room for the suffix.
TMP_NAME_BYTES = 100
TMP_MARK = ".cleaner-tmp-"
_TMP = re.compile(r"^\..*" + re.escape(TMP_MARK) + r"[a-z0-9_]{8}$", re.S)


def _tmp_prefix(path: Path) -> str:
    name = path.name.encode("utf-8", "surrogateescape")[:TMP_NAME_BYTES].decode("utf-8", "ignore")
    return f".{name}{TMP_MARK}"


def remove_stale_temporaries(folder: Path) -> int:
    """Delete temporary files a killed run left in `folder` (not below it); how many were removed."""
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        if _TMP.match(entry.name) and entry.is_file(follow_symlinks=False):
            try:
                os.unlink(entry.path)
                removed += 1
            except OSError:
                pass
    return removed


_unfinished: set[str] = set()  # temporary files of this process not yet renamed into place


def remove_unfinished() -> None:
    """Delete every temporary file this process has not finished (on Ctrl-C or SIGTERM, wherever it hit)."""
    for tmp in list(_unfinished):
        try:
            os.unlink(tmp)
        except OSError:
            pass
        _unfinished.discard(tmp)


def _copy_owner_and_mode(path: Path, tmp: str) -> None:
    """Give the temporary file the mode and owner of the file it replaces (a new file: the umask's mode).
    The owner is kept when this process may set it (root, or the same owner); else it stays ours."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        os.chmod(tmp, 0o666 & ~_umask())
        return
    if hasattr(os, "chown") and (info.st_uid, info.st_gid) != (os.geteuid(), os.getegid()):
        try:
            os.chown(tmp, info.st_uid, info.st_gid)
        except PermissionError:
            pass
    os.chmod(tmp, info.st_mode & 0o7777)  # after chown, which clears set-user-id bits


class AtomicFile:
    """A file written in pieces to a temporary file beside `path` and renamed over it only by commit().

    Readers see the old file or the whole new one, never half; abort() (or leaving the context on an
    error, Ctrl-C included) removes the temporary file. New files get the umask's permissions; a file
    replaced keeps its mode. A `durable` file is also synced to the disk before the rename, so that it
    survives a power cut too (a sync per file costs a tenth of a run of small documents: outputs can be
    made again, inputs rewritten in place cannot).
    """

    def __init__(self, path: Path, durable: bool = False) -> None:
        """Open the temporary file (OSError when the folder cannot be written)."""
        self.path = path
        self.durable = durable
        path.parent.mkdir(parents=True, exist_ok=True)
        with signals_held():  # known to remove_unfinished() from its first moment
            fd, self._tmp = tempfile.mkstemp(prefix=_tmp_prefix(path), suffix="", dir=path.parent)
            _unfinished.add(self._tmp)
        self._fh = os.fdopen(fd, "wb")

    def write(self, data: bytes) -> None:
        """Append bytes."""
        self._fh.write(data)

    def commit(self) -> None:
        """Flush (and when durable, sync) the file and rename it into place (Ctrl-C held back meanwhile);
        OSError leaves no trace."""
        with signals_held():
            try:
                self._fh.flush()
                if self.durable:
                    os.fsync(self._fh.fileno())
                self._fh.close()
                _copy_owner_and_mode(self.path, self._tmp)
                os.replace(self._tmp, self.path)
                _unfinished.discard(self._tmp)
            except BaseException:
                self.abort()
                raise

    def abort(self) -> None:
        """Drop the temporary file."""
        try:
            self._fh.close()
        except OSError:
            pass
        try:
            os.unlink(self._tmp)
        except OSError:
            pass
        _unfinished.discard(self._tmp)

    def __enter__(self) -> "AtomicFile":
        return self

    def __exit__(self, kind: type | None, *rest: object) -> None:
        if kind is None:
            self.commit()
        else:
            self.abort()


HELD_SIGNALS = (signal.SIGINT, signal.SIGTERM)


@contextmanager
def signals_held() -> Iterator[None]:
    """Ctrl-C and SIGTERM take effect only after the block, so a rename (and what must go with it, as the
    resume manifest's record of an output) is never cut in half.

    Their handlers are swapped for ones that only note the signal, and what was noted is raised again
    when the block ends. (A signal mask would not do: the kernel gives a signal to any thread that does
    not block it, a worker pool's for one, and Python then runs the handler in the main thread at once.)
    Handlers run only in the main thread: elsewhere there is nothing to hold.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    noted: list[int] = []
    previous = {sig: signal.signal(sig, lambda signum, frame: noted.append(signum))
                for sig in HELD_SIGNALS if signal.getsignal(sig) not in (None, signal.SIG_IGN)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        for sig in noted:
            signal.raise_signal(sig)


def write_atomic(path: Path, content: str | bytes, durable: bool = False) -> None:
    """Write `content` (text as UTF-8) to `path` so that readers see the old file or the whole new one,
    never half, and no temporary file is left, whatever happens (synced to the disk when `durable`)."""
    with AtomicFile(path, durable) as out:
        out.write(content.encode("utf-8") if isinstance(content, str) else content)


SEPARATOR = "\f"
"""What separates documents in txt and md on stdout: a form feed on a line of its own (as pdftotext
ends pages), which no cleaned text holds, so `split("\\n\\f\\n")` gives the documents back."""


class StreamWriter:
    """Documents one after another on an open stream (stdout), as one valid whole in every format.

    txt and md: each document ends with a newline and the separator stands on a line of its own
    between two documents; json: one array, its elements written as they come; jsonl: a line each.
    `close()` ends the whole (the array's `]`). Each document is flushed as it is written, so that a
    closed stream (BrokenPipeError, `| head`) is noticed at the first document it did not take.
    """

    def __init__(self, stream: IO[str], fmt: str, separator: str = SEPARATOR) -> None:
        """A writer of `fmt` documents to `stream`; `separator` goes between txt/md documents."""
        self.stream, self.fmt, self.separator = stream, fmt, separator
        self.count = 0

    def write(self, result: Result) -> None:
        """Write one document."""
        self.write_record(result.to_dict()) if self.fmt in ("json", "jsonl") else self._write_text(render(result, self.fmt))

    def write_record(self, record: dict) -> None:
        """Write one JSON record (json or jsonl): a document's, or a JSONL/WARC input's cleaned record."""
        if self.fmt == "json":
            body = json.dumps(record, ensure_ascii=False, indent=2).replace("\n", "\n  ")
            self.stream.write(("[\n  " if not self.count else ",\n  ") + body)
        elif self.fmt == "jsonl":
            self.stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            raise ValueError(f"a record is written as json or jsonl, not {self.fmt}")
        self.stream.flush()
        self.count += 1

    def _write_text(self, text: str) -> None:
        if self.count:
            self.stream.write(self.separator + "\n")
        self.stream.write(text if text.endswith("\n") or not text else text + "\n")
        self.stream.flush()
        self.count += 1

    def close(self) -> None:
        """End the output: close the JSON array (an empty one when there was no document)."""
        if self.fmt == "json":
            self.stream.write("\n]\n" if self.count else "[]\n")
        self.stream.flush()
