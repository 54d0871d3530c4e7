"""A figure's caption and its image credit, told apart: by the DOM first (an element inside the caption
named as the credit: 'caption-credit', itemprop 'copyrightHolder'), then by the text (the agency and
photographer shapes the text rules read: 'Name/Reuters', '(AP Photo/…)', 'Photo by …')."""
from __future__ import annotations

from functools import lru_cache

from lxml.html import HtmlElement

from ..data import load_toml
from ..document import Block
from ..text.rules.lines import CaptionRule
from ..text.table import Lines
from . import dom_score
from .dom import DomBlock, element_concepts, tokens

# A caption that is (almost) all link text names a page the image links to (a product, another article, the
# file's page), not what the image shows: it gives no image_caption. The fusion's link-list bound.
LINK_ONLY_SHARE = 0.8
_CAPTION_RULE = CaptionRule()
# What is left around a caption once its credit is taken out of it.
_SEPARATORS = " |–—-·•,;("


@lru_cache(maxsize=1)
def credit_words() -> frozenset[str]:
    """Class/id/itemprop words of a credit inside a caption (data/dom.toml [credit])."""
    data = load_toml("dom.toml")
    return frozenset(data["credit"]["words"])


def names_credit(el: HtmlElement) -> bool:
    """Whether the element's class, id or itemprop names an image credit."""
    value = " ".join(el.get(name) or "" for name in ("class", "id", "itemprop"))
    return bool(value.strip()) and not credit_words().isdisjoint(tokens(value))


def _spaced(el: HtmlElement) -> str:
    """The element's text with its pieces spaced ('Credit' and 'Kirsten Luce' in two spans read apart)."""
    return " ".join(" ".join(piece.split()) for piece in el.itertext() if piece.strip())


def _credit_elements(el: HtmlElement) -> list[HtmlElement]:
    """The outermost elements below `el` named as a credit."""
    found: list[HtmlElement] = []
    for d in el.iterdescendants():
        if isinstance(d.tag, str) and names_credit(d) and not any(f in d.iterancestors() for f in found):
            found.append(d)
    return found


def _named_credit(chain: tuple[HtmlElement, ...]) -> bool:
    """Whether the deepest element of the chain named as a caption or a credit names a credit (a
    'caption-credit' inside a 'caption'; a caption inside a 'photo-credit' wrapper stays a caption)."""
    for el in reversed(chain):
        if names_credit(el):
            return True
        if "caption" in element_concepts(el):
            return False
    return False


def _link_share(el: HtmlElement, text: str) -> float:
    """Share of the block's characters inside links (whitespace around them not counted)."""
    inside = sum(len(" ".join(a.text_content().split())) for a in el.iter("a"))
    return inside / len(text) if text else 0.0


def split(block: DomBlock) -> tuple[str | None, str | None]:
    """(caption, credit) of a block the DOM moved out as a caption; either may be None. A caption that is all
    link text is neither: it names a page the image links to, not what it shows."""
    if not block.chain:
        return block.text, None
    el = block.chain[dom_score.block_element(block.chain)]
    inner = _credit_elements(el)
    if inner:
        text = block.text
        for d in inner:
            text = text.replace(" ".join(d.text_content().split()), " ", 1)
        caption = " ".join(text.split()).strip(_SEPARATORS + ":")
        return caption or None, " ".join(c for c in (_spaced(d) for d in inner) if c) or None
    found = _text_credit(block.text)
    if found is not None:
        return found
    start = min((d for d, names in block.marks if "caption" in names), default=len(block.chain))
    if _named_credit(block.chain[start - 1:]):
        return None, _spaced(el) or block.text
    if _link_share(el, block.text) >= LINK_ONLY_SHARE:
        return None, None
    return block.text, None


def _text_credit(text: str) -> tuple[str | None, str] | None:
    """(caption, credit) when the text ends with a credit in a shape the text rules know ('… Anna Weber/dpa',
    '… | Photo by …'); the caption is the text before it, or None when that is a label ('Image Credit:') or
    more of the credit."""
    verdict = _CAPTION_RULE.evaluate(Lines.of([Block(0, 0, text, 0)]), 0)
    credit = verdict.facts.get("image_credit") if verdict is not None else None
    if not credit or credit not in text:
        return None
    caption = text[:text.rindex(credit)].rstrip(_SEPARATORS)
    if caption.endswith((":", "/")):  # a label, or more of the credit ('Name/Digital Vision/Getty Images')
        return None, text
    return caption or None, credit
