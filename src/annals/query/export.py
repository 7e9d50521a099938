"""What Annals took from each article, in the scorer's gold-JSON shape (canonical names)."""

from __future__ import annotations

from sqlalchemy import Connection, select

from ..store.schema import (
    aliases,
    contact_participants,
    contact_sources,
    contacts,
    documents,
    entities,
    offices,
    quotes,
)


def _date(value, lo, hi):
    if lo is None:
        return None
    return lo.isoformat() if lo == hi else {"earliest": lo.isoformat(), "latest": hi.isoformat()}


def gold_records(conn: Connection) -> list[dict]:
    """One record per stored article: its contacts, offices and quotes as that article reported them,
    each person under the fullest name that article gave (the store's name where it gave only a surname)."""
    names = dict(conn.execute(select(entities.c.id, entities.c.name)).all())
    written: dict[tuple[str, int], str] = {}
    people = select(entities.c.id).where(entities.c.kind == "person")
    for r in conn.execute(select(aliases.c.doc_id, aliases.c.entity_id, aliases.c.alias, aliases.c.key)
                          .where(aliases.c.entity_id.in_(people))):
        best = written.get((r.doc_id, r.entity_id))
        if len(r.key.split()) >= 2 and (best is None or len(r.alias) > len(best)):
            written[(r.doc_id, r.entity_id)] = r.alias

    def name(doc_id: str, entity_id: int) -> str:
        return written.get((doc_id, entity_id), names[entity_id])

    parts: dict[int, list[int]] = {}
    for r in conn.execute(select(contact_participants)):
        parts.setdefault(r.contact_id, []).append(r.entity_id)
    out: dict[str, dict] = {}
    for d in conn.execute(select(documents.c.id, documents.c.published).order_by(documents.c.id)):
        out[d.id] = {"doc": d.id, "published": d.published.isoformat(), "contacts": [], "offices": [], "quotes": []}
    q = select(contact_sources, contacts.c.kind).join(contacts, contacts.c.id == contact_sources.c.contact_id)
    for r in conn.execute(q.order_by(contact_sources.c.id)):
        out[r.doc_id]["contacts"].append({"kind": r.kind,
                                          "participants": [name(r.doc_id, e) for e in parts.get(r.contact_id, [])],
                                          "date": _date(r.date_value, r.date_earliest, r.date_latest),
                                          "evidence": r.sentence})
    for r in conn.execute(select(offices).order_by(offices.c.id)):
        out[r.doc_id]["offices"].append({"person": name(r.doc_id, r.person_id), "role": r.role,
                                         "country": r.country, "status": r.status,
                                         "date": _date(r.date_value, r.date_earliest, r.date_latest),
                                         "evidence": r.sentence})
    for r in conn.execute(select(quotes).order_by(quotes.c.id)):
        out[r.doc_id]["quotes"].append({"speaker": name(r.doc_id, r.speaker_id) if r.speaker_id else None,
                                        "starts_with": r.text, "evidence": r.sentence})
    return list(out.values())
