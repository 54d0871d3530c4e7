"""The resume manifest of an output folder: what made each output, so that a re-run redoes the stale ones.

`OUTDIR/.cleaner-manifest.sqlite` holds a row per output written: the input's name and the hash of its
content, the key of the options that made it (cleaner version, model, profile, output-changing settings)
and the output's size. An output is up to date when its row matches all of them; an output without a
row (written by an older cleaner, or copied in) is stale. SQLite (the standard library's) commits each
row as its output lands, so Ctrl-C or a kill never leaves the manifest half-written, and rows are looked
up on disk, so memory does not grow with the number of outputs. A manifest that cannot be read is
started again (every output is then redone); one that cannot be written costs only the resume.
"""
from __future__ import annotations

import contextlib
import hashlib
import sqlite3
from dataclasses import dataclass
from pathlib import Path

NAME = ".cleaner-manifest.sqlite"
SCHEMA = 1
"""The version of the table below (PRAGMA user_version); a manifest of another version is started again."""

_TABLE = ("CREATE TABLE IF NOT EXISTS outputs (output TEXT PRIMARY KEY, source TEXT NOT NULL, "
          "input_sha256 TEXT NOT NULL, options TEXT NOT NULL, size INTEGER NOT NULL)")


@dataclass(frozen=True)
class Made:
    """What an output is made from: the input's name (JSON and Markdown outputs show it), the sha256 of the
    input's content, and the key of the options."""

    source: str
    input_sha256: str
    options: str


def content_hash(data: bytes | str) -> str:
    """The sha256 (hex) of a document's content (text as UTF-8)."""
    return hashlib.sha256(data.encode("utf-8", "surrogateescape") if isinstance(data, str) else data).hexdigest()


def file_hash(path: str | Path) -> str:
    """The sha256 (hex) of a file's bytes, read in pieces; the reason instead when it cannot be read."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            while chunk := fh.read(1 << 20):
                digest.update(chunk)
    except OSError as exc:
        return f"unreadable: {exc.strerror or exc}"
    return digest.hexdigest()


class Manifest:
    """The manifest of one output folder, opened when first needed; close() when the run ends."""

    def __init__(self, outdir: Path, durable: bool = False) -> None:
        """The manifest of `outdir` (synced to the disk with each row when `durable`, as the outputs are)."""
        self.path = outdir / NAME
        self.durable = durable
        self.problem: str | None = None
        """Why the manifest cannot be written (the run goes on; its outputs will be redone next time)."""
        self._db: sqlite3.Connection | None = None

    def current(self, output: str, made: Made, size: int) -> bool:
        """Whether the output at `output` (its path below OUTDIR), now `size` bytes, was made from `made`."""
        db = self._open(create=False)
        if db is None:
            return False
        try:
            row = db.execute("SELECT source, input_sha256, options, size FROM outputs WHERE output = ?",
                             (output,)).fetchone()
        except sqlite3.Error:
            return False
        return row == (made.source, made.input_sha256, made.options, size)

    def record(self, output: str, made: Made, size: int) -> None:
        """Note that the output at `output`, of `size` bytes, was just made from `made` (committed at once)."""
        db = self._open(create=True)
        if db is None:
            return
        try:
            db.execute("INSERT OR REPLACE INTO outputs VALUES (?, ?, ?, ?, ?)",
                       (output, made.source, made.input_sha256, made.options, size))
        except sqlite3.Error as exc:
            self._fail(exc)

    def close(self) -> None:
        """Close the manifest (its rows are all committed already)."""
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            self._db = None

    def _open(self, create: bool) -> sqlite3.Connection | None:
        """The open manifest; None when there is none yet (and `create` is false) or it cannot be used."""
        if self._db is not None or self.problem is not None or not (create or self.path.is_file()):
            return self._db
        try:
            self._db = self._connect()
        except sqlite3.OperationalError as exc:  # cannot be opened or is locked: left as it is
            self._fail(exc)
        except sqlite3.DatabaseError:  # not a database any more (damaged): started again
            try:
                self.path.unlink()
                self._db = self._connect()
            except (OSError, sqlite3.Error) as exc:
                self._fail(exc)
        return self._db

    def _connect(self) -> sqlite3.Connection:
        """Open (or make) the database, its table at this SCHEMA; each statement commits on its own."""
        db = sqlite3.connect(self.path, isolation_level=None)
        try:
            db.execute(f"PRAGMA synchronous={'FULL' if self.durable else 'OFF'}")
            if db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA:
                db.execute("DROP TABLE IF EXISTS outputs")
                db.execute(f"PRAGMA user_version={SCHEMA}")
            db.execute(_TABLE)
        except BaseException:
            db.close()
            raise
        return db

    def _fail(self, exc: Exception) -> None:
        """Stop using the manifest, keeping why."""
        self.close()
        self.problem = f"cannot write the resume manifest {self.path}: {exc}"
