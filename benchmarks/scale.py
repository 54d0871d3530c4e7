"""Scale benchmark: pages per second (1 process, 2 processes, a Dask LocalCluster) and peak RSS by corpus size.

    python benchmarks/scale.py speed [--docs 400]             # the three engines on the same input
    python benchmarks/scale.py rss --mb 100 [--clean "--jobs 2"]  # peak memory of `cleaner clean` on a dump

Corpora are generated under /tmp (never in the repo) from the seed dumps: each page is a seed's
boilerplate and title lines around fresh random paragraphs, so no two pages are the same.
Results are printed as a table and written to benchmarks/results/scale-*.json.
"""
from __future__ import annotations

import argparse
import json
import platform
import random
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"
WORDS = ("the of and to in a is that for it as was with be by on not he this are or his from at which but have "
         "an they you were her she there been one all would their we him has when who will more no if out so said "
         "what up its about into than them can only other new some could time these two may city council report "
         "government minister police court school health water market company price year week people").split()
# Random paragraphs per generated page: with the seed's own lines this gives pages of about 8 KB,
# the size of a typical news article dump in the seeds and fixtures.
PARAGRAPHS_PER_PAGE = 12


# Distinct paragraphs pages draw from: 12 of 5,000 make repeats of a whole page vanishingly rare,
# and generating 1 GB stays fast.
PARAGRAPH_POOL = 5000


def _page(seed_lines: list[str], pool: list[str], rng: random.Random) -> str:
    """One generated page: the seed's first lines (title, byline, boilerplate), paragraphs, its tail."""
    body = ["\n" + p for p in rng.sample(pool, PARAGRAPHS_PER_PAGE)]
    return "\n".join(seed_lines[:12] + body + seed_lines[-12:]) + "\n"


def generate(folder: Path, megabytes: float | None = None, docs: int | None = None) -> tuple[int, int]:
    """Write pages into `folder` (100 per subfolder) until `megabytes` or `docs`; (pages, bytes) written."""
    seeds = [p.read_text(encoding="utf-8").splitlines() for p in sorted((ROOT / "seeds").glob("*.txt"))]
    rng = random.Random(20260521)
    pool = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(40, 110))).capitalize() + "."
            for _ in range(PARAGRAPH_POOL)]
    folder.mkdir(parents=True, exist_ok=True)
    count = size = 0
    while (docs is not None and count < docs) or (megabytes is not None and size < megabytes * 1e6):
        data = _page(seeds[count % len(seeds)], pool, rng).encode("utf-8")
        target = folder / f"{count // 100:05d}" / f"page{count:07d}.txt"
        target.parent.mkdir(exist_ok=True)
        target.write_bytes(data)
        count, size = count + 1, size + len(data)
    return count, size


def measure(command: list[str]) -> dict:
    """Run `command`, sampling the RSS of its whole process tree every 0.1 s: wall, CPU and peak RSS."""
    start = time.perf_counter()
    proc = psutil.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak_tree = peak_main = 0
    cpu: dict[int, float] = {}
    while proc.poll() is None:
        try:
            tree = [proc, *proc.children(recursive=True)]
            rss = 0
            for p in tree:
                with p.oneshot():
                    rss += p.memory_info().rss
                    times = p.cpu_times()
                    cpu[p.pid] = times.user + times.system
            peak_tree = max(peak_tree, rss)
            peak_main = max(peak_main, proc.memory_info().rss)
        except psutil.Error:
            pass
        time.sleep(0.1)
    wall = time.perf_counter() - start
    stderr = proc.stderr.read().decode("utf-8", "replace")
    return {"command": " ".join(command), "exit": proc.returncode, "wall_s": round(wall, 2),
            "cpu_s_sampled": round(sum(cpu.values()), 2), "peak_rss_tree_mb": round(peak_tree / 2**20, 1),
            "peak_rss_main_mb": round(peak_main / 2**20, 1), "summary": stderr.strip().splitlines()[-1:]}


def speed(docs: int, workdir: Path) -> list[dict]:
    """Pages per second of 1 process, 2 processes and a 2-worker Dask LocalCluster on the same pages."""
    source = workdir / "pages"
    pages, size = generate(source, docs=docs)
    rows = []
    for label, extra in (("1 process", ["--jobs", "1"]), ("2 processes", ["--jobs", "2"]),
                         ("Dask LocalCluster (2 workers)", ["--engine", "dask", "--jobs", "2"])):
        out = workdir / f"out-{len(rows)}"
        shutil.rmtree(out, ignore_errors=True)
        row = measure([sys.executable, "-m", "cleaner", "clean", str(source), "-o", str(out), "--no-learn", *extra])
        row.update(engine=label, pages=pages, megabytes=round(size / 1e6, 1),
                   pages_per_s=round(pages / row["wall_s"], 1))
        rows.append(row)
    reference = workdir / "out-0"
    for i, row in enumerate(rows[1:], start=1):
        row["same_output_as_1_process"] = _same_tree(reference, workdir / f"out-{i}")
    return rows


def rss(megabytes: float, workdir: Path, clean_options: list[str]) -> dict:
    """Peak RSS of `cleaner clean` over a generated dump of `megabytes`."""
    source = workdir / f"dump-{megabytes:g}mb"
    if not source.exists():
        generate(source, megabytes=megabytes)
    pages = sum(1 for _ in source.rglob("*.txt"))
    out = workdir / f"out-{megabytes:g}mb"
    shutil.rmtree(out, ignore_errors=True)
    row = measure([sys.executable, "-m", "cleaner", "clean", str(source), "-o", str(out), *clean_options])
    row.update(megabytes=megabytes, pages=pages, pages_per_s=round(pages / row["wall_s"], 1))
    shutil.rmtree(out, ignore_errors=True)
    return row


def _same_tree(a: Path, b: Path) -> bool:
    """Whether two output folders hold the same files with the same bytes."""
    files_a = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    return files_a == files_b and all((a / f).read_bytes() == (b / f).read_bytes() for f in files_a)


def _table(rows: list[dict], columns: list[str]) -> str:
    """A plain-text table of `columns` of `rows`."""
    widths = [max(len(c), *(len(str(r.get(c, ""))) for r in rows)) for c in columns]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths))]
    lines += ["  ".join(str(r.get(c, "")).ljust(w) for c, w in zip(columns, widths)) for r in rows]
    return "\n".join(lines)


def main() -> None:
    """Parse the command line, run one benchmark, print its table and save it."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", choices=("speed", "rss"))
    parser.add_argument("--docs", type=int, default=400, help="pages for the speed benchmark")
    parser.add_argument("--mb", type=float, default=100, help="corpus size for the rss benchmark")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/cleaner-scale"))
    parser.add_argument("--clean", default="--jobs 2 --no-learn", help="options of `cleaner clean` for the rss benchmark")
    args = parser.parse_args()
    machine = {"cpus": psutil.cpu_count(), "load_avg_at_start": [round(x, 2) for x in psutil.getloadavg()],
               "python": platform.python_version()}
    RESULTS.mkdir(parents=True, exist_ok=True)
    if args.what == "speed":
        rows = speed(args.docs, args.workdir / "speed")
        columns = ["engine", "pages", "wall_s", "pages_per_s", "cpu_s_sampled", "peak_rss_tree_mb",
                   "same_output_as_1_process"]
        name = "scale-speed.json"
    else:
        rows = [rss(args.mb, args.workdir, shlex.split(args.clean))]
        columns = ["megabytes", "pages", "wall_s", "pages_per_s", "peak_rss_main_mb", "peak_rss_tree_mb", "command"]
        name = f"scale-rss-{args.mb:g}mb.json"
    print(_table(rows, columns))
    (RESULTS / name).write_text(json.dumps({"machine": machine, "rows": rows}, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
