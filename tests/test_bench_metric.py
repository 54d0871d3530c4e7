"""WCXB's bag-of-words F1 as the benchmark computes it."""
from benchmarks.metric import bag_of_words_f1, mean


def test_bag_of_words_ignores_case_order_and_punctuation():
    assert bag_of_words_f1("World, hello!", "hello world") == 1.0


def test_bag_of_words_counts_repeats_and_misses():
    # pred: a a b (3 tokens), gold: a b c (3 tokens); overlap a b = 2 -> P = R = 2/3
    assert abs(bag_of_words_f1("a a b", "a b c") - 2 / 3) < 1e-9


def test_empty_prediction_scores_zero_and_pages_are_averaged():
    assert bag_of_words_f1("", "some body") == 0.0
    assert mean([bag_of_words_f1("x", "x"), bag_of_words_f1("", "x")]) == 0.5
