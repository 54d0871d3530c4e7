"""A line's hashed cue buckets (the metadata tagger's cue words) are the same from the optional C extension
(cleaner/text/_cues.c) as from the Python version in meta_features.py, on any text."""
from __future__ import annotations

from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.text import meta_features

built = pytest.mark.skipif(meta_features.native is None, reason="the optional C extension did not build here")
# Digits of other scripts (Arabic-Indic, Devanagari, fullwidth, mathematical bold: \d, made 0), numbers that
# are word characters but not \d (², Ⅻ, ½), combining marks and joiners (neither \w nor \s), spaces Python
# counts as \s (NBSP, U+2028, U+3000, U+001C), emoji beyond the BMP, ':' cues and '_'.
LETTERS = st.sampled_from(list("aZé ß中ไ0975_:-|.'\t\n\u0663\u096b\uff17\U0001d7d7\u00b2\u216b\u00bd\u0301\u200d"
                               "\u00a0\u2028\u3000\x1c\U0001f600\U0001f44d\ufe0f"))
WORDS = st.sampled_from(["Von", "Anna", "Müller", "|", ":", "—", "2024", "١٢", "Ⅻ", "e\u0301", "👍🏽", "x_y", ""])
TEXTS = st.one_of(
    st.text(),
    st.lists(LETTERS).map("".join),
    st.lists(WORDS, max_size=150).flatmap(lambda words: st.sampled_from([" ", "", ": ", "\u00a0"]).map(
        lambda glue: glue.join(words))),  # long lines: across the 256 and 480 characters the head is read in
)


def in_python(text: str) -> tuple[int, ...] | type[Exception]:
    """The buckets as the Python version gives them (or the error it raises)."""
    with mock.patch.object(meta_features, "native", None):
        try:
            return meta_features._cue_buckets(text)
        except UnicodeEncodeError:
            return UnicodeEncodeError


@built
@given(text=TEXTS, tokens=st.sampled_from([1, 2, 7, meta_features.CUE_TOKENS]))
@settings(max_examples=400, deadline=None)
def test_the_extension_gives_the_python_buckets(text: str, tokens: int) -> None:
    with mock.patch.object(meta_features, "CUE_TOKENS", tokens):
        assert meta_features._cue_buckets(text) == in_python(text)


@built
@pytest.mark.parametrize("text", [
    "", "   \n", ":", "Von Anna Müller | 3. März 2024", "Fotos: dpa", "Publié le ٢٣ mars : 10h",
    "👍🏽 Like: 1,2 k", "e\u0301te\u0301 :", "Stand: " + "wort " * 2000 + "Ende",
    "a b c d e : f", "a b c d e f : g", "x" * 300 + " : y", "word " * 39 + "last one here", "a\u2028b\x1cc\u3000d:",
])
def test_lines_of_a_page_give_the_python_buckets(text: str) -> None:
    assert meta_features._cue_buckets(text) == in_python(text)


def test_a_cue_with_a_lone_surrogate_still_raises() -> None:
    """The Python version cannot encode it; the extension leaves such a line to it."""
    for text in ("\ud800 x", "by: \udfff"):
        with pytest.raises(UnicodeEncodeError):
            meta_features._cue_buckets(text)
    far = "a " * 50 + "\ud800"  # beyond the tokens cues are made of: no cue holds it
    assert meta_features._cue_buckets(far) == in_python(far) != UnicodeEncodeError
