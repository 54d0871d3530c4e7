"""Labels for the lines of a dump, by aligning them with a page's gold body, metadata or segments.

A line is `body` when most of its word 3-grams are still unclaimed in the gold body (each gold
3-gram is claimed once, so a headline repeated in a teaser after the article is not body twice);
a short line is body when it equals a gold line. Lines outside the body that carry the gold
title, author or date are labelled with that metadata class; other lines are `boilerplate`.
Pages known only by must/must-not segments get partial labels: the other lines stay None.
"""
from __future__ import annotations

import html
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence

from ...text.dates import find_date
from ...text.segment import segment

BODY = "body"
BOILERPLATE = "boilerplate"
TITLE, BYLINE, DATE = "meta.title", "meta.byline", "meta.date"

_TOKEN = re.compile(r"\w+", re.UNICODE)
# A line is body when at least this share of its 3-grams is found in the gold: half keeps lines
# whose ends the two conversions cut differently. A line with less than NOT_GOLD_SHARE of them is
# not body; in between, the gold holds part of the line only (an abridged gold, a paragraph
# merged with a caption) and the line is left unlabelled rather than labelled wrong.
GOLD_SHARE = 0.5
NOT_GOLD_SHARE = 0.2
NGRAM = 3
# Metadata lines are short: a byline or date line of more than this many words is prose that
# happens to name the author or the day.
META_MAX_WORDS = 14
# A page title line may carry the site's name after the headline ("Headline | Site"): this many words.
TITLE_EXTRA_WORDS = 8
_AUTHOR_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\by\b|\be\b)\s*", re.I)


def norm(text: str) -> str:
    """Entities unescaped (some gold bodies keep &#39;), NFKC, casefolded, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFKC", html.unescape(text)).casefold().split())


def tokens(text: str) -> list[str]:
    """Word tokens of `text`, normalised."""
    return _TOKEN.findall(norm(text))


def _grams(toks: Sequence[str]) -> list[tuple[str, ...]]:
    return [tuple(toks[i:i + NGRAM]) for i in range(len(toks) - NGRAM + 1)]


def body_labels(lines: Sequence[str], gold: str) -> list[bool | None]:
    """Whether each line belongs to the gold body (3-grams claimed in order, short lines by equality);
    None where the gold holds a part of the line only."""
    left = Counter(_grams(tokens(gold)))  # across gold line breaks too: dumps break lines elsewhere
    gold_lines = Counter(norm(line) for line in gold.splitlines() if line.strip())
    out: list[bool | None] = []
    for line in lines:
        toks = tokens(line)
        grams = _grams(toks)
        if not grams:
            key = norm(line)
            hit = bool(toks) and gold_lines[key] > 0
            if hit:
                gold_lines[key] -= 1
            out.append(hit)
            continue
        found = sum(1 for g in grams if left[g] > 0)
        hit = found >= GOLD_SHARE * len(grams)
        if hit:
            for g in grams:
                if left[g] > 0:
                    left[g] -= 1
        out.append(True if hit else None if found >= NOT_GOLD_SHARE * len(grams) else False)
    return out


def _is_title(line: str, title: str) -> bool:
    line_n, title_n = norm(line), norm(title)
    if not title_n or not line_n:
        return False
    if line_n == title_n:
        return True
    extra = len(line_n.split()) - len(title_n.split())
    return 0 <= extra <= TITLE_EXTRA_WORDS and (line_n.startswith(title_n) or line_n.endswith(title_n))


def _has_author(line: str, author: str) -> bool:
    names = [norm(a) for a in _AUTHOR_SPLIT.split(author) if len(a.split()) >= 2]
    line_n = norm(line)
    return bool(names) and len(line_n.split()) <= META_MAX_WORDS and any(n in line_n for n in names)


def _has_date(line: str, iso: str) -> bool:
    if len(line.split()) > META_MAX_WORDS:
        return False
    found = find_date(line)
    return found is not None and found.iso == iso[:10]


def page_labels(text: str, gold: str | None, title: str | None = None, author: str | None = None,
                date: str | None = None) -> list[str | None]:
    """A label per block of `text` (cleaner.text.segment order) from a gold body and gold metadata."""
    lines = [b.text for b in segment(text)]
    body: list[bool | None] = list(body_labels(lines, gold)) if gold else [False] * len(lines)
    out: list[str | None] = []
    for line, is_body in zip(lines, body):
        if is_body:
            out.append(BODY)
        elif is_body is None:
            out.append(None)
        elif title and _is_title(line, title):
            out.append(TITLE)
        elif author and _has_author(line, author):
            out.append(BYLINE)
        elif date and _has_date(line, date):
            out.append(DATE)
        else:
            out.append(BOILERPLATE)
    return out


def segment_labels(text: str, with_: Sequence[str], without: Sequence[str]) -> list[str | None]:
    """Partial labels from must (body) / must-not (boilerplate) segments; other lines None.

    A segment labels a line that contains it, or that it contains when the line is 20+ characters
    (segment authors cut lines differently than dumps do).
    """
    segments = [(norm(s), BODY) for s in with_ if norm(s)] + [(norm(s), BOILERPLATE) for s in without if norm(s)]
    out: list[str | None] = []
    for block in segment(text):
        line = norm(block.text)
        label = None
        for seg, kind in segments:
            if seg in line or (len(line) >= 20 and line in seg):
                label = kind
                break
        out.append(label)
    return out
