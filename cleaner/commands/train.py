"""`cleaner train`: fit the learned line model on development corpora and write it as JSON."""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from ..config import Config
from ..encoding import decode

HELP = "train the line model on corpora of HTML pages with gold bodies (needs the `train` extra)"

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `train`."""
    parser.add_argument("--readability", metavar="DIR", type=Path,
                        help="folder of page folders with source.html and expected.html (gold body)")
    parser.add_argument("--segments", metavar="DIR", type=Path,
                        help="folder with evaldata.json and html/ (with/without segments per page)")
    parser.add_argument("-o", "--output", metavar="FILE", type=Path, default=None,
                        help="where to write the model (default: the package's line_model.json)")


def check_corpora(args: argparse.Namespace) -> None:
    """Refuse, before any work, corpus folders that are missing or not shaped as `train` reads them."""
    from .options import UsageError

    if not args.readability and not args.segments:
        raise UsageError("give --readability and/or --segments")
    if args.readability:
        if not args.readability.is_dir():
            raise UsageError(f"--readability {args.readability}: no such folder")
        if not any((p / "source.html").is_file() and (p / "expected.html").is_file()
                   for p in args.readability.iterdir() if p.is_dir()):
            raise UsageError(f"--readability {args.readability}: no page folder with source.html and expected.html")
    if args.segments:
        if not args.segments.is_dir():
            raise UsageError(f"--segments {args.segments}: no such folder")
        if not (args.segments / "evaldata.json").is_file() or not (args.segments / "html").is_dir():
            raise UsageError(f"--segments {args.segments}: needs evaldata.json and an html/ folder")
    if args.output is not None and not args.output.parent.is_dir():
        raise UsageError(f"-o {args.output}: no such folder {args.output.parent}")


def html_dump(html: bytes) -> str:
    """The plain-text dump of a page, as users' dump tools make it (html_text with layout)."""
    import html_text

    return html_text.extract_text(_XML_DECLARATION.sub("", decode(html), count=1), guess_layout=True)


def readability_examples(folder: Path) -> tuple[list, dict[str, str]]:
    """Examples labelled by the text of expected.html, and the gold bodies for synthetic dumps."""
    from .. import train

    examples, bodies = [], {}
    for page in sorted(p for p in folder.iterdir() if (p / "source.html").is_file() and (p / "expected.html").is_file()):
        dump, gold = html_dump((page / "source.html").read_bytes()), html_dump((page / "expected.html").read_bytes())
        examples.append(train.Example(page.name, dump, train.labels_from_gold(dump, gold)))
        bodies[page.name] = gold
    return examples, bodies


def segment_examples(folder: Path) -> list:
    """Examples labelled by trafilatura's extraction of the HTML, overridden by with/without segments."""
    import trafilatura

    from .. import train

    out = []
    for url, item in sorted(json.loads((folder / "evaldata.json").read_text(encoding="utf-8")).items()):
        path = folder / "html" / item["file"]
        if not path.is_file():
            continue
        html = path.read_bytes()
        dump, silver = html_dump(html), trafilatura.extract(html, url=url) or ""
        base = train.labels_from_gold(dump, silver) if silver else None
        labels, weights = train.labels_from_segments(dump, item.get("with", []), item.get("without", []), base)
        out.append(train.Example(item["file"], dump, labels, weights))
    return out


def run(args: argparse.Namespace, config: Config) -> int:
    """Label the corpora, add synthetic dumps, fit the trees and write the model file."""
    check_corpora(args)
    try:
        from .. import train
        from ..rules.learned import default_path
    except ImportError as exc:  # pragma: no cover - depends on the environment
        print(f"cleaner train: {exc}; install the extra: pip install 'cleaner[train]'", file=sys.stderr)
        return 2
    examples, bodies = readability_examples(args.readability) if args.readability else ([], {})
    if args.segments:
        examples += segment_examples(args.segments)
    examples += train.synthetic_examples(sorted(bodies.items()))
    data = train.design(examples)
    print(f"cleaner train: {int((data.y >= 0).sum())} labelled lines from {len(examples)} documents", file=sys.stderr)
    model = train.fit(data)
    output = args.output or default_path()
    train.save(model, output)
    print(f"cleaner train: wrote {output} ({output.stat().st_size // 1024} KiB, {len(model['trees'])} trees, "
          f"smooth {model['smooth']}, cut {model['offset']} log-odds, tuned page F1 {model['info']['tuned_page_f1']})",
          file=sys.stderr)
    return 0
