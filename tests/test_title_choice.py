"""The learned title choice (text/title_choice.py): a dump's title among the tagger's best title lines."""
from __future__ import annotations

import json

import numpy as np
import pytest

import cleaner
from cleaner.text import meta_tagger
from cleaner.text import title_choice as tc

from .conftest import BODY


def _facts(texts: list[str], title_p: list[float]) -> tc.Facts:
    probs = np.zeros((len(texts), len(meta_tagger.CLASSES)))
    probs[:, 0] = 1.0 - np.array(title_p)
    probs[:, meta_tagger.CLASSES.index("title")] = title_p
    n = len(texts)
    return tc.Facts(texts, probs, [False] * n, [False] * n, [len(t.split()) > 12 for t in texts],
                    [len(t.split()) for t in texts], meta_tagger.CLASSES)


def test_the_chooser_file_round_trips_and_refuses_other_features():
    chooser = tc.Chooser(np.linspace(-1, 1, len(tc.FEATURES)), {"note": "x"})
    again = tc.Chooser.from_dict(json.loads(json.dumps(chooser.to_dict())))
    assert np.allclose(again.weights, chooser.weights, atol=1e-6)
    data = chooser.to_dict()
    data["features"] = data["features"][:-1]
    with pytest.raises(ValueError, match="retrain"):
        tc.Chooser.from_dict(data)


def test_fitting_is_deterministic_and_learns_which_candidate_is_right():
    from cleaner.model.training import title_fit

    facts = _facts(["Cycling in winter | The Daily Wheel", "Menu", "Cycling in winter: ten tips", BODY[0]],
                   [0.9, 0.2, 0.6, 0.01])
    rng = np.random.default_rng(7)
    samples = []
    for k in range(40):  # the headline under the <title> line is the right one, with noise on the probabilities
        x = tc.features(facts, [0, 2, 1]) + rng.normal(0, 0.01, (3, len(tc.FEATURES)))
        x[:, 0] = 1.0
        samples.append(title_fit.Sample(f"site{k}.example", x, np.array([0.0, 1.0, 0.0])))
    first, second = title_fit.fit(samples), title_fit.fit(samples)
    assert json.dumps(first.to_dict()) == json.dumps(second.to_dict())
    assert first.choose(facts, [0, 2, 1]) == 2


def test_a_chooser_without_preference_takes_the_taggers_first_choice_and_so_does_the_shipped_one_here(tmp_path):
    dump = f"Cycling in winter: ten tips\n\nBy Jane Keller\n\n{BODY[0]}\n\n{BODY[1]}\n"
    chooser = tc.Chooser(np.zeros(len(tc.FEATURES)), {})
    path = tmp_path / "choice.json"
    path.write_text(json.dumps(chooser.to_dict()), encoding="utf-8")
    with_file = cleaner.clean(dump, config=cleaner.Config(extra={"title_choice_file": str(path)}))
    assert with_file.metadata.title == "Cycling in winter: ten tips"
    assert cleaner.clean(dump).metadata.title == "Cycling in winter: ten tips"


@pytest.mark.parametrize("site, headline, lead", [
    ("The Daily Wheel", "How to keep cycling through the winter", "Ten ways to keep cycling through winter"),
    ("Harbour Courier", "Council backs the new harbour bike lanes", "Harbour bike lanes: council vote"),
])
def test_a_dump_opening_with_its_title_tag_takes_the_headline_printed_on_the_page(site, headline, lead):
    """A page dump opens with the page's <title> ('Lead | Site'); the headline printed under the menu in
    other words is the article's title (the tagger alone took the <title> line)."""
    dump = (f"{lead} | {site}\nHome\nNews\nSport\n{headline}\nBy Jane Keller\nMarch 3, 2024\n\n"
            f"{BODY[0]}\n\n{BODY[1]}\n")
    assert cleaner.clean(dump).metadata.title == headline
