"""Score cleaner on the boilerplate zoo: real gold bodies wrapped in named boilerplate (cleaner/training/zoo.py).

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
import hashlib
import json
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import cleaner
from cleaner.language import guess_language
from cleaner.training import zoo

from . import metric
from .corpora import corpora_dir
from cleaner.encoding import decode as decode_html

from .dumps import html_to_text

CACHE_DIR = Path(__file__).resolve().parent / ".cache"
from .run import RESULTS_DIR, git_commit, md_table

SEED = 2025
NON_ENGLISH = ("de", "fr", "es", "it", "pt", "nl")


def _site(url: str | None, fallback: str) -> str:
    host = (urlsplit(url).hostname or "") if url else ""
    return host.removeprefix("www.") or fallback


def load_bodies() -> list[zoo.Body]:
    """Gold bodies from the shared corpora (to be replaced by cleaner.training.corpora when it lands).

    wcxb-dev: every page's human-reviewed main content and title (language guessed, English when
    unclear; the page type is in the id). Non-English bodies: the Readability pages whose expected metadata names such a language
    (gold: expected.html), and trafilatura-eval pages in those languages whose trafilatura extraction
    contains every must-have segment and no must-not segment (a silver body; cached, as extraction
    takes half a minute).
    """
    base = corpora_dir()
    bodies: list[zoo.Body] = []
    for path in sorted((base / "wcxb-dev" / "ground-truth").glob("*.json")):
        page = json.loads(path.read_text("utf-8"))
        gold = page.get("ground_truth", {})
        if (gold.get("main_content") or "").strip():
            text = gold["main_content"]
            kind = page.get("_internal", {}).get("page_type", {}).get("primary", "other")
            bodies.append(zoo.Body(id=f"wcxb-{kind}/{path.stem}", site=_site(page.get("url"), path.stem),
                                   language=guess_language(text) or "en", text=text, title=gold.get("title")))
    for folder in sorted(p for p in (base / "readability").glob("*") if (p / "expected.html").is_file()):
        meta_path = folder / "expected-metadata.json"
        meta = json.loads(meta_path.read_text("utf-8")) if meta_path.is_file() else {}
        lang = (meta.get("lang") or "").split("-")[0].lower()
        if lang in NON_ENGLISH:
            bodies.append(zoo.Body(id=f"readability/{folder.name}", site=f"readability/{folder.name}", language=lang,
                                   text=html_to_text((folder / "expected.html").read_bytes()), title=meta.get("title")))
    return bodies + _trafilatura_bodies(base / "trafilatura-eval")


def _trafilatura_bodies(base: Path) -> list[zoo.Body]:
    evaldata = base / "evaldata.json"
    if not evaldata.is_file():
        return []
    import trafilatura

    # Keyed by the gold, trafilatura's version and the selection rules' version (bump it when they change).
    key = hashlib.sha1(evaldata.read_bytes() + f"{trafilatura.__version__}|selection-1".encode()).hexdigest()[:16]
    cache = CACHE_DIR / f"zoo-bodies-{key}.json"
    if cache.is_file():
        return [zoo.Body(**b) for b in json.loads(cache.read_text("utf-8"))]
    bodies = []
    for url, item in sorted(json.loads(evaldata.read_text("utf-8")).items(), key=lambda kv: kv[1]["file"]):
        path = base / "html" / item["file"]
        if not path.is_file():
            continue
        found = trafilatura.extract(decode_html(path.read_bytes()), output_format="json", with_metadata=True,
                                    include_comments=False, include_tables=False, favor_precision=True)
        page = json.loads(found) if found else {}
        text = page.get("text") or ""
        flat = metric.normalize_ws(text)
        lang = guess_language(text)
        if (lang in NON_ENGLISH and len(text.split()) >= 80
                and all(metric.normalize_ws(s) in flat for s in item.get("with", []))
                and not any(metric.normalize_ws(s) in flat for s in item.get("without", []) if s.strip())):
            paragraphs = "\n\n".join(line for line in text.splitlines() if line.strip())
            bodies.append(zoo.Body(id=f"trafilatura/{item['file']}", site=_site(url, item["file"]), language=lang,
                                   text=paragraphs, title=page.get("title")))
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    cache.write_text(json.dumps([b.__dict__ for b in bodies], ensure_ascii=False), "utf-8")
    return bodies


def select(bodies: Iterable[zoo.Body], limit: int | None, min_docs: int) -> list[zoo.Body]:
    """At most `limit` documents per language; a language with fewer than `min_docs` (or `limit`)
    bodies reuses them (ids suffixed ~2, ~3 ...) so its boilerplate is drawn often enough to measure."""
    by_lang: dict[str, list[zoo.Body]] = defaultdict(list)
    for body in bodies:
        by_lang[body.language].append(body)
    out: list[zoo.Body] = []
    for lang in sorted(by_lang):
        chosen = by_lang[lang][:limit] if limit else by_lang[lang]
        docs = list(chosen)
        copies = 1
        while chosen and len(docs) < min_docs:
            copies += 1
            docs += [zoo.Body(f"{b.id}~{copies}", b.site, b.language, b.text, b.title) for b in chosen]
        out += docs[:limit] if limit else docs
    return out


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


def score(docs: Sequence[zoo.ZooDoc]) -> dict[str, Any]:
    """Run cleaner over the documents and gather every number of the report."""
    by_class: dict[str, Tally] = defaultdict(Tally)
    by_lang: dict[str, Tally] = defaultdict(Tally)
    by_layout: dict[str, Tally] = defaultdict(Tally)
    total = Tally()
    rules: dict[str, Counter] = defaultdict(Counter)
    pages: dict[str, list[metric.PageCounts]] = defaultdict(list)
    clean_changed: Counter = Counter()
    clean_total: Counter = Counter()
    meta: dict[str, Counter] = defaultdict(Counter)
    failures: list[str] = []
    start = time.perf_counter()
    for doc in docs:
        result = cleaner.clean(doc.text)
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
        "clean": {key: {"documents": clean_total[key], "changed": clean_changed[key]} for key in sorted(clean_total)},
        "metadata": {k: dict(v) for k, v in sorted(meta.items())},
    }


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


def _pct(share: float | None) -> str:
    return "-" if share is None else f"{100 * share:.1f}%"


def report_markdown(report: dict[str, Any], args: argparse.Namespace) -> str:
    """The report as Markdown tables."""
    r = report["removal"]
    classes = zoo.classes()
    out = [f"# Zoo benchmark ({args.split} wordings)", "",
           f"`python -m benchmarks.zoo --split {args.split}" + (f" --limit {args.limit}" if args.limit else "")
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
    total = sum(v["documents"] for v in clean.values())
    out += [f"Clean dumps (no boilerplate) changed by cleaner: **{changed} of {total}**", "",
            md_table(["documents", "clean dumps", "changed"],
                     [[k, str(v["documents"]), str(v["changed"])] for k, v in report["clean"].items()]), ""]
    if report["failures"]:
        out += [f"Not scored (cleaner read the dump as HTML, so its blocks are not the dump's lines): "
                f"{', '.join(report['failures'])}", ""]
    for title, key in (("language", "language"), ("layout", "layout")):
        out += [f"## Removed per {title}", "",
                md_table([title, "blocks", "removed", "lines removed"],
                         [[k, str(v["blocks"]), _pct(v["share"]), _pct(v["line_share"])] for k, v in r[key].items()]), ""]
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
    parser.add_argument("--split", choices=zoo.SPLITS, default="test", help="which wordings to inject (default test)")
    parser.add_argument("--limit", type=int, default=None, help="at most N documents per language")
    parser.add_argument("--min-docs", type=int, default=120,
                        help="reuse the bodies of a language with fewer, so its wordings are drawn often enough")
    parser.add_argument("--no-save", action="store_true", help="print only, write nothing")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    bodies = select(load_bodies(), args.limit, args.min_docs)
    if not bodies:
        print(f"no corpora under {corpora_dir()}: nothing to score")
        return 1
    docs = list(zoo.generate(bodies, split=args.split, seed=SEED))
    report = {"split": args.split, "limit": args.limit, "seed": SEED, "commit": git_commit(), **score(docs)}
    markdown = report_markdown(report, args)
    print(markdown)
    if not args.no_save:
        RESULTS_DIR.mkdir(parents=True, exist_ok=True)
        (RESULTS_DIR / "zoo-latest.md").write_text(markdown + "\n", "utf-8")
        (RESULTS_DIR / "zoo-latest.json").write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
