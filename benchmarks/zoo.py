"""Score cleaner on the boilerplate zoo: real gold bodies wrapped in named boilerplate (cleaner/model/training/zoo.py).

    python -m benchmarks.zoo [--split test] [--limit N] [--min-docs N] [--no-save]

The default `--split test` uses only held-out wordings: the user's situation of boilerplate worded in
ways nobody wrote rules against. Reports the share of injected blocks removed (a block counts as
removed when all of its lines are) per class, language and layout; body F1 (the shingle metric of
`benchmarks/metric.py`, kept text vs the body); how many clean dumps cleaner changed; and whether the
title, author and date it reports agree with the injected ones. Writes
`benchmarks/results/zoo-latest.{md,json}`.
"""
from __future__ import annotations

import argparse
import json
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import cleaner
from cleaner.model.training import zoo, zoo_data
from cleaner.model.training.bodies import load as load_bodies
from cleaner.model.training.bodies import select
from cleaner.model.training.cache import Cache

from . import metric
from .corpora import corpora_dir
from .report import RESULTS_DIR, git_commit, md_table

SEED = 2025
# A language with fewer distinct bodies than this is flagged in the report (its rows rest on few texts).
FEW_BODIES = 5
# The comment-thread class, and the rule id that gives a thread in Result.comments (text/rules/comments.py).
THREAD = "comments.thread"


class Tally:
    """Injected blocks removed / seen, and lines removed / seen."""

    def __init__(self) -> None:
        self.blocks = self.removed = self.lines = self.lines_removed = 0

    def add(self, removed_lines: int, lines: int) -> None:
        self.blocks += 1
        self.removed += removed_lines == lines
        self.lines += lines
        self.lines_removed += removed_lines

    def share(self) -> float | None:
        return self.removed / self.blocks if self.blocks else None

    def to_dict(self) -> dict[str, Any]:
        return {"blocks": self.blocks, "removed": self.removed, "share": self.share(),
                "line_share": self.lines_removed / self.lines if self.lines else None}


def score(docs: Sequence[zoo.ZooDoc], cv: int = 0, folder: Path | None = None) -> dict[str, Any]:
    """Run cleaner over the documents and gather every number of the report.

    With `cv` folds, each document is cleaned by the model trained without its body's site
    (benchmarks/learned.py), so neither the wordings nor the body were seen in training.
    """
    configs: dict[int, Any] = {}
    if cv:
        from cleaner.model.training.corpora import fold_of

        from .learned import fold_configs

        configs = fold_configs(cv, {fold_of(d.site, cv) for d in docs}, folder)
    by_class: dict[str, Tally] = defaultdict(Tally)
    by_lang: dict[str, Tally] = defaultdict(Tally)
    by_layout: dict[str, Tally] = defaultdict(Tally)
    total = Tally()
    rules: dict[str, Counter] = defaultdict(Counter)
    pages: dict[str, list[metric.PageCounts]] = defaultdict(list)
    clean_changed: Counter = Counter()
    clean_total: Counter = Counter()
    clean_beyond_title: Counter = Counter()
    meta: dict[str, Counter] = defaultdict(Counter)
    threads: Counter = Counter()  # lines of injected threads and of bodies, and those the thread rule took
    failures: list[str] = []
    start = time.perf_counter()
    for doc in docs:
        result = cleaner.clean(doc.text, config=configs[fold_of(doc.site, cv)] if cv else None)
        if len(result.decisions) != len(doc.labels):
            failures.append(doc.id)
            continue
        removed = [d.removed for d in result.decisions]
        counts = metric.page_counts(result.text, doc.body)
        source = doc.id.split("/")[0]
        for key in ("all", f"lang:{doc.language}", f"layout:{doc.layout}", f"source:{source}",
                    "clean" if doc.clean else "wrapped"):
            pages[key].append(counts)
        if doc.clean:
            changed = metric.normalize_ws(result.text) != metric.normalize_ws(doc.text)
            for key in (f"lang:{doc.language}", f"source:{source}"):
                clean_total[key] += 1
                clean_changed[key] += changed
                clean_beyond_title[key] += changed and metric.normalize_ws(result.text) != metric.normalize_ws(
                    _without_title(doc.text, result.metadata.title))
        for item in doc.items:
            if not item.removable:
                continue
            gone = sum(removed[item.start:item.end])
            lines = item.end - item.start
            for tally in (total, by_class[item.cls], by_lang[doc.language], by_layout[doc.layout]):
                tally.add(gone, lines)
            for d in result.decisions[item.start:item.end]:
                rules[item.cls][d.final.rule if d.removed else "(kept)"] += 1
        _score_metadata(doc, result.metadata, meta)
        for label, decision in zip(doc.labels, result.decisions):
            if label in (THREAD, "body"):
                threads[label] += 1
                threads[f"{label} taken"] += decision.removed and decision.final.rule == THREAD
    seconds = time.perf_counter() - start
    return {
        "documents": len(docs), "failures": failures, "seconds": round(seconds, 1),
        "removal": {
            "all": total.to_dict(),
            "class": {c: t.to_dict() for c, t in sorted(by_class.items())},
            "language": {k: t.to_dict() for k, t in sorted(by_lang.items())},
            "layout": {k: t.to_dict() for k, t in sorted(by_layout.items())},
        },
        "rules": {c: dict(r.most_common(4)) for c, r in sorted(rules.items())},
        "body": {k: {"pages": len(v), **metric.body_score(v).__dict__} for k, v in sorted(pages.items())},
        "clean": {key: {"documents": clean_total[key], "changed": clean_changed[key],
                        "beyond_title": clean_beyond_title[key]} for key in sorted(clean_total)},
        "metadata": {k: dict(v) for k, v in sorted(meta.items())},
        "bodies": distinct_bodies(docs),
        "comments": {"thread_lines": threads[THREAD], "thread_lines_taken": threads[f"{THREAD} taken"],
                     "body_lines": threads["body"], "body_lines_taken": threads["body taken"]},
    }


def _without_title(text: str, title: str | None) -> str:
    """`text` without its first non-empty line when that line is `title`: the headline a clean dump opens with,
    moved to the metadata as cleaner is meant to do, is no change of its body."""
    lines = text.split("\n")
    first = next((k for k, line in enumerate(lines) if line.strip()), None)
    if first is None or not title or metric.normalize_ws(lines[first]) != metric.normalize_ws(title):
        return text
    return "\n".join(lines[:first] + lines[first + 1:])


def distinct_bodies(docs: Sequence[zoo.ZooDoc]) -> dict[str, int]:
    """Distinct article bodies per language (a language with few reuses them: `select`'s ~N copies)."""
    found: dict[str, set[str]] = defaultdict(set)
    for doc in docs:
        found[doc.language].add(doc.id.split("@")[0].split("~")[0])
    return {lang: len(ids) for lang, ids in sorted(found.items())}


def _score_metadata(doc: zoo.ZooDoc, got: cleaner.Metadata, meta: dict[str, Counter]) -> None:
    want = doc.metadata
    checks = {
        "title": (want["title"], lambda: metric.meta_agrees(got.title, want["title"])),
        "author": (want["authors"], lambda: any(metric.meta_agrees(a, want["authors"][0]) for a in [got.author, *got.authors] if a)),
        "date": (want["date"], lambda: (got.date or "")[:10] == want["date"]),
    }
    for field, (expected, agrees) in checks.items():
        if expected:
            meta[field]["injected"] += 1
            meta[field]["agree"] += bool(agrees())


def _share(found: dict[str, int], kind: str) -> float | None:
    """The share of `kind`'s lines (thread, body) the comment-thread rule took."""
    return found[f"{kind}_lines_taken"] / found[f"{kind}_lines"] if found[f"{kind}_lines"] else None


def _pct(share: float | None) -> str:
    return "-" if share is None else f"{100 * share:.1f}%"


def report_markdown(report: dict[str, Any], args: argparse.Namespace) -> str:
    """The report as Markdown tables."""
    r = report["removal"]
    classes = zoo_data.classes()
    out = [f"# Zoo benchmark ({args.split} wordings)", "",
           f"`python -m benchmarks.zoo --split {args.split}" + (f" --limit {args.limit}" if args.limit else "")
           + (f" --cv {args.cv}" if args.cv else "")
           + (f" --folds {','.join(map(str, sorted(args.folds)))}" if args.folds is not None else "")
           + f"` · commit {report['commit']} · {report['documents']} documents · {report['seconds']} s", "",
           f"Injected blocks removed: **{_pct(r['all']['share'])}** of {r['all']['blocks']} "
           f"(lines: {_pct(r['all']['line_share'])}). A block counts when all its lines are gone.", ""]
    body = report["body"]
    out += ["## Body F1 (shingles, kept text vs the body)", "",
            md_table(["documents", "pages", "F1", "precision", "recall"],
                     [[k, str(v["pages"]), f"{v['f1']:.3f}", f"{v['precision']:.3f}", f"{v['recall']:.3f}"]
                      for k, v in body.items()]), ""]
    clean = {k: v for k, v in report["clean"].items() if k.startswith("lang:")}
    changed = sum(v["changed"] for v in clean.values())
    beyond = sum(v.get("beyond_title", v["changed"]) for v in clean.values())
    total = sum(v["documents"] for v in clean.values())
    out += [f"Clean dumps (no boilerplate) changed by cleaner: **{changed} of {total}**; {beyond} of them beyond "
            f"their first line moved to the metadata as the title", "",
            md_table(["documents", "clean dumps", "changed", "beyond the title"],
                     [[k, str(v["documents"]), str(v["changed"]), str(v.get("beyond_title", "–"))]
                      for k, v in report["clean"].items()]), ""]
    found = report["comments"]
    out += [f"Comment threads: the thread rule takes **{_pct(_share(found, 'thread'))}** of the lines of the injected "
            f"threads ({found['thread_lines_taken']} of {found['thread_lines']}; `comments` with --comments, their "
            f"buttons aside) and {_pct(_share(found, 'body'))} of the body lines ({found['body_lines_taken']} of "
            f"{found['body_lines']}).", ""]
    if report["failures"]:
        out += [f"Not scored (cleaner read the dump as HTML, so its blocks are not the dump's lines): "
                f"{', '.join(report['failures'])}", ""]
    bodies = report.get("bodies", {})
    few = [f"{lang} ({n})" for lang, n in bodies.items() if n < FEW_BODIES]
    out += ["## Removed per language", "",
            md_table(["language", "blocks", "removed", "lines removed", "distinct bodies"],
                     [[k, str(v["blocks"]), _pct(v["share"]), _pct(v["line_share"]), str(bodies.get(k, "–"))]
                      for k, v in r["language"].items()]), ""]
    if few:
        out += [f"Few distinct bodies, each reused many times, so these rows measure the wordings around one "
                f"or a handful of texts: {', '.join(few)}.", ""]
    out += ["## Removed per layout", "",
            md_table(["layout", "blocks", "removed", "lines removed"],
                     [[k, str(v["blocks"]), _pct(v["share"]), _pct(v["line_share"])] for k, v in r["layout"].items()]), ""]
    rows = sorted(r["class"].items(), key=lambda kv: (kv[1]["share"] or 0))
    out += ["## Removed per class (worst first)", "",
            md_table(["class", "kind", "blocks", "removed", "lines removed", "rules on its lines"],
                     [[c, classes[c].kind, str(v["blocks"]), _pct(v["share"]), _pct(v["line_share"]),
                       ", ".join(f"{rule} {n}" for rule, n in report["rules"][c].items())] for c, v in rows]), ""]
    out += ["## Metadata agreement with the injected values", "",
            md_table(["field", "injected", "agree", "share"],
                     [[k, str(v.get("injected", 0)), str(v.get("agree", 0)),
                       _pct(v.get("agree", 0) / v["injected"] if v.get("injected") else None)]
                      for k, v in report["metadata"].items()]), ""]
    return "\n".join(out)


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.zoo", description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=zoo_data.SPLITS, default="test", help="which wordings to inject (default test)")
    parser.add_argument("--limit", type=int, default=None, help="at most N documents per language")
    parser.add_argument("--min-docs", type=int, default=120,
                        help="reuse the bodies of a language with fewer, so its wordings are drawn often enough")
    parser.add_argument("--cv", type=int, default=0, metavar="K",
                        help="clean each document with the model trained without its body's site fold (of K)")
    parser.add_argument("--folds", default=None, metavar="F,...",
                        help="with --cv, only the documents whose body's site is in these folds")
    parser.add_argument("--cv-models", type=Path, default=None, metavar="DIR",
                        help="with --cv, keep the fold models in DIR (fold{f}-of{k}.npz)")
    parser.add_argument("--no-save", action="store_true", help="print only, write nothing")
    args = parser.parse_args(argv)
    if args.folds is not None:
        if not args.cv:
            parser.error("--folds needs --cv")
        args.folds = {int(f) for f in args.folds.split(",") if f.strip()}
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    bodies = select(load_bodies(corpora_dir(), Cache()), args.limit, args.min_docs)
    if not bodies:
        print(f"no corpora under {corpora_dir()}: nothing to score")
        return 1
    docs = list(zoo.generate(bodies, split=args.split, seed=SEED))
    if args.folds is not None:
        from cleaner.model.training.corpora import fold_of

        docs = [d for d in docs if fold_of(d.site, args.cv) in args.folds]
    report = {"split": args.split, "limit": args.limit, "seed": SEED, "cv": args.cv,
              "folds": sorted(args.folds) if args.folds is not None else None, "commit": git_commit(),
              **score(docs, args.cv, args.cv_models)}
    markdown = report_markdown(report, args)
    print(markdown)
    if not args.no_save:
        RESULTS_DIR.mkdir(parents=True, exist_ok=True)
        (RESULTS_DIR / "zoo-latest.md").write_text(markdown + "\n", "utf-8")
        (RESULTS_DIR / "zoo-latest.json").write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
