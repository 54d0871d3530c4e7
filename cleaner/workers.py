"""Worker processes with a time limit that cannot be lost: a task past its limit has its worker killed
and replaced.

pebble runs the pool. An alarm signal in the cleaning process can be swallowed (a signal that lands in
a garbage-collector callback is printed and dropped) and cannot stop C code (a parser, a long regex
match); killing the worker process always works. Workers die with the process that started them
(Linux: a parent-death signal; elsewhere a watchdog thread), so a killed `cleaner clean … | tail`
never leaves workers behind holding the pipe. pebble is imported only when a pool is made.
"""
from __future__ import annotations

import contextlib
import gc
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from typing import Any

_IN_WORKER = False
# prctl(2) option: the signal a process gets when the thread that created it exits.
_PR_SET_PDEATHSIG = 1
# Seconds between two looks at the parent where no parent-death signal exists (not Linux).
WATCH_INTERVAL = 0.5
# Seconds between two looks of pebble's pool threads at their workers (pebble's own default, 0.1 s, is
# most of the start and stop of a one-file `cleaner check`).
POOL_TICK = 0.005
# Seconds a worker past its time limit gets to end on SIGTERM before it is killed (pebble waits 3 s): a
# worker stuck in native code (a long regex, a parser) never runs its handler, and its wait holds up the run.
STOP_GRACE = 0.3


class DocumentTimeout(TimeoutError):
    """A document took longer than its time limit (Config.timeout, `timeout=`, --timeout)."""


class WorkerDied(RuntimeError):
    """The worker process cleaning a document died (a crash in native code, the out-of-memory killer)."""


class EngineError(RuntimeError):
    """The engine cleaning the documents cannot run at all (its Dask scheduler cannot be reached): the run
    stops with this one-line reason."""


def timeout_message(seconds: float) -> str:
    """The error of a document that overran the time limit."""
    return f"took longer than the time limit of {seconds:g} s (--timeout)"


def limit_of(timeout: float | None) -> float | None:
    """The time limit in seconds, or None for none (None and 0; config.check_timeout refuses other values)."""
    return timeout if timeout and timeout > 0 else None


def in_worker() -> bool:
    """Whether this process is a worker of a Pool (where the caller already enforces the limit)."""
    return _IN_WORKER


@contextlib.contextmanager
def collection_paused() -> Iterator[None]:
    """In a worker, the cycle collector off while one document is cleaned, and on again after it.

    Cleaning leaves no reference cycles behind (a collection after each of 181 dumps and 181 pages freed nothing
    but a one-off lazy load's), yet the objects alive at once inside it trigger collections that walk them for nothing:
    about 2-3% of a worker's processor time. A worker runs nothing but documents, so pausing there affects no
    one else's garbage; elsewhere (a library caller's process) this does nothing."""
    if not _IN_WORKER or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _init_worker(parent: int) -> None:
    """Run in each new worker: mark it, and make it die with `parent`."""
    global _IN_WORKER
    _IN_WORKER = True
    if sys.platform.startswith("linux"):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    else:
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True, name="cleaner-parent-watch").start()
    if os.getppid() != parent:  # the parent died before the death signal was armed
        os._exit(1)


def _watch_parent(parent: int) -> None:
    """End this worker once its parent is gone (it is then adopted: its parent id changes)."""
    while os.getppid() == parent:
        time.sleep(WATCH_INTERVAL)
    os._exit(1)


class Pool:
    """`jobs` worker processes; a task running past its timeout has its worker killed and replaced.

    Use as a context manager: leaving it stops every worker (at once when leaving on an error, e.g.
    Ctrl-C). The thread that makes the first submit() must outlive the pool: on Linux the workers it
    starts die with it.
    """

    def __init__(self, jobs: int) -> None:
        """A pool of `jobs` workers, started on the first submit()."""
        import pebble.common
        from pebble import ProcessPool

        pebble.common.CONSTS.sleep_unit = POOL_TICK
        pebble.common.CONSTS.term_timeout = STOP_GRACE

        self._pool = ProcessPool(max_workers=max(1, jobs), initializer=_init_worker, initargs=(os.getpid(),))

    def submit(self, function: Callable[..., Any], timeout: float | None, /, *args: Any, **kwargs: Any) -> Future:
        """Run `function(*args, **kwargs)` in a worker; its future fails with TimeoutError past `timeout`."""
        return self._pool.schedule(function, args=args, kwargs=kwargs, timeout=limit_of(timeout))

    def close(self) -> None:
        """Stop every worker (a task still running is abandoned)."""
        self._pool.stop()
        self._pool.join()

    def __enter__(self) -> "Pool":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def result(future: Future, timeout: float | None) -> Any:
    """The value of a Pool task; DocumentTimeout when it overran `timeout`, WorkerDied when its worker died."""
    from pebble import ProcessExpired

    try:
        return future.result()
    except TimeoutError:
        raise DocumentTimeout(timeout_message(timeout or 0)) from None
    except ProcessExpired as exc:
        raise WorkerDied(f"the worker process died (exit code {exc.exitcode})") from None


_shared: Pool | None = None
_shared_lock = threading.Lock()


def _forget_shared() -> None:
    global _shared
    _shared = None


if hasattr(os, "register_at_fork"):  # a forked child has no pool threads: it makes its own pool
    os.register_at_fork(after_in_child=_forget_shared)


def _shared_pool() -> Pool:
    """The process's one-worker pool for library calls, started by a thread that lives as long as the process."""
    global _shared
    with _shared_lock:
        if _shared is None:
            pool = Pool(1)
            started = threading.Event()

            def keep() -> None:
                pool.submit(os.getpid, None).result()  # starts the worker from this thread
                started.set()
                threading.Event().wait()  # never returns: the worker's parent thread stays alive

            threading.Thread(target=keep, daemon=True, name="cleaner-pool-keeper").start()
            started.wait()
            _shared = pool
        return _shared


def call(function: Callable[..., Any], timeout: float, /, *args: Any, **kwargs: Any) -> Any:
    """`function(*args, **kwargs)` in a worker process, killed at `timeout` seconds (DocumentTimeout).

    One worker serves every call of the process, so calls from several threads take turns, as they
    would under the GIL; the limit counts from the moment the worker starts a call.
    """
    return result(_shared_pool().submit(function, timeout, *args, **kwargs), timeout)
