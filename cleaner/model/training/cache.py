"""A folder of derived data (dumps, labels, feature matrices) keyed by the content it came from.

Entries are files named by a SHA-1 of everything that went into them, written atomically, so a
change of input, code version or setting gives a new key and stale entries are simply never read.
The default folder is `.cache/cleaner-training/` under the working directory (git-ignored), or
`$CLEANER_CACHE`.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any


def default_dir() -> Path:
    """`$CLEANER_CACHE` or ./.cache/cleaner-training."""
    env = os.environ.get("CLEANER_CACHE")
    return Path(env).expanduser() if env else Path.cwd() / ".cache" / "cleaner-training"


class Cache:
    """Get and put values under content keys, one file per entry, in two-character subfolders."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or default_dir()

    @staticmethod
    def key(*parts: str | bytes) -> str:
        """A SHA-1 over the parts, each length-prefixed so that ('ab', 'c') and ('a', 'bc') differ."""
        h = hashlib.sha1()
        for part in parts:
            data = part.encode("utf-8") if isinstance(part, str) else part
            h.update(len(data).to_bytes(8, "little"))
            h.update(data)
        return h.hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pkl"

    def get(self, key: str) -> Any:
        """The stored value, or None when absent or unreadable."""
        try:
            with self._path(key).open("rb") as fh:
                return pickle.load(fh)
        except (OSError, EOFError, pickle.UnpicklingError):
            return None

    def put(self, key: str, value: Any) -> None:
        """Store `value` (picklable; these are our own derived data, never loaded from elsewhere)."""
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
