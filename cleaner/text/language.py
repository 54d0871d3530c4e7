"""Guess a text's language from stop-word counts (cheap, good enough for metadata and features)."""
from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from importlib import resources

_WORD = re.compile(r"\w+", re.UNICODE)
# Fewer matched stop words than this and the guess is too weak to report.
MIN_HITS = 5


@lru_cache(maxsize=1)
def stopwords() -> dict[str, frozenset[str]]:
    """Stop words per language code, from package data."""
    raw = tomllib.loads(resources.files("cleaner.data").joinpath("stopwords.toml").read_text("utf-8"))
    return {lang: frozenset(words) for lang, words in raw.items()}


def guess_language(text: str, sample_words: int = 400) -> str | None:
    """The ISO 639-1 code whose stop words are most frequent in `text`, or None if unclear."""
    words = [w.lower() for w in _WORD.findall(text[: sample_words * 8])][:sample_words]
    scores = {lang: sum(w in sw for w in words) for lang, sw in stopwords().items()}
    lang, hits = max(scores.items(), key=lambda kv: kv[1], default=(None, 0))
    return lang if hits >= MIN_HITS else None
