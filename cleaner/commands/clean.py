"""`cleaner clean PATH...`: clean dumps to stdout or a mirrored output folder, with explanations."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .. import batch, formats
from ..batch import Summary
from ..config import Config
from ..readers import iter_items
from . import explain, learn
from ..writers import FORMATS, output_path, render, write_atomic, write_stream

HELP = "clean raw dumps (files, folders, .gz, '-' for stdin) into article text or JSON"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `clean`."""
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files, folders or - for stdin")
    parser.add_argument("-o", "--output", metavar="OUTDIR", help="mirror the input tree into OUTDIR (default: stdout)")
    parser.add_argument("--format", choices=FORMATS, default=None, help="txt, json, jsonl or md (default: jsonl on stdout, txt in OUTDIR)")
    parser.add_argument("--explain", action="store_true", help="print every removed block with its lines, rule and reason")
    parser.add_argument("--jobs", type=int, default=1, metavar="N", help="clean in N worker processes")
    parser.add_argument("--timeout", type=float, default=None, metavar="SECONDS",
                        help="time limit per document; an overrun fails that document only (default 60, 0: none)")
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


def explain_lines(name: str, result) -> list[str]:
    """The --explain text for one document: one line per removed span."""
    lines = [f"== {name}: {len(result.removed)} block(s) removed"]
    for span in result.removed:
        where = f"{span.start_line}" if span.start_line == span.end_line else f"{span.start_line}-{span.end_line}"
        first = span.text.splitlines()[0].strip() if span.text else ""
        lines.append(f"  lines {where}: {span.rule} — {span.reason}: {first[:70]!r}")
    return lines


def run(args: argparse.Namespace, config: Config) -> int:
    """Clean every input; a failing file gets one line on stderr and the run goes on."""
    fmt = args.format or ("txt" if args.output else "jsonl")
    outdir = Path(args.output) if args.output else None
    summary = Summary()
    done = _up_to_date(outdir, fmt) if outdir is not None and not args.force else None
    with learn.auto_profile(args.paths, config, args.text_field, enabled=not args.no_learn) as config:
        records = formats.RecordWriter(outdir) if outdir else None
        items = iter_items(args.paths, config.max_bytes, args.text_field, done=done)
        outcomes = batch.run(items, config, jobs=max(1, args.jobs), engine=args.engine, scheduler=args.scheduler)
        try:
            report = _write_all(args, outcomes, outdir, records, fmt, summary)
        except KeyboardInterrupt:
            print(summary.line(), file=sys.stderr)
            if outdir is not None:
                print("cleaner: every output written is complete; run again to resume", file=sys.stderr)
            raise
        if records is not None:
            try:
                records.close()
            except OSError as exc:
                print(f"cleaner: cannot write records: {exc.strerror or exc}", file=sys.stderr)
                summary.failures += 1
    if args.report:
        try:
            explain.write_report(args.report, report)
        except OSError as exc:
            print(f"cleaner: cannot write report {args.report}: {exc.strerror or exc}", file=sys.stderr)
            summary.failures += 1
    print(summary.line(), file=sys.stderr)
    return 1 if summary.failures else 0


def _write_all(args: argparse.Namespace, outcomes, outdir: Path | None, records, fmt: str, summary: Summary) -> list:
    """Write every outcome as it arrives; JSONL and WARC records keep the shape of their input.

    Returns the documents for the --report page (empty without --report)."""
    explain_to = sys.stdout if outdir else sys.stderr
    report = []
    written: dict[Path, str] = {}  # outputs of the current folder (a.txt and a.html would share one)
    progress = _progress(outcomes)
    for outcome in progress:
        item = outcome.item
        if outcome.skipped:
            summary.add(outcome)
            continue
        if outcome.result is not None and formats.is_record(item):
            if records is not None:
                outcome.error = records.add(item, outcome.result)
            else:
                sys.stdout.write(json.dumps(formats.cleaned_record(item, outcome.result), ensure_ascii=False) + "\n")
        elif outcome.result is not None and outdir is not None:
            outcome.error = _write_file(outcome, output_path(outdir, item.rel, fmt), fmt, written)
        elif outcome.result is not None:
            outcome.result.source = item.name
            write_stream(sys.stdout, outcome.result, fmt)
        if outcome.error is not None:
            print(f"cleaner: {item.name}: {outcome.error}", file=sys.stderr)
        else:
            if args.explain:
                print("\n".join(explain_lines(item.name, outcome.result)), file=explain_to)
            if args.report:
                report.append(explain.report_document(item.name, outcome.result))
        summary.add(outcome)
    return report


def _write_file(outcome: batch.Outcome, target: Path, fmt: str, written: dict[Path, str]) -> str | None:
    """Write one document's output file whole; why it could not be written, or None."""
    if written and next(iter(written)).parent != target.parent:
        written.clear()  # folders come one at a time: only the current one's outputs can clash
    if target in written:
        return f"output {target} was already written from {written[target]} in this run"
    if _same_file(target, outcome.item.name):
        return f"output {target} would overwrite the input"
    try:
        write_atomic(target, render(outcome.result, fmt))
    except OSError as exc:
        return f"cannot write {target}: {exc.strerror or exc}"
    written[target] = outcome.item.name
    return None


def _up_to_date(outdir: Path, fmt: str):
    """The resume test: a plain file's output exists and is newer than the input.

    Outputs are renamed into place whole (write_atomic), so an output that exists is complete. An
    output another input of the folder also maps to (a.txt, a.html) is never taken as done.
    """
    claimed: dict[Path, Path] = {}

    def done(path: Path, rel: Path) -> bool:
        if formats.kind(path) is not None:
            return False
        target = output_path(outdir, rel, fmt)
        if claimed and next(iter(claimed)).parent != target.parent:
            claimed.clear()
        if claimed.setdefault(target, path) != path:
            return False
        try:
            return target.stat().st_mtime_ns >= path.stat().st_mtime_ns
        except OSError:
            return False

    return done


def _same_file(target: Path, source: str) -> bool:
    try:
        return target.exists() and target.samefile(source)
    except OSError:
        return False


def _progress(outcomes):
    """A progress bar on stderr when it is a terminal (tqdm), else the outcomes unchanged."""
    if not sys.stderr.isatty():
        return outcomes
    from tqdm import tqdm

    return tqdm(outcomes, unit="doc", file=sys.stderr, leave=False, mininterval=0.5)

