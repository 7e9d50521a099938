"""Query shapes and costs: the offices listing, entity paging, contacts over many rows in few statements."""

from __future__ import annotations

import warnings
from contextlib import contextmanager
from datetime import date, timedelta

import pytest
from sqlalchemy import event

from annals.serve.app import create_app

from .facts import article, contact, day, office, store

pytestmark = pytest.mark.usefixtures("store_db")   # every test on SQLite and PostgreSQL

with warnings.catch_warnings():  # starlette's TestClient announces a move to httpx2
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


@contextmanager
def statements(engine):
    """Collects the SQL statements run on ``engine`` inside the block."""
    seen: list[str] = []

    def note(conn, cursor, statement, *args):
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", note)


def test_offices_lists_each_office_with_holders_and_counts_in_one_query():
    annals = store(article("a", "2024-01-10", office("Ana Ruiz"), office("Luis Vega", "foreign_minister")),
                   article("b", "2024-02-10", office("Ana Ruiz")),
                   article("c", "2024-03-10", office("Erik Dahl", country="SWE")),
                   article("d", "2024-04-10", office("Karin Lind", status="starts", when=day("2024-04-09"))),
                   article("e", "2024-04-11", office("Johan Ek", status="former")))
    with statements(annals.engine) as seen:
        listed = annals.offices().to_dicts()
    assert len(seen) == 1
    assert listed == [
        {"country": "ISR", "role": "defense_minister", "observations": 4,
         "holders": [{"name": "Ana Ruiz", "observations": 2}, {"name": "Karin Lind", "observations": 1},
                     {"name": "Johan Ek", "observations": 1}]},
        {"country": "ISR", "role": "foreign_minister", "observations": 1,
         "holders": [{"name": "Luis Vega", "observations": 1}]},
        {"country": "SWE", "role": "defense_minister", "observations": 1,
         "holders": [{"name": "Erik Dahl", "observations": 1}]},
    ]
    assert annals.offices(country="swe").to_dicts() == listed[2:]
    assert [o.observations for o in annals.offices(as_of=date(2024, 1, 31))] == [1, 1]

    client = TestClient(create_app(annals))
    assert client.get("/api/offices", params={"country": "SWE"}).json() == [
        {**listed[2], "label": "Sweden · defense minister"}]
    assert "Ana Ruiz, Karin Lind, Johan Ek" in client.get("/offices").text


def test_entities_page_with_offset():
    annals = store(article("a", "2024-01-10", *(office(n) for n in ("Ana Ruiz", "Luis Vega", "Erik Dahl"))))
    every = annals.entities()
    assert [e.name for e in every] == ["Ana Ruiz", "Erik Dahl", "Luis Vega"]
    assert annals.entities(limit=1, offset=1) == every[1:2]
    assert annals.entities(offset=3) == []


def test_many_contacts_come_with_their_sources_in_a_few_statements():
    first = date(2023, 1, 1)
    days = [(first + timedelta(days=i)).isoformat() for i in range(1200)]
    annals = store(article("a", "2026-01-01", *(contact("Ana Ruiz", "Luis Vega", day(d)) for d in days)),
                   article("b", "2026-01-02", *(contact("Luis Vega", "Ana Ruiz", day(d)) for d in days[::2])))
    with statements(annals.engine) as seen:
        found = annals.contacts()
    assert len(seen) <= 10   # participants and sources by chunks of 500 contact ids, not one per contact
    assert [c.date.earliest.isoformat() for c in found] == days
    assert [[s.doc for s in c.sources] for c in found[:3]] == [["a", "b"], ["a"], ["a", "b"]]
    assert all(s.sentence for c in found for s in c.sources)
    assert annals.contacts(limit=2, offset=599) == found[599:601]
    assert annals.contacts(as_of=date(2026, 1, 1))[0].sources == found[0].sources[:1]
