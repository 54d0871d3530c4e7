"""What the metadata-line tagger (meta_tagger.py) reads of every line, from the document's line table.

Per line: its shape, where it sits (above the first prose line, at the end, after a headline echo),
its neighbours, dates and names, separators, the heuristic rules' first verdict, and hashed cue words
(first and last tokens). Counts of letters, capitals, digits and years come from the table's code-point
classes (chars.py) in numpy, separators from one regex over the joined text, dates from the table; the
names a byline gives are read on the lines short enough to be one, and count where a byline word vouches
for them or they open with a known given name.
"""
from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..document import Decision
from .byline_words import CUT_LINES, OPENING_LINES
from .bylines import byline_authors, introduced, read_handle
from .names import has_given_name, may_name, person_name
from .dates import FoundDate, is_date_line, is_update_stamp
from .rules.patterns import prefix_pattern
from .table import BYLINE_LINES, DATE_LINES, SLICE_CHARS, Lines

try:
    from . import _cues as native  # type: ignore[attr-defined]
except ImportError:  # not built (no compiler at install): _cue_buckets in Python, the same buckets
    native = None

if TYPE_CHECKING:
    import numpy as np

    from .chars import Chars

# Heuristic rules whose verdict on a line is a feature (the first heuristic verdict only: the learned
# line model's and the corpus profile's verdicts come later and are not looked at).
RULE_FEATURES = ("meta.title", "meta.section", "meta.byline", "meta.date", "meta.caption", "meta.title_header",
                 "bio.section", "bio.posts_link", "nav.link", "legal.copyright", "repeated", "teaser")
HASH_BUCKETS = 512
DENSE = (
    "bias", "log_words", "log_chars", "terminal", "ellipsis", "heading", "prose", "name_like", "cap_share",
    "all_caps", "has_year", "has_date", "date_line", "date_early", "byline_names", "byline_opener", "person",
    "first", "rel_pos", "log_pos", "before_prose", "log_to_prose", "near_prose", "log_after_prose", "in_last",
    "echo_title", "title_overlap", "is_line0", "repeats", "separators", "blank_before", "paren", "has_digit",
    "prev_date", "next_date", "prev_name", "next_name", "prev_prose", "next_prose", "next_heading", "prev_title_echo",
    "email", "url", "after_title", "date_near", "names_near_date",
)
FEATURES = DENSE + tuple(f"rule:{r}" for r in RULE_FEATURES)
# A byline sits a few lines under the headline, with the date close by.
NEAR_TITLE_LINES = 6
NEAR_DATE_LINES = 3
# A line of more words is no byline: its names are not read. (Reading them only around the head, the dates
# and the end of a document lost a byline in fourteen of the zoo's English test documents.)
NAMES_MAX_WORDS = 20
# A line read for its overlap with the first line (a headline echoing a <title>) is at most this long.
OVERLAP_MAX_WORDS = 30
# A person's name is 2 to 5 tokens; a token holds one or two \w runs ("O'Neil", "Jean-Luc").
PERSON_MAX_WORDS = 10
# A line's cues come from its first CUE_TOKENS tokens, looked for in its first CUE_HEAD_CHARS characters.
CUE_TOKENS = 40
CUE_HEAD_CHARS = 480
CUE_SHORT_CHARS = 256  # (most lines of more characters hold more than CUE_TOKENS tokens in this many)
# The bits of one count of a line in _counts: a run of lines (table.character_runs) holds at most SLICE_CHARS
# characters, so no count of a run reaches 1 << COUNT_BITS.
COUNT_BITS = SLICE_CHARS.bit_length()
_TOKEN = re.compile(r"\w+|[^\w\s]", re.UNICODE)
_DIGITS = re.compile(r"\d")
_WORD = re.compile(r"\w+")
_SEPARATORS = re.compile(r"[^\S\n]+(?:[|:·•»/]|[-–—]{1,2}|::)[^\S\n]+")
_MARKS = [ord(c) for c in "|:·•»/-–—"]  # (the code points a separator opens with, and of those doubled)
_DOUBLED = [ord(c) for c in ":-–—"]


@dataclass(frozen=True)
class LineFacts:
    """What the tagger reads of a line besides its numbers: whether it holds a date, the names it gives."""

    has_date: bool
    names: tuple[str, ...]
    labelled: bool = False
    """The line sits under a byline label alone on its line ('Written by:' over 'Cazzy Magennis')."""
    stamp: str = ""
    """What a dated line's date says: 'updated' ('Last updated: …', 'edited …'), 'member' (when a reader
    joined or was last seen: no date of the article), or '' (its publication, as far as words tell)."""


def line_features(lines: Lines, decisions: list[Decision] | None,
                  language: str | None = None) -> tuple["DenseRows", list[tuple[int, ...]], list[LineFacts]]:
    """Dense features (lines x FEATURES, read a slice of rows at a time), hashed cue buckets per line, and
    per-line facts."""
    import numpy as np

    n = len(lines)
    if not n:
        return DenseRows(0, [0.0] * len(DENSE), ([], [])), [], []
    texts, folded = lines.text, lines.folded
    words = np.array(lines.words, np.int64)
    prose, name_like, heading = (np.array(c, bool) for c in (lines.prose, lines.name_like, lines.heading))
    index = np.arange(n)
    first_prose = int(np.argmax(prose)) if prose.any() else n
    last_prose = int(n - 1 - np.argmax(prose[::-1])) if prose.any() else -1
    dated: list[FoundDate | None] = [None] * n  # (a line the scan finds no date pattern in has none)
    for i in lines.candidates(DATE_LINES):
        if lines.words[i] <= 40 and lines.chars[i] <= 300:
            dated[i] = lines.date(i, language)
    has_date = np.array([d is not None for d in dated], bool)
    date_line = np.zeros(n, bool)
    date_early = np.zeros(n, bool)
    for i in np.flatnonzero(has_date).tolist():
        text, found = texts[i], dated[i]
        date_line[i] = lines.words[i] <= 24 and is_date_line(text, language, found)
        date_early[i] = len(text[:found.start].split()) <= 4
    date_sum = np.concatenate(([0], np.cumsum(has_date)))
    near_date = date_sum[np.minimum(index + NEAR_DATE_LINES + 1, n)] - date_sum[np.maximum(index - NEAR_DATE_LINES, 0)]
    date_near = (near_date - has_date) > 0

    line0 = folded[0]
    sizes = np.fromiter(map(len, folded), np.int64, n)  # (the substring test only where a line may echo line 0)
    maybe = np.flatnonzero((index > 0) & (sizes >= 3) & (sizes < len(line0)) & (words >= 2)).tolist()
    echo = np.isin(index, [i for i in maybe if folded[i] in line0])
    echo_sum = np.concatenate(([0], np.cumsum(echo)))
    after_title = (echo_sum[index] - echo_sum[np.maximum(index - NEAR_TITLE_LINES, 0)]) > 0
    words0 = {m[0] for m in _WORD.finditer(line0)}  # (not a list of them first: line 0 may be the whole dump)
    overlap = np.zeros(n)
    read = np.flatnonzero((index > 0) & (words <= OVERLAP_MAX_WORDS)).tolist()
    shares: dict[str, float] = {}  # (per text: a page repeats its short lines)
    for f in {folded[i] for i in read}:
        mine = set(_WORD.findall(f))
        shares[f] = len(mine & words0) / max(1, len(mine))
    overlap[read] = [shares[folded[i]] for i in read]

    opener = np.zeros(n, bool)  # the line opens with a byline word ('By', 'Von', 'Written by') and goes on
    opens = prefix_pattern("byline_prefix")
    for i in lines.candidates(BYLINE_LINES):
        opener[i] = opens.match(texts[i]) is not None
    bare = np.zeros(n, bool)  # the line is a byline word alone ('By', 'Author:'): the names come below it
    bare[lines.lines_with("byline_prefix")] = True
    after_opener = np.concatenate(([False], bare[:-1]))
    short = np.flatnonzero(words <= NAMES_MAX_WORDS).tolist()
    may = {t: may_name(t) for t in {texts[i] for i in short}}  # (per text: a page repeats its short lines)
    names, has_names, named_lines = _names(lines, short, opener | after_opener, may)
    person = np.zeros(n, bool)
    named = np.flatnonzero((words >= 2) & (words <= PERSON_MAX_WORDS)).tolist()
    is_person = {t: may[t] and person_name(t) is not None for t in {texts[i] for i in named}}  # (a name passes may_name)
    person[named] = [is_person[texts[i]] for i in named]
    toks, caps, digits, years, separators = _counts(lines)

    def shift_down(a: "np.ndarray") -> "np.ndarray":  # the line above's value (False for line 0)
        return np.concatenate(([False], a[:-1]))

    def shift_up(a: "np.ndarray") -> "np.ndarray":  # the line below's value (False for the last line)
        return np.concatenate((a[1:], [False]))

    values = {
        "bias": 1.0, "log_words": np.log1p(words), "log_chars": np.log1p(lines.column("chars")),
        "terminal": lines.terminal, "ellipsis": lines.ellipsis,
        "heading": heading, "prose": prose, "name_like": name_like,
        "cap_share": np.divide(caps, toks, out=np.zeros(n), where=toks > 0),
        "all_caps": [w >= 2 and t.isupper() for t, w in zip(texts, lines.words)],
        "has_year": years > 0,
        "has_date": has_date, "date_line": date_line, "date_early": date_early,
        "byline_names": has_names, "byline_opener": opener, "person": person, "first": index == 0,
        "rel_pos": index / max(1, n - 1), "log_pos": np.log1p(index), "before_prose": index < first_prose,
        "log_to_prose": np.where(index < first_prose, np.log1p(np.maximum(first_prose - index, 0)), 0.0),
        "near_prose": (first_prose - index > 0) & (first_prose - index <= 4),
        "log_after_prose": np.where(index > first_prose, np.log1p(np.maximum(index - first_prose, 0)), 0.0),
        "in_last": (index > last_prose) & (last_prose >= 0),
        "echo_title": echo, "title_overlap": overlap, "is_line0": index == 0,
        "repeats": np.log(lines.repeats), "separators": np.minimum(separators, 3),
        "blank_before": [b.blank_before for b in lines.blocks],
        "paren": [t.startswith("(") or t.endswith(")") for t in texts], "has_digit": digits > 0,
        "prev_date": shift_down(has_date), "next_date": shift_up(has_date),
        "prev_name": shift_down(name_like), "next_name": shift_up(name_like),
        "prev_prose": shift_down(prose), "next_prose": shift_up(prose), "next_heading": shift_up(heading),
        "prev_title_echo": shift_down(echo),
        "email": ["@" in t for t in texts], "url": ["http" in t or "www." in t for t in texts],
        "after_title": after_title, "date_near": date_near, "names_near_date": has_names & date_near,
    }
    dense = DenseRows(n, [values[name] for name in DENSE], _rule_columns(decisions))
    cue_of = {f: _cue_buckets(f) for f in dict.fromkeys(folded)}
    cues = [cue_of[f] for f in folded]  # (one tuple for the copies of a line)
    member = set(lines.lines_with("date_prefix_member"))
    plain = LineFacts(False, ())  # (the facts of most lines: one frozen value for them all)
    facts = [plain] * n
    for i in sorted({*np.flatnonzero(has_date | after_opener).tolist(), *named_lines}):
        stamp = "" if dated[i] is None else "member" if i in member else "updated" if is_update_stamp(texts[i]) else ""
        facts[i] = LineFacts(dated[i] is not None, names[i], bool(after_opener[i]), stamp)
    return dense, cues, facts


@dataclass(slots=True)
class _Read:
    """One text's byline reading in _names: its names, its handle, whether an author opener stands in it (on
    its first line), and whether a known given name opens one of its names (None: not asked yet)."""

    names: tuple[str, ...]
    handle: tuple[str, ...]
    opened: bool
    given: bool | None = None


_NO_READ = _Read((), (), False)  # (the reading of most texts: no names, no handle; never asked for given names)


def _names(lines: Lines, where: list[int], vouched: "np.ndarray",
           may: dict[str, bool]) -> tuple[list[tuple[str, ...]], "np.ndarray", list[int]]:
    """The person names each line in `where` gives as a byline's (the tagger's byline candidates; `may`: whether
    each of their texts may name anyone), whether the line reads as names at all (a feature), and the lines that
    give names. The names count on a line a byline word vouches for (its own opener, one before the names
    inside it, or one alone on the line above) or when one opens with a known given name: a capitalised heading
    ('Key Takeaways') names nobody. A line that introduces a one-word user name as its author ('Posted by
    BeauHD') gives that name. (A text is read once, as on its first line; its names are looked up among the
    given names only on a line no byline word vouches for; the reader skips a test the scan finds nothing of.)"""
    import numpy as np

    texts = lines.text
    out: list[tuple[str, ...]] = [()] * len(lines)
    seen: dict[str, _Read] = {}
    opened, cut, opening = map(lines.candidates, ("author_opener", CUT_LINES, OPENING_LINES))
    vouches = vouched.tolist()
    found_on: list[int] = []
    giving: list[int] = []
    for i in where:
        text = texts[i]
        read = seen.get(text)
        if read is None:
            found = tuple(byline_authors(text, i in cut, i in opening)) if may[text] else ()
            handle = read_handle(text) if not found and i in opened else None  # (no author opener: no handle)
            read = seen[text] = _Read(found, (handle,) if handle else (), i in opened) if found or handle else _NO_READ
        if read.names:
            found_on.append(i)
            if not vouches[i]:
                if read.given is None:
                    read.given = any(map(has_given_name, read.names)) or (read.opened and introduced(text, read.names))
                if not read.given:
                    continue
            out[i] = read.names
            giving.append(i)
        elif read.handle:
            out[i] = read.handle
            giving.append(i)
    return out, np.isin(np.arange(len(lines)), found_on), giving


def _counts(lines: Lines) -> tuple["np.ndarray", ...]:
    """Per line: whitespace tokens, tokens opening with a capital, digits, years, and spaced separators. The
    first three are summed over a run of lines in one cumulative sum: each is a field of COUNT_BITS bits of one
    integer per character."""
    import numpy as np

    from .chars import DIGIT, SPACE, UPPER

    n = len(lines)
    counted = np.zeros((3, n), np.int64)
    years = np.zeros(n)
    spaced: set[int] = set()
    field = (1 << COUNT_BITS) - 1
    for run in lines.character_runs():  # a long line comes in pieces: its counts add up
        cls = run.chars.cls
        starts, ends = run.line_spans(lines.starts, lines.chars)
        blank = (cls & SPACE) != 0  # (a line break is white space)
        opens = ~blank
        opens[1:] &= blank[:-1]
        flags = opens.view(np.uint8).astype(np.int64)
        flags |= (opens & ((cls & UPPER) != 0)).view(np.uint8).astype(np.int64) << COUNT_BITS
        flags |= ((cls & DIGIT) != 0).view(np.uint8).astype(np.int64) << (2 * COUNT_BITS)
        total = np.concatenate(([0], np.cumsum(flags)))
        got = total[ends] - total[starts]
        for k in range(3):
            counted[k, run.lo:run.hi] += (got >> (k * COUNT_BITS)) & field
        at = np.searchsorted(starts, run.inside(run.chars.years()), side="right") - 1
        years[run.lo:run.hi] += np.bincount(at, minlength=run.hi - run.lo)
        spaced.update((run.lo + np.searchsorted(starts, run.inside(_spaced_marks(run.chars)), side="right") - 1).tolist())
    separators = np.zeros(n)
    for i in spaced:  # (the regex only on a line with a spaced mark: most lines have none)
        separators[i] = len(_SEPARATORS.findall(lines.text[i]))
    toks, caps, digits = counted.astype(np.float64)
    return toks, caps, digits, years, separators


def _spaced_marks(chars: "Chars") -> "np.ndarray":
    """Where a separator of _SEPARATORS may open: a space (no line break) before a mark and a space, or
    before a doubled dash or colon and a space."""
    import numpy as np

    from .chars import SPACE

    marks = _mark_table()
    at = np.flatnonzero(chars.cls & SPACE)
    at = at[(chars.codes[at] != 10) & ((marks[np.minimum(chars.code(at, 1), 0xFFFF)] & 1) != 0)]

    def space(k: int) -> "np.ndarray":
        return chars.has(at, k, SPACE) & (chars.code(at, k) != 10)

    return at[space(2) | (((marks[np.minimum(chars.code(at, 2), 0xFFFF)] & 2) != 0) & space(3))]


@lru_cache(maxsize=1)
def _mark_table() -> "np.ndarray":
    """Per BMP code point: 1 when a separator may open with it (_MARKS), 2 when it may be doubled (_DOUBLED)."""
    import numpy as np

    table = np.zeros(0x10000, np.uint8)
    table[_MARKS] |= 1
    table[_DOUBLED] |= 2
    return table


def _rule_columns(decisions: list[Decision] | None) -> tuple[list[int], list[int]]:
    """The (row, column) of each rule:* feature set: the lines a heuristic rule decided (its first verdict)."""
    rows: list[int] = []
    cols: list[int] = []
    for i, decision in enumerate(decisions or ()):
        for verdict in decision.verdicts:
            if not verdict.rule.startswith(("model.", "profile.")):
                found = _columns_of(verdict.rule)
                rows += [i] * len(found)
                cols += found
                break
    return rows, cols


class DenseRows:
    """The dense features of a document's lines (lines x FEATURES, float64), made a slice of rows at a time
    from one value per DENSE feature (a number, or a column of every line) and the rule:* features set:
    a 200,000-line document never holds the whole matrix (90 MB)."""

    def __init__(self, n: int, columns: list[Any], rules: tuple[list[int], list[int]]) -> None:
        import numpy as np

        self._n, self._columns = n, columns
        self._rule_rows, self._rule_cols = np.asarray(rules[0], np.intp), np.asarray(rules[1], np.intp)

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, rows: slice) -> "np.ndarray":
        """The rows `rows` (a slice) as a float64 matrix."""
        import numpy as np

        start, stop, _ = rows.indices(self._n)
        stop = max(start, stop)
        out = np.zeros((stop - start, len(FEATURES)), np.float64)
        for k, column in enumerate(self._columns):
            out[:, k] = column if isinstance(column, float) else column[start:stop]
        inside = (self._rule_rows >= start) & (self._rule_rows < stop)
        out[self._rule_rows[inside] - start, self._rule_cols[inside]] = 1.0
        return out

    def whole(self) -> "np.ndarray":
        """Every row (what training stores)."""
        return self[0:self._n]


@lru_cache(maxsize=256)
def _columns_of(rule: str) -> tuple[int, ...]:
    """The rule:* columns of a rule id ('meta.byline.opener' -> rule:meta.byline's)."""
    return tuple(len(DENSE) + k for k, r in enumerate(RULE_FEATURES) if rule == r or rule.startswith(r + "."))


def _cues(folded: str) -> list[str]:
    """The cue tokens of a line (casefolded): first, first two and last tokens (digits as 0), and the token
    before ':'. (A digit made 0 stays a word character: the tokens are those of the line as written.)"""
    toks = _first_tokens(folded)
    if not toks:
        return []
    if _DIGITS.search(folded):  # (only the tokens a cue is made of: a token holds no space)
        toks = [_DIGITS.sub("0", t) for t in toks[:6]] + ([_DIGITS.sub("0", toks[-1])] if len(toks) > 6 else [])
    cues = [f"f:{toks[0]}", f"l:{toks[-1]}"]
    if len(toks) > 1:
        cues.append(f"ff:{toks[0]} {toks[1]}")
    if ":" in toks[:6]:
        cues.append(f"c:{' '.join(toks[:toks.index(':')])}")
    return cues


def _first_tokens(text: str) -> list[str]:
    """The first CUE_TOKENS tokens of `text`: read from its first CUE_SHORT_CHARS characters when they hold
    more (only a head's last token may be cut), else from its head, or from all of it when the head holds
    too few (one findall instead of a match object per token)."""
    toks = _TOKEN.findall(text, 0, CUE_SHORT_CHARS)
    if len(toks) > CUE_TOKENS or len(text) <= CUE_SHORT_CHARS:
        return toks[:CUE_TOKENS]
    toks = _TOKEN.findall(text, 0, CUE_HEAD_CHARS)
    if len(toks) <= CUE_TOKENS and len(text) > CUE_HEAD_CHARS:  # the head's last token may be cut: read all
        toks = _TOKEN.findall(text)
    return toks[:CUE_TOKENS]


def _cue_buckets(folded: str) -> tuple[int, ...]:
    """The sorted distinct hash buckets (crc32 % HASH_BUCKETS) of a line's cues; by the C extension
    (`_cues.c`, the same buckets a few times faster) when it built, unless a cue holds a lone surrogate
    (which encoding here raises on)."""
    if native is not None:
        buckets = native.cue_buckets(folded, CUE_TOKENS, HASH_BUCKETS)
        if buckets is not None:
            return buckets
    return tuple(sorted({zlib.crc32(c.encode("utf-8")) % HASH_BUCKETS for c in _cues(folded)}))
