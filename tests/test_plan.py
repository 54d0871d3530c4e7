"""Output planning and records: nothing overwritten, nothing lost (issue 14, classes 1, 4 and 7).

Each test is one scenario an adversarial user tried; each failed on the code before the plan.
"""
from __future__ import annotations

import base64
import gzip
import hashlib
import io
import json
import os
from pathlib import Path

import pytest

import cleaner
from cleaner.cli.main import main
from cleaner.io.manifest import NAME as MANIFEST

from .conftest import BODY

ARTICLE = "\n\n".join(BODY) + "\n\nShare this article\n"


def _tree(root: Path) -> dict[str, str]:
    """Every file under `root` (links not followed, the resume manifest left out) with a digest of its bytes."""
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file() and not p.is_symlink() and p.name != MANIFEST}


def _err(capsys) -> str:
    return capsys.readouterr().err


def test_output_folder_equal_to_the_input_folder_is_refused(tmp_path, capsys):
    """x.txt and x.txt.gz with -o the input folder: x.txt was replaced by the cleaned x.txt.gz, exit 0."""
    src = tmp_path / "d"
    src.mkdir()
    (src / "x.txt").write_text(ARTICLE)
    (src / "x.txt.gz").write_bytes(gzip.compress(b"Another text entirely, about the budget of the harbour.\n"))
    before = _tree(src)
    assert main(["clean", str(src), "-o", str(src), "--no-learn"]) == 2
    err = _err(capsys)
    assert "refused" in err and "lies inside the input folder" in err and "nothing was written" in err
    assert _tree(src) == before


@pytest.mark.parametrize("fmt,suffix", [("txt", "txt"), ("json", "json"), ("md", "md")])
def test_inputs_of_one_folder_with_one_output_name_keep_their_whole_names(tmp_path, capsys, fmt, suffix):
    """a.html and a.txt both map to a.txt: the whole run was refused. Each keeps its whole name now (only
    those that clash), the same on every run and with every --jobs."""
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "a.html").write_text("<html><body><p>" + BODY[0] + "</p></body></html>")
    (src / "a.txt").write_text(ARTICLE)
    (src / "sub" / "b.txt").write_text(ARTICLE)
    (src / "sub" / "b.txt.gz").write_bytes(gzip.compress(BODY[1].encode()))
    (src / "c.txt").write_text(ARTICLE)
    trees = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        assert main(["clean", str(src), "-o", str(out), "--no-learn", "--format", fmt, "--jobs", jobs]) == 0
        assert "5 file(s), 0 failed" in _err(capsys)
        trees.append(_tree(out))
    assert trees[0] == trees[1]
    assert trees[0].keys() == {
        f"a.html.{suffix}", f"a.txt.{suffix}", f"sub/b.txt.{suffix}", f"sub/b.txt.gz.{suffix}", f"c.{suffix}"}
    assert BODY[1] in (tmp_path / "out1" / "sub" / f"b.txt.gz.{suffix}").read_text()
    assert main(["clean", str(src), "-o", str(tmp_path / "out1"), "--no-learn", "--format", fmt]) == 0
    assert "5 skipped" in _err(capsys)


def test_jsonl_next_to_warc_keep_their_whole_names(tmp_path, capsys):
    """a.jsonl and a.warc both map to a.jsonl: the run was refused."""
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    (src / "a.jsonl").write_text(json.dumps({"id": 1, "text": ARTICLE}) + "\n")
    (src / "a.warc").write_bytes(_warc([("http://example.com/a", [("Content-Type", "text/html")],
                                         f"<html><body><p>{BODY[0]}</p><p>{BODY[1]}</p></body></html>".encode())]))
    assert main(["clean", str(src), "-o", str(out), "--no-learn"]) == 0
    assert _tree(out).keys() == {"a.jsonl.jsonl", "a.warc.jsonl"}
    assert json.loads((out / "a.jsonl.jsonl").read_text())["id"] == 1


def test_whole_names_go_on_until_no_two_inputs_share_an_output(tmp_path, capsys):
    """a.html.txt is the output of the input a.html.txt and of a.html when a.html clashes with a.txt: the
    whole names go on until no two inputs share one."""
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    for name in ("a.html", "a.txt", "a.html.txt"):
        (src / name).write_text(ARTICLE)
    assert main(["clean", str(src), "-o", str(out), "--no-learn"]) == 0
    assert _tree(out).keys() == {"a.html.txt", "a.txt.txt", "a.html.txt.txt"}


@pytest.mark.parametrize("below", [False, True])
def test_an_outdir_that_is_a_file_is_refused_in_one_line(tmp_path, capsys, below):
    """`-o FILE` gave one 'cannot write' error per document, exit 1."""
    src = tmp_path / "in"
    src.mkdir()
    for i in range(3):
        (src / f"{i}.txt").write_text(ARTICLE)
    blocker = tmp_path / "taken.txt"
    blocker.write_text("a file of mine")
    target = blocker / "out" if below else blocker
    assert main(["clean", str(src), "-o", str(target), "--no-learn"]) == 2
    [line] = _err(capsys).splitlines()
    assert str(blocker) in line and "not a folder" in line
    assert blocker.read_text() == "a file of mine"


def test_output_folder_that_is_another_input_is_refused(tmp_path, capsys):
    """`clean d1 d2 -o d2 --force` overwrote d2's inputs."""
    d1, d2 = tmp_path / "d1", tmp_path / "d2"
    for d in (d1, d2):
        d.mkdir()
        (d / "a.txt").write_text(ARTICLE.replace("council", d.name))
    before = _tree(tmp_path)
    assert main(["clean", str(d1), str(d2), "-o", str(d2), "--force", "--no-learn"]) == 2
    assert "lies inside the input folder" in _err(capsys)
    assert _tree(tmp_path) == before


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_roots_that_clash_are_mirrored_under_their_own_names(tmp_path, capsys, jobs):
    """d1/a.txt and d2/a.txt: one was lost, exit 0, and --jobs 1 and 2 gave different folders."""
    d1, d2, out = tmp_path / "d1", tmp_path / "d2", tmp_path / "out"
    for d in (d1, d2):
        (d / "sub").mkdir(parents=True)
        (d / "sub" / "a.txt").write_text(ARTICLE.replace("council", f"{d.name} council"))
    (d1 / "only.txt").write_text(ARTICLE)
    assert main(["clean", str(d1), str(d2), "-o", str(out), "--jobs", jobs, "--no-learn"]) == 0
    assert _tree(out).keys() == {"d1/sub/a.txt", "d1/only.txt", "d2/sub/a.txt"}
    assert "d2 council" in (out / "d2" / "sub" / "a.txt").read_text()


def test_output_folder_inside_the_input_is_refused_unless_excluded(tmp_path, capsys):
    """`clean d -o d/out`: the outputs were cleaned again as inputs on every re-run."""
    src = tmp_path / "d"
    src.mkdir()
    (src / "a.txt").write_text(ARTICLE)
    out = src / "out"
    assert main(["clean", str(src), "-o", str(out), "--no-learn"]) == 2
    assert "--exclude" in _err(capsys) and not out.exists()
    for _ in range(2):
        assert main(["clean", str(src), "-o", str(out), "--no-learn", "--exclude", "out"]) == 0
        assert _tree(out).keys() == {"a.txt"}
    assert "1 file(s)" in _err(capsys)


def test_failed_jsonl_records_go_to_a_rejects_file_with_the_reason(tmp_path, capsys):
    """Records that failed were left out of the output file: now each is kept, original and reason."""
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    lines = [json.dumps({"id": "a", "text": ARTICLE}).encode(), b"{broken", json.dumps({"id": "c"}).encode(),
             b"\xff\xfe not utf-8", json.dumps({"id": "e", "text": ARTICLE, "n": 1}).replace("1}", "1e400}").encode()]
    (src / "s.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    assert main(["clean", str(src), "-o", str(out), "--no-learn"]) == 1
    kept = [json.loads(line) for line in (out / "s.jsonl").read_text().splitlines()]
    rejects = [json.loads(line) for line in (out / "s.rejects.jsonl").read_text().splitlines()]
    assert [r["id"] for r in kept] == ["a"]
    assert [r["line"] for r in rejects] == [2, 3, 4, 5]
    assert rejects[0]["original"] == "{broken" and "not a JSON record" in rejects[0]["reason"]
    assert "no string field 'text'" in rejects[1]["reason"]
    assert base64.b64decode(rejects[2]["original_base64"]) == lines[3]
    assert "1e400" in rejects[3]["original"] and "JSON" in rejects[3]["reason"]
    assert _err(capsys).count(f"{src / 's.jsonl'}:") == 4
    (src / "s.jsonl").write_bytes(lines[0] + b"\n")  # all good now: the stale rejects file goes
    assert main(["clean", str(src), "-o", str(out), "--no-learn"]) == 0
    assert not (out / "s.rejects.jsonl").exists()


def _warc(records: list[tuple[str, list[tuple[str, str]], bytes]]) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=False)
    for url, headers, payload in records:
        http = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(payload),
                                                      http_headers=http))
    return buf.getvalue()


def test_warc_records_that_fail_are_named_and_the_run_goes_on(tmp_path, capsys, monkeypatch):
    """A corrupt brotli body crashed the run (with the brotli module installed, warcio raises while
    decoding it: simulated here); a record with no Content-Type was skipped silently."""
    from warcio.recordloader import ArcWarcRecord

    real = ArcWarcRecord.content_stream

    def decode(record):
        if record.http_headers.get_header("Content-Encoding") == "br":
            raise OSError("brotli: decoder failed")
        return real(record)

    monkeypatch.setattr(ArcWarcRecord, "content_stream", decode)
    page = f"<html><body><article><p>{BODY[0]}</p><p>{BODY[1]}</p></article></body></html>".encode()
    path = tmp_path / "crawl.warc"
    path.write_bytes(_warc([
        ("http://example.com/br", [("Content-Type", "text/html"), ("Content-Encoding", "br")], b"\x1b\x2e garbage"),
        ("http://example.com/none", [], page),
        ("http://example.com/none-binary", [], b"\x89PNG\r\n\x1a\n" + bytes(100)),
        ("http://example.com/ok", [("Content-Type", "text/html")], page),
    ]))
    code = main(["clean", str(path), "-o", str(tmp_path / "out"), "--no-learn"])
    err = _err(capsys)
    assert code == 1 and "Traceback" not in err
    kept = [json.loads(line)["metadata"]["url"] for line in (tmp_path / "out" / "crawl.jsonl").read_text().splitlines()]
    assert kept == ["http://example.com/none", "http://example.com/ok"]
    rejects = [json.loads(line) for line in (tmp_path / "out" / "crawl.rejects.jsonl").read_text().splitlines()]
    assert [r["url"] for r in rejects] == ["http://example.com/br", "http://example.com/none-binary"]
    assert "cannot decode the record's body" in rejects[0]["reason"]
    assert "no Content-Type and is not HTML" in rejects[1]["reason"]


def test_records_that_crashed_the_run_are_named(tmp_path, capsys):
    """Deeply nested arrays (RecursionError), a lone surrogate in the text and in another field
    (UnicodeEncodeError on write), a URL that does not parse (ValueError)."""
    path = tmp_path / "s.jsonl"
    path.write_text("\n".join([
        "[" * 100_000,
        '{"id": "s", "text": "The budget \\ud800 passed after a long debate in the council.", "x": "\\udc00"}',
        json.dumps({"id": "u", "text": ARTICLE, "url": "http://[::1/x"}),
        json.dumps({"id": "ok", "text": ARTICLE}),
    ]) + "\n")
    for target in ([], ["-o", str(tmp_path / "out")]):
        code = main(["clean", str(path), "--no-learn", *target])
        out, err = capsys.readouterr()
        assert code == 1 and "Traceback" not in err
        assert f"{path}:1: not a JSON record: nested too deeply" in err
        assert "ignoring the URL 'http://[::1/x'" in err
        records = [json.loads(line) for line in (out or (tmp_path / "out" / "s.jsonl").read_text()).splitlines()]
        assert [r["id"] for r in records] == ["s", "u", "ok"]
        assert "\ufffd" in records[0]["text"] and records[0]["x"] == "\ufffd"


def test_a_url_that_does_not_parse_is_ignored_with_a_warning():
    """cleaner.clean(text, url='http://[::1/x') raised ValueError."""
    with pytest.warns(UserWarning, match="ignoring the URL"):
        result = cleaner.clean(ARTICLE, url="http://[::1/x")
    assert result.text and result.metadata.url is None


@pytest.mark.parametrize("blocker", ["folders", "full"])
def test_several_record_files_with_an_unwritable_output_folder(tmp_path, capsys, monkeypatch, blocker):
    """Several JSONL/WARC files and outputs that cannot be written (folders in their places, or a full
    disk) crashed the run."""
    src = tmp_path / "in"
    src.mkdir()
    for name in ("a", "b"):
        (src / f"{name}.jsonl").write_text(json.dumps({"id": name, "text": ARTICLE}) + "\n")
    out = tmp_path / "out"
    if blocker == "folders":
        for name in ("a", "b"):
            (out / f"{name}.jsonl" / "taken").mkdir(parents=True)
    else:
        def full(fd):
            raise OSError(28, os.strerror(28))

        monkeypatch.setattr(os, "fsync", full)
    code = main(["clean", str(src), "-o", str(out), "--no-learn", "--durable"])  # --durable: a full disk at the sync
    err = _err(capsys)
    assert code == 1 and "Traceback" not in err
    for name in ("a", "b"):
        assert f"{src / name}.jsonl" in err
    assert not [p for p in tmp_path.rglob(".*cleaner-tmp*")]


def test_a_long_file_name_and_a_stale_temporary_file(tmp_path, capsys):
    """A 244-byte name failed ('File name too long' from the temporary name); a kill -9 left a temporary file."""
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    out.mkdir()
    name = "é" * 118 + ".txt"  # 240 bytes in UTF-8
    (src / name).write_text(ARTICLE)
    stale = out / ".old.txt.cleaner-tmp-abcd1234"
    stale.write_text("half")
    assert main(["clean", str(src), "-o", str(out), "--no-learn"]) == 0
    assert (out / name).is_file() and not stale.exists()


def test_names_and_texts_are_printed_on_one_line_without_terminal_codes(tmp_path, capsys):
    """A name with a newline broke the one-line message; escape codes from a document reached the terminal."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "bad\nname\x1b[31m.txt").write_bytes(b"\x00\x01\x02" * 100)
    assert main(["clean", str(src), "--no-learn"]) == 1
    err = _err(capsys)
    assert "\x1b" not in err
    [line] = [line for line in err.splitlines() if "binary data" in line]
    assert "bad\\nname\\x1b[31m.txt" in line


def test_symlinked_folders_are_read_and_loops_named(tmp_path, capsys):
    """A symlinked folder was skipped silently."""
    src, other, out = tmp_path / "in", tmp_path / "other", tmp_path / "out"
    src.mkdir()
    other.mkdir()
    (other / "b.txt").write_text(ARTICLE)
    (src / "linked").symlink_to(other)
    (src / "loop").symlink_to(".")
    assert main(["clean", str(src), "-o", str(out), "--no-learn"]) == 1
    assert _tree(out).keys() == {"linked/b.txt"}
    assert "loop: symlinked folder already read" in _err(capsys)


def test_nested_input_folders_give_each_file_once(tmp_path, capsys):
    """`clean d d/sub`: the files of d/sub are cleaned once, and the nesting is no error."""
    src, out = tmp_path / "d", tmp_path / "out"
    (src / "sub").mkdir(parents=True)
    (src / "sub" / "a.txt").write_text(ARTICLE)
    (src / "b.txt").write_text(ARTICLE)
    assert main(["clean", str(src), str(src / "sub"), "-o", str(out), "--no-learn"]) == 0
    assert _tree(out).keys() == {"sub/a.txt", "b.txt"}
    assert "2 file(s), 0 failed" in _err(capsys)
