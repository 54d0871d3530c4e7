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
        title = result.metadata.title
        head = f"# {title}\n\n" if title else ""
        return head + result.text + "\n"
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


def write_stream(stream: IO[str], result: Result, fmt: str) -> None:
    """Write one document to an open stream (stdout); json becomes one line per document there."""
    text = render(result, "jsonl" if fmt == "json" else fmt)
    stream.write(text if text.endswith("\n") else text + "\n")
