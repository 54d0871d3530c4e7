"""Casefolding that does not double a very long line's memory.

str.casefold fills a buffer as long as the whole folded line and then copies it into the result: a line of
30 million characters costs three times its size at that moment. A line longer than FOLD_PIECE characters is
folded a piece at a time into its result by the optional C extension (`_fold.c`); casefolding maps each
character on its own, so the pieces give str.casefold's text exactly. Without the extension, str.casefold.
"""
from __future__ import annotations

try:
    from . import _fold as native  # type: ignore[attr-defined]
except ImportError:  # not built (no compiler at install): str.casefold, the same text at a higher peak
    native = None

# Characters folded at a time in a long line (a few MB of buffer).
FOLD_PIECE = 1 << 18


def casefold(text: str) -> str:
    """`text.casefold()`; a long text folded piece by piece (see the module docstring)."""
    if native is None or len(text) <= FOLD_PIECE:
        return text.casefold()
    return native.casefold(text, FOLD_PIECE)
