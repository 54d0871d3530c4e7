"""Event promotion boxes: a few short lines naming an event, its date or place and a call to book."""
from __future__ import annotations

from ...document import Verdict
from ..bylines import byline_authors
from .base import Context, ContextRule


class EventRule(ContextRule):
    """An event box: a few short lines naming an event, its date or place and a call to book ('Upcoming
    event / Media Summit / 12 May | Leeds / Register now'). A call to action alone ('Learn more') or a date
    alone is no event: a box holds a line naming an event or a call to act, and one more sign (another of
    those, a 'Where: …' line, a date or a time, an event's name: 'Readers' Festival 2025'). A page of three
    boxes or more, or of many such lines, is a list of events, the page's own content: none of them is taken.
    A line of the box an earlier rule took (its call to sign up read as a newsletter prompt, its date as the
    story's) still counts as the sign it shows, and holds the box together: the box's other lines go with it; a
    line taken as the site's menu does not. 'Read more' or 'Learn more' alone calls to no event, and a story's
    dated byline ('4. November 2025 von Jana Roth') dates no event, while an event's name that reads like a
    person's ('Regional Business Awards | 10 July') is no byline."""

    id = "promo.event"
    reason = "event promotion box: event name, date or place and a call to register or book"
    # An event box is at most this many lines, each a label rather than a sentence.
    MAX_LINES = 5
    MAX_WORDS = 14
    MAX_BOXES = 2
    # More lines than this naming events, calling to book or giving a place: a page of events.
    MAX_SIGN_LINES = 6

    def evaluate(self, ctx: Context) -> dict[int, Verdict]:
        lines = ctx.lines  # (a settle round's kept lines, as cleaning the cleaned text would count them)
        if sum(len(lines.lines_with(name)) for name in ("event_cta", "event_cue", "event_detail")) > self.MAX_SIGN_LINES:
            return {}  # a page of events: the events are its content
        seeds = sorted({*lines.lines_with("event_cta"), *lines.lines_with("event_cue")})
        boxes: list[tuple[int, int, int]] = []
        for i in seeds:
            if (boxes and i <= boxes[-1][1]) or not self._fits(ctx, i):
                continue
            start = end = i
            while start > 0 and i - start + 1 < self.MAX_LINES and self._fits(ctx, start - 1):
                start -= 1
            while end + 1 < len(ctx) and end - start + 1 < self.MAX_LINES and self._fits(ctx, end + 1):
                end += 1
            signs = [self._signs(ctx, k) for k in range(start, end + 1)]
            if sum(s for s, _ in signs) >= 2 and any(strong for _, strong in signs) and (
                    all(not ctx.decided(k) for k in range(start, end + 1)) or self._dated(ctx, start, end)):
                box = [k for k, (sign, _) in zip(range(start, end + 1), signs) if sign or lines.words[k] <= 8]
                boxes.append((min(box), max(box), sum(s for s, _ in signs)))
        if len(boxes) > self.MAX_BOXES:
            return {}
        return {k: self.verdict({"lines": end - start + 1, "signs": signs})
                for start, end, signs in boxes for k in range(start, end + 1) if not ctx.decided(k)}

    def _fits(self, ctx: Context, i: int) -> bool:
        """Whether line i may be part of a box: a short label, not yet taken or taken showing a sign of one."""
        lines = ctx.lines
        if lines.prose[i] or not 0 < lines.words[i] <= self.MAX_WORDS:
            return False
        if not ctx.decided(i):
            return True
        # a line taken as the site's menu ('Sign In' / 'Sign Up') is none of a box's, whatever it says
        return not ctx.verdicts[i].rule.startswith("nav.") and self._signs(ctx, i)[0] > 0  # type: ignore[union-attr]

    @staticmethod
    def _dated(ctx: Context, start: int, end: int) -> bool:
        """Whether lines start..end say when or where (a box holding lines taken before must: 'Forum' and 'Sign
        up' of a site's menu are no event)."""
        lines = ctx.lines
        return any(lines.has("event_detail", k) or lines.date(k) is not None
                   or lines.has("clock_time", k) or lines.has("short_date", k) for k in range(start, end + 1))

    @staticmethod
    def _signs(ctx: Context, i: int) -> tuple[int, bool]:
        """How many signs of an event box line i shows, and whether one names an event or calls to act."""
        lines = ctx.lines
        strong = int(lines.has("event_cue", i)) + int(lines.has("event_cta", i))
        dated = ((lines.date(i) is not None or lines.has("clock_time", i) or lines.has("short_date", i))
                 # a story's dated byline says when it was written; an event's name may read as a person's
                 and (lines.has("event_name", i) or not byline_authors(lines.text[i])))
        named = lines.has("event_name", i) and not strong  # an event's name: no box with another name alone
        return strong + int(lines.has("event_detail", i)) + int(dated) + int(named), strong > 0
