"""Guess a text's language from stop-word counts (cheap, good enough for metadata and features)."""
from __future__ import annotations

import re
from functools import lru_cache

from ..data import load_toml

_WORD = re.compile(r"\w+", re.UNICODE)
# A URL or a host name ("https://ift.tt/x", "www.heise.de", "netzpolitik.org") is no word of the text: its
# labels ("de", "org", "at") must not count as stop words. (A URL is taken from its word's start only: from
# anywhere inside a word, `\S*` would read the rest of the word at each of its characters.)
_ADDRESS = re.compile(r"(?<!\S)\S*(?:https?://|www\.)\S*|(?<![\w.])(?:[\w-]{2,}\.)+[a-z]{2,}(?:/\S*)?(?!\w|\.\w)")
# What every address holds: a URL's scheme or 'www.', or a host name's dot between a word's character and a letter.
# A text without it (most of them) is not searched for addresses.
_MAY_ADDRESS = re.compile(r"[\w-]\.[a-z]|https?://|www\.")


def without_addresses(text: str) -> str:
    """`text` with each URL and host name replaced by a space."""
    return _ADDRESS.sub(" ", text) if _MAY_ADDRESS.search(text) else text


# Fewer matched stop words than this and the guess is too weak to report.
MIN_HITS = 5


@lru_cache(maxsize=1)
def stopwords() -> dict[str, frozenset[str]]:
    """Stop words per language code, from package data."""
    raw = load_toml("stopwords.toml")
    return {lang: frozenset(words) for lang, words in raw.items()}


@lru_cache(maxsize=1)
def _languages_of() -> dict[str, tuple[str, ...]]:
    """Each stop word and the languages whose list holds it: a text's words are looked up once, not once
    per language."""
    out: dict[str, tuple[str, ...]] = {}
    for lang, words in stopwords().items():
        for word in words:
            out[word] = (*out.get(word, ()), lang)
    return out


def guess_language(text: str, sample_words: int = 400) -> str | None:
    """The ISO 639-1 code whose stop words are most frequent in `text`, or None if unclear."""
    words = [w.lower() for w in _WORD.findall(without_addresses(text[: sample_words * 8]))][:sample_words]
    scores = dict.fromkeys(stopwords(), 0)  # (in the data's order: a tie goes to the language listed first)
    languages_of = _languages_of()
    for word in words:
        for lang in languages_of.get(word, ()):
            scores[lang] += 1
    lang, hits = max(scores.items(), key=lambda kv: kv[1], default=(None, 0))
    return lang if hits >= MIN_HITS else None
