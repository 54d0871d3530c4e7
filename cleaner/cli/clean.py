"""`cleaner clean PATH...`: clean dumps to stdout or a mirrored output folder, with explanations."""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from ..config import Config
from ..io import formats, plan, readers, writers
from ..io.writers import FORMATS, SEPARATOR, StreamWriter, output_path, render, write_atomic
from ..run import batch, distributed
from ..run.batch import Summary
from . import explain, learn, options
from .progress import Progress
from .resume import Resume, options_key
from .terminal import printable, text_name

# Problems of a refused plan printed before "... and N more".
MAX_PROBLEMS = 20


OPTIONS = ("rules", "model", "profile", "comments", "input_kind")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `clean`."""
    options.add_inputs(parser)
    options.add_url(parser)
    parser.add_argument("-o", "--output", metavar="OUTDIR", help="mirror the input tree into OUTDIR (default: stdout)")
    parser.add_argument("--format", choices=FORMATS, default=None,
                        help="txt, json, jsonl or md (default: jsonl on stdout, txt in OUTDIR)")
    parser.add_argument("--separator", metavar="TEXT", default=None,
                        help="line between documents in txt and md on stdout (default: a form feed, \\f)")
    parser.add_argument("--explain", action="store_true", help="print every removed block with its lines, rule and reason")
    parser.add_argument("--jobs", type=options.number(int, 1), default=1, metavar="N", help="clean in N worker processes")
    parser.add_argument("--timeout", type=options.number(float, 0), default=None, metavar="SECONDS",
                        help="time limit per document; an overrun fails that document only (default 60, 0: none)")
    parser.add_argument("--durable", action="store_true",
                        help="with -o, sync every output to the disk before it is renamed into place (slower; "
                             "without it outputs are still written whole, but may not survive a power cut)")
    parser.add_argument("--force", action="store_true",
                        help="with -o, clean every document again, also those whose output is up to date (made "
                             "from the same input content, options, model and cleaner version)")
    parser.add_argument("--engine", choices=("process", "dask"), default="process",
                        help="local worker processes (default) or a Dask cluster (pip install cleaner[dask])")
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help="with --engine dask: the scheduler, e.g. tcp://10.0.0.5:8786 (default: a local cluster of --jobs workers)")
    parser.add_argument("--text-field", default="text", metavar="NAME", help="field holding the text in JSONL records")
    parser.add_argument("--report", metavar="FILE",
                        help="also write a self-contained HTML report of what was removed (keeps each source text until the end)")
    parser.add_argument("--no-learn", action="store_true",
                        help="do not learn a boilerplate profile from input folders before cleaning them")
    parser.add_argument("--exclude", action="append", default=[], metavar="PATTERN",
                        help="leave out files and folders matching PATTERN (a glob on the path below an input "
                             "folder or on the name, or a path); repeatable")


def _separator(args: argparse.Namespace, fmt: str) -> str:
    """The --separator, its escapes (\\f \\n \\t \\0 \\\\) read; only txt and md on stdout have one."""
    if args.separator is None:
        return SEPARATOR
    if args.output or fmt not in ("txt", "md"):
        raise options.UsageError("--separator goes between txt or md documents on stdout (no -o; json is an array)")
    return re.sub(r"\\([fnt0\\])", lambda m: {"f": "\f", "n": "\n", "t": "\t", "0": "\0", "\\": "\\"}[m[1]],
                  args.separator)


def run(args: argparse.Namespace, config: Config) -> int:
    """Clean every input; a failing file gets one line on stderr and the run goes on.

    With -o, every output is planned before anything is written (cleaner/io/plan.py): a plan that would
    overwrite an input or write inside an input folder is refused (exit 2), as is an OUTDIR that is a
    file. A re-run redoes only the outputs that are missing or stale (cli/resume.py).
    """
    if args.engine == "dask" and (problem := distributed.scheduler_problem(args.scheduler)):
        raise options.UsageError(problem)
    fmt = args.format or ("txt" if args.output else "jsonl")
    outdir = Path(args.output) if args.output else None
    separator = _separator(args, fmt)
    blocked = plan.not_a_folder(outdir) if outdir is not None else None
    if blocked:
        raise options.UsageError(f"-o {outdir}: {blocked}")
    found = None
    if args.url is not None and not args.paths and not args.input_file:  # one page fetched: nothing to plan
        paths, items = options.documents(args, config, args.text_field)
    else:
        paths = options.input_paths(args)
        if args.url is not None:
            options.check_page(args.url, paths)
        found = list(readers.find(paths, args.exclude))
        _check_record_format(args, found)
        planned = plan.make(paths, found, outdir, fmt, args.exclude, args.report)
        if planned.problems:
            return _refuse(planned.problems)
        found = planned.found
        if outdir is not None:
            for folder in {plan.outputs_of(f, outdir, fmt)[0].parent for f in found}:
                writers.remove_stale_temporaries(folder)
        items = readers.load(found, config.max_bytes, args.text_field)
        if args.url is not None:
            items = options.with_url(args.url, items)
    summary = Summary()
    with learn.auto_profile(paths, config, args.text_field, enabled=not args.no_learn, jobs=args.jobs,
                            found=found) as config:
        sinks = _Sinks(outdir, fmt, args.durable, _documents(found))
        if outdir is not None:
            sinks.records = formats.RecordWriter(outdir, args.durable)
            sinks.resume = Resume(outdir, fmt, options_key(config, fmt, args.url), args.force, args.durable)
            items = sinks.resume.check(items)
        else:
            sinks.stream = StreamWriter(sys.stdout, fmt, separator)
        try:
            report = _clean_and_write(args, config, items, sinks, summary, found)
        finally:
            manifest_problem = sinks.resume.close() if sinks.resume is not None else None
    if args.report:
        try:
            explain.write_report(args.report, report)
        except OSError as exc:
            print(f"cleaner: cannot write report {args.report}: {exc.strerror or exc}", file=sys.stderr)
            summary.failures += 1
    return _finish(paths, summary, sinks, manifest_problem)


def _clean_and_write(args: argparse.Namespace, config: Config, items, sinks: _Sinks, summary: Summary,
                     found: list[readers.Found] | None) -> list:
    """Clean the documents and write each as it comes, under a progress bar; the --report documents."""
    outcomes = batch.run(items, config, jobs=args.jobs, engine=args.engine, scheduler=args.scheduler)
    with Progress(total=_total(found), desc="cleaning") as progress:
        try:
            report = _write_all(args, progress.track(outcomes), sinks, summary, progress)
            outcomes.close()  # stops the workers at once when stdout was closed before the end
        except BaseException as exc:
            if sinks.records is not None:
                sinks.records.abort()  # an output of records stays as it was, never half-written
            if isinstance(exc, KeyboardInterrupt):
                progress.close()
                print(summary.line(), file=sys.stderr)
                if sinks.outdir is not None:
                    print("cleaner: every output written is complete; run again to resume", file=sys.stderr)
            raise
        if sinks.records is not None:
            _closed(sinks.records.close(), summary, progress)
    if sinks.stream is not None and sinks.cut is None:
        try:
            sinks.stream.close()
        except BrokenPipeError:
            sinks.cut = "cleaner: stdout was closed before the end of the output (the JSON array is not closed)"
            _drop_stdout()
    return report


def _finish(paths: list[str], summary: Summary, sinks: _Sinks, manifest_problem: str | None) -> int:
    """Say how the run ended (stderr) and give its exit status."""
    if manifest_problem:
        print(printable(f"cleaner: warning: {manifest_problem} (a re-run redoes the outputs it lacks)"),
              file=sys.stderr)
    if sinks.explanation_cut is not None:
        print(printable(f"cleaner: stdout was closed: the explanation stops before {sinks.explanation_cut} "
                        "(the outputs are written all the same)"), file=sys.stderr)
    if not summary.documents and not summary.skipped and sinks.cut is None:
        print(options.nothing_found(paths), file=sys.stderr)
    if sinks.cut is not None:
        print(printable(sinks.cut), file=sys.stderr)
    print(summary.line(), file=sys.stderr)
    return options.EXIT_FINDINGS if summary.failures or sinks.cut is not None else options.EXIT_OK


def _check_record_format(args: argparse.Namespace, found: list[readers.Found]) -> None:
    """UsageError when JSONL or WARC inputs would go into OUTDIR with --format txt or md: OUTDIR gets their
    records as JSONL (records become txt or md on stdout only)."""
    if not args.output or args.format not in ("txt", "md"):
        return
    record_files = [f.path for f in found if f.error is None and str(f.path) != "-" and formats.kind(f.path)]
    if record_files:
        more = f" (and {len(record_files) - 1} more)" if len(record_files) > 1 else ""
        raise options.UsageError(
            f"--format {args.format} with -o: {record_files[0]}{more} holds JSONL/WARC records, which are written "
            f"into OUTDIR as JSONL (NAME.jsonl); leave --format out (the other files are then txt), or write "
            f"{args.format} to stdout without -o")


@dataclass
class _Sinks:
    """Where a run's documents go: files under OUTDIR (with their resume records), or stdout."""

    outdir: Path | None
    fmt: str
    durable: bool
    documents: int | None
    """How many documents the run has, when known without reading (no JSONL or WARC input)."""
    records: formats.RecordWriter | None = None
    stream: StreamWriter | None = None
    resume: Resume | None = None
    cut: str | None = None
    """Without -o: what was not written because stdout was closed (the run stops there)."""
    explanation_cut: str | None = None
    """With -o: the document before whose explanation stdout was closed (the outputs go on)."""


def _refuse(problems: list[str]) -> int:
    """Name every problem of a plan that cannot run; nothing was written."""
    for problem in problems[:MAX_PROBLEMS]:
        print(printable(f"cleaner: refused: {problem}"), file=sys.stderr)
    if len(problems) > MAX_PROBLEMS:
        print(f"cleaner: refused: ... and {len(problems) - MAX_PROBLEMS} more", file=sys.stderr)
    print("cleaner: nothing was written", file=sys.stderr)
    return options.EXIT_USAGE


def _closed(problems: list[str], summary: Summary, progress: Progress) -> None:
    """Name each output of records that could not be written (its records are not in it)."""
    for problem in problems:
        progress.note(printable(f"cleaner: {problem}"))
        summary.failures += 1


def _documents(found: list[readers.Found] | None) -> int | None:
    """How many documents the found files hold, when that is known without reading (a fetched page is one;
    a JSONL or WARC file holds an unknown number of records)."""
    if found is None:
        return 1
    if any(formats.kind(f.path) for f in found if f.error is None):
        return None
    return len(found)


def _total(found: list[readers.Found] | None) -> int | None:
    """The number of documents for the bar when it is known without reading, only counted for a bar."""
    if found is None or not Progress.would_show():
        return None
    return _documents(found)


def _write_all(args: argparse.Namespace, outcomes, sinks: _Sinks, summary: Summary, progress: Progress) -> list:
    """Write every outcome as it arrives; JSONL and WARC records keep the shape of their input (on stdout
    as json or jsonl; as txt or md their text goes out like any document's). Stops when stdout, the
    output, is closed (sinks.cut says what was not written).

    Returns the documents for the --report page (empty without --report)."""
    report = []
    for outcome in outcomes:
        item = outcome.item
        if outcome.skipped:
            summary.add(outcome)
            continue
        for warning in outcome.warnings:
            progress.note(printable(f"cleaner: {item.name}: warning: {warning}"))
        try:
            _closed(_write(outcome, sinks), summary, progress)
        except BrokenPipeError:
            sinks.cut = _not_written(item.name, summary.documents, sinks.documents)
            _drop_stdout()
            break
        if outcome.error is not None:
            progress.note(printable(f"cleaner: {item.name}: {outcome.error}"))
        else:
            if args.explain and sinks.explanation_cut is None:
                _explain(item.name, outcome.result, sinks, progress)
            if args.report:
                report.append(explain.report_document(item.name, outcome.result))
        summary.add(outcome)
    return report


def _write(outcome: batch.Outcome, sinks: _Sinks) -> list[str]:
    """Write one outcome where it goes (setting outcome.error when it cannot be); what could not be written
    of the previous JSONL/WARC input's outputs. BrokenPipeError when stdout, the output, is closed."""
    item = outcome.item
    if sinks.records is not None and "file" in item.fields:  # a record (or a failure) of a JSONL/WARC input
        outcome.error, problems = sinks.records.write(item, outcome.result, outcome.error)
        return problems
    if outcome.result is None:
        return []
    if formats.is_record(item) and sinks.fmt in ("json", "jsonl"):
        record = formats.cleaned_record(item, outcome.result)
        outcome.error = _unwritable(record)
        if outcome.error is None:
            sinks.stream.write_record(record)
    elif sinks.outdir is not None:
        outcome.error = _write_file(outcome, output_path(sinks.outdir, item.rel, sinks.fmt), sinks)
    else:
        outcome.result.source = text_name(formats.doc_name(item))
        sinks.stream.write(outcome.result)
    return []


def _explain(name: str, result, sinks: _Sinks, progress: Progress) -> None:
    """Print a document's removals: on stdout with -o, else on stderr. A closed stdout stops the
    explanation, never the outputs (sinks.explanation_cut)."""
    explained = "\n".join(printable(line) for line in explain.explain_lines(name, result))
    if sinks.outdir is None:
        progress.note(explained)
        return
    try:
        progress.note(explained, file=sys.stdout)
        sys.stdout.flush()
    except BrokenPipeError:
        sinks.explanation_cut = name
        _drop_stdout()


def _not_written(name: str, done: int, documents: int | None) -> str:
    """The message of a run whose stdout was closed at the document `name`, after `done` documents."""
    if documents is None:
        return (f"cleaner: stdout was closed: the documents from {name} on were not written (how many is not "
                "known without reading the rest of the JSONL/WARC input)")
    return f"cleaner: stdout was closed: {documents - done} document(s) not written, from {name} on"


def _drop_stdout() -> None:
    """Point stdout, closed by its reader, at the null device: what is still buffered for it (and Python's
    flush at exit) then goes nowhere instead of failing again."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError):  # no file descriptor behind sys.stdout (a test's capture): nothing to point
        pass


def _unwritable(record: dict) -> str | None:
    """Why a JSONL/WARC document's output record cannot be one line of JSON (a number out of range...)."""
    try:
        json.dumps(record, ensure_ascii=False, allow_nan=False)
    except (ValueError, RecursionError) as exc:
        return f"cannot write the record as JSON: {exc}"
    return None


def _write_file(outcome: batch.Outcome, target: Path, sinks: _Sinks) -> str | None:
    """Write one document's output file whole (the plan gave it to this document alone), synced when
    durable, and record it for resuming (the two land together: Ctrl-C waits); why it could not be
    written, or None."""
    content = render(outcome.result, sinks.fmt)
    try:
        with writers.signals_held():
            write_atomic(target, content, sinks.durable)
            if sinks.resume is not None:
                sinks.resume.landed(outcome.item, target)
    except OSError as exc:
        return f"cannot write {target}: {exc.strerror or exc}"
    return None
