"""What the library's entry points accept: a document is a str or bytes (anything else is a TypeError
naming what is accepted), clean_many takes an iterable of documents (not one string), the size limit
and the time limit are the Config's, checked as the command line checks them."""
from __future__ import annotations

import math
from pathlib import Path

import pytest

import cleaner

from .conftest import BODY

CONFIG = cleaner.Config(use_model=False)


@pytest.mark.parametrize("document", [None, 123, 4.5, Path("article.txt"), ["a", "list"], bytearray(b"x")],
                         ids=["None", "int", "float", "Path", "list", "bytearray"])
def test_clean_refuses_what_is_not_a_document(document):
    with pytest.raises(TypeError, match=r"str or bytes") as caught:
        cleaner.clean(document, config=CONFIG)
    assert type(document).__name__ in str(caught.value)


def test_clean_of_a_path_says_to_read_the_file():
    with pytest.raises(TypeError, match="read_text|read_bytes"):
        cleaner.clean(Path("article.txt"), config=CONFIG)


@pytest.mark.parametrize("documents", ["a string of text", b"some bytes"])
def test_clean_many_refuses_one_bare_document(documents):
    with pytest.raises(TypeError, match="iterable of documents"):
        list(cleaner.clean_many(documents, config=CONFIG))


@pytest.mark.parametrize("timeout", [-1, -0.5, math.nan, math.inf, "5", True])
def test_timeout_is_checked_the_same_way_in_clean_and_config(timeout):
    with pytest.raises(cleaner.ConfigError, match="timeout") as in_config:
        cleaner.Config(timeout=timeout)
    with pytest.raises(cleaner.ConfigError, match="timeout") as in_clean:
        cleaner.clean(BODY[0], config=CONFIG, timeout=timeout)
    assert str(in_clean.value) == str(in_config.value)


def test_no_timeout_and_zero_still_mean_no_limit():
    for timeout in (None, 0, 0.0):
        assert cleaner.clean(BODY[0], config=CONFIG, timeout=timeout).text == BODY[0]


@pytest.mark.parametrize("document", [BODY[0] * 3, (BODY[0] * 3).encode("utf-8"), "é" * 150],
                         ids=["str", "bytes", "two-byte-characters"])
def test_clean_refuses_a_document_over_max_bytes(document):
    small = CONFIG.replace(max_bytes=200)
    result = cleaner.clean(document, config=small)
    assert result.text == "" and result.error == "larger than the limit of 200 bytes (max_bytes)"
    assert cleaner.clean(document, config=CONFIG.replace(max_bytes=1000)).text  # within the limit: cleaned


def test_clean_many_refuses_documents_over_max_bytes_and_goes_on():
    small = CONFIG.replace(max_bytes=200)
    results = list(cleaner.clean_many([BODY[1], BODY[0] * 3, (BODY[0] * 3, "https://x.example/a")], config=small))
    assert results[0].text == BODY[1] and results[0].error is None
    assert [r.error for r in results[1:]] == ["larger than the limit of 200 bytes (max_bytes)"] * 2
    assert [r.text for r in results[1:]] == ["", ""]
