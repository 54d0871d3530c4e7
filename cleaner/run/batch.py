"""Clean many documents: in order, under a time limit, a failure never stopping the run.

Documents stream through: at most WINDOW_PER_WORKER documents per worker are read ahead, so memory
stays flat however large the corpus. With a time limit (Config.timeout) or several jobs, documents
are cleaned in worker processes (cleaner.workers): a worker that overruns the limit, even inside C
code, is killed and replaced, and only that document fails. With neither, they are cleaned here.
"""
from __future__ import annotations

import dataclasses
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field

from .. import workers
from ..config import Config
from ..io.item import Item
from ..workers import DocumentTimeout, WorkerDied
from .work import WINDOW_PER_WORKER, Outcome, Work, clean_detailed, clean_light, prime, settled


@dataclass
class Summary:
    """Counts of a run: documents (plain files, and records of JSONL/WARC files), failures, skipped and
    stale ones, and spans removed per rule."""

    documents: int = 0
    failures: int = 0
    skipped: int = 0
    stale: int = 0
    """Documents cleaned again because their output was made from another input or with other options."""
    empty: int = 0
    """Documents read whole that hold no article (an empty body with Result.error): results, not failures."""
    records: int = 0
    """Documents that are records of a JSONL or WARC file (the other documents are files)."""
    from_record_files: int = 0
    """Outcomes of JSONL or WARC files: their records, and failures of a whole file (unreadable, cut short)."""
    record_files: set[str] = field(default_factory=set)
    by_rule: Counter = field(default_factory=Counter)

    def add(self, outcome: Outcome) -> None:
        """Count one finished document."""
        if outcome.skipped:
            self.skipped += 1
            return
        self.documents += 1
        self.stale += bool(outcome.item.fields.get("stale"))
        source = outcome.item.fields.get("file")
        if source is not None:
            self.record_files.add(source)
            self.from_record_files += 1
            self.records += outcome.item.name != source  # `file:line` or `file@offset`; the file itself is no record
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
        skipped += f", {self.stale} redone as stale (other input, options or version)" if self.stale else ""
        skipped += f", {self.empty} without article text" if self.empty else ""
        return (f"cleaner: {self._counted()}, {self.failures} failed{skipped}, {removed} block(s) removed"
                + (f" ({rules})" if rules else ""))

    def _counted(self) -> str:
        """What was cleaned: `N file(s)`, and `M record(s) of K JSONL/WARC file(s)` when there were any."""
        files = self.documents - self.from_record_files
        parts = [f"{files} file(s)"] if files or not self.record_files else []
        if self.record_files:
            parts.append(f"{self.records} record(s) of {len(self.record_files)} JSONL/WARC file(s)")
        return " and ".join(parts)


def run(items: Iterable[Item], config: Config, jobs: int = 1, engine: str = "process",
        scheduler: str | None = None, detail: bool = False) -> Iterator[Outcome]:
    """Outcomes in input order; with jobs > 1 in that many processes, or on a Dask cluster (engine='dask').

    `detail` keeps each result's blocks and decisions (else dropped when a result crosses processes).
    """
    if engine == "dask":
        from .distributed import run as run_dask

        yield from run_dask(items, config, scheduler=scheduler, workers=jobs)
    else:
        here = jobs <= 1 and workers.limit_of(config.timeout) is None  # nothing crosses processes
        yield from each(clean_detailed if detail or here else clean_light, items, config, jobs)


def each(work: Work, items: Iterable[Item], config: Config, jobs: int = 1) -> Iterator[Outcome]:
    """`work(item, config)` for every document, in input order, each under Config.timeout.

    Here in this process when there is no time limit and one job; else in `jobs` worker processes,
    at most WINDOW_PER_WORKER documents each in flight. A document whose worker overruns the limit
    or dies fails with that reason; the others are not affected.
    """
    limit = workers.limit_of(config.timeout)
    if jobs <= 1 and limit is None:
        for item in items:
            yield settled(item) or work(item, config)
        return
    jobs = max(1, jobs)
    with workers.Pool(jobs) as pool:
        pending: deque[tuple[Item, Outcome | Future]] = deque()
        primed = False
        for item in items:
            done = settled(item)
            if done is None and not primed:  # before the first submit forks the workers
                prime(item, config)
                primed = True
            if done is None:  # the worker gets the bytes (and the file, for per-file-ignores); the parent the rest
                sent = dataclasses.replace(item, fields={k: v for k, v in item.fields.items() if k == "file"})
                item = dataclasses.replace(item, data=None)
                pending.append((item, pool.submit(work, limit, sent, config)))
            else:
                pending.append((item, done))
            while len(pending) >= WINDOW_PER_WORKER * jobs:
                yield _collect(*pending.popleft(), limit)
        while pending:
            yield _collect(*pending.popleft(), limit)


def _collect(item: Item, waiting: Outcome | Future, limit: float | None) -> Outcome:
    """The outcome of one document: already known, or its worker's, with the parent's copy of the item."""
    if isinstance(waiting, Outcome):
        return waiting
    try:
        outcome = workers.result(waiting, limit)
    except (DocumentTimeout, WorkerDied) as exc:
        return Outcome(item, error=str(exc))
    except Exception as exc:  # the task could not even be sent or run (e.g. the pool broke): this document fails
        return Outcome(item, error=f"cannot clean: {type(exc).__name__}: {exc}")
    outcome.item = item
    return outcome
