"""The learned cleaner behind the rule interface: words, layout and context, decoded over the document.

Three parts, all shipped in one file (`data/model.npz`, written by `cleaner train`, numpy only):
1. a lexical model: a multinomial logistic regression over the line's words, word pairs and
   character 4-grams (`lexical.py`), giving each line a probability per class: body, page
   furniture of a named kind (`promo.newsletter`, `audio.tts_notice`, ...), or a metadata line
   (`meta.title`, `meta.byline`, ...);
2. a context model in two passes of boosted trees: the first over the line's shape, position,
   neighbours, the heuristic rules' verdicts and the lexical probabilities of the line and its
   neighbours (`features.py`); the second over the same plus what the first pass says around
   the line (its scores nearby and the main run of article text it finds), giving the log-odds
   that the line leaves the body;
3. a decoder: Viterbi over keep/drop with learned costs for entering and leaving a run of
   furniture, so the body is kept or dropped as coherent runs rather than line by line.
A removed line is reported as `model.<class>` (the likeliest non-body class of its words), with the
probability, the words that spoke for that class and the context features that pushed it out.
"""
from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, partial
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..config import Config
from ..document import Evidence, Label, Verdict
from ..text.rules.base import Context, ContextRule
from ..text.table import PROSE_MIN_WORDS
from .inference import LONG_PROSE_WORDS, SLICE_LINES, Model, class_label, load, second_inputs, softmax_columns

if TYPE_CHECKING:
    import numpy as np

# Classes that only stand above the article text: a line below the first kept body line is never
# named a headline or a kicker, whatever its words say.
ABOVE_BODY = ("meta.title", "meta.section")
# The model keeps a line a rule removed only when it is this sure the line is article text: the rule's
# verdict is evidence too, and a rule misfires far less often than a borderline score.
OVERRULE_PROBABILITY = 0.1
# Rules whose removal the model never overrules though training did not measure them precise: an inline link's
# label ('Read more:', 'Lire aussi :') with a headline after it is furniture whatever the headline's words say,
# and a headline's words are what the model reads as article text.
KEPT_RULINGS = frozenset({"teaser.inline"})


HEADLINE_REASON = ("headline guard: the learned cleaner would have removed only the document's first line, a "
                   "heading over a sentence, from a page the rules left whole: the article's own headline stays")
KEEP_REASON = "learned cleaner: the line reads as article text in its context (a less certain rule removed it)"
GUARD_REASON = ("body guard: the learned cleaner would have removed every line the rules left, and a page holding "
                "prose is not all furniture: its prose is kept")


@lru_cache(maxsize=1)
def default_path() -> Path:
    """Where the shipped model lives inside the package (found once: the rule is made for every document)."""
    return Path(str(resources.files("cleaner.data").joinpath("model.npz")))


class LearnedRule(ContextRule):
    """Page furniture and metadata lines by the learned cleaner, for blocks the heuristic rules kept."""

    id = "model"
    reason = "learned cleaner: the line's words and its place on the page read as {kind}"
    stage = "model"

    def __init__(self, path: Path) -> None:
        self.path = path
        # The lexical columns of the lines read so far, by text: a settle round (pipeline._settle) reads the
        # kept lines again in their new context, and a line's word scores depend on its text alone.
        self._read: dict[str, int] = {}
        self._columns: "np.ndarray | None" = None

    def evaluate(self, ctx: Context) -> dict[int, Verdict]:
        import numpy as np

        from .features import SCORE_FEATURES, Rows, column, doc_matrix, own_columns

        if not len(ctx):
            return {}
        model = load(str(self.path))
        lines = [b.text for b in ctx.blocks]
        lexical, terms = self._lexical(model, lines)
        rows = Rows(own_columns(ctx, lexical), doc_matrix(ctx))
        if rows.width + len(SCORE_FEATURES) != len(model.features):
            raise ValueError(f"{self.path}: model features differ from this version's; retrain it")
        words = column(ctx.lines, "words")
        prose = column(ctx.lines, "prose")
        long_prose = prose & (words >= LONG_PROSE_WORDS)
        score, extra = model.scores(rows, words, long_prose)
        decided, fixed, moved = _decided(model, ctx)
        threshold = min(max(ctx.config.model_threshold, 1e-6), 1 - 1e-6)
        cut = float(np.log(threshold / (1 - threshold)))
        dropped = model.decoder.decode(score - cut, fixed)
        out: dict[int, Verdict] = {}
        if not (~dropped & ~decided).any():  # the model would leave nothing: the body guard keeps the prose
            for i in np.flatnonzero(prose & dropped & ~decided).tolist():
                probability = 1.0 / (1.0 + np.exp(model.decoder.offset - score[i]))
                out[i] = Verdict("model.guard", Label.BODY, GUARD_REASON, {"probability": round(float(probability), 3)},
                                 self.stage)
                dropped[i] = False
        if _lone_headline(ctx, np.flatnonzero(dropped & ~decided), decided):
            probability = 1.0 / (1.0 + np.exp(model.decoder.offset - score[0]))
            out[0] = Verdict("model.headline", Label.BODY, HEADLINE_REASON, {"probability": round(float(probability), 3)},
                             self.stage)
            dropped[0] = False
        # A rule it does not trust removed a line it keeps; a line a rule moved into metadata stays there
        # (the title, byline, date, caption and bio are information the metadata stage needs).
        for i in np.flatnonzero(decided & ~dropped & ~moved).tolist():
            probability = 1.0 / (1.0 + np.exp(model.decoder.offset - score[i]))
            if probability > OVERRULE_PROBABILITY or ctx.verdicts[i].rule in KEPT_RULINGS:
                continue
            out[i] = Verdict("model.body", Label.BODY, KEEP_REASON, {"probability": round(float(probability), 3),
                             "overrules": ctx.verdicts[i].rule}, self.stage)
        chosen = np.flatnonzero(dropped & ~decided)
        if not len(chosen):
            return out
        design = model.naming_design(terms, lines, chosen)
        names = model.namer.scores(design, len(chosen))
        kept = np.flatnonzero(~dropped & ~decided)
        below = chosen > (kept[0] if len(kept) else len(lines))
        for name in ABOVE_BODY:
            if name in model.classes:
                names[below, model.classes.index(name)] = -np.inf
        classes = 1 + np.argmax(names[:, 1:], axis=1)  # class 0 is body: the decoder already said it is not
        why = _Attribution(model, partial(_second_inputs, rows.own, rows.doc, extra, chosen), design, classes)
        said = {cls: (f"model.{model.classes[cls]}", class_label(model.classes[cls]),
                      self.reason.format(kind=_kind(model.classes[cls]))) for cls in set(classes.tolist())}
        probabilities = (1.0 / (1.0 + np.exp(model.decoder.offset - score[chosen]))).tolist()
        for row, (i, cls) in enumerate(zip(chosen.tolist(), classes.tolist())):
            rule, label, reason = said[cls]
            evidence = Evidence({"class": model.classes[cls], "probability": round(probabilities[row], 3)},
                                partial(why.of, row))
            out[i] = Verdict(rule, label, reason, evidence, self.stage,
                             {"text": ctx.blocks[i].text} if label is Label.METADATA else {})
        return out

    def _lexical(self, model: Model, lines: list[str]) -> tuple["np.ndarray", Any]:
        """The lexical columns of `lines` (softmax_columns of the lexical model's class scores, row by row) and
        their terms (see Lexical.logits); lines read before take their columns from that reading (no terms
        then: the naming model finds them again)."""
        if self._columns is not None:
            read = list(map(self._read.get, lines))
            if None not in read:
                return self._columns[read], None
        logits, terms = model.lexical.logits(lines)
        columns = softmax_columns(logits, model.lexical_classes)
        self._read, self._columns = dict(zip(lines, range(len(lines)))), columns
        return columns, terms


class _Attribution:
    """What made the model remove each of a document's removed lines: the words that spoke for its class
    and the context features that pushed it out. Computed for all of them the first time one is asked."""

    def __init__(self, model: Model, inputs: Callable[[], "np.ndarray"],
                 design: tuple["np.ndarray", "np.ndarray", "np.ndarray"], classes: "np.ndarray") -> None:
        self.model, self.inputs, self.design, self.classes = model, inputs, design, classes
        self._pushes: list[dict[str, float]] | None = None

    def of(self, row: int) -> dict[str, Any]:
        """The `words` and `context` entries of removed line `row` (in the order lines were removed)."""
        if self._pushes is None:
            second, x2 = self.model.forests[1], self.inputs()
            self._pushes = [push for start in range(0, len(x2), SLICE_LINES)
                            for push in second.contributions(x2[start:start + SLICE_LINES],
                                                             second.walk(x2[start:start + SLICE_LINES]),
                                                             self.model.features)]
        return {"words": self.model.namer.evidence(self.design, row, int(self.classes[row])),
                "context": self._pushes[row]}


def _second_inputs(own: "np.ndarray", doc: "np.ndarray", extra: "np.ndarray", chosen: "np.ndarray") -> "np.ndarray":
    """second_inputs() of the removed lines, from the arrays their rows are made of: an explanation asked for
    later (it stays with the Result) keeps these, not the document's Rows with its sums and padding, which
    are as large again as its own columns."""
    from .features import Rows

    return second_inputs(Rows(own, doc), extra, chosen)


def _decided(model: Model, ctx: Context) -> tuple["np.ndarray", "np.ndarray", "np.ndarray"]:
    """Per line: whether a rule removed it (`decided`: the context's `taken`), whether that removal stands whatever
    the model says (`fixed`: Model.trusts its rule) and whether the rule moved it into metadata (`moved`)."""
    import numpy as np

    verdicts = ctx.verdicts
    decided = np.fromiter(ctx.taken, bool, len(verdicts))
    fixed, moved = np.zeros(len(verdicts), bool), np.zeros(len(verdicts), bool)
    at = np.flatnonzero(decided).tolist()
    if at:
        trusted = {rule: model.trusts(rule) for rule in {verdicts[i].rule for i in at}}
        fixed[at] = [trusted[verdicts[i].rule] for i in at]
        moved[at] = [verdicts[i].label is Label.METADATA for i in at]
    return decided, fixed, moved


def _lone_headline(ctx: Context, chosen: "np.ndarray", decided: "np.ndarray") -> bool:
    """Whether the only line leaving the document is its first, a heading directly over a sentence: the
    article's own headline (furniture at a page's top comes with more of it, or is taken by a rule)."""
    if len(chosen) != 1 or chosen[0] != 0 or len(ctx) < 2 or decided.any():
        return False
    lines = ctx.lines
    return lines.heading[0] and lines.words[1] >= PROSE_MIN_WORDS and lines.root()[1][0] == 0


def _kind(name: str) -> str:
    return "page furniture" if name == "boilerplate" else name.replace("meta.", "metadata: ").replace(".", " ")


def model_ids(path: Path | None = None) -> dict[str, str]:
    """The rule ids the model can give: `model.<class>` for the shipped model's classes, `model.body` (it
    keeps a line a less certain rule removed), `model.guard` (the body guard keeps a document's prose) and
    `model.headline` (the headline guard keeps the first line of a page the rules left whole)."""
    path = path or default_path()
    classes = load(str(path)).classes if path.is_file() else ("body", "boilerplate")
    ids = {f"model.{c}": LearnedRule.reason.format(kind=_kind(c)) for c in classes if c != "body"}
    return {"model.body": KEEP_REASON, "model.guard": GUARD_REASON, "model.headline": HEADLINE_REASON, **ids}


def model_rules(config: Config) -> tuple[ContextRule, ...]:
    """The learned rule when the config enables it and a model file exists (else no rule)."""
    if not config.use_model:
        return ()
    path = Path(config.extra.get("model_file") or default_path())
    return (LearnedRule(path),) if path.is_file() else ()
