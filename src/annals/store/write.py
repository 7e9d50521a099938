"""The only code that writes the store: one transaction per article, idempotent.

Ingesting an article again with the same text changes nothing; with new text
it replaces everything the old version supported. A contact reported by
several articles (same people, same kind, overlapping dates) is stored once
with one source row per article.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone

from rapidfuzz import fuzz
from sqlalchemy import Connection, and_, delete, func, insert, or_, select, update

from ..analyse.actors import name_key, same_name, sound
from ..analyse.offices import rank
from ..lexicon import fold
from ..models import Analysis, Article, EntityRecord, TimeValue
from .chunks import chunked
from .schema import (
    aliases,
    contact_participants,
    contact_sources,
    contacts,
    copies,
    doc_bands,
    doc_signatures,
    documents,
    entities,
    offices,
    quotes,
)


def content_hash(article: Article) -> str:
    return hashlib.sha256(f"{article.published.isoformat()}\n{article.text}".encode()).hexdigest()


def entity_key(kind: str, name: str) -> str:
    return (name_key(name) if kind == "person" else fold(name))[:255]


def stored_hashes(conn: Connection, doc_ids: list[str]) -> dict[str, str]:
    """Content hashes of the documents among ``doc_ids`` already stored."""
    out: dict[str, str] = {}
    for chunk in chunked(doc_ids):
        q = select(documents.c.id, documents.c.sha256).where(documents.c.id.in_(chunk))
        out.update(dict(conn.execute(q).all()))
    return out


def write_analysis(conn: Connection, analysis: Analysis, now: datetime | None = None) -> str:
    """Store one analysed article inside the caller's transaction; returns added, replaced or unchanged."""
    art = analysis.article
    sha = content_hash(art)
    old = conn.execute(select(documents.c.sha256).where(documents.c.id == art.id)).scalar()
    if old == sha:
        return "unchanged"
    if old is not None:
        delete_document(conn, art.id)
    conn.execute(insert(documents).values(
        id=art.id, published=art.published, title=art.title, url=art.url, source=art.source, path=art.path,
        text=art.text, sha256=sha, ingested_at=(now or datetime.now(timezone.utc)).replace(tzinfo=None)))
    names: dict[tuple[int, str], str] = {}   # (entity, alias key) -> alias: the article's aliases, once each
    ids = {e.name: _entity(conn, e, names) for e in analysis.entities}
    _insert(conn, aliases, [{"entity_id": entity_id, "doc_id": art.id, "alias": alias, "key": akey}
                            for (entity_id, akey), alias in names.items()])
    _insert(conn, offices, [
        {"doc_id": art.id, "person_id": ids[o.person], "role": o.role, "country": o.country, "status": o.status,
         "country_inferred": o.country_inferred, **_date_cols(o.date), "start": o.evidence.start,
         "end": o.evidence.end, "sentence": o.evidence.sentence}
        for o in _one_per_office(analysis.offices, ids)])
    _insert(conn, quotes, [
        {"doc_id": art.id, "speaker_id": ids.get(q.speaker) if q.speaker else None, "speaker": q.speaker,
         "text": q.text, "start": q.evidence.start, "end": q.evidence.end, "sentence": q.evidence.sentence}
        for q in analysis.quotes])
    for c in analysis.contacts:
        people = sorted({ids[p] for p in c.participants})
        if len(people) < 2:
            continue
        contact_id = _contact_for(conn, c.kind, people, c.date)
        conn.execute(insert(contact_sources).values(
            contact_id=contact_id, doc_id=art.id, place=c.place, **_date_cols(c.date),
            start=c.evidence.start, end=c.evidence.end, sentence=c.evidence.sentence))
        _refresh_contact(conn, contact_id)
    return "replaced" if old is not None else "added"


def _insert(conn: Connection, table, rows: list[dict]) -> None:
    """All ``rows`` in one executemany (none: no statement)."""
    if rows:
        conn.execute(insert(table), rows)


def _one_per_office(observations, ids: dict[str, int]) -> list:
    """One observation per stored person and office, even when the article named the person two ways."""
    best: dict[tuple, object] = {}
    for o in observations:
        key = (ids[o.person], o.role, o.country)
        if key not in best or rank(o) < rank(best[key]):
            best[key] = o
    return list(best.values())


def _date_cols(tv: TimeValue | None) -> dict:
    if tv is None:
        return {"date_value": None, "date_earliest": None, "date_latest": None}
    return {"date_value": tv.value[:32], "date_earliest": tv.earliest, "date_latest": tv.latest}


def _same_person(conn: Connection, key: str):
    """A stored person this name means although its key differs: a bare surname known for exactly one
    person, a full name whose only namesake was stored by surname alone, or a transliteration variant
    ("Sergei"/"Sergey Petrov"). Looked up by surname, so the cost does not grow with the store."""
    toks = key.split()
    rows = conn.execute(select(entities.c.id, entities.c.name, entities.c.key, entities.c.country)
                        .where(entities.c.kind == "person", entities.c.sound == sound(toks[-1]))).all()
    full = [r for r in rows if len(r.key.split()) > 1]
    if len(toks) == 1:
        named = [r for r in full if fuzz.ratio(toks[0], r.key.split()[-1]) >= 85]
        return named[0] if len(named) == 1 else None
    alike = [r for r in full if same_name(toks, r.key.split())]
    if len(alike) == 1:
        return alike[0]
    bare = [r for r in rows if len(r.key.split()) == 1]
    if not full and len(bare) == 1:   # "Vega" stored first, "Luis Vega" now: the same man, renamed
        conn.execute(update(entities).where(entities.c.id == bare[0].id).values(key=key))
        return bare[0]
    return None


def _entity(conn: Connection, rec: EntityRecord, names: dict[tuple[int, str], str]) -> int:
    """The stored entity ``rec`` names (found, renamed or new); its name forms go into ``names``."""
    key = rec.country.lower() if rec.kind == "country" and rec.country else entity_key(rec.kind, rec.name)
    row = conn.execute(select(entities.c.id, entities.c.name, entities.c.country)
                       .where(entities.c.kind == rec.kind, entities.c.key == key)).first()
    if row is None and rec.kind == "person" and key:
        row = _same_person(conn, key)
    if row is None:
        surname = sound(key.split()[-1]) if rec.kind == "person" and key else None
        entity_id = conn.execute(insert(entities).values(
            kind=rec.kind, name=rec.name, key=key, sound=surname, country=rec.country)).inserted_primary_key[0]
    else:
        entity_id = row.id
        changes = {}
        if rec.country and not row.country:
            changes["country"] = rec.country
        if len(rec.name) > len(row.name) and rec.kind == "person":
            changes["name"] = rec.name   # the fullest form seen becomes the display name
        if changes:
            conn.execute(update(entities).where(entities.c.id == entity_id).values(**changes))
    for alias in (rec.name, *rec.aliases):   # one alias per name key: the fullest form, whatever the hash seed
        key = (entity_id, entity_key(rec.kind, alias))
        if len(alias) > len(names.get(key, "")):
            names[key] = alias
    return entity_id


def _contact_for(conn: Connection, kind: str, people: list[int], tv: TimeValue | None) -> int:
    """The stored contact this report is one of (same people and kind, compatible dates), or a new one."""
    key = ",".join(map(str, people))
    q = select(contacts.c.id).where(contacts.c.participants_key == key, contacts.c.kind == kind)
    if tv is not None:
        q = q.where(or_(contacts.c.date_earliest.is_(None),
                        and_(contacts.c.date_earliest <= tv.latest, contacts.c.date_latest >= tv.earliest)))
    found = conn.execute(q.order_by(contacts.c.id).limit(1)).scalar()
    if found is not None:
        return found
    contact_id = conn.execute(insert(contacts).values(kind=kind, participants_key=key)).inserted_primary_key[0]
    conn.execute(insert(contact_participants), [{"contact_id": contact_id, "entity_id": p} for p in people])
    return contact_id


def _refresh_contact(conn: Connection, contact_id: int) -> None:
    """A contact's date is the tightest range all its dated sources agree on (one aggregate query)."""
    c = contact_sources.c
    lo, hi, first, last = conn.execute(
        select(func.max(c.date_earliest), func.min(c.date_latest), func.min(c.date_earliest), func.max(c.date_latest))
        .where(c.contact_id == contact_id, c.date_earliest.is_not(None))).one()
    if lo is not None and lo > hi:   # sources disagree: keep the span covering them all
        lo, hi = first, last
    conn.execute(update(contacts).where(contacts.c.id == contact_id).values(date_earliest=lo, date_latest=hi))


def settle_countries(conn: Connection, doc_ids: list[str]) -> int:
    """Offices whose country was only guessed take the country their holder is known by from other
    articles ("President Vega" in a readout about another country is still Peru's president). Only the people
    ``doc_ids`` name are looked at, so the cost follows the batch, not the store; as a person's country is only
    ever set, never changed, settling batch by batch ends as settling all at once."""
    known = (select(entities.c.country).where(entities.c.id == offices.c.person_id)
             .correlate(offices).scalar_subquery())   # the row being changed, also inside ``twin`` below
    same = offices.alias("same")
    changed = 0
    for chunk in chunked(doc_ids):
        people = select(aliases.c.entity_id).where(aliases.c.doc_id.in_(chunk))
        wrong = [offices.c.country_inferred.is_(True), offices.c.role != "intl_org_head",
                 offices.c.person_id.in_(people),
                 offices.c.person_id.in_(select(entities.c.id).where(entities.c.country.is_not(None))),
                 offices.c.country != known]
        twin = select(same.c.id).where(same.c.doc_id == offices.c.doc_id, same.c.person_id == offices.c.person_id,
                                       same.c.role == offices.c.role, same.c.country == known).exists()
        changed += conn.execute(delete(offices).where(*wrong, twin)).rowcount   # the article says it already
        changed += conn.execute(update(offices).where(*wrong).values(country=known)).rowcount
    return changed


def delete_document(conn: Connection, doc_id: str) -> bool:
    """Remove an article and every fact only it supported; returns whether it was stored."""
    touched = set(conn.execute(select(contact_sources.c.contact_id)
                               .where(contact_sources.c.doc_id == doc_id)).scalars())
    named = set(conn.execute(select(aliases.c.entity_id).where(aliases.c.doc_id == doc_id)).scalars())
    for table in (contact_sources, offices, quotes, aliases, doc_bands, doc_signatures, copies):
        conn.execute(delete(table).where(table.c.doc_id == doc_id))
    gone = conn.execute(delete(documents).where(documents.c.id == doc_id)).rowcount
    for contact_id in touched:
        left = conn.execute(select(func.count()).select_from(contact_sources)
                            .where(contact_sources.c.contact_id == contact_id)).scalar()
        if left:
            _refresh_contact(conn, contact_id)
        else:
            conn.execute(delete(contact_participants).where(contact_participants.c.contact_id == contact_id))
            conn.execute(delete(contacts).where(contacts.c.id == contact_id))
    still = set(conn.execute(select(aliases.c.entity_id).where(aliases.c.entity_id.in_(named))).scalars())
    if named - still:   # entities only this article named
        conn.execute(delete(entities).where(entities.c.id.in_(named - still)))
    return bool(gone)
