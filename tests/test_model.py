"""The learned line model: the shipped file, its verdicts, and what it removes and keeps."""
from __future__ import annotations

import subprocess
import sys

import pytest

import cleaner
from cleaner.config import DEFAULT
from cleaner.model_features import feature_names
from cleaner.rules.learned import default_path, load, model_rules

# The shipped model stays small enough to read at start-up and to review in a diff.
MAX_MODEL_BYTES = 1_000_000

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
    assert model.feature.shape[0] > 0


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
