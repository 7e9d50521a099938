"""Datasette over the store: the shipped metadata, the readable views (SQLite and PostgreSQL) and the canned
queries, through Datasette's own test client, on a small store of hand-made facts (fictional people)."""

from __future__ import annotations

import asyncio
import json
import sys
from datetime import date

import pytest
from click.testing import CliRunner
from sqlalchemy import inspect

from annals.cli import cli
from annals.serve.datasette import metadata, prepare
from annals.store.views import VIEWS, create_views

from .facts import article, contact, day, office, store
from .test_export import quoted

ARTICLES = (
    article("a", "2024-03-01", office("Ana Ruiz", country="CHL"), office("Luis Vega", "foreign_minister", "PER"),
            contact("Ana Ruiz", "Luis Vega", day("2024-02-29"))),
    quoted(article("b", "2024-03-02", office("Ana Ruiz", country="CHL"),
                   contact("Luis Vega", "Ana Ruiz", day("2024-02-29"))), "Ana Ruiz", "We spoke at length."),
    article("c", "2024-05-10", office("Marta Solis", country="CHL", status="starts", when=day("2024-05-08")),
            office("Ana Ruiz", country="CHL", status="ends", when=day("2024-05-08")),
            contact("Marta Solis", "Luis Vega", day("2024-05-09"), kind="meeting")),
)


@pytest.fixture
def small(tmp_path):
    path = tmp_path / "small.db"
    annals = store(*ARTICLES, db=str(path))
    prepare(annals.engine)
    return annals


def get(annals, path: str, name: str = "small"):
    """One JSON answer from Datasette's test client over the store file (named ``name``) with the shipped
    metadata."""
    datasette = pytest.importorskip("datasette.app")
    db = annals.engine.url.database

    async def fetch():
        ds = datasette.Datasette([db], metadata=metadata(name))
        response = await ds.client.get(path)
        assert response.status_code == 200, response.text
        return response.json()

    return asyncio.run(fetch())


def test_canned_queries_answer_like_the_api(small):
    held = get(small, "/small/office_holders_on_day.json?_shape=array&role=defense_minister&country=chl"
                      "&day=2024-03-15")
    assert [(r["person"], r["covers_day"]) for r in held] == [("Ana Ruiz", "yes"), ("Marta Solis", "no")]
    assert [t.person for t in small.who("defense_minister", "CHL", date(2024, 3, 15))
            .holders] == ["Ana Ruiz"]

    of_vega = get(small, "/small/contacts_of_person.json?_shape=array&person=Vega")
    assert [r["contact_id"] for r in of_vega] == [c.id for c in small.contacts(person="Luis Vega")]
    assert of_vega[0]["sources"] == 2 and set(of_vega[0]["participants"].split(" – ")) == {"Ana Ruiz", "Luis Vega"}

    between = get(small, "/small/contacts_between_countries.json?_shape=array&country_a=chl&country_b=PER"
                         "&since=2024-05-01&until=2024-05-31")
    assert [r["kind"] for r in between] == ["meeting"]
    assert [r["contact_id"] for r in between] == [c.id for c in small.contacts(
        countries=("CHL", "PER"), since=date(2024, 5, 1),
        until=date(2024, 5, 31))]

    said = get(small, "/small/quotes_by_speaker.json?_shape=array&speaker=ruiz")
    assert [(r["text"], r["doc_id"]) for r in said] == [("We spoke at length.", "b")]

    call = of_vega[0]["contact_id"]
    sources = get(small, f"/small/sources_of_contact.json?_shape=array&contact_id={call}")
    assert [(r["doc_id"], r["date_as_reported"]) for r in sources] == [("a", "2024-02-29"), ("b", "2024-02-29")]
    assert [r["sentence"] for r in sources] == [s.sentence for s in small.contacts(person="Ruiz")[0].sources]


def test_tables_show_names_descriptions_and_facets(small):
    offices = get(small, "/small/offices.json?_shape=objects&_labels=on&_sort=id")
    assert offices["rows"][0]["person_id"]["label"] == "Ana Ruiz"
    assert {f for f in offices["facet_results"]} >= {"role", "country", "status"}
    listing = get(small, "/small/contact_list.json?_shape=array&_sort=contact_id")
    assert [(r["kind"], r["sources"], r["first_reported"]) for r in listing] == [
        ("call", 2, "2024-03-01"), ("meeting", 1, "2024-05-10")]
    shown = get(small, "/-/metadata.json")
    assert "interaction" in shown["databases"]["small"]["tables"]["contacts"]["description"]
    assert set(shown["databases"]["small"]["queries"]) == {
        "office_holders_on_day", "contacts_of_person", "contacts_between_countries", "quotes_by_speaker",
        "sources_of_contact"}


def test_views_are_created_on_postgresql_too(pg_engine):
    from annals.store.write import write_analysis

    for an in ARTICLES:
        with pg_engine.begin() as conn:
            write_analysis(conn, an)
    create_views(pg_engine)
    create_views(pg_engine)   # replaces them
    assert set(VIEWS) <= set(inspect(pg_engine).get_view_names())
    with pg_engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT kind, participants, sources FROM contact_list ORDER BY contact_id").all()
        mentions = conn.exec_driver_sql("SELECT count(*) FROM office_mentions").scalar()
    assert [(k, set(p.split(" – ")), n) for k, p, n in rows] == [
        ("call", {"Ana Ruiz", "Luis Vega"}, 2), ("meeting", {"Marta Solis", "Luis Vega"}, 1)]
    assert mentions == 5


def test_the_datasette_verb_serves_the_store_or_says_how(small, monkeypatch):
    db = small.engine.url.database
    pytest.importorskip("datasette")
    result = CliRunner().invoke(cli, ["datasette", "--db", db, "--get", "/small/quote_list.json?_shape=array"])
    assert result.exit_code == 0, result.output
    assert [q["text"] for q in json.loads(result.output)] == ["We spoke at length."]
    monkeypatch.setitem(sys.modules, "datasette.cli", None)
    result = CliRunner().invoke(cli, ["datasette", "--db", db])
    assert result.exit_code == 0, result.output
    assert "pip install 'annals[datasette]'" in result.output
    assert f"datasette serve {db} --metadata {db}.datasette.json --host 127.0.0.1 --port 8001" in result.output
    with pytest.raises(Exception, match="SQLite files only"):
        prepare(store(*ARTICLES).engine)
