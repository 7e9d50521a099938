"""Throughput: spaCy's own pipeline vs. `annals ingest` on the same articles, and their ratio.

usage: python bench/throughput.py [DIR_OR_FILES...] [--repeat N] [--workers N] [--no-dedupe]
Defaults to ../shared/data/dev (falls back to the built-in examples). Prints articles/s for
spaCy alone (nlp.pipe of the configured model) and for Annals' full ingest (our components,
extraction, and the SQLite writes), and the ratio annals/spaCy; then, unless --workers 0 or Ray
is missing, the same ingest on N Ray workers (a local cluster) and its ratio to the serial figure:
once from the call to the end (starting the workers, each loading the pipeline) and once in
steady state (from the first batch written to the last).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
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
                    help="copies of each article (new ids); with more than 1 the ingest runs without "
                         "near-duplicate detection, which would store the copies without analysing them")
    ap.add_argument("--model", default=DEFAULT_MODEL)
    ap.add_argument("--processes", type=int, default=1, help="worker processes for both pipelines")
    ap.add_argument("--workers", type=int, default=2, help="Ray workers for the Ray figure (0: skip it)")
    ap.add_argument("--no-dedupe", action="store_true", help="ingest without near-duplicate detection")
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

    dedupe = a.repeat == 1 and not a.no_dedupe
    with tempfile.TemporaryDirectory() as tmp:
        annals = Annals(str(Path(tmp) / "bench.db"), a.model, processes=a.processes)
        annals.ingest_articles(articles[:5], dedupe=dedupe)   # load the pipeline, warm up
        t = time.perf_counter()
        report = annals.ingest_articles(articles[5:], dedupe=dedupe)
        annals_s = time.perf_counter() - t
    n = len(articles)
    spacy_rate, annals_rate = n / spacy_s, (n - 5) / annals_s
    print(f"articles: {n} ({chars / n:.0f} chars on average), errors: {len(report.errors)}, "
          + (f"near-duplicates not analysed: {report.totals()['duplicates']}" if dedupe else
             "near-duplicate detection off (the copies would be skipped)"))
    print(f"spaCy {a.model} nlp.pipe ({a.processes} process(es)): {spacy_rate:8.1f} articles/s")
    print(f"annals ingest (analyse + store): {annals_rate:8.1f} articles/s")
    print(f"ratio annals/spaCy: {annals_rate / spacy_rate:.2f}")
    if a.workers and importlib.util.find_spec("ray") is None:
        print("Ray is not installed: no Ray figure (pip install 'annals[ray]')")
    elif a.workers:
        ray_rate, steady = ray_rates(articles[5:], a.model, a.workers, dedupe)
        print(f"annals ingest on {a.workers} Ray workers: {ray_rate:8.1f} articles/s including start-up, "
              f"{steady:8.1f} articles/s in steady state")
        print(f"ratio Ray/serial: {ray_rate / annals_rate:.2f} including start-up, {steady / annals_rate:.2f} steady")


def ray_rates(articles: list[Article], model: str, workers: int, dedupe: bool) -> tuple[float, float]:
    """Articles/s of the Ray path from the call on, and from the first written batch to the last."""
    import ray

    ray.init(num_cpus=max(workers, os.cpu_count() or 1), include_dashboard=False, log_to_driver=False)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            annals = Annals(str(Path(tmp) / "ray.db"), model)
            marks: list[tuple[float, int]] = []
            t = time.perf_counter()
            report = annals.ingest_articles(articles, workers=workers, dedupe=dedupe,
                                            progress=lambda n: marks.append((time.perf_counter(), n)))
            total = time.perf_counter() - t
    finally:
        ray.shutdown()
    assert report.ok, report.errors[:3]
    (first, _), (last, _) = marks[0], marks[-1]
    return len(articles) / total, (len(articles) - marks[0][1]) / (last - first)


if __name__ == "__main__":
    main()
