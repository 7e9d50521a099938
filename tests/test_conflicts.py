"""Conflicts: facts the articles disagree on, each claim with its sources; the verb and the API route."""

from __future__ import annotations

import json
import warnings
from datetime import date

import pytest
from click.testing import CliRunner
from sqlalchemy import update

from annals.cli import cli
from annals.serve.app import create_app
from annals.store.schema import contact_sources

from .facts import article, contact, day, office, span, store

pytestmark = pytest.mark.usefixtures("store_db")   # every test on SQLite and PostgreSQL

with warnings.catch_warnings():  # starlette's TestClient announces a move to httpx2
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


def claims(conflict: dict) -> list[tuple[str, list[str]]]:
    return [(c["claim"], [s["doc"] for s in c["sources"]]) for c in conflict["claims"]]


def two_ministers(db: str | None = None):
    """Ana Ruiz held the office from January to March; Luis Vega is reported holding it in February."""
    return store(article("a", "2024-01-10", office("Ana Ruiz")), article("b", "2024-03-01", office("Ana Ruiz")),
                 article("c", "2024-02-01", office("Luis Vega")), article("d", "2024-02-20", office("Luis Vega")),
                 db=db)


def test_two_holders_of_a_single_holder_office_on_the_same_days():
    annals = two_ministers()
    [found] = annals.conflicts()
    assert found["kind"] == "office_holder" and found["about"] == "defense_minister of ISR"
    assert found["period"] == {"earliest": "2024-02-01", "latest": "2024-02-20"}
    assert claims(found) == [("Ana Ruiz", ["a", "b"]), ("Luis Vega", ["c", "d"])]
    assert found["claims"][0]["dates"] == {"earliest": "2024-01-10", "latest": "2024-03-01"}
    for source in (s for c in found["claims"] for s in c["sources"]):
        assert source["sentence"] in annals.document(source["doc"])["text"] and source["published"]
    assert annals.conflicts(as_of=date(2024, 2, 25)) == []   # before b, Ana Ruiz is only known in January


def test_a_handover_day_and_offices_with_many_holders_are_no_conflict():
    annals = store(
        article("a", "2024-06-01", office("Erik Dahl", country="SWE")),
        article("b", "2024-11-08", office("Erik Dahl", country="SWE", status="ends", when=day("2024-11-08")),
                office("Karin Lind", country="SWE", status="starts", when=day("2024-11-08"))),
        article("c", "2024-12-01", office("Karin Lind", country="SWE")),
        article("d", "2024-06-01", office("Mikko Laine", "ambassador", "FIN"), office("Johan Ek", "ambassador", "FIN")),
        article("e", "2024-07-01", office("Mikko Laine", "ambassador", "FIN"), office("Johan Ek", "ambassador", "FIN")),
    )
    assert annals.who("defense_minister", "SWE", date(2024, 11, 8)).status == "uncertain"
    assert annals.conflicts() == []


def test_a_contact_whose_sources_give_incompatible_dates():
    annals = store(article("a", "2025-05-17", contact("Ana Ruiz", "Luis Vega", day("2025-05-17"))),
                   article("b", "2025-05-21", contact("Luis Vega", "Ana Ruiz", span("2025-05-15", "2025-05-21"))))
    assert annals.conflicts() == []   # one contact: the week includes the 17th
    with annals.engine.begin() as conn:   # write.py merges only compatible reports: b says the 20th after all
        conn.execute(update(contact_sources).where(contact_sources.c.doc_id == "b").values(
            date_value="2025-05-20", date_earliest=date(2025, 5, 20), date_latest=date(2025, 5, 20)))
    [found] = annals.conflicts()
    assert found["kind"] == "contact_date" and found["about"] == "call: Ana Ruiz – Luis Vega"
    assert found["contact"] == annals.contacts()[0].id
    assert claims(found) == [("2025-05-17", ["a"]), ("2025-05-20", ["b"])]
    assert found["period"] == {"earliest": "2025-05-17", "latest": "2025-05-20"}
    assert found["claims"][1]["sources"][0]["sentence"] == "Luis Vega and Ana Ruiz held a call."
    assert annals.conflicts(as_of=date(2025, 5, 20)) == []


def test_one_person_given_two_countries_for_one_role_on_the_same_day():
    annals = store(article("x", "2024-01-02", office("Ana Ruiz", "head_of_state", "CHL")),
                   article("y", "2024-01-02", office("Ana Ruiz", "head_of_state", "PER")),
                   article("z", "2024-01-05", office("Luis Vega", "envoy", "CHL")),
                   article("w", "2024-03-05", office("Luis Vega", "envoy", "PER")))
    [found] = annals.conflicts()
    assert found["kind"] == "person_country" and found["about"] == "Ana Ruiz as head_of_state"
    assert found["period"] == {"earliest": "2024-01-02", "latest": "2024-01-02"}
    assert claims(found) == [("CHL", ["x"]), ("PER", ["y"])]


def test_conflicts_verb_and_api_route(store_db):
    db = store_db
    annals = two_ministers(db)
    result = CliRunner().invoke(cli, ["conflicts", "--db", db, "--json"])
    assert result.exit_code == 0 and json.loads(result.output) == annals.conflicts()
    text = CliRunner().invoke(cli, ["conflicts", "--db", db]).output
    assert "defense_minister of ISR" in text and "Luis Vega (2024-02-01 .. 2024-02-20)" in text
    assert "[c 2024-02-01] Luis Vega (holding) defense_minister of ISR." in text
    early = CliRunner().invoke(cli, ["conflicts", "--db", db, "--as-of", "2024-02-25"])
    assert early.exit_code == 0 and "No conflicts found." in early.output

    client = TestClient(create_app(annals))
    assert client.get("/api/conflicts").json() == annals.conflicts()
    assert client.get("/api/conflicts", params={"as_of": "2024-02-25"}).json() == []
    assert client.get("/api/conflicts", params={"offset": 1}).json() == []
    assert client.get("/api/conflicts", params={"as_of": "2024-02-30"}).status_code == 422
