"""Streamed ingest in small batches stores the same on SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace

from annals.api import Annals
from annals.examples import example_dir
from annals.models import Article
from annals.read import read_paths

from .conftest import pg_schema


def test_streamed_ingest_on_postgres_stores_what_sqlite_stores(nlp, tmp_path):
    """Batches of 3 over the sample articles twice (fresh ids): settling guessed countries batch by batch
    must run on PostgreSQL (its subqueries stay correlated) and agree with SQLite."""
    base = [a for a in read_paths([example_dir()]) if isinstance(a, Article)]
    articles = [replace(a, id=f"{k}-{a.id}") for k in range(2) for a in base]
    with pg_schema() as url:
        stores = [Annals(str(tmp_path / "s.db")), Annals(url)]
        exports = []
        for i, store in enumerate(stores):
            store._nlp = nlp
            report = store.ingest_articles(articles, batch=3, dedupe=False)   # (the copies are near-duplicates)
            assert report.ok and report.totals()["articles"] == 8, report.errors
            store.export(tmp_path / str(i))
            exports.append({p.name: p.read_text() for p in (tmp_path / str(i)).iterdir()})
            store.engine.dispose()
    assert exports[0] == exports[1] and len(exports[0]) == 8
