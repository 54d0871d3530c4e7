"""The learned line model: the shipped file, its verdicts, and what it removes and keeps."""
from __future__ import annotations

import random
import re
import subprocess
import sys

import numpy as np
import pytest

import cleaner
from cleaner.config import DEFAULT
from cleaner.features import compute_all
from cleaner.model_features import BLOCK_FEATURES, block_matrix, feature_names
from cleaner.rules.base import Context
from cleaner.rules.learned import LineModel, default_path, load, model_rules, smoothed
from cleaner.segment import segment

# The shipped model stays small enough to read at start-up and to review in a diff.
MAX_MODEL_BYTES = 300_000

# Boilerplate in wordings that are not in the seeds nor in the synthetic training dumps.
INJECTED = [
    "Skip to main navigation",
    "Sign up for our free evening newsletter",
    "Follow us on Mastodon",
    "Trending in Science",
    "Accept cookies and continue",
    "Back to homepage",
]


def _dump(body: list[str]) -> str:
    return "\n\n".join([*INJECTED[:3], *body, *INJECTED[3:]])


def test_shipped_model_loads_and_is_small():
    path = default_path()
    assert path.is_file()
    assert path.stat().st_size < MAX_MODEL_BYTES
    model = load(str(path))
    assert model.features == tuple(feature_names())
    assert len(model.roots) > 0


def test_inference_does_not_import_scikit_learn(body):
    code = ("import sys, cleaner; cleaner.clean(sys.argv[1]); "
            "sys.exit('sklearn' in sys.modules or 'cleaner.train' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code, _dump(body)], timeout=60).returncode == 0


def test_removes_injected_boilerplate_and_keeps_body(body):
    result = cleaner.clean(_dump(body))
    for paragraph in body:
        assert paragraph in result.text
    for line in INJECTED:
        assert line not in result.text, line


def test_model_verdicts_carry_probability_and_top_features(body):
    result = cleaner.clean(_dump(body))
    spans = [s for s in result.removed if s.rule == "model.line"]
    assert spans, "the model removed nothing the heuristics left"
    for span in spans:
        assert 0.5 <= span.evidence["probability"] <= 1.0
        assert span.evidence["top_features"]
        assert all(name in feature_names() for name in span.evidence["top_features"])


def test_model_is_deterministic(body):
    first = cleaner.clean(_dump(body)).to_dict()
    assert all(cleaner.clean(_dump(body)).to_dict() == first for _ in range(3))


def test_no_model_switch_and_text_mode_only():
    assert model_rules(DEFAULT.replace(use_model=False)) == ()
    assert model_rules(DEFAULT.replace(extra={"model_file": "/nonexistent/model.json"})) == ()
    assert [r.id for r in model_rules(DEFAULT)] == ["model.line"]


def test_clean_prose_comes_back_unchanged(body):
    text = "\n\n".join(body)
    result = cleaner.clean(text)
    assert result.removed == []
    assert result.text == text


@pytest.mark.parametrize("threshold", [0.5, 0.9])
def test_threshold_bounds_removals(body, threshold):
    result = cleaner.clean(_dump(body), config=DEFAULT.replace(model_threshold=threshold))
    assert all(s.evidence["probability"] >= threshold for s in result.removed if s.rule == "model.line")


def _random_model(rng: random.Random, width: int, trees: int = 30, depth: int = 5) -> dict:
    """A model file with random trees of uneven shape, in the format `cleaner train` writes."""
    def grow(nodes: list, level: int) -> int:
        k = len(nodes)
        nodes.append([0, 0.0, -1, -1, round(rng.uniform(-1, 1), 4)])
        if level < depth and rng.random() < 0.8:
            lo, hi = grow(nodes, level + 1), grow(nodes, level + 1)
            nodes[k][:4] = [rng.randrange(width), round(rng.uniform(-1, 1), 3), lo, hi]
        return k

    forest = []
    for _ in range(trees):
        nodes: list = []
        grow(nodes, 0)
        forest.append(nodes)
    return {"format": "cleaner-line-model/1", "features": [f"f{j}" for j in range(width)], "baseline": 0.3,
            "depth": depth, "trees": forest}


def _reference_scores(data: dict, x: "np.ndarray") -> list[float]:
    """Scores by walking every tree node by node for every row: slow and obviously right."""
    out = []
    for row in x:
        score = data["baseline"]
        for nodes in data["trees"]:
            k = 0
            while nodes[k][2] >= 0:
                k = nodes[k][2] if row[nodes[k][0]] <= np.float32(nodes[k][1]) else nodes[k][3]
            score += nodes[k][4]
        out.append(score)
    return out


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_vectorised_walk_matches_reference(seed):
    rng = random.Random(seed)
    data = _random_model(rng, width=7)
    model = LineModel.from_dict(data)
    x = np.asarray([[rng.choice((rng.uniform(-1, 1), 0.0, -1.0)) for _ in range(7)] for _ in range(40)], np.float32)
    assert np.allclose(model.scores(model.walk(x)), _reference_scores(data, x), atol=1e-9)


def test_smoothing_moves_scores_towards_neighbours():
    score = np.array([0.0, 4.0, 0.0])
    assert np.allclose(smoothed(score, 0.0), score)
    assert np.allclose(smoothed(score, 0.5), [1.0, 2.0, 1.0])


def test_line_patterns_match_their_regexes():
    lines = ["In 1999 and 2024", "at 9:05 or 12:30", "x12:30 2024x 120:30", "Home | News » World",
             "a/b and a / b", "mail me@example.com", "visit www.example.org/page", "no such thing"]
    ctx = Context(segment("\n".join(lines)), compute_all(segment("\n".join(lines))), [None] * len(lines), DEFAULT)
    own = block_matrix(ctx)
    col = {name: own[:, k] for k, name in enumerate(BLOCK_FEATURES)}
    features = compute_all(segment("\n".join(lines)))
    assert col["year"].tolist() == [float(bool(re.search(r"\b(?:19|20)\d\d\b", f.text))) for f in features]
    assert col["clock"].tolist() == [float(bool(re.search(r"\b\d{1,2}:\d{2}\b", f.text))) for f in features]
    assert col["urlish"].tolist() == [0, 0, 0, 0, 0, 1, 1, 0]
    assert col["separators"].tolist() == [0, 0, 0, 2, 1, 0, 0, 0]
