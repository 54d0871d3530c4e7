"""Progress: a bar with a total on a terminal, messages through the bar's writer (never glued onto
it), and a learning pass that shows its own bar and says what it learned."""
from __future__ import annotations

import fcntl
import io
import os
import re
import select
import struct
import subprocess
import sys
import termios
import time

from cleaner.cli.progress import Progress

from .conftest import BODY, ROOT

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


class Terminal(io.StringIO):
    """A StringIO that says it is a terminal, as tqdm sees one."""

    def isatty(self) -> bool:
        return True


def _screen_lines(raw: str) -> list[str]:
    """What a terminal keeps on its lines: each \\r returns to the start, escapes stripped."""
    return [ANSI.sub("", part).strip() for line in raw.split("\n") for part in line.split("\r")]


def test_bar_has_a_total_and_messages_stand_on_their_own_lines():
    screen = Terminal()
    with Progress(total=3, desc="cleaning", file=screen) as progress:
        for i in range(3):
            progress.update()
            progress.note(f"cleaner: doc{i}.txt: binary data (NUL bytes), not text")
    lines = _screen_lines(screen.getvalue())
    for i in range(3):
        assert f"cleaner: doc{i}.txt: binary data (NUL bytes), not text" in lines  # a whole line, nothing glued
    assert any(re.match(r"cleaning: +\d+%\|.*\| 3/3", line) for line in lines)


def test_no_bar_without_a_terminal():
    plain = io.StringIO()
    with Progress(total=3, file=plain) as progress:
        progress.update()
        progress.note("one message")
    assert plain.getvalue() == "one message\n" and not progress.shown


def _run_on_a_terminal(args: list[str], cwd, timeout: float = 120) -> str:
    """Run the command with stderr on a pseudo-terminal; everything the terminal received."""
    main, child = os.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # 24 rows, 100 columns
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "cleaner", *args], cwd=cwd, stdout=subprocess.DEVNULL,
                            stderr=child, stdin=subprocess.DEVNULL, env=env)
    os.close(child)
    chunks = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([main], [], [], 0.5)
        if ready:
            try:
                data = os.read(main, 65536)
            except OSError:  # the terminal closed with the process
                break
            if not data:
                break
            chunks.append(data)
        elif proc.poll() is not None:
            break
    proc.wait(timeout=30)
    os.close(main)
    return b"".join(chunks).decode("utf-8", "replace")


def test_a_folder_run_on_a_terminal_shows_a_total_and_whole_error_lines(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for i in range(6):
        (src / f"{i}.txt").write_text("\n\n".join(BODY) + "\n\nShare this article\n", encoding="utf-8")
    (src / "bin.txt").write_bytes(b"\x00\x01\x02" * 100)
    raw = _run_on_a_terminal(["clean", str(src), "-o", str(tmp_path / "out"), "--no-learn"], tmp_path)
    lines = _screen_lines(raw)
    assert f"cleaner: {src / 'bin.txt'}: binary data (NUL bytes), not text" in lines, raw
    assert any(re.match(r"cleaning: +\d+%\|.*\| \d/7 ", line) for line in lines), raw  # the total is known: 7
    assert "cleaner: 7 file(s), 1 failed, 6 block(s) removed (social.share=6)" in lines, raw


def test_learning_pass_shows_its_bar_and_what_it_learned(tmp_path):
    site = tmp_path / "in" / "gazette"
    site.mkdir(parents=True)
    footer = "Harbour Gazette is published by Coastline Media Group of Portsmouth."
    for i in range(26):
        words = " ".join("".join(chr(97 + int(d)) for d in f"{i:02d}{k:02d}") for k in range(30))
        (site / f"{i:02d}.txt").write_text(f"{BODY[i % 3]} {words}.\n\n{footer}\n", encoding="utf-8")
    raw = _run_on_a_terminal(["clean", str(tmp_path / "in"), "-o", str(tmp_path / "out")], tmp_path)
    lines = _screen_lines(raw)
    assert any(re.match(r"learning: +\d+%\|.*\| \d+/26 ", line) for line in lines), raw
    assert any(line.startswith("cleaner: learned 1 repeated line(s) from 1 site(s)") for line in lines), raw
    assert footer not in (tmp_path / "out" / "gazette" / "05.txt").read_text(encoding="utf-8")
