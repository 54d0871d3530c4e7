"""Read dates written in text or markup as ISO 8601: "August 20, 2025 3:07 pm", "20. August 2025",
"Publié le 18 juillet 2025 à 09h30", "12/02/2025" (day first in a day-first language), "2025-08-20".

Dates are found with regexes built from the month names in data/months.toml (fast enough to try
on every line); the date and time of a found date are then read by dateparser with the document's
language, which knows the languages' day/month order and time zones.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timezone
from functools import lru_cache

from ..data import load_toml


_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|º|°|\.)?"
_YEAR_GROUP = r"(?P<year>(?:19|20)\d\d)"
# What follows the month in a date written month first ('August 20, 2025').
_MONTH_FIRST_TAIL = rf"\s+{_DAY},?\s+{_YEAR_GROUP}\b"
# Where a date written month first may stand: a letter (each month name ends with one) and the same tail. An
# alternation of every month name is tried at each letter of a line; this, only where a day and a year follow.
_MONTH_FIRST_GATE = re.compile(rf"[^\W\d_]\.?{_MONTH_FIRST_TAIL}", re.I)


@dataclass(frozen=True)
class _Tables:
    months: dict[str, int]
    weekdays: frozenset[str]
    day_first: frozenset[str]
    sources: tuple[tuple[str, int], ...]  # the named-month regexes, then the all-number one, with their flags
    languages: tuple[str, ...]  # the languages whose month names are read


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    raw = load_toml("months.toml")
    weekdays = frozenset(raw.pop("weekdays"))
    day_first = frozenset(raw.pop("day_first"))
    months = {name: num for table in raw.values() for name, num in table.items()}
    if not all(name[-1:].isalpha() for name in months):
        raise ValueError("each month name must end with a letter (find_date's gate looks for one)")
    month = "(?P<month>" + "|".join(sorted(map(re.escape, months), key=len, reverse=True)) + r")\.?"
    day, year = _DAY, _YEAR_GROUP
    named = (
        rf"\b{month}{_MONTH_FIRST_TAIL}",
        rf"\b{day}\s*(?:de\s+|-)?{month}(?:\s+de|-)?,?\s+{year}\b",
        rf"\b{day}-{month}-{year}\b",
        rf"\b{year}\s+{month}\s+{day}(?=\s*(?:[;:,.)]|$))",  # year first, as a citation writes it ('2023 Jan 7;15(1)')
    )
    # (an ISO day may go on with its time: '2022-11-23T08:10+02:00')
    numeric = (rf"\b(?:{year}(?P<sep1>[-/.])(?P<m1>[01]?\d)(?P=sep1)(?P<d1>[0-3]?\d)(?![\d/.-]\d)(?:(?=T\d)|\b)"
               rf"|(?P<a>[0-3]?\d)(?P<sep2>[-/]|\.\s?)(?P<b>[0-3]?\d)(?P=sep2)(?P<year2>(?:19|20)\d\d)\b)")
    return _Tables(months, weekdays, day_first, (*((p, re.I) for p in named), (numeric, 0)), tuple(raw))


def date_sources() -> tuple[tuple[str, int], ...]:
    """The source and flags of every regex find_date tries, uncompiled (the line scan reads the sources;
    compiling them costs a start-up that reads no date)."""
    return _tables().sources


@lru_cache(maxsize=1)
def date_patterns() -> tuple[re.Pattern[str], ...]:
    """Every regex find_date tries (a line none of them matches holds no date): the named-month ones, then
    the all-number one."""
    return tuple(re.compile(source, flags) for source, flags in date_sources())


def month_languages() -> tuple[str, ...]:
    """The languages whose dates are read in words (data/months.toml)."""
    return _tables().languages


def day_first(language: str | None) -> bool:
    """Whether all-number dates of `language` put the day first (English: month first)."""
    return (language or "en").split("-")[0].lower() in _tables().day_first


@dataclass(frozen=True)
class FoundDate:
    """A date found in text: its ISO day and where it was written."""

    iso: str
    start: int
    end: int


def _valid(year: int, month: int | None, day: int) -> str | None:
    try:
        return date(year, month or 0, day).isoformat()
    except (TypeError, ValueError):
        return None


_YEAR = re.compile(r"(?:19|20)\d\d")


def has_year(text: str) -> bool:
    """Whether `text` writes a year of four digits: every date pattern holds one, so a text without one matches
    none of date_patterns() (most lines with a digit have none: the check spares the patterns' search)."""
    return _YEAR.search(text) is not None


def find_date(text: str, language: str | None = None) -> FoundDate | None:
    """The first valid date written in `text` (month names in seven languages, or all numbers read in
    `language`'s day/month order), or None."""
    if not has_year(text):
        return None
    tables = _tables()
    *named, numeric = date_patterns()
    best: FoundDate | None = None
    for k, pattern in enumerate(named):
        if k == 0 and _MONTH_FIRST_GATE.search(text) is None:  # (the first is the month-first pattern)
            continue
        for found in pattern.finditer(text):
            iso = _valid(int(found["year"]), tables.months.get(found["month"].lower().rstrip(".")), int(found["day"]))
            if iso and (best is None or found.start() < best.start):
                best = FoundDate(iso, found.start(), found.end())
            if iso:
                break
    dmy = day_first(language)
    for found in numeric.finditer(text):
        if best is not None and found.start() >= best.start:
            break
        if found["year"]:
            iso = _valid(int(found["year"]), int(found["m1"]), int(found["d1"]))
        else:
            a, b = int(found["a"]), int(found["b"])
            first_is_day = dmy or a > 12 or found["sep2"][0] == "."  # 12.02.2025 (14. 1. 2020) is day first everywhere
            if first_is_day and b > 12 >= a:  # unless only the other order is a day ('06.18.2025', '05/31/2024')
                first_is_day = False
            iso = _valid(int(found["year2"]), b if first_is_day else a, a if first_is_day else b)
        if iso:
            best = FoundDate(iso, found.start(), found.end())
            break
    return best


def parse_date(text: str, language: str | None = None) -> str | None:
    """The first date written in `text`, as YYYY-MM-DD (None when there is none)."""
    found = find_date(text, language)
    return found.iso if found else None


_ZONE = r"(?:\s*(?-i:[A-Z]{2,5}|[+-]\d{2}:?\d{2})\b)?"
_TIME = re.compile(  # (each way opens with a digit: where none stands, one test fails, not three)
    rf"\b(?=\d)(?:\d{{1,2}}[hu]\d{{2}}\b{_ZONE}"
    rf"|\d{{1,2}}(?:[:.]\d{{2}}){{1,2}}(?:\s*(?:[ap]\.?\s?m\b\.?|uhr\b|uur\b|h\b))?{_ZONE}"
    rf"|\d{{1,2}}\s*(?:[ap]\.?\s?m\b\.?|uhr\b|uur\b){_ZONE})",
    re.I,
)
# What may stand between a date and its time: punctuation and the word for 'at' in seven languages.
# (Punctuation, then at most one word and more punctuation, written possessively: two adjacent runs
# of the same characters around an optional word backtrack in quadratic time when the line goes on.)
_JOIN = re.compile(r"^[\s,|·•@–—\-/]*+(?:(?:at|um|à|a las|a la|às|alle|ore|om|o|kl\.?)[\s,|·•@–—\-/]*+)?$", re.I)
_FILLER = re.compile(r"^[\s,.|·•@–—\-:/()]*+(?:(?:at|um|à|a las|le|am|el|on|the|of|de|às|em|alle|ore|il|om|op)"
                     r"[\s,.|·•@–—\-:/()]*+)?$", re.I)


def is_date_line(text: str, language: str | None = None, found: FoundDate | None = None) -> bool:
    """Whether `text` says nothing but a date (with optional weekday and time); `found`: its first date when
    the caller has it (find_date's of the same text and language)."""
    if found is None:
        found = find_date(text, language)
    if not found:
        return False
    rest = text[: found.start] + " " + text[found.end:]
    rest = _TIME.sub(" ", rest)
    rest = " ".join(w for w in rest.split() if w.lower().strip(",.") not in _tables().weekdays)
    return bool(_FILLER.match(rest))


# An all-number date with a two-digit year ('19-2-24', '03.04.21', '5/14/19'): only on a line that says
# nothing else (short_date_line), where the short year cannot be a count or a score.
_SHORT = re.compile(r"(?<![\d./-])(?P<a>[0-3]?\d)(?P<sep>[-./])(?P<b>[01]?\d)(?P=sep)(?P<y>\d\d)(?![\d./-])")


def short_date_line(text: str) -> str | None:
    """The ISO day of a line that says nothing but an all-number date with a two-digit year (with optional
    weekday and time): day first with '-' and '.', month first with '/' unless the first number is above 12
    (as find_date reads a date of unknown language); years 00-69 are 20xx. None for anything else."""
    found = _SHORT.search(text)
    if found is None:
        return None
    a, b, short = int(found["a"]), int(found["b"]), int(found["y"])
    first_is_day = a > 12 or found["sep"] != "/"
    iso = _valid(short + (2000 if short < 70 else 1900), b if first_is_day else a, a if first_is_day else b)
    rest = _TIME.sub(" ", text[: found.start()] + " " + text[found.end():])
    rest = " ".join(w for w in rest.split() if w.lower().strip(",.") not in _tables().weekdays)
    return iso if iso and _FILLER.match(rest) else None


def _time_after(text: str, found: FoundDate) -> re.Match[str] | None:
    """The time written right after (or right before) a found date, if any."""
    for m in _TIME.finditer(text):
        between = text[found.end:m.start()] if m.start() >= found.end else text[m.end():found.start]
        if (m.start() >= found.end or m.end() <= found.start) and _JOIN.match(between):
            return m
    return None


@lru_cache(maxsize=4096)
def _dateparser(text: str, language: str | None) -> datetime | None:
    import dateparser

    languages = [language] if language and language in dateparser_languages() else None
    try:
        return dateparser.parse(text, languages=languages,
                                settings={"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["day", "month", "year"],
                                          "DATE_ORDER": "DMY" if day_first(language) else "MDY"})
    except (ValueError, OverflowError, TypeError):  # dateparser raises on some odd inputs
        return None


@lru_cache(maxsize=1)
def dateparser_languages() -> frozenset[str]:
    """The languages dateparser knows (its locale map's keys)."""
    from dateparser.languages import default_loader

    return frozenset(default_loader.get_locale_map())


def read_date(text: str, language: str | None = None) -> tuple[str, str | None] | None:
    """The first date in `text` as (YYYY-MM-DD, full ISO timestamp or None when no time is written).

    The time next to the date is read by dateparser together with the date (zones such as CET kept
    as an offset); the day is always the one found here, so dateparser cannot move it.
    """
    found = find_date(text, language)
    if not found:
        return None
    clock = _time_after(text, found)
    if clock is None:
        return found.iso, None
    span = text[min(found.start, clock.start()):max(found.end, clock.end())]
    span = re.sub(r"(\d)[h.](\d\d)\b(?![./-]\d)", r"\1:\2", span)  # 09h30, 06.00
    parsed = _dateparser(span, language)
    if parsed is None or parsed.date().isoformat() != found.iso:
        return found.iso, None
    seconds = re.search(r"\d:\d\d:\d\d", span) is not None
    return found.iso, parsed.isoformat(timespec="seconds" if seconds else "minutes")


_UPDATE = re.compile(r"\b(?:updated?|modified|revised|edited|aktualisiert|geändert|bearbeitet|stand:|mis à jour|modifié|actualisé|"
                     r"actualizado|modificado|actualización|aggiornat[oa]|aggiornamento|modificato|atualizad[oa]|"
                     r"atualização|bijgewerkt|gewijzigd|bewerkt|laatste wijziging)", re.I)
_PUBLISH = re.compile(r"\b(?:published|posted|first|veröffentlicht|erschienen|publié|publicado|pubblicato|"
                      r"gepubliceerd|geplaatst)\b", re.I)


def is_update_stamp(text: str) -> bool:
    """Whether a date line says when the article was updated rather than published ('Last updated: …')."""
    update = _UPDATE.search(text)
    publish = _PUBLISH.search(text)
    return update is not None and (publish is None or publish.start() > update.start())


def published_after_update(text: str) -> tuple[str, str] | None:
    """A line that tells the last update first and then when the article was first published ('Updated May 9, 2024
    Originally published May 2, 2024'), cut into (its publication part, its update part); None for any other line."""
    update = _UPDATE.search(text)
    publish = _PUBLISH.search(text, update.end()) if update is not None else None
    if publish is None or not has_year(text[publish.end():]) or not has_year(text[:publish.start()]):
        return None
    return text[publish.start():], text[:publish.start()]


def normalize(value: str | None, language: str | None = None) -> tuple[str | None, str | None]:
    """A date from markup or text ('2025-12-05T11:00:22.000Z', 'Tue, 05 Dec 2025 11:00:22 GMT', '5 mai 2025')
    as (YYYY-MM-DD, full ISO timestamp or None when the value holds a day only)."""
    value = (value or "").strip()
    if not value:
        return None, None
    iso = re.match(r"^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?)(?:[.,]\d+)?\s*(Z|[+-]\d{2}:?\d{2})?)?$", value)
    if iso:
        if not _valid(*map(int, iso[1].split("-"))):  # type: ignore[misc]
            return None, None
        if not iso[2]:
            return iso[1], None
        zone = iso[3] or ""
        try:
            stamp = datetime.fromisoformat(f"{iso[1]}T{iso[2]}{'+00:00' if zone == 'Z' else zone}")
        except ValueError:
            return iso[1], None
        if stamp.tzinfo == timezone.utc and zone == "Z":
            return iso[1], stamp.isoformat().replace("+00:00", "Z")
        return iso[1], stamp.isoformat()
    found = read_date(value, language)
    if found:
        return found
    parsed = _dateparser(value, language) if len(value) <= 60 else None
    if parsed is None or not 1900 <= parsed.year <= 2100:
        return None, None
    has_time = bool(parsed.hour or parsed.minute or parsed.second)
    return parsed.date().isoformat(), parsed.isoformat() if has_time else None
