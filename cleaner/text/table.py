"""One document's lines and every per-line fact, computed once: the table every later stage reads.

`Lines.of(blocks)` builds it once per document, from the blocks segment.py cut:
* each line as the rules read it (`text`: spaces collapsed, bullets and a final colon trimmed, the
  way data/patterns.toml is written; `folded`: casefolded), its words and characters, and its shape
  (`terminal`, `ellipsis`, `heading`, `prose`, `name_like`);
* for every concept of data/patterns.toml and the few other line patterns the stages ask about (a year, a
  byline opener, a written date, the byline reader's tests), the lines it may match, from one scan of the
  whole document (scan.py); `has`, `match` and `lines_with` confirm them with the exact regex on first use;
* the joined text and numpy columns of the same facts, made on first use (the learned model reads them).
The rules, the learned model, the metadata tagger and the outline read this table and compute no
per-line fact of their own. A settle round reads `view(kept, blocks)`: the same facts for the lines still
in the body, numbered as a second cleaning of the cleaned text would number them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import accumulate
from typing import TYPE_CHECKING, Any, ClassVar

from ..document import Block
from .byline_words import scan_sources as byline_sources
from .dates import FoundDate, date_sources, day_first, find_date
from .fold import casefold
from .rules.patterns import LONG_LINE, Concept, concept, concepts, prefix_source, prepare
from .scan import Entry, Found, Scanner

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    import numpy as np

    from .chars import Chars

_WORD = re.compile(r"\w+", re.UNICODE)
_SPACE = re.compile(r"\s")
# Han, kana and hangul: written without spaces, so a clause is one \w+ run; count characters instead.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_WORD_BUT_CJK = re.compile(r"[^\W\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]+")  # \w+ cut at CJK characters
# About two CJK characters make a word's worth of content (average Chinese word length is ~1.5-2).
CJK_CHARS_PER_WORD = 2
_TERMINAL = tuple(".!?;。！？")
_CLOSERS = "\"'”’»)]"
# ASCII as count_words reads it: a \\w character stays, any other a space (the bytes past ASCII are never read).
_ASCII_WORDS = bytes(c if chr(c).isalnum() or c == ord("_") else ord(" ") for c in range(128)) + bytes(range(128, 256))
# Closing characters a line may end in that _shape reads past, and what it reads before them: the last character
# of a line that ends in none of these leaves terminal, ellipsis and question False.
_SHAPED = frozenset(_CLOSERS + "".join(_TERMINAL) + "….,;:?？")
# A name's word (commas around it aside), and a line of two to five of them: what _name_like reads in one match.
_NAME_TOKEN = r",*(?:[A-ZÀ-Ý][\w'’.-]*|de|van|von|der|da|di|la|le|du|bin|al|del|dos),*"
_NAME_TOKENS = re.compile(rf"\s*{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{1,4}}\s*")

# Thresholds below come from reading the seeds and the Readability dumps: body sentences in news
# prose average 20-30 words; headlines and nav lines rarely pass 12; 8 words with a final stop
# is where a line reads as a sentence rather than a label.
PROSE_MIN_WORDS = 8
PROSE_ANY_WORDS = 25
HEADING_MAX_WORDS = 20
# Headlines are often questions; a question reads as body prose only when it is sentence-long.
QUESTION_PROSE_WORDS = 15

# Characters of a run of lines read at once by character_runs (four bytes a character and more), and of a
# piece of a longer line (its readers hold a few copies of a piece at once).
SLICE_CHARS = 1 << 20
LINE_PIECE_CHARS = 1 << 18
YEAR = re.compile(r"(?:19|20)\d\d")
"""A year anywhere in a line: every date form the date-line rule reads has one."""
# Names the scan reports line patterns under besides the concepts: a year, a byline opener, a written date.
# The regexes that decide stay with the stages that own them (scanner() gives the scan their sources).
YEAR_LINES, BYLINE_LINES, DATE_LINES = "line:year", "line:byline", "line:date"


def count_words(text: str) -> int:
    """Words in `text`: \\w+ runs, with runs of CJK characters counted per character pair."""
    cjk = _count(_CJK, text)
    if not cjk:
        return _count(_WORD, text)
    return _count(_WORD_BUT_CJK, text) + max(1, cjk // CJK_CHARS_PER_WORD)


def _count(pattern: re.Pattern[str], text: str) -> int:
    """How often `pattern` occurs in `text` (a long text is not made into a list of its matches)."""
    return len(pattern.findall(text)) if len(text) < LONG_LINE else sum(1 for _ in pattern.finditer(text))


def _word_counts(text: list[str], encoded: list[bytes]) -> list[int]:
    """count_words of every line (`encoded`: each in UTF-8): an ASCII line's \\w runs are the words of its bytes
    with every other character made a space; any other line is read by count_words."""
    return [len(e.translate(_ASCII_WORDS).split()) if len(e) == len(t) < LONG_LINE else count_words(t)
            for t, e in zip(text, encoded)]


def _folded(text: list[str]) -> list[str]:
    """Every line casefolded (one string for a line that casefolding leaves as it is)."""
    return [t if made == t else made for t, made in zip(text, map(casefold, text))]


def pieces(text: str, size: int) -> list[tuple[int, int]]:
    """`text` cut into spans of about `size` characters, each ending just after a whitespace character (no
    word, number or other run of non-space characters is cut), so a very long line is read a piece at a
    time. A text without a space to cut at is one piece."""
    out, start = [], 0
    while len(text) - start > size:
        cut = text.rfind(" ", start, start + size)
        if cut < start:
            cut = _SPACE.search(text, start + size)
            cut = cut.start() if cut else -1
        if cut < 0:
            break
        out.append((start, cut + 1))
        start = cut + 1
    out.append((start, len(text)))
    return out


@lru_cache(maxsize=1)
def scanner() -> Scanner:
    """The scanner of every concept and line pattern, built once per process."""
    entries = [Entry(name, source, c.flags, c.mode == "fullmatch") for name, c in concepts().items()
               for source in c.sources]
    entries += [Entry(YEAR_LINES, YEAR.pattern), Entry(BYLINE_LINES, prefix_source("byline_prefix"), re.I)]
    entries += [Entry(DATE_LINES, source, flags) for source, flags in date_sources()]
    entries += [Entry(name, source, flags) for name, source, flags in byline_sources()]  # (the byline reader's tests)
    return Scanner(entries)


@dataclass(eq=False)
class Lines:
    """The per-line facts of one document (lists indexed by line), and the lines each pattern matches."""

    blocks: list[Block]
    text: list[str]
    folded: list[str]
    words: list[int]
    chars: list[int]
    terminal: list[bool]
    ellipsis: list[bool]
    heading: list[bool]
    prose: list[bool]
    name_like: list[bool]
    _found: Found | None = field(default=None, repr=False)
    _confirmed: dict[str, dict[int, re.Match[str]]] = field(default_factory=dict, repr=False)
    _source: "tuple[Lines, list[int]] | None" = field(default=None, repr=False)
    _dates: dict[tuple[int, bool], FoundDate | None] = field(default_factory=dict, repr=False)
    _whole: "Chars | None" = field(default=None, repr=False)
    _computed: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, blocks: list[Block]) -> "Lines":
        """The table of `blocks` (the lines as the rules should read them: noqa markers taken off)."""
        text = [made if made is given else _same(made, given)
                for given, made in ((b.text, prepare(b.text)) for b in blocks)]
        encoded = [t.encode("utf-8", "surrogatepass") for t in text]
        words = _word_counts(text, encoded)
        table = cls(blocks, text, _folded(text), words, [len(t) for t in text], *_shapes(text, words))
        table._found = scanner().scan(b"\n".join(encoded), list(accumulate((len(e) + 1 for e in encoded[:-1]),
                                                                          initial=0)))
        return table

    def __len__(self) -> int:
        return len(self.blocks)

    def candidates(self, name: str) -> "set[int] | range":
        """Lines the scan found pattern `name` may match (every line when it could not tell)."""
        if self._source is not None:
            found = self._source[0].candidates(name)
            if isinstance(found, range):
                return range(len(self))
            where = self._where
            return {where[i] for i in found if i in where}
        found = self._found.get(name) if self._found is not None else None
        return range(len(self)) if found is None else found

    def _matches(self, name: str) -> dict[int, re.Match[str]]:
        """Line -> match of concept `name`, for every line it matches (confirmed once, in line order)."""
        done = self._confirmed.get(name)
        if done is None:
            if self._source is not None:
                where = self._where
                done = {where[i]: hit for i, hit in self._source[0]._matches(name).items() if i in where}
            else:
                found: Concept = concept(name)
                text, words, folded, tells = self.text, self.words, self.folded, found.by_pattern and self._found
                done = {}
                for i in sorted(self.candidates(name)):  # (the scan tells which of its patterns may match a line)
                    hit = found.match_prepared(text[i], words[i], folded[i], tells.entries(name, i) if tells else None)
                    if hit is not None:
                        done[i] = hit
            self._confirmed[name] = done
        return done

    def has(self, name: str, i: int) -> bool:
        """Whether concept `name` matches line i."""
        return i in self._matches(name)

    def match(self, name: str, i: int) -> re.Match[str] | None:
        """The match of concept `name` on line i, or None."""
        return self._matches(name).get(i)

    def lines_with(self, name: str) -> list[int]:
        """Every line concept `name` matches, in order."""
        return list(self._matches(name))

    def date(self, i: int, language: str | None = None) -> FoundDate | None:
        """The first date written in line i (dates.find_date, all-number dates read in `language`). Kept by
        the day/month order `language` reads them in, the only thing find_date asks of it: the rules' reading
        (no language) is the metadata tagger's in a month-first language."""
        if self._source is not None:
            base, index = self._source
            return base.date(index[i], language)
        key = (i, day_first(language))
        if key not in self._dates:
            self._dates[key] = find_date(self.text[i], language) if i in self.candidates(DATE_LINES) else None
        return self._dates[key]

    def computed(self, name: str, compute: "Callable[[Lines], Any]") -> Any:
        """What a later stage reads of this whole table (`compute(self)`), computed once and kept with it:
        a settle round's view asks the root for what holds line by line (see root())."""
        if name not in self._computed:
            self._computed[name] = compute(self)
        return self._computed[name]

    def settled(self) -> None:
        """Forget what later stages computed of the whole table (`computed`): deciding is over, and the
        learned model's columns of a long document would otherwise stay in memory through the metadata stage."""
        self._computed.clear()

    def view(self, keep: list[int], blocks: list[Block]) -> "Lines":
        """The table of lines `keep` (indices into this table, ascending), with `blocks` as their new blocks."""
        pick = [self.text, self.folded, self.words, self.chars, self.terminal, self.ellipsis, self.heading,
                self.prose, self.name_like]
        return Lines(blocks, *([column[i] for i in keep] for column in pick), _source=(self, list(keep)))

    def root(self) -> "tuple[Lines, list[int]]":
        """The whole document's table and the number of each of this table's lines in it (a settle round's
        view asks what the first round saw)."""
        return self._rooted

    @cached_property
    def _rooted(self) -> "tuple[Lines, list[int]]":
        """root(), found once (a table's lines do not change)."""
        if self._source is None:
            return self, list(range(len(self)))
        base, index = self._source
        top, where = base.root()
        return top, [where[i] for i in index]

    @cached_property
    def _where(self) -> dict[int, int]:
        """A view's line number of each of its lines in the table it was made from."""
        assert self._source is not None
        return {i: k for k, i in enumerate(self._source[1])}

    @cached_property
    def repeats(self) -> "np.ndarray":
        """How often each line's folded text occurs among this table's lines (int64, 1 for a line met once): a
        line a page repeats (a menu item, a share button) is furniture more often than not."""
        import numpy as np

        kinds = self._folded_kinds
        return np.bincount(kinds)[kinds] if len(kinds) else np.zeros(0, np.int64)

    @cached_property
    def _folded_kinds(self) -> "np.ndarray":
        """A number for each distinct folded text, per line: a view's are the whole document's (counted once)."""
        import numpy as np

        if self._source is not None:
            top, index = self.root()
            return top._folded_kinds[np.asarray(index, np.intp)]
        kinds = dict(zip(dict.fromkeys(self.folded), range(len(self.folded))))
        return np.fromiter(map(kinds.__getitem__, self.folded), np.intp, len(self.folded))

    @cached_property
    def joined(self) -> str:
        """Every line's text, joined by line breaks (what the scan and the model's character columns read)."""
        return "\n".join(self.text)

    @cached_property
    def starts(self) -> "np.ndarray":
        """Offset of each line's text in `joined`."""
        import numpy as np

        lengths = np.array(self.chars, np.int64)
        return np.concatenate(([0], np.cumsum(lengths + 1)[:-1])) if len(lengths) else lengths

    def character_runs(self) -> "Iterator[Run]":
        """The code points and character classes (chars.py) of the document, a run of lines at a time: lines
        joined up to SLICE_CHARS characters, and a longer line LINE_PIECE_CHARS at a time (cut at white space, with
        the characters around it to look at), so a long document never holds four bytes and more per
        character at once. A document within the budget is one run, made once and shared by its readers."""
        from .chars import Chars

        n = len(self)
        if not n or self.starts[-1] + self.chars[-1] <= SLICE_CHARS:
            if self._whole is None:
                self._whole = Chars(self.joined)
            yield Run(0, n, self._whole, 0, len(self.joined))
            return
        lo = 0
        while lo < n:
            if self.chars[lo] > SLICE_CHARS:
                text = self.text[lo]
                for start, end in pieces(text, LINE_PIECE_CHARS):
                    a, b = max(0, start - Run.MARGIN), min(len(text), end + Run.MARGIN)
                    yield Run(lo, lo + 1, Chars(text[a:b]), start - a, end - a)
                lo += 1
                continue
            hi, size = lo + 1, self.chars[lo]
            while hi < n and self.chars[hi] <= SLICE_CHARS and size + 1 + self.chars[hi] <= SLICE_CHARS:
                size += 1 + self.chars[hi]
                hi += 1
            yield Run(lo, hi, Chars("\n".join(self.text[lo:hi])), 0, size)
            lo = hi

    def column(self, name: str) -> "np.ndarray":
        """A fact of every line as a numpy array (`words`, `chars`: float64; `prose`, ...: bool), read via C bytes."""
        from array import array

        import numpy as np

        values = getattr(self, name)
        if name in ("words", "chars"):
            return np.frombuffer(array("q", values), np.int64).astype(np.float64)
        return np.frombuffer(bytes(values), np.bool_)


@dataclass(frozen=True)
class Run:
    """Lines lo..hi of a document as code points: `chars` holds their text joined (or a piece of one long
    line, with MARGIN characters of its neighbours on each side); its positions begin..end are theirs."""

    MARGIN: ClassVar[int] = 4  # the widest look around a character that chars.py makes
    lo: int
    hi: int
    chars: "Chars"
    begin: int
    end: int

    def line_spans(self, starts: "np.ndarray", chars: list[int]) -> tuple["np.ndarray", "np.ndarray"]:
        """Where each of the run's lines starts and ends within `chars` (the document's line starts and
        lengths given)."""
        import numpy as np

        if self.hi - self.lo == 1:
            return np.array([self.begin], np.int64), np.array([self.end], np.int64)
        first = starts[self.lo:self.hi] - starts[self.lo]
        return first, first + np.array(chars[self.lo:self.hi], np.int64)

    def inside(self, positions: "np.ndarray") -> "np.ndarray":
        """The positions that are the run's own (not in a margin)."""
        return positions[(positions >= self.begin) & (positions < self.end)]


def _same(made: str, given: str) -> str:
    """`given` when `made` is equal to it: most lines come out of preparing or casefolding as they went in,
    and a long document's table then holds one string for both (not two copies)."""
    return given if made == given else made


def is_prose(line: str) -> bool:
    """Whether one line, read alone, is a sentence of prose (the table's `prose` fact of that line)."""
    text = prepare(line)
    return _shape(text, count_words(text))[3]


def _shape(text: str, words: int) -> tuple[bool, bool, bool, bool, bool]:
    """(terminal, ellipsis, heading, prose, name_like) of a line's text."""
    core = text.rstrip(_CLOSERS)
    ellipsis = core.endswith(("...", "…", ". . ."))
    terminal = core.endswith(_TERMINAL) and not ellipsis
    question = core.endswith(("?", "？"))
    prose = ((words >= PROSE_MIN_WORDS and terminal and (not question or words >= QUESTION_PROSE_WORDS))
             or (words >= PROSE_ANY_WORDS and not ellipsis))
    heading = (0 < words <= HEADING_MAX_WORDS and not prose and not ellipsis
               and not core.endswith((".", ";", ",", ":")))
    return terminal, ellipsis, heading, prose, _name_like(text)


def _shapes(text: list[str], words: list[int]) -> tuple[list[bool], list[bool], list[bool], list[bool], list[bool]]:
    """The _shape columns of every line. Most lines end in none of _SHAPED's characters: then only the word
    count decides (no stop, no ellipsis, nothing a heading may not end with), and only a short line that opens
    with a capital can read as a name. (Each column is made in one pass, then the lines that end in one are read.)"""
    n = len(text)
    terminal, ellipsis = [False] * n, [False] * n
    heading = [0 < w <= HEADING_MAX_WORDS for w in words]
    prose = [w >= PROSE_ANY_WORDS for w in words]
    shaped = [k for k, t in enumerate(text) if t[-1:] in _SHAPED]
    name_like = [t[:1].isupper() and t[-1:] not in _SHAPED and _name_like(t) for t in text]  # (shaped: below)
    for k in shaped:
        terminal[k], ellipsis[k], heading[k], prose[k], name_like[k] = _shape(text[k], words[k])
    return terminal, ellipsis, heading, prose, name_like


def _name_like(text: str) -> bool:
    """Whether a line reads as a person's name: 2-5 capitalised tokens, no digit."""
    return (len(text) <= 50 and _NAME_TOKENS.fullmatch(text) is not None and text.lstrip()[0].isupper()
            and not any(map(str.isdigit, text)))
