"""Metadata agreement (title, author, date) per corpus and mode, cleaner against trafilatura in one run.

    python -m benchmarks.metadata [--corpus wcxb,readability,zoo] [--limit N] [--cv K] [--no-save]

Modes: **html** (trafilatura's `extract_metadata` and `cleaner.clean` on the page's bytes) and **text**
(`cleaner.clean` on the page's layout dump, the input a user without the HTML has). The text mode's
metadata-line tagger and the title choice are learned on wcxb-dev, so on wcxb-dev each page is read by a
tagger and a title choice trained without its site's fold (folds by site, `fold_of`; the choice is fitted
on the other folds' pages as their own fold's tagger reads them); zoo documents built from a wcxb-dev body
likewise. Readability pages and the other zoo bodies are not in the training data: the shipped ones read them.
The zoo scores the test split: wordings held out from training.

Agreement: title and author as `metric.meta_agrees` (normalised, one containing the other), on the
first author a system names (trafilatura's 'A; B' gives A); date on YYYY-MM-DD. Only pages whose gold
field is set count. Writes `benchmarks/results/metadata-latest.{md,json}`.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from . import corpora, metric
from .dumps import build_dumps
from .report import RESULTS_DIR, git_commit, md_table, text_table

CACHE_DIR = Path(__file__).resolve().parent / ".cache"
FIELDS = ("title", "author", "date")
# Diagnostic column: the gold date found as the publication or the update date. wcxb-dev's gold
# publish_date is often the 'Last updated' stamp a page shows, which the normal form keeps in `updated`.
EITHER = "date|updated"
# Diagnostic column: dates given on pages whose gold has none (a made-up date, such as a copyright year
# read as 1 January, costs nothing in agreement but misleads a user).
UNDATED = "date on undated pages"
Found = dict[str, str | None]


def agrees(field: str, found: str | None, gold: str | None) -> bool:
    """Whether a system's value agrees with the gold one (see the module docstring)."""
    if not gold or not found:
        return False
    if field == "date":
        return str(found)[:10] == str(gold)[:10]
    if field == "author":
        found = str(found).split(";")[0]
    return metric.meta_agrees(found, gold)


def trafilatura_metadata(pages: list[corpora.Page]) -> list[Found]:
    """trafilatura's title/author/date per page, cached by its version and the page bytes."""
    import trafilatura

    from .baselines import trafilatura_metadata as one

    path = CACHE_DIR / f"trafilatura-metadata-{trafilatura.__version__}.json"
    cache = json.loads(path.read_text("utf-8")) if path.is_file() else {}
    out, missing = [], 0
    for p in pages:
        key = hashlib.sha1(p.html + (p.url or "").encode()).hexdigest()
        if key not in cache:
            try:
                cache[key] = one(p.html, p.url)
            except Exception:  # noqa: BLE001 - a failed page is a page without metadata
                cache[key] = {}
            missing += 1
        out.append(cache[key])
    if missing:
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(cache), "utf-8")
    return out


def _cleaner_found(result: Any) -> Found:
    meta = result.metadata
    return {"title": meta.title, "author": meta.author, "date": meta.date, "updated": meta.updated}


def cleaner_html(pages: list[corpora.Page]) -> list[Found]:
    """cleaner's metadata of each page from its HTML bytes."""
    import cleaner

    return [_cleaner_found(cleaner.clean(p.html, url=p.url)) for p in pages]


def fold_taggers(k: int) -> dict[int, Path]:
    """One tagger per fold, trained on wcxb-dev without that fold's sites (cached by code and data)."""
    from cleaner.model.training import corpora as layer
    from cleaner.model.training import meta_fit
    from cleaner.model.training.cache import Cache
    from cleaner.model.training.dumps import build

    pages = layer.load("wcxb-dev")
    key = hashlib.sha1(f"{meta_fit.VERSION}|{meta_fit._code_version()}|{k}|{len(pages)}|"
                       f"{Path(meta_fit.__file__).read_bytes().hex()}".encode()).hexdigest()[:12]
    folder = CACHE_DIR / "meta-taggers"
    paths = {f: folder / f"{key}-fold{f}.json" for f in range(k)}
    if all(p.is_file() for p in paths.values()):
        return paths
    cache = Cache()
    dumps = build(((p.key, p.html()) for p in pages), "layout", cache)
    folder.mkdir(parents=True, exist_ok=True)
    for f, path in paths.items():
        if path.is_file():
            continue
        t0 = time.perf_counter()
        samples = meta_fit.training_samples(pages, dumps, cache, exclude_fold=(f, k))
        meta_fit.write(meta_fit.fit(samples, {"fold": f, "k": k}), path)
        print(f"  tagger for fold {f}: {len(samples)} documents, {time.perf_counter() - t0:.0f} s", flush=True)
    return paths


def fold_choosers(k: int, taggers: dict[int, Path]) -> dict[int, Path]:
    """One title choice per fold, fitted on the other folds' pages (and the zoo train documents on their
    bodies) as their fold's tagger reads them, as `python -m cleaner.model.training.title_fit` does
    (cached by code and data)."""
    from cleaner.model.training import corpora as layer
    from cleaner.model.training import title_fit
    from cleaner.model.training.cache import Cache
    from cleaner.model.training.dumps import build
    from cleaner.config import Config
    from cleaner.text import meta_tagger, metadata, title_choice

    pages = layer.load("wcxb-dev")  # the candidates, their facts and the title each gives come from these modules
    code = b"".join(Path(m.__file__).read_bytes() for m in (title_fit, title_choice, meta_tagger, metadata))
    key = hashlib.sha1(code + "|".join(str(taggers[f]) for f in sorted(taggers)).encode()).hexdigest()[:12]
    folder = CACHE_DIR / "title-choosers"
    paths = {f: folder / f"{key}-fold{f}.json" for f in range(k)}
    if all(p.is_file() for p in paths.values()):
        return paths
    dumps = build(((p.key, p.html()) for p in pages), "layout", Cache())
    samples = []
    for f in range(k):
        held = [p for p in pages if layer.fold_of(p.site, k) == f]
        samples += [(f, s) for s in title_fit.fold_samples(held, dumps, Config(extra={"meta_model_file": str(taggers[f])}))]
    folder.mkdir(parents=True, exist_ok=True)
    for f, path in paths.items():
        title_fit.write(title_fit.fit([s for g, s in samples if g != f], {"fold": f, "k": k}), path)
    return paths


def cleaner_text(texts: list[str], models: list[tuple[Path, Path] | None]) -> list[Found]:
    """cleaner's metadata of each text dump, read with the given tagger and title choice (None: the shipped
    ones)."""
    import cleaner
    from cleaner.config import Config

    configs: dict[tuple[Path, Path] | None, Config] = {}
    out = []
    for text, model in zip(texts, models):
        if model not in configs:
            configs[model] = (Config(extra={"meta_model_file": str(model[0]), "title_choice_file": str(model[1])})
                              if model else Config())
        out.append(_cleaner_found(cleaner.clean(text, config=configs[model])))
    return out


def score(golds: list[dict[str, Any]], found: list[Found], keep: Callable[[int], bool] = lambda i: True
          ) -> dict[str, dict[str, Any]]:
    """Agreement per field over the pages kept that have the gold field."""
    out = {}
    for field in FIELDS:
        idx = [i for i, g in enumerate(golds) if keep(i) and g.get(field)]
        hit = sum(agrees(field, found[i].get(field), golds[i][field]) for i in idx)
        out[field] = {"agree": hit, "pages": len(idx), "share": hit / len(idx) if idx else None}
    idx = [i for i, g in enumerate(golds) if keep(i) and g.get("date")]
    hit = sum(agrees("date", found[i].get("date"), golds[i]["date"]) or agrees("date", found[i].get("updated"),
                                                                             golds[i]["date"]) for i in idx)
    out[EITHER] = {"agree": hit, "pages": len(idx), "share": hit / len(idx) if idx else None}
    idx = [i for i, g in enumerate(golds) if keep(i) and not g.get("date")]
    given = sum(bool(found[i].get("date")) for i in idx)
    out[UNDATED] = {"agree": given, "pages": len(idx), "share": given / len(idx) if idx else None}
    return out


def corpus_rows(name: str, args: argparse.Namespace, taggers: dict[int, tuple[Path, Path]] | None) -> list[dict[str, Any]]:
    """Rows of one page corpus: trafilatura and cleaner from HTML, cleaner from the text dump."""
    pages = corpora.load(name, args.limit)
    dumps = build_dumps((p.id, p.html) for p in pages)
    golds = [p.metadata for p in pages]
    print(f"== {name}: {len(pages)} pages", flush=True)
    runs = {"trafilatura (html)": trafilatura_metadata(pages), "cleaner (html)": cleaner_html(pages)}
    if name == "wcxb" and taggers:
        text_taggers = [taggers[corpora.fold_of(p.site, args.cv)] for p in pages]
        label = f"cleaner (text, {args.cv} folds by site)"
    else:
        text_taggers, label = [None] * len(pages), "cleaner (text)"
    runs[label] = cleaner_text([dumps[p.id] for p in pages], text_taggers)
    subsets = {name: lambda i: True}
    if name == "wcxb":
        subsets = {"wcxb articles": lambda i: pages[i].page_type == "article", "wcxb all": lambda i: True}
    rows = []
    for subset, keep in subsets.items():
        for system, found in runs.items():
            rows.append({"corpus": subset, "system": system, **score(golds, found, keep)})
    return rows


def zoo_rows(args: argparse.Namespace, taggers: dict[int, tuple[Path, Path]] | None) -> list[dict[str, Any]]:
    """Rows of the zoo's test split (held-out wordings): cleaner on the generated dumps."""
    from cleaner.model.training import corpora as layer
    from cleaner.model.training import zoo

    from .zoo import SEED, load_bodies, select

    bodies = select(load_bodies(), args.limit, 120 if args.limit is None else min(120, args.limit))
    docs = list(zoo.generate(bodies, split="test", seed=SEED))
    print(f"== zoo (test wordings): {len(docs)} documents", flush=True)
    chosen = []
    for doc in docs:
        from_wcxb = doc.id.startswith("wcxb-")
        site = layer.site_of(f"http://{doc.site}", doc.site)
        chosen.append(taggers[layer.fold_of(site, args.cv)] if taggers and from_wcxb else None)
    found = cleaner_text([d.text for d in docs], chosen)
    golds = [{"title": d.metadata["title"], "author": (d.metadata["authors"] or [None])[0], "date": d.metadata["date"]}
             for d in docs]
    rows = [{"corpus": "zoo test", "system": "cleaner (text)", **score(golds, found)}]
    for lang in sorted({d.language for d in docs}):
        rows.append({"corpus": f"zoo test {lang}", "system": "cleaner (text)",
                     **score(golds, found, lambda i, lang=lang: docs[i].language == lang)})
    return rows


def _cell(m: dict[str, Any]) -> str:
    return "–" if m["share"] is None else f"{100 * m['share']:.1f}% ({m['agree']}/{m['pages']})"


def table(rows: list[dict[str, Any]]) -> tuple[list[str], list[list[str]]]:
    """Header and rows: agreement per field, and cleaner's HTML lead over trafilatura in points."""
    header = ["corpus", "system", *FIELDS, EITHER, UNDATED]
    out = []
    reference = {r["corpus"]: r for r in rows if r["system"] == "trafilatura (html)"}
    for r in rows:
        cells = [r["corpus"], r["system"]]
        ref = reference.get(r["corpus"])
        for f in (*FIELDS, EITHER, UNDATED):
            cell = _cell(r[f])
            if ref and r is not ref and r[f]["share"] is not None and ref[f]["share"] is not None:
                cell += f" {100 * (r[f]['share'] - ref[f]['share']):+.1f}"
            cells.append(cell)
        out.append(cells)
    return header, out


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.metadata", description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default="wcxb,readability,zoo", help="comma-separated: wcxb, readability, zoo")
    ap.add_argument("--limit", type=int, default=None, help="first N pages per corpus (zoo: per language)")
    ap.add_argument("--cv", type=int, default=5, help="folds by site for the text tagger on wcxb-dev (default 5)")
    ap.add_argument("--no-save", action="store_true", help="print only")
    return ap.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``python -m benchmarks.metadata``."""
    if str(corpora.REPO_ROOT) not in sys.path:
        sys.path.insert(0, str(corpora.REPO_ROOT))
    args = parse_args(argv)
    wanted = [c.strip() for c in args.corpus.split(",") if c.strip()]
    unknown = set(wanted) - {"wcxb", "readability", "zoo"}
    if unknown:
        print(f"unknown corpus {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    start = time.perf_counter()
    taggers = None
    if corpora.available("wcxb") and {"wcxb", "zoo"} & set(wanted):  # per site fold: a tagger and a title choice
        tagger_paths = fold_taggers(args.cv)
        choosers = fold_choosers(args.cv, tagger_paths)
        taggers = {f: (tagger_paths[f], choosers[f]) for f in tagger_paths}
    rows: list[dict[str, Any]] = []
    for name in wanted:
        if name == "zoo":
            rows += zoo_rows(args, taggers)
        elif corpora.available(name):
            rows += corpus_rows(name, args, taggers)
        else:
            print(f"[{name}] corpus not found under {corpora.corpora_dir()}: skipped", file=sys.stderr)
    header, cells = table(rows)
    print()
    print(text_table(header, cells))
    commit = git_commit()
    markdown = "\n".join([
        "# Metadata agreement", "",
        f"`python -m benchmarks.metadata --corpus {args.corpus}" + (f" --limit {args.limit}" if args.limit else "")
        + f"` · commit `{commit}` · {time.perf_counter() - start:.0f} s", "",
        "Share of pages whose gold field is set on which the system agrees (points over trafilatura after the "
        "count). Text mode on wcxb-dev: tagger trained without the page's site fold; zoo: held-out wordings. "
        f"`{EITHER}`: diagnostic, the gold date equals the date or the update date found. `{UNDATED}`: "
        "share of pages without a gold date on which a date is given (lower is better).", "",
        md_table(header, cells), ""])
    if not args.no_save:
        RESULTS_DIR.mkdir(parents=True, exist_ok=True)
        (RESULTS_DIR / "metadata-latest.md").write_text(markdown, "utf-8")
        (RESULTS_DIR / "metadata-latest.json").write_text(
            json.dumps({"commit": commit, "limit": args.limit, "cv": args.cv, "rows": rows}, indent=1) + "\n", "utf-8")
        print(f"\nwrote {RESULTS_DIR}/metadata-latest.md and .json")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
