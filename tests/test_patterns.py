"""The pattern data: concepts load, and each cheap keyword gate never hides a line its patterns match."""
from __future__ import annotations

import json
import re

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from cleaner.text.rules.patterns import concepts, prepare

from . import test_rules
from .conftest import ROOT, SHARED, seed_files

GATED = [c for c in concepts().values() if c.gate is not None]
SPLIT = [c for c in concepts().values() if c.split is not None]


def sample_lines() -> list[str]:
    """Lines from the seeds, the rule tests' wordings and, when present, the Readability dumps."""
    lines = [line for p in seed_files() for line in p.read_text(encoding="utf-8").splitlines()]
    for value in vars(test_rules).values():
        items = value if isinstance(value, list) else []
        for item in items:
            for text in (item if isinstance(item, tuple) else (item,)):
                if isinstance(text, str):
                    lines.extend(text.splitlines())
    cache = ROOT / "benchmarks" / ".cache" / "dumps-readability.json"
    if cache.is_file() and (SHARED / "corpora").is_dir():
        pages = json.loads(cache.read_text(encoding="utf-8"))["pages"].values()
        lines += [line for page in pages for line in (page["text"] if isinstance(page, dict) else page).splitlines()]
    return [line for line in lines if line.strip()]


@pytest.mark.parametrize("concept", GATED, ids=lambda c: c.name)
def test_gate_never_hides_a_match(concept):
    for line in sample_lines():
        text = prepare(line)
        words = len(text.split())
        if concept.max_words is not None and words > concept.max_words:
            continue
        ungated = any((p.fullmatch(text) if concept.mode == "fullmatch" else p.search(text)) for p in concept.patterns)
        assert (concept.match_prepared(text, words, text.casefold()) is not None) == ungated, (concept.name, line)


@pytest.mark.parametrize("concept", SPLIT, ids=lambda c: c.name)
def test_anchored_patterns_tried_at_the_start_find_what_the_alternation_finds(concept):
    """A concept whose anchored patterns are tried at a line's start only finds the match the whole alternation
    finds, also where an anchored and another pattern both match at the start (the patterns' order decides),
    and where letters are written in the cases IGNORECASE takes for others ('ſ' for 's', 'ı' and 'İ' for 'i')."""
    whole = concept.patterns[0]
    doubled = [line + " " + line for line in sample_lines()[:2000]]
    matched = [line for line in sample_lines() if whole.search(prepare(line))]
    cased = [variant for line in matched
             for variant in (line.replace("s", "ſ"), line.replace("i", "ı"), line.upper().replace("I", "İ"))]
    for line in [*sample_lines(), *doubled, *cased]:
        text = prepare(line)
        gated = concept.gate is not None and concept.gate.search(text.casefold()) is None
        expected = None if gated else whole.search(text)
        found = concept.match_prepared(text, 0, text.casefold())
        assert (found and found.span()) == (expected and expected.span()), (concept.name, line)


def test_every_concept_has_patterns_and_compiles():
    for concept in concepts().values():
        assert concept.patterns and concept.languages
        assert all(isinstance(p, re.Pattern) for p in concept.patterns)


def test_a_pattern_reads_as_anchored_as_the_regex_parser_reads_it():
    """Which patterns are anchored (tried at a line's start only) is read off the source without parsing it; the
    reading agrees with Python's own parser on every pattern of the data and on hand-made edge cases (an
    alternation outside groups, '|' inside a class or escaped, every branch anchored)."""
    from re import _constants, _parser

    from cleaner.text.rules.patterns import _anchored

    edges = ["^a|b", "^(a|b)", "^[|]a", "^[]|]x", "^[^]|]x", r"^a\|b", "^(?:a)|b", "^a(?=b|c)d", "^[a-z]|x",
             r"^\[|x", "^(a)(b|c)|d", "^a|^b", "^a|^b|c", r"^[\]|]|^x", "a|^b", "^"]
    for source in [s for c in concepts().values() for s in c.sources] + edges:
        data = _parser.parse(source).data
        parsed = source.startswith("^") and bool(data) and data[0] == (_constants.AT, _constants.AT_BEGINNING)
        assert _anchored(source) == parsed, source


_REGEX_PIECES = ["^", "a", "b", "|", "(", ")", "(?:", "[", "]", "[^", "\\", "\\|", "\\(", "\\[", "\\]", "-", "*", "?",
                 "(?=", "(?<!"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_REGEX_PIECES), max_size=12))
def test_a_pattern_reads_as_anchored_as_the_regex_parser_reads_it_whatever_its_brackets(pieces):
    """The anchored reading agrees with Python's parser on patterns made of brackets, classes, escapes and bars
    in any order (every one the parser takes)."""
    import warnings
    from re import _constants, _parser

    from cleaner.text.rules.patterns import _anchored

    source = "^" + "".join(pieces)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # ('[[' reads as a possible set union in some later Python)
            data = _parser.parse(source).data
    except re.error:
        assume(False)
    assert _anchored(source) == (bool(data) and data[0] == (_constants.AT, _constants.AT_BEGINNING)), source
