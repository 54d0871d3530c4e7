"""One input document as the readers hand it on: name, output path, bytes, or why it failed."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Item:
    """One input document: its display name, relative output path, raw bytes, or why it failed.

    `skipped` marks a document not cleaned because its output is up to date (resume, cli/resume.py).
    """

    name: str
    rel: Path
    data: bytes | None = None
    error: str | None = None
    url: str | None = None
    fields: dict = field(default_factory=dict)
    skipped: bool = False
