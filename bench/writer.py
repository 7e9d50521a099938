"""The single writer: how fast the driver stores analysed articles, and what each article costs the store.

usage: python bench/writer.py [--n 400] [--pg URL]
Analyses N articles once (the dev set or the built-in examples, copy k with new ids and dates k weeks later,
as in bench/scale.py), then times only the writes (Annals' Writer: one transaction per batch of 32) into a
new SQLite file and, when a server answers at --pg (default: the local test database; a schema of its own,
dropped after), into PostgreSQL. Prints articles/s written, rows per article by table, and on PostgreSQL
the bytes per article of tables and of indexes: the figures docs/scaling.md sizes a 3M-articles/day store with.
"""

from __future__ import annotations

import argparse
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import create_engine, func, select, text

from annals.analyse.pipeline import build
from annals.config import DEFAULT_MODEL
from annals.ingest import BATCH, IngestReport, Writer, analyse_batch, batched
from annals.lexicon import lexicon
from annals.store import schema
from annals.store.engine import open_engine
from scale import copies, dev_articles

PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def timed_writes(engine, analysed) -> float:
    """Articles/s of storing ``analysed`` batches through the Writer."""
    writer, t = Writer(engine, IngestReport()), time.perf_counter()
    for articles, results in analysed:
        writer.write(articles, results)
    assert writer.report.ok, writer.report.errors[:3]
    return sum(len(a) for a, _ in analysed) / (time.perf_counter() - t)


def rows(engine) -> dict[str, int]:
    with engine.connect() as conn:
        count = select(func.count())
        return {t.name: conn.execute(count.select_from(t)).scalar() for t in schema.metadata.sorted_tables}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=400)
    ap.add_argument("--pg", default=PG, help="PostgreSQL URL ('' to skip)")
    a = ap.parse_args()
    nlp, lex = build(DEFAULT_MODEL), lexicon()
    t = time.perf_counter()
    analysed = [(b, analyse_batch(nlp, lex, b)) for b in batched(copies(dev_articles(), a.n), BATCH)]
    print(f"analysed {a.n} articles in {time.perf_counter() - t:.0f} s (not counted below)")
    with tempfile.TemporaryDirectory() as tmp:
        engine = open_engine(f"sqlite+pysqlite:///{Path(tmp) / 'w.db'}")
        print(f"SQLite writer: {timed_writes(engine, analysed):7.1f} articles/s")
        counts = rows(engine)
        print("rows per article: " + ", ".join(f"{k} {v / a.n:.2f}" for k, v in counts.items()))
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        engine.dispose()
        print(f"SQLite file: {(Path(tmp) / 'w.db').stat().st_size / a.n / 1024:.1f} KiB per article")
    if a.pg:
        postgres(a.pg, analysed, a.n)


def postgres(url: str, analysed, n: int) -> None:
    name = f"annals_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(url)
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{name}"'))
    except Exception as exc:  # noqa: BLE001 - no server: say so
        print(f"PostgreSQL not reachable at {url}: {type(exc).__name__}")
        return
    try:
        engine = open_engine(f"{url}?options=-csearch_path%3D{name}")
        print(f"PostgreSQL writer: {timed_writes(engine, analysed):7.1f} articles/s")
        with engine.connect() as conn:
            conn.execute(text("ANALYZE"))
            sizes = conn.execute(text(
                "SELECT sum(pg_table_size(c.oid)), sum(pg_indexes_size(c.oid)) FROM pg_class c "
                "JOIN pg_namespace s ON s.oid = c.relnamespace WHERE s.nspname = :s AND c.relkind = 'r'"),
                {"s": name}).one()
        engine.dispose()
        print(f"PostgreSQL bytes per article: tables {sizes[0] / n / 1024:.1f} KiB (text included), "
              f"indexes {sizes[1] / n / 1024:.1f} KiB")
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{name}" CASCADE'))
        admin.dispose()


if __name__ == "__main__":
    main()
