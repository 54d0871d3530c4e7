"""A photo caption read by its place: the short line right above a photo credit ('Photo: Jane Doe/Reuters',
'Bildquelle: dpa'), which the caption rule (lines.CaptionRule) read as a credit alone. A dump prints an image's
caption and then its credit; a caption with no word of its own that says so is known by the credit under it."""
from __future__ import annotations

import re

from ...document import Label, Verdict
from ..table import Lines
from .base import Context, ContextRule
from .patterns import concept

# A caption is one sentence of at most this many words ('Firefighters battle the blaze near the port on Sunday.');
# a longer line above a credit is the article's paragraph before an uncaptioned picture...
CAPTION_WORDS = 20
# ... and at least this many: a word or two above a credit is a label or a name, no caption.
CAPTION_MIN_WORDS = 4
# A sentence ending inside the line, another opening after it: a caption is one sentence.
_SENTENCE_INSIDE = re.compile(r"\w[.!?]\s+[\"“‘«]?[A-ZÀ-Ý]")
# What follows a photo label ('Photo: …') is a credit, not a caption, when it is this short and no sentence.
CREDIT_WORDS = 8
# The rule that reads photo credits (lines.CaptionRule) and the concepts it reads them by.
CREDIT_RULE = "meta.caption"
CREDIT_CONCEPTS = ("caption_prefix", "caption_credit")


class CaptionAboveCreditRule(ContextRule):
    """The line above a photo credit, shaped as a caption: moved to metadata as the image's caption."""

    id = "meta.caption_above_credit"
    reason = "photo caption: a short line right above a photo credit line"
    label = Label.METADATA

    def evaluate(self, ctx: Context) -> dict[int, Verdict]:
        lines, out = ctx.lines, {}
        for i in sorted({i for name in CREDIT_CONCEPTS for i in lines.lines_with(name)}):
            if not _credit_alone(ctx, i) or i == 0 or ctx.decided(i - 1) or not caption_shape(lines, i - 1):
                continue
            out[i - 1] = self.verdict({"credit": lines.text[i][:60], "words": lines.words[i - 1]},
                                      {"image_caption": lines.text[i - 1]})
        return out


def _credit_alone(ctx: Context, i: int) -> bool:
    """Whether line i is a photo credit with no caption of its own: the caption rule read a credit and nothing else,
    or, after a label such as 'Photo:', a few words with no sentence end (a name, an agency: 'Photo: Jane Doe/AFP')."""
    verdict = ctx.verdicts[i]
    if verdict is None or verdict.rule != CREDIT_RULE or ctx.lines.words[i] < 2:
        return False
    label, _, rest = ctx.lines.folded[i].partition(":")
    if rest and concept("source_label").match(label.strip(" (")) and not concept("agency").match(rest.strip(" .)")):
        return False  # 'Source: statista.com' names where figures come from; 'Quelle: dpa' is an agency's picture
    caption = verdict.facts.get("image_caption", "").rstrip(" )")
    if not caption:
        return bool(verdict.facts.get("image_credit"))
    return "image_credit" not in verdict.facts and len(caption.split()) <= CREDIT_WORDS and not caption.endswith(
        (".", "!", "?"))


def caption_shape(lines: Lines, i: int) -> bool:
    """Whether line i reads as a caption: one sentence of CAPTION_MIN_WORDS to CAPTION_WORDS words, opening with a
    capital and closing with a full stop (no question, call, list entry or paragraph of several sentences)."""
    text = lines.text[i].rstrip()
    return (CAPTION_MIN_WORDS <= lines.words[i] <= CAPTION_WORDS and text[:1].isupper() and text.endswith(".")
            and not lines.ellipsis[i] and _SENTENCE_INSIDE.search(text) is None)
