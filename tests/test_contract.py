"""One exit-code contract across every command (0 done, 1 findings or failed documents, 2 usage), options
that do something where they are offered, inputs from -i/--input-file and --url, and a page with no
article counted as a result."""
from __future__ import annotations

import http.server
import json
import re
import subprocess
import sys
import threading

import pytest

from cleaner.cli.main import build_parser, main

from .conftest import BODY

PATH_COMMANDS = [["clean"], ["check"], ["explain"], ["dups"], ["learn", "--show"]]
NO_ARTICLE_PAGE = "<html><head><title>Gallery</title></head><body><img src='harbour.jpg' alt=''></body></html>"


def _code(argv: list[str]) -> int:
    try:
        return main(argv)
    except SystemExit as exc:  # argparse refusing an option
        return exc.code


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("\n\n".join(BODY) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("command", PATH_COMMANDS, ids=lambda c: c[0])
def test_missing_path_is_a_usage_error_before_any_work(command, article, tmp_path, capsys):
    missing = tmp_path / "missing.txt"
    assert _code([*command, str(article), str(missing)]) == 2
    captured = capsys.readouterr()
    assert f"error: no such file or folder: {missing}" in captured.err and captured.out == ""


def test_learn_on_a_missing_path_writes_no_profile(tmp_path, capsys):
    assert main(["learn", str(tmp_path / "missing"), "-o", str(tmp_path / "p.json")]) == 2
    assert not (tmp_path / "p.json").exists()


@pytest.mark.parametrize("command", PATH_COMMANDS, ids=lambda c: c[0])
def test_a_document_that_fails_exits_1_and_the_others_are_done(command, article, tmp_path, capsys):
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    assert _code([*command, str(binary), str(article)]) == 1
    assert re.search(r"bin\.txt: (error: )?binary data", capsys.readouterr().err)


@pytest.mark.parametrize("command", [*PATH_COMMANDS, ["rules"], ["train"]], ids=lambda c: c[0])
def test_unknown_option_is_a_usage_error(command):
    assert _code([*command, "--no-such-option"]) == 2


@pytest.mark.parametrize("command", [["clean"], ["explain"], ["dups"]], ids=lambda c: c[0])
def test_done_exits_0(command, article, capsys):
    assert _code([*command, str(article)]) == 0


def test_check_exits_1_on_findings_only(article, tmp_path, capsys):
    assert main(["check", str(article)]) == 0
    dirty = tmp_path / "dirty.txt"
    dirty.write_text(f"{BODY[0]}\n\nShare this article\n", encoding="utf-8")
    assert main(["check", str(dirty)]) == 1


def test_train_on_a_missing_folder_says_so_in_one_line(tmp_path):
    run = subprocess.run([sys.executable, "-m", "cleaner", "train", "--corpora", str(tmp_path / "none")],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 2
    assert run.stderr.strip() == f"cleaner train: error: --corpora {tmp_path / 'none'}: no such folder"


def test_train_on_a_folder_without_corpora_says_so(tmp_path):
    run = subprocess.run([sys.executable, "-m", "cleaner", "train", "--corpora", str(tmp_path)],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 2
    assert "holds none of wcxb-dev, readability, trafilatura-eval" in run.stderr


def _corpora(tmp_path):
    root = tmp_path / "corpora"
    (root / "readability").mkdir(parents=True)
    return root


def test_train_writes_a_new_file_in_the_working_folder_by_default(tmp_path, monkeypatch):
    from cleaner.cli.main import build_parser
    from cleaner.cli.train import output_path
    from cleaner.model.learned import default_path

    monkeypatch.chdir(tmp_path)
    args = build_parser().parse_args(["train", "--corpora", str(_corpora(tmp_path))])
    assert output_path(args) == tmp_path / "cleaner-model.npz"
    assert output_path(args) != default_path()


@pytest.mark.parametrize("given", ["default", "other", "shipped"])
def test_train_refuses_an_existing_output_without_force(tmp_path, monkeypatch, capsys, given):
    """`cleaner train` wrote over the package's shipped model by default; an existing file now needs --force."""
    from cleaner.cli.main import build_parser, main
    from cleaner.cli.train import output_path
    from cleaner.model.learned import default_path

    monkeypatch.chdir(tmp_path)
    target = {"default": tmp_path / "cleaner-model.npz", "other": tmp_path / "mine.npz", "shipped": default_path()}[given]
    if given != "shipped":
        target.write_bytes(b"an earlier model")
    shipped = default_path().read_bytes()
    argv = ["train", "--corpora", str(_corpora(tmp_path))] + ([] if given == "default" else ["-o", str(target)])
    assert main(argv) == 2  # refused before any work: no training runs
    err = capsys.readouterr().err
    assert f"{target} exists" in err and "--force" in err and len(err.strip().splitlines()) == 1
    assert default_path().read_bytes() == shipped
    assert output_path(build_parser().parse_args([*argv, "--force"])) == target


def test_a_folder_without_documents_says_what_is_read(tmp_path, capsys):
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "a.md").write_text("# A note\n", encoding="utf-8")
    for command in (["clean"], ["check"], ["explain"], ["dups"]):
        assert main([*command, str(tmp_path / "notes")]) == 0
        err = capsys.readouterr().err
        assert f"warning: no documents found in {tmp_path / 'notes'} (cleaner reads .txt" in err, err
    assert main(["learn", str(tmp_path / "notes"), "-o", str(tmp_path / "p.json")]) == 2
    assert not (tmp_path / "p.json").exists()


def test_a_page_with_no_article_is_a_result_not_a_failure(tmp_path, capsys):
    (tmp_path / "gallery.html").write_text(NO_ARTICLE_PAGE, encoding="utf-8")
    (tmp_path / "a.txt").write_text(BODY[0] + "\n", encoding="utf-8")
    assert main(["clean", str(tmp_path / "gallery.html"), str(tmp_path / "a.txt")]) == 0
    captured = capsys.readouterr()
    page, text = [json.loads(line) for line in captured.out.splitlines()]
    assert page["text"] == "" and page["error"] == "no article text found on the page"
    assert text["text"] == BODY[0] and "error" not in text
    assert "2 file(s), 0 failed, 1 without article text" in captured.err
    out = tmp_path / "out"
    assert main(["clean", str(tmp_path / "gallery.html"), "-o", str(out), "--format", "json"]) == 0
    assert json.loads((out / "gallery.json").read_text())["error"] == "no article text found on the page"
    assert main(["check", str(tmp_path / "gallery.html")]) == 0
    assert main(["explain", str(tmp_path / "gallery.html")]) == 0
    assert "(no article text found on the page)" in capsys.readouterr().out


def _options(command: str) -> set[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, type(parser._subparsers._group_actions[0])))
    return {o for action in sub.choices[command]._actions for o in action.option_strings}


def test_each_command_offers_only_options_that_act_there():
    assert _options("rules") == {"-h", "--help", "--select", "--ignore", "--markdown"}
    assert not _options("learn") & {"--select", "--ignore", "--model", "--no-model", "--profile"}
    assert not _options("train") & {"--select", "--ignore", "--model", "--no-model", "--profile"}
    for command in ("clean", "check", "explain", "dups"):
        assert {"--select", "--ignore", "--model", "--no-model", "--profile", "-i", "--input-file"} <= _options(command)


def test_check_has_one_model_switch(tmp_path, capsys):
    path = tmp_path / "teaser.txt"
    path.write_text(f"{BODY[0]}\n\nTop Stories\n\nA headline about the weather\n\n5h ago\n", encoding="utf-8")
    ignore = "teaser,live"  # the rules that read the teaser and its stamp: only the model is left to find them
    assert main(["check", "--ignore", ignore, str(path)]) == 0  # the model is off by default in a lint
    assert main(["check", "--ignore", ignore, "--model", str(path)]) == 1
    assert re.search(r": model\.[\w.]+ ", capsys.readouterr().out)
    assert main(["check", "--ignore", ignore, "--model", "--no-model", str(path)]) == 0  # the last one wins


def test_input_file_lists_paths(article, tmp_path, capsys, monkeypatch):
    second = tmp_path / "b.txt"
    second.write_text(BODY[1] + "\n", encoding="utf-8")
    listing = tmp_path / "inputs.txt"
    listing.write_text(f"# the corpus\n{article}\n\n{second}\n", encoding="utf-8")
    assert main(["clean", "-i", str(listing), "--format", "txt"]) == 0
    assert capsys.readouterr().out == "\n\n".join(BODY) + "\n\f\n" + BODY[1] + "\n"
    monkeypatch.setattr(sys, "stdin", __import__("io").StringIO(f"{second}\n"))
    assert main(["clean", "-i", "-", "--format", "txt"]) == 0
    assert capsys.readouterr().out == BODY[1] + "\n"
    listing.write_text(f"{tmp_path / 'gone.txt'}\n", encoding="utf-8")
    assert main(["check", "-i", str(listing)]) == 2
    assert main(["clean", "-i", str(tmp_path / "no-list.txt")]) == 2
    assert "cannot read the list of inputs" in capsys.readouterr().err


def test_url_names_the_one_page_given(article, tmp_path, capsys):
    assert main(["clean", str(article), "--url", "https://www.harbour.example/news/bike-lanes"]) == 0
    metadata = json.loads(capsys.readouterr().out)["metadata"]
    assert metadata["url"] == "https://www.harbour.example/news/bike-lanes"
    assert main(["clean", str(tmp_path), "--url", "https://www.harbour.example/"]) == 2
    assert main(["clean", str(article), "--url", "ftp://example.org/x"]) == 2
    assert "not an http(s) URL" in capsys.readouterr().err


class _Pages(http.server.BaseHTTPRequestHandler):
    """Serves one article page and a 404, on the loopback address only."""

    def do_GET(self) -> None:  # noqa: N802 - the handler's name is http.server's
        if self.path != "/story.html":
            self.send_error(404, "Not Found")
            return
        body = ("<html><head><title>Bike lanes</title></head><body><nav><a href='/'>Home</a></nav><article>"
                + "".join(f"<p>{p}</p>" for p in BODY) + "</article></body></html>").encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_url_without_a_path_fetches_the_page(server, capsys):
    assert main(["clean", "--url", f"{server}/story.html", "--format", "txt"]) == 0
    out = capsys.readouterr().out
    assert BODY[0] in out and BODY[2] in out and "Home" not in out
    assert main(["clean", "--url", f"{server}/missing.html"]) == 1
    assert "cannot fetch: HTTP 404" in capsys.readouterr().err
