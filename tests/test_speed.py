"""The fast paths of the learned cleaner give what the plain ones gave: per-document lexical terms,
slice-by-slice scoring of long documents, and evidence computed only when someone reads it."""
from __future__ import annotations

import copy
import json
import pickle
import random
import subprocess
import sys
from collections import Counter

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import cleaner
from cleaner.config import Config
from cleaner.document import Block, Evidence
from cleaner.model import features, inference, lexical
from cleaner.model.forest import Forest
from cleaner.model.inference import Lexical
from cleaner.text import meta_tagger, table
from cleaner.text.rules import patterns

from .conftest import seed_files

LINE = st.text(st.sampled_from(list("abc Ab 12 3456 ßẞİı-—'\u00a0٣𝟏😀")), max_size=30)


@settings(max_examples=200, deadline=None)
@given(st.lists(LINE, max_size=12))
def test_a_documents_columns_are_its_lines_terms(lines):
    terms = sorted({t for line in ("abc ab", "ss 0 00", "b 00 a", *lines[:3]) for t in lexical.line_terms(line)})
    vocab = lexical.Vocabulary(terms)
    index = {t: k for k, t in enumerate(terms)}
    rows, cols = vocab.columns(lines)
    want = Counter((r, index[t]) for r, line in enumerate(lines) for t in lexical.line_terms(line) if t in index)
    assert Counter(zip(rows.tolist(), cols.tolist())) == want


def _random_forest(rng: random.Random, width: int, trees: int = 6, depth: int = 3) -> Forest:
    """A forest of complete trees of `depth` in the flattened layout (a leaf is its own left child)."""
    roots, feature, threshold, left, value = [], [], [], [], []
    for _ in range(trees):
        roots.append(len(feature))
        level = [len(feature)]
        feature.append(0), threshold.append(0.0), left.append(0), value.append(0.0)
        for d in range(depth):
            nxt = []
            for node in level:
                feature[node], threshold[node] = rng.randrange(width), rng.uniform(-1, 1)
                left[node] = len(feature)
                for _ in range(2):
                    nxt.append(len(feature))
                    feature.append(0), threshold.append(np.inf), left.append(len(feature)), value.append(rng.gauss(0, 1))
            level = nxt
        for node in level:
            left[node] = node
    return Forest(np.array(roots, np.intp), np.array(feature, np.intp), np.array(threshold, np.float32),
                  np.array(left, np.intp), np.array(value, np.float64), depth, 0.25)


def test_long_documents_are_scored_in_slices_with_the_same_bytes(monkeypatch):
    rng = random.Random(3)
    forest = _random_forest(rng, width=5)
    x = np.asarray([[rng.uniform(-1, 1) for _ in range(5)] for _ in range(50)], np.float32)
    whole = forest.scores(forest.leaves(x))
    terms = tuple(sorted({t for w in ("subscribe now", "read more", "the council met") for t in lexical.line_terms(w)}))
    lex = Lexical(lexical.Vocabulary(terms), np.asarray(np.random.default_rng(1).normal(size=(len(terms), 4)),
                  np.float32), np.array([0.5, -0.25, 0.0, 1.0], np.float32))
    lines = [rng.choice(("Subscribe now", "read more here", "The council met on Monday", "", "12 subscribe"))
             for _ in range(50)]
    unsliced, design = lex.logits(lines)
    assert all(np.array_equal(a, b) for a, b in zip(design, lex.counts(lines)))
    monkeypatch.setattr(inference, "SLICE_LINES", 7)
    own = x[:, :3]
    rows = features.Rows(own, x[:, 3:])
    assert np.concatenate([rows.at(np.arange(k, min(50, k + 7)), dtype=np.float64) for k in range(0, 50, 7)]
                          ).tobytes() == features.stack(own, x[:, 3:]).tobytes()
    assert rows.at(np.arange(50)).tobytes() == features.stack(own, x[:, 3:]).astype(np.float32).tobytes()
    assert np.concatenate([forest.scores(forest.leaves(x[k:k + 7])) for k in range(0, 50, 7)]).tobytes() == whole.tobytes()
    sliced, no_terms = lex.logits(lines)
    assert sliced.tobytes() == unsliced.tobytes() and no_terms is None  # a long document keeps no terms


def test_a_document_cleaned_in_slices_is_the_same(monkeypatch):
    """Lines scored, characters read, long lines' terms counted and tagger rows taken a few at a time give the
    same record, evidence and all, as the whole document at once (how a long document is cleaned in
    bounded memory)."""
    document = "\n\n".join(p.read_text(encoding="utf-8") for p in seed_files())
    config = Config(timeout=0)
    whole = cleaner.clean(document, config=config).to_dict()
    monkeypatch.setattr(inference, "SLICE_LINES", 7)
    monkeypatch.setattr(table, "SLICE_CHARS", 300)  # and a longer line read in pieces
    monkeypatch.setattr(meta_tagger, "SLICE_ROWS", 5)
    monkeypatch.setattr(lexical, "PIECE_CHARS", 200)
    monkeypatch.setattr(patterns, "LONG_LINE", 100)
    monkeypatch.setattr(table, "LONG_LINE", 100)
    assert max(len(line) for line in document.splitlines()) > 300
    assert cleaner.clean(document, config=config).to_dict() == whole


def test_evidence_is_computed_once_when_first_read_and_travels_whole():
    calls = []

    def more() -> dict:
        calls.append(1)
        return {"words": ["w:subscribe"], "context": {"s1": 1.5}}

    evidence = Evidence({"class": "promo.newsletter", "probability": 0.9}, more)
    assert not calls  # nothing read yet: nothing computed
    assert evidence["words"] == ["w:subscribe"] and evidence.get("class") == "promo.newsletter"
    assert calls == [1] and len(evidence) == 4
    full = {"class": "promo.newsletter", "probability": 0.9, "words": ["w:subscribe"], "context": {"s1": 1.5}}
    for lazy in (lambda: Evidence({"class": "promo.newsletter", "probability": 0.9}, more),):
        assert json.loads(json.dumps(lazy())) == full
        assert json.dumps(lazy(), indent=2) == json.dumps(full, indent=2)
        assert pickle.loads(pickle.dumps(lazy())) == full and type(pickle.loads(pickle.dumps(lazy()))) is dict
        assert copy.deepcopy(lazy()) == full and dict(lazy()) == full and {**lazy()} == full
        assert list(lazy()) == list(full) and lazy() == Evidence(full)


def test_check_starts_without_the_metadata_tagger(tmp_path):
    """A lint reports lines: it reads no metadata, so a text file never loads numpy and the tagger."""
    path = tmp_path / "a.txt"
    path.write_text("A short paragraph of article text that no rule removes, written as prose.\n", encoding="utf-8")
    code = ("import sys; from cleaner.cli.main import main; code = main(['check', sys.argv[1]]); "
            "sys.exit(10 + code if 'numpy' in sys.modules else code)")
    assert subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, timeout=120).returncode == 0


def test_a_command_imports_no_other_commands_module(tmp_path):
    """`cleaner check` builds only its own options: the other commands' modules (and what they import) cost
    its start-up nothing. `cleaner --help` still lists every command."""
    path = tmp_path / "a.txt"
    path.write_text("A short paragraph of article text that no rule removes, written as prose.\n", encoding="utf-8")
    code = ("import sys; from cleaner.cli.main import main; code = main(['check', sys.argv[1]]); "
            "others = [m for m in ('clean', 'dups', 'explain', 'learn', 'rules', 'train') if f'cleaner.cli.{m}' in sys.modules]; "
            "print(others); sys.exit(10 if others else code)")
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    listed = subprocess.run([sys.executable, "-m", "cleaner", "--help"], capture_output=True, text=True, timeout=120)
    assert all(f"    {name}" in listed.stdout for name in ("clean", "check", "learn", "dups", "explain", "rules", "train"))


def test_without_metadata_the_body_and_removals_are_the_same():
    from cleaner import Config, clean

    from .conftest import BODY

    text = "Harbour wall to be rebuilt\n\nBy Ana Ruiz\n\n" + "\n\n".join(BODY) + "\n\nShare this article\n"
    full, lean = clean(text), clean(text, config=Config(metadata=False))
    assert full.metadata.author == "Ana Ruiz" and lean.metadata.author is None and lean.metadata.title is None
    assert (lean.text, lean.removed) == (full.text, full.removed)


NAME_PIECES = st.sampled_from(["Jane", "DOE", "JaneHTTPS://x.org/a", "Ann(x", "(x)", "Bojane@y.de", "Ángel", "de", "la", "y", "and", "By", "(", ")", "(Bill)", " ", "  ", ",",
                               "|", "/", "·", " - ", "jane@x.org", "@jd", "www.x.org", "HTTPS://x.org/a", "May 2, 2024",
                               "Updated", "edited by", "x", "O'Neil", "Reuters", ":", ".", "\u00a0", "\x1c",
                               "Staff Writer", "MD", "Dpa", "Written by", "Photos", "Posted", "İlker", "\u212aim", "•",
                               "en", "WWW.x.de", "GAZETTE", "RHEIN-KURIER", "III", "on behalf of", "with", "on",
                               "Share", "Folgen", "—7 min read", "Today", "Universität", "Thread starter", "Auteur du sujet"])


@settings(max_examples=300, deadline=None)
@given(st.lists(NAME_PIECES, max_size=12).map("".join))
def test_a_line_that_may_not_name_gives_no_name(text):
    """The tagger reads names only on lines `may_name` lets through: on the others no reading finds one. The
    tagger's reading of the authors alone finds those of the whole reading."""
    from cleaner.text.bylines import byline_authors, read_byline
    from cleaner.text.names import may_name, person_name

    assert byline_authors(text) == read_byline(text).authors
    if not may_name(text):
        assert read_byline(text).authors == []
        assert person_name(text) is None


PLAIN_WORDS = st.one_of(st.sampled_from(["Jane", "Doe", "JEAN", "Anne-Marie", "Roe", "de"]), st.sampled_from(
    ["Top", "10", "2024", "R2", "٣", "3 comments", "5 min", "12 Kommentare", "7 Min. Lesezeit", "May 2, 2024",
     "2 mai 2023", "2024-05-02", "04.05.2023", "y", "and", "und", "et", "Reuters", "Staff Writer", "Von", "Por", "By",
     "Aktualisiert", "publié le", "e-mail", "on behalf of", "MD", ".", ":", ""]))
PLAIN_JOINS = st.one_of(st.just(" "), st.sampled_from([" ", "-", " - ", "- ", " -", "--", "–", ", ", ",", " & ", "; ",
                                                       "+", " and ", " y ", ""]))
PLAIN_LINE = st.lists(st.tuples(PLAIN_WORDS, PLAIN_JOINS), max_size=6).map(lambda pairs: "".join(w + j for w, j in pairs))


@settings(max_examples=200, deadline=None)
@given(PLAIN_LINE)
def test_a_byline_line_read_as_one_piece_is_the_piece_the_whole_reading_makes(text):
    """A line the byline reader takes as one piece (digits and hyphens inside words allowed when it holds no
    date, reading time or comment count; commas and 'and' between names too) is the one piece the whole reading
    makes of it, cut into the same parts; both readings give the same authors."""
    from cleaner.text import bylines

    line = " ".join(text.split())
    if bylines._one_piece(line):
        part = line.strip(" :-–—").strip(" .,")
        assert bylines._pieces(line) == ([bylines._parts(part)] if part else [])
    assert bylines.byline_authors(text) == bylines.read_byline(text).authors


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list("ab 1_.,é中文ひらカナ한글\u3040\u30ff\u4e00\u9fff\uac00\ud7af\u3400")), max_size=40))
def test_words_of_a_line_with_cjk_are_counted_without_a_copy_of_it(text):
    """count_words reads the \\w runs between CJK characters in place: as many as with each CJK character a space."""
    import re

    cjk = len(table._CJK.findall(text))
    plain = len(re.findall(r"\w+", table._CJK.sub(" ", text)))
    assert table.count_words(text) == (plain + max(1, cjk // table.CJK_CHARS_PER_WORD) if cjk else plain)


TABLE_LINE = st.lists(st.sampled_from(list("aZ Éé×,.'’-:：;?!…)»\"_1²\t\u00a0\u2028•*|>\ud800日한𝐀") + ["de", "Anna", ". . ."]),
                      max_size=12).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(TABLE_LINE, max_size=6))
def test_the_tables_columns_are_each_lines_own_reading(given_lines):
    """The table makes its columns for all lines at once, skipping what cannot change a line: each is still the
    line's own reading (its spaces collapsed and bullets and final colon trimmed, its words, shape, casefold)."""
    lines = table.Lines.of([Block(k, k + 1, text, 0) for k, text in enumerate(given_lines)])
    for k, given_line in enumerate(given_lines):
        text = " ".join(given_line.split()).strip(patterns._BULLETS)
        text = text[:-1].rstrip() if text.endswith((":", "：")) else text
        assert lines.text[k] == patterns.prepare(given_line) == text
        assert lines.words[k] == table.count_words(text) and lines.folded[k] == text.casefold()
        shape = table._shape(text, lines.words[k])
        assert (lines.terminal[k], lines.ellipsis[k], lines.heading[k], lines.prose[k], lines.name_like[k]) == shape
