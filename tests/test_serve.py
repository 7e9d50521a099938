"""The HTTP API and the pages, in process: same answers as the Annals object, paging, validation, auth."""

from __future__ import annotations

import re
import warnings
from datetime import date
from html import unescape

import pytest

from annals.api import Annals
from annals.serve import views
from annals.serve.app import create_app

from .conftest import store_of

with warnings.catch_warnings():  # starlette's TestClient announces a move to httpx2
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

ISR_USA = {"country": ["ISR", "USA"]}
ARTICLE = {"id": "posted-1", "date": "2024-11-08", "title": "A <posted> article", "source": "test",
           "text": "JERUSALEM — Defense Minister Israel Katz spoke on Friday with US Secretary of Defense "
                   "Lloyd Austin about the war.\n"}


@pytest.fixture(scope="module")
def seeded(nlp, module_store_db) -> Annals:
    return store_of(nlp, module_store_db, ("data", "seeds"))


@pytest.fixture(scope="module")
def client(seeded) -> TestClient:
    return TestClient(create_app(seeded))


@pytest.fixture
def empty(tmp_path) -> Annals:
    return Annals(str(tmp_path / "empty.db"))


# -- the API mirrors the Annals object -------------------------------------------------------------------------

def test_openapi_documents_every_query(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/who", "/api/tenures", "/api/offices", "/api/conflicts", "/api/contacts", "/api/quotes",
                 "/api/entities", "/api/documents/{doc_id}", "/api/stats", "/api/articles"):
        assert path in paths
    assert "post" in paths["/api/articles"]
    assert not any(p.startswith("/people") for p in paths)  # pages stay out of the API document


def test_contacts_between_two_countries_with_evidence(client, seeded):
    got = client.get("/api/contacts", params=ISR_USA).json()
    assert got == seeded.contacts(countries=("ISR", "USA")).to_dicts()
    assert len(got) >= 3
    for contact in got:
        countries = [set(p["countries"]) for p in contact["participants"]]
        assert any("ISR" in a and "USA" in b for a in countries for b in countries if a is not b)
        for src in contact["sources"]:
            text = client.get(f"/api/documents/{src['doc']}").json()["text"]
            assert text[src["start"]:src["end"]].strip() == src["sentence"]


def test_paging_and_filters(client, seeded):
    everything = client.get("/api/contacts").json()
    assert len(everything) >= 3
    assert client.get("/api/contacts", params={"limit": 1, "offset": 1}).json() == everything[1:2]
    assert client.get("/api/contacts", params={"offset": len(everything)}).json() == []
    assert client.get("/api/contacts", params={"as_of": "2000-01-01"}).json() == []
    calls = client.get("/api/contacts", params={"kind": "call"}).json()
    assert calls and all(c["kind"] == "call" for c in calls)
    since = client.get("/api/contacts", params={"since": "2025-01-01"}).json()
    assert since == seeded.contacts(since=date(2025, 1, 1)).to_dicts()
    assert len(since) < len(everything)


def test_who_tenures_quotes_entities(client, seeded):
    who = client.get("/api/who", params={"role": "defense_minister", "country": "isr", "on": "2024-12-01"}).json()
    answer = seeded.who("defense_minister", "ISR", date(2024, 12, 1))
    assert who["status"] == answer.status and who["country"] == "ISR"
    assert who["holders"] == [t.as_dict() for t in answer.holders]

    office = client.get("/api/tenures", params={"role": "defense_minister", "country": "ISR"}).json()
    assert office == [t.as_dict() for t in seeded.tenures(role="defense_minister", country="ISR")]
    assert office and all(t["sources"] for t in office)
    assert client.get("/api/tenures", params={"role": "defense_minister", "country": "ISR", "limit": 1}).json() \
        == office[:1]

    quotes = client.get("/api/quotes", params={"limit": 2}).json()
    assert quotes == seeded.quotes(limit=2).to_dicts() and len(quotes) == 2
    assert client.get("/api/quotes", params={"as_of": "2000-01-01"}).json() == []

    hits = client.get("/api/entities", params={"q": "katz"}).json()
    assert "Israel Katz" in [h["name"] for h in hits]
    assert client.get("/api/entities", params={"q": "katz", "offset": len(hits)}).json() == []

    offices = client.get("/api/offices", params={"country": "ISR"}).json()
    assert {"country": "ISR", "role": "defense_minister"}.items() <= next(
        o for o in offices if o["role"] == "defense_minister").items()


def test_document(client, seeded):
    src = seeded.contacts().to_dicts()[0]["sources"][0]
    doc = client.get(f"/api/documents/{src['doc']}").json()
    assert doc == seeded.document(src["doc"])
    assert client.get("/api/documents/no-such.txt").status_code == 404


@pytest.mark.parametrize("params", [
    {"role": "defense_minister", "country": "ISR", "on": "2024-13-01"},
    {"role": "defense_minister", "country": "ISR", "on": "20241101"},
    {"role": "defense_minister", "country": "ISR", "on": "0"},
    {"role": "king", "country": "ISR", "on": "2024-11-01"},
    {"role": "defense_minister", "on": "2024-11-01"},
    {"role": "defense_minister", "country": "I$R", "on": "2024-11-01"},
])
def test_who_validation_is_422(params, empty):
    assert TestClient(create_app(empty)).get("/api/who", params=params).status_code == 422


@pytest.mark.parametrize("params", [
    {"limit": 0}, {"limit": 100_000}, {"offset": -1}, {"since": "yesterday"}, {"kind": "tweet"},
    {"country": ["ISR", "USA", "GBR"]}, {"as_of": "2024-02-30"},
])
def test_contacts_validation_is_422(params, empty):
    assert TestClient(create_app(empty)).get("/api/contacts", params=params).status_code == 422


# -- ingest over HTTP ---------------------------------------------------------------------------------------

def test_ingest_refused_without_a_token(empty):
    client = TestClient(create_app(empty))
    assert client.post("/api/articles", json=ARTICLE).status_code == 403
    assert client.post("/api/articles", json=ARTICLE, headers={"Authorization": "Bearer x"}).status_code == 403
    assert empty.stats()["documents"] == 0


def test_ingest_needs_the_bearer_token(empty):
    client = TestClient(create_app(empty, token="s3cret"))
    missing = client.post("/api/articles", json=ARTICLE)
    assert missing.status_code == 401 and missing.headers["www-authenticate"] == "Bearer"
    assert client.post("/api/articles", json=ARTICLE, headers={"Authorization": "Bearer wrong"}).status_code == 403
    assert client.post("/api/articles", json=ARTICLE, headers={"Authorization": "Basic czNjcmV0"}).status_code == 401
    assert empty.stats()["documents"] == 0


@pytest.mark.parametrize("body", [
    {**ARTICLE, "date": "8 November"}, {**ARTICLE, "text": "   "}, {k: v for k, v in ARTICLE.items() if k != "text"},
    {**ARTICLE, "id": ""}, [], "not an article", [ARTICLE, {**ARTICLE, "date": None}],
])
def test_ingest_validation_is_422(body, empty):
    client = TestClient(create_app(empty, token="s3cret"))
    response = client.post("/api/articles", json=body, headers={"Authorization": "Bearer s3cret"})
    assert response.status_code == 422
    assert empty.stats()["documents"] == 0


def test_ingest_one_article_then_a_list(nlp, empty):
    empty._nlp = nlp
    client = TestClient(create_app(empty, token="s3cret"))
    auth = {"Authorization": "Bearer s3cret"}
    first = client.post("/api/articles", json=ARTICLE, headers=auth)
    assert first.status_code == 200, first.text
    assert first.json()["totals"]["articles"] == 1 and first.json()["errors"] == []
    doc = client.get("/api/documents/posted-1").json()
    assert doc["text"] == ARTICLE["text"] and doc["published"] == "2024-11-08" and doc["title"] == ARTICLE["title"]
    assert "<h1>A &lt;posted&gt; article</h1>" in client.get("/documents/posted-1").text
    second = {**ARTICLE, "id": "posted-2", "date": "2024-11-09T08:00:00Z",   # its own story, not a reprint
              "text": "TEL AVIV — Foreign Minister Gideon Saar met his German counterpart on Saturday.\n"}
    again = client.post("/api/articles", json=[ARTICLE, second], headers=auth).json()
    assert again["totals"]["unchanged"] == 1 and again["totals"]["articles"] == 1
    assert client.get("/api/documents/posted-2").json()["published"] == "2024-11-09"
    assert client.get("/api/stats").json()["documents"] == 2


# -- pages ---------------------------------------------------------------------------------------------------

def test_contacts_page_lists_what_the_api_returns(client):
    page = client.get("/contacts", params=ISR_USA)
    assert page.status_code == 200
    api = client.get("/api/contacts", params=ISR_USA).json()
    assert page.text.count('<tr class="contact"') == len(api)
    assert 'data-chart="timeline"' in page.text and 'data-chart="graph"' in page.text
    assert "is not a date" in client.get("/contacts", params={"since": "soon"}).text


def test_evidence_link_leads_to_the_marked_sentence(client, seeded):
    src = seeded.contacts(countries=("ISR", "USA")).to_dicts()[0]["sources"][0]
    page = client.get("/contacts", params=ISR_USA).text
    link = unescape(re.search(r'<a class="evidence" href="([^"]+)"', page).group(1))
    article = client.get(link)
    assert article.status_code == 200
    marked = re.search(r'<mark id="evidence">(.*?)</mark>', article.text, re.S).group(1)
    assert unescape(marked) == src["sentence"]


def test_person_office_search_pages(client, seeded):
    person = client.get("/people/Israel Katz")
    assert person.status_code == 200
    assert 'id="offices-timeline"' in person.text and 'class="quote"' in person.text
    assert 'href="/offices/ISR/defense_minister"' in person.text
    office = client.get("/offices/ISR/defense_minister")
    assert office.status_code == 200 and "Israel · defense minister" in office.text
    for t in seeded.tenures(role="defense_minister", country="ISR"):
        assert t.person in office.text
    assert client.get("/offices/ISR/king").status_code == 404
    assert client.get("/people/Nobody At All").status_code == 404
    found = client.get("/search", params={"q": "israel"}).text
    assert "Israel (ISR)" in found and "Israel · defense minister" in found and "/people/Israel%20Katz" in found
    home = client.get("/")
    assert home.status_code == 200 and "/offices/ISR/defense_minister" in home.text
    assert client.get("/static/vendor/cytoscape.min.js").status_code == 200


def test_document_page_escapes_and_ignores_bad_offsets(client, seeded):
    doc = seeded.contacts().to_dicts()[0]["sources"][0]["doc"]
    page = client.get(f"/documents/{doc}", params={"start": 5, "end": 1})
    assert page.status_code == 200 and "<mark" not in page.text
    assert client.get("/documents/missing.txt").status_code == 404


# -- timeline shapes -----------------------------------------------------------------------------------------

def test_tenure_bars_draw_uncertain_and_open_bounds():
    tenure = {"person": "A", "role": "defense_minister", "country": "ISR", "sources": [],
              "start": {"earliest": "2024-01-01", "latest": "2024-01-10"},
              "end": {"earliest": "2024-06-01", "latest": None}}
    items = views.tenure_items([tenure], "person")["items"]
    assert [(i["className"], i["start"], i["end"]) for i in items] == [
        ("certain", "2024-01-10", "2024-06-02"), ("uncertain", "2024-01-01", "2024-01-10"),
        ("open-end", "2024-06-02", "2024-08-01")]
    former = {**tenure, "start": {"earliest": None, "latest": None}, "end": {"earliest": None, "latest": "2024-03-01"}}
    assert [i["className"] for i in views.tenure_items([former], "office")["items"]] == ["open-start"]
