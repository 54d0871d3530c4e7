"""The `cleaner` command: parses arguments into a Config in one place and hands off to a subcommand.

Subcommands live in `cleaner.cli.<name>`, each with `add_arguments(parser)` and `run(args, config) -> int`;
their one-line help is here. This module stays light: only the command that runs is imported, and heavy
libraries load only where used.
"""
from __future__ import annotations

import argparse
import importlib
import signal
import sys
import threading
from collections.abc import Sequence

from ..config import CLI_TIMEOUT, DEFAULT, INPUT_KINDS, Config, ConfigError, load, rule_ids
from ..workers import EngineError
from .options import EXIT_FINDINGS, EXIT_USAGE, UsageError
from .terminal import printable

# Every subcommand, with its one-line help.
COMMANDS = {
    "clean": "clean raw dumps (files, folders, .gz, '-' for stdin) into article text or JSON",
    "check": "lint corpus files: report boilerplate still in them (path:line: RULE reason: \"excerpt\"); --fix removes it",
    "learn": "learn a boilerplate profile (lines recurring across a site's documents) for clean/check --profile",
    "dups": "find documents telling the same story (copies, re-translations, paraphrases) and print the pairs",
    "explain": "explain what cleaning removes from each dump (text, --json, or an --html report)",
    "rules": "list every rule id cleaner can report, with its reason",
    "train": "train the learned cleaner on corpora with gold bodies and the boilerplate zoo (needs the `train` extra)",
}


def _rule_list(text: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in text.split(",") if p.strip())


def _add_shared(cmd: argparse.ArgumentParser, module) -> None:
    """The options of Config that this command uses (and only those: an option must do something)."""
    shared = getattr(module, "OPTIONS", ())
    if "rules" in shared:
        cmd.add_argument("--select", type=_rule_list, default=None, metavar="IDS",
                         help="only these rule ids or prefixes, comma-separated (e.g. teaser,audio.tts_notice)")
        cmd.add_argument("--ignore", type=_rule_list, default=None, metavar="IDS",
                         help="never these rule ids or prefixes, comma-separated")
    if "model" in shared:
        default = "on" if getattr(module, "DEFAULTS", {}).get("use_model", True) else "off"
        cmd.add_argument("--model", action=argparse.BooleanOptionalAction, default=None,
                         help=f"apply the learned line model to what the heuristic rules leave (default: {default})")
    if "comments" in shared:
        cmd.add_argument("--comments", action=argparse.BooleanOptionalAction, default=None,
                         help="give the reader-comment thread of a page or dump apart from the body (JSON key "
                              "'comments'; default: off)")
    if "profile" in shared:
        cmd.add_argument("--profile", metavar="FILE", help="boilerplate profile learned with `cleaner learn`")
    if "input_kind" in shared:
        cmd.add_argument("--input-kind", choices=INPUT_KINDS, default=None,
                         help="read every document as text (a dump) or html (a page); auto (default): .html files "
                              "and WARC records are pages, other documents only when they are markup throughout")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser with every subcommand; with `command` named, only that one's options (the
    others' modules are then not imported)."""
    parser = argparse.ArgumentParser(prog="cleaner", description="Strip boilerplate from article dumps and explain it.",
                                     epilog="exit status: 0 done, 1 findings or documents that failed, 2 usage error")
    parser.add_argument("--version", action="version", version=f"cleaner {_version()}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, text in COMMANDS.items():
        cmd = sub.add_parser(name, help=text, description=text)
        if command is None or name == command:
            module = importlib.import_module(f"cleaner.cli.{name}")
            _add_shared(cmd, module)
            module.add_arguments(cmd)
            cmd.set_defaults(module=module)
    return parser


def _command(argv: Sequence[str]) -> str | None:
    """The subcommand `argv` names (its first word that is no option), when it is one."""
    first = next((a for a in argv if not a.startswith("-")), None)
    return first if first in COMMANDS else None


def config_from_args(args: argparse.Namespace) -> Config:
    """The run's Config: defaults (the command's own first), then `[tool.cleaner]` of the nearest
    pyproject.toml, then the command line. Raises ConfigError naming the bad value."""
    config = load(base=DEFAULT.replace(**getattr(args.module, "DEFAULTS", {})))
    changes: dict = {}
    for name, option in (("select", "--select"), ("ignore", "--ignore")):
        if getattr(args, name, None) is not None:
            changes[name] = rule_ids(option, getattr(args, name))
    if getattr(args, "model", None) is not None:
        changes["use_model"] = args.model
    if getattr(args, "comments", None) is not None:
        changes["include_comments"] = args.comments
    if getattr(args, "profile", None):
        changes["profile"] = args.profile
    if getattr(args, "input_kind", None) is not None:
        changes["input_kind"] = args.input_kind
    for name in ("timeout",):
        if getattr(args, name, None) is not None:
            changes[name] = getattr(args, name)
    if changes.get("timeout", config.timeout) is None:
        changes["timeout"] = CLI_TIMEOUT
    return config.replace(**changes)


def _version() -> str:
    from .. import __version__

    return __version__


class Terminated(KeyboardInterrupt):
    """SIGTERM, handled as Ctrl-C is (outputs stay whole, workers stop) but exiting 143."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated()


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `cleaner` console script; returns the exit status."""
    argv = sys.argv[1:] if argv is None else list(argv)
    args = build_parser(_command(argv)).parse_args(argv)
    in_main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _terminate) if in_main_thread else None
    try:
        return int(args.module.run(args, config_from_args(args)))
    except (ConfigError, UsageError) as exc:
        print(printable(f"cleaner {args.command}: error: {exc}"), file=sys.stderr)
        return EXIT_USAGE
    except EngineError as exc:  # the run cannot go on (e.g. its cluster is unreachable): one line, not a traceback
        print(printable(f"cleaner {args.command}: error: {exc}"), file=sys.stderr)
        return EXIT_FINDINGS
    except KeyboardInterrupt as exc:
        from ..io.writers import remove_unfinished

        remove_unfinished()
        terminated = isinstance(exc, Terminated)
        print(f"cleaner: {'terminated' if terminated else 'interrupted'}", file=sys.stderr)
        return 128 + signal.SIGTERM if terminated else 130
    except BrokenPipeError:
        return 0
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


if __name__ == "__main__":
    sys.exit(main())
