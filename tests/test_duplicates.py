"""Near-duplicate articles: rewritten copies are stored once with every copy as a source; different
articles about the same event stay apart. Ingest runs on a blank spaCy pipeline (no model needed)."""

from __future__ import annotations

from datetime import date

import pytest
import spacy
from sqlalchemy import func, select

from annals.analyse.extensions import register
from annals.api import Annals
from annals.models import Analysis, Article
from annals.read.duplicates import THRESHOLD, fingerprint
from annals.store import schema
from annals.store.duplicates import Duplicates, copies_of
from annals.store.write import delete_document, write_analysis

from .dupe_texts import COPIES, SAME_EVENT, WIRE, text

DAY = date(2024, 3, 5)


def art(doc_id: str, paragraphs: list[str], source: str | None = None) -> Article:
    return Article(doc_id, DAY, text(paragraphs), source=source, url=f"http://{doc_id}.example/story",
                   path="batch.jsonl")


@pytest.fixture
def store(tmp_path):
    register()
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    annals = Annals(str(tmp_path / "d.db"))
    annals._nlp = nlp
    return annals


def count(annals: Annals, table) -> int:
    with annals.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar()


@pytest.mark.parametrize("name", sorted(COPIES))
def test_rewritten_copies_score_above_the_threshold(name):
    assert fingerprint(text(WIRE)).similarity(fingerprint(text(COPIES[name])).signature) >= THRESHOLD + 0.1


@pytest.mark.parametrize("name", sorted(SAME_EVENT))
def test_other_articles_on_the_same_event_score_far_below(name):
    assert fingerprint(text(WIRE)).similarity(fingerprint(text(SAME_EVENT[name])).signature) < THRESHOLD / 2


def test_copies_in_one_batch_are_stored_once_with_every_outlet(store):
    batch = [art("wire", WIRE, "Fjord Wire")]
    batch += [art(f"copy{i}", COPIES[k], f"Outlet {i}") for i, k in enumerate(sorted(COPIES))]
    batch += [art(f"other{i}", SAME_EVENT[k]) for i, k in enumerate(sorted(SAME_EVENT))]
    report = store.ingest_articles(batch)
    t = report.totals()
    assert (t["articles"], t["duplicates"], t["errors"]) == (3, len(COPIES), 0)
    assert report.files["batch.jsonl"].duplicates == len(COPIES)
    assert store.stats()["documents"] == 3 and store.stats()["copies"] == len(COPIES)
    doc = store.document("wire")
    assert sorted(c["source"] for c in doc["copies"]) == [f"Outlet {i}" for i in range(len(COPIES))]
    assert all(c["published"] == "2024-03-05" and c["similarity"] >= THRESHOLD for c in doc["copies"])
    assert store.document("copy0") is None   # not analysed, not a document of its own
    assert store.document("other0")["copies"] == []


def test_detection_persists_across_runs_and_reingest_changes_nothing(store):
    store.ingest_articles([art("wire", WIRE)])
    later = store.ingest_articles([art("late", COPIES["extra paragraph"], "Late Post"),
                                   art("other", SAME_EVENT["analysis piece"])])
    assert (later.totals()["duplicates"], later.totals()["articles"]) == (1, 1)
    assert [c["id"] for c in store.document("wire")["copies"]] == ["late"]
    again = store.ingest_articles([art("wire", WIRE), art("late", COPIES["extra paragraph"], "Late Post")])
    assert (again.totals()["unchanged"], again.totals()["duplicates"], again.totals()["articles"]) == (2, 0, 0)
    assert store.stats()["copies"] == 1


def test_a_copy_rewritten_into_its_own_story_becomes_a_document(store):
    store.ingest_articles([art("wire", WIRE), art("x", COPIES["changed headline"])])
    assert store.stats()["copies"] == 1
    report = store.ingest_articles([art("x", SAME_EVENT["other facts, same day"])])
    assert report.totals()["articles"] == 1
    assert store.stats()["copies"] == 0 and store.document("x") is not None


def test_forget_removes_bands_signature_and_copies(store):
    store.ingest_articles([art("wire", WIRE), art("c1", COPIES["reordered sentences"]),
                           art("c2", COPIES["changed headline"]), art("other", SAME_EVENT["analysis piece"])])
    assert count(store, schema.doc_bands) == 2 * 32 and count(store, schema.doc_signatures) == 2
    assert store.forget("c2") and store.stats()["copies"] == 1   # one copy alone
    assert store.forget("wire")
    assert count(store, schema.doc_bands) == 32 and count(store, schema.doc_signatures) == 1
    assert store.stats()["copies"] == 0
    report = store.ingest_articles([art("c1", COPIES["reordered sentences"])])   # no original left
    assert report.totals()["articles"] == 1


def test_a_copy_of_an_original_that_fails_is_reported(store):
    from spacy.language import Language

    @Language.component("fail_on_varga")
    def fail(doc):
        if "Varga" in doc.text:
            raise ValueError("component failed")
        return doc

    store._nlp.add_pipe("fail_on_varga")
    report = store.ingest_articles([art("wire", WIRE), art("c1", COPIES["changed headline"])])
    assert report.totals()["duplicates"] == 0 and store.stats()["copies"] == 0
    assert report.errors[1] == "batch.jsonl (id c1): a copy of wire, which was not stored"


def test_candidates_come_from_the_band_index(tmp_path):
    """Without a shared band hash no comparison happens: a copy is found only through the index."""
    annals = Annals(str(tmp_path / "b.db"))
    original = art("wire", WIRE)
    sifter = Duplicates(annals.engine)
    assert list(sifter.sift([original])) == []
    with annals.engine.begin() as conn:
        write_analysis(conn, Analysis(original))
        sifter.stored(conn, original)
    found = list(Duplicates(annals.engine).sift([art("c", COPIES["shortened by an editor"])]))
    assert [(a.id, outcome) for a, outcome in found] == [("c", "duplicate")]
    with annals.engine.begin() as conn:
        conn.execute(schema.doc_bands.delete())
    assert list(Duplicates(annals.engine).sift([art("d", COPIES["extra paragraph"])])) == []


def test_band_lookup_and_copies_on_postgres(pg_engine):
    original = art("wire", WIRE)
    sifter = Duplicates(pg_engine)
    assert list(sifter.sift([original])) == []
    with pg_engine.begin() as conn:
        write_analysis(conn, Analysis(original))
        sifter.stored(conn, original)
    found = list(Duplicates(pg_engine).sift([art("c", COPIES["outlet's own lead and credit"]),
                                             art("o", SAME_EVENT["other facts, same day"])]))
    assert [(a.id, outcome) for a, outcome in found] == [("c", "duplicate")]
    with pg_engine.begin() as conn:
        assert [c["id"] for c in copies_of(conn, "wire")] == ["c"]
        delete_document(conn, "wire")
        assert conn.execute(select(func.count()).select_from(schema.copies)).scalar() == 0
        assert conn.execute(select(func.count()).select_from(schema.doc_bands)).scalar() == 0


def test_same_article_twice_in_a_batch_and_a_replaced_text(store):
    copy = art("c", COPIES["changed headline"])
    report = store.ingest_articles([art("wire", WIRE), art("wire", WIRE), copy, copy])
    assert report.totals()["errors"] == 0 and store.stats()["documents"] == 1 and store.stats()["copies"] == 1
    report = store.ingest_articles([art("d", COPIES["extra paragraph"])] * 2)   # twice, of a stored one
    assert report.totals()["errors"] == 0 and store.stats()["copies"] == 2
    store.forget("d")
    replaced = store.ingest_articles([art("wire", SAME_EVENT["analysis piece"])])   # new text, same id
    assert replaced.totals()["articles"] == 1 and count(store, schema.doc_bands) == 32
    later = store.ingest_articles([art("c", COPIES["changed headline"])])   # the old text is gone
    assert later.totals()["articles"] == 1


def test_the_document_page_lists_every_outlet(store):
    from fastapi.testclient import TestClient

    from annals.serve.app import create_app

    store.ingest_articles([art("wire", WIRE, "Fjord Wire"), art("c1", COPIES["extra paragraph"], "Nord Desk"),
                           art("c2", COPIES["changed headline"])])
    html = TestClient(create_app(store)).get("/documents/wire").text
    assert "Also published by: " in html
    assert '<a href="http://c1.example/story" rel="noreferrer">Nord Desk</a> (2024-03-05)' in html
    assert ">c2</a> (2024-03-05)" in html   # no outlet named: its id


def test_a_stored_document_rewritten_into_a_copy_of_another_is_updated_not_split(store):
    store.ingest_articles([art("wire", WIRE), art("x", SAME_EVENT["analysis piece"])])
    report = store.ingest_articles([art("x", COPIES["extra paragraph"])])   # x's new text repeats the wire
    assert (report.totals()["articles"], report.totals()["duplicates"]) == (1, 0)
    assert store.document("x")["text"] == text(COPIES["extra paragraph"]) and store.stats()["copies"] == 0
