"""Near-duplicate detection alone: its cost per article, and the similarities it sees on sample texts.

usage: python bench/dedup.py [DIR_OR_FILES...] [--stored N] [--ingest ROUNDS]
Defaults to ../shared/data/dev (falls back to the built-in examples). Prints
- the estimated Jaccard similarity of each rewritten copy and each same-event article in
  tests/dupe_texts.py to the wire story (the threshold is read/duplicates.py's THRESHOLD);
- milliseconds per article to fingerprint (shingles + MinHash + band hashes);
- milliseconds per article to sift a batch against an SQLite store already holding N fingerprints
  (random, so no matches: the cost of the band lookup itself), and to record a fingerprint;
- how many of the articles read are near-copies of another among them;
- with ``--ingest ROUNDS`` (needs the spaCy model): the full ingest of the articles into ROUNDS fresh
  stores, and the share of it spent in near-duplicate detection (timed inside the same runs, so the
  figure holds on a loaded machine, where two separate runs differ by more than it).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.dupe_texts import COPIES, SAME_EVENT, WIRE, text  # noqa: E402

from annals.api import Annals  # noqa: E402
from annals.examples import example_dir  # noqa: E402
from annals.models import Analysis, Article  # noqa: E402
from annals.read import read_paths  # noqa: E402
from annals.read.duplicates import NUM_PERM, THRESHOLD, band_hashes, fingerprint  # noqa: E402
from annals.store import schema  # noqa: E402
from annals.store.duplicates import Duplicates  # noqa: E402
from annals.store.write import write_analysis  # noqa: E402


def fill(annals: Annals, n: int) -> None:
    """``n`` stored documents with random signatures and their band hashes."""
    rng = np.random.default_rng(7)
    day = date(2024, 1, 1)
    docs, sigs, bands = [], [], []
    for i in range(n):
        sig = rng.integers(0, 2**32, NUM_PERM, dtype=np.uint32)
        docs.append({"id": f"stored-{i}", "published": day, "text": "x", "sha256": "0" * 64,
                     "ingested_at": day})
        sigs.append({"doc_id": f"stored-{i}", "minhash": sig.tobytes()})
        bands.extend({"doc_id": f"stored-{i}", "band": b, "hash": h} for b, h in enumerate(band_hashes(sig)))
    with annals.engine.begin() as conn:
        conn.execute(schema.documents.insert(), docs)
        conn.execute(schema.doc_signatures.insert(), sigs)
        conn.execute(schema.doc_bands.insert(), bands)


def main() -> None:
    shared = Path(__file__).resolve().parents[2] / "shared" / "data" / "dev"
    ap = argparse.ArgumentParser()
    ap.add_argument("paths", nargs="*", default=[str(shared if shared.exists() else example_dir())])
    ap.add_argument("--stored", type=int, default=20000, help="fingerprints in the store before the batch")
    ap.add_argument("--ingest", type=int, default=0, help="rounds of full ingest, timing detection within it")
    a = ap.parse_args()

    wire = fingerprint(text(WIRE))
    print(f"threshold {THRESHOLD}")
    for label, group in (("copy", COPIES), ("same event", SAME_EVENT)):
        for name, paragraphs in group.items():
            print(f"  {label:<10} {name:<30} {wire.similarity(fingerprint(text(paragraphs)).signature):.2f}")

    articles = [x for x in read_paths(a.paths) if isinstance(x, Article)]
    n = len(articles)
    t = time.perf_counter()
    for x in articles:
        fingerprint(x.text)
    print(f"articles: {n} ({sum(len(x.text) for x in articles) / n:.0f} chars on average)")
    print(f"fingerprint: {(time.perf_counter() - t) / n * 1000:.2f} ms/article")

    with tempfile.TemporaryDirectory() as tmp:
        annals = Annals(str(Path(tmp) / "dedup.db"))
        t = time.perf_counter()
        fill(annals, a.stored)
        print(f"store filled with {a.stored} fingerprints in {time.perf_counter() - t:.1f} s")
        batch = [Article(f"new-{i}", x.published, x.text) for i, x in enumerate(articles)]
        dupes = Duplicates(annals.engine)
        t = time.perf_counter()
        found = list(dupes.sift(batch))
        sift_s = time.perf_counter() - t
        record_s = 0.0
        for x in dupes.originals:   # as ingest does: a transaction per article
            with annals.engine.begin() as conn:
                write_analysis(conn, Analysis(x))
                t = time.perf_counter()
                dupes.stored(conn, x)
                record_s += time.perf_counter() - t
    print(f"sift against {a.stored} stored: {sift_s / n * 1000:.2f} ms/article; "
          f"record a fingerprint: {record_s / max(1, len(dupes.originals)) * 1000:.2f} ms/article")
    print(f"near-copies among the articles read: {len(found)} of {n}")
    if a.ingest:
        share_of_ingest(articles, a.ingest)


class TimedDuplicates(Duplicates):
    """Detection as ingest runs it, adding up the time spent in it."""

    spent = 0.0

    def sift(self, articles):
        t = time.perf_counter()
        found = list(super().sift(articles))
        TimedDuplicates.spent += time.perf_counter() - t
        return iter(found)

    def stored(self, conn, article):
        t = time.perf_counter()
        super().stored(conn, article)
        TimedDuplicates.spent += time.perf_counter() - t


def share_of_ingest(articles: list[Article], rounds: int) -> None:
    import annals.api

    total = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        warm = Annals(":memory:")
        warm.ingest_articles(articles[:5])   # load the pipeline and the lexicon before timing
        annals.api.Duplicates = TimedDuplicates
        for r in range(rounds):
            store = Annals(str(Path(tmp) / f"{r}.db"))
            store._nlp = warm.nlp
            t = time.perf_counter()
            store.ingest_articles(articles)
            total += time.perf_counter() - t
        annals.api.Duplicates = Duplicates
    n = len(articles) * rounds
    print(f"ingest {total / n * 1000:.1f} ms/article, of which near-duplicate detection "
          f"{TimedDuplicates.spent / n * 1000:.2f} ms ({100 * TimedDuplicates.spent / total:.1f}%)")


if __name__ == "__main__":
    main()
