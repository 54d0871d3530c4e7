"""Cleaning beyond one machine with Dask (optional extra: `pip install cleaner[dask]`).

Two entry points: `clean_bag` maps `cleaner.clean` over a `dask.bag.Bag` of documents (library use,
e.g. a bag read from S3), and `run` streams the `clean` command's documents to a cluster in input
order (`cleaner clean --engine dask --scheduler ADDRESS`). Dask is imported only here, only when used.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import DEFAULT, Config
from ..document import Metadata, Result
from ..io.item import Item
from ..workers import EngineError, timeout_message
from .work import WINDOW_PER_WORKER, Outcome, clean_item, clean_light

if TYPE_CHECKING:
    import dask.bag

CONNECT_TIMEOUT = 10.0
"""Seconds to reach the scheduler before the run stops (Dask's own default waits 30 s, then a traceback)."""


def _need_dask() -> None:
    """Fail with the install hint when Dask is missing."""
    try:
        import dask.bag  # noqa: F401
        import distributed  # noqa: F401
    except ImportError as exc:
        raise ImportError("the Dask engine needs the extra: pip install 'cleaner[dask]'") from exc


def scheduler_problem(address: str | None) -> str | None:
    """Why the Dask engine cannot run with the scheduler at `address` (None: a local cluster): Dask is missing,
    or the address does not parse. Checked before any work."""
    try:
        _need_dask()
    except ImportError as exc:
        return str(exc)
    if address is None:
        return None
    from distributed.comm.addressing import parse_address, parse_host_port
    from distributed.comm.registry import get_backend

    try:
        scheme, location = parse_address(address)
        get_backend(scheme)
        if scheme != "inproc":
            parse_host_port(location)
    except ValueError as exc:
        return f"invalid value {address!r} for --scheduler: {exc} (an address such as tcp://10.0.0.5:8786)"
    return None


def _connect(address: str | None, workers: int):
    """A client of the scheduler at `address` (EngineError when it cannot be reached within CONNECT_TIMEOUT),
    or of a local cluster of `workers` processes; and that cluster, to close after the client."""
    from distributed import Client, LocalCluster

    if address is None:
        cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, dashboard_address=None)
        return Client(cluster), cluster
    try:
        return Client(address, timeout=CONNECT_TIMEOUT), None
    except (OSError, TimeoutError) as exc:
        reason = (str(exc).splitlines() or [type(exc).__name__])[0]
        raise EngineError(f"cannot reach the Dask scheduler at {address} ({reason})") from None


def clean_document(document: str | bytes, config: Config = DEFAULT) -> Result:
    """Clean one document of a bag: its Result, or an empty Result whose `error` says why it failed."""
    outcome = clean_light(Item("<bag>", Path("bag"), data=document), config)  # str goes through as str
    if outcome.result is None:
        return Result("", Metadata(), [], error=outcome.error)
    outcome.result.source = None
    return outcome.result


def clean_bag(bag: "dask.bag.Bag", config: Config | None = None) -> "dask.bag.Bag":
    """A bag of Results, one per document (str or bytes) of `bag`, in the same order; lazy like any bag.

    Failures do not fail the computation: that document's Result is empty and carries `error`.
    """
    _need_dask()
    return bag.map(clean_document, config=config or DEFAULT)


def run(items: Iterable[Item], config: Config, scheduler: str | None = None, workers: int = 1) -> Iterator[Outcome]:
    """Outcomes in input order, cleaned on the Dask cluster at `scheduler` (else a local one of `workers`);
    EngineError when the scheduler cannot be reached.

    At most WINDOW_PER_WORKER documents per worker thread are in flight. A document not back
    within the time limit once it heads the line is reported as failed (the worker's thread cannot
    be killed; it finishes in the background).
    """
    _need_dask()
    from distributed import TimeoutError as DaskTimeout

    client, cluster = _connect(scheduler, workers)
    try:
        window = WINDOW_PER_WORKER * max(1, sum(client.nthreads().values()))
        pending: deque = deque()
        timeout = config.timeout if config.timeout and config.timeout > 0 else None
        for item in items:
            if item.skipped or item.error is not None:
                pending.append((item, clean_item(item, config)))
            else:
                pending.append((item, client.submit(clean_light, item, config, pure=False)))
            while len(pending) >= window:
                yield _collect(*pending.popleft(), timeout, DaskTimeout)
        while pending:
            yield _collect(*pending.popleft(), timeout, DaskTimeout)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _collect(item: Item, waiting, timeout: float | None, timeout_error: type[Exception]) -> Outcome:
    """The outcome of one document: already known, or its future's result within the time limit."""
    if isinstance(waiting, Outcome):
        return waiting
    try:
        outcome = waiting.result(timeout=timeout)
    except timeout_error:
        waiting.cancel()
        return Outcome(item, error=timeout_message(timeout))
    except Exception as exc:  # a worker lost or a task that could not run fails this document only
        return Outcome(item, error=f"cannot clean on the cluster: {type(exc).__name__}: {exc}")
    outcome.item = item
    return outcome
