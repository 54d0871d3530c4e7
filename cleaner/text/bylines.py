"""Read a byline into clean person names and a publisher: 'By: Joshua Stewart (jstewart@…)' gives
['Joshua Stewart']; 'Sarah Hauer | Milwaukee Journal Sentinel' gives ['Sarah Hauer'] and the publisher.

The words that open a byline ('By', 'Von', 'Par', 'Door'...) and the news agencies are pattern data
(data/patterns.toml: byline_prefix, agency); the words around the names that are none of them (an affiliation,
a co-author's 'with', page controls) are data/bylines.toml (byline_words.py); what a name looks like is
names.py. Role words, credentials and contact details are dropped; a publisher written in capitals after the
names is told from them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .byline_words import (AND_WORDS, CREDIT_WORDS, CUT_MARK_CHARS, CUT_MARKS, STAMP_WORDS, Caseless,
                           any_of, between, controls, cut_words, not_name_word, opener_words, organisation_word,
                           starter_after, writer_named)
from .dates import find_date
from .language import stopwords
from .names import (EDGE_MARKS, MAX_NAME_TOKENS, caps_after_name, has_given_name, in_capitals, is_agency,
                    person_name)
from .rules.patterns import concept, opening_pattern


def _organisation(part: str) -> bool:
    """Whether a name-shaped part names an organisation: it holds such a word and opens with no given name."""
    return organisation_word().search(part) and not has_given_name(part)


_EMAIL = re.compile(r"\(?\s*(?:e-?mail:?\s*)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+\s*\)?|\(?\s*@\w{2,}\s*\)?", re.I)
_URL = re.compile(r"\(?\s*(?:https?://|www\.)\S+\s*\)?", re.I)
_PAREN = re.compile(r"\s*\((?P<in>[^)]*)\)")
# Pieces of a byline: names on the left, a publisher, role or place on the right.
_PIECES = re.compile(r"\s*(?:[|/•·]|\s[–—-]\s|\s-{2}\s)\s*")
_PIECE_MARKS = re.compile(r"[|/•·–—-]")  # (a line with none of them is one piece: no split is tried)
# Between names. (Without the spaces around it, which reading strips from the names: a pattern opening with
# optional spaces is tried at every character.)
_NAMES = re.compile(rf"[,;&+]|\b{any_of(AND_WORDS)}\b", re.I)
# A role or credential written after a name ('Staff Writer', 'MS, RD', 'Redakteurin'): its words in any case, a
# credential as written (_role).
_ROLE_WORDS = Caseless(re.compile(
    r"(?:(?:the\s)?(?:staff|senior|chief|political|foreign|special|contributing|freelance|guest|associate|"
    r"managing|executive|deputy|news|sports|digital|science|health|business)\s+)*"
    r"(?:writer|reporter|correspondent|editor|columnist|contributor|journalist|producer|author|"
    r"redakteur(?:in)?|korrespondent(?:in)?|autor(?:in)?|journaliste|rédacteur|rédactrice|envoyée?\s+spéciale?|"
    r"periodista|redactor(?:a)?|corresponsal|giornalista|inviato|redattore|jornalista|repórter|redacteur|"
    r"verslaggever|correspondent)s?$",
    re.I,
))
_CREDENTIAL = re.compile(r"(?:[A-Z]{2,5}\.?|Ph\.?D\.?|M\.?D\.?|Jr\.?|Sr\.?)$")


def _role(part: str) -> bool:
    """Whether `part` is a role or a credential, no name ('Senior Editor', 'PhD')."""
    return _ROLE_WORDS.match(part) or _CREDENTIAL.match(part) is not None


@lru_cache(maxsize=1)
def _openers() -> re.Pattern[str]:
    """A line's opening byline word (not one of the data's byline prefixes), and the marks after it."""
    words = opener_words()
    return re.compile(rf"^{any_of(words)}\s*[:\-–—]?\s+", re.I)

@dataclass
class Byline:
    """What a byline says: the people who wrote it and the publisher or agency named with them."""

    authors: list[str] = field(default_factory=list)
    publisher: str | None = None


@lru_cache(maxsize=1)
def _opening() -> Caseless:
    """Where a single-spaced line may open with a byline word (a prefix of the data or an opener here), past
    marks: what _strip_opener takes off is only where this matches (one match instead of its two)."""
    prefixes = "|".join(f"(?:{source})" for source in concept("byline_prefix").sources)
    return Caseless(re.compile(rf"\W*(?:{prefixes}|{'|'.join(opener_words())})", re.I))


def single_spaced(text: str) -> bool:
    """Whether `text` is its words joined by single spaces already (every white space but ' ' is unprintable):
    most pieces and parts of a byline are, so they are not split and joined again."""
    return text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " "


def _strip_opener(text: str) -> str:
    """`text` without the byline word it opens with ('By', 'Written by', 'ein Beitrag von')."""
    if not _opening().match(text if single_spaced(text) else " ".join(text.split())):
        return text
    prefix = concept("byline_prefix")
    words = text.split()
    joined = " ".join(words)
    found = _openers().match(text)  # (one match at the start: the same as sub(count=1) of an anchored pattern)
    rest = text if found is None else text[found.end():]
    if opening_pattern("byline_prefix").match(joined) is not None:
        for n in (3, 2, 1):  # the longest opener first ('ein Beitrag von' before 'von')
            head = " ".join(words[:n]).rstrip(":")
            if len(words) > n and prefix.match(head):
                stripped = " ".join(words[n:]).lstrip(":-–— ")
                # (a longer opener of the others wins: 'Auteur du sujet', not 'Auteur')
                return stripped if found is None or len(stripped) <= len(rest) else rest
    return rest


# What a byline line carries besides names: its date with a word that introduces it (STAMP_WORDS), a comment count.
_STAMP_WORDS = re.compile(rf"\b(?:{any_of(STAMP_WORDS)}"
                          r"(?:\s(?:on|am|le|el|il|em|op|at))?\b[:]?|\d+\s+comments?\b)", re.I)


_MINUTES = re.compile(r"\d\s*min", re.I)
_MINUTED, _STAMPED = Caseless(_MINUTES), Caseless(_STAMP_WORDS)  # (asked only whether they match)
_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=1)
def _reading_time() -> re.Pattern[str]:
    """A reading time written inside a line ('15 min read', 'Lesezeit: 3 Min.'; data: reading_time)."""
    alternatives = "|".join(f"(?:{source})" for source in concept("reading_time").sources)
    return re.compile(rf"(?:^|(?<=[\s|•·,;(–—]))(?:{alternatives})(?=$|[\s|•·,;.)])", re.I)


def _without_join(head: str) -> str:
    """`head`, the text before a date, without a last word joining it to the word before it ('by Jane Doe on',
    'von Ole Hansen am'; data: stamp_join; not 'Note: On')."""
    before, _, last = head.rstrip().rpartition(" ")
    return before if before[-1:].isalpha() and concept("stamp_join").match(last) else head


def _without_stamps(text: str) -> str:
    """`text` without the dates (and the words introducing them or joining them to a name) and the reading time
    written in it: 'By Kyle Howells 15 min read' names Kyle Howells, 'Posted by Jo Kim on 2025-05-02' Jo Kim."""
    for _ in range(3):
        found = find_date(text)
        if not found:
            break
        text = _without_join(text[:found.start]) + " | " + text[found.end:]
    if _MINUTES.search(text):  # (each reading time of the data counts minutes: the regex only where some are)
        text = _reading_time().sub(" | ", text)
    return _STAMP_WORDS.sub(" | ", text)


_OTHER_CREDITS = re.compile(rf"\s{any_of(CREDIT_WORDS)}\b.*$", re.I)


def _after_opener(text: str) -> str:
    """The names a byline word introduces: up to a page control printed after a name ('Jane Doe View In Digital
    Edition'), with a word joining a co-author to a name read as a mark between names ('Jane Doe with John Roe';
    data: controls, coauthor)."""
    found = controls().search(text)
    if found and person_name(text[:found.start()]):
        text = text[:found.start()]
    found = between("coauthor").search(text)
    return text[:found.start()] + ", " + text[found.end():] if found and person_name(text[:found.start()]) else text


def _pieces(text: str) -> list[list[str]]:
    """The parts of a byline line, piece by piece ('Jane Doe and John Roe | Reuters': [['Jane Doe', 'John Roe'],
    ['Reuters']]): addresses, other credits, dates, the opener and an affiliation ('on behalf of …') taken out, an
    aside kept only when it names an agency."""
    text = " ".join((text or "").split())
    if "@" in text:  # (each test below is one the pattern needs to match at all: most lines skip the regex)
        text = _EMAIL.sub(" ", text)
    if "://" in text or "www." in text.casefold():
        text = _URL.sub(" ", text)
    writer = writer_named().search(text, 1)
    text = _OTHER_CREDITS.sub("", text[writer.start():] if writer else text)
    text = _without_stamps(text)
    found = between("affiliation").search(text)
    text = text if found is None else text[:found.start()]  # ('… on behalf of X': X is no author)
    bare = text.strip(" :-–—")
    text = _strip_opener(bare)
    opened = text != bare
    pieces = [" ".join(p.split()).strip(" .,").rstrip(" –—-")
              for p in (_PIECES.split(text) if _PIECE_MARKS.search(text) else [text])]
    out = []
    for k, piece in enumerate(p for p in pieces if p):
        names = _strip_opener(piece)  # (the piece's end: it is single-spaced)
        if names != piece or opened and k == 0:  # (a byline word opens the piece)
            piece = piece[:len(piece) - len(names)] + _after_opener(names)
        if "(" in piece:
            piece = _PAREN.sub(lambda m: "" if not is_agency(m["in"]) else f", {m['in']}", piece)
        out.append(_parts(piece))
    return out


def _parts(piece: str) -> list[str]:
    """The parts of a piece of a byline between the marks and words that join names ('Jane Doe and John Roe')."""
    return [part for part in (p.strip(" .") for p in _NAMES.split(piece)) if part]


def _publisher_in_caps(text: str) -> tuple[str | None, str | None]:
    """The person `text` names and the publisher named after them in capitals ('Brian Okafor USA TODAY' gives
    ('Brian Okafor', 'USA TODAY'); names.caps_after_name)."""
    name = person_name(text)
    if name is None or not text[-1:].isupper():  # (only a text ending in a capital ends with a word in capitals)
        return name, None
    split = caps_after_name(text)
    if split is None:
        return name, None
    head, caps = split
    # (one short word is as often a credential as a publisher: 'Jane Doe MD', 'Jane Doe CNN': dropped)
    return person_name(head), caps if is_agency(caps) or not _role(caps) else None


def _named(part: str) -> tuple[str | None, str | None]:
    """The person a part of a byline names (its opener taken off), and a publisher in capitals after them."""
    return _publisher_in_caps(_strip_opener(part))


def read_byline(text: str) -> Byline:
    """The authors and publisher of a byline line or an author field ('By Jane Doe and John Roe, Reuters').

    A publisher may follow the names in capitals ('Jane Doe USA TODAY'), or stand as a part of its own after
    them: in capitals after names written in mixed case ('By Jane Doe, USA TODAY'), or a name-shaped part that
    names an organisation ('Jane Doe, Clemson University')."""
    out = Byline()
    for k, parts in enumerate(_pieces(text)):
        names_here = []
        mixed = False  # a name of this piece is written in mixed case
        for part in parts:
            if is_agency(part):
                out.publisher = out.publisher or part.strip(" .()")
                continue
            if _role(part):
                continue
            name, caps = _named(part)
            if name and (k > 0 and out.authors or mixed and in_capitals(part) or names_here and _organisation(part)):
                out.publisher = out.publisher or part  # 'Jane Doe | Milwaukee Journal Sentinel': a publisher
            elif name:
                names_here.append(name)
                mixed = mixed or not in_capitals(part)
                out.publisher = out.publisher or caps
            elif k > 0 and not out.publisher and part[:1].isupper() and len(part.split()) <= 6 and not names_here:
                out.publisher = part
        for name in names_here:
            if name not in out.authors:
                out.authors.append(name)
    return out


@lru_cache(maxsize=1)
def _cuts() -> Caseless:
    """What makes reading a byline change a line or cut it into pieces besides an opener, in one search (each test
    of _pieces matches only where it does; byline_words.CUT_MARKS): a mark, a web address ('www.'), a stamp word,
    another credit or an affiliation ('on behalf of'). A date, a reading time or a comment count cut a line with a
    digit (_stamped); marks and words between names (_NAMES) cut a piece into parts only."""
    return Caseless(re.compile(rf"{CUT_MARKS}|www\.|\b{any_of(cut_words())}", re.I))


def _stamped(line: str) -> bool:
    """Whether _without_stamps takes anything out of `line`: a date, a reading time or a stamp word (a line
    without a digit has none of the first two)."""
    return find_date(line) is not None or _MINUTED.search(line) or _STAMPED.search(line)


def _one_piece(line: str, may_cut: bool = True, may_open: bool = True) -> bool:
    """Whether reading a byline leaves `line` (single-spaced) one piece, its edges stripped: it holds nothing
    _pieces takes out or cuts at, and opens with no byline word. (Most lines with a digit hold no date: 'Top 10
    Hotels'.) `may_cut`, `may_open` False: the line scan found no match of _cuts (but for its marks), _opening."""
    return (not ((may_cut or not CUT_MARK_CHARS.isdisjoint(line)) and _cuts().search(line))
            and not (may_open and _opening().match(line))
            and (_DIGIT.search(line) is None or not _stamped(line)))


def byline_authors(text: str, may_cut: bool = True, may_open: bool = True) -> list[str]:
    """`read_byline(text).authors` without looking for the publisher (what the metadata tagger asks of every
    short line): a part is asked whether it names an agency or a role only once it reads as a person's name.
    A line with nothing to take out or cut at (most) is one piece, read as one part when nothing joins names
    in it. `may_cut`, `may_open` False: the line scan found no match of _cuts (but for its marks, looked for here)
    or _opening in `text` (byline_words.scan_sources), which then is not tried."""
    line = " ".join(text.split())
    if line != text:  # (the scan read another text)
        may_cut = may_open = True
    one = _one_piece(line, may_cut, may_open)
    part = line.strip(" :-–—").strip(" .,") if one else ""
    if one and _NAMES.search(part) is None:
        name = person_name(part) if part else None
        if name and part[-1].isupper():  # (a publisher in capitals after the name: a line ending in a capital)
            name = _publisher_in_caps(part)[0]
        # (person_name asked whether the part without its edge marks names an agency: the part itself when
        # it has none of them at either end)
        return [name] if name and (part[0] not in EDGE_MARKS and part[-1] not in EDGE_MARKS
                                   or not is_agency(part)) and not _role(part) else []
    authors: list[str] = []
    for k, parts in enumerate(([_parts(part)] if part else []) if one else _pieces(text)):
        if k > 0 and authors:  # (a name after the authors' piece is a publisher's)
            break
        mixed = False  # (after a name in mixed case, one in capitals is a publisher's)
        for part in parts:
            # (a part without a space is one word, no name: the pieces are single-spaced)
            name = _named(part)[0] if " " in part else None
            if (name and not is_agency(part) and not _role(part) and not (mixed and in_capitals(part))
                    and not (authors and _organisation(part))):  # (authors: this piece's, as the loop breaks)
                mixed = mixed or not in_capitals(part)
                if name not in authors:
                    authors.append(name)
    return authors


@lru_cache(maxsize=1)
def _author_opener() -> re.Pattern[str]:
    """A word introducing the author anywhere in a line (data: author_opener), then the rest of the line."""
    alternatives = "|".join(f"(?:{source})" for source in concept("author_opener").sources)
    return re.compile(rf"(?:^|(?<=[\s|•·,;(]))(?:{alternatives})\s*[:\-–—]?\s+(?P<rest>\S.*)$", re.I)


# A user name: one word of letters, digits and . _ - that opens with a letter ('BeauHD', 'Mr_Enigmatic').
_HANDLE = re.compile(r"[^\W\d_][\w.\-]{0,38}[^\W_]|[^\W\d_][\w.\-]{0,38}_\w*", re.UNICODE)


def introduced(text: str, names: tuple[str, ...] | list[str]) -> bool:
    """Whether a word that introduces an author stands before the first of `names` in `text` ('Updated
    May 2, 2024 by Gabby Boucher'): the line says they wrote it, as a byline opening with 'By' does."""
    found = _author_opener().search(" ".join(text.split())) if names else None
    return found is not None and names[0].split()[0].casefold() in found["rest"].casefold()


def _user_name(handle: str) -> bool:
    """Whether a word may be a user name: letters, digits and . _ - opening with a letter, no agency, no stop word."""
    return (_HANDLE.fullmatch(handle) is not None and not is_agency(handle)
            and not any(handle.casefold() in words for words in stopwords().values()))


def read_handle(text: str) -> str | None:
    """A one-word author a line introduces as its author ('Posted by BeauHD on Friday', 'Thread starter
    TissueBox', 'By: ShawnHymel | May 2') or labels as the thread's starter ('TissueBox Discussion starter'): a
    user name, which no reading of person names accepts. The line opens with the word that introduces it, or
    holds a time stamp (a digit); the name ends the line or comes before punctuation, a number or a word joining
    it to a time stamp (data: stamp_join); never a stop word ('by the team') or an agency."""
    text = " ".join(text.split())
    found = _author_opener().search(text)
    if found is None or (found.start() > 0 and not _DIGIT.search(text)):
        # inside a line, only a time-stamped one: 'Posted on May 2 by infuy', not 'View posts by tag'
        labelled = starter_after().fullmatch(text)
        return labelled["handle"] if labelled and _user_name(labelled["handle"]) else None
    tokens = found["rest"].split()
    handle = tokens[0].rstrip(",;:|)")  # not '.': 'written by hand.' ends a sentence
    following = tokens[1] if len(tokens) > 1 else ""
    if not _user_name(handle):
        return None
    if not (handle != tokens[0] or not following or not following[0].isalpha()
            or concept("stamp_join").match(" ".join(tokens[1:3])) or concept("stamp_join").match(following)):
        return None  # the sentence goes on ('written by hand and signed'), or a longer name does
    return handle


def clean_authors(values: list[str], keep_other: bool = True,
                  no_labels: bool = False) -> tuple[list[str], str | None]:
    """Person names from author values (each may be a whole byline), and a publisher found among them.

    With `keep_other`, a value that reads as no name at all (a one-word handle, a team name) is kept as
    written, so a page that names its author only that way still has one. With `no_labels` (a text dump's values,
    read from lines), a value holding a word no name holds (a page control's, a field label's: data/bylines.toml,
    not_name) names nobody.
    """
    authors: list[str] = []
    publisher = None
    for value in values:
        found = read_byline(value)
        publisher = publisher or found.publisher
        names = found.authors
        if not names and value and not found.publisher and keep_other:
            plain = _strip_opener(_URL.sub(" ", _EMAIL.sub(" ", " ".join(value.split()))).strip(" :-–—|,"))
            names = [plain] if plain and len(plain.split()) <= MAX_NAME_TOKENS and not _role(plain) else []
        for name in names:
            if name not in authors and not (no_labels and not_name_word().search(name)):  # ('My Saves')
                authors.append(name)
    return authors, publisher
