"""Cue-and-shape rules: a line holding a class's cue word (pattern data `*_cue`: donate, subscriber, affiliate
link...) that also has the shape of page furniture is removed. The cue says what a line is about; the shape says
it is the site's call or notice, not a sentence of the article: a short call opening with the cue ('Jetzt
spenden', 'Abonnez-vous'), a short label, a line in the site's own voice (data `voice.toml`: site_voice, we, our;
page_reference, this article, these links) or a short one to the reader (reader_address, you). A quoted line is someone's
words, never the site's. The voice words are word lists read on the cue's lines only (they stand in most lines: the
document scan would report every one)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ...document import Verdict
from ..table import Lines
from ...data import load_toml
from .base import PatternRule

# A call opens with its cue (at most this many words before it: 'Please donate') and is at most CALL_WORDS long.
OPENING_WORDS = 1
CALL_WORDS = 6
# A label holding a cue anywhere (a box's heading, a button): at most this many words, no sentence end. A call or
# label opening with a list number ('15. Donation apps') is an entry of the article's list.
LABEL_WORDS = 6
_LISTED = re.compile(r"\d{1,3}[.)]\s")
# A line in the site's voice is a notice up to this many words; a longer one is a paragraph of the article.
VOICE_WORDS = 20
# A line addressed to the reader ('You have 3 free articles left') is a prompt up to this many words.
ADDRESS_WORDS = 12
# Quotation marks: a line holding one reports someone's words.
_QUOTED = re.compile("[\"“”„«»]")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, eq=False)
class CueRule(PatternRule):
    """A line holding concept `concept_name` (the cue) with the shape of furniture (see the module's docstring)."""

    def evaluate(self, lines: Lines, i: int) -> Verdict | None:
        found = lines.match(self.concept_name, i)
        if found is None:
            return None
        shape = furniture_shape(lines, i, found.start())
        if shape is None:
            return None
        return self.verdict({"cue": found.group(0)[:40], "shape": shape, "words": lines.words[i]})


def furniture_shape(lines: Lines, i: int, cue_at: int) -> str | None:
    """How line i, holding its first cue at character `cue_at`, reads as furniture: 'call' (the cue opens a short
    line that is no sentence of prose), 'label' (a short line with no sentence end), 'voice' (a short line in the
    site's own voice), 'addressed' (a short line to the reader); None when it reads as article text (or quotes
    someone)."""
    text, words = lines.text[i], lines.words[i]
    if _QUOTED.search(text):
        return None
    listed = _LISTED.match(text) is not None
    if (words <= CALL_WORDS and not lines.prose[i] and not listed
            and len(_WORD.findall(text, 0, cue_at)) <= OPENING_WORDS):
        return "call"
    if words <= LABEL_WORDS and lines.heading[i] and not listed:
        return "label"
    if words <= VOICE_WORDS and (_says(lines, i, "site_voice") or _says(lines, i, "page_reference")):
        return "voice"
    if words <= ADDRESS_WORDS and _says(lines, i, "reader_address"):
        return "addressed"
    return None


def _says(lines: Lines, i: int, name: str) -> bool:
    """Whether line i holds a word (or, for page_reference, a phrase) of list `name` of voice.toml."""
    if name == "page_reference":
        return _phrases().search(lines.folded[i]) is not None
    words = _WORD.findall(lines.text[i])
    listed = _words(name)
    if any(w.lower() in listed and not (len(w) == 2 and w.isupper()) for w in words):
        return True
    return name == "reader_address" and not _words("reader_address_polite").isdisjoint(words[1:])


@lru_cache(maxsize=4)
def _words(name: str) -> frozenset[str]:
    """The words of a list of voice.toml, every language's."""
    return frozenset(word for words in load_toml("voice.toml")[name].values() for word in words)


@lru_cache(maxsize=1)
def _phrases() -> re.Pattern[str]:
    """The page's words for itself (voice.toml: page_reference), as one search of a casefolded line."""
    return re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(_words("page_reference"), key=len, reverse=True)))
                      + r")\b")


CUE_RULES: tuple[CueRule, ...] = (
    CueRule("promo.donation_cue", "donation_cue",
            "appeal for donations or membership: a donation cue word in a short call or a line in the site's voice"),
    CueRule("promo.paywall_cue", "paywall_cue",
            "paywall prompt: a subscription or access cue word in a short call or a line in the site's voice"),
    CueRule("notice.affiliate_cue", "affiliate_cue",
            "affiliate disclosure: a cue word for earning from links in a short call or a line in the site's voice"),
)
