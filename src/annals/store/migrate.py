"""Schema migrations (Alembic, scripts in ``migrations/``), run by ``open_engine`` so nobody runs alembic by hand.

A new store is created from ``schema.py`` and stamped with the newest revision; a store made before
migrations existed (tables, no ``alembic_version``) is stamped with the first revision, whose schema it has,
then upgraded. To change the schema: edit ``schema.py``, then ``annals db revision -m "what changed"``.
"""

from __future__ import annotations

import tempfile
from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect, text

from .schema import metadata

SCRIPTS = Path(__file__).with_name("migrations")
FIRST = "0001"           # the schema every store had before migrations
PG_LOCK = 0x616E6E616C   # advisory lock id: one process at a time migrates a PostgreSQL database


def config(conn: Connection | None = None) -> Config:
    """Alembic's configuration for the packaged scripts, on ``conn`` (the scripts' env.py reads it)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(SCRIPTS))
    cfg.set_main_option("file_template", "%%(rev)s_%%(slug)s")
    cfg.attributes["connection"] = conn
    return cfg


@cache
def head() -> str:
    """The newest revision the package ships."""
    return ScriptDirectory.from_config(config()).get_current_head()


def current(conn: Connection) -> str | None:
    """The store's revision, or None for a new store or one made before migrations."""
    return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, target: str = "head") -> tuple[str | None, str | None]:
    """Bring the store to ``target``; returns its revision before and after."""
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_LOCK})
        before = current(conn)
        if before == head() and target == "head":
            return before, before
        if before is None and not inspect(conn).has_table("documents"):
            if target == "head":   # a new store: the tables as schema.py says, no need to replay history
                metadata.create_all(conn)
                command.stamp(config(conn), "head")
                return None, head()
        elif before is None:
            command.stamp(config(conn), FIRST)
        command.upgrade(config(conn), target)
        return before, current(conn)


def history() -> list[tuple[str, str | None, str]]:
    """Every shipped revision, oldest first: (revision, the one before it, message)."""
    scripts = ScriptDirectory.from_config(config())
    return [(s.revision, s.down_revision, s.doc) for s in reversed(list(scripts.walk_revisions()))]


def revision(message: str) -> Path:
    """Write a new revision script for what ``schema.py`` has that the newest revision lacks (autogenerate,
    against a scratch SQLite store built by replaying every revision); returns its path."""
    from .engine import open_engine

    with tempfile.TemporaryDirectory() as tmp:
        engine = open_engine(f"{tmp}/head.db", migrate=False)
        with engine.begin() as conn:
            command.upgrade(config(conn), "head")
            script = command.revision(config(conn), message=message, autogenerate=True,
                                      rev_id=f"{int(head()) + 1:04d}")
        engine.dispose()
    head.cache_clear()
    return Path(script.path)
