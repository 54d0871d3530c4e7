"""read -> segment -> decide -> metadata -> Result, for one document."""
from __future__ import annotations

import warnings
from urllib.parse import urlsplit

from . import workers
from .config import DEFAULT, Config, check_timeout
from .corpus.profile_rule import profile_rules
from .document import NO_ARTICLE, Block, Decision, Label, Metadata, Removed, Result, Verdict
from .io.encoding import decode, is_html
from .io.readers import check_document, size_error
from .text.decide import decide, decide_round, text_verdicts
from .text.noqa import apply_noqa, marked, unmarked
from .text.rules.comments import thread_text
from .text.segment import assemble, reflow, segment
from .text.structure import heading_levels, list_lines
from .text.table import Lines, is_prose


def clean(document: str | bytes, *, url: str | None = None, config: Config | None = None,
          source: str | None = None, timeout: float | None = None) -> Result:
    """Clean one document (text or HTML, str or bytes): the body, its metadata and what was removed.

    Bytes are decoded (BOM, UTF-8, declared charset, detection); HTML (Config.input_kind: "auto" reads a
    document as HTML when it is markup throughout) has its blocks chosen by fusing trafilatura with DOM
    facts (cleaner/html/extract.py), then the same text rules as a dump. A document over Config.max_bytes,
    or a page with no article (or too large, too deep to trust) gives an empty body and Result.error.

    With a time limit (`timeout` seconds, else Config.timeout; None or 0: none) the document is cleaned
    in a worker process that is killed at the limit: DocumentTimeout is raised, WorkerDied if it crashed.
    Raises TypeError for a document that is not str or bytes, ConfigError for a bad `timeout`.
    """
    check_document(document)
    config = config or DEFAULT
    too_large = size_error(document, config.max_bytes)
    if too_large:
        return Result("", Metadata(), [], source, error=too_large)
    check_timeout(timeout)
    url = usable_url(url)
    limit = workers.limit_of(config.timeout if timeout is None else timeout)
    if limit is not None and not workers.in_worker():
        return workers.call(clean, limit, document, url=url, config=config, source=source, timeout=0)
    text = decode(document) if isinstance(document, bytes) else document
    if is_html(text, config.input_kind):
        return _clean_html(text, url, config, source)
    return clean_text(text, url=url, config=config, source=source)


def _clean_html(html: str, url: str | None, config: Config, source: str | None) -> Result:
    """An HTML page: the DOM path (fusion, then its fallbacks: cleaner/html/), then the text rules over the kept
    blocks; when that leaves nothing on a page that parsed, the page's text dump is cleaned as a dump
    would be (rule dom.fallback_text) if that keeps a sentence of prose (menus and labels alone are no
    article). An empty body only when every path finds nothing."""
    from .html.dom import HEADINGS
    from .html.extract import OWN_RULES, TEXT_RULES_OFF, extract, text_dump
    from .html.strategy import TYPE_TEXT_RULES_OFF

    page = extract(html, url, include_comments=config.include_comments,
                   page_type_file=config.extra.get("page_type_file"))
    off = (*TEXT_RULES_OFF, *TYPE_TEXT_RULES_OFF.get(page.page_type or "", ()))  # (a forum's posts are no comments)
    html_config = config.replace(ignore=(*config.ignore, *off))
    tagged = {b.text.strip(): max(2, int(b.tag[1])) for b, c in zip(page.blocks, page.choices)
              if c.keep and b.tag in HEADINGS}
    result = clean_text(page.text, url=url, config=html_config, source=source, base=page.metadata, kind="html",
                        headings=tagged)
    items = {b.text.strip() for b, c in zip(page.blocks, page.choices) if c.keep and b.list_item}
    result.list_items = list_lines(result.blocks, [not d.removed for d in result.decisions], items)
    result.removed = page.removed + result.removed
    result.html_path = (page.path, OWN_RULES[page.path])
    result.comments = page.comments
    if not result.text and page.error in (None, NO_ARTICLE):  # the tree parsed, within bounds, yet no body
        dump = text_dump(html)
        if dump.strip():
            from_dump = clean_text(dump, url=url, config=config, source=source, base=page.metadata)
            if any(not d.removed and is_prose(b.text) for b, d in zip(from_dump.blocks, from_dump.decisions)):
                from_dump.input_kind = "html"
                from_dump.html_path = ("dom.fallback_text", OWN_RULES["dom.fallback_text"])
                from_dump.comments = page.comments
                return from_dump
    result.error = page.error if not result.text else None
    return result


# Rounds of deciding again over what is left: one is the rule (nothing more goes). A round only removes, so
# it ends. With the model taking part a few dumps need more than three (6 of the first 700 wcxb-dev dumps); one of the
# 2,566 corpus dumps needs ten (a list of team names the model takes one line a round). The bound keeps a round's
# cost, a pass over the kept lines, a fixed multiple of the document's.
MAX_SETTLE = 16


def _settle(blocks: list[Block], lines: Lines, decisions: list[Decision], config: Config, later,
            read: list[Verdict | None], marks: list[int]) -> None:
    """Decide again with the rules and the learned model (`later`) over the lines left in the body, as
    cleaning the cleaned text would, until nothing more goes: cleaning is then idempotent by construction
    (a rule reading its neighbours, or the model reading a line's context, can change its mind once lines
    around it are gone). A round reads the table's view of the kept lines, numbered as in the cleaned text;
    the line rules that read a line's text alone give what they gave (`read`, the first round's), and the
    model reuses the word scores of its first reading. Verdicts of a round are added to the blocks' stories."""
    kept = [i for i, d in enumerate(decisions) if not d.removed]
    for _ in range(MAX_SETTLE):
        if not kept:
            return
        body = reflow(lines.blocks, kept)
        if body is None:  # a line that is only a noqa marker reads as blank: no line-for-line match
            return
        if len(kept) == len(lines) and body == lines.blocks:  # nothing removed, and the cleaned text reads
            return  # as the input did: a round would decide as the first (a clean file costs one decide)
        stories, last = decide_round(lines.view(kept, body), config, later, [read[i] for i in kept])
        for k, verdict in enumerate(last):
            if verdict is not None and verdict.label is not Label.BODY:
                decisions[kept[k]].verdicts.extend(stories[k])
        apply_noqa(blocks, decisions, marks)  # a line marked `# cleaner: noqa` stays, whichever round removed it
        left = [i for i in kept if not decisions[i].removed]  # (a line once out stays out: noqa kept its own)
        if len(left) == len(kept):
            return
        kept = left


def usable_url(url: str | None) -> str | None:
    """`url` when it parses, else None with a warning (a bad URL must not fail the document)."""
    if url is None:
        return None
    try:
        urlsplit(url).hostname  # noqa: B018 - parsing the host is what fails on 'http://[::1/x'
    except ValueError as exc:
        warnings.warn(f"ignoring the URL {url!r}: {exc}", stacklevel=3)
        return None
    return url


def clean_text(text: str, *, url: str | None = None, config: Config = DEFAULT, source: str | None = None,
               base: Metadata | None = None, kind: str = "text", headings: dict[str, int] | None = None) -> Result:
    """Clean a plain-text dump (already decoded); `headings` names a page's heading lines (HTML)."""
    blocks = segment(text)
    lines = Lines.of(unmarked(blocks))  # what the rules read: `# cleaner: noqa` markers taken off
    model = _model_rules(config) if kind == "text" else ()  # trained on text dumps, not on extracted HTML
    profile = profile_rules(config, url, source)
    read = text_verdicts(lines, config)
    decisions = decide(lines, config, (*profile, *model), read)  # the corpus's evidence before the model
    marks = marked(blocks)
    apply_noqa(blocks, decisions, marks)
    _settle(blocks, lines, decisions, config, (*profile, *model), read, marks)
    del model, profile  # the rules' per-document state (the model's scores of every line) goes before metadata
    lines.settled()
    keep = [not d.removed for d in decisions]
    body = assemble(blocks, keep)
    meta = (_gather(lines, decisions, body, url=url, base=base, kind=kind, config=config) if config.metadata
            else base or Metadata())
    return Result(body, meta, removed_spans(blocks, decisions), source, text, kind, blocks, decisions,
                  headings=heading_levels(blocks, lines, keep, headings),
                  comments=thread_text(lines, decisions) if config.include_comments else None)


def _model_rules(config: Config) -> tuple:
    """The learned rule when the config asks for it: the model's modules load only then (a `check` without
    `--model` starts without them)."""
    if not config.use_model:
        return ()
    from .model.learned import model_rules

    return model_rules(config)


def _gather(lines: Lines, decisions: list[Decision], body: str, **kwargs) -> Metadata:
    """The document's metadata (text/metadata.py, loaded only when metadata is read: not by `check`)."""
    from .text.metadata import gather

    return gather(lines, decisions, body, **kwargs)


def removed_spans(blocks: list[Block], decisions: list[Decision]) -> list[Removed]:
    """Removed blocks as spans: consecutive lines removed by the same rule form one entry."""
    runs: list[list[Block]] = []  # the blocks of each span, joined once at the end (linear time)
    firsts: list[Verdict] = []  # the final verdict of each span's first block
    for block, decision in zip(blocks, decisions):
        verdicts = decision.verdicts
        if not verdicts or verdicts[-1].label is Label.BODY:
            continue
        final = verdicts[-1]
        if runs and firsts[-1].rule == final.rule and _adjacent(blocks, runs[-1][-1].line_no, block):
            runs[-1].append(block)
        else:
            runs.append([block])
            firsts.append(final)
    return [Removed(run[0].line_no, run[-1].line_no, first.rule, first.reason, "\n".join(b.text for b in run),
                    first.label, first.evidence)
            for run, first in zip(runs, firsts)]


def _adjacent(blocks: list[Block], end_line: int, block: Block) -> bool:
    """Whether no kept block lies between line `end_line` and `block`."""
    i = block.index - 1
    return i >= 0 and blocks[i].line_no == end_line
