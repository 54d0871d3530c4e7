"""Shared test helpers: where the seeds, fixtures and development corpora are."""
from __future__ import annotations

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
