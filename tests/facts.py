"""Hand-made analyses written straight into a store: query tests without spaCy.

    annals = store(article("a", "2024-11-08", office("Ana Ruiz"), contact("Ana Ruiz", "Luis Vega")))
"""

from __future__ import annotations

from datetime import date

from annals.api import Annals
from annals.models import Analysis, Article, ContactObservation, EntityRecord, Evidence, OfficeObservation, TimeValue
from annals.store.write import write_analysis


def day(iso: str) -> TimeValue:
    d = date.fromisoformat(iso)
    return TimeValue(iso, "DATE", d, d, "day")


def span(lo: str, hi: str) -> TimeValue:
    return TimeValue(f"{lo}/{hi}", "DATE", date.fromisoformat(lo), date.fromisoformat(hi), "range")


def office(person: str, role: str = "defense_minister", country: str = "ISR", status: str = "holding",
           when: TimeValue | None = None) -> dict:
    return {"person": person, "role": role, "country": country, "status": status, "date": when}


def contact(a: str, b: str, when: TimeValue | None = None, kind: str = "call") -> dict:
    return {"kind": kind, "participants": (a, b), "date": when}


def _sentence(fact: dict) -> str:
    if "person" in fact:
        return f"{fact['person']} ({fact['status']}) {fact['role']} of {fact['country']}."
    return f"{' and '.join(fact['participants'])} held a {fact['kind']}."


def article(doc_id: str, published: str, *facts: dict) -> Analysis:
    """One article stating ``facts`` (from ``office`` and ``contact``), one sentence each."""
    text, offices, contacts, people = "", [], [], {}
    for fact in facts:
        sentence = _sentence(fact)
        ev = Evidence(doc_id, len(text), len(text) + len(sentence), sentence)
        text += sentence + " "
        if "person" in fact:
            offices.append(OfficeObservation(evidence=ev, **fact))
            people[fact["person"]] = None
        else:
            contacts.append(ContactObservation(evidence=ev, **fact))
            people.update(dict.fromkeys(fact["participants"]))
    return Analysis(Article(doc_id, date.fromisoformat(published), text or "Nothing."),
                    tuple(EntityRecord(p, "person", (p,)) for p in people), tuple(offices), tuple(contacts))


DB = ":memory:"   # where ``store`` writes; the ``store_db`` fixture points it at each backend in turn


def store(*analyses: Analysis, db: str | None = None) -> Annals:
    """A store holding ``analyses``, written as ingest writes them."""
    annals = Annals(db or DB)
    for an in analyses:
        with annals.engine.begin() as conn:
            write_analysis(conn, an)
    return annals
