"""Facts the articles disagree on, each claim with its sources.

Three kinds: two people certainly holding one single-holder office on the same days (more than the
handover day), one contact whose sources give dates that cannot all be true, and one person recorded
with two countries for the same role on the same day.
"""

from __future__ import annotations

from datetime import date, timedelta
from itertools import combinations

from sqlalchemy import Connection, func, select

from ..resolve.tenures import SINGLE_HOLDER, Tenure, build
from ..store.chunks import chunked
from ..store.schema import contact_participants, contact_sources, contacts, documents, entities, offices
from .common import evidence, known_docs
from .offices import observations


def conflicts(conn: Connection, as_of: date | None = None) -> list[dict]:
    """Every conflict in the articles published by ``as_of`` (all when None), by kind then date."""
    found = office_holders(conn, as_of) + contact_dates(conn, as_of) + person_countries(conn, as_of)
    return sorted(found, key=lambda c: (c["kind"], c["period"]["earliest"], c["about"]))


def _overlap(a: Tenure, b: Tenure) -> tuple[date, date] | None:
    """The days both tenures certainly cover, or None."""
    if a.certain is None or b.certain is None:
        return None
    lo, hi = max(a.certain[0], b.certain[0]), min(a.certain[1], b.certain[1])
    return (lo, hi) if lo <= hi else None


def _period(lo: date, hi: date) -> dict:
    return {"earliest": lo.isoformat(), "latest": hi.isoformat()}


def _tenure_claim(claim: str, t: Tenure) -> dict:
    """A claim resting on a tenure: the days it is certainly held and every observation of it."""
    return {"claim": claim, "dates": _period(*t.certain), "sources": [o.evidence for o in t.observations]}


def office_holders(conn: Connection, as_of: date | None = None) -> list[dict]:
    """Pairs of people both certainly holding a single-holder office for more than a handover day."""
    by_office: dict[tuple[str, str], list[Tenure]] = {}
    for t in build(observations(conn, roles=SINGLE_HOLDER, as_of=as_of)):
        by_office.setdefault((t.role, t.country), []).append(t)
    out = []
    for (role, country), group in by_office.items():
        for a, b in combinations(group, 2):
            both = _overlap(a, b)
            if both and both[1] - both[0] >= timedelta(days=1):
                out.append({"kind": "office_holder", "about": f"{role} of {country}", "period": _period(*both),
                            "claims": [_tenure_claim(a.person, a), _tenure_claim(b.person, b)]})
    return out


def person_countries(conn: Connection, as_of: date | None = None) -> list[dict]:
    """One person recorded in one role for two countries on the same day."""
    docs = known_docs(as_of)
    twice = (select(offices.c.person_id).where(offices.c.doc_id.in_(docs))
             .group_by(offices.c.person_id, offices.c.role).having(func.count(offices.c.country.distinct()) > 1))
    ids = list(dict.fromkeys(conn.execute(twice).scalars()))
    if not ids:
        return []
    by_post: dict[tuple[int, str], list[Tenure]] = {}
    seen = [o for chunk in chunked(ids) for o in observations(conn, person_ids=chunk, as_of=as_of)]
    for t in build(seen):
        by_post.setdefault((t.person_id, t.role), []).append(t)
    out = []
    for group in by_post.values():
        for a, b in combinations(group, 2):
            both = _overlap(a, b)
            if both:
                out.append({"kind": "person_country", "about": f"{a.person} as {a.role}", "period": _period(*both),
                            "claims": [_tenure_claim(a.country, a), _tenure_claim(b.country, b)]})
    return out


def contact_dates(conn: Connection, as_of: date | None = None) -> list[dict]:
    """Contacts whose dated sources do not all overlap: one claim per date range given."""
    docs = known_docs(as_of)
    dated = contact_sources.c.date_earliest.is_not(None)
    clash = (select(contact_sources.c.contact_id).where(contact_sources.c.doc_id.in_(docs), dated)
             .group_by(contact_sources.c.contact_id)
             .having(func.max(contact_sources.c.date_earliest) > func.min(contact_sources.c.date_latest)))
    q = (select(contact_sources, contacts.c.kind, documents.c.published)
         .join(contacts, contacts.c.id == contact_sources.c.contact_id)
         .join(documents, documents.c.id == contact_sources.c.doc_id)
         .where(contact_sources.c.contact_id.in_(clash), contact_sources.c.doc_id.in_(docs), dated)
         .order_by(contact_sources.c.contact_id, contact_sources.c.date_earliest, contact_sources.c.date_latest,
                   documents.c.published, contact_sources.c.id))
    kinds: dict[int, str] = {}
    claims: dict[int, dict[tuple[date, date], list[dict]]] = {}
    for r in conn.execute(q):
        kinds[r.contact_id] = r.kind
        claims.setdefault(r.contact_id, {}).setdefault((r.date_earliest, r.date_latest), []).append(
            evidence(r.doc_id, r.published, r.start, r.end, r.sentence, date=r.date_value))
    names = _participants(conn, list(claims))
    return [{"kind": "contact_date", "about": f"{kinds[cid]}: " + " – ".join(names.get(cid, ())), "contact": cid,
             "period": _period(min(lo for lo, _ in by_date), max(hi for _, hi in by_date)),
             "claims": [{"claim": _span(lo, hi), "dates": _period(lo, hi), "sources": srcs}
                        for (lo, hi), srcs in by_date.items()]}
            for cid, by_date in claims.items()]


def _span(lo: date, hi: date) -> str:
    return lo.isoformat() if lo == hi else f"{lo.isoformat()} .. {hi.isoformat()}"


def _participants(conn: Connection, contact_ids: list[int]) -> dict[int, list[str]]:
    """Each contact's participants' names, alphabetically."""
    out: dict[int, list[str]] = {}
    for ids in chunked(contact_ids):
        q = (select(contact_participants.c.contact_id, entities.c.name)
             .join(entities, entities.c.id == contact_participants.c.entity_id)
             .where(contact_participants.c.contact_id.in_(ids))
             .order_by(contact_participants.c.contact_id, entities.c.name))
        for r in conn.execute(q):
            out.setdefault(r.contact_id, []).append(r.name)
    return out
