"""Time through the store: answers as of a day, forgetting an article, succession closing a tenure."""

from __future__ import annotations

from datetime import date

import pytest

from .facts import article, contact, day, office, store

pytestmark = pytest.mark.usefixtures("store_db")   # every test on SQLite and PostgreSQL

SWE = {"role": "defense_minister", "country": "SWE"}
HANDOVER = (
    article("a", "2024-11-01", office("Erik Dahl", country="SWE"), contact("Erik Dahl", "Ana Ruiz", day("2024-10-31"))),
    article("b", "2024-11-08", office("Erik Dahl", country="SWE", status="ends", when=day("2024-11-07")),
            office("Karin Lind", country="SWE", status="starts", when=day("2024-11-08")),
            contact("Karin Lind", "Ana Ruiz", day("2024-11-08"))),
)


def holders(annals, on: date, as_of: date | None = None) -> tuple[str, list[str]]:
    answer = annals.who("defense_minister", "SWE", on, as_of)
    return answer.status, [t.person for t in answer.holders]


def test_as_of_before_and_after_an_article_changes_who_contacts_and_tenures():
    annals = store(*HANDOVER)
    before, after, on = date(2024, 11, 7), date(2024, 11, 8), date(2024, 11, 10)

    assert holders(annals, on, as_of=before) == ("probable", ["Erik Dahl"])
    assert holders(annals, on, as_of=after) == ("probable", ["Karin Lind"])
    assert holders(annals, on, as_of=date(2024, 10, 31)) == ("unknown", [])

    assert [c.sources[0].doc for c in annals.contacts(as_of=before)] == ["a"]
    assert [c.sources[0].doc for c in annals.contacts(as_of=after)] == ["a", "b"]

    [erik] = annals.tenures(**SWE, as_of=before)
    assert erik.person == "Erik Dahl" and erik.as_dict()["end"] == {"earliest": "2024-11-01", "latest": None}
    erik, karin = annals.tenures(**SWE, as_of=after)
    assert erik.as_dict()["end"] == {"earliest": "2024-11-07", "latest": "2024-11-07"}
    assert karin.person == "Karin Lind" and karin.as_dict()["start"]["latest"] == "2024-11-08"
    assert [t.person for t in annals.tenures("Karin Lind", as_of=before)] == []


def test_forget_removes_only_what_that_article_supported():
    annals = store(*HANDOVER, article("c", "2024-12-01", office("Karin Lind", country="SWE")))
    assert annals.forget("b") and not annals.forget("b")

    erik, karin = annals.tenures(**SWE)
    assert erik.as_dict()["end"] == {"earliest": "2024-11-01", "latest": "2024-12-01"}   # now only succession
    assert [s["doc"] for s in karin.as_dict()["sources"]] == ["c"]
    assert karin.as_dict()["start"] == {"earliest": "2024-11-01", "latest": "2024-12-01"}
    assert holders(annals, date(2024, 11, 10)) == ("uncertain", ["Erik Dahl", "Karin Lind"])
    assert [[p.name for p in c.participants] for c in annals.contacts()] == [["Erik Dahl", "Ana Ruiz"]]
    assert {e.name for e in annals.entities()} == {"Erik Dahl", "Ana Ruiz", "Karin Lind"}
    assert annals.stats()["documents"] == 2 and annals.stats()["contacts"] == 1


def test_a_successor_closes_the_previous_tenure_in_the_store():
    annals = store(article("a", "2024-06-01", office("Erik Dahl", country="SWE")),
                   article("b", "2024-09-01", office("Karin Lind", country="SWE")))
    assert holders(annals, date(2024, 6, 1)) == ("certain", ["Erik Dahl"])
    assert holders(annals, date(2024, 7, 15)) == ("uncertain", ["Erik Dahl", "Karin Lind"])
    assert holders(annals, date(2024, 10, 1)) == ("probable", ["Karin Lind"])
    erik, _ = annals.tenures(**SWE)
    assert erik.as_dict()["end"] == {"earliest": "2024-06-01", "latest": "2024-09-01"}
    assert holders(annals, date(2024, 10, 1), as_of=date(2024, 8, 1)) == ("probable", ["Erik Dahl"])
