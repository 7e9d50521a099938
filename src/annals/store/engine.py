"""Open a store by URL: SQLite file or memory by default, PostgreSQL for scale."""

from __future__ import annotations

import importlib.util

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import StaticPool

from ..errors import AnnalsError

PG_DRIVER = "postgresql+psycopg://"


def store_url(db: str) -> str:
    """The SQLAlchemy URL of a store: a plain path means an SQLite file, ``:memory:`` an in-memory store, and a
    ``postgresql://`` (or ``postgres://``) URL takes the psycopg 3 driver that Annals installs."""
    if db == ":memory:":
        return "sqlite+pysqlite:///:memory:"
    if "://" not in db:
        return f"sqlite+pysqlite:///{db}"
    for bare in ("postgresql://", "postgres://"):
        if db.startswith(bare):
            return PG_DRIVER + db[len(bare):]
    return db


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _postgresql_session(dbapi_connection, _record) -> None:
    """Plan for solid-state storage: an index lookup costs little more than a sequential read (the default 4
    makes PostgreSQL scan a million contacts rather than look up a person's thousand)."""
    with dbapi_connection.cursor() as cur:
        cur.execute("SET random_page_cost = 1.1")
    dbapi_connection.commit()


def open_engine(url: str, migrate: bool = True) -> Engine:
    """An engine on the store at ``url`` (a path or URL, see ``store_url``); SQLite gets foreign keys and WAL.
    With ``migrate`` the store is brought to the newest schema first (a new store is created at it)."""
    url = store_url(url)
    if url.startswith("sqlite"):
        kwargs = {"poolclass": StaticPool} if ":memory:" in url else {}
        engine = create_engine(url, connect_args={"check_same_thread": False}, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        if url.startswith(PG_DRIVER) and importlib.util.find_spec("psycopg") is None:
            raise AnnalsError("a PostgreSQL store needs psycopg: pip install 'annals[postgres]'")
        engine = create_engine(url, pool_pre_ping=True)
        event.listen(engine, "connect", _postgresql_session)
    if migrate:
        from .migrate import upgrade

        upgrade(engine)
    return engine
