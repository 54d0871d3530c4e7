"""Context-free rules: each looks at one line and says whether it is boilerplate or metadata."""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ...document import Label, Verdict
from ..bylines import has_given_name
from ..dates import FoundDate, is_date_line, parse_date, short_date_line
from ..table import BYLINE_LINES, YEAR, YEAR_LINES, Lines
from .base import LineRule, PatternRule
from .cues import CUE_RULES
from .patterns import concept, concepts, prefix_pattern

WIRE_REASON = "credit line naming the news agencies the story draws on ('With files from Reuters')"


@dataclass(frozen=True, eq=False)
class CreditsRule(PatternRule):
    """Staff credits (pattern data: staff_credits), and a wire credit naming the news agencies a story draws on
    ('With files from Reuters', 'Mit Material von dpa und AFP', 'Avec AFP': with_files) when every part it
    names is an agency or the agencies as a whole (wire_agencies; 'Avec le temps, …' is a sentence)."""

    def candidates(self, lines: Lines) -> Iterable[int]:
        return sorted({*lines.lines_with(self.concept_name), *lines.lines_with("with_files")})

    def evaluate(self, lines: Lines, i: int) -> Verdict | None:
        staff = super().evaluate(lines, i)
        if staff is not None:
            return staff
        found = lines.match("with_files", i)
        parts = [p.strip(" .") for p in _AND_WIDE.split(found["agency"]) if p.strip(" .")] if found else []
        if not parts or not all(is_agency(p) or concept("wire_agencies").match(p) for p in parts):
            return None
        return self.verdict({"pattern": "with_files", "agencies": ", ".join(parts)}, reason=WIRE_REASON)


PATTERN_RULES: tuple[PatternRule, ...] = (
    PatternRule("audio.tts_notice", "tts_notice", "text-to-speech / audio notice, not article text"),
    PatternRule("notice.reading_time", "reading_time", "reading-time label"),
    PatternRule("notice.correction", "correction_footer", "corrections / feedback footer link"),
    PatternRule("notice.disclaimer", "disclaimer", "site disclaimer about the views expressed"),
    PatternRule("social.share", "share", "share / social media buttons"),
    PatternRule("promo.newsletter", "newsletter", "newsletter sign-up prompt"),
    PatternRule("notice.cookie", "cookie", "cookie / privacy consent notice"),
    PatternRule("ad.marker", "advert", "advertisement marker"),
    PatternRule("legal.copyright", "copyright", "copyright line"),
    PatternRule("nav.link", "nav", "navigation link or label"),
    PatternRule("nav.tags", "tags_line", "list of the story's tags or topics"),
    PatternRule("teaser.inline", "teaser_inline", "inline link to another story ('Related: ...')"),
    PatternRule("bio.posts_link", "posts_link", "link to the author's other posts"),
    PatternRule("social.follow", "follow", "prompt to follow the site or a writer on social networks"),
    CreditsRule("notice.credits", "staff_credits", "staff credits line: who reported, wrote or edited the story"),
    PatternRule("promo.donation", "donation", "appeal to donate to or become a member of the site"),
    PatternRule("promo.paywall", "paywall", "paywall prompt: subscribe or log in to read on, trial offers, free-article meter"),
    PatternRule("promo.app", "app", "prompt to download or open the site's app"),
    PatternRule("media.embed", "media_embed", "label, loading or error text of an embedded video, audio or social post"),
    PatternRule("notice.ai_generated", "ai_generated", "note that AI or software wrote, summarised or translated the story"),
    PatternRule("nav.pagination", "pagination", "page or slide navigation of a split article or gallery"),
    PatternRule("notice.affiliate", "affiliate", "disclosure that the site earns from links or purchases (affiliate links)"),
    PatternRule("notice.archive", "archive_notice", "note that the article is old or archived"),
    PatternRule("notice.translation", "translation_notice", "note that the article is a translation or is available in another language"),
)

_NAME = r"(?:[A-ZÀ-Ý][\w'’.-]*|de|van|von|der|den|ten|ter|da|di|la|le|du|bin|al|del|dos|das|do)"
_ARTICLES = frozenset({"the", "a", "an", "der", "die", "das", "le", "la", "les", "el", "los", "il", "de"})
_ROLE = re.compile(
    r"\b(?:staff|senior|chief|political|foreign|special|contributing|freelance)?\s*"
    r"(?:writer|reporter|correspondent|editor|columnist|contributor|journalist|producer|redakteur(?:in)?|"
    r"korrespondent(?:in)?|journaliste|periodista|redactor(?:a)?|redacteur|verslaggever|giornalista|redattore|"
    r"redattrice|corrispondente|inviat[oa]|jornalista|repórter|colunista|redator(?:a)?)s?\b",
    re.I,
)

# The word that introduces a date after a byline's names ('on', 'am', 'le', 'el', 'il', 'em', 'op').
# A caption line's label ('Photo:', 'Credit |', '(Bildquelle: …)', 'Photo credit — …'): up to 30 characters before
# ':', '|' or a spaced dash.
_LABEL = re.compile(r"^\(?(?P<label>[^:|—–]{1,30}?)\s*(?:[:|]|\s[—–])\s*")
_DATE_WORD = re.compile(r"\s+(?:on|at|am|vom|le|du|el|del|il|em|no dia|op)\s*$", re.I)
# What joins the names of a byline: a comma, '&', and the word for 'and' where it is never a name's own
# word ('and', 'und', 'et', 'y')...
_AND = re.compile(r"\s*(?:,|&|\band\b|\bund\b|\bet\b|\by\b)\s*", re.I)
# ... and where it may be one ('e' in Italian and Portuguese, also a particle of Portuguese surnames;
# 'en' in Dutch, which is 'in' in Spanish and French: 'Por Juan Pérez en Buenos Aires'). Names split
# at those words must each open with a known given name.
_AND_WIDE = re.compile(r"\s*(?:,|&|\band\b|\bund\b|\bet\b|\by\b|\be\b|\ben\b)\s*", re.I)


def _names(text: str, joins: re.Pattern[str]) -> list[str]:
    parts = [p.strip(" .") for p in joins.split(text) if p.strip(" .")]
    names = []
    for part in parts:
        tokens = part.split()
        if not 2 <= len(tokens) <= 5 or not all(re.fullmatch(_NAME, t) for t in tokens):
            return []
        if tokens[0].lower() in _ARTICLES or is_agency(part):
            return []
        names.append(" ".join(t.title() if t.isupper() and len(t) > 2 else t for t in tokens))
    return names


def split_names(text: str) -> list[str]:
    """Person names in a byline's name part ('Jane Doe and John Roe', 'Anna de Vries en Piet Jansen',
    'Marco Rossi e Giulia Bianchi') or [] if any part is no name."""
    names = _names(text, _AND)
    if names or not re.search(r"\be\b|\ben\b", text, re.I):
        return names
    names = _names(text, _AND_WIDE)
    return names if len(names) > 1 and all(has_given_name(name) for name in names) else []


def is_agency(text: str) -> bool:
    """Whether `text` names a news agency (from the pattern data)."""
    return concept("agency").match(text) is not None


class BylineRule(LineRule):
    """'By NAME, AGENCY' lines: the names and the publisher move into metadata."""

    id = "meta.byline"
    reason = "byline: author and publisher moved to metadata"
    label = Label.METADATA

    def candidates(self, lines: Lines) -> Iterable[int]:
        return sorted(lines.candidates(BYLINE_LINES))

    def evaluate(self, lines: Lines, i: int) -> Verdict | None:
        words = lines.words[i]
        if words > 20 or (lines.terminal[i] and words > 10):
            return None
        found = prefix_pattern("byline_prefix").match(lines.text[i])
        if not found:
            return None
        rest, at = found["rest"], found.start("rest")
        dated = lines.date(i)
        if dated is not None and dated.start > at:  # 'Posted by Jane Doe on May 3, 2024': the date is a piece
            rest = f"{_DATE_WORD.sub('', rest[:dated.start - at])} | {rest[dated.start - at:]}"
        pieces = [p.strip() for p in re.split(r"\s*(?:[|/•·]|\s[–—-]\s|,(?=\s*(?:the\s)?[A-Z][\w.-]*(?:\s[A-Z][\w.-]*)*\s*(?:$|[|,])))\s*", rest) if p.strip()]
        if not pieces:
            return None
        names = split_names(pieces[0])
        facts: dict[str, str] = {}
        if not names:
            if is_agency(pieces[0]) and len(pieces) == 1:
                return self.verdict({"names": 0}, {"publisher": pieces[0]})
            return None
        facts["author"] = names[0]
        facts["authors"] = "; ".join(names)
        for piece in pieces[1:]:
            if parse_date(piece):
                facts.setdefault("date", parse_date(piece) or "")
            elif _ROLE.fullmatch(piece.strip()):
                continue
            elif is_agency(piece):
                facts.setdefault("publisher", piece.strip(" ."))
            elif split_names(piece):
                facts["authors"] += "; " + "; ".join(split_names(piece))
            elif piece[:1].isupper() and len(piece.split()) <= 6:
                facts.setdefault("publisher", piece.strip(" ."))
        return self.verdict({"names": len(names), "words": words}, facts)


class DateLineRule(LineRule):
    """'Posted …', 'Last updated …' and bare date lines: the dates move into metadata."""

    id = "meta.date"
    reason = "publication / update date line moved to metadata"
    label = Label.METADATA

    def candidates(self, lines: Lines) -> Iterable[int]:
        return sorted({*lines.candidates(YEAR_LINES), *lines.lines_with("short_date")})

    def evaluate(self, lines: Lines, i: int) -> Verdict | None:
        text = lines.text[i]
        # every date form read has a year: four digits, or two in an all-number date ('19-2-24')
        if lines.words[i] > 24 or not (YEAR.search(text) or lines.has("short_date", i)):
            return None
        facts: dict[str, str] = {}
        for part in (p.strip() for p in re.split(r"\s*[|·•]\s*", text) if p.strip()):
            read = self._part(lines, i, part)
            if read is None:  # a time, or a section after the date ('Name · 3 May 2024' is a byline's stamp)
                label = _beside_date(part)
                if label is None or (label and not facts):
                    return None
                if label:
                    facts.setdefault("section", label)
                continue
            facts.setdefault(*read)
        return self.verdict({"words": lines.words[i]}, facts) if {"date", "updated"} & facts.keys() else None

    @staticmethod
    def _part(lines: Lines, i: int, part: str) -> tuple[str, str] | None:
        """The field a part of line i fills ('updated' or 'date') and the day it gives, or None when the part
        says more than a date (a whole line's date is the table's)."""
        for name, field_name in (("date_prefix_updated", "updated"), ("date_prefix_published", "date")):
            found = prefix_pattern(name).match(part)
            if found:
                day = _day(found["rest"])
                if day is not None:
                    return field_name, day
        day = _day(part, lines.date(i), known=True) if part == lines.text[i] else _day(part)
        return None if day is None else ("date", day)


# A section label beside a date ('12 May 2024 | Politics') is at most this many words.
SECTION_WORDS = 3


def _beside_date(part: str) -> str | None:
    """What a part of a date line that gives no date adds: '' for a time of day ('12 May 2024 | 14:05'), the
    section for a short capitalised label ('12 May 2024 | Politics'); None when it says more, or names a person."""
    clock = concept("clock_time").match(part)
    if clock is not None and clock.group(0) == part:
        return ""
    words = part.split()
    if (len(words) <= SECTION_WORDS and part[:1].isupper() and not any(c.isdigit() for c in part)
            and not part.endswith((".", "!", "?", ":")) and not has_given_name(part)):
        return part
    return None


def _day(text: str, found: FoundDate | None = None, known: bool = False) -> str | None:
    """When `text` says nothing but a date, the day it gives as YYYY-MM-DD ('' when it reads none), else None.
    `found` is its first date when `known` (the table's, of a whole line: not looked for again)."""
    short = short_date_line(text)
    dated = (found is not None and is_date_line(text, found=found)) if known else is_date_line(text)
    if not dated and short is None:
        return None
    day = (found.iso if found is not None else None) if known else parse_date(text)
    return day or short or ""


class TitleHeaderRule(LineRule):
    """A 'date YYYY-MM-DD Title' or 'Title: …' header that a dump tool put on the first line."""

    id = "meta.title_header"
    reason = "dump header with the title (and date) moved to metadata"
    label = Label.METADATA
    reads_place = True

    def candidates(self, lines: Lines) -> Iterable[int]:
        return range(min(3, len(lines)))  # the first three lines: where a dump tool writes its header

    def evaluate(self, lines: Lines, i: int) -> Verdict | None:
        found = lines.match("title_header", i)
        if not found:
            return None
        facts = {k: v.strip() for k, v in found.groupdict().items() if v}
        return self.verdict({"line": lines.blocks[i].line_no}, facts)


class CaptionRule(LineRule):
    """Photo captions and credits ('… THE CANADIAN PRESS/Name', 'Photo: …', 'Pictured: …', 'File photo of …'):
    moved to metadata."""

    id = "meta.caption"
    reason = "photo caption / credit moved to metadata"
    label = Label.METADATA

    def candidates(self, lines: Lines) -> Iterable[int]:
        return sorted({*lines.lines_with("caption_credit"), *lines.lines_with("caption_prefix"),
                       *lines.lines_with("caption_counter"), *lines.lines_with("caption_cue")})

    def evaluate(self, lines: Lines, i: int) -> Verdict | None:
        if lines.words[i] > 80:
            return None
        text = lines.text[i]
        credit = lines.match("caption_credit", i)
        counter = lines.match("caption_counter", i)  # '2 of 4 A shopper looks at …': the caption after it
        if counter is not None and not _in_gallery(counter["counter"]):
            counter = None
        begin = counter.start("caption") if counter else 0
        if credit:
            caption = text[begin: credit.start("credit")].strip(" .,;–—-(")
            facts = {"image_credit": credit["credit"].strip(" ()")}
            if caption:
                facts["image_caption"] = caption if caption.endswith(".") else caption + "."
            return self.verdict({"credit": facts["image_credit"][:60]}, facts)
        if counter:
            return self.verdict({"counter": counter["counter"]}, {"image_caption": counter["caption"]})
        if lines.match("caption_prefix", i):
            head = _LABEL.match(text)
            rest = text[head.end():] if head else text
            credit = head is not None and concept("credit_label").match(head["label"]) is not None
            inner = _LABEL.match(rest) if head and not credit else None  # 'Photo: Photo Credit: X'
            if inner and concept("credit_label").match(inner["label"]):
                credit, rest = True, rest[inner.end():]
            rest = rest.strip(" ()")
            facts = {"image_credit": rest} if credit else {"image_caption": rest}
            return self.verdict({"prefix": text.split(":")[0][:30]}, facts)
        cue = lines.match("caption_cue", i)  # 'Pictured: …', 'File photo of …', 'Archivbild: …'
        if cue:
            head = _LABEL.match(text)
            caption = text[head.end():] if head and head.end() <= cue.end() else text
            return self.verdict({"cue": cue.group(0)[:30]}, {"image_caption": caption.strip()})
        return None


def _in_gallery(counter: str) -> bool:
    """Whether a gallery counter ('2 of 4', '(3/7)') names a picture of the gallery: a date ('12/5') names none."""
    place, size = map(int, re.findall(r"\d+", counter)[:2])
    return 1 <= place <= size


LINE_RULES: tuple[LineRule, ...] = (
    TitleHeaderRule(),
    BylineRule(),
    DateLineRule(),
    CaptionRule(),
    *PATTERN_RULES,
    *CUE_RULES,
)

if not {r.concept_name for r in PATTERN_RULES} <= set(concepts()):
    raise ValueError("a pattern rule names a concept missing from the pattern data")
