"""One pass over a whole document for many patterns at once: the lines each pattern may match.

The patterns are rewritten into looser expressions (superset.py) and compiled into hyperscan databases
(PARTS of them), which read the document's lines, joined, a scan each; a match's end offset gives its
line (a binary search over the lines' offsets: no numpy, so `cleaner check` starts without it). The scan
only ever names too many lines, never too few: the exact Python regex then decides on the lines named, and
it tells which of a name's patterns may match a line, so a concept whose alternation is slow to search
(patterns not anchored) tries those only. Without hyperscan (no wheel for the platform, or a pattern it
cannot take) a pattern names every line, and the result is the same, only slower.

Compiling takes seconds of processor (4.3 s for today's 3,477 patterns on a 2-core machine, in two threads:
about half that of waiting; with the line start written as `^`, one database of every pattern took 8.3 s against
6.4 s for two halves, compiling being more than linear in the patterns, while two scans cost 6% more than one,
0.04 ms a page), so the databases are kept in the
user's cache folder (`cleaner.data.cache_dir`: `$CLEANER_CACHE`, else `$XDG_CACHE_HOME/cleaner` or
`~/.cache/cleaner`), named by a hash of the patterns, the rewriting code and the hyperscan version, with a
checksum of its bytes; processes that start together on a cold cache take turns (a lock file), so one
compiles and the others read its database. A folder that cannot be written only means compiling once per
process.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import threading
import zlib
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from ..data import cache_dir
from .superset import LONGER_CASES

FORMAT = b"cleaner-scan/6"
# Databases the patterns are compiled into, in as many threads (the engine's compiler releases the GIL).
PARTS = 2
# Compiled scans kept in the cache folder (one per set of patterns and engine version, about 9 MB each).
KEEP_DATABASES = 4


class Entry(NamedTuple):
    """A pattern of the scan: the name its lines are reported under, the Python regex and its flags,
    and whether it must match a whole line (re.fullmatch) or anywhere in one (re.search). (A tuple: a `check`
    makes the 3,500 of them at every start.)"""

    name: str
    pattern: str
    flags: int = 0
    whole_line: bool = False


@dataclass(frozen=True)
class _Compiled:
    databases: tuple[Any, ...]
    """Each part's database; an expression's id is the same in every part's numbering."""
    layout: dict[str, tuple[int, ...]]
    """Per name, the expression id of each of its entries in order (-1: a pattern the engine cannot take)."""
    everywhere: frozenset[str]
    """Names with a pattern the engine cannot take: every line may match them."""
    entries: tuple[tuple[str, int], ...]
    """The name of each expression id, and which of the name's entries (in order) it was written from."""


class Found(dict[str, set[int]]):
    """What a scan found: the lines each name may match (a name left out may match every line), and which of a
    name's entries may match a line (the exact regex then tries those entries only)."""

    def __init__(self, lines: dict[str, set[int]], compiled: _Compiled, hits: dict[int, set[int]],
                 anywhere: set[int]) -> None:
        super().__init__(lines)
        self._compiled = compiled
        self._hits = hits
        self._anywhere = anywhere
        self._masks: dict[str, tuple[dict[int, int], int]] = {}

    def entries(self, name: str, line: int) -> int:
        """The entries of `name` that may match `line`, as bits (bit k: the name's k-th entry)."""
        masks = self._masks.get(name)
        if masks is None:
            masks = self._masks[name] = self._entry_masks(name)
        return masks[0].get(line, 0) | masks[1]

    def _entry_masks(self, name: str) -> tuple[dict[int, int], int]:
        """Per line, the bits of the entries of `name` the engine found there, and those of the entries it
        could not take (every line may match them)."""
        by_line: dict[int, int] = {}
        for bit, lines in self._by_name.get(name, ()):
            for i in lines:
                by_line[i] = by_line.get(i, 0) | bit
        ids = self._compiled.layout.get(name, ())
        every = (1 << len(ids)) - 1
        for i in self._anywhere:
            by_line[i] = every
        return by_line, sum(1 << k for k, expression in enumerate(ids) if expression < 0)

    @cached_property
    def _by_name(self) -> dict[str, list[tuple[int, set[int]]]]:
        """The lines of each expression the engine found, by name, with the bit of its entry."""
        out: dict[str, list[tuple[int, set[int]]]] = {}
        entry = self._compiled.entries
        for expression, lines in self._hits.items():
            name, k = entry[expression]
            out.setdefault(name, []).append((1 << k, lines))
        return out


class Scanner:
    """The lines of a document that each named group of entries may match."""

    def __init__(self, entries: Sequence[Entry]) -> None:
        self.names = tuple(dict.fromkeys(e.name for e in entries))
        self._compiled = _compile(tuple(entries))
        self._local = threading.local()

    def scan(self, data: bytes, starts: Sequence[int]) -> Found | None:
        """Line indices per name that may match in `data` (the document's lines, UTF-8, joined by line
        breaks; line k starts at byte `starts[k]`), and per line the entries; a name left out may match every
        line. None: no engine."""
        compiled = self._compiled
        if compiled is None:
            return None
        found: defaultdict[int, set[int]] = defaultdict(set)  # by expression id
        anywhere: set[int] = set()
        if data:
            def hit(pattern: int, start: int, end: int, flags: int, context: object) -> None:
                # `end` counts the line break put before the text; a match ending at a line's start is that line's
                found[pattern].add(bisect_right(starts, max(end - 1, 0)) - 1)

            scanned = b"\n" + data  # the expressions write a line's start as the line break before it (superset.py)
            try:
                for k, database in enumerate(compiled.databases):
                    database.scan(scanned, match_event_handler=hit, scratch=self._scratch(k, database))
            except Exception:  # noqa: BLE001 - any engine failure: every line is a candidate, the output the same
                return None
            if not data.isascii() and any(letter in data for letter in _LONGER_BYTES):  # (a search per letter:
                # cheaper than one regex trying the alternation at every byte)
                anywhere = {bisect_right(starts, letter.start()) - 1 for letter in _longer_cases().finditer(data)}
        lines = {name: set(anywhere) for name in self.names if name not in compiled.everywhere}
        entries = compiled.entries
        for expression, where in found.items():
            name = entries[expression][0]
            if name in lines:
                lines[name] |= where
        return Found(lines, compiled, found, anywhere)

    def _scratch(self, part: int, database: Any) -> Any:
        """This thread's scratch space for a part's database (a scratch serves one scan at a time)."""
        scratches = getattr(self._local, "scratches", None)
        if scratches is None:
            scratches = self._local.scratches = {}
        scratch = scratches.get(part)
        if scratch is None:
            import hyperscan

            scratch = scratches[part] = hyperscan.Scratch(database)
        return scratch


_LONGER_BYTES = tuple(c.encode("utf-8") for c in LONGER_CASES)


@lru_cache(maxsize=1)
def _longer_cases() -> "re.Pattern[bytes]":
    """Any of LONGER_CASES in UTF-8."""
    return re.compile(b"|".join(re.escape(c.encode("utf-8")) for c in LONGER_CASES))


@lru_cache(maxsize=8)
def _compile(entries: tuple[Entry, ...]) -> _Compiled | None:
    """The compiled scan of `entries`: from the cache folder when a sound copy is there, else compiled
    (and stored for the next process). None without hyperscan, or when it refuses the patterns."""
    try:
        import hyperscan
    except ImportError:
        return None
    key = _key(hyperscan, entries)
    path = cache_dir() / f"scan-{key[:32]}.hsdb"
    cached = _read(hyperscan, path)
    if cached is not None:
        return cached
    with _compiling(path.parent):  # processes starting together (workers, a cold first run) compile once
        cached = _read(hyperscan, path)
        return cached if cached is not None else _compile_anew(hyperscan, entries, path)


def _compile_anew(hyperscan: Any, entries: tuple[Entry, ...], path: Path) -> _Compiled | None:
    """Compile `entries` into a new database, stored at `path` for the next process."""
    from .superset import Unsupported, superset

    expressions: list[bytes] = []
    layout: dict[str, list[int]] = {}
    for entry in entries:
        try:
            expressions.append(superset(entry.pattern, entry.flags, entry.whole_line).encode("utf-8"))
            layout.setdefault(entry.name, []).append(len(expressions) - 1)
        except (Unsupported, ValueError, OverflowError):
            layout.setdefault(entry.name, []).append(-1)
    if not expressions:
        return None
    ids = list(range(len(expressions)))
    parts = [ids[len(ids) * k // PARTS:len(ids) * (k + 1) // PARTS] for k in range(PARTS)]
    with ThreadPoolExecutor(PARTS) as pool:  # the engine's compiler lets go of the GIL: the parts compile at once
        databases = tuple(pool.map(lambda part: _compiled_part(hyperscan, expressions, part), filter(None, parts)))
    if None in databases:
        return None
    compiled = _layout(databases, layout)
    _write(hyperscan, path, compiled)
    return compiled


def _compiled_part(hyperscan: Any, expressions: list[bytes], ids: list[int]) -> Any:
    """One part's database: the expressions of `ids`, under those ids. None when the engine refuses them."""
    flags = hyperscan.HS_FLAG_UTF8 | hyperscan.HS_FLAG_MULTILINE | hyperscan.HS_FLAG_ALLOWEMPTY
    database = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    try:
        database.compile(expressions=[expressions[i] for i in ids], ids=ids, elements=len(ids),
                         flags=[flags] * len(ids))
    except Exception:  # noqa: BLE001 - an engine that refuses the patterns: every line is a candidate
        return None
    return database


@contextlib.contextmanager
def _compiling(folder: Path) -> Iterator[None]:
    """Held while a process compiles a database: an exclusive lock on a file in the cache folder, so that
    the others wait for its result and read it instead of compiling the same again (seconds of processor
    each). The kernel releases the lock of a process that dies; without a writable folder or without
    flock (Windows), each process compiles its own."""
    try:
        import fcntl
    except ImportError:
        yield
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(folder / "scan.lock", os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        yield
        return
    try:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def _layout(databases: tuple[Any, ...], layout: dict[str, list[int]]) -> _Compiled:
    """A compiled scan with its entries' expression ids."""
    return _Compiled(databases, {name: tuple(ids) for name, ids in layout.items()},
                     frozenset(name for name, ids in layout.items() if -1 in ids),
                     tuple(entry for _, entry in sorted((expression, (name, k)) for name, ids in layout.items()
                                                        for k, expression in enumerate(ids) if expression >= 0)))


def _key(hyperscan: Any, entries: tuple[Entry, ...]) -> str:
    """What a compiled database depends on: the entries, the code that rewrites them, the engine."""
    h = hashlib.sha256(FORMAT)
    h.update(str(getattr(hyperscan, "__version__", "?")).encode())
    h.update(Path(__file__).with_name("superset.py").read_bytes())
    h.update(json.dumps(entries).encode("utf-8"))  # (each entry a list: name, pattern, flags, whole line)
    return h.hexdigest()


def _read(hyperscan: Any, path: Path) -> _Compiled | None:
    """The stored databases, when the file is whole (its checksum holds) and the engine takes them. Read a
    line at a time and each body whole, so their megabytes are never copied: `check` pays this at every
    start."""
    try:
        with path.open("rb") as fh:
            head, checksum, meta = (fh.readline().removesuffix(b"\n") for _ in range(3))
            if head != FORMAT:
                return None
            stored = json.loads(meta)
            bodies = [fh.read(size) for size in stored["sizes"]]
            if fh.read(1) or [len(b) for b in bodies] != stored["sizes"] or checksum != _checksum(meta, bodies):
                return None
        return _layout(tuple(hyperscan.loadb(body, hyperscan.HS_MODE_BLOCK) for body in bodies), stored["layout"])
    except Exception:  # noqa: BLE001 - unreadable, damaged, or another platform's or version's: compile anew
        return None


def _checksum(meta: bytes, bodies: Sequence[bytes]) -> bytes:
    """A stored scan's checksum (CRC-32: it finds a damaged file at half the cost of a SHA-256)."""
    crc = zlib.crc32(meta + b"\n")
    for body in bodies:
        crc = zlib.crc32(body, crc)
    return b"%08x" % crc


def _write(hyperscan: Any, path: Path, compiled: _Compiled) -> None:
    """Store the compiled databases (temporary file + rename: a reader never sees half of one)."""
    bodies = [hyperscan.dumpb(database) for database in compiled.databases]
    meta = json.dumps({"layout": compiled.layout, "sizes": [len(b) for b in bodies]}).encode("utf-8")
    data = b"\n".join((FORMAT, _checksum(meta, bodies), meta, b"".join(bodies)))
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        return
    with contextlib.suppress(OSError):  # databases of older patterns or versions: only the latest few are kept
        stored = sorted(path.parent.glob("scan-*.hsdb"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in stored[KEEP_DATABASES:]:
            old.unlink(missing_ok=True)
