"""The one-pass scan of a document names every line a pattern matches (it may name more), so the exact
regex decides on the lines it names and the output is the same with the engine or without it."""
from __future__ import annotations

import random
import re
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from re import _constants as sre
from re import _parser

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import cleaner
from cleaner.document import Block
from cleaner.model.training import zoo_data
from cleaner.text import scan, table
from cleaner.text.rules.patterns import concepts
from cleaner.text.superset import cases, superset

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
    """(concept, line) pairs a concept matches but the scan of the document of `texts` does not name, or where
    it finds another match when it tries only the patterns the scan names for the line."""
    lines = table.Lines.of([Block(i, i + 1, t, 0) for i, t in enumerate(texts)])
    assert lines._found is not None, "the scan ran without its engine"
    missed = []
    for name, found in concepts().items():
        named = lines.candidates(name)
        for i in range(len(lines)):
            text, words, folded = lines.text[i], lines.words[i], lines.folded[i]
            whole = found.match_prepared(text, words, folded)
            if whole and i not in named:
                missed.append((name, text))
            elif i in named:
                some = found.match_prepared(text, words, folded, lines._found.entries(name, i))
                if (whole and whole.span()) != (some and some.span()):
                    missed.append((name, text))
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
        # an optional opening item, then alternatives: the engine lost such lines past a document's 16th byte
        (r"^(?:(?:atenção|aviso|nota)\s?:\s?)?(?:este|o) (?:artigo|texto) é de (?:19|20)\d\d", 2, False,
         ["O arTigo é de 1966", "nota: este texto é de 2001"]),
        (r"(?:(?:zuletzt )?aktualisiert|stand):? \d\d?:\d\d(?: uhr)?", 2, True, ["Stand: 9:30 Uhr", "AKTUALISIERT 12:05"]),
    ]
    import re

    for pattern, flags, whole, lines in cases:
        db = hyperscan.Database()
        db.compile(expressions=[superset(pattern, flags, whole).encode()], ids=[0], elements=1,
                   flags=[hyperscan.HS_FLAG_UTF8 | hyperscan.HS_FLAG_MULTILINE | hyperscan.HS_FLAG_ALLOWEMPTY])
        for line in lines:
            assert (re.fullmatch if whole else re.search)(pattern, line, flags)
            for before in ("", "Erster Absatz.\n", "x" * 16 + "\n", "Straße und Fluss, ein langer Satz.\n"):
                for after in ("", "\nNächste Zeile"):
                    hits = []
                    text = "\n" + before + line + after  # as the scan reads it: a line break before the first line
                    db.scan(text.encode(), match_event_handler=lambda *a: hits.append(a))
                    assert hits, (pattern, before, line, after)


# Characters a generated line may hold where its pattern takes "any" character: ASCII, and letters whose cases
# differ in UTF-8 length or fold in ways a byte engine does not know.
POOL = [chr(c) for c in range(0x20, 0x7F)] + list("ßẞİıſKÅµΣσςﬀéÉàÀöÖñçøåæœΐ\u00a0’“”–—")
_CATEGORIES = {sre.CATEGORY_WORD: r"\w", sre.CATEGORY_NOT_WORD: r"\W", sre.CATEGORY_DIGIT: r"\d",
               sre.CATEGORY_NOT_DIGIT: r"\D", sre.CATEGORY_SPACE: r"\s", sre.CATEGORY_NOT_SPACE: r"\S"}


def _class(items: list) -> str:
    """A parsed character class written back as a regex."""
    out = []
    for op, av in items:
        if op is sre.NEGATE:
            out.append("^")
        elif op is sre.LITERAL:
            out.append(f"\\U{av:08x}")
        elif op is sre.RANGE:
            out.append(f"\\U{av[0]:08x}-\\U{av[1]:08x}")
        else:
            out.append(_CATEGORIES[av])
    return "[" + "".join(out) + "]"


def _written(rnd: random.Random, data: list, caseless: bool, groups: dict) -> str:
    """A string a parsed pattern may match (lookarounds and boundaries not heeded), each letter under
    IGNORECASE in any of the cases Python takes for it ('ß' or 'ẞ', 'i', 'I', 'İ' or 'ı', 'k' or the Kelvin sign)."""
    def char(cp: int, caseless: bool) -> str:
        return chr(rnd.choice(_cases(cp))) if caseless and rnd.random() < 0.5 else chr(cp)

    out = []
    for op, av in data:
        if op is sre.LITERAL:
            out.append(char(av, caseless))
        elif op in (sre.NOT_LITERAL, sre.ANY, sre.IN):
            accepts = re.compile(_class(av) if op is sre.IN else f"[^\\U{av:08x}\\n]" if op is sre.NOT_LITERAL
                                 else "[^\\n]", re.I if caseless else 0)
            own = [chr(av_) for o, av_ in av if o is sre.LITERAL] if op is sre.IN else []
            own += [chr(rnd.randint(*r)) for o, r in av if o is sre.RANGE] if op is sre.IN else []
            taken = [c for c in POOL + own if accepts.fullmatch(c)]
            out.append(char(ord(rnd.choice(taken)), caseless) if taken else "")
        elif op is sre.BRANCH:
            out.append(_written(rnd, rnd.choice(av[1]).data, caseless, groups))
        elif op is sre.SUBPATTERN:
            group, add, remove, sub = av
            here = (caseless or bool(add & re.IGNORECASE)) and not remove & re.IGNORECASE
            groups[group] = text = _written(rnd, sub.data, here, groups)
            out.append(text)
        elif op is sre.ATOMIC_GROUP:
            out.append(_written(rnd, av.data, caseless, groups))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            lo, hi, sub = av
            times = rnd.randint(lo, lo + 3 if hi is sre.MAXREPEAT else min(hi, lo + 3))
            out += [_written(rnd, sub.data, caseless, groups) for _ in range(times)]
        elif op is sre.GROUPREF:
            out.append(groups.get(av, ""))
        elif op is sre.GROUPREF_EXISTS:
            group, yes, no = av
            branch = yes if group in groups else no
            out.append(_written(rnd, branch.data, caseless, groups) if branch else "")
    return "".join(out)


@lru_cache(maxsize=None)
def _parsed(source: str, flags: int) -> tuple[list, bool]:
    parsed = _parser.parse(source, flags)
    return list(parsed.data), bool(parsed.state.flags & re.IGNORECASE)


@lru_cache(maxsize=None)
def _cases(cp: int) -> list[int]:
    return sorted(cases(cp))


def _line_of(rnd: random.Random, source: str, flags: int) -> str:
    data, caseless = _parsed(source, flags)
    return _written(rnd, data, caseless, {})


@settings(max_examples=6, deadline=None, derandomize=True, database=None)
@given(seed=st.integers(0, 2**32 - 1), gap=st.integers(0, 48), last=st.booleans(),
       case=st.sampled_from(["as drawn", "upper", "lower", "swapcase"]))
@example(seed=0, gap=17, last=True, case="as drawn")  # where an optional opening item lost lines past 16 bytes
def test_every_concept_line_is_named_wherever_it_stands(seed, gap, last, case):
    """For every pattern of every concept, a line drawn from it (its words in any of their cases, non-ASCII
    letters where it takes any character) stands in a document of its concept's lines, after up to `gap`
    other characters, the last line or not: when the concept matches it, the scan names it."""
    rnd = random.Random(seed)
    missed = []
    for name, found in concepts().items():
        texts, drawn = [], []
        for source in found.sources:
            before = "".join(rnd.choice(POOL) for _ in range(rnd.randint(0, gap))).strip()
            texts += [before] if before else []
            line = _line_of(rnd, source, found.flags)
            drawn.append(len(texts))
            texts.append(line if case == "as drawn" else getattr(line, case)())
        texts += [] if last else ["The end of the story."]
        lines = table.Lines.of([Block(i, i + 1, t, 0) for i, t in enumerate(texts)])
        named = lines.candidates(name)
        missed += [(name, lines.text[i]) for i in drawn if i not in named
                   and found.match_prepared(lines.text[i], lines.words[i], lines.folded[i])]
        whole = found.mode == "fullmatch"
        missed += [(name, lines.text[i]) for k, (i, source) in enumerate(zip(drawn, found.sources))
                   if not lines._found.entries(name, i) >> k & 1  # the pattern it was drawn from is named for it
                   and (re.fullmatch if whole else re.search)(source, lines.text[i], found.flags)]
    assert missed == []


def test_a_longer_case_variant_before_an_optional_word_is_named():
    """The engine lost this line past a document's 16th byte (its 'İ' for the pattern's 'i', before an
    optional word); a line holding a letter of LONGER_CASES is named for every pattern."""
    texts = ["Sechzehn Zeichen", "HİER ANMELDEN", "Danke."]  # newsletter: '(?:jetzt|hier) (?:kostenlos )?anmelden'
    lines = table.Lines.of([Block(i, i + 1, t, 0) for i, t in enumerate(texts)])
    assert concepts()["newsletter"].match(texts[1])
    assert 1 in lines.candidates("newsletter")


def test_the_letters_named_everywhere_are_every_longer_case_of_a_patterns_letter():
    """LONGER_CASES holds each letter IGNORECASE takes for a letter the patterns are written in (Latin, or any
    character of their sources) whose UTF-8 is of another length, and nothing else."""
    used = set(range(0x250)) | {ord(c) for found in concepts().values() for source in found.sources for c in source}
    longer = {v for cp in used for v in cases(cp)
              if v >= 0x80 and len(chr(v).encode()) != len(chr(cp).encode())}
    assert longer == {ord(c) for c in scan.LONGER_CASES}


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


def test_a_stored_database_with_a_byte_changed_is_not_read(monkeypatch, tmp_path):
    """The engine's own check misses some changed bytes (near the end of its data): the cache's checksum
    finds any one, so a damaged database is compiled anew rather than loaded."""
    hyperscan = pytest.importorskip("hyperscan")
    monkeypatch.setenv("CLEANER_CACHE", str(tmp_path))
    scan._compile.cache_clear()
    scan.Scanner((scan.Entry("x", r"subscribe"),))
    (stored,) = tmp_path.glob("scan-*.hsdb")
    whole = stored.read_bytes()
    assert scan._read(hyperscan, stored) is not None
    for at in (len(whole) - 5, len(whole) // 2, whole.index(b"\n", 20) + 3):
        damaged = bytearray(whole)
        damaged[at] ^= 0x55
        stored.write_bytes(bytes(damaged))
        assert scan._read(hyperscan, stored) is None, at
    scan._compile.cache_clear()


def test_the_cache_folder_keeps_only_the_latest_databases(monkeypatch, tmp_path):
    monkeypatch.setenv("CLEANER_CACHE", str(tmp_path))
    for k in range(scan.KEEP_DATABASES + 2):  # each pattern set compiles and stores a database of its own
        scan._compile.cache_clear()
        scan.Scanner((scan.Entry("x", f"subscribe{k}"),))
    assert len(list(tmp_path.glob("scan-*.hsdb"))) == scan.KEEP_DATABASES
    scan._compile.cache_clear()


def test_processes_starting_together_on_a_cold_cache_compile_once(monkeypatch, tmp_path):
    """Workers that start together (`--jobs`, a test run's workers) on an empty cache folder: one compiles
    the database, the others wait for it and read it, instead of each spending seconds compiling the same."""
    monkeypatch.setenv("CLEANER_CACHE", str(tmp_path))
    compiled, anew = [], scan._compile_anew

    def slow_compile(*args):
        compiled.append(1)
        time.sleep(0.3)  # long enough for every thread to reach the cache before the first is done
        return anew(*args)

    monkeypatch.setattr(scan, "_compile_anew", slow_compile)
    entries = (scan.Entry("x", r"subscribe", re.I),)
    with ThreadPoolExecutor(4) as pool:  # each thread opens the lock file anew, as a process would
        results = list(pool.map(lambda _: scan._compile.__wrapped__(entries), range(4)))
    assert len(compiled) == 1 and all(r is not None for r in results)
    data = "Weekly news\nSUBSCRIBE now".encode()
    scan._compile.cache_clear()
    assert scan.Scanner(entries).scan(data, [0, 12]) == {"x": {1}}
    scan._compile.cache_clear()


def test_an_anchored_alternation_of_a_long_and_a_one_letter_word_is_named_past_the_16th_byte(monkeypatch, tmp_path):
    """With `^` for a line's start the engine lost 'A gift supports our newsroom' standing past a document's 16th
    byte for this pattern (its 'your|a' before an optional group), though it found 'A monthly gift …': a line's
    start is written as the line break before it, and both are named wherever they stand."""
    monkeypatch.setenv("CLEANER_CACHE", str(tmp_path))
    pattern = (r"^(?:your|a) (?:tax[- ]deductible |year-end |monthly |one-time |recurring )?"
               r"(?:gift|donation|contribution)(?: today| now)?(?: of any (?:size|amount))? (?:will )?"
               r"(?:help|helps|keeps?|supports?|funds?|powers?|ensures?|makes?|allows?|lets?)\b.{0,20}"
               r"\b(?:us|our|we|journalism|reporting|newsroom)\b.{0,60}$")
    scan._compile.cache_clear()
    scanner = scan.Scanner((scan.Entry("appeal", pattern, re.I),))
    for before in ("", "Short\n", "x" * 16 + "\n", "A first paragraph of the story, long enough.\n"):
        texts = (before + "A gift supports our newsroom\nA monthly gift helps our newsroom\nNo appeal").split("\n")
        starts = [0]
        for t in texts[:-1]:
            starts.append(starts[-1] + len(t.encode()) + 1)
        first = texts.index("A gift supports our newsroom")
        assert scanner.scan("\n".join(texts).encode(), starts) == {"appeal": {first, first + 1}}, before
    scan._compile.cache_clear()


# Pieces of lines a byline reader meets: names, the marks and words that cut a byline or join its names, the
# words that open one (in several languages), and characters whose case or width is tricky.
BYLINE_PIECES = ["Jane", "DOE", "Ángel", "de", "O'Neil", "Jean-Luc", "-", " - ", "--", "–", "—", "|", "/", "•", "·",
                 "(", ")", "@", "x@y.de", "www.x.org", "WWW.", ",", ";", "&", "+", " and ", " UND ", " et ", " y ",
                 " e ", " en ", "e", "y", "andere", "By ", "by", "Von ", "Par: ", "por", "Door", "Written by ",
                 "geschrieben von", "ein Beitrag von ", "Autorin: ", "Thread starter ", "Auteur du sujet",
                 "Updated", "posted", "Veröffentlicht", "mis à jour", "edited", "Photos", "additional reporting",
                 "on behalf of", "im Auftrag der", "May 2, 2024", "3 min", ":", ".", " ", "  ", "\u00a0", "\t",
                 *TRICKY, "İ", "K", "\u212a", "ẞ"]


def _byline_tests_missed(texts: list[str]) -> list[tuple[str, str]]:
    """(test, line) pairs where a test of the byline reader matches a line without its marks that the scan does not
    name for it, or where the reading told what the scan named gives other names than the whole reading."""
    from cleaner.text import byline_words, bylines

    lines = table.Lines.of([Block(i, i + 1, t, 0) for i, t in enumerate(texts)])
    assert lines._found is not None, "the scan ran without its engine"
    cut, opening = (lines.candidates(n) for n in (byline_words.CUT_LINES, byline_words.OPENING_LINES))
    missed = []
    for i, text in enumerate(lines.text):
        marked = not byline_words.CUT_MARK_CHARS.isdisjoint(text)
        tests = (("cut", cut, lambda t: not marked and bylines._cuts().search(t)),
                 ("opening", opening, bylines._opening().match))
        missed += [(name, text) for name, named, found in tests if i not in named and found(text)]
        if bylines.byline_authors(text, i in cut, i in opening) != bylines.byline_authors(text):
            missed.append(("names", text))
    return missed


def test_the_scan_names_every_line_a_byline_test_matches():
    """The byline reader skips its cut and opening tests on a line the scan does not name for them (and, for the
    first, without its marks): on the seeds', the rule tests' and the zoo's lines (in capitals too) each test
    matches only such lines, and the names read are those of the whole reading."""
    texts = [t for t in sample_lines() + _zoo_lines() if t.strip()]
    assert _byline_tests_missed(texts + [t.upper() for t in texts]) == []


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.sampled_from(BYLINE_PIECES), max_size=10).map("".join), min_size=1, max_size=8))
def test_the_scan_names_every_made_up_line_a_byline_test_matches(texts):
    """The same on lines made of names, marks and byline words of several languages, whatever stands around
    them."""
    assert _byline_tests_missed(texts) == []
