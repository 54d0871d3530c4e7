"""`cleaner explain` (issue 22): it explains the result `clean` gives, and a bad --html path is a one-line error."""
from __future__ import annotations

import json
import os
import re

import pytest

from cleaner.cli.main import main

from .test_learn import FOOTER, _site

EXPLAINED = re.compile(r"^== (?P<name>.+): (?P<count>\d+) block\(s\) removed", re.M)


def _cleaned(args: list[str], capsys) -> dict[str, int]:
    assert main(["clean", "--no-model", *args, "--format", "jsonl"]) == 0
    return {r["source"]: len(r["removed"]) for r in map(json.loads, capsys.readouterr().out.splitlines())}


def _explained(args: list[str], capsys) -> dict[str, int]:
    assert main(["explain", "--no-model", *args]) == 0
    return {m["name"]: int(m["count"]) for m in EXPLAINED.finditer(capsys.readouterr().out)}


def test_explain_learns_from_a_folder_as_clean_does(tmp_path, capsys):
    """explain skipped the learning pass of `clean DIR`: 6,388 removed blocks against 6,947 on one folder."""
    _site(tmp_path / "corpus" / "gazette", 30, phrase_in=5)
    corpus = str(tmp_path / "corpus")
    cleaned = _cleaned([corpus], capsys)
    assert len(cleaned) == 30
    assert _explained([corpus], capsys) == cleaned
    assert main(["explain", "--no-model", corpus, "--html", str(tmp_path / "r.html")]) == 0
    assert "learned 1 repeated line(s)" in capsys.readouterr().err
    assert _explained(["--no-learn", corpus], capsys) == _cleaned(["--no-learn", corpus], capsys) != cleaned


@pytest.mark.parametrize("where", ["folder", "a-file/report.html", "read-only/report.html"])
def test_a_report_path_that_cannot_be_written_is_a_one_line_error(tmp_path, capsys, where, body):
    """A folder, a file in the way and a read-only folder gave tracebacks (after all the work)."""
    (tmp_path / "folder").mkdir()
    (tmp_path / "a-file").write_text("not a folder")
    (tmp_path / "read-only").mkdir()
    os.chmod(tmp_path / "read-only", 0o500)
    if where.startswith("read-only") and os.access(tmp_path / "read-only", os.W_OK):
        pytest.skip("running as a user who can write anywhere")
    page = tmp_path / "page.txt"
    page.write_text(f"{body[0]}\n\n{FOOTER}\n", encoding="utf-8")
    target = tmp_path / where
    status = main(["explain", str(page), "--html", str(target)])
    err = capsys.readouterr().err
    assert status == 2 and "Traceback" not in err
    assert err.startswith(f"cleaner explain: error: cannot write the report {target}: ") and err.count("\n") == 1


def test_a_report_in_a_missing_folder_creates_it_as_clean_report_does(tmp_path, capsys, body):
    page = tmp_path / "page.txt"
    page.write_text(f"{body[0]}\n", encoding="utf-8")
    assert main(["explain", str(page), "--html", str(tmp_path / "new" / "report.html")]) == 0
    assert (tmp_path / "new" / "report.html").read_text().startswith("<!DOCTYPE html>")


def test_a_report_that_fails_while_written_is_a_one_line_error(tmp_path, capsys, monkeypatch, body):
    page = tmp_path / "page.txt"
    page.write_text(f"{body[0]}\n", encoding="utf-8")

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    assert main(["explain", str(page), "--html", str(tmp_path / "report.html")]) == 1
    err = capsys.readouterr().err
    assert f"cleaner explain: error: cannot write the report {tmp_path / 'report.html'}: No space left on device\n" in err
    assert "Traceback" not in err and not (tmp_path / "report.html").exists()
