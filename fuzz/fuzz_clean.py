"""Coverage-guided fuzzing of `cleaner.clean` on raw bytes (atheris/libFuzzer).

    mkdir -p /tmp/fuzz-corpus && cp seeds/*.txt /tmp/fuzz-corpus/
    python fuzz/fuzz_clean.py /tmp/fuzz-corpus -max_total_time=300 -max_len=4096 -timeout=10

Any exception other than DecodeError (binary input, by design) is a finding; so is an input slower
than -timeout seconds. libFuzzer writes new inputs into the first corpus folder: keep it out of the repo.
"""
from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["cleaner"]):
    import cleaner
    from cleaner.io.encoding import DecodeError


def test_one_input(data: bytes) -> None:
    """Clean one fuzzed document; only a DecodeError is an acceptable failure."""
    try:
        cleaner.clean(data)
    except DecodeError:
        pass


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
