"""`cleaner explain PATH...`: show what was removed and why, as text or a self-contained HTML report."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from ..config import Config
from ..io.readers import count_documents
from ..io.writers import write_atomic
from ..run import batch
from ..run.batch import Summary
from ..text.segment import split_lines
from . import learn, options
from .progress import Progress
from .terminal import printable

OPTIONS = ("rules", "model", "profile", "comments", "input_kind")



def explain_lines(name: str, result) -> list[str]:
    """The --explain text for one document: one line per removed span."""
    lines = [f"== {name}: {len(result.removed)} block(s) removed" + (f" ({result.error})" if result.error else "")]
    if result.html_path is not None:
        lines.append(f"  body from: {result.html_path[0]} — {result.html_path[1]}")
    for span in result.removed:
        where = f"{span.start_line}" if span.start_line == span.end_line else f"{span.start_line}-{span.end_line}"
        first = split_lines(span.text)[0].strip() if span.text else ""
        place = f"html lines {where} {span.path}" if span.path is not None else f"lines {where}"
        lines.append(f"  {place}: {span.rule} — {span.reason}: {first[:70]!r}")
        if span.rule.startswith("model."):
            lines.append(f"    evidence: {model_evidence(span.evidence)}")
    return lines


def model_evidence(evidence: dict) -> str:
    """A model verdict's evidence in one line: probability, the words and the context that spoke."""
    parts = [f"p={evidence.get('probability')}"]
    if evidence.get("overrules"):
        parts.append(f"keeps a line {evidence['overrules']} removed")
    if evidence.get("words"):
        parts.append("words " + ", ".join(repr(term.split(":", 1)[-1]) for term in evidence["words"]))
    if evidence.get("context"):
        parts.append("context " + ", ".join(f"{name} +{push}" for name, push in evidence["context"].items()))
    return "; ".join(parts)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `explain`."""
    options.add_inputs(parser)
    options.add_url(parser)
    parser.add_argument("--html", metavar="FILE", help="write a self-contained HTML report to FILE")
    parser.add_argument("--json", action="store_true", help="print every decision as JSON lines")
    parser.add_argument("--no-learn", action="store_true",
                        help="do not learn a boilerplate profile from input folders first (as `clean --no-learn`)")


def decisions_record(result) -> dict:
    """Every block's whole story (each stage's verdict) as JSON-ready data; for a page, also the path its
    body came from and the DOM blocks the HTML stage dropped (rule, reason, element path, source lines)."""
    blocks = []
    for block, decision in zip(result.blocks, result.decisions):
        blocks.append({
            "line": block.line_no,
            "text": block.text,
            "removed": decision.removed,
            "verdicts": [{"stage": v.stage, "rule": v.rule, "label": v.label.value, "reason": v.reason,
                          "evidence": v.evidence, "facts": v.facts} for v in decision.verdicts],
        })
    record = {"source": result.source, "blocks": blocks}
    if result.input_kind == "html":
        path = result.html_path
        record["html_path"] = {"rule": path[0], "reason": path[1]} if path else None
        record["html_removed"] = [span.to_dict() for span in result.removed if span.path is not None]
    return record


def report_document(name: str, result):
    """What the HTML report shows of one cleaned document: its source text and JSON record."""
    from ..report.render import ReportDocument

    return ReportDocument(name, result.source_text, result.to_dict())


def check_report_path(path: str) -> None:
    """UsageError unless a report can be written at `path` (checked before any work): not a folder, and in a
    folder that exists or can be created, which this user may write in."""
    target = Path(path)
    if target.is_dir():
        raise options.UsageError(f"cannot write the report {path}: it is a folder")
    folder = target.absolute().parent
    while not os.path.lexists(folder):  # missing folders are created, as for `clean --report`
        folder = folder.parent
    if not folder.is_dir():
        raise options.UsageError(f"cannot write the report {path}: {folder} is not a folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise options.UsageError(f"cannot write the report {path}: no permission to write in {folder}")


def write_report(path: str | Path, documents: list) -> None:
    """Write the HTML report of `documents` atomically (lazy import: only reports need the renderer)."""
    from ..report.render import render_report

    write_atomic(Path(path), render_report(documents))
    print(f"cleaner: report of {len(documents)} document(s) written to {path}", file=sys.stderr)


def run(args: argparse.Namespace, config: Config) -> int:
    """Explain every input, with the decisions `clean` makes (for folders, after the same learning pass);
    failures are reported and the run goes on."""
    if args.html:
        check_report_path(args.html)
    summary = Summary()
    documents = []
    paths, items = options.documents(args, config)
    with learn.auto_profile(paths, config, "text", enabled=not args.no_learn) as config, \
            Progress(total=count_documents(paths) if Progress.would_show() else None, desc="explaining") as progress:
        for outcome in progress.track(batch.run(items, config, detail=args.json)):
            summary.add(outcome)
            if outcome.error is not None:
                progress.note(printable(f"cleaner: {outcome.item.name}: {outcome.error}"))
                continue
            result = outcome.result
            result.source = outcome.item.name
            if args.html:
                documents.append(report_document(outcome.item.name, result))
            if args.json:
                progress.note(json.dumps(decisions_record(result), ensure_ascii=False), file=sys.stdout)
            elif not args.html:
                progress.note("\n".join(map(printable, explain_lines(outcome.item.name, result))), file=sys.stdout)
    if args.html:
        try:
            write_report(args.html, documents)
        except OSError as exc:
            print(printable(f"cleaner explain: error: cannot write the report {args.html}: {exc.strerror or exc}"),
                  file=sys.stderr)
            summary.failures += 1
    if not summary.documents:
        print(options.nothing_found(paths), file=sys.stderr)
    print(summary.line(), file=sys.stderr)
    return options.EXIT_FINDINGS if summary.failures else options.EXIT_OK
