"""The words of every line as terms of the learned model: words, word pairs and character 4-grams.

Text is casefolded and numbers fold by size (one or two digits to 0, more to 00), so "5h ago"
and "12h ago" are one term and a year stays apart from a day or an hour. A line's terms are its words (`w:`), the pairs of neighbouring words
with the line's start and end as words of their own (`b:`, so "^ by" says a line opens with "by"),
and the character 4-grams of each word of 4+ letters inside < > (`c:`, which carry a stem into
compounds and inflections: "newsletter" inside "Newsletteranmeldung"). The model's vocabulary maps
terms to columns; terms it does not know are dropped, so no hashing collides.

Terms of a word are looked up once per process (a bounded cache), so a document costs one dict
lookup per distinct word and one per word pair.
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from itertools import chain, repeat

import numpy as np

_WORD = re.compile(r"\w+", re.UNICODE)
_NUMBER = re.compile(r"\d+")
CHAR_N = 4
# Words shorter than this give no character n-grams: their word term says all there is.
MIN_CHAR_WORD = 4
# Distinct words whose columns are kept between documents (a few MB); the cache starts over when full.
WORD_CACHE = 200_000


def words(line: str) -> list[str]:
    """The words of a line, casefolded, numbers folded by size."""
    folded = line.casefold()
    if _NUMBER.search(folded):
        folded = _NUMBER.sub(_fold_number, folded)
    return _WORD.findall(folded)


def document_words(lines: Sequence[str]) -> list[list[str]]:
    """words() of every line, casefolding and folding numbers once over the whole document."""
    joined = "\n".join(lines)
    if len(lines) < 2 or joined.count("\n") != len(lines) - 1:  # a line holding a line break: one by one
        return [words(line) for line in lines]
    folded = joined.casefold()  # character by character, so the document's is its lines' joined
    if _NUMBER.search(folded):
        folded = _NUMBER.sub(_fold_number, folded)
    return [_WORD.findall(line) for line in folded.split("\n")]


def word_terms(word: str) -> list[str]:
    """The terms one word gives on its own: itself and its character 4-grams."""
    terms = [f"w:{word}"]
    if len(word) >= MIN_CHAR_WORD:
        padded = f"<{word}>"
        terms += [f"c:{padded[i:i + CHAR_N]}" for i in range(len(padded) - CHAR_N + 1)]
    return terms


def pair_terms(ws: Sequence[str]) -> list[str]:
    """The word pairs of a line, with ^ and $ standing for its start and end."""
    seq = ["^", *ws, "$"]
    return [f"b:{a} {b}" for a, b in zip(seq, seq[1:])]


def line_terms(line: str) -> list[str]:
    """Every term of a line (with repeats), as the vocabulary is built from in training."""
    ws = words(line)
    return [t for w in ws for t in word_terms(w)] + pair_terms(ws)


def _fold_number(found: re.Match[str]) -> str:
    return "0" if len(found.group()) <= 2 else "00"


class Vocabulary:
    """Terms -> model columns, with per-word columns cached across documents."""

    def __init__(self, terms: Sequence[str]) -> None:
        self.index: Mapping[str, int] = {t: i for i, t in enumerate(terms)}
        self._words: dict[str, list[int]] = {}

    def __len__(self) -> int:
        return len(self.index)

    def _word_columns(self, word: str) -> list[int]:
        cols = self._words.get(word)
        if cols is None:
            if len(self._words) >= WORD_CACHE:
                self._words.clear()
            get = self.index.get
            cols = self._words[word] = [c for c in map(get, word_terms(word)) if c is not None]
        return cols

    def columns(self, lines: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """The known terms of each line as (row of each entry, column of each entry), in no set order.

        Per document rather than per line: each distinct word's columns are looked up once and spread
        over its occurrences with numpy, and the word pairs of all lines are looked up in one pass.
        """
        per_line = document_words(lines)
        counts = np.array(list(map(len, per_line)), np.intp)
        tokens = list(chain.from_iterable(per_line))
        distinct = {w: k for k, w in enumerate(dict.fromkeys(tokens))}
        found = [self._word_columns(w) for w in distinct]
        sizes = np.array(list(map(len, found)), np.intp)
        flat = np.array(list(chain.from_iterable(found)), np.intp)
        token_ids = np.array(list(map(distinct.__getitem__, tokens)), np.intp)
        per_token = sizes[token_ids]
        first = np.concatenate(([0], np.cumsum(sizes)[:-1]))[token_ids]
        within = np.arange(int(per_token.sum())) - np.repeat(np.cumsum(per_token) - per_token, per_token)
        word_cols = flat[np.repeat(first, per_token) + within]
        word_rows = np.repeat(np.repeat(np.arange(len(per_line)), counts), per_token)
        pairs = [term for ws in per_line for term in pair_terms(ws)]
        pair_cols = np.array(list(map(self.index.get, pairs, repeat(-1, len(pairs)))), np.intp)
        pair_rows = np.repeat(np.arange(len(per_line)), counts + 1)
        known = pair_cols >= 0
        return np.concatenate((word_rows, pair_rows[known])), np.concatenate((word_cols, pair_cols[known]))
