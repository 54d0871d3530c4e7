"""A Result as Markdown: YAML front matter holding the metadata, the title, headings and paragraphs.

Every line of a clean body is a block of its own in a dump (a paragraph, a list item, a
subheading), so each becomes a Markdown paragraph separated by a blank line: a single line break
would join them into one paragraph when rendered. Headings (Result.headings) become `##` lines; a
page's <li> items (Result.list_items) and a dump's bullet lines become `- item` lines of one list.
Text that Markdown would read as markup (a leading `#`, `>` or `1.`, `*emphasis*`, `<tags>`) is
escaped, so the page shows the words as written.
The front matter is YAML written by hand (no dependency): strings double-quoted with escapes.
"""
from __future__ import annotations

import json
import re

from ..document import Result

_BULLET = re.compile(r"^\s*[•·▪‣◦*+\-–]\s+(?=\S)")
_BLOCK_MARKER = re.compile(r"^(\s*)(#|>|[+*-](?=\s|$)|[=-]{3,}\s*$|`{3,}|~{3,}|\|)")
_ORDERED = re.compile(r"^(\s*\d+)([.)])(?=\s|$)")
_INLINE = re.compile(r"([\\`*_\[\]<>&])")
# Characters to escape in a double-quoted YAML scalar: those outside YAML's printable set, and the
# line breaks of YAML 1.1 (NEL, LS, PS) that a 1.1 reader such as PyYAML would fold into spaces.
_YAML_UNPRINTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")


def yaml_string(value: str) -> str:
    """A double-quoted YAML scalar for any string (JSON's escapes are YAML's, plus the unprintables)."""
    quoted = json.dumps(value, ensure_ascii=False)
    return _YAML_UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def _yaml_value(value) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(yaml_string(str(v)) for v in value) + "]"
    return yaml_string(str(value))


def front_matter(result: Result) -> str:
    """The `---` block of a document's metadata: every field that has a value, and the source."""
    fields = {k: v for k, v in result.metadata.to_dict().items() if v not in (None, "", [])}
    if result.source:
        fields["source"] = result.source
    if result.error:
        fields["error"] = result.error
    return "---\n" + "".join(f"{key}: {_yaml_value(value)}\n" for key, value in fields.items()) + "---\n"


def escape(line: str) -> str:
    """A line of text as Markdown that shows it as written (inline markup and block markers escaped)."""
    line = _ORDERED.sub(r"\1\\\2", _INLINE.sub(r"\\\1", line), count=1)
    return _BLOCK_MARKER.sub(lambda m: m.group(1) + "\\" + m.group(2), line, count=1)


def render(result: Result) -> str:
    """The document as Markdown: front matter, `# title`, then its headings, list items and paragraphs."""
    out = [front_matter(result).rstrip("\n")]
    if result.metadata.title:
        out.append(f"# {escape(result.metadata.title.strip())}")
    lines = result.text.split("\n")
    previous_item = page_item = False
    for i, line in enumerate(lines):
        text = line.strip()
        if not text:
            previous_item = previous_item and page_item  # a page's items are paragraphs apart: one list still
            continue
        level = result.headings.get(i)
        bullet = _BULLET.match(line)
        page_item = i in result.list_items and not level
        if level:
            out.append("#" * level + " " + escape(text))
        elif bullet or page_item:
            item = "- " + escape(line[bullet.end():].strip() if bullet else text)
            if previous_item:
                out[-1] += "\n" + item
                continue
            out.append(item)
        else:
            out.append(escape(text))
        previous_item = (bool(bullet) or page_item) and not level
    return "\n\n".join(out) + "\n"
