"""The library beyond clean(): clean_many streaming Results in order, py.typed, every public type and
error importable from `cleaner`, and the packaging metadata a fresh install reads."""
from __future__ import annotations

import dataclasses
import itertools
import re
import subprocess
import sys
import tomllib
import typing
from importlib import resources

import pytest

import cleaner
from cleaner.run import batch

from .conftest import BODY, ROOT, seed_files

CONFIG = cleaner.Config(use_model=False)


def _documents() -> list:
    seeds = [p.read_text(encoding="utf-8") for p in seed_files()]
    return [*seeds, b"\x00\x01\x02" * 100, ("<html><body><p>" + BODY[0] + "</p></body></html>", "https://x.example/a")]


@pytest.mark.parametrize("jobs", [1, 2])
def test_clean_many_gives_clean_results_in_order(jobs):
    documents = _documents()
    results = list(cleaner.clean_many(documents, jobs=jobs, config=CONFIG))
    assert len(results) == len(documents)
    for document, result in zip(documents[:5], results):
        assert result.to_dict() == cleaner.clean(document, config=CONFIG).to_dict()
    assert results[5].text == "" and "binary data" in results[5].error
    assert results[6].text == BODY[0] and results[6].metadata.url == "https://x.example/a"


def test_clean_many_streams_a_bounded_window_ahead():
    taken = []

    def endless():
        for i in itertools.count():
            taken.append(i)
            yield BODY[i % 3]

    results = cleaner.clean_many(endless(), jobs=2, config=CONFIG)
    assert [next(results).text for _ in range(5)] == [BODY[i % 3] for i in range(5)]
    assert len(taken) <= 5 + 2 * batch.WINDOW_PER_WORKER
    results.close()


def test_clean_many_refuses_what_is_not_a_document():
    with pytest.raises(ValueError, match="jobs"):
        list(cleaner.clean_many([BODY[0]], jobs=0))
    with pytest.raises(TypeError, match="document 1"):
        list(cleaner.clean_many([BODY[0], 42]))


def test_package_is_typed():
    assert resources.files("cleaner").joinpath("py.typed").is_file()
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "py.typed" in data["tool"]["setuptools"]["package-data"]["cleaner"]


def _cleaner_types(hint, seen: set) -> None:
    """Classes of the cleaner package named in a type hint, recursively through dataclass fields."""
    for arg in typing.get_args(hint):
        _cleaner_types(arg, seen)
    if isinstance(hint, type) and hint.__module__.startswith("cleaner") and hint not in seen:
        seen.add(hint)
        if dataclasses.is_dataclass(hint):
            for value in typing.get_type_hints(hint).values():
                _cleaner_types(value, seen)


def test_every_public_type_and_error_is_exported():
    seen: set = set()
    for function in (cleaner.clean, cleaner.clean_many):
        for hint in typing.get_type_hints(function).values():
            _cleaner_types(hint, seen)
    exported = {getattr(cleaner, name) for name in cleaner.__all__}
    assert seen <= exported, seen - exported
    for error in (cleaner.ConfigError, cleaner.DecodeError, cleaner.DocumentTimeout):
        assert issubclass(error, Exception) and error in exported
    assert issubclass(cleaner.ConfigError, ValueError)


def test_errors_raised_by_the_library_are_the_exported_ones():
    with pytest.raises(cleaner.DecodeError):
        cleaner.clean(b"\x00\x01\x02" * 100)
    with pytest.raises(cleaner.ConfigError):
        cleaner.clean(BODY[0], config=cleaner.Config(select=("teasr",)))


def test_license_is_an_spdx_expression_and_versions_agree():
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert data["project"]["license"] == "Apache-2.0"
    assert not any(c.startswith("License ::") for c in data["project"].get("classifiers", []))
    assert any(re.fullmatch(r"setuptools>=(\d+)", r) and int(r.split(">=")[1]) >= 77
               for r in data["build-system"]["requires"])
    assert cleaner.__version__ == data["project"]["version"]


@pytest.mark.slow
def test_a_fresh_build_gives_no_warning_from_the_projects_files(tmp_path):
    """What `pip install -e .` builds, built here into a wheel: no deprecation or other warning of ours."""
    run = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-v", "-w", str(tmp_path), str(ROOT)],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    log = run.stdout + run.stderr
    ours = [line for line in log.splitlines()
            if re.search(r"warn|deprecat", line, re.IGNORECASE)
            and not re.search(r"byte-compiling is disabled|Running pip as the 'root' user|Location '.*' is ignored",
                              line)]
    assert not ours, "\n".join(ours)
    [wheel] = tmp_path.glob("cleaner-*.whl")
    import zipfile

    assert "cleaner/py.typed" in zipfile.ZipFile(wheel).namelist()
