"""Reader-comment threads in a dump: the comments under an article ('12 Comments', 'Jane says:', a time
stamp, 'Reply') leave the body as one section, so no comment is read as the article's text, date or author.

A thread is found from its markers (data/patterns.toml: comment_opener, comment_head, comment_action; a
short line with a date and a clock time, or a relative time, is a comment's stamp), close together below
the article: under an opener ('12 Comments', 'Leave a reply'), or as stamps paired with heads or buttons
or signed by their commenters (a person's name over each stamp, the comment under it).
One kind repeated without an opener is not enough: an interview's 'She said:' lines or a list of dated
events are no thread. Nor is a forum's: when a line above the thread is stamped like its comments, the
posts are the page itself, and that stamp stays in the body (comments.forum) so a second cleaning agrees.
"""
from __future__ import annotations

import re
from collections import Counter

from ...document import Decision, Label, Verdict
from ..bylines import has_given_name
from ..segment import assemble
from ..table import Lines
from .base import Context, ContextRule

# Lines between two markers of one thread: a comment can run to a few paragraphs.
MAX_GAP = 12
# An opener ('12 Comments', 'Leave a reply') this many lines at most above the thread's first marker: the first
# comment may run as long as any other before its button (six lines, as before, lost threads on five corpus pages).
OPENER_LOOKAHEAD = MAX_GAP
# Comment text after the thread's last head or stamp (when no 'Reply' line closes it).
TAIL_LINES = 8
# A stamp line ('May 4, 2024 at 8:15 am', 'Jane on 4 May 2024 at 08:15') and a commenter's name line.
STAMP_MAX_WORDS = 12
NAME_MAX_WORDS = 5
# Words of the page's text above a thread (a paragraph): a page that is all comments has no article to keep
# apart from them.
MIN_ARTICLE_WORDS = 25

HEAD, ACTION, STAMP = "head", "action", "stamp"
SIGNED = "signed"  # a stamp between its commenter's name and the comment (counted beside the markers, no marker)
# Words of the comment under a signed stamp: a sentence, not a place or a time.
SENTENCE_MIN_WORDS = 4
FORUM = "comments.forum"
TEASERS = "teaser."
REPEATED = "repeated."
_DIGIT = re.compile(r"\d")
_NUMBER = re.compile(r"0+")
_WORDS = re.compile(r"[^\W\d_]+(?:\s+[^\W\d_]+)*")


class CommentThreadRule(ContextRule):
    """The reader comments below an article, found from their markers, taken out as one section."""

    id = "comments.thread"
    reason = "reader comment thread below the article (kept apart from the body, in `comments` when asked)"
    also_emits = {FORUM: "a forum's first post: its stamp stays, as the replies' do (the posts are the page)"}

    def evaluate(self, ctx: Context) -> dict[int, Verdict]:
        markers = _markers(ctx)
        if len(markers) < 2:
            return {}
        lines = ctx.lines
        body = [i for i in range(len(ctx)) if lines.prose[i] and not ctx.decided(i)]
        if not body:
            return {}
        openers = [i for i in lines.lines_with("comment_opener") if i > body[0]]
        out: dict[int, Verdict] = {}
        for group in _groups(sorted(i for i in markers if i > body[0])):
            inside = [o for o in openers if group[0] < o < group[-1]]
            if inside:  # an opener among the markers: the thread starts there ('5 hours ago' of a teaser above)
                group = [i for i in group if i > inside[-1]]
            opener = next((o for o in reversed(openers) if group[0] - OPENER_LOOKAHEAD <= o < group[0]), None)
            if opener is None:
                group = _repeating(ctx, group)
            found = Counter(markers[i] for i in group)
            found[SIGNED] = sum(markers[i] == STAMP and _signed(lines, i) for i in group)
            teased = any(_taken_by(ctx, i, TEASERS) for i in group)
            if not _is_thread(found, opener is not None and not teased):
                continue
            start = opener if opener is not None else _named_start(ctx, group[0], markers)
            above = sum(lines.words[i] for i in range(start) if not ctx.decided(i))
            if above < MIN_ARTICLE_WORDS or (out and start <= max(out)):
                continue
            if not out:
                posts = _forum(ctx, start, markers, group)
                if posts is not None:  # the first post's stamp comes back from metadata: none of it is removed
                    moved = [i for i in posts if ctx.decided(i)
                             and ctx.verdicts[i].label is Label.METADATA]  # type: ignore[union-attr]
                    return {i: Verdict(FORUM, Label.BODY, self.also_emits[FORUM], {"stamp": lines.text[i]},
                                       self.stage) for i in moved}
            end = _end(ctx, group[-1], markers)
            evidence: dict[str, object] = {f"{kind}_lines": count for kind, count in sorted(found.items()) if count}
            if opener is not None:
                evidence["opener"] = lines.text[opener]
            verdict = self.verdict(evidence)
            for k in range(start, end + 1):
                if (not ctx.decided(k) or ctx.verdicts[k].label is Label.METADATA  # type: ignore[union-attr]
                        or _taken_by(ctx, k, TEASERS, REPEATED)):
                    out[k] = verdict
        return out


def _is_thread(found: Counter[str], opened: bool) -> bool:
    """Whether a run of markers is a comment thread: under an opener, one kind at least twice; without
    one, stamps paired with heads or buttons ('Jane says:' over 'May 4, 2024 at 8:15 am', a 'Reply' under
    each) or signed by their commenters (a person's name over each stamp, the comment below it). 'X said:'
    quotes and 'Reply' buttons alone are a forum's posts, the page's content."""
    if opened:
        return max(found.get(HEAD, 0), found.get(ACTION, 0), found.get(STAMP, 0)) >= 2
    return found.get(STAMP, 0) >= 2 and max(found.get(HEAD, 0), found.get(ACTION, 0), found.get(SIGNED, 0)) >= 2


def _signed(lines: Lines, i: int) -> bool:
    """Whether stamp line i stands between a person's name and a sentence ('Grace Moreno' / '16 April 2024, 8:51
    PM' / 'I am not sure I agree.'): a comment signed by its writer. A list of events puts a title or a
    performer over its dates, but a place or a time under them, not a sentence."""
    if not 0 < i < len(lines) - 1 or not lines.name_like[i - 1] or not has_given_name(lines.text[i - 1]):
        return False
    return lines.terminal[i + 1] and lines.words[i + 1] >= SENTENCE_MIN_WORDS


def _markers(ctx: Context) -> dict[int, str]:
    """Line -> the kind of comment marker it is (head, action or stamp; a date alone under a head, or signed by a
    commenter's name above it and the comment below, is a stamp)."""
    lines = ctx.lines
    kinds = {i: HEAD for i in lines.lines_with("comment_head")}
    for i in lines.lines_with("comment_action"):
        kinds.setdefault(i, ACTION)
    for i in lines.lines_with("relative_time"):
        kinds.setdefault(i, STAMP)
    for i in lines.lines_with("clock_time"):
        if i not in kinds and _short_dated(lines, i):
            kinds[i] = STAMP
    heads = [i for i, kind in kinds.items() if kind == HEAD and i + 1 < len(lines)]
    names = [i for i, named in enumerate(lines.name_like) if named and i + 2 < len(lines)]
    for i in heads + names:  # a date alone under 'Jane commented:', or between 'Jane Doe' and her comment
        if i + 1 not in kinds and _short_dated(lines, i + 1) and (kinds.get(i) == HEAD or _signed(lines, i + 1)):
            kinds[i + 1] = STAMP
    return kinds


def _short_dated(lines: Lines, i: int) -> bool:
    """Whether line i is a short line with a date: with a time of day, a comment's stamp ('May 4, 2024 at 8:15 am')."""
    return lines.words[i] <= STAMP_MAX_WORDS and lines.date(i) is not None


def _is_stamp(lines: Lines, i: int) -> bool:
    """Whether line i reads as a comment's stamp (a relative time, or a date with a time of day)."""
    return lines.has("relative_time", i) or (lines.has("clock_time", i) and _short_dated(lines, i))


def _taken_by(ctx: Context, i: int, *rules: str) -> bool:
    """Whether a rule whose id starts with one of `rules` took line i. A teaser list's '2 hours ago' stamps a
    headline, not a comment: a group of markers holding a line a teaser rule took is a thread only with heads
    or buttons beside its stamps ('Jane wrote:', 'Reply'), opener or not; a thread then takes its lines back
    from the teaser rule (names, stamps and replies read as a teaser run) and its buttons and stamps from the
    rule of repeated lines (they repeat by nature)."""
    return ctx.decided(i) and ctx.verdicts[i].rule.startswith(rules)  # type: ignore[union-attr]


def _forum(ctx: Context, start: int, markers: dict[int, str], group: list[int]) -> list[int] | None:
    """The lines above the thread stamped like its comments, when there are any: then the posts are the
    page itself (a forum, a guestbook: 'Pepper Pot Jun 7, 2017 at 8:28 pm' over the question as over each
    reply). A line above counts only when it is a stamp itself: '9 King Street West' is written like '7
    days ago' (a number and words) and stamps nothing. Read in the whole document, so a later round decides
    as the first did."""
    shapes = {stamp_shape(ctx.lines.text[i]) for i in group if markers[i] == STAMP}
    if not shapes:
        return None
    top, where = ctx.lines.root()
    found = [i for i in range(where[start]) if stamp_shape(top.text[i]) in shapes and _is_stamp(top, i)]
    if not found:
        return None
    mine = {w: k for k, w in enumerate(where)}
    return [mine[i] for i in found if i in mine]


def _repeating(ctx: Context, group: list[int]) -> list[int]:
    """The group from its first marker written like a later one, whatever its numbers ('March 9' and 'March
    10'): each comment repeats its head, stamp and buttons, while a stray stamp above the thread ('3 hours ago'
    in the article) has no twin."""
    shapes = [_NUMBER.sub("0", stamp_shape(ctx.lines.text[i])) for i in group]
    first = next((k for k, shape in enumerate(shapes) if shape in shapes[k + 1:]), len(group))
    return group[first:]


def stamp_shape(text: str) -> str:
    """A marker line's shape: digits as 0 and each run of words as one 'a' ('a 0, 0000 a 0:00 a')."""
    return _WORDS.sub("a", _DIGIT.sub("0", text))


def _groups(markers: list[int]) -> list[list[int]]:
    """Markers cut into runs whose neighbours are at most MAX_GAP lines apart."""
    groups: list[list[int]] = []
    for i in markers:
        if groups and i - groups[-1][-1] <= MAX_GAP:
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


def _named_start(ctx: Context, first: int, markers: dict[int, str]) -> int:
    """Where a thread without an opener starts: its first marker, or the commenter's name line just above
    a stamp ('Jane Doe' over 'May 4, 2024 at 8:15 am')."""
    above = first - 1
    lines = ctx.lines
    if (markers[first] == STAMP and above >= 0 and (not ctx.decided(above) or _taken_by(ctx, above, TEASERS))
            and not lines.prose[above] and 0 < lines.words[above] <= NAME_MAX_WORDS and lines.date(above) is None):
        return above
    return first


def _end(ctx: Context, last: int, markers: dict[int, str]) -> int:
    """The thread's last line: its last marker, and after a head or stamp the comment text that follows
    (up to TAIL_LINES lines, to the next line a rule already took out)."""
    if markers[last] == ACTION:
        return last
    end = last
    while end + 1 < len(ctx) and end + 1 - last <= TAIL_LINES and not ctx.decided(end + 1):
        end += 1
    return end


def thread_text(lines: Lines, decisions: list[Decision]) -> str | None:
    """The comment thread's text (for Result.comments): the lines this rule took, paragraphs as in the
    dump, without the comments' buttons; None when the document has no thread."""
    keep = [d.removed and d.final is not None and d.final.rule == CommentThreadRule.id
            and not lines.has("comment_action", i) for i, d in enumerate(decisions)]
    return assemble(lines.blocks, keep) if any(keep) else None
