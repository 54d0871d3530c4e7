"""Casefolding a very long line a piece at a time (cleaner/text/fold.py) gives str.casefold's text."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.text import fold

built = pytest.mark.skipif(fold.native is None, reason="the optional C extension did not build here")
# Letters that fold to more than one (ß, ŉ, ﬃ, ΐ), change width (K to k, İ), or stand beyond the BMP (𐐀, emoji),
# mixed with ASCII and Latin-1: each piece may come out in another string kind than its neighbours.
LETTERS = st.sampled_from(list("aZ é\u00dfÉ\u0149\ufb03\u0390\u212a\u0130\u0131\u017f\U00010400\U0001f600Σσς\n"))
TEXTS = st.one_of(st.text(), st.lists(LETTERS).map("".join))


@built
@given(text=TEXTS, size=st.integers(1, 9))
@settings(max_examples=400, deadline=None)
def test_folding_in_pieces_is_str_casefold(text: str, size: int) -> None:
    folded = fold.native.casefold(text, size)
    assert folded == text.casefold()
    assert hash(folded) == hash(text.casefold())  # the same kind of string, as Python makes it


@built
def test_a_long_line_is_folded_as_str_casefold_does() -> None:
    text = ("Straße ΣΊΣΥΦΟΣ \U0001f600 KELVIN \u212a İstanbul " * 20_000)[: fold.FOLD_PIECE * 3 + 17]
    assert fold.casefold(text) == text.casefold()
    ascii_only = "ABC def " * (fold.FOLD_PIECE // 4)
    assert fold.casefold(ascii_only) == ascii_only.casefold() and fold.casefold(ascii_only).isascii()


@built
def test_a_piece_size_below_one_is_refused() -> None:
    with pytest.raises(ValueError):
        fold.native.casefold("abc", 0)


def test_without_the_extension_it_is_str_casefold(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fold, "native", None)
    text = "Straße \U0001f600 " * (fold.FOLD_PIECE // 4)
    assert fold.casefold(text) == text.casefold()
