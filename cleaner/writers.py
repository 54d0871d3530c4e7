"""Results -> txt, json, jsonl or md; files are written atomically (temporary file, then rename)."""
from __future__ import annotations

import json
import os
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


def write_atomic(path: Path, content: str) -> None:
    """Write `content` to `path` so that readers see the old file or the whole new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
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
