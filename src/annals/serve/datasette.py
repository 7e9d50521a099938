"""Datasette over an SQLite store: the metadata shipped in ``datasette.json`` (table and column
descriptions, label columns, facets, canned queries) under the store's database name, and the readable
views of ``store.views``."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import Engine

from ..errors import AnnalsError
from ..store.views import create_views

SHIPPED = Path(__file__).with_name("datasette.json")


def database_file(engine: Engine) -> Path:
    """The SQLite file behind ``engine``; Datasette opens nothing else."""
    path = engine.url.database
    if engine.url.get_backend_name() != "sqlite" or not path or path == ":memory:":
        raise AnnalsError(f"Datasette opens SQLite files only, not {engine.url.render_as_string()}")
    return Path(path)


def metadata(db_name: str) -> dict:
    """Datasette metadata for a database named ``db_name`` (Datasette names it after the file's stem)."""
    shipped = json.loads(SHIPPED.read_text(encoding="utf-8"))
    return {"title": shipped["title"], "description": shipped["description"],
            "databases": {db_name: {"tables": shipped["tables"], "queries": shipped["queries"]}}}


def prepare(engine: Engine) -> tuple[Path, Path]:
    """Create the views and write the metadata beside the store (``<store>.datasette.json``); returns
    (store file, metadata file)."""
    db = database_file(engine)
    create_views(engine)
    meta = db.with_name(f"{db.name}.datasette.json")
    meta.write_text(json.dumps(metadata(db.stem), ensure_ascii=False, indent=1), encoding="utf-8")
    return db, meta


def serve_args(db: Path, meta: Path, host: str, port: int, get: str | None = None) -> list[str]:
    """Arguments of ``datasette serve`` for the store and its metadata."""
    args = ["serve", str(db), "--metadata", str(meta), "--host", host, "--port", str(port)]
    return args + ["--get", get] if get else args
