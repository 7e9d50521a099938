"""Contacts between people, organisations and countries, date-ordered, each with its sources."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Connection, and_, or_, select

from ..store.chunks import chunked
from ..store.schema import contact_participants, contact_sources, contacts, documents, entities, offices
from .common import find_entities, known_docs
from .records import Contact, ContactSource, DateRange, Participant, Rows


def entity_countries(conn: Connection, ids: set[int]) -> dict[int, set[str]]:
    """Each entity's countries: its own, and those of the offices it is recorded in."""
    out: dict[int, set[str]] = {i: set() for i in ids}
    for chunk in chunked(sorted(ids)):
        for r in conn.execute(select(entities.c.id, entities.c.country).where(entities.c.id.in_(chunk))):
            if r.country:
                out[r.id].add(r.country)
        for r in conn.execute(select(offices.c.person_id, offices.c.country).distinct()
                              .where(offices.c.person_id.in_(chunk))):
            out[r.person_id].add(r.country)
    return out


def _participants(conn: Connection, contact_ids: list[int]) -> dict[int, list[int]]:
    """Each contact's participant entity ids."""
    out: dict[int, list[int]] = {}
    for chunk in chunked(contact_ids):
        for r in conn.execute(select(contact_participants).where(contact_participants.c.contact_id.in_(chunk))):
            out.setdefault(r.contact_id, []).append(r.entity_id)
    return out


def contacts_query(conn: Connection, *, person: str | None = None, countries: tuple[str, ...] = (),
                   since: date | None = None, until: date | None = None, kind: str | None = None,
                   as_of: date | None = None, limit: int | None = None, offset: int = 0) -> Rows[Contact]:
    """Contacts matching every filter; two countries mean contacts between those countries' actors."""
    docs = known_docs(as_of)
    q = select(contacts).where(contacts.c.id.in_(
        select(contact_sources.c.contact_id).where(contact_sources.c.doc_id.in_(docs))))
    if kind:
        q = q.where(contacts.c.kind == kind)
    if since:
        q = q.where(or_(contacts.c.date_latest >= since, contacts.c.date_latest.is_(None)))
    if until:
        q = q.where(or_(contacts.c.date_earliest <= until, contacts.c.date_earliest.is_(None)))
    if since and until:
        q = q.where(and_(contacts.c.date_earliest.is_not(None)))
    if person:
        ids = find_entities(conn, person)
        q = q.where(contacts.c.id.in_(select(contact_participants.c.contact_id)
                                      .where(contact_participants.c.entity_id.in_(ids or [-1]))))
    rows = conn.execute(q).all()
    parts = _participants(conn, [r.id for r in rows])
    all_ids = {i for ps in parts.values() for i in ps}
    names = {r.id: (r.name, r.kind) for chunk in chunked(sorted(all_ids)) for r in conn.execute(
        select(entities.c.id, entities.c.name, entities.c.kind).where(entities.c.id.in_(chunk)))}
    where = entity_countries(conn, all_ids)
    wanted = [c.upper() for c in countries]
    out = []
    for r in rows:
        ids = parts.get(r.id, [])
        if wanted and not _between(wanted, [where[i] for i in ids]):
            continue
        out.append(Contact(r.id, r.kind, DateRange(r.date_earliest, r.date_latest) if r.date_earliest else None,
                           [Participant(i, names[i][0], names[i][1], sorted(where[i])) for i in ids]))
    out.sort(key=lambda c: (c.date is None, c.date.earliest if c.date else date.min, c.id))
    page = out[offset:offset + limit if limit else None]
    sources = _sources(conn, [c.id for c in page], docs)
    for c in page:
        c.sources = sources.get(c.id, [])
    return Rows(page, "contacts")


def _between(wanted: list[str], sets: list[set[str]]) -> bool:
    if len(wanted) == 1:
        return any(wanted[0] in s for s in sets)
    a, b = wanted[0], wanted[1]
    return any(a in s1 and b in s2 for i, s1 in enumerate(sets) for j, s2 in enumerate(sets) if i != j)


def _sources(conn: Connection, contact_ids: list[int], docs) -> dict[int, list[ContactSource]]:
    """Each contact's sources in publication order, fetched in a few ``IN (...)`` queries."""
    out: dict[int, list[ContactSource]] = {}
    for ids in chunked(contact_ids):
        q = (select(contact_sources, documents.c.published, documents.c.title, documents.c.url)
             .join(documents, documents.c.id == contact_sources.c.doc_id)
             .where(contact_sources.c.contact_id.in_(ids), contact_sources.c.doc_id.in_(docs))
             .order_by(documents.c.published, contact_sources.c.doc_id, contact_sources.c.id))
        for r in conn.execute(q):
            out.setdefault(r.contact_id, []).append(ContactSource(
                r.doc_id, r.published, r.start, r.end, r.sentence, r.date_value, r.date_earliest, r.date_latest,
                r.place, r.title, r.url))
    return out
