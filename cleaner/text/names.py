"""What a person's name looks like in a line: two to five capitalised words (particles between them), not a
news agency's name; whether it opens with a known given name; words in capitals after it. The readers of
bylines (bylines.py) and the metadata tagger's features ask these of short lines.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from .byline_words import Caseless
from .rules.patterns import concept, prepare

_PARTICLE_WORDS = ("de", "van", "von", "der", "den", "da", "di", "la", "le", "du", "bin", "al", "del", "dos", "das",
                   "do", "ten", "ter", "y", "e")
_PARTICLES = frozenset(_PARTICLE_WORDS)
_NAME_TOKEN = rf"(?:[A-ZÀ-ÝŁŚŻ][\w'’.-]*|{'|'.join(_PARTICLE_WORDS)})"
_NAME_TOKENS = re.compile(rf"{_NAME_TOKEN}(?: {_NAME_TOKEN})*")  # (tokens joined by single spaces: one match for all)
# Two capitalised words with nothing between them but spaces, punctuation, particles, or what reading a
# byline takes out (an aside in brackets, which glues the words around it; with the second pattern an e-mail
# or web address too, glued to the word before it): every name has such a pair, and most lines of a page have
# none (may_name).
_GAP = rf"[^\w(]|\([^)]*+\)?[\w'’.-]*+|\b(?:{'|'.join(_PARTICLE_WORDS)})\b"
_NAME_PAIR = re.compile(rf"[A-ZÀ-ÝŁŚŻ][\w'’.-]*+(?:{_GAP})*?[A-ZÀ-ÝŁŚŻ]")
_NAME_PAIR_ADDRESSED = re.compile(
    rf"[A-ZÀ-ÝŁŚŻ][\w'’.-]*(?:{_GAP}|[\w.+-]*@\S*|(?i:https?://|www\.)\S*)*?[A-ZÀ-ÝŁŚŻ]")
# A name has 2 to 5 tokens ('Jane Doe', 'Maria José de la Cruz'); one-word bylines ('Admin') are not names.
MIN_NAME_TOKENS, MAX_NAME_TOKENS = 2, 5


@lru_cache(maxsize=1)
def _agency() -> tuple[Caseless, int | None]:
    """The agency concept's one pattern, matched whole, and its most words (the data's shape is checked:
    is_agency reads it without the concept's general match, which also casefolds for a gate it has none of)."""
    agency = concept("agency")
    if agency.mode != "fullmatch" or agency.gate is not None or len(agency.patterns) != 1:
        raise ValueError("the agency concept must be one pattern matched whole, without a gate")
    return Caseless(agency.patterns[0]), agency.max_words


def is_agency(text: str) -> bool:
    """Whether `text` names a news agency (pattern data: agency). A byline's reading asks it of every part
    of every line that may name someone."""
    pattern, most = _agency()
    line = prepare(text.strip(" .()"))
    return bool(line) and pattern.fullmatch(line) and (most is None or len(line.split()) <= most)


def may_name(text: str) -> bool:
    """Whether `text` could give a person name at all (person_name, read_byline): a cheap test that lets a
    line without two capitalised words next to each other skip the reading."""
    addressed = "@" in text or "://" in text or "www." in text.casefold()
    return (_NAME_PAIR_ADDRESSED if addressed else _NAME_PAIR).search(text) is not None


_ROMAN = re.compile(r"[IVX]+")  # 'John Smith III': a generation, not a word in capitals
# What person_name strips off a name's ends besides spaces, full stops and commas.
EDGE_MARKS = ":;()[]"


@lru_cache(maxsize=4096)
def person_name(text: str) -> str | None:
    """`text` as a person's name (capitals kept, ALL-CAPS words title-cased), or None when it is none. (Cached:
    the tagger asks it of a short line that the byline reader asked it of already, as the line's one part.)"""
    tokens = text.strip(" .," + EDGE_MARKS).split()
    if not MIN_NAME_TOKENS <= len(tokens) <= MAX_NAME_TOKENS:
        return None
    joined = " ".join(tokens)
    if _NAME_TOKENS.fullmatch(joined) is None:
        return None
    if tokens[0].lower() in _PARTICLES and not tokens[0][0].isupper() or tokens[-1].lower() in _PARTICLES:
        return None
    # (Each token that matched is a lower-case particle or opens with a capital of _NAME_TOKEN's class, and
    # neither end is a particle: both ends open with a capital unless one opens with '×', the one character
    # of that class that is none: only then may fewer than two tokens open with one.)
    if "×" in (tokens[0][0], tokens[-1][0]) and sum(t[0].isupper() for t in tokens) < 2 or is_agency(joined):
        return None
    if not any(map(str.isupper, tokens)):  # (most names have no ALL-CAPS word to title-case)
        return joined
    return " ".join(t.title() if t.isupper() and len(t) > 2 and not _ROMAN.fullmatch(t) else t for t in tokens)


_INITIAL = re.compile(r"^\w\.?$")


@lru_cache(maxsize=1)
def _given_names() -> frozenset[str]:
    return frozenset(resources.files("cleaner.data").joinpath("given_names.txt").read_text("utf-8").split())


def has_given_name(name: str) -> bool:
    """Whether a person name opens with a known given name (data/given_names.txt, many languages; an
    initial is passed over: 'J. Scott Applewhite'): 'Mary Leverette' is a person, 'Key Takeaways' a heading."""
    for token in name.split():
        if not _INITIAL.match(token):
            return token.strip(".,").casefold() in _given_names()
    return False


def caps_word(token: str) -> bool:
    """Whether `token` is a word in capitals of two letters or more ('TODAY', 'RHEIN-KURIER')."""
    return len(token) > 1 and token.replace("-", "").isalpha() and token.isupper()


def in_capitals(part: str) -> bool:
    """Whether every word of `part` is a word in capitals ('USA TODAY'; not the initials 'J B')."""
    return all(map(caps_word, part.split()))


def caps_after_name(text: str) -> tuple[str, str] | None:
    """A name written in mixed case and the run of words in capitals after it ('Brian Okafor USA TODAY' gives
    ('Brian Okafor', 'USA TODAY')), or None: a name all in capitals ('JOHN SMITH'), one word in capitals after
    given names alone (the surname: 'Anna Maria ROSSI'), a generation ('III'), or a name that opens with no
    known given name ('Comic Sans MS') has none."""
    tokens = text.split()
    k = len(tokens)
    while k and caps_word(tokens[k - 1]) and _ROMAN.fullmatch(tokens[k - 1]) is None:
        k -= 1
    head = tokens[:k]
    if k == len(tokens) or k < MIN_NAME_TOKENS or any(map(caps_word, head)) or not has_given_name(" ".join(head)):
        return None
    if k == len(tokens) - 1 and all(_INITIAL.match(t) or t.strip(".,").casefold() in _given_names() for t in head):
        return None
    return " ".join(head), " ".join(tokens[k:])
