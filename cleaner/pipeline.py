"""read -> segment -> decide -> metadata -> Result, for one document."""
from __future__ import annotations

from .config import DEFAULT, Config
from .decide import decide
from .document import Block, Decision, Metadata, Removed, Result
from .encoding import decode, looks_like_html
from .features import compute_all
from .metadata import gather
from .noqa import apply_noqa, unmarked
from .rules.learned import model_rules
from .rules.profile_rule import profile_rules
from .segment import assemble, segment
from .structure import heading_levels


def clean(document: str | bytes, *, url: str | None = None, config: Config | None = None,
          source: str | None = None) -> Result:
    """Clean one document (text or HTML, str or bytes): the body, its metadata and what was removed.

    Bytes are decoded (BOM, UTF-8, declared charset, detection); HTML is detected and its blocks are
    chosen by fusing trafilatura with DOM facts (cleaner/html.py), then the same text rules as a dump.
    A page with no article (or too large, too deep to trust) gives an empty body and Result.error.
    """
    config = config or DEFAULT
    text = decode(document) if isinstance(document, bytes) else document
    if looks_like_html(text):
        from .dom import HEADINGS
        from .html import TEXT_RULES_OFF, extract

        page = extract(text, url)
        html_config = config.replace(ignore=(*config.ignore, *TEXT_RULES_OFF))
        tagged = {b.text.strip(): max(2, int(b.tag[1])) for b, c in zip(page.blocks, page.choices)
                  if c.keep and b.tag in HEADINGS}
        result = clean_text(page.text, url=url, config=html_config, source=source, base=page.metadata, kind="html",
                            headings=tagged)
        result.removed = page.removed + result.removed
        result.error = page.error if not result.text else None
        return result
    return clean_text(text, url=url, config=config, source=source)


def clean_text(text: str, *, url: str | None = None, config: Config = DEFAULT, source: str | None = None,
               base: Metadata | None = None, kind: str = "text", headings: dict[str, int] | None = None) -> Result:
    """Clean a plain-text dump (already decoded); `headings` names a page's heading lines (HTML)."""
    blocks = segment(text)
    seen = unmarked(blocks)  # what the rules read: `# cleaner: noqa` markers taken off
    features = compute_all(seen)
    later = model_rules(config) if kind == "text" else ()  # trained on text dumps, not on extracted HTML
    later = (*profile_rules(config, url, source), *later)  # the corpus's own evidence before the model
    decisions = decide(seen, features, config, later=later)
    apply_noqa(blocks, decisions)
    keep = [not d.removed for d in decisions]
    body = assemble(blocks, keep)
    meta = gather(seen, features, decisions, body, url=url, base=base, kind=kind, config=config)
    return Result(body, meta, removed_spans(blocks, decisions), source, text, kind, blocks, decisions,
                  headings=heading_levels(blocks, features, keep, headings))


def removed_spans(blocks: list[Block], decisions: list[Decision]) -> list[Removed]:
    """Removed blocks as spans: consecutive lines removed by the same rule form one entry."""
    spans: list[Removed] = []
    for block, decision in zip(blocks, decisions):
        final = decision.final
        if final is None or not decision.removed:
            continue
        last = spans[-1] if spans else None
        if last and last.rule == final.rule and _adjacent(blocks, last.end_line, block):
            spans[-1] = Removed(last.start_line, block.line_no, last.rule, last.reason,
                                last.text + "\n" + block.text, last.label, last.evidence)
        else:
            spans.append(Removed(block.line_no, block.line_no, final.rule, final.reason, block.text,
                                 final.label, dict(final.evidence)))
    return spans


def _adjacent(blocks: list[Block], end_line: int, block: Block) -> bool:
    """Whether no kept block lies between line `end_line` and `block`."""
    i = block.index - 1
    return i >= 0 and blocks[i].line_no == end_line
