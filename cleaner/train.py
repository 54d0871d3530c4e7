"""Training the learned line model (optional extra `train`: scikit-learn, html-text).

Labels come from aligning dump lines with gold bodies (a line is body when most of its word
3-grams occur in the gold text) or with must/must-not segments, plus synthetic dumps: clean body
paragraphs with boilerplate of every class inserted in new wordings. The fitted trees are written
as plain JSON (see `rules/learned.py`), never pickled.
"""
from __future__ import annotations

import random
import re
import zlib
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .config import DEFAULT, Config
from .decide import decide
from .features import compute_all
from .model_features import feature_names, matrix
from .rules.base import Context
from .rules.learned import FORMAT
from .segment import segment

_TOKEN = re.compile(r"\w+", re.UNICODE)
# A line is body when at least this share of its word 3-grams occurs in the gold body: half keeps
# lines whose ends were cut differently by the two conversions, and drops lines that merely share
# phrases with it.
GOLD_SHARE = 0.5
# Lines of fewer tokens than this have no 3-gram; they count as body only if they are a gold line.
NGRAM = 3
# Weight of a line labelled by a must/must-not segment against one labelled by a silver body:
# segments are checked by hand, silver bodies are another extractor's output.
SEGMENT_WEIGHT = 3.0


@dataclass
class Example:
    """One training document: its dump and a label per block (1 remove, 0 keep, None unknown)."""

    page_id: str
    text: str
    labels: list[int | None]
    weights: list[float] = field(default_factory=list)


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _grams(tokens: Sequence[str]) -> set[tuple[str, ...]]:
    return {tuple(tokens[i:i + NGRAM]) for i in range(len(tokens) - NGRAM + 1)}


def labels_from_gold(text: str, gold: str) -> list[int | None]:
    """Per block of `text`: 0 when the line belongs to the gold body, 1 when it does not."""
    gold_grams = _grams(_TOKEN.findall(gold))
    gold_lines = {_norm(line).casefold() for line in gold.splitlines() if line.strip()}
    out: list[int | None] = []
    for block in segment(text):
        tokens = _TOKEN.findall(block.text)
        if not tokens:
            out.append(1)
        elif len(tokens) < NGRAM:
            out.append(0 if _norm(block.text).casefold() in gold_lines else 1)
        else:
            grams = [tuple(tokens[i:i + NGRAM]) for i in range(len(tokens) - NGRAM + 1)]
            share = sum(g in gold_grams for g in grams) / len(grams)
            out.append(0 if share >= GOLD_SHARE else 1)
    return out


def labels_from_segments(text: str, with_: Iterable[str], without: Iterable[str],
                         base: list[int | None] | None = None) -> tuple[list[int | None], list[float]]:
    """Labels from must/must-not segments found in a line (or covering it), over `base` labels."""
    blocks = segment(text)
    labels = list(base) if base is not None else [None] * len(blocks)
    weights = [1.0] * len(blocks)
    segments = [(_norm(s), 0) for s in with_ if _norm(s)] + [(_norm(s), 1) for s in without if _norm(s)]
    for k, block in enumerate(blocks):
        line = _norm(block.text)
        for seg, label in segments:
            if seg in line or (len(line) >= 20 and line in seg):
                labels[k], weights[k] = label, SEGMENT_WEIGHT
                break
    return labels, weights


# Boilerplate of every class the seeds show, in wordings that are not the seeds' (synthetic dumps).
_NAMES = ("Maria Lopez", "Tom Becker", "Aisha Khan", "Lars Nilsson", "Chloé Martin", "Ken Watanabe")
_OUTLETS = ("The Daily Ledger", "Northern Post", "Reuters", "Metro Herald", "Coastline News")
_HEADLINES = (
    "Council approves new budget after late-night session", "Storm leaves thousands without power",
    "Local team wins regional final in overtime", "Prices at the pump fall for third week",
    "Hospital opens new wing for children", "Police seek witnesses after highway crash",
    "Festival returns to the harbour this weekend", "Mayor announces plan to fix city roads",
)
_BOILERPLATE: dict[str, tuple[str, ...]] = {
    "nav": ("Home", "News", "World", "Sports", "Business", "Opinion", "Menu", "Search", "Sign in",
            "Subscribe", "Log out", "Contact us", "About us", "Skip to content", "Back to top", "Next article",
            "Previous post", "Home » News » Politics", "Weather | Traffic | Video", "Jobs"),
    "social": ("Share this article", "Share on Facebook", "Tweet", "Email this story", "Copy link",
               "Share via WhatsApp", "Follow us on Instagram", "Pin it", "Share"),
    "newsletter": ("Get our morning briefing in your inbox", "Sign up for the weekly digest",
                   "Enter your email address", "Subscribe to our newsletter for the latest updates.",
                   "Thanks for signing up!"),
    "cookie": ("We use cookies to improve your experience on our site.", "Accept all cookies",
               "Manage preferences", "By continuing to browse you agree to our use of cookies."),
    "legal": ("© 2024 Metro Herald Media. All rights reserved.", "Terms of Service", "Privacy Notice",
              "Copyright 2023 Coastline News Group", "This material may not be published or redistributed."),
    "ad": ("Advertisement", "Sponsored content", "Story continues below advertisement", "Ad", "Promoted"),
    "comments": ("12 comments", "Leave a reply", "Join the conversation", "Comments are closed.",
                 "Log in to comment", "Show comments"),
    "notice": ("Listen to this story", "5 min read", "Reading time: 3 minutes", "Report an error",
               "Send us a tip", "The opinions expressed are those of the author alone."),
}


def _teaser_block(rng: random.Random) -> list[str]:
    heading = rng.choice(("Popular now", "More headlines", "Latest stories", "Editor's picks", "Watch next",
                          "Recommended for you", "From around the web"))
    lines = [heading]
    for _ in range(rng.randint(2, 5)):
        lines.append(rng.choice(_HEADLINES))
        if rng.random() < 0.6:
            lines.append(rng.choice(("2 hours ago", "14m ago", "Yesterday", "3:05", "1 day ago", "Updated 7h ago")))
    return lines


def _head_block(rng: random.Random) -> list[str]:
    name, outlet = rng.choice(_NAMES), rng.choice(_OUTLETS)
    return rng.sample([
        f"By {name}", f"{name} | {outlet}", f"Published {rng.randint(1, 28)} March 2024",
        f"Updated: {rng.randint(1, 12)}:{rng.randint(10, 59)} PM", f"Photo: {name}/{outlet}",
        f"{rng.choice(('Politics', 'Health', 'Local', 'Tech'))}",
    ], rng.randint(1, 3))


def _bio_block(rng: random.Random) -> list[str]:
    name = rng.choice(_NAMES)
    return [rng.choice(("About the author", "Written by", name)),
            f"{name} covers transport and city hall for {rng.choice(_OUTLETS)}.", f"More articles by {name}"]


def synthetic_dump(body: list[str], rng: random.Random) -> tuple[str, list[int]]:
    """A dump made of `body` paragraphs with boilerplate runs inserted at the top, inside and below."""
    def furniture() -> list[str]:
        kind = rng.random()
        if kind < 0.2:
            return _teaser_block(rng)
        if kind < 0.3:
            return _bio_block(rng)
        group = _BOILERPLATE[rng.choice(sorted(_BOILERPLATE))]
        return rng.sample(group, min(len(group), rng.randint(1, 4)))

    lines: list[tuple[str, int]] = [(x, 1) for _ in range(rng.randint(1, 3)) for x in furniture()]
    lines += [(x, 1) for x in _head_block(rng)]
    for para in body:
        lines.append((para, 0))
        if rng.random() < 0.12:
            lines += [(x, 1) for x in furniture()]
    lines += [(x, 1) for _ in range(rng.randint(1, 4)) for x in furniture()]
    sep = "\n\n" if rng.random() < 0.7 else "\n"
    return sep.join(x for x, _ in lines), [y for _, y in lines]


SYNTHETIC_PREFIX = "synthetic:"


def synthetic_examples(bodies: Iterable[tuple[str, str]], seed: int = 0) -> list[Example]:
    """One synthetic dump per (page id, gold body), id 'synthetic:<page id>', body lines as paragraphs."""
    rng = random.Random(seed)
    out = []
    for page_id, body in bodies:
        paras = [p.strip() for p in body.splitlines() if p.strip()]
        if paras:
            text, labels = synthetic_dump(paras, rng)
            out.append(Example(SYNTHETIC_PREFIX + page_id, text, list(labels)))
    return out


def document_matrix(text: str, config: Config = DEFAULT) -> Any:
    """The model matrix of one dump, with the heuristic rules' decisions as features."""
    blocks = segment(text)
    features = compute_all(blocks)
    decisions = decide(blocks, features, config)
    verdicts = [d.final for d in decisions]
    return matrix(Context(blocks, features, verdicts, config))


@dataclass
class Design:
    """Every block row of some examples: features, label (-1 unknown), weight and example of each row."""

    x: Any
    y: Any
    w: Any
    doc: Any
    ids: list[str]

    def subset(self, keep_ids: set[str]) -> "Design":
        """The rows of the examples whose page id is in `keep_ids`."""
        import numpy as np

        mask = np.isin(self.doc, [k for k, pid in enumerate(self.ids) if pid in keep_ids])
        return Design(self.x[mask], self.y[mask], self.w[mask], self.doc[mask], self.ids)


def design(examples: Sequence[Example]) -> Design:
    """Feature rows of every block of `examples`, kept in order so neighbours can be smoothed."""
    import numpy as np

    xs, ys, ws, docs = [], [], [], []
    for k, ex in enumerate(examples):
        x = document_matrix(ex.text)
        if len(ex.labels) != len(x) or all(y is None for y in ex.labels):
            continue
        xs.append(x)
        ys += [-1 if y is None else y for y in ex.labels]
        ws += list(ex.weights) if ex.weights else [1.0] * len(x)
        docs += [k] * len(x)
    width = len(feature_names())
    return Design(np.vstack(xs) if xs else np.zeros((0, width), np.float32), np.asarray(ys), np.asarray(ws, float),
                  np.asarray(docs), [ex.page_id for ex in examples])


# Boosting settings: 100 trees of depth 6 keep inference at a fraction of a millisecond per page
# (the walk takes one vectorised step per level); 0.15 learning rate makes up for the fewer trees.
ITERATIONS = 100
MAX_DEPTH = 6
MAX_LEAVES = 32
LEARNING_RATE = 0.15
# Folds of the training pages used to choose smoothing and cut out of fold (never the held-out pages).
TUNING_FOLDS = 2
# Smoothing weights tried: 0 keeps each line's own score, 0.4 moves it 40% towards its neighbours'.
SMOOTH_GRID = (0.0, 0.2, 0.4)
# Cuts tried, in log-odds of boilerplate: -2 .. +4 (probability 0.12 .. 0.98).
OFFSET_GRID = tuple(x / 4 for x in range(-8, 17))


def _weights(data: Design) -> Any:
    """Row weights: the given ones, rescaled so both classes weigh the same in total.

    79% of the training lines are boilerplate; unbalanced, the trees learn to remove too much.
    """
    import numpy as np

    w = np.where(data.y >= 0, data.w, 0.0)
    for label in (0, 1):
        total = w[data.y == label].sum()
        if total:
            w[data.y == label] *= 0.5 * w.sum() / total
    return w


def _boost(data: Design, seed: int) -> Any:
    """One HistGradientBoostingClassifier fitted on the labelled rows of `data`."""
    from sklearn.ensemble import HistGradientBoostingClassifier
    from threadpoolctl import threadpool_limits

    clf = HistGradientBoostingClassifier(max_iter=ITERATIONS, max_depth=MAX_DEPTH, max_leaf_nodes=MAX_LEAVES,
                                         learning_rate=LEARNING_RATE, l2_regularization=1.0, random_state=seed,
                                         early_stopping=False)
    known = data.y >= 0
    with threadpool_limits(1):  # OpenMP threads thrash on a shared machine; one thread is steadier
        clf.fit(data.x[known], data.y[known], sample_weight=_weights(data)[known])
    return clf


def _smoothed_by_doc(score: Any, doc: Any, weight: float) -> Any:
    """rules.learned.smoothed applied to each document's consecutive rows."""
    import numpy as np

    from .rules.learned import smoothed

    if not weight:
        return score
    bounds = np.flatnonzero(np.diff(doc)) + 1
    return np.concatenate([smoothed(part, weight) for part in np.split(score, bounds)])


def page_f1(data: Design, removed: Any) -> float:
    """Mean over real (not synthetic) pages of the F1 of body words kept, as the benchmarks weigh pages."""
    import numpy as np

    words = np.expm1(data.x[:, feature_names().index("log_words")])
    real = np.array([not pid.startswith(SYNTHETIC_PREFIX) for pid in data.ids])[data.doc]
    body, boiler = (data.y == 0) & real, (data.y == 1) & real
    n = len(data.ids)
    tp = np.bincount(data.doc, words * (body & ~removed), n)
    fp = np.bincount(data.doc, words * (boiler & ~removed), n)
    fn = np.bincount(data.doc, words * (body & removed), n)
    pages = (tp + fn) > 0
    f1 = 2 * tp[pages] / np.maximum(2 * tp[pages] + fp[pages] + fn[pages], 1e-9)
    return float(f1.mean()) if pages.any() else 0.0


def tune(data: Design, seed: int = 0) -> tuple[float, float, float]:
    """Smoothing weight and log-odds cut that maximise page_f1 out of fold on `data`, with that F1."""
    import numpy as np

    fold = np.array([zlib.crc32(pid.removeprefix(SYNTHETIC_PREFIX).encode()) % TUNING_FOLDS for pid in data.ids])
    score = np.zeros(len(data.y))
    for f in range(TUNING_FOLDS):
        inside = fold[data.doc] != f
        clf = _boost(Design(data.x[inside], data.y[inside], data.w[inside], data.doc[inside], data.ids), seed)
        score[~inside] = clf.decision_function(data.x[~inside])
    decided = (data.x[:, feature_names().index("decided_boilerplate")] > 0) | (
        data.x[:, feature_names().index("decided_metadata")] > 0)
    best = (0.0, 0.0, -1.0)
    for weight in SMOOTH_GRID:
        smooth = _smoothed_by_doc(score, data.doc, weight)
        for offset in OFFSET_GRID:
            f1 = page_f1(data, decided | (smooth >= offset))
            if f1 > best[2]:
                best = (weight, offset, f1)
    return best


def fit(data: Design, seed: int = 0) -> dict[str, Any]:
    """Fit boosted trees on the labelled rows, with smoothing and cut tuned out of fold; JSON-ready data."""
    smooth, offset, tuned_f1 = tune(data, seed)
    known = data.y >= 0
    model = export(_boost(data, seed), {
        "lines": int(known.sum()), "documents": len(set(data.doc.tolist())), "iterations": ITERATIONS,
        "max_depth": MAX_DEPTH, "boilerplate_share": round(float(data.y[known].mean()), 3),
        "tuned_page_f1": round(tuned_f1, 4)})
    model.update(smooth=smooth, offset=offset)
    return model


def export(clf: Any, info: dict[str, Any]) -> dict[str, Any]:
    """A fitted HistGradientBoostingClassifier as model-file data (internal nodes carry mean values)."""
    trees, depth = [], 0
    for (predictor,) in clf._predictors:
        nodes = predictor.nodes
        value = [float(v) for v in nodes["value"]]

        def mean(k: int) -> float:  # count-weighted mean of the leaves below node k
            if nodes["is_leaf"][k]:
                return value[k]
            lo, hi = int(nodes["left"][k]), int(nodes["right"][k])
            value[k] = (mean(lo) * nodes["count"][lo] + mean(hi) * nodes["count"][hi]) / max(nodes["count"][k], 1)
            return value[k]

        mean(0)
        depth = max(depth, int(nodes["depth"].max()))
        trees.append([[int(n["feature_idx"]), _round(float(n["num_threshold"])),
                       -1 if n["is_leaf"] else int(n["left"]), -1 if n["is_leaf"] else int(n["right"]),
                       _round(value[k])] if not n["is_leaf"] else [0, 0.0, -1, -1, _round(value[k])]
                      for k, n in enumerate(nodes)])
    return {"format": FORMAT, "features": feature_names(), "baseline": float(clf._baseline_prediction.ravel()[0]),
            "depth": depth, "trees": trees, "info": info}


def _round(x: float) -> float:
    """Six significant digits: float32 thresholds keep their order, and the file stays small."""
    return float(f"{x:.6g}")


def save(model: dict[str, Any], path: Path) -> None:
    """Write a model file (compact JSON)."""
    import json

    path.write_text(json.dumps(model, separators=(",", ":")) + "\n", encoding="utf-8")
