"""Same story, other wording: find pairs of documents in a corpus that tell one story.

Word 5-gram Jaccard, the usual near-duplicate measure, misses a re-translation or a
paraphrase (0.12-0.14 on the seed pairs 001/003 and 002/004). Containment of word
3-grams, |A∩B| / min(|A|, |B|), separates them: 0.43-0.52 for those pairs against at
most 0.054 for every unrelated seed pair. Comparing every pair is quadratic, so MinHash
sketches go into an LSH Ensemble (datasketch's index made for containment), which
proposes candidates; the exact containment is then computed for candidates only.

Runs inside a pre-commit hook: datasketch (which pulls in scipy) is imported lazily.
"""
from __future__ import annotations

import functools
import hashlib
import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations, product
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    import numpy as np


# The rule id `cleaner check` reports a same-story document under, with its reason.
SAME_STORY = "corpus.same_story"
SAME_STORY_REASON = "tells the same story as another document of the corpus"

Kind = Literal["exact", "near-exact", "same-story"]

CONTAINMENT_THRESHOLD = 0.2
"""3-gram containment from which two documents are the same story. Measured on the seeds:
same-story pairs score 0.43 and 0.52, unrelated pairs at most 0.054; 0.2 is about four
times the highest unrelated score and under half the lowest same-story one."""

CANDIDATE_FRACTION = 0.5
"""The LSH Ensemble looks for candidates at this fraction of the reporting threshold
(0.1 by default): its containment estimate is approximate (partition size bounds,
banding over 128 permutations), so it searches lower and the exact check decides. On
2,000 generated documents with 100 planted partial rewrites, it proposed every pair that
scored above 0.2 and the run reported no other pair."""

NEAR_EXACT_JACCARD = 0.8
"""5-gram Jaccard from which a pair is a near-exact copy. One changed word removes up to
five 5-grams on each side, so 0.8 allows about one changed word per 45; the seeds'
same-story pairs (0.12-0.14) are far below it."""

MIN_SHARED_SHINGLES = 10
"""A same-story pair must share at least this many distinct 3-grams (a sentence or so),
so that a one-line document contained in a long one is not called a story. The seed
same-story pairs share 185 and 215; this is a floor, not the separator."""

NUM_PERM = 128
"""MinHash permutations (datasketch's default): enough for the ensemble's banding, and
the estimate is only used to propose candidates."""

MINHASH_SEED = 1
"""Fixed seed of the MinHash permutations so that runs are reproducible."""

SHINGLE = 3
NEAR_EXACT_SHINGLE = 5

_WORD = re.compile(r"\w+")
_MULTIPLIER = 0x9E3779B97F4A7C15  # odd, so multiplying by it is a bijection mod 2^64


@dataclass(frozen=True, order=True)
class StoryPair:
    """Two documents (ids sorted, a < b) that tell one story, with their 3-gram containment."""

    a: str
    b: str
    score: float
    kind: Kind


@dataclass(frozen=True)
class _Shingles:
    """The sorted unique 64-bit hashes of a document's word 3-grams and 5-grams."""

    tri: np.ndarray
    five: np.ndarray


def _words(text: str) -> list[str]:
    """The casefolded word tokens of a text, the unit every comparison here is made of."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def _hash64(s: str) -> int:
    """A stable 64-bit hash (Python's hash() is salted per process)."""
    return int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest(), "big")


@functools.lru_cache(maxsize=1 << 18)
def _word_hash(word: str) -> int:
    """The 64-bit hash of one word, cached: a corpus repeats a small vocabulary endlessly."""
    return _hash64(word)


def _shingle_hashes(word_hashes: np.ndarray, n: int) -> np.ndarray:
    """Sorted unique 64-bit hashes of the word n-grams: 8 bytes each instead of Python strings.

    An n-gram's hash is the polynomial h0*M^(n-1) + ... + h(n-1) mod 2^64 of its words'
    hashes, computed over the whole document at once (order-sensitive, and collisions are
    as rare as between random 64-bit values).
    """
    import numpy as np  # loaded only when comparing documents: `check` on one file stays light

    count = word_hashes.size - n + 1
    if count <= 0:
        return np.empty(0, dtype=np.uint64)
    grams = np.zeros(count, dtype=np.uint64)
    multiplier = np.uint64(_MULTIPLIER)
    for k in range(n):
        grams = grams * multiplier + word_hashes[k : k + count]  # uint64 arrays wrap mod 2^64
    return np.unique(grams)


def _shingles(words: list[str]) -> _Shingles:
    """The 3-gram and 5-gram hash sets of a tokenised document."""
    import numpy as np

    word_hashes = np.array([_word_hash(w) for w in words], dtype=np.uint64)
    return _Shingles(_shingle_hashes(word_hashes, SHINGLE), _shingle_hashes(word_hashes, NEAR_EXACT_SHINGLE))


def _shared(a: np.ndarray, b: np.ndarray) -> int:
    """Number of hashes in both sorted unique arrays."""
    import numpy as np

    return int(np.intersect1d(a, b, assume_unique=True).size)


def _containment(a: np.ndarray, b: np.ndarray) -> float:
    """|A∩B| / min(|A|, |B|): how much of the shorter document the longer one contains."""
    smaller = min(a.size, b.size)
    return _shared(a, b) / smaller if smaller else 0.0


def _jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """|A∩B| / |A∪B| (0 for two empty sets: nothing to call a copy)."""
    inter = _shared(a, b)
    union = a.size + b.size - inter
    return inter / union if union else 0.0


def story(body: str) -> str:
    """What of a cleaned body tells its story: its lines of prose (the line table's reading), so that headlines
    or teasers left in two bodies cannot make two stories one. A body without prose is compared whole."""
    from ..text.segment import split_lines
    from ..text.table import is_prose

    prose = [line for line in split_lines(body) if is_prose(line)]
    return "\n".join(prose) if prose else body


def story_similarity(text_a: str, text_b: str) -> float:
    """Containment of lowercase word 3-grams of two texts: the score find_same_story reports."""
    return _containment(_shingles(_words(text_a)).tri, _shingles(_words(text_b)).tri)


def _size_bucket(size: int) -> int:
    """The size rounded up to the next of 8 geometric steps per doubling (at most 9% more)."""
    return max(size, math.ceil(2 ** (math.ceil(8 * math.log2(size)) / 8)))


def _candidates(sets: dict[str, np.ndarray], threshold: float, num_perm: int) -> set[tuple[str, str]]:
    """Pairs (sorted ids) whose 3-gram containment the LSH Ensemble estimates at least threshold."""
    if len(sets) < 2:
        return set()
    from datasketch import MinHash, MinHashLSHEnsemble

    sketches = {}
    for doc_id in sorted(sets):
        sketch = MinHash(num_perm=num_perm, seed=MINHASH_SEED, hashfunc=int, scheme="affine64")
        sketch.update_batch(sets[doc_id].tolist())
        sketches[doc_id] = sketch
    index = MinHashLSHEnsemble(threshold=threshold, num_perm=num_perm)
    # Indexed sizes only choose the size partitions, whose cost grows with the square of
    # the number of distinct sizes: round them up to 8 steps per doubling. Rounding up
    # only makes the containment estimate more generous; queries keep their exact size.
    index.index([(doc_id, sketches[doc_id], _size_bucket(sets[doc_id].size)) for doc_id in sorted(sets)])
    pairs = set()
    for doc_id in sorted(sets):
        # The ensemble finds sets that contain the query; querying every document finds
        # each pair from its smaller side, which is the containment measured here.
        for other in index.query(sketches[doc_id], sets[doc_id].size):
            if other != doc_id:
                pairs.add((min(doc_id, other), max(doc_id, other)))
    return pairs


def find_same_story(
    docs: Iterable[tuple[str, str]],
    *,
    threshold: float = CONTAINMENT_THRESHOLD,
    num_perm: int = NUM_PERM,
) -> list[StoryPair]:
    """Pairs of (doc_id, text) documents telling one story, sorted; the result ignores input order.

    Documents whose casefolded word sequence is identical are "exact" copies (score 1.0);
    other pairs need 5-gram Jaccard >= NEAR_EXACT_JACCARD ("near-exact") or 3-gram
    containment >= threshold ("same-story"), and are scored by their 3-gram containment.
    Documents without a single word are skipped; a repeated doc_id is an error.
    """
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"threshold must be in (0, 1], got {threshold}")
    groups: dict[int, list[str]] = {}
    shingles: dict[int, _Shingles] = {}
    seen: set[str] = set()
    for doc_id, text in docs:
        if doc_id in seen:
            raise ValueError(f"duplicate doc id {doc_id!r}")
        seen.add(doc_id)
        words = _words(text)
        if not words:
            continue
        key = _hash64(" ".join(words))
        if key not in groups:
            groups[key] = []
            shingles[key] = _shingles(words)
        groups[key].append(doc_id)

    pairs = [StoryPair(a, b, 1.0, "exact") for ids in groups.values() for a, b in combinations(sorted(ids), 2)]
    # One representative (the smallest id) per exact group goes into the index.
    members = {min(ids): sorted(ids) for ids in groups.values()}
    by_rep = {min(ids): shingles[key] for key, ids in groups.items()}
    indexed = {rep: s.tri for rep, s in by_rep.items() if s.tri.size}
    for rep_a, rep_b in _candidates(indexed, threshold * CANDIDATE_FRACTION, num_perm):
        sa, sb = by_rep[rep_a], by_rep[rep_b]
        score = _containment(sa.tri, sb.tri)
        if _jaccard(sa.five, sb.five) >= NEAR_EXACT_JACCARD:
            kind: Kind = "near-exact"
        elif score >= threshold and _shared(sa.tri, sb.tri) >= MIN_SHARED_SHINGLES:
            kind = "same-story"
        else:
            continue
        for a, b in product(members[rep_a], members[rep_b]):
            pairs.append(StoryPair(min(a, b), max(a, b), score, kind))
    return sorted(pairs)
