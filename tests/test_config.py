"""One validated configuration: unknown rule ids, prefixes and keys, and numbers out of range, fail
with a ruff-style message and a "did you mean" (ValueError in the library, exit 2 on the command line)."""
from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cleaner
from cleaner.catalogue import catalogue
from cleaner.cli.main import main
from cleaner.config import Config, ConfigError, from_mapping, known_rule_ids

from .conftest import BODY

TEASER = "Top Stories\n\nA headline about the weather\n\n5h ago\n\nAnother headline on the markets\n\n2h ago"


@pytest.fixture
def dirty(tmp_path):
    path = tmp_path / "dirty.txt"
    path.write_text(f"{BODY[0]}\n\n{BODY[1]}\n\n{TEASER}\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("changes,message", [
    ({"ignore": ("nosuchrule",)}, "invalid value 'nosuchrule' for ignore: not a rule id or prefix"),
    ({"select": ("teasr",)}, "did you mean 'teaser'?"),
    ({"select": ("meta.bylin",)}, "did you mean 'meta.byline'?"),
    ({"ignore": "tea"}, "did you mean 'teaser'?"),
    ({"timeout": -5}, "invalid value -5 for timeout: must be at least 0"),
    ({"model_threshold": 1.5}, "must be between 0 and 1"),
    ({"model_threshold": float("nan")}, "must be between 0 and 1"),
    ({"max_bytes": 0}, "must be at least 1"),
    ({"max_bytes": 2.5}, "must be an integer"),
    ({"use_model": "yes"}, "must be true or false"),
    ({"input_kind": "htm"}, "invalid value 'htm' for input_kind: must be one of auto, text, html; did you mean 'html'?"),
    ({"timeout": float("inf")}, "invalid value inf for timeout: must be a finite number"),
    ({"per_file_ignores": {"*.txt": ["teasr"]}}, "did you mean 'teaser'?"),
    ({"extra": {"model_fil": "x.json"}}, "did you mean 'model_file'?"),
])
def test_library_raises_value_error_naming_the_value(changes, message):
    with pytest.raises(ValueError, match=message.replace("?", r"\?").replace("(", r"\(")) as caught:
        Config(**changes)
    assert isinstance(caught.value, ConfigError)
    with pytest.raises(ConfigError):  # replace() validates as well: no Config holds a bad value
        cleaner.Config().replace(**changes)


def test_every_rule_id_and_prefix_is_accepted():
    ids, prefixes = known_rule_ids()
    assert ids == set(catalogue()) and {"teaser", "meta", "model", "dom"} <= prefixes
    config = Config(select=tuple(sorted(ids | prefixes)), ignore=("meta.",))
    assert config.allows("teaser.block") and not config.allows("meta.byline")


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(whitelist_categories=("Ll", "Nd"), whitelist_characters="._-"), min_size=1, max_size=20))
def test_a_value_is_accepted_exactly_when_it_names_rules(value):
    ids, prefixes = known_rule_ids()
    if value.rstrip(".") in ids | prefixes:
        assert Config(ignore=(value,)).ignore == (value,)
    else:
        with pytest.raises(ConfigError):
            Config(ignore=(value,))


@pytest.mark.parametrize("argv,message", [
    (["--select", "typo"], "invalid value 'typo' for --select"),
    (["--ignore", "nosuchrule"], "invalid value 'nosuchrule' for --ignore"),
    (["--ignore", "teaser,nav.lnk"], "did you mean 'nav.link'?"),
    (["--jobs", "-1"], "argument --jobs: -1 is out of range: must be at least 1"),
    (["--jobs", "two"], "argument --jobs: 'two' is not an integer"),
    (["--timeout", "-5"], "argument --timeout: -5 is out of range: must be at least 0"),
    (["--input-kind", "xml"], "argument --input-kind: invalid choice: 'xml'"),
])
def test_command_line_refuses_bad_values_with_exit_2(dirty, capsys, argv, message):
    try:
        code = main(["clean", str(dirty), *argv])
    except SystemExit as exc:  # argparse's own refusal
        code = exc.code
    assert code == 2
    captured = capsys.readouterr()
    assert message in captured.err and captured.out == ""


@pytest.mark.parametrize("table,message", [
    ('ignor = ["teaser"]', "unknown key 'ignor' in [tool.cleaner] of {pyproject}; did you mean 'ignore'?"),
    ('ignore = ["teaser.blok"]', "invalid value 'teaser.blok' for ignore in [tool.cleaner] of {pyproject}: "
                                 "not a rule id or prefix (`cleaner rules` lists them); did you mean 'teaser.block'?"),
    ("model-threshold = 7", "invalid value 7 for model-threshold in [tool.cleaner] of {pyproject}: must be between"),
    ("use_model = 1", "must be true or false"),
    ('input-kind = "page"', "invalid value 'page' for input-kind in [tool.cleaner] of {pyproject}: must be one of"),
    ("[tool.cleaner.per-file-ignores]\n'x/*.txt' = 'nav.lnk'", "did you mean 'nav.link'?"),
    ("ignore = [", "cannot be read"),
])
def test_pyproject_mistakes_stop_every_command_with_exit_2(dirty, monkeypatch, capsys, table, message):
    pyproject = dirty.parent / "pyproject.toml"
    pyproject.write_text("[tool.cleaner]\n" + table + "\n", encoding="utf-8")
    monkeypatch.chdir(dirty.parent)
    for command in (["clean", "dirty.txt"], ["check", "dirty.txt"], ["explain", "dirty.txt"], ["rules"]):
        assert main(command) == 2, command
        err = capsys.readouterr().err
        assert message.format(pyproject=pyproject) in err, err


def test_pyproject_keys_take_dashes_or_underscores(dirty, monkeypatch, capsys):
    (dirty.parent / "pyproject.toml").write_text(
        '[tool.cleaner]\nuse-model = false\nmodel_threshold = 0.9\ntimeout = 30\nselect = ["teaser", "notice"]\n',
        encoding="utf-8")
    monkeypatch.chdir(dirty.parent)
    assert main(["clean", "dirty.txt"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert [r["rule"] for r in record["removed"]] == ["teaser.block"]


def test_per_file_ignores_from_pyproject(tmp_path, monkeypatch, capsys):
    (tmp_path / "keep").mkdir()
    for name, body in (("keep/a.txt", BODY[0]), ("b.txt", BODY[1])):
        (tmp_path / name).write_text(f"{body}\n\n{TEASER}\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.cleaner.per-file-ignores]\n"keep/*.txt" = ["teaser"]\n',
                                             encoding="utf-8")
    monkeypatch.chdir(tmp_path / "keep")  # globs are relative to the pyproject.toml, not to where one stands
    assert main(["check", "a.txt", "../b.txt"]) == 1
    out = capsys.readouterr().out
    assert "a.txt" not in out and "b.txt:3: teaser.block" in out
    assert main(["clean", "a.txt", "--format", "txt", "--no-model"]) == 0
    assert "Top Stories" in capsys.readouterr().out


def test_per_file_ignores_in_the_library_match_names_or_paths():
    config = Config(per_file_ignores={"*.txt": ["teaser"], "sub/*.html": ["nav", "dom.nav"]})
    assert config.for_path("deep/folder/a.txt").ignore == ("teaser",)
    assert config.for_path("sub/page.html").ignore == ("nav", "dom.nav")
    assert config.for_path("other/page.html") is config and config.for_path(None) is config


def test_from_mapping_lists_the_known_keys():
    with pytest.raises(ConfigError) as caught:
        from_mapping({"jobs": 2})
    assert "unknown key 'jobs'" in str(caught.value) and "per-file-ignores" in str(caught.value)
