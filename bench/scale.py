"""Scale: does ingest slow down as the store grows? The dev set repeated to N articles, into one SQLite store.

usage: python bench/scale.py [--n 10000] [--chunk 100] [--db PATH]
Copy k of the dev set (../shared/data/dev, or the built-in examples) gets new ids and publication dates
shifted by k*7 days; the texts stay as they are. Prints articles/s over the first and the last 500
articles (equal rates: ingest cost does not grow with the store), the total time and the store's rows.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

from annals.api import Annals
from annals.examples import example_dir
from annals.ingest import batched
from annals.models import Article
from annals.read import read_paths

WINDOW = 500


def dev_articles() -> list[Article]:
    dev = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "dev"
    return [x for x in read_paths([dev if dev.exists() else example_dir()]) if isinstance(x, Article)]


def copies(base: list[Article], n: int) -> Iterator[Article]:
    """``n`` articles: copy k of ``base`` with ids prefixed by k and publication dates k weeks later."""
    for i in range(n):
        k, j = divmod(i, len(base))
        x = base[j]
        yield Article(f"{k:05d}-{x.id}", x.published + timedelta(days=7 * k), x.text, x.title, x.url, x.source)


def rate(timings: list[tuple[int, float]]) -> str:
    """Articles/s over ``(articles, seconds)`` chunk timings."""
    n, s = sum(t[0] for t in timings), sum(t[1] for t in timings)
    return f"{n / s:7.1f} articles/s over {n} articles"


def run(annals: Annals, n: int, size: int) -> list[tuple[int, float]]:
    """Ingest ``n`` articles in chunks of ``size``; returns each chunk's (articles, seconds)."""
    base = dev_articles()
    list(annals.nlp.pipe(x.text for x in base[:5]))   # load and warm up the pipeline
    timings, done, errors = [], 0, 0
    for chunk in batched(copies(base, n), size):
        t = time.perf_counter()
        errors += len(annals.ingest_articles(chunk, dedupe=False).errors)   # (the copies are near-duplicates)
        timings.append((len(chunk), time.perf_counter() - t))
        done += len(chunk)
        if done % 1000 < size:
            print(f"  {done:6d} articles, last chunk {rate(timings[-1:])}, errors so far {errors}", flush=True)
    return timings


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10_000, help="articles to ingest")
    ap.add_argument("--chunk", type=int, default=100, help="articles per ingest_articles call")
    ap.add_argument("--db", help="SQLite file to keep (default: a temporary one)")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        annals = Annals(a.db or str(Path(tmp) / "scale.db"))
        t = time.perf_counter()
        timings = run(annals, a.n, a.chunk)
        total = time.perf_counter() - t
        window = max(1, WINDOW // a.chunk)
        print(f"first {rate(timings[:window])}")
        print(f"last  {rate(timings[-window:])}")
        print(f"total {a.n} articles in {total:.0f} s ({a.n / total:.1f} articles/s)")
        print("rows: " + ", ".join(f"{k} {v}" for k, v in annals.stats().items()))


if __name__ == "__main__":
    main()
