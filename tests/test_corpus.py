"""Same-story detection: the seed pairs, exact and near-exact copies, no false pairs, determinism."""
from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from itertools import combinations

import pytest

from cleaner.corpus.same_story import CONTAINMENT_THRESHOLD, StoryPair, find_same_story, story_similarity

from .conftest import ROOT, SHARED, seed_files

SAME_STORY = {
    ("001_3b08c3e7ab397d2a.txt", "003_7da35043a6fc3ffa.txt"),
    ("002_baae56cd05fcf1d9.txt", "004_69736321e38eee21.txt"),
}

ARTICLE = (
    "The regional water authority announced on Monday that it would spend forty million dollars over the next "
    "five years replacing lead service lines in older neighbourhoods on the east side of the city. "
    "Engineers estimate that roughly eleven thousand homes are still connected to the network through pipes "
    "installed before the nineteen fifties, many of them under streets that have not been dug up in decades. "
    "The authority said households would not be charged for the work on the public side of the property line, "
    "but owners would be asked to share the cost of replacing pipes inside their own yards. "
    "Residents who attended a public meeting on the plan welcomed the money but questioned the pace of the work, "
    "noting that a similar programme in a neighbouring county had fallen years behind schedule. "
    "The board is expected to approve the first contracts next month, and crews could begin digging by early summer "
    "if the weather cooperates and the supply of copper pipe holds up."
)


def _seed_docs() -> list[tuple[str, str]]:
    return [(path.name, path.read_text(encoding="utf-8")) for path in seed_files()]


def _random_text(rng: random.Random, vocabulary: list[str], words: int) -> str:
    return " ".join(rng.choice(vocabulary) for _ in range(words))


def _generated_corpus(count: int, seed: int = 7) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    vocabulary = [f"{a}{b}{c}" for a in "bcdfgklmnprst" for b in "aeiou" for c in "lmnrst"]
    return [(f"gen{i:03d}", _random_text(rng, vocabulary, rng.randint(50, 400))) for i in range(count)]


def test_seeds_give_exactly_the_two_same_story_pairs() -> None:
    pairs = find_same_story(_seed_docs())
    assert {(p.a, p.b) for p in pairs} == SAME_STORY
    assert all(p.kind == "same-story" and p.score >= CONTAINMENT_THRESHOLD for p in pairs)


def test_seed_pairs_agree_with_the_shared_expectations() -> None:
    expectations = SHARED / "seeds" / "expectations.json"
    if not expectations.exists():
        pytest.skip("shared/seeds/expectations.json is not beside the repository")
    expected = json.loads(expectations.read_text(encoding="utf-8"))["_corpus"]["near_duplicates"]
    assert {tuple(sorted(pair)) for pair in expected} == SAME_STORY


def test_seed_scores_separate_same_story_from_unrelated(capsys: pytest.CaptureFixture[str]) -> None:
    docs = _seed_docs()
    scores = {(a, b): story_similarity(ta, tb) for (a, ta), (b, tb) in combinations(docs, 2)}
    with capsys.disabled():
        for (a, b), score in sorted(scores.items()):
            print(f"\n{a[:3]}/{b[:3]} 3-gram containment {score:.3f}", end="")
        print()
    for pair, score in scores.items():
        if pair in SAME_STORY:
            assert score >= 2 * CONTAINMENT_THRESHOLD
        else:
            assert score < CONTAINMENT_THRESHOLD / 2


def test_exact_copy_is_found_as_exact() -> None:
    copy = "  " + ARTICLE.upper().replace(". ", ".\n\n")
    pairs = find_same_story([("original", ARTICLE), ("copy", copy), *_generated_corpus(5)])
    assert pairs == [StoryPair("copy", "original", 1.0, "exact")]


def test_near_exact_copy_is_found_as_near_exact() -> None:
    edited = ARTICLE.replace("Monday", "Tuesday").replace("forty", "forty-five").replace("early summer", "June")
    pairs = find_same_story([("a", ARTICLE), ("b", edited), *_generated_corpus(5)])
    assert [(p.a, p.b, p.kind) for p in pairs] == [("a", "b", "near-exact")]
    assert pairs[0].score > 0.9


def test_every_copy_pairs_with_every_other_member() -> None:
    sentences = ARTICLE.split(". ")
    rewrite = ". ".join(sentences[::2]) + ". An unrelated closing paragraph follows with words of its own here."
    docs = [("c1", ARTICLE), ("c2", ARTICLE), ("c3", ARTICLE), ("r", rewrite)]
    pairs = find_same_story(docs)
    assert [(p.a, p.b, p.kind) for p in pairs] == [
        ("c1", "c2", "exact"),
        ("c1", "c3", "exact"),
        ("c1", "r", "same-story"),
        ("c2", "c3", "exact"),
        ("c2", "r", "same-story"),
        ("c3", "r", "same-story"),
    ]


def test_unrelated_generated_texts_give_no_pair() -> None:
    assert find_same_story(_generated_corpus(150)) == []


def test_one_line_contained_in_a_long_document_is_not_a_story() -> None:
    assert story_similarity("the next five years", ARTICLE) == 1.0
    assert find_same_story([("line", "the next five years"), ("article", ARTICLE)]) == []


def test_input_order_does_not_change_the_result() -> None:
    docs = _seed_docs() + [("copy-of-001", _seed_docs()[1][1])] + _generated_corpus(20)
    expected = find_same_story(docs)
    for seed in range(3):
        shuffled = list(docs)
        random.Random(seed).shuffle(shuffled)
        assert find_same_story(shuffled) == expected
    assert find_same_story(iter(docs)) == expected


def test_result_is_the_same_in_another_process() -> None:
    script = (
        "from cleaner.corpus.same_story import find_same_story\n"
        "from pathlib import Path\n"
        "docs = [(p.name, p.read_text(encoding='utf-8')) for p in sorted(Path('seeds').glob('*.txt'))]\n"
        "print(repr(find_same_story(docs)))\n"
    )
    env = dict(os.environ, PYTHONHASHSEED="12345", PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert done.stdout == repr(find_same_story(_seed_docs())) + "\n"


def test_empty_documents_are_skipped_and_repeated_ids_refused() -> None:
    assert find_same_story([("a", ""), ("b", "  \n "), ("c", "…")]) == []
    with pytest.raises(ValueError, match="duplicate"):
        find_same_story([("a", ARTICLE), ("a", ARTICLE)])
    with pytest.raises(ValueError, match="threshold"):
        find_same_story([], threshold=0.0)
