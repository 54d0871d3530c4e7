"""Corpus files holding many documents: JSONL (datatrove/Dolma shape) and WARC, read as Items, written back.

A JSONL record is `{"id": ..., "text": ..., "metadata": {...}}` plus any other fields; the text
field's name is configurable. Cleaning replaces the text and keeps every other field. A WARC's
response records holding HTML become documents cleaned in HTML mode, their URL and date in metadata.
warcio is imported only when a WARC is read.
"""
from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .document import Result
from .readers import Item
from .writers import write_atomic

JSONL_SUFFIXES = (".jsonl", ".ndjson")
WARC_SUFFIXES = (".warc",)


def kind(path: Path) -> str | None:
    """'jsonl' or 'warc' for a corpus file of that format (also .gz), else None."""
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith(WARC_SUFFIXES):
        return "warc"
    return None


def iter_file(path: Path, rel: Path, max_bytes: int, text_field: str = "text") -> Iterator[Item]:
    """Every document of one JSONL or WARC file, streamed; bad records carry an error and the file goes on."""
    try:
        if kind(path) == "warc":
            yield from _iter_warc(path, rel, max_bytes)
        else:
            yield from _iter_jsonl(path, rel, max_bytes, text_field)
    except (OSError, EOFError, zlib.error) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        yield Item(str(path), rel, error=f"cannot read further: {reason}", fields={"file": str(path)})


def _open(path: Path):
    """The file opened for binary reading, gunzipped on the fly when it is gzip data."""
    fh = open(path, "rb")
    if fh.read(2) == b"\x1f\x8b":
        fh.seek(0)
        return gzip.GzipFile(fileobj=fh, mode="rb")
    fh.seek(0)
    return fh


def _iter_jsonl(path: Path, rel: Path, max_bytes: int, text_field: str) -> Iterator[Item]:
    with _open(path) as fh:
        for line_no, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            name = f"{path}:{line_no}"
            if len(raw) > max_bytes:
                yield Item(name, rel, error=f"record larger than the limit of {max_bytes} bytes",
                           fields={"file": str(path)})
                continue
            try:
                record = json.loads(raw)
            except ValueError as exc:
                yield Item(name, rel, error=f"not a JSON record: {exc}", fields={"file": str(path)})
                continue
            text = record.get(text_field) if isinstance(record, dict) else None
            if not isinstance(text, str):
                yield Item(name, rel, error=f"record has no string field {text_field!r} (see --text-field)",
                           fields={"file": str(path)})
                continue
            record[text_field] = None  # keeps the field's place; the text travels as data
            meta = record.get("metadata")
            url = record.get("url") or (meta.get("url") if isinstance(meta, dict) else None)
            yield Item(name, rel, data=text.encode("utf-8"), url=url if isinstance(url, str) else None,
                       fields={"record": record, "text_field": text_field, "file": str(path), "line": line_no})


def _iter_warc(path: Path, rel: Path, max_bytes: int) -> Iterator[Item]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    size = path.stat().st_size
    end = 0
    with open(path, "rb") as fh:
        records = ArchiveIterator(fh)
        try:
            for record in records:
                wanted = (record.rec_type == "response" and record.http_headers is not None
                          and "html" in (record.http_headers.get_header("Content-Type") or "").lower())
                data = record.content_stream().read(max_bytes + 1) if wanted else b""
                records.read_to_end(record)
                end = records.get_record_offset() + records.get_record_length()
                if not wanted:
                    continue
                headers = record.rec_headers
                url = headers.get_header("WARC-Target-URI")
                name = f"{path}@{records.get_record_offset()}"
                missing = getattr(record.raw_stream, "limit", 0)
                if missing and len(data) <= max_bytes:
                    yield Item(name, rel, url=url, error=f"truncated WARC: record cut short ({missing} bytes missing)",
                               fields={"file": str(path)})
                    continue
                if len(data) > max_bytes:
                    yield Item(name, rel, url=url, error=f"record larger than the limit of {max_bytes} bytes",
                               fields={"file": str(path)})
                    continue
                meta = {"url": url, "fetched": headers.get_header("WARC-Date")}  # the crawl time, not the publication date
                record_out = {"id": headers.get_header("WARC-Record-ID"), "text": None, "metadata": meta}
                yield Item(name, rel, data=data, url=url,
                           fields={"record": record_out, "text_field": "text", "file": str(path), "line": None})
        except ArchiveLoadFailed as exc:
            yield Item(str(path), rel, error=f"not a readable WARC: {exc}", fields={"file": str(path)})
            return
    # A record ends with a blank line (4 bytes); more unread bytes than that mean records were lost
    # (a gzipped WARC cut inside a member ends the iteration without an error).
    if size - end > 4:
        yield Item(str(path), rel, error=f"truncated or corrupt WARC: {size - end} bytes after byte {end} unreadable",
                   fields={"file": str(path)})


def is_record(item: Item) -> bool:
    """Whether the item is one record of a JSONL or WARC file (rather than a whole file)."""
    return "record" in item.fields


def doc_name(item: Item) -> str:
    """How a document is named in reports: its file, `file:line` for a JSONL record, `file@offset` in a WARC."""
    if is_record(item) and item.fields["line"]:
        return f"{item.fields['file']}:{item.fields['line']}"
    return item.name


def cleaned_record(item: Item, result: Result) -> dict[str, Any]:
    """The output record: the input's fields, the cleaned text, metadata completed, removals listed.

    Metadata already in the input wins over what cleaning found; found fields only fill the gaps.
    """
    out = dict(item.fields["record"])
    out[item.fields["text_field"]] = result.text
    given = out.get("metadata")
    if given is None or isinstance(given, dict):
        meta = dict(given or {})
        for key, value in result.metadata.to_dict().items():
            if value not in (None, []) and meta.get(key) in (None, "", []):
                meta[key] = value
        out["metadata"] = meta
    out["removed"] = [span.to_dict() for span in result.removed]
    return out


def fixed_record(item: Item, text: str) -> str:
    """The input record as one JSONL line with only its text replaced (what `check --fix` writes)."""
    out = dict(item.fields["record"])
    out[item.fields["text_field"]] = text
    return json.dumps(out, ensure_ascii=False)


def rewrite_jsonl(path: Path, changes: dict[int, str]) -> str:
    """The JSONL file's content with the lines numbered in `changes` replaced, every other line as it was.

    Lines end at LF only, as when reading: a U+2028 inside a JSON string does not end a record.
    """
    with open(path, "rb") as fh:
        lines = [raw.decode("utf-8") for raw in fh]
    for line_no, text in changes.items():
        old = lines[line_no - 1]
        lines[line_no - 1] = text + old[len(old.rstrip("\r\n")):] if old.endswith("\n") else text + "\n"
    return "".join(lines)


def jsonl_output_path(outdir: Path, rel: Path) -> Path:
    """Where the cleaned records of a JSONL or WARC input go under `outdir`: same name, `.jsonl`."""
    name = rel.name[:-3] if rel.name.lower().endswith(".gz") else rel.name
    stem = name.rsplit(".", 1)[0]
    return outdir / rel.parent / f"{stem}.jsonl"


class RecordWriter:
    """Cleaned records into OUTDIR, one .jsonl per JSONL/WARC input, each file written atomically once complete."""

    def __init__(self, outdir: Path) -> None:
        """A writer mirroring inputs under `outdir`."""
        self.outdir = outdir
        self._target: Path | None = None
        self._lines: list[str] = []

    def add(self, item: Item, result: Result) -> str | None:
        """Queue one cleaned record; returns why it cannot be written (the output would be the input)."""
        target = jsonl_output_path(self.outdir, item.rel)
        if target != self._target:
            self.close()
            if target.exists() and target.samefile(item.fields["file"]):
                return f"output {target} would overwrite the input"
            self._target = target
        self._lines.append(json.dumps(cleaned_record(item, result), ensure_ascii=False))
        return None

    def close(self) -> None:
        """Write the current output file (raises OSError when it cannot be written)."""
        target, lines = self._target, self._lines
        self._target, self._lines = None, []
        if target is not None:
            write_atomic(target, "\n".join(lines) + "\n")
