"""bench/query.py at a tiny size, and its synthetic store as a check that every plan of the contacts query
(SQL from the rarer country's contacts, or the walk by date) gives the same page as a plain filter in Python."""

from __future__ import annotations

import importlib.util
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from annals.query import contacts as contacts_q
from annals.store.engine import open_engine
from annals.store.schema import contact_participants, contacts, entities, offices

spec = importlib.util.spec_from_file_location("bench_query", Path(__file__).resolve().parents[1] / "bench" / "query.py")
bench = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench)


def test_the_bench_runs_small_and_prints_its_table(capsys):
    report = bench.main(["--contacts", "2000", "--offices", "200", "-n", "5", "--backend", "sqlite"])
    assert [(r[0], r[1]) for r in report] == [("sqlite", label) for label in (
        "who ROLE --country C --on D", "contacts --person P", "contacts --country A --country B, 90 days")]
    assert all(0 < r[2] <= r[3] <= r[4] for r in report)
    assert "p95 ms" in capsys.readouterr().out


@pytest.fixture
def synthetic(store_db):
    engine = open_engine(store_db)
    bench.load(engine, bench.Synthetic(3000, 300))
    yield engine
    engine.dispose()


def plain(conn, codes, since=None, until=None) -> list[int]:
    """The contacts query's meaning, in Python over every row."""
    where: dict[int, set[str]] = {}
    for r in conn.execute(select(entities.c.id, entities.c.country)):
        where[r.id] = {r.country} if r.country else set()
    for r in conn.execute(select(offices.c.person_id, offices.c.country)):
        where[r.person_id].add(r.country)
    parts: dict[int, list[int]] = {}
    for r in conn.execute(select(contact_participants)):
        parts.setdefault(r.contact_id, []).append(r.entity_id)
    out = []
    for c in conn.execute(select(contacts)):
        lo, hi = c.date_earliest, c.date_latest
        if since and hi is not None and hi < since or until and lo is not None and lo > until:
            continue
        if since and until and lo is None:
            continue
        sets = [where[i] for i in parts[c.id]]
        if len(codes) == 1 and any(codes[0] in s for s in sets) or len(codes) == 2 and any(
                codes[0] in a and codes[1] in b for i, a in enumerate(sets) for j, b in enumerate(sets) if i != j):
            out.append((lo is None, lo or date.min, c.id))
    return [cid for *_, cid in sorted(out)]


@pytest.mark.parametrize("codes,since,until", [
    (("USA", "CHN"), None, None), (("USA", "CHN"), date(2019, 1, 1), None), (("USA",), date(2020, 6, 1), None),
    (("USA", "RUS"), date(2016, 3, 1), date(2022, 9, 30)), (("CHN",), None, date(2016, 1, 1)),
])
def test_every_plan_of_a_country_filter_gives_the_same_page(synthetic, monkeypatch, codes, since, until):
    with synthetic.connect() as conn:
        expected = plain(conn, codes, since, until)
        assert len(expected) > 5
        for walk in (0, 10**9):   # always walk by date; never
            monkeypatch.setattr(contacts_q, "WALK", walk)
            for offset, limit in ((0, None), (0, 3), (len(expected) - 2, 5)):
                got = contacts_q.contacts_query(conn, countries=codes, since=since, until=until, offset=offset,
                                                limit=limit)
                assert [c.id for c in got] == expected[offset:offset + limit if limit else None], (walk, offset)


def test_a_person_and_a_country_together(synthetic):
    with synthetic.connect() as conn:
        name, country = conn.execute(select(entities.c.name, entities.c.country).where(entities.c.id == 1)).one()
        every = contacts_q.contacts_query(conn, person=name)
        got = contacts_q.contacts_query(conn, person=name, countries=(country,))
    assert got and [c.id for c in got] == [c.id for c in every]   # all of them: the person is of the country
    assert all(country in p.countries for c in got for p in c.participants if p.name == name)
