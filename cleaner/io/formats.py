"""Corpus files holding many documents: JSONL (datatrove/Dolma shape) and WARC, read as Items, written back.

A JSONL record is `{"id": ..., "text": ..., "metadata": {...}}` plus any other fields; the text
field's name is configurable. Cleaning replaces the text and keeps every other field. A WARC's
response records holding HTML become documents cleaned in HTML mode, their URL and date in metadata.
warcio is imported only when a WARC is read.
"""
from __future__ import annotations

import base64
import gzip
import json
import os
import re
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..document import Result
from .item import Item
from .writers import AtomicFile

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
            where = {"file": str(path), "line": line_no}
            if len(raw) > max_bytes:
                yield Item(name, rel, error=f"record larger than the limit of {max_bytes} bytes", fields=where)
                continue
            try:
                record = parse_record(raw)
            except ValueError as exc:
                yield Item(name, rel, error=str(exc), fields={**where, "raw": raw})
                continue
            text = record.get(text_field) if isinstance(record, dict) else None
            if not isinstance(text, str):
                yield Item(name, rel, error=f"record has no string field {text_field!r} (see --text-field)",
                           fields={**where, "raw": raw})
                continue
            record[text_field] = None  # keeps the field's place; the text travels as data
            meta = record.get("metadata")
            url = record.get("url") or (meta.get("url") if isinstance(meta, dict) else None)
            yield Item(name, rel, data=text.encode("utf-8"), url=url if isinstance(url, str) else None,
                       fields={"record": record, "text_field": text_field, **where, "raw": raw})


# A \\uD800-\\uDFFF escape: the record may hold a lone surrogate, which no UTF-8 output can carry.
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")


def parse_record(raw: bytes) -> Any:
    """One JSONL line as data, lone surrogates replaced by U+FFFD; ValueError says why it is not a record."""
    try:
        record = json.loads(raw)
    except RecursionError:
        raise ValueError("not a JSON record: nested too deeply") from None
    except ValueError as exc:
        raise ValueError(f"not a JSON record: {exc}") from None
    return _without_surrogates(record) if _SURROGATE_ESCAPE.search(raw) else record


_SURROGATE = re.compile("[\ud800-\udfff]")


def _fix_text(text: str) -> str:
    return _SURROGATE.sub("\ufffd", text)


def _without_surrogates(value: Any) -> Any:
    """`value` with every lone surrogate in its strings (keys too) replaced; iterative, for deep nesting."""
    if isinstance(value, str):
        return _fix_text(value)
    root = [value]
    stack: list[tuple[Any, Any]] = [(root, 0)]
    while stack:
        container, key = stack.pop()
        item = container[key]
        if isinstance(item, str):
            container[key] = _fix_text(item)
        elif isinstance(item, list):
            stack.extend((item, i) for i in range(len(item)))
        elif isinstance(item, dict):
            fixed = {_fix_text(k): v for k, v in item.items()}
            item.clear()
            item.update(fixed)
            stack.extend((item, k) for k in item)
    return root[0]


def _iter_warc(path: Path, rel: Path, max_bytes: int) -> Iterator[Item]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    size = path.stat().st_size
    end = 0
    with open(path, "rb") as fh:
        records = ArchiveIterator(fh)
        try:
            for record in records:
                content_type = _content_type(record)
                wanted = content_type is None or "html" in content_type
                data, problem = b"", None
                if wanted:
                    try:
                        data = record.content_stream().read(max_bytes + 1)
                    except Exception as exc:  # a corrupt compressed body (gzip, brotli...) fails this record only
                        problem = f"cannot decode the record's body: {type(exc).__name__}: {exc}"
                records.read_to_end(record)
                end = records.get_record_offset() + records.get_record_length()
                if not wanted:
                    continue
                headers = record.rec_headers
                url = headers.get_header("WARC-Target-URI")
                name = f"{path}@{records.get_record_offset()}"
                if problem is None and content_type is None and not _looks_like_html(data):
                    problem = "record has no Content-Type and is not HTML: not cleaned"
                if problem is not None:
                    yield Item(name, rel, url=url, error=problem, fields={"file": str(path)})
                    continue
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


def _content_type(record: Any) -> str | None:
    """The lowercased Content-Type of a WARC response or resource record ('' for other records, which are
    not documents; None when a document record has none)."""
    if record.rec_type == "response" and record.http_headers is not None:
        value = record.http_headers.get_header("Content-Type")
    elif record.rec_type == "resource":
        value = record.rec_headers.get_header("Content-Type")
    else:
        return ""
    return value.lower() if value else None


def _looks_like_html(data: bytes) -> bool:
    from .encoding import looks_like_html

    return looks_like_html(data.decode("utf-8", "replace"))


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


def jsonl_output_path(outdir: Path, rel: Path) -> Path:
    """Where the cleaned records of a JSONL or WARC input go under `outdir`: same name, `.jsonl`."""
    name = rel.name[:-3] if rel.name.lower().endswith(".gz") else rel.name
    stem = name.rsplit(".", 1)[0]
    return outdir / rel.parent / f"{stem}.jsonl"


def rejects_path(output: Path) -> Path:
    """Where the records that failed go, beside a JSONL output: `NAME.rejects.jsonl`."""
    return output.with_name(output.name[: -len(".jsonl")] + ".rejects.jsonl")


class RecordWriter:
    """Cleaned records into OUTDIR, one .jsonl per JSONL/WARC input, and every record that fails, with
    why, into a `.rejects.jsonl` beside it, so that no record is lost. Both files are streamed to
    temporary files and renamed into place once their input is done (writers.AtomicFile)."""

    def __init__(self, outdir: Path, durable: bool = False) -> None:
        """A writer mirroring inputs under `outdir` (files synced to the disk when `durable`)."""
        self.outdir = outdir
        self.durable = durable
        self._file: str | None = None
        self._target: Path | None = None
        self._out: AtomicFile | None = None
        self._rejects: AtomicFile | None = None
        self._error: str | None = None
        self._written = 0

    def _switch(self, item: Item) -> list[str]:
        """Start the outputs of the item's input file (closing the previous one's); close()'s problems."""
        if item.fields["file"] == self._file:
            return []
        problems = self.close()
        self._file, self._target = item.fields["file"], jsonl_output_path(self.outdir, item.rel)
        try:
            self._out = AtomicFile(self._target, self.durable)
        except OSError as exc:
            self._error = f"cannot write {self._target}: {exc.strerror or exc}"
        return problems

    def write(self, item: Item, result: Result | None, error: str | None = None) -> tuple[str | None, list[str]]:
        """Write one record: cleaned when `result` is given, else kept in the rejects file with `error`.

        Returns why the record is not in the output (None when it is), and what could not be written
        of the previous input's outputs (messages naming the file).
        """
        problems = self._switch(item)
        if result is None or self._error is not None:
            return self._reject(item, error or self._error or "not cleaned"), problems
        try:
            line = json.dumps(cleaned_record(item, result), ensure_ascii=False, allow_nan=False).encode("utf-8")
        except (ValueError, RecursionError, UnicodeEncodeError) as exc:
            return self._reject(item, f"cannot write the record as JSON: {exc}"), problems
        try:
            self._out.write(line + b"\n")
        except OSError as exc:
            self._error = f"cannot write {self._target}: {exc.strerror or exc}"
            return self._reject(item, self._error), problems
        self._written += 1
        return None, problems

    def _reject(self, item: Item, reason: str) -> str:
        """Keep a failed record in the rejects file, the original with the reason; returns the reason (with
        why the rejects file could not be written either, when it cannot)."""
        target = rejects_path(jsonl_output_path(self.outdir, item.rel))
        try:
            if self._rejects is None:
                self._rejects = AtomicFile(target, self.durable)
            self._rejects.write(json.dumps(rejected_record(item, reason)).encode("ascii") + b"\n")
        except OSError as exc:
            return f"{reason}; and cannot write {target}: {exc.strerror or exc}"
        return reason

    def abort(self) -> None:
        """Drop the outputs being written (the run was interrupted): earlier ones stay as they were."""
        for partial in (self._out, self._rejects):
            if partial is not None:
                partial.abort()
        self._file = self._target = self._out = self._rejects = self._error = None

    def close(self) -> list[str]:
        """Rename the current outputs into place; what could not be written (each a message naming it)."""
        problems = []
        out, rejects, target, source = self._out, self._rejects, self._target, self._file
        self._file = self._target = self._out = self._rejects = self._error = None
        written, self._written = self._written, 0
        if rejects is not None:
            try:
                rejects.commit()
            except OSError as exc:
                problems.append(f"{source}: cannot write {rejects.path}: {exc.strerror or exc}")
        elif target is not None:
            try:
                os.unlink(rejects_path(target))  # left by an earlier run: no record failed this time
            except OSError:
                pass
        if out is not None:
            try:
                out.commit()
            except OSError as exc:
                problems.append(f"{source}: cannot write {target}: {exc.strerror or exc} "
                                f"({written} record(s) not written)")
        return problems


def rejected_record(item: Item, reason: str) -> dict[str, Any]:
    """The rejects-file entry of a record that failed: where it was, why, and the original line (as text,
    or base64 when it is not UTF-8); a WARC record is named by its offset (the WARC keeps it)."""
    entry: dict[str, Any] = {"file": item.fields.get("file"), "reason": reason}
    if item.fields.get("line") is not None:
        entry["line"] = item.fields["line"]
    if "@" in item.name and kind(Path(item.fields.get("file", ""))) == "warc":
        entry["offset"] = item.name.rsplit("@", 1)[1]
        entry["url"] = item.url
    raw = item.fields.get("raw")
    if raw is not None:
        try:
            entry["original"] = raw.decode("utf-8").rstrip("\r\n")
        except UnicodeDecodeError:
            entry["original_base64"] = base64.b64encode(raw.rstrip(b"\r\n")).decode("ascii")
    return entry
