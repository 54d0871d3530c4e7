"""read -> segment -> decide -> metadata -> Result, for one document."""
from __future__ import annotations

from .config import DEFAULT, Config
from .decide import decide
from .document import Block, Decision, Metadata, Removed, Result
from .encoding import decode, looks_like_html
from .features import compute_all
from .metadata import gather
from .rules.profile_rule import profile_rules
from .segment import assemble, segment


def clean(document: str | bytes, *, url: str | None = None, config: Config | None = None,
          source: str | None = None) -> Result:
    """Clean one document (text or HTML, str or bytes): the body, its metadata and what was removed.

    Bytes are decoded (BOM, UTF-8, declared charset, detection); HTML is detected and goes through
    trafilatura first, then the same text rules as a plain dump.
    """
    config = config or DEFAULT
    text = decode(document) if isinstance(document, bytes) else document
    base: Metadata | None = None
    kind = "text"
    if looks_like_html(text):
        from .html import extract

        kind = "html"
        text, base = extract(text, url)
    return clean_text(text, url=url, config=config, source=source, base=base, kind=kind)


def clean_text(text: str, *, url: str | None = None, config: Config = DEFAULT, source: str | None = None,
               base: Metadata | None = None, kind: str = "text") -> Result:
    """Clean a plain-text dump (already decoded)."""
    blocks = segment(text)
    features = compute_all(blocks)
    decisions = decide(blocks, features, config, later=profile_rules(config, url, source))
    keep = [not d.removed for d in decisions]
    body = assemble(blocks, keep)
    meta = gather(blocks, features, decisions, body, url=url, base=base)
    return Result(body, meta, removed_spans(blocks, decisions), source, text, kind, blocks, decisions)


def removed_spans(blocks: list[Block], decisions: list[Decision]) -> list[Removed]:
    """Removed blocks as spans: consecutive lines removed by the same rule form one entry."""
    spans: list[Removed] = []
    for block, decision in zip(blocks, decisions):
        final = decision.final
        if final is None or not decision.removed:
            continue
        last = spans[-1] if spans else None
        if last and last.rule == final.rule and _adjacent(blocks, decisions, last.end_line, block):
            spans[-1] = Removed(last.start_line, block.line_no, last.rule, last.reason,
                                last.text + "\n" + block.text, last.label, last.evidence)
        else:
            spans.append(Removed(block.line_no, block.line_no, final.rule, final.reason, block.text,
                                 final.label, dict(final.evidence)))
    return spans


def _adjacent(blocks: list[Block], decisions: list[Decision], end_line: int, block: Block) -> bool:
    """Whether no kept block lies between line `end_line` and `block`."""
    i = block.index - 1
    return i >= 0 and blocks[i].line_no == end_line
