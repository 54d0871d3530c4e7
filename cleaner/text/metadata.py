"""Gather a document's metadata: from the page (HTML), the metadata-line tagger, every block moved into
metadata by a rule or the model, and the dateline; then bring it to one normal form (README).

Nothing labelled metadata is dropped: each METADATA verdict lands in the field its rule or class names
(the first value of a field wins, authors accumulate), read by the tagger's class when the rule
names none.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from ..config import DEFAULT, Config
from ..document import Block, Decision, Label, Metadata, Verdict
from . import meta_tagger, title_choice
from .bylines import clean_authors, introduced, read_byline, read_handle
from .dates import normalize as normalize_date
from .dates import is_update_stamp, published_after_update, read_date
from .language import guess_language
from .meta_features import LineFacts
from .meta_header import FURNITURE, HEADER_LINES, article_header, header_byline, header_date, title_copies
from .names import is_agency
from .posters import asker, forum_head
from .rules.comments import CommentThreadRule
from .table import Lines

if TYPE_CHECKING:
    import numpy as np

# Field of a metadata class, by the last part of a rule id or model class (`meta.byline`,
# `model.meta.caption`, `bio.section`); a verdict's own facts win over its class.
CLASS_FIELDS = {
    "title": "title", "title_header": "title", "headline": "title",
    "byline": "authors", "author": "authors",
    "date": "date", "published": "date", "updated": "updated",
    "dateline": "dateline",
    "section": "section", "kicker": "section",
    "caption": "image_caption", "credit": "image_credit",
    "bio": "author_bio",
}
# The tagger reads these first; the others (caption, credit, bio, kicker) the rules read better.
LEAD_FIELDS = ("title", "byline", "date", "updated")
TAGGER_FIELDS = {"title": "title", "byline": "authors", "date": "date", "updated": "updated",
                 "section": "section", "caption": "image_caption", "credit": "image_credit", "bio": "author_bio"}


def field_of(rule: str) -> str | None:
    """The metadata field a rule id or model class fills ('model.meta.byline' -> 'authors'), or None."""
    parts = rule.split(".")
    if "bio" in parts:
        return "author_bio"
    for part in reversed(parts):
        if part in CLASS_FIELDS:
            return CLASS_FIELDS[part]
    return None


def put(meta: Metadata, name: str, text: str, language: str | None = None) -> None:
    """Read `text` as field `name` and fill it when still empty (authors accumulate)."""
    text = " ".join(text.split())
    if not text:
        return
    if name == "authors":
        byline = read_byline(text)
        handle = read_handle(text) if not byline.authors else None  # a user name: "Posted by BeauHD"
        for person in byline.authors or ([handle] if handle else []):
            if person not in meta.authors:
                meta.authors.append(person)
        meta.publisher = meta.publisher or byline.publisher
    elif name in ("date", "updated"):
        both = published_after_update(text)  # ('Updated May 9 … Originally published May 2 …': both days)
        if both is not None:
            put(meta, "date", both[0], language)
            put(meta, "updated", both[1], language)
            return
        if name == "date" and is_update_stamp(text):
            name = "updated"  # 'Last updated: …' is not the publication date
        found = read_date(text, language)
        if found and not getattr(meta, name):
            setattr(meta, name, found[0])
            setattr(meta, "date_time" if name == "date" else "updated_time", found[1])
    elif name == "title":
        meta.title = meta.title or text
    elif hasattr(meta, name) and not getattr(meta, name):
        setattr(meta, name, text)


def _facts(meta: Metadata, facts: dict[str, str], language: str | None, line: str = "") -> None:
    """Fill `meta` from a verdict's facts; a date fact takes its time from the line it was read on."""
    for key, value in facts.items():
        if not value or key == "text":
            continue
        if key in ("authors", "author"):
            for name in value.split("; "):
                if name not in meta.authors:
                    meta.authors.append(name)
        elif key in ("date", "updated"):
            stamp = "date_time" if key == "date" else "updated_time"
            found = read_date(line, language) if line else None
            if not getattr(meta, key):
                setattr(meta, key, value)
            if getattr(meta, key) == value and not getattr(meta, stamp) and found and found[0] == value[:10]:
                setattr(meta, stamp, found[1])  # the same day, now with its time
        elif hasattr(meta, key) and not getattr(meta, key):
            setattr(meta, key, value)


def from_decisions(blocks: list[Block], decisions: list[Decision], language: str | None = None,
                   classes: dict[int, str] | None = None) -> Metadata:
    """Metadata from every block moved into metadata: the facts its verdict read, else its text put in
    the field its rule names (or, for a rule that names none, the tagger's class of the line)."""
    meta = Metadata()
    moved = Label.METADATA
    for i, decision in enumerate(decisions):
        verdicts = decision.verdicts  # (the final verdict read here, not through `final`: most lines have none)
        if verdicts and verdicts[-1].label is moved and i < len(blocks):
            _verdict(meta, verdicts[-1], blocks[i], language, (classes or {}).get(i))
    return meta


def _verdict(meta: Metadata, verdict: Verdict, block: Block, language: str | None, tagged: str | None) -> None:
    facts = {k: v for k, v in verdict.facts.items() if v and k != "text"}
    if facts:
        _facts(meta, facts, language, block.text)
        return
    name = field_of(verdict.rule) or (TAGGER_FIELDS.get(tagged) if tagged else None)
    if name:
        put(meta, name, verdict.facts.get("text") or block.text, language)


def from_tagger(lines: Lines, decisions: list[Decision], language: str | None,
                config: Config = DEFAULT) -> tuple[Metadata, dict[int, str]]:
    """The fields the metadata-line tagger reads from a dump, and its best class of each line.

    No field is read from a line a rule removed as page furniture ('Menu', 'Skip to content', a theme's
    'Physical Address' is no headline and no byline, wherever it stands) or from a reader comment; a title
    is no line the tagger reads as a byline or date; a caption, credit, bio or kicker only comes from a
    line out of the body.
    """
    tagger = meta_tagger.load(config.extra.get("meta_model_file"))
    meta = Metadata()
    blocks = lines.blocks
    if tagger is None or not blocks:
        return meta, {}
    furniture = furniture_lines(decisions)
    chosen, probs, facts = meta_tagger.tag(tagger, lines, decisions, language, furniture)
    title = title_line(title_facts(lines, decisions, probs, furniture), tagger.thresholds.get("title", 0.5),
                       title_choice.load(config.extra.get("title_choice_file")))
    if title is not None:  # the article's own header gives its date and byline
        # (a date from the line over the title and the lines right under it only: read past furniture, the header of
        # a wrongly chosen title reached a teaser's date more often than the article's; a byline is read past share
        # buttons, never over the title, where a name alone is more often a section's or the site's)
        heads = title_copies(lines, title, furniture)
        near = [[head - 1] * (head > 0) + list(range(head + 1, min(head + HEADER_LINES + 1, len(decisions))))
                for head in heads]
        windows = [article_header(head, decisions, furniture) for head in heads]
        for name, found in (("date", header_date(near, chosen.get("date"), probs, facts, furniture)),
                            ("byline", header_byline(windows, chosen.get("byline"), probs, facts, furniture,
                                                     lines.text, lines.prose))):
            if found is not None:
                chosen[name] = found
                if name == "date" and "updated" in chosen and chosen["updated"].index == found.index:
                    del chosen["updated"]  # (the header's date line, which the tagger read less surely as the update)
        date = chosen.get("date")  # the header's date line names the author ('Posted on May 2, 2024 by Jane Doe')
        if "byline" not in chosen and date is not None and _names_author(lines.text[date.index], facts[date.index]):
            chosen["byline"] = meta_tagger.Tagged(date.index, "byline", date.probability)
    byline, date = chosen.get("byline"), chosen.get("date")  # a byline dated in its own line dates the article
    if (byline is not None and date is not None and byline.index != date.index and facts[byline.index].has_date
            and not facts[byline.index].stamp and byline.probability > date.probability):  # ('By Jane Doe — May 2')
        chosen["date"] = meta_tagger.Tagged(byline.index, "date", byline.probability)
    for name, found in chosen.items():
        if name == "title":
            if title is not None:  # a dump's 'Title: …' header line gives its title without the prefix
                final = decisions[title].final
                header = final.facts.get("title") if final is not None and final.rule == "meta.title_header" else None
                meta.title = header or meta_tagger.title_value(blocks, title)
        elif name in LEAD_FIELDS or decisions[found.index].removed:  # (furniture the tagger was kept from)
            if name not in LEAD_FIELDS and _read_as_other(decisions[found.index].final, TAGGER_FIELDS[name]):
                continue  # a rule read the line as another field ('Photo Credit: …' is a credit, no caption)
            put(meta, TAGGER_FIELDS[name], blocks[found.index].text, language)
    best = probs.argmax(axis=1)
    return meta, {i: meta_tagger.CLASSES[int(k)] for i, k in enumerate(best) if k}


def _names_author(text: str, facts: LineFacts) -> bool:
    """Whether a date line names its author: names the tagger's features read on it, or (on a line too long for them)
    names a byline word introduces ('Posted on May 2, 2024 by Jane Doe - 5 Comments on …')."""
    return bool(facts.names) or introduced(text, read_byline(text).authors)


def _read_as_other(verdict: Verdict | None, field: str) -> bool:
    """Whether the rule that removed a line read fields from it, and `field` is none of them: its facts win over
    the tagger's class of the line. Only a credit may come from a line a rule read as a caption: a credit's
    label reads like a caption's ('Foto: Achgut.com'), and the tagger tells them apart better."""
    read = {key for key, value in (verdict.facts if verdict is not None else {}).items() if value and key != "text"}
    return bool(read) and field not in read and not (field == "image_credit" and "image_caption" in read)


def furniture_lines(decisions: list[Decision]) -> list[bool]:
    """Lines no field is read from: page furniture a rule removed, and reader comments."""
    return [bool(d.verdicts) and ((d.verdicts[0].label is Label.BOILERPLATE
                                   and d.verdicts[0].rule.startswith(FURNITURE))
                                  or d.verdicts[-1].rule == CommentThreadRule.id) for d in decisions]


def title_facts(lines: Lines, decisions: list[Decision], probs: "np.ndarray",
                furniture: list[bool]) -> title_choice.Facts:
    """What the title choice reads of a document (the tagger's probabilities and the lines' facts)."""
    return title_choice.Facts(title_choice.Column(lines.blocks, "text"), probs, furniture,
                              title_choice.Column(decisions, "removed"),
                              list(lines.prose), list(lines.words), meta_tagger.CLASSES, lines.folded)


def title_candidates(facts: title_choice.Facts) -> list[int]:
    """The lines that may be the title, best first: no furniture, none the tagger reads as a byline or date
    line, none longer than a headline."""
    import numpy as np

    stamp = np.array([c in ("byline", "date", "updated") for c in meta_tagger.CLASSES])  # per class
    allowed = (~np.array(facts.furniture, bool) & ~stamp[facts.probs.argmax(axis=1)]
               & (np.array(facts.words) <= meta_tagger.TITLE_MAX_WORDS)) if len(facts.texts) else np.zeros(0, bool)
    return title_choice.candidates(facts, allowed)


def title_line(facts: title_choice.Facts, threshold: float, chooser: title_choice.Chooser | None) -> int | None:
    """The title line: none when the tagger's best candidate is below the threshold, else the one the
    learned choice prefers among the best candidates (the tagger's best without a chooser)."""
    found = title_candidates(facts)
    if not found or facts.probs[found[0], meta_tagger.CLASSES.index("title")] < threshold:
        return None
    return chooser.choose(facts, found) if chooser is not None else found[0]


def dateline(lines: Lines, decisions: list[Decision]) -> tuple[str | None, str | None]:
    """The dateline place ('OTTAWA') and agency of the first body paragraph, if it opens with one."""
    for i, decision in enumerate(decisions):
        if decision.removed:
            continue
        found = lines.match("dateline", i)
        if not found:
            return None, None
        place = found["place"].strip(" ,.-–—")
        if not place or len(place) < 2:
            return None, None
        agency = (found.groupdict().get("agency") or "").strip() or None
        return place, agency if agency and is_agency(agency) else None
    return None, None


_SPACE = re.compile(r"\s+")


def normalize(meta: Metadata, language: str | None = None, dump: bool = False) -> Metadata:
    """The normal form: ISO days with full timestamps apart, person names only in `authors` (the
    publisher or agency moved to `publisher`), one-line text fields. A dump's (`dump`) author value holding a page
    control's or a field label's word names nobody."""
    language = language or meta.language
    for day, stamp in (("date", "date_time"), ("updated", "updated_time")):
        value = getattr(meta, day)
        if value:
            iso, full = normalize_date(value, language)
            setattr(meta, day, iso)
            setattr(meta, stamp, getattr(meta, stamp) or full)
    if meta.updated and meta.date and meta.updated < meta.date:  # an 'updated' before publication is the other way round
        meta.date, meta.updated = meta.updated, meta.date
        meta.date_time, meta.updated_time = meta.updated_time, meta.date_time
    values = [v for v in (meta.author, *meta.authors) if v]
    authors, publisher = clean_authors(values, no_labels=dump)
    meta.authors = authors
    meta.author = authors[0] if authors else None
    meta.publisher = meta.publisher or publisher
    for name in ("title", "publisher", "section", "dateline", "image_caption", "image_credit", "author_bio",
                 "sitename", "description"):
        value = getattr(meta, name)
        if isinstance(value, str):
            setattr(meta, name, _SPACE.sub(" ", value).strip() or None)
    return meta


def gather(lines: Lines, decisions: list[Decision], body: str,
           url: str | None = None, base: Metadata | None = None, kind: str = "text",
           config: Config = DEFAULT) -> Metadata:
    """All metadata of a document: `base` (from HTML) first; for a text dump the tagger's reading of
    its metadata lines; then every block moved into metadata; then the dateline; normalised. A Q&A dump is
    dated by its question's stamp and a forum's by its first post's head, which name the author when nothing
    else does; then a personal site's owner (meta_tagger.site_owner). A byline in the dump's first line (the page's
    title: 'Headline - by Jane Doe') names the first authors. A page that prints only when it was updated
    gives that day as its `date` too."""
    meta = base or Metadata()
    blocks = lines.blocks
    language = meta.language or guess_language(body) or guess_language("\n".join(b.text for b in blocks[:400]))
    tagged, classes = from_tagger(lines, decisions, language, config) if kind == "text" else (Metadata(), {})
    moved = from_decisions(blocks, decisions, language, classes)
    meta.fill(Metadata(title=tagged.title, authors=tagged.authors, publisher=tagged.publisher, date=tagged.date,
                       date_time=tagged.date_time, updated=tagged.updated, updated_time=tagged.updated_time))
    meta.fill(moved)
    meta.fill(tagged)
    meta.authors += [name for name in moved.authors if name not in meta.authors]
    if kind == "text":
        titled = meta_tagger.title_byline(lines.blocks)  # ('Headline - by Jane Doe': the title says who wrote it)
        if titled:
            meta.authors = [*titled, *(name for name in (meta.author, *meta.authors) if name and name not in titled)]
            meta.author = None
        poster, posted = asker(lines, language)
        if posted and meta.date != posted:  # a Q&A page is dated by its question ('asked Feb 11'), not an answer
            meta.date, meta.date_time = posted, None
        if not poster and (not (meta.author or meta.authors) or not meta.date):  # a forum: the first post's head
            poster, posted = forum_head(lines, decisions, language)
            meta.date = meta.date or posted
        if poster and not (meta.author or meta.authors):
            meta.authors = [poster]
        owner = meta_tagger.site_owner(lines.blocks) if not (meta.author or meta.authors) else None
        if owner:
            meta.authors = [owner]
    if not meta.date and meta.updated:  # a page that prints only its last update: that day is the best date it
        meta.date, meta.date_time = meta.updated, meta.updated_time  # gives (as htmldate's default reads a page)
    place, agency = dateline(lines, decisions)
    meta.dateline = meta.dateline or place
    meta.publisher = meta.publisher or agency
    if url:
        meta.url = meta.url or url
        meta.hostname = meta.hostname or (urlsplit(url).hostname or None)
    meta.language = meta.language or language
    return normalize(meta, language, dump=kind == "text")
