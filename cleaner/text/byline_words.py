"""The words a byline line carries around its names, from data/bylines.toml (an affiliation, a co-author's
'with', page controls, an organisation's name, a forum's thread starter) and the words no name holds, as patterns
for bylines.py.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..data import load_toml


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
def organisation_word() -> re.Pattern[str]:
    """A word of an organisation's or a publication's name ('University', 'Today', 'Zeitung')."""
    words = word_list("organisation")
    return re.compile(rf"\b{any_of(words)}\b", re.I)


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
