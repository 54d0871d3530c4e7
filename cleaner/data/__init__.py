"""The package's data files (pattern and word lists, models), and the folder where their derived forms are kept
between runs.

A TOML data file is parsed once and kept as JSON in the cache folder, named by a hash of its bytes: TOML is
parsed in Python (the patterns take about 10 ms, paid at every start of the pre-commit hook), JSON in C. A
copy that cannot be read or written only means parsing the TOML; the data is the same either way.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

# Bumped when the stored form changes, so that a copy of another form is never read.
_FORMAT = b"cleaner-data/1"
# Stored copies kept per data file (other versions of the package may share the folder).
KEEP_COPIES = 4


def cache_dir() -> Path:
    """Where derived data is kept between processes: `$CLEANER_CACHE`, else `$XDG_CACHE_HOME/cleaner` or
    `~/.cache/cleaner`."""
    given = os.environ.get("CLEANER_CACHE")
    if given:
        return Path(given)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "cleaner"


def load_toml(name: str) -> dict[str, Any]:
    """The parsed data file `name` (a path under this package: 'patterns.toml', 'zoo/nl.toml'), a new dict at each
    call: from its stored JSON copy when one made from the same bytes is there, else parsed (and the copy stored
    for the next process)."""
    raw = resources.files(__name__).joinpath(name).read_bytes()
    label = name.removesuffix(".toml").replace("/", "-")  # (zoo/nl.toml and zoo/bodies/nl.toml kept apart)
    path = cache_dir() / f"data-{label}-{hashlib.blake2b(_FORMAT + raw, digest_size=16).hexdigest()}.json"
    with contextlib.suppress(OSError, ValueError):
        stored = json.loads(path.read_bytes())
        if isinstance(stored, dict):
            return stored
    data = tomllib.loads(raw.decode("utf-8"))
    _store(path, data)
    return data


def _store(path: Path, data: dict[str, Any]) -> None:
    """Keep `data` as JSON at `path` (temporary file + rename: a reader never sees half of one). TOML values
    JSON cannot hold (dates) are not stored: such a file is parsed each time."""
    try:
        text = json.dumps(data, ensure_ascii=False)
    except TypeError:
        return
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        return
    with contextlib.suppress(OSError):  # copies of this file's older versions: only the latest few are kept
        stem = path.name.rsplit("-", 1)[0]
        stored = sorted(path.parent.glob(f"{stem}-*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in stored[KEEP_COPIES:]:
            old.unlink(missing_ok=True)
