"""Throughput: spaCy's own pipeline vs. `annals ingest` on the same articles, and their ratio.

usage: python bench/throughput.py [DIR_OR_FILES...] [--repeat N]
Defaults to ../shared/data/dev (falls back to the built-in examples). Prints articles/s for
spaCy alone (nlp.pipe of the configured model) and for Annals' full ingest (our components,
extraction, and the SQLite writes), and the ratio annals/spaCy.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import spacy

from annals.api import Annals
from annals.config import DEFAULT_MODEL
from annals.examples import example_dir
from annals.models import Article
from annals.read import read_paths


def main() -> None:
    shared = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "dev"
    ap = argparse.ArgumentParser()
    ap.add_argument("paths", nargs="*", default=[str(shared if shared.exists() else example_dir())])
    ap.add_argument("--repeat", type=int, default=1,
                    help="copies of each article (new ids); ingest stores copies once (near-duplicates), not "
                         "analysing them, so more than 1 no longer measures the same work as spaCy's")
    ap.add_argument("--model", default=DEFAULT_MODEL)
    ap.add_argument("--processes", type=int, default=1, help="worker processes for both pipelines")
    a = ap.parse_args()
    base = [x for x in read_paths(a.paths) if isinstance(x, Article)]
    articles = [Article(f"{r}-{x.id}", x.published, x.text) for r in range(a.repeat) for x in base]
    chars = sum(len(x.text) for x in articles)

    nlp = spacy.load(a.model)
    list(nlp.pipe([x.text for x in articles[:5]]))   # warm up
    t = time.perf_counter()
    for _ in nlp.pipe([x.text for x in articles], batch_size=16, n_process=a.processes):
        pass
    spacy_s = time.perf_counter() - t

    with tempfile.TemporaryDirectory() as tmp:
        annals = Annals(str(Path(tmp) / "bench.db"), a.model, processes=a.processes)
        annals.ingest_articles(articles[:5])   # load the pipeline, warm up
        t = time.perf_counter()
        report = annals.ingest_articles(articles[5:])
        annals_s = time.perf_counter() - t
    n = len(articles)
    spacy_rate, annals_rate = n / spacy_s, (n - 5) / annals_s
    print(f"articles: {n} ({chars / n:.0f} chars on average), errors: {len(report.errors)}, "
          f"near-duplicates not analysed: {report.totals()['duplicates']}")
    print(f"spaCy {a.model} nlp.pipe ({a.processes} process(es)): {spacy_rate:8.1f} articles/s")
    print(f"annals ingest (analyse + store): {annals_rate:8.1f} articles/s")
    print(f"ratio annals/spaCy: {annals_rate / spacy_rate:.2f}")


if __name__ == "__main__":
    main()
