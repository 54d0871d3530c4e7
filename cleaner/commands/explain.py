"""`cleaner explain PATH...`: show what was removed and why, as text or a self-contained HTML report."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .. import batch
from ..batch import Summary
from ..config import Config
from ..readers import iter_items
from ..writers import write_atomic

HELP = "explain what cleaning removes from each dump (text, --json, or an --html report)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `explain`."""
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files, folders or - for stdin")
    parser.add_argument("--html", metavar="FILE", help="write a self-contained HTML report to FILE")
    parser.add_argument("--json", action="store_true", help="print every decision as JSON lines")


def decisions_record(result) -> dict:
    """Every block's whole story (each stage's verdict) as JSON-ready data."""
    blocks = []
    for block, decision in zip(result.blocks, result.decisions):
        blocks.append({
            "line": block.line_no,
            "text": block.text,
            "removed": decision.removed,
            "verdicts": [{"stage": v.stage, "rule": v.rule, "label": v.label.value, "reason": v.reason,
                          "evidence": v.evidence, "facts": v.facts} for v in decision.verdicts],
        })
    return {"source": result.source, "blocks": blocks}


def report_document(name: str, result):
    """What the HTML report shows of one cleaned document: its source text and JSON record."""
    from ..report import ReportDocument

    return ReportDocument(name, result.source_text, result.to_dict())


def write_report(path: str | Path, documents: list) -> None:
    """Write the HTML report of `documents` atomically (lazy import: only reports need the renderer)."""
    from ..report import render_report

    write_atomic(Path(path), render_report(documents))
    print(f"cleaner: report of {len(documents)} document(s) written to {path}", file=sys.stderr)


def run(args: argparse.Namespace, config: Config) -> int:
    """Explain every input; failures are reported and the run goes on."""
    from .clean import explain_lines

    summary = Summary()
    documents = []
    for outcome in batch.run(iter_items(args.paths, config.max_bytes), config):
        summary.add(outcome)
        if outcome.error is not None:
            print(f"cleaner: {outcome.item.name}: {outcome.error}", file=sys.stderr)
            continue
        result = outcome.result
        result.source = outcome.item.name
        if args.html:
            documents.append(report_document(outcome.item.name, result))
        if args.json:
            print(json.dumps(decisions_record(result), ensure_ascii=False))
        elif not args.html:
            print("\n".join(explain_lines(outcome.item.name, result)))
    if args.html:
        write_report(args.html, documents)
    print(summary.line(), file=sys.stderr)
    return 1 if summary.failures else 0
