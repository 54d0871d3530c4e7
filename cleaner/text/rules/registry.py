"""The list of heuristic rules, in the order they run."""
from __future__ import annotations

from .base import ContextRule, LineRule, Rule
from .bios import NamedBioRule
from .captions import CaptionAboveCreditRule
from .comments import CommentThreadRule
from .context import AddressRule, AudioDurationRule, BioRule, RepeatedRule, TitleRule
from .events import EventRule
from .layout import LoneNetworkRule, WordlessRule
from .lines import LINE_RULES
from .live import LiveStampRule
from .teasers import TeaserBlockRule, TeaserRunRule
from .toc import TableOfContentsRule


def line_rules() -> tuple[LineRule, ...]:
    """Context-free rules, in order: the first that fires on a line decides it. Those that read a line's place
    come first (a settle round asks only them again: decide.py)."""
    return LINE_RULES


if any(later.reads_place and not earlier.reads_place for earlier, later in zip(LINE_RULES, LINE_RULES[1:])):
    raise ValueError("a line rule that reads the line's place comes after one that reads its text alone")


def context_rules() -> tuple[ContextRule, ...]:
    """Context rules, in order: each sees what the rules before it decided (a table of contents goes before
    the title, whose heading lines above the body it would otherwise read as section labels; the comment
    thread comes after them: it takes back the dates and names that earlier rules moved into metadata from
    comments; a live blog's stamps go last, once the teaser and comment rules took the stamps that are theirs)."""
    return _CONTEXT


_CONTEXT: tuple[ContextRule, ...] = (
    AddressRule(), AudioDurationRule(), TeaserBlockRule(), TeaserRunRule(), CaptionAboveCreditRule(), BioRule(), TableOfContentsRule(),
    RepeatedRule(), TitleRule(), CommentThreadRule(), EventRule(), LiveStampRule(),
)


def final_rules() -> tuple[ContextRule, ...]:
    """Rules that run after every other stage, the learned model included: a line they judge by its place
    needs the final word on the lines around it (a bio after the body needs to know where the body ends)."""
    return _FINAL


_FINAL: tuple[ContextRule, ...] = (NamedBioRule(), WordlessRule(), LoneNetworkRule())


def all_rules() -> tuple[Rule, ...]:
    """Every heuristic rule."""
    return (*LINE_RULES, *_CONTEXT, *_FINAL)
