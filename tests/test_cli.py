"""The `clean` command: stdout and mirrored folders, formats, --explain, stdin, .gz, and failures."""
from __future__ import annotations

import gzip
import io
import json
import subprocess
import sys

import pytest

import cleaner
from cleaner.cli.main import main
from cleaner.io.manifest import NAME as MANIFEST

from .conftest import BODY, SEEDS

DIRTY = "Top Stories\n\nA headline about the weather\n\n3h ago\n\nAnother headline here\n\n5h ago\n\n"


@pytest.fixture
def corpus(tmp_path):
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "a.txt").write_text("\n\n".join(BODY) + "\n\n" + DIRTY, encoding="utf-8")
    (src / "sub" / "b.html").write_text(
        "<html><head><title>Bridge</title></head><body><article>" + "".join(f"<p>{p}</p>" for p in BODY)
        + "</article></body></html>", encoding="utf-8")
    with gzip.open(src / "sub" / "c.txt.gz", "wt", encoding="utf-8") as fh:
        fh.write("\n\n".join(BODY))
    (src / "ignored.png").write_bytes(b"\x89PNG")
    return src


def test_jsonl_on_stdout_by_default(corpus, capsys):
    assert main(["clean", str(corpus / "a.txt")]) == 0
    out, err = capsys.readouterr()
    record = json.loads(out.strip())
    assert record["source"].endswith("a.txt")
    assert record["text"] == "\n\n".join(BODY)
    assert record["removed"][0]["rule"] == "teaser.block"
    assert set(record["removed"][0]) >= {"start_line", "end_line", "rule", "reason", "text"}
    assert set(record["metadata"]) >= {"title", "author", "authors", "publisher", "date", "updated", "dateline",
                                       "image_caption", "image_credit", "author_bio", "url", "language"}
    assert "1 file(s), 0 failed" in err and "teaser.block=1" in err


def test_folder_mirrored_into_outdir_inputs_untouched(corpus, tmp_path, capsys):
    before = {p: p.read_bytes() for p in corpus.rglob("*") if p.is_file()}
    out = tmp_path / "out"
    assert main(["clean", str(corpus), "-o", str(out)]) == 0
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == [
        MANIFEST, "a.txt", "sub/b.txt", "sub/c.txt"]
    assert (out / "a.txt").read_text(encoding="utf-8") == "\n\n".join(BODY) + "\n"
    assert BODY[1] in (out / "sub" / "b.txt").read_text(encoding="utf-8")
    assert {p: p.read_bytes() for p in corpus.rglob("*") if p.is_file()} == before


@pytest.mark.parametrize("fmt,check", [
    ("json", lambda s: json.loads(s)["text"].startswith(BODY[0])),
    ("md", lambda s: s.startswith("---\n") and s.endswith("\n\n" + BODY[2] + "\n")),
    ("txt", lambda s: s.startswith(BODY[0])),
])
def test_formats_in_outdir(corpus, tmp_path, fmt, check):
    out = tmp_path / "out"
    assert main(["clean", str(corpus / "a.txt"), "-o", str(out), "--format", fmt]) == 0
    assert check((out / f"a.{fmt}").read_text(encoding="utf-8"))


def test_explain_names_lines_rules_and_reasons(corpus, capsys):
    main(["clean", str(corpus / "a.txt"), "--explain", "--format", "txt"])
    err = capsys.readouterr().err
    assert "lines 7-15: teaser.block" in err and "Top Stories" in err


def test_failure_named_run_goes_on_exit_nonzero(corpus, tmp_path, capsys):
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02" * 100)
    code = main(["clean", str(tmp_path / "bin.txt"), str(corpus / "a.txt")])
    out, err = capsys.readouterr()
    assert code == 1
    assert "bin.txt: binary data" in err
    assert len(out.strip().splitlines()) == 1 and "1 failed" in err


def test_stdin(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(("\n\n".join(BODY) + "\n\nSubmit a correction").encode())))
    assert main(["clean", "-", "--format", "txt"]) == 0
    assert capsys.readouterr().out == "\n\n".join(BODY) + "\n"


def test_select_and_ignore(corpus, capsys):
    main(["clean", str(corpus / "a.txt"), "--ignore", "teaser,model"])
    assert "Top Stories" in json.loads(capsys.readouterr().out)["text"]
    main(["clean", str(corpus / "a.txt"), "--ignore", "teaser"])  # the learned model catches it on its own
    record = json.loads(capsys.readouterr().out)
    assert "Top Stories" not in record["text"] and all(r["rule"].startswith("model.") for r in record["removed"])
    main(["clean", str(corpus / "a.txt"), "--select", "audio"])
    assert "Top Stories" in json.loads(capsys.readouterr().out)["text"]


def test_console_script_on_the_seeds(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "cleaner", "clean", str(SEEDS), "-o", str(tmp_path)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert len(list(tmp_path.glob("*.txt"))) == 5
    assert "5 file(s), 0 failed" in proc.stderr


@pytest.mark.parametrize("command", [["clean", "--no-learn", "--report"], ["explain", "--html"]])
def test_html_report_from_the_command_line(tmp_path, capsys, command):
    report = tmp_path / "report.html"
    name, *options = command
    assert main([name, str(SEEDS), *options, str(report)] + (["-o", str(tmp_path / "out")] if name == "clean" else [])) == 0
    html = report.read_text(encoding="utf-8")
    expected = sum(len(cleaner.clean(p.read_bytes()).removed) for p in sorted(SEEDS.glob("*.txt")))
    assert f'data-removed-total="{expected}"' in html and html.count('data-source="') >= 5
    assert "report of 5 document(s) written" in capsys.readouterr().err


def _closed_stdout_run(corpus, *options: str) -> subprocess.CompletedProcess:
    """`clean` with its stdout a pipe whose reader is gone before anything is written (`| head -0`)."""
    proc = subprocess.Popen([sys.executable, "-m", "cleaner", "clean", str(corpus), "--no-learn", *options],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    proc.stdout.close()
    err = proc.stderr.read()
    return subprocess.CompletedProcess(proc.args, proc.wait(timeout=120), "", err)


def test_a_closed_stdout_cuts_the_explanation_only(corpus, tmp_path):
    """`clean DIR -o OUT --explain | head -1` exited 0 with 1 of 3 outputs written, saying nothing."""
    out = tmp_path / "out"
    proc = _closed_stdout_run(corpus, "-o", str(out), "--explain")
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.txt")) == ["a.txt", "sub/b.txt", "sub/c.txt"]
    assert "stdout was closed: the explanation stops" in proc.stderr and "3 file(s), 0 failed" in proc.stderr
    assert "Traceback" not in proc.stderr and "Exception ignored" not in proc.stderr


@pytest.mark.parametrize("fmt", ["jsonl", "txt", "json"])
def test_a_closed_stdout_without_outdir_fails_naming_what_was_not_written(corpus, fmt):
    """Without -o stdout is the output: a closed stdout ended the run with exit 0 and no word."""
    proc = _closed_stdout_run(corpus, "--format", fmt)
    assert proc.returncode == 1, proc.stderr
    [line] = [line for line in proc.stderr.splitlines() if "stdout was closed" in line]
    assert "3 document(s) not written" in line
    assert "Traceback" not in proc.stderr and "Exception ignored" not in proc.stderr
