"""`cleaner rules`: list every rule id with its reason."""
from __future__ import annotations

import argparse

from ..config import Config

OPTIONS = ("rules",)  # --select/--ignore mark the rules they turn off


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `rules`."""
    parser.add_argument("--markdown", action="store_true", help="print the table of docs/rules.md")


def run(args: argparse.Namespace, config: Config) -> int:
    """Print the catalogue, marking rules that --select/--ignore or the config turn off."""
    from ..catalogue import catalogue, markdown

    if args.markdown:
        print(markdown(), end="")
        return 0
    for rule_id, reason in sorted(catalogue().items()):
        print(f"{rule_id:24} {reason}{'' if config.allows(rule_id) else '  (off)'}")
    return 0
