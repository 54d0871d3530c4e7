"""The title of a dump, chosen among the metadata tagger's best title lines by a second, learned stage.

The tagger scores each line on its own (with its neighbours); the page's `<title>` line often wins over the
headline printed on the page, which the tagger ranks second. This stage compares the few best candidates
with each other: how much of each one the first line holds, where each sits relative to the first prose
and to a byline or date, its shape. A linear score per candidate (weights in data/title_choice.json,
written by `python -m cleaner.model.training.title_fit`, cross-validated by site); the best one wins.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

FORMAT = "cleaner-title-choice/1"
# Candidates compared: the tagger's best title lines (a headline is among its best five in 95% of the
# wcxb-dev pages whose headline is a line of the dump, against 80% for its first choice).
CANDIDATES = 5
# A candidate echoes the first line when this share of its words is in it.
ECHO = 0.8
_WORD = re.compile(r"\w+")
_SEPARATOR = re.compile(r"\s(?:[|·•»/:]|[-–—]{1,2})\s")
FEATURES = (
    "bias", "log_p", "p_share", "rank0", "rank1", "line0", "log_pos", "before_prose", "log_to_prose",
    "in_line0", "holds_line0", "line0_holds_more", "separators", "log_words", "terminal", "title_case",
    "stamp_below", "section_p", "removed", "repeats", "first_heading", "line0_main_part", "line0_side_part",
    "line0_parted", "line0_echoed", "echoes_line0",
)


@dataclass(frozen=True)
class Facts:
    """What the chooser reads of a document: per line its text, the tagger's class probabilities, whether
    it is furniture or was removed, and whether it is prose; the tagger's class names."""

    texts: list[str]
    probs: "np.ndarray"
    furniture: list[bool]
    removed: list[bool]
    prose: list[bool]
    words: list[int]
    classes: tuple[str, ...]


def candidates(facts: Facts, allowed: "np.ndarray") -> list[int]:
    """The best CANDIDATES lines by title probability among the `allowed` ones (best first)."""
    import numpy as np

    column = np.where(allowed, facts.probs[:, facts.classes.index("title")], 0.0)
    order = np.argsort(-column, kind="stable")[:CANDIDATES]
    return [int(k) for k in order if column[k] > 0]


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.casefold()))


def features(facts: Facts, chosen: list[int]) -> "np.ndarray":
    """One row of FEATURES per candidate line in `chosen` (best first)."""
    import numpy as np

    classes = facts.classes
    title, section = classes.index("title"), classes.index("section")
    stamps = [classes.index(c) for c in ("byline", "date", "updated")]
    n = len(facts.texts)
    first_prose = next((i for i, p in enumerate(facts.prose) if p), n)
    top = float(facts.probs[chosen[0], title]) if chosen else 1.0
    line0 = _words(facts.texts[0]) if n else set()
    folded = [" ".join(t.casefold().split()) for t in facts.texts]
    first_heading = next((k for k in chosen if k > 0), -1)
    parts = [" ".join(p.split()) for p in _SEPARATOR.split(folded[0])] if n else []
    main_part = max(parts, key=lambda p: len(p.split()), default="")  # 'Headline | Site': the headline
    echo = [k > 0 and len(_words(facts.texts[k]) & line0) >= ECHO * max(len(_words(facts.texts[k])), 1)
            for k in chosen]  # a candidate whose words the first line holds: the headline under a <title> line
    rows = []
    for rank, k in enumerate(chosen):
        text, p = facts.texts[k], float(facts.probs[k, title])
        mine = _words(text)
        shared = len(mine & line0)
        tokens = text.split()
        below = facts.probs[k + 1:k + 4][:, stamps].max() if k + 1 < n else 0.0
        rows.append([
            1.0, np.log(max(p, 1e-6)), p / max(top, 1e-6), rank == 0, rank == 1, k == 0, np.log1p(k),
            k < first_prose, np.log1p(max(first_prose - k, 0)),
            shared / max(len(mine), 1) if k else 0.0,  # how much of the candidate the first line holds
            shared / max(len(line0), 1) if k else 0.0,  # how much of the first line the candidate holds
            (len(line0) > len(mine)) and shared == len(mine) and k > 0,
            len(_SEPARATOR.findall(text)), np.log1p(facts.words[k]), text.rstrip().endswith((".", "!", "?")),
            sum(t[:1].isupper() for t in tokens) / max(len(tokens), 1), float(below),
            float(facts.probs[k, section]), facts.removed[k], np.log(max(folded.count(folded[k]), 1)),
            k == first_heading, k > 0 and len(parts) > 1 and folded[k] == main_part,
            k > 0 and len(parts) > 1 and folded[k] in parts and folded[k] != main_part,
            k == 0 and len(parts) > 1, k == 0 and any(echo), echo[rank],
        ])
    return np.array(rows, np.float64).reshape(len(rows), len(FEATURES))


@dataclass(frozen=True)
class Chooser:
    """Linear weights over FEATURES: the candidate of the highest score is the title."""

    weights: "np.ndarray"
    info: dict[str, Any]

    def choose(self, facts: Facts, chosen: list[int]) -> int | None:
        """The line among `chosen` (best first) that is the title; None when there is none."""
        import numpy as np

        if not chosen:
            return None
        return chosen[int(np.argmax(features(facts, chosen) @ self.weights))]

    def to_dict(self) -> dict[str, Any]:
        """The JSON form."""
        return {"format": FORMAT, "features": list(FEATURES), "weights": [round(float(w), 6) for w in self.weights],
                "info": self.info}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Chooser":
        """A chooser from its JSON form (checks the format and the feature list)."""
        import numpy as np

        if data.get("format") != FORMAT or data.get("features") != list(FEATURES):
            raise ValueError(f"not a {FORMAT} file with this version's features; retrain it")
        return cls(np.array(data["weights"], np.float64), data.get("info", {}))


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
