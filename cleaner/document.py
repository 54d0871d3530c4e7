"""Plain data that crosses module boundaries: blocks, verdicts, decisions, metadata, results.

This is the ground floor of the package: it imports nothing from the rest of cleaner.
"""
from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields
from typing import Any


NO_ARTICLE = "no article text found on the page"
"""Result.error of a page that was read and holds no article: a result (an empty body), not a failure."""


class Label(enum.Enum):
    """What a block is: body text, boilerplate, or information that moves into metadata."""

    BODY = "body"
    BOILERPLATE = "boilerplate"
    METADATA = "metadata"


_BODY = Label.BODY  # (read by Decision.removed, asked of every line by each stage)


@dataclass(slots=True)
class Block:
    """One non-empty line of the input, with its 1-based line number and neighbourhood facts.

    A dump's line is its natural unit: blocks of a page become lines once the HTML is gone.
    `para` numbers runs of consecutive non-empty lines (paragraphs separated by blank lines).
    """

    index: int
    line_no: int
    text: str
    para: int
    blank_before: bool = False


class Evidence(dict):
    """A verdict's evidence whose costly part is computed on first look: the entries given are there at
    once, `more()` adds the rest the first time anything reads the evidence (the learned model's
    attribution, which only --explain, `explain`, a report or JSON output show). It pickles and
    copies as a plain dict."""

    __slots__ = ("_more",)

    def __init__(self, ready: Any = (), more: Callable[[], dict[str, Any]] | None = None) -> None:
        super().__init__(ready)
        self._more = more

    def _fill(self) -> None:
        more, self._more = self._more, None
        if more is not None:
            dict.update(self, more())

    def __getitem__(self, key: str) -> Any:
        self._fill()
        return dict.__getitem__(self, key)

    def get(self, key: str, default: Any = None) -> Any:
        self._fill()
        return dict.get(self, key, default)

    def __contains__(self, key: object) -> bool:
        self._fill()
        return dict.__contains__(self, key)

    def __iter__(self):
        self._fill()
        return dict.__iter__(self)

    def __len__(self) -> int:
        self._fill()
        return dict.__len__(self)

    def keys(self):
        self._fill()
        return dict.keys(self)

    def values(self):
        self._fill()
        return dict.values(self)

    def items(self):
        self._fill()
        return dict.items(self)

    def copy(self) -> dict[str, Any]:
        self._fill()
        return dict(dict.items(self))

    def __eq__(self, other: object) -> bool:
        self._fill()
        return dict.__eq__(self, other.copy() if isinstance(other, Evidence) else other)

    def __ne__(self, other: object) -> bool:
        return not self == other

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        self._fill()
        return dict.__repr__(self)

    def __reduce__(self):
        return dict, (self.copy(),)


class _NoEntries(dict):
    """The one empty evidence and facts of every verdict that has none (most have none: a long document's
    hundred thousand verdicts held two empty dicts each). It reads as, compares as, pickles and copies as an
    empty dict; changing it is an error, as it is shared."""

    __slots__ = ()

    def _frozen(self, *args: Any, **kwargs: Any) -> None:
        raise TypeError("a verdict's empty evidence and facts are shared and cannot be changed")

    __setitem__ = __delitem__ = update = setdefault = pop = popitem = clear = __ior__ = _frozen  # type: ignore[assignment]

    def __reduce__(self):
        return dict, ()


NO_ENTRIES: dict[str, Any] = _NoEntries()


@dataclass(frozen=True, slots=True)
class Verdict:
    """A rule's finding on one block: the label it gives, why, and the numbers that made it fire."""

    rule: str
    label: Label
    reason: str
    evidence: dict[str, Any] = field(default_factory=dict)
    stage: str = "context-free"
    facts: dict[str, str] = field(default_factory=dict)
    """Metadata this block carries (title, author, date...), for blocks moved into metadata."""

    def __post_init__(self) -> None:
        if type(self.evidence) is dict and not self.evidence:  # (an Evidence is never read here: it may be lazy)
            object.__setattr__(self, "evidence", NO_ENTRIES)
        if type(self.facts) is dict and not self.facts:
            object.__setattr__(self, "facts", NO_ENTRIES)


@dataclass(slots=True)
class Decision:
    """Every stage's verdicts on one block and the final one, so --explain can tell the whole story."""

    verdicts: list[Verdict] = field(default_factory=list)

    @property
    def final(self) -> Verdict | None:
        """The last verdict given (later stages revise earlier ones); None means kept as body."""
        verdicts = self.verdicts
        return verdicts[-1] if verdicts else None

    @property
    def removed(self) -> bool:
        """Whether the block leaves the body."""
        verdicts = self.verdicts  # (the last verdict read here, not through `final`: a stage asks every line)
        return bool(verdicts) and verdicts[-1].label is not _BODY


@dataclass
class Metadata:
    """Facts about the article taken out of the body (absent fields are None).

    The normal form (see README): `date` and `updated` are YYYY-MM-DD, `date_time` and `updated_time`
    the full ISO 8601 timestamp when a time is known; `authors` are person names only (`author` is the
    first), the publisher or agency is in `publisher`; `fetched` is when a crawler fetched the page.
    """

    title: str | None = None
    author: str | None = None
    authors: list[str] = field(default_factory=list)
    publisher: str | None = None
    date: str | None = None
    date_time: str | None = None
    updated: str | None = None
    updated_time: str | None = None
    fetched: str | None = None
    dateline: str | None = None
    section: str | None = None
    image_caption: str | None = None
    image_credit: str | None = None
    author_bio: str | None = None
    url: str | None = None
    hostname: str | None = None
    sitename: str | None = None
    description: str | None = None
    language: str | None = None
    categories: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    image: str | None = None
    license: str | None = None

    def fill(self, other: "Metadata") -> None:
        """Take every field of `other` that is still empty here (first source wins)."""
        for f in fields(self):
            if not getattr(self, f.name) and getattr(other, f.name):
                setattr(self, f.name, getattr(other, f.name))

    def to_dict(self) -> dict[str, Any]:
        """The metadata as JSON-ready data; empty strings and lists become null/[]."""
        return {k: (v if v not in ("",) else None) for k, v in asdict(self).items()}


@dataclass(frozen=True)
class Removed:
    """One removed span of the input: where it was, which rule removed it, why, and its text."""

    start_line: int
    end_line: int
    rule: str
    reason: str
    text: str
    label: Label = Label.BOILERPLATE
    evidence: dict[str, Any] = field(default_factory=dict)
    path: str | None = None
    """For a block the HTML stage dropped: the element path of its first block (then the line numbers are
    the page's source lines, not lines of the extracted text); None for a text-stage removal."""
    offset: int | None = None
    """For an HTML removal: character offset of its text in the page text (every block of the page, one
    a line, in document order)."""

    def to_dict(self) -> dict[str, Any]:
        """The JSON record entry for this span (`path` and `offset` only for HTML removals)."""
        record = {
            "start_line": self.start_line,
            "end_line": self.end_line,
            "rule": self.rule,
            "reason": self.reason,
            "label": self.label.value,
            "text": self.text,
            "evidence": self.evidence,
        }
        if self.path is not None:
            record["path"] = self.path
            record["offset"] = self.offset
        return record


@dataclass
class Result:
    """What cleaning one document gives: the body, its metadata and every removed span.

    `source_text` is the text the line numbers in `removed` refer to (the decoded dump, or the
    text extracted from HTML); `blocks` and `decisions` keep the full story for explanations.
    """

    text: str
    metadata: Metadata
    removed: list[Removed]
    source: str | None = None
    source_text: str = ""
    input_kind: str = "text"
    blocks: list[Block] = field(default_factory=list, repr=False)
    decisions: list[Decision] = field(default_factory=list, repr=False)
    error: str | None = None
    headings: dict[int, int] = field(default_factory=dict, repr=False)
    """Lines of `text` that are headings (0-based line index -> level 2-6), for Markdown output."""
    list_items: set[int] = field(default_factory=set, repr=False)
    """Lines of `text` that are items of a page's lists (0-based line indexes), for Markdown output."""
    comments: str | None = None
    """With Config.include_comments: the reader-comment thread (HTML: the page's; a dump: the lines rule
    comments.thread took), never part of `text` (None: not asked or none)."""
    html_path: tuple[str, str] | None = None
    """For HTML: the rule id and reason of the path the body came from (fusion or a fallback)."""

    def to_dict(self) -> dict[str, Any]:
        """The JSON record: source, text, metadata and removed spans (see README)."""
        record: dict[str, Any] = {
            "source": self.source,
            "text": self.text,
            "metadata": self.metadata.to_dict(),
            "removed": [r.to_dict() for r in self.removed],
        }
        if self.comments is not None:
            record["comments"] = self.comments
        if self.error:
            record["error"] = self.error
        return record

    def counts_by_rule(self) -> dict[str, int]:
        """How many spans each rule removed in this document."""
        counts: dict[str, int] = {}
        for r in self.removed:
            counts[r.rule] = counts.get(r.rule, 0) + 1
        return counts
