"""The one-pass scan of a document names every line a pattern matches (it may name more), so the exact
regex decides on the lines it names and the output is the same with the engine or without it."""
from __future__ import annotations

import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cleaner
from cleaner.document import Block
from cleaner.model.training import zoo_data
from cleaner.text import scan, table
from cleaner.text.rules.patterns import concepts
from cleaner.text.superset import superset

from .conftest import seed_files
from .test_patterns import sample_lines

hyperscan = pytest.importorskip("hyperscan")

# Characters Python's case-insensitive matching folds together in ways a byte-level engine may not.
TRICKY = "ſKİıµΣςﬀ\u00a0\u2028’“"


def _zoo_lines() -> list[str]:
    """Every boilerplate wording of the zoo, in its seven languages, as written (slots and all)."""
    return [w for cls in zoo_data.classes() for lang in zoo_data.languages()
            for w in zoo_data.wordings(cls, lang)]


def _missed(texts: list[str]) -> list[tuple[str, str]]:
    """(concept, line) pairs a concept matches but the scan of the document of `texts` does not name."""
    lines = table.Lines.of([Block(i, i + 1, t, 0) for i, t in enumerate(texts)])
    assert lines._found is not None, "the scan ran without its engine"
    missed = []
    for name, found in concepts().items():
        named = lines.candidates(name)
        for i in range(len(lines)):
            if found.match_prepared(lines.text[i], lines.words[i], lines.folded[i]) and i not in named:
                missed.append((name, lines.text[i]))
    return missed


def test_the_scan_names_every_line_a_concept_matches():
    texts = [t for t in sample_lines() + _zoo_lines() if t.strip()]
    upper = [t.upper() for t in texts]  # case-insensitive concepts must be found in capitals too
    assert _missed(texts + upper) == []


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_zoo_lines() + sample_lines()[:400]),
                          st.lists(st.tuples(st.integers(0, 200), st.sampled_from(TRICKY)), max_size=3),
                          st.booleans()), min_size=1, max_size=8))
def test_mutated_wordings_are_named_too(items):
    texts = []
    for text, inserts, swap in items:
        for at, ch in inserts:
            text = text[:at] + ch + text[at:]
        texts.append(text.swapcase() if swap else text)
    assert _missed(texts) == []


def test_rewrites_of_constructs_only_widen():
    cases = [  # pattern, flags, whole line, lines the Python regex matches
        (r"\bwrites (?:about|on) [\w ,&-]{3,60} for\b", 2, False, ["She writes about food and farms for us"]),
        (r"(?<!\w)top (?=stories)stories", 2, True, ["Top Stories"]),
        (r"(?P<d>[-/.])x(?P=d)", 0, False, ["a-x-b", "a/x/b"]),
        (r"(?-i:[A-Z]{2,5})", 2, True, ["AFP"]),
        (r"[^\W\d_]+", 0, True, ["Éire", "日本"]),
    ]
    import re

    for pattern, flags, whole, lines in cases:
        db = hyperscan.Database()
        db.compile(expressions=[superset(pattern, flags, whole).encode()], ids=[0], elements=1,
                   flags=[hyperscan.HS_FLAG_UTF8 | hyperscan.HS_FLAG_MULTILINE | hyperscan.HS_FLAG_ALLOWEMPTY])
        for line in lines:
            assert (re.fullmatch if whole else re.search)(pattern, line, flags)
            hits = []
            db.scan(line.encode(), match_event_handler=lambda *a: hits.append(a))
            assert hits, (pattern, line)


def _results(docs: list[str]) -> list[dict]:
    return [cleaner.clean(d).to_dict() for d in docs]


def test_the_output_is_the_same_without_the_engine(monkeypatch):
    docs = [p.read_text(encoding="utf-8") for p in seed_files()]
    docs.append("\n".join(_zoo_lines()[:300]))
    with_engine = _results(docs)
    monkeypatch.setitem(sys.modules, "hyperscan", None)
    table.scanner.cache_clear()
    scan._compile.cache_clear()
    try:
        assert table.scanner()._compiled is None
        assert _results(docs) == with_engine
    finally:
        monkeypatch.undo()
        table.scanner.cache_clear()
        scan._compile.cache_clear()


def test_a_damaged_or_unwritable_cache_still_scans(monkeypatch, tmp_path):
    monkeypatch.setenv("CLEANER_CACHE", str(tmp_path))
    entries = (scan.Entry("x", r"subscribe", 2),)
    scan._compile.cache_clear()
    scan.Scanner(entries)
    stored = list(tmp_path.glob("scan-*.hsdb"))
    assert len(stored) == 1
    stored[0].write_bytes(stored[0].read_bytes()[:-100])  # cut short: its checksum no longer holds
    scan._compile.cache_clear()
    scanner = scan.Scanner(entries)
    data = "Weekly news\nSUBSCRIBE now".encode()
    assert scanner.scan(data, [0, 12]) == {"x": {1}}
    assert stored[0].read_bytes()[:14] == scan.FORMAT  # written anew, whole
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("CLEANER_CACHE", str(blocked))
    scan._compile.cache_clear()
    assert scan.Scanner(entries).scan(data, [0, 12]) == {"x": {1}}
    scan._compile.cache_clear()


def test_the_cache_folder_keeps_only_the_latest_databases(monkeypatch, tmp_path):
    monkeypatch.setenv("CLEANER_CACHE", str(tmp_path))
    for k in range(scan.KEEP_DATABASES + 2):  # each pattern set compiles and stores a database of its own
        scan._compile.cache_clear()
        scan.Scanner((scan.Entry("x", f"subscribe{k}"),))
    assert len(list(tmp_path.glob("scan-*.hsdb"))) == scan.KEEP_DATABASES
    scan._compile.cache_clear()
