"""HTML -> plain-text dumps, the input users of ``cleaner`` actually have.

A dump is ``html_text.extract_text(html, guess_layout=True)`` (style ``layout`` of
:mod:`cleaner.model.training.dumps`, bytes decoded by cleaner's own decoder): the visible text of the
page, one block per line with blank lines between blocks. The same conversion gives the gold text
of the Readability corpus from ``expected.html``. Dumps are cached by the page's content in the
training data cache (``.cache/cleaner-training/``, git-ignored; ``$CLEANER_CACHE`` moves it).
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from cleaner.model.training import dumps
from cleaner.model.training.cache import Cache

STYLE = "layout"


def html_to_text(html: bytes | str) -> str:
    """Visible text of an HTML page, one block a line, blank lines between blocks."""
    return dumps.html_to_text(html, STYLE)


def build_dumps(items: Iterable[tuple[str, bytes]], style: str = STYLE) -> dict[str, str]:
    """Dump every ``(page_id, html_bytes)``, cached unless ``CLEANER_BENCH_NO_CACHE=1``."""
    cache = None if os.environ.get("CLEANER_BENCH_NO_CACHE") else Cache()
    return dumps.build(items, style, cache)
