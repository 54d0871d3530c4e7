"""Who posted a forum thread or asked a Q&A question, and when: read from the posts' own heads (a handle over a
time stamp, as every reply has; an 'asked …' stamp over a name), where a forum or Q&A page names its author."""
from __future__ import annotations

import re

from ..document import Decision
from .rules.comments import CommentThreadRule, stamp_shape
from .rules.patterns import concept
from .table import DATE_LINES, Lines

# A forum post's head line is short: a handle, a date and time, a post number.
FORUM_HEAD_WORDS = 12
# A Q&A page's asker is named in at most this many words ('user3080392', 'Jean-Luc Dupont').
ASKER_MAX_WORDS = 4
# A forum post's head: a handle (alone, or with its display name in brackets: 'rimelek (Ákos Takács)') and the
# post's date.
_DIGIT_RUN = re.compile(r"0+")
_POSTER = re.compile(r"^(?P<handle>[^\s():]{3,40})(?:\s+\([^()]{1,40}\))?[\s,·|-]*$")


def forum_head(lines: Lines, decisions: list[Decision], language: str | None) -> tuple[str | None, str | None]:
    """The first poster and the date of a forum page's first post: the first line above the first prose that
    reads as a handle and a date ('raoul (raoul) May 3, 2024, 8:45am'), or a date under a handle alone on its line,
    whose stamp is written like a later line's (each reply has one; the handles differ, and so may the number of
    digits: '3:22pm' and '10:12am'), and no reader comment. (None, None) on a page that is no forum."""
    prose = next((i for i, p in enumerate(lines.prose) if p and not decisions[i].removed), len(lines))
    shapes: dict[str, list[int]] = {}
    for i in sorted(lines.candidates(DATE_LINES)):
        found = lines.date(i, language) if lines.words[i] <= FORUM_HEAD_WORDS else None
        if found is not None:
            shapes.setdefault(_DIGIT_RUN.sub("0", stamp_shape(lines.text[i][found.start:])), []).append(i)
    alike = {found[0]: found for found in shapes.values() if len(found) >= 2}
    for i in sorted(alike):
        final = decisions[i].final
        if i > prose or (final is not None and final.rule == CommentThreadRule.id):
            continue
        found = lines.date(i, language)
        if found is None:
            continue
        before = lines.text[i][:found.start]
        if i > 0 and _date_label(before):  # 'Rabbids' / 'Posted March 19, 2024': the handle is the line above
            before = lines.text[i - 1]
        elif (i > 0 and not before.strip() and len({lines.folded[k - 1] for k in alike[i] if k}) > 1
              and lines.folded.count(lines.folded[i - 1]) > 1 and not _plain_word(lines.text[i - 1])):
            before = lines.text[i - 1]  # 'ron1cne' / 'March 19, 2024 1 yr': a handle printed again (over a later post,
            # in a list of who took part), where the lines above the dates differ (a release list's are alike)
        head = _POSTER.match(before)
        if head:
            return head["handle"], found.iso
    return None, None


def _plain_word(text: str) -> bool:
    """Whether a line is one capitalised word ('Nutrition', 'Released'): over a date, a section's label or a date's as
    often as a handle, which a user name alone written so cannot be told from."""
    word = text.strip()
    return word.isalpha() and word[:1].isupper() and word[1:].islower()


def _date_label(text: str) -> bool:
    """Whether `text` is a date's label alone ('Posted', 'Publié le', 'Updated'), which names no poster."""
    return any(concept(name).match(text) for name in ("date_prefix_published", "date_prefix_updated"))


def asker(lines: Lines, language: str | None) -> tuple[str | None, str | None]:
    """The asker and the date of a Q&A page's question: the first line that stamps a question ('asked Feb 11,
    2011 at 23:49', data: question_stamp) and the name on the line below it (a user name or a person's, no
    date on it). (None, None) on a page that asks nothing."""
    for i in sorted(lines.lines_with("question_stamp")):
        found = lines.date(i, language)
        below = i + 1
        if found is None or below >= len(lines):
            continue
        name = lines.text[below].strip()
        if 0 < lines.words[below] <= ASKER_MAX_WORDS and not lines.prose[below] and lines.date(below, language) is None:
            return name, found.iso
    return None, None
