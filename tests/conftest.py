"""Shared fixtures: the spaCy pipeline (skipped when absent), fresh stores on each backend, the shared data folder.

Store-backed tests take ``store_db`` (or ``module_store_db``): they run once on SQLite and once on PostgreSQL,
in a schema of their own dropped after. ``ANNALS_TEST_DB=sqlite`` (or ``postgresql``) runs one backend only;
``ANNALS_TEST_PG`` names another server (default 127.0.0.1:5432, database test). With no server answering,
the PostgreSQL runs skip and say why.
"""

from __future__ import annotations

import importlib.util
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from annals.config import DEFAULT_MODEL
from annals.store.engine import open_engine, store_url

from . import facts

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
HAS_MODEL = importlib.util.find_spec(DEFAULT_MODEL) is not None
PG_URL = os.environ.get("ANNALS_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")
BACKENDS = os.environ.get("ANNALS_TEST_DB", "sqlite,postgresql").split(",")


@contextmanager
def pg_schema() -> Iterator[str]:
    """The URL of a new PostgreSQL schema with a random name; afterwards its connections are closed and it is
    dropped. Skips the test when no server answers."""
    pytest.importorskip("psycopg")
    name = f"annals_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(store_url(PG_URL))
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{name}"'))
    except Exception as exc:  # noqa: BLE001 - no server here: skip, do not fail
        admin.dispose()
        pytest.skip(f"PostgreSQL not reachable at {PG_URL} ({type(exc).__name__}); ANNALS_TEST_DB=sqlite runs "
                    "SQLite alone")
    try:
        yield f"{PG_URL}?options=-csearch_path%3D{name}&application_name={name}"
    finally:
        with admin.begin() as conn:
            conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = :n"),
                         {"n": name})
            conn.execute(text(f'DROP SCHEMA "{name}" CASCADE'))
        admin.dispose()


@contextmanager
def backend_db(backend: str, folder: Path) -> Iterator[str]:
    """A store location on ``backend``: an SQLite file in ``folder``, or a fresh PostgreSQL schema."""
    if backend == "sqlite":
        yield str(folder / "store.db")
    else:
        with pg_schema() as url:
            yield url


@pytest.fixture
def pg_engine():
    """An engine on a fresh PostgreSQL schema (migrated), for tests of PostgreSQL alone."""
    with pg_schema() as url:
        engine = open_engine(url)
        yield engine
        engine.dispose()


@pytest.fixture(params=BACKENDS)
def store_db(request, tmp_path, monkeypatch) -> Iterator[str]:
    """A fresh store's location, SQLite then PostgreSQL; ``facts.store`` writes there too."""
    with backend_db(request.param, tmp_path) as url:
        monkeypatch.setattr(facts, "DB", url)
        yield url


@pytest.fixture(scope="module", params=BACKENDS)
def module_store_db(request, tmp_path_factory) -> Iterator[str]:
    """A fresh store's location shared by one module's tests, SQLite then PostgreSQL."""
    with backend_db(request.param, tmp_path_factory.mktemp("store")) as url:
        yield url


def needs_shared(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not present (the shared data folder sits beside the project)")
    return path


@pytest.fixture(scope="session")
def nlp():
    if not HAS_MODEL:
        pytest.skip(f"spaCy pipeline {DEFAULT_MODEL} is not installed")
    from annals.analyse.pipeline import build

    return build(DEFAULT_MODEL)


def store_of(nlp, path, *folders: tuple[str, ...]):
    """A store at ``path`` (a file or URL) with the named ../shared folders ingested (skips when they are absent)."""
    from annals.api import Annals

    dirs = [needs_shared(*parts) for parts in folders]
    store = Annals(str(path))
    store._nlp = nlp
    report = store.ingest(dirs)
    assert report.ok, report.errors
    return store


@pytest.fixture
def annals(nlp):
    """An in-memory store sharing the session's pipeline."""
    from annals.api import Annals

    a = Annals(":memory:")
    a._nlp = nlp
    return a


@pytest.fixture
def analyse_text(nlp):
    """Analyse one text published on a date: returns the Analysis."""
    from datetime import date

    from annals.analyse.extract import analyse
    from annals.analyse.pipeline import parse
    from annals.lexicon import lexicon
    from annals.models import Article

    def run(text: str, published: str, doc_id: str = "t.txt"):
        art = Article(doc_id, date.fromisoformat(published), text)
        [(a, doc)] = list(parse(nlp, [art]))
        return analyse(a, doc, lexicon())

    return run
