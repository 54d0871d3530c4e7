"""Write data/given_names.txt: the given names of many languages, from Faker's person data.

    python -m cleaner.model.training.given_names [--out cleaner/data/given_names.txt]

A dump's capitalised pair of words is a person when it opens with a given name ('Mary Leverette') and
a heading when it does not ('Key Takeaways'): the metadata-line tagger reads bylines with this list
(text/names.has_given_name). Faker (a `train` extra) keeps first names for some 80 locales; the list
keeps those written in a cased script, casefolded and sorted, so the same Faker gives the same bytes.
"""
from __future__ import annotations

import argparse
import importlib
import pkgutil
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

_FIELDS = ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary")


def faker_given_names() -> set[str]:
    """Every first name of Faker's person providers that opens with a capital letter, casefolded."""
    from faker.providers import person

    found: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"{person.__name__}.{module.name}").Provider
        for field in _FIELDS:
            values = getattr(provider, field, None)
            if isinstance(values, dict):
                values = list(values)
            if not isinstance(values, (list, tuple, set, frozenset)):
                continue
            found.update(v.casefold() for v in values if v[:1].isupper() and " " not in v.strip())
    return found


def main(argv: Sequence[str] | None = None) -> int:
    """Write the list (one name per line, sorted)."""
    ap = argparse.ArgumentParser(prog="python -m cleaner.model.training.given_names",
                                 description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=Path(str(resources.files("cleaner.data").joinpath("given_names.txt"))))
    args = ap.parse_args(argv)
    names = sorted(faker_given_names())
    args.out.write_text("".join(f"{name}\n" for name in names), "utf-8")
    print(f"wrote {args.out}: {len(names)} given names")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
