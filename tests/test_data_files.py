"""The package's TOML data read through its stored JSON copy is the data the TOML file holds, whatever state the
copy or its folder is in."""
from __future__ import annotations

import tomllib
from importlib import resources

import pytest

from cleaner import data

TOML_FILES = sorted(p.name for p in resources.files("cleaner.data").iterdir() if p.name.endswith(".toml"))


def _parsed(name: str) -> dict:
    return tomllib.loads(resources.files("cleaner.data").joinpath(name).read_text("utf-8"))


@pytest.mark.parametrize("name", TOML_FILES)
def test_every_data_file_reads_the_same_parsed_or_from_its_stored_copy(monkeypatch, tmp_path, name):
    monkeypatch.setenv("CLEANER_CACHE", str(tmp_path))
    first = data.load_toml(name)  # parsed, and the copy stored
    assert len(list(tmp_path.glob("data-*.json"))) == 1
    second = data.load_toml(name)  # read from the copy
    assert first == second == _parsed(name)


def test_a_damaged_copy_or_an_unwritable_folder_still_gives_the_data(monkeypatch, tmp_path):
    monkeypatch.setenv("CLEANER_CACHE", str(tmp_path))
    data.load_toml("months.toml")
    (stored,) = tmp_path.glob("data-months-*.json")
    stored.write_bytes(stored.read_bytes()[:-40])  # cut short
    assert data.load_toml("months.toml") == _parsed("months.toml")
    assert data.load_toml("months.toml") == _parsed("months.toml")  # stored anew, whole
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("CLEANER_CACHE", str(blocked))
    assert data.load_toml("months.toml") == _parsed("months.toml")


def test_each_call_gives_its_own_dict(monkeypatch, tmp_path):
    """A caller that changes what it got cannot change what the next caller reads."""
    monkeypatch.setenv("CLEANER_CACHE", str(tmp_path))
    got = data.load_toml("months.toml")
    got.clear()
    assert data.load_toml("months.toml") == _parsed("months.toml")


def test_a_copy_of_other_bytes_is_never_read(monkeypatch, tmp_path):
    """The copy is named by the TOML file's bytes: edited data is parsed again, not read from an old copy."""
    monkeypatch.setenv("CLEANER_CACHE", str(tmp_path))
    data.load_toml("months.toml")
    (stored,) = tmp_path.glob("data-months-*.json")
    stored.write_text('{"stale": true}', encoding="utf-8")
    assert data.load_toml("months.toml") == {"stale": True}  # the same bytes: the copy is trusted
    real = resources.files("cleaner.data").joinpath("months.toml").read_bytes()
    monkeypatch.setattr(data, "_FORMAT", data._FORMAT + b"+")  # as if the file's bytes (or the form) changed
    assert data.load_toml("months.toml") == tomllib.loads(real.decode("utf-8"))


def test_the_folder_keeps_only_the_latest_copies_of_a_file(monkeypatch, tmp_path):
    monkeypatch.setenv("CLEANER_CACHE", str(tmp_path))
    for k in range(data.KEEP_COPIES + 2):
        monkeypatch.setattr(data, "_FORMAT", b"test/%d" % k)
        data.load_toml("months.toml")
    assert len(list(tmp_path.glob("data-months-*.json"))) == data.KEEP_COPIES
