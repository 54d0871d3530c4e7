"""Bad inputs, through the CLI and the library: each one cleaned or named in one line, the run going on.

Every input of the battery is generated here (nothing large is committed); the 50 MB file is written
once per session.
"""
from __future__ import annotations

import base64
import codecs
import errno
import gzip
import hashlib
import io
import os
import random
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

import cleaner
from cleaner.cli import main as cli
from cleaner.io import writers
from cleaner.io.encoding import DecodeError
from cleaner.io.manifest import NAME as MANIFEST
from cleaner.io.readers import iter_items
from cleaner.run import batch

BODY = ("The council approved the new harbour budget on Tuesday after a long debate about the cost of "
        "repairs to the old sea wall, which engineers say cannot wait another winter.")
ARTICLE = f"Harbour budget approved\n\n{BODY}\n\nShare this article\n\n{BODY.replace('Tuesday', 'Monday')}\n"
# The CLI's time limit for the battery: long enough for every ordinary item on a loaded 2-core
# machine (malformed HTML took 5 s at worst), short enough that the 50 MB file cannot stall the suite.
BATTERY_TIMEOUT = 3


@dataclass(frozen=True)
class Case:
    """One bad input: how to make it, and the error it must give (None: it is cleaned).

    `or_time_limit`: cleaning it may also end at the battery's time limit, depending on the load.
    """

    make: Callable[[Path], Path]
    error: str | None = None
    check: Callable[[str], bool] | None = None
    or_time_limit: bool = False


def _write(name: str, data: bytes) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data)
        return path

    return make


def _gzip(data: bytes) -> bytes:
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=9, mtime=0) as gz:
        gz.write(data)
    return out.getvalue()


def _gzip_bomb() -> bytes:
    """About 100 KB of gzip that inflates to 100 MB of zeros, past the 64 MB default limit."""
    out = io.BytesIO()
    chunk = bytes(1 << 20)
    with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=9, mtime=0) as gz:
        for _ in range(100):
            gz.write(chunk)
    return out.getvalue()


def _symlink_loop(folder: Path) -> Path:
    path = folder / "loop.txt"
    path.symlink_to(path.name)
    (folder / "cycle").symlink_to(".")  # a folder pointing to itself: never followed
    return path


def _deep_html() -> bytes:
    depth = 10_000
    return (f"<html><head><title>Deep</title></head><body>{'<div>' * depth}<p>{BODY}</p>"
            f"{'</div>' * depth}</body></html>").encode()


ENTITY_BOMB = ('<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
               + "".join(f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">' for i in range(1, 10))
               + f']>\n<html xmlns="http://www.w3.org/1999/xhtml"><body><p>&lol9;</p><p>{BODY}</p></body></html>\n')
EXTERNAL_ENTITY = ('<?xml version="1.0"?>\n<!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
                   f'<html xmlns="http://www.w3.org/1999/xhtml"><body><p>{BODY}</p><p>&xxe;</p></body></html>\n')
MOJIBAKE = ARTICLE.replace("Tuesday", "Tuesday — café naïve").encode("utf-8").decode("cp1252").encode("utf-8")
TEN_MB_LINE = base64.b64encode(random.Random(1).randbytes(7_500_000))  # a minified blob, no spaces


def _fifty_mb(folder: Path) -> Path:
    """Written once per session by the fixture, in a folder of its own beside the others (see
    test_battery_through_the_cli); here only referenced."""
    return folder.parent / f"{folder.name}-big" / "big50mb.txt"


BATTERY: dict[str, Case] = {
    "binary": Case(_write("binary.txt", b"\x89PNG\r\n\x1a\n" + random.Random(2).randbytes(20_000)), "binary data"),
    "stray NUL bytes": Case(_write("nul.txt", ARTICLE.encode().replace(b"Tuesday", b"Tues\x00day")),
                            check=lambda text: "\x00" not in text and "Tuesday" in text),
    "UTF-16 with BOM": Case(_write("utf16bom.txt", ARTICLE.replace("council", "conseil élu").encode("utf-16")),
                            check=lambda text: "conseil élu" in text),
    "UTF-16 without BOM": Case(_write("utf16le.txt", ARTICLE.replace("council", "conseil élu").encode("utf-16-le")),
                               check=lambda text: "conseil élu" in text),
    "cp1252": Case(_write("cp1252.txt", ARTICLE.replace("council", "“Zürich” council — €5").encode("cp1252")),
                   check=lambda text: "“Zürich” council — €5" in text),
    "latin-1": Case(_write("latin1.txt", ARTICLE.replace("council", "conseil général à Genève").encode("latin-1")),
                    check=lambda text: "conseil général à Genève" in text),
    "mojibake": Case(_write("mojibake.txt", MOJIBAKE), check=lambda text: "Tuesday — café naïve" in text),
    "empty": Case(_write("empty.txt", b""), check=lambda text: text == ""),
    "whitespace only": Case(_write("blank.txt", b" \n\t\n\r\n   \n"), check=lambda text: text == ""),
    "50 MB file": Case(_fifty_mb, or_time_limit=True),
    "single 10 MB line": Case(_write("oneline.txt", TEN_MB_LINE), check=lambda text: len(text) == len(TEN_MB_LINE),
                              or_time_limit=True),
    "HTML nested 10,000 deep": Case(_write("deep.html", _deep_html()), "nested too deeply"),
    "malformed HTML": Case(_write("malformed.html", f"<html><body><div><p>{BODY}<div></span><p <b>x</i></table>"
                                                     f"<p>{BODY}".encode())),
    "truncated HTML": Case(_write("truncated.html", f"<!DOCTYPE html><html><head><title>T</title></head><body>"
                                                     f"<article><p>{BODY}</p><p>{BODY[:60]}".encode())),
    "XML entity bomb": Case(_write("lolz.xhtml", ENTITY_BOMB.encode()), check=lambda text: "lollol" not in text),
    "XML external entity": Case(_write("xxe.xhtml", EXTERNAL_ENTITY.encode()), check=lambda text: "root:" not in text),
    "gzip bomb": Case(_write("bomb.txt.gz", _gzip_bomb()), "decompresses to more than the limit"),
    "truncated gzip": Case(_write("cut.txt.gz", _gzip(ARTICLE.encode() * 50)[:-40]), "corrupt or truncated gzip"),
    "unreadable file": Case(_write("secret.txt", ARTICLE.encode()), "Permission denied"),
    "symlink loop": Case(_symlink_loop, "Too many levels of symbolic links"),
}


def _deny_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make secret.txt unreadable: chmod does not stop root, so opening it fails as it would for a user."""
    import cleaner.io.readers as readers

    real_open = open

    def guarded(path, *args, **kwargs):
        if str(path).endswith("secret.txt"):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(readers, "open", guarded, raising=False)


@pytest.fixture(scope="session")
def battery(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every battery input in one folder (the 50 MB file made once), by case name."""
    folder = tmp_path_factory.mktemp("battery")
    paragraph = (BODY + " ") * 3 + "\n\n"
    _fifty_mb(folder).parent.mkdir()
    with open(_fifty_mb(folder), "w", encoding="utf-8") as fh:
        for _ in range(50 * 2**20 // len(paragraph.encode())):
            fh.write(paragraph)
    paths = {name: case.make(folder) for name, case in BATTERY.items()}
    (folder / "secret.txt").chmod(0)
    return paths


def _digest(folder: Path) -> dict[str, str]:
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())
            if p.is_file() and not p.is_symlink()}


def test_battery_through_the_cli(battery, tmp_path, capsys, monkeypatch):
    """One run over the folder: each bad file gets one line naming it; the others are cleaned.

    The 50 MB file has a run of its own, without the learned model and with a short time limit: the
    model's features take about 55 bytes per character, 2.9 GB for it, which made this test the
    suite's memory peak. The model on the 50 MB file is what
    test_time_limit_in_the_library_on_50_mb_and_a_10_mb_line runs."""
    _deny_secret(monkeypatch)
    folder = next(iter(battery.values())).parent
    big = _fifty_mb(folder).parent
    before = _digest(folder), _digest(big)
    out = tmp_path / "out"
    options = ["--timeout", str(BATTERY_TIMEOUT), "--jobs", "2", "--no-learn"]
    code = cli.main(["clean", str(folder), "-o", str(out), *options])
    err = capsys.readouterr().err
    assert code == 1
    assert f"cleaner: {folder / 'cycle'}: symlinked folder already read" in err  # a loop: named, not followed
    assert re.search(rf"cleaner: {len(BATTERY) - 1 + 1} file\(s\), \d+ failed", err)  # + the loop
    # Its limit is short: cleaning it takes longer on any machine, so it is stopped, as a huge file is.
    assert cli.main(["clean", str(big), "-o", str(out), "--timeout", "2", "--jobs", "2", "--no-learn",
                     "--no-model"]) == 1
    err += capsys.readouterr().err
    assert re.search(r"cleaner: 1 file\(s\), 1 failed", err)
    assert (_digest(folder), _digest(big)) == before, "clean modified an input"
    for name, case in BATTERY.items():
        path = battery[name]
        root = big if path.parent == big else folder
        lines = [line for line in err.splitlines() if line.startswith(f"cleaner: {path}:")]
        target = writers.output_path(out, path.relative_to(root), "txt")
        if case.or_time_limit and lines:
            assert len(lines) == 1 and "took longer than the time limit" in lines[0], (name, lines)
        elif case.error:
            assert len(lines) == 1 and case.error in lines[0], (name, lines)
            assert not target.exists(), name
        else:
            assert not lines, (name, lines)
            assert target.exists(), name
            if case.check:
                assert case.check(target.read_text(encoding="utf-8").rstrip("\n")), name
    assert not [p for p in out.rglob("*") if ".cleaner-tmp-" in p.name], "a temporary file was left behind"


@pytest.mark.parametrize("name", [n for n in BATTERY if n not in ("50 MB file", "single 10 MB line")])
def test_battery_through_the_library(name, battery, monkeypatch):
    """The library's streaming API gives the same verdict per input, and cleaner.clean never crashes on its bytes."""
    _deny_secret(monkeypatch)
    case, path = BATTERY[name], battery[name]
    config = cleaner.Config(timeout=BATTERY_TIMEOUT)
    [outcome] = list(batch.run(iter_items([str(path)], config.max_bytes), config))
    if case.error:
        assert outcome.error is not None and case.error in outcome.error
    else:
        assert outcome.error is None, outcome.error
        assert case.check is None or case.check(outcome.result.text)
    if outcome.item.data is not None:  # bytes that were read: the one-call API agrees
        try:
            result = cleaner.clean(outcome.item.data)
        except DecodeError as exc:
            assert case.error and case.error in str(exc)
        else:
            assert result.text == (outcome.result.text if outcome.result else "")
            assert result.error == (None if outcome.result else outcome.error)


def test_time_limit_in_the_library_on_50_mb_and_a_10_mb_line(battery):
    """Both are read whole and stopped by the time limit seconds after it: cleaner.clean raises
    DocumentTimeout (its worker is killed), and the batch API names the document."""
    import time

    config = cleaner.Config(timeout=0.3)  # the 10 MB line takes about 2 s, the 50 MB file longer
    for name in ("50 MB file", "single 10 MB line"):
        [item] = iter_items([str(battery[name])], config.max_bytes)
        assert item.error is None and len(item.data) >= 10_000_000
        start = time.monotonic()
        with pytest.raises(cleaner.DocumentTimeout, match="time limit of 0.3 s"):
            cleaner.clean(item.data, timeout=0.3)
        with pytest.raises(cleaner.DocumentTimeout):
            cleaner.clean(item.data, config=config)
        [outcome] = batch.run([item], config)
        assert "took longer than the time limit of 0.3 s" in outcome.error
        assert time.monotonic() - start < 30  # minutes without the limit


def test_library_without_a_time_limit_cleans_in_process(monkeypatch):
    """No limit (the library's default) never starts a worker; a limit does, and a worker's crash is named."""
    from cleaner import workers

    def no_worker(*args, **kwargs):
        raise AssertionError("a worker was started without a time limit")

    monkeypatch.setattr(workers, "call", no_worker)
    assert cleaner.clean(ARTICLE).text and cleaner.clean(ARTICLE, timeout=0).text
    monkeypatch.undo()
    assert cleaner.clean(ARTICLE, timeout=30).text == cleaner.clean(ARTICLE).text
    with pytest.raises(cleaner.WorkerDied, match="exit code 3"):
        workers.call(os._exit, 30, 3)


def test_output_folder_that_cannot_be_written(tmp_path, capsys):
    """Each document names the output it could not write; the run finishes with failures."""
    src, out = tmp_path / "in", tmp_path / "out"
    (src / "sub").mkdir(parents=True)
    for i in range(3):
        (src / "sub" / f"a{i}.txt").write_text(ARTICLE, encoding="utf-8")
    out.mkdir()
    (out / "sub").write_text("x")  # a file where the outputs' folder goes (-o itself a file is refused at once)
    code = cli.main(["clean", str(src), "-o", str(out), "--no-learn"])
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("cannot write") == 3 and "File exists" in err
    assert "3 file(s), 3 failed" in err


def test_full_disk_leaves_no_partial_output(tmp_path, capsys, monkeypatch):
    """ENOSPC while writing: the file is reported, no temporary or half file remains, the next one is written."""
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    (src / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (src / "b.txt").write_text(ARTICLE, encoding="utf-8")
    real_fsync = os.fsync
    calls = []

    def full(fd):
        calls.append(fd)
        if len(calls) == 1:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_fsync(fd)

    monkeypatch.setattr(writers.os, "fsync", full)
    code = cli.main(["clean", str(src), "-o", str(out), "--no-learn", "--durable"])  # the disk fills at the sync
    err = capsys.readouterr().err
    assert code == 1
    assert f"cleaner: {src / 'a.txt'}: cannot write {out / 'a.txt'}: No space left on device" in err
    assert sorted(p.name for p in out.iterdir() if p.name != MANIFEST) == ["b.txt"]


@pytest.mark.parametrize("durable", [False, True])
def test_outputs_are_synced_only_with_durable_and_a_fixed_input_always(tmp_path, capsys, monkeypatch, durable):
    """Outputs can be made again: a sync per file (a tenth of a run) only with --durable. An input that
    --fix rewrites cannot, so it is synced whatever the options."""
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    (src / "a.txt").write_text(ARTICLE, encoding="utf-8")
    synced = []
    real_fsync = os.fsync
    monkeypatch.setattr(writers.os, "fsync", lambda fd: (synced.append(fd), real_fsync(fd))[1])
    assert cli.main(["clean", str(src), "-o", str(out), "--no-learn", *(["--durable"] if durable else [])]) == 0
    assert (out / "a.txt").read_text(encoding="utf-8") and len(synced) == (1 if durable else 0)
    synced.clear()
    assert cli.main(["check", "--fix", str(src / "a.txt")]) in (0, 1)
    assert "Share this article" not in (src / "a.txt").read_text(encoding="utf-8") and len(synced) == 1
    capsys.readouterr()


def test_utf16_and_cp1252_decode_to_the_same_text():
    """The same article in four encodings cleans to the same text."""
    text = ARTICLE.replace("council", "conseil général à Genève")
    results = {enc: cleaner.clean(text.encode(enc) if enc != "utf-8-sig" else codecs.BOM_UTF8 + text.encode())
               .text for enc in ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252")}
    assert len(set(results.values())) == 1, results


def _warc(path: Path, pages: int, gz: bool = False) -> bytes:
    """A WARC of `pages` HTML responses (warcio writes it); returns its bytes."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    for i in range(pages):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        body = f"<html><body><article><p>{BODY}</p><p>{BODY}</p></article></body></html>".encode()
        writer.write_record(writer.create_warc_record(f"http://example.com/{i}", "response",
                                                      payload=io.BytesIO(body), http_headers=headers))
    return buf.getvalue()


def test_truncated_warc_keeps_the_records_before_the_cut(tmp_path, capsys):
    """A WARC cut inside its second record: the first is cleaned, nothing crashes, library and CLI alike."""
    pytest.importorskip("warcio")
    data = _warc(tmp_path, 2)
    path = tmp_path / "cut.warc"
    path.write_bytes(data[:-150])
    outcomes = list(batch.run(iter_items([str(path)], 10**8), cleaner.Config()))
    assert outcomes and outcomes[0].error is None and BODY[:40] in outcomes[0].result.text
    assert cli.main(["clean", str(path), "-o", str(tmp_path / "out"), "--no-learn"]) in (0, 1)
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize("gz", [False, True])
def test_truncated_warc_record_is_named(tmp_path, gz):
    """The record cut short comes with an error naming the file; the whole records are cleaned."""
    pytest.importorskip("warcio")
    path = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    path.write_bytes(_warc(tmp_path, 2, gz=gz)[:-150])
    outcomes = list(batch.run(iter_items([str(path)], 10**8), cleaner.Config()))
    errors = [o.error for o in outcomes if o.error]
    assert len(errors) == 1 and "truncated" in errors[0] and str(path) in outcomes[-1].item.name
    assert sum(o.result is not None for o in outcomes) == 1
    whole = tmp_path / ("whole.warc.gz" if gz else "whole.warc")
    whole.write_bytes(_warc(tmp_path, 2, gz=gz))
    assert [o.error for o in batch.run(iter_items([str(whole)], 10**8), cleaner.Config())] == [None, None]


def test_html_with_too_many_elements_is_refused_before_parsing(monkeypatch):
    """7.9 MB of <br> took 29 s and 852 MB of parsing before the element limit refused it."""
    from cleaner.html import extract as html

    def no_parse(text):
        raise AssertionError("parsed a page the element limit refuses")

    monkeypatch.setattr(html, "parse", no_parse)
    result = cleaner.clean(("<html><body>" + "<br>" * 1_975_000).encode())
    assert result.text == "" and "more than 200000 elements" in result.error
