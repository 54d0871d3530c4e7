"""Clean many documents: in order, optionally in worker processes, a failure never stopping the run.

Documents stream through: at most WINDOW_PER_WORKER documents per worker are read ahead, so memory
stays flat however large the corpus. Each document has a time limit (Config.timeout): in-process an
alarm interrupts it; with worker processes a worker that overruns is killed and replaced.
"""
from __future__ import annotations

import dataclasses
import multiprocessing
import signal
import threading
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait

from .config import Config
from .document import NO_ARTICLE, Result
from .encoding import DecodeError
from .readers import Item

# Documents in flight per worker (being cleaned or done, waiting for their turn in input order):
# enough to keep a worker busy while a slow document holds the head of the line, few enough that
# memory does not grow with the corpus (peak RSS measured flat in benchmarks/scale.py).
WINDOW_PER_WORKER = 4
# Seconds a worker gets past the time limit for its own alarm to report the overrun before it is
# killed (needed only when the document is stuck in C code, e.g. a parser, that an alarm cannot stop).
KILL_GRACE = 2.0


# After the time limit the alarm rings again this often: a DocumentTimeout raised inside a gc callback or
# a library's `except Exception` is swallowed, and the next ring ends the document a moment later.
REARM_SECONDS = 0.1


class DocumentTimeout(Exception):
    """A document took longer than Config.timeout to clean."""


@dataclass
class Outcome:
    """One document's result, or the one-line reason it failed; skipped when its output is done."""

    item: Item
    result: Result | None = None
    error: str | None = None
    skipped: bool = False


@dataclass
class Summary:
    """Counts of a run: documents, failures, skipped ones, and spans removed per rule."""

    documents: int = 0
    failures: int = 0
    skipped: int = 0
    empty: int = 0
    """Documents read whole that hold no article (an empty body with Result.error): results, not failures."""
    by_rule: Counter = field(default_factory=Counter)

    def add(self, outcome: Outcome) -> None:
        """Count one finished document."""
        if outcome.skipped:
            self.skipped += 1
            return
        self.documents += 1
        if outcome.error is not None:
            self.failures += 1
        elif outcome.result is not None:
            self.by_rule.update(outcome.result.counts_by_rule())
            self.empty += bool(outcome.result.error)

    def line(self) -> str:
        """The summary line printed at the end of a run."""
        rules = ", ".join(f"{rule}={n}" for rule, n in sorted(self.by_rule.items(), key=lambda kv: (-kv[1], kv[0])))
        removed = sum(self.by_rule.values())
        skipped = f", {self.skipped} skipped (output up to date; --force to redo)" if self.skipped else ""
        skipped += f", {self.empty} without article text" if self.empty else ""
        return (f"cleaner: {self.documents} file(s), {self.failures} failed{skipped}, {removed} block(s) removed"
                + (f" ({rules})" if rules else ""))


def timeout_message(seconds: float) -> str:
    """The error of a document that overran the time limit."""
    return f"took longer than the time limit of {seconds:g} s (--timeout)"


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise DocumentTimeout in the block after `seconds` (main thread on Unix only; else no limit)."""
    usable = (seconds and seconds > 0 and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return

    fired: list[bool] = []

    def expire(signum, frame):
        fired.append(True)
        raise DocumentTimeout(timeout_message(seconds))

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds, REARM_SECONDS)  # again and again until it is not swallowed
    try:
        yield
        if fired:  # raised where it was swallowed (a gc callback, a library's `except Exception`)
            raise DocumentTimeout(timeout_message(seconds))
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def clean_item(item: Item, config: Config) -> Outcome:
    """Clean one read document within the time limit; every error becomes the outcome's one-line error."""
    if item.skipped:
        return Outcome(item, skipped=True)
    if item.error is not None:
        return Outcome(item, error=item.error)
    from .pipeline import clean

    config = config.for_path(item.fields.get("file", item.name))  # per-file-ignores
    try:
        with time_limit(config.timeout):
            result = clean(item.data or b"", url=item.url, config=config, source=item.name)
    except (DecodeError, DocumentTimeout) as exc:
        return Outcome(item, error=str(exc))
    except Exception as exc:  # a bug or a pathological input fails this document, never the run
        return Outcome(item, error=f"cannot clean: {type(exc).__name__}: {exc}")
    if result.error and not result.text and result.error != NO_ARTICLE:  # e.g. a page too deep to trust
        return Outcome(item, error=result.error)
    return Outcome(item, result)


def clean_light(item: Item, config: Config) -> Outcome:
    """clean_item for another process: the outcome travels back without the input and per-block data."""
    outcome = clean_item(item, config)
    outcome.item = dataclasses.replace(item, data=None)
    if outcome.result is not None:
        outcome.result.blocks, outcome.result.decisions = [], []
    return outcome


def run(items: Iterable[Item], config: Config, jobs: int = 1, engine: str = "process",
        scheduler: str | None = None) -> Iterator[Outcome]:
    """Outcomes in input order; with jobs > 1 in that many processes, or on a Dask cluster (engine='dask')."""
    if engine == "dask":
        from .distributed import run as run_dask

        yield from run_dask(items, config, scheduler=scheduler, workers=jobs)
    elif jobs <= 1:
        for item in items:
            yield clean_item(item, config)
    else:
        yield from _run_pool(items, config, jobs)


def _serve(conn: Connection, config: Config) -> None:
    """A worker process: clean each (seq, item) received, send back (seq, outcome); None stops it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group; the parent handles it
    while True:
        try:
            message = conn.recv()
        except EOFError:
            return
        if message is None:
            return
        seq, item = message
        conn.send((seq, clean_light(item, config)))


class _Worker:
    """One worker process, the document it is cleaning and since when."""

    def __init__(self, config: Config) -> None:
        self.conn, child = multiprocessing.Pipe()
        self.process = multiprocessing.Process(target=_serve, args=(child, config), daemon=True)
        self.process.start()
        child.close()
        self.seq: int | None = None
        self.item: Item | None = None
        self.started = 0.0

    def assign(self, seq: int, item: Item) -> None:
        """Send one document to this worker."""
        self.seq, self.item, self.started = seq, dataclasses.replace(item, data=None), time.monotonic()
        self.conn.send((seq, item))

    def release(self) -> tuple[int, Item]:
        """The document this worker had, marking the worker idle."""
        seq, item = self.seq, self.item
        self.seq = self.item = None
        return seq, item

    def stop(self) -> None:
        """End the process: politely when idle, by force when busy or slow to exit."""
        try:
            if self.seq is None:
                self.conn.send(None)
                self.process.join(timeout=1)
        except OSError:
            pass
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


def _run_pool(items: Iterable[Item], config: Config, jobs: int) -> Iterator[Outcome]:
    """Clean in `jobs` processes, reading ahead at most WINDOW_PER_WORKER documents per worker."""
    workers = [_Worker(config) for _ in range(jobs)]
    source = iter(items)
    done: dict[int, Outcome] = {}
    sent = emitted = 0
    exhausted = False
    limit = config.timeout + KILL_GRACE if config.timeout and config.timeout > 0 else None
    try:
        while True:
            while not exhausted and sent - emitted < WINDOW_PER_WORKER * jobs:
                idle = next((w for w in workers if w.seq is None), None)
                if idle is None:
                    break
                item = next(source, None)
                if item is None:
                    exhausted = True
                    break
                if item.skipped or item.error is not None:
                    done[sent] = clean_item(item, config)
                else:
                    idle.assign(sent, item)
                sent += 1
            while emitted in done:
                yield done.pop(emitted)
                emitted += 1
            busy = [w for w in workers if w.seq is not None]
            if not busy:
                if exhausted and emitted == sent:
                    return
                continue
            now = time.monotonic()
            wait_for = None if limit is None else max(0.0, min(w.started for w in busy) + limit - now)
            ready = wait([w.conn for w in busy], timeout=wait_for)
            for i, worker in enumerate(workers):
                if worker.seq is None:
                    continue
                if worker.conn in ready:
                    try:
                        _, outcome = worker.conn.recv()
                        seq, item = worker.release()
                        outcome.item = item
                        done[seq] = outcome
                        continue
                    except (EOFError, OSError):
                        worker.process.join(timeout=1)
                        error = f"the worker process died (exit code {worker.process.exitcode})"
                elif limit is not None and time.monotonic() - worker.started >= limit:
                    error = timeout_message(config.timeout)
                else:
                    continue
                seq, item = worker.release()
                done[seq] = Outcome(item, error=error)
                worker.stop()
                workers[i] = _Worker(config)
    finally:
        for worker in workers:
            worker.stop()
