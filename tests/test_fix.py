"""`check --fix` as a lint fixer (issue 14, class 5): exactly the reported lines go, every other byte stays.

Each test is a scenario that failed on the fixer before: it rewrote the whole file from the cleaned text.
"""
from __future__ import annotations

import codecs
import json
import os
import stat

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from cleaner.cli.main import main
from cleaner.io.encoding import looks_like_html

from .conftest import BODY

TEASER = "Top Stories\n\nA headline about the weather\n\n5h ago\n\nAnother headline on the markets\n\n2h ago"


def _dirty(newline: str = "\n") -> str:
    """Two body paragraphs (one with trailing spaces), a run of blank lines, a teaser block, a third one."""
    text = f"{BODY[0]}   \n\n\n\n{BODY[1]}\n\n{TEASER}\n\n{BODY[2]}\n"
    return text.replace("\n", newline)


def _expected(newline: str = "\n") -> str:
    return f"{BODY[0]}   \n\n\n\n{BODY[1]}\n\n{BODY[2]}\n".replace("\n", newline)


@pytest.mark.parametrize("encoding,bom,newline", [
    ("utf-8", b"", "\n"), ("utf-8", b"", "\r\n"), ("utf-8", codecs.BOM_UTF8, "\n"),
    ("utf-16-le", codecs.BOM_UTF16_LE, "\r\n"), ("utf-16-be", codecs.BOM_UTF16_BE, "\n"),
])
def test_only_the_reported_lines_go_byte_for_byte(tmp_path, capsys, encoding, bom, newline):
    """CRLF became LF, a BOM was dropped, UTF-16 became UTF-8, trailing spaces and blank-line runs went."""
    path = tmp_path / "a.txt"
    path.write_bytes(bom + _dirty(newline).replace("council", "conseil général").encode(encoding))
    assert main(["check", "--fix", str(path)]) == 0
    assert path.read_bytes() == bom + _expected(newline).replace("council", "conseil général").encode(encoding)
    assert main(["check", str(path)]) == 0


@pytest.mark.parametrize("data", [
    _dirty().encode("utf-8").replace(b"council", b"council\xff", 1),  # UTF-8 with one stray byte
    _dirty().replace("council", "conseil général").encode("cp1252"),
])
def test_a_file_it_cannot_decode_with_certainty_is_left_alone(tmp_path, capsys, data):
    """A UTF-8 file with one stray byte was turned into mojibake; cp1252 was converted to UTF-8."""
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    assert main(["check", "--fix", str(path)]) == 1
    assert "not fixed: cannot tell its encoding for certain" in capsys.readouterr().err
    assert path.read_bytes() == data


def test_symlinks_hard_links_owner_and_mode_are_kept(tmp_path, capsys):
    """--fix replaced a symlink with a regular file and split hard links."""
    target, link, hard = tmp_path / "target.txt", tmp_path / "link.txt", tmp_path / "hard.txt"
    target.write_text(_dirty())
    link.symlink_to(target.name)
    os.link(target, hard)
    os.chmod(target, 0o640)
    os.chown(target, 1234, 4321)
    assert main(["check", "--fix", str(link)]) == 0
    assert link.is_symlink() and os.readlink(link) == target.name
    assert target.read_text() == _expected() and hard.read_text() == _expected()
    assert os.path.samefile(target, hard)
    info = os.stat(target)
    assert stat.S_IMODE(info.st_mode) == 0o640 and (info.st_uid, info.st_gid) == (1234, 4321)
    single = tmp_path / "single.txt"  # without other links: replaced atomically, owner and mode kept too
    single.write_text(_dirty())
    os.chmod(single, 0o604)
    os.chown(single, 1234, 4321)
    assert main(["check", "--fix", str(single)]) == 0
    info = os.stat(single)
    assert stat.S_IMODE(info.st_mode) == 0o604 and (info.st_uid, info.st_gid) == (1234, 4321)


def test_jsonl_fix_changes_only_the_text_value(tmp_path, capsys):
    """Other fields were re-serialised (1e400 became Infinity, which is not JSON)."""
    path = tmp_path / "s.jsonl"
    text = json.dumps(f"{BODY[1]}\r\n\r\n{TEASER}")
    before = f'{{ "big":1e400,"text" : {text},  "z":[1.50, "\\u00e9"] }}'
    path.write_bytes(b'{"id":1,"text":"The budget passed."}\r\n' + before.encode() + b"\r\n")
    assert main(["check", "--fix", str(path)]) == 0
    first, second, end = path.read_bytes().split(b"\r\n")
    assert first == b'{"id":1,"text":"The budget passed."}' and end == b""
    assert second.decode() == before.replace(text, json.dumps(BODY[1]))


def test_metadata_lines_move_into_the_record_and_stay_in_text_files(tmp_path, capsys):
    """--fix dropped title, byline and date lines, keeping them nowhere."""
    dump = f"By Jane Keller, Reuters\n\n{BODY[0]}\n\n{BODY[1]}\n\nShare this article\n"
    text_file = tmp_path / "a.txt"
    text_file.write_text(dump)
    assert main(["check", "--fix", str(text_file)]) == 0
    assert text_file.read_text() == f"By Jane Keller, Reuters\n\n{BODY[0]}\n\n{BODY[1]}\n"  # the byline stays
    assert "meta.byline" not in capsys.readouterr().out
    assert main(["check", "--select", "meta", str(text_file)]) == 1  # reported when asked for
    assert "meta.byline" in capsys.readouterr().out
    record = tmp_path / "s.jsonl"
    record.write_text(json.dumps({"id": 1, "text": dump, "metadata": {"url": "https://example.com/a"}}) + "\n")
    assert main(["check", "--fix", str(record)]) == 0
    fixed = json.loads(record.read_text())
    assert fixed["text"] == f"{BODY[0]}\n\n{BODY[1]}\n"
    assert fixed["metadata"] == {"url": "https://example.com/a", "author": "Jane Keller",
                                 "authors": ["Jane Keller"], "publisher": "Reuters"}


def test_a_stale_temporary_file_is_removed_and_names_are_printed_on_one_line(tmp_path, capsys):
    """A kill -9 during --fix left `.NAME.cleaner-tmp-XXXXXXXX` in the corpus; a name with a newline broke
    the one-line finding."""
    path = tmp_path / "a\nb\x1b[2J.txt"
    path.write_text(_dirty())
    stale = tmp_path / ".a.txt.cleaner-tmp-abcd1234"
    stale.write_text("half")
    assert main(["check", "--fix", str(path)]) == 0
    assert not stale.exists() and path.read_text() == _expected()
    out = capsys.readouterr().out
    assert "\x1b" not in out and out.count("\n") == 1 and "a\\nb\\x1b[2J.txt:" in out


def test_fix_settles_in_one_pass_on_the_known_case(tmp_path, capsys):
    """A second --fix removed more: removing the repeated lines revealed a run of teaser times."""
    path = tmp_path / "a.txt"
    path.write_text("5h ago\n<p>\n<p>\n1 2 3\n1 2 3\n5h ago\n")
    main(["check", "--fix", str(path)])
    assert main(["check", str(path)]) == 0


LINES = ["Top Stories", "5h ago", "Share this article", "By Jane Doe", "", "Advertisement", "<p>", "1 2 3",
         "Related: more", *BODY, "About the author", "Jane Doe is a reporter at the Courier.", "View all posts"]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(LINES), max_size=25), st.sampled_from(["\n", "\r\n"]))
def test_fix_settles_and_keeps_every_unreported_line(tmp_path_factory, lines, newline):
    """After one --fix the check finds nothing; every line not reported is still there, in order. (A line
    soup read as HTML is reported, not rewritten.)"""
    assume(not looks_like_html(newline.join(lines)))
    path = tmp_path_factory.mktemp("fix") / "a.txt"
    path.write_bytes(newline.join(lines).encode())
    main(["check", "--fix", str(path)])
    after = path.read_bytes().decode()
    assert main(["check", str(path)]) == 0
    kept = iter(lines)
    assert all(any(line == k for k in kept) for line in after.split(newline) if line)  # a subsequence
