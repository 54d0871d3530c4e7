"""Teaser sections and runs: headlines of other stories with their snippets and stamps ('Top Stories', a
headline, '2h ago', …), under a heading or not."""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from ...document import Verdict
from ..language import stopwords
from .base import Context, ContextRule

# A teaser item is a headline, an optional snippet and a time or duration; a snippet sentence
# belongs to the run when such a marker follows within this many lines (seed 002: 1-2 lines).
MARKER_LOOKAHEAD = 2
# Markers closer than this (in lines) form one headingless teaser run (an item is <= 4 lines).
MARKER_GAP = 4


def is_marker(ctx: Context, i: int) -> bool:
    """A relative time ('5h ago') or a video duration ('1:48') on a line of its own, alone or after the item's
    kind or section ('Video · 1:48', 'Sport · 5h ago')."""
    lines = ctx.lines
    return lines.has("relative_time", i) or lines.has("duration", i) or lines.has("teaser_stamp", i)


def _teaserish(ctx: Context, i: int) -> bool:
    return ctx.decided(i) or is_marker(ctx, i) or ctx.lines.ellipsis[i] or ctx.lines.heading[i]


def _marker_ahead(ctx: Context, i: int) -> bool:
    return any(is_marker(ctx, k) for k in range(i + 1, min(len(ctx), i + 1 + MARKER_LOOKAHEAD)))


# The article's own head (headline, byline, date) ends a teaser run when its prose starts within this many lines.
HEAD_REACH = 4
# What sets the parts of a page's <title> apart ('Headline | Site', 'Site: Headline', 'Headline ⋆ Site'): a
# sign that is no word, space or sentence punctuation.
_TITLE_SEPARATORS = r"^\w\s,.'’\"“”!?()"
# A page's <title> line is at most this long (a longer first line is no title to echo: nor is the test costly).
TITLE_CHARS = 300


def _opens_article(ctx: Context, i: int, title: str) -> bool:
    """Whether line i is the page's own headline: a line of 3+ words that `title` (the document's first line,
    a page dump's <title>) holds as a whole part (all of it, or a part set off by a separator: 'Headline |
    Site'), with prose a few lines below. A teaser list printed just above the article must not run on into
    its headline and byline; a teaser headline that only opens the first line's sentence is no such part."""
    return (_echoes_title(ctx, i, title)
            and any(ctx.lines.prose[k] for k in range(i + 1, min(len(ctx), i + 1 + HEAD_REACH))))


def _echoes_title(ctx: Context, i: int, title: str) -> bool:
    """Whether line i, of 3+ words, is `title` or a whole part of it ('Headline | Site')."""
    headline = ctx.lines.folded[i]
    return (bool(title) and ctx.lines.words[i] >= 3 and headline in title
            and re.search(rf"(?:^|[{_TITLE_SEPARATORS}]\s*){re.escape(headline)}\s*(?:$|[{_TITLE_SEPARATORS}])", title)
            is not None)


def _title_line(ctx: Context) -> str:
    """The document's first line as it was read (a settle round's view asks the whole document), when it is
    short enough to be a page's <title>; else ''."""
    top, _ = ctx.lines.root()
    first = top.folded[0] if len(top) else ""
    return first if len(first) <= TITLE_CHARS else ""


class TeaserBlockRule(ContextRule):
    """A 'Top Stories' / 'More Videos' heading and the run of headlines, snippets and times under it."""

    id = "teaser.block"
    reason = "teaser section: a heading such as 'Top Stories' followed by headlines, snippets and times"
    settle = True  # a heading kept for the prose after it is judged again once copies of prose are gone

    def evaluate(self, ctx: Context) -> dict[int, Verdict]:
        out: dict[int, Verdict] = {}
        after = 0  # the line after the last run found: a heading inside a run starts none of its own
        headings = ctx.lines.lines_with("teaser_heading")
        title = _title_line(ctx) if headings else ""
        for i in headings:
            if i < after:
                continue
            end, markers = self._run(ctx, i, title)
            if end == i and not all(ctx.taken[i + 1:]):
                continue  # a heading followed by prose reads as a subheading of the article
            verdict = self.verdict({"heading": ctx.lines.text[i][:40], "lines": end - i + 1, "markers": markers})
            for k in range(i, end + 1):
                out[k] = verdict
            after = end + 1
        return out

    @staticmethod
    def _run(ctx: Context, start: int, title: str) -> tuple[int, int]:
        """Last index of the teaser run under the heading at `start` (ending before the page's own headline,
        which `title` holds), and its marker count."""
        last, last_marker, markers = start, None, 0
        j = start + 1
        while j < len(ctx):
            if not (_teaserish(ctx, j) or _marker_ahead(ctx, j)) or _opens_article(ctx, j, title):
                break
            if is_marker(ctx, j):
                markers, last_marker = markers + 1, j
            last = j
            j += 1
        if last_marker is not None:  # end at the last marker, plus any headings/boilerplate after it
            tail = last_marker
            while tail < last and (ctx.decided(tail + 1) or ctx.lines.has("teaser_heading", tail + 1)):
                tail += 1
            if start + 1 < len(ctx) and _item_stamp(ctx, start + 1):  # the items open with their stamps
                last = _stamp_first_items(ctx, _last_item(ctx, tail) if tail == last_marker else tail, title)
            else:
                last = _unstamped_item(ctx, TeaserBlockRule._stamped_items(ctx, tail, title, start), title, start)
        return last, markers

    @staticmethod
    def _stamped_items(ctx: Context, end: int, title: str, start: int) -> int:
        """The run's last line, past `end`, over the items after it whose stamp is of another kind than a time (a
        byline, 'LIVE', a date the date rule took): a headline, at most a snippet, and the stamp. Prose right after
        such a stamp ends the run before it (a headline, byline and first paragraph are the article's own head),
        unless the run under the heading at `start` stands inside the article (`_within_article`)."""
        lines = ctx.lines
        while end + 1 < len(ctx):
            head = end + 1
            if ctx.decided(head) or not lines.heading[head] or _opens_article(ctx, head, title):
                break
            stamp = head + 1
            if stamp < len(ctx) and not _item_stamp(ctx, stamp) and not ctx.decided(stamp) and (
                    lines.words[stamp] <= SNIPPET_WORDS):
                stamp += 1  # the snippet
            if stamp >= len(ctx) or not _item_stamp(ctx, stamp):
                break
            if stamp + 1 < len(ctx) and not ctx.decided(stamp + 1) and lines.prose[stamp + 1] and (
                    not _within_article(ctx, start, head, stamp)):
                break
            end = stamp
        return end


class TeaserRunRule(ContextRule):
    """Headlines with times or durations ('3h ago', '1:48') in a run, with no heading above them. Other stamps of
    the items ('LIVE', a date, '12 May 2024 · Sport') keep a run together and may end it, but only times and
    durations start one: two of them, or one among RUN_STAMPS stamps of items (`_items_stamped`)."""

    id = "teaser.run"
    reason = "run of teaser items (headline, snippet, '5h ago' / '1:48') linking to other stories"
    # A stamp that may end a run is looked for this many lines past its last time (taken lines counted in).
    SPAN = 3 * MARKER_GAP

    def evaluate(self, ctx: Context) -> dict[int, Verdict]:
        markers = {*ctx.lines.lines_with("relative_time"), *ctx.lines.lines_with("duration"),
                   *ctx.lines.lines_with("teaser_stamp")}
        if not markers:  # (most documents) no run
            return {}
        clusters: list[list[int]] = []
        for i in sorted(i for i in markers if not ctx.taken[i]):
            if clusters and self._close(ctx, clusters[-1][-1], i):
                clusters[-1].append(i)
            else:
                clusters.append([i])
        out: dict[int, Verdict] = {}
        title = _title_line(ctx)
        for cluster in clusters:
            first, end = self._stamped_start(ctx, cluster[0]), self._stamped_end(ctx, cluster[-1])
            if len(cluster) < 2 and not _items_stamped(ctx, first, end):
                continue
            start = _item_start(ctx, first)
            if start == first:  # nothing above the first stamp reads as its headline: the items open with their stamps
                end = _last_item(ctx, end)
            echoes = [k for k in range(start, cluster[0]) if _echoes_title(ctx, k, title)]
            if echoes:  # the page's own headline, and its byline and date below it, are no teaser item
                start = max(echoes[-1] + 1, _item_start(ctx, cluster[0]))
            verdict = self.verdict({"markers": len(cluster), "lines": end - start + 1})
            for k in range(start, end + 1):
                out[k] = verdict
        return out

    @staticmethod
    def _items_between(ctx: Context, i: int, j: int) -> int:
        """The most lines between i and j, still in the body and no stamp, that no item's stamp parts (counted up to
        MARKER_GAP): two times with a dated item or two between them stand in one run, as every item has its stamp."""
        found = 0
        for k in range(i + 1, j):
            if _item_stamp(ctx, k):
                found = 0
            elif not ctx.taken[k]:
                found += 1
                if found >= MARKER_GAP:
                    break
        return found

    def _close(self, ctx: Context, i: int, j: int) -> bool:
        return self._items_between(ctx, i, j) < MARKER_GAP

    def _stamped_start(self, ctx: Context, first: int) -> int:
        """The run's first stamp: its first time or duration, or a stamp of another kind before it at an item's
        distance (a date line the date rule took, 'LIVE'), as `_stamped_end` reads the run's end."""
        start = first
        for k in range(first - 1, max(-1, first - 1 - self.SPAN), -1):
            if _item_stamp(ctx, k):
                if not self._close(ctx, k, start):
                    break
                start = k
        return start

    def _stamped_end(self, ctx: Context, last: int) -> int:
        """The run's last line: its last time or duration, or a stamp of another kind after it at an item's
        distance ('LIVE', a date line, read by the date rule or not), short of the page's own headline."""
        end, title = last, _title_line(ctx)
        for k in range(last + 1, min(len(ctx), last + 1 + self.SPAN)):
            if _opens_article(ctx, k, title):
                break  # the page's own headline and its date below a run above the article
            if _stamp(ctx, k):
                if not self._close(ctx, end, k):
                    break
                end = k
        return end


# A run with a single time or duration stands when it has this many items' stamps in all ...
RUN_STAMPS = 3
# ... and between two of them at least one and at most this many lines in the body (a headline and its snippet).
ITEM_LINES = 2


def _items_stamped(ctx: Context, first: int, end: int) -> bool:
    """Whether lines `first` to `end` (a stamp each) hold RUN_STAMPS items' stamps or more, counting the items after
    `end` whose stamp is a byline (which a run does not end on), each stamp under its headline: no stamp right under
    another (a byline over a date is an article's head) and at most a snippet between a headline and its stamp."""
    stamps = [k for k in range(first, end + 1) if _item_stamp(ctx, k)]
    k = end + 1
    while k < len(ctx) and len(stamps) < RUN_STAMPS and _open_between(ctx, stamps[-1], k) <= ITEM_LINES:
        if _item_stamp(ctx, k):
            stamps.append(k)
        k += 1
    return len(stamps) >= RUN_STAMPS and all(0 < _open_between(ctx, a, b) <= ITEM_LINES
                                             for a, b in zip(stamps, stamps[1:]))


def _open_between(ctx: Context, a: int, b: int) -> int:
    """How many lines between lines a and b are still in the body."""
    return b - a - 1 - sum(ctx.taken[a + 1:b])


def _last_item(ctx: Context, stamp: int) -> int:
    """The run's last line when its items open with their stamp ('2h ago' over each headline): the last
    stamp's headline, and its snippet when that trails off ('…'), as every item's does."""
    lines = ctx.lines
    end = stamp
    if end + 1 < len(ctx) and not ctx.decided(end + 1) and lines.heading[end + 1]:
        end += 1
        if end + 1 < len(ctx) and not ctx.decided(end + 1) and lines.ellipsis[end + 1]:
            end += 1
    return end


def _stamp_first_items(ctx: Context, end: int, title: str) -> int:
    """The run's last line, past `end`, over the items after it when items open with their stamp: a stamp of any
    kind (a date or byline an earlier rule took too) with a headline under it (not the page's own) and its
    cut-off snippet."""
    lines = ctx.lines
    while (end + 2 < len(ctx) and _item_stamp(ctx, end + 1) and not ctx.decided(end + 2) and lines.heading[end + 2]
           and not _opens_article(ctx, end + 2, title)):
        end = _last_item(ctx, end + 1)
    return end


def _unstamped_item(ctx: Context, end: int, title: str, start: int) -> int:
    """The run's last line, past `end` (its last stamp), over a last item that has no stamp: a headline (not the
    page's own) with a cut-off snippet ('…') under it, or alone where the document ends or the next line is already
    out of the body (but no byline or date: a headline over those is the article's own head), or over the article's
    prose when it names another story than the article the run under the heading at `start` stands in
    (`_within_article`; else a heading over a paragraph is the article's subheading)."""
    lines, head = ctx.lines, end + 1
    if head >= len(ctx) or ctx.decided(head) or not lines.heading[head] or _opens_article(ctx, head, title):
        return end
    below = head + 1
    if below >= len(ctx) or (ctx.decided(below) and not _item_stamp(ctx, below)):
        return head
    if not ctx.decided(below) and lines.prose[below] and _within_article(ctx, start, head, head):
        return head
    return below if lines.ellipsis[below] else end


def _within_article(ctx: Context, start: int, head: int, end: int) -> bool:
    """Whether the headline at line `head` (with its stamp up to line `end`), after the teaser section from its
    heading at line `start`, is one more item of the section though prose follows it: the article's prose stands
    above the section (so the headline is not the article's own), and the headline's words are not the article's
    (a subheading names what its article is about; another story's headline does not)."""
    lines, taken = ctx.lines, ctx.taken
    first = next((k for k in range(start) if lines.prose[k] and not taken[k]), None)
    if first is None:
        return False
    return _off_topic(lines.folded[head], (lines.folded[k] for k in range(first, len(ctx))
                                           if not taken[k] and not start <= k <= end))


# A headline is another story's when fewer than this share of its words (their stems) stand in the article (a
# subheading after a teaser list shares a word or two with its article: 'What happens to the ferry staff').
TOPIC_SHARE = 1 / 3
# A word is read by its first STEM letters ('frameworks', 'framework'), and only words of MIN_WORD letters or more
# that are no stop word count (the words that say what a text is about).
STEM, MIN_WORD = 5, 5
_CONTENT_WORD = re.compile(rf"[^\W\d_]{{{MIN_WORD},}}")


def _off_topic(headline: str, article: Iterable[str]) -> bool:
    """Whether fewer than TOPIC_SHARE of casefolded `headline`'s content words stand in the `article`'s lines."""
    stop = _stop_words()
    stems = {w[:STEM] for w in _CONTENT_WORD.findall(headline) if w not in stop}
    if len(stems) < 2:
        return False  # a single word says too little
    found = {w[:STEM] for line in article for w in _CONTENT_WORD.findall(line)} & stems
    return len(found) < TOPIC_SHARE * len(stems)


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    """Every language's stop words."""
    return frozenset().union(*stopwords().values())


# Rules whose lines stand as a teaser item's stamp when they follow its headline: its byline, date, live stamp.
STAMP_RULES = frozenset({"meta.byline", "meta.date", "live.timestamp"})


def _item_stamp(ctx: Context, i: int) -> bool:
    """Whether line i is a teaser item's stamp (`_stamp`), its kind or section and author ('Opinion · Jane Doe'), or
    a byline or date an earlier rule took."""
    verdict = ctx.verdicts[i]
    return (_stamp(ctx, i) or ctx.lines.has("teaser_byline", i)
            or (ctx.decided(i) and verdict is not None and verdict.rule in STAMP_RULES))


# A teaser's snippet, the line between its headline and its stamp, is at most this many words (a site's
# teaser shows a sentence or two; a longer line is the article's own paragraph).
SNIPPET_WORDS = 50


def _item_start(ctx: Context, stamp: int) -> int:
    """The first line of the teaser item whose stamp is line `stamp`: its headline (a heading), and the lines
    between: headings or cut-off lines ('…'), or one snippet under the headline."""
    lines, start = ctx.lines, stamp
    while start > 0 and stamp - start < 3 and not ctx.decided(start - 1) and (
        lines.heading[start - 1] or lines.ellipsis[start - 1]
    ):
        start -= 1
    snippet = start - 1
    if (start == stamp and snippet > 0 and not ctx.decided(snippet) and lines.words[snippet] <= SNIPPET_WORDS
            and lines.heading[snippet - 1] and not ctx.decided(snippet - 1)):
        start = snippet - 1  # headline, snippet, stamp: the item's shape in the run
    return start


def _stamp(ctx: Context, i: int) -> bool:
    """Whether line i is a teaser item's stamp: a time or duration, a live blog's stamp ('LIVE', '12:40') or a
    short line that gives a date ('3 May 2024 · Politics')."""
    lines = ctx.lines
    return (is_marker(ctx, i) or lines.has("live_stamp", i)
            or (lines.words[i] <= STAMP_WORDS and not lines.prose[i] and lines.date(i) is not None))


# A line giving a date is an item's stamp when it is this short ('Tuesday, 3 May 2024 · Politics': 6 words).
STAMP_WORDS = 8
