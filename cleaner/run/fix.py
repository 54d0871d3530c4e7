"""`check` and `check --fix` as a lint and its fixer: `settle` finds the lines to remove, cleaning again over
what is left until nothing more is found (removing a block can reveal another), so that one `--fix` settles;
`check` reports exactly those lines and `--fix` removes exactly them, and changes nothing else, byte for byte.

A text file is decoded only when its encoding is certain (a BOM, or valid UTF-8) and rewritten in
that same encoding, BOM, line endings and all; a JSONL record has only its text field's value
replaced in the line as written (every other field stays as it was), and the facts of its metadata
lines (title, byline, date…) move into its `metadata` object. Files are written through
symlinks to their target, keep their hard links, owner and mode.
"""
from __future__ import annotations

import codecs
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from json.decoder import WHITESPACE, JSONDecoder, scanstring
from pathlib import Path
from typing import Any

from ..config import Config
from ..document import Label, Removed, Result
from ..io.writers import AtomicFile
from ..text.segment import split_lines

# Passes of cleaning and removing before a file counts as settled: ruff's fixer loops the same way.
MAX_PASSES = 5
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_DECODER = JSONDecoder()


class CannotFix(Exception):
    """Why a file (or a record) is left as it is."""


@dataclass
class Settled:
    """What settling a text gave: the spans removed (at the lines of the original text), the original lines
    kept, the facts of the removed metadata lines, the wanted metadata spans left in place (the record's
    metadata says otherwise), and why settling stopped short (then the text is not rewritten)."""

    lines: int
    kept: list[int]
    removed: list[Removed] = field(default_factory=list)
    facts: dict[str, Any] = field(default_factory=dict)
    held: list[Removed] = field(default_factory=list)
    stopped: str | None = None

    def apply(self, text: str) -> str:
        """`text` (the settled one, as read again for rewriting) without the removed lines and the blank
        lines that only separated them; every other line keeps its bytes and line ending."""
        if self.stopped:
            raise CannotFix(self.stopped)
        lines = split_lines(text, keepends=True)
        if len(lines) != self.lines:
            raise CannotFix("its lines changed since it was checked")
        kept = [lines[i] for i in self.kept]
        ends_open = bool(lines) and not lines[-1].endswith(("\n", "\r"))  # no line break after the last line
        if kept and self.kept[-1] != len(lines) - 1 and ends_open:
            kept[-1] = kept[-1].rstrip("\r\n")  # the text ended without a line break: so does the fix
        return "".join(kept)


def certain_decoding(data: bytes) -> tuple[bytes, str, str]:
    """(BOM, codec, text) of bytes whose encoding is certain: a BOM, or valid UTF-8; else CannotFix."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(codec)
            except UnicodeDecodeError as exc:
                raise CannotFix(f"not valid {codec} after its byte-order mark ({exc.reason})") from None
            return bom, codec, text
    try:
        return b"", "utf-8", data.decode("utf-8")
    except UnicodeDecodeError:
        raise CannotFix("cannot tell its encoding for certain (not UTF-8, no byte-order mark)") from None


def settle(text: str, clean: Callable[[str], Result], wanted: Callable[[Removed], bool],
           can_move: Callable[[dict[str, Any]], bool] = lambda facts: True, first: Result | None = None) -> Settled:
    """The lines of `text` that go: the spans `wanted` picks from cleaning it, again over what is left until
    nothing more is found (removing a block can reveal another). `check` reports these and `--fix` removes
    them, so the two agree. A metadata span goes only when `can_move` accepts its facts (kept in `facts`);
    `first` is the result of cleaning `text` when the caller has it (with its blocks and decisions)."""
    if first is not None and first.removed and not first.decisions:
        first = None  # a light result (its blocks dropped) lacks the facts of its metadata lines
    lines = split_lines(text, keepends=True)
    settled = Settled(len(lines), list(range(len(lines))))  # kept: original index of each line still in
    held: dict[tuple[int, int, str], Removed] = {}
    for round_ in range(MAX_PASSES):
        result = first if round_ == 0 and first is not None else clean("".join(lines[i] for i in settled.kept))
        if result.input_kind != "text":
            settled.stopped = "once its boilerplate is removed it reads as HTML, which is not rewritten"
            break
        drop = _drop(result, wanted, can_move, settled, held, lines)
        if not drop:
            break
        current = [lines[i] for i in settled.kept]
        drop |= _separators(current, drop)
        settled.kept = [i for k, i in enumerate(settled.kept) if k not in drop]
    settled.removed.sort(key=lambda r: r.start_line)
    settled.held = sorted(held.values(), key=lambda r: r.start_line)
    return settled


def _drop(result: Result, wanted: Callable[[Removed], bool], can_move: Callable[[dict[str, Any]], bool],
          settled: Settled, held: dict[tuple[int, int, str], Removed], lines: list[str]) -> set[int]:
    """The lines (indices into the text cleaned) of one round's wanted spans, added to `settled` at the lines
    of the original `lines`; a metadata span whose facts cannot move is added to `held` instead."""
    drop: set[int] = set()
    for span in result.removed:
        if not wanted(span):
            continue
        first, last = span.start_line - 1, span.end_line - 1
        pieces = _at_original(span, settled.kept[first:last + 1], lines)
        facts = _facts(result, span)
        if span.label is Label.METADATA and not can_move({**settled.facts, **facts}):
            held.update(((p.start_line, p.end_line, p.rule), p) for p in pieces)
            continue
        settled.facts.update(facts)
        drop.update(range(first, last + 1))
        settled.removed += pieces
    return drop


def _at_original(span: Removed, originals: list[int], lines: list[str]) -> list[Removed]:
    """A span of a later round at the original's lines: one span per run of lines next to each other there
    (lines removed in between went in an earlier round), without blank lines at either end."""
    runs: list[list[int]] = []
    for i in originals:
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    pieces = []
    for run in runs:
        filled = [i for i in run if lines[i].strip()]
        if not filled:
            continue
        text = span.text if len(runs) == 1 else "\n".join(lines[i].strip() for i in filled)
        pieces.append(Removed(filled[0] + 1, filled[-1] + 1, span.rule, span.reason, text, span.label,
                              span.evidence))
    return pieces


def _separators(lines: list[str], drop: set[int]) -> set[int]:
    """Blank lines that only separated removed lines from the rest: those after a removed run that
    follows a blank line (or opens the text), and those before a run that ends the text."""
    blank = [not line.strip() for line in lines]
    runs: list[list[int]] = []
    for i in sorted(drop):
        if runs and i == runs[-1][1]:
            runs[-1][1] = i + 1
        else:
            runs.append([i, i + 1])
    extra: set[int] = set()
    for start, end in runs:
        after = end
        while after < len(lines) and blank[after] and after not in drop:
            after += 1
        if start == 0 or blank[start - 1]:
            extra.update(range(end, after))
        if after == len(lines):
            before = start - 1
            while before >= 0 and blank[before] and before not in drop:
                extra.add(before)
                before -= 1
    return extra


def _facts(result: Result, span: Removed) -> dict[str, Any]:
    """The metadata facts of the blocks of a removed span (authors as a list)."""
    facts: dict[str, Any] = {}
    for block, decision in zip(result.blocks, result.decisions):
        if span.start_line <= block.line_no <= span.end_line and decision.final is not None:
            for key, value in decision.final.facts.items():
                if not value:
                    continue
                if key == "authors":
                    facts.setdefault("authors", [])
                    facts["authors"] += [n for n in value.split("; ") if n not in facts["authors"]]
                else:
                    facts.setdefault(key, value)
    return facts


def write_in_place(path: Path, content: bytes) -> None:
    """Replace a file's content: through a symlink to its target; atomically (temporary file + rename,
    owner and mode kept) unless the file has other hard links, which a rename would split: those are
    rewritten in place (the new content is shorter, so it is written and the rest cut off)."""
    target = Path(os.path.realpath(path))
    if os.stat(target).st_nlink > 1:
        with open(target, "r+b") as fh:
            fh.write(content)
            fh.truncate()
            fh.flush()
            os.fsync(fh.fileno())
        return
    with AtomicFile(target, durable=True) as out:  # an input rewritten: its old content is gone
        out.write(content)


def fix_text_file(path: Path, settled: Settled) -> None:
    """Remove the settled lines from a text file (see the module), written in its own encoding."""
    data = Path(os.path.realpath(path)).read_bytes()
    bom, codec, text = certain_decoding(data)
    if settled.removed:
        write_in_place(path, bom + settled.apply(text).encode(codec))


def can_move_into(meta: Any) -> Callable[[dict[str, Any]], bool]:
    """Whether the facts of removed metadata lines can go into a record's `metadata` (None: it has none):
    only into an object, and never against a value it has (authors are added to a list)."""
    def can_move(facts: dict[str, Any]) -> bool:
        if meta is not None and not isinstance(meta, dict):
            return False
        have = meta or {}
        return all(have.get(k) in (None, "", [], v) or (k == "authors" and isinstance(have.get(k), list))
                   for k, v in facts.items())

    return can_move


def fix_record(line: str, text_field: str, settled: Settled) -> str:
    """One JSONL record with the settled lines removed from its text: only the text value changes in the line
    as written, and the facts of removed metadata lines are added to its `metadata` object (never replacing a
    value it has)."""
    try:
        spans, close = _members(line, 0)
        record = {key: _DECODER.scan_once(line, start)[0] for key, (start, _) in spans.items()}
    except (ValueError, StopIteration, IndexError, RecursionError):
        raise CannotFix("the record cannot be edited in place (not one flat JSON object)") from None
    text = record.get(text_field)
    if not isinstance(text, str):
        raise CannotFix(f"the record has no string field {text_field!r}")
    meta = record.get("metadata")
    if settled.facts and not can_move_into(meta)(settled.facts):
        raise CannotFix("its metadata changed since it was checked")
    start, end = spans[text_field]
    edits = [(start, end, _dumps_like(settled.apply(text), line[start:end]))]
    if settled.facts:
        edits.append(_metadata_edit(line, spans, close, meta, settled.facts))
    for start, end, value in sorted(edits, reverse=True):
        line = line[:start] + value + line[end:]
    return line


def _dumps_like(value: Any, original: str) -> str:
    """`value` as JSON, escaping non-ASCII only when the original value did."""
    return json.dumps(value, ensure_ascii=original.isascii() and "\\u" in original)


def _metadata_edit(line: str, spans: dict[str, tuple[int, int]], close: int, meta: dict | None,
                   facts: dict[str, Any]) -> tuple[int, int, str]:
    """The edit that adds `facts` to the record's metadata object (created when the record has none)."""
    if meta is None or "metadata" not in spans:
        body = ", ".join(f"{json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in facts.items())
        opener = ", " if spans else ""
        return close, close, f'{opener}"metadata": {{{body}}}'
    start, end = spans["metadata"]
    inner = line[start:end]
    inner_spans, inner_close = _members(inner, 0)
    for key, value in facts.items():  # a key present with an empty value (or authors to add to) is edited
        if key not in inner_spans:
            continue
        old = meta.get(key)
        if key == "authors" and isinstance(old, list):
            value = old + [n for n in value if n not in old]
        elif old not in (None, "", []):
            continue
        if value != old:
            a, b = inner_spans[key]
            inner = inner[:a] + json.dumps(value, ensure_ascii=False) + inner[b:]
            inner_spans, inner_close = _members(inner, 0)
    new = {k: v for k, v in facts.items() if k not in meta}
    if new:
        body = ", ".join(f"{json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in new.items())
        inner = inner[:inner_close] + (", " if inner_spans else "") + body + inner[inner_close:]
    return start, end, inner


def _members(text: str, at: int) -> tuple[dict[str, tuple[int, int]], int]:
    """The span of each member's value of the JSON object starting at `at`, and where its `}` is."""
    i = WHITESPACE.match(text, at).end()
    if text[i] != "{":
        raise ValueError("not an object")
    i = WHITESPACE.match(text, i + 1).end()
    spans: dict[str, tuple[int, int]] = {}
    if text[i] == "}":
        return spans, i
    while True:
        if text[i] != '"':
            raise ValueError("expected a key")
        key, i = scanstring(text, i + 1)
        i = WHITESPACE.match(text, i).end()
        if text[i] != ":":
            raise ValueError("expected ':'")
        i = WHITESPACE.match(text, i + 1).end()
        _, end = _DECODER.scan_once(text, i)
        spans[key] = (i, end)
        i = WHITESPACE.match(text, end).end()
        if text[i] == "}":
            return spans, i
        if text[i] != ",":
            raise ValueError("expected ',' or '}'")
        i = WHITESPACE.match(text, i + 1).end()


def fix_jsonl_file(path: Path, settled: dict[int, Settled], text_field: str) -> dict[int, str]:
    """Remove the settled lines from the records at the lines (1-based) of a JSONL file; every other line
    keeps its bytes. Returns why records were left as they were."""
    raw_lines = Path(os.path.realpath(path)).read_bytes().split(b"\n")
    left: dict[int, str] = {}
    changed = False
    for line_no, of_record in settled.items():
        raw = raw_lines[line_no - 1]
        ending = b"\r" if raw.endswith(b"\r") else b""
        try:
            line = raw[: len(raw) - len(ending)].decode("utf-8")
            fixed = fix_record(line, text_field, of_record)
        except UnicodeDecodeError:
            left[line_no] = "the record is not valid UTF-8"
            continue
        except CannotFix as exc:
            left[line_no] = str(exc)
            continue
        raw_lines[line_no - 1] = fixed.encode("utf-8") + ending
        changed = True
    if changed:
        write_in_place(path, b"\n".join(raw_lines))
    return left


def cleaner_for(config: Config) -> Callable[[str], Result]:
    """How a text is cleaned again while settling: with the check's rules, each round under its time limit."""
    from ..pipeline import clean

    return lambda text: clean(text, config=config)
