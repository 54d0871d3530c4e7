"""The seed contract: the five seed dumps clean as ../shared/seeds/expectations.json says, and as fixtures/ records."""
from __future__ import annotations

import json
import re

import pytest

import cleaner

from .conftest import FIXTURES, SEEDS, SHARED, seed_files

EXPECTATIONS = SHARED / "seeds" / "expectations.json"


def _ws(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _contract() -> dict:
    if not EXPECTATIONS.is_file():
        pytest.skip(f"seed contract not found at {EXPECTATIONS} (the shared folder is absent)")
    return {k: v for k, v in json.loads(EXPECTATIONS.read_text(encoding="utf-8")).items() if not k.startswith("_")}


def test_every_seed_in_the_contract_is_in_the_repo():
    assert sorted(_contract()) == [p.name for p in seed_files()]


@pytest.mark.parametrize("name", [p.name for p in seed_files()])
def test_seed_meets_contract(name):
    spec = _contract()[name]
    result = cleaner.clean((SEEDS / name).read_bytes())
    body = _ws(result.text)
    for snippet in spec["with"]:
        assert _ws(snippet) in body, f"{name}: body lost {snippet!r}"
    for snippet in spec["without"]:
        assert _ws(snippet) not in body, f"{name}: body still has {snippet!r}"
    meta = result.metadata.to_dict()
    for key, value in spec["metadata"].items():
        assert _ws(str(meta[key] or "")) == _ws(value), f"{name}: metadata {key}"


@pytest.mark.parametrize("name", [p.name for p in seed_files()])
def test_seed_matches_fixture(name):
    """The whole record (body, metadata, removed spans) equals the reviewed fixture."""
    fixture = FIXTURES / "seeds" / (name.rsplit(".", 1)[0] + ".json")
    expected = json.loads(fixture.read_text(encoding="utf-8"))
    record = cleaner.clean((SEEDS / name).read_bytes(), source=f"seeds/{name}").to_dict()
    assert record == expected


@pytest.mark.parametrize("name", ["001_3b08c3e7ab397d2a.txt", "004_69736321e38eee21.txt"])
def test_clean_seed_comes_back_unchanged(name):
    raw = (SEEDS / name).read_text(encoding="utf-8")
    result = cleaner.clean(raw)
    assert result.removed == []
    assert result.text == "\n".join(line.rstrip() for line in raw.strip("\n").splitlines())
