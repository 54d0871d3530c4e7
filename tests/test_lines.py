"""Lines are split at \\n, \\r\\n and \\r only: U+2028, U+2029, U+0085, \\v, \\f and \\x1c-\\x1e inside a line (a
JSONL record's text holds them) are spaces, not line breaks, so they never cut a paragraph into a title or
a section, and the line numbers `check` reports are the lines `--fix` removes."""
from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cleaner
from cleaner.cli.main import main
from cleaner.text.segment import INLINE_BREAKS, split_lines

from .conftest import BODY

CONFIG = cleaner.Config(use_model=False)
SEPARATORS = "\u2028\u2029\u0085\x0b\x0c\x1c\x1d\x1e"
TEASER = ["Top Stories", "A headline about the weather", "5h ago", "Another headline on the markets", "2h ago"]


def _cut(paragraph: str, separator: str) -> str:
    """`paragraph` with `separator` in place of the space after its eighth word."""
    words = paragraph.split(" ")
    return " ".join(words[:8]) + separator + " ".join(words[8:])


@given(st.text(st.sampled_from("ab \n\r" + SEPARATORS), max_size=40))
def test_split_lines_splits_at_newlines_only_and_loses_nothing(text):
    kept = split_lines(text, keepends=True)
    assert "".join(kept) == text
    assert split_lines(text) == [line.rstrip("\r\n") for line in kept]
    assert split_lines(text) == text.replace("\r\n", "\n").replace("\r", "\n").split("\n")[:len(kept)]
    assert all("\n" not in line and "\r" not in line for line in split_lines(text))


def test_a_separator_inside_a_paragraph_is_a_space():
    for separator in SEPARATORS:
        text = f"{_cut(BODY[0], separator)}\n\n{_cut(BODY[1], separator)}\n\n{BODY[2]}"
        result = cleaner.clean(text, config=CONFIG)
        assert result.removed == [] and result.metadata.title is None, repr(separator)
        assert result.text == "\n\n".join(BODY)  # the rules, and the body, read a space there


def test_a_jsonl_record_keeps_its_paragraphs_whole(tmp_path, capsys):
    path = tmp_path / "records.jsonl"
    record = {"id": "a", "text": f"{_cut(BODY[0], chr(0x2028))}\n\n{_cut(BODY[1], chr(0x2029))}\n\n{BODY[2]}"}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    assert main(["clean", "--no-model", str(path)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["text"] == "\n\n".join(BODY) and out["removed"] == []
    assert out["metadata"].get("title") is None and out["metadata"].get("section") is None


_LINE = st.sampled_from([*BODY, *TEASER, "Share this article", "Advertisement", "By Jane Doe", ""])


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(_LINE, st.sampled_from(["", *SEPARATORS])), min_size=1, max_size=20))
def test_reported_line_numbers_are_the_lines_of_the_input(lines):
    text = "\n".join(_cut(line, sep) if sep and line.count(" ") > 8 else line + sep for line, sep in lines)
    original = split_lines(text)
    for span in cleaner.clean(text, config=CONFIG).removed:
        covered = [INLINE_BREAKS.sub(" ", line).rstrip() for line in original[span.start_line - 1:span.end_line]]
        assert [line for line in covered if line.strip()] == span.text.split("\n")


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(separator=st.sampled_from(SEPARATORS), newline=st.sampled_from(["\n", "\r\n"]))
def test_fix_removes_the_reported_lines_and_keeps_the_others_byte_for_byte(tmp_path_factory, separator, newline):
    body = [_cut(BODY[0], separator), _cut(BODY[1], separator), BODY[2]]
    text = newline.join([body[0], "", body[1], "", *TEASER, "", body[2], ""])
    path = tmp_path_factory.mktemp("fix") / "a.txt"
    path.write_bytes(text.encode("utf-8"))
    assert main(["check", str(path)]) == 1
    assert main(["check", "--fix", str(path)]) == 0
    assert path.read_bytes() == newline.join([body[0], "", body[1], "", body[2], ""]).encode("utf-8")
