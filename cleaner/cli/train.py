"""`cleaner train`: rebuild the learned cleaner from the development corpora and the zoo, deterministically."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..config import Config

CORPUS_FOLDERS = ("wcxb-dev", "readability", "trafilatura-eval")
DEFAULT_OUTPUT = "cleaner-model.npz"
"""Where a model is written without -o: a new file in the working folder (never the package's shipped model)."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `train`."""
    parser.add_argument("--corpora", metavar="DIR", type=Path, default=None,
                        help="folder holding wcxb-dev/, readability/ and/or trafilatura-eval/ "
                             "(default: $CLEANER_CORPORA or ../shared/corpora)")
    parser.add_argument("-o", "--output", metavar="FILE", type=Path, default=None,
                        help=f"where to write the model (default: ./{DEFAULT_OUTPUT}; use it with "
                             "model-file in [tool.cleaner])")
    parser.add_argument("--force", action="store_true",
                        help="overwrite an existing output file (the shipped model only when -o names it)")
    parser.add_argument("--hold-out", metavar=("FOLD", "FOLDS"), type=int, nargs=2, default=None,
                        help="leave out the sites of fold FOLD of FOLDS (for cross-validation)")


def check_corpora(args: argparse.Namespace) -> Path:
    """The corpora folder, refused before any work when it holds none of the corpora."""
    from ..model.training.corpora import corpora_dir
    from .options import UsageError

    root = args.corpora or corpora_dir()
    if not root.is_dir():
        raise UsageError(f"--corpora {root}: no such folder")
    if not any((root / name).is_dir() for name in CORPUS_FOLDERS):
        raise UsageError(f"--corpora {root}: holds none of {', '.join(CORPUS_FOLDERS)}")
    if args.hold_out is not None and not 0 <= args.hold_out[0] < args.hold_out[1]:
        raise UsageError("--hold-out FOLD FOLDS needs 0 <= FOLD < FOLDS")
    return root


def output_path(args: argparse.Namespace) -> Path:
    """Where the model goes: -o FILE, else ./cleaner-model.npz; UsageError (before any work) when its folder
    is missing, or when the file exists and --force is not given (the shipped model needs -o and --force)."""
    from ..model.learned import default_path
    from .options import UsageError

    output = args.output if args.output is not None else Path.cwd() / DEFAULT_OUTPUT
    if not output.parent.is_dir():
        raise UsageError(f"-o {output}: no such folder {output.parent}")
    if output.is_dir():
        raise UsageError(f"-o {output}: is a folder, not a file")
    if output.exists() and not args.force:
        shipped = " (the model shipped with cleaner)" if output.resolve() == default_path().resolve() else ""
        raise UsageError(f"{output} exists{shipped}: give --force to overwrite it, or -o another file")
    return output


def run(args: argparse.Namespace, config: Config) -> int:
    """Label the corpora, generate the zoo, fit the model and write it."""
    root, output = check_corpora(args), output_path(args)
    try:
        from ..model.training.build import build_model
        from ..model.training.corpora import fold_of
    except ImportError as exc:  # pragma: no cover - depends on the environment
        print(f"cleaner train: {exc}; install the extra: pip install 'cleaner[train]'", file=sys.stderr)
        return 2
    keep = (lambda site: True) if args.hold_out is None else (
        lambda site: fold_of(site, args.hold_out[1]) != args.hold_out[0])
    info = build_model(root, output, keep)
    print(f"cleaner train: wrote {output} ({output.stat().st_size // 1024} KiB; {info['documents']} documents, "
          f"{info['terms']} terms; out-of-fold page F1 {info['out_of_fold_page_f1']})", file=sys.stderr)
    return 0
