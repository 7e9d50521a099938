"""Entity search: people, organisations and countries by any name they were given."""

from __future__ import annotations

from sqlalchemy import Connection, func, or_, select

from ..lexicon import fold
from ..store.schema import aliases, entities


def search(conn: Connection, text: str = "", kind: str | None = None, limit: int = 50,
           offset: int = 0) -> list[dict]:
    key = f"%{fold(text)}%"
    q = select(entities).where(or_(entities.c.key.like(key), entities.c.id.in_(
        select(aliases.c.entity_id).where(aliases.c.key.like(key)))))
    if kind:
        q = q.where(entities.c.kind == kind)
    rows = conn.execute(q.order_by(entities.c.name, entities.c.id).limit(limit).offset(offset)).all()
    forms: dict[int, set[str]] = {}
    for r in conn.execute(select(aliases.c.entity_id, aliases.c.alias).where(
            aliases.c.entity_id.in_([r.id for r in rows]))):
        forms.setdefault(r.entity_id, set()).add(r.alias)
    docs = dict(conn.execute(select(aliases.c.entity_id, func.count(aliases.c.doc_id.distinct()))
                             .where(aliases.c.entity_id.in_([r.id for r in rows]))
                             .group_by(aliases.c.entity_id)).all())
    return [{"id": r.id, "name": r.name, "kind": r.kind, "country": r.country,
             "aliases": sorted(forms.get(r.id, ())), "documents": docs.get(r.id, 0)} for r in rows]
