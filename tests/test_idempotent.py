"""Cleaning is idempotent with the learned model on (issue 24, item 3): cleaning a cleaned text removes
nothing more. The model reads a line in its context, and once furniture around a line is gone the context
differs; it failed on 22 of 181 real page dumps (cleaned twice) before the settle rounds took the model in.
"""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings

import cleaner

from .conftest import FIXTURES
from .test_fix_agrees import dumps

MODEL = cleaner.Config()  # the default: the shipped model on


def _settled(text: str) -> None:
    once = cleaner.clean(text, config=MODEL)
    again = cleaner.clean(once.text, config=MODEL)
    removed = [(d.final.rule, b.text) for b, d in zip(again.blocks, again.decisions) if d.removed and b.text.strip()]
    assert again.text == once.text, f"a second cleaning removed {removed}"


def test_a_cleaned_page_dump_stays_as_it_is():
    for dump in sorted((FIXTURES / "dumps").glob("*.txt")):
        _settled(dump.read_text("utf-8"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dumps())
def test_cleaning_twice_removes_nothing_more(dump):
    _settled(dump)
