"""The words of every line as terms of the learned model: words, word pairs and character 4-grams.

Text is casefolded and numbers fold by size (one or two digits to 0, more to 00), so "5h ago"
and "12h ago" are one term and a year stays apart from a day or an hour. A line's terms are its words (`w:`), the pairs of neighbouring words
with the line's start and end as words of their own (`b:`, so "^ by" says a line opens with "by"),
and the character 4-grams of each word of 4+ letters inside < > (`c:`, which carry a stem into
compounds and inflections: "newsletter" inside "Newsletteranmeldung"). The model's vocabulary maps
terms to columns by a hash of each term (below); terms it does not know are dropped.

A word's key and columns are looked up once per process (a bounded cache), and a document's word pairs
in one numpy search, so a document costs about one Python step per distinct new word.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from itertools import chain

import numpy as np

from ..text.chars import DIGIT, WORD, char_classes
from . import kernels

_WORD = re.compile(r"\w+", re.UNICODE)
_NUMBER = re.compile(r"\d+")
_ONE_WORD, _ONE_DIGIT = re.compile(r"\w"), re.compile(r"\d")
CHAR_N = 4
# Words shorter than this give no character n-grams: their word term says all there is.
MIN_CHAR_WORD = 4
# Distinct words whose columns are kept between documents (a few MB); the cache starts over when full.
WORD_CACHE = 200_000
# A line longer than this is read a piece of about this many characters at a time (line_counts).
PIECE_CHARS = 1 << 18


def words(line: str) -> list[str]:
    """The words of a line, casefolded, numbers folded by size."""
    folded = line.casefold()
    if _NUMBER.search(folded):
        folded = _NUMBER.sub(_fold_number, folded)
    return _WORD.findall(folded)


def document_words(lines: Sequence[str]) -> tuple[list[str], np.ndarray]:
    """words() of every line, end to end, and how many of them each line has.

    Read for the whole document at once from its casefolded code points and their classes (chars.py: the
    regex's own \\w and \\d, character by character), so no regex runs line by line: a run of word characters
    is a word, a run of digits in it folds to 0 or 00."""
    joined = "\n".join(lines)
    if len(lines) < 2 or joined.count("\n") != len(lines) - 1:  # a line holding a line break: one by one
        per_line = [words(line) for line in lines]
        return list(chain.from_iterable(per_line)), np.array(list(map(len, per_line)), np.intp)
    codes = np.frombuffer(casefolded(lines).encode("utf-32-le", "surrogatepass"), np.uint32)
    cls = _classes(codes)
    folded = kernels.fold_words(codes, cls, len(lines))
    if folded is not None:
        return _text(folded[0]).split(), folded[1]
    word = (cls & WORD) != 0
    digit = (cls & DIGIT) != 0  # (every digit is a word character)
    before = np.zeros(len(codes) + 2, bool)  # whether each of the two characters before is a digit
    before[2:] = digit
    after = np.zeros(len(codes), bool)
    after[:-1] = digit[1:]
    # A run of digits keeps its first character, and its second when the run is longer than two: as 0, 00.
    kept = ~digit | ~before[1:-1] | (~before[:-2] & after)
    out = np.where(word | (codes == 10), codes, 32)
    out[digit] = ord("0")
    out, word = out[kept], word[kept]
    starts = word.copy()
    starts[1:] &= ~word[:-1]
    line_of = np.cumsum(out == 10)
    counts = np.bincount(line_of[starts], minlength=len(lines)).astype(np.intp)
    return out.tobytes().decode("utf-32-le", "surrogatepass").split(), counts


def folded_words(lines: Sequence[str]) -> tuple[np.ndarray, np.ndarray] | None:
    """document_words of `lines` as the code points of their words (uint32, each word followed by a space or a
    line break) and how many words each line has: with the extension, for lines without a line break in them
    (None otherwise)."""
    if kernels.native is None or len(lines) < 2:
        return None
    joined = casefolded(lines)
    if joined.count("\n") != len(lines) - 1:  # (casefolding makes no line break and keeps each one)
        return None
    codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), np.uint32)
    return kernels.fold_words(codes, _classes(codes), len(lines))


def casefolded(lines: Sequence[str]) -> str:
    """`"\\n".join(lines).casefold()` (casefolding maps each character on its own), an ASCII line lowered: an ASCII
    character folds to its lower case, and str.lower reads ASCII text a word at a time where str.casefold looks
    each character up."""
    return "\n".join([line.lower() if line.isascii() else line.casefold() for line in lines])


def _text(codes: np.ndarray) -> str:
    """Code points (uint32) as a string."""
    return codes.tobytes().decode("utf-32-le", "surrogatepass")


def _classes(codes: np.ndarray) -> np.ndarray:
    """The class bits (chars.py) of code points; those beyond the table are asked of the regex one by one."""
    table = char_classes()
    read = kernels.classes(codes, table)
    if read is not None and not read[1]:  # (the extension's one pass: no code point past the table)
        return read[0]
    cls = table[np.minimum(codes, len(table) - 1)]
    beyond = codes >= len(table) - 1  # (the table's last entry stands for them all: look them up)
    if beyond.any():
        found = {int(c): (WORD if _ONE_WORD.match(chr(c)) else 0) | (DIGIT if _ONE_DIGIT.match(chr(c)) else 0)
                 for c in np.unique(codes[beyond]).tolist()}
        cls[beyond] = [found[c] for c in codes[beyond].tolist()]
    return cls


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


# Terms are looked up by a 48-bit hash of their text: a key per word ("w:" + word), per character
# n-gram ("c:" + gram) and per word pair (the two words' keys combined with numpy), so a document's pairs
# are looked up at once and the model loads its vocabulary as one array, not a dict of 300,000 strings.
# Two known terms that hash alike share the first one's column (checked when a vocabulary is made: none
# in the shipped model); an unknown term taken for a known one is a one-in-10^8 event per document.
KEY_BITS = 48
_MASK = np.uint64((1 << KEY_BITS) - 1)
_PAIR = np.uint64(0x9E3779B97F4A7C15)  # odd: multiplying by it mixes the left word's key
LINE_START, LINE_END = "^", "$"


def text_key(text: str) -> int:
    """The key of a term's text ('w:word', 'c:<wor'): a stable 48-bit hash."""
    digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "little") & ((1 << KEY_BITS) - 1)


def pair_keys(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Keys of word pairs from their words' keys (uint64 arithmetic, wrapping)."""
    with np.errstate(over="ignore"):
        return (left.astype(np.uint64) * _PAIR + right.astype(np.uint64)) & _MASK


def term_key(term: str) -> int:
    """The key of any term ('w:', 'c:' or 'b:' term)."""
    if term.startswith("b:"):
        left, right = term[2:].split(" ")
        return int(pair_keys(np.array([text_key("w:" + left)], np.uint64), np.array([text_key("w:" + right)], np.uint64))[0])
    return text_key(term)


class Vocabulary:
    """Term keys -> model columns (a sorted array searched with numpy), with each word's columns and key
    cached across documents."""

    def __init__(self, terms: Sequence[str]) -> None:
        """The vocabulary of `terms` (column k is terms[k])."""
        self._set(np.array([term_key(t) for t in terms], np.uint64))

    @classmethod
    def from_keys(cls, keys: np.ndarray) -> "Vocabulary":
        """The vocabulary whose column k has key keys[k] (as a model file stores it)."""
        vocab = cls.__new__(cls)
        vocab._set(np.asarray(keys, np.uint64))
        return vocab

    def _set(self, keys: np.ndarray) -> None:
        self.keys = keys
        order = np.argsort(keys)
        if len(keys) > 1 and np.any(keys[order[1:]] == keys[order[:-1]]):
            order = np.argsort(keys, kind="stable")  # of two equal keys, the first column wins
        self._sorted = keys[order]
        self._columns = order.astype(np.intp)
        self._cache = _WordCache()
        self._slots: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.keys)

    def lookup(self, keys: np.ndarray) -> np.ndarray:
        """The column of each key, -1 where the key is unknown.

        The keys are searched in sorted order: each search starts where the last ended, so the table is
        read in one sweep (2-3x faster on a document's few thousand keys than searching them as they come).
        With the C extension a hash table answers the same.
        """
        slots = self._table()
        if slots is not None:
            return kernels.lookup(slots, self.keys, keys)
        if not len(self._sorted):
            return np.full(len(keys), -1, np.intp)
        order = np.argsort(keys)
        at = np.empty(len(keys), np.intp)
        at[order] = np.searchsorted(self._sorted, keys[order])
        at = np.minimum(at, len(self._sorted) - 1)
        return np.where(self._sorted[at] == keys, self._columns[at], -1)

    def _table(self) -> np.ndarray | None:
        """The C extension's hash table of the keys, made at its first use (None without the extension)."""
        if kernels.native is None:
            return None
        if self._slots is None:
            self._slots = kernels.table(self.keys)
        return self._slots

    def counts(self, lines: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The known terms of each line and how often it holds each, as (row, column, count) sorted by row and
        column: counted line by line in C, else with one sort of the document's terms (`columns`)."""
        slots = self._table()
        if slots is None:
            rows, cols = self.columns(lines)
            key, count = np.unique(rows * len(self) + cols, return_counts=True)
            return key // len(self), key % len(self), count
        folded = folded_words(lines)
        if folded is None:
            tokens, counts = document_words(lines)
            ids = self._word_ids(tokens)
        else:
            ids, counts = self._code_ids(folded[0]), folded[1]
        return kernels.counts(ids, counts, self._cache, slots, self.keys, (int(_START_KEY), int(_END_KEY)))

    def column(self, term: str) -> int | None:
        """The column of one term, or None when the vocabulary does not know it."""
        found = int(self.lookup(np.array([term_key(term)], np.uint64))[0])
        return None if found < 0 else found

    def _code_ids(self, codes: np.ndarray) -> np.ndarray:
        """_word_ids of the words of `codes` (folded_words), the cached ones found by their code points: only a
        word not seen before is made a string."""
        cache = self._cache
        found = cache.words.find(codes)
        if found is None:
            return self._word_ids(_text(codes).split())
        ids, spans = found
        new = np.flatnonzero(ids < 0)
        if len(new):
            text, cleared = _text(codes), cache.cleared
            ids[new] = self._word_ids([text[start:end] for start, end in spans[new].tolist()])
            if cache.cleared != cleared:  # the cache started over: the words found before are gone from it
                return self._word_ids(text.split())
        return ids

    def _word_ids(self, tokens: list[str]) -> np.ndarray:
        """The cache entry of each token, after caching the words not seen before (their key and columns)."""
        cache = self._cache
        ids = list(map(cache.index.get, tokens))
        if None in ids:
            new = [w for w in dict.fromkeys(tokens) if w not in cache.index]
            if len(cache.index) + len(new) > WORD_CACHE:  # the cache starts over, with these words
                cache.clear()
                new = list(dict.fromkeys(tokens))
            terms = [word_terms(w) for w in new]
            keys = np.array([text_key(t) for ts in terms for t in ts], np.uint64)
            cols = self.lookup(keys)
            sizes = np.array([len(ts) for ts in terms], np.intp)
            starts = np.cumsum(sizes) - sizes
            known = (cols >= 0).astype(np.intp)
            cache.add(new, keys[starts], np.add.reduceat(known, starts) if len(new) else sizes, cols[known > 0])
            ids = list(map(cache.index.__getitem__, tokens))
        return np.array(ids, np.intp)

    def line_counts(self, line: str) -> tuple[np.ndarray, np.ndarray]:
        """The known terms of one very long line as (columns, how often each occurs), read a piece at a time
        (pieces cut at white space: no word and no number is cut, and the pair across a cut is counted)."""
        from ..text.table import pieces

        total = np.zeros(len(self), np.int64)
        previous = _START_KEY
        for start, end in pieces(line, PIECE_CHARS):
            ws = words(line[start:end])
            ids = self._word_ids(ws)
            cols = self._cache.columns(ids)
            keys = np.concatenate(([previous], self._cache.keys[ids]))
            if end == len(line):
                keys = np.append(keys, _END_KEY)
            pairs = self.lookup(pair_keys(keys[:-1], keys[1:]))
            total += np.bincount(cols, minlength=len(self)) + np.bincount(pairs[pairs >= 0], minlength=len(self))
            if len(ids):
                previous = keys[len(ids)]
        cols = np.flatnonzero(total)
        return cols, total[cols]

    def columns(self, lines: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """The known terms of each line as (row of each entry, column of each entry), in no set order.

        Per document rather than per line: each distinct word's columns are looked up once (and kept for
        later documents) and spread over its occurrences with numpy, and every word pair of the document
        is looked up in one search.
        """
        tokens, counts = document_words(lines)
        token_ids = self._word_ids(tokens)
        cache = self._cache
        per_token = cache.sizes[token_ids]
        word_cols = cache.columns(token_ids)
        word_rows = np.repeat(np.repeat(np.arange(len(lines)), counts), per_token)
        # Each line's sequence of word keys between its start and end marks; a pair is two neighbours
        # of one line.
        size = counts + 2
        ends = np.cumsum(size)
        starts = ends - size
        sequence = np.empty(int(ends[-1]) if len(ends) else 0, np.uint64)
        sequence[starts] = _START_KEY
        sequence[ends - 1] = _END_KEY
        inner = np.ones(len(sequence), bool)
        inner[starts] = False
        inner[ends - 1] = False
        sequence[inner] = cache.keys[token_ids]
        pairs = pair_keys(sequence[:-1], sequence[1:])
        within_line = np.ones(len(pairs), bool)
        within_line[(ends - 1)[:-1]] = False  # a line's end mark and the next line's start
        pair_cols = self.lookup(pairs[within_line])
        pair_rows = np.repeat(np.arange(len(lines)), counts + 1)
        known = pair_cols >= 0
        return np.concatenate((word_rows, pair_rows[known])), np.concatenate((word_cols, pair_cols[known]))


class _WordCache:
    """Words seen so far, each with its key and its known columns (a word term and n-grams), in arrays that
    grow by doubling: a document's words are looked up in one pass (kernels.WordTable: by their code points with
    the extension, else in a dict) and their columns gathered with numpy."""

    def __init__(self) -> None:
        self.cleared = -1
        self.clear()

    def clear(self) -> None:
        """Forget every word (the cache is full)."""
        self.cleared += 1
        self.words = kernels.WordTable()
        self.index = self.words.index
        self.keys = np.zeros(1024, np.uint64)
        self.sizes = np.zeros(1024, np.intp)
        self.starts = np.zeros(1024, np.intp)
        self.flat = np.zeros(4096, np.intp)
        self._used = 0

    def add(self, words: list[str], keys: np.ndarray, sizes: np.ndarray, flat: np.ndarray) -> None:
        """Cache `words` with their keys, how many known columns each has, and those columns end to end."""
        n, at = len(self.index), self._used
        self.keys, self.sizes, self.starts = (kernels.room(a, n + len(words))
                                              for a in (self.keys, self.sizes, self.starts))
        self.flat = kernels.room(self.flat, at + len(flat))
        self.keys[n:n + len(words)] = keys
        self.sizes[n:n + len(words)] = sizes
        self.starts[n:n + len(words)] = at + np.cumsum(sizes) - sizes
        self.flat[at:at + len(flat)] = flat
        self._used = at + len(flat)
        self.words.add(words)

    def columns(self, ids: np.ndarray) -> np.ndarray:
        """The known columns of the words `ids`, word after word, each word's in its terms' order."""
        per = self.sizes[ids]
        first = np.repeat(self.starts[ids], per)
        within = np.arange(len(first)) - np.repeat(np.cumsum(per) - per, per)
        return self.flat[first + within]


_START_KEY = np.uint64(text_key("w:" + LINE_START))
_END_KEY = np.uint64(text_key("w:" + LINE_END))
