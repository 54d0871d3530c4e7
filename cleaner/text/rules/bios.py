"""A writer's bio after the article, told by the name it opens with: read once the model has spoken."""
from __future__ import annotations

import re

from ...document import Label, Verdict
from ..names import has_given_name
from .base import Context, ContextRule

# A sentence opening with a person's name and going on in lower case ('Anna Kowalski leitet das Ressort …').
_NAMED = re.compile(r"(?P<name>[A-ZÀ-Ý][\w'’.-]+(?:\s+(?:[A-ZÀ-Ý][\w'’.-]+|de|van|von|der|da|di|del|dos|la|le)){1,3})"
                    r"\s+(?=[a-zà-ÿ])")
# A removed name line or bio heading counts as the bio's own when it stands at most this many lines above it.
NEAR = 4
# A story's writers with a bio each, at most; and the body above them is at least twice as long as their bios.
MAX_BIOS = 2
# A person's name line is at most this many words ('Anna de Vries', 'Angela Holliday-Bell, MD').
PERSON_WORDS = 3


class NamedBioRule(ContextRule):
    """A bio paragraph under its writer's name ('Pia Lindqvist' / 'Pia Lindqvist schreibt seit 2015 …', 'Pia has
    covered …') or under a bio heading ('Über den Autor' / 'Pia Lindqvist leitet …'), after the body: fewer body
    words follow it than precede it, and the next line is no prose of the body. Such a pair inside the body, more
    than MAX_BIOS of them or more bio words than half the body above them make the document a list of people or
    things each under its name (a listicle), and no line goes. It runs after the model, which decides where the body
    ends; the lines between the name and the bio are out of the body already (so cleaning the cleaned text
    finds the same pairs)."""

    id = "bio.named"
    reason = "author bio under the writer's name or a bio heading, after the article: moved to metadata"
    label = Label.METADATA

    def evaluate(self, ctx: Context) -> dict[int, Verdict]:
        lines, taken = ctx.lines, ctx.taken
        kept = [0 if taken[i] else lines.words[i] for i in range(len(ctx))]
        left = sum(kept)
        before = 0
        found: list[tuple[int, int]] = []
        for i in range(len(ctx)):
            left -= kept[i]
            if not taken[i] and lines.prose[i]:
                anchor = self._anchor(ctx, i)
                if anchor is not None:
                    if left >= before:  # a name and its paragraph inside the body: a list of such items
                        return {}
                    if i + 1 == len(ctx) or taken[i + 1] or not lines.prose[i + 1]:  # no more prose of its own
                        found.append((i, anchor))
            before += kept[i]
        if not found or len(found) > MAX_BIOS or 2 * sum(lines.words[i] for i, _ in found) > sum(kept[:found[0][0]]):
            return {}  # more bios than a story's writers, or more bio than story: entries of a list
        out: dict[int, Verdict] = {}
        for i, anchor in found:
            verdict = self.verdict({"anchor": lines.text[anchor][:60], "words": lines.words[i]},
                                   {"author_bio": lines.text[i]})
            out[i] = verdict
            if not taken[anchor]:
                out[anchor] = verdict
        return out

    @staticmethod
    def _anchor(ctx: Context, i: int) -> int | None:
        """The line above line i that names its writer (a name line it opens with, in full or by the given
        name) or heads a bio (followed by a person's name), with only removed lines between; else None."""
        lines = ctx.lines
        text = lines.text[i]
        j = i - 1
        while j >= 0:
            decided = ctx.decided(j)
            if not decided or i - j <= NEAR:  # the cheap column tests first: most lines are no name line
                if lines.name_like[j] and _opens_with(text, lines.text[j]) and _person(lines.text[j]):
                    return j
                if lines.has("bio_heading", j):
                    opened = _NAMED.match(text)
                    if opened is not None and has_given_name(opened["name"]):
                        return j
            if not decided:
                return None
            j -= 1
        return None


def _person(line: str) -> bool:
    """Whether a name line names a person: up to PERSON_WORDS words, the first a known given name."""
    return len(line.split()) <= PERSON_WORDS and has_given_name(line)


def _opens_with(text: str, name: str) -> bool:
    """Whether `text` opens with the person `name`, in full or by its given name, and goes on in lower case."""
    given = name.split()[0]
    for start in (name, given):
        if text.startswith(start + " ") and text[len(start) + 1:len(start) + 2].islower():
            return True
    return False
