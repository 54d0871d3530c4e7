"""Gather metadata from what the rules moved out of the body, and the dateline from the body."""
from __future__ import annotations

from urllib.parse import urlsplit

from .document import Block, Decision, Label, Metadata
from .features import Features
from .language import guess_language
from .rules.lines import is_agency


def from_decisions(blocks: list[Block], decisions: list[Decision]) -> Metadata:
    """Metadata from the facts of blocks moved into metadata, first occurrence of a field winning."""
    meta = Metadata()
    seen: set[str] = set()  # the authors listed so far (a set: a page of bylines stays linear)
    for decision in decisions:
        final = decision.final
        if final is None or final.label is not Label.METADATA:
            continue
        for key, value in final.facts.items():
            if not value:
                continue
            if key == "authors":
                for name in value.split("; "):
                    if name not in seen:
                        seen.add(name)
                        meta.authors.append(name)
            elif getattr(meta, key, None) is None and hasattr(meta, key):
                setattr(meta, key, value)
    if meta.author and meta.author not in meta.authors:
        meta.authors.insert(0, meta.author)
    if meta.authors and not meta.author:
        meta.author = meta.authors[0]
    return meta


def dateline(features: list[Features], decisions: list[Decision]) -> tuple[str | None, str | None]:
    """The dateline place ('OTTAWA') and agency of the first body paragraph, if it opens with one."""
    for feats, decision in zip(features, decisions):
        if decision.removed:
            continue
        found = feats.match("dateline")
        if not found:
            return None, None
        place = found["place"].strip(" ,.-–—")
        if not place or len(place) < 2:
            return None, None
        agency = (found.groupdict().get("agency") or "").strip() or None
        return place, agency if agency and is_agency(agency) else None
    return None, None


def gather(blocks: list[Block], features: list[Features], decisions: list[Decision], body: str,
           url: str | None = None, base: Metadata | None = None) -> Metadata:
    """All metadata of a document: `base` (e.g. from HTML) first, then facts found in the text."""
    meta = base or Metadata()
    meta.fill(from_decisions(blocks, decisions))
    place, agency = dateline(features, decisions)
    meta.dateline = meta.dateline or place
    meta.publisher = meta.publisher or agency
    if url:
        meta.url = meta.url or url
        meta.hostname = meta.hostname or (urlsplit(url).hostname or None)
    meta.language = meta.language or guess_language(body)
    return meta
