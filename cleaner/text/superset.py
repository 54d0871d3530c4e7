"""A Python regex rewritten as a looser expression for a multi-pattern engine (hyperscan): every line the
Python regex matches, the rewrite matches too; it may match more. The scan over a whole document
(scan.py) then only says which lines to try, and the exact Python regex decides on those lines.

What is loosened, and why it can only widen:
* `\\b`, `\\B` and lookarounds are dropped (an assertion removed accepts more);
* a repeat bounded above by more than BOUND becomes unbounded (the engine's compile time grows with
  bounded repeats of wide classes), and so does a bounded repeat of more than one character (a name's
  words, `(?:,? Name){1,5}`): copied out by the engine, such repeats made most of the database's size;
* a pattern is scanned for by its first items, up to PREFIX_LITERALS literal characters (a whole-line
  one at a line's start), and a whole-line pattern that ends in such a repeat by its head;
* an anchored pattern that may open with an optional item is spelled out over the ways it opens
  (`^(?:x)?(?:a|b)` as `^(?:xa|xb|a|b)`): for some expressions of that shape the engine lost lines
  standing past a document's 16th byte; one too long to spell out is scanned for anywhere in a line from
  its first item that is not optional;
* a back-reference becomes "any run of characters within the line";
* `\\w`, `\\d`, `\\s` and their negations are exact on ASCII and take every non-ASCII character (the
  engine's Unicode tables need not agree with Python's);
* case: under IGNORECASE a character stands for every character Python's matcher folds to the same
  lower case (sre's simple lower-case mapping and its extra equivalences, `re._casefix`), so the
  engine runs case-sensitive and scoped flags such as `(?-i:...)` are honoured as written; the letters
  of LONGER_CASES are left out of those variants (scan.py names a line holding one for every pattern),
  which keeps the compiled database small.
"""
from __future__ import annotations

import re
from functools import lru_cache

# A line's start, as the expressions write it: the line break before it (scan.py puts one before the first line).
# Not `^`: with its multi-line `^` the engine lost lines standing past a document's 16th byte for expressions of
# several shapes (an anchored alternation of a long and a one-letter word before an optional group: '^(?:your|a)
# (?:monthly )?gift'); with the line break as a literal it finds them. The two match at the same places.
LINE_START = "\\n"
# Upper bounds above this turn into an open repeat (`+` or `*`).
BOUND = 6
# A pattern searched for within a line is scanned for by its first items, up to this many literal characters.
PREFIX_LITERALS = 8
# Ways an anchored pattern that may open with an optional item is spelled out over, at most, and the length
# of its expression so (beyond either, it is scanned for anywhere in a line from its first required item).
MAX_OPENINGS = 64
# Opening items spelled out, at most (the ways past them stay as written).
OPENING_ITEMS = 8
MAX_SPELLED = 6000
# Letters whose case, as IGNORECASE takes it, is written in fewer or more UTF-8 bytes than a Latin letter of the
# patterns ('İ' and 'ı' for 'i', 'ſ' for 's', the Kelvin sign for 'k', 'ẞ' for 'ß'...): the engine loses some
# lines holding one past a document's 16th byte, so the scan names a line holding one for every pattern (the
# exact regex decides, as without the engine), and the rewrite leaves them out of its case variants.
# tests/test_scan.py derives the list from sre's case tables.
LONGER_CASES = "\u0130\u0131\u017f\u1e9e\u212a\u212b\u2c65\u2c66\u2c7e\u2c7f"
_LONGER = frozenset(map(ord, LONGER_CASES))
_MAX = 0x10FFFF
_NON_ASCII = [(0x80, _MAX)]
# Per category: (a superset of what Python's str pattern accepts, a subset of it), as code point ranges.
_WORD = [(0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A)]
_DIGIT = [(0x30, 0x39)]
_SPACE = [(0x09, 0x0D), (0x1C, 0x20)]


def _complement(ranges: list[tuple[int, int]], limit: int = 0x7F) -> list[tuple[int, int]]:
    """The code points 0..limit outside `ranges`."""
    out, at = [], 0
    for lo, hi in sorted(ranges):
        if lo > at:
            out.append((at, lo - 1))
        at = max(at, hi + 1)
    if at <= limit:
        out.append((at, limit))
    return out


_CATEGORIES = {
    "CATEGORY_WORD": (_WORD + _NON_ASCII, _WORD),
    "CATEGORY_NOT_WORD": (_complement(_WORD) + _NON_ASCII, _complement(_WORD)),
    "CATEGORY_DIGIT": (_DIGIT + _NON_ASCII, _DIGIT),
    "CATEGORY_NOT_DIGIT": (_complement(_DIGIT) + _NON_ASCII, _complement(_DIGIT)),
    "CATEGORY_SPACE": (_SPACE + _NON_ASCII, _SPACE),
    "CATEGORY_NOT_SPACE": (_complement(_SPACE) + _NON_ASCII, _complement(_SPACE)),
}


class Unsupported(ValueError):
    """A construct the rewrite does not know: the pattern is then tried on every line."""


@lru_cache(maxsize=1)
def _folds() -> tuple[dict[int, tuple[int, ...]], dict[int, tuple[int, ...]]]:
    """Every code point's simple lower case as sre reads it, inverted (lower -> all that lower to it),
    and sre's extra case equivalences."""
    import _sre
    from re._casefix import _EXTRA_CASES

    inverse: dict[int, list[int]] = {}
    lower = _sre.unicode_tolower
    for cp in range(_MAX + 1):
        lo = lower(cp)
        if lo != cp:
            inverse.setdefault(lo, []).append(cp)
    return {k: tuple(v) for k, v in inverse.items()}, dict(_EXTRA_CASES)


def cases(cp: int) -> set[int]:
    """Every code point that IGNORECASE matching takes for `cp`."""
    import _sre

    inverse, extra = _folds()
    lowers = {_sre.unicode_tolower(cp)}
    lowers |= {e for lo in tuple(lowers) for e in extra.get(lo, ())}
    return {x for lo in lowers for x in (lo, *inverse.get(lo, ()))}


def _variants(cp: int) -> set[int]:
    """The cases of `cp` the rewrite writes out: all but those of LONGER_CASES (scan.py names a line holding
    one for every pattern), unless nothing else is left."""
    every = cases(cp)
    return (every - _LONGER) or every


def _cased_in(lo: int, hi: int) -> list[int]:
    """The code points of lo..hi that have other cases (the others match only themselves)."""
    import _sre

    inverse, extra = _folds()
    return [cp for cp in range(lo, hi + 1) if _sre.unicode_tolower(cp) != cp or cp in inverse or cp in extra]


def _class(ranges: list[tuple[int, int]], negate: bool = False) -> str:
    merged: list[list[int]] = []
    for lo, hi in sorted(ranges):
        if merged and lo <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], hi)
        else:
            merged.append([lo, hi])
    body = "".join(f"\\x{{{lo:x}}}" if lo == hi else f"\\x{{{lo:x}}}-\\x{{{hi:x}}}" for lo, hi in merged)
    if not body:
        return "[^\\x{0}-\\x{10ffff}]" if not negate else "[\\x{0}-\\x{10ffff}]"
    return f"[{'^' if negate else ''}{body}]"


def _items(items: list, caseless: bool, superset: bool) -> list[tuple[int, int]]:
    """Code point ranges of a class's items: a superset of what they accept, or (`superset` False, for a
    negated class) a subset of it: characters Python surely takes for the items."""
    from re._constants import CATEGORY, LITERAL, RANGE

    out: list[tuple[int, int]] = []
    for op, av in items:
        if op is LITERAL:
            points = (_variants(av) if caseless else {av}) if superset else _refused(av, caseless)
            out += [(p, p) for p in points]
        elif op is RANGE:
            out.append(av)  # under IGNORECASE a character of the range still lowers into the range's set
            if caseless and superset:
                out += [(v, v) for cp in _cased_in(*av) for v in _variants(cp)]
        elif op is CATEGORY:
            wide, narrow = _CATEGORIES[str(av)]
            out += wide if superset else narrow
        else:
            raise Unsupported(f"class item {op}")
    return out


def _refused(cp: int, caseless: bool) -> set[int]:
    """Characters that a negated `cp` surely refuses: itself, and under IGNORECASE its lower case."""
    import _sre

    lower = _sre.unicode_tolower(cp)
    return {cp, lower} if caseless and _sre.unicode_tolower(lower) == lower else {cp}


def _emit(data, caseless: bool, dotall: bool) -> str:
    from re._constants import (ANY, ASSERT, ASSERT_NOT, AT, AT_BEGINNING, AT_BEGINNING_STRING, AT_BOUNDARY,
                               AT_END, AT_END_STRING, AT_NON_BOUNDARY, ATOMIC_GROUP, BRANCH, GROUPREF,
                               GROUPREF_EXISTS, IN, LITERAL, MAX_REPEAT, MAXREPEAT, MIN_REPEAT, NEGATE,
                               NOT_LITERAL, POSSESSIVE_REPEAT, SRE_FLAG_DOTALL, SRE_FLAG_IGNORECASE, SUBPATTERN)

    out = []
    for op, av in data:
        if op is LITERAL:
            out.append(_class([(p, p) for p in (_variants(av) if caseless else {av})]))
        elif op is NOT_LITERAL:
            out.append(_class([(p, p) for p in _refused(av, caseless)] + [(10, 10)], negate=True))
        elif op is ANY:
            out.append("[\\x{0}-\\x{10ffff}]" if dotall else "[^\\n]")
        elif op is IN:
            negate = bool(av) and av[0][0] is NEGATE
            items = av[1:] if negate else av
            if negate:  # never across a line break: the scan reads a whole document
                out.append(_class(_items(items, caseless, superset=False) + [(10, 10)], negate=True))
            else:
                out.append(_class(_items(items, caseless, superset=True)))
        elif op is BRANCH:
            out.append("(?:" + "|".join(_emit(b.data, caseless, dotall) for b in av[1]) + ")")
        elif op is SUBPATTERN:
            _, add, remove, sub = av
            here = (caseless or bool(add & SRE_FLAG_IGNORECASE)) and not remove & SRE_FLAG_IGNORECASE
            dots = (dotall or bool(add & SRE_FLAG_DOTALL)) and not remove & SRE_FLAG_DOTALL
            out.append("(?:" + _emit(sub.data, here, dots) + ")")
        elif op is ATOMIC_GROUP:
            out.append("(?:" + _emit(av.data, caseless, dotall) + ")")
        elif op in (MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT):
            lo, hi, sub = av
            inner = "(?:" + _emit(sub.data, caseless, dotall) + ")"
            if hi is MAXREPEAT or hi > BOUND or (hi > 1 and not _one_character(sub.data)):
                out.append(inner + ("*" if lo == 0 else "+"))
            else:
                out.append(f"{inner}{{{lo},{hi}}}")
        elif op is AT:
            if av in (AT_BEGINNING, AT_BEGINNING_STRING):
                out.append(LINE_START)
            elif av in (AT_END, AT_END_STRING):
                out.append("$")
            elif av not in (AT_BOUNDARY, AT_NON_BOUNDARY):
                raise Unsupported(f"position {av}")
        elif op in (ASSERT, ASSERT_NOT):
            continue
        elif op is GROUPREF:
            out.append("[^\\n]*")
        elif op is GROUPREF_EXISTS:
            _, yes, no = av
            out.append("(?:" + _emit(yes.data, caseless, dotall) + "|" + (_emit(no.data, caseless, dotall) if no else "")
                       + ")")
        else:
            raise Unsupported(f"construct {op}")
    return "".join(out)


def _one_character(data: list) -> bool:
    """Whether a parsed subpattern is one character wide (a literal, a class, `.`, a category)."""
    from re._constants import ANY, CATEGORY, IN, LITERAL, NOT_LITERAL

    return len(data) == 1 and data[0][0] in (LITERAL, NOT_LITERAL, IN, ANY, CATEGORY)


def superset(pattern: str, flags: int = 0, whole_line: bool = False) -> str:
    """An expression (hyperscan syntax, UTF-8, multi-line) that matches within a line wherever `pattern`
    would (`whole_line`: the pattern must match the whole line, as re.fullmatch)."""
    from re import _parser
    from re._constants import AT, AT_BEGINNING, AT_BEGINNING_STRING

    parsed = _parser.parse(pattern, flags)
    state = parsed.state.flags
    data = list(parsed.data)
    caseless, dotall = bool(state & re.IGNORECASE), bool(state & re.DOTALL)
    opens = data[1:] if not whole_line and data[:1] in ([(AT, AT_BEGINNING)], [(AT, AT_BEGINNING_STRING)]) else data
    if (whole_line or opens is not data) and _opens_optionally(opens):
        return _spelled(parsed.state, opens, whole_line, caseless, dotall)
    if whole_line and (_wide_tail(data) or len(_prefix(data)) < len(data)):
        data, whole_line, opening = _head(_prefix(data)), False, True  # the line opens with the pattern's head
    else:
        data, opening = (data if whole_line else _head(_prefix(data))), False
    body = _emit(data, caseless, dotall)
    return f"{LINE_START}(?:{body})$" if whole_line else f"{LINE_START}(?:{body})" if opening else body


def _spelled(state, data: list, whole_line: bool, caseless: bool, dotall: bool) -> str:
    """The expression of an anchored pattern that may open with an optional item, spelled out over the ways
    it opens (each by its head, as any pattern); one too long that way is scanned for anywhere in a line from
    its first item that is not optional."""
    openings = _openings(data)
    if whole_line and not _wide_tail(data) and all(len(_prefix(o)) == len(o) for o in openings):
        spelled = f"{LINE_START}(?:{_emit(_branches(state, openings), caseless, dotall)})$"
        rest = _emit(_unopened(data), caseless, dotall) + "$"
    else:
        heads = [_head(_prefix(o)) for o in openings]
        spelled = f"{LINE_START}(?:{_emit(_branches(state, heads), caseless, dotall)})"
        rest = _emit(_head(_prefix(_unopened(data))), caseless, dotall)
    return spelled if len(openings) <= MAX_OPENINGS and len(spelled) <= MAX_SPELLED else rest


def _openings(data: list, depth: int = 0) -> list[list]:
    """The ways an anchored pattern may open, with no optional item first: `^(?:x)?(?:a|b)` opens as `^xa`,
    `^xb`, `^a` or `^b`. The engine lost such a line standing 17 bytes and more into a document when its
    expression opened with an optional item (with a wide class in it); spelled out, it does not."""
    from re._constants import BRANCH, MAX_REPEAT, MAXREPEAT, MIN_REPEAT, POSSESSIVE_REPEAT, SUBPATTERN

    if not data or depth > OPENING_ITEMS:
        return [data]
    op, av = data[0]
    rest = data[1:]
    if op is BRANCH:
        return [o for branch in av[1] for o in _openings(list(branch.data) + rest, depth + 1)]
    if op is SUBPATTERN and not av[1] and not av[2]:  # a group without flags reads as its items
        return _openings(list(av[3].data) + rest, depth + 1)
    if op in (MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT) and av[0] == 0:
        lo, hi, sub = av
        more = [] if hi == 1 else [(op, (0, MAXREPEAT if hi is MAXREPEAT else hi - 1, sub))]
        return _openings(list(sub.data) + more + rest, depth + 1) + _openings(rest, depth + 1)
    return [data]


def _opens_optionally(data: list) -> bool:
    """Whether a pattern may open with an optional item (or an empty alternative)."""
    from re._constants import BRANCH, MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT, SUBPATTERN

    if not data:
        return True
    op, av = data[0]
    if op is BRANCH:
        return any(_opens_optionally(list(b.data)) for b in av[1])
    if op is SUBPATTERN:
        return _opens_optionally(list(av[3].data))
    return op in (MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT) and av[0] == 0


def _unopened(data: list) -> list:
    """A pattern searched for anywhere in a line, past the optional items it opens with (a line the pattern
    matches holds a match of the rest)."""
    from re._constants import MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT

    while data and data[0][0] in (MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT) and data[0][1][0] == 0:
        data = data[1:]
    return data


def _branches(state, openings: list[list]) -> list:
    """One pattern of alternatives (its items when there is one)."""
    from re import _parser
    from re._constants import BRANCH

    if len(openings) == 1:
        return openings[0]
    return [(BRANCH, (None, [_parser.SubPattern(state, o) for o in openings]))]


def _wide_tail(data: list) -> bool:
    """Whether a pattern ends in a repeat of more than one character (past optional single characters,
    as a closing '\\)?\\.?'): a whole-line pattern like that is scanned for by its head alone, since the
    engine copies such a repeat out (a credit line's list of names made most of the database)."""
    from re._constants import MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT

    for op, av in reversed(data):
        if op not in (MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT):
            return False
        if not _one_character(list(av[2].data)):
            return True
    return False


def _prefix(data: list) -> list:
    """A pattern searched for within a line matches only where its first items do: its items up to the one
    that brings PREFIX_LITERALS literal characters (an appeal worded a hundred ways, '^(?:please )?(?:support|
    donate to) (?:our|the) ...', is scanned for by its opening words; the exact regex reads the rest)."""
    literals = 0
    for k, item in enumerate(data):
        literals += _literals(item)
        if literals >= PREFIX_LITERALS:
            return data[:k + 1]
    return data


def _literals(item: tuple) -> int:
    """How many literal characters an item of a parsed pattern surely holds (its shortest branch's)."""
    from re._constants import BRANCH, LITERAL, MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT, SUBPATTERN

    op, av = item
    if op is LITERAL:
        return 1
    if op is SUBPATTERN:
        return sum(map(_literals, av[-1].data))
    if op is BRANCH:
        return min(sum(map(_literals, branch.data)) for branch in av[1])
    if op in (MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT):
        return av[0] * sum(map(_literals, av[2].data))
    return 0


def _head(data: list) -> list:
    """A pattern searched for within a line matches only if its head does: trailing repeats are cut to
    their least (a repeat open to any length would report a match at every character it covers)."""
    from re._constants import MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT

    while data and data[-1][0] in (MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT):
        lo, _, sub = data[-1][1]
        if lo:
            data[-1:] = list(sub.data)
            break
        data.pop()
    return data
