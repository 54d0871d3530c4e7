"""A document's joined lines as code points with their character classes: what per-line counts of
letters, digits, capitals and separators are read from with numpy (one array for the whole document).

The table (table.py) makes it on first use; the learned model's features and the metadata tagger read it.
"""
from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

# Separators between items of a menu or breadcrumb count with a space on both sides, the strong
# ones (| » ›) with a space on either side.
SEPARATOR_CLASS = "[|»›/•·]"
_STRONGSEPARATOR_CLASS = "[|»›]"

# Character classes of the code-point table (bits): \w, \d, \s, capital letter (Latin/Cyrillic
# ranges [A-ZÀ-ÝА-Я]), separator, strong separator. Code points beyond the BMP are looked up as U+FFFF (neither: punctuation),
# which is right for emoji, the only common ones in dumps.
WORD, DIGIT, SPACE, UPPER, SEPARATOR, STRONGSEPARATOR = 1, 2, 4, 8, 16, 32

@lru_cache(maxsize=1)
def char_classes() -> np.ndarray:
    """Class bits of every BMP code point, built once from the regex classes themselves."""
    chars = "".join(map(chr, range(0x10000)))
    table = np.zeros(0x10000, np.uint8)
    for bit, pattern in ((WORD, r"\w"), (DIGIT, r"\d"), (SPACE, r"\s"), (UPPER, r"[A-ZÀ-ÝА-Я]"),
                         (SEPARATOR, SEPARATOR_CLASS), (STRONGSEPARATOR, _STRONGSEPARATOR_CLASS)):
        marked = re.sub(pattern, "\x01", chars).encode("utf-32-le", "surrogatepass")
        hit = np.frombuffer(marked, np.uint32) == 1
        hit[1] = False  # U+0001 itself is in none of the classes
        table[hit] |= bit
    table[0xFFFF] = 0
    return table



def per_line(values: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Sum of `values` over each line's character span [start, end)."""
    total = np.concatenate(([0], np.cumsum(values, dtype=np.int64)))
    return (total[ends] - total[starts]).astype(np.float64)


def find_all(text: str, literal: str) -> list[int]:
    """Start offsets of every occurrence of `literal` in `text` (str.find, no regex scan)."""
    out, at = [], text.find(literal)
    while at >= 0:
        out.append(at)
        at = text.find(literal, at + 1)
    return out


class Chars:
    """The joined lines of a document as code points and class bits, read around sparse positions."""

    PAD = 4  # the widest look-around below is 4 characters

    def __init__(self, joined: str) -> None:
        codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), np.uint32)
        self._codes = np.zeros(len(codes) + 2 * self.PAD, np.uint32)  # padded; codes and cls are views into them
        self._codes[self.PAD:self.PAD + len(codes)] = codes
        self.codes = self._codes[self.PAD:self.PAD + len(codes)]
        self._cls = np.zeros(len(codes) + 2 * self.PAD, np.uint8)
        self.cls = self._cls[self.PAD:self.PAD + len(codes)]
        np.take(char_classes(), np.minimum(self.codes, 0xFFFF), out=self.cls)

    def code(self, at: np.ndarray, k: int) -> np.ndarray:
        """Code points at positions `at` + k (U+0000, of no class, beyond the ends)."""
        return self._codes[at + (self.PAD + k)]

    def has(self, at: np.ndarray, k: int, bit: int) -> np.ndarray:
        """Whether the characters at positions `at` + k have class `bit`."""
        return (self._cls[at + (self.PAD + k)] & bit) != 0

    def years(self) -> np.ndarray:
        """Where a year 1900-2099 stands as a word of its own (regex \\b(?:19|20)\\d\\d\\b)."""
        at = np.flatnonzero((self.codes == ord("1")) | (self.codes == ord("2")))
        first, second = self.code(at, 0), self.code(at, 1)
        century = ((first == ord("1")) & (second == ord("9"))) | ((first == ord("2")) & (second == ord("0")))
        return at[century & self.has(at, 2, DIGIT) & self.has(at, 3, DIGIT)
                  & ~self.has(at, -1, WORD) & ~self.has(at, 4, WORD)]

    def clocks(self) -> np.ndarray:
        """Where a clock time like 9:05 or 12:30 stands on its own (regex \\b\\d{1,2}:\\d{2}\\b), at its colon."""
        at = np.flatnonzero(self.codes == ord(":"))
        hour = self.has(at, -1, DIGIT) & (~self.has(at, -2, WORD)
                                           | (self.has(at, -2, DIGIT) & ~self.has(at, -3, WORD)))
        return at[hour & self.has(at, 1, DIGIT) & self.has(at, 2, DIGIT) & ~self.has(at, 3, WORD)]

    def separators(self) -> np.ndarray:
        """Menu and breadcrumb separators with spaces (not line breaks) around them."""
        at = np.flatnonzero(self.cls & SEPARATOR)
        before = self.has(at, -1, SPACE) & (self.code(at, -1) != 10)
        after = self.has(at, 1, SPACE) & (self.code(at, 1) != 10)
        return at[(before & after) | (self.has(at, 0, STRONGSEPARATOR) & (before | after))]
