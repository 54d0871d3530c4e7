"""An adversarial user's file trees, generated: random names (clashing, with newlines and escapes),
nesting, several roots, symlinks to files and folders (loops too), gzip, JSONL with bad records, and an
output folder beside, inside or equal to an input. Whatever the tree, `clean`:

- never changes an input (every byte of every file under the roots is the same after the run);
- refuses the run before writing anything (exit 2), or
- puts every input document into exactly one output or one named error line, and every JSONL record
  into the output or the rejects file, leaving no temporary file.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from cleaner.cli.main import main
from cleaner.cli.terminal import printable

from .conftest import BODY

ARTICLE = ("\n\n".join(BODY) + "\n\nShare this article\n").encode()
CONTENTS = {
    "article": ARTICLE,
    "empty": b"",
    "binary": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
    "html": f"<html><head><title>T</title></head><body><article><p>{BODY[0]}</p></article></body></html>".encode(),
    "latin-1": ARTICLE.decode().replace("council", "conseil général").encode("latin-1"),
}
RECORDS = [json.dumps({"id": 1, "text": ARTICLE.decode()}), "{broken", json.dumps({"id": 3}),
           '{"id": 4, "text": "The budget \\ud800 passed after a long debate."}', "[" * 3000]
NAMES = ["a", "b", "A", "a b", "ü", "x\ny", "e\x1b[31m", "."]
SUFFIXES = [".txt", ".html", ".txt.gz", ".jsonl", ".md"]
PLAIN = (".txt", ".html", ".txt.gz")


@st.composite
def trees(draw) -> dict:
    """A description of a tree: roots of files (path parts, suffix, content), links, and where -o points."""
    roots = draw(st.integers(1, 3))
    files = draw(st.lists(st.tuples(st.integers(0, roots - 1),
                                    st.lists(st.sampled_from(["s", "t"]), max_size=2),
                                    st.sampled_from(NAMES), st.sampled_from(SUFFIXES),
                                    st.sampled_from(sorted(CONTENTS)),
                                    st.lists(st.sampled_from(range(len(RECORDS))), min_size=1, max_size=4)),
                          min_size=1, max_size=8))
    links = draw(st.lists(st.tuples(st.integers(0, roots - 1), st.sampled_from(["file", "folder", "loop"]),
                                    st.integers(0, 7)), max_size=2))
    output = draw(st.sampled_from(["inside-excluded", "beside", "inside-excluded", "beside", "inside", "equal"]))
    jobs = draw(st.sampled_from(["1", "2"]))
    return {"roots": roots, "files": files, "links": links, "output": output, "jobs": jobs}


def _make(base: Path, tree: dict) -> tuple[list[Path], Path, list[str]]:
    roots = [base / f"d{i}" for i in range(tree["roots"])]
    for root in roots:
        root.mkdir()
    made: list[Path] = []
    for root, folders, name, suffix, content, records in tree["files"]:
        path = roots[root].joinpath(*folders, name + suffix)
        if path.exists():
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if suffix == ".jsonl":
            path.write_text("\n".join(RECORDS[i] for i in records) + "\n")
        else:
            data = CONTENTS[content]
            path.write_bytes(gzip.compress(data, mtime=0) if suffix.endswith(".gz") else data)
        made.append(path)
    for root, kind, pick in tree["links"]:
        link = roots[root] / (f"link{kind}{pick}" + (".txt" if kind == "file" else ""))
        if link.exists() or link.is_symlink():
            continue
        if kind == "file" and made:
            link.symlink_to(made[pick % len(made)])
        elif kind == "folder":
            link.symlink_to(roots[pick % len(roots)], target_is_directory=True)
        elif kind == "loop":
            link.symlink_to(".", target_is_directory=True)
    options = ["--jobs", tree["jobs"], "--timeout", "0"]
    out = {"beside": base / "out", "inside": roots[0] / "out", "inside-excluded": roots[0] / "out",
           "equal": roots[-1]}[tree["output"]]
    if tree["output"] == "inside-excluded":
        options += ["--exclude", "out"]
    return roots, out, options


def _snapshot(base: Path) -> dict[str, str]:
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(base.rglob("*"))
            if p.is_file() and not p.is_symlink()}


def _documents(roots: list[Path], out: Path, excluded: bool) -> tuple[set[str], int]:
    """The plain documents (real paths) and JSONL records a run must account for, found independently."""
    plain: set[str] = set()
    records = 0
    seen_dirs: set[str] = set()
    seen_files: set[str] = set()
    for root in roots:
        for folder, dirs, files in os.walk(root, followlinks=True):  # in sorted order, as clean walks
            real = os.path.realpath(folder)
            if real in seen_dirs or (excluded and Path(folder) == out):
                dirs.clear()
                continue
            seen_dirs.add(real)
            dirs[:] = sorted(d for d in dirs if not (excluded and Path(folder, d) == out))
            for name in sorted(files):  # a file reached twice counts where it is first found, as in clean
                path = Path(folder, name)
                real_file = os.path.realpath(path)
                if real_file in seen_files:
                    continue
                if name.endswith(PLAIN):
                    seen_files.add(real_file)
                    plain.add(str(path))
                elif name.endswith(".jsonl"):
                    seen_files.add(real_file)
                    records += sum(1 for line in path.read_text().splitlines() if line.strip())
    return plain, records


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(tree=trees())
def test_every_input_survives_and_every_document_lands_once(tmp_path_factory, capsys, tree):
    base = tmp_path_factory.mktemp("tree")
    roots, out, options = _make(base, tree)
    before = _snapshot(base)
    out_before = _snapshot(out) if out.is_dir() else None
    code = main(["clean", *map(str, roots), "-o", str(out), "--no-learn", *options])
    err = capsys.readouterr().err
    assert "Traceback" not in err and all("\x1b" not in line for line in err.splitlines())
    after = _snapshot(base)
    assert not [p for p, digest in before.items() if after.get(p) != digest], "an input changed"
    event(f"exit {code}, output {tree['output']}")
    if code == 2:
        assert "refused" in err and "nothing was written" in err
        assert (_snapshot(out) if out.is_dir() else None) == out_before
        return
    assert tree["output"] not in ("inside", "equal"), "an output folder inside an input was not refused"
    assert code in (0, 1)
    plain, records = _documents(roots, out, tree["output"] == "inside-excluded")
    outputs = [p for p in out.rglob("*") if p.is_file()]
    assert not [p for p in outputs if ".cleaner-tmp-" in p.name], "a temporary file was left"
    written = [p for p in outputs if p.suffix == ".txt"]
    errors = {m for m in re.findall(r"^cleaner: (.+?): (?!warning)", err, re.M)} & {printable(p) for p in plain}
    assert len(written) + len(errors) == len(plain), (sorted(map(str, written)), errors, sorted(plain))
    kept = sum(len(p.read_text().splitlines()) for p in outputs if p.name.endswith(".jsonl"))
    assert kept == records, "a JSONL record is in neither the output nor the rejects file"
