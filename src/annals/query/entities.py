"""Entity search: people, organisations and countries by any name they were given."""

from __future__ import annotations

from sqlalchemy import Connection, func, or_, select

from ..lexicon import fold
from ..store.chunks import chunked
from ..store.schema import aliases, entities
from .records import Entity, Rows


def search(conn: Connection, text: str = "", kind: str | None = None, limit: int | None = 50,
           offset: int = 0) -> Rows[Entity]:
    """Entities any of whose names contains ``text``, by name; ``limit=None`` for all."""
    key = f"%{fold(text)}%"
    q = select(entities).where(or_(entities.c.key.like(key), entities.c.id.in_(
        select(aliases.c.entity_id).where(aliases.c.key.like(key)))))
    if kind:
        q = q.where(entities.c.kind == kind)
    rows = conn.execute(q.order_by(entities.c.name, entities.c.id).limit(limit).offset(offset)).all()
    forms: dict[int, set[str]] = {}
    docs: dict[int, int] = {}
    for ids in chunked([r.id for r in rows]):
        for r in conn.execute(select(aliases.c.entity_id, aliases.c.alias).where(aliases.c.entity_id.in_(ids))):
            forms.setdefault(r.entity_id, set()).add(r.alias)
        docs.update(conn.execute(select(aliases.c.entity_id, func.count(aliases.c.doc_id.distinct()))
                                 .where(aliases.c.entity_id.in_(ids)).group_by(aliases.c.entity_id)).all())
    return Rows((Entity(r.id, r.name, r.kind, r.country, sorted(forms.get(r.id, ())), docs.get(r.id, 0))
                 for r in rows), "entities")
