"""Resuming `clean -o`: an output is kept only when it was made from the same input content, with the same
output-changing options, by the same cleaner and model (issue 22, item 1). A stale output is redone."""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
from pathlib import Path

import pytest

import cleaner
from cleaner.cli.main import build_parser, config_from_args, main
from cleaner.io.manifest import NAME as MANIFEST

from .conftest import BODY
from .test_properties_faults import _interruptible_run, _wait_for_outputs

DIRTY = "Top Stories\n\nA headline about the weather\n\n3h ago\n\nAnother headline here\n\n5h ago\n\n"
ARTICLE = "\n\n".join(BODY) + "\n\n" + DIRTY


@pytest.fixture
def corpus(tmp_path: Path) -> tuple[Path, Path]:
    """An input folder of three articles (one with a teaser run) and the output folder's path."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(ARTICLE)
    for name, paragraph in (("b.txt", BODY[1]), ("c.txt", BODY[2])):
        (src / name).write_text(paragraph + "\n\nShare this article\n")
    return src, tmp_path / "out"


def _run(src: Path, out: Path, capsys, *options: str) -> str:
    """One `clean SRC -o OUT` run, which must succeed; its summary line."""
    capsys.readouterr()
    assert main(["clean", str(src), "-o", str(out), "--no-learn", *options]) == 0
    return [line for line in capsys.readouterr().err.splitlines() if re.match(r"cleaner: \d+ file", line)][-1]


def _fresh(src: Path, tmp_path: Path, capsys, *options: str) -> dict[str, str]:
    """What a run with these options writes into an empty folder."""
    out = tmp_path / f"fresh{len(list(tmp_path.iterdir()))}"
    _run(src, out, capsys, *options)
    return _outputs(out)


def _outputs(out: Path) -> dict[str, str]:
    """The outputs in `out` by name (the manifest left out)."""
    return {p.name: p.read_text() for p in out.iterdir() if p.name != MANIFEST}


@pytest.mark.parametrize("first,second", [
    ([], ["--ignore", "teaser,model"]),
    (["--ignore", "teaser,model"], []),
    ([], ["--select", "audio"]),
    ([], ["--no-model"]),
    (["--format", "json"], ["--format", "jsonl"]),  # both write a.json
    (["--format", "json"], ["--format", "json", "--url", "https://example.com/x"]),
])
def test_a_rerun_with_other_options_redoes_every_output(corpus, tmp_path, capsys, first, second):
    """Re-running with other options skipped every document and kept the old outputs (exit 0)."""
    src, out = corpus
    if "--url" in second:  # --url names one page: one file
        src = src / "a.txt"
    _run(src, out, capsys, *first)
    summary = _run(src, out, capsys, *second)
    expected = _fresh(src, tmp_path, capsys, *second)
    assert _outputs(out) == expected
    assert f"{len(expected)} redone as stale" in summary and "skipped" not in summary


def test_an_input_replaced_by_an_older_file_is_redone(corpus, capsys):
    """A different input with an older modification time than its output was skipped."""
    src, out = corpus
    _run(src, out, capsys)
    (src / "b.txt").write_text(BODY[0] + "\n\nShare this article\n")
    os.utime(src / "b.txt", ns=(10**18, 10**18))  # 2001: older than the output
    summary = _run(src, out, capsys)
    assert (out / "b.txt").read_text() == BODY[0] + "\n"
    assert "1 file(s), 0 failed, 2 skipped" in summary and "1 redone as stale" in summary


def test_an_unchanged_input_touched_or_copied_is_not_redone(corpus, capsys):
    """Only the content counts: a newer modification time alone is no reason to clean again."""
    src, out = corpus
    _run(src, out, capsys)
    os.utime(src / "a.txt", ns=(4 * 10**18, 4 * 10**18))  # 2096: newer than the output
    summary = _run(src, out, capsys)
    assert "0 file(s), 0 failed, 3 skipped" in summary and "stale" not in summary


def test_outputs_of_a_run_without_a_manifest_are_stale(corpus, capsys):
    """Outputs found without a record of what made them (an older cleaner, or copied in) are redone."""
    src, out = corpus
    out.mkdir()
    (out / "a.txt").write_text("an old output\n")
    summary = _run(src, out, capsys)
    assert (out / "a.txt").read_text() == "\n\n".join(BODY) + "\n"
    assert "3 file(s), 0 failed, 1 redone as stale" in summary


def test_an_output_changed_or_truncated_after_the_run_is_redone(corpus, capsys):
    src, out = corpus
    _run(src, out, capsys)
    (out / "c.txt").write_text("")
    summary = _run(src, out, capsys)
    assert (out / "c.txt").read_text() == BODY[2] + "\n" and "1 redone as stale" in summary


def test_force_redoes_everything_and_resume_works_after_it(corpus, capsys):
    src, out = corpus
    _run(src, out, capsys)
    assert "3 file(s), 0 failed" in _run(src, out, capsys, "--force")
    assert "0 file(s), 0 failed, 3 skipped" in _run(src, out, capsys)


def _key(tmp_path: Path, *argv: str, fmt: str = "txt") -> str:
    from cleaner.cli import resume

    args = build_parser().parse_args(["clean", str(tmp_path), *argv])
    return resume.options_key(config_from_args(args), fmt, args.url)


def test_the_options_key_follows_the_model_profile_and_version_contents(tmp_path, monkeypatch):
    """The model file, profile file and cleaner version make the outputs too: their contents are in the key."""
    from cleaner.cli import resume

    model, profile = tmp_path / "model.npz", tmp_path / "profile.json"
    model.write_bytes(b"model one")
    profile.write_text(json.dumps({"profile": 1}))
    base = _key(tmp_path, "--profile", str(profile))
    assert _key(tmp_path, "--profile", str(profile)) == base
    assert _key(tmp_path, "--profile", str(profile), fmt="md") != base
    assert _key(tmp_path, "--profile", str(profile), "--jobs", "2", "--timeout", "5", "--durable") == base
    profile.write_text(json.dumps({"profile": 2}))  # same path, another profile
    assert _key(tmp_path, "--profile", str(profile)) != base
    assert _key(tmp_path, "--url", "https://example.com/a") != _key(tmp_path)
    before = _key(tmp_path)
    monkeypatch.setattr(cleaner, "__version__", "99.0")
    assert _key(tmp_path) != before
    config = config_from_args(build_parser().parse_args(["clean", str(tmp_path)]))
    with_model = config.replace(extra={"model_file": str(model)})
    one = resume.options_key(with_model, "txt", None)
    model.write_bytes(b"model two")  # same path, another model
    assert resume.options_key(with_model, "txt", None) != one
    assert resume.options_key(with_model.replace(use_model=False), "txt", None) != one


def test_the_input_name_counts_only_where_the_output_shows_it(corpus, capsys, monkeypatch):
    """`clean in` then `clean ./in`: a txt output is the same, a JSON output names its source."""
    src, out = corpus
    monkeypatch.chdir(src.parent)
    for fmt, redone in (("txt", False), ("json", True)):
        _run(Path("in"), out / fmt, capsys, "--format", fmt)
        summary = _run(Path(os.path.abspath("in")), out / fmt, capsys, "--format", fmt)
        assert ("3 redone as stale" in summary) is redone and ("3 skipped" in summary) is not redone


def test_a_damaged_manifest_is_started_again(corpus, capsys):
    src, out = corpus
    _run(src, out, capsys)
    (out / MANIFEST).write_bytes(b"not a database at all" * 100)
    assert "3 redone as stale" in _run(src, out, capsys)
    assert "3 skipped" in _run(src, out, capsys)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs kill -9")
def test_kill_9_keeps_every_landed_output_resumable(tmp_path):
    """A run killed outright: the manifest stays readable, and the re-run skips the outputs that landed
    (all but at most the one whose record the kill cut off) and writes the rest."""
    command, src, out = _interruptible_run(tmp_path, 40)
    proc = subprocess.Popen(command, stdin=subprocess.PIPE, stderr=subprocess.DEVNULL)
    _wait_for_outputs(out, 10, proc)
    proc.kill()
    proc.wait(timeout=30)
    proc.stdin.close()
    landed = len(list(out.glob("*.txt")))
    rerun = subprocess.run(command, input="", capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    skipped = int(re.search(r"(\d+) skipped", rerun.stderr)[1])
    assert landed - 1 <= skipped <= landed and len(list(out.glob("*.txt"))) == 41
    assert not [p for p in out.iterdir() if p.name.startswith(".") and p.name != MANIFEST]
