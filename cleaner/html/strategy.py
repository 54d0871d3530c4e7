"""Extraction per page type: on a forum the posts are the content, on a listing the run of cards, on a
service page the sections its markup names as asides, on a documentation page the steps written as links;
a product page's body is its own block, not the reviews and menus beside it. Each strategy takes back
blocks the fusion dropped (or, on a product page, leaves out some it took), as a rule of its own
(TYPE_RULES), so `explain` says why: "page read as forum: posts kept".

Articles keep the fusion's choices unchanged.
"""
from __future__ import annotations

from ..document import Label
from .choose import LINK_LIST_DENSITY, OWN_RULES, RECOVER_MAX_LINK_DENSITY, Choice
from .dom import DomBlock

TYPE_RULES = {
    "dom.type_forum": "page read as forum: posts kept (blocks of the thread, and prose beside the first post)",
    "dom.type_listing": "page read as listing: the run of cards kept (link-only teasers and titles)",
    "dom.type_collection": "page read as collection: the cards kept (link-only titles, and plain text named as asides)",
    "dom.type_service": "page read as service page: its sections kept (plain text named as asides)",
    "dom.type_documentation": "page read as documentation: link-only lines kept (steps, headings and references "
                              "written as links)",
    "dom.type_product": "page read as product page: prose beside the product's block left out (reviews, menus)",
}
# The strategies are rules of this stage like the fusion's: OWN_RULES names them for the catalogue and `explain`.
OWN_RULES.update(TYPE_RULES)
# A post beside the first one is prose of its own: at least this many words (a sentence or two), mostly
# plain text (RECOVER_MAX_LINK_DENSITY). Shorter blocks outside the article on a forum page are mostly
# handles, counters and buttons (wcxb-dev forum pages: 72% of the words of such blocks of 20 words or more
# were the gold body's, against under 60% for the shorter ones).
POST_MIN_WORDS = 20
# A card outside the article is a link-only block of a few words (a title), not a lone menu label.
CARD_MIN_WORDS = 6


def _concepts(block: DomBlock) -> frozenset[str]:
    """Every furniture concept named on the block's ancestors."""
    return frozenset().union(*(names for _, names in block.marks))


def _post(block: DomBlock, choice: Choice) -> bool:
    """A forum post the fusion dropped: plain text of the thread, or prose outside the article with no
    furniture name but the thread's."""
    if block.link_density >= RECOVER_MAX_LINK_DENSITY:
        return False
    if choice.rule == "dom.comments":
        return True
    return choice.rule == "dom.outside" and block.words >= POST_MIN_WORDS and _concepts(block) <= {"comments"}


def _card(block: DomBlock, choice: Choice) -> bool:
    """A card of a listing: a link-only block the fusion dropped, or a link-only title outside the article
    that no furniture name covers."""
    if choice.rule in ("dom.link_only", "dom.link_list"):
        return True
    return (choice.rule == "dom.outside" and block.link_density >= LINK_LIST_DENSITY
            and block.words >= CARD_MIN_WORDS and not block.marks)


def _section(block: DomBlock, choice: Choice) -> bool:
    """A section of a page named as an aside (class 'sidebar', 'related'...) that is plain text."""
    return choice.rule == "dom.related" and block.link_density < RECOVER_MAX_LINK_DENSITY


def _linked(block: DomBlock, choice: Choice) -> bool:
    """A link-only block the fusion dropped as a link list or a teaser."""
    return choice.rule in ("dom.link_only", "dom.link_list")


def _collection(block: DomBlock, choice: Choice) -> bool:
    """A collection's card (link-only) or section (plain text named as an aside)."""
    return _linked(block, choice) or _section(block, choice)


def _beside(block: DomBlock, choice: Choice) -> bool:
    """Prose the fusion took from beside the article's container."""
    return choice.rule == "dom.prose_nearby"


STRATEGIES = {
    "forum": ("dom.type_forum", _post, True),
    "listing": ("dom.type_listing", _card, True),
    "collection": ("dom.type_collection", _collection, True),
    "service": ("dom.type_service", _section, True),
    "documentation": ("dom.type_documentation", _linked, True),
    "product": ("dom.type_product", _beside, False),
}
"""Per type: the rule, which blocks it decides, and whether it keeps them (else leaves them out)."""


def apply(page_type: str | None, blocks: list[DomBlock], choices: list[Choice]) -> None:
    """Keep the blocks the page type's strategy takes back, or leave out those it drops (no change for a type
    without one). A strategy reworks a body the fusion found; on a page where it found none (menus alone) it
    keeps none."""
    if page_type not in STRATEGIES or not any(c.keep for c in choices):
        return
    rule, wanted, keep = STRATEGIES[page_type]
    for i, (b, c) in enumerate(zip(blocks, choices)):
        if c.keep != keep and wanted(b, c):
            choices[i] = Choice(keep, rule, TYPE_RULES[rule], Label.BODY if keep else Label.BOILERPLATE,
                                c.in_trafilatura)
