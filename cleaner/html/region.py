"""Region choice on sidebar-heavy pages: when the fusion's body is a list of short linked items (a blogroll
such as 'Link Love', a list of tour dates) and the readability-style scorer's node, apart from it, is a run
of prose paragraphs, the prose run is the article and the list the sidebar trafilatura took for it."""
from __future__ import annotations

from ..document import Label
from . import dom_score
from .choose import OWN_RULES, PROSE_CHARS, RECOVER_MAX_LINK_DENSITY, Choice, Layout
from .dom import DomBlock, Page
from .fallback import MIN_DENSITY, readability_choices

PROSE_RUN_RULE = "dom.prose_run"
OWN_RULES[PROSE_RUN_RULE] = ("cleaner's own body was a list of short linked items (a sidebar) and the readability-"
                             "style scorer's article node, apart from it, a run of prose paragraphs: that node's "
                             "text used instead")
# A list: at least LIST_MIN_ITEMS blocks, none of them a prose paragraph, and at least LINKED_SHARE of them
# holding a link (each entry of a blogroll or a list of dates links somewhere). First choices, not tuned.
LIST_MIN_ITEMS = 4
LINKED_SHARE = 0.5
# A run of prose: at least RUN_MIN_PARAGRAPHS paragraphs of RUN_PARAGRAPH_CHARS characters (two sentences of
# news prose, some 25 words) with little link text: three make a text of its own, not a teaser with a blurb.
# First choices, not tuned.
RUN_MIN_PARAGRAPHS = 3
RUN_PARAGRAPH_CHARS = 140


def _prose(block: DomBlock, chars: int = PROSE_CHARS) -> bool:
    """A paragraph of `chars` characters or more (by default jusText's length_high), mostly plain text."""
    return len(block.text) >= chars and block.link_density <= RECOVER_MAX_LINK_DENSITY


def item_list(blocks: list[DomBlock]) -> bool:
    """Whether a body is a list of short linked items: no prose paragraph, most of its blocks with a link."""
    return (len(blocks) >= LIST_MIN_ITEMS and not any(_prose(b) for b in blocks)
            and sum(1 for b in blocks if b.link_chars) >= LINKED_SHARE * len(blocks))


def prose_run(page: Page, kept: list[bool], where: Layout, choices: list[Choice],
              path: str) -> tuple[list[Choice], str]:
    """The fusion's choices and path, or the scorer's node as the body (rule dom.prose_run) when the fusion kept
    a list of short linked items and the node, holding none of it, is a run of prose (RUN_MIN_PARAGRAPHS)."""
    own = [b for b, c in zip(page.blocks, choices) if c.keep]
    if path != "dom.fusion" or not item_list(own):
        return choices, path
    found = dom_score.best(page)
    if found is None or found.density < MIN_DENSITY or any(found.inside[b.index] for b in own):
        return choices, path
    scored = readability_choices(page, kept, where, found)
    if scored is None or sum(1 for b, c in zip(page.blocks, scored)
                             if c.keep and _prose(b, RUN_PARAGRAPH_CHARS)) < RUN_MIN_PARAGRAPHS:
        return choices, path
    reason = OWN_RULES[PROSE_RUN_RULE]
    return [Choice(True, PROSE_RUN_RULE, reason, Label.BODY, c.in_trafilatura) if c.keep else c for c in scored], \
        PROSE_RUN_RULE
