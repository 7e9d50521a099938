"""Streaming ingest: bounded batches end to end, per-file reports, unchanged articles skipped."""

from __future__ import annotations

import sys
from dataclasses import replace

import pytest

from annals.errors import AnnalsError, InputError
from annals.examples import example_dir
from annals.models import Article
from annals.read import read_paths


def samples(copies: int) -> list[Article]:
    base = [a for a in read_paths([example_dir()]) if isinstance(a, Article)]
    return [replace(a, id=f"{k}-{a.id}", path=f"/in/{k}.jsonl") for k in range(copies) for a in base]


def test_articles_are_pulled_a_batch_at_a_time(annals):
    pulled, seen_at_write = [], []

    def stream():
        for a in samples(10):
            pulled.append(a.id)
            yield a

    report = annals.ingest_articles(stream(), progress=lambda n: seen_at_write.append(len(pulled)), batch=4,
                                    dedupe=False)   # (the copies are near-duplicates of each other)
    assert report.ok and report.totals()["articles"] == 40
    # one batch analysed and written before the next is read: never more than a batch (and the
    # parser's 16-article look-ahead) in hand, however long the stream
    assert seen_at_write[0] <= 4 + 16 and len(seen_at_write) == 10


def test_bad_records_and_unchanged_articles_are_reported_per_file(annals):
    articles = samples(2)
    annals.ingest_articles(articles[:3], batch=2, dedupe=False)
    bad = InputError("/in/bad.jsonl:2", "record has no 'text' string", "/in/bad.jsonl")
    report = annals.ingest_articles([*articles[:4], bad, *articles[4:]], batch=2, dedupe=False)
    assert report.files["/in/0.jsonl"].unchanged == 3 and report.files["/in/0.jsonl"].articles == 1
    assert report.files["/in/1.jsonl"].articles == 4
    assert report.errors == ["/in/bad.jsonl:2: record has no 'text' string"]
    assert annals.stats()["documents"] == 8


def test_workers_without_ray_fail_clearly(annals, monkeypatch):
    monkeypatch.setitem(sys.modules, "ray", None)   # as if it were not installed
    with pytest.raises(AnnalsError, match=r"pip install 'annals\[ray\]'"):
        annals.ingest_articles(samples(1), workers=2)


def test_a_write_that_fails_rolls_back_its_batch_and_only_that_article_is_lost():
    from sqlalchemy import func, select

    from annals.ingest import IngestReport, Writer
    from annals.store.engine import open_engine
    from annals.store.schema import documents, offices

    from .test_store import analysis

    engine = open_engine("sqlite+pysqlite:///:memory:")
    good = [analysis(f"a{i}", "2025-05-17", ["Vera Lind", "Tomas Berg"]) for i in range(3)]
    broken = replace(analysis("bad", "2025-05-17", ["Vera Lind"]), entities=())   # an office of no known person
    report = IngestReport()
    Writer(engine, report).write([a.article for a in [good[0], broken, *good[1:]]], [good[0], broken, *good[1:]])
    assert report.totals()["articles"] == 3 and len(report.errors) == 1
    assert report.errors[0].startswith("bad (id bad): storing failed: KeyError")
    with engine.connect() as conn:
        assert sorted(conn.execute(select(documents.c.id)).scalars()) == ["a0", "a1", "a2"]
        assert conn.execute(select(func.count()).select_from(offices).where(offices.c.doc_id == "bad")).scalar() == 0
