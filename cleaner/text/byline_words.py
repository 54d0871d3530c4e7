"""The words a byline line carries around its names, from data/bylines.toml (an affiliation, a co-author's
'with', page controls, an organisation's name, a forum's thread starter) and the words no name holds, as patterns
for bylines.py.
"""
from __future__ import annotations

import re
from functools import cached_property, lru_cache
from re import _compiler, _constants, _parser
from typing import Any

from ..data import load_toml
from .rules.patterns import concept


def opening_letters(words: tuple[str, ...]) -> str:
    """A lookahead for the letters `words` (regex sources, each opening with a literal letter) open with:
    where none of them stands, an alternation of many words fails at one test instead of one per word."""
    if not all(w[:1].isalpha() for w in words):
        raise ValueError("each word must open with a literal letter")
    return f"(?=[{''.join(sorted({w[0] for w in words}))}])"


def any_of(words: tuple[str, ...]) -> str:
    """A regex source matching one of `words` (regex sources, each opening with a literal letter), gated by
    opening_letters: '(?=[ab])(?:alpha|beta)'."""
    return f"{opening_letters(words)}(?:{'|'.join(words)})"


class Caseless:
    """A case-insensitive pattern asked only whether it matches. On an ASCII text its case-sensitive twin reads the
    text lowered, with the same answer: a case-insensitive alternation of words tries each word at every place,
    a case-sensitive one passes over a word on its first letter (a few times fewer instructions for the byline
    patterns). Another text, or a pattern whose twin could answer otherwise (_twin_agrees), the pattern reads.
    The twin is made on first use: importing the byline modules (as `cleaner check` does) costs no compiling."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern

    @cached_property
    def _twin(self) -> re.Pattern[str] | None:
        """The case-sensitive twin, or None where it could answer otherwise."""
        pattern = self.pattern
        return re.compile(pattern.pattern, pattern.flags & ~re.I) if _twin_agrees(pattern) else None

    def search(self, text: str) -> bool:
        """Whether the pattern matches anywhere in `text`."""
        if self._twin is not None and text.isascii():
            return self._twin.search(text.lower()) is not None
        return self.pattern.search(text) is not None

    def match(self, text: str) -> bool:
        """Whether the pattern matches at the start of `text`."""
        if self._twin is not None and text.isascii():
            return self._twin.match(text.lower()) is not None
        return self.pattern.match(text) is not None

    def fullmatch(self, text: str) -> bool:
        """Whether the pattern matches the whole of `text`."""
        if self._twin is not None and text.isascii():
            return self._twin.fullmatch(text.lower()) is not None
        return self.pattern.fullmatch(text) is not None


def _twin_agrees(pattern: re.Pattern[str]) -> bool:
    """Whether the pattern without re.I reads every ASCII text lowered as the pattern reads the text: it is
    case-insensitive (and no locale's), changes no flag inside, refers to no group, and each character or set of
    characters in it matches the same ASCII characters once lowered (no capital without its small letter, none of
    the characters that fold to an ASCII letter from outside, like the Kelvin sign). Lowering an ASCII text moves
    no character and changes no word boundary, so the two then read it alike."""
    flags = pattern.flags
    return bool(flags & re.I) and not flags & re.L and _agrees(_parser.parse(pattern.pattern, flags).data, flags)


_NESTED = {_constants.MAX_REPEAT, _constants.MIN_REPEAT, _constants.POSSESSIVE_REPEAT}
_ATOMS = {_constants.LITERAL, _constants.NOT_LITERAL, _constants.IN}
_PLAIN = {_constants.ANY, _constants.AT, _constants.CATEGORY}


def _agrees(items: list[tuple[Any, Any]], flags: int) -> bool:
    """_twin_agrees over the items of a parsed pattern."""
    for op, av in items:
        if op in _ATOMS:
            found = _atom_agrees(op, av, flags)
        elif op is _constants.BRANCH:
            found = all(_agrees(branch.data, flags) for branch in av[1])
        elif op is _constants.SUBPATTERN:
            found = not av[1] and not av[2] and _agrees(av[3].data, flags)
        elif op in _NESTED:
            found = _agrees(av[2].data, flags)
        elif op in (_constants.ASSERT, _constants.ASSERT_NOT):
            found = _agrees(av[1].data, flags)
        elif op is _constants.ATOMIC_GROUP:
            found = _agrees(av.data, flags)
        else:  # (a group reference or a conditional is not read here)
            found = op in _PLAIN
        if not found:
            return False
    return True


_ASCII = "".join(map(chr, range(128)))
_AGREEING: dict[tuple[Any, str, int], bool] = {}  # (per character item: a pattern names the same letters often)


def _atom_agrees(op: Any, value: Any, flags: int) -> bool:
    """Whether one character's item matches the same ASCII characters with re.I as it matches them lowered
    without: compiled alone both ways and tried on every ASCII character."""
    key = (op, repr(value), flags)
    if key not in _AGREEING:
        read = [_compiler.compile(_parser.SubPattern(_state(f), [(op, value)]), f) for f in (flags, flags & ~re.I)]
        _AGREEING[key] = ([m.start() for m in read[0].finditer(_ASCII)]
                          == [m.start() for m in read[1].finditer(_ASCII.lower())])
    return _AGREEING[key]


def _state(flags: int) -> Any:
    state = _parser.State()
    state.flags = flags
    return state


@lru_cache(maxsize=1)
def _word_lists() -> dict[str, tuple[str, ...]]:
    raw = load_toml("bylines.toml")
    return {name: tuple(w for words in group.values() for w in words) for name, group in raw.items()}


def word_list(name: str) -> tuple[str, ...]:
    """Every language's words of list `name` of data/bylines.toml (affiliation, coauthor, controls,
    organisation, starter, not_name)."""
    return _word_lists()[name]


@lru_cache(maxsize=4)
def between(name: str) -> re.Pattern[str]:
    """A word of list `name` standing between two others in a single-spaced line (' on behalf of ')."""
    words = word_list(name)
    return re.compile(rf" {any_of(words)} ", re.I)


@lru_cache(maxsize=1)
def organisation_word() -> Caseless:
    """A word of an organisation's or a publication's name ('University', 'Today', 'Zeitung')."""
    words = word_list("organisation")
    return Caseless(re.compile(rf"\b{any_of(words)}\b", re.I))


@lru_cache(maxsize=1)
def controls() -> re.Pattern[str]:
    """A page control after a word of a single-spaced line, and the rest of the line ('… View In Digital Edition')."""
    words = word_list("controls")
    return re.compile(rf" {any_of(words)}\b.*$", re.I)


@lru_cache(maxsize=1)
def starter_after() -> re.Pattern[str]:
    """A word and a forum's label after it for who started the thread, the whole line ('jdoe71 Discussion
    starter')."""
    words = word_list("starter")
    return re.compile(rf"(?P<handle>\S+) (?:{'|'.join(words)})", re.I)


@lru_cache(maxsize=1)
def starter_label() -> re.Pattern[str]:
    """A forum's label for who started the thread anywhere in a line ('Thread starter jdoe71', 'jdoe71 Discussion
    starter')."""
    return re.compile(rf"\b{any_of(word_list('starter'))}\b", re.I)


@lru_cache(maxsize=1)
def not_name_word() -> re.Pattern[str]:
    """A word no person's name holds ('Saves', 'Feedbacks', 'Size', 'Kommentare'): a page control's, a field
    label's, a list heading's."""
    words = word_list("not_name")
    return re.compile(rf"\b{any_of(words)}\b", re.I)


# Words that open a byline besides the data's byline prefixes ('Written by', 'Autorin:'), taken off its start.
_OPENER_WORDS = (*(rf"{w}\s+by" for w in ("written", "posted", "published", "reported", "reviewed", "edited",
                                            "fact[- ]checked", "medically reviewed", "photos?", "words", "story",
                                            "text", "report(?:ing)?", "article", "interview", "column")),
                 "author(?:s|in|e|a)?", "autor(?:in|a|es)?", "auteur", "écrit par", "rédigé par", "escrito por",
                 "scritto da", "geschreven door", "ein (?:bericht|beitrag|kommentar|gastbeitrag|interview) von",
                 "gastbeitrag von", "un article de", "un artículo de", "um artigo de", "een artikel van",
                 "un articolo di", "redacción", "text", "texto", "testo", "tekst")


@lru_cache(maxsize=1)
def opener_words() -> tuple[str, ...]:
    """The openers above and, first (the longer: 'Auteur du sujet' before 'Auteur'), a forum's label for who
    started the thread (data/bylines.toml: starter)."""
    return word_list("starter") + _OPENER_WORDS


# Words between names.
AND_WORDS = ("and", "und", "et", "y", "e", "en")
# Words that introduce a byline's date.
STAMP_WORDS = (r"last\supdated", "updated", "posted", "published", r"zuletzt\saktualisiert", "aktualisiert",
               "veröffentlicht", "publié", "mis à jour", "publicado", "actualizado", "pubblicato", "aggiornato",
               "atualizado", "gepubliceerd", "bijgewerkt")
# What cuts a byline into pieces or is taken out of it besides words (cut_words): an address, a mark between pieces,
# an aside, a hyphen not inside a word (one inside, 'Jean-Luc', neither cuts nor is stripped).
CUT_MARKS = r"[@(|/•·–—]|-(?!\w)|(?<!\w)-"
CUT_MARK_CHARS = frozenset("@(|/•·–—-")  # (a match of CUT_MARKS is one of them)


def cut_words() -> tuple[str, ...]:
    """The words that cut a byline or are taken out of it: a stamp word, another credit, an affiliation."""
    return STAMP_WORDS + CREDIT_WORDS + word_list("affiliation")


# The names the line scan (table.scanner) reports two tests of the byline reader under (bylines: _cuts but for its
# marks, which a set's test finds: prose holds many, each a scan's event; _opening): a line it does not name holds no
# match of that test (nor a mark, for the first), which is then not tried. (The words joining names, _NAMES, cost
# the scan more than they spare: 'e' and 'y' stand everywhere.)
CUT_LINES, OPENING_LINES = "line:byline_cut", "line:byline_opening"


def scan_sources() -> list[tuple[str, str, int]]:
    """The name, regex source and flags of each pattern the line scan looks for the byline reader's tests by: each
    finds what its test finds or more (a word's `\\b` edge read as a character of no word or the line's edge,
    which the scan keeps; one pattern per opening word, whose optional marks the scan then spells out)."""
    cut = rf"www\.|(?:^|\W){any_of(cut_words())}"
    opening = [rf"^\W*(?:{word})" for word in (*concept("byline_prefix").sources, *opener_words())]
    return [(CUT_LINES, cut, re.I), *((OPENING_LINES, source, re.I) for source in opening)]


# Credits after the authors name other people: 'Written by A. Edited by B.', 'Photos by C'.
CREDIT_WORDS = ("edited", "photos?", "photographs?", "illustrations?", "graphics?", "video", "additional reporting",
                "fact[- ]checked", "reviewed", "translated", "redigiert", "bearbeitet", "fotos?", "édité", "relu",
                "editado", "traducido", "a cura", "redactie", "bewerkt")
# What opens a line crediting someone other than the writer: a reviewer, an editor, a photographer ('Reviewed by:
# Jane Doe, MD', 'Photo by Jo Kim', 'Fotos: Ole Hansen', 'Crédit photo : …').
_OTHER_ROLES = (*CREDIT_WORDS, "credits?", "crédits?", "courtesy", "images?", "bild(?:er)?", "imagen", "immagine", "imagem",
                "beeld", "geprüft", "überprüft", "revisado", "revisto", "revisionato", "vérifié", "gecontroleerd")
# Words inside a line that name its writer, whatever comes before them: 'Medically reviewed by A — Written by B',
# 'This post was written by B, Head of Marketing'.
_WRITER_WORDS = ("written by", "authored by", "geschrieben von", "verfasst von", "écrit par", "rédigé par", "escrito por",
                 "scritto da", "geschreven door")


@lru_cache(maxsize=1)
def writer_named() -> re.Pattern[str]:
    """Words inside a line that name its writer ('… — Written by Jane Doe')."""
    return re.compile(rf"\b{any_of(_WRITER_WORDS)}\b", re.I)


@lru_cache(maxsize=1)
def _other_role() -> re.Pattern[str]:
    return re.compile(rf"^\W*(?:medically\s+|medizinisch\s+)?{any_of(_OTHER_ROLES)}\b", re.I)


def credits_other(text: str) -> bool:
    """Whether a line opens by crediting someone other than the writer ('Reviewed by: Jane Doe', 'Photo by Jo
    Kim') and names no writer in it ('Medically reviewed by A — Written by B'): the names it gives are no
    author's when the page names one."""
    return _other_role().match(text) is not None and writer_named().search(text) is None
