"""Numeric features of every block and its neighbours, the input of the learned line model.

Per block: shape of the line (length, punctuation, capitals, digits), stop-word density in the
document's language, position in the document, repetition, teaser context and what the heuristic
rules decided. A row of the model's matrix is a block's own features, its neighbours' features and
averages over a window around it, so the model sees the run a line sits in.

Everything is computed per document, not per line: what a line's characters say is read a run of lines
at a time (characters.py: code points classed through a table, the words split once, per-line counts as
differences of cumulative sums), so a 200-line page costs well under a millisecond.
"""
from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np

from ..document import Label
from . import kernels
from .characters import document_characters, stop_bits

if TYPE_CHECKING:
    from ..text.rules.base import Context
    from ..text.table import Lines

_BULLET = tuple("•·▪‣◦*-–—>»")
_QUOTES = ("\"", "“", "„", "«", "'")
# Words of the document read to guess its language: guess_language's sample (cleaner/text/language.py), though
# URL and host-name labels count here, as they did when the shipped model was trained (guess_language drops them).
LANGUAGE_SAMPLE = 400
# Fewer stop words than this in the sample and no language is guessed (as guess_language's MIN_HITS).
LANGUAGE_MIN_HITS = 5

# Neighbour offsets whose own features enter a row: two lines each side is the span of a teaser
# item or a byline/date head (seeds 002, 003); wider context comes from the window averages.
OFFSETS = (-2, -1, 1, 2)
REACH = max(abs(off) for off in OFFSETS)
# Half-width of the averaging window: 5 lines each side covers a paragraph run or a nav menu.
WINDOW = 5

BLOCK_FEATURES = (
    "log_words", "log_chars", "chars_per_word", "ends_terminal", "ends_ellipsis", "ends_colon",
    "ends_comma", "heading_like", "prose", "name_like", "punct_share", "digit_share", "upper_share",
    "title_words", "all_caps", "stop_share", "stop_count", "year", "clock", "urlish", "separators",
    "bullet", "quote_start", "marker", "teaser_heading", "after_teaser_heading", "repeats",
    "blank_before", "para_lines", "rel_length", "decided_boilerplate", "decided_metadata",
)
# What the lexical model says of the line, entered like the line's other features: its body
# log-odds and the probability that it is a metadata line (title, byline, date...).
LEXICAL_FEATURES = ("lex_body", "lex_meta")
DOC_FEATURES = ("rel_position", "log_from_start", "log_to_end", "log_doc_lines", "doc_prose_share",
                "words_above_share", "log_to_prose_above", "log_to_prose_below")


def feature_names() -> list[str]:
    """Column names of the model matrix, in order (the shipped model stores them to check)."""
    own = (*BLOCK_FEATURES, *LEXICAL_FEATURES)
    names = list(own)
    for off in OFFSETS:
        names += [f"{n}@{off:+d}" for n in own]
    names += [f"win_{n}" for n in own]
    return names + list(DOC_FEATURES)


def lexical_block_columns(prob: np.ndarray, classes: tuple[str, ...]) -> np.ndarray:
    """LEXICAL_FEATURES of every line from its class probabilities (columns in `classes` order)."""
    body = np.clip(prob[:, 0], 1e-6, 1 - 1e-6)
    meta = np.array([c.startswith(("meta.", "bio.section")) for c in classes])
    return np.column_stack([np.log(body / (1 - body)), prob[:, meta].sum(axis=1)])


def _matches(lines: "Lines", name: str) -> np.ndarray:
    """Whether each line matches pattern concept `name`."""
    out = np.zeros(len(lines), bool)
    out[lines.lines_with(name)] = True
    return out


_AT = {name: k for k, name in enumerate(BLOCK_FEATURES)}
# The BLOCK_FEATURES a line has on its own, whatever lines surround it (the others read the document).
OWN_FEATURES = (
    "log_words", "log_chars", "chars_per_word", "ends_terminal", "ends_ellipsis", "ends_colon", "ends_comma",
    "heading_like", "prose", "name_like", "punct_share", "digit_share", "upper_share", "title_words", "all_caps",
    "year", "clock", "urlish", "separators", "bullet", "quote_start", "marker", "teaser_heading",
)
_OWN_AT = [BLOCK_FEATURES.index(name) for name in OWN_FEATURES]


def _flags(values: list[bool]) -> np.ndarray:
    """A list of bools as a numpy array, read as bytes (numpy converts a list item by item)."""
    return np.frombuffer(bytes(values), np.bool_)


def column(lines: "Lines", name: str) -> np.ndarray:
    """lines.column(name), made once per table and read-only: the model reads some columns several times."""

    def make(table: "Lines") -> np.ndarray:
        made = table.column(name)
        made.flags.writeable = False
        return made

    return lines.computed(f"model.column.{name}", make)


def _line_facts(lines: "Lines") -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The OWN_FEATURES of every line (float32), its word count read from its characters, the stop-word bits
    of every word of the document, each line's number of those words, and its stop words by language."""
    blocks, texts = lines.blocks, lines.text
    chars = column(lines, "chars")
    safe_chars = np.maximum(chars, 1.0)
    counted, mask, words, stops = document_characters(lines)
    safe_tok = np.maximum(counted["tokens"], 1.0)
    columns = [
        np.log1p(column(lines, "words")),
        np.log1p(chars),
        chars / safe_tok,
        column(lines, "terminal"),
        column(lines, "ellipsis"),
        _flags([b.text.rstrip().endswith(":") for b in blocks]),
        _flags([t.endswith(",") for t in texts]),
        column(lines, "heading"),
        column(lines, "prose"),
        column(lines, "name_like"),
        counted["punct"] / safe_chars,
        counted["digit"] / safe_chars,
        counted["upper"] / safe_chars,
        counted["title"] / safe_tok,
        _flags([t.isupper() for t in texts]),
        counted["year"],
        counted["clock"],
        counted["url"],
        counted["separators"],
        _flags([b.text.lstrip().startswith(_BULLET) for b in blocks]),
        _flags([t.startswith(_QUOTES) for t in texts]),
        _matches(lines, "relative_time") | _matches(lines, "duration"),
        _matches(lines, "teaser_heading"),
    ]
    own = np.empty((len(lines), len(OWN_FEATURES)), np.float32)
    for k, values in enumerate(columns):  # (a column at a time: one array of them all is read item by item)
        own[:, k] = values
    return own, counted["tokens"], mask, words, stops


def _facts(lines: "Lines") -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """_line_facts of `lines` (own features, word counts, the stop-word bits of their first LANGUAGE_SAMPLE
    words, stop words by language): what a line has on its own is its own whatever lines surround it, so
    a settle round's view takes its lines' part of the whole document's, read once."""
    top, index = lines.root()
    own, tokens, mask, words, stops = top.computed("model.lines", _line_facts)
    if top is lines or len(index) == len(top):  # (a view of every line: the whole document's, as they are)
        return own, tokens, mask[:LANGUAGE_SAMPLE], stops
    pick = np.asarray(index, np.int64)  # increasing: a view keeps its lines in order
    ends = np.cumsum(words)
    first = pick[:int(np.searchsorted(np.cumsum(words[pick]), LANGUAGE_SAMPLE)) + 1]  # lines holding the sample
    sample = np.concatenate([mask[ends[i] - words[i]:ends[i]] for i in first.tolist()] or [mask[:0]])
    return own[pick], tokens[pick], sample[:LANGUAGE_SAMPLE], stops[pick]


def block_matrix(ctx: "Context") -> np.ndarray:
    """The per-block feature values of every block of the document (columns in BLOCK_FEATURES order)."""
    lines = ctx.lines
    n = len(lines)
    own, tokens, sample, stops = _facts(lines)
    out = np.empty((n, len(BLOCK_FEATURES)), np.float32)
    out[:, _OWN_AT] = own
    languages = len(stop_bits()[0])
    hits = np.unpackbits(sample.reshape(-1, 1), axis=1, count=languages, bitorder="little").sum(axis=0, dtype=np.int64)
    best = int(np.argmax(hits)) if languages else 0
    stop_hits = stops[:, best if languages and hits[best] >= LANGUAGE_MIN_HITS else -1].astype(np.float64)
    out[:, _AT["stop_share"]] = stop_hits / np.maximum(tokens, 1.0)
    out[:, _AT["stop_count"]] = np.log1p(stop_hits)

    teaser = own[:, OWN_FEATURES.index("teaser_heading")] != 0
    last_event = np.maximum.accumulate(np.where(teaser | column(lines, "prose"), np.arange(n), -1)) if n else np.zeros(0, np.int64)
    out[:, _AT["after_teaser_heading"]] = (last_event >= 0) & teaser[np.maximum(last_event, 0)] & ~teaser

    paras = np.fromiter([b.para for b in lines.blocks], np.int64, n)
    labels = [v.label if v is not None else None for v in ctx.verdicts]
    boilerplate, metadata = Label.BOILERPLATE, Label.METADATA  # (locals: a member read off the enum costs more)
    chars = column(lines, "chars")
    out[:, _AT["repeats"]] = np.log(lines.repeats)
    out[:, _AT["blank_before"]] = _flags([b.blank_before for b in lines.blocks])
    out[:, _AT["para_lines"]] = np.log(np.bincount(paras)[paras]) if n else np.zeros(0)
    out[:, _AT["rel_length"]] = chars / max(float(chars.max(initial=0.0)), 1.0)
    out[:, _AT["decided_boilerplate"]] = _flags([label is boilerplate for label in labels])
    out[:, _AT["decided_metadata"]] = _flags([label is metadata for label in labels])
    return out


def doc_matrix(ctx: "Context") -> np.ndarray:
    """Where each block sits in the document: position, distance to prose, words above it."""
    lines = ctx.lines
    n = len(lines)
    prose = column(lines, "prose")
    words = column(lines, "words")
    made = kernels.doc_columns(prose, words, len(DOC_FEATURES))
    if made is not None:  # (the extension's one pass, the same bits)
        return made.T
    index = np.arange(n)
    # Nearest prose line strictly above / below; none counts as the document's length away.
    above = np.maximum.accumulate(np.where(prose, index, -1))
    above = np.concatenate(([-1], above[:-1])) if n else above
    below = np.minimum.accumulate(np.where(prose, index, n)[::-1])[::-1]
    below = np.concatenate((below[1:], [n])) if n else below
    to_above = np.where(above >= 0, index - above, n)
    to_below = np.where(below < n, below - index, n)
    seen = np.concatenate(([0.0], np.cumsum(words)[:-1])) if n else words
    return np.array([
        index / max(n, 1),
        np.log1p(index),
        np.log1p(n - 1 - index),
        np.full(n, np.log1p(n)),
        np.full(n, prose.mean() if n else 0.0),
        seen / max(words.sum(), 1.0),
        np.log1p(to_above),
        np.log1p(to_below),
    ], np.float32).reshape(len(DOC_FEATURES), n).T


def own_columns(ctx: "Context", lexical: np.ndarray) -> np.ndarray:
    """Each line's own columns: its block features and the LEXICAL_FEATURES (`lexical_block_columns`)."""
    return np.hstack([block_matrix(ctx), np.asarray(lexical, np.float32)])


class Rows:
    """A document's model rows (columns as feature_names()), made for the lines asked: a line's own
    columns, its neighbours' at OFFSETS, window means and document columns. A long document is scored a
    slice of lines at a time, so its whole matrix (hundreds of megabytes) is never held; any row is the
    same whichever lines are asked with it."""

    def __init__(self, own: np.ndarray, doc: np.ndarray) -> None:
        self.own, self.doc = own, doc

    @cached_property
    def sums(self) -> np.ndarray:
        """Running sums of the own columns (row k: the lines before line k), what the window means are made of."""
        own = self.own
        return np.cumsum(np.vstack([np.zeros((1, own.shape[1]), np.float32), own]), axis=0)

    @cached_property
    def _padded(self) -> np.ndarray:
        """The own columns with REACH rows of -1 ("no such line") above and below: a neighbour's are one gather."""
        edge = np.full((REACH, self.own.shape[1]), -1.0, np.float32)
        return np.vstack([edge, self.own.astype(np.float32, copy=False), edge])

    def __len__(self) -> int:
        return len(self.own)

    @property
    def width(self) -> int:
        """Columns of a row (see `at`): a line's own, each neighbour's, the window means, the document's."""
        return self.own.shape[1] * (len(OFFSETS) + 2) + self.doc.shape[1]

    def at(self, index: np.ndarray, extra: np.ndarray | None = None, dtype: type = np.float32, room: int = 0) -> np.ndarray:
        """The rows of lines `index` (followed by their rows of `extra`, when given, or by `room` columns of 0 for
        them to be written in later), written into one array: float32, what the forests compare (float64 keeps
        the window means unrounded, as training reads them)."""
        own, n, w = self.own, len(self.own), self.own.shape[1]
        index = np.asarray(index, np.intp)
        more = extra.shape[1] if extra is not None else room
        # A run of lines (all of a document, or a slice of it) is read with slices, not gathers: the same values.
        first = int(index[0]) if len(index) else 0
        run = len(index) > 0 and index[-1] - first == len(index) - 1 and bool((np.diff(index) == 1).all())
        made = kernels.rows(own, self.doc, first, len(index), OFFSETS, WINDOW, more) if run and dtype is np.float32 \
            else None
        if made is not None:  # (the extension writes the run's rows in one pass)
            if extra is not None:
                made[:, self.width:] = extra[first:first + len(index)]
            return made
        out = np.empty((len(index), self.width + more), dtype)

        def rows(shift: int) -> "slice | np.ndarray":
            return slice(first + shift, first + shift + len(index)) if run else index + shift

        out[:, :w] = own[rows(0)]
        for k, off in enumerate(OFFSETS, 1):
            out[:, k * w:(k + 1) * w] = self._padded[rows(REACH + off)]
        lo = np.minimum(np.maximum(index - WINDOW, 0), n)
        hi = np.minimum(np.maximum(index + WINDOW + 1, 0), n)
        end = w * (len(OFFSETS) + 2)
        out[:, end - w:end] = (self.sums[hi] - self.sums[lo]) / np.maximum(hi - lo, 1)[:, None]
        out[:, end:self.width] = self.doc[rows(0)]
        out[:, self.width:] = extra[rows(0)] if extra is not None else 0
        return out


def stack(own: np.ndarray, doc: np.ndarray) -> np.ndarray:
    """Every row of a document (Rows.at of all its lines)."""
    return Rows(own, doc).at(np.arange(len(own)), dtype=np.float64)


# Offsets and windows over which a first pass's scores enter the second pass: a line's near
# neighbours, a paragraph's reach, and a page section's.
SCORE_OFFSETS = (-3, -2, -1, 1, 2, 3)
SCORE_WINDOWS = (3, 10, 30)
SCORE_FEATURES = (
    "s1", *(f"s1@{o:+d}" for o in SCORE_OFFSETS), *(f"s1_win{w}" for w in SCORE_WINDOWS),
    "in_main_run", "log_above_main", "log_below_main", "main_words_share", "body_words_above", "body_words_below",
    "doc_body_share",
)


def score_matrix(score: np.ndarray, words: np.ndarray) -> np.ndarray:
    """What a first pass's drop log-odds say around each line (columns as SCORE_FEATURES).

    The main run is the stretch of lines whose body evidence, weighted by words, adds up most
    (the maximum-sum segment): the article, as the first pass sees it. Lines outside it, and how
    much body-like text lies above and below each line, tell page furniture from a paragraph.
    """
    n = len(score)
    out = np.empty((n, len(SCORE_FEATURES)), np.float32)
    s = np.minimum(np.maximum(score, -8.0), 8.0).astype(np.float64, copy=False)  # (np.clip, fewer steps)
    idx = np.arange(n)
    if not kernels.score_windows(s, SCORE_OFFSETS, SCORE_WINDOWS, out):  # (the extension's one pass, the same bits)
        out[:, 0] = s
        padded = np.zeros(n + 6)
        padded[3:3 + n] = s
        for k, o in enumerate(SCORE_OFFSETS, 1):
            out[:, k] = padded[3 + o:3 + o + n]
        sums = np.zeros(n + 1)
        np.cumsum(s, out=sums[1:])
        for k, w in enumerate(SCORE_WINDOWS, 1 + len(SCORE_OFFSETS)):
            lo, hi = np.maximum(idx - w, 0), np.minimum(idx + w + 1, n)
            out[:, k] = (sums[hi] - sums[lo]) / np.maximum(hi - lo, 1)
    weight = np.log1p(np.asarray(words, np.float64))
    run = kernels.best_run(weight, s)
    start, end = run if run is not None else _best_run(weight * np.minimum(np.maximum(-s, -4.0), 4.0))
    body = weight / (1 + np.exp(s))  # words that read as body, softly
    total = max(float(body.sum()), 1e-9)
    above = np.zeros(n)
    np.cumsum(body[:-1], out=above[1:])
    weights = max(float(weight.sum()), 1e-9)
    main = 1 + len(SCORE_OFFSETS) + len(SCORE_WINDOWS)
    out[:, main] = (idx >= start) & (idx <= end)
    out[:, main + 1] = np.log1p(np.maximum(start - idx, 0))
    out[:, main + 2] = np.log1p(np.maximum(idx - end, 0))
    out[:, main + 3] = weight[start:end + 1].sum() / weights
    out[:, main + 4] = above / total
    out[:, main + 5] = (total - above - body) / total
    out[:, main + 6] = total / weights
    return out


def _best_run(gain: np.ndarray) -> tuple[int, int]:
    """First and last index of the contiguous run with the largest sum (Kadane); (0, -1) if none is positive."""
    best, best_start, best_end = 0.0, 0, -1
    run, run_start = 0.0, 0
    for i, g in enumerate(gain.tolist()):
        if run <= 0:
            run, run_start = g, i
        else:
            run += g
        if run > best:
            best, best_start, best_end = run, run_start, i
    return best_start, best_end
