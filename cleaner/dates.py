"""Read dates written in text ("August 20, 2025 3:07 pm", "20. August 2025", "2025-08-20") as ISO 8601."""
from __future__ import annotations

import re
import tomllib
from datetime import date
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, int], frozenset[str], list[re.Pattern[str]]]:
    raw = tomllib.loads(resources.files("cleaner.data").joinpath("months.toml").read_text("utf-8"))
    weekdays = frozenset(raw.pop("weekdays"))
    months = {name: num for table in raw.values() for name, num in table.items()}
    month = "(?P<month>" + "|".join(sorted(map(re.escape, months), key=len, reverse=True)) + r")\.?"
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|º|\.)?"
    year = r"(?P<year>(?:19|20)\d\d)"
    patterns = [
        rf"\b{year}-(?P<mnum>[01]?\d)-(?P<day>[0-3]?\d)\b",
        rf"\b{month}\s+{day},?\s+{year}\b",
        rf"\b{day}\s+(?:de\s+)?{month}(?:\s+de)?,?\s+{year}\b",
        rf"\b(?P<day>[0-3]?\d)\.(?P<mnum>[01]?\d)\.{year}\b",
        rf"\b(?P<mnum>[01]?\d)/(?P<day>[0-3]?\d)/{year}\b",
    ]
    return months, weekdays, [re.compile(p, re.IGNORECASE) for p in patterns]


_TIME = re.compile(
    r"\b\d{1,2}(?:[:h.]\d{2}){0,2}\s*(?:[ap]\.?m\.?|uhr|h)(?:\s*(?-i:[A-Z]{2,5})\b)?"
    r"|\b\d{1,2}(?::\d{2}){1,2}(?:\s*(?-i:[A-Z]{2,5})\b)?",
    re.I,
)
# Punctuation, then at most one filler word and more punctuation. (Two adjacent runs of the same
# characters, `[…]*(?:word)?[…]*`, would backtrack in quadratic time when the line goes on.)
_FILLER = re.compile(r"^[\s,.|·•@–—\-:/()]*+(?:(?:at|um|à|a las|le|am|el|on|the|of|de)[\s,.|·•@–—\-:/()]*+)?$", re.I)


def find_date(text: str) -> tuple[str, re.Match[str]] | None:
    """The first valid date in `text` as YYYY-MM-DD, with the match that held it."""
    months, _, patterns = _tables()
    best: tuple[str, re.Match[str]] | None = None
    for pattern in patterns:
        for found in pattern.finditer(text):
            parts = found.groupdict()
            month = int(parts["mnum"]) if parts.get("mnum") else months.get(parts["month"].lower().rstrip("."))
            try:
                iso = date(int(parts["year"]), month or 0, int(parts["day"])).isoformat()
            except (TypeError, ValueError):
                continue
            if best is None or found.start() < best[1].start():
                best = (iso, found)
            break
    return best


def parse_date(text: str) -> str | None:
    """The first date written in `text`, as YYYY-MM-DD (None when there is none)."""
    found = find_date(text)
    return found[0] if found else None


def is_date_line(text: str) -> bool:
    """Whether `text` says nothing but a date (with optional weekday and time)."""
    found = find_date(text)
    if not found:
        return False
    _, weekdays, _ = _tables()
    rest = text[: found[1].start()] + " " + text[found[1].end():]
    rest = _TIME.sub(" ", rest)
    rest = " ".join(w for w in rest.split() if w.lower().strip(",.") not in weekdays)
    return bool(_FILLER.match(rest))
