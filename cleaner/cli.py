"""The `cleaner` command: parses arguments into a Config in one place and hands off to a subcommand.

Subcommands live in `cleaner.commands.<name>`, each with `HELP`, `add_arguments(parser)` and
`run(args, config) -> int`. This module stays light: heavy libraries load only where used.
"""
from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path

from .config import Config, from_mapping, load_pyproject

COMMANDS = ("clean", "check", "learn", "dups", "explain", "rules", "train")


def _rule_list(text: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in text.split(",") if p.strip())


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand and the options they share."""
    parser = argparse.ArgumentParser(prog="cleaner", description="Strip boilerplate from article dumps and explain it.")
    parser.add_argument("--version", action="version", version=f"cleaner {_version()}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        module = importlib.import_module(f"cleaner.commands.{name}")
        cmd = sub.add_parser(name, help=module.HELP, description=module.HELP)
        cmd.add_argument("--select", type=_rule_list, default=None, metavar="IDS",
                         help="only these rule ids or prefixes, comma-separated (e.g. teaser,audio.tts_notice)")
        cmd.add_argument("--ignore", type=_rule_list, default=None, metavar="IDS",
                         help="never these rule ids or prefixes, comma-separated")
        cmd.add_argument("--no-model", action="store_true", help="heuristic rules only, no learned model")
        cmd.add_argument("--profile", metavar="FILE", help="boilerplate profile learned with `cleaner learn`")
        module.add_arguments(cmd)
        cmd.set_defaults(module=module)
    return parser


def config_from_args(args: argparse.Namespace) -> Config:
    """The run's Config: defaults, then `[tool.cleaner]` of pyproject.toml, then the command line."""
    config = from_mapping(load_pyproject(Path.cwd()))
    changes: dict = {}
    if args.select is not None:
        changes["select"] = args.select
    if args.ignore is not None:
        changes["ignore"] = args.ignore
    if args.no_model:
        changes["use_model"] = False
    if args.profile:
        changes["profile"] = args.profile
    for name in ("timeout",):
        if getattr(args, name, None) is not None:
            changes[name] = getattr(args, name)
    return config.replace(**changes)


def _version() -> str:
    from . import __version__

    return __version__


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `cleaner` console script; returns the exit status."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.module.run(args, config_from_args(args)))
    except KeyboardInterrupt:
        print("cleaner: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
