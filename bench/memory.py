"""Memory: peak RSS of ingesting 1,000 and 10,000 articles, each size in a fresh process so peaks don't mix.

usage: python bench/memory.py [--sizes 1000 10000] [--per-file 100] [--workers N]
The articles are the dev set (../shared/data/dev, or the built-in examples), copy k with new ids and
publication dates k weeks later (bench/scale.py's copies), written as JSON Lines files of --per-file articles.
Each size is ingested (Annals.ingest over the folder, as `annals ingest --no-dedupe DIR` does: the copies are
near-duplicates, which would be recorded rather than analysed) into a new SQLite store by
a child process, which reports its peak resident set size (getrusage ru_maxrss); then the ratio of the
largest size's peak to the smallest's (streaming: it stays near 1 however many articles are read).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

from annals.api import Annals
from annals.ingest import batched
from scale import copies, dev_articles


def child(folder: str, db: str, workers: int) -> None:
    """Ingest ``folder`` into ``db`` and print what it took, with this process's peak RSS."""
    t = time.perf_counter()
    report = Annals(db).ingest([folder], workers=workers, dedupe=False)   # the copies are near-duplicates
    totals = report.totals()
    print(json.dumps({"articles": totals["articles"], "errors": totals["errors"],
                      "seconds": round(time.perf_counter() - t, 1),
                      "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


def write_articles(folder: Path, n: int, per_file: int) -> None:
    folder.mkdir()
    for i, chunk in enumerate(batched(copies(dev_articles(), n), per_file)):
        with open(folder / f"{i:05d}.jsonl", "w") as out:
            for a in chunk:
                rec = {k: v for k, v in asdict(a).items() if v is not None and k != "path"}
                rec["date"] = rec.pop("published").isoformat()
                out.write(json.dumps(rec) + "\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000])
    ap.add_argument("--per-file", type=int, default=100, help="articles per JSON Lines file")
    ap.add_argument("--workers", type=int, default=0, help="Ray workers (0: in process; peak is the driver's)")
    ap.add_argument("--child", nargs=2, metavar=("DIR", "DB"), help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        child(*a.child, a.workers)
        return
    peaks = {}
    for n in a.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "articles"
            write_articles(folder, n, a.per_file)
            run = subprocess.run([sys.executable, __file__, "--child", str(folder), str(Path(tmp) / "m.db"),
                                  "--workers", str(a.workers)], capture_output=True, text=True, check=True)
        got = json.loads(run.stdout.strip().splitlines()[-1])
        peaks[n] = got["peak_mib"]
        print(f"{n:6d} articles: peak RSS {got['peak_mib']:7.1f} MiB ({got['articles']} stored, "
              f"{got['errors']} errors, {got['seconds']} s)", flush=True)
    lo, hi = min(a.sizes), max(a.sizes)
    print(f"ratio peak RSS {hi}/{lo} articles: {peaks[hi] / peaks[lo]:.2f}")


if __name__ == "__main__":
    main()
