"""`cleaner check PATH...`: lint corpus files like ruff or flake8, one `path:line: RULE reason: "excerpt"` per finding.

Exit status: 0 clean, 1 boilerplate found (or left unfixed) or inputs that could not be read, 2 usage.
A line ending in `# cleaner: noqa` (or `noqa: RULE,...`) is never reported; `per-file-ignores` in
`[tool.cleaner]` turn rules off for files matching a glob. The learned model is off unless `--model`.
A finding is a line `--fix` removes: both settle the document the same way (cleaner/run/fix.py), so
`--fix` removes exactly the reported lines from text and JSONL files. Given several
documents, pairs telling the same story are reported too (`corpus.same_story`).
Start-up matters in a pre-commit hook: a text file never loads the HTML stack, and the
same-story libraries load only when there are several documents to compare.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path

from ..config import Config
from ..corpus.same_story import SAME_STORY, SAME_STORY_REASON, story
from ..document import Label, Removed, Result
from ..io import formats
from ..io.item import Item
from ..io.readers import count_documents
from ..io.writers import remove_stale_temporaries
from ..run import batch, fix
from ..text.segment import split_lines
from ..workers import DocumentTimeout, WorkerDied
from . import options
from .progress import Progress
from .terminal import printable

OPTIONS = ("rules", "model", "profile", "input_kind")
DEFAULTS = {"use_model": False, "metadata": False}
"""The model is off in a lint: a hook must be deterministic rule by rule and start fast, and a finding
should name a rule a user can --ignore. `--model` (or `use-model = true` in [tool.cleaner]) turns it on.
Metadata is not read: a finding is a line, and reading the metadata would be most of the start-up."""
EXCERPT_CHARS = 60


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `check`."""
    options.add_inputs(parser, help="files or folders (text, JSONL, HTML, WARC; .gz too)")
    parser.add_argument("--fix", action="store_true", help="rewrite text and JSONL files without their boilerplate")
    parser.add_argument("--text-field", default="text", metavar="NAME", help="field holding the text in JSONL records")


@dataclass
class Finding:
    """One thing the check reports: where, which rule, why, and the text it is about."""

    where: str
    rule: str
    reason: str
    text: str = ""
    left: bool = False
    """Found but left in place by --fix (a record it could not edit)."""

    def line(self) -> str:
        """The ruff-style report line, with an excerpt of the offending text when there is one."""
        return f"{self.where}: {self.rule} {self.reason}" + (f": {excerpt(self.text)}" if self.text else "")


def excerpt(text: str) -> str:
    """The first line of `text`, quoted and escaped (no control character reaches the terminal), cut to
    EXCERPT_CHARS with an ellipsis; a span of several lines says how many more it covers."""
    lines = [line.strip() for line in split_lines(text) if line.strip()] or [""]
    first = lines[0] if len(lines[0]) <= EXCERPT_CHARS else lines[0][:EXCERPT_CHARS - 1].rstrip() + "…"
    more = f" (+{len(lines) - 1} line{'s' if len(lines) > 2 else ''})" if len(lines) > 1 else ""
    return json.dumps(first, ensure_ascii=False) + more


@dataclass
class Tally:
    """What a check run found, fixed and failed on."""

    files: int = 0
    fixed_files: int = 0
    errors: int = 0
    found: Counter = field(default_factory=Counter)
    fixed: Counter = field(default_factory=Counter)


def finding(item: Item, result: Result, span: Removed, held: bool = False) -> Finding:
    """The finding for one removed span, at the file's own line (or the record's line in a JSONL file); a held
    span is a metadata line --fix leaves in place (its facts differ from the record's metadata)."""
    left = "; left in place: the record's metadata says otherwise" if held else ""
    if formats.is_record(item) and item.fields["line"]:
        return Finding(f"{item.fields['file']}:{item.fields['line']}", span.rule,
                       f"{span.reason} (text line {span.start_line}){left}", span.text, left=held)
    note = "" if result.input_kind == "text" else " (line of the text extracted from HTML)"
    return Finding(f"{item.name}:{span.start_line}", span.rule, span.reason + note + left, span.text, left=held)


@dataclass
class Checked:
    """One document checked: the lines settling it removes (None for a page: its lines are those of the text
    extracted from the HTML, which --fix does not rewrite) and its findings."""

    outcome: batch.Outcome
    settled: fix.Settled | None
    findings: list[Finding]


def check_document(outcome: batch.Outcome, config: Config) -> Checked:
    """The findings of one cleaned document: for a text or a record, every line `--fix` would remove (the
    settled result: cleaning again over what is left until nothing more goes), so that the two agree."""
    item, result = outcome.item, outcome.result
    record = formats.is_record(item)
    config = config.for_path(_file_key(item))
    if result.input_kind != "text":
        return Checked(outcome, None, [finding(item, result, span) for span in result.removed
                                       if reported(span, config, record)])
    fields = item.fields.get("record")
    meta = fields.get("metadata") if record and isinstance(fields, dict) else None
    settled = fix.settle(result.source_text, fix.cleaner_for(config), lambda span: reported(span, config, record),
                         fix.can_move_into(meta), first=result)
    return Checked(outcome, settled, [finding(item, result, span) for span in settled.removed]
                   + [finding(item, result, span, held=True) for span in settled.held])


def _start(item: Item) -> str:
    """Where a document starts, naming it in same-story findings: path:1, or file:line for a JSONL record."""
    name = formats.doc_name(item)
    return name if formats.is_record(item) and item.fields["line"] else f"{name}:1"


def _file_key(item: Item) -> str:
    return item.fields.get("file", item.name)


def reported(span: Removed, config: Config, record: bool) -> bool:
    """Whether a removed span is a finding: boilerplate always; a metadata line (title, byline, date…) in a
    JSONL record, where --fix moves it into the record's metadata, and in a text file only when the
    selection names its rule (`--select meta`): there it is information with nowhere else to go."""
    if span.label is not Label.METADATA or record:
        return True
    return any(span.rule == p or span.rule.startswith(p.rstrip(".") + ".") for p in config.select)


def run(args: argparse.Namespace, config: Config) -> int:
    """Check every input file, print the findings and a summary; fix files when asked."""
    tally = Tally()
    bodies: list[tuple[str, str]] = []
    swept: set[str] = set()  # folders whose temporary files left by a killed --fix were removed
    paths, items = options.documents(args, config, args.text_field)
    outcomes = batch.run(items, config, detail=True)  # the blocks' facts: metadata lines moved into records
    with Progress(total=count_documents(paths) if Progress.would_show() else None, desc="checking") as progress:
        for key, group in groupby(progress.track(outcomes), key=lambda o: _file_key(o.item)):
            tally.files += 1
            checked, failed = _check_file(group, config, bodies, progress)
            tally.errors += failed
            if not any(c.findings for c in checked):
                continue
            problem, left = "--fix not given", {}
            if args.fix:
                folder = os.path.dirname(os.path.realpath(key))
                if folder not in swept:
                    swept.add(folder)
                    remove_stale_temporaries(Path(folder))
                problem, left = _fix(Path(key), checked, bool(failed), args.text_field)
                if problem:
                    progress.note(printable(f"{key}: not fixed: {problem}"))
            _print(key, checked, problem, left, tally, progress)
    if len(bodies) > 1 and config.allows(SAME_STORY):
        for found in same_story(bodies):
            print(printable(found.line()))
            tally.found[found.rule] += 1
    if not tally.files:
        print(options.nothing_found(paths), file=sys.stderr)
    print(summary(tally), file=sys.stderr)
    return options.EXIT_FINDINGS if tally.errors or tally.found else options.EXIT_OK


def _check_file(outcomes, config: Config, bodies: list[tuple[str, str]], progress: Progress) -> tuple[list[Checked], int]:
    """The documents of one file checked, and how many of them failed (each named on stderr)."""
    checked: list[Checked] = []
    failed = 0
    for outcome in outcomes:
        if outcome.error is None:
            bodies.append((_start(outcome.item), story(outcome.result.text)))
            try:
                checked.append(check_document(outcome, config))
                continue
            except (DocumentTimeout, WorkerDied) as exc:
                outcome.error = str(exc)
            except Exception as exc:  # a bug or a pathological input fails this document, never the run
                outcome.error = f"cannot clean: {type(exc).__name__}: {exc}"
        progress.note(printable(f"{outcome.item.name}: error: {outcome.error}"))
        failed += 1
    return checked, failed


def _print(key: str, checked: list[Checked], problem: str | None, left: dict[int, str], tally: Tally,
           progress: Progress) -> None:
    """Print the findings of one file, each marked [fixed] when --fix removed it, and the records left."""
    fixed = False
    for document in checked:
        line_no = document.outcome.item.fields.get("line")
        record_left = left.get(line_no) if line_no is not None else None
        found = document.findings
        if record_left is not None:
            found = [*found, Finding(f"{key}:{line_no}", "record", f"not fixed: {record_left}", left=True)]
        for one in found:
            unfixed = bool(problem) or one.left or record_left is not None
            progress.note(printable(one.line() + ("" if unfixed else " [fixed]")), file=sys.stdout)
            (tally.found if unfixed else tally.fixed)[one.rule] += 1
            fixed = fixed or not unfixed
    tally.fixed_files += fixed


def _fix(path: Path, checked: list[Checked], failed: bool, text_field: str) -> tuple[str | None, dict[int, str]]:
    """Remove the reported lines from one file (cleaner/run/fix.py): (None, the records left as they were, with
    why) when done, else (why the file was left as it is, {})."""
    if path.name.lower().endswith(".gz"):
        return "compressed files are not rewritten", {}
    if failed:
        return "some of its records could not be cleaned", {}
    if formats.kind(path) == "warc":
        return "WARC files are not rewritten", {}
    html = "HTML is not rewritten (clean it into text with `cleaner clean`)"
    try:
        if formats.kind(path) == "jsonl":
            pages = {d.outcome.item.fields["line"]: html for d in checked if d.settled is None and d.findings}
            texts = {d.outcome.item.fields["line"]: d.settled for d in checked if d.settled and d.settled.removed}
            return None, {**pages, **fix.fix_jsonl_file(path, texts, text_field)}
        if checked[0].settled is None:
            return html, {}
        fix.fix_text_file(path, checked[0].settled)
    except fix.CannotFix as exc:
        return str(exc), {}
    except OSError as exc:
        return f"cannot write: {exc.strerror or exc}", {}
    return None, {}


def same_story(bodies: list[tuple[str, str]]) -> list[Finding]:
    """One finding per pair of documents telling the same story, reported on the second of the pair."""
    from ..corpus.same_story import find_same_story

    return [
        Finding(pair.b, SAME_STORY,
                f"{SAME_STORY_REASON}: {pair.a} ({pair.kind}, 3-gram containment {pair.score:.2f})")
        for pair in find_same_story(bodies)
    ]


def summary(tally: Tally) -> str:
    """The closing line: what was found, fixed and could not be read."""
    def counts(counter: Counter) -> str:
        return ", ".join(f"{rule}={n}" for rule, n in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))

    parts = []
    if tally.fixed:
        fixed = sum(tally.fixed.values())
        parts.append(f"fixed {fixed} block(s) in {tally.fixed_files} file(s) ({counts(tally.fixed)})")
    if tally.found:
        parts.append(f"found {sum(tally.found.values())} problem(s) ({counts(tally.found)})")
    if tally.errors:
        parts.append(f"{tally.errors} input(s) could not be read")
    if not parts:
        return f"cleaner: all clean, {tally.files} file(s) checked"
    return f"cleaner: {tally.files} file(s) checked: " + "; ".join(parts)
