"""Guess a text's language from stop-word counts (cheap, good enough for metadata and features)."""
from __future__ import annotations

import re
from functools import lru_cache

from ..data import load_toml

_WORD = re.compile(r"\w+", re.UNICODE)
# A URL or a host name ("https://ift.tt/x", "www.heise.de", "netzpolitik.org") is no word of the text: its
# labels ("de", "org", "at") must not count as stop words.
_ADDRESS = re.compile(r"\S*(?:https?://|www\.)\S*|(?<![\w.])(?:[\w-]{2,}\.)+[a-z]{2,}(?:/\S*)?(?!\w|\.\w)")
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
    words = [w.lower() for w in _WORD.findall(_ADDRESS.sub(" ", text[: sample_words * 8]))][:sample_words]
    scores = dict.fromkeys(stopwords(), 0)  # (in the data's order: a tie goes to the language listed first)
    languages_of = _languages_of()
    for word in words:
        for lang in languages_of.get(word, ()):
            scores[lang] += 1
    lang, hits = max(scores.items(), key=lambda kv: kv[1], default=(None, 0))
    return lang if hits >= MIN_HITS else None
