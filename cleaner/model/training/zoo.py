"""The boilerplate zoo: real article bodies wrapped in named boilerplate, with a label on every line.

Each class of page furniture (classes.toml) has wordings per language (<lang>.toml), templates
with slots such as {author}, {date} or {headline} filled from per-language filler lists. Wordings
are split into train and test by a stable hash of their text, so a model trained on the train
wordings can be scored on wordings it never saw. `generate` turns bodies into `ZooDoc`s: the dump
text in one of three layouts, one label per non-empty line (aligned with `cleaner.text.segment`), the
injected items, and the metadata values that went in.
"""
from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from .zoo_data import (
    FALLBACK_LANGUAGE, POSITIONS, SPLITS, _SENTENCE_END, Filler, HeadlinePool, Language, ZooClass, classes, language,
    languages, wordings,
)

BODY = "body"
LAYOUTS = ("blank", "blocks", "flat")


# ---------------------------------------------------------------------------
# Headlines and snippets from other bodies
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Body:
    """An article body to wrap: paragraphs separated by blank lines, with where it came from."""

    id: str
    site: str
    language: str
    text: str
    title: str | None = None


def _paragraphs(text: str) -> list[list[str]]:
    """Non-empty stripped lines of each blank-line-separated paragraph (split as `segment` splits)."""
    paras: list[list[str]] = []
    current: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        if line:
            current.append(line)
        elif current:
            paras.append(current)
            current = []
    if current:
        paras.append(current)
    return paras


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _headline_of(body: Body) -> str | None:
    if body.title and 3 <= len(body.title.split()) <= 20:
        return _one_line(body.title)
    for para in _paragraphs(body.text)[:3]:
        first = _SENTENCE_END.split(para[0])[0].rstrip(".")
        if 6 <= len(first.split()) <= 16:
            return first
    return None


def _snippet_of(body: Body, rng: random.Random) -> str:
    paras = _paragraphs(body.text)
    words = " ".join(paras[0]).split() if paras else []
    if len(words) < 12:
        return ""
    return " ".join(words[: rng.randint(12, 28)]).rstrip(",;:") + rng.choice(("...", "\u2026", " ..."))


def _pools(bodies: Sequence[Body], seed: int) -> dict[str, HeadlinePool]:
    by_lang: dict[str, dict[str, str]] = {code: {} for code in languages()}
    for body in sorted(bodies, key=lambda b: b.id):
        headline = _headline_of(body)
        if headline:
            rng = random.Random(f"{seed}|snippet|{body.id}")
            by_lang[_zoo_language(body.language)].setdefault(headline, _snippet_of(body, rng))
    return {code: HeadlinePool(language(code), items) for code, items in by_lang.items()}


def _zoo_language(code: str | None) -> str:
    code = (code or "").lower().split("-")[0].split("_")[0]
    return code if code in languages() else FALLBACK_LANGUAGE


# ---------------------------------------------------------------------------
# Documents
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    """One injected piece of boilerplate: its class and the blocks it covers (indices into `segment`)."""

    cls: str
    start: int
    end: int  # exclusive
    removable: bool = True


@dataclass
class ZooDoc:
    """A generated dump with a label for every non-empty line and the metadata that went into it."""

    id: str
    site: str
    language: str
    layout: str
    split: str
    text: str
    labels: list[str]
    metadata: dict[str, Any]
    body: str  # the body as it stands in the dump (gold for the body metric)
    items: list[Item] = field(default_factory=list)
    clean: bool = False


METADATA_KEYS = ("title", "authors", "publisher", "date", "updated", "dateline", "section",
                 "image_caption", "image_credit", "author_bio")


@dataclass
class _Unit:
    """Lines printed together (a paragraph, a block), with their label."""

    lines: list[str]
    label: str
    prefix: str | None = None  # class of a prefix put in front of the first line (which keeps `label`)


def generate(bodies: Iterable[Body], *, split: str, seed: int, layouts: Sequence[str] = LAYOUTS,
             clean_share: float = 0.1) -> Iterator[ZooDoc]:
    """Wrap each body in boilerplate of the `split`'s wordings: one `ZooDoc` per body with text.

    The boilerplate is in the body's language (English for languages without wordings). A share
    `clean_share` of the documents get no boilerplate at all. The same bodies, split and seed give
    byte-identical documents; each document depends only on its own body, the seed and the
    headlines of the other bodies.
    """
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, not {split!r}")
    unknown = set(layouts) - set(LAYOUTS)
    if unknown or not layouts:
        raise ValueError(f"layouts must be among {LAYOUTS}, not {tuple(layouts)!r}")
    bodies = list(bodies)
    pools = _pools(bodies, seed)
    for body in bodies:
        if _paragraphs(body.text):
            yield _document(body, pools, split=split, seed=seed, layouts=tuple(layouts), clean_share=clean_share)


def _document(body: Body, pools: dict[str, HeadlinePool], *, split: str, seed: int, layouts: tuple[str, ...],
              clean_share: float) -> ZooDoc:
    rng = random.Random(f"{seed}|{split}|{body.id}")
    code = _zoo_language(body.language)
    lang = language(code)
    layout = rng.choice(layouts)
    paras = _paragraphs(body.text)
    clean = rng.random() < clean_share
    meta: dict[str, Any] = dict.fromkeys(METADATA_KEYS)
    if clean:
        units = [_Unit(lines, BODY) for lines in paras]
    else:
        units = _Page(body, lang, split, rng, pools[code], meta, paras).units()
    text, labels, items = _render(units, layout, rng)
    gold = "\n\n".join("\n".join(u.lines) for u in units if u.label == BODY)
    meta["authors"] = meta["authors"] or []
    return ZooDoc(id=f"{body.id}@{split}", site=body.site, language=code, layout=layout, split=split, text=text,
                  labels=labels, metadata=meta, body=gold, items=items, clean=clean)


def _context(body: Body, lang: Language, rng: random.Random) -> dict[str, Any]:
    """The values a page keeps throughout: its author(s), publisher, agency, city, section, dates, title."""
    f = lang.fillers
    date = dt.date(2012, 1, 1) + dt.timedelta(days=rng.randrange(14 * 365))
    publisher = rng.choice(f["publishers"])
    authors: list[str] = []
    while len(authors) < 2:
        name = f"{rng.choice(f['first_names'])} {rng.choice(f['last_names'])}"
        if name not in authors:
            authors.append(name)
    doc: dict[str, Any] = {
        "author": authors[0], "author2": authors[1], "publisher": publisher, "agency": rng.choice(f["agencies"]),
        "city": rng.choice(f["cities"]), "section": rng.choice(f["sections"]), "date": date,
        "updated": date + dt.timedelta(days=rng.choice((0, 0, 1, 2))),
        "domain": body.site if "." in body.site else re.sub(r"[^a-z0-9]", "", publisher.lower()) + f["tld"],
    }
    title = _one_line(body.title or "")
    if title:
        doc["title"] = title
    return doc


def filler_for(code: str, seed: int, title: str = "A title") -> Filler:
    """A `Filler` for one made-up page in language `code`, filling slots as `generate` does."""
    lang = language(code)
    rng = random.Random(f"{seed}|filler|{code}")
    body = Body(id=f"sample-{seed}", site="example.org", language=code, text="", title=title)
    return Filler(lang, rng, _context(body, lang, rng), HeadlinePool(lang, {}))


class _Page:
    """Chooses the classes of one page, fills their wordings and places them around the body."""

    def __init__(self, body: Body, lang: Language, split: str, rng: random.Random, pool: HeadlinePool,
                 meta: dict[str, Any], paras: list[list[str]]):
        self.lang, self.split, self.rng, self.pool, self.meta, self.paras = lang, split, rng, pool, meta, paras
        self.own = _headline_of(body)
        self.doc = _context(body, lang, rng)
        self.filler = Filler(lang, rng, self.doc, pool, self.own)

    def _available(self, cid: str) -> bool:
        cls = classes()[cid]
        if cid == "meta.title" and "title" not in self.doc:
            return False
        return not cls.needs_wordings or bool(wordings(cid, self.lang.code, self.split))

    def choose(self) -> list[str]:
        """The classes of this page: often a header (title, byline, date), plus a few others."""
        rng = self.rng
        chosen = [cid for cid, p in (("meta.title", 0.6), ("meta.byline", 0.5), ("meta.date", 0.45))
                  if rng.random() < p and self._available(cid)]
        others = [cid for cid, cls in classes().items()
                  if cls.standalone and cid not in chosen and self._available(cid)]
        chosen += rng.sample(others, min(len(others), rng.randint(2, 7)))
        return chosen

    def units(self) -> list[_Unit]:
        """The page as units in reading order: top, head, body with inline items, bottom."""
        rng = self.rng
        zones: dict[str, list[list[_Unit]]] = {p: [] for p in POSITIONS}
        body = [_Unit(list(lines), BODY) for lines in self.paras]
        for cid in self.choose():
            cls = classes()[cid]
            if cls.shape == "prefix":
                self._prefix(cls, body[0])
                continue
            group = self._make(cls)
            for companion, p in cls.companions:
                if rng.random() < p and self._available(companion):
                    group += self._make(classes()[companion])
            position = rng.choice(cls.positions)
            if cls.repeat > 1 and rng.random() < 0.5:  # the other copy goes to the other end of the page
                zones["bottom" if position == "top" else "top"].append(group[1:])
                group = group[:1]
            zones[position].append(group)
        head = zones["head"]
        rng.shuffle(head)
        head.sort(key=lambda g: {"meta.section": 0, "meta.title": 1}.get(g[0].label, 2))
        bottom = zones["bottom"]
        rng.shuffle(bottom)
        bottom.sort(key=lambda g: g[0].label == "legal.copyright")
        rng.shuffle(zones["top"])
        inline: dict[int, list[_Unit]] = {}
        for group in zones["body"]:  # between two paragraphs (after the only one of a one-paragraph body)
            inline.setdefault(rng.randint(1, max(1, len(body) - 1)), []).extend(group)
        middle = [u for i, para in enumerate(body) for u in inline.get(i, []) + [para]] + inline.get(len(body), [])
        return [u for g in zones["top"] + head for u in g] + middle + [u for g in bottom for u in g]

    def _make(self, cls: ZooClass) -> list[_Unit]:
        """The units of one drawn class (several for a repeated block)."""
        rng = self.rng
        if cls.shape == "copy":
            lines = list(rng.choice(self.paras))
            return [_Unit(lines, cls.id)]
        if cls.shape == "teaser":
            heading, _ = self.filler.fill(rng.choice(wordings(cls.id, self.lang.code, self.split)))
            return [_Unit([heading] + self._teaser_items(rng.randint(2, 5)), cls.id)]
        if cls.shape == "run":
            return [_Unit(self._teaser_items(rng.randint(3, 6), stamp_share=1.0), cls.id)]
        text, used = self.filler.fill(rng.choice(wordings(cls.id, self.lang.code, self.split)))
        if cls.id == "meta.caption" and rng.random() < 0.3 and wordings("meta.credit", self.lang.code, self.split):
            credit, _ = self.filler.fill(rng.choice(wordings("meta.credit", self.lang.code, self.split)))
            self._record("image_credit", credit)
            self._record("image_caption", text)
            text = f"{text} {credit}"
        else:
            self._metadata(cls, text, used)
        lines = text.split("\n") if cls.shape == "block" else [text]
        return [_Unit(list(lines), cls.id) for _ in range(cls.repeat)]

    def _teaser_items(self, n: int, stamp_share: float = 0.8) -> list[str]:
        """Teaser items: a headline, often a snippet, and a stamp (time, duration) from the teaser.run wordings."""
        rng = self.rng
        stamps = wordings("teaser.run", self.lang.code, self.split)
        lines: list[str] = []
        stamp_first = rng.random() < 0.3
        for _ in range(n):
            item = [self.pool.headline(rng, self.own)]
            snippet = self.pool.snippet(rng, self.own) if rng.random() < 0.6 else None
            if snippet:
                item.append(snippet)
            if stamps and rng.random() < stamp_share:
                stamp, _ = self.filler.fill(rng.choice(stamps))
                item = [stamp, *item] if stamp_first else [*item, stamp]
            lines += item
        return lines

    def _prefix(self, cls: ZooClass, first: _Unit) -> None:
        text, used = self.filler.fill(self.rng.choice(wordings(cls.id, self.lang.code, self.split)))
        first.lines[0] = f"{text} {first.lines[0]}"
        first.prefix = cls.id
        self._metadata(cls, text, used)

    def _record(self, key: str, value: Any) -> None:
        if not self.meta.get(key):
            self.meta[key] = value

    def _metadata(self, cls: ZooClass, text: str, used: dict[str, str]) -> None:
        """Note the metadata values a metadata line carries (the first line of a field wins)."""
        def slot(name: str) -> str | None:  # the page's value, as in the context, even if printed in capitals
            if name in used or name.upper() in used:
                return self.doc.get(name) or used.get(name) or used.get(name.upper())
            return None

        f = cls.field
        if f == "title":
            self._record("title", slot("title"))
            self._record("publisher", slot("publisher"))
        elif f == "author":
            self._record("authors", [a for a in (slot("author"), slot("author2")) if a])
            self._record("publisher", slot("publisher") or slot("agency"))
        elif f in ("date", "updated"):
            self._record(f, self.doc[f].isoformat())
        elif f == "dateline":
            self._record("dateline", used.get("CITY") or used.get("city"))
        elif f == "section":
            self._record("section", slot("section") or text)
        elif f in ("image_caption", "image_credit"):
            self._record(f, text)
        elif f == "author_bio":
            self._record("author_bio", max(text.split("\n"), key=len))
            self._record("authors", [slot("author")])


def _render(units: list[_Unit], layout: str, rng: random.Random) -> tuple[str, list[str], list[Item]]:
    """Print the units in a layout; the labels and item spans follow the printed non-empty lines."""
    out: list[str] = []
    labels: list[str] = []
    items: list[Item] = []
    previous: _Unit | None = None
    for unit in units:
        if previous is not None:
            if layout == "flat":
                gap = 0
            elif layout == "blocks" and previous.label != BODY and unit.label != BODY and len(unit.lines) == 1 \
                    and len(previous.lines) == 1 and rng.random() < 0.4:
                gap = 0  # short furniture lines often run together (byline and date)
            else:
                gap = 2 if rng.random() < 0.1 else 1
            out.extend([""] * gap)
        start = len(labels)
        for i, line in enumerate(unit.lines):
            if i and layout == "blank":
                out.append("")
            out.append(line)
            labels.append(unit.label)
        if unit.label != BODY:
            items.append(Item(unit.label, start, len(labels)))
        if unit.prefix:
            items.append(Item(unit.prefix, start, start + 1, removable=False))
        previous = unit
    return "\n".join(out) + "\n", labels, items
