"""The title of a dump, chosen among the metadata tagger's best title lines by a second, learned stage.

The tagger scores each line on its own (with its neighbours); the page's `<title>` line often wins over the
headline printed on the page, which the tagger ranks second. This stage compares the few best candidates
with each other: how much of each one the first line holds and where in it, where each sits relative to the
first prose and to a byline or date, its shape. Boosted trees score each candidate from its facts and how
they stand against the other candidates' (trees in data/title_choice.json, written by
`python -m cleaner.model.training.title_fit`, cross-validated by site); the best one wins.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .language import stopwords

if TYPE_CHECKING:
    import numpy as np

FORMAT = "cleaner-title-choice/2"
# Candidates compared: the tagger's best title lines (a headline is among its best five in 95% of the
# wcxb-dev pages whose headline is a line of the dump, against 80% for its first choice; among its best ten
# in 96.7%, and the trees choose right in 13 more pages of 1,493 held out by site than among five).
CANDIDATES = 10
# A candidate echoes the first line when this share of its words is in it.
ECHO = 0.8
_WORD = re.compile(r"\w+")
_SEPARATOR = re.compile(r"\s(?:[|·•»/:]|[-–—]{1,2})\s")
FEATURES = (
    "bias", "log_p", "p_share", "rank0", "rank1", "line0", "log_pos", "before_prose", "log_to_prose",
    "in_line0", "holds_line0", "line0_holds_more", "separators", "log_words", "terminal", "title_case",
    "stamp_below", "section_p", "removed", "repeats", "first_heading", "line0_main_part", "line0_side_part",
    "line0_parted", "line0_echoed", "echoes_line0", "line0_head", "line0_tail", "menu_like", "stop_share",
)
# A line of this many words without a single stop word is a menu run together ('Products Rooms Deals Design
# & ideas Services'), no headline.
MENU_WORDS = 6


@dataclass(frozen=True)
class Facts:
    """What the chooser reads of a document: per line its text, the tagger's class probabilities, whether
    it is furniture or was removed, and whether it is prose; the tagger's class names."""

    texts: Sequence[str]
    probs: "np.ndarray"
    furniture: list[bool]
    removed: Sequence[bool]
    prose: list[bool]
    words: list[int]
    classes: tuple[str, ...]
    table: list[str] | None = None
    """Each line as the line table folds it (text.table.Lines.folded: its text trimmed as patterns read it,
    casefolded), when known: lines whose texts fold alike are among those it folds alike."""


class Column(Sequence[Any]):
    """One attribute of each of `items`, read when an item is looked up: the choice reads the texts and
    removals of a few candidate lines of a document (a long one has hundreds of thousands)."""

    def __init__(self, items: Sequence[Any], name: str) -> None:
        self._items, self._read = items, attrgetter(name)

    def __len__(self) -> int:
        return len(self._items)

    def __getitem__(self, k: int) -> Any:  # type: ignore[override]
        return self._read(self._items[k])


def candidates(facts: Facts, allowed: "np.ndarray") -> list[int]:
    """The best CANDIDATES lines by title probability among the `allowed` ones (best first)."""
    import numpy as np

    column = np.where(allowed, facts.probs[:, facts.classes.index("title")], 0.0)
    order = np.argsort(-column, kind="stable")[:CANDIDATES]
    return [int(k) for k in order if column[k] > 0]


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.casefold()))


# Marks around a candidate that the first line need not hold ('Flask Documentation (3.1.x) »').
_EDGES = " »›>|·•-–—:"


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    """The stop words of every language (a headline has some, whatever its language)."""
    return frozenset().union(*stopwords().values())


def features(facts: Facts, chosen: list[int]) -> "np.ndarray":
    """One row of FEATURES per candidate line in `chosen` (best first). Each line is folded (casefolded,
    single-spaced) only when read: the candidates, the first line, and the lines the table folds as a candidate
    (the only ones that may fold alike: the table folds a line's text trimmed of bullets and a final colon)."""
    import numpy as np

    classes = facts.classes
    title, section = classes.index("title"), classes.index("section")
    stamps = [classes.index(c) for c in ("byline", "date", "updated")]
    n = len(facts.texts)
    first_prose = next((i for i, p in enumerate(facts.prose) if p), n)
    top = float(facts.probs[chosen[0], title]) if chosen else 1.0
    line0 = _words(facts.texts[0]) if n else set()
    folded = _Folded(facts.texts)
    first_heading = next((k for k in chosen if k > 0), -1)
    parts = [" ".join(p.split()) for p in _SEPARATOR.split(folded[0])] if n else []
    main_part = max(parts, key=lambda p: len(p.split()), default="")  # 'Headline | Site': the headline
    first_cut = _SEPARATOR.search(folded[0]) if n else None  # where the first line's first part ends
    stop = _stop_words()
    found = {k: _WORD.findall(folded[k]) for k in chosen}  # (the words of a folded line: those of its text)
    echo = [k > 0 and len(set(found[k]) & line0) >= ECHO * max(len(set(found[k])), 1)
            for k in chosen]  # a candidate whose words the first line holds: the headline under a <title> line
    at = np.array(chosen, np.intp)
    p = facts.probs[at, title]
    if n:  # the most a stamp class reads of the three lines under each candidate (0 under the last line)
        stamped = facts.probs[:, stamps].max(axis=1)
        under = at[:, None] + np.arange(1, 4)
        below = np.where(at + 1 < n, np.where(under < n, stamped[np.minimum(under, n - 1)], -np.inf).max(axis=1), 0.0)
    else:
        below = np.zeros(0)
    alike = Counter(facts.table) if facts.table is not None else None
    repeats = [1 if alike is not None and alike[facts.table[k]] == 1 else _alike(facts, folded, k) for k in chosen]
    rows = []
    for rank, k in enumerate(chosen):
        text = facts.texts[k]
        words = found[k]
        mine = set(words)
        shared = len(mine & line0)
        tokens = text.split()
        inside = folded[0].find(folded[k].strip(_EDGES)) if k > 0 and folded[k].strip(_EDGES) else -1
        rows.append([
            1.0, 0.0, 0.0, rank == 0, rank == 1, k == 0, 0.0, k < first_prose, 0.0,
            shared / max(len(mine), 1) if k else 0.0,  # how much of the candidate the first line holds
            shared / max(len(line0), 1) if k else 0.0,  # how much of the first line the candidate holds
            (len(line0) > len(mine)) and shared == len(mine) and k > 0,
            len(_SEPARATOR.findall(text)), 0.0, text.rstrip().endswith((".", "!", "?")),
            sum(t[:1].isupper() for t in tokens) / max(len(tokens), 1), 0.0, 0.0, facts.removed[k], 0.0,
            k == first_heading, k > 0 and len(parts) > 1 and folded[k] == main_part,
            k > 0 and len(parts) > 1 and folded[k] in parts and folded[k] != main_part,
            k == 0 and len(parts) > 1, k == 0 and any(echo), echo[rank],
            first_cut is not None and inside == 0,  # the first line's head: 'Headline' of 'Headline | Site'
            first_cut is not None and inside > first_cut.start(),  # its tail: a site's or a section's name
            len(words) >= MENU_WORDS and not any(w in stop for w in words),
            sum(w in stop for w in words) / max(len(words), 1),
        ])
    x = np.array(rows, np.float64).reshape(len(rows), len(FEATURES))
    column = FEATURES.index
    x[:, column("log_p")] = np.log(np.maximum(p, 1e-6))
    x[:, column("p_share")] = p / max(top, 1e-6)
    x[:, column("log_pos")] = np.log1p(at)
    x[:, column("log_to_prose")] = np.log1p(np.maximum(first_prose - at, 0))
    x[:, column("log_words")] = np.log1p(np.array([facts.words[k] for k in chosen], np.int64))
    x[:, column("stamp_below")] = below
    x[:, column("section_p")] = facts.probs[at, section]
    x[:, column("repeats")] = np.log(np.maximum(np.array(repeats, np.int64), 1))
    return x


class _Folded:
    """The lines' texts casefolded and single-spaced, each folded on first use."""

    def __init__(self, texts: list[str]) -> None:
        self._texts, self._done = texts, {}

    def __getitem__(self, k: int) -> str:
        done = self._done.get(k)
        if done is None:
            done = self._done[k] = " ".join(self._texts[k].casefold().split())
        return done


def _alike(facts: Facts, folded: _Folded, k: int) -> int:
    """How many lines fold as line k does (itself too): among the lines the table folds alike when it is known
    (a line the table folds as no other is alike none)."""
    same = range(len(facts.texts)) if facts.table is None else [i for i, t in enumerate(facts.table) if t == facts.table[k]]
    return sum(folded[i] == folded[k] for i in same)


def context(x: "np.ndarray") -> "np.ndarray":
    """A document's candidate rows with how each stands against the others: the raw facts, their distance
    to the best and to the mean of the candidates (what the trees read)."""
    import numpy as np

    return np.hstack([x, x - x.max(axis=0), x - x.mean(axis=0)]).astype(np.float32)


@dataclass(frozen=True)
class Chooser:
    """Boosted regression trees over the context of FEATURES, flattened: node k tests `feature[k]` against
    `threshold[k]` and goes to `left[k]` (not above) or `left[k] + 1`; a leaf is its own left child with an
    infinite threshold, so each tree is walked `depth` steps. The candidate of the highest summed `value` is
    the title."""

    roots: "np.ndarray"
    feature: "np.ndarray"
    threshold: "np.ndarray"
    left: "np.ndarray"
    value: "np.ndarray"
    depth: int
    info: dict[str, Any]

    def scores(self, x: "np.ndarray") -> "np.ndarray":
        """The score of each candidate row of FEATURES (one document's candidates)."""
        import numpy as np

        z = context(x)
        node = np.tile(self.roots, (len(z), 1))
        row = np.arange(len(z))[:, None]
        for _ in range(self.depth):
            node = self.left[node] + (z[row, self.feature[node]] > self.threshold[node])
        return self.value[node].sum(axis=1)

    def choose(self, facts: Facts, chosen: list[int]) -> int | None:
        """The line among `chosen` (best first) that is the title; None when there is none."""
        import numpy as np

        if not chosen:
            return None
        return chosen[int(np.argmax(self.scores(features(facts, chosen))))]

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (thresholds as the float32 they are, values rounded: same trees, same bytes)."""
        import numpy as np

        return {"format": FORMAT, "features": list(FEATURES), "depth": self.depth,
                "roots": [int(v) for v in self.roots], "feature": [int(v) for v in self.feature],
                "threshold": [float(v) if np.isfinite(v) else None for v in self.threshold],
                "left": [int(v) for v in self.left], "value": [round(float(v), 6) for v in self.value],
                "info": self.info}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Chooser":
        """A chooser from its JSON form (checks the format and the feature list)."""
        import numpy as np

        if data.get("format") != FORMAT or data.get("features") != list(FEATURES):
            raise ValueError(f"not a {FORMAT} file with this version's features; retrain it")
        threshold = np.array([np.inf if v is None else v for v in data["threshold"]], np.float32)
        return cls(np.array(data["roots"], np.intp), np.array(data["feature"], np.intp), threshold,
                   np.array(data["left"], np.intp), np.array(data["value"], np.float64), int(data["depth"]),
                   data.get("info", {}))


def default_path() -> Path:
    """The shipped chooser inside the package."""
    return Path(str(resources.files("cleaner.data").joinpath("title_choice.json")))


@lru_cache(maxsize=4)
def load(path: str | None = None) -> Chooser | None:
    """The chooser at `path` (default: the shipped one); None when the default file is absent."""
    target = Path(path) if path else default_path()
    if not path and not target.is_file():
        return None
    return Chooser.from_dict(json.loads(target.read_text("utf-8")))
