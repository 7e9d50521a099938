"""Query latency on a big synthetic store: p50/p95 of who, contacts of a person, contacts between two countries.

usage: python bench/query.py [--contacts 1000000] [--offices 50000] [--backend sqlite --backend postgresql]
                             [--pg URL] [--keep] [-n 100]
Builds a store with the store's own schema (``open_engine``) and fills it with bulk inserts (COPY on
PostgreSQL), not through the NLP: people with generated names from countries weighted as in the news,
contacts mostly between two people of different countries on one day of 2015-2025 (some spans, some
undated), each with one or two source articles, and office observations with roles from the office
lexicon. Then times the real query functions of ``annals.query`` with the HTTP API's page size (100) and
prints a table in milliseconds. PostgreSQL gets a schema of its own, dropped after unless ``--keep``
(which also keeps the SQLite file; a later ``--keep`` run with the same sizes reuses both).
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from itertools import accumulate
from pathlib import Path

import pycountry
from sqlalchemy import Engine, create_engine, func, insert, select, text

from annals.analyse.actors import name_key, sound
from annals.ingest import batched
from annals.lexicon import load_jsonl
from annals.query.contacts import contacts_query
from annals.query.offices import who
from annals.store.engine import open_engine
from annals.store.schema import (
    aliases,
    contact_participants,
    contact_sources,
    contacts,
    documents,
    entities,
    metadata,
    offices,
)

PG = "postgresql://postgres@127.0.0.1:5432/test"
BATCH_ROWS = 20_000   # rows per bulk insert
FIRST, DAYS = date(2015, 1, 1), 11 * 365
NEWSY = ["USA", "CHN", "RUS", "UKR", "GBR", "FRA", "DEU", "ISR", "IND", "JPN", "IRN", "TUR", "KOR", "SAU", "PAK",
         "BRA", "ITA", "EGY", "CAN", "AUS", "POL", "QAT", "ARE", "MEX", "ZAF", "IDN", "PRK", "SYR", "ESP", "NGA"]
SYLLABLES = ["an", "bel", "cor", "da", "el", "fen", "gor", "ha", "in", "jo", "ka", "lin", "mar", "no", "ol",
             "per", "qui", "ra", "sol", "ta", "ul", "ve", "wen", "xa", "yo", "zan", "mi", "ros", "te", "vik"]
KINDS = ["meeting"] * 5 + ["call"] * 4 + ["letter"]
PAGE = 100


def countries(rng: random.Random) -> tuple[list[str], list[float]]:
    """Every pycountry country, the most reported ones first, weighted 1/rank (Zipf)."""
    rest = sorted(c.alpha_3 for c in pycountry.countries if c.alpha_3 not in NEWSY)
    rng.shuffle(rest)
    order = NEWSY + rest
    return order, list(accumulate(1 / (i + 1) for i in range(len(order))))


def name(rng: random.Random) -> str:
    def word(n: int) -> str:
        return "".join(rng.choice(SYLLABLES) for _ in range(n)).capitalize()
    return f"{word(rng.randint(1, 2))} {word(rng.randint(2, 3))}"


def roles() -> tuple[list[str], list[int]]:
    """Office roles weighted by how many titles the lexicon has for each."""
    counts = Counter(rec["role"] for rec in load_jsonl("offices.jsonl"))
    return list(counts), list(counts.values())


class Synthetic:
    """The rows of one synthetic store, generated from a seed, table by table in chunks."""

    def __init__(self, n_contacts: int, n_offices: int, seed: int = 8):
        self.rng = random.Random(seed)
        self.n_contacts, self.n_offices = n_contacts, n_offices
        self.n_docs = max(10, n_contacts // 4)
        self.n_people = max(20, n_contacts // 20)
        codes, weights = countries(self.rng)
        self.people: list[tuple[str, str]] = []   # (name, country); entity id = index + 1
        seen: set[str] = set()
        while len(self.people) < self.n_people:
            person = name(self.rng)
            if name_key(person) not in seen:
                seen.add(name_key(person))
                self.people.append((person, self.rng.choices(codes, cum_weights=weights)[0]))
        self.fame = list(accumulate(1 / (i + 1) ** 0.8 for i in range(self.n_people)))  # a few people, most contacts
        self.published = sorted(FIRST + timedelta(days=self.rng.randrange(DAYS)) for _ in range(self.n_docs))
        names, weights = roles()
        holders = self.rng.choices(range(self.n_people), cum_weights=self.fame, k=n_offices)
        self.offices = [(pid, self.rng.choices(names, weights)[0], self.rng.randrange(self.n_docs))
                        for pid in holders]   # (person, role, article)

    def doc_id(self, i: int) -> str:
        return f"bench-{i:07d}"

    def rows(self, table: str) -> Iterator[tuple]:
        if table == "documents":
            now = datetime(2026, 1, 1)
            for i, day in enumerate(self.published):
                yield (self.doc_id(i), day, None, None, "bench", None, f"Synthetic article {i}.", "0" * 64, now)
        elif table == "entities":
            for i, (person, country) in enumerate(self.people):
                key = name_key(person)
                yield (i + 1, "person", person, key, sound(key.split()[-1]), country)
        elif table == "aliases":
            for i, (person, _) in enumerate(self.people):
                yield (i + 1, self.doc_id(i % self.n_docs), person, name_key(person))
        elif table == "offices":
            for i, (pid, role, doc) in enumerate(self.offices):
                day = self.published[doc]
                yield (i + 1, self.doc_id(doc), pid + 1, role, self.people[pid][1], "holding", day.isoformat(),
                       day, day, False, 0, 10, "Synthetic office sentence.")
        elif table == "contacts":   # contacts, participants and sources at once: they share the draws
            yield from self._contacts()

    def _contacts(self) -> Iterator[tuple]:
        rng, source_id = self.rng, 0
        ids = range(self.n_people)
        for cid in range(1, self.n_contacts + 1):
            a, b = rng.choices(ids, cum_weights=self.fame, k=2)
            while b == a:
                b = rng.randrange(self.n_people)
            people = sorted((a + 1, b + 1))
            doc = rng.randrange(self.n_docs)
            r = rng.random()
            if r < 0.03:
                lo = hi = None
            else:
                lo = self.published[doc] - timedelta(days=rng.randrange(4))
                hi = lo + timedelta(days=rng.randrange(1, 31)) if r < 0.13 else lo
            sources = []
            for k in range(1 if rng.random() < 0.7 else 2):
                source_id += 1
                sources.append((source_id, cid, self.doc_id(doc if k == 0 else rng.randrange(self.n_docs)),
                                lo.isoformat() if lo else None, lo, hi, None, 0, 10, "Synthetic contact sentence."))
            yield (cid, rng.choice(KINDS), ",".join(map(str, people)), lo, hi), people, sources


def load(engine: Engine, data: Synthetic) -> None:
    """Every row of ``data`` in bulk: COPY on PostgreSQL, executemany on SQLite, one transaction."""
    pg = engine.dialect.name == "postgresql"
    with engine.begin() as conn:
        raw = conn.connection.driver_connection

        def put(table, rows: list[tuple]) -> None:
            if pg:
                cols = ", ".join(f'"{c.name}"' for c in table.columns)
                with raw.cursor() as cur, cur.copy(f"COPY {table.name} ({cols}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                conn.execute(insert(table), [dict(zip(table.columns.keys(), row, strict=True)) for row in rows])

        for table in (documents, entities, aliases, offices):
            for rows in batched(data.rows(table.name), BATCH_ROWS):
                put(table, rows)
        for chunk in batched(data.rows("contacts"), BATCH_ROWS):
            put(contacts, [c for c, _, _ in chunk])
            put(contact_participants, [(c[0], p) for c, people, _ in chunk for p in people])
            put(contact_sources, [s for _, _, sources in chunk for s in sources])
        if pg:   # the ids were given: move the sequences past them
            for table in (entities, offices, contacts, contact_sources):
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                                  f"(SELECT max(id) FROM {table.name}))"))
    if pg:   # what autovacuum does to a store soon after a load: statistics and the visibility map
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE " + ", ".join(t.name for t in metadata.sorted_tables)))
    else:
        with engine.begin() as conn:
            conn.execute(text("ANALYZE"))


def stored(engine: Engine) -> tuple[int, int]:
    with engine.connect() as conn:
        return (conn.execute(select(func.count()).select_from(contacts)).scalar(),
                conn.execute(select(func.count()).select_from(offices)).scalar())


def questions(data: Synthetic, n: int) -> dict[str, list[Callable]]:
    """``n`` calls of each timed query, drawn like a reader would: famous people and countries more often,
    offices that were observed."""
    rng = random.Random(1)
    asked = [(role, data.people[pid][1]) for pid, role, _ in rng.choices(data.offices, k=n)]
    days = [FIRST + timedelta(days=rng.randrange(DAYS)) for _ in range(n)]
    people = rng.choices(range(data.n_people), cum_weights=data.fame, k=n)
    pairs = []
    while len(pairs) < n:   # two people of different countries, famous ones more often
        a, b = rng.choices(data.people, cum_weights=data.fame, k=2)
        if a[1] != b[1]:
            pairs.append((a, b))
    return {
        "who ROLE --country C --on D": [
            (lambda conn, i=i: who(conn, *asked[i], days[i]))
            for i in range(n)],
        "contacts --person P": [
            (lambda conn, i=i: contacts_query(conn, person=data.people[people[i]][0], limit=PAGE))
            for i in range(n)],
        "contacts --country A --country B, 90 days": [
            (lambda conn, i=i: contacts_query(conn, countries=(pairs[i][0][1], pairs[i][1][1]), since=days[i],
                                              until=days[i] + timedelta(days=90), limit=PAGE))
            for i in range(n)],
    }


def timings(engine: Engine, calls: list[Callable]) -> tuple[float, float, float]:
    """p50, p95 and max in milliseconds, after one untimed warm-up call."""
    ms = []
    with engine.connect() as conn:
        calls[0](conn)
        for call in calls:
            t = time.perf_counter()
            call(conn)
            ms.append((time.perf_counter() - t) * 1000)
    q = statistics.quantiles(ms, n=20, method="inclusive")
    return statistics.median(ms), q[18], max(ms)


def pg_schema(url: str, name: str, drop: bool = False) -> str | None:
    """Create (or drop) schema ``name``; returns the store URL in it, or None when no server answers."""
    admin = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE' if drop
                              else f'CREATE SCHEMA IF NOT EXISTS "{name}"'))
    except Exception as exc:  # noqa: BLE001 - no server: say so and go on with the other backends
        print(f"postgresql: skipped, no server at {url} ({type(exc).__name__})")
        return None
    finally:
        admin.dispose()
    return f"{url}?options=-csearch_path%3D{name}"


def bench(backend: str, args, data: Synthetic, report: list) -> None:
    size = f"{args.contacts}_{args.offices}"
    if backend == "postgresql":
        schema = f"annals_bench_{size}" if args.keep else f"annals_bench_{uuid.uuid4().hex[:8]}"
        url = pg_schema(args.pg, schema)
        if url is None:
            return
    else:
        path = Path(tempfile.gettempdir()) / f"annals_bench_{size}.db"
        if not args.keep:
            path = Path(tempfile.mkdtemp()) / "bench.db"
        url = str(path)
    try:
        engine = open_engine(url)
        t = time.perf_counter()
        if stored(engine) != (args.contacts, args.offices):
            if stored(engine) != (0, 0):
                raise SystemExit(f"{url} holds another store: drop it first")
            load(engine, data)
            print(f"{backend}: loaded in {time.perf_counter() - t:.0f} s")
        else:
            print(f"{backend}: reusing the kept store")
        for label, calls in questions(data, args.n).items():
            report.append((backend, label, *timings(engine, calls)))
        engine.dispose()
    finally:
        if backend == "postgresql" and not args.keep:
            pg_schema(args.pg, schema, drop=True)
        elif backend == "sqlite" and not args.keep:
            for f in path.parent.glob("bench.db*"):
                f.unlink()
            path.parent.rmdir()


def main(argv: list[str] | None = None) -> list[tuple]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=1_000_000)
    parser.add_argument("--offices", type=int, default=50_000)
    parser.add_argument("--backend", action="append", choices=["sqlite", "postgresql"],
                        help="repeat for both (default: both)")
    parser.add_argument("--pg", default=PG, help=f"PostgreSQL server (default {PG})")
    parser.add_argument("--keep", action="store_true", help="keep the stores, and reuse kept ones of this size")
    parser.add_argument("-n", type=int, default=100, help="timed calls per query (default 100)")
    args = parser.parse_args(argv)
    t = time.perf_counter()
    data = Synthetic(args.contacts, args.offices)
    print(f"{args.contacts} contacts, {args.offices} office observations, {data.n_people} people, "
          f"{data.n_docs} articles (generator ready in {time.perf_counter() - t:.1f} s)")
    report: list[tuple] = []
    for backend in args.backend or ["sqlite", "postgresql"]:
        data = Synthetic(args.contacts, args.offices)   # the same rows for every backend
        bench(backend, args, data, report)
    print(f"\n{'backend':<11} {'query':<44} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for backend, label, p50, p95, worst in report:
        print(f"{backend:<11} {label:<44} {p50:8.1f} {p95:8.1f} {worst:8.1f}")
    return report


if __name__ == "__main__":
    main()
