"""Every pattern, rule and stage is linear in its input: timed at 4 KB and at 40 KB in one run.

Linear work takes about 10 times longer on the larger input, quadratic work about 100 times. A ratio
above MAX_RATIO fails after one re-measurement, so a loaded machine cannot fail the test (a slow
moment stretches both sizes alike, and CPU time is measured, not wall time); no absolute time is
asserted. Measurements run in a worker
process with a time limit, so an exponential case (seconds at 200 bytes) fails instead of hanging.
Inputs are adversarial: each rule's own vocabulary repeated, alone, with blank lines, or as one long
line with no spaces, which reaches every pattern (a long word passes the word-count gates).
"""
from __future__ import annotations

import gc
import random
import re
import time
from collections.abc import Callable
from dataclasses import replace

import pytest

from cleaner import workers
from cleaner.config import Config
from cleaner.io import encoding
from cleaner.pipeline import removed_spans
from cleaner.text.decide import decide
from cleaner.text.metadata import gather
from cleaner.text.rules.base import Context
from cleaner.text.rules.patterns import Concept, concepts, prepare
from cleaner.text.rules.registry import context_rules, line_rules
from cleaner.text.segment import assemble, segment
from cleaner.text.table import Lines

SMALL, LARGE = 4_000, 40_000  # x10 apart; sizes where a quadratic cost shows and the suite stays short
MAX_RATIO = 35  # linear ≈ 10, quadratic ≈ 100
WALK = "a plain walk over the blocks"  # the linear reference of each measurement of the stages
# Seconds one input's measurements may take in the worker: linear work needs well under 10.
WORKER_LIMIT = 60
# A timed call shorter than SETTLED is timed again, as often as fits in MIN_TIMED and at least once, and its
# fastest time counts: the clock's grain and noise do not decide, and a target under FLOOR does not cross it on
# one slow call.
SETTLED = 0.003
MIN_TIMED = 0.0003
ROUNDS = 1  # measurements of each size, alternated (small, large, small…); the best counts
FLOOR = 0.001  # seconds at LARGE under which a target is not judged
CONFIG = Config(use_model=False)
BODY = "The council met on Tuesday to discuss the harbour budget and the repairs to the old sea wall."

# Lines each rule reacts to, repeated to fill a document (wordings of tests/test_properties.py style).
UNITS = {
    "posts link": "View all posts",
    "share": "Share",
    "share list": "Facebook | Twitter | Email",
    "byline": "By Jane Doe, Reuters",
    "bylines of many names": "By {name} and {name2}",
    "date line": "Posted August 20, 2025 3:07 pm",
    "date and dots": "August 20, 2025 " + "." * 400,
    "teaser heading": "Top Stories",
    "relative time": "5h ago",
    "teaser item": "A headline about the weather\n5h ago",
    "bio": "About the author\nJane Doe is a reporter at the Valley Courier.",
    "address": "Physical Address\n12 Harbour Road\nSpringfield, IL 62701\ninfo@example.com",
    "audio": "Listen to this article\n4 min",
    "caption": "Photo: THE CANADIAN PRESS/Jane Doe",
    "copyright": "© 2024 Valley Courier. All rights reserved.",
    "title header": "date 2024-05-01 A title of the story",
    "dateline": "OTTAWA — " + BODY,
    "headline and body": "A headline about the weather\n\n" + BODY,
    "html comment": "<!---->",
    "tags": "<p><div><br></div></p>",
    "capitals and dots": "A.",
}


def _document(unit: str, size: int, separator: str) -> str:
    """`unit` repeated (with fresh names where it has {name} slots) to `size` characters or just over: whole
    units only, so that both sizes end alike (a cut last line can change what a rule does at one size)."""
    rng = random.Random(size)
    parts, length = [], 0
    while length < size:
        piece = unit.format(name=f"Jane {rng.choice('ABCDEFGH')}oe{rng.randrange(10**6)}",
                            name2=f"John {rng.choice('KLMNOP')}oe{rng.randrange(10**6)}") if "{" in unit else unit
        parts.append(piece)
        length += len(piece) + len(separator)
    return separator.join(parts)


# Every unit as lines; as paragraphs where blank lines change what the context rules see; as one long
# line where a line rule or a stage reads the whole line (patterns get their own long lines below).
PARAGRAPHS = ("teaser item", "bio", "address", "headline and body", "posts link", "audio", "date line")
ONE_LINE = ("date and dots", "html comment")
DOCUMENTS = {f"{name} {label}": (UNITS[name], separator)
             for names, label, separator in ((UNITS, "lines", "\n"), (PARAGRAPHS, "paragraphs", "\n\n"),
                                             (ONE_LINE, "one line", ""))
             for name in names}


def _timed(run: Callable[..., object], warm: bool = True, fresh: Callable[[], object] | None = None) -> float:
    """CPU seconds one call of `run` takes, after a first, untimed one when `warm` (which compiles what the
    call needs and fills process-wide caches), a short call repeated and the fastest taken (see SETTLED). With
    `fresh`, each call gets a new `fresh()` made outside the timing (a rule's table: its matches are confirmed
    on first use, as in a real run, and the table's own building is timed apart).

    CPU time of the thread, not wall time: on a loaded machine a long call is interrupted more often
    than a short one, which would inflate the ratio of every linear stage."""
    def once() -> float:
        args = (fresh(),) if fresh else ()
        start = time.thread_time()
        run(*args)
        return time.thread_time() - start

    if warm:
        once()
    elapsed = once()
    if elapsed >= SETTLED:
        return elapsed
    reps = max(1, int(MIN_TIMED / max(elapsed, 1e-7)))
    return min(elapsed, *(once() for _ in range(reps)))


def _stage_times(text: str) -> dict[str, float]:
    """Seconds each stage, rule and the whole pipeline take on `text` (fresh per-block caches)."""
    times: dict[str, float] = {}
    data = text.encode("utf-8")
    times["decode"] = _timed(lambda: encoding.decode(data))
    times["looks_like_html"] = _timed(lambda: encoding.looks_like_html(text))
    times["segment"] = _timed(lambda: segment(text))
    blocks = segment(text)
    times["table"] = _timed(lambda: Lines.of(blocks))
    lines = Lines.of(blocks)
    times[WALK] = _timed(lambda: [(b.text, b.para, w, f) for b, w, f in zip(blocks, lines.words, lines.folded)])
    for rule in line_rules():  # on a fresh table: a rule's patterns are confirmed on first use
        times[f"rule {rule.id}"] = _timed(lambda table: _fire(rule, table), fresh=lambda: _unread(lines))
    decisions = decide(lines, CONFIG)
    first = [d.verdicts[0] if d.verdicts and d.verdicts[0].stage == "context-free" else None for d in decisions]
    ctx = Context(lines, first, CONFIG)  # what the context rules see: the line rules' verdicts
    for rule in context_rules():
        times[f"rule {rule.id}"] = _timed(lambda: rule.evaluate(ctx))
    keep = [not d.removed for d in decisions]
    times["assemble"] = _timed(lambda: assemble(blocks, keep))
    body = assemble(blocks, keep)
    times["metadata"] = _timed(lambda: gather(lines, decisions, body))
    times["removed spans"] = _timed(lambda: removed_spans(blocks, decisions))
    return times  # the whole pipeline is these stages, and decide() rounds of the rules (at most MAX_SETTLE + 1)


def _unread(lines: Lines) -> Lines:
    """`lines` as Lines.of made it: the same columns and scan, nothing confirmed or computed yet."""
    return replace(lines, _confirmed={}, _dates={}, _whole=None, _computed={})


def _fire(rule, lines: Lines) -> list:
    """A line rule's verdicts on every line it asks about."""
    return [rule.evaluate(lines, i) for i in rule.candidates(lines)]


def _without_collector(measure: Callable[[str], dict[str, float]], text: str) -> dict[str, float]:
    """`measure(text)` with the garbage collector off: a collection walks every live object, whatever the code
    being timed does, and would land in some timings and not others. No collection first: in the worker,
    forked from a test process that has read corpora, one walks hundreds of megabytes (it made these tests
    four times slower), and leftover garbage costs the timed code nothing."""
    gc.disable()
    try:
        return measure(text)
    finally:
        gc.enable()


def _alternated(measure: Callable[[str], dict[str, float]], small: str, large: str) -> tuple[dict, dict]:
    """The best time of each target at both sizes, the sizes measured in turn (small, large, small, large…)
    so that both meet the same moments of a loaded machine (the other processor thread busy or not)."""
    best: tuple[dict[str, float], dict[str, float]] = ({}, {})
    for _ in range(ROUNDS):
        for text, kept in ((small, best[0]), (large, best[1])):
            for target, seconds in _without_collector(measure, text).items():
                kept[target] = min(seconds, kept.get(target, seconds))
    return best


def _ratios(measure: Callable[[str], dict[str, float]], make: Callable[[int], str]) -> dict[str, float]:
    """time(LARGE) / time(SMALL) per target, measured in a worker with a time limit; a target under
    FLOOR at LARGE is left out (there its timing is noise, and a super-linear stage takes far longer)."""
    small, large = workers.call(_alternated, WORKER_LIMIT, measure, make(SMALL), make(LARGE))
    return {target: large[target] / max(small[target], 1e-7) for target in small
            if large[target] >= FLOOR or target == WALK}


def _too_slow(ratios: dict[str, float]) -> dict[str, float]:
    """The targets whose ratio passes MAX_RATIO, scaled by how much more than 10 times a plain walk over the
    same blocks took (WALK): ten times the blocks no longer fit the processor's caches as well, the more
    so when other processes share the machine, and that slows every stage alike, linear or not."""
    allowed = MAX_RATIO * max(1.0, ratios.get(WALK, 10.0) / 10)
    return {t: r for t, r in ratios.items() if r > allowed}


def _assert_linear(measure: Callable[[str], dict[str, float]], make: Callable[[int], str]) -> None:
    try:
        ratios = _ratios(measure, make)
        if _too_slow(ratios):  # measure again: one slow moment of a loaded machine must not fail the test
            again = _ratios(measure, make)
            ratios = {t: min(r, again[t]) for t, r in ratios.items() if t in again}  # else under FLOOR there
    except workers.DocumentTimeout:
        pytest.fail(f"no result within {WORKER_LIMIT} s at {SMALL} and {LARGE} characters: super-linear")
    slow = {t: round(r, 1) for t, r in _too_slow(ratios).items()}
    assert not slow, f"time grows faster than the input (x10 input -> x{slow}; a plain walk: x{ratios.get(WALK)})"


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_every_stage_and_rule_is_linear(name):
    """Each stage and rule takes about 10x the time on 10x the input."""
    unit, separator = DOCUMENTS[name]
    _assert_linear(_stage_times, lambda size: _document(unit, size, separator))


def _pattern_lines(concept: Concept) -> list[tuple[str, str]]:
    """(prefix, unit) of long lines against a concept: some of its own words, single characters and, for
    patterns that may match anywhere, a letter or digit before punctuation (`A.A.A.`: a word boundary at
    every other character, where a search may start) - each after a word that opens the concept's
    keyword gate, so the regex itself runs."""
    rng = random.Random(concept.name)
    words = sorted({w for source in concept.sources for w in re.findall(r"[^\W\d_]{2,}", source)})
    units = rng.sample(words, min(5, len(words))) + list(" .-@/1A(")
    if concept.mode == "search":
        units += [a + b for a in "Aa" for b in ".-'/&"]
    units += ["".join(rng.sample(units, 4)), " ".join(rng.sample(units, 5)) + " "]
    gate = re.sub(r"\\(.)", r"\1", concept.gate.pattern.split("|")[0]) + " " if concept.gate else ""
    return [(gate, unit) for unit in units]


def _pattern_times(text: str) -> dict[str, float]:
    """Seconds the concept named on the first line takes on each following line, as the rules match: on the
    line as the table prepared it (its collapsing, word count and casefolding are the table's, timed by the
    stage tests; here they made thousands of word strings whose memory, not the pattern, decided the ratio)."""
    name, *lines = text.split("\n")
    concept = concepts()[name]
    concept.match("")  # compiles its expressions; a match keeps nothing else, so one timed call per line
    times = {}
    for line in lines:
        prepared = prepare(line)
        words, folded = len(prepared.split()), prepared.casefold()
        times[f"{name}: {line[:20]!r}"] = _timed(lambda: concept.match_prepared(prepared, words, folded), warm=False)
    return times


@pytest.mark.parametrize("name", sorted(concepts()))
def test_every_pattern_is_linear(name):
    """Each concept of cleaner/data/patterns.toml matches long lines of its own pieces in linear time."""
    units = _pattern_lines(concepts()[name])
    _assert_linear(_pattern_times, lambda size: "\n".join(
        [name] + [(gate + unit * (size // len(unit) + 1))[:size] for gate, unit in units]))
