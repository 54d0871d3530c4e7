"""`cleaner clean PATH...`: clean dumps to stdout or a mirrored output folder, with explanations."""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from ..config import Config
from ..io import formats, plan, readers, writers
from ..io.writers import FORMATS, SEPARATOR, StreamWriter, output_path, render, write_atomic
from ..run import batch
from ..run.batch import Summary
from . import explain, learn, options
from .progress import Progress
from .terminal import printable, text_name

HELP = "clean raw dumps (files, folders, .gz, '-' for stdin) into article text or JSON"
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
                        help="with -o, clean again documents whose output is already complete and newer than the input")
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
    overwrite an input, write two inputs to one output or write inside an input folder is refused
    (exit 2).
    """
    fmt = args.format or ("txt" if args.output else "jsonl")
    outdir = Path(args.output) if args.output else None
    separator = _separator(args, fmt)
    summary = Summary()
    done = _up_to_date(outdir, fmt) if outdir is not None and not args.force else None
    found = None
    if args.url is not None and not args.paths and not args.input_file:  # one page fetched: nothing to plan
        paths, items = options.documents(args, config, args.text_field, done=done)
    else:
        paths = options.input_paths(args)
        if args.url is not None:
            options.check_page(args.url, paths)
        found = list(readers.find(paths, args.exclude))
        planned = plan.make(paths, found, outdir, fmt, args.exclude, args.report)
        if planned.problems:
            return _refuse(planned.problems)
        found = planned.found
        if outdir is not None:
            for folder in {plan.outputs_of(f, outdir, fmt)[0].parent for f in found}:
                writers.remove_stale_temporaries(folder)
        items = readers.load(found, config.max_bytes, args.text_field, done=done)
        if args.url is not None:
            items = options.with_url(args.url, items)
    with learn.auto_profile(paths, config, args.text_field, enabled=not args.no_learn, jobs=args.jobs,
                            found=found) as config:
        records = formats.RecordWriter(outdir, args.durable) if outdir else None
        stream = StreamWriter(sys.stdout, fmt, separator) if outdir is None else None
        outcomes = batch.run(items, config, jobs=args.jobs, engine=args.engine, scheduler=args.scheduler)
        with Progress(total=_total(found), desc="cleaning") as progress:
            try:
                report = _write_all(args, progress.track(outcomes), outdir, records, stream, fmt, summary, progress)
            except BaseException as exc:
                if records is not None:
                    records.abort()  # an output of records stays as it was, never half-written
                if isinstance(exc, KeyboardInterrupt):
                    progress.close()
                    print(summary.line(), file=sys.stderr)
                    if outdir is not None:
                        print("cleaner: every output written is complete; run again to resume", file=sys.stderr)
                raise
            if records is not None:
                _closed(records.close(), summary, progress)
        if stream is not None:
            stream.close()
    if args.report:
        try:
            explain.write_report(args.report, report)
        except OSError as exc:
            print(f"cleaner: cannot write report {args.report}: {exc.strerror or exc}", file=sys.stderr)
            summary.failures += 1
    if not summary.documents and not summary.skipped:
        print(options.nothing_found(paths), file=sys.stderr)
    print(summary.line(), file=sys.stderr)
    return options.EXIT_FINDINGS if summary.failures else options.EXIT_OK


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


def _total(found: list[readers.Found] | None) -> int | None:
    """The number of documents when it is known without reading (for the bar), only counted for a bar."""
    if found is None or not Progress.would_show() or any(formats.kind(f.path) for f in found if f.error is None):
        return None
    return len(found)


def _write_all(args: argparse.Namespace, outcomes, outdir: Path | None, records, stream: StreamWriter | None,
               fmt: str, summary: Summary, progress: Progress) -> list:
    """Write every outcome as it arrives; JSONL and WARC records keep the shape of their input (on stdout
    as json or jsonl; as txt or md their text goes out like any document's).

    Returns the documents for the --report page (empty without --report)."""
    report = []
    for outcome in outcomes:
        item = outcome.item
        if outcome.skipped:
            summary.add(outcome)
            continue
        for warning in outcome.warnings:
            progress.note(printable(f"cleaner: {item.name}: warning: {warning}"))
        if records is not None and "file" in item.fields:  # a record (or a failure) of a JSONL/WARC input
            outcome.error, problems = records.write(item, outcome.result, outcome.error)
            _closed(problems, summary, progress)
        elif outcome.result is not None and formats.is_record(item) and fmt in ("json", "jsonl"):
            record = formats.cleaned_record(item, outcome.result)
            outcome.error = _unwritable(record)
            if outcome.error is None:
                stream.write_record(record)
        elif outcome.result is not None and outdir is not None:
            outcome.error = _write_file(outcome, output_path(outdir, item.rel, fmt), fmt, args.durable)
        elif outcome.result is not None:
            outcome.result.source = text_name(formats.doc_name(item))
            stream.write(outcome.result)
        if outcome.error is not None:
            progress.note(printable(f"cleaner: {item.name}: {outcome.error}"))
        else:
            if args.explain:
                explained = "\n".join(printable(line) for line in explain.explain_lines(item.name, outcome.result))
                progress.note(explained, file=sys.stdout if outdir else None)
            if args.report:
                report.append(explain.report_document(item.name, outcome.result))
        summary.add(outcome)
    return report


def _unwritable(record: dict) -> str | None:
    """Why a JSONL/WARC document's output record cannot be one line of JSON (a number out of range...)."""
    try:
        json.dumps(record, ensure_ascii=False, allow_nan=False)
    except (ValueError, RecursionError) as exc:
        return f"cannot write the record as JSON: {exc}"
    return None


def _write_file(outcome: batch.Outcome, target: Path, fmt: str, durable: bool = False) -> str | None:
    """Write one document's output file whole (the plan gave it to this document alone), synced when
    `durable`; why it could not be written, or None."""
    try:
        write_atomic(target, render(outcome.result, fmt), durable)
    except OSError as exc:
        return f"cannot write {target}: {exc.strerror or exc}"
    return None


def _up_to_date(outdir: Path, fmt: str):
    """The resume test: a plain file's output exists and is newer than the input.

    Outputs are renamed into place whole (writers.AtomicFile), so an output that exists is complete;
    the plan gave each output to one input alone.
    """

    def done(path: Path, rel: Path) -> bool:
        if formats.kind(path) is not None:
            return False
        try:
            return output_path(outdir, rel, fmt).stat().st_mtime_ns >= path.stat().st_mtime_ns
        except OSError:
            return False

    return done
