"""Shared test helpers: where the seeds, fixtures and development corpora are; the `slow` marker.

Tests marked `slow` (a real pre-commit install in its own environment, 50 MB inputs) run with
`--run-slow`, or when the CI environment variable is set, as it is for `.ci/run`: the README's
test command then runs everything, and a developer's run stays quick.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FIXTURES = ROOT / "fixtures"
SHARED = ROOT.parent / "shared"

BODY = [
    "The city council voted on Tuesday to expand the network of protected bike lanes across the downtown core, "
    "a plan that supporters say will make commuting safer for thousands of residents.",
    "Officials said construction would begin in the spring and take roughly two years, with the first segments "
    "opening along the waterfront before the busy summer season.",
    "Critics on the council argued that the cost had grown too quickly and asked staff to return with a detailed "
    "breakdown of the budget before the final vote in the autumn.",
]


@pytest.fixture
def body() -> list[str]:
    """Three clean body paragraphs not taken from the seeds."""
    return list(BODY)


def seed_files() -> list[Path]:
    """The seed dumps shipped in the repository."""
    return sorted(SEEDS.glob("*.txt"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--run-slow", action="store_true", help="also run the tests marked slow (as CI does)")


def run_slow(config: pytest.Config) -> bool:
    """Whether tests marked slow run: with --run-slow, or under CI (CI set and not "false"/"0")."""
    return config.getoption("--run-slow") or os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


def pytest_configure(config: pytest.Config) -> None:
    """Under xdist, the controller has the pattern scan's database compiled (or found in the cache folder)
    before the workers start: on a cold cache (a fresh machine) that is one compile of seconds on one
    processor, where the workers would each wait for it (cleaner/text/scan.py: processes take turns at
    compiling) or compete with it for the processors while they collect - measured, both slower."""
    if hasattr(config, "workerinput") or not getattr(config.option, "numprocesses", None):
        return
    subprocess.run([sys.executable, "-c", "from cleaner.text.table import scanner; scanner()"],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if run_slow(config):
        return
    skip = pytest.mark.skip(reason="slow: run with --run-slow or CI=true (.ci/run does)")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)
