"""Shared pieces of the read-only queries: the as-of filter, evidence dicts, name lookups."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Connection, select

from ..analyse.actors import name_key, sound
from ..lexicon import fold
from ..store.schema import aliases, documents, entities


def known_docs(as_of: date | None):
    """Documents published by ``as_of`` (all when None), as a subquery of ids."""
    q = select(documents.c.id)
    return q.where(documents.c.published <= as_of) if as_of else q


def evidence(doc_id: str, published: date, start: int, end: int, sentence: str, **extra) -> dict:
    return {"doc": doc_id, "published": published.isoformat(), "start": start, "end": end,
            "sentence": sentence, **extra}


def find_entities(conn: Connection, name: str, kind: str | None = None) -> list[int]:
    """Ids of entities a name can mean: exact key, any alias, or a unique surname match."""
    keys = {name_key(name), fold(name)}
    named = select(entities.c.id).where(entities.c.key.in_(keys)).union(   # a union: each side by its index
        select(aliases.c.entity_id).where(aliases.c.key.in_(keys)))
    q = select(entities.c.id).where(entities.c.id.in_(named))
    if kind:
        q = q.where(entities.c.kind == kind)
    ids = list(dict.fromkeys(conn.execute(q).scalars()))
    if not ids:
        parts = name_key(name).split()
        if parts:
            ids = list(conn.execute(select(entities.c.id).where(entities.c.sound == sound(parts[-1]))).scalars())
    return ids
