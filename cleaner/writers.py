"""Results -> txt, json, jsonl or md; files are written atomically (temporary file, then rename)."""
from __future__ import annotations

import json
import os
import signal
import tempfile
from pathlib import Path
from typing import IO

from .document import Result

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
    """Where a document's output goes: the input's relative path under `outdir`, suffix changed."""
    name = rel.name[:-3] if rel.name.lower().endswith(".gz") else rel.name
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return outdir / rel.parent / f"{stem}.{'json' if fmt == 'jsonl' else fmt}"


def _umask() -> int:
    """The process umask (read by setting and restoring it), for giving new files normal permissions."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path, content: str) -> None:
    """Write `content` to `path` so that readers see the old file or the whole new one, never half.

    Ctrl-C is held back until the write is over, so an interrupt leaves no temporary file behind.
    """
    if not hasattr(signal, "pthread_sigmask"):  # Windows: no signal masks
        _write_whole(path, content)
        return
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        _write_whole(path, content)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _write_whole(path: Path, content: str) -> None:
    """Temporary file in the target's folder, synced, then renamed over the target."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


SEPARATOR = "\f"
"""What separates documents in txt and md on stdout: a form feed on a line of its own (as pdftotext
ends pages), which no cleaned text holds, so `split("\\n\\f\\n")` gives the documents back."""


class StreamWriter:
    """Documents one after another on an open stream (stdout), as one valid whole in every format.

    txt and md: each document ends with a newline and the separator stands on a line of its own
    between two documents; json: one array, its elements written as they come; jsonl: a line each.
    `close()` ends the whole (the array's `]`).
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
        self.count += 1

    def _write_text(self, text: str) -> None:
        if self.count:
            self.stream.write(self.separator + "\n")
        self.stream.write(text if text.endswith("\n") or not text else text + "\n")
        self.count += 1

    def close(self) -> None:
        """End the output: close the JSON array (an empty one when there was no document)."""
        if self.fmt == "json":
            self.stream.write("\n]\n" if self.count else "[]\n")
        self.stream.flush()
