"""Run every system over a corpus and report quality and speed.

    python -m benchmarks.run [--corpus readability|trafilatura|all] [--limit N]
                             [--systems a,b,...] [--cv K] [--folds F,...] [--cv-models DIR]
                             [--timeout S] [--no-save]

For each corpus: load the pages, build the dumps once (cached, untimed), then
run each selected system over all pages, timing only the system call. Prints
a table (F1, precision, recall, pages/s, speed ratio vs trafilatura default,
failures), a paired bootstrap of cleaner-html vs the best trafilatura setting,
and for the Readability corpus a title/byline agreement table. Writes
``benchmarks/results/<corpus>-latest.{json,md}`` and appends to
``benchmarks/results/history.csv``.

Systems come from :data:`benchmarks.systems.SYSTEMS` (name -> factory); see
that module for how to add one, including cross-validated systems that use
the page's fold.
"""

from __future__ import annotations

import argparse
import csv
import datetime as _dt
import json
import signal
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
import os
from pathlib import Path
from typing import Any, Sequence

from . import corpora, metric
from .dumps import build_dumps
from .report import RESULTS_DIR, git_commit, md_table, text_table
from .systems import SYSTEMS, BenchContext, PageInput, Prediction, System, SystemUnavailable, as_prediction

HISTORY_FIELDS = ["date", "commit", "corpus", "system", "f1", "precision", "recall", "pages_per_s", "pages", "failures"]
REFERENCE_SYSTEM = "trafilatura"


class PageTimeout(BaseException):
    """A system call took longer than --timeout seconds.

    A BaseException so that a library's ``except Exception`` cannot swallow it.
    """


@dataclass
class SystemRun:
    """Outcome of one system on one corpus."""

    name: str
    status: str = "ok"  # ok | unavailable
    reason: str = ""
    description: str = ""
    page_counts: list[Any] = field(default_factory=list)  # PageCounts or SegmentCounts, page order
    bag_f1: list[float] = field(default_factory=list)  # WCXB's bag-of-words F1 per page (body corpora only)
    score: metric.Score | None = None
    seconds: float = 0.0  # CPU seconds inside predict()
    wall_seconds: float = 0.0  # wall-clock seconds inside predict()
    failures: int = 0
    failed_pages: list[str] = field(default_factory=list)
    empty: int = 0
    fold_f1: dict[int, float] = field(default_factory=dict)
    metadata: list[dict[str, str | None]] | None = None

    @property
    def pages_per_s(self) -> float:
        """Pages per CPU-second spent inside the system call."""
        return len(self.page_counts) / self.seconds if self.seconds > 0 else float("inf")

    @property
    def wall_pages_per_s(self) -> float:
        """Pages per wall-clock second inside the system call (noisier on a shared machine)."""
        return len(self.page_counts) / self.wall_seconds if self.wall_seconds > 0 else float("inf")


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def _alarm(signum: int, frame: Any) -> None:
    raise PageTimeout()


def call_guarded(system: System, page: PageInput, timeout: float) -> tuple[Prediction, float, float, str | None]:
    """Run ``system.predict`` on one page: (prediction, CPU seconds, wall seconds, error or None).

    Any exception (or a timeout, measured in wall time) gives an empty
    prediction and an error string. CPU time is this process's
    (``time.process_time``), so other jobs on a shared machine barely move it.
    """
    use_alarm = timeout > 0 and hasattr(signal, "setitimer")
    if use_alarm:
        old = signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, timeout)
    c0, t0 = time.process_time(), time.perf_counter()
    try:
        out = system.predict(page)
        cpu, wall = time.process_time() - c0, time.perf_counter() - t0
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
        pred = as_prediction(out)
        if not isinstance(pred.text, str):
            raise TypeError(f"prediction text is {type(pred.text).__name__}, not str")
        return pred, cpu, wall, None
    except BaseException as exc:  # noqa: BLE001 - one bad page must not stop the run
        cpu, wall = time.process_time() - c0, time.perf_counter() - t0
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
        if isinstance(exc, KeyboardInterrupt):
            raise
        return Prediction(""), cpu, wall, f"{type(exc).__name__}: {exc}"[:300]
    finally:
        if use_alarm:
            signal.signal(signal.SIGALRM, old)


def score_page(page: corpora.Page, text: str) -> Any:
    """Per-page counts with the metric that fits the page's gold (a body, or segments)."""
    if page.gold_text is not None:
        return metric.page_counts(text, page.gold_text)
    return metric.segment_counts(text, page.with_, page.without)


def corpus_score(corpus: str, counts: Sequence[Any]) -> metric.Score:
    """Corpus score with the metric of that corpus."""
    return metric.body_score(counts) if corpus in corpora.BODY_CORPORA else metric.segment_score(counts)


def make_system(name: str, ctx: BenchContext) -> System:
    """Instantiate a registered system; bare callables are wrapped into :class:`System`."""
    made = SYSTEMS[name](ctx)
    return made if isinstance(made, System) else System(predict=made)


# ---------------------------------------------------------------------------
# Running
# ---------------------------------------------------------------------------


def run_system(name: str, ctx: BenchContext, inputs: list[PageInput], timeout: float, want_meta: bool) -> SystemRun:
    """Run one system over all pages of a corpus and score it."""
    run = SystemRun(name)
    try:
        system = make_system(name, ctx)
    except SystemUnavailable as exc:
        run.status, run.reason = "unavailable", str(exc)
        return run
    except Exception as exc:  # a broken factory is reported, not fatal
        run.status, run.reason = "unavailable", f"factory failed: {type(exc).__name__}: {exc}"[:300]
        return run
    run.description = system.description
    collect_meta = want_meta and system.metadata is not None
    if collect_meta:
        run.metadata = []
    if inputs:  # untimed warm-up call: lazy imports and first-use caches are not page cost
        call_guarded(system, inputs[0], timeout)
    for page, inp in zip(ctx.pages, inputs):
        pred, cpu, wall, error = call_guarded(system, inp, timeout)
        run.seconds += cpu
        run.wall_seconds += wall
        if error is not None:
            run.failures += 1
            if len(run.failed_pages) < 20:
                run.failed_pages.append(f"{page.id}: {error}")
        if not metric.tokenize(pred.text):
            run.empty += 1
        run.page_counts.append(score_page(page, pred.text))
        if page.gold_text is not None:
            run.bag_f1.append(metric.bag_of_words_f1(pred.text, page.gold_text))
        if collect_meta:
            found: dict[str, str | None] = {}
            if error is None:
                try:  # untimed
                    found = dict(system.metadata(inp, pred))
                except Exception:
                    pass
            run.metadata.append(found)
    run.score = corpus_score(ctx.corpus, run.page_counts)
    for f in range(ctx.k):
        fold_counts = [c for c, p in zip(run.page_counts, ctx.pages) if ctx.folds[p.id] == f]
        if fold_counts:
            run.fold_f1[f] = corpus_score(ctx.corpus, fold_counts).f1
    return run


META_FIELDS = ("title", "author", "date")


def metadata_table(pages: list[corpora.Page], runs: list[SystemRun]) -> list[dict[str, Any]]:
    """Title/author/date agreement per system (see :func:`benchmarks.metric.meta_agrees`).

    Only pages whose gold field is non-empty are counted; a failed page counts as a disagreement.
    Dates agree when their first ten characters (YYYY-MM-DD) are equal.
    """
    rows = []
    for run in runs:
        if run.metadata is None:
            continue
        row: dict[str, Any] = {"system": run.name}
        for key in META_FIELDS:
            idx = [i for i, p in enumerate(pages) if (p.metadata.get(key) or "").strip()]
            agree = sum(1 for i in idx if _agrees(key, run.metadata[i].get(key), pages[i].metadata[key]))
            row[key] = {"agree": agree, "pages": len(idx), "share": agree / len(idx) if idx else None}
        rows.append(row)
    return rows


def _agrees(key: str, found: str | None, gold: str) -> bool:
    if key == "date":
        return bool(found) and str(found)[:10] == gold[:10]
    return metric.meta_agrees(found, gold)


# A language needs this many pages in a corpus to get its own column (fewer give noise, not a score).
MIN_LANGUAGE_PAGES = 20


def language_table(corpus: str, languages: list[str | None], runs: list[SystemRun]) -> tuple[list[str], list[list[str]]]:
    """F1 of every system per language of the pages (guessed from the dump), for languages with
    MIN_LANGUAGE_PAGES pages or more."""
    counts = Counter(lang for lang in languages if lang)
    langs = sorted(lang for lang, n in counts.items() if n >= MIN_LANGUAGE_PAGES)
    if len(langs) < 2:
        return [], []
    header = ["system"] + [f"{lang} ({counts[lang]})" for lang in langs]
    rows = []
    for run in runs:
        if run.status != "ok":
            continue
        cells = [run.name]
        for lang in langs:
            cells.append(_fmt(corpus_score(corpus, [c for c, g in zip(run.page_counts, languages) if g == lang]).f1))
        rows.append(cells)
    return header, rows


def page_type_table(pages: list[corpora.Page], runs: list[SystemRun],
                    bag: bool = False) -> tuple[list[str], list[list[str]]]:
    """F1 of every system per page type (corpora that label page types), with page counts: the shingle F1,
    or with `bag` WCXB's bag-of-words F1 averaged over the type's pages."""
    types = sorted({p.page_type for p in pages if p.page_type})
    if len(types) < 2:
        return [], []
    header = ["system"] + [f"{t} ({sum(p.page_type == t for p in pages)})" for t in types]
    rows = []
    for run in runs:
        if run.status != "ok":
            continue
        cells = [run.name]
        for t in types:
            if bag:
                cells.append(_fmt(metric.mean([f for f, p in zip(run.bag_f1, pages) if p.page_type == t])))
                continue
            counts = [c for c, p in zip(run.page_counts, pages) if p.page_type == t]
            cells.append(_fmt(metric.body_score(counts).f1))
        rows.append(cells)
    return header, rows


def bootstrap_vs_trafilatura(corpus: str, runs: dict[str, SystemRun], n: int) -> dict[str, Any] | None:
    """Paired bootstrap of cleaner-html minus the best trafilatura setting, when both ran."""
    ours = runs.get("cleaner-html") or runs.get("cleaner-html-cv")
    trafs = [r for k, r in runs.items() if k.startswith("trafilatura") and r.status == "ok"]
    if ours is None or ours.status != "ok" or not trafs:
        return None
    best = max(trafs, key=lambda r: r.score.f1)
    score = metric.body_score if corpus in corpora.BODY_CORPORA else metric.segment_score
    b = metric.paired_bootstrap(ours.page_counts, best.page_counts, score, n_resamples=n)
    return {
        "a": ours.name,
        "b": best.name,
        "observed": b.observed,
        "mean": b.mean,
        "half_width": b.half_width,
        "low": b.low,
        "high": b.high,
        "n_resamples": b.n_resamples,
    }


COMPETITORS = ("trafilatura", "readability-lxml")
"""Name prefixes of the systems cleaner-html must beat (issue 13: trafilatura's settings, readability-lxml)."""


def bootstrap_vs_best(corpus: str, runs: dict[str, SystemRun], pages: list[corpora.Page], n: int,
                      page_type: str | None = None) -> dict[str, Any] | None:
    """Paired bootstrap of cleaner-html minus the best competitor of the run on the same pages (all, or
    one page type), with the subset's F1s; None unless cleaner-html and a competitor ran."""
    ours = runs.get("cleaner-html") or runs.get("cleaner-html-cv")
    rivals = [r for k, r in runs.items() if k.startswith(COMPETITORS) and r.status == "ok"]
    if ours is None or ours.status != "ok" or not rivals:
        return None
    keep = [i for i, p in enumerate(pages) if page_type is None or p.page_type == page_type]
    if not keep:
        return None
    score = metric.body_score if corpus in corpora.BODY_CORPORA else metric.segment_score
    pick = lambda run: [run.page_counts[i] for i in keep]  # noqa: E731
    best = max(rivals, key=lambda r: score(pick(r)).f1)
    b = metric.paired_bootstrap(pick(ours), pick(best), score, n_resamples=n)
    return {"a": ours.name, "b": best.name, "pages": page_type or "all", "n": len(keep),
            "f1_a": score(pick(ours)).f1, "f1_b": score(pick(best)).f1, "observed": b.observed, "mean": b.mean,
            "half_width": b.half_width, "low": b.low, "high": b.high, "n_resamples": b.n_resamples}


def best_line(b: dict[str, Any]) -> str:
    """One sentence for a bootstrap against the best competitor, saying whether it clears +0.01."""
    verdict = "significant" if b["low"] > 0 or b["high"] < 0 else "not significant"
    margin = "clears +0.01" if b["low"] >= 0.01 else "does not clear +0.01"
    return (f"{b['pages']} pages ({b['n']}): F1 {b['a']} {b['f1_a']:.3f} vs best competitor {b['b']} "
            f"{b['f1_b']:.3f}: {b['mean']:+.3f} (95% CI [{b['low']:+.3f}, {b['high']:+.3f}]; {verdict}; {margin})")


# ---------------------------------------------------------------------------
# Reporting
# ---------------------------------------------------------------------------


def _fmt(x: float | None, digits: int = 3) -> str:
    return "–" if x is None else f"{x:.{digits}f}"


def results_rows(runs: list[SystemRun]) -> list[list[str]]:
    """Rows of the main table (strings), reference speed from trafilatura default."""
    ref = next((r for r in runs if r.name == REFERENCE_SYSTEM and r.status == "ok"), None)
    rows = []
    for r in runs:
        if r.status != "ok":
            rows.append([r.name, "–", "–", "–", "–", "–", "–", f"unavailable: {r.reason}"])
            continue
        ratio = r.pages_per_s / ref.pages_per_s if ref else None
        rows.append(
            [
                r.name,
                _fmt(r.score.f1),
                _fmt(r.score.precision),
                _fmt(r.score.recall),
                _fmt(metric.mean(r.bag_f1)) if r.bag_f1 else "–",
                _fmt(r.pages_per_s, 1),
                "–" if ratio is None else f"{ratio:.2f}x",
                f"{r.failures}" + (f" ({r.empty} empty)" if r.empty else ""),
            ]
        )
    return rows


HEADER = ["system", "F1", "precision", "recall", "bag-of-words F1", "pages/s (CPU)", "speed vs trafilatura",
          "failures"]


def meta_rows(rows: list[dict[str, Any]]) -> list[list[str]]:
    """Rows of the metadata table."""
    out = []
    for row in rows:
        cells = [row["system"]]
        for label in META_FIELDS:
            m = row[label]
            cells.append(f"{_fmt(m['share'])} ({m['agree']}/{m['pages']})")
        out.append(cells)
    return out


def bootstrap_line(b: dict[str, Any] | None) -> str:
    """One sentence for the bootstrap result."""
    if b is None:
        return "bootstrap: needs cleaner-html and a trafilatura setting in the run"
    verdict = "significant" if b["low"] > 0 or b["high"] < 0 else "not significant"
    return (
        f"paired bootstrap F1({b['a']}) - F1({b['b']}): {b['mean']:+.3f} ± {b['half_width']:.3f} "
        f"(95% CI [{b['low']:+.3f}, {b['high']:+.3f}], {b['n_resamples']} resamples; {verdict})"
    )


def write_results(report: dict[str, Any], markdown: str, runs: list[SystemRun]) -> None:
    """Write ``<corpus>-latest.json`` / ``.md`` and append ok systems to ``history.csv``."""
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    corpus = report["corpus"]
    (RESULTS_DIR / f"{corpus}-latest.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    (RESULTS_DIR / f"{corpus}-latest.md").write_text(markdown + "\n")
    hist = RESULTS_DIR / "history.csv"
    new = not hist.exists() or hist.stat().st_size == 0
    with hist.open("a", newline="") as fh:
        w = csv.writer(fh)
        if new:
            w.writerow(HISTORY_FIELDS)
        for r in runs:
            if r.status != "ok":
                continue
            w.writerow(
                [
                    report["date"],
                    report["commit"],
                    corpus,
                    r.name,
                    f"{r.score.f1:.4f}",
                    f"{r.score.precision:.4f}",
                    f"{r.score.recall:.4f}",
                    f"{r.pages_per_s:.2f}",
                    len(r.page_counts),
                    r.failures,
                ]
            )


def run_corpus(corpus: str, names: list[str], args: argparse.Namespace) -> dict[str, Any] | None:
    """Benchmark the selected systems on one corpus; print and (unless --no-save) write results."""
    if not corpora.available(corpus):
        print(f"[{corpus}] corpus not found under {corpora.corpora_dir()} — skipped", file=sys.stderr)
        return None
    t0 = time.perf_counter()
    pages = corpora.load(corpus, args.limit)
    if args.folds is not None:
        pages = [p for p in pages if corpora.fold_of(p.site, args.cv) in args.folds]
    t_load = time.perf_counter() - t0
    t0 = time.perf_counter()
    dumps = build_dumps((p.id, p.html) for p in pages)
    t_dump = time.perf_counter() - t0
    folds = {p.id: corpora.fold_of(p.site, args.cv) for p in pages}
    ctx = BenchContext(corpus=corpus, pages=pages, dumps=dumps, folds=folds, k=args.cv, cv_models=args.cv_models)
    inputs = [PageInput(p.id, p.html, dumps[p.id], p.url, folds[p.id], args.cv) for p in pages]
    print(f"\n== {corpus}: {len(pages)} pages (load {t_load:.1f}s, dumps {t_dump:.1f}s) ==", flush=True)

    runs: dict[str, SystemRun] = {}
    for name in names:
        print(f"  running {name} ...", end="", flush=True)
        run = run_system(name, ctx, inputs, args.timeout, want_meta=any(p.metadata for p in pages))
        runs[name] = run
        if run.status == "ok":
            print(f" F1 {run.score.f1:.3f}, {run.pages_per_s:.1f} pages/s, {run.failures} failures", flush=True)
        else:
            print(f" unavailable ({run.reason})", flush=True)

    ordered = list(runs.values())
    rows = results_rows(ordered)
    boot = bootstrap_vs_trafilatura(corpus, runs, args.bootstrap)
    types = [None] + (["article"] if any(p.page_type == "article" for p in pages) else [])
    vs_best = [b for b in (bootstrap_vs_best(corpus, runs, pages, args.bootstrap, t) for t in types) if b]
    meta = metadata_table(pages, ordered)
    type_header, type_rows = page_type_table(pages, ordered)
    _, bag_rows = page_type_table(pages, ordered, bag=True)
    from cleaner.text.language import guess_language

    lang_header, lang_rows = language_table(corpus, [guess_language(dumps[p.id]) for p in pages], ordered)
    metric_name = (
        "4-gram shingle P/R/F1 vs the gold body (P averaged over non-empty predictions, R over all pages)"
        if corpus in corpora.BODY_CORPORA
        else "segment P/R/F1 (with/without segments, counts summed over pages)"
    )
    date = _dt.datetime.now().astimezone().isoformat(timespec="seconds")
    commit = git_commit()

    print()
    print(text_table(HEADER, rows))
    print(bootstrap_line(boot))
    for b in vs_best:
        print(best_line(b))
    if type_rows:
        print("\nF1 per page type:")
        print(text_table(type_header, type_rows))
        print("\nbag-of-words F1 per page type (WCXB's metric, mean over pages):")
        print(text_table(type_header, bag_rows))
    if lang_rows:
        print("\nF1 per language (guessed from the dump):")
        print(text_table(lang_header, lang_rows))
    if meta:
        print(f"\nmetadata agreement ({corpus}, pages with a non-empty gold field):")
        print(text_table(["system", *META_FIELDS], meta_rows(meta)))
    for r in ordered:
        if r.failed_pages:
            print(f"  {r.name} failures (first {len(r.failed_pages)}): " + "; ".join(r.failed_pages[:3]))

    md = [
        f"# Benchmark: {corpus}",
        "",
        f"{date} · commit `{commit}` · {len(pages)} pages"
        + (f" (limit {args.limit})" if args.limit else "")
        + f" · {args.cv} folds by site · metric: {metric_name}",
        "",
        md_table(HEADER, rows),
        "",
        bootstrap_line(boot),
        *[f"\n{best_line(b)}" for b in vs_best],
    ]
    if type_rows:
        md += ["", "## F1 per page type", "", md_table(type_header, type_rows),
               "", "## Bag-of-words F1 per page type (WCXB's metric, mean over pages)", "",
               md_table(type_header, bag_rows)]
    if lang_rows:
        md += ["", "## F1 per language (guessed from the dump)", "", md_table(lang_header, lang_rows)]
    if meta:
        md += ["", "## Metadata agreement", "", md_table(["system", *META_FIELDS], meta_rows(meta))]
    md += ["", "See benchmarks/README.md for what each column means."]
    markdown = "\n".join(md)

    report = {
        "corpus": corpus,
        "date": date,
        "commit": commit,
        "pages": len(pages),
        "limit": args.limit,
        "cv": args.cv,
        "metric": metric_name,
        "corpora_dir": os.path.relpath(corpora.corpora_dir(), corpora.REPO_ROOT),  # no machine paths in results
        "dump_seconds": round(t_dump, 3),
        "systems": [
            {
                "name": r.name,
                "status": r.status,
                "reason": r.reason or None,
                "description": r.description or None,
                **(
                    {
                        "f1": r.score.f1,
                        "precision": r.score.precision,
                        "recall": r.score.recall,
                        "bag_of_words_f1": metric.mean(r.bag_f1) if r.bag_f1 else None,
                        "cpu_seconds": round(r.seconds, 4),
                        "wall_seconds": round(r.wall_seconds, 4),
                        "pages_per_s": r.pages_per_s,
                        "wall_pages_per_s": r.wall_pages_per_s,
                        "failures": r.failures,
                        "empty_predictions": r.empty,
                        "failed_pages": r.failed_pages,
                        "fold_f1": {str(k): v for k, v in r.fold_f1.items()},
                    }
                    if r.status == "ok"
                    else {}
                ),
            }
            for r in ordered
        ],
        "speed_reference": REFERENCE_SYSTEM,
        "bootstrap": boot,
        "bootstrap_vs_best": vs_best,
        "metadata": meta,
        "page_types": {"header": type_header, "rows": type_rows, "bag_of_words_rows": bag_rows},
        "languages": {"header": lang_header, "rows": lang_rows},
    }
    if not args.no_save:
        write_results(report, markdown, ordered)
        print(f"\nwrote {RESULTS_DIR}/{corpus}-latest.json, .md and appended to history.csv")
    return report


def _folds(text: str) -> frozenset[int]:
    """`--folds 0,2` as a set of fold numbers."""
    try:
        return frozenset(int(f) for f in text.split(",") if f.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of fold numbers: {text!r}") from None


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    ap = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", choices=[*corpora.CORPUS_NAMES, "zoo", "all"], default="all",
                    help="a corpus, the boilerplate zoo (held-out wordings, benchmarks/zoo.py), or all of them")
    ap.add_argument("--limit", type=int, default=None, help="only the first N pages of each corpus")
    ap.add_argument("--systems", default=None, help=f"comma-separated subset of: {', '.join(SYSTEMS)}")
    ap.add_argument("--cv", type=int, default=5, help="number of folds given to systems (default 5)")
    ap.add_argument("--folds", type=_folds, default=None, metavar="F,...",
                    help="score only the pages of these site folds (and train only their models)")
    ap.add_argument("--cv-models", type=Path, default=None, metavar="DIR",
                    help="keep cross-validated fold models in DIR (fold{f}-of{k}.npz), reused as they are")
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds per system call before it counts as failed (0 = none)")
    ap.add_argument("--bootstrap", type=int, default=1000, help="bootstrap resamples (default 1000)")
    ap.add_argument("--no-save", action="store_true", help="print only; do not write benchmarks/results/")
    return ap.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``python -m benchmarks.run``."""
    # Make the work-tree `cleaner` importable however the module was started.
    if str(corpora.REPO_ROOT) not in sys.path:
        sys.path.insert(0, str(corpora.REPO_ROOT))
    args = parse_args(argv)
    if args.cv < 1:
        print("--cv must be >= 1", file=sys.stderr)
        return 2
    if args.folds is not None and not all(0 <= f < args.cv for f in args.folds):
        print(f"--folds must be between 0 and {args.cv - 1}", file=sys.stderr)
        return 2
    names = list(SYSTEMS) if not args.systems else [s.strip() for s in args.systems.split(",") if s.strip()]
    unknown = [n for n in names if n not in SYSTEMS]
    if unknown:
        print(f"unknown systems: {', '.join(unknown)}; known: {', '.join(SYSTEMS)}", file=sys.stderr)
        return 2
    todo = [*corpora.CORPUS_NAMES, "zoo"] if args.corpus == "all" else [args.corpus]
    for corpus in todo:
        if corpus == "zoo":
            run_zoo(names, args)
        else:
            run_corpus(corpus, names, args)
    return 0


def run_zoo(names: list[str], args: argparse.Namespace) -> None:
    """The zoo on its held-out wordings, with the cross-validated models when `cleaner-text-cv` is
    among the systems (each document cleaned by the model trained without its body's site)."""
    from . import zoo

    print("\n== zoo: held-out wordings ==", flush=True)
    cv = ["--cv", str(args.cv)] if "cleaner-text-cv" in names else []
    if cv and args.folds is not None:
        cv += ["--folds", ",".join(map(str, sorted(args.folds)))]
    if cv and args.cv_models is not None:
        cv += ["--cv-models", str(args.cv_models)]
    zoo.main(["--split", "test", *cv, *(["--no-save"] if args.no_save else [])])


if __name__ == "__main__":
    sys.exit(main())
