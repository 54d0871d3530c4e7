"""Clean many documents: in order, optionally in worker processes, a failure never stopping the run."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from .config import Config
from .document import Result
from .encoding import DecodeError
from .readers import Item


@dataclass
class Outcome:
    """One document's result, or the one-line reason it failed."""

    item: Item
    result: Result | None = None
    error: str | None = None


@dataclass
class Summary:
    """Counts of a run: documents, failures, and spans removed per rule."""

    documents: int = 0
    failures: int = 0
    by_rule: Counter = field(default_factory=Counter)

    def add(self, outcome: Outcome) -> None:
        """Count one finished document."""
        self.documents += 1
        if outcome.error is not None:
            self.failures += 1
        elif outcome.result is not None:
            self.by_rule.update(outcome.result.counts_by_rule())

    def line(self) -> str:
        """The summary line printed at the end of a run."""
        rules = ", ".join(f"{rule}={n}" for rule, n in sorted(self.by_rule.items(), key=lambda kv: (-kv[1], kv[0])))
        removed = sum(self.by_rule.values())
        return (f"cleaner: {self.documents} file(s), {self.failures} failed, {removed} block(s) removed"
                + (f" ({rules})" if rules else ""))


def clean_item(item: Item, config: Config) -> Outcome:
    """Clean one read document; decoding and cleaning errors become the outcome's error."""
    if item.error is not None:
        return Outcome(item, error=item.error)
    from .pipeline import clean

    try:
        result = clean(item.data or b"", url=item.url, config=config, source=item.name)
    except DecodeError as exc:
        return Outcome(item, error=str(exc))
    except (ValueError, RecursionError, MemoryError) as exc:
        return Outcome(item, error=f"cannot clean: {type(exc).__name__}: {exc}")
    return Outcome(item, result)


def _clean_for_worker(args: tuple[Item, Config]) -> Outcome:
    """Worker-side cleaning: the result travels back without its per-block working data."""
    outcome = clean_item(*args)
    outcome.item.data = None
    if outcome.result is not None:
        outcome.result.blocks, outcome.result.decisions = [], []
    return outcome


def run(items: Iterable[Item], config: Config, jobs: int = 1) -> Iterator[Outcome]:
    """Outcomes in input order; with jobs > 1 documents are cleaned in that many processes."""
    if jobs <= 1:
        for item in items:
            yield clean_item(item, config)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(_clean_for_worker, ((item, config) for item in items), chunksize=4)
