"""Per-block features, computed once per block and shared by every rule and the model."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..document import Block
from .rules.patterns import concepts, prepare

_WORD = re.compile(r"\w+", re.UNICODE)
# Han, kana and hangul: written without spaces, so a clause is one \w+ run; count characters instead.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
# About two CJK characters make a word's worth of content (average Chinese word length is ~1.5-2).
CJK_CHARS_PER_WORD = 2
_TERMINAL = tuple(".!?;。！？")
_CLOSERS = "\"'”’»)]"
_NAME_TOKEN = re.compile(r"^(?:[A-ZÀ-Ý][\w'’.-]*|de|van|von|der|da|di|la|le|du|bin|al|del|dos)$")

# Thresholds below come from reading the seeds and the Readability dumps: body sentences in news
# prose average 20-30 words; headlines and nav lines rarely pass 12; 8 words with a final stop
# is where a line reads as a sentence rather than a label.
_CONCEPTS = concepts()
PROSE_MIN_WORDS = 8
PROSE_ANY_WORDS = 25
HEADING_MAX_WORDS = 20
# Headlines are often questions; a question reads as body prose only when it is sentence-long.
QUESTION_PROSE_WORDS = 15


@dataclass
class Features:
    """What rules need to know about one block; pattern matches are computed on first use."""

    text: str
    words: int
    chars: int
    ends_terminal: bool
    ends_ellipsis: bool
    heading_like: bool
    prose: bool
    name_like: bool
    folded: str = ""
    _matches: dict = field(default_factory=dict, repr=False)

    def match(self, name: str) -> re.Match[str] | None:
        """The match of pattern concept `name` on this block (cached per block)."""
        try:
            return self._matches[name]
        except KeyError:
            found = self._matches[name] = _CONCEPTS[name].match_prepared(self.text, self.words, self.folded)
            return found

    def has(self, name: str) -> bool:
        """Whether pattern concept `name` matches this block."""
        return self.match(name) is not None


def count_words(text: str) -> int:
    """Words in `text`: \\w+ runs, with runs of CJK characters counted per character pair."""
    cjk = len(_CJK.findall(text))
    if not cjk:
        return len(_WORD.findall(text))
    return len(_WORD.findall(_CJK.sub(" ", text))) + max(1, cjk // CJK_CHARS_PER_WORD)


def compute(block: Block) -> Features:
    """The features of one block."""
    text = prepare(block.text)
    words = count_words(text)
    core = text.rstrip(_CLOSERS)
    ellipsis = core.endswith(("...", "…", ". . ."))
    terminal = core.endswith(_TERMINAL) and not ellipsis
    question = core.endswith(("?", "？"))
    prose = ((words >= PROSE_MIN_WORDS and terminal and (not question or words >= QUESTION_PROSE_WORDS))
             or (words >= PROSE_ANY_WORDS and not ellipsis))
    heading = (0 < words <= HEADING_MAX_WORDS and not prose and not ellipsis
               and not core.endswith((".", ";", ",", ":")))
    tokens = text.split()
    name_like = (
        2 <= len(tokens) <= 5
        and len(text) <= 50
        and not any(ch.isdigit() for ch in text)
        and all(_NAME_TOKEN.match(t.strip(",")) for t in tokens)
        and tokens[0][0].isupper()
    )
    return Features(text, words, len(text), terminal, ellipsis, heading, prose, name_like, text.casefold())


def compute_all(blocks: list[Block]) -> list[Features]:
    """Features of every block, in order."""
    return [compute(b) for b in blocks]
