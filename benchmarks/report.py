"""What every benchmark's report shares: where results go, the commit measured, and its tables."""
from __future__ import annotations

import subprocess
from pathlib import Path

from . import corpora

RESULTS_DIR = Path(__file__).resolve().parent / "results"


def git_commit() -> str:
    """Short hash of HEAD, ``+dirty`` when the work tree (outside benchmarks/results) has changes."""
    root = corpora.REPO_ROOT
    try:
        head = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, timeout=10
        ).stdout.strip()
        status = subprocess.run(
            ["git", "-C", str(root), "status", "--porcelain"], capture_output=True, text=True, timeout=10
        ).stdout.splitlines()
        # Our own outputs do not make the measured code dirty.
        dirty = [ln for ln in status if "benchmarks/results/" not in ln and "benchmarks/.cache" not in ln]
    except Exception:
        return "unknown"
    return (head or "unknown") + ("+dirty" if dirty else "")


def text_table(header: list[str], rows: list[list[str]]) -> str:
    """Fixed-width plain-text table."""
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows)]
    line = lambda cells: "  ".join(str(c).ljust(w) for c, w in zip(cells, widths)).rstrip()  # noqa: E731
    return "\n".join([line(header), line(["-" * w for w in widths])] + [line(r) for r in rows])


def md_table(header: list[str], rows: list[list[str]]) -> str:
    """GitHub markdown table."""
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(str(c).replace("|", "\\|") for c in r) + " |" for r in rows]
    return "\n".join(out)
