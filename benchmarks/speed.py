"""Speed benchmark: pages per CPU-second of cleaner and its baselines on the same article pages.

    python -m benchmarks.speed [--limit N] [--passes K] [--model FILE] [--systems a,b,...] [--no-save]

The pages are the article pages of the wcxb-dev corpus (HTML and their text dumps, as
benchmarks/dumps.py makes them). In one process the systems take turns pass by pass (each pass
times every system over all pages, in a rotated order), so every system meets the same moments of
a shared, noisy machine; a system's figure is the median over passes, and its ratio to trafilatura
is the median of the per-pass ratios (paired passes). Time is CPU time of this process
(`time.process_time`), never wall time.

Besides the table it measures, in fresh processes:
* `check` start-up: wall time of `python -m cleaner check FILE` on a small clean text file, against
  `python -c pass` (the interpreter's own start);
* `clean --jobs 2` against `--jobs 1` on a folder of page dumps (wall time ratio);
* peak RSS of cleaning one document of 200,000 lines and one of a single 30 MB line, and of importing
  cleaner alone;
* where text mode's time goes, by stage (STAGES), timed in passes of their own.
The `check` and `--jobs` runs use the command line, hence the package's model file (`--model` reaches
the in-process systems and the RSS measurement only).

Results: benchmarks/results/speed-latest.md and .json, one line per system appended to
benchmarks/results/speed-history.csv (date, commit, pages, passes, system, pages/s, ms/page, ratio).
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from . import baselines, corpora
from .dumps import build_dumps
from .report import git_commit, md_table, text_table

RESULTS = Path(__file__).resolve().parent / "results"
REFERENCE = "trafilatura"
# The long documents of the memory measurement: this many lines of page dumps laid end to end, and this
# many megabytes of their words on one line.
LONG_LINES = 200_000
ONE_LINE_MB = 30


@dataclass(frozen=True)
class Page:
    """One measured page: its HTML bytes, its dump as bytes (what a reader gets) and its URL."""

    id: str
    html: bytes
    dump: bytes
    url: str | None


def _no_rules_config():
    from cleaner.config import Config, known_rule_ids

    ids, _ = known_rule_ids()
    return Config(use_model=False, ignore=tuple(sorted({i.split(".")[0] for i in ids})))


def _config(model: str | None, use_model: bool = True):
    from cleaner.config import Config

    return Config(use_model=use_model, extra={"model_file": model} if model else {})


def systems(model: str | None) -> dict[str, tuple[str, Callable[[Page], Any]]]:
    """name -> (description, call on one page). Each call starts from the page's bytes."""
    import cleaner

    bare, rules, default = _no_rules_config(), _config(model, use_model=False), _config(model)

    def trafilatura(page: Page) -> str:
        return baselines.trafilatura_extract(page.html, page.url)

    return {
        "floor": ("read + split lines (decode the dump, split it)", lambda p: p.dump.decode("utf-8").splitlines()),
        "c4-lines": ("C4 line rules on the dump", lambda p: baselines.c4_lines(p.dump.decode("utf-8"))),
        "cleaner-bare": ("cleaner, no rules and no model (dump)", lambda p: cleaner.clean(p.dump, config=bare)),
        "cleaner-rules": ("cleaner, heuristic rules only (dump)", lambda p: cleaner.clean(p.dump, config=rules)),
        "cleaner-text": ("cleaner default on the dump (model on)", lambda p: cleaner.clean(p.dump, config=default)),
        "cleaner-html": ("cleaner default on the HTML", lambda p: cleaner.clean(p.html, url=p.url, config=default)),
        REFERENCE: ("trafilatura.extract on the HTML (defaults)", trafilatura),
    }


def load_pages(limit: int) -> list[Page]:
    """The first `limit` article pages of wcxb-dev with a non-empty dump."""
    if not corpora.available("wcxb"):
        raise SystemExit(f"speed: the wcxb-dev corpus is not in {corpora.corpora_dir()}")
    pages = [p for p in corpora.load("wcxb") if p.page_type == "article"][:limit]
    dumps = build_dumps((p.id, p.html) for p in pages)
    return [Page(p.id, p.html, dumps[p.id].encode("utf-8"), p.url) for p in pages if dumps.get(p.id, "").strip()]


def timed_passes(pages: list[Page], calls: dict[str, Callable[[Page], Any]], passes: int) -> dict[str, list[float]]:
    """CPU seconds of every system over all pages, per pass; the order of systems rotates each pass."""
    for call in calls.values():  # loading (model files, lazy imports) is not what is measured
        call(pages[0])
    names = list(calls)
    seconds: dict[str, list[float]] = {n: [] for n in names}
    for k in range(passes):
        order = names[k % len(names):] + names[:k % len(names)]
        for name in order:
            call = calls[name]
            start = time.process_time()
            for page in pages:
                call(page)
            seconds[name].append(time.process_time() - start)
        print(f"speed: pass {k + 1}/{passes} done", file=sys.stderr)
    return seconds


STAGES = ("read", "table", "rules", "model", "metadata", "assemble")
"""Where text mode's time goes: read (decode, split into lines), table (the line table and its scan), rules
(heuristic rules and their settle rounds), model (the learned cleaner), metadata, assemble (the rest:
the body, removal spans, the outline, the result)."""


def stage_times(pages: list[Page], model: str | None, passes: int) -> dict[str, float]:
    """CPU ms/page of each of STAGES in text mode, model on (median over passes): the pipeline's own
    functions timed in place, in passes apart from the systems' (the timers cost a little)."""
    import cleaner
    from cleaner import pipeline
    from cleaner.model.learned import LearnedRule
    from cleaner.text import metadata

    config = _config(model)
    spent = dict.fromkeys(STAGES, 0.0)
    targets = [(pipeline, "decode", "read"), (pipeline, "is_html", "read"), (pipeline, "segment", "read"),
               (pipeline, "unmarked", "read"),
               (pipeline.Lines, "of", "table"), (pipeline, "text_verdicts", "rules"), (pipeline, "decide", "rules"),
               (pipeline, "_settle", "rules"),
               (LearnedRule, "evaluate", "model"), (metadata, "gather", "metadata")]
    originals = [(owner, name, vars(owner)[name]) for owner, name, _ in targets]  # a class's own descriptor

    inner: list[float] = []  # per timed call in progress: the time its nested timed calls took

    def timed(function: Callable[..., Any], stage: str) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:  # a call's own time only: nested calls count for their stage
            start = time.process_time()
            inner.append(0.0)
            try:
                return function(*args, **kwargs)
            finally:
                took = time.process_time() - start
                spent[stage] += took - inner.pop()
                if inner:
                    inner[-1] += took
        return run

    per_pass: dict[str, list[float]] = {stage: [] for stage in STAGES}
    try:
        for owner, name, stage in targets:
            setattr(owner, name, timed(getattr(owner, name), stage))
        for _ in range(passes):
            spent.update(dict.fromkeys(STAGES, 0.0))
            start = time.process_time()
            for page in pages:
                cleaner.clean(page.dump, config=config)
            total = time.process_time() - start
            spent["assemble"] = total - sum(spent[s] for s in STAGES if s != "assemble")
            for stage in STAGES:
                per_pass[stage].append(1000 * spent[stage] / len(pages))
    finally:
        for owner, name, original in originals:
            setattr(owner, name, original)
    return {stage: statistics.median(values) for stage, values in per_pass.items()}


def table(pages: int, seconds: dict[str, list[float]], descriptions: dict[str, str]) -> list[dict[str, Any]]:
    """Per system: median pages/CPU-s, CPU ms/page and the median of per-pass ratios to trafilatura."""
    rows = []
    for name, secs in seconds.items():
        rate = statistics.median(pages / max(s, 1e-9) for s in secs)
        ratio = None
        if REFERENCE in seconds:
            ratio = statistics.median(r / max(s, 1e-9) for s, r in zip(secs, seconds[REFERENCE]))
        rows.append({"system": name, "description": descriptions[name], "pages_per_s": rate,
                     "ms_per_page": 1000 / rate, "x_trafilatura": ratio, "pass_seconds": secs})
    return rows


def _python(code: str, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    root = str(corpora.REPO_ROOT)
    full_env = {**os.environ, "PYTHONPATH": root + os.pathsep + os.environ.get("PYTHONPATH", ""), **(env or {})}
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=root,
                          env=full_env, check=True)


def _wall(command: list[str], runs: int) -> float:
    """Median wall seconds of `command` over `runs` runs (from the repository root), with bytecode written and
    read as an installed package's is: where PYTHONDONTWRITEBYTECODE is set, every start would time compiling
    the sources again (about 0.1 s of a `check` start)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, cwd=corpora.REPO_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def check_startup(runs: int = 5) -> dict[str, float]:
    """Wall seconds of `cleaner check` on one small clean file, and of a bare interpreter start."""
    with tempfile.TemporaryDirectory() as tmp:
        small = Path(tmp) / "small.txt"
        small.write_text("A short paragraph of article text that no rule removes, written as prose.\n", "utf-8")
        check = _wall([sys.executable, "-m", "cleaner", "check", str(small)], runs)
    python = _wall([sys.executable, "-c", "pass"], runs)
    return {"check_s": check, "python_s": python}


def jobs_ratio(pages: list[Page], count: int) -> dict[str, float]:
    """Wall seconds of `cleaner clean --jobs 1` and `--jobs 2` on a folder of `count` page dumps."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        for k in range(count):
            page = pages[k % len(pages)]
            (folder / f"{k:05d}-{page.id}.txt").write_bytes(page.dump)
        env = {**os.environ, "PYTHONPATH": str(corpora.REPO_ROOT)}
        walls = {}
        for jobs in (1, 2):
            out = Path(tmp) / f"out{jobs}"
            command = [sys.executable, "-m", "cleaner", "clean", str(folder), "-o", str(out), "--jobs", str(jobs),
                       "--no-learn"]
            start = time.perf_counter()
            subprocess.run(command, cwd=corpora.REPO_ROOT, env=env, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, check=False)
            walls[f"jobs{jobs}_s"] = time.perf_counter() - start
    walls["pages"] = count
    walls["ratio"] = walls["jobs1_s"] / max(walls["jobs2_s"], 1e-9)
    return walls


_RSS = """
import sys
import cleaner
from cleaner.config import Config

def peak():  # VmHWM: this process's own peak (ru_maxrss keeps the forking parent's across exec)
    with open("/proc/self/status") as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:"))

text = open(sys.argv[1], encoding="utf-8").read()
before = peak()
model = sys.argv[2] if len(sys.argv) > 2 else ""
cleaner.clean(text, config=Config(extra={"model_file": model} if model else {}))
print(before, peak())
"""


def _shown(path: Path) -> str:
    """A model's path as the results name it: inside the repository relative to it (no machine's paths
    in committed results), else its file name."""
    path = path.resolve()
    return path.relative_to(corpora.REPO_ROOT).as_posix() if path.is_relative_to(corpora.REPO_ROOT) else path.name


def long_document_rss(pages: list[Page], model: str | None) -> list[dict[str, Any]]:
    """Peak RSS (MB) of cleaning one long document (LONG_LINES lines of the dumps laid end to end; their words
    on one line of ONE_LINE_MB megabytes), and of importing cleaner and reading the document without
    cleaning it."""
    lines: list[str] = []
    while len(lines) < LONG_LINES:
        for page in pages:
            lines += page.dump.decode("utf-8").splitlines()
    long = "\n".join(lines[:LONG_LINES]) + "\n"
    words: list[str] = []
    size = 0
    while size < ONE_LINE_MB * 1_000_000:
        for line in lines:
            words.append(line.strip())
            size += len(line) + 1
    one = " ".join(w for w in words if w)[:ONE_LINE_MB * 1_000_000] + "\n"
    out = []
    for name, text in ((f"{LONG_LINES:,} lines", long), (f"one line of {ONE_LINE_MB} MB", one)):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "long.txt"
            path.write_text(text, "utf-8")
            args = [str(path)] + ([model] if model else [])
            start = time.perf_counter()
            imported, peak = map(int, _python(_RSS, *args).stdout.split())
            seconds = time.perf_counter() - start
        out.append({"document": name, "document_mb": len(text.encode("utf-8")) / 1e6, "import_mb": imported / 1024,
                    "peak_mb": peak / 1024, "wall_s": seconds})
    return out


def _fmt(x: float | None, digits: int = 2) -> str:
    return "-" if x is None else f"{x:,.{digits}f}"


def markdown(report: dict[str, Any]) -> str:
    """The report as Markdown: the speed table, then the process measurements."""
    header = ["system", "pages/s", "CPU ms/page", "× trafilatura"]
    rows = [[r["system"], _fmt(r["pages_per_s"], 1), _fmt(r["ms_per_page"], 2), _fmt(r["x_trafilatura"], 2)]
            for r in report["systems"]]
    out = [f"# Speed ({report['date']}, commit {report['commit']})", "",
           f"{report['pages']} wcxb-dev article pages, {report['passes']} paired passes, median; "
           f"model: {report['model']}", "", md_table(header, rows), ""]
    for r in report["systems"]:
        out.append(f"- `{r['system']}`: {r['description']}")
    extra = report.get("processes", {})
    if "check" in extra:
        c = extra["check"]
        out += ["", f"`cleaner check FILE` start: {c['check_s']:.3f} s wall (bare interpreter {c['python_s']:.3f} s)"]
    if "jobs" in extra:
        j = extra["jobs"]
        out.append(f"`clean --jobs 2` vs `--jobs 1` on {j['pages']} pages: {j['ratio']:.2f}× "
                   f"({j['jobs1_s']:.1f} s vs {j['jobs2_s']:.1f} s wall)")
    for r in extra.get("rss", []):
        out.append(f"peak RSS cleaning one document of {r['document']} ({r['document_mb']:.1f} MB): "
                   f"{r['peak_mb']:.0f} MB (after import and read: {r['import_mb']:.0f} MB; {r['wall_s']:.1f} s wall)")
    if report.get("stages"):
        stages = report["stages"]
        out += ["", "Text mode, model on, by stage (CPU ms/page, median of the passes, timed in separate passes):", "",
                md_table(["stage", *STAGES, "total"],
                         [["ms/page", *(_fmt(stages[s], 2) for s in STAGES), _fmt(sum(stages.values()), 2)]])]
    return "\n".join(out) + "\n"


def save(report: dict[str, Any], text: str) -> None:
    """Write speed-latest.md/.json and append to speed-history.csv."""
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "speed-latest.md").write_text(text, "utf-8")
    (RESULTS / "speed-latest.json").write_text(json.dumps(report, indent=2) + "\n", "utf-8")
    history = RESULTS / "speed-history.csv"
    new = not history.exists()
    with history.open("a", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        if new:
            writer.writerow(["date", "commit", "pages", "passes", "system", "pages_per_s", "ms_per_page",
                             "x_trafilatura"])
        for r in report["systems"]:
            writer.writerow([report["date"], report["commit"], report["pages"], report["passes"], r["system"],
                             f"{r['pages_per_s']:.2f}", f"{r['ms_per_page']:.3f}",
                             "" if r["x_trafilatura"] is None else f"{r['x_trafilatura']:.3f}"])


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.speed", description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=181, help="article pages measured (default 181)")
    parser.add_argument("--passes", type=int, default=5, help="paired passes (default 5)")
    parser.add_argument("--model", metavar="FILE", help="model file (default: the package's data/model.npz)")
    parser.add_argument("--systems", help="comma-separated subset of: floor, c4-lines, cleaner-bare, cleaner-rules, "
                        "cleaner-text, cleaner-html, trafilatura (default: all)")
    parser.add_argument("--jobs-pages", type=int, default=1000, help="folder size of the --jobs measurement "
                        "(default 1000; 0 skips it)")
    parser.add_argument("--no-processes", action="store_true", help="skip the start-up, --jobs and RSS measurements")
    parser.add_argument("--no-save", action="store_true", help="print only, write nothing to benchmarks/results/")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    model = str(Path(args.model).resolve()) if args.model else None
    if model and not Path(model).is_file():
        raise SystemExit(f"speed: no model file {model}")
    pages = load_pages(args.limit)
    available = systems(model)
    names = args.systems.split(",") if args.systems else list(available)
    unknown = [n for n in names if n not in available]
    if unknown:
        raise SystemExit(f"speed: unknown system {unknown[0]!r}; known: {', '.join(available)}")
    seconds = timed_passes(pages, {n: available[n][1] for n in names}, args.passes)
    from cleaner.model.learned import default_path

    report: dict[str, Any] = {
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"), "commit": git_commit(),
        "pages": len(pages), "passes": args.passes,
        "model": _shown(Path(model)) if model else (_shown(default_path()) if default_path().is_file()
                                                    else "none (no model file)"),
        "systems": table(len(pages), seconds, {n: available[n][0] for n in names}), "processes": {},
    }
    if "cleaner-text" in names:
        report["stages"] = stage_times(pages, model, args.passes)
    if not args.no_processes:
        report["processes"]["check"] = check_startup()
        if args.jobs_pages:
            report["processes"]["jobs"] = jobs_ratio(pages, args.jobs_pages)
        report["processes"]["rss"] = long_document_rss(pages, model)
    text = markdown(report)
    header = ["system", "pages/s", "CPU ms/page", "× trafilatura"]
    print(text_table(header, [[r["system"], _fmt(r["pages_per_s"], 1), _fmt(r["ms_per_page"], 2),
                               _fmt(r["x_trafilatura"], 2)] for r in report["systems"]]))
    print("\n".join(line for line in text.splitlines() if line.startswith(("`", "peak", "| ms/page", "| stage"))))
    if not args.no_save:
        save(report, text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
