"""Resuming `clean -o`: which documents' outputs are up to date, and recording each output as it lands.

An output is up to date when the resume manifest (cleaner/io/manifest.py) says it was made from the
same input content (under the same name, in the formats that show it), with the same key of the
options, and it still has the size it was written with. Every other output that exists is stale and
redone (counted in the summary); --force redoes every output. JSONL and WARC inputs are always cleaned
again.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..config import Config
from ..io.item import Item
from ..io.manifest import Made, Manifest, content_hash, file_hash
from ..io.writers import output_path

NOT_IN_OUTPUT = ("timeout", "max_bytes")
"""Config fields that decide only whether a document fails, never what its output holds."""
BY_CONTENT = ("profile", "extra")
"""Config fields naming files: their contents are in the key (see _files), not their paths."""
MODEL_KEYS = ("model_file", "meta_model_file", "title_choice_file")
"""Keys of Config.extra naming model files: in the key by content, the shipped files when not given."""
NAMED_IN_OUTPUT = ("json", "jsonl", "md")
"""The formats whose output shows the input's name (`source`): only there does the name make the output."""


def options_key(config: Config, fmt: str, url: str | None) -> str:
    """The key of all but the input that makes an output: the cleaner's version, the format, --url, the
    Config's output-changing fields, and the contents of the profile, model, metadata-tagger and title-choice files."""
    from .. import __version__

    settings = {f.name: getattr(config, f.name) for f in dataclasses.fields(config)
                if f.name not in NOT_IN_OUTPUT + BY_CONTENT}
    settings["extra"] = {key: value for key, value in config.extra.items() if key not in MODEL_KEYS}
    files = {role: file_hash(path) if path else None for role, path in _files(config).items()}
    payload = {"cleaner": __version__, "format": fmt, "url": url, "config": settings, "files": files}
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=repr).encode("utf-8")).hexdigest()


def _files(config: Config) -> dict[str, str | None]:
    """The files whose contents make the outputs, by role (None: not used by this config)."""
    from ..model import learned
    from ..text import meta_tagger, title_choice

    model = config.extra.get("model_file") or str(learned.default_path())
    tagger = config.extra.get("meta_model_file") or str(meta_tagger.default_path())
    chooser = config.extra.get("title_choice_file") or str(title_choice.default_path())
    return {"profile": config.profile, "model": model if config.use_model else None,
            "meta_tagger": tagger if config.metadata else None, "title_choice": chooser if config.metadata else None}


class Resume:
    """The resume state of one run into `outdir`: checks documents before they are cleaned and records
    outputs as they land. A document whose output is stale is marked (fields["stale"]) for the summary."""

    def __init__(self, outdir: Path, fmt: str, key: str, force: bool = False, durable: bool = False) -> None:
        """Resume into `outdir` for outputs of `fmt` made with options `key`; `force` redoes every output."""
        self.outdir, self.fmt, self.key, self.force = outdir, fmt, key, force
        self.manifest = Manifest(outdir, durable)

    def check(self, items: Iterable[Item]) -> Iterator[Item]:
        """The documents, each whose output is up to date replaced by a skipped Item (its data dropped)."""
        for item in items:
            if item.error is not None or item.data is None or "file" in item.fields:  # failed, or JSONL/WARC
                yield item
                continue
            made = Made(item.name if self.fmt in NAMED_IN_OUTPUT else "", content_hash(item.data), self.key)
            target = output_path(self.outdir, item.rel, self.fmt)
            size = _size(target)
            if size is not None and not self.force and self.manifest.current(self._name(target), made, size):
                yield Item(item.name, item.rel, url=item.url, skipped=True)
                continue
            item.fields.update(made=made, stale=size is not None and not self.force)
            yield item

    def landed(self, item: Item, target: Path) -> None:
        """Record the output just written at `target` for `item` (a document check() passed on)."""
        made = item.fields.get("made")
        size = _size(target)
        if made is not None and size is not None:
            self.manifest.record(self._name(target), made, size)

    def close(self) -> str | None:
        """Close the manifest; why it could not be written, if it could not."""
        self.manifest.close()
        return self.manifest.problem

    def _name(self, target: Path) -> str:
        """An output's key in the manifest: its path below OUTDIR."""
        return target.relative_to(self.outdir).as_posix()


def _size(path: Path) -> int | None:
    """The size of the file at `path`, None when there is none."""
    try:
        return os.stat(path).st_size
    except OSError:
        return None
