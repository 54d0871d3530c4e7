"""The progress bar of a run, and the one way commands print messages while it is shown.

A bar shows on stderr when stderr is a terminal (tqdm): with a total, percentage and ETA when the
number of documents is known beforehand, a count and rate otherwise. Messages go through the
bar's writer (tqdm.write), which clears the bar, prints the line and draws the bar again, so an
error line is never glued onto it. Without a terminal there is no bar and messages are plain lines.
"""
from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import IO, Any


class Progress:
    """A bar (or nothing) with a `note()` for messages; use as a context manager around the run."""

    def __init__(self, total: int | None = None, desc: str | None = None, unit: str = "doc",
                 enabled: bool | None = None, file: IO[str] | None = None) -> None:
        """A bar of `total` steps labelled `desc`; `enabled` defaults to "stderr is a terminal"."""
        self.file = file or sys.stderr
        if enabled is None:
            enabled = _is_terminal(self.file)
        self._bar: Any = None
        if enabled:
            from tqdm import tqdm

            self._bar = tqdm(total=total, desc=desc, unit=unit, file=self.file, leave=False,
                             mininterval=0.5, dynamic_ncols=True)

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @staticmethod
    def would_show(file: IO[str] | None = None) -> bool:
        """Whether a bar would show on `file` (default stderr): only on a terminal."""
        return _is_terminal(file or sys.stderr)

    @property
    def shown(self) -> bool:
        """Whether a bar is on screen."""
        return self._bar is not None

    def update(self, steps: int = 1) -> None:
        """Advance the bar."""
        if self._bar is not None:
            self._bar.update(steps)

    def track(self, iterable: Iterable[Any]) -> Iterator[Any]:
        """Each element of `iterable`, advancing the bar once per element."""
        for element in iterable:
            yield element
            self.update()

    def note(self, message: str, file: IO[str] | None = None) -> None:
        """Print one message line (on the bar's stream, or `file`) without breaking the bar."""
        if self._bar is not None:
            self._bar.write(message, file=file or self.file)
        else:
            print(message, file=file or self.file, flush=True)

    def close(self) -> None:
        """Take the bar off the screen."""
        if self._bar is not None:
            self._bar.close()
            self._bar = None


def _is_terminal(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
