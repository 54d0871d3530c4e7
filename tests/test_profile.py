"""Boilerplate learned from a corpus: templates are learned, prose is not, per site, in bounded memory."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.corpus.profile import Profile, ProfileBuilder, normalise_line
from cleaner.text.segment import split_lines

NAV = "Home | World | Business | Sport | Culture"
NEWSLETTER = "Sign up for our newsletter"
TEMPLATE = [NAV, "Advertisement", "• Share", NEWSLETTER]
STOCK_PHRASE = "The company did not immediately respond to a request for comment."


def _words(count: int, offset: int = 0) -> list[str]:
    """count distinct letter-only words (digits would be folded together by normalise_line)."""
    return [
        "".join("abcdefghijklmnopqrstuvwxyz"[(n // 26**k) % 26] for k in range(4))
        for n in range(offset, offset + count)
    ]


def _prose(site: str, i: int) -> list[str]:
    """Two lines of prose found in one document only (told apart by words: digits fold together)."""
    name = _words(1, offset=i)[0]
    return [
        f"Reporters at {site} filed the {name} story about the {['harbour', 'council', 'budget'][i % 3]} this week.",
        f"It quoted {['a nurse', 'a farmer', 'an engineer', 'a teacher'][i % 4]} at length on the {name} matter.",
    ]


def _article(site: str, i: int, *, stock: bool = False) -> str:
    lines = [NAV, f"Headline of the {_words(1, offset=i)[0]} story", *_prose(site, i)]
    if stock:
        lines.append(STOCK_PHRASE)
    lines += ["Advertisement", "• Share", NEWSLETTER, f"© {2000 + i % 25} {site} Media. All rights reserved."]
    return "\n".join(lines)


def _site_corpus(builder: ProfileBuilder, site: str | None, count: int, stock_every: int = 0) -> None:
    for i in range(count):
        builder.add(_article(site or "global", i, stock=bool(stock_every) and i % stock_every == 0), site)


def test_normalise_line_folds_trivial_variants() -> None:
    assert normalise_line("  • SHARE:  ") == "share"
    assert normalise_line("© 2024 Example   News") == normalise_line("(c) 2025 example news".replace("(c)", "©"))
    assert normalise_line("Page 2 of 7") == normalise_line("page 13 of 90") == "page 0 of 0"
    assert normalise_line("Sign\u200b up for our newsletter!") == "sign up for our newsletter"
    assert normalise_line("Ｓｈａｒｅ") == "share"
    assert normalise_line("*** ---") == ""


def test_template_lines_of_a_site_are_learned() -> None:
    builder = ProfileBuilder()
    _site_corpus(builder, "news.example", 30)
    profile = builder.build()
    for line in TEMPLATE + ["© 2031 news.example Media. All rights reserved."]:
        assert profile.contains(line, "news.example"), line
    assert profile.contains("SHARE", "news.example")
    assert profile.doc_frequency("Advertisement", "news.example") == 30
    assert profile.documents("news.example") == 30
    for i in range(30):
        for line in _prose("news.example", i) + [f"Headline of the {_words(1, offset=i)[0]} story"]:
            assert not profile.contains(line, "news.example"), line


def test_recurring_prose_below_the_share_is_not_learned() -> None:
    builder = ProfileBuilder()
    _site_corpus(builder, "big.example", 100, stock_every=12)  # in 9 of 100 documents
    _site_corpus(builder, "small.example", 30, stock_every=8)  # in 4 of 30 documents
    profile = builder.build(min_docs=5, min_share=0.2)
    assert not profile.contains(STOCK_PHRASE, "big.example")  # enough documents, too small a share
    assert not profile.contains(STOCK_PHRASE, "small.example")  # too few documents
    assert profile.contains(NEWSLETTER, "big.example") and profile.contains(NEWSLETTER, "small.example")
    assert builder.build(min_docs=5, min_share=0.05).doc_frequency(STOCK_PHRASE, "big.example") == 9


def test_a_line_repeated_inside_one_document_counts_once() -> None:
    builder = ProfileBuilder()
    builder.add("\n".join(["Advertisement"] * 50 + ["Real prose appears here once."]), "one.example")
    for i in range(9):
        builder.add(f"Another document, number {chr(97 + i)}.", "one.example")
    assert builder.build(min_docs=1, min_share=0.0).doc_frequency("Advertisement", "one.example") == 1
    assert not builder.build(min_docs=2, min_share=0.0).contains("Advertisement", "one.example")


def test_sites_are_kept_apart() -> None:
    builder = ProfileBuilder()
    _site_corpus(builder, "a.example", 20)
    for i in range(20):
        builder.add("\n".join(["Menu", "Log in", *_prose("b.example", i), "Powered by B Press"]), "b.example")
    _site_corpus(builder, None, 10)
    profile = builder.build()
    assert profile.contains(NEWSLETTER, "a.example") and not profile.contains(NEWSLETTER, "b.example")
    assert profile.contains("Powered by B Press", "b.example")
    assert not profile.contains("Powered by B Press", "a.example")
    assert not profile.contains("Powered by B Press", None)
    assert profile.contains(NEWSLETTER, None)
    assert not profile.contains(NEWSLETTER, "unknown.example")
    assert profile.documents("unknown.example") == 0


def test_the_table_never_exceeds_its_cap() -> None:
    builder = ProfileBuilder(max_entries=100)
    builder.add("\n".join(f"unique line {word}" for word in _words(1000)), "cap.example")
    assert builder.size("cap.example") <= 100
    for i in range(300):
        unique = [f"one-off sentence {word} in document {chr(97 + i % 26)}" for word in _words(40, offset=40 * i)]
        builder.add("\n".join(TEMPLATE + unique), "cap.example")
        assert builder.size("cap.example") <= 100
    profile = builder.build()
    assert all(profile.contains(line, "cap.example") for line in TEMPLATE)


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    builder = ProfileBuilder(max_entries=5000)
    _site_corpus(builder, "a.example", 20)
    _site_corpus(builder, None, 10)
    profile = builder.build(min_docs=4, min_share=0.3)
    path = tmp_path / "profile.json"
    profile.save(path)
    loaded = Profile.load(path)
    assert loaded == profile
    assert loaded.contains(NEWSLETTER, "a.example") and loaded.contains(NAV, None)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert (data["min_docs"], data["min_share"], data["max_entries"]) == (4, 0.3, 5000)
    assert [(s["site"], s["documents"]) for s in data["sites"]] == [(None, 10), ("a.example", 20)]
    assert all(len(key) == 16 and int(key, 16) >= 0 for key in data["sites"][1]["lines"])


def test_load_refuses_another_format(tmp_path: Path) -> None:
    path = tmp_path / "other.json"
    path.write_text('{"format": "something-else", "version": 1}', encoding="utf-8")
    with pytest.raises(ValueError, match="not a cleaner-profile"):
        Profile.load(path)


def test_profile_is_immutable() -> None:
    builder = ProfileBuilder()
    _site_corpus(builder, "a.example", 10)
    profile = builder.build()
    with pytest.raises(AttributeError):
        profile.min_docs = 1  # type: ignore[misc]
    with pytest.raises(TypeError):
        profile.sites["a.example"].lines[0] = 1  # type: ignore[index]


LINE = st.one_of(st.sampled_from(["Advertisement", "advertisement:", "Share", "Read more", "A sentence."]), st.text())
DOCS = st.lists(st.tuples(st.lists(LINE, max_size=8), st.sampled_from(["a.example", "b.example", None])), max_size=30)


@settings(max_examples=100, deadline=None)
@given(docs=DOCS, min_docs=st.integers(1, 6), min_share=st.floats(0.0, 1.0), max_entries=st.integers(2, 40))
def test_learned_lines_meet_both_requirements(
    docs: list[tuple[list[str], str | None]], min_docs: int, min_share: float, max_entries: int
) -> None:
    builder, capped = ProfileBuilder(), ProfileBuilder(max_entries=max_entries)
    truth: dict[str | None, Counter[str]] = {}
    for lines, site in docs:
        builder.add("\n".join(lines), site)
        capped.add("\n".join(lines), site)
        truth.setdefault(site, Counter()).update({n for n in map(normalise_line, split_lines("\n".join(lines))) if n})
    exact = builder.build(min_docs=min_docs, min_share=min_share)
    bounded = capped.build(min_docs=min_docs, min_share=min_share)
    for site, counts in truth.items():
        documents = sum(1 for _, s in docs if s == site)
        assert capped.size(site) <= max_entries
        for line, n in counts.items():
            learned = n >= min_docs and n / documents >= min_share
            assert exact.contains(line, site) == learned
            assert exact.doc_frequency(line, site) == (n if learned else 0)
            # The capped builder only undercounts: it may miss a line, never invent one.
            assert bounded.doc_frequency(line, site) <= exact.doc_frequency(line, site)


@settings(max_examples=300, deadline=None)
@given(line=st.text())
def test_normalise_line_is_idempotent(line: str) -> None:
    normalised = normalise_line(line)
    assert normalise_line(normalised) == normalised
    assert "\n" not in normalised and normalised == normalised.strip()


def test_texts_are_kept_for_learned_lines_only() -> None:
    builder = ProfileBuilder(max_entries=1000)
    _site_corpus(builder, "a.example", 20)
    profile = builder.build()
    learned = dict((text, n) for n, text in profile.sites["a.example"].learned())
    assert learned[NAV] == 20 and learned["Advertisement"] == 20 and learned[NEWSLETTER] == 20
    assert set(learned) == {NAV, "Advertisement", "• Share", NEWSLETTER} | {
        text for text in learned if text.startswith("©")}
    assert len(profile.sites["a.example"].texts) == len(profile.sites["a.example"].lines)
    assert len(builder._texts["a.example"]) < builder.size("a.example")  # one-off prose keeps no string
