"""The learned title choice (text/title_choice.py): a dump's title among the tagger's best title lines."""
from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


def _no_trees() -> tc.Chooser:
    empty = np.zeros(0, np.intp)
    return tc.Chooser(empty, empty, np.zeros(0, np.float32), empty, np.zeros(0), 0, {})


def _stump(feature: int, threshold: float) -> tc.Chooser:
    """One tree of one split on context column `feature`: above the threshold scores 1, else -1."""
    return tc.Chooser(np.array([0], np.intp), np.array([feature, 0, 0], np.intp),
                      np.array([threshold, np.inf, np.inf], np.float32), np.array([1, 1, 2], np.intp),
                      np.array([0.0, -1.0, 1.0]), 1, {"note": "x"})


def test_the_chooser_file_round_trips_and_refuses_other_features():
    chooser = _stump(tc.FEATURES.index("log_words"), 1.5)
    again = tc.Chooser.from_dict(json.loads(json.dumps(chooser.to_dict())))
    facts = _facts(["Menu", "Cycling in winter: ten tips for the dark months", BODY[0]], [0.9, 0.6, 0.01])
    assert np.array_equal(again.scores(tc.features(facts, [0, 1])), chooser.scores(tc.features(facts, [0, 1])))
    assert again.choose(facts, [0, 1]) == 1
    data = chooser.to_dict()
    data["features"] = data["features"][:-1]
    with pytest.raises(ValueError, match="retrain"):
        tc.Chooser.from_dict(data)


def test_fitting_is_deterministic_and_learns_which_candidate_is_right():
    pytest.importorskip("sklearn")
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
    path = tmp_path / "choice.json"
    path.write_text(json.dumps(_no_trees().to_dict()), encoding="utf-8")
    with_file = cleaner.clean(dump, config=cleaner.Config(extra={"title_choice_file": str(path)}))
    assert with_file.metadata.title == "Cycling in winter: ten tips"
    assert cleaner.clean(dump).metadata.title == "Cycling in winter: ten tips"


@pytest.mark.parametrize("line, facts", [
    ("Products Rooms Deals Design & ideas Services", {"menu_like": 1.0}),
    ("Produkte Räume Angebote Ideen Service Kontakt", {"menu_like": 1.0}),
    ("Les quais vont changer de visage d'ici deux ans", {"menu_like": 0.0}),
    ("Vegetable Gardening for Beginners", {"line0_head": 1.0, "line0_tail": 0.0}),
    ("The Old Farmer's Almanac", {"line0_head": 0.0, "line0_tail": 1.0}),
])
def test_the_choice_reads_a_menu_run_together_and_where_the_first_line_holds_a_candidate(line, facts):
    """A long line without a stop word is a menu; a candidate the first line ('Headline | Site') opens with
    is its headline, one it ends with a site's or a section's name."""
    texts = ["Vegetable Gardening for Beginners | The Old Farmer's Almanac", line, BODY[0]]
    row = tc.features(_facts(texts, [0.9, 0.6, 0.01]), [0, 1])[1]
    for name, value in facts.items():
        assert row[tc.FEATURES.index(name)] == value


@pytest.mark.parametrize("site, section, headline, lead", [
    ("The Daily Wheel", "Cycling", "How to keep cycling through the winter", "Ten ways to keep cycling through winter"),
    ("Harbour Courier", "Local news", "Council backs the new harbour bike lanes", "Harbour bike lanes: council vote"),
    ("Gartenfreunde Bayern", "Ratgeber", "Warum Tomaten nach dem Regen platzen", "Tomaten platzen? Was der Regen tut"),
    ("Le Courrier du Port", "Société", "Le conseil valide les nouvelles pistes cyclables", "Pistes cyclables : le vote"),
])
def test_a_dump_opening_with_its_title_tag_takes_a_headline_never_the_sites_name_or_its_section(
        site, section, headline, lead):
    """A page dump opens with the page's <title> ('Lead | Site'), the site's name and its section printed
    under it; the title is the lead or the headline printed above the byline, never the site or the section."""
    dump = (f"{lead} | {site}\n{site}\nHome\nNews\n{section}\n{headline}\nBy Jane Keller\nMarch 3, 2024\n\n"
            f"{BODY[0]}\n\n{BODY[1]}\n")
    assert cleaner.clean(dump).metadata.title in (lead, headline)

@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=60))
def test_folding_an_ascii_line_agrees_with_the_full_unicode_folding(text):
    """The ASCII shortcut of meta_tagger.fold gives what NFKC, the quote map and casefolding give."""
    assert meta_tagger.fold(text) == meta_tagger._fold_unicode(text)
