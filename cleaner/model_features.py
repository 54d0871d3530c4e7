"""Numeric features of every block and its neighbours, the input of the learned line model.

Per block: shape of the line (length, punctuation, capitals, digits), stop-word density in the
document's language, position in the document, repetition, teaser context and what the heuristic
rules decided. A row of the model's matrix is a block's own features, its neighbours' features and
averages over a window around it, so the model sees the run a line sits in.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from typing import TYPE_CHECKING

from .document import Label
from .language import guess_language, stopwords

if TYPE_CHECKING:
    import numpy as np

    from .rules.base import Context

_WORD = re.compile(r"\w+", re.UNICODE)
_DIGIT = re.compile(r"\d")
_UPPER = re.compile(r"[A-ZÀ-ÝА-Я]")
_PUNCT = re.compile(r"[^\w\s]")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_CLOCK = re.compile(r"\b\d{1,2}:\d{2}\b")
_URLISH = re.compile(r"https?://|www\.|\.(?:com|org|net|de|html?)\b|@\w", re.I)
_SEPARATORS = re.compile(r"\s[|»›/•·]\s|\s[|»›]|[|»›]\s")
_BULLET = tuple("•·▪‣◦*-–—>»")

# Neighbour offsets whose own features enter a row: two lines each side is the span of a teaser
# item or a byline/date head (seeds 002, 003); wider context comes from the window averages.
OFFSETS = (-2, -1, 1, 2)
# Half-width of the averaging window: 5 lines each side covers a paragraph run or a nav menu.
WINDOW = 5

BLOCK_FEATURES = (
    "log_words", "log_chars", "chars_per_word", "ends_terminal", "ends_ellipsis", "ends_colon",
    "ends_comma", "heading_like", "prose", "name_like", "punct_share", "digit_share", "upper_share",
    "title_words", "all_caps", "stop_share", "stop_count", "year", "clock", "urlish", "separators",
    "bullet", "quote_start", "marker", "teaser_heading", "after_teaser_heading", "repeats",
    "blank_before", "para_lines", "rel_length", "decided_boilerplate", "decided_metadata",
)
DOC_FEATURES = ("rel_position", "log_from_start", "log_to_end", "log_doc_lines", "doc_prose_share",
                "words_above_share", "log_to_prose_above", "log_to_prose_below")


def feature_names() -> list[str]:
    """Column names of the model matrix, in order (the shipped model stores them to check)."""
    names = list(BLOCK_FEATURES)
    for off in OFFSETS:
        names += [f"{n}@{off:+d}" for n in BLOCK_FEATURES]
    names += [f"win_{n}" for n in BLOCK_FEATURES]
    return names + list(DOC_FEATURES)


def block_rows(ctx: "Context") -> list[list[float]]:
    """The per-block feature values of every block of the document (BLOCK_FEATURES order)."""
    blocks, feats = ctx.blocks, ctx.features
    lang = guess_language("\n".join(f.text for f in feats[:400]))
    table = stopwords()
    stops = table[lang] if lang else frozenset().union(*table.values())
    counts = Counter(f.text.casefold() for f in feats)
    para_size = Counter(b.para for b in blocks)
    longest = max((f.chars for f in feats), default=1) or 1
    rows: list[list[float]] = []
    after_heading = False
    for i, (block, f) in enumerate(zip(blocks, feats)):
        text = f.text
        tokens = _WORD.findall(text)
        n_tok = len(tokens) or 1
        chars = f.chars or 1
        stop_hits = sum(t.casefold() in stops for t in tokens)
        teaser_heading = f.has("teaser_heading")
        if teaser_heading:
            after_heading = True
        elif f.prose:
            after_heading = False
        verdict = ctx.verdicts[i]
        label = verdict.label if verdict is not None else None
        rows.append([
            math.log1p(f.words),
            math.log1p(f.chars),
            f.chars / n_tok,
            float(f.ends_terminal),
            float(f.ends_ellipsis),
            float(text.endswith(":")),
            float(text.endswith(",")),
            float(f.heading_like),
            float(f.prose),
            float(f.name_like),
            len(_PUNCT.findall(text)) / chars,
            len(_DIGIT.findall(text)) / chars,
            len(_UPPER.findall(text)) / chars,
            sum(t[:1].isupper() for t in tokens) / n_tok,
            float(text.isupper()),
            stop_hits / n_tok,
            math.log1p(stop_hits),
            float(_YEAR.search(text) is not None),
            float(_CLOCK.search(text) is not None),
            float(_URLISH.search(text) is not None),
            float(len(_SEPARATORS.findall(text))),
            float(block.text.lstrip().startswith(_BULLET)),
            float(text.startswith(("\"", "“", "„", "«", "'"))),
            float(f.has("relative_time") or f.has("duration")),
            float(teaser_heading),
            float(after_heading and not teaser_heading),
            math.log(counts[text.casefold()]),
            float(block.blank_before),
            math.log(para_size[block.para]),
            f.chars / longest,
            float(label is Label.BOILERPLATE),
            float(label is Label.METADATA),
        ])
    return rows


def doc_rows(ctx: "Context") -> list[list[float]]:
    """Where each block sits in the document: position, distance to prose, words above it."""
    feats = ctx.features
    n = len(feats)
    prose = [f.prose for f in feats]
    total_words = sum(f.words for f in feats) or 1
    above = below = None
    to_above: list[float] = []
    for i in range(n):
        to_above.append(float(i - above) if above is not None else float(n))
        if prose[i]:
            above = i
    to_below = [0.0] * n
    for i in range(n - 1, -1, -1):
        to_below[i] = float(below - i) if below is not None else float(n)
        if prose[i]:
            below = i
    share = sum(prose) / n if n else 0.0
    rows = []
    seen = 0
    for i in range(n):
        rows.append([i / n, math.log1p(i), math.log1p(n - 1 - i), math.log1p(n), share, seen / total_words,
                     math.log1p(to_above[i]), math.log1p(to_below[i])])
        seen += feats[i].words
    return rows


def matrix(ctx: "Context") -> "np.ndarray":
    """The model matrix of a document: one row per block, columns as feature_names()."""
    import numpy as np

    own = np.asarray(block_rows(ctx), dtype=np.float32).reshape(len(ctx), len(BLOCK_FEATURES))
    n, width = own.shape
    padded = np.full((n + 2 * WINDOW, width), -1.0, dtype=np.float32)  # -1 marks "no such line"
    padded[WINDOW:WINDOW + n] = own
    parts = [own]
    for off in OFFSETS:
        parts.append(padded[WINDOW + off:WINDOW + off + n])
    sums = np.cumsum(np.vstack([np.zeros((1, width), np.float32), own]), axis=0)
    lo = np.clip(np.arange(n) - WINDOW, 0, n)
    hi = np.clip(np.arange(n) + WINDOW + 1, 0, n)
    parts.append((sums[hi] - sums[lo]) / np.maximum(hi - lo, 1)[:, None])
    parts.append(np.asarray(doc_rows(ctx), dtype=np.float32).reshape(n, len(DOC_FEATURES)))
    return np.hstack(parts)
