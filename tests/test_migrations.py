"""Schema migrations on SQLite and PostgreSQL: old stores reach the newest schema, the scripts match schema.py."""

from __future__ import annotations

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from click.testing import CliRunner
from sqlalchemy import func, inspect, select, text

from annals.cli import cli
from annals.query.contacts import contacts_query
from annals.store.engine import open_engine
from annals.store.migrate import FIRST, config, current, head, history, upgrade
from annals.store.schema import contacts, metadata
from annals.store.write import write_analysis

from .test_store import analysis, day


def indexes(engine, table: str) -> set[str]:
    return {ix["name"] for ix in inspect(engine).get_indexes(table)}


def test_a_store_at_the_first_revision_upgrades_to_the_newest_and_keeps_its_facts(store_db):
    old = open_engine(store_db, migrate=False)
    assert upgrade(old, FIRST) == (None, FIRST)
    assert "ix_entities_country" not in indexes(old, "entities")
    with old.begin() as conn:
        write_analysis(conn, analysis("a", "2025-05-17", ["Sergey Lavrov", "Marco Rubio"], day("2025-05-17")))
    old.dispose()

    engine = open_engine(store_db)   # what every command does
    with engine.connect() as conn:
        assert current(conn) == head()
        [found] = contacts_query(conn, person="Lavrov")
    assert (found.date.earliest.isoformat(), found.date.latest.isoformat()) == ("2025-05-17", "2025-05-17")
    assert "ix_entities_country" in indexes(engine, "entities")
    engine.dispose()


def test_a_store_made_before_migrations_is_stamped_then_upgraded(store_db):
    old = open_engine(store_db, migrate=False)
    upgrade(old, FIRST)
    with old.begin() as conn:
        write_analysis(conn, analysis("a", "2025-05-17", ["Sergey Lavrov", "Marco Rubio"], day("2025-05-17")))
        conn.execute(text("DROP TABLE alembic_version"))   # as open_engine left stores before migrations
    old.dispose()

    engine = open_engine(store_db)
    with engine.connect() as conn:
        assert current(conn) == head()
        assert conn.execute(select(func.count()).select_from(contacts)).scalar() == 1
    engine.dispose()


def test_the_migrations_build_exactly_the_schema_of_schema_py(store_db):
    """Replaying every revision gives what schema.py declares: edit schema.py without a revision and this fails."""
    engine = open_engine(store_db, migrate=False)
    with engine.begin() as conn:
        command.upgrade(config(conn), "head")
    with engine.connect() as conn:
        drift = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), metadata)
    engine.dispose()
    assert drift == []


def test_a_new_store_is_created_at_the_newest_revision_and_opening_it_again_changes_nothing(store_db):
    engine = open_engine(store_db)
    with engine.connect() as conn:
        assert current(conn) == head()
        assert set(metadata.tables) <= set(inspect(conn).get_table_names())
    assert upgrade(engine) == (head(), head())
    engine.dispose()


def test_db_verbs(store_db):
    run = CliRunner().invoke
    assert run(cli, ["db", "current", "--db", store_db]).output.startswith("none")
    assert run(cli, ["db", "upgrade", FIRST, "--db", store_db]).output.strip() == f"new store -> {FIRST}"
    assert run(cli, ["db", "upgrade", "--db", store_db]).output.strip() == f"{FIRST} -> {head()}"
    assert run(cli, ["db", "upgrade", "--db", store_db]).output.strip() == f"already at {head()}"
    assert run(cli, ["db", "current", "--db", store_db]).output.strip() == f"{head()} (newest: {head()})"
    listed = run(cli, ["db", "history"]).output.splitlines()
    assert [line.split()[0] for line in listed] == [rev for rev, _, _ in history()]
    assert listed[0].startswith(f"{FIRST}  ")


@pytest.mark.parametrize("url,expected", [
    ("postgresql://u@h/d", "postgresql+psycopg://u@h/d"),
    ("postgres://u@h/d", "postgresql+psycopg://u@h/d"),
    ("postgresql+psycopg://u@h/d", "postgresql+psycopg://u@h/d"),
    ("news.db", "sqlite+pysqlite:///news.db"),
    (":memory:", "sqlite+pysqlite:///:memory:"),
])
def test_store_urls(url, expected):
    from annals.store.engine import store_url

    assert store_url(url) == expected
