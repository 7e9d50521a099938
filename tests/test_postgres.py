"""The same store code on PostgreSQL (127.0.0.1:5432, database test), in a schema of its own."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import create_engine, text

from annals.query.contacts import contacts_query
from annals.store.engine import open_engine
from annals.store.write import delete_document, write_analysis

from .test_store import analysis, day

URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


@pytest.fixture
def pg_engine():
    pytest.importorskip("psycopg")
    schema = f"annals_test_{uuid.uuid4().hex[:8]}"
    admin = create_engine(URL)
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as exc:  # noqa: BLE001 - no server here: skip, do not fail
        pytest.skip(f"PostgreSQL not reachable at {URL}: {type(exc).__name__}")
    engine = open_engine(f"{URL}?options=-csearch_path%3D{schema}")
    yield engine
    engine.dispose()
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


def test_write_merge_and_forget_on_postgres(pg_engine):
    with pg_engine.begin() as conn:
        assert write_analysis(conn, analysis("a", "2025-05-17", ["Sergey Lavrov", "Marco Rubio"],
                                             day("2025-05-17"))) == "added"
        assert write_analysis(conn, analysis("b", "2025-05-18", ["Sergei Lavrov", "Marco Rubio"], None)) == "added"
    with pg_engine.connect() as conn:
        [c] = contacts_query(conn, countries=("RUS",)).to_dicts()
    assert [s["doc"] for s in c["sources"]] == ["a", "b"]
    with pg_engine.begin() as conn:
        delete_document(conn, "a")
    with pg_engine.connect() as conn:
        [c] = contacts_query(conn).to_dicts()
    assert c["date"] is None and [s["doc"] for s in c["sources"]] == ["b"]


def test_conflicts_offices_and_contacts_on_postgres(pg_engine):
    from annals.query.conflicts import conflicts
    from annals.query.offices import offices_list

    from .facts import article, contact, office

    with pg_engine.begin() as conn:
        for an in (article("a", "2024-01-10", office("Ana Ruiz"), contact("Ana Ruiz", "Luis Vega", day("2024-01-09"))),
                   article("b", "2024-03-01", office("Ana Ruiz")),
                   article("c", "2024-02-01", office("Luis Vega"), office("Luis Vega", "head_of_state", "PER")),
                   article("d", "2024-02-20", office("Luis Vega"))):
            write_analysis(conn, an)
    with pg_engine.connect() as conn:
        found = conflicts(conn)
        listed = offices_list(conn).to_dicts()
        [c] = contacts_query(conn, limit=5).to_dicts()
    assert [(f["kind"], f["period"]["earliest"]) for f in found] == [("office_holder", "2024-02-01")]
    assert [(o["country"], [h["name"] for h in o["holders"]]) for o in listed] == [
        ("ISR", ["Ana Ruiz", "Luis Vega"]), ("PER", ["Luis Vega"])]
    assert [s["doc"] for s in c["sources"]] == ["a"]


def test_streamed_ingest_on_postgres_stores_what_sqlite_stores(pg_engine, nlp, tmp_path):
    """Batches of 3 over the sample articles twice (fresh ids): settling guessed countries batch by batch
    must run on PostgreSQL (its subqueries stay correlated) and agree with SQLite."""
    from dataclasses import replace

    from annals.api import Annals
    from annals.examples import example_dir
    from annals.models import Article
    from annals.read import read_paths

    base = [a for a in read_paths([example_dir()]) if isinstance(a, Article)]
    articles = [replace(a, id=f"{k}-{a.id}") for k in range(2) for a in base]
    stores = [Annals(str(tmp_path / "s.db")), Annals(":memory:")]
    stores[1].engine = pg_engine
    for store in stores:
        store._nlp = nlp
        report = store.ingest_articles(articles, batch=3, dedupe=False)   # (the copies are near-duplicates)
        assert report.ok and report.totals()["articles"] == 8, report.errors
    exports = []
    for i, store in enumerate(stores):
        store.export(tmp_path / str(i))
        exports.append({p.name: p.read_text() for p in (tmp_path / str(i)).iterdir()})
    assert exports[0] == exports[1] and len(exports[0]) == 8
