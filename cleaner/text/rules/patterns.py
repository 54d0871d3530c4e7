"""Load the boilerplate vocabulary (package data `data/patterns.toml`) and match lines against it.

Patterns are data; this module only compiles them once per concept and says whether a line
matches. An empty concept is refused at import, so a typo in the data cannot silently disable
a rule.
"""
from __future__ import annotations

import re
from re import _constants, _parser
from dataclasses import dataclass
from functools import cached_property, lru_cache

from ...data import load_toml

_BULLETS = "•·▪‣◦*–—-|>» \u00a0\t"
# A line this long is collapsed by a regex, not split into a list of its words (memory).
LONG_LINE = 1 << 12
_SPACES = re.compile(r"\s{2,}|[^\S ]")  # what collapsing changes: a run of spaces, or one other than " "
_OPENERS = frozenset(_BULLETS)  # what prepare() trims at a line's start, and at its end:
_ENDINGS = frozenset(_BULLETS + ":：")


@dataclass(frozen=True, eq=False)
class Concept:
    """One group of patterns (e.g. 'teaser_heading') for matching a single line, compiled on first use."""

    name: str
    mode: str
    max_words: int | None
    sources: tuple[str, ...]
    flags: int
    languages: tuple[str, ...]
    requires: tuple[str, ...] = ()
    """Casefolded literals of which a matching line holds at least one (none: no such gate)."""

    @cached_property
    def gate(self) -> re.Pattern[str] | None:
        """The `requires` literals as one regex, a cheap gate before the patterns (compiled on first use, as
        they are: the pre-commit hook's start compiles no concept a clean file does not reach)."""
        return re.compile("|".join(map(re.escape, self.requires))) if self.requires else None

    @cached_property
    def patterns(self) -> tuple[re.Pattern[str], ...]:
        """The compiled patterns: lazily, since a run on clean text never needs most concepts (start-up
        of the pre-commit hook); named groups cannot repeat in one alternation, so those stay apart; patterns
        that all open with '^' share it (an alternation of anchored branches is tried at every position)."""
        if any("(?P<" in s for s in self.sources):
            return tuple(re.compile(s, self.flags) for s in self.sources)
        if all(map(_anchored, self.sources)):  # one anchor for all: a search tries the line's start only
            return (re.compile("^(?:" + "|".join(f"(?:{s[1:]})" for s in self.sources) + ")", self.flags),)
        return (re.compile("|".join(f"(?:{s})" for s in self.sources), self.flags),)

    @cached_property
    def split(self) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str] | None] | None:
        """For a search over patterns of which some open with '^' and others do not: the anchored ones as one
        pattern (without the '^') and the others as one, so that a line's positions past its start are not
        tried with the anchored ones (an alternation tries each branch at each position), and the literals of
        which every match of the others holds one (in the line's case skeleton under IGNORECASE; None when
        one of them has none): the others are not searched for in a line without one. None when the
        alternation stays whole (none or all anchored, named groups, numbered references)."""
        if self.mode != "search" or any("(?P<" in s or _refers(s) for s in self.sources):
            return None
        anchored = [s[1:] for s in self.sources if _anchored(s)]
        if not anchored or len(anchored) == len(self.sources):
            return None
        rest = [s for s in self.sources if not _anchored(s)]
        return (re.compile("|".join(f"(?:{s})" for s in anchored), self.flags),
                re.compile("|".join(f"(?:{s})" for s in rest), self.flags), _literals(rest, self.flags))

    def match(self, line: str) -> re.Match[str] | None:
        """The first match of this concept on `line` (after trimming bullets and a final colon)."""
        text = prepare(line)
        return self.match_prepared(text, len(text.split()), text.casefold())

    def match_prepared(self, text: str, words: int, folded: str, may: int | None = None) -> re.Match[str] | None:
        """Like match(), for a line already prepared, with its word count and casefolded text; `may`: the
        patterns that may match the line as bits (bit k: the k-th of `sources`; the others match nowhere in it,
        as a scan tells), so that only those are tried when that pays (by_pattern)."""
        if not text or (self.max_words is not None and words > self.max_words):
            return None
        if may is not None and self.by_pattern:  # a pattern or two to try: cheaper than the gate, read past a match
            found = self._match_some(text, may)
            return None if found is None or (self.gate is not None and self.gate.search(folded) is None) else found
        if self.gate is not None and self.gate.search(folded) is None:
            return None
        split = self.split
        if split is not None:  # what the whole alternation finds:
            anchored, rest, literals = split
            first = anchored.match(text)
            if literals is not None and literals.search(_skeleton(text) if self.flags & re.I else text) is None:
                return first  # the others match nowhere in the line
            if first is None:
                return rest.search(text)  # no anchored pattern at the start: the others decide
            if rest.match(text) is None:
                return first  # only anchored ones at the start: the first of them
            # both kinds at the start: the patterns' order decides
        for pattern in self.patterns:
            found = pattern.fullmatch(text) if self.mode == "fullmatch" else pattern.search(text)
            if found:
                return found
        return None

    @cached_property
    def by_pattern(self) -> bool:
        """Whether a line is better read for the patterns that may match it only (when a scan tells which), one
        by one: a search with patterns not anchored (an alternation tries each of them at each place in a line;
        anchored ones and whole-line ones fail fast together), none referring to a group by number (which an
        alternation numbers across patterns)."""
        return self.mode == "search" and not all(map(_anchored, self.sources)) and not any(map(_refers, self.sources))

    @cached_property
    def _each(self) -> tuple[list[re.Pattern[str] | None], bool]:
        """Each pattern compiled on its own (on first use), and whether the first pattern to match is what the
        concept finds (named groups: `patterns` are tried in order, not as one alternation)."""
        return [None] * len(self.sources), any("(?P<" in s for s in self.sources)

    def _match_some(self, text: str, may: int) -> re.Match[str] | None:
        """What a search for `patterns` finds in `text` when only the patterns of bits `may` can match: the first
        of them to match (named groups: patterns tried in order), else the leftmost match, the first pattern's at a
        tie (what an alternation finds: each place in turn, each pattern in turn)."""
        each, in_order = self._each
        best: re.Match[str] | None = None
        k = 0
        while may:
            if may & 1:
                pattern = each[k]
                if pattern is None:
                    pattern = each[k] = re.compile(self.sources[k], self.flags)
                found = pattern.search(text)
                if found is not None:
                    if in_order:
                        return found
                    if best is None or found.start() < best.start():
                        best = found
                        if not best.start():
                            return best
            may >>= 1
            k += 1
        return best


def _literals(sources: list[str], flags: int) -> re.Pattern[str] | None:
    """A search for the literals of which every match of one of `sources` holds one (each pattern's best: see
    _required), in the case skeleton under IGNORECASE; None when a pattern has none (or sets flags of its own)."""
    found: set[str] = set()
    for source in sources:
        parsed = _parser.parse(source, flags)
        needed = _required(list(parsed.data)) if parsed.state.flags & ~re.U == flags & ~re.U else None
        if needed is None or min(map(len, needed)) < MIN_LITERAL:
            return None
        found |= {_skeleton(literal) if flags & re.I else literal for literal in needed}
    found = {literal for literal in found if not any(other in literal for other in found - {literal})}
    return re.compile("|".join(map(re.escape, sorted(found, key=lambda x: (-len(x), x)))))


# A literal a line is looked at for is at least this long (a shorter one stands in most lines).
MIN_LITERAL = 3
_REPEATS = (_constants.MAX_REPEAT, _constants.MIN_REPEAT, _constants.POSSESSIVE_REPEAT)


def _required(items: list) -> frozenset[str] | None:
    """Literals of which every match of a parsed pattern holds one: a run of literal characters, or one of
    a group's alternatives (each holding one of its own); the rarest by _worth, or None."""
    best: frozenset[str] | None = None

    def better(found: frozenset[str] | None) -> None:
        nonlocal best
        if found is not None and (best is None or _worth(found) > _worth(best)):
            best = found

    run: list[str] = []
    for op, av in items:
        if op is _constants.LITERAL:
            run.append(chr(av))
            continue
        if run:
            better(frozenset(["".join(run)]))
            run = []
        if op is _constants.SUBPATTERN and not av[1] and not av[2]:  # a group that changes no flag
            better(_required(list(av[3].data)))
        elif op is _constants.BRANCH:
            alternatives = [_required(list(alternative.data)) for alternative in av[1]]
            if all(a is not None for a in alternatives):
                better(frozenset(literal for a in alternatives for literal in a))  # type: ignore[union-attr]
        elif op in _REPEATS and av[0] >= 1:
            better(_required(list(av[2].data)))
    if run:
        better(frozenset(["".join(run)]))
    return best


def _worth(literals: frozenset[str]) -> tuple[int, int]:
    """How rare a line holding one of `literals` is, roughly: the shortest one's length without its spaces (a
    short word between spaces, ' by ', is in many lines), then how few they are."""
    return min(len(literal.strip()) for literal in literals), -len(literals)


def _case_classes() -> dict[str, str]:
    """sre's extra case equivalences (re._casefix: 'ı' with 'i', 'ſ' with 's', 'ς' with 'σ'...), each character
    mapped to the smallest of its class (an ASCII letter stays itself)."""
    from re._casefix import _EXTRA_CASES

    return {chr(cp): chr(min(cp, *others)) for cp, others in _EXTRA_CASES.items() if min(cp, *others) != cp}


_CLASS_OF = _case_classes()
_TO_CLASS = str.maketrans(_CLASS_OF)
_IN_CLASS = re.compile("[" + re.escape("".join(_CLASS_OF)) + "]")
_DOTTED_I = "\u0130"  # 'İ': its simple lower case (what sre reads) is 'i'; str.lower() adds a combining dot


def _skeleton(text: str) -> str:
    """`text` with each character replaced by one of those IGNORECASE matching takes for the same (sre's simple
    lower case, then its extra equivalences): a literal an IGNORECASE pattern matches in `text` stands in
    _skeleton(text) as _skeleton(literal). (str.lower() is the simple lower case but for 'İ'; a final 'Σ'
    lowers to 'ς', of the class of 'σ'.)"""
    if text.isascii():
        return text.lower()
    low = (text.replace(_DOTTED_I, "i") if _DOTTED_I in text else text).lower()
    return low.translate(_TO_CLASS) if _IN_CLASS.search(low) else low


def _refers(source: str) -> bool:
    """Whether a pattern may refer to a group by number (a back-reference, a conditional), which an alternation
    holding other patterns before it would number differently."""
    return _GROUP_REFERENCE.search(source) is not None


_GROUP_REFERENCE = re.compile(r"\\[1-9]|\(\?\(")


# An escaped character, or a character class (escapes inside it, a ']' first in it): what _anchored reads past.
_OPAQUE = re.compile(r"\\.|\[\^?\]?(?:\\.|[^\]\\])*\]", re.S)
_STRUCTURE = re.compile(r"[()|]")


@lru_cache(maxsize=None)
def _anchored(source: str) -> bool:
    """Whether a pattern opens with '^' that holds for all of it: each of its branches outside any group opens
    with '^' (read off the source: parsing each of the patterns cost `check` 30 ms at start; escapes and classes
    are blanked out in one regex pass, and only the brackets and bars left are looked at one by one)."""
    if not source.startswith("^"):
        return False
    plain = _OPAQUE.sub("_", source)  # (each a '_': no bracket or bar, and no '^' after a bar)
    depth = 0
    for found in _STRUCTURE.finditer(plain, 1):
        c = found.group()
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif depth == 0 and not plain.startswith("^", found.end()):
            return False
    return True


def prefix_source(name: str) -> str:
    """The source of prefix_pattern(name), compiled with re.I (the line scan reads it uncompiled)."""
    return rf"^(?:{'|'.join(concept(name).sources)})\s*[:\-–—]?\s+(?P<rest>\S.*)$"


@lru_cache(maxsize=8)
def prefix_pattern(name: str) -> re.Pattern[str]:
    """A prefix concept ('byline_prefix', 'date_prefix_updated', ...) at the start of a line, followed by
    the rest of the line (group `rest`)."""
    return re.compile(prefix_source(name), re.I)


@lru_cache(maxsize=8)
def opening_pattern(name: str) -> re.Pattern[str]:
    """Where a line of single-spaced words may open with concept `name` (past bullets, followed by a space,
    a colon or a bullet): a necessary test before matching its first one, two, three words, in one search."""
    c = concept(name)
    bullets = re.escape(_BULLETS)
    alternatives = "|".join(f"(?:{source})" for source in c.sources)
    return re.compile(rf"^[{bullets}]*(?:{alternatives})(?=[\s:：{bullets}]|$)", c.flags)


def prepare(line: str) -> str:
    """The line as patterns see it: whitespace collapsed, bullets and a trailing colon trimmed."""
    if not line.isprintable() or "  " in line:  # spaces to collapse (every white space but ' ' is unprintable)
        line = " ".join(line.split()) if len(line) < LONG_LINE else _SPACES.sub(" ", line).strip()  # same text
    elif line[:1] not in _OPENERS and line[-1:] not in _ENDINGS:
        return line  # most lines: nothing to collapse or trim
    text = line.strip(_BULLETS)
    return text[:-1].rstrip() if text.endswith((":", "：")) else text


def _compile(name: str, group: dict) -> Concept:
    mode = group.get("mode", "search")
    if mode not in ("fullmatch", "search"):
        raise ValueError(f"pattern concept {name!r}: unknown mode {mode!r}")
    flags = 0 if group.get("case") else re.IGNORECASE
    languages = tuple(k for k, v in group.items() if isinstance(v, list) and v and k != "requires")
    sources = [p for lang in languages for p in group[lang]]
    if not sources:
        raise ValueError(f"pattern concept {name!r} is empty")
    requires = tuple(key.casefold() for key in group.get("requires", ()))
    return Concept(name, mode, group.get("max_words"), tuple(sources), flags, languages, requires)


@lru_cache(maxsize=1)
def concepts() -> dict[str, Concept]:
    """Every concept of the package's pattern data, loaded once per process."""
    raw = load_toml("patterns.toml")
    return {name: _compile(name, group) for name, group in raw.items()}


def concept(name: str) -> Concept:
    """The compiled concept called `name` (KeyError names the missing concept)."""
    return concepts()[name]


concepts()  # refuse empty concepts or unknown modes at import time (tests compile every pattern)
