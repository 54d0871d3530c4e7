"""What the line model reads from a document's characters: per line its punctuation, digits, capitals,
years, clock times, addresses and separators, and its words with the stop-word languages each belongs to.

Read a run of lines at a time (Lines.character_runs: a long line in pieces), from the code points and their
classes (text/chars.py) and one split of the run's casefolded words; counts of a line cut in pieces add up.
"""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from ..text.chars import WORD, Chars, find_all
from ..text.language import stopwords
from . import kernels
from .lexical import casefolded

if TYPE_CHECKING:
    from ..text.table import Lines, Run

# Pieces of a web or mail address: a scheme or www. anywhere, a top-level domain before a non-word
# character ('example.com/', 'page.html'); '@' before a word character is found separately.
_URL_PIECES = ("http://", "https://", "www.")
_URL_ENDINGS = (".com", ".org", ".net", ".de", ".htm", ".html")


@lru_cache(maxsize=1)
def stop_bits() -> tuple[tuple[str, ...], dict[str, int]]:
    """Languages of the stop-word lists, and each stop word's bit set of languages it belongs to."""
    table = stopwords()
    langs = tuple(table)
    bits: dict[str, int] = {}
    for k, lang in enumerate(langs):
        for word in table[lang]:
            bits[word] = bits.get(word, 0) | (1 << k)
    return langs, bits


@lru_cache(maxsize=1)
def _stop_table() -> tuple[kernels.WordTable, np.ndarray]:
    """The stop words as a word table, and each entry's language bits (stop_bits)."""
    _, bits = stop_bits()
    table = kernels.WordTable()
    table.add(list(bits))
    return table, np.array(list(bits.values()), np.uint8)


def _stop_mask(folded: str) -> np.ndarray:
    """The stop-word language bits (stop_bits) of each word of `folded` (words between spaces and line breaks,
    casefolded), uint8: read off its code points with the extension, else a word at a time."""
    table, bits = _stop_table()
    found = table.find(np.frombuffer(folded.encode("utf-32-le", "surrogatepass"), np.uint32))
    if found is None:
        tokens = folded.split()
        return np.fromiter(map(stop_bits()[1].get, tokens, [0] * len(tokens)), np.uint8, len(tokens))
    ids = found[0]
    return np.where(ids >= 0, bits[ids], 0).astype(np.uint8)


def _url_starts(lowered: str, chars: Chars) -> list[int]:
    """Offsets in the (ASCII-lowercased, same-length) joined text where a piece of an address is."""
    hits = [at for piece in _URL_PIECES for at in find_all(lowered, piece)]
    for ending in _URL_ENDINGS:
        hits += [at for at in find_all(lowered, ending)
                 if at + len(ending) >= len(lowered) or not chars.cls[at + len(ending)] & WORD]
    at = np.flatnonzero(chars.codes == ord("@"))
    hits += at[chars.has(at, 1, WORD)].tolist()
    return hits


def _character_columns(lines: "Lines", run: "Run") -> dict[str, np.ndarray]:
    """Per line of a run (Lines.character_runs): counts read from the characters, the stop-word language
    bits of each of the run's casefolded words (`mask`), each line's words, and its stop words by language."""
    starts, ends = run.line_spans(lines.starts, lines.chars)
    n = run.hi - run.lo
    chars = run.chars
    codes, cls = chars.codes, chars.cls
    is_word = (cls & WORD) != 0
    counted = kernels.line_counts(cls, starts, ends)  # words, punctuation, digits, capitals, capitalised words

    # Words of each line (everything else a space), casefolded: as many as the line's runs of word characters
    # (casefolding makes no space), so the words of the whole run are split at once.
    own = np.where(is_word | (codes == 10), codes, 32)[run.begin:run.end]
    folded = casefolded(_text(own).split("\n"))
    mask = _stop_mask(folded)  # the stop-word language bits of each word (7 languages)
    per_word_line = counted[:, 0]
    counts = per_word_line.astype(np.intp)
    if counts.sum() != len(mask):  # a run cut inside a word: count each line's words as split
        counts = np.array([len(line.split()) for line in folded.split("\n")], np.intp)
    marks = kernels.line_marks(codes, cls, starts, run.begin, run.end)
    if marks is None:
        marks = _marks(run, starts)
    return {
        "tokens": per_word_line,
        "punct": counted[:, 1],
        "digit": counted[:, 2],
        "upper": counted[:, 3],
        "title": counted[:, 4],
        "year": marks[:, 0],
        "clock": marks[:, 1],
        "url": marks[:, 2],
        "separators": marks[:, 3],
        "mask": mask,
        "stops": _stops_per_line(mask, counts),
        "words": counts,
    }


def _marks(run: "Run", starts: np.ndarray) -> np.ndarray:
    """Per line of a run (starting at `starts` in its characters): how many years, clock times, pieces of an
    address and menu separators start in it (lines x 4, float)."""
    chars = run.chars
    codes = chars.codes
    ascii_lower = _text(np.where((codes >= 65) & (codes <= 90), codes + 32, codes))

    def lines_with(offsets: "np.ndarray | list[int]") -> np.ndarray:
        where = np.searchsorted(starts, run.inside(np.asarray(offsets, np.int64)), side="right") - 1
        return np.bincount(where, minlength=len(starts)).astype(np.float64)

    return np.column_stack([lines_with(chars.years()), lines_with(chars.clocks()),
                            lines_with(_url_starts(ascii_lower, chars)), lines_with(chars.separators())])


def _text(points: np.ndarray) -> str:
    """Code points as a string."""
    return points.astype(np.uint32).tobytes().decode("utf-32-le", "surrogatepass")


def _stops_per_line(mask: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Per line (`counts` words each, in order): its words of each stop-word language, and then its words
    of any (an int32 column each)."""
    languages = len(stop_bits()[0])
    made = kernels.stop_counts(mask, counts, languages)
    if made is not None:  # (the extension's one pass)
        return made
    onehot = np.unpackbits(mask.reshape(-1, 1), axis=1, bitorder="little")[:, :languages]
    total = np.zeros((len(mask) + 1, languages + 1), np.int32)
    np.cumsum(onehot, axis=0, out=total[1:, :languages])
    np.cumsum(mask > 0, out=total[1:, languages])
    ends = np.cumsum(counts)
    return total[ends] - total[ends - counts]


_COUNTED = ("tokens", "punct", "digit", "upper", "title", "year", "clock", "url", "separators")


def document_characters(lines: "Lines") -> tuple[dict[str, np.ndarray], np.ndarray, np.ndarray, np.ndarray]:
    """The counts of each line read from its characters (_COUNTED); the stop-word bits of every word of the
    document, how many words each line has, and its words of each stop-word language (_stops_per_line).
    Counts come a run of lines at a time (Lines.character_runs)."""
    n = len(lines)
    counted = {key: np.zeros(n) for key in _COUNTED}
    words = np.zeros(n, np.intp)
    stops = np.zeros((n, len(stop_bits()[0]) + 1), np.int32)
    masks = []
    for run in lines.character_runs():  # a long line comes in pieces: its counts add up
        found = _character_columns(lines, run)
        for key in _COUNTED:
            counted[key][run.lo:run.hi] += found[key]
        masks.append(found["mask"])
        words[run.lo:run.hi] += found["words"]
        stops[run.lo:run.hi] += found["stops"]
    for key in ("year", "clock", "url"):
        counted[key] = np.minimum(counted[key], 1.0)
    mask = np.concatenate(masks) if masks else np.zeros(0, np.uint8)
    return counted, mask, words, stops
