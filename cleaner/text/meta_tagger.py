"""The metadata-line tagger: which lines of a text dump are the title, byline, date, updated date,
section/kicker, caption, credit or author bio, and what they say (a title line also who owns a personal site).

A multinomial logistic regression over what meta_features.py reads of each line (shape, position,
neighbours, dates and names, the heuristic rules' verdicts, hashed cue words). The weights are plain
JSON (data/meta_tagger.json, written by `python -m cleaner.model.training.meta_fit`), evaluated with
numpy. A document takes per field the line the tagger is most sure of, above the field's threshold.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..document import Block, Decision
from .byline_words import credits_other, starter_label
from .bylines import byline_authors
from .meta_features import FEATURES, HASH_BUCKETS, DenseRows, LineFacts, line_features
from .names import has_given_name, person_name
from .rules.patterns import prefix_pattern
from .table import Lines

if TYPE_CHECKING:
    import numpy as np

FORMAT = "cleaner-meta-tagger/2"
OTHER = "other"
CLASSES = (OTHER, "title", "byline", "date", "updated", "section", "caption", "credit", "bio")
# Lines whose probabilities are computed at once (a slice's normalised features are a temporary copy).
SLICE_ROWS = 8192
# Headlines run to about 20 words; a longer line is body text, however much it looks like a title.
TITLE_MAX_WORDS = 30
_SEPARATORS = re.compile(r"\s+(?:[|:·•»/]|[-–—]{1,2}|::)\s+")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "´": "'", "`": "'"})


def fold(text: str) -> str:
    """Text for comparing lines: NFKC, typographic quotes made plain, casefolded, spaces collapsed."""
    if text.isascii():  # most lines: NFKC leaves ASCII as it is, casefold is lower, '`' is the one quote to map
        return " ".join(text.replace("`", "'").lower().split())
    return _fold_unicode(text)


def _fold_unicode(text: str) -> str:
    """fold() of any text, ASCII or not (the reference the ASCII path agrees with)."""
    return " ".join(unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold().split())


@dataclass(frozen=True)
class MetaTagger:
    """Softmax weights over dense features and hashed cue buckets, with a threshold per class."""

    dense: "np.ndarray"  # FEATURES x CLASSES
    hashed: "np.ndarray"  # HASH_BUCKETS x CLASSES
    mean: "np.ndarray"
    scale: "np.ndarray"
    thresholds: dict[str, float]
    info: dict[str, Any]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "MetaTagger":
        """A tagger from its JSON form (checks the format and the feature list)."""
        import numpy as np

        if data.get("format") != FORMAT:
            raise ValueError(f"not a metadata tagger file (format {data.get('format')!r}, expected {FORMAT!r})")
        if tuple(data["features"]) != FEATURES or tuple(data["classes"]) != CLASSES \
                or data["hash_buckets"] != HASH_BUCKETS:
            raise ValueError("metadata tagger file was written for other features; retrain it")
        return cls(np.asarray(data["dense"], dtype=np.float64), np.asarray(data["hashed"], dtype=np.float64),
                   np.asarray(data["mean"], dtype=np.float64), np.asarray(data["scale"], dtype=np.float64),
                   dict(data["thresholds"]), dict(data.get("info", {})))

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (weights rounded to 6 digits: the same training gives the same bytes)."""
        return {
            "format": FORMAT, "features": list(FEATURES), "classes": list(CLASSES), "hash_buckets": HASH_BUCKETS,
            "mean": _round(self.mean), "scale": _round(self.scale), "dense": _round(self.dense),
            "hashed": _round(self.hashed), "thresholds": self.thresholds, "info": self.info,
        }

    def probabilities(self, dense: "np.ndarray | DenseRows", cues: list[tuple[int, ...]]) -> "np.ndarray":
        """Class probabilities per line (lines x CLASSES); a long document's in slices of SLICE_ROWS lines (its
        normalised features, cue rows and logits are a slice's temporaries)."""
        import numpy as np

        out = np.empty((len(dense), len(self.dense[0])), np.float64)
        width = max(map(len, cues), default=0)
        table = np.vstack((self.hashed, np.zeros((1, self.hashed.shape[1])))) if width else None
        for start in range(0, len(dense), SLICE_ROWS):
            logits = ((dense[start:start + SLICE_ROWS] - self.mean) / self.scale) @ self.dense
            if table is not None:
                logits += self._cue_sum(table, cues[start:start + SLICE_ROWS], width)
            logits -= logits.max(axis=1, keepdims=True)
            p = np.exp(logits)
            out[start:start + SLICE_ROWS] = p / p.sum(axis=1, keepdims=True)
        return out

    def _cue_sum(self, table: "np.ndarray", cues: list[tuple[int, ...]], width: int) -> "np.ndarray":
        """Each line's cue rows of `table` added in order (a zero row pads the shorter lists to `width`), as
        one array op each."""
        import numpy as np

        sizes = np.fromiter(map(len, cues), np.intp, len(cues))
        padded = np.full((len(cues), width), len(self.hashed), np.intp)
        rows = np.repeat(np.arange(len(cues)), sizes)  # (the line and place of each bucket of all lines')
        places = np.arange(len(rows)) - np.repeat(np.cumsum(sizes) - sizes, sizes)
        padded[rows, places] = np.fromiter(chain.from_iterable(cues), np.intp, len(rows))
        cue_sum = table[padded[:, 0]]
        for k in range(1, width):
            cue_sum += table[padded[:, k]]
        return cue_sum


def _round(a: "np.ndarray") -> Any:
    return [[round(float(x), 6) for x in row] for row in a] if a.ndim == 2 else [round(float(x), 6) for x in a]


def default_path() -> Path:
    """The shipped tagger inside the package."""
    return Path(str(resources.files("cleaner.data").joinpath("meta_tagger.json")))


@lru_cache(maxsize=4)
def load(path: str | None = None) -> MetaTagger | None:
    """The tagger at `path` (default: the shipped one); None when the default file is absent."""
    target = Path(path) if path else default_path()
    if not path and not target.is_file():
        return None
    return MetaTagger.from_dict(json.loads(target.read_text("utf-8")))


@dataclass(frozen=True)
class Tagged:
    """A line the tagger chose for a field, with its probability."""

    index: int
    field: str
    probability: float


def tag(tagger: MetaTagger, lines: Lines, decisions: list[Decision] | None, language: str | None = None,
        excluded: list[bool] | None = None) -> tuple[dict[str, Tagged], "np.ndarray", list[LineFacts]]:
    """The most probable line of each class above its threshold, the probabilities, and line facts.

    A date or updated line must hold a date (no reader's join date); when the best date line is an update
    stamp, it is the update and the date comes from the best other one. A byline must name a person, and not as
    a reviewer, editor or photographer ('Reviewed by: Jane Doe'; metadata.header_byline may read one). With no
    byline above its threshold, names under a byline label alone on its line or labelled as a forum thread's
    starter are the byline, or else names on the date line. With no date line, a byline that names its author and holds a date gives the date.
    No field but the title (chosen apart) comes from an `excluded` line (page furniture, a reader comment):
    the best line of the rest is the field's.
    """
    import numpy as np

    if not len(lines):
        return {}, np.zeros((0, len(CLASSES))), []
    dense, cues, facts = line_features(lines, decisions, language)
    probs = tagger.probabilities(dense, cues)
    chosen: dict[str, Tagged] = {}
    allowed = ~np.array(excluded, bool) if excluded is not None else np.ones(len(lines), bool)
    dated, member, updated, named, credit = (np.zeros(len(lines), bool) for _ in range(5))
    for i, f in enumerate(facts):
        if f.has_date or f.names:  # (most lines neither: one value of facts for them all)
            dated[i], member[i], updated[i], named[i] = f.has_date, f.stamp == "member", bool(f.stamp), bool(f.names)
            credit[i] = bool(f.names) and credits_other(lines.text[i])
    long = np.array(lines.words) > TITLE_MAX_WORDS
    for k, name in enumerate(CLASSES):
        if name == OTHER:
            continue
        column = probs[:, k] * allowed if name != "title" else probs[:, k].copy()
        if name in ("date", "updated"):  # and a reader's join date is none of the article's
            column[~dated | member] = 0.0
        if name == "byline":
            column[~named | credit] = 0.0
        if name in ("title", "section"):  # a headline is no paragraph of prose
            column[long] = 0.0
        best = int(column.argmax())
        if column[best] >= tagger.thresholds.get(name, 0.5):
            chosen[name] = Tagged(best, name, float(column[best]))
    date = chosen.get("date")
    if date is not None and facts[date.index].stamp == "updated":
        # The best date line tells the last update ('edited …'): it is the update, the date another line's.
        chosen.setdefault("updated", Tagged(date.index, "updated", date.probability))
        column = probs[:, CLASSES.index("date")] * allowed * (dated & ~updated)
        best = int(column.argmax())
        if column[best] >= tagger.thresholds.get("date", 0.5):
            chosen["date"] = Tagged(best, "date", float(column[best]))
        else:
            del chosen["date"]
    if "byline" not in chosen:  # names under a byline label alone on its line ('Written By:' / 'Cazzy Magennis'),
        # a forum's thread starter ('Thread starter jdoe71'), or introduced on the date line ('Geplaatst door pvdberg
        # op 12 maart 2024')
        starter = starter_label()
        labelled = [i for i in np.flatnonzero(named & allowed).tolist()
                    if facts[i].labelled or starter.search(lines.text[i]) is not None]
        if "date" in chosen and facts[chosen["date"].index].names:
            labelled.append(chosen["date"].index)
        if labelled:
            chosen["byline"] = Tagged(labelled[0], "byline", float(probs[labelled[0], CLASSES.index("byline")]))
    if "date" not in chosen:  # a byline holding the date ('October 11, 2023 by Autumn Huerter'), not a review's
        column = (probs[:, CLASSES.index("byline")] + probs[:, CLASSES.index("date")]) * allowed * (dated & named)
        best = int(column.argmax())
        if column[best] >= tagger.thresholds.get("date", 0.5):
            chosen["date"] = Tagged(best, "date", float(column[best]))
    return chosen, probs, facts


def title_value(blocks: list[Block], index: int) -> str:
    """The title a title line gives: the <title>-style 'Headline | Site' line loses the site when the
    headline is printed on its own line too, or when its last part is a short name (not a lower-case
    continuation of the headline). A trailing part seen alone is the site's name (its logo, its footer),
    never the headline: 'Ovolo Hotels' is no title of 'The Best Hotel Life Hacks | Ovolo Hotels'."""
    text = " ".join(blocks[index].text.split())
    parts = _SEPARATORS.split(text)
    if len(parts) < 2:
        return text
    # A part of the title seen on a line of its own: a line far longer than the title is none of its parts.
    others = {fold(b.text) for k, b in enumerate(blocks[:200]) if k != index and len(b.text) <= 4 * len(text) + 100}
    for size in range(len(parts) - 1, 0, -1):  # the longest run of leading parts seen alone
        joined = _join(text, parts[:size])
        if fold(joined) in others and len(joined.split()) >= 2:
            return joined
    head, tail = parts[:-1], parts[-1]
    if len(tail.split()) <= 4 and len(" ".join(head).split()) >= 3 and not _continues(tail):
        return _join(text, head)
    return text


# The lines under the first where a personal site prints its owner's name alone (its header, its logo).
OWNER_LINES = 60
# A first line longer than this is no title line, and is not split into words: a 30 MB one-line dump's words took
# 440 MB.
OWNER_TITLE_CHARS = 1000


def site_owner(blocks: list[Block]) -> str | None:
    """The person a personal site is named after, when the dump's first line ('Headline | Pierce Freeman') ends
    with a person's name, or its copyright line in the last OWNER_LINES names one ('© 2025 Pierce Freeman. All rights
    reserved.'), that opens with a known given name and is printed alone on a line of the page's head: the author of
    a page that names no other. None otherwise ('Headline | Scientific American')."""
    parts = _title_parts(blocks)
    if not parts:
        return None
    names = [parts[-1]] if len(parts) > 1 else []
    names += [found["name"] for b in blocks[-OWNER_LINES:] if len(b.text) <= OWNER_TITLE_CHARS
              and (found := _COPYRIGHT.search(b.text)) is not None]
    head = {" ".join(b.text.split()) for b in blocks[1:OWNER_LINES] if len(b.text) <= OWNER_TITLE_CHARS}
    for text in names:
        name = person_name(text)
        if name is not None and has_given_name(name) and text.strip() in head:
            return name
    return None


def _title_parts(blocks: list[Block]) -> list[str]:
    """The parts of a dump's first line between title separators ('Headline | Site'), single-spaced; [] when there
    is no first line or it is longer than a title line (OWNER_TITLE_CHARS: it is not split into words)."""
    if not blocks or len(blocks[0].text) > OWNER_TITLE_CHARS:
        return []
    return _SEPARATORS.split(" ".join(blocks[0].text.split()))


# A copyright line's holder: '© 2019-2025 Jane Doe. All rights reserved.', 'Copyright (c) 2025 by Jane Doe'.
_COPYRIGHT = re.compile(r"(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:(?:19|20)\d\d\s*(?:[-–—]\s*(?:19|20)\d\d)?\s*)?,?\s*"
                        r"(?:by\s+)?(?P<name>[^.|,·•©\d]+)", re.I)


def title_byline(blocks: list[Block]) -> list[str]:
    """The authors a dump's first line names in a part of its own after the headline that opens with a byline word
    ('My Coding Workflow - by Jane Doe', 'Ein Bericht – von Anna Schmidt'): the page's own title says who wrote it.
    [] when it names nobody so."""
    parts = _title_parts(blocks)
    last = parts[-1] if len(parts) > 1 else ""
    # ('From' is a byline word over an article, not in a title: '… - From an ASE-Certified Mechanic')
    if not last or last[:5].casefold() == "from " or prefix_pattern("byline_prefix").match(last) is None:
        return []
    return byline_authors(last)


def _continues(part: str) -> bool:
    """Whether a title's last part goes on with the headline ('… – and what to do', '… – kulisy śledztwa'):
    it opens with a small letter and is no address; a site's name opens with a capital or is its address."""
    first = next((c for c in part if c.isalpha()), "")
    return first.islower() and "." not in part


def _join(text: str, parts: list[str]) -> str:
    """The span of `text` from the first to the last of `parts` (keeping the separators between them)."""
    start = text.find(parts[0])
    end = text.rfind(parts[-1]) + len(parts[-1])
    return text[start:end] if 0 <= start < end else " ".join(parts)
