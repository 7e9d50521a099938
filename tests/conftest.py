"""Shared fixtures: the spaCy pipeline (skipped when absent), fresh stores, the shared data folder."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from annals.config import DEFAULT_MODEL

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
HAS_MODEL = importlib.util.find_spec(DEFAULT_MODEL) is not None


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
    """An SQLite store at ``path`` with the named ../shared folders ingested (skips when they are absent)."""
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
