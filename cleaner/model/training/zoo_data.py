"""The zoo's data: classes of page furniture (classes.toml), wordings per language split into train and
test by a stable hash, and the filler of their slots ({author}, {date}, {headline}...). zoo.py uses them.
"""
from __future__ import annotations

import datetime as dt
import random
import re
import zlib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from ...data import load_toml

SPLITS = ("train", "test")
FALLBACK_LANGUAGE = "en"
TEST_SHARE = 3  # of 10: a wording whose CRC-32 mod 10 is below this is a test wording
POSITIONS = ("top", "head", "body", "bottom")
_SLOT = re.compile(r"\{([A-Za-z_]+?)(\d?)\}")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


@dataclass(frozen=True)
class ZooClass:
    """One named class of page furniture, as defined in classes.toml."""

    id: str
    kind: str  # "boilerplate" or "metadata"
    field: str  # metadata field it fills, "none" for boilerplate
    positions: tuple[str, ...]
    shape: str  # line, block, teaser, run, copy, prefix
    reason: str
    standalone: bool = True
    companions: tuple[tuple[str, float], ...] = ()
    repeat: int = 1

    @property
    def needs_wordings(self) -> bool:
        """False for classes made from the document's own text (a second copy)."""
        return self.shape != "copy"

    @property
    def removable(self) -> bool:
        """Whether the injected lines should leave the body (a dateline prefix stays on its body line)."""
        return self.shape != "prefix"


@dataclass(frozen=True)
class Language:
    """Wordings and fillers of one language."""

    code: str
    day_first: bool
    decimal: str
    thousands: str
    fillers: dict[str, Any]
    wordings: dict[str, tuple[str, ...]]


@lru_cache(maxsize=1)
def classes() -> dict[str, ZooClass]:
    """Every zoo class by id, in the order of classes.toml."""
    raw = load_toml("zoo/classes.toml")["classes"]
    out: dict[str, ZooClass] = {}
    for cid, spec in raw.items():
        pos = spec["position"]
        positions = POSITIONS if pos == "anywhere" else tuple([pos] if isinstance(pos, str) else pos)
        out[cid] = ZooClass(
            id=cid, kind=spec["kind"], field=spec["field"], positions=positions, shape=spec["shape"],
            reason=spec["reason"], standalone=spec.get("standalone", True),
            companions=tuple(spec.get("companions", {}).items()), repeat=spec.get("repeat", 1),
        )
    return out


@lru_cache(maxsize=1)
def languages() -> tuple[str, ...]:
    """Language codes that have a wordings file."""
    folder = resources.files("cleaner.data").joinpath("zoo")
    return tuple(sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".toml") and p.name != "classes.toml"))


@lru_cache(maxsize=None)
def language(code: str) -> Language:
    """The wordings and fillers of `code` (raises KeyError for a language without a file)."""
    if code not in languages():
        raise KeyError(code)
    raw = load_toml(f"zoo/{code}.toml")
    return Language(
        code=code, day_first=raw["day_first"], decimal=raw["decimal"], thousands=raw["thousands"],
        fillers=raw["fillers"], wordings={k: tuple(v) for k, v in raw["wordings"].items()},
    )


def split_of(template: str) -> str:
    """"test" or "train" for a wording: CRC-32 of its UTF-8 text mod 10, so adding one moves no other."""
    return "test" if zlib.crc32(template.encode("utf-8")) % 10 < TEST_SHARE else "train"


def wordings(class_id: str, lang: str, split: str | None = None) -> tuple[str, ...]:
    """The wordings of a class in a language, all of them or those of one split."""
    found = language(lang).wordings.get(class_id, ())
    return found if split is None else tuple(w for w in found if split_of(w) == split)


def format_date(day: dt.date, fmt: str, lang: Language) -> str:
    """`day` written with a date format of the language ({d} {dd} {m} {mm} {yyyy} {yy} {month} {mon} {weekday})."""
    f = lang.fillers
    parts = {
        "d": str(day.day), "dd": f"{day.day:02d}", "m": str(day.month), "mm": f"{day.month:02d}",
        "yyyy": str(day.year), "yy": f"{day.year % 100:02d}", "month": f["months"][day.month - 1],
        "mon": f["months_short"][day.month - 1], "weekday": f["weekdays"][day.weekday()],
    }
    return re.sub(r"\{(\w+)\}", lambda m: parts[m.group(1)], fmt)


def format_time(hour: int, minute: int, fmt: str) -> str:
    """A time written with a format ({H} {HH} {MM} {h} {ap} {AP} {a.p.})."""
    h12 = hour % 12 or 12
    pm = hour >= 12
    parts = {
        "H": str(hour), "HH": f"{hour:02d}", "MM": f"{minute:02d}", "h": str(h12),
        "ap": "pm" if pm else "am", "AP": "PM" if pm else "AM", "a.p.": "p.m." if pm else "a.m.",
    }
    return re.sub(r"\{([\w.]+)\}", lambda m: parts[m.group(1)], fmt)


def format_number(value: float, decimals: int, lang: Language) -> str:
    """A number with the language's decimal and thousands separators."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", lang.decimal).replace("\0", lang.thousands)


# Slots drawn from a filler list of the same (plural) name.
_LIST_SLOTS = {
    "topic": "topics", "brand": "brands", "event": "events", "street": "streets", "role": "roles",
    "university": "universities", "language": "languages", "weather": "weather", "ticker": "tickers",
    "price": "prices", "place": "cities", "section": "sections", "publisher": "publishers",
    "agency": "agencies", "city": "cities",
}


# Slots that keep one value through a document (the same author in the byline and the bio).
_DOC_SLOTS = ("author", "author2", "publisher", "agency", "city", "section", "title")


class HeadlinePool:
    """Headlines and snippets of the other bodies of a language, for teasers and inline links."""

    MIN_SIZE = 20  # fewer distinct headlines than this and the language's filler headlines are used

    def __init__(self, lang: Language, items: dict[str, str]):
        self.lang = lang
        self.items = sorted(items.items())  # (headline, snippet), in an order independent of the bodies'

    def _pick(self, rng: random.Random, own: str | None) -> tuple[str, str] | None:
        """Another page's headline and snippet; None now and then, and always when there are few."""
        if len(self.items) < self.MIN_SIZE or rng.random() < 0.1:
            return None
        for _ in range(8):
            item = rng.choice(self.items)
            if item[0] != own:
                return item
        return None

    def headline(self, rng: random.Random, own: str | None) -> str:
        """A headline of another body (not `own`), or one of the language's filler headlines."""
        item = self._pick(rng, own)
        return item[0] if item else rng.choice(self.lang.fillers["headlines"])

    def snippet(self, rng: random.Random, own: str | None) -> str | None:
        """The opening words of another body, cut off with an ellipsis, or None."""
        item = self._pick(rng, own)
        return item[1] if item and item[1] else None


class Filler:
    """Fills the slots of templates for one document of one language."""

    def __init__(self, lang: Language, rng: random.Random, doc: dict[str, Any], pool: "HeadlinePool",
                 own_headline: str | None = None):
        self.lang = lang
        self.rng = rng
        self.doc = doc
        self.pool = pool
        self.own = own_headline  # never offered as another story's headline

    def fill(self, template: str) -> tuple[str, dict[str, str]]:
        """The filled text and the value given to each slot (by slot name as written)."""
        used: dict[str, str] = {}

        def value(match: re.Match[str]) -> str:
            name, index = match.group(1), match.group(2)
            key = name + index
            if key not in used:
                base = name.lower()
                text = self._value(base, index, {v for k, v in used.items() if k.lower().rstrip("0123456789") == base})
                used[key] = text.upper() if name.isupper() and len(name) > 1 else text
            return used[key]

        return _SLOT.sub(value, template), used

    def _value(self, base: str, index: str, taken: set[str]) -> str:
        if base + index in _DOC_SLOTS and base + index in self.doc:
            return str(self.doc[base + index])
        for _ in range(20):
            text = self._fresh(base)
            if text not in taken:
                return text
        return text

    def _fresh(self, base: str) -> str:
        rng, f = self.rng, self.lang.fillers
        if base in ("name", "author"):
            return f"{rng.choice(f['first_names'])} {rng.choice(f['last_names'])}"
        if base in _LIST_SLOTS:
            return rng.choice(f[_LIST_SLOTS[base]])
        if base == "date":
            return format_date(self.doc["date"], rng.choice(f["date_formats"]), self.lang)
        if base == "updated":
            return format_date(self.doc["updated"], rng.choice(f["date_formats"]), self.lang)
        if base == "weekday":
            return f["weekdays"][self.doc["date"].weekday()]
        if base == "time":
            return format_time(rng.randrange(6, 23), rng.randrange(60), rng.choice(f["time_formats"]))
        if base == "year":
            return str(self.doc["date"].year)
        if base == "n":
            return str(rng.randint(2, 12))
        if base == "count":
            return format_number(rng.choice((rng.randint(3, 99), rng.randint(100, 2400))), 0, self.lang)
        if base == "minutes":
            return str(rng.randint(2, 25))
        if base == "duration":
            return f"{rng.randint(0, 14)}:{rng.randrange(60):02d}"
        if base == "headline":
            return self.pool.headline(rng, self.own)
        if base == "domain":
            return self.doc["domain"]
        if base == "url":
            slug = "-".join(self.pool.headline(rng, self.own).lower().split()[:5])
            return f"https://www.{self.doc['domain']}/{re.sub(r'[^a-z0-9-]', '', slug)}-{rng.randint(10000, 999999)}"
        if base == "email":
            return f"{rng.choice(f['email_users'])}@{self.doc['domain']}"
        if base == "handle":
            return "@" + re.sub(r"[^A-Za-z0-9]", "", self.doc["publisher"])
        if base == "value":
            return format_number(rng.uniform(800, 42000), 2, self.lang)
        if base == "change":
            sign = rng.choice("+-")
            return f["percent_format"].format(sign=sign if sign == "+" else "\u2212" if rng.random() < 0.5 else "-",
                                             num=format_number(rng.uniform(0.01, 3.5), 2, self.lang))
        if base == "temp":
            return f"{rng.randint(-8, 36)}\u00b0"
        if base in ("zip", "phone"):
            pattern = rng.choice(f[f"{base}_formats"])
            return "".join(str(rng.randrange(10)) if ch == "#" else ch for ch in pattern)
        raise KeyError(f"unknown slot {{{base}}}")


def slots_of(template: str) -> set[str]:
    """The slot names of a template, lower-cased and without their index ({name2} -> name)."""
    return {m.group(1).lower() for m in _SLOT.finditer(template)}
