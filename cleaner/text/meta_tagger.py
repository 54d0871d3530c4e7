"""The metadata-line tagger: which lines of a text dump are the title, byline, date, updated date,
section/kicker, caption, credit or author bio, and what they say.

A multinomial logistic regression over each line's shape, position, neighbours, the heuristic rules'
verdicts and a few hashed cue words (first and last tokens). The weights are plain JSON
(data/meta_tagger.json, written by `python -m cleaner.model.training.meta_fit`), evaluated with numpy.
A document takes per field the line the tagger is most sure of, above the field's threshold.
"""
from __future__ import annotations

import json
import math
import re
import unicodedata
import zlib
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from ..document import Block, Decision
from .bylines import person_name, read_byline
from .dates import is_date_line
from .rules.patterns import concept
from .table import Lines

if TYPE_CHECKING:
    import numpy as np

FORMAT = "cleaner-meta-tagger/1"
OTHER = "other"
CLASSES = (OTHER, "title", "byline", "date", "updated", "section", "caption", "credit", "bio")
# Heuristic rules whose verdict on a line is a feature (the first heuristic verdict only: the learned
# line model's and the corpus profile's verdicts come later and are not looked at).
RULE_FEATURES = ("meta.title", "meta.section", "meta.byline", "meta.date", "meta.caption", "meta.title_header",
                 "bio.section", "bio.posts_link", "nav.link", "legal.copyright", "repeated", "teaser")
HASH_BUCKETS = 512
# Headlines run to about 20 words; a longer line is body text, however much it looks like a title.
TITLE_MAX_WORDS = 30
_DIGITS = re.compile(r"\d")
_TOKEN = re.compile(r"\w+|[^\w\s]", re.UNICODE)
_WORD = re.compile(r"\w+")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# A person's name has two capitalised tokens (bylines.person_name): fewer capitals, no byline names.
_CAPITAL = re.compile(r"[A-ZÀ-ÝŁŚŻ]")
_SEPARATORS = re.compile(r"\s+(?:[|:·•»/]|[-–—]{1,2}|::)\s+")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "´": "'", "`": "'"})


def fold(text: str) -> str:
    """Text for comparing lines: NFKC, typographic quotes made plain, casefolded, spaces collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold().split())


def _words(text: str) -> set[str]:
    return set(_WORD.findall(fold(text)))


def _cues(folded: str) -> list[str]:
    """The cue tokens of a line (`fold`ed): first, first two and last tokens (digits as 0), and the token
    before ':'. (A digit made 0 stays a word character: the tokens are those of the line as written.)"""
    toks = _TOKEN.findall(_DIGITS.sub("0", folded))[:40]
    if not toks:
        return []
    cues = [f"f:{toks[0]}", f"l:{toks[-1]}"]
    if len(toks) > 1:
        cues.append(f"ff:{toks[0]} {toks[1]}")
    if ":" in toks[:6]:
        cues.append(f"c:{' '.join(toks[:toks.index(':')])}")
    return cues


def _bucket(cue: str) -> int:
    return zlib.crc32(cue.encode("utf-8")) % HASH_BUCKETS


DENSE = (
    "bias", "log_words", "log_chars", "terminal", "ellipsis", "heading", "prose", "name_like", "cap_share",
    "all_caps", "has_year", "has_date", "date_line", "date_early", "byline_names", "byline_opener", "person",
    "first", "rel_pos", "log_pos", "before_prose", "log_to_prose", "near_prose", "log_after_prose", "in_last",
    "echo_title", "title_overlap", "is_line0", "repeats", "separators", "blank_before", "paren", "has_digit",
    "prev_date", "next_date", "prev_name", "next_name", "prev_prose", "next_prose", "next_heading", "prev_title_echo",
    "email", "url", "after_title", "date_near", "names_near_date",
)
# A byline sits a few lines under the headline, with the date close by.
NEAR_TITLE_LINES = 6
NEAR_DATE_LINES = 3


def _dense_names() -> tuple[str, ...]:
    return DENSE + tuple(f"rule:{r}" for r in RULE_FEATURES)


FEATURES = _dense_names()


@dataclass(frozen=True)
class LineFacts:
    """What the tagger computes per line before weighting (kept for the decoder and --explain)."""

    text: str
    has_date: bool
    names: tuple[str, ...]


def _first_heuristic(decision: Decision | None) -> str:
    if decision is None:
        return ""
    for verdict in decision.verdicts:
        if not verdict.rule.startswith(("model.", "profile.")):
            return verdict.rule
    return ""


def line_features(lines: Lines, decisions: list[Decision] | None,
                  language: str | None = None) -> tuple["np.ndarray", list[list[int]], list[LineFacts]]:
    """Dense features (lines x FEATURES), hashed cue buckets per line, and per-line facts.

    Built column by column over the whole document (numpy where a column is arithmetic over lines);
    what is read from a line's text alone (dates, bylines, cues) is read once per distinct line.
    """
    import numpy as np

    blocks = lines.blocks
    n = len(blocks)
    dense = np.zeros((n, len(FEATURES)), dtype=np.float64)
    if not n:
        return dense, [], []
    col = {name: k for k, name in enumerate(FEATURES)}
    texts = lines.text
    prose = np.array(lines.prose, bool)
    name_like = np.array(lines.name_like, bool)
    heading = np.array(lines.heading, bool)
    first_prose = int(np.argmax(prose)) if prose.any() else n
    last_prose = int(n - 1 - np.argmax(prose[::-1])) if prose.any() else -1
    folded = [fold(b.text) for b in blocks]
    counts = Counter(folded)
    line0 = folded[0]
    words0 = _words(blocks[0].text)
    folded_texts = _each_distinct(fold, texts)
    dated = [lines.date(i, language) if lines.words[i] <= 40 and lines.chars[i] <= 300 else None for i in range(n)]
    has_date = np.array([d is not None for d in dated], bool)
    index = np.arange(n)
    names = [x or () for x in _each_distinct(_byline_names, [t if w <= 20 else None for t, w in zip(texts, lines.words)])]
    persons = _each_distinct(lambda t: person_name(t) is not None, texts)
    echo = np.zeros(n, bool)
    for i in range(1, n):
        echo[i] = 3 <= len(folded[i]) < len(line0) and folded[i] in line0 and lines.words[i] >= 2
    date_sum = np.concatenate(([0], np.cumsum(has_date)))
    near_date = date_sum[np.minimum(index + NEAR_DATE_LINES + 1, n)] - date_sum[np.maximum(index - NEAR_DATE_LINES, 0)]
    date_near = (near_date - has_date) > 0
    echo_sum = np.concatenate(([0], np.cumsum(echo)))
    after_title = (echo_sum[index] - echo_sum[np.maximum(index - NEAR_TITLE_LINES, 0)]) > 0

    def shift_down(a: "np.ndarray") -> "np.ndarray":  # the line above's value (False for line 0)
        return np.concatenate(([False], a[:-1]))

    def shift_up(a: "np.ndarray") -> "np.ndarray":  # the line below's value (False for the last line)
        return np.concatenate((a[1:], [False]))

    caps, toks_n, date_line, date_early, opener, person, overlap, separators, paren, digit = ([] for _ in range(10))
    for i, text in enumerate(texts):
        toks = text.split()
        toks_n.append(len(toks))
        caps.append(sum(1 for t in toks if t[:1].isupper()))
        found = dated[i]
        date_line.append(found is not None and lines.words[i] <= 24 and is_date_line(text, language))
        date_early.append(found is not None and len(text[:found.start].split()) <= 4)
        opener.append(bool(toks) and _opens_byline(" ".join(toks[:3]).casefold().rstrip(":")))
        person.append(persons[i])
        if i:
            line_words = set(_WORD.findall(folded_texts[i]))
            overlap.append(len(line_words & words0) / max(1, len(line_words)))
        else:
            overlap.append(0.0)
        separators.append(min(3, len(_SEPARATORS.findall(text))))
        paren.append(text.startswith("(") or text.endswith(")"))
        digit.append(bool(_DIGITS.search(text)))
    toks_arr = np.array(toks_n, np.float64)
    has_names = np.array([bool(x) for x in names], bool)
    values = {
        "bias": 1.0, "log_words": [math.log1p(w) for w in lines.words],
        "log_chars": [math.log1p(c) for c in lines.chars],
        "terminal": lines.terminal, "ellipsis": lines.ellipsis,
        "heading": heading, "prose": prose, "name_like": name_like,
        "cap_share": np.divide(caps, toks_arr, out=np.zeros(n), where=toks_arr > 0),
        "all_caps": [t.isupper() and w >= 2 for t, w in zip(texts, lines.words)],
        "has_year": [_YEAR.search(t) is not None for t in texts],
        "has_date": has_date, "date_line": date_line, "date_early": date_early,
        "byline_names": has_names, "byline_opener": opener, "person": person, "first": index == 0,
        "rel_pos": index / max(1, n - 1), "log_pos": [math.log1p(i) for i in range(n)], "before_prose": index < first_prose,
        "log_to_prose": [math.log1p(first_prose - i) if i < first_prose else 0.0 for i in range(n)],
        "near_prose": (first_prose - index > 0) & (first_prose - index <= 4),
        "log_after_prose": [math.log1p(i - first_prose) if i > first_prose else 0.0 for i in range(n)],
        "in_last": (index > last_prose) & (last_prose >= 0),
        "echo_title": echo, "title_overlap": overlap, "is_line0": index == 0,
        "repeats": [math.log(counts[t]) for t in folded], "separators": separators,
        "blank_before": [b.blank_before for b in blocks], "paren": paren, "has_digit": digit,
        "prev_date": shift_down(has_date), "next_date": shift_up(has_date),
        "prev_name": shift_down(name_like), "next_name": shift_up(name_like),
        "prev_prose": shift_down(prose), "next_prose": shift_up(prose), "next_heading": shift_up(heading),
        "prev_title_echo": shift_down(echo),
        "email": ["@" in t for t in texts], "url": ["http" in t or "www." in t for t in texts],
        "after_title": after_title, "date_near": date_near, "names_near_date": has_names & date_near,
    }
    for name, value in values.items():
        dense[:, col[name]] = value
    for i in range(n):
        rule = _first_heuristic(decisions[i] if decisions else None)
        if rule:
            for r in RULE_FEATURES:
                if rule == r or rule.startswith(r + "."):
                    dense[i, col[f"rule:{r}"]] = 1.0
    cues = [list(c) for c in _each_distinct(_cue_buckets, folded_texts)]
    facts = [LineFacts(t, d is not None, x) for t, d, x in zip(texts, dated, names)]
    return dense, cues, facts


def _each_distinct(read: "Callable[[str], Any]", texts: "list[str | None]") -> list[Any]:
    """`read(text)` for every text (None for None), called once per distinct text of the document."""
    done = {t: read(t) for t in dict.fromkeys(texts) if t is not None}
    return [done[t] if t is not None else None for t in texts]


def _byline_names(text: str) -> tuple[str, ...]:
    """The person names a line reads as a byline gives (none without two capitals: a name has two)."""
    if len(_CAPITAL.findall(text)) < 2:
        return ()
    return tuple(read_byline(text).authors)


@lru_cache(maxsize=4096)
def _opens_byline(first_words: str) -> bool:
    """Whether the first one, two or three of these words are a byline opener ('By', 'Von', 'Written by')."""
    opener = concept("byline_prefix")
    words = first_words.split()
    return any(opener.match(" ".join(words[:k])) is not None for k in (1, 2, 3))


def _cue_buckets(folded: str) -> tuple[int, ...]:
    return tuple(sorted({_bucket(c) for c in _cues(folded)}))



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

    def probabilities(self, dense: "np.ndarray", cues: list[list[int]]) -> "np.ndarray":
        """Class probabilities per line (lines x CLASSES)."""
        import numpy as np

        logits = ((dense - self.mean) / self.scale) @ self.dense
        for i, buckets in enumerate(cues):
            if buckets:
                logits[i] += self.hashed[buckets].sum(axis=0)
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        return p / p.sum(axis=1, keepdims=True)


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


def tag(tagger: MetaTagger, lines: Lines, decisions: list[Decision] | None,
        language: str | None = None) -> tuple[dict[str, Tagged], "np.ndarray", list[LineFacts]]:
    """The most probable line of each class above its threshold, the probabilities, and line facts.

    A date or updated line must hold a date; a byline must name a person.
    """
    if not len(lines):
        import numpy as np

        return {}, np.zeros((0, len(CLASSES))), []
    dense, cues, facts = line_features(lines, decisions, language)
    probs = tagger.probabilities(dense, cues)
    chosen: dict[str, Tagged] = {}
    for k, name in enumerate(CLASSES):
        if name == OTHER:
            continue
        column = probs[:, k].copy()
        if name in ("date", "updated"):
            column[[not f.has_date for f in facts]] = 0.0
        if name == "byline":
            column[[not f.names for f in facts]] = 0.0
        if name in ("title", "section"):  # a headline is no paragraph of prose
            column[[w > TITLE_MAX_WORDS for w in lines.words]] = 0.0
        best = int(column.argmax())
        if column[best] >= tagger.thresholds.get(name, 0.5):
            chosen[name] = Tagged(best, name, float(column[best]))
    return chosen, probs, facts


def title_value(blocks: list[Block], index: int) -> str:
    """The title a title line gives: the <title>-style 'Headline | Site' line loses the site when the
    headline is printed on its own line too, or when its last part is a short name."""
    text = " ".join(blocks[index].text.split())
    parts = _SEPARATORS.split(text)
    if len(parts) < 2:
        return text
    others = {fold(b.text) for k, b in enumerate(blocks[:200]) if k != index}
    for size in range(len(parts) - 1, 0, -1):  # the longest run of leading (or trailing) parts seen alone
        for piece in (parts[:size], parts[-size:]):
            joined = _join(text, piece)
            if fold(joined) in others and len(joined.split()) >= 2:
                return joined
    head, tail = parts[:-1], parts[-1]
    if len(tail.split()) <= 4 and len(" ".join(head).split()) >= 3:
        return _join(text, head)
    return text


def _join(text: str, parts: list[str]) -> str:
    """The span of `text` from the first to the last of `parts` (keeping the separators between them)."""
    start = text.find(parts[0])
    end = text.rfind(parts[-1]) + len(parts[-1])
    return text[start:end] if 0 <= start < end else " ".join(parts)
