"""Output planning, before anything is written: every input file gets exactly one output of its own.

The files are found first (readers.find), then each is given its output under OUTDIR, mirroring the
tree below the path it was found under (and a `.rejects.jsonl` beside the output of a JSONL or WARC
input, for the records that fail). When files of two input paths would meet at one output, each
path's tree is mirrored under its own name; when files of one folder would (`a.html` and `a.txt`, both
`a.txt`), each of them keeps its whole name in its output (`a.html.txt`, `a.txt.txt`), again until no
two share one. A plan is refused, every problem named, when an output would be an input, two inputs
would still share an output, or OUTDIR lies inside an input folder without being excluded from it (its
outputs would be read as inputs on the next run).
"""
from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from . import formats
from .manifest import NAME as MANIFEST
from .readers import Found, excluded
from .writers import output_path, whole_name


@dataclass
class Plan:
    """The files to read, each with its place below OUTDIR (`rel`), and why the plan cannot run."""

    found: list[Found]
    problems: list[str]


def not_a_folder(outdir: Path) -> str | None:
    """Why `outdir` can never hold outputs: it, or the nearest of its parents that exists, is not a folder."""
    existing = outdir
    while not os.path.lexists(existing) and existing.parent != existing:
        existing = existing.parent
    if os.path.lexists(existing) and not existing.is_dir():
        return f"{existing} is not a folder"
    return None


def outputs_of(entry: Found, outdir: Path, fmt: str) -> list[Path]:
    """Every file the input `entry` may write under `outdir`: its output, and its rejects file for JSONL/WARC."""
    if entry.error is None and str(entry.path) != "-" and formats.kind(entry.path) is not None:
        target = formats.jsonl_output_path(outdir, entry.rel)
        return [target, formats.rejects_path(target)]
    return [output_path(outdir, entry.rel, fmt)]


def make(paths: Sequence[str], found: list[Found], outdir: Path | None, fmt: str,
         exclude: Sequence[str] = (), report: str | None = None) -> Plan:
    """The plan of a run over `paths` (what readers.find found there) writing into `outdir` (None: stdout)."""
    problems: list[str] = []
    inputs = {os.path.realpath(f.path): f for f in found if str(f.path) != "-"}
    if report is not None and os.path.realpath(report) in inputs:
        problems.append(f"the report {report} would overwrite an input")
    if outdir is None:
        return Plan(found, problems)
    problems += _outdir_inside_inputs(paths, outdir, exclude)
    claims = _claims(found, outdir, fmt)
    if any(len({found[i].root for i in claimants}) > 1 for claimants in claims.values()):
        found = _mirrored(paths, found)
    found = _kept_apart(found, outdir, fmt)
    claims = _claims(found, outdir, fmt)
    for target, claimants in claims.items():
        real = os.path.realpath(target)
        if real in inputs:
            problems.append(f"output {target} would overwrite the input {inputs[real].path}")
        elif len(claimants) > 1:
            names = " and ".join(str(found[i].path) for i in claimants)
            problems.append(f"{names} would both be written to {target} (leave one out with --exclude)")
    if os.path.realpath(outdir / MANIFEST) in inputs:
        problems.append(f"the resume manifest {outdir / MANIFEST} would overwrite an input")
    if report is not None and os.path.realpath(report) in {os.path.realpath(t) for t in claims}:
        problems.append(f"the report {report} would overwrite an output")
    return Plan(found, problems)


def _claims(found: list[Found], outdir: Path, fmt: str) -> dict[Path, list[int]]:
    """Which inputs (by their index in `found`) would write each output path."""
    claims: dict[Path, list[int]] = {}
    for i, entry in enumerate(found):
        if entry.error is not None:  # named and counted, never written
            continue
        for target in outputs_of(entry, outdir, fmt):
            claims.setdefault(target, []).append(i)
    return claims


def _kept_apart(found: list[Found], outdir: Path, fmt: str) -> list[Found]:
    """The files, each of those whose outputs would meet keeping its whole name (writers.whole_name);
    again while a whole name meets another output. Deterministic: it depends on the set of files only."""
    whole: set[int] = set()
    while True:
        named = [replace(f, rel=whole_name(f.rel)) if i in whole else f for i, f in enumerate(found)]
        grow = {i for claimants in _claims(named, outdir, fmt).values() if len(claimants) > 1 for i in claimants}
        grow -= whole
        if not grow:  # no output shared, or only by files whose names cannot grow (named in the problems)
            return named
        whole |= grow


def _mirrored(paths: Sequence[str], found: list[Found]) -> list[Found]:
    """The files with each input path's tree under that path's own name (its path below the folder that
    holds every input path: `d1/a.txt` and `d2/a.txt` stay apart as `d1/a.txt` and `d2/a.txt`)."""
    bases = {i: os.path.abspath(p if Path(p).is_dir() else os.path.dirname(p) or ".")
             for i, p in enumerate(paths) if p != "-"}
    common = os.path.commonpath(list(bases.values())) if bases else ""
    prefix = {i: Path(os.path.relpath(base, common)) for i, base in bases.items()}
    return [replace(f, rel=prefix[f.root] / f.rel) if f.root in prefix else f for f in found]


def _outdir_inside_inputs(paths: Sequence[str], outdir: Path, exclude: Sequence[str]) -> list[str]:
    """Problems of an output folder that lies inside an input folder it is not excluded from."""
    out = Path(os.path.realpath(outdir))
    problems = []
    for raw in paths:
        if raw == "-" or not Path(raw).is_dir():
            continue
        root = Path(os.path.realpath(raw))
        if out != root and root not in out.parents:
            continue
        if out != root:  # excluded when the output folder or a folder above it below the root is
            between = [out, *[p for p in out.parents if root in p.parents]]
            if any(excluded(p, p.relative_to(root), exclude) for p in between):
                continue
        problems.append(f"the output folder {outdir} lies inside the input folder {raw}: its outputs would be "
                        f"read as inputs (write elsewhere, or --exclude {os.path.relpath(outdir)})")
    return problems
