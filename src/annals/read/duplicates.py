"""Near-duplicate articles (one wire story reprinted by many outlets, updated versions), by MinHash.

An article's text becomes a set of word shingles (``SHINGLE`` words in a row, lower-cased), summarised
by a datasketch MinHash of ``NUM_PERM`` values. Two articles whose MinHashes agree on a share of at least
``THRESHOLD`` of their values (the estimate of the Jaccard similarity of their shingle sets) are copies.
To find candidates among millions without comparing all pairs, the signature is cut into ``BANDS``
bands of ``ROWS`` values and each band hashed to one 64-bit number (locality-sensitive hashing): two
articles sharing any band hash are candidates, which the store looks up with an index.

Tuned on the texts of tests/dupe_texts.py (``python bench/dedup.py`` prints the figures): a copy with
its sentences reordered, its headline changed, a paragraph added, its last paragraphs cut or an outlet's
own dateline and credit scores 0.66-0.95; a different article on the same event (same people, same day,
own wording and facts) scores 0.02-0.03. Between different outlets' reports of the same events in
../shared/data/dev the highest score is 0.375, so none is merged. With 32 bands of 4 rows, a pair at 0.5
is a candidate with probability 0.87, at 0.66 with 0.999, at 0.2 with 0.05.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from datasketch import MinHash

NUM_PERM = 128
BANDS, ROWS = 32, 4   # BANDS * ROWS == NUM_PERM
SHINGLE = 3           # words per shingle
THRESHOLD = 0.5       # estimated Jaccard similarity from which two articles are one story
SEED = 1
SCHEME = "affine32"   # stored signatures stay comparable only under the same scheme, seed and shingling
WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Fingerprint:
    """An article's MinHash signature and its LSH band hashes (signed 64-bit, one per band)."""

    signature: np.ndarray
    bands: tuple[int, ...]

    def similarity(self, other: np.ndarray) -> float:
        """Estimated Jaccard similarity of the two articles' shingle sets."""
        return float(np.count_nonzero(self.signature == other)) / NUM_PERM

    def to_bytes(self) -> bytes:
        return self.signature.astype("<u4").tobytes()


def signature_from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype="<u4").astype(np.uint32)


def shingles(text: str) -> set[bytes]:
    """The text's runs of ``SHINGLE`` words, lower-cased (a shorter text is one shingle)."""
    words = WORD.findall(text.lower())
    if len(words) <= SHINGLE:
        return {" ".join(words).encode()}
    return {" ".join(words[i:i + SHINGLE]).encode() for i in range(len(words) - SHINGLE + 1)}


@lru_cache(maxsize=1)
def _permutations() -> np.ndarray:
    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations


def fingerprint(text: str) -> Fingerprint:
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, permutations=_permutations(), scheme=SCHEME)
    minhash.update_batch(shingles(text))
    signature = minhash.hashvalues.astype(np.uint32)
    return Fingerprint(signature, band_hashes(signature))


def band_hashes(signature: np.ndarray) -> tuple[int, ...]:
    """One 64-bit hash per band of ``ROWS`` values; the band's number is hashed in, so one column suffices."""
    data = signature.astype("<u4").tobytes()
    step = ROWS * 4
    return tuple(int.from_bytes(hashlib.blake2b(bytes([band]) + data[band * step:(band + 1) * step],
                                                digest_size=8).digest(), "little", signed=True)
                 for band in range(BANDS))
