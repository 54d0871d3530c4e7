"""Extraction per page type: on a forum the posts are the content, on a listing the run of cards, on a
service page its sections (asides, paragraphs outside the article), on a documentation page the steps
written as links; a product page's body is its own block, not the reviews and menus beside it. Each
strategy takes back blocks the fusion dropped (or, on a product page, leaves out some it took), as a rule
of its own (TYPE_RULES), so `explain` says why: "page read as forum: posts kept".

Articles keep the fusion's choices unchanged.
"""
from __future__ import annotations

from ..document import Label
from .choose import LINK_LIST_DENSITY, OWN_RULES, RECOVER_MAX_LINK_DENSITY, Choice
from .dom import DomBlock

TYPE_RULES = {
    "dom.type_forum": "page read as forum: posts kept (blocks of the thread, and prose beside the first post)",
    "dom.type_listing": "page read as listing: the run of cards kept (link-only teasers and titles, post entries "
                        "named for their tags)",
    "dom.type_collection": "page read as collection: the cards and sections kept (link-only titles, plain text "
                           "named as asides, paragraphs outside the article)",
    "dom.type_service": "page read as service page: its sections kept (plain text named as asides, paragraphs "
                        "outside the article)",
    "dom.type_documentation": "page read as documentation: link-only lines kept (steps, headings and references "
                              "written as links)",
    "dom.type_product": "page read as product page: prose beside the product's block left out (reviews, menus)",
}
# The strategies are rules of this stage like the fusion's: OWN_RULES names them for the catalogue and `explain`.
OWN_RULES.update(TYPE_RULES)
# A post beside the first one is prose of its own: at least this many words (a sentence), mostly plain text
# (RECOVER_MAX_LINK_DENSITY); shorter blocks outside the article on a forum page are mostly handles, counters
# and buttons. 12 beat 6, 20 and 30 on wcxb-dev's forum pages of the training folds of every site fold (held
# out by site: 0.751 against 0.749, 0.747 and 0.739).
POST_MIN_WORDS = 12
# A section of a service page or a collection outside the article is a paragraph of its own: at least this
# many words (two sentences), mostly plain text, under no furniture name. 20 as for jusText's long paragraphs;
# on wcxb-dev's service and collection pages of the training folds of every site fold, taking such prose
# with the aside sections beat the aside sections alone (service 0.781-0.788 -> 0.787-0.796).
SECTION_MIN_WORDS = 20
# A collection the model also reads as a product page with this probability or more (a shop's category page)
# takes no paragraphs from outside the article: they are product blurbs. Offline on wcxb-dev's blocks with
# the held-out models' probabilities, the paragraphs gained collections 0.009 and lost product pages read as
# collections 0.004; the gate (0.1, 0.2 and 0.3 alike, chosen on all five folds' held-out pages) kept the
# gain and undid most of the loss.
SHOP_DOUBT = 0.1
# A card outside the article is a link-only block of a few words (a title), not a lone menu label.
CARD_MIN_WORDS = 6
# hAtom's class of one entry (a post), a microformat, no word of any language. A blog engine writes the post's
# tags and categories beside it ('hentry tag-sailing category-news'), which the fusion reads as a tag list's name
# ('tag'): on a listing such an entry is a card. Not on other pages, where the entries beside the article are
# teasers of other posts (whose names as a tag list happen to drop them).
ENTRY_CLASS = "hentry"


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


def _entry(block: DomBlock) -> bool:
    """Whether the block lies in a post entry (ENTRY_CLASS on an ancestor)."""
    return any(ENTRY_CLASS in (el.get("class") or "").split() for el in block.chain)


def _card(block: DomBlock, choice: Choice) -> bool:
    """A card of a listing: a link-only block the fusion dropped, text of a post entry dropped for its topics'
    names, or a link-only title outside the article that no furniture name covers."""
    if choice.rule in ("dom.link_only", "dom.link_list") or (choice.rule == "dom.meta" and _entry(block)):
        return True
    return (choice.rule == "dom.outside" and block.link_density >= LINK_LIST_DENSITY
            and block.words >= CARD_MIN_WORDS and not block.marks)


def _aside(block: DomBlock, choice: Choice) -> bool:
    """Plain text the page's markup names as an aside (class 'sidebar', 'related'...)."""
    return choice.rule == "dom.related" and block.link_density < RECOVER_MAX_LINK_DENSITY


def _section(block: DomBlock, choice: Choice) -> bool:
    """A section of the page: plain text named as an aside, or a paragraph outside the article under no
    furniture name."""
    return _aside(block, choice) or (choice.rule == "dom.outside" and block.words >= SECTION_MIN_WORDS
                                     and block.link_density < RECOVER_MAX_LINK_DENSITY and not block.marks)


def _linked(block: DomBlock, choice: Choice) -> bool:
    """A link-only block the fusion dropped as a link list or a teaser."""
    return choice.rule in ("dom.link_only", "dom.link_list")


def _collection(block: DomBlock, choice: Choice) -> bool:
    """A collection's card (link-only) or section."""
    return _linked(block, choice) or _section(block, choice)


def _shop_collection(block: DomBlock, choice: Choice) -> bool:
    """A shop's collection's card (link-only) or plain text named as an aside."""
    return _linked(block, choice) or _aside(block, choice)


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
# Text rules the page type turns off in the text stage: on a forum the replies under the first post are posts, not
# a reader-comment thread to take out of the body.
TYPE_TEXT_RULES_OFF = {"forum": ("comments.thread",)}


def apply(page_type: str | None, blocks: list[DomBlock], choices: list[Choice],
          scores: dict[str, float] | None = None) -> None:
    """Keep the blocks the page type's strategy takes back, or leave out those it drops (no change for a type
    without one). A strategy reworks a body the fusion found; on a page where it found none (menus alone) it
    keeps none. `scores` (each type's probability) tell a shop's collection from another (SHOP_DOUBT)."""
    if page_type not in STRATEGIES or not any(c.keep for c in choices):
        return
    rule, wanted, keep = STRATEGIES[page_type]
    if page_type == "collection" and (scores or {}).get("product", 0.0) >= SHOP_DOUBT:
        wanted = _shop_collection
    for i, (b, c) in enumerate(zip(blocks, choices)):
        if c.keep != keep and wanted(b, c):
            choices[i] = Choice(keep, rule, TYPE_RULES[rule], Label.BODY if keep else Label.BOILERPLATE,
                                c.in_trafilatura)
