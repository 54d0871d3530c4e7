"""Self-contained HTML explain report: what the cleaner removed from each dump, and why.

One page, no network: inline CSS and JS only, both pinned by hash in a Content-Security-Policy so
that nothing else can ever run, even if some data slipped past escaping. The page opens with a
summary of the run (blocks and characters removed per rule, with bars and a rule filter), then one
collapsed <details> per document showing its original dump line by line, removed spans shaded by
rule class, labelled with rule id and reason, evidence on hover, and the metadata beside it.

Stdlib only and independent of the rest of cleaner, so it renders any saved JSON records.
"""
from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from typing import Any

from ..text.segment import split_lines
from .style import CLASS_COLOURS, CSS, JS

__all__ = ["ReportDocument", "render_report"]

# Documents start open when the report has at most this many (one file explained); else collapsed.
OPEN_UP_TO = 5

METADATA_ORDER = (
    "title", "author", "authors", "publisher", "date", "updated", "dateline", "section",
    "image_caption", "image_credit", "author_bio", "url", "hostname", "sitename", "description",
    "language", "categories", "tags", "image", "license",
)

@dataclass(frozen=True)
class ReportDocument:
    """One document to show: its source name, the original dump text, and its JSON record."""

    source: str
    original: str
    record: dict


@dataclass
class _RuleStats:
    """Running totals for one rule across the report, for the summary table."""

    blocks: int = 0
    chars: int = 0
    documents: int = 0


def _e(value: Any) -> str:
    """HTML-escape any value (quotes too), so data can never become markup, also in attributes."""
    return escape(value if isinstance(value, str) else str(value), quote=True)


def _csp_hash(source: str) -> str:
    """The CSP source expression that allows exactly this inline script or style body."""
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _rule_of(entry: dict) -> str:
    """The rule id of a removed entry, or 'unknown' when the record lacks one."""
    rule = entry.get("rule")
    return str(rule) if rule not in (None, "") else "unknown"


def _class_of(rule: str) -> str:
    """A rule's class: the part of its id before the first dot."""
    return rule.split(".", 1)[0]


def _line_no(value: Any) -> int | None:
    """A line number from the record as an int, or None when it is missing or not a number."""
    if isinstance(value, bool):
        return None
    try:
        return int(value)
    except (TypeError, ValueError, OverflowError):
        return None


def _chars_of(entry: dict, lines: list[str], start: int | None, end: int | None) -> int:
    """Characters removed by an entry: its recorded text, else the original lines it covers."""
    text = entry.get("text")
    if isinstance(text, str):
        return len(text)
    if start is None or end is None:
        return 0
    return sum(len(line) + 1 for line in lines[max(start, 1) - 1:max(end, 0)])


def _format_value(value: Any) -> str:
    """A metadata or evidence value as one readable string (lists joined, others as JSON)."""
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)):
        return "; ".join(_format_value(v) for v in value)
    return json.dumps(value, ensure_ascii=False, default=str)


def _evidence_title(evidence: Any) -> str:
    """The hover text of a removed span: its evidence, one item a line (the label shows the rest)."""
    if isinstance(evidence, dict):
        return "\n".join(f"{k}: {_format_value(v)[:300]}" for k, v in evidence.items())
    return _format_value(evidence)[:300] if evidence else ""


class _Palette:
    """Gives each rule class one CSS class name and colour, stable within a report."""

    def __init__(self) -> None:
        self.names: dict[str, str] = {}

    def css_class(self, rule_class: str) -> str:
        """The CSS class (k0, k1, ...) that carries this rule class's colour."""
        name = self.names.get(rule_class)
        if name is None:
            name = self.names[rule_class] = f"k{len(self.names)}"
        return name

    def css(self) -> str:
        """CSS rules setting --c for every class handed out, known classes in their own colour."""
        rules = []
        for index, (rule_class, name) in enumerate(self.names.items()):
            colour = CLASS_COLOURS.get(rule_class) or f"hsl({(index * 137.508) % 360:.1f} 75% 84%)"
            rules.append(f".{name}{{--c:{colour}}}")
        return "\n".join(rules) + "\n"


def _span_html(entry: dict, body: str, palette: _Palette, note: str = "") -> str:
    """One removed span: shaded by class, labelled with rule, reason and lines, evidence on hover."""
    rule = _rule_of(entry)
    reason = _format_value(entry.get("reason") or "")
    label = entry.get("label")
    label = label if isinstance(label, str) and label != "boilerplate" else ""
    start, end = entry.get("start_line"), entry.get("end_line")
    where = "" if start is None else f"L{start}" if start in (end, None) else f"L{start}\u2013{end}"
    detail = " \u00b7 ".join(p for p in (where, reason) if p)
    title = _evidence_title(entry.get("evidence"))
    title_attr = f' title="{_e(title)}"' if title else ""
    moved = f" \u2192 {_e(label)}" if label else ""
    note_html = f' <span class="note">{_e(note)}</span>' if note else ""
    return (
        f'<div class="removed {palette.css_class(_class_of(rule))}" data-rule="{_e(rule)}"'
        f'{title_attr}><div class="lbl">{_e(rule)}{moved} <i>{_e(detail)}</i>'
        f"{note_html}</div>{body}</div>"
    )


def _lines_html(lines: list[str]) -> str:
    """Original lines as escaped text, one per line, for the pre-wrapped dump view."""
    return "".join(_e(line) + "\n" for line in lines)


@dataclass
class _Placed:
    """Where a document's removed entries show: those placed on the dump's lines (clipped to it), in line
    order, and those outside it (HTML drops, whose lines are the page's, and ranges beyond the dump)."""

    placed: list[tuple[int, int, int, dict]]
    outside: list[dict]

    def chars(self, lines: list[str]) -> int:
        """Characters of the dump's lines the placed entries cover, each line counted once (line breaks not)."""
        covered: set[int] = set()
        for start, end, _order, _entry in self.placed:
            covered.update(range(start - 1, end))
        return sum(len(lines[i]) for i in covered)

    def dropped(self) -> tuple[int, int]:
        """(blocks, characters) dropped from the HTML: text that is not in the dump shown (overlapping
        blocks, by their offsets in the page text, counted once)."""
        drops = [e for e in self.outside if e.get("path") is not None]
        ranges, chars = [], 0
        for entry in drops:
            text, offset = entry.get("text"), _line_no(entry.get("offset"))
            size = len(text) if isinstance(text, str) else 0
            if offset is None:
                chars += size
            else:
                ranges.append((offset, offset + size))
        end = None
        for start, stop in sorted(ranges):
            start = start if end is None else max(start, end)
            chars += max(0, stop - start)
            end = stop if end is None else max(end, stop)
        return len(drops), chars


def _place(total: int, removed: list[dict]) -> _Placed:
    """Place every removed entry by its line range on a dump of `total` lines (see _Placed)."""
    placed: list[tuple[int, int, int, dict]] = []
    outside: list[dict] = []
    for order, entry in enumerate(removed):
        start, end = _line_no(entry.get("start_line")), _line_no(entry.get("end_line"))
        if start is None or entry.get("path") is not None:  # an HTML block: its lines are the page's
            outside.append(entry)
            continue
        if end is None or end < start:
            end = start
        if start > total or end < 1:
            outside.append(entry)
            continue
        placed.append((max(start, 1), min(end, total), order, entry))
    placed.sort(key=lambda p: (p[0], p[1], p[2]))
    return _Placed(placed, outside)


def _chars(lines: list[str], where: _Placed) -> tuple[int, int]:
    """(removed, all) characters of a document: its dump's lines and the blocks dropped from its HTML."""
    dropped = where.dropped()[1]
    return where.chars(lines) + dropped, sum(map(len, lines)) + dropped


def _dump_html(lines: list[str], where: _Placed, palette: _Palette) -> str:
    """The original dump: kept lines as plain text, every removed entry as exactly one span.

    Parts of entries outside the dump are clipped, entries lying wholly outside it are listed at the end
    with their recorded text, and a span inside an earlier one gets its label only, so the count of spans
    always equals the count of entries.
    """
    out: list[str] = []
    cursor = 1
    for start, end, _order, entry in where.placed:
        if end < cursor:
            out.append(_span_html(entry, "", palette, "(within the span above)"))
            continue
        start = max(start, cursor)
        out.append(_lines_html(lines[cursor - 1:start - 1]))
        out.append(_span_html(entry, _lines_html(lines[start - 1:end]), palette))
        cursor = end + 1
    out.append(_lines_html(lines[cursor - 1:]))
    for entry in where.outside:
        text = entry.get("text")
        body = _lines_html(split_lines(text)) if isinstance(text, str) else ""
        if entry.get("path") is not None:
            note = f"(dropped from the HTML: {entry['path']}, page line {entry.get('start_line')})"
        else:
            note = f"(not within the dump's {len(lines)} lines)"
        out.append(_span_html(entry, body, palette, note))
    return "".join(out)


def _metadata_html(metadata: Any) -> str:
    """The side panel: every non-empty metadata field, known fields first in a fixed order."""
    if not isinstance(metadata, dict):
        return '<aside class="meta"><h2>Metadata</h2><p class="none">none</p></aside>'
    keys = [k for k in METADATA_ORDER if k in metadata]
    keys += sorted((k for k in metadata if k not in METADATA_ORDER), key=str)
    items = [
        f"<dt>{_e(k)}</dt><dd>{_e(_format_value(metadata[k]))}</dd>"
        for k in keys
        if metadata[k] not in (None, "", [], {})
    ]
    content = f"<dl>{''.join(items)}</dl>" if items else '<p class="none">none found</p>'
    return f'<aside class="meta"><h2>Metadata</h2>{content}</aside>'


def _document_html(doc: ReportDocument, removed: list[dict], opened: bool, palette: _Palette) -> str:
    """One collapsible document section: headline counts, the annotated dump, the metadata.

    The share is of the document's characters: those of the dump's removed lines (each line once) and of the
    blocks dropped from the HTML (which are not in the text shown), out of the dump's and those blocks'."""
    lines = split_lines(doc.original)
    record = doc.record if isinstance(doc.record, dict) else {}
    metadata = record.get("metadata")
    title = metadata.get("title") if isinstance(metadata, dict) else None
    where = _place(len(lines), removed)
    removed_chars, total = _chars(lines, where)
    share = f" \u00b7 {100 * removed_chars / total:.0f}% of chars" if total else ""
    dropped = where.dropped()[0]
    share += f" \u00b7 {dropped} dropped from the HTML" if dropped else ""
    error = record.get("error")
    head = (
        f'<span class="src">{_e(doc.source)}</span>'
        f'<span class="cnt">{len(removed)} removed{share}</span>'
        + (f'<span class="ttl">{_e(_format_value(title))}</span>' if title else "")
        + (f'<span class="err">error: {_e(_format_value(error))}</span>' if error else "")
    )
    return (
        f'<details class="doc" data-source="{_e(doc.source)}" data-removed="{len(removed)}"'
        f'{" open" if opened else ""}><summary>{head}</summary><div class="body">'
        f'<div class="text">{_dump_html(lines, where, palette)}</div>'
        f"{_metadata_html(metadata)}</div></details>"
    )


def _bar(value: int, top: int, css_class: str) -> str:
    """A small inline-SVG bar of value relative to top (no style attributes: the CSP forbids them)."""
    width = 120 * value / top if top else 0
    return (
        f'<svg class="bar" width="120" height="10" viewBox="0 0 120 10" aria-hidden="true">'
        f'<rect class="{css_class}" width="{width:.1f}" height="10"/></svg>'
    )


def _summary_html(
    stats: dict[str, _RuleStats], documents: int, with_removals: int, chars: tuple[int, int],
    palette: _Palette,
) -> str:
    """The run summary: totals, then blocks, characters and documents per rule with bars and filter.

    `chars` is (removed, all) characters of the documents (see _chars), for the share; the per-rule table
    counts the characters of each rule's blocks."""
    blocks = sum(s.blocks for s in stats.values())
    removed_chars, original_chars = chars
    share = f" ({100 * removed_chars / original_chars:.1f}% of {original_chars:,})" if original_chars else ""
    top_blocks = max((s.blocks for s in stats.values()), default=0)
    top_chars = max((s.chars for s in stats.values()), default=0)
    rows = []
    for rule, s in sorted(stats.items(), key=lambda kv: (-kv[1].chars, -kv[1].blocks, kv[0])):
        k = palette.css_class(_class_of(rule))
        rows.append(
            f'<tr><td><input type="checkbox" class="rf" value="{_e(rule)}" checked '
            f'aria-label="show {_e(rule)}"></td>'
            f'<td class="rule"><span class="sw {k}"></span>{_e(rule)}</td>'
            f'<td class="num">{s.blocks:,}</td><td>{_bar(s.blocks, top_blocks, k)}</td>'
            f'<td class="num">{s.chars:,}</td><td>{_bar(s.chars, top_chars, k)}</td>'
            f'<td class="num">{s.documents:,}</td></tr>'
        )
    table = (
        "<table><thead><tr><th></th><th>rule</th><th colspan=\"2\">blocks</th>"
        "<th colspan=\"2\">characters</th><th>documents</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
        if rows else '<p class="none">No blocks removed.</p>'
    )
    return (
        '<section id="summary"><h2>Summary</h2><div class="stats">'
        f"<span>documents <b>{documents:,}</b></span>"
        f"<span>with removals <b>{with_removals:,}</b></span>"
        f"<span>blocks removed <b>{blocks:,}</b></span>"
        f"<span>characters removed <b>{removed_chars:,}</b>{share}</span></div>{table}"
        '<div class="controls"><button id="all" type="button">all rules</button>'
        '<button id="none" type="button">no rules</button>'
        '<button id="open" type="button">expand shown</button>'
        '<button id="close" type="button">collapse all</button>'
        '<span id="shown" aria-live="polite"></span></div></section>'
    )


def render_report(documents: Iterable[ReportDocument], *, title: str = "cleaner report") -> str:
    """Render the documents and their records as one self-contained, network-free HTML page."""
    docs = list(documents)
    palette = _Palette()
    stats: dict[str, _RuleStats] = {}
    removed_lists: list[list[dict]] = []
    for doc in docs:
        record = doc.record if isinstance(doc.record, dict) else {}
        removed = [e for e in (record.get("removed") or []) if isinstance(e, dict)]
        removed_lists.append(removed)
        lines = split_lines(doc.original)
        seen: set[str] = set()
        for entry in removed:
            rule = _rule_of(entry)
            s = stats.setdefault(rule, _RuleStats())
            s.blocks += 1
            s.chars += _chars_of(
                entry, lines, _line_no(entry.get("start_line")), _line_no(entry.get("end_line"))
            )
            if rule not in seen:
                seen.add(rule)
                s.documents += 1

    chars = (0, 0)
    for doc, removed in zip(docs, removed_lists):
        lines = split_lines(doc.original)
        removed_chars, total = _chars(lines, _place(len(lines), removed))
        chars = (chars[0] + removed_chars, chars[1] + total)
    summary = _summary_html(stats, len(docs), sum(1 for r in removed_lists if r), chars, palette)
    opened = len(docs) <= OPEN_UP_TO
    sections = "\n".join(
        _document_html(doc, removed, opened, palette) for doc, removed in zip(docs, removed_lists)
    )
    css = CSS + palette.css()
    csp = (
        f"default-src 'none'; style-src {_csp_hash(css)}; script-src {_csp_hash(JS)}; "
        "img-src 'none'; base-uri 'none'; form-action 'none'"
    )
    total = sum(len(r) for r in removed_lists)
    page = (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
        f'<meta http-equiv="Content-Security-Policy" content="{_e(csp)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n<style>{css}</style>\n</head>\n"
        f'<body data-removed-total="{total}" data-documents="{len(docs)}">\n'
        f"<header><h1>{_e(title)}</h1></header>\n{summary}\n"
        f'<main id="docs">\n{sections}\n</main>\n<script>{JS}</script>\n</body></html>\n'
    )
    return page.encode("utf-8", "replace").decode("utf-8")
