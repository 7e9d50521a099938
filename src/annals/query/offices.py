"""Who held which office when: tenures built from every stored observation."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from sqlalchemy import Connection, func, select

from ..resolve.tenures import Answer, Observation, Tenure, build, holder_on
from ..store.schema import documents, entities, offices
from .common import evidence, find_entities
from .records import Holder, Office, Rows


def observations(conn: Connection, *, role: str | None = None, country: str | None = None,
                 person_ids: list[int] | None = None, roles: Collection[str] | None = None,
                 as_of: date | None = None) -> list[Observation]:
    q = (select(offices, entities.c.name, documents.c.published)
         .join(entities, entities.c.id == offices.c.person_id)
         .join(documents, documents.c.id == offices.c.doc_id))
    if as_of:
        q = q.where(documents.c.published <= as_of)
    if role:
        q = q.where(offices.c.role == role)
    if roles is not None:
        q = q.where(offices.c.role.in_(roles))
    if country:
        q = q.where(offices.c.country == country.upper())
    if person_ids is not None:
        q = q.where(offices.c.person_id.in_(person_ids))
    return [Observation(r.person_id, r.name, r.role, r.country, r.status, r.published, r.date_earliest,
                        r.date_latest, evidence(r.doc_id, r.published, r.start, r.end, r.sentence,
                                                status=r.status, date=r.date_value))
            for r in conn.execute(q)]


def mentions(conn: Connection, *, person: str | None = None, role: str | None = None, country: str | None = None,
             since: date | None = None, until: date | None = None, as_of: date | None = None) -> Rows[Observation]:
    """Every office observation (one per mention in an article), by publication day; ``since``/``until``
    bound the publication day."""
    person_ids = find_entities(conn, person, "person") if person else None
    found = [o for o in observations(conn, role=role, country=country, person_ids=person_ids, as_of=as_of)
             if (since is None or o.published >= since) and (until is None or o.published <= until)]
    return Rows(sorted(found, key=lambda o: (o.published, o.evidence["doc"], o.evidence["start"])), "offices")


def tenures(conn: Connection, *, person: str | None = None, role: str | None = None,
            country: str | None = None, as_of: date | None = None) -> Rows[Tenure]:
    """Tenures of a person (all their offices, succession from each office's other holders) or of an office."""
    if person is None:
        return Rows(build(observations(conn, role=role, country=country, as_of=as_of)), "tenures")
    ids = find_entities(conn, person, "person")
    if not ids:
        return Rows((), "tenures")
    mine = observations(conn, person_ids=ids, as_of=as_of)
    out = []
    for r, c in sorted({(o.role, o.country) for o in mine}):
        if (role and r != role) or (country and c != country.upper()):
            continue
        out += [t for t in build(observations(conn, role=r, country=c, as_of=as_of)) if t.person_id in ids]
    return Rows(out, "tenures")


def who(conn: Connection, role: str, country: str, on: date, as_of: date | None = None) -> Answer:
    return holder_on(build(observations(conn, role=role, country=country, as_of=as_of)), on)


def offices_list(conn: Connection, country: str | None = None, as_of: date | None = None) -> Rows[Office]:
    """Each office seen, by country then role, with its holders (first seen first) and observation counts."""
    first = func.min(func.coalesce(offices.c.date_earliest, documents.c.published))
    q = (select(offices.c.country, offices.c.role, entities.c.name, func.count().label("n"))
         .join(entities, entities.c.id == offices.c.person_id)
         .join(documents, documents.c.id == offices.c.doc_id)
         .group_by(offices.c.country, offices.c.role, offices.c.person_id, entities.c.name)
         .order_by(offices.c.country, offices.c.role, first, entities.c.name))
    if country:
        q = q.where(offices.c.country == country.upper())
    if as_of:
        q = q.where(documents.c.published <= as_of)
    out: dict[tuple[str, str], Office] = {}
    for r in conn.execute(q):
        office = out.setdefault((r.country, r.role), Office(r.country, r.role, [], 0))
        office.holders.append(Holder(r.name, r.n))
        office.observations += r.n
    return Rows(out.values())
