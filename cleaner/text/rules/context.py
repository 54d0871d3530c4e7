"""Context rules: decisions that need a block's neighbours (sections, runs, repeats, the head)."""
from __future__ import annotations

import re

from ...document import Label, Verdict
from ..table import PROSE_MIN_WORDS
from .base import Context, ContextRule


class RepeatedRule(ContextRule):
    """Runs of lines printed twice in one document (sidebars, bios and addresses shown twice)."""

    id = "repeated.block"
    reason = "block of short lines repeated within the document (page furniture printed twice)"
    also_emits = {"repeated.copy": "second copy of text already printed above"}
    # A single repeated line needs this many words to count (one-word labels repeat innocently).
    MIN_SINGLE_WORDS = 3
    # A line occurring more often than this is treated as furniture by other rules; bound the work.
    MAX_POSITIONS = 16

    def evaluate(self, ctx: Context) -> dict[int, Verdict]:
        # Runs are read over the lines still in the body, so removing other boilerplate first (or in an
        # earlier cleaning pass) cannot join two short repeats into one longer run.
        open_lines = [i for i, out in enumerate(ctx.taken) if not out]
        folded = ctx.lines.folded  # a line as compared for repeats: casefolded, spaces collapsed, bullets trimmed
        norm = [folded[i] for i in open_lines]
        first: dict[str, int] = {}
        where: dict[str, list[int]] = {}  # the positions of each line that repeats (a line alone makes no run)
        for pos, key in enumerate(norm):
            if not key:
                continue
            seen = first.setdefault(key, pos)
            if seen != pos:
                positions = where.get(key)
                if positions is None:
                    where[key] = [seen, pos]
                elif len(positions) < self.MAX_POSITIONS:
                    positions.append(pos)
        out: dict[int, Verdict] = {}
        for positions in sorted(where.values()):  # in the order the lines first stand (a line's first verdict stays)
            for a_pos, i in enumerate(positions):
                for j in positions[a_pos + 1:]:
                    if i > 0 and norm[i - 1] == norm[j - 1] and i - 1 != j - 1:
                        continue  # not the start of a maximal run
                    length = 1
                    while i + length < j and j + length < len(norm) and norm[i + length] == norm[j + length]:
                        length += 1
                    if length == 1 and _opens_text(ctx, open_lines, i) and _opens_text(ctx, open_lines, j):
                        continue  # a subheading, table header or lead-in used twice, each copy over its own text
                    self._judge(ctx, open_lines[i:i + length], open_lines[j:j + length], out)
        return out

    def _judge(self, ctx: Context, first: list[int], second: list[int], out: dict[int, Verdict]) -> None:
        """Take the repeated run `first` and its copy `second` (of prose, the second copy only); of a single line,
        not a copy that heads a section of the article's text while the other is an entry of a list of them."""
        lines = ctx.lines
        prose = any(lines.prose[k] for k in first)
        if all(k in out for k in second) and (prose or all(k in out for k in first)):
            return  # (a line keeps its first verdict: a pair of copies already taken changes nothing)
        evidence = {"lines": len(first), "first_line": ctx.blocks[first[0]].line_no,
                    "repeat_line": ctx.blocks[second[0]].line_no}
        if prose:
            copy = Verdict("repeated.copy", Label.BOILERPLATE, self.also_emits["repeated.copy"], evidence, self.stage)
            for k in second:  # keep the first copy of prose: it may be the body itself
                out.setdefault(k, copy)
            return
        if len(first) == 1 and lines.words[first[0]] < self.MIN_SINGLE_WORDS and not (
                _next_to_removed(ctx, first[0]) and _next_to_removed(ctx, second[0])):
            return  # a short label repeats innocently, unless both copies sit against removed furniture
        spare = _listed_heading(ctx, first[0], second[0]) if len(first) == 1 else None
        verdict = self.verdict(evidence)
        for k in (*first, *second):
            if k != spare:
                out.setdefault(k, verdict)


def _heads_section(ctx: Context, open_lines: list[int], pos: int) -> bool:
    """Whether the open line at `pos` is a short line directly over a line of prose (both still in the body):
    a heading of the article's text, where furniture printed twice sits among furniture or at the page's edge."""
    if pos + 1 >= len(open_lines):
        return False
    line, below = open_lines[pos], open_lines[pos + 1]
    return not ctx.lines.prose[line] and ctx.lines.prose[below] and not _next_to_removed(ctx, line)


def _opens_text(ctx: Context, open_lines: list[int], pos: int) -> bool:
    """Whether the open line at `pos` opens text of the article below it: a heading over prose (_heads_section),
    or a lead-in ending in a colon ('Here's a selection:', 'Das brauchen Sie dafür:') between a paragraph and a
    line still in the body, where furniture printed twice sits among furniture ('Reviewed by:' after a button)."""
    if _heads_section(ctx, open_lines, pos):
        return True
    if pos + 1 >= len(open_lines):
        return False
    line = open_lines[pos]
    return (line > 0 and ctx.lines.prose[line - 1] and open_lines[pos + 1] == line + 1
            and ctx.blocks[line].text.rstrip().endswith((":", "：")) and not _next_to_removed(ctx, line))


def _listed_heading(ctx: Context, i: int, j: int) -> int | None:
    """Of two copies of a line, the one that heads a section of the article's text when the other is an entry of a
    list of such lines (a table of contents printed at the top): that copy stays. None when neither is."""
    a, b = _section_head(ctx, i), _section_head(ctx, j)
    head, other = (i, j) if a > b else (j, i)
    return head if a != b and _in_list(ctx, other) else None


def _section_head(ctx: Context, i: int) -> int:
    """How much line i, as the page printed it, reads as the heading of a section of prose: 0 when it is no short
    line over a paragraph (the line below, taken out of the body or not, is prose, or a sentence-long line opening
    a list: 'For 2025, aim for content that:'), else 1, and 2 when a paragraph ends above it (a list entry has
    another entry above it)."""
    lines = ctx.lines
    if i + 1 >= len(ctx) or lines.prose[i]:
        return 0
    below = i + 1
    if not (lines.prose[below] or (lines.words[below] >= PROSE_MIN_WORDS
                                   and lines.text[below].rstrip().endswith((":", "：")))):
        return 0
    return 2 if i > 0 and lines.prose[i - 1] else 1


def _in_list(ctx: Context, i: int) -> bool:
    """Whether line i stands next to another short line, as the page printed it (an entry of a list)."""
    prose = ctx.lines.prose
    return not prose[i] and ((i > 0 and not prose[i - 1]) or (i + 1 < len(ctx) and not prose[i + 1]))


def _next_to_removed(ctx: Context, i: int) -> bool:
    """Whether a block directly above or below block i was taken out of the body already."""
    return (i > 0 and ctx.decided(i - 1)) or (i + 1 < len(ctx) and ctx.decided(i + 1))


_BIO_SUBJECT = re.compile(r"^(?P<name>[A-ZÀ-Ý][\w'’.-]+(?:\s+[A-ZÀ-Ý][\w'’.-]+){1,3})\s+(?:is|was|ist|war|est|es|fue|è|era|é|foi)\b")


class BioRule(ContextRule):
    """An author bio section: an 'Author' heading or 'View all posts' link with the name and bio."""

    id = "bio.section"
    reason = "author bio section: name and bio moved to metadata"
    label = Label.METADATA

    def _fits(self, ctx: Context, i: int) -> bool:
        lines = ctx.lines
        return (ctx.decided(i) or lines.has("bio_cue", i) or lines.has("posts_link", i) or lines.name_like[i]
                or lines.has("bio_heading", i) or lines.text[i].startswith("@"))

    def evaluate(self, ctx: Context) -> dict[int, Verdict]:
        sections: list[tuple[int, int]] = []
        n = len(ctx)
        # Last lines of the sections found under the previous heading and around the previous 'View all
        # posts' line: another heading or link inside one finds the same lines again (and a page of
        # them would take quadratic time).
        headed = linked = -1
        lines = ctx.lines
        for i in sorted({*lines.lines_with("bio_heading"), *lines.lines_with("posts_link")}):
            if lines.has("bio_heading", i) and not ctx.decided(i):
                if i <= headed:
                    continue
                end = i
                while end + 1 < n and self._fits(ctx, end + 1):
                    end += 1
                sections.append((i, end))
                headed = end
            elif lines.has("posts_link", i) and i > linked:
                start, end = i, i
                while start > 0 and self._fits(ctx, start - 1):
                    start -= 1
                while end + 1 < n and self._fits(ctx, end + 1):
                    end += 1
                sections.append((start, end))
                linked = end
        tail = n
        while tail > 0 and self._fits(ctx, tail - 1):
            tail -= 1
        if tail < n:
            sections.append((tail, n - 1))
        out: dict[int, Verdict] = {}
        for start, end in sections:
            cues = [k for k in range(start, end + 1) if lines.has("bio_cue", k)]
            if not cues and not any(lines.has("posts_link", k) for k in range(start, end + 1)):
                continue
            facts = self._facts(ctx, start, end, cues)
            verdict = self.verdict({"lines": end - start + 1, "bio_sentences": len(cues)}, facts)
            for k in range(start, end + 1):
                if not ctx.decided(k) or ctx.verdicts[k].rule == "bio.posts_link":  # type: ignore[union-attr]
                    out[k] = verdict
        return out

    @staticmethod
    def _facts(ctx: Context, start: int, end: int, cues: list[int]) -> dict[str, str]:
        facts: dict[str, str] = {}
        if cues:
            bio = ctx.lines.text[cues[0]]
            facts["author_bio"] = bio
            found = _BIO_SUBJECT.match(bio)
            if found:
                facts["author"] = found["name"]
        if "author" not in facts:
            names = [ctx.lines.text[k] for k in range(start, end + 1) if ctx.lines.name_like[k]]
            if names:
                facts["author"] = names[0]
        return facts


class AddressRule(ContextRule):
    """A standalone postal address block (theme placeholders such as a 'Physical Address' widget)."""

    id = "address.placeholder"
    reason = "standalone address / contact block, not article text"

    KINDS = ("street_line", "city_line", "contact_line", "address_heading")

    def _kind(self, ctx: Context, i: int) -> str | None:
        if ctx.decided(i) or ctx.lines.prose[i]:
            return None
        for name in self.KINDS:
            if ctx.lines.has(name, i):
                return name
        return None

    def evaluate(self, ctx: Context) -> dict[int, Verdict]:
        out: dict[int, Verdict] = {}
        after = 0  # a run starts only at a line of some kind, past the last run looked at
        for i in sorted({k for name in self.KINDS for k in ctx.lines.lines_with(name)}):
            if i < after:
                continue
            kinds: dict[int, str] = {}
            j = i
            while j < len(ctx):
                kind = self._kind(ctx, j)
                if kind:
                    kinds[j] = kind
                elif not (ctx.decided(j) and kinds):  # removed lines inside a run are looked through
                    break
                j += 1
            lines = {"street_line", "city_line"} & set(kinds.values())
            found = list(kinds.values())
            if len(found) >= 2 and (lines or found.count("contact_line") >= 2):
                verdict = self.verdict({"lines": len(found), "street_or_city_lines": sum(k in lines for k in found)})
                for k in kinds:
                    out[k] = verdict
            after = max(j, i + 1)
        return out


def _neighbour(ctx: Context, i: int, step: int) -> int | None:
    """The next block from i in direction `step` that is still in the body or is a TTS notice.

    Lines other rules removed are looked through, so a second cleaning pass sees the same neighbours.
    """
    k = i + step
    while 0 <= k < len(ctx) and ctx.decided(k) and not ctx.lines.has("tts_notice", k):
        k += step
    return k if 0 <= k < len(ctx) else None


class AudioDurationRule(ContextRule):
    """The duration shown next to a 'Listen to this article' player ('About 4 minutes')."""

    id = "audio.duration"
    reason = "audio player duration next to a text-to-speech notice"

    def evaluate(self, ctx: Context) -> dict[int, Verdict]:
        out: dict[int, Verdict] = {}
        for i in ctx.lines.lines_with("listen_duration"):
            if ctx.decided(i):
                continue
            near = [k for k in (_neighbour(ctx, i, -1), _neighbour(ctx, i, 1))
                    if k is not None and ctx.lines.has("tts_notice", k)]
            if near:
                out[i] = self.verdict({"next_to_line": ctx.blocks[near[0]].line_no})
        return out


def _leads_in(ctx: Context, i: int) -> bool:
    """Whether line i is a sentence leading into what follows ('… spannendes nah dran zum Thema:'): a
    sentence's length ending in a colon, which the heading fact does not see (a label's colon is trimmed)."""
    return ctx.lines.words[i] >= PROSE_MIN_WORDS and ctx.blocks[i].text.rstrip().endswith((":", "："))


class TitleRule(ContextRule):
    """Heading lines above the first body paragraph: the longest is the title, others the section."""

    id = "meta.title"
    reason = "title line above the article body moved to metadata"
    label = Label.METADATA
    also_emits = {"meta.section": "section label / kicker above the title"}

    def evaluate(self, ctx: Context) -> dict[int, Verdict]:
        lines = ctx.lines
        first = next((i for i in range(len(ctx)) if lines.prose[i] and not ctx.decided(i)), None)
        if first is None:
            return {}
        heads = [i for i in range(first) if not ctx.decided(i) and lines.words[i]]  # a wordless line is layout
        if not heads or not all(lines.heading[i] and not _leads_in(ctx, i) for i in heads):
            return {}
        dateless = [i for i in heads if lines.date(i) is None] or heads  # a date line is no headline
        title = max(reversed(dateless), key=lambda i: lines.words[i])
        out = {title: self.verdict({"words": lines.words[title], "heading_lines": len(heads)},
                                   {"title": lines.text[title]})}
        for i in heads:
            if i != title:
                facts = {"section": lines.text[i]} if i == title - 1 and lines.words[i] <= 5 else {}
                out[i] = Verdict("meta.section", Label.METADATA, self.also_emits["meta.section"],
                                 {"words": lines.words[i]}, self.stage, facts)
        return out
