"""The article's own header in a text dump: the lines under its title line (and under each copy of the headline)
where its byline and date are printed, and the byline and date read there when the tagger's are elsewhere (a
related post's, a reader's, a sidebar's)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..document import Decision
from . import meta_tagger
from .byline_words import credits_other, starter_label
from .bylines import introduced
from .meta_features import LineFacts
from .names import person_name
from .rules.patterns import prefix_pattern
from .table import Lines

if TYPE_CHECKING:
    import numpy as np

# The article's header: the lines under its title line where its byline and date are printed (a date also on the
# line over it: 'Posted on 3 May 2024 by …' over the headline), not counting
# page furniture a rule removed between them (share and alert buttons), within HEADER_SPAN lines.
HEADER_LINES = 3
HEADER_SPAN = 12
# Rules whose removals are page furniture, never a headline (a repeated line may well be the title).
FURNITURE = ("nav.", "notice.", "social.", "promo.", "ad.", "legal.", "teaser.", "audio.", "address.")


def title_copies(lines: Lines, title: int, furniture: list[bool]) -> list[int]:
    """The title line, then every other line printing the same headline that is no furniture (the <title> line's
    headline is printed again over the article): the article's header may stand under any of them. (A teaser of
    the article itself in a list of recent posts is furniture, and its date is the list's.)"""
    value = meta_tagger.fold(meta_tagger.title_value(lines.blocks, title))
    own = lines.folded[title]
    first = value.split(" ", 1)[0]  # (an ASCII line folds to the headline only if it holds its first word as written,
    quick = "'" not in first  # unless that word has a quote, which fold makes of '`': most lines are not folded)
    copies = [i for i, text in enumerate(lines.folded) if i != title and not furniture[i] and (text == own
              or (len(text) <= len(value) + 8 and (not quick or first in text or not text.isascii())
                  and meta_tagger.fold(text) == value))]
    return [title, *copies]


def article_header(title: int, decisions: list[Decision], furniture: list[bool]) -> list[int]:
    """The lines of the article's header: the HEADER_LINES under the title line that are no page furniture a rule
    or the model removed (share and alert buttons, a block printed twice), and the furniture between them, within
    HEADER_SPAN lines of the title."""
    out: list[int] = []
    counted = 0
    for i in range(title + 1, min(title + HEADER_SPAN + 1, len(decisions))):
        if counted == HEADER_LINES:
            break
        out.append(i)
        rule = decisions[i].final.rule.removeprefix("model.") if decisions[i].removed else ""  # type: ignore[union-attr]
        counted += not (furniture[i] or rule.startswith((*FURNITURE, "repeated.")))
    return out


def header_date(windows: list[list[int]], date: meta_tagger.Tagged | None, probs: "np.ndarray",
                facts: list[LineFacts], furniture: list[bool]) -> meta_tagger.Tagged | None:
    """The date line of the article's own header when the tagger's date line is none of it (`windows`: the lines
    under each copy of the title, the chosen title's first): the first header's that holds a date. None when the
    date line is in one of the headers or none holds a date."""
    if date is not None and any(date.index in window for window in windows):
        return None
    return next((found for window in windows if (found := _header_date(window, probs, facts, furniture)) is not None),
                None)


def _header_date(header_window: list[int], probs: "np.ndarray", facts: list[LineFacts],
                 furniture: list[bool]) -> meta_tagger.Tagged | None:
    """The date line of one header: of its dated lines (no update stamp, no furniture), the one the tagger reads
    most as a date or byline ('By Sarah Schwartz — November 18, 2025'), over a date further down (a related post's,
    an event's, a sidebar's). None when the header has none."""
    header = [i for i in header_window if facts[i].has_date and not facts[i].stamp and not furniture[i]]
    if not header:
        return None
    day, byline = meta_tagger.CLASSES.index("date"), meta_tagger.CLASSES.index("byline")
    best = max(header, key=lambda i: probs[i, day] + probs[i, byline])
    return meta_tagger.Tagged(best, "date", float(probs[best, day]))


# What the tagger may read a header's byline as besides a byline: a line it reads as one of these names
# someone else (a photo's credit, a caption's subject, a section) or is a heading.
NOT_BYLINES = ("title", "section", "caption", "credit", "bio")


def sentence_naming(text: str, prose: bool) -> bool:
    """Whether a line is a sentence of prose that opens with no byline or credit word and labels no thread's starter:
    a standfirst's 'deals announced by A, B and C' names no author ('Reviewed by Jane Doe, attorney, on May 2.' and
    'Discussion in Forum started by jdoe71, May 2.' may)."""
    return (prose and prefix_pattern("byline_prefix").match(text) is None and not credits_other(text)
            and starter_label().search(text) is None)


def header_byline(windows: list[list[int]], byline: meta_tagger.Tagged | None, probs: "np.ndarray",
                  facts: list[LineFacts], furniture: list[bool], texts: list[str],
                  prose: list[bool]) -> meta_tagger.Tagged | None:
    """The byline of the article's header (`windows`: the header under each copy of the title, the chosen title's
    first; no line of furniture, none a sentence that names people in passing: sentence_naming): None when the
    tagger's byline stands in one of them, else the first header's that names someone (_header_byline; a name alone
    that no byline word vouches for only under the chosen title: under a copy in a forum's list of topics, the line
    under the headline is its category)."""
    if byline is not None and any(byline.index in window for window in windows):
        return None
    return next((found for k, window in enumerate(windows)
                 if (found := _header_byline(window, probs, facts, furniture, texts, prose, alone=k == 0)) is not None),
                None)


def _header_byline(header_window: list[int], probs: "np.ndarray", facts: list[LineFacts], furniture: list[bool],
                   texts: list[str], prose: list[bool], alone: bool) -> meta_tagger.Tagged | None:
    """The byline of one header (`header_window`: article_header()): of its lines that name someone (no furniture,
    none the tagger reads as a caption, credit, section or heading), the one it reads most as a byline, over a
    byline further down (a related post's, a quoted book's, a reader's). A header is an article's when it is dated
    or the line introduces its author ('Thread starter paulb203'): a shop's 'My Account' under its heading names
    nobody. In a dated header with no such line, the line right under the title is the byline when it is a person's
    name alone that the tagger reads as no heading, section, caption, credit or bio, though no byline word vouches
    for it and its given name is in no list ('Ridvika Arora'), when `alone` allows it. A reviewer's or photographer's
    credit ('Reviewed by Jane Doe') is the byline only when no other line names anyone. None when the header names
    nobody."""
    lines = header_window
    dated = any(facts[i].has_date for i in lines)
    other = [meta_tagger.CLASSES.index(c) for c in NOT_BYLINES]
    column = meta_tagger.CLASSES.index("byline")
    header = [i for i in lines if facts[i].names and not furniture[i] and int(probs[i].argmax()) not in other
              and (dated or introduced(texts[i], facts[i].names)) and not sentence_naming(texts[i], prose[i])]
    if not header and dated and alone:  # a name alone under the headline that no byline word vouches for ('Ridvika Arora')
        header = [i for i in lines[:1] if not furniture[i] and int(probs[i].argmax()) not in other
                  and person_name(texts[i]) is not None]
    if not header:
        return None
    best = max(header, key=lambda i: (not credits_other(texts[i]), probs[i, column]))  # (a reviewer's credit last)
    return meta_tagger.Tagged(best, "byline", float(probs[best, column]))
