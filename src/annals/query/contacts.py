"""Contacts between people, organisations and countries, date-ordered, each with its sources."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Connection, and_, func, nulls_last, or_, select, tuple_

from ..store.chunks import chunked
from ..store.schema import contact_participants, contact_sources, contacts, documents, entities, offices
from .common import find_entities
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


CHUNK = 1000   # contacts read at a time by the walk
PIVOT = 10_000   # a person's contacts: fewer are fetched and sorted, more are found walking the dates
WALK = 5_000   # contacts of each country's actors above which a country filter walks the contacts by date


def of_country(code: str):
    """Ids of the entities of a country: their own, or one of an office they are recorded in (a subquery)."""
    return select(entities.c.id).where(entities.c.country == code).union(
        select(offices.c.person_id).where(offices.c.country == code))


def _reach(conn: Connection, who, cap: int = WALK) -> int:
    """How many contacts the entities ``who`` (ids or a subquery) took part in, counted up to ``cap``."""
    some = select(contact_participants.c.contact_id).where(
        contact_participants.c.entity_id.in_(who)).limit(cap).subquery()
    return conn.execute(select(func.count()).select_from(some)).scalar()


def _with_countries(codes: list[str], rarest: str):
    """Contacts with a participant of the first country and, given two, another participant of the second;
    looked up from the contacts of ``rarest``'s actors."""
    a = contact_participants.alias("a")
    q = select(a.c.contact_id).where(a.c.contact_id == contacts.c.id, a.c.entity_id.in_(of_country(codes[0])))
    if len(codes) > 1:
        b = contact_participants.alias("b")
        q = q.join(b, and_(b.c.contact_id == a.c.contact_id, b.c.entity_id != a.c.entity_id)).where(
            b.c.entity_id.in_(of_country(codes[1])))
    return and_(contacts.c.id.in_(select(contact_participants.c.contact_id)
                                  .where(contact_participants.c.entity_id.in_(of_country(rarest)))), q.exists())


def _between(codes: list[str], people: list[set], ids: list) -> bool:
    """Whether participants ``ids`` include one of ``people[0]`` and, given two countries, another of
    ``people[1]`` (the Python twin of ``_with_countries``)."""
    if len(codes) == 1:
        return any(i in people[0] for i in ids)
    return any(i in people[0] and j in people[1] for i in ids for j in ids if i != j)


def _dated(q, since: date | None, until: date | None):
    """``q`` with the date filters: contacts that may fall between ``since`` and ``until`` (undated ones too,
    unless both are given)."""
    c = contacts.c
    if since:
        q = q.where(or_(c.date_latest >= since, c.date_latest.is_(None)))
    if since and until:   # dated contacts only: the bound on the first day can use the index
        return q.where(c.date_earliest.is_not(None), c.date_earliest <= until)
    return q.where(or_(c.date_earliest <= until, c.date_earliest.is_(None))) if until else q


def _walk(conn: Connection, q, codes: list[str], since: date | None, until: date | None,
          need: int | None) -> list:
    """The first ``need`` contacts of ``q`` within the dates (all when None) between ``codes``' actors, read in
    date order, a page of ``CHUNK`` at a time, and tested in Python on their participants key (the ids
    ``contact_participants`` holds): for countries whose actors are in so many contacts that reading by date is
    cheaper. With ``since`` the read starts there, after the few spans begun before it (ix_contacts_spans)."""
    people = [{str(i) for i in conn.execute(of_country(c)).scalars()} for c in codes]
    c = contacts.c
    keys = q.with_only_columns(c.id, c.participants_key, c.date_earliest)
    dated = keys.where(c.date_earliest.is_not(None))
    if since:
        dated = dated.where(c.date_earliest >= since, or_(c.date_latest >= since, c.date_latest.is_(None)))
    if until:
        dated = dated.where(c.date_earliest <= until)
    parts = [(dated, True)] if since and until else [(dated, True), (keys.where(c.date_earliest.is_(None)), False)]
    found: list[int] = []
    if since:
        begun = keys.where(c.date_latest > c.date_earliest, c.date_latest >= since,
                           func.coalesce(c.date_earliest, since) < since)   # coalesce: not the first-day index
        if until:
            begun = begun.where(func.coalesce(c.date_earliest, until) <= until)
        found = [r.id for r in conn.execute(begun.order_by(c.date_earliest, c.id))
                 if _between(codes, people, r.participants_key.split(","))]
    for part, has_date in parts:
        last = None
        while need is None or len(found) < need:
            page = part
            if last is not None:
                page = page.where(tuple_(c.date_earliest, c.id) > (last.date_earliest, last.id) if has_date
                                  else c.id > last.id)
            rows = conn.execute(page.order_by(c.date_earliest, c.id).limit(CHUNK)).all()
            found += [r.id for r in rows if _between(codes, people, r.participants_key.split(","))]
            if len(rows) < CHUNK:
                break
            last = rows[-1]
    found = found[:need]
    by_id = {r.id: r for chunk in chunked(found) for r in conn.execute(select(contacts).where(
        contacts.c.id.in_(chunk)))}
    return [by_id[i] for i in found]


def contacts_query(conn: Connection, *, person: str | None = None, countries: tuple[str, ...] = (),
                   since: date | None = None, until: date | None = None, kind: str | None = None,
                   as_of: date | None = None, limit: int | None = None, offset: int = 0) -> Rows[Contact]:
    """Contacts matching every filter, dated ones first by date; two countries mean contacts between those
    countries' actors. Filters, order and paging run in the database (or, between two countries in many
    contacts, a walk by date that stops at the page), so a page costs about the same in any store."""
    q = select(contacts)
    if as_of:
        q = q.where(select(contact_sources.c.id).join(documents, documents.c.id == contact_sources.c.doc_id)
                    .where(contact_sources.c.contact_id == contacts.c.id, documents.c.published <= as_of).exists())
    if kind:
        q = q.where(contacts.c.kind == kind)
    few = False   # contacts few enough to fetch all and sort, rather than walk the dates to a page
    if person:
        ids = find_entities(conn, person) or [-1]
        q = q.where(contacts.c.id.in_(select(contact_participants.c.contact_id)
                                      .where(contact_participants.c.entity_id.in_(ids))))
        few = _reach(conn, ids, PIVOT) < PIVOT
    codes = [c.upper() for c in countries][:2]
    reach = {c: _reach(conn, of_country(c)) for c in codes} if codes and not person else {}
    if reach and min(reach.values()) >= WALK:
        rows = _walk(conn, q, codes, since, until, offset + limit if limit else None)[offset:]
    else:
        q = _dated(q, since, until)
        if codes:
            q = q.where(_with_countries(codes, min(codes, key=lambda c: reach.get(c, 0))))
        if few or reach:   # the same order, in a form no index gives: planners start from the few contacts
            q = q.order_by(contacts.c.date_earliest.is_(None), contacts.c.date_earliest, contacts.c.id)
        else:
            q = q.order_by(nulls_last(contacts.c.date_earliest), contacts.c.id)
        q = q.offset(offset or None)
        rows = conn.execute(q.limit(limit) if limit else q).all()
    parts = _participants(conn, [r.id for r in rows])
    all_ids = {i for ps in parts.values() for i in ps}
    names = {r.id: (r.name, r.kind) for chunk in chunked(sorted(all_ids)) for r in conn.execute(
        select(entities.c.id, entities.c.name, entities.c.kind).where(entities.c.id.in_(chunk)))}
    where = entity_countries(conn, all_ids)
    out = [Contact(r.id, r.kind, DateRange(r.date_earliest, r.date_latest) if r.date_earliest else None,
                   [Participant(i, names[i][0], names[i][1], sorted(where[i])) for i in parts.get(r.id, [])])
           for r in rows]
    sources = _sources(conn, [c.id for c in out], as_of)
    for c in out:
        c.sources = sources.get(c.id, [])
    return Rows(out, "contacts")


def _sources(conn: Connection, contact_ids: list[int], as_of: date | None) -> dict[int, list[ContactSource]]:
    """Each contact's sources in publication order, fetched in a few ``IN (...)`` queries."""
    out: dict[int, list[ContactSource]] = {}
    for ids in chunked(contact_ids):
        q = (select(contact_sources, documents.c.published, documents.c.title, documents.c.url)
             .join(documents, documents.c.id == contact_sources.c.doc_id)
             .where(contact_sources.c.contact_id.in_(ids))
             .order_by(documents.c.published, contact_sources.c.doc_id, contact_sources.c.id))
        if as_of:
            q = q.where(documents.c.published <= as_of)
        for r in conn.execute(q):
            out.setdefault(r.contact_id, []).append(ContactSource(
                r.doc_id, r.published, r.start, r.end, r.sentence, r.date_value, r.date_earliest, r.date_latest,
                r.place, r.title, r.url))
    return out
