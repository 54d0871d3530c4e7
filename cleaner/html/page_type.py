"""What kind of page this is (article, forum, listing...), read from DOM and text facts the HTML stage
already has: the blocks, trafilatura's choice, the tree and the URL (no second parse).

The facts are few and cheap; a small multinomial logistic model over them (data/page_types.json,
trained by cleaner.model.training.page_type_fit on wcxb-dev's labels) names the type, pure Python.
"""
from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

from ..data import load_toml
from ..text.dates import date_patterns, has_year
from ..text.rules.patterns import concept
from .dom import HEADINGS, DomBlock, Page

TYPES = ("article", "collection", "documentation", "forum", "listing", "product", "service")
# A head of a post (a handle and a date, 'raoul May 3, 2024, 8:45am') is a short line: past this many
# words a date sits inside prose.
HEAD_MAX_WORDS = 16
# A sibling run counts elements whose block-level tag makes them a card (not inline links or spans).
CARD_TAGS = frozenset({"div", "article", "li", "section", "tr"})
# Elements counted (log-scaled) as facts of their own.
COUNTED_TAGS = ("form", "input", "textarea", "pre", "code", "time", "article", "table", "img", "h2")
# The elements the facts read: counted ones, cards, JSON-LD scripts and meta tags (lxml skips the others).
_COUNTED = tuple(sorted({*COUNTED_TAGS, *CARD_TAGS, "script", "meta"}))
_URL_WORDS = re.compile(r"[^\W\d_]+")
_LD_TYPE = re.compile(r'"@type"\s*:\s*(?:\[\s*)?"([^"]+)"')
_ASCII_DIGIT = re.compile(r"[0-9]")
_CURRENCY = re.compile(r"[$€£¥₹]\s?\d|\d\s?(?:[$€£¥₹]|eur|usd|gbp|chf|kr)\b", re.I)
# Joins the blocks' texts for one search of a pattern over all of them: neither a word character nor
# whitespace, so no match runs from one block into the next.
_APART = "\x00"


@dataclass(frozen=True)
class Hints:
    """Words of the URL, markup values and shop words that hint at a type (package data `data/page_types.toml`)."""

    url: dict[str, frozenset[str]]
    markup: dict[str, frozenset[str]]
    shop: re.Pattern[str]


@lru_cache(maxsize=1)
def hints() -> Hints:
    """The hint lists, loaded once."""
    raw = load_toml("page_types.toml")
    shop = re.compile(r"\b(?:" + "|".join(map(re.escape, raw["shop"]["words"])) + r")\b", re.I)
    return Hints({k: frozenset(v) for k, v in raw["url"].items()},
                 {k: frozenset(v) for k, v in raw["markup"].items()}, shop)


def _share(part: float, whole: float) -> float:
    return part / whole if whole else 0.0


def _has_digit(text: str) -> bool:
    """Whether a character of `text` is a digit (str.isdigit: other scripts' digits and superscripts too); an ASCII
    text, whose only digits are 0-9, is searched in one regex call instead of a method call per character."""
    return _ASCII_DIGIT.search(text) is not None if text.isascii() else any(map(str.isdigit, text))


def _head(block: DomBlock) -> bool:
    """Whether a short line reads as a post's head: a date, a clock time or a relative time on it."""
    text = block.text
    if block.words > HEAD_MAX_WORDS or not _has_digit(text):
        return False
    return ((has_year(text) and any(p.search(text) for p in date_patterns()))
            or concept("clock_time").match(text) is not None or concept("relative_time").match(text) is not None)


def facts(page: Page, kept: list[bool], url: str | None) -> dict[str, float]:
    """The page's facts the classifier reads: shares of its words, counts (log-scaled) and hint hits."""
    h = hints()
    blocks = page.blocks
    words = chars = links = kept_words = comment_words = list_words = para_words = short = headings = heads = 0
    for b, k in zip(blocks, kept):
        n = b.words
        words += n
        chars += len(b.text)
        links += b.link_chars
        if k:
            kept_words += n
        if b.marks and any("comments" in names for _, names in b.marks):
            comment_words += n
        if b.list_item:
            list_words += n
        tag = b.tag
        if tag == "p":
            para_words += n
        elif tag in HEADINGS:
            headings += 1
        if n < 5:
            short += 1
        if n <= HEAD_MAX_WORDS and _head(b):
            heads += 1
    # The patterns run over all the blocks' text at once, joined by a character none of them matches.
    every = _APART.join(b.text for b in blocks)
    short_lines = _APART.join(b.text for b in blocks if b.words <= HEAD_MAX_WORDS)
    f: dict[str, float] = {
        "log_words": math.log1p(words),
        "log_blocks": math.log1p(len(blocks)),
        "link_share": _share(links, chars),
        "kept_share": _share(kept_words, words),
        "comments_share": _share(comment_words, words),
        "list_share": _share(list_words, words),
        "para_share": _share(para_words, words),
        "short_share": _share(short, len(blocks)),
        "headings_per_100_blocks": 100 * _share(headings, len(blocks)),
        "log_heads": math.log1p(heads),
        "log_prices": math.log1p(len(_CURRENCY.findall(every))),
        "log_shop": math.log1p(len(h.shop.findall(short_lines))),
    }
    tags: Counter[str] = Counter()
    cards: list[tuple[object, str, str]] = []  # (parent, tag, class): the parent itself, as an id() of a proxy is reused
    markup: set[str] = set()
    for el in page.tree.iter(*_COUNTED):
        tag = el.tag
        tags[tag] += 1
        if tag in CARD_TAGS:
            cls = el.get("class")
            if cls:
                cards.append((el.getparent(), tag, cls))
        elif tag == "script" and el.get("type") == "application/ld+json" and el.text:
            markup.update(t.lower() for t in _LD_TYPE.findall(el.text))
        elif tag == "meta" and el.get("property") == "og:type":
            markup.add("og:" + (el.get("content") or "").strip().lower())
    for name in COUNTED_TAGS:
        f[f"log_{name}"] = math.log1p(tags[name])
    f["log_card_run"] = math.log1p(max(Counter(cards).values(), default=0))  # counted at once, not per card
    path = urlsplit(url or "").path.lower()
    url_words = set(_URL_WORDS.findall(path))
    f["url_depth"] = float(len([s for s in path.split("/") if s]))
    for kind, listed in h.url.items():
        f[f"url_{kind}"] = float(bool(url_words & listed))
    for kind, listed in h.markup.items():
        f[f"markup_{kind}"] = float(bool(markup & listed))
    return f


@dataclass(frozen=True)
class TypeModel:
    """A multinomial logistic model over standardised facts: the type with the highest score wins."""

    names: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    types: tuple[str, ...]
    coef: tuple[tuple[float, ...], ...]
    intercept: tuple[float, ...]

    def scores(self, found: dict[str, float]) -> dict[str, float]:
        """Probability of each type given the page's facts."""
        x = [(found.get(n, 0.0) - m) / s for n, m, s in zip(self.names, self.mean, self.scale)]
        z = [b + sum(w * v for w, v in zip(row, x)) for row, b in zip(self.coef, self.intercept)]
        top = max(z)
        e = [math.exp(v - top) for v in z]
        total = sum(e)
        return {t: v / total for t, v in zip(self.types, e)}

    def to_json(self) -> str:
        """The model as JSON text (what load() reads)."""
        return json.dumps({"names": self.names, "mean": self.mean, "scale": self.scale, "types": self.types,
                           "coef": self.coef, "intercept": self.intercept}, indent=1) + "\n"


def default_path() -> Path:
    """The shipped model file."""
    return Path(str(resources.files("cleaner.data").joinpath("page_types.json")))


@lru_cache(maxsize=8)
def load(path: str | None = None) -> TypeModel:
    """The model stored at `path` (the shipped one by default), loaded once per path."""
    raw = json.loads(Path(path or default_path()).read_text(encoding="utf-8"))
    return TypeModel(tuple(raw["names"]), tuple(raw["mean"]), tuple(raw["scale"]), tuple(raw["types"]),
                     tuple(tuple(r) for r in raw["coef"]), tuple(raw["intercept"]))


def classify(page: Page, kept: list[bool], url: str | None, model_file: str | None = None) -> dict[str, float]:
    """The probability of each type for the page, under the model at `model_file` (the shipped one by default)."""
    return load(model_file).scores(facts(page, kept, url))
